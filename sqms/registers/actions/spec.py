"""The format of ``data/registers/actions.yml``: improvement actions and their checks.

An action (corrective or preventive, ISO 9001 10.2 and 6.1) records where it
came from, the problem and its root cause, the steps with an owner and a due
date, its PDCA stage, and how its effect is checked: one indicator of the
quality plan compared over a baseline window and a follow-up window of whole
periods. These models check each record on its own; what needs the whole file
or the quality plan (duplicate ids, dates in order, a breakdown the indicator
has) is checked by :mod:`sqms.registers.actions.checks`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from sqms.i18n import nt, t
from sqms.schema.documents import YEARS
from sqms.schema.validation import StrictModel, custom_error

ActionKind = Literal["corrective", "preventive"]
SourceType = Literal["complaint", "indicator", "signal", "audit", "review"]
Status = Literal["plan", "do", "check", "act", "closed"]
Category = Literal["process", "people", "system", "supplier", "policy", "unknown"]
STATUSES: tuple[Status, ...] = ("plan", "do", "check", "act", "closed")
"""The PDCA stages in order; ``closed`` once the action is finished."""
SOURCE_KINDS = {
    "complaint": "complaint",
    "indicator": "indicator",
    "signal": "indicator",
    "audit": "finding",
}
"""What a source's ``refs`` name, by source type (a review's refs are free text)."""
DEFAULT_FLAG_MISSES_AFTER = 3

WINDOW_SEPARATOR = ".."
LABEL_FORMS = {
    "week": re.compile(r"\d{4}-W(0[1-9]|[1-4]\d|5[0-3])"),
    "month": re.compile(r"\d{4}-(0[1-9]|1[0-2])"),
    "quarter": re.compile(r"\d{4}-Q[1-4]"),
    "year": re.compile(r"\d{4}"),
}
"""A period label of each kind, as the results table writes it."""
LABEL_EXAMPLES = {"week": "2026-W05", "month": "2026-03", "quarter": "2026-Q1", "year": "2026"}
MAX_WINDOW_YEARS = 10
"""The longest baseline or follow-up window."""
MAX_SPAN_YEARS = 20
"""The longest time from the first baseline period to the last follow-up period."""
_MAX_DAYS = {MAX_WINDOW_YEARS: 3653, MAX_SPAN_YEARS: 7305}
"""Those limits in days: the years plus every 29 February they can hold."""


def label_kind(label: str) -> str | None:
    """The kind of period a label names (``2026-03`` → ``month``), None if it names none."""
    return next((kind for kind, form in LABEL_FORMS.items() if form.fullmatch(label)), None)


def window_ends(window: str) -> tuple[str, str]:
    """The first and last period of a window: ``2025-09..2026-02`` → ``(2025-09, 2026-02)``."""
    first, _, last = window.partition(WINDOW_SEPARATOR)
    return first.strip(), (last.strip() or first.strip())


def period_days(label: str) -> tuple[dt.date, dt.date]:
    """The first day of the period a label names and the first day after it.

    ``label`` is a well-formed label (:func:`label_kind` is not None) of the years
    :data:`~sqms.schema.documents.YEARS`; a week 53 of a year without one counts as its week 52.
    """
    year = int(label[:4])
    kind = label_kind(label)
    if kind == "week":
        week = int(label[6:])
        try:
            monday = dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            monday = dt.date.fromisocalendar(year, 52, 1)
        return monday, monday + dt.timedelta(weeks=1)
    if kind == "year":
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    first_month = (int(label[6]) - 1) * 3 + 1 if kind == "quarter" else int(label[5:7])
    months = 3 if kind == "quarter" else 1
    after_year, after_month = divmod(first_month - 1 + months, 12)
    return dt.date(year, first_month, 1), dt.date(year + after_year, after_month + 1, 1)


def _too_long(first: str, last: str, years: int) -> bool:
    """Whether the periods from ``first`` to ``last`` cover more than ``years`` years."""
    return (period_days(last)[1] - period_days(first)[0]).days > _MAX_DAYS[years]


def _plausible_year(value: dt.date) -> dt.date:
    """Dates are computed with: keep them in the years SQMS handles."""
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise custom_error(
            t("doc.date_out_of_range", value=value.isoformat(), first=YEARS[0], last=YEARS[1])
        )
    return value


Day = Annotated[dt.date, AfterValidator(_plausible_year)]


def _as_text(value: object) -> object:
    """A bare YAML number (``2025``, a period label) or a single string kept as text."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _as_list(value: object) -> object:
    """One reference written without brackets becomes a list of one."""
    return [value] if isinstance(value, str) else value


def _none_as_empty(value: object) -> object:
    """``actions:`` with nothing under it is an empty list, not an error."""
    return [] if value is None else value


Text = Annotated[str, BeforeValidator(_as_text)]
Refs = Annotated[list[str], BeforeValidator(_as_list)]


class Source(StrictModel):
    """Where the action came from: the complaints, indicator, finding or review behind it."""

    type: SourceType
    refs: Refs = Field(default_factory=list)
    """Complaint ids, indicator ids, audit finding ids; for a review, free text."""
    note: str | None = None
    """What the source showed, in a sentence (``WE1 signal on Chengdu L1, June 2025``)."""

    @model_validator(mode="after")
    def _names_its_items(self) -> Source:
        """Every source but a review names the ids behind it."""
        if self.type != "review" and not self.refs:
            raise custom_error(t("actions.source_needs_refs", type=self.type))
        return self


class RootCause(StrictModel):
    """The cause found (QP-08 step 3): a category, the 5 whys, or both."""

    category: Category | None = None
    whys: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _says_something(self) -> RootCause:
        """A root cause gives a category, the whys, or both."""
        if self.category is None and not self.whys:
            raise custom_error(t("actions.root_cause_empty"))
        return self


class Step(StrictModel):
    """One step of the plan: what is done, by whom, by when, and when it was done."""

    what: str
    owner: str
    due: Day
    done: Day | None = None


class Effectiveness(StrictModel):
    """How the effect is checked: an indicator before and after, over whole periods."""

    indicator: str
    breakdown: dict[str, Text] | None = None
    """One dimension the indicator is broken down ``by`` and its value: ``{channel: chat}``."""
    baseline: Text
    """The periods before the action: ``2025-09..2026-02`` (or a single period)."""
    follow_up: Text
    """The periods after it, in which the effect must show: ``2026-04..2026-09``."""
    min_change: float | None = Field(default=None, ge=0)
    """The least improvement that counts, in the indicator's unit (0.02: 2 points of a percent)."""
    meet_target: bool | None = None
    """Whether the follow-up must also meet the target (default: yes when there is one)."""

    @field_validator("breakdown")
    @classmethod
    def _one_dimension(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        """A check looks at one breakdown value at most."""
        if value is not None and len(value) != 1:
            raise custom_error(t("actions.breakdown_one"))
        return value

    @field_validator("baseline", "follow_up")
    @classmethod
    def _whole_periods(cls, value: str) -> str:
        """A window is whole periods of one kind, in order, in range; written ``first..last``."""
        first, last = window_ends(value)
        kinds = {label_kind(first), label_kind(last)}
        if None in kinds or len(kinds) != 1:
            raise custom_error(t("actions.bad_window", window=value))
        if last < first:
            raise custom_error(t("actions.window_backwards", window=value))
        if not all(YEARS[0] <= int(end[:4]) <= YEARS[1] for end in (first, last)):
            raise custom_error(
                t("doc.date_out_of_range", value=value, first=YEARS[0], last=YEARS[1])
            )
        if _too_long(first, last, MAX_WINDOW_YEARS):
            raise custom_error(
                nt("doc.interval_too_long", MAX_WINDOW_YEARS, value=value, limit=MAX_WINDOW_YEARS)
            )
        return f"{first}{WINDOW_SEPARATOR}{last}"

    @model_validator(mode="after")
    def _span_bounded(self) -> Effectiveness:
        """From the baseline's start to the follow-up's end is not too long."""
        ends = [*window_ends(self.baseline), *window_ends(self.follow_up)]
        first = min(ends, key=lambda label: period_days(label)[0])
        last = max(ends, key=lambda label: period_days(label)[1])
        if _too_long(first, last, MAX_SPAN_YEARS):
            raise custom_error(
                nt(
                    "actions.span_too_long",
                    MAX_SPAN_YEARS,
                    baseline=self.baseline,
                    follow_up=self.follow_up,
                    limit=MAX_SPAN_YEARS,
                )
            )
        return self

    @property
    def dimension(self) -> tuple[str, str]:
        """The breakdown as ``(dim, value)``; ``("", "")`` for the indicator's total."""
        if not self.breakdown:
            return "", ""
        dim, value = next(iter(self.breakdown.items()))
        return dim, value


class Action(StrictModel):
    """One improvement action: corrective or preventive."""

    id: Text
    title: str
    kind: ActionKind
    source: Source
    opened: Day
    owner: str
    """Who answers for the action: a role (the page is published), not a person's name."""
    problem: str
    root_cause: RootCause | None = None
    steps: list[Step] = Field(default_factory=list)
    status: Status
    closed: Day | None = None
    indicators: list[str] = Field(default_factory=list)
    complaints: list[str] = Field(default_factory=list)
    documents: list[str] = Field(default_factory=list)
    effectiveness: Effectiveness | None = None
    notes: str | None = None
    """The result recorded at the check or at closure, in words."""

    @field_validator("id")
    @classmethod
    def _plain_id(cls, value: str) -> str:
        """An id is letters, digits, dots, dashes and underscores: it names a page."""
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", value):
            raise custom_error(t("actions.bad_id", id=value))
        return value

    def open_steps(self) -> list[Step]:
        """Steps not done yet, earliest due first."""
        return sorted((s for s in self.steps if s.done is None), key=lambda s: s.due)

    def linked_indicators(self) -> list[str]:
        """Every indicator the action is about: linked, checked, or its source."""
        found = list(self.indicators)
        if self.effectiveness is not None:
            found.append(self.effectiveness.indicator)
        if self.source.type in ("indicator", "signal"):
            found.extend(self.source.refs)
        return list(dict.fromkeys(found))


class ActionsFile(StrictModel):
    """The whole ``actions.yml``."""

    flag_misses_after: int = Field(default=DEFAULT_FLAG_MISSES_AFTER, ge=1, le=24)
    """An indicator that missed its target in each of this many latest complete periods,
    with no open action linked to it, needs attention."""
    actions: Annotated[list[Action], BeforeValidator(_none_as_empty)] = Field(default_factory=list)
