"""The clauses that do not apply: ``data/applicability.yml``.

ISO 9001 4.3 lets an organisation declare a requirement not applicable when
it does not affect its ability to ensure conformity of its services, and
asks for the justification. The file holds one justification per clause::

    not_applicable:
      "8.3": "No design and development: the service desk delivers services
        designed by the product teams."

A clause is named as anywhere else (bare for the default framework, with a
prefix for the others); declaring a clause not applicable declares its
sub-clauses too. An unknown clause is an error at its line with the closest
clause as a hint; a missing or empty justification is an error too.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from sqms.diagnostics import Report
from sqms.i18n import t
from sqms.io.data_paths import may_open
from sqms.io.yamlsource import line_of
from sqms.schema.validation import StrictModel, load_validated
from sqms.standards.frameworks import ClauseId, Frameworks

APPLICABILITY_FILE = "applicability.yml"


class ApplicabilityFile(StrictModel):
    """``data/applicability.yml``."""

    not_applicable: dict[ClauseId, str | None] = Field(default_factory=dict)
    """Clause → why it does not apply."""


def load_applicability(
    data_dir: Path, display_dir: str, frameworks: Frameworks, report: Report
) -> dict[str, str]:
    """Qualified clause (``ISO9001:8.3``) → justification; errors at their lines."""
    path = data_dir / APPLICABILITY_FILE
    display = f"{display_dir}/{APPLICABILITY_FILE}"
    if not path.is_file() or not may_open(path, data_dir, display, display_dir, report):
        return {}
    loaded = load_validated(path, display, ApplicabilityFile, report)
    if loaded is None:
        return {}
    source, spec = loaded
    found: dict[str, str] = {}
    for clause, justification in spec.not_applicable.items():
        line = line_of(source, ("not_applicable", clause))
        problem = frameworks.problem(clause)
        if problem is not None:
            report.error(display, line, problem)
            continue
        text = (justification or "").strip()
        if not text:
            report.error(display, line, t("applicability.no_justification", clause=clause))
            continue
        key = frameworks.key(clause)
        assert key is not None  # no problem: it resolves
        found[key] = text
    return found


def orphan_applicability(data_dir: Path, display_dir: str, report: Report) -> None:
    """An applicability file without any framework names clauses of nothing: an error."""
    if (data_dir / APPLICABILITY_FILE).is_file():
        report.error(f"{display_dir}/{APPLICABILITY_FILE}", None, t("applicability.no_frameworks"))
