"""The front matter of a controlled manual document.

Every document of the manual — policy, procedure, work instruction, form,
knowledge article — says who owns it, which version is current, whether and
when it was approved, and when it must be reviewed again. This is what an
auditor checks first, so the build refuses a document whose control data is
incomplete.

Front matter comes from pull requests, so every value that drives work is
bounded: a review interval of 100,000 years or an approval in the year 9999
would overflow date arithmetic when the review date is computed, and a list
of thousands of related documents would cost a search for each.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from sqms.diagnostics import shorten
from sqms.i18n import N_, nt, t
from sqms.schema.plan import ClauseList
from sqms.schema.validation import StrictModel, custom_error

DocType = Literal["policy", "manual", "procedure", "instruction", "form", "knowledge"]
DocStatus = Literal["draft", "in-review", "approved", "obsolete"]

TYPE_WORDS: dict[str, str] = {
    "policy": N_("doc.type.policy"),
    "manual": N_("doc.type.manual"),
    "procedure": N_("doc.type.procedure"),
    "instruction": N_("doc.type.instruction"),
    "form": N_("doc.type.form"),
    "knowledge": N_("doc.type.knowledge"),
}
"""Each :data:`DocType` → the message id naming it in words ("Procedure")."""
STATUS_WORDS: dict[str, str] = {
    "draft": N_("doc.status.draft"),
    "in-review": N_("doc.status.in-review"),
    "approved": N_("doc.status.approved"),
    "obsolete": N_("doc.status.obsolete"),
}
"""Each :data:`DocStatus` → the message id naming it in words ("Approved")."""

ID_PATTERN = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$")
VERSION_PATTERN = re.compile(r"^\d+(?:\.\d+){0,2}$")
INTERVAL_PATTERN = re.compile(r"^\s*(\d+)\s*(day|week|month|year)s?\s*$")
MAX_REVIEW_YEARS = 10
_MAX_INTERVAL = {"day": 3653, "week": 522, "month": 12 * MAX_REVIEW_YEARS, "year": MAX_REVIEW_YEARS}
"""The longest review interval in each unit: ten years."""
YEARS = (1900, 2200)
"""Approval, effective and review dates must fall in these years (both included)."""
MAX_LIST_ITEMS = 200
"""The most clauses, or related documents, one document may name."""


def _as_text(value: object) -> object:
    """``version: 2`` is a number in YAML; a version is text."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


Version = Annotated[str, BeforeValidator(_as_text)]


class DocumentMeta(StrictModel):
    """Document control data, from a page's front matter."""

    id: str
    title: str
    type: DocType
    version: Version
    status: DocStatus
    owner: str
    approved_by: str | None = None
    approved_on: dt.date | None = None
    effective_on: dt.date | None = None
    review_every: str | None = None
    """How often the document is reviewed: ``12 months``, ``2 years``, ``90 days``."""
    next_review: dt.date | None = None
    clauses: ClauseList = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise custom_error(t("doc.bad_id", id=shorten(value)))
        return value

    @field_validator("version")
    @classmethod
    def _version_form(cls, value: str) -> str:
        if not VERSION_PATTERN.match(value):
            raise custom_error(t("doc.bad_version", version=shorten(value)))
        return value

    @field_validator("review_every")
    @classmethod
    def _interval_form(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if INTERVAL_PATTERN.match(value) is None:
            raise custom_error(t("doc.bad_interval", value=shorten(value)))
        problem = interval_problem(value)
        if problem is not None:
            raise custom_error(problem)
        return value

    @field_validator("approved_on", "effective_on", "next_review")
    @classmethod
    def _plausible_date(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not YEARS[0] <= value.year <= YEARS[1]:
            raise custom_error(
                t("doc.date_out_of_range", value=value.isoformat(), first=YEARS[0], last=YEARS[1])
            )
        return value

    @field_validator("clauses", "related")
    @classmethod
    def _not_too_many(cls, value: list[str]) -> list[str]:
        if len(value) > MAX_LIST_ITEMS:
            raise custom_error(
                nt("doc.too_many", MAX_LIST_ITEMS, limit=MAX_LIST_ITEMS, count=f"{len(value):,}")
            )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> DocumentMeta:
        if self.status in ("approved", "obsolete"):
            missing = [k for k in ("approved_by", "approved_on") if getattr(self, k) is None]
            if missing:
                raise custom_error(
                    t("doc.needs_approval", status=self.status, keys=", ".join(missing))
                )
        if self.status == "approved" and self.review_every is None and self.next_review is None:
            raise custom_error(t("doc.needs_review"))
        if self.review_every is not None and self.next_review is not None:
            raise custom_error(t("doc.review_one_way"))
        if self.approved_on and self.effective_on and self.effective_on < self.approved_on:
            raise custom_error(t("doc.effective_before_approval"))
        return self

    def review_due(self) -> dt.date | None:
        """When the document must next be reviewed, if it is in force."""
        if self.status in ("draft", "obsolete"):
            return None
        if self.next_review is not None:
            return self.next_review
        if self.review_every is None or self.approved_on is None:
            return None
        return add_interval(self.approved_on, self.review_every)


def interval_problem(interval: str) -> str | None:
    """Why a well-formed interval (``12 months``) is too long to compute with; None if it is not.

    Anything above :data:`MAX_REVIEW_YEARS` is refused, so that adding it to a
    date of the allowed years never overflows.
    """
    match = INTERVAL_PATTERN.match(interval)
    if match is None:
        return None
    digits, unit = match.groups()
    # Too many digits is too long before it is even a number.
    if len(digits.lstrip("0")) > 6 or int(digits) > _MAX_INTERVAL[unit]:
        return nt(
            "doc.interval_too_long",
            MAX_REVIEW_YEARS,
            value=shorten(interval),
            limit=MAX_REVIEW_YEARS,
        )
    return None


def add_interval(start: dt.date, interval: str) -> dt.date:
    """``start`` plus ``12 months`` (or days, weeks, years), clamped to the month's last day."""
    match = INTERVAL_PATTERN.match(interval)
    if match is None:
        raise ValueError(interval)
    count, unit = int(match.group(1)), match.group(2)
    if unit == "day":
        return start + dt.timedelta(days=count)
    if unit == "week":
        return start + dt.timedelta(weeks=count)
    months = count * (12 if unit == "year" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    last_day = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(start.day, last_day))
