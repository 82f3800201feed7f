"""What the register of risks and opportunities brings to a management review (ISO 9001 9.3.2).

Input e) of the review (the effectiveness of actions taken to address risks
and opportunities): one line linking the register, with the entries open and
treated and the reviews overdue, as of the build's reference date, made from
the register's facts (``analysis``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqms.i18n import t
from sqms.registers.common import RegisterContext
from sqms.registers.risks.analysis import RiskFacts
from sqms.registers.risks.page import RISKS_PAGE
from sqms.text.formatting import format_date
from sqms.text.markup import relative_link

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod


def review_risks(
    facts: RiskFacts, context: RegisterContext, period: ReviewPeriod
) -> dict[str, list[str]]:
    """The line of section e for ``period``: the entries open and treated, as of the date."""
    title, target = t("risks.title"), relative_link(RISKS_PAGE, period.path)
    line = t(
        "risks.review_e",
        link=f"[{title}]({target})",
        date=format_date(context.today),
        open=facts.statuses["open"],
        treated=facts.statuses["treated"],
        overdue=facts.overdue_reviews,
    )
    return {"e": [f"- {line}"]}
