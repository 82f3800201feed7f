"""The blocks an indicator is shown with: trend, control chart, breakdowns, Pareto, distribution.

Each block is a chart (inline SVG in a figure, with a caption) and the numbers
behind it, as Markdown lines. Indicator pages are made of them, and so are the
charts authors embed in manual pages, so both always agree.
"""

from __future__ import annotations

import pandas as pd

from sqms.engine.plan import CompiledIndicator
from sqms.engine.spc.limits import D2, D4, LANEY_SIGMA_Z
from sqms.engine.spc.signals import ControlResult, describe
from sqms.i18n import N_, nt, t
from sqms.schema.plan import QUANTILE_METHOD_WORDS
from sqms.site.charts import (
    breakdown_chart,
    control_chart,
    histogram_chart,
    pareto_chart,
    pareto_table,
    trend_chart,
)
from sqms.site.charts.control import KIND_NAMES, moving_range_chart
from sqms.site.pages.common import (
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
from sqms.site.reporting import ReportData
from sqms.text.formatting import (
    escape,
    format_count,
    format_period,
    format_span,
    format_status,
    format_value,
)

PARETO_PERIODS = 12
"""A Pareto chart adds up the latest this many complete periods."""
PARETO_MEASURES = frozenset({"count", "sum"})
"""Measures that add up across periods and categories, so a Pareto chart applies."""
RULE_SET_WORDS: dict[str, str] = {
    "basic": N_("page.control.rules.basic"),
    "western_electric": N_("page.control.rules.western_electric"),
    "nelson": N_("page.control.rules.nelson"),
}
"""Each named set of run rules (``sqms.schema.plan.RULE_SET_NAMES``) → the id of its description."""


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
    """The control chart with its limits explained and its signals listed in words.

    Everything needed to recompute the limits by hand is on the page: the
    baseline periods and those left out, the centre line, σz for a share,
    MR̄ and the mR chart for XmR, and every point's value and limits.
    """
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
        provisional=provisional_label(result),
        decimals=indicator.spec.decimals,
    )
    lines = [figure(chart, t("chart.control_caption"), _source(data, ind_id)), ""]
    lines += moving_range_block(data, result, indicator, points)
    lines += [limits_text(result, indicator), ""]
    got = result.limits.points_used
    lines += [nt("page.control.provisional", got, got=got,
                 need=result.min_points), ""] if result.provisional else []  # fmt: skip
    lines += [sigma_z_text(result), ""] if result.sigma_z is not None else []
    lines += signals_list(result)
    lines += [numbers(_control_numbers(points, result, indicator)), ""]
    return lines


def provisional_label(result: ControlResult) -> str | None:
    """``provisional limits (12 points; 20 needed)``, or None when the limits are final."""
    if not result.provisional:
        return None
    got = result.limits.points_used
    return nt("chart.provisional", got, got=got, need=result.min_points)


def moving_range_block(
    data: ReportData, result: ControlResult, indicator: CompiledIndicator, points: pd.DataFrame
) -> list[str]:
    """For XmR: the mR chart beside the X chart, and MR̄, its limit and sigma in words."""
    limits = result.limits
    if result.kind != "xmr" or limits.mr_bar is None or limits.mr_upper is None:
        return []
    chart = moving_range_chart(
        points,
        title=t("chart.mr_title", name=indicator.spec.name),
        unit=indicator.spec.unit,
        centre=limits.mr_bar,
        upper=limits.mr_upper,
        decimals=indicator.spec.decimals,
    )
    words = t(
        "page.control.moving_ranges",
        mr_bar=value_text(indicator, limits.mr_bar),
        d4=format_value(D4, "number", 3),
        mr_upper=value_text(indicator, limits.mr_upper),
        d2=format_value(D2, "number", 3),
        sigma=value_text(indicator, limits.mr_bar / D2),
    )
    return [figure(chart, t("chart.mr_caption"), _source(data, result.indicator)), "", words, ""]


def sigma_z_text(result: ControlResult) -> str:
    """σz of a share, and the chart it leads to (or that the chart was declared)."""
    sigma_z = format_value(result.sigma_z, "number", 2)
    threshold = format_value(LANEY_SIGMA_Z, "number", 1)
    if not result.chosen:
        return t("page.control.sigma_z_declared", sigma_z=sigma_z, threshold=threshold)
    return t(
        "page.control.sigma_z_auto",
        sigma_z=sigma_z,
        threshold=threshold,
        choice=t(KIND_NAMES[result.kind]),
    )


def chart_name(result: ControlResult, indicator: CompiledIndicator) -> str:
    """``xmr``, ``p``, ``laney_p``, ``u``, or ``c`` for a u chart of counts (exposure 1)."""
    return "c" if result.kind == "u" and indicator.spec.measure == "count" else result.kind


def limits_text(result: ControlResult, indicator: CompiledIndicator) -> str:
    """Which chart, which periods its limits come from (and which are left out), the rules."""
    rules = indicator.spec.rules
    rule_text = t(RULE_SET_WORDS[rules]) if isinstance(rules, str) else ", ".join(rules)
    source = t("page.control.baseline") if result.declared else t("page.control.all_periods")
    excluded = ", ".join(escape(format_period(label)) for label in result.excluded)
    return nt(
        "page.control.limits_from",
        result.limits.points_used,
        kind=t(KIND_NAMES[chart_name(result, indicator)]),
        first=escape(format_period(result.baseline[0])),
        last=escape(format_period(result.baseline[1])),
        source=source,
        excluded=t("page.control.excluded", periods=excluded) if excluded else "",
        centre=value_text(indicator, result.points["centre"].iloc[0]),
        rules=escape(rule_text),
    )


def signals_list(result: ControlResult) -> list[str]:
    """The signals in words, one bullet each; a sentence when there is none.

    Against provisional limits they are listed under their own heading: seen,
    but not yet claimed as special causes.
    """
    if not result.signals:
        return [t("page.control.no_signal"), ""]
    heading = (
        t("page.control.signals_provisional") if result.provisional else t("page.control.signals")
    )
    return [
        heading,
        "",
        *(f"- {escape(text)}" for text in describe(result.signals)),
        "",
    ]


def _control_numbers(
    points: pd.DataFrame, result: ControlResult, indicator: CompiledIndicator
) -> str:
    """Every plotted period: value, limits, whether it is in the baseline, mR (XmR), signals."""
    xmr = result.kind == "xmr"
    header = [
        t("col.period"),
        t("col.value"),
        *([t("col.moving_range")] if xmr else []),
        t("col.centre"),
        t("col.lower"),
        t("col.upper"),
        t("col.baseline"),
        t("col.signal"),
    ]
    excluded = set(result.excluded)
    rows = [
        [
            escape(row.period),
            value_text(indicator, row.value),
            *([value_text(indicator, row.moving_range)] if xmr else []),
            value_text(indicator, row.centre),
            value_text(indicator, row.lower),
            value_text(indicator, row.upper),
            "✔" if row.baseline else t("page.control.left_out") if row.period in excluded else "—",
            escape(row.signal) or "—",
        ]
        for row in points.itertuples(index=False)
    ]
    return html_table(header, rows, drop_empty=True)


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
    label = data.column_label(ind_id, dim)  # the column's name for readers
    chart = breakdown_chart(
        rows,
        overall,
        title=t("chart.breakdown_title", name=spec.name, dim=label),
        unit=spec.unit,
        dim=label,
    )
    lines = [figure(chart, t("chart.breakdown_caption", dim=label), _source(data, ind_id)), ""]
    lines += latest_by(indicator, rows, overall, label)
    return [*lines, numbers(_pivot(indicator, rows), t("page.every_period")), ""]


def latest_by(
    indicator: CompiledIndicator, rows: pd.DataFrame, overall: pd.DataFrame, dim: str
) -> list[str]:
    """The latest complete period's value for each breakdown value, with n and status.

    ``dim`` heads the first column: the column's label (escaped here).
    """
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
    return [intro, "", *md_table(header, table, drop_empty=True), ""]


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
    span = format_span(rows["period"].min(), rows["period"].max())
    label = data.column_label(ind_id, dim)  # the column's name for readers
    title = t("chart.pareto_title", name=indicator.spec.name, dim=label, span=span)
    chart = pareto_chart(counts, title=title, dim=label)
    table = pareto_table(counts)
    header = [escape(label), t("col.value"), t("col.share"), t("col.cumulative")]
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
    method = t(QUANTILE_METHOD_WORDS[indicator.spec.method or "nearest_rank"])
    caption = nt("chart.histogram_caption", int(shown.n), n=format_count(shown.n), method=method)
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
    """Every period's value, target and status, then its n, numerator, denominator, interval.

    Target and status come right after the value, so that a narrow screen
    that scrolls the table sideways still shows them first.
    """
    indicator = data.plan.indicators[ind_id]
    rows = tail(totals(data.results, ind_id), periods)
    header = [
        t("col.period"),
        t("col.value"),
        t("col.target"),
        t("col.status"),
        "n",
        t("col.numerator"),
        t("col.denominator"),
        t("col.interval"),
    ]
    sums = indicator.spec.measure in ("sum", "mean")
    table = [
        [
            period_text(row),
            value_text(indicator, row.value),
            value_text(indicator, row.target),
            format_status(str(row.status)),
            format_count(row.n),
            format_value(row.numerator, "number") if sums else format_count(row.numerator),
            format_count(row.denominator),
            interval_text(indicator, row.ci_low, row.ci_high),
        ]
        for row in rows.itertuples(index=False)
    ]
    return header, table


def values_table(data: ReportData, ind_id: str, periods: int | None = None) -> list[str]:
    """The values of every period as a Markdown table (columns empty in every row left out)."""
    return md_table(*values_rows(data, ind_id, periods), drop_empty=True)


def _source(data: ReportData, ind_id: str) -> str | None:
    """The provenance line of an indicator's charts (None when built without a manifest)."""
    return data.provenance.get(ind_id)
