"""The file format of the training register, ``data/registers/training.yml``.

The register says who holds which role, which courses each role needs (and
which controlled documents each course teaches), and who was trained when.
The models check the form of every value; references between the parts of
the file (a record's person and course, a person's roles) are checked by the
loader, which knows the lines.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, field_validator, model_validator

from sqms.i18n import t
from sqms.schema.documents import INTERVAL_PATTERN, VERSION_PATTERN, YEARS, interval_problem
from sqms.schema.validation import StrictModel, custom_error

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
"""Ids of roles, people and courses: letters, digits, ``-``, ``_`` and ``.``, no spaces."""


def as_text(value: object) -> object:
    """An id or version written bare in YAML (``1001``, ``2.1``) is a number; keep it as text."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _id_form(value: str) -> str:
    """Ids are shown on pages and used in anchors: no spaces or punctuation beyond ``-_.``."""
    if not ID_PATTERN.match(value):
        raise custom_error(t("training.bad_id", id=value))
    return value


def _version_form(value: str) -> str:
    """A version as documents write it: numbers joined by dots."""
    if not VERSION_PATTERN.match(value):
        raise custom_error(t("doc.bad_version", version=value))
    return value


def _plausible_year(value: dt.date) -> dt.date:
    """Dates are computed with: keep them in the years SQMS handles."""
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise custom_error(
            t("doc.date_out_of_range", value=value.isoformat(), first=YEARS[0], last=YEARS[1])
        )
    return value


Ident = Annotated[str, BeforeValidator(as_text), AfterValidator(_id_form)]
DocumentId = Annotated[str, BeforeValidator(as_text)]
Version = Annotated[str, BeforeValidator(as_text), AfterValidator(_version_form)]
Day = Annotated[dt.date, AfterValidator(_plausible_year)]


class Person(StrictModel):
    """Someone who works in the quality management system."""

    id: Ident
    name: str | None = None
    """Shown only when ``publish_names`` is true; otherwise pages show the id."""
    roles: list[Ident] = Field(min_length=1)
    team: str | None = None
    joined: Day | None = None
    left: Day | None = None
    """The last day worked; from then on the person is no longer judged."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> Person:
        if self.joined is not None and self.left is not None and self.left < self.joined:
            raise custom_error(t("training.left_before_joined", left=self.left, joined=self.joined))
        return self


class Course(StrictModel):
    """A course, briefing or read-and-confirm on some documents of the manual."""

    id: Ident
    title: str
    documents: list[DocumentId] = Field(default_factory=list)
    """The controlled documents it teaches; the first is its main document."""
    roles: list[Ident] = Field(default_factory=list)
    """The roles that need it."""
    renew_every: str | None = None
    """How long a training stays valid: ``24 months``, ``1 year``; none: until a new version."""

    @field_validator("renew_every")
    @classmethod
    def _interval_form(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if not INTERVAL_PATTERN.match(value):
            raise custom_error(t("training.bad_interval", value=value))
        problem = interval_problem(value)
        if problem is not None:
            raise custom_error(problem)
        return value


class Record(StrictModel):
    """One person trained on one course on one day."""

    person: Ident
    course: Ident
    date: Day
    version: Version | None = None
    """The version of the course's main document trained on (training may precede its effect)."""


class TrainingSpec(StrictModel):
    """The whole training register."""

    publish_names: bool = False
    """Whether pages may show people's names; by default they show ids only."""
    roles: dict[Ident, str] = Field(min_length=1)
    """Role id → title."""
    people: list[Person] = Field(default_factory=list)
    courses: list[Course] = Field(default_factory=list)
    records: list[Record] = Field(default_factory=list)
