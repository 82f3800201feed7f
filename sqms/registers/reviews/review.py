"""What the management review register brings to a period's management review page.

After the inputs of ISO 9001 9.3.2, a period's review page shows the review
held for it (the outputs of 9.3.3 as decided), in the same form as on the
register page, or says plainly that none is recorded and where to record
it. Made from the register's facts (``analysis``) and the review's detail
(``page``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqms.i18n import t
from sqms.registers.common import RegisterContext, anchor
from sqms.registers.reviews.analysis import ReviewsFacts, held_for
from sqms.registers.reviews.page import REVIEWS_FILE, REVIEWS_PAGE, review_detail
from sqms.text.formatting import format_period
from sqms.text.markup import code, escape, relative_link

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod


def no_review_held(period: ReviewPeriod) -> list[str]:
    """The "review held" section of a period no review is recorded for."""
    shown = escape(format_period(period.label))
    text = t("reviews.none_held", period=shown, file=code(REVIEWS_FILE))
    title, warning = t("reviews.held_title"), t("reviews.not_held")
    return [f"### {title}", "", f'!!! warning "{warning}"', "", f"    {text}", ""]


def review_held(facts: ReviewsFacts, context: RegisterContext, period: ReviewPeriod) -> list[str]:
    """The "review held" section of ``period``'s management review page."""
    reviews = held_for(facts, period.label)
    if not reviews:
        return no_review_held(period)
    lines = ["### " + t("reviews.held_title"), ""]
    for review in reviews:
        target = relative_link(f"{REVIEWS_PAGE}#{anchor(review.id)}", period.path)
        lines += [f"**[{escape(review.id)}]({target})**", ""]
        lines += review_detail(review, facts, context, period.path, "####")
    return lines
