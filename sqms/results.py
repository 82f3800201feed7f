"""Results for machine readers: JSON (also published in the site), CSV and a text table.

The JSON has, per indicator, its definition and ``series``: one entry per
period and breakdown value with ``value``, ``n``, ``numerator``,
``denominator``, the Wilson interval for proportions and the status. Missing
numbers are ``null``; output is sorted, so equal inputs give equal bytes.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from sqms.plan import Plan

SERIES_FIELDS = ["value", "n", "numerator", "denominator", "ci_low", "ci_high", "target", "warning"]


def json_number(value: Any) -> float | int | None:
    """A JSON number, or None for NaN; whole counts as integers."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else round(number, 10)


def indicator_document(plan: Plan, ind_id: str, rows: pd.DataFrame) -> dict[str, Any]:
    """One indicator: its definition and its series."""
    spec = plan.indicators[ind_id].spec
    steps = spec.target_steps()
    series = [
        {
            "period": row.period,
            "dims": {row.dim: row.dim_value} if row.dim else {},
            **{name: json_number(getattr(row, name)) for name in SERIES_FIELDS},
            "status": row.status,
            "partial": bool(row.partial),
        }
        for row in rows.itertuples(index=False)
    ]
    return {
        "id": ind_id,
        "name": spec.name,
        "description": spec.description,
        "family": spec.family,
        "measure": spec.measure,
        "unit": spec.unit,
        "better": spec.better,
        "target": steps[-1].target if steps else None,
        "warning": steps[-1].warning if steps else None,
        "period": plan.indicators[ind_id].period,
        "min_n": plan.indicators[ind_id].min_n,
        "owner": spec.owner,
        "procedure": spec.procedure,
        "clauses": list(spec.clauses),
        "benchmark": spec.benchmark.model_dump() if spec.benchmark else None,
        "series": series,
    }


def results_document(plan: Plan, results: pd.DataFrame) -> dict[str, Any]:
    """The whole results document, indicators in plan order."""
    grouped = {ind_id: rows for ind_id, rows in results.groupby("indicator", sort=False)}
    empty = results.iloc[0:0]
    return {
        "indicators": [
            indicator_document(plan, ind_id, grouped.get(ind_id, empty))
            for ind_id in plan.indicators
        ]
    }


def results_json(plan: Plan, results: pd.DataFrame) -> str:
    """The results document as stable, readable JSON text."""
    return (
        json.dumps(results_document(plan, results), ensure_ascii=False, indent=2, sort_keys=False)
        + "\n"
    )


EXPORT_COLUMNS = [
    "indicator", "period", "dim", "dim_value", "value", "n", "numerator", "denominator",
    "ci_low", "ci_high", "target", "warning", "status", "partial",
]  # fmt: skip


def results_csv(results: pd.DataFrame) -> str:
    """The tidy results as CSV."""
    return str(
        results[EXPORT_COLUMNS].to_csv(index=False, lineterminator="\n", float_format="%.10g")
    )


def results_table(results: pd.DataFrame) -> str:
    """The latest total value of each indicator, as an aligned text table for a terminal."""
    totals = results[(results["dim"] == "") & results["value"].notna()]
    latest = totals.groupby("indicator", sort=False).tail(1)
    shown = latest[["indicator", "period", "value", "n", "target", "status"]]
    return str(shown.to_string(index=False, float_format=lambda v: f"{v:.4g}")) + "\n"
