"""The blocks an indicator is shown with: trend, control chart, breakdowns, Pareto, distribution.

Each block is a chart (inline SVG in a figure, with a caption) and the numbers
behind it, as Markdown lines. Indicator pages are made of them, and so are the
charts authors embed in manual pages, so both always agree.
"""

from __future__ import annotations

import pandas as pd

from sqms.charts import (
    breakdown_chart,
    control_chart,
    histogram_chart,
    pareto_chart,
    pareto_table,
    trend_chart,
)
from sqms.formatting import escape, format_count, format_period, format_status, format_value
from sqms.i18n import t
from sqms.pages.common import (
    complete,
    figure,
    html_table,
    interval_text,
    latest,
    md_table,
    numbers,
    period_text,
    totals,
    value_text,
)
from sqms.plan import CompiledIndicator
from sqms.reporting import ReportData
from sqms.signals import ControlResult, describe

PARETO_PERIODS = 12
"""A Pareto chart adds up the latest this many complete periods."""
PARETO_MEASURES = frozenset({"count", "sum"})
"""Measures that add up across periods and categories, so a Pareto chart applies."""


def tail(rows: pd.DataFrame, periods: int | None) -> pd.DataFrame:
    """The latest ``periods`` periods of rows (every period when None)."""
    if periods is None:
        return rows
    kept = list(dict.fromkeys(rows.sort_values("period_start", kind="stable")["period"]))
    return rows[rows["period"].isin(kept[-periods:])]


def trend_block(data: ReportData, ind_id: str, periods: int | None = None) -> list[str]:
    """The trend chart of complete periods, against target, warning band and benchmark."""
    indicator = data.plan.indicators[ind_id]
    spec = indicator.spec
    rows = tail(complete(totals(data.results, ind_id)), periods)
    if not rows["value"].notna().any():
        return [t("page.indicator.no_data"), ""]
    benchmark = spec.benchmark.value if spec.benchmark else None
    chart = trend_chart(rows, title=spec.name, unit=spec.unit, benchmark=benchmark)
    parts = [t("chart.trend_caption", name=spec.name)]
    parts += [t("chart.caption.target")] if rows["target"].notna().any() else []
    parts += [t("chart.caption.warning")] if rows["warning"].notna().any() else []
    parts += [t("chart.caption.benchmark")] if benchmark is not None else []
    return [
        figure(chart, " ".join([*parts, t("chart.caption.numbers")]), _source(data, ind_id)),
        "",
    ]


def control_block(data: ReportData, ind_id: str, periods: int | None = None) -> list[str]:
    """The control chart with its limits explained and its signals listed in words."""
    indicator = data.plan.indicators[ind_id]
    outcome = data.controls.get(ind_id)
    if outcome is None or outcome.result is None:
        return [outcome.reason if outcome and outcome.reason else t("signal.no_chart"), ""]
    result = outcome.result
    points = result.points if periods is None else result.points.tail(periods)
    baseline = result.baseline if result.declared else None
    if baseline is not None and not set(baseline) <= set(points["period"]):
        baseline = None
    chart = control_chart(
        points,
        title=t("chart.control_title", name=indicator.spec.name),
        unit=indicator.spec.unit,
        kind=chart_name(result, indicator),
        baseline=baseline,
    )
    lines = [figure(chart, t("chart.control_caption"), _source(data, ind_id)), ""]
    lines += [limits_text(result, indicator), ""]
    lines += signals_list(result)
    lines += [numbers(_control_numbers(points, indicator)), ""]
    return lines


def chart_name(result: ControlResult, indicator: CompiledIndicator) -> str:
    """``xmr``, ``p``, ``laney_p``, ``u``, or ``c`` for a u chart of counts (exposure 1)."""
    return "c" if result.kind == "u" and indicator.spec.measure == "count" else result.kind


def limits_text(result: ControlResult, indicator: CompiledIndicator) -> str:
    """Which chart, where its limits come from, and which run rules are applied."""
    rules = indicator.spec.rules
    rule_text = t("page.control.rules." + rules) if isinstance(rules, str) else ", ".join(rules)
    source = "page.control.baseline" if result.declared else "page.control.all_periods"
    return t(
        "page.control.limits",
        kind=t("chart.kind." + chart_name(result, indicator)),
        first=result.baseline[0],
        last=result.baseline[1],
        source=t(source),
        centre=value_text(indicator, result.points["centre"].iloc[0]),
        rules=escape(rule_text),
    )


def signals_list(result: ControlResult) -> list[str]:
    """The signals in words, one bullet each; a sentence when there is none."""
    if not result.signals:
        return [t("page.control.no_signal"), ""]
    return [
        t("page.control.signals"),
        "",
        *(f"- {escape(text)}" for text in describe(result.signals)),
        "",
    ]


def _control_numbers(points: pd.DataFrame, indicator: CompiledIndicator) -> str:
    header = [
        t("col.period"),
        t("col.value"),
        t("col.centre"),
        t("col.lower"),
        t("col.upper"),
        t("col.signal"),
    ]
    rows = [
        [
            escape(row.period),
            value_text(indicator, row.value),
            value_text(indicator, row.centre),
            value_text(indicator, row.lower),
            value_text(indicator, row.upper),
            escape(row.signal) or "—",
        ]
        for row in points.itertuples(index=False)
    ]
    return html_table(header, rows)


def breakdown_block(
    data: ReportData, ind_id: str, dim: str, periods: int | None = None
) -> list[str]:
    """Small multiples by ``dim``, the latest period's values by ``dim``, and every period."""
    indicator = data.plan.indicators[ind_id]
    spec = indicator.spec
    results = data.results
    rows = results[(results["indicator"] == ind_id) & (results["dim"] == dim)]
    rows = tail(complete(rows).sort_values("period_start", kind="stable"), periods)
    if not rows["value"].notna().any():
        return [t("page.indicator.no_data"), ""]
    overall = tail(complete(totals(results, ind_id)), periods)
    chart = breakdown_chart(
        rows,
        overall,
        title=t("chart.breakdown_title", name=spec.name, dim=dim),
        unit=spec.unit,
        dim=dim,
    )
    lines = [figure(chart, t("chart.breakdown_caption", dim=dim), _source(data, ind_id)), ""]
    lines += latest_by(indicator, rows, overall, dim)
    return [*lines, numbers(_pivot(indicator, rows), t("page.every_period")), ""]


def latest_by(
    indicator: CompiledIndicator, rows: pd.DataFrame, overall: pd.DataFrame, dim: str
) -> list[str]:
    """The latest complete period's value for each breakdown value, with n and status."""
    last = latest(overall)
    if last is None:
        return []
    shown = rows[rows["period"] == last["period"]].sort_values("dim_value", kind="stable")
    header = [escape(dim), t("col.value"), "n", t("col.interval"), t("col.status")]
    table = [
        [
            escape(row.dim_value),
            value_text(indicator, row.value),
            format_count(row.n),
            interval_text(indicator, row.ci_low, row.ci_high),
            format_status(str(row.status)),
        ]
        for row in shown.itertuples(index=False)
    ]
    intro = t("page.breakdown.latest", period=escape(format_period(last["period"])))
    return [intro, "", *md_table(header, table), ""]


def _pivot(indicator: CompiledIndicator, rows: pd.DataFrame) -> str:
    """Every period (rows) by every breakdown value (columns)."""
    values = list(dict.fromkeys(str(v) for v in rows["dim_value"]))
    periods = list(dict.fromkeys(str(p) for p in rows["period"]))
    cell = {(str(r.period), str(r.dim_value)): r for r in rows.itertuples(index=False)}
    table = []
    for period in periods:
        found = [cell.get((period, value)) for value in values]
        table.append([escape(period), *(_value_n(indicator, row) for row in found)])
    return html_table([t("col.period"), *(escape(v) for v in values)], table)


def _value_n(indicator: CompiledIndicator, row: object | None) -> str:
    if row is None:
        return "—"
    value = value_text(indicator, getattr(row, "value", None))
    return f"{value} (n = {format_count(getattr(row, 'n', None))})"


def pareto_block(
    data: ReportData, ind_id: str, dim: str, periods: int = PARETO_PERIODS
) -> list[str]:
    """A Pareto chart of the latest ``periods`` complete periods by ``dim``, and its table."""
    indicator = data.plan.indicators[ind_id]
    results = data.results
    rows = results[(results["indicator"] == ind_id) & (results["dim"] == dim)]
    rows = tail(complete(rows), periods)
    if rows.empty or not rows["value"].notna().any():
        return [t("page.indicator.no_data"), ""]
    counts = rows.groupby("dim_value", sort=True)["value"].sum().rename("count").reset_index()
    span = f"{rows['period'].min()} – {rows['period'].max()}"
    title = t("chart.pareto_title", name=indicator.spec.name, dim=dim, span=span)
    chart = pareto_chart(counts, title=title, dim=dim)
    table = pareto_table(counts)
    header = [escape(dim), t("col.value"), t("col.share"), t("col.cumulative")]
    cells = [
        [
            escape(name),
            value_text(indicator, count),
            format_value(share, "percent"),
            format_value(cumulative, "percent"),
        ]
        for name, count, share, cumulative in zip(
            table["dim_value"], table["count"], table["share"], table["cumulative"], strict=True
        )
    ]
    return [
        figure(chart, t("chart.pareto_caption"), _source(data, ind_id)),
        "",
        *md_table(header, cells),
        "",
    ]


def distribution_block(data: ReportData, ind_id: str) -> list[str]:
    """The histogram of the latest complete period's durations, median and p90 marked."""
    indicator = data.plan.indicators[ind_id]
    shown = data.histograms.get(ind_id)
    if shown is None:
        return [t("page.indicator.no_data"), ""]
    unit = indicator.spec.unit
    title = t("chart.histogram_title", name=indicator.spec.column or "", period=shown.period)
    chart = histogram_chart(shown.bins, title=title, unit=unit, median=shown.median, p90=shown.p90)
    caption = t("chart.histogram_caption", n=format_count(shown.n))
    return [
        figure(chart, caption, _source(data, ind_id)),
        "",
        numbers(bins_table(shown.bins, unit)),
        "",
    ]


def bins_table(bins: pd.DataFrame, unit: str) -> str:
    """Bins as ``from – to`` with their counts; the open-ended bin as ``≥ from``."""
    rows = []
    for first, last, count in zip(bins["start"], bins["end"], bins["count"], strict=True):
        start = format_value(first, unit)
        span = f"≥ {start}" if pd.isna(last) else f"{start} – {format_value(last, unit)}"
        rows.append([span, format_count(count)])
    return html_table([t("col.duration"), t("col.count")], rows)


def values_rows(
    data: ReportData, ind_id: str, periods: int | None = None
) -> tuple[list[str], list[list[str]]]:
    """Every period's value with its n, numerator, denominator, interval, target and status."""
    indicator = data.plan.indicators[ind_id]
    rows = tail(totals(data.results, ind_id), periods)
    header = [
        t("col.period"),
        t("col.value"),
        "n",
        t("col.numerator"),
        t("col.denominator"),
        t("col.interval"),
        t("col.target"),
        t("col.status"),
    ]
    sums = indicator.spec.measure in ("sum", "mean")
    table = [
        [
            period_text(row),
            value_text(indicator, row.value),
            format_count(row.n),
            format_value(row.numerator, "number") if sums else format_count(row.numerator),
            format_count(row.denominator),
            interval_text(indicator, row.ci_low, row.ci_high),
            value_text(indicator, row.target),
            format_status(str(row.status)),
        ]
        for row in rows.itertuples(index=False)
    ]
    return header, table


def values_table(data: ReportData, ind_id: str, periods: int | None = None) -> list[str]:
    """The values of every period as a Markdown table."""
    return md_table(*values_rows(data, ind_id, periods))


def _source(data: ReportData, ind_id: str) -> str | None:
    """The provenance line of an indicator's charts (None when built without a manifest)."""
    return data.provenance.get(ind_id)
