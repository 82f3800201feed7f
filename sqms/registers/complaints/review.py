"""What the complaint register brings to a management review (ISO 9001 9.3.2).

For the review's period, as Markdown lines by section:

- c1 (customer satisfaction): complaints received and the rate per ``per``
  rows of the denominator; the share of final responses whose customer was
  satisfied with the resolution;
- c4 (nonconformities): complaints upheld or partly upheld, by category;
  acknowledgement and resolution against their targets; complaints open, and
  past their standard, at the period's end;
- c7 (external providers): complaints whose root cause is ``supplier``;
- f (opportunities): the category with the most complaints, and repeats.

Each figure is set beside the previous period's when the register covers
it. The state at the period's end is judged on the earliest of the period's
last day, the register's export and the reference date: the register knows
nothing after its export. Counts come from
:mod:`sqms.registers.complaints.tally`; this module only words them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqms.i18n import N_, nt, t
from sqms.registers.common import COMPLAINTS_PAGE, RegisterContext, relative
from sqms.registers.complaints.analysis import ComplaintFigures
from sqms.registers.complaints.sections import clock_word
from sqms.registers.complaints.tally import Rows, Tally, rows_of, tally
from sqms.text.formatting import (
    escape,
    format_count,
    format_date,
    format_period,
    format_value,
)

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod
    from sqms.registers.complaints.register import ComplaintRegister

LISTED = 10
"""How many complaint ids a line names before pointing to the register for the rest."""
REPEAT_LINES: dict[str, str] = {
    "received": N_("review.complaints.repeats.received"),
    "final_response": N_("review.complaints.repeats.final_response"),
}
"""Where the repeat window is measured from (``repeat.measured_from``) → the id of the line."""


def review_complaints(
    register: ComplaintRegister,
    figures: ComplaintFigures,
    context: RegisterContext,
    period: ReviewPeriod,
) -> dict[str, list[str]]:
    """The lines of sections c1, c4, c7 and f for ``period`` (sections without input left out)."""
    rows = rows_of(register, figures)
    as_of = min(period.end, figures.today)
    now = tally(rows, figures, period.start, period.end, as_of)
    previous = period.previous()
    before = None
    if _covers(rows, previous):
        before = tally(rows, figures, previous.start, previous.end, min(previous.end, as_of))
    review = _Review(register, context, period, now, before, as_of, figures.today)
    sections = {"c1": review.c1(), "c4": review.c4(), "c7": review.c7(), "f": review.f()}
    return {key: lines for key, lines in sections.items() if lines}


def _covers(rows: Rows, period: ReviewPeriod) -> bool:
    """Whether the register holds complaints received by the end of ``period``."""
    first = rows.day.min()
    return bool(first == first and first.date() <= period.end)


def _change(now: int, before: int) -> str:
    """``5 more``, ``5 fewer`` or ``no change``."""
    if now > before:
        return t("review.complaints.more", count=format_count(now - before))
    if now < before:
        return t("review.complaints.fewer", count=format_count(before - now))
    return t("review.complaints.same")


def percent(part: int, whole: int) -> str:
    """``part / whole`` as a percentage, ``—`` of nothing."""
    return format_value(part / whole if whole else None, "percent")


class _Review:
    """The lines of one period, compared with the one before when known."""

    def __init__(
        self,
        register: ComplaintRegister,
        context: RegisterContext,
        period: ReviewPeriod,
        now: Tally,
        before: Tally | None,
        as_of: dt.date,
        judged: dt.date,
    ) -> None:
        self.register = register
        self.context = context
        self.period = period
        self.now = now
        self.before = before
        self.as_of = as_of
        self.judged = judged
        """The day the register's page judges targets on (its export, or today)."""
        self.label = format_period(period.label)
        """The period as the text names it, in the site's language."""
        self.previous = format_period(period.previous().label)

    def versus(self, value: str) -> str:
        """`` (2026-Q2: 75.0%)``, or nothing without a previous period."""
        if self.before is None:
            return ""
        return t("review.complaints.before", previous=self.previous, value=value)

    def versus_count(self, now: int, before: int | None) -> str:
        """`` (2026-Q2: 57, 5 fewer)``, or nothing without a previous period."""
        if self.before is None or before is None:
            return ""
        return t(
            "review.complaints.before_change",
            previous=self.previous,
            value=format_count(before),
            change=_change(now, before),
        )

    def ids(self, ids: list[str]) -> str:
        """The first ids as links to their rows in the register, then how many more."""
        period = self.period
        shown = [self.context.link("complaint", i, period.path) for i in ids[:LISTED]]
        if len(ids) > LISTED:
            link = relative(COMPLAINTS_PAGE, period.path)
            shown.append(t("review.complaints.more_listed", count=len(ids) - LISTED, link=link))
        return t("diag.list_separator").join(shown)

    def c1(self) -> list[str]:
        """Complaints received and their rate; satisfaction with the resolution."""
        now, before, label = self.now, self.before, self.label
        lines: list[str] = []
        if self.judged < self.period.end:
            lines += [
                t("review.complaints.partial", date=format_date(self.judged), period=label),
                "",
            ]
        count = self.versus_count(now.received, None if before is None else before.received)
        if now.received:
            received = t(
                "review.complaints.received",
                period=label,
                count=format_count(now.received),
                before=count,
            )
        else:
            received = t("review.complaints.none", period=label, before=count)
        lines.append(f"- {received}")
        lines += self.rate()
        return lines + self.satisfaction()

    def rate(self) -> list[str]:
        """Complaints per ``per`` rows of the denominator in the period."""
        source, now = self.register.rate, self.now
        if source is None or not now.base:
            return []
        previous = None if self.before is None else self.before.base
        value = self.rate_text(self.before.received if self.before else 0, previous)
        text = t(
            "review.complaints.rate",
            period=self.label,
            rate=self.rate_text(now.received, now.base),
            per=f"{source.per:,}",
            dataset=escape(source.dataset.name),
            before=self.versus(value),
        )
        return [f"- {text}"]

    def rate_text(self, complaints: int, base: int | None) -> str:
        """Complaints per ``per`` rows, two decimals; ``—`` without rows."""
        assert self.register.rate is not None
        per = self.register.rate.per
        return format_value(complaints / base * per if base else None, "number", 2)

    def satisfaction(self) -> list[str]:
        """Satisfied with the resolution, among the period's final responses with an answer."""
        if "satisfied" not in self.register.columns or "resolved" not in self.register.columns:
            return []
        now, before, label = self.now, self.before, self.label
        if not now.answered:
            return ["- " + t("review.complaints.satisfied_none", period=label)]
        value = "" if before is None else percent(before.satisfied, before.answered)
        text = t(
            "review.complaints.satisfied",
            share=percent(now.satisfied, now.answered),
            yes=format_count(now.satisfied),
            answered=format_count(now.answered),
            period=label,
            before=self.versus(value),
        )
        return [f"- {text}"]

    def c4(self) -> list[str]:
        """Upheld complaints by category, targets met, and what was open at the period's end."""
        return self.upheld() + self.targets() + self.open()

    def upheld(self) -> list[str]:
        """Complaints upheld or partly upheld, dated by their final response."""
        if "outcome" not in self.register.columns or "resolved" not in self.register.columns:
            return []
        now, before, label = self.now, self.before, self.label
        count = self.versus_count(now.upheld, None if before is None else before.upheld)
        if not now.upheld:
            return ["- " + t("review.complaints.upheld_none", period=label, before=count)]
        text = t(
            "review.complaints.upheld", period=label, count=format_count(now.upheld), before=count
        )
        lines = [f"- {text}"]
        if now.upheld_by:
            lines.append("- " + t("review.complaints.upheld_top", categories=_items(now.upheld_by)))
        return lines

    def targets(self) -> list[str]:
        """Acknowledgement and resolution in time, for the complaints received in the period."""
        spec, now, before = self.register.spec, self.now, self.before
        if not now.received:
            return []
        lines = []
        if spec.acknowledge is not None and now.ack[1]:
            hours = spec.acknowledge.within_hours
            text = t(
                "review.complaints.acknowledged",
                period=self.label,
                hours=format_value(hours, "number", 0 if hours.is_integer() else 1),
                clock=clock_word(self.register.business_hours),
                share=percent(*now.ack),
                within=format_count(now.ack[0]),
                judged=format_count(now.ack[1]),
                date=format_date(self.judged),
                before=self.versus("" if before is None else percent(*before.ack)),
            )
            lines.append(f"- {text}")
        if spec.resolve is not None and "resolved" in self.register.columns and now.res[1]:
            text = t(
                "review.complaints.resolved",
                period=self.label,
                share=percent(*now.res),
                within=format_count(now.res[0]),
                judged=format_count(now.res[1]),
                date=format_date(self.judged),
                before=self.versus("" if before is None else percent(*before.res)),
            )
            lines.append(f"- {text}")
        return lines

    def open(self) -> list[str]:
        """Complaints open on the "as of" day, and those past their standard, linked."""
        if "resolved" not in self.register.columns:
            return []
        now, before = self.now, self.before
        count = self.versus_count(now.open, None if before is None else before.open)
        if not now.open:
            return [
                "- " + t("review.complaints.open_none", date=format_date(self.as_of), before=count)
            ]
        values = {"date": format_date(self.as_of), "open": format_count(now.open), "before": count}
        if self.register.spec.resolve is None:
            return ["- " + t("review.complaints.open", **values)]
        if not now.overdue:
            return ["- " + t("review.complaints.open_in_time", **values)]
        text = t(
            "review.complaints.open_overdue",
            overdue=format_count(len(now.overdue)),
            ids=self.ids(now.overdue),
            **values,
        )
        return [f"- {text}"]

    def c7(self) -> list[str]:
        """Complaints received in the period whose root cause is a supplier, linked."""
        if "root_cause" not in self.register.columns:
            return []
        now, before, label = self.now, self.before, self.label
        found = len(now.supplier)
        count = self.versus_count(found, None if before is None else len(before.supplier))
        if found:
            text = t(
                "review.complaints.supplier",
                period=label,
                count=format_count(found),
                before=count,
                ids=self.ids(now.supplier),
            )
        else:
            text = t("review.complaints.supplier_none", period=label, before=count)
        lines = [f"- {text}"]
        if now.no_cause:
            no_cause = t("review.complaints.no_cause", period=label, count=now.no_cause)
            lines.append(f"- {no_cause}")
        return lines

    def f(self) -> list[str]:
        """The category with the most complaints, and the repeat complaints, as opportunities."""
        now, label = self.now, self.label
        if not now.received:
            return ["- " + t("review.complaints.none", period=label, before="")]
        lines = []
        if now.categories:
            count = now.categories[0][1]
            names = t("diag.list_separator").join(escape(name) for name, _ in now.categories)
            values = {
                "categories": names,
                "period": label,
                "count": format_count(count),
                "total": format_count(now.received),
                "share": percent(count, now.received),
            }
            text = (
                t("review.complaints.top_category", **values)
                if len(now.categories) == 1
                else t("review.complaints.top_categories", **values)
            )
            lines.append(f"- {text}")
        if self.register.columns.keys() >= {"customer", "category"}:
            repeat = self.register.spec.repeat
            before = None if self.before is None else self.before.repeats
            text = nt(
                REPEAT_LINES[repeat.measured_from],
                repeat.within_days,
                period=label,
                days=repeat.within_days,
                count=format_count(now.repeats),
                before=self.versus_count(now.repeats, before),
            )
            lines.append(f"- {text}")
        return lines


def _items(pairs: list[tuple[str, int]]) -> str:
    """``billing error (7), slow response (5)``, names escaped."""
    return t("diag.list_separator").join(
        t("review.complaints.item", name=escape(name), count=format_count(count))
        for name, count in pairs
    )
