"""A project: the datasets and the quality plan of one repository, loaded and checked.

This is the entry point of the core for both adapters: the CLI and the MkDocs
plugin call :func:`load_project`, then :func:`compute_results`, and show the
diagnostics their own way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from sqms.diagnostics import Diagnostic, ProjectError, Report, message_of
from sqms.documents.control import reference_problems
from sqms.documents.load import load_manual
from sqms.documents.manual import UNCONTROLLED, Manual, unknown_document
from sqms.engine.compute import EngineFailure, compute
from sqms.engine.datasets import Catalog, Dataset, load_catalog
from sqms.engine.plan import Plan, load_plan
from sqms.i18n import N_, nt, t
from sqms.io.confine import escaping_links
from sqms.io.history import AsOfError, History, judgement_date, read_history, today_in
from sqms.progress import stage
from sqms.registers import LoadContext, Register, load_registers
from sqms.registers.common import record_targets
from sqms.schema.datasets import DatasetSpec
from sqms.standards.clauses import ClauseRef, check_clauses, document_refs, plan_refs
from sqms.standards.frameworks import Frameworks
from sqms.standards.load import load_frameworks

DATA_DIR = "data"
MANUAL_DIR = "manual"


@dataclass(frozen=True)
class LoadedData:
    """The datasets and the plan as loaded, with what loading them found.

    They are read from the data folder alone: the live preview keeps them and
    loads the project again around them while no file of the data folder, the
    configuration or the as-of date changed (a prose edit), since reading the
    service data is most of a load. Nothing changes a catalog once loaded.
    """

    catalog: Catalog | None
    plan: Plan | None
    diagnostics: tuple[Diagnostic, ...]


@dataclass
class Project:
    """Everything loaded from a project's data folder, and what was found wrong with it."""

    root: Path
    data_dir: Path
    catalog: Catalog | None
    plan: Plan | None
    report: Report = field(default_factory=Report)
    manual: Manual = field(default_factory=Manual)
    """The controlled documents of the manual (empty when the project has no manual)."""
    history: History = field(default_factory=lambda: History(available=False))
    registers: dict[str, Register] = field(default_factory=dict)
    """The registers the project keeps (complaints, feedback, actions, training, audits)."""
    frameworks: Frameworks | None = None
    """The standards' clauses (``data/frameworks/``), None when the project declares none."""
    clauses: list[ClauseRef] = field(default_factory=list)
    """Every place that names a clause: documents, objectives, indicators, registers."""
    today: dt.date = dt.date(1970, 1, 1)
    """The date the project is judged as of (see :func:`sqms.io.history.judgement_date`)."""
    loaded: LoadedData | None = None
    """The datasets and the plan with their diagnostics, for a load that reuses them."""

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


def load_project(
    root: Path,
    data_dir: str | Path = DATA_DIR,
    manual_dir: str | None = MANUAL_DIR,
    uncontrolled: Sequence[str] = UNCONTROLLED,
    as_of: dt.date | None = None,
    as_of_setting: object = None,
    reuse: LoadedData | None = None,
) -> Project:
    """Load and check the datasets, the plan and the manual's documents of the project at ``root``.

    Never raises for problems in the project's files: they are in ``report``.
    ``reuse`` gives the datasets and plan of an earlier load of the same data
    folder (see :class:`LoadedData`): they and their diagnostics are taken as
    they are, and the rest is loaded and checked again.
    ``manual_dir`` None leaves the manual out (a data-only check). Dates are
    judged as of ``as_of`` (``--as-of``), else ``SQMS_AS_OF``, else
    ``as_of_setting`` (``as_of:`` in ``mkdocs.yml``), else ``SOURCE_DATE_EPOCH``,
    else today in the plan's time zone; one of them that is not a date is an error.
    """
    with stage() as loading:
        project = _load(root, data_dir, manual_dir, uncontrolled, as_of, as_of_setting, reuse)
        loading.done(_loaded(project))
    return project


def _loaded(project: Project) -> str:
    """What loading found, for the progress line: datasets, documents, registers."""
    datasets = len(project.catalog.datasets) if project.catalog is not None else 0
    return t(
        "progress.loaded",
        datasets=nt("progress.datasets", datasets),
        documents=nt("progress.documents", len(project.manual.documents)),
        registers=nt("progress.registers", len(project.registers)),
    )


def _load(
    root: Path,
    data_dir: str | Path,
    manual_dir: str | None,
    uncontrolled: Sequence[str],
    as_of: dt.date | None,
    as_of_setting: object,
    reuse: LoadedData | None = None,
) -> Project:
    """:func:`load_project`'s work, timed there as one stage."""
    root = Path(root)
    data = root / data_dir
    report = Report()
    shown = display_path(data, root)
    _check_links(root, [data, *([root / manual_dir] if manual_dir is not None else [])], report)
    data_side = reuse if reuse is not None else _load_data(data, shown, report.diagnostics)
    report.extend(data_side.diagnostics)
    plan = data_side.plan
    project = Project(root, data, data_side.catalog, plan, report, loaded=data_side)
    has_manual = manual_dir is not None and (root / manual_dir).is_dir()
    if manual_dir is not None and has_manual:
        project.history = read_history(root, manual_dir)
    project.today = _as_of(as_of, as_of_setting, plan.timezone if plan else "UTC", report)
    if manual_dir is not None and has_manual:
        manual = load_manual(
            root, manual_dir, report, today=project.today, uncontrolled=uncontrolled
        )
        project.manual = manual
        _check_procedures(project)
    context = LoadContext(data, shown, project.catalog, plan, project.manual, project.today, report)
    loaded = load_registers(context)
    project.registers = loaded.registers
    project.manual.records = record_targets(project.registers)
    project.manual.records_complete = not loaded.failed
    if manual_dir is not None and has_manual:
        report.extend(reference_problems(root, manual_dir, project.manual))
    _load_clauses(project, loaded.clauses, shown)
    return project


def _load_data(data: Path, shown: str, found: Sequence[Diagnostic]) -> LoadedData:
    """Read and check the datasets and the plan of the data folder ``data``.

    ``found`` are the problems reported before (links leading out), which
    the loaders do not report twice; the result holds only their own.
    """
    report = Report(list(found))
    catalog = load_catalog(data, shown, report, read_table, read_file)
    plan = load_plan(data, shown, catalog, report)
    return LoadedData(catalog, plan, tuple(report.diagnostics[len(found) :]))


def read_table(
    catalog: Catalog, name: str, spec: DatasetSpec, display: str, report: Report
) -> Dataset | None:
    """A dataset declared as a table, read where it is (Ibis is imported only then)."""
    from sqms.engine.sql.sources import load_table  # noqa: PLC0415

    return load_table(catalog, name, spec, display, report)


def read_file(
    catalog: Catalog, name: str, spec: DatasetSpec, data_dir: Path, display_dir: str, report: Report
) -> Dataset | None:
    """A Parquet file read by the DuckDB engine itself (Ibis is imported only then)."""
    from sqms.engine.sql.files import read_file as read_on_engine  # noqa: PLC0415

    return read_on_engine(catalog, name, spec, data_dir, display_dir, report)


def _as_of(option: dt.date | None, setting: object, timezone: str, report: Report) -> dt.date:
    """The as-of date; a declared one that is not a date is an error (and today stands in)."""
    try:
        return judgement_date(option, setting, timezone)
    except AsOfError as exc:
        report.error(exc.where, None, message_of(exc))
        return today_in(timezone)


def _check_links(root: Path, folders: Sequence[Path], report: Report) -> None:
    """A symbolic link that leads out of the data or the manual folder is an error.

    The site is built from these folders and the manifest hashes every file in
    them: a link out would publish (or read) a file of the machine that builds.
    """
    for folder in folders:
        if not folder.is_dir():
            continue
        shown = display_path(folder, root)
        for link in escaping_links(folder):
            where = f"{shown}/{link.relative_to(folder).as_posix()}"
            report.error(where, None, t("files.link_outside", folder=shown))


def _load_clauses(project: Project, register_refs: list[ClauseRef], shown: str) -> None:
    """Gather every clause named, and check them against the frameworks when there are any."""
    refs = document_refs(project.manual)
    refs += plan_refs(project.plan) if project.plan is not None else []
    refs += register_refs
    for register in project.registers.values():
        refs += list(getattr(register, "clause_refs", list)())
    project.clauses = refs
    project.frameworks = load_frameworks(project.data_dir, shown, project.report)
    if project.frameworks is not None:
        check_clauses(refs, project.frameworks, project.report)


def _check_procedures(project: Project) -> None:
    """Every indicator's governing procedure must be a document of the manual."""
    if project.plan is None:
        return
    for ind_id, indicator in project.plan.spec.indicators.items():
        if indicator.procedure is None:
            continue
        message = unknown_document(indicator.procedure, project.manual)
        if message is not None:
            line = project.plan.line("indicators", ind_id, "procedure")
            project.report.error(project.plan.display, line, message)


def compute_results(project: Project) -> pd.DataFrame:
    """The results of a project that loaded cleanly; raises :class:`ProjectError` otherwise."""
    if not project.ok or project.catalog is None or project.plan is None:
        raise ProjectError(project.report.errors)
    with stage() as computing:
        try:
            results = compute(project.plan, project.catalog)
        except EngineFailure as exc:
            line = project.plan.line("indicators", exc.indicator)
            project.report.error(project.plan.display, line, exc.message)
            raise ProjectError(project.report.errors) from exc
        computing.done(_computed(project.catalog, len(project.plan.indicators)))
    return results


ENGINE_LABELS = {"pandas": N_("progress.engine_pandas"), "duckdb": N_("progress.engine_duckdb")}
"""How the progress line names each engine."""


def _computed(catalog: Catalog, indicators: int) -> str:
    """What computing did, for the progress line: how many indicators, on which engine, and why."""
    computed = nt("progress.computed", indicators)
    engine = t(ENGINE_LABELS[catalog.engine])
    chosen = catalog.chosen
    if chosen is None or chosen.needed is None or chosen.memory is None:
        return t("progress.on_engine", computed=computed, engine=engine)
    needed, memory = _size(chosen.needed), _size(chosen.memory)
    return t("progress.engine_auto", computed=computed, engine=engine, needed=needed, memory=memory)


def _size(size: int) -> str:
    """Bytes as a person reads them: ``6.2 GB``, ``16 MB``; ``1 MB`` at the least."""
    return f"{size / 1e9:.1f} GB" if size >= 10**9 else f"{max(size / 1e6, 1):.0f} MB"
