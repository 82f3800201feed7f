"""A project: the datasets and the quality plan of one repository, loaded and checked.

This is the entry point of the core for both adapters: the CLI and the MkDocs
plugin call :func:`load_project`, then :func:`compute_results`, and show the
diagnostics their own way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sqms.compute import compute
from sqms.datasets import Catalog, load_catalog
from sqms.diagnostics import ProjectError, Report
from sqms.plan import Plan, load_plan

DATA_DIR = "data"


@dataclass
class Project:
    """Everything loaded from a project's data folder, and what was found wrong with it."""

    root: Path
    data_dir: Path
    catalog: Catalog | None
    plan: Plan | None
    report: Report = field(default_factory=Report)

    @property
    def ok(self) -> bool:
        """Whether the project loaded without errors (warnings allowed)."""
        return not self.report.has_errors and self.catalog is not None and self.plan is not None


def display_path(path: Path, root: Path) -> str:
    """``path`` as shown in messages: relative to the project root, with forward slashes."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_project(root: Path, data_dir: str | Path = DATA_DIR) -> Project:
    """Load and check the datasets and the plan of the project at ``root``.

    Never raises for problems in the project's files: they are in ``report``.
    """
    root = Path(root)
    data = root / data_dir
    report = Report()
    shown = display_path(data, root)
    catalog = load_catalog(data, shown, report)
    plan = load_plan(data, shown, catalog, report)
    return Project(root, data, catalog, plan, report)


def compute_results(project: Project) -> pd.DataFrame:
    """The results of a project that loaded cleanly; raises :class:`ProjectError` otherwise."""
    if not project.ok or project.catalog is None or project.plan is None:
        raise ProjectError(project.report.errors)
    return compute(project.plan, project.catalog)
