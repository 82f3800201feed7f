"""The complaint register (ISO 10002): loaded from a dataset, checked, and linked.

Complaints are kept as a table (``data/registers/complaints.csv``) declared
as a dataset in ``datasets.yml``, like any export, so its types and allowed
values are checked there. The ``complaints:`` section of ``registers.yml``
says which column plays which role and sets the targets; this module checks
that section against the dataset (every mapped column exists and has a
suitable type), checks the register's own rows (ids unique, a complaint
acknowledged or resolved no earlier than received, a decision that action
is needed linked to an action), and names the
improvement actions its rows link to, for the framework to check.

This is the top of the package: :meth:`ComplaintRegister.analyse` computes
the figures (:mod:`sqms.registers.complaints.analysis`) and returns a
:class:`ComplaintAnalysis`, which only hands them to the page
(:mod:`sqms.registers.complaints.page`) and the management review
(:mod:`sqms.registers.complaints.review`). No other module of the package
imports this one at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from sqms.engine.coercion import Where
from sqms.engine.datasets import Catalog, Dataset
from sqms.engine.privacy import published_problem
from sqms.i18n import N_, did_you_mean, t
from sqms.io.yamlsource import line_of
from sqms.registers.common import LoadContext, Reference, RegisterContext
from sqms.registers.complaints.analysis import ComplaintFigures, analyse_complaints
from sqms.registers.complaints.listing import placement
from sqms.registers.complaints.page import attention_items, register_pages, summary_line
from sqms.registers.complaints.review import review_complaints
from sqms.registers.complaints.spec import (
    HOURS_TYPES,
    REQUIRED_ROLES,
    ROLE_TYPES,
    ROLES,
    TIME_TYPES,
    ComplaintsSpec,
)
from sqms.schema.validation import allowed_list, validate
from sqms.site.pages.common import Page
from sqms.site.reporting import AttentionItem

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod

NAME = "complaints"


@dataclass(frozen=True)
class RateSource:
    """The denominator of the complaint rate: a dataset and the column placing its rows."""

    dataset: Dataset
    time: str
    per: int


@dataclass
class ComplaintRegister:
    """The complaint register, read through its section of ``registers.yml``.

    Not frozen: the :class:`~sqms.registers.common.Register` protocol declares
    ``name`` and ``display`` as plain attributes.
    """

    spec: ComplaintsSpec
    dataset: Dataset
    columns: Mapping[str, str]
    """Role → column, for the roles this register keeps."""
    setup: str
    """``registers.yml`` as shown in messages."""
    hours_column: str | None = None
    """The column giving hours to acknowledge, when one is declared."""
    business_hours: bool = False
    """Whether those hours are business hours (a derived ``business_hours`` column)."""
    rate: RateSource | None = None
    name: str = NAME
    display: str = ""
    """The register's data file as shown in messages (the dataset's file)."""

    _places: dict[str, str] | None = field(default=None, repr=False, compare=False)
    """Each complaint id → where it is listed, worked out on first use (:meth:`place`)."""

    def __post_init__(self) -> None:
        self.display = self.display or self.dataset.display

    @property
    def frame(self) -> pd.DataFrame:
        """The register's rows, typed."""
        return self.dataset.frame

    def column(self, role: str) -> pd.Series | None:
        """The column playing ``role``, None when the register does not keep it."""
        name = self.columns.get(role)
        return None if name is None else self.frame[name]

    def place(self, kind: str, item_id: str) -> str | None:
        """Where a complaint is listed: the register's page or one of its list pages."""
        return self.places().get(item_id) if kind == "complaint" else None

    def places(self) -> Mapping[str, str]:
        """Each complaint id → the page and anchor of the row that lists it."""
        if self._places is None:
            self._places = placement(self.frame[self.columns["id"]])
        return self._places

    def ids(self) -> Mapping[str, Iterable[str]]:
        """The complaint ids this register defines."""
        ids = self.frame[self.columns["id"]].dropna().astype("str")
        return {"complaint": ids.tolist()}

    def references(self) -> Iterable[Reference]:
        """Every improvement action named in the action column, at its row and line."""
        column = self.columns.get("action")
        if column is None:
            return []
        text = self.frame[column].astype("str").str.strip()
        present = self.frame[column].notna() & text.ne("")
        rows = np.flatnonzero(present.to_numpy(dtype=bool)) + 1
        offset = self.dataset.header_lines
        lines = [None] * len(rows) if offset is None else (rows + offset).tolist()
        return [
            Reference("action", target, self.display, line, row, column)
            for target, line, row in zip(text[present].tolist(), lines, rows.tolist(), strict=True)
        ]

    def analyse(self, context: RegisterContext) -> ComplaintAnalysis:
        """Judge the register against its targets as of ``context.today``."""
        return ComplaintAnalysis(self, analyse_complaints(self, context))


@dataclass(frozen=True)
class ComplaintAnalysis:
    """The register judged as of the reference date: its page, attention items, summary, review.

    Only delegates: the figures come from :mod:`sqms.registers.complaints.analysis`,
    the page, attention items and summary from :mod:`sqms.registers.complaints.page`,
    the review's lines from :mod:`sqms.registers.complaints.review`.
    """

    register: ComplaintRegister
    figures: ComplaintFigures

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The register's page, then its list pages when its complaints do not fit on it."""
        return register_pages(self.register, self.figures, context)

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Complaints open past their standard, and recent upheld ones without a decision."""
        return attention_items(self.figures, context)

    def summary(self, context: RegisterContext) -> str:
        """Counts for the registers' index: total, open, overdue, repeat share."""
        return summary_line(self.register, self.figures)

    def review(self, context: RegisterContext, period: ReviewPeriod) -> dict[str, list[str]]:
        """Lines for the management review of ``period``: sections c1, c4, c7 and f."""
        return review_complaints(self.register, self.figures, context, period)


def load_complaints(section: Any, display: str, context: LoadContext) -> ComplaintRegister | None:
    """Read the ``complaints:`` section of ``registers.yml`` and check it against its dataset.

    Returns None when the section or the data has errors (reported in
    ``context.report``), or silently when the datasets could not be loaded
    at all (their errors are reported already).
    """
    catalog = context.catalog
    if catalog is None:
        return None
    report = context.report
    errors_before = len(report.errors)
    spec = validate(ComplaintsSpec, section, display, report, at=(NAME,))
    if spec is None:
        return None
    checker = _Checker(section, display, context)
    dataset = checker.dataset(catalog, spec.dataset, ("dataset",))
    if dataset is None:
        return None
    columns = checker.columns(spec, dataset)
    hours, business = checker.hours_column(spec, dataset)
    checker.standards(spec, dataset, columns)
    rate = checker.rate(spec, catalog)
    if len(report.errors) > errors_before:
        return None
    register = ComplaintRegister(spec, dataset, columns, display, hours, business, rate)
    _check_rows(register, context)
    return None if len(report.errors) > errors_before else register


class _Checker:
    """Checks of the section against the datasets, each error at its line."""

    def __init__(self, section: Any, display: str, context: LoadContext) -> None:
        self.section = section
        self.display = display
        self.report = context.report

    def error(self, path: tuple[str, ...], message: str) -> None:
        """Report ``message`` at the line of ``path`` in the section, key path first."""
        key = ".".join((NAME, *path))
        line = line_of(self.section, path)
        self.report.error(self.display, line, t("complaints.at_key", key=key, message=message))

    def dataset(self, catalog: Catalog, name: str, path: tuple[str, ...]) -> Dataset | None:
        """The named dataset; an error when it is not declared, silence when it failed to load."""
        declared = catalog.spec.dataset_names()
        if name not in declared:
            hint = did_you_mean(name, declared)
            self.error(path, t("complaints.unknown_dataset", name=name, hint=hint))
            return None
        found = catalog.in_memory(name, self.report)  # the register reads rows one by one
        if found is None and name in catalog.datasets:  # a table: its rows stay in its database
            self.error(path, t("registers.table_dataset", dataset=name))
        return found

    def columns(self, spec: ComplaintsSpec, dataset: Dataset) -> dict[str, str]:
        """Role → column for every role kept, checking each column exists with a suitable type.

        A role left to its default is simply not kept when the dataset has no
        such column; a role written in the file, or a required one, must exist.
        """
        declared = dataset.spec.columns
        found: dict[str, str] = {}
        for role in ROLES:
            column = getattr(spec.columns, role)
            if column is None:
                continue
            written = spec.explicit(role)
            # A role left to its default is reported where it would be mapped.
            path = ("columns", role)
            if column not in declared:
                if written or role in REQUIRED_ROLES:
                    hint = did_you_mean(column, declared)
                    message = t(
                        "complaints.unknown_column",
                        role=role,
                        column=column,
                        dataset=dataset.name,
                        hint=hint,
                    )
                    self.error(path, message)
                continue
            kind = declared[column].type
            if kind not in ROLE_TYPES[role]:
                allowed = ", ".join(ROLE_TYPES[role])
                message = t(
                    "complaints.column_type", role=role, column=column, type=kind, allowed=allowed
                )
                self.error(path, message)
                continue
            if self.personal(role, column, dataset, reported=written or role in REQUIRED_ROLES):
                continue
            found[role] = column
        return found

    def personal(self, role: str, column: str, dataset: Dataset, *, reported: bool) -> bool:
        """Whether ``column`` holds personal data that ``role`` would publish.

        Only the customer is never shown (it finds repeats). Personal data
        mapped in the file, or to a required role, is an error; a role left to
        its default is simply not kept.
        """
        problem = None if role == "customer" else published_problem(dataset.spec, column)
        if problem is not None and reported:
            self.error(("columns", role), problem)
        return problem is not None

    def hours_column(self, spec: ComplaintsSpec, dataset: Dataset) -> tuple[str | None, bool]:
        """The column of hours to acknowledge, and whether it counts business hours."""
        if spec.acknowledge is None or spec.acknowledge.hours is None:
            return None, False
        column = spec.acknowledge.hours
        kind = dataset.column_type(column)
        path = ("acknowledge", "hours")
        if kind is None:
            known = [*dataset.spec.columns, *dataset.spec.derive]
            hint = did_you_mean(column, known)
            self.error(
                path,
                t(
                    "complaints.unknown_hours_column",
                    column=column,
                    dataset=dataset.name,
                    hint=hint,
                ),
            )
            return None, False
        if kind not in HOURS_TYPES:
            self.error(
                path,
                t(
                    "complaints.hours_type",
                    column=column,
                    type=kind,
                    allowed=", ".join(HOURS_TYPES),
                ),
            )
            return None, False
        problem = published_problem(dataset.spec, column)
        if problem is not None:  # each complaint's hours are listed
            self.error(path, problem)
            return None, False
        derived = dataset.spec.derive.get(column)
        return column, derived is not None and derived.kind == "business_hours"

    def standards(self, spec: ComplaintsSpec, dataset: Dataset, columns: Mapping[str, str]) -> None:
        """Resolution standards by severity: a standard for every declared severity, no other."""
        if spec.resolve is None or not isinstance(spec.resolve.within_days, dict):
            return
        path = ("resolve", "within_days")
        if "severity" not in columns:
            self.error(path, t("complaints.standards_need_severity"))
            return
        values = dataset.spec.columns[columns["severity"]].values
        if values is None:
            return
        known = [str(v) for v in values]
        for severity in spec.resolve.within_days:
            if severity not in known:
                hint = did_you_mean(severity, known)
                self.error(
                    (*path, severity),
                    t(
                        "complaints.unknown_severity",
                        value=severity,
                        hint=hint,
                        allowed=allowed_list(known),
                    ),
                )
        missing = [v for v in known if v not in spec.resolve.within_days]
        if missing:
            self.error(path, t("complaints.missing_standards", values=", ".join(missing)))

    def rate(self, spec: ComplaintsSpec, catalog: Catalog) -> RateSource | None:
        """The rate's denominator: a declared dataset with a timestamp column."""
        if spec.rate is None:
            return None
        dataset = self.dataset(catalog, spec.rate.dataset, ("rate", "dataset"))
        if dataset is None:
            return None
        column = spec.rate.time or dataset.spec.time
        path = ("rate", "time") if spec.rate.time else ("rate", "dataset")
        if column is None:
            self.error(path, t("complaints.rate_needs_time", dataset=dataset.name))
            return None
        kind = dataset.column_type(column)
        if kind is None:
            hint = did_you_mean(column, dataset.spec.columns)
            message = t(
                "complaints.unknown_time_column", column=column, dataset=dataset.name, hint=hint
            )
            self.error(path, message)
            return None
        if kind not in TIME_TYPES:
            self.error(path, t("complaints.time_type", column=column, type=kind))
            return None
        return RateSource(dataset, column, spec.rate.per)


def _check_rows(register: ComplaintRegister, context: LoadContext) -> None:
    """The register's own rows: ids present and unique, dates no earlier than received.

    The dataset checks its key already; the id column is checked here when
    it is not the key.
    """
    where = Where(register.display, register.dataset.header_lines, register.dataset.pii_columns)
    report = context.report
    frame = register.frame
    id_column = register.columns["id"]
    if register.dataset.spec.key != id_column:
        ids = frame[id_column]
        where.report_rows(report, id_column, ids, ids.isna(), N_("data.required"))
        duplicated = ids.notna() & ids.duplicated(keep="first")
        where.report_rows(report, id_column, ids, duplicated, N_("data.duplicate"))
    received = frame[register.columns["received"]]
    timezone = register.dataset.timezone
    for role in ("acknowledged", "resolved"):
        column = register.columns.get(role)
        if column is None:
            continue
        values = frame[column]
        early = (values < received).fillna(False).astype("bool")
        if early.any():
            shown = values.dt.tz_convert(timezone).dt.strftime("%Y-%m-%d %H:%M")
            where.report_rows(report, column, shown, early, N_("complaints.before_received"))
    _check_decisions(register, where, context)


def _check_decisions(register: ComplaintRegister, where: Where, context: LoadContext) -> None:
    """A "yes, action is needed" links the action raised, in the action column.

    Values that are not yes/no are reported by the dataset (a boolean column).
    """
    needed_column = register.columns.get("action_needed")
    if needed_column is None:
        return
    needed = register.frame[needed_column].astype("boolean")
    action_column = register.columns.get("action")
    if action_column is None:
        linked = pd.Series(False, index=needed.index, dtype="bool")
    else:
        actions = register.frame[action_column]
        linked = actions.notna() & actions.astype("str").str.strip().ne("")
    unlinked = needed.eq(True).fillna(False).astype("bool") & ~linked
    if unlinked.any():
        shown = needed.map({True: t("complaints.action_needed.yes")}).astype("str")
        where.report_rows(
            context.report,
            needed_column,
            shown,
            unlinked,
            N_("complaints.action_needed_unlinked"),
            action=action_column or "action",
        )


__all__ = ["ComplaintAnalysis", "ComplaintRegister", "load_complaints"]
