"""The standards of a project loaded: its frameworks, then the clauses that do not apply.

The applicability file names clauses of the frameworks, so it is read after
them (:mod:`sqms.standards.frameworks`, then :mod:`sqms.standards.applicability`).
"""

from __future__ import annotations

from pathlib import Path

from sqms.diagnostics import Report
from sqms.standards.applicability import load_applicability, orphan_applicability
from sqms.standards.frameworks import Frameworks, read_frameworks


def load_frameworks(data_dir: Path, display_dir: str, report: Report) -> Frameworks | None:
    """Every framework of ``data/frameworks/`` with what does not apply; None when none."""
    found = read_frameworks(data_dir, display_dir, report)
    if found is None:
        orphan_applicability(data_dir, display_dir, report)
        return None
    found.not_applicable = load_applicability(data_dir, display_dir, found, report)
    return found
