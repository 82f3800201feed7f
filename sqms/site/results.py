"""Results for machine readers: JSON (also published in the site), CSV and a text table.

The JSON has, per indicator, its definition, ``series``: one entry per
period and breakdown value with ``value``, ``n``, ``numerator``,
``denominator``, the Wilson interval for proportions and the status, and
``control``: the control chart as the indicator page shows it (chart type,
centre line, each point's limits, the baseline periods used and left out,
whether the limits are provisional, the signals with their rule ids and
periods), or ``null`` without one. Missing numbers are ``null``; output is
sorted, so equal inputs give equal bytes.

The text table shows each indicator's latest complete period (the one the
dashboard shows) and, after it, the period still running, marked partial and
not judged; values are in the indicator's unit.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from sqms.engine.plan import CompiledIndicator, Plan
from sqms.engine.spc.signals import ControlOutcome, ControlResult, control_results
from sqms.i18n import t
from sqms.text.formatting import format_count, format_status, format_value

SERIES_FIELDS = ["value", "n", "numerator", "denominator", "ci_low", "ci_high", "target", "warning"]


def json_number(value: Any) -> float | int | None:
    """A JSON number, or None for NaN; whole counts as integers."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else round(number, 10)


def indicator_document(
    plan: Plan, ind_id: str, rows: pd.DataFrame, control: ControlOutcome | None = None
) -> dict[str, Any]:
    """One indicator: its definition, its series and its control chart."""
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
        "control": control_document(plan.indicators[ind_id], control.result)
        if control is not None and control.result is not None
        else None,
    }


def control_document(indicator: CompiledIndicator, result: ControlResult) -> dict[str, Any]:
    """The control chart in numbers: enough to redraw it and to recompute its limits.

    Values, centre and limits are in the indicator's unit (a ratio × its
    scale), as on the page; ``sigma_z`` is given for shares, ``mr_bar`` and
    ``mr_upper`` for XmR.
    """
    limits = result.limits
    counted = result.kind == "u" and indicator.spec.measure == "count"
    excluded = set(result.excluded)
    return {
        "chart": "c" if counted else result.kind,
        "chosen": "auto" if result.chosen else "declared",
        "centre": json_number(result.points["centre"].iloc[0]),
        "sigma_z": json_number(result.sigma_z),
        "mr_bar": json_number(limits.mr_bar),
        "mr_upper": json_number(limits.mr_upper),
        "rules": list(result.rules),
        "baseline": {
            "from": result.baseline[0],
            "to": result.baseline[1],
            "declared": result.declared,
            "periods": result.baseline_periods,
            "excluded": list(result.excluded),
        },
        "min_points": result.min_points,
        "points_used": limits.points_used,
        "provisional": result.provisional,
        "points": [_point(row, excluded) for row in result.points.itertuples(index=False)],
        "signals": [
            {
                "rule": signal.rule,
                "periods": list(signal.periods),
                "direction": signal.direction,
                "worse": signal.worse,
            }
            for signal in result.signals
        ],
    }


def _point(row: Any, excluded: set[str]) -> dict[str, Any]:
    """One plotted period: value, limits, moving range, its part in the baseline, its rules."""
    in_baseline = "used" if row.baseline else "excluded" if row.period in excluded else "outside"
    return {
        "period": row.period,
        "value": json_number(row.value),
        "lower": json_number(row.lower),
        "upper": json_number(row.upper),
        "moving_range": json_number(row.moving_range),
        "baseline": in_baseline,
        "signals": [rule for rule in str(row.signal).split(", ") if rule],
    }


def results_document(
    plan: Plan, results: pd.DataFrame, controls: dict[str, ControlOutcome] | None = None
) -> dict[str, Any]:
    """The whole results document, indicators in plan order.

    ``controls`` are the control charts of the build; without them they are
    computed from ``results`` (the same function the pages use).
    """
    grouped = {ind_id: rows for ind_id, rows in results.groupby("indicator", sort=False)}
    empty = results.iloc[0:0]
    if controls is None:
        controls = control_results(plan, results)[0]
    return {
        "indicators": [
            indicator_document(plan, ind_id, grouped.get(ind_id, empty), controls.get(ind_id))
            for ind_id in plan.indicators
        ]
    }


def results_json(
    plan: Plan, results: pd.DataFrame, controls: dict[str, ControlOutcome] | None = None
) -> str:
    """The results document as stable, readable JSON text."""
    document = results_document(plan, results, controls)
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


EXPORT_COLUMNS = [
    "indicator", "period", "dim", "dim_value", "value", "n", "numerator", "denominator",
    "ci_low", "ci_high", "target", "warning", "status", "partial",
]  # fmt: skip


def results_csv(results: pd.DataFrame) -> str:
    """The tidy results as CSV."""
    return str(
        results[EXPORT_COLUMNS].to_csv(index=False, lineterminator="\n", float_format="%.10g")
    )


def results_table(plan: Plan, results: pd.DataFrame) -> str:
    """Each indicator's latest complete period, and the partial one after it, for a terminal.

    The latest complete period is the one the dashboard shows (the last
    complete period with a value); a later period that is not over is shown
    marked *partial* and not judged. Values are in the indicator's unit.
    """
    totals = results[(results["dim"] == "") & results["value"].notna()]
    totals = totals.sort_values("period_start", kind="stable")
    grouped = {ind_id: rows for ind_id, rows in totals.groupby("indicator", sort=False)}
    header = [t("col.indicator"), t("col.period"), t("col.value"), "n", t("col.target"),
              t("col.status")]  # fmt: skip
    lines: list[list[str]] = []
    for ind_id, indicator in plan.indicators.items():
        rows = grouped.get(ind_id, totals.iloc[0:0])
        done = rows[~rows["partial"].astype("bool")].tail(1)
        after = rows["period_start"] > done["period_start"].max() if len(done) else True
        shown = pd.concat([done, rows[rows["partial"].astype("bool") & after]])
        lines += [_table_row(indicator, row) for row in shown.itertuples(index=False)]
        if shown.empty:
            lines.append([ind_id, "—", "—", "—", _target_text(indicator), "—"])
    # As the dashboard says it: the latest complete period of any indicator.
    valued = results[results["value"].notna() & ~results["partial"].astype("bool")]
    valued = valued.sort_values("period_start", kind="stable")
    title = t("cli.latest_complete", period=str(valued["period"].iloc[-1]) if len(valued) else "—")
    table = pd.DataFrame(lines, columns=header, dtype="str").to_string(index=False)
    return f"{title}\n{table}\n"


def _table_row(indicator: CompiledIndicator, row: Any) -> list[str]:
    """One period of the text table: partial periods marked and not judged."""
    spec = indicator.spec
    partial = bool(row.partial)
    period = str(row.period) + " (" + t("page.partial") + ")" if partial else str(row.period)
    status = format_status("not_judged" if partial else str(row.status))
    value = format_value(row.value, spec.unit, spec.decimals)
    return [indicator.id, period, value, format_count(row.n), _bound(indicator, row.target), status]


def _target_text(indicator: CompiledIndicator) -> str:
    """The target in force now with its good side (``≥ 95.0%``), ``—`` without one."""
    steps = indicator.spec.target_steps()
    return _bound(indicator, steps[-1].target if steps else None)


def _bound(indicator: CompiledIndicator, target: object) -> str:
    """A target with its good side, in the indicator's unit: ``≥ 95.0%``; ``—`` without one."""
    shown = format_value(target, indicator.spec.unit, indicator.spec.decimals)
    symbol = "≥" if indicator.spec.better == "higher" else "≤"
    return "—" if shown == "—" else f"{symbol} {shown}"
