"""DuckDB computing the indicators' aggregates, through Ibis, from the loaded datasets.

:class:`DuckDBEngine` is handed to :func:`sqms.engine.compute.compute`: for
each indicator whose measure it knows (:data:`sqms.engine.sql.measures.MEASURES`)
it builds one aggregate query per breakdown and returns the tidy table the
pandas path returns; for the others it returns None and pandas computes them.
Only aggregates come back from the engine.

This first form reads the datasets as loaded and checked (each registered
once, as Arrow); reading the declared files or a warehouse table directly is
the next step.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from sqms.engine.datasets import Catalog, Dataset
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.engine.sql.expressions import compile_condition
from sqms.engine.sql.measures import MEASURES
from sqms.engine.sql.periods import period_start, periods_of


class DuckDBEngine:
    """An embedded DuckDB, one thread (sums in row order), with the datasets registered once."""

    def __init__(self, memory_limit: str | None = None) -> None:
        options: dict[str, Any] = {"threads": 1}
        if memory_limit is not None:
            options["memory_limit"] = memory_limit
        self.connection = ibis.duckdb.connect(**options)
        self._tables: dict[str, ir.Table] = {}

    def _table(self, dataset: Dataset) -> ir.Table:
        if dataset.name not in self._tables:
            self._tables[dataset.name] = self.connection.create_table(
                f"dataset_{len(self._tables)}", dataset.frame.reset_index(drop=True)
            )
        return self._tables[dataset.name]

    def aggregate(
        self, indicator: CompiledIndicator, plan: Plan, catalog: Catalog
    ) -> pd.DataFrame | None:
        """The tidy grouped table of ``indicator``, or None when this engine cannot compute it."""
        spec = indicator.spec
        if spec.measure not in MEASURES:
            return None
        dataset = catalog.datasets[spec.dataset or ""]
        table = self._table(dataset)
        time = spec.time or dataset.spec.time or ""
        true = ibis.literal(True)
        rows = table.mutate(
            _where=compile_condition(indicator.where, table, plan.timezone)
            if indicator.where
            else true,
            _among=compile_condition(indicator.among, table, plan.timezone)
            if indicator.among
            else true,
            _period=period_start(table[time], indicator.period, plan.timezone),
        )
        parts = []
        for dim in ["", *spec.by]:
            keys = ["_period", *([dim] if dim else [])]
            found = self.connection.execute(MEASURES[spec.measure](spec, rows, keys))
            parts.append(_tidy(found, dim, indicator.period))
        return pd.concat(parts, ignore_index=True)


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
