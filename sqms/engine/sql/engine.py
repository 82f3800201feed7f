"""Query engines computing the indicators' aggregates, through Ibis, from the loaded datasets.

:class:`SqlEngine` builds the queries; :class:`DuckDBEngine` (and
:class:`~sqms.engine.sql.spark.SparkEngine`) say how a dataset is handed
over. :class:`DuckDBEngine` is handed to :func:`sqms.engine.compute.compute` (or
chosen there by ``engine: {name: duckdb}`` in ``datasets.yml``): for each
indicator whose measure it knows (:data:`sqms.engine.sql.measures.MEASURES`)
it builds one aggregate query per breakdown and returns the tidy table the
pandas path returns; a ratio's two sides are aggregated here and divided by
the code the pandas path uses. Only aggregates come back from the engine.

The engine reads the datasets as loaded and checked, each registered once
as Arrow, so every declared check, derived column and excluded row is the
same as the pandas path's. Sums of fractions are exact and rounded once
(:mod:`sqms.engine.exact_sums`), so DuckDB may add in any order on every
core. It spills to a private temporary folder under its memory limit, never
into the project.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa

from sqms.engine.datasets import Catalog, Dataset
from sqms.engine.distributions import TAIL_QUANTILE
from sqms.engine.expressions import Expression
from sqms.engine.measures import divide
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.engine.sql.connections import ENGINE_ERRORS, Connection, engine_problem
from sqms.engine.sql.dialects import DUCKDB, Dialect, for_years
from sqms.engine.sql.expressions import compile_condition
from sqms.engine.sql.measures import (
    FINISH,
    MEASURES,
    exact_partials,
    exact_totals,
    flag,
    grouped,
    measure_quantile,
)
from sqms.engine.sql.periods import period_start, periods_of
from sqms.engine.sql.quiet import quiet_library
from sqms.engine.sql.spill import SpillFolder
from sqms.engine.sql.table_columns import as_text
from sqms.engine.sql.zones import frame_years
from sqms.engine.tidy import tidy
from sqms.i18n import N_
from sqms.schema.datasets import EngineSpec
from sqms.schema.plan import Aggregate


class SqlEngine:
    """Indicators' aggregates as Ibis queries on one connection; each engine says how a
    loaded dataset is handed over (:class:`DuckDBEngine`, and Spark's in
    :mod:`sqms.engine.sql.spark`). A dataset read from a table
    (:mod:`sqms.engine.sql.sources`) is queried where it is.

    An engine serves the computation of one plan: its tables hold the columns
    and periods that plan reads.
    """

    dialect: Dialect = DUCKDB

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self._tables: dict[str, ir.Table] = {}
        self._dialects: dict[str, Dialect] = {}
        self._periods: dict[str, dict[tuple[str, str], str]] = {}

    def _register(self, name: str, frame: pd.DataFrame) -> ir.Table:
        """``frame`` as an in-memory view of the engine: Arrow, read in place."""
        return ibis.memtable(pa.Table.from_pandas(frame, preserve_index=False))

    def _keep(self, name: str, rows: ir.Table) -> ir.Table:
        """``rows`` (a registered table and its periods), as the engine keeps them."""
        return rows

    def _execute(self, query: ir.Table) -> pd.DataFrame:
        """Run ``query``: its result is aggregates, never rows."""
        return self.connection.execute(query)

    def close(self) -> None:
        """Disconnect."""
        self.connection.disconnect()

    def failure(self, error: Exception) -> str | None:
        """What ``error`` says, if the engine raised it (a query it refused or could not finish)."""
        if not isinstance(error, ENGINE_ERRORS):
            return None
        return engine_problem(error, N_("data.engine_failed"))

    def aggregate(
        self, indicator: CompiledIndicator, plan: Plan, catalog: Catalog
    ) -> pd.DataFrame | None:
        """The tidy grouped table of ``indicator``, or None when this engine cannot compute it."""
        spec = indicator.spec
        if spec.measure not in MEASURES:
            return None
        dataset = catalog.datasets[spec.dataset or ""]
        with quiet_library():
            table = self._table(dataset, plan)
            time = spec.time or dataset.spec.time or ""
            rows = table.mutate(
                _where=self._condition(indicator.where, table, plan, dataset),
                _among=self._condition(indicator.among, table, plan, dataset),
                _period=table[self._period_column(dataset, time, indicator.period)],
            )
            parts = []
            for dim in ["", *spec.by]:
                keys = ["_period", *([dim] if dim else [])]
                found = self._execute(MEASURES[spec.measure](spec, rows, keys))
                if spec.measure in FINISH:
                    found = FINISH[spec.measure](found, keys)
                parts.append(_tidy(found, dim, indicator.period))
        return pd.concat(parts, ignore_index=True)

    def side(
        self,
        aggregate: Aggregate,
        where: Expression | None,
        dim: str,
        period: str,
        plan: Plan,
        catalog: Catalog,
    ) -> pd.Series:
        """One side of a ratio, as :func:`sqms.engine.compute._side` gives it: Σ per group.

        A count sums 1 for each row meeting ``where``; a sum adds the column's
        values there, exactly (:mod:`sqms.engine.exact_sums`), as pandas does.
        """
        dataset = catalog.datasets[aggregate.dataset]
        keys = ["_period", *([dim] if dim else [])]
        with quiet_library():
            table = self._table(dataset, plan)
            time = aggregate.time or dataset.spec.time or ""
            rows = table.mutate(
                _used=self._condition(where, table, plan, dataset),
                _period=table[self._period_column(dataset, time, period)],
            )
            if aggregate.measure == "sum":
                column = aggregate.column or ""
                partials = self._execute(exact_partials(rows, keys, column, used="_used"))
                found = exact_totals(partials, keys).rename(columns={"numerator": "_v"})
            else:
                counted = grouped(rows, keys)
                found = self._execute(
                    counted.group_by(keys).aggregate(_v=flag(counted["_used"]).sum())
                )
            found = found.sort_values(keys, kind="stable")
        found = found.assign(_period=periods_of(found["_period"], period))
        return found.set_index(keys)["_v"].astype("float64")

    def pooled(
        self,
        indicator: CompiledIndicator,
        plan: Plan,
        catalog: Catalog,
        window: tuple[pd.Period, pd.Period],
        dimension: tuple[str, str] = ("", ""),
    ) -> tuple[float, float]:
        """The indicator's measure over the rows of a window of periods, as one group: (value, n).

        As the effectiveness of an improvement action pools a median or a
        quantile over its baseline or follow-up periods (and one breakdown
        value, compared as text); NaN and 0 when no row is in the window.
        """
        spec = indicator.spec
        dataset = catalog.datasets[spec.dataset or ""]
        first, last = (period.start_time.date() for period in window)
        dim, value = dimension
        with quiet_library():
            table = self._table(dataset, plan)
            time = spec.time or dataset.spec.time or ""
            period = table[self._period_column(dataset, time, indicator.period)]
            inside = (period >= first) & (period <= last)
            if dim:
                inside &= as_text(table[dim]) == value
            rows = table.mutate(
                _where=self._condition(indicator.where, table, plan, dataset),
                _among=self._condition(indicator.among, table, plan, dataset),
                _period=inside.fill_null(False).ifelse(ibis.literal(first), ibis.null("date")),
            )
            found = self._execute(MEASURES[spec.measure](spec, rows, ["_period"]))
            if spec.measure in FINISH:
                found = FINISH[spec.measure](found, ["_period"])
        if found.empty:
            return math.nan, 0.0
        return float(found["value"].iloc[0]), float(found["n"].iloc[0])

    def histogram(
        self, indicator: CompiledIndicator, plan: Plan, catalog: Catalog, period: pd.Period
    ) -> tuple[int, float, float, float, float] | None:
        """The figures a histogram of ``indicator``'s column in ``period`` is drawn from.

        Over the values :func:`sqms.engine.distributions.histogram` bins (in the
        period, meeting ``where``, finite and not negative): their number, median,
        p90 (by the indicator's method), nearest-rank 98th percentile and
        largest, each as the engine's median and quantile measures give it.
        None when there is no such value.
        """
        rows = self._histogram_rows(indicator, plan, catalog, period)
        spec = indicator.spec
        with quiet_library():
            found = [
                self._execute(measure_quantile(spec.model_copy(update=update), rows, ["_period"]))
                for update in (
                    {"measure": "median"},
                    {"measure": "quantile", "q": 0.9},
                    {"measure": "quantile", "q": TAIL_QUANTILE, "method": "nearest_rank"},
                    {"measure": "quantile", "q": 1.0, "method": "nearest_rank"},
                )
            ]
        if found[0].empty:
            return None
        n = int(found[0]["n"].iloc[0])
        median, p90, top, largest = (float(f["value"].iloc[0]) for f in found)
        return n, median, p90, top, largest

    def bin_counts(
        self,
        indicator: CompiledIndicator,
        plan: Plan,
        catalog: Catalog,
        period: pd.Period,
        edges: Sequence[float],
    ) -> tuple[list[int], int]:
        """How many of the values :meth:`histogram` reads fall in each bin of ``edges``, and beyond.

        A value falls in bin ``i`` when ``edges[i] <= value < edges[i + 1]``, as
        numpy counts: the bin by division, moved by one where the division
        rounded across an edge (each edge is ``i × step``, as numpy makes it).
        """
        rows = self._histogram_rows(indicator, plan, catalog, period)
        used = rows.filter(rows["_where"]).mutate(
            _v=rows[indicator.spec.column or ""].cast("float64")
        )
        step, last = edges[1] - edges[0], len(edges) - 2
        value = used["_v"]
        index = ibis.greatest(ibis.least((value / step).floor().cast("int64"), last), 0)
        index = (value < index.cast("float64") * step).ifelse(index - 1, index)
        over = (value >= (index + 1).cast("float64") * step) & (index != last)
        index = over.ifelse(index + 1, index)
        binned = used.filter(value < edges[-1]).mutate(_bin=index)
        inside = binned.group_by("_bin").aggregate(count=binned.count())
        with quiet_library():
            counted = self._execute(inside)
            tail = int(self.connection.execute(used.filter(value >= edges[-1]).count()))
        counts = [0] * (len(edges) - 1)
        for position, count in zip(counted["_bin"], counted["count"], strict=True):
            counts[int(position)] = int(count)
        return counts, tail

    def _histogram_rows(
        self, indicator: CompiledIndicator, plan: Plan, catalog: Catalog, period: pd.Period
    ) -> ir.Table:
        """The dataset's rows, ``_where`` marking the values a histogram of ``period`` bins."""
        spec = indicator.spec
        dataset = catalog.datasets[spec.dataset or ""]
        with quiet_library():
            table = self._table(dataset, plan)
            time = spec.time or dataset.spec.time or ""
            values = table[spec.column or ""].cast("float64")
            inside = table[self._period_column(dataset, time, indicator.period)] == (
                period.start_time.date()
            )
            finite = values.notnull() & ~values.isnan() & ~values.isinf() & (values >= 0)
            used = inside & self._condition(indicator.where, table, plan, dataset) & finite
            return table.mutate(_where=used.fill_null(False), _period=ibis.literal(0))

    def churn(
        self, indicator: CompiledIndicator, plan: Plan, catalog: Catalog, window: pd.PeriodIndex
    ) -> pd.DataFrame | None:
        """Churn per period of ``window`` (and breakdown), as :func:`measure_churn` counts it.

        Each row is paired with each period (a cross join with the periods'
        first and last days): active at the period's start if it started
        before its first day and did not end before it; lost in it if it also
        ended between its first and last day. Starts and ends are local dates
        in the plan's time zone. None when the window has no period.
        """
        if len(window) == 0:
            return None  # nothing to count: the pandas path's empty table
        spec = indicator.spec
        dataset = catalog.datasets[spec.dataset or ""]
        firsts = window.start_time.normalize()
        bounds = pd.DataFrame({"_first": firsts.date, "_last": window.end_time.normalize().date})
        with quiet_library():
            table = self._table(dataset, plan)
            rows = table.mutate(
                _where=self._condition(indicator.where, table, plan, dataset),
                _start=self._local_date(table, dataset, spec.start or "", plan),
                _end=self._local_date(table, dataset, spec.end or "", plan),
            )
            periods = ibis.memtable(bounds)
            parts = []
            for dim in ["", *spec.by]:
                keys = [dim] if dim else []
                known = grouped(rows, keys).cross_join(periods)
                found = self._execute(_churn_counts(known, keys))
                found = found.rename(columns={"_first": "_period"})
                parts.append(_tidy(_churn_values(found), dim, indicator.period))
        return pd.concat(parts, ignore_index=True)

    def _local_date(
        self, table: ir.Table, dataset: Dataset, column: str, plan: Plan
    ) -> ir.DateValue:
        """The date of each value of ``column``: a ``datetime``'s in the plan's time zone.

        Told by the declared type, not the engine's: Spark reads every
        timestamp as one without a zone.
        """
        values = table[column]
        if dataset.column_type(column) == "datetime":
            return self._dialect(dataset).local_time(plan.timezone, values).date()
        return values.date() if values.type().is_timestamp() else values

    def _table(self, dataset: Dataset, plan: Plan) -> ir.Table:
        """``dataset`` as a table of the engine, with each row's period for every period asked.

        The first day of each row's period is worked out once per time
        column and period, when the table is made: read in the time zone and
        truncated for every query instead, it cost ten times the query.
        """
        if dataset.name in self._tables:
            return self._tables[dataset.name]
        number, columns = len(self._tables), _columns_used(dataset, plan)
        if dataset.source is not None:  # a table is read where it is
            rows = dataset.source.rows.select(columns)
        else:
            rows = self._register(f"source_{number}", dataset.frame[columns].reset_index(drop=True))
        made = self._keep(f"dataset_{number}", self._with_periods(dataset, plan, rows))
        self._tables[dataset.name] = made
        return made

    def _with_periods(self, dataset: Dataset, plan: Plan, rows: ir.Table) -> ir.Table:
        """``rows`` with the first day of each row's period, per time column and period asked."""
        names = self._periods.setdefault(dataset.name, {})
        dialect = self._dialect(dataset)
        for time, period in sorted(_periods_used(dataset, plan)):
            names[(time, period)] = free_name(f"_sqms_period_{len(names)}", rows.columns)
        periods = {
            names[(time, period)]: period_start(rows[time], period, plan.timezone, dialect)
            for time, period in names
        }
        return rows.mutate(**periods)

    def _condition(
        self, expression: Expression | None, table: ir.Table, plan: Plan, dataset: Dataset
    ) -> ir.BooleanValue:
        """Where ``expression`` holds, false where it is unknown; true everywhere without one."""
        if expression is None:
            return ibis.literal(True)
        condition = compile_condition(expression, table, plan.timezone, self._dialect(dataset))
        return condition.fill_null(False)

    def _dialect(self, dataset: Dataset) -> Dialect:
        """The dialect for ``dataset``'s times: of their years only, where that compiles quicker.

        A table's was found when it was read; a loaded dataset's from its frame.
        """
        if dataset.source is not None:
            return dataset.source.dialect
        if dataset.name not in self._dialects:
            years = frame_years(dataset.frame)
            self._dialects[dataset.name] = for_years(self.dialect, years)
        return self._dialects[dataset.name]

    def _period_column(self, dataset: Dataset, time: str, period: str) -> str:
        """The column of ``dataset``'s table that holds each row's ``period`` by ``time``."""
        return self._periods[dataset.name][(time, period)]


class DuckDBEngine(SqlEngine):
    """An embedded DuckDB, on every core, with the datasets registered once."""

    dialect = DUCKDB

    def __init__(self, memory_limit: str | None = None) -> None:
        self._spill = SpillFolder()
        options: dict[str, Any] = {"temp_directory": str(self._spill.path)}
        if memory_limit is not None:
            options["memory_limit"] = memory_limit
        with quiet_library():
            super().__init__(ibis.duckdb.connect(**options))

    def _keep(self, name: str, rows: ir.Table) -> ir.Table:
        """A table of its own: each row's periods are worked out once, not in every query."""
        return self.connection.create_table(name, rows)

    def close(self) -> None:
        """Disconnect and remove the spill folder."""
        super().close()
        self._spill.remove()


def free_name(name: str, taken: Sequence[str]) -> str:
    """``name``, with underscores before it until no declared column has it."""
    while name in taken:
        name = "_" + name
    return name


@dataclass(frozen=True)
class _Read:
    """What one engine query of an indicator reads from one dataset."""

    dataset: str
    time: str | None
    columns: frozenset[str]
    periodic: bool = True
    """Whether the query groups rows by the period of ``time`` (churn does not)."""


def _reads(indicator: CompiledIndicator) -> list[_Read]:
    """The datasets an engine-computed indicator reads, with its time and other columns."""
    spec = indicator.spec
    by = set(spec.by)
    if spec.measure == "ratio":
        sides = [("numerator", spec.numerator), ("denominator", spec.denominator)]
        return [
            _Read(side.dataset, side.time, frozenset({*by, *_named(side.column, where)}))
            for name, side in sides
            if side is not None
            for where in [indicator.sides.get(name)]
        ]
    if spec.measure == "churn":
        named = _named(spec.start, indicator.where) | _named(spec.end)
        return [_Read(spec.dataset or "", None, frozenset({*by, *named}), periodic=False)]
    if spec.measure not in MEASURES:
        return []
    named = _named(spec.column, indicator.where, indicator.among)
    return [_Read(spec.dataset or "", spec.time, frozenset({*by, *named}))]


def _named(column: str | None, *expressions: Expression | None) -> set[str]:
    """``column`` and the columns ``expressions`` refer to."""
    names = {column} if column else set()
    for expression in expressions:
        names |= expression.columns if expression is not None else set()
    return names


def _columns_used(dataset: Dataset, plan: Plan) -> list[str]:
    """The columns of ``dataset`` the engine's queries read, in the dataset's order."""
    used: set[str] = set()
    for indicator in plan.indicators.values():
        for read in _reads(indicator):
            if read.dataset == dataset.name:
                used |= read.columns
                used |= {read.time or dataset.spec.time or ""} if read.periodic else set()
    return [column for column in dataset.frame.columns if column in used]


def _periods_used(dataset: Dataset, plan: Plan) -> set[tuple[str, str]]:
    """The time columns and periods of ``dataset`` that the engine's queries group by."""
    return {
        (read.time or dataset.spec.time or "", indicator.period)
        for indicator in plan.indicators.values()
        for read in _reads(indicator)
        if read.dataset == dataset.name and read.periodic
    }


class ConnectionEngine(SqlEngine):
    """The engine behind a connection that datasets' tables are read from.

    The queries run where the tables are; a loaded dataset a query also
    reads (a ratio's other side) is handed over as Arrow. Each table's rows
    and periods are kept as a temporary table of the connection (in memory,
    never in the database; in the database of the DuckDB that reads Parquet
    files, which is SQMS's own), dropped on :meth:`close`. The connection is
    the catalog's: this engine never closes it.
    """

    def __init__(self, connection: Connection, *, keep: bool = True) -> None:
        """``keep`` false for one query or two: the periods are then worked out in each."""
        super().__init__(connection.backend)
        self.dialect = connection.dialect
        self.keep = keep
        self._source = connection
        self._made: list[str] = []

    def _keep(self, name: str, rows: ir.Table) -> ir.Table:
        """A temporary table: each row's periods worked out once, not in every query."""
        if not self.keep:
            return rows
        kept = self._source.keep(rows)
        self._made.append(kept.get_name())
        return kept

    def close(self) -> None:
        """Drop the temporary tables; the connection stays open (the catalog's)."""
        with quiet_library():
            for name in self._made:
                self.connection.drop_table(name, force=True)
        self._made.clear()


@contextmanager
def open_engine(spec: EngineSpec, files: Connection | None = None) -> Iterator[SqlEngine]:
    """The engine ``datasets.yml`` names, closed (and its spill folder removed) after use.

    ``files``: the DuckDB that read the build's Parquet files, if any, which
    then computes on the datasets pandas read too. One DuckDB, so the build's
    DuckDB memory is held to ``memory_limit`` once, not once per database.
    """
    engine: SqlEngine = (
        DuckDBEngine(spec.memory_limit) if files is None else ConnectionEngine(files)
    )
    try:
        yield engine
    finally:
        engine.close()


def _churn_counts(pairs: ir.Table, keys: list[str]) -> ir.Table:
    """Lost and active customers per period and group, from each row paired with each period."""
    used = pairs["_where"] & pairs["_start"].notnull()
    before = used & (pairs["_start"] < pairs["_first"])
    ended = pairs["_end"].notnull()
    gone = ended & (pairs["_end"] < pairs["_first"])
    lost = before & ended & (pairs["_end"] >= pairs["_first"]) & (pairs["_end"] <= pairs["_last"])
    return pairs.group_by(["_first", *keys]).aggregate(
        numerator=flag(lost).sum(), denominator=flag(before & ~gone).sum()
    )


def _churn_values(found: pd.DataFrame) -> pd.DataFrame:
    """Lost ÷ active, NaN where none were active, as :func:`measure_churn` divides."""
    value = divide(found["numerator"], found["denominator"])
    return found.assign(value=value, n=found["denominator"])


def _tidy(found: pd.DataFrame, dim: str, period: str) -> pd.DataFrame:
    """The engine's groups as the pandas path's tidy rows, in its order."""
    keys = ["_period", *([dim] if dim else [])]
    found = found.sort_values(keys, kind="stable").reset_index(drop=True)
    return tidy(found.assign(_period=periods_of(found["_period"], period)), dim)
