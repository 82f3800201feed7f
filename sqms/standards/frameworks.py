"""Frameworks: the clauses of the standards the manual is evidence for.

Each file of ``data/frameworks/`` holds one standard's clause ids and short
titles (never the standard's text). One framework is the default: its
clauses are named bare (``8.5.1``); the others with their id as a prefix
(``ISO10002:7.4``). Every clause the manual, the plan and the registers name
must exist in a framework once any framework is declared.

A framework is ``certifiable`` (a requirements standard such as ISO 9001, the
default) or ``guidance`` (guidelines such as ISO 10002, which no certification
body certifies against): the clause matrix words the latter as how far the
system follows the guidance, never as conformity gaps. ``notes`` add a short
remark to a clause (an amendment that changed it). ``data/applicability.yml``
declares the clauses that do not apply (see :mod:`sqms.standards.applicability`).

The folder and its files come from pull requests: a framework file (or the
folder) that is a link leading out of the data folder is never opened (see
:mod:`sqms.io.data_paths`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from sqms.diagnostics import Report
from sqms.i18n import did_you_mean, t
from sqms.io.data_paths import may_open
from sqms.io.yamlsource import line_of
from sqms.schema.validation import StrictModel, custom_error, load_validated

FRAMEWORKS_DIR = "frameworks"
CLAUSE_ID = re.compile(r"^\d+(?:\.\d+)*$")
FRAMEWORK_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
FrameworkKind = Literal["certifiable", "guidance"]


def _clause_key(value: object) -> object:
    """Clause ids must be quoted in YAML: ``4.10`` unquoted would be the number 4.1."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise custom_error(t("framework.unquoted", value=value))
    return value


ClauseId = Annotated[str, BeforeValidator(_clause_key)]


class FrameworkFile(StrictModel):
    """One ``data/frameworks/*.yml`` file."""

    id: str
    title: str
    equivalent: str | None = None
    """A national adoption with identical content, e.g. GB/T 19001-2016."""
    default: bool = False
    kind: FrameworkKind = "certifiable"
    """``guidance`` for guidelines no certification body certifies against (ISO 10002)."""
    clauses: dict[ClauseId, str] = Field(min_length=1)
    notes: dict[ClauseId, str] = Field(default_factory=dict)
    """A short remark on a clause of ``clauses``, e.g. what an amendment added to it."""

    @field_validator("id")
    @classmethod
    def _id_form(cls, value: str) -> str:
        if not FRAMEWORK_ID.match(value):
            raise custom_error(t("framework.bad_id", id=value))
        return value

    @field_validator("clauses")
    @classmethod
    def _clause_form(cls, value: dict[str, str]) -> dict[str, str]:
        bad = [key for key in value if not CLAUSE_ID.match(key)]
        if bad:
            raise custom_error(t("framework.bad_clause", clause=bad[0]))
        return value

    @model_validator(mode="after")
    def _notes_on_clauses(self) -> FrameworkFile:
        unknown = [key for key in self.notes if key not in self.clauses]
        if unknown:
            hint = did_you_mean(unknown[0], self.clauses)
            raise custom_error(t("framework.note_unknown", clause=unknown[0], hint=hint))
        return self


@dataclass(frozen=True)
class Framework:
    """A standard's clauses, in the order the file lists them."""

    id: str
    title: str
    equivalent: str | None
    clauses: dict[str, str]
    display: str
    kind: str = "certifiable"
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def guidance(self) -> bool:
        """Guidelines, not requirements: never counted as certification gaps."""
        return self.kind == "guidance"


@dataclass
class Frameworks:
    """Every framework of the project, and which one bare clause ids belong to."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    default: str | None = None
    not_applicable: dict[str, str] = field(default_factory=dict)
    """Qualified clause (``ISO9001:8.3``) → why it does not apply (``data/applicability.yml``)."""

    def resolve(self, clause: str) -> tuple[str, str] | None:
        """``"8.5.1"`` → ``("ISO9001", "8.5.1")``, ``"ISO10002:7.4"`` likewise; None if unknown."""
        prefix, _, number = clause.rpartition(":")
        framework = (
            self.frameworks.get(prefix) if prefix else self.frameworks.get(self.default or "")
        )
        if framework is None or number not in framework.clauses:
            return None
        return framework.id, number

    def problem(self, clause: str) -> str | None:
        """Why ``clause`` names no known clause (with a hint), None if it does."""
        if self.resolve(clause) is not None:
            return None
        prefix, _, number = clause.rpartition(":")
        if prefix and prefix not in self.frameworks:
            hint = did_you_mean(prefix, self.frameworks)
            return t("framework.unknown_framework", framework=prefix, hint=hint)
        framework = self.frameworks.get(prefix or self.default or "")
        if framework is None:
            return t("framework.no_default", clause=clause)
        hint = did_you_mean(number, framework.clauses)
        return t("framework.unknown_clause", clause=clause, framework=framework.title, hint=hint)

    def key(self, clause: str) -> str | None:
        """The qualified form of a clause, ``ISO9001:8.5.1`` (None if unknown)."""
        found = self.resolve(clause)
        return None if found is None else f"{found[0]}:{found[1]}"


def read_frameworks(data_dir: Path, display_dir: str, report: Report) -> Frameworks | None:
    """Every framework file of ``data/frameworks/``; None when the project declares none.

    What does not apply is read after, by :func:`sqms.standards.load.load_frameworks`.
    """
    paths = _framework_files(data_dir, display_dir, report)
    if not paths:
        return None
    found = Frameworks()
    defaults: list[tuple[str, int | None]] = []
    for path in paths:
        display = f"{display_dir}/{FRAMEWORKS_DIR}/{path.name}"
        if not may_open(path, data_dir, display, display_dir, report):
            continue
        loaded = load_validated(path, display, FrameworkFile, report)
        if loaded is None:
            continue
        source, spec = loaded
        if spec.id in found.frameworks:
            first = found.frameworks[spec.id].display
            report.error(
                display, line_of(source, ("id",)), t("framework.duplicate", id=spec.id, first=first)
            )
            continue
        found.frameworks[spec.id] = Framework(
            spec.id, spec.title, spec.equivalent, dict(spec.clauses), display,
            spec.kind, dict(spec.notes),
        )  # fmt: skip
        if spec.default:
            defaults.append((display, line_of(source, ("default",))))
    if len(defaults) > 1:
        for display, line in defaults[1:]:
            report.error(display, line, t("framework.two_defaults", first=defaults[0][0]))
    if defaults:
        found.default = next(f.id for f in found.frameworks.values() if f.display == defaults[0][0])
    elif len(found.frameworks) == 1:
        found.default = next(iter(found.frameworks))
    if found.default is not None:  # the default framework is listed first
        chosen = found.frameworks.pop(found.default)
        found.frameworks = {chosen.id: chosen, **found.frameworks}
    return found


def _framework_files(data_dir: Path, display_dir: str, report: Report) -> list[Path]:
    """The ``*.yml`` files of the frameworks folder; none when the folder leads outside.

    A linked folder is refused before it is listed, so not even the names of
    the files of a folder outside the project appear in a message.
    """
    folder = data_dir / FRAMEWORKS_DIR
    if not folder.is_dir():
        return []
    if not may_open(folder, data_dir, f"{display_dir}/{FRAMEWORKS_DIR}", display_dir, report):
        return []
    return sorted(folder.glob("*.yml"))
