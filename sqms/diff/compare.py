"""``sqms diff BASE``: what a change does to the manual and to the numbers.

A reviewer of a pull request sees which lines changed, not what they mean:
that a procedure was edited without a new version, that a target moved, that
a fix in the data changed figures already reported. This module loads the
project twice — as it is in its folder, and as it was at the git revision
``BASE`` — computes both, and compares documents, indicator definitions,
values and registers. :mod:`sqms.diff.report` writes the result for people.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sqms.diagnostics import Diagnostic, ProjectError
from sqms.diff.documents import DocumentsDiff, compare_documents
from sqms.diff.indicators import (
    IndicatorsDiff,
    compare_definitions,
    compare_registers,
    compare_values,
)
from sqms.diff.revision import Revision, materialise, resolve, source_date
from sqms.i18n import t
from sqms.progress import stage
from sqms.project import Project, compute_results, load_project
from sqms.settings import read_settings

__all__ = ["DiffOutcome", "ProjectDiff", "diff_against", "diff_projects"]


@dataclass
class ProjectDiff:
    """Everything that differs between the project at ``base`` and now."""

    base: str
    """The revision as named, with its abbreviated commit, e.g. ``origin/main (1a2b3c4d5e)``."""
    documents: DocumentsDiff = field(default_factory=DocumentsDiff)
    indicators: IndicatorsDiff = field(default_factory=IndicatorsDiff)

    @property
    def empty(self) -> bool:
        """Whether nothing the report shows changed."""
        ind = self.indicators
        return self.documents.empty and not (
            ind.added or ind.removed or ind.changed or ind.moved or ind.registers
        )


@dataclass
class Side:
    """One side of the comparison: its name in messages, and the problems that stop it."""

    label: str
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass
class DiffOutcome:
    """The comparison, or the problems of each side that prevented it."""

    diff: ProjectDiff | None
    failed: list[Side] = field(default_factory=list)


def _load(root: Path, data_dir: str | None) -> Project:
    """Load a project as its own ``mkdocs.yml`` declares it."""
    settings = read_settings(root)
    return load_project(
        root, data_dir or settings.data_dir, settings.docs_dir, settings.uncontrolled
    )


def _results(project: Project, side: Side) -> pd.DataFrame | None:
    """The project's results, or None with its problems recorded on ``side``."""
    if not project.ok:
        side.problems = list(project.report)
        return None
    try:
        return compute_results(project)
    except ProjectError as exc:
        side.problems = list(exc.diagnostics)
        return None


def diff_projects(
    label: str,
    base: Project,
    base_results: pd.DataFrame,
    head: Project,
    head_results: pd.DataFrame,
) -> ProjectDiff:
    """Compare two loaded and computed projects (both must have loaded cleanly)."""
    assert base.plan is not None and head.plan is not None
    diff = ProjectDiff(label)
    diff.documents = compare_documents(base.root, base.manual, head.root, head.manual)
    diff.indicators = compare_definitions(base.plan, head.plan)
    diff.indicators.values = compare_values(base.plan, base_results, head.plan, head_results)
    diff.indicators.registers = compare_registers(base.registers, head.registers)
    return diff


def diff_against(project_dir: Path, revision: str, data_dir: str | None = None) -> DiffOutcome:
    """Compare the project in ``project_dir`` with itself at git ``revision``.

    The project as it is is loaded and computed first, then as it was; each
    reports its stages (:mod:`sqms.progress`), and the comparison its own.

    Raises :class:`sqms.diff.revision.RevisionError` when the revision cannot be
    read. Problems in either project are returned, never raised.
    """
    resolved: Revision = resolve(project_dir, revision)
    label = f"{revision} ({resolved.short})"
    head_side = Side(t("diff.head_label"))
    head = _load(project_dir, data_dir)
    head_results = _results(head, head_side)
    base_side = Side(label)
    with materialise(resolved) as base_root:
        if not base_root.is_dir():
            base_side.problems = [
                Diagnostic(resolved.prefix.rstrip("/") or ".", None, t("diff.no_project"))
            ]
            base_results = None
        else:
            with source_date(resolved.epoch):
                base = _load(base_root, data_dir)
            base_results = _results(base, base_side)
        failed = [side for side in (base_side, head_side) if side.problems]
        if failed or base_results is None or head_results is None:
            return DiffOutcome(None, failed)
        with stage() as comparing:
            diff = diff_projects(label, base, base_results, head, head_results)
            comparing.done(t("progress.compared", base=label))
        return DiffOutcome(diff)
