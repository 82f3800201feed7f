"""The training register as tables: the package's layer between the file format and the judgement.

:mod:`~sqms.registers.training.spec` validates the file as nested models;
the judgement (:mod:`~sqms.registers.training.analysis`) works on whole
tables, never row by row. This module flattens the validated register into
long tables with explicit dtypes, once, for the page and for every review
period to judge.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from sqms.registers.training.spec import TrainingSpec


@dataclass(frozen=True)
class TrainingFrames:
    """The register as long tables (one row per person, role, course, document, record)."""

    people: pd.DataFrame
    """person, name, team, joined, left."""
    person_roles: pd.DataFrame
    """person, role."""
    courses: pd.DataFrame
    """course, title, renew_every."""
    course_roles: pd.DataFrame
    """course, role."""
    course_documents: pd.DataFrame
    """course, document, main (the first document of the course)."""
    records: pd.DataFrame
    """person, course, date, version."""


def _frame(rows: Sequence[dict[str, Any]], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A table with the given columns and dtypes, also when there are no rows."""
    frame = pd.DataFrame(list(rows), columns=list(dtypes))
    return frame.astype(dict(dtypes))


def training_frames(spec: TrainingSpec) -> TrainingFrames:
    """Flatten the validated register into tables with explicit dtypes."""
    text, date = "string", "datetime64[s]"
    people = _frame(
        [p.model_dump(include={"id", "name", "team", "joined", "left"}) for p in spec.people],
        {"id": text, "name": text, "team": text, "joined": date, "left": date},
    ).rename(columns={"id": "person"})
    person_roles = _frame(
        [{"person": p.id, "role": r} for p in spec.people for r in p.roles],
        {"person": text, "role": text},
    )
    courses = _frame(
        [{"course": c.id, "title": c.title, "renew_every": c.renew_every} for c in spec.courses],
        {"course": text, "title": text, "renew_every": text},
    )
    course_roles = _frame(
        [{"course": c.id, "role": r} for c in spec.courses for r in c.roles],
        {"course": text, "role": text},
    )
    course_documents = _frame(
        [
            {"course": c.id, "document": d, "main": i == 0}
            for c in spec.courses
            for i, d in enumerate(c.documents)
        ],
        {"course": text, "document": text, "main": "bool"},
    )
    records = _frame(
        [r.model_dump() for r in spec.records],
        {"person": text, "course": text, "date": date, "version": text},
    )
    return TrainingFrames(people, person_roles, courses, course_roles, course_documents, records)
