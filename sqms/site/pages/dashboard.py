"""The dashboard: what needs attention now, then every indicator by family at a glance.

"Needs attention" comes first: indicators not meeting their target in their
latest complete period, and control-chart signals that end in the latest
periods (``reporting.recent_periods``), those pointing the bad way first;
signals against provisional limits are not claimed.
Further items (overdue actions, once the registers exist) arrive through
``ReportData.attention``. Then each family of indicators is one table with
the latest value, target, status, a sparkline and the latest signal.
"""

from __future__ import annotations

import base64

from sqms.engine.spc.signals import summarise
from sqms.i18n import t
from sqms.site.charts import render_svg, sparkline
from sqms.site.pages.common import (
    CYCLE_PAGE,
    DASHBOARD_PAGE,
    FAMILIES,
    FAMILY_WORDS,
    PLAN_PAGE,
    Page,
    complete,
    indicator_link,
    latest,
    link,
    md_table,
    target_text,
    totals,
    value_text,
)
from sqms.site.reporting import ReportData
from sqms.text.formatting import escape, format_date, format_period, format_status

SPARK_PERIODS = 12
"""A sparkline shows the latest this many complete periods."""
ATTENTION_STATUSES = ("misses", "warning")


def dashboard_page(data: ReportData) -> Page:
    """The dashboard page."""
    last = _latest_period(data)
    lines = ["# " + t("page.dashboard.title"), ""]
    lines += [t("page.dashboard.intro", period=escape(format_period(last or "—"))), ""]
    links = [_link(t("page.plan.title"), PLAN_PAGE)]
    if data.cycle is not None:
        links.append(_link(t("page.cycle.title"), CYCLE_PAGE))
    lines += [" · ".join(links), ""]
    lines += ["## " + t("page.dashboard.attention"), "", *_as_of(data), *attention(data), ""]
    for family in FAMILIES:
        ids = [i for i, ind in data.plan.indicators.items() if ind.spec.family == family]
        if ids:
            lines += ["## " + t(FAMILY_WORDS[family]), "", *family_table(data, ids), ""]
    return Page(DASHBOARD_PAGE, "\n".join(lines))


def _link(title: str, target: str) -> str:
    """A Markdown link from the dashboard to another generated page."""
    return f"[{title}]({link(target, DASHBOARD_PAGE)})"


def _latest_period(data: ReportData) -> str | None:
    """The latest complete period of any indicator."""
    rows = complete(data.results[data.results["value"].notna()])
    return None if rows.empty else str(rows.sort_values("period_start").iloc[-1]["period"])


def _as_of(data: ReportData) -> list[str]:
    """The date overdue items are judged as of, when the report knows it."""
    if data.as_of is None:
        return []
    return [t("asof.dashboard", date=format_date(data.as_of)), ""]


def attention(data: ReportData) -> list[str]:
    """Indicators off target, recent signals (worse, then better), and further items."""
    lines: list[str] = []
    off = _off_target(data)
    if off:
        lines += ["### " + t("page.dashboard.off_target"), "", *off, ""]
    worse, better = _recent_signals(data)
    if worse:
        lines += ["### " + t("page.dashboard.worse"), "", *worse, ""]
    if better:
        lines += ["### " + t("page.dashboard.better"), "", *better, ""]
    for group in dict.fromkeys(item.group for item in data.attention):
        items = [f"- {item.text}" for item in data.attention if item.group == group]
        lines += [f"### {escape(group)}", "", *items, ""]
    return lines or [t("page.dashboard.all_clear", periods=data.recent_periods), ""]


def _off_target(data: ReportData) -> list[str]:
    """A table of indicators missing target or in warning, misses first."""
    found = []
    for ind_id in data.plan.indicators:
        last = latest(totals(data.results, ind_id))
        if last is not None and last["status"] in ATTENTION_STATUSES:
            found.append((ATTENTION_STATUSES.index(str(last["status"])), ind_id, last))
    rows = [
        [
            indicator_link(data.plan.indicators[ind_id], DASHBOARD_PAGE),
            escape(format_period(last["period"])),
            value_text(data.plan.indicators[ind_id], last["value"]),
            target_text(data.plan.indicators[ind_id]),
            format_status(str(last["status"])),
        ]
        for _, ind_id, last in sorted(found, key=lambda item: item[0])
    ]
    if not rows:
        return []
    header = [
        t("col.indicator"),
        t("col.period"),
        t("col.latest"),
        t("col.target"),
        t("col.status"),
    ]
    return md_table(header, rows)


def _recent_signals(data: ReportData) -> tuple[list[str], list[str]]:
    """Bullets of recent signals pointing the bad way, and the good way (or neither).

    A chart with provisional limits has no recent signals (``ControlResult.recent``):
    trial limits from a few periods are not enough to claim a special cause.
    """
    worse: list[str] = []
    better: list[str] = []
    for ind_id, indicator in data.plan.indicators.items():
        outcome = data.controls.get(ind_id)
        if outcome is None or outcome.result is None:
            continue
        for summary in summarise(outcome.result.recent(data.recent_periods)):
            name = indicator_link(indicator, DASHBOARD_PAGE)
            bullet = f"- {name}: {escape(summary.sentence())}"
            (worse if summary.worse is not False else better).append(bullet)
    return worse, better


def family_table(data: ReportData, ids: list[str]) -> list[str]:
    """One row per indicator: latest value and period, target, status, sparkline, signals."""
    header = [t("col.indicator"), t("col.latest"), t("col.target"), t("col.status"),
              t("col.trend"), t("col.signal")]  # fmt: skip
    rows = []
    for ind_id in ids:
        indicator = data.plan.indicators[ind_id]
        last = latest(totals(data.results, ind_id))
        name = indicator_link(indicator, DASHBOARD_PAGE)
        if last is None:
            rows.append([name, "—", target_text(indicator), format_status("not_judged"), "—", "—"])
            continue
        period = escape(format_period(last["period"]))
        value = f"{value_text(indicator, last['value'])}<br>{period}"
        rows.append([name, value, target_text(indicator), format_status(str(last["status"])),
                     _sparkline(data, ind_id), _signal_cell(data, ind_id)])  # fmt: skip
    return md_table(header, rows)


def _sparkline(data: ReportData, ind_id: str) -> str:
    """The latest periods as a small inline SVG image, described in its alt text."""
    indicator = data.plan.indicators[ind_id]
    rows = complete(totals(data.results, ind_id))
    rows = rows[rows["value"].notna()].tail(SPARK_PERIODS)
    if rows.empty:
        return "—"
    chart = sparkline(rows, title=indicator.spec.name, unit=indicator.spec.unit)
    svg = render_svg(chart)
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    alt = escape(chart.to_dict().get("description", ""))
    return (
        f'<img class="sqms-sparkline" src="data:image/svg+xml;base64,{encoded}" '
        f'alt="{alt}" width="110" height="26">'
    )


def _signal_cell(data: ReportData, ind_id: str) -> str:
    """Recent signals, short: ``◆ lower than usual, worse (WE1, WE3)``; ``—`` when none."""
    outcome = data.controls.get(ind_id)
    if outcome is None or outcome.result is None:
        return "—"
    result = outcome.result
    if result.provisional:  # trial limits: nothing is claimed, and the cell says why
        return t("page.dashboard.provisional", got=result.limits.points_used,
                 need=result.min_points)  # fmt: skip
    summaries = summarise(result.recent(data.recent_periods))
    if not summaries:
        return "—"
    return "<br>".join(
        f"◆ {escape(s.judgement())} ({escape(', '.join(s.rules))})" for s in summaries
    )
