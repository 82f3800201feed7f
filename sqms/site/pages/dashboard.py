"""The dashboard: every indicator's status on one screen, then what needs attention.

A manager reads the first screen at a glance: one tile per indicator, grouped
by family, with its latest value and period, its target, its status as a
colour *and* a symbol *and* a word (meets, warning, misses, not judged), a
sparkline of the latest periods and its recent control-chart signal. The
tiles are raw HTML with Markdown inside (``md_in_html``), so that links to the
indicator pages stay Markdown links MkDocs checks and rewrites; the layout and
the colour-blind-safe colours are in ``assets/dashboard.css``. Like the other
generated pages it is a report (``report_markdown``: the width of the screen),
and it hides the table of contents to give the tiles that width.

"Needs attention" follows the tiles, worst first: indicators not meeting their
target in their latest complete period (misses before warnings), control-chart
signals that end in the latest periods (``reporting.recent_periods``) and
point the bad way, then the registers' items (``ReportData.attention``:
overdue actions, reviews, training…). Signals pointing the good way are kept,
folded in a ``<details>`` element that the theme opens for print. Signals
against provisional limits are not claimed.
"""

from __future__ import annotations

import base64

from sqms.engine.spc.signals import summarise
from sqms.i18n import nt, t
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
    report_markdown,
    target_text,
    totals,
    value_text,
)
from sqms.site.reporting import ReportData
from sqms.text.formatting import (
    STATUS_SYMBOL,
    STATUS_WORDS,
    escape,
    format_date,
    format_period,
    format_status,
)

SPARK_PERIODS = 12
"""A sparkline shows the latest this many complete periods."""
ATTENTION_STATUSES = ("misses", "warning")


def dashboard_page(data: ReportData) -> Page:
    """The dashboard page: title, the tiles of every indicator by family, needs attention."""
    last = _latest_period(data)
    links = [_link(t("page.plan.title"), PLAN_PAGE)]
    if data.cycle is not None:
        links.append(_link(t("page.cycle.title"), CYCLE_PAGE))
    intro = t("page.dashboard.intro", period=escape(format_period(last or "—")))
    lines = ["# " + t("page.dashboard.title") + " { .sqms-dash-title }", ""]
    lines += [intro + " " + " · ".join(links), "{: .sqms-dash-intro }", ""]
    for family in FAMILIES:
        ids = [i for i, ind in data.plan.indicators.items() if ind.spec.family == family]
        if ids:
            heading = "## " + t(FAMILY_WORDS[family]) + " { .sqms-dash-family }"
            lines += [heading, "", *family_tiles(data, ids), ""]
    lines += ["## " + t("page.dashboard.attention"), "", *_as_of(data), *attention(data), ""]
    # A report page without a table of contents: the tiles get its width.
    return Page(DASHBOARD_PAGE, report_markdown(lines, toc=False))


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


def family_tiles(data: ReportData, ids: list[str]) -> list[str]:
    """One tile per indicator of a family, in the plan's order, as a list of tiles.

    The list is HTML with Markdown inside (``markdown="1"``, each tile
    ``markdown="span"``), one tile a line, so each name stays a Markdown link.
    """
    tiles = [_tile(data, ind_id) for ind_id in ids]
    return ['<div class="sqms-tiles" role="list" markdown="1">', *tiles, "</div>"]


def _tile(data: ReportData, ind_id: str) -> str:
    """One indicator: name, latest value and period, status badge, target, sparkline, signal."""
    indicator = data.plan.indicators[ind_id]
    last = latest(totals(data.results, ind_id))
    status = "not_judged" if last is None else str(last["status"])
    status = status if status in STATUS_WORDS else "not_judged"
    if last is None:
        value = '<span class="sqms-tile__value">—</span>'
    else:
        period = escape(format_period(last["period"]))
        value = (
            f'<span class="sqms-tile__value"><strong>{value_text(indicator, last["value"])}'
            f'</strong> <span class="sqms-tile__period">{period}</span></span>'
        )
    target = t("page.dashboard.tile_target", target=target_text(indicator))
    trend = f'<span class="sqms-tile__trend">{_sparkline(data, ind_id)}</span>'
    target_span = f'<span class="sqms-tile__target">{target}</span>'
    parts = [
        f'<span class="sqms-tile__name">{indicator_link(indicator, DASHBOARD_PAGE)}</span>',
        f'<span class="sqms-tile__row">{value}{trend}</span>',
        f'<span class="sqms-tile__row">{status_badge(status)}{target_span}</span>',
    ]
    signal = _signal_cell(data, ind_id)
    if signal != "—":
        parts.append(f'<span class="sqms-tile__signal">{signal}</span>')
    return (
        f'<div class="sqms-tile sqms-tile--{status}" role="listitem" markdown="span">'
        + "".join(parts)
        + "</div>"
    )


def status_badge(status: str) -> str:
    """A status as a badge: its colour (by class), its symbol and its word, never colour alone.

    The symbol is hidden from screen readers, which read the word.
    """
    symbol = STATUS_SYMBOL.get(status, "")
    word = t(STATUS_WORDS[status])
    return (
        f'<span class="sqms-badge sqms-badge--{status}">'
        f'<span class="sqms-badge__symbol" aria-hidden="true">{symbol}</span> {word}</span>'
    )


def attention(data: ReportData) -> list[str]:
    """What needs attention, worse first; signals pointing the good way folded at the end."""
    lines: list[str] = []
    off = _off_target(data)
    if off:
        lines += ["### " + t("page.dashboard.off_target"), "", *off, ""]
    worse, better = _recent_signals(data)
    if worse:
        lines += ["### " + t("page.dashboard.worse"), "", *worse, ""]
    for group in dict.fromkeys(item.group for item in data.attention):
        items = [f"- {item.text}" for item in data.attention if item.group == group]
        lines += [f"### {escape(group)}", "", *items, ""]
    if better:
        lines += _folded_better(better)
    return lines or [
        nt("page.dashboard.all_clear", data.recent_periods, periods=data.recent_periods),
        "",
    ]


def _folded_better(bullets: list[str]) -> list[str]:
    """Signals pointing the good way, folded: kept for the record, out of the way of the rest."""
    summary = nt("page.dashboard.better_folded", len(bullets), count=len(bullets))
    return [
        '<details class="sqms-better" markdown="1">',
        f"<summary>{summary}</summary>",
        "",
        *bullets,
        "",
        "</details>",
        "",
    ]


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
        return nt("page.dashboard.provisional", result.min_points,
                  got=result.limits.points_used, need=result.min_points)  # fmt: skip
    summaries = summarise(result.recent(data.recent_periods))
    if not summaries:
        return "—"
    return "<br>".join(
        f"◆ {escape(s.judgement())} ({escape(', '.join(s.rules))})" for s in summaries
    )
