"""DuckDB computing the indicators' aggregates, through Ibis, from the loaded datasets.

:class:`DuckDBEngine` is handed to :func:`sqms.engine.compute.compute` (or
chosen there by ``engine: {name: duckdb}`` in ``datasets.yml``): for each
indicator whose measure it knows (:data:`sqms.engine.sql.measures.MEASURES`)
it builds one aggregate query per breakdown and returns the tidy table the
pandas path returns; a ratio's two sides are aggregated here and divided by
the code the pandas path uses. Only aggregates come back from the engine.

The engine reads the datasets as loaded and checked, each registered once
as Arrow, so every declared check, derived column and excluded row is the
same as the pandas path's. It runs one thread, so that its compensated sums
add the rows in the order pandas adds them; it spills to a private
temporary folder under its memory limit, never into the project.
"""

from __future__ import annotations

import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from sqms.engine.datasets import Catalog, Dataset
from sqms.engine.expressions import Expression
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.engine.sql.expressions import compile_condition
from sqms.engine.sql.measures import MEASURES, compensated_sum
from sqms.engine.sql.periods import period_start, periods_of
from sqms.schema.datasets import EngineSpec
from sqms.schema.plan import Aggregate

LIBRARY_NOISE = (
    "The 'future.infer_string' option is deprecated",  # Ibis 12 under pandas 3
    r"fetch_arrow_table\(\) is deprecated",  # Ibis 12 under recent DuckDB
)
"""Warnings Ibis raises about its own use of pandas and DuckDB, not about the project."""


@contextmanager
def quiet_library() -> Iterator[None]:
    """Hide :data:`LIBRARY_NOISE`, which no user of SQMS can act on."""
    with warnings.catch_warnings():
        for message in LIBRARY_NOISE:
            warnings.filterwarnings("ignore", message=message)
        yield


class DuckDBEngine:
    """An embedded DuckDB, one thread (sums in row order), with the datasets registered once."""

    def __init__(self, memory_limit: str | None = None) -> None:
        self._spill = tempfile.TemporaryDirectory(prefix="sqms-duckdb-")
        options: dict[str, Any] = {"threads": 1, "temp_directory": self._spill.name}
        if memory_limit is not None:
            options["memory_limit"] = memory_limit
        with quiet_library():
            self.connection = ibis.duckdb.connect(**options)
        self._tables: dict[str, ir.Table] = {}

    def close(self) -> None:
        """Disconnect and remove the spill folder."""
        self.connection.disconnect()
        self._spill.cleanup()

    def aggregate(
        self, indicator: CompiledIndicator, plan: Plan, catalog: Catalog
    ) -> pd.DataFrame | None:
        """The tidy grouped table of ``indicator``, or None when this engine cannot compute it."""
        spec = indicator.spec
        if spec.measure not in MEASURES:
            return None
        dataset = catalog.datasets[spec.dataset or ""]
        with quiet_library():
            table = self._table(dataset)
            time = spec.time or dataset.spec.time or ""
            rows = table.mutate(
                _where=_condition(indicator.where, table, plan),
                _among=_condition(indicator.among, table, plan),
                _period=period_start(table[time], indicator.period, plan.timezone),
            )
            parts = []
            for dim in ["", *spec.by]:
                keys = ["_period", *([dim] if dim else [])]
                found = self.connection.execute(MEASURES[spec.measure](spec, rows, keys))
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
        value there and 0 elsewhere (missing values too), in row order, as
        pandas does.
        """
        dataset = catalog.datasets[aggregate.dataset]
        keys = ["_period", *([dim] if dim else [])]
        with quiet_library():
            table = self._table(dataset)
            time = aggregate.time or dataset.spec.time or ""
            rows = table.mutate(
                _used=_condition(where, table, plan),
                _period=period_start(table[time], period, plan.timezone),
            )
            used = rows["_used"]
            if aggregate.measure == "sum":
                values = rows[aggregate.column or ""].cast("float64")
                used = used & values.notnull() & ~values.isnan()
                amount = compensated_sum(used.ifelse(values, 0.0))
            else:
                amount = used.ifelse(1.0, 0.0).sum()
            known = ibis.and_(*(rows[key].notnull() for key in keys))
            query = rows.filter(known).group_by(keys).aggregate(_v=amount)
            found = self.connection.execute(query).sort_values(keys, kind="stable")
        found = found.assign(_period=periods_of(found["_period"], period))
        return found.set_index(keys)["_v"].astype("float64")

    def _table(self, dataset: Dataset) -> ir.Table:
        if dataset.name not in self._tables:
            self._tables[dataset.name] = self.connection.create_table(
                f"dataset_{len(self._tables)}", dataset.frame.reset_index(drop=True)
            )
        return self._tables[dataset.name]


@contextmanager
def open_engine(spec: EngineSpec) -> Iterator[DuckDBEngine]:
    """The engine ``datasets.yml`` names, closed (and its spill folder removed) after use."""
    engine = DuckDBEngine(spec.memory_limit)
    try:
        yield engine
    finally:
        engine.close()


def _condition(expression: Expression | None, table: ir.Table, plan: Plan) -> ir.BooleanValue:
    """Where ``expression`` holds, false where it is unknown; true everywhere without one."""
    if expression is None:
        return ibis.literal(True)
    return compile_condition(expression, table, plan.timezone).fill_null(False)


def _tidy(found: pd.DataFrame, dim: str, period: str) -> pd.DataFrame:
    """The engine's groups as the pandas path's tidy rows, in its order."""
    keys = ["_period", *([dim] if dim else [])]
    found = found.sort_values(keys, kind="stable").reset_index(drop=True)
    values = found[dim].astype("str") if dim else pd.Series("", index=found.index, dtype="str")
    return pd.DataFrame(
        {
            "period_obj": periods_of(found["_period"], period),
            "dim": dim,
            "dim_value": values,
            "value": found["value"].astype("float64"),
            "n": found["n"].astype("float64"),
            "numerator": found["numerator"].astype("float64"),
            "denominator": found["denominator"].astype("float64"),
        }
    )
