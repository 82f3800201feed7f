"""Everything the reports are made from, computed once per build.

The results table is the start; from it and the datasets come the control
charts and their signals, the histograms of durations, the service cycle and
the words describing each data source. Pages, the dashboard and the
directives embedded in manual pages all read this one object, so a figure in
a procedure is the figure on the indicator's page.

Only aggregates are kept here: results rows, control-chart points, bin
counts, stage medians. No data row reaches a page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from sqms.diagnostics import Diagnostic
from sqms.engine.datasets import Catalog, column_label, column_labels
from sqms.engine.distributions import Histogram, indicator_histograms
from sqms.engine.event_order import OutOfOrder
from sqms.engine.plan import Plan
from sqms.engine.service_cycle import CycleResult, compute_cycle
from sqms.engine.spc.signals import ControlOutcome, control_results
from sqms.site.charts.fonts import font_diagnostics


@dataclass(frozen=True)
class AttentionItem:
    """Something the dashboard lists under "needs attention" besides indicators.

    The hook for the registers: once they exist, overdue actions (and other
    items with a due date) are passed in ``ReportData.attention`` and listed
    with a link to where they are kept.
    """

    group: str
    """The heading the item is listed under (already translated)."""
    text: str
    """One line of Markdown: what is overdue, since when, who owns it."""


@dataclass(frozen=True)
class ReportData:
    """The plan, its results and everything derived from them for the reports."""

    plan: Plan
    results: pd.DataFrame
    controls: dict[str, ControlOutcome]
    histograms: dict[str, Histogram] = field(default_factory=dict)
    cycle: CycleResult | None = None
    sources: dict[str, str] = field(default_factory=dict)
    """Dataset name → what it is and where it comes from, in words."""
    excluded: dict[str, OutOfOrder] = field(default_factory=dict)
    """Dataset name → the rows left out for breaking its declared order, when some were."""
    attention: tuple[AttentionItem, ...] = ()
    """Further items needing attention (overdue actions, once the registers exist)."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Warnings found while building the reports (a baseline that does not fit the data)."""
    documents: frozenset[str] = frozenset()
    """Ids of the manual's controlled documents, to link an indicator to its procedure."""
    provenance: dict[str, str] = field(default_factory=dict)
    """Indicator id → one line naming its data files (hash prefixes), definition and commit."""
    as_of: dt.date | None = None
    """The date due dates were judged as of (the project's), which the dashboard states."""
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    """Dataset → column → its declared ``label``, the name readers see (not escaped)."""

    def column_label(self, ind_id: str | None, column: str) -> str:
        """The label of a column an indicator (None: the service cycle) is broken down by.

        Looked up in the datasets the indicator is computed from; the column's
        name when none declares a label. Untrusted text: escape it for a page.
        """
        if ind_id is None:
            names = [self.plan.cycle.spec.dataset] if self.plan.cycle else []
        else:
            names = self.plan.datasets_read(ind_id)
        for name in names:
            label = column_label(self.labels, name, column)
            if label != column:
                return label
        return column

    @property
    def recent_periods(self) -> int:
        """How many latest periods a signal must end in to need attention."""
        return self.plan.spec.reporting.recent_periods


def build_report(
    plan: Plan,
    results: pd.DataFrame,
    catalog: Catalog | None = None,
    attention: tuple[AttentionItem, ...] = (),
    documents: frozenset[str] = frozenset(),
) -> ReportData:
    """Compute control charts, histograms and the service cycle for ``results``.

    Without a catalog (the data itself), only what the results table holds is
    available: control charts and signals, not histograms or the cycle.
    """
    controls, diagnostics = control_results(plan, results)
    diagnostics += font_diagnostics()  # charts laid out with the machine's fonts
    if catalog is None:
        return ReportData(
            plan,
            results,
            controls,
            attention=attention,
            diagnostics=tuple(diagnostics),
            documents=documents,
        )
    cycle = compute_cycle(plan.cycle, catalog, plan.timezone) if plan.cycle else None
    return ReportData(
        plan,
        results,
        controls,
        histograms=indicator_histograms(plan, catalog, results),
        cycle=cycle,
        sources=_sources(catalog),
        excluded={n: d.out_of_order for n, d in catalog.datasets.items() if d.out_of_order},
        attention=attention,
        diagnostics=tuple(diagnostics),
        documents=documents,
        labels=column_labels(catalog),
    )


def _sources(catalog: Catalog) -> dict[str, str]:
    """Each dataset's description and source, as declared in ``datasets.yml``."""
    found = {}
    for name, dataset in catalog.datasets.items():
        parts = [p for p in (dataset.spec.description, dataset.spec.source) if p]
        found[name] = " — ".join(parts)
    return found
