"""Compute every indicator of the plan into one tidy table of aggregates.

The result has one row per indicator, period and breakdown value (``dim`` and
``dim_value`` empty for the total), with the value, its n, numerator and
denominator where the value is a ratio, a Wilson interval for proportions, the
target in force in that period and the status judged against it. Only these
aggregates leave the core: charts and pages never see a data row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import pandas as pd

from sqms.engine.datasets import Catalog, Dataset
from sqms.engine.expressions import Expression, evaluate_condition
from sqms.engine.grouping import GroupCodes, group_codes
from sqms.engine.measures import (
    MEASURES,
    PROPORTIONS,
    MeasureInput,
    group_sums,
    measure_churn,
    wilson_interval,
)
from sqms.engine.periods import assign_periods, label, period_range, start_date
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.engine.targets import judge, targets_for
from sqms.engine.tidy import tidy
from sqms.schema.plan import Aggregate

COLUMNS = [
    "indicator", "period", "period_start", "dim", "dim_value", "value", "n", "numerator",
    "denominator", "ci_low", "ci_high", "target", "warning", "status", "partial",
]  # fmt: skip
SAMPLE_MEASURES = frozenset({"share", "mean", "median", "quantile", "nps", "churn", "ratio"})
"""Measures that estimate from a sample of rows, so a small n is not judged."""


@dataclass
class _Context:
    """What the computation of one plan shares: the data, and periods worked out once."""

    plan: Plan
    catalog: Catalog
    engine: Engine | None = None
    """The query engine that computes loaded datasets' aggregates, if not pandas."""
    table_engines: dict[str, Engine] = field(default_factory=dict)
    """Each connection's engine: a dataset read from a table is computed where it is."""
    periods: dict[tuple[str, str, str], pd.Series] = field(default_factory=dict)
    memos: dict[tuple[str, str | None], dict[Hashable, Any]] = field(default_factory=dict)
    codes: dict[tuple[str, str, str, str], GroupCodes] = field(default_factory=dict)

    def memo(self, dataset: Dataset, where: Expression | None) -> dict[Hashable, Any]:
        """What measures on ``dataset`` filtered by ``where`` share (e.g. rows by value)."""
        return self.memos.setdefault((dataset.name, where.source if where else None), {})

    def codes_of(self, dataset: Dataset, time: str, period: str, dim: str) -> GroupCodes:
        """The rows of ``dataset`` grouped by period of ``time`` and ``dim``, as codes (cached)."""
        key = (dataset.name, time, period, dim)
        if key not in self.codes:
            groups = pd.DataFrame({"_period": self.period_of(dataset, time, period)})
            if dim:
                groups[dim] = dataset.frame[dim]
            self.codes[key] = group_codes(groups, ["_period", *([dim] if dim else [])])
        return self.codes[key]

    def period_of(self, dataset: Dataset, column: str, period: str) -> pd.Series:
        """The period of each row of ``dataset`` by ``column`` (cached: indicators share it)."""
        key = (dataset.name, column, period)
        if key not in self.periods:
            self.periods[key] = assign_periods(dataset.frame[column], period, self.plan.timezone)
        return self.periods[key]


class EngineFailure(Exception):
    """A query engine stopped computing an indicator: out of memory or disk, a refused query."""

    def __init__(self, indicator: str, message: str) -> None:
        super().__init__(message)
        self.indicator = indicator
        self.message = message


class Engine(Protocol):
    """A query engine computing aggregates in pandas' stead (see :mod:`sqms.engine.sql`)."""

    def failure(self, error: Exception) -> str | None:
        """What ``error`` says to a reader, if this engine raised it; None otherwise."""

    def aggregate(
        self, indicator: CompiledIndicator, plan: Plan, catalog: Catalog
    ) -> pd.DataFrame | None:
        """The tidy grouped table :func:`_compute_one` returns, or None (pandas computes it)."""

    def side(
        self,
        aggregate: Aggregate,
        where: Expression | None,
        dim: str,
        period: str,
        plan: Plan,
        catalog: Catalog,
    ) -> pd.Series:
        """One side of a ratio, as :func:`_side` returns it."""

    def churn(
        self, indicator: CompiledIndicator, plan: Plan, catalog: Catalog, window: pd.PeriodIndex
    ) -> pd.DataFrame | None:
        """A churn indicator's tidy grouped table over ``window``, or None (pandas computes it)."""

    def close(self) -> None:
        """Release what the engine made for this computation."""


def compute(plan: Plan, catalog: Catalog, engine: Engine | None = None) -> pd.DataFrame:
    """Compute every indicator of ``plan``; the tidy results table, sorted and stable.

    The aggregates are computed by ``engine`` where given, else by the engine
    ``datasets.yml`` names (``engine:``), where it can; by pandas otherwise.
    Targets, intervals and statuses are added here alike, whatever computed
    the aggregates.
    """
    if engine is None and catalog.engine == "duckdb":
        # Imported when chosen: Ibis and DuckDB add a quarter second to every start.
        from sqms.engine.sql.engine import open_engine  # noqa: PLC0415
        from sqms.engine.sql.files import FILES  # noqa: PLC0415

        with open_engine(catalog.spec.engine, catalog.connections.get(FILES)) as opened:
            return compute(plan, catalog, opened)
    context = _Context(plan, catalog, engine, _table_engines(catalog))
    tables: dict[str, pd.DataFrame] = {}
    try:
        for ind_id, indicator in plan.indicators.items():
            if indicator.spec.measure == "composite":
                table = _composite(indicator, tables, plan)
            else:
                table = _computed(ind_id, indicator, context)
            tables[ind_id] = _finish(indicator, table, context)
    finally:
        for table_engine in context.table_engines.values():
            table_engine.close()
    if not tables:
        return pd.DataFrame(columns=COLUMNS)
    results = pd.concat(tables.values(), ignore_index=True)
    return results.sort_values(
        ["indicator", "dim", "dim_value", "period_start"], kind="stable"
    ).reset_index(drop=True)


def _computed(ind_id: str, indicator: CompiledIndicator, context: _Context) -> pd.DataFrame:
    """``indicator``'s grouped table, from its engine or pandas.

    An engine that stops (out of memory or temporary disk space, a refused
    query) raises :class:`EngineFailure` with its message, for the report.
    """
    try:
        found = _on_engine(indicator, context)
        return found if found is not None else _compute_one(indicator, context)
    except Exception as exc:
        engines = [context.engine, *context.table_engines.values()]
        said = (e.failure(exc) for e in engines if e is not None)
        message = next((m for m in said if m is not None), None)
        if message is None:
            raise
        raise EngineFailure(ind_id, message) from exc


def _table_engines(catalog: Catalog) -> dict[str, Engine]:
    """An engine for each connection a dataset's table was read from (none without tables)."""
    opened = {name: c for name, c in catalog.connections.items() if c is not None}
    if not opened:
        return {}
    from sqms.engine.sql.engine import ConnectionEngine  # noqa: PLC0415 - Ibis when used

    return {name: ConnectionEngine(connection) for name, connection in opened.items()}


def _engine_for(dataset: str, context: _Context) -> Engine | None:
    """The engine that computes on ``dataset``: its table's connection's, else the plan's."""
    found = context.catalog.datasets.get(dataset)
    if found is not None and found.source is not None:
        return context.table_engines[found.source.connection.name]
    return context.engine


def _on_engine(indicator: CompiledIndicator, context: _Context) -> pd.DataFrame | None:
    """The engine's grouped table of ``indicator``, or None where pandas computes it.

    A ratio is divided here from the sides the engine sums (:func:`_side`).
    """
    measure = indicator.spec.measure
    engine = _engine_for(indicator.spec.dataset or "", context)
    if engine is None or measure == "ratio":
        return None
    if measure == "churn":
        window = _window(context, indicator.period)
        return engine.churn(indicator, context.plan, context.catalog, window)
    return engine.aggregate(indicator, context.plan, context.catalog)


def _compute_one(indicator: CompiledIndicator, context: _Context) -> pd.DataFrame:
    """The grouped aggregates of one data-based indicator, for the total and each breakdown."""
    spec = indicator.spec
    if spec.measure == "ratio":
        return _ratio(indicator, context)
    dataset = context.catalog.datasets[spec.dataset or ""]
    # A table's indicators are computed on its engine; churn with no period to report on
    # comes here for its empty table, which reads no row.
    assert dataset.source is None or spec.measure == "churn", "a table's rows are not here"
    frame = dataset.frame
    where = _mask(indicator.where, frame, context)
    among = _mask(indicator.among, frame, context)
    memo = context.memo(dataset, indicator.where)
    parts = []
    for dim in ["", *spec.by]:
        dims = [dim] if dim else []
        if spec.measure == "churn":
            grouped = frame[dims].assign(_period=pd.Series(pd.NaT, index=frame.index))
            inp = MeasureInput(spec, frame, grouped, ["_period", *dims], where, among, memo)
            window = _window(context, indicator.period)
            table = measure_churn(inp, window, context.plan.timezone)
        else:
            time = spec.time or dataset.spec.time or ""
            grouped = frame[dims].assign(_period=context.period_of(dataset, time, indicator.period))
            codes = context.codes_of(dataset, time, indicator.period, dim)
            table = MEASURES[spec.measure](
                MeasureInput(spec, frame, grouped, ["_period", *dims], where, among, memo, codes)
            )
        parts.append(_tidy(table, dim))
    return pd.concat(parts, ignore_index=True)


def _mask(expression: Expression | None, frame: pd.DataFrame, context: _Context) -> pd.Series:
    if expression is None:
        return pd.Series(True, index=frame.index, dtype="bool")
    return evaluate_condition(expression, frame, context.plan.timezone)


def _tidy(table: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Grouped output (indexed by period and maybe a dimension) as tidy rows."""
    return tidy(table.reset_index(), dim)


def _ratio(indicator: CompiledIndicator, context: _Context) -> pd.DataFrame:
    """scale × Σ numerator ÷ Σ denominator, each side from its own dataset."""
    spec = indicator.spec
    parts = []
    for dim in ["", *spec.by]:
        top = _side(
            spec.numerator, indicator.sides.get("numerator"), dim, indicator.period, context
        )
        bottom = _side(
            spec.denominator, indicator.sides.get("denominator"), dim, indicator.period, context
        )
        joined = pd.concat({"numerator": top, "denominator": bottom}, axis=1).fillna(
            {"numerator": 0.0}
        )
        joined = joined.assign(
            value=spec.scale
            * joined["numerator"]
            / joined["denominator"].where(joined["denominator"] > 0),
            n=joined["denominator"],
        )
        parts.append(_tidy(joined, dim))
    return pd.concat(parts, ignore_index=True)


def _side(
    aggregate: Aggregate | None, where: Expression | None, dim: str, period: str, context: _Context
) -> pd.Series:
    """One side of a ratio: a count or sum per period (and dimension value)."""
    assert aggregate is not None  # checked when the plan was loaded
    engine = _engine_for(aggregate.dataset, context)
    if engine is not None:
        return engine.side(aggregate, where, dim, period, context.plan, context.catalog)
    dataset = context.catalog.datasets[aggregate.dataset]
    assert dataset.source is None, "a table's sums are computed on its engine"
    frame = dataset.frame
    mask = _mask(where, frame, context)
    codes = context.codes_of(dataset, aggregate.time or dataset.spec.time or "", period, dim)
    amounts: pd.Series
    if aggregate.measure == "sum":
        amounts = frame[aggregate.column or ""].astype("float64").where(mask, 0.0).fillna(0.0)
    else:
        amounts = mask.astype("int64")
    return group_sums(codes, {"_v": amounts})["_v"].astype("float64")


def _window(context: _Context, period: str) -> pd.PeriodIndex:
    """The periods reported on: declared in the plan, or spanning the data's time columns."""
    reporting = context.plan.spec.reporting
    first, last = reporting.start, reporting.end
    if first is None or last is None:
        found = [_span(d, context.plan.timezone) for d in context.catalog.datasets.values()]
        spans = [s for s in found if s is not None]
        first = first or min((s[0] for s in spans), default=None)
        last = last or max((s[1] for s in spans), default=None)
    if first is None or last is None:
        return pd.PeriodIndex([], freq="M")
    return period_range(first, last, period)


def _span(dataset: Dataset, timezone: str) -> tuple[dt.date, dt.date] | None:
    """The first and last local day of a dataset's time column."""
    if not dataset.spec.time:
        return None
    if dataset.source is not None:
        return dataset.source.span(dataset.spec.time, timezone)
    values = dataset.frame[dataset.spec.time].dropna()
    if values.empty:
        return None
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_convert(timezone).dt.tz_localize(None)
    return values.min().date(), values.max().date()


def _composite(
    indicator: CompiledIndicator, tables: dict[str, pd.DataFrame], plan: Plan
) -> pd.DataFrame:
    """A weighted index of other indicators, each scored against its target in that period.

    ``shortfall``: how far short of target, as a share of the target, capped at
    100% (0 when met). ``attainment``: 100 minus that. Periods where any
    component has no value get no index value.
    """
    spec = indicator.spec
    scores, weights = [], []
    for component in spec.components or []:
        other = plan.spec.indicators[component.indicator]
        table = tables[component.indicator]
        total = table[table["dim"] == ""].set_index("period_obj")
        gap = (
            (total["target"] - total["value"])
            if other.better == "higher"
            else (total["value"] - total["target"])
        )
        shortfall = (gap / total["target"].abs()).clip(lower=0.0, upper=1.0) * 100
        scores.append(shortfall.rename(component.indicator))
        weights.append(component.weight)
    frame = pd.concat(scores, axis=1)
    weighted = frame.mul(weights, axis=1).sum(axis=1, min_count=len(weights)) / sum(weights)
    weighted = weighted.where(frame.notna().all(axis=1))
    value = weighted if spec.score == "shortfall" else 100 - weighted
    n = frame.notna().sum(axis=1).astype("float64")
    table = pd.DataFrame({"value": value, "n": n, "numerator": np.nan, "denominator": np.nan})
    table.index.name = "_period"
    return _tidy(table, "")


def _finish(indicator: CompiledIndicator, table: pd.DataFrame, context: _Context) -> pd.DataFrame:
    """Add labels, intervals, targets, status and partial-period flags."""
    spec = indicator.spec
    table = table[table["period_obj"].notna()].reset_index(drop=True)
    starts = pd.Series(_per_period(table["period_obj"], start_date), dtype="object")
    ends = pd.Series(_per_period(table["period_obj"], lambda p: p.end_time), dtype="object")
    target, warning = targets_for(spec, starts)
    min_n = indicator.min_n if spec.measure in SAMPLE_MEASURES else 0
    low, high = (
        wilson_interval(table["numerator"], table["denominator"])
        if spec.measure in PROPORTIONS
        else (pd.Series(np.nan, index=table.index), pd.Series(np.nan, index=table.index))
    )
    return table.assign(
        indicator=indicator.id,
        period=_per_period(table["period_obj"], label),
        period_start=starts,
        ci_low=low,
        ci_high=high,
        target=target,
        warning=warning,
        status=judge(table["value"], table["n"], target, warning, spec.better, min_n),
        partial=_partial(ends, indicator, context),
    )[[*COLUMNS, "period_obj"]]


def _per_period(periods: pd.Series, make: Callable[[Any], Any]) -> list[Any]:
    """``make`` of each row's period, worked out once per period (rows repeat them)."""
    made = {period: make(period) for period in periods.unique()}
    return [made[period] for period in periods]


def _partial(ends: pd.Series, indicator: CompiledIndicator, context: _Context) -> pd.Series:
    """Periods that end after the data was exported are not complete yet."""
    as_of = _as_of(indicator, context)
    if as_of is None:
        return pd.Series(False, index=ends.index, dtype="bool")
    local = as_of.tz_convert(context.plan.timezone).tz_localize(None)
    # A period is complete when the data reaches its last whole second.
    flags = _per_period(ends, lambda end: end.floor("s") > local)
    return pd.Series(flags, index=ends.index, dtype="bool")


def _as_of(indicator: CompiledIndicator, context: _Context) -> pd.Timestamp | None:
    """When the data the indicator reads was exported: the earliest of its datasets'.

    A composite reads its components' datasets, so its period is partial while
    any of theirs is: it is never judged complete on incomplete parts.
    """
    names = context.plan.datasets_read(indicator.id)
    stamps = [context.catalog.datasets[n].as_of for n in names if n in context.catalog.datasets]
    known = [s for s in stamps if s is not None]
    return min(known) if known else None
