"""The file format of the internal audit register, ``data/registers/audits.yml``.

The register is the audit programme: every audit planned, when it was held,
the clauses it covered, and what it found. Findings are nonconformities,
observations or opportunities for improvement; a nonconformity is followed up
by an improvement action and closed once the action is verified. The models
check the form of every value; the loader checks what the file says about
itself (findings only on held audits, dates in order, duplicate ids).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from sqms.i18n import t
from sqms.registers.training.spec import DocumentId, Ident, as_text
from sqms.schema.validation import StrictModel, custom_error

CLAUSE_PATTERN = re.compile(r"^(?:[A-Za-z][A-Za-z0-9_-]*:)?\d+(\.\d+)*$")
"""A clause of a standard: ``8.5.1``, ``7.2``, ``10``, or another framework's ``ISO10002:7.4``."""

FindingType = Literal["nonconformity", "observation", "opportunity"]
FINDING_TYPES: tuple[FindingType, ...] = ("nonconformity", "observation", "opportunity")


def _clause_form(value: str) -> str:
    """Clause ids are numbers joined by dots (with a framework prefix for a non-default one).

    Whether the clause exists is checked against ``data/frameworks/`` with every
    other clause of the project.
    """
    if not CLAUSE_PATTERN.match(value):
        raise custom_error(t("audits.bad_clause", clause=value))
    return value


Clause = Annotated[str, BeforeValidator(as_text), AfterValidator(_clause_form)]
"""A clause written bare in YAML (``7.2``) is a number: kept as text (quote ``"7.10"``)."""


class Finding(StrictModel):
    """What an audit found against one clause."""

    id: Ident
    type: FindingType
    clause: Clause
    statement: str
    documents: list[DocumentId] = Field(default_factory=list)
    """The documents the finding concerns."""
    action: Ident | None = None
    """The improvement action that treats it (expected for a nonconformity)."""
    closed: dt.date | None = None
    """When the finding was verified as closed; absent: still open."""


class Audit(StrictModel):
    """One audit of the programme, planned and (once done) held."""

    id: Ident
    title: str
    planned: dt.date
    held: dt.date | None = None
    """When the audit took place; absent: not held yet."""
    scope: list[Clause] = Field(min_length=1)
    """The clauses audited."""
    auditor: str
    """The lead auditor, as a person id or a role: shown on the page as written."""
    documents: list[DocumentId] = Field(default_factory=list)
    """The documents audited."""
    findings: list[Finding] = Field(default_factory=list)


class AuditsSpec(StrictModel):
    """The whole audit register."""

    audits: list[Audit] = Field(min_length=1)
