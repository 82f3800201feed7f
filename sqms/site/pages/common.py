"""Building blocks of generated pages: tables, figures, links, latest values.

Pages are Markdown. Tables are Markdown tables where they stand on their own,
and HTML tables inside figures' "numbers" blocks (raw HTML needs no Markdown
extension to render). Every text from YAML or data is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from sqms.engine.plan import CompiledIndicator
from sqms.i18n import N_, t
from sqms.site.charts import render_svg
from sqms.text.formatting import escape, format_value
from sqms.text.markup import relative_link

PLAN_PAGE = "quality-plan.md"
DASHBOARD_PAGE = "dashboard.md"
CYCLE_PAGE = "service-cycle.md"
INDICATOR_DIR = "indicators"
RESULTS_FILE = "sqms/indicators.json"
FAMILIES = ("service_level", "efficiency", "quality")
FAMILY_WORDS: dict[str, str] = {
    "service_level": N_("family.service_level"),
    "efficiency": N_("family.efficiency"),
    "quality": N_("family.quality"),
}
"""Each family of indicators (:data:`FAMILIES`) → the id of its name, a heading on the pages."""


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes in the site and its Markdown."""

    path: str
    markdown: str


def indicator_path(ind_id: str) -> str:
    """The site path of an indicator's page."""
    return f"{INDICATOR_DIR}/{ind_id}.md"


def link(target: str, page: str) -> str:
    """The relative link from the page at ``page`` to the site file ``target``, quoted."""
    return relative_link(target, page)


def indicator_link(indicator: CompiledIndicator, page: str) -> str:
    """``[Name](indicators/id.md)``, relative to ``page``."""
    return f"[{escape(indicator.spec.name)}]({link(indicator_path(indicator.id), page)})"


def md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A Markdown table (cells already escaped), as lines."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return [*lines, *("| " + " | ".join(cells) + " |" for cells in rows)]


def html_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """An HTML table on one line (cells already escaped)."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" for cells in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def figure(chart: Any, caption: str, provenance: str | None = None) -> str:
    """A chart as inline SVG in a ``figure`` with its caption (and where its numbers come from)."""
    svg = render_svg(chart).replace("\n", " ")
    source = (
        ""
        if provenance is None
        else f'<br><small class="sqms-provenance">{escape(provenance)}</small>'
    )
    # Axis labels would fill the search index with numbers: charts are not searched.
    return (
        f'<figure class="sqms-chart" markdown="0" data-search-exclude>{svg}'
        f"<figcaption>{escape(caption)}{source}</figcaption></figure>"
    )


def numbers(table: str, summary: str | None = None) -> str:
    """The numbers behind a chart, folded under it (opened for print by the theme)."""
    title = escape(summary or t("page.numbers"))
    return (
        f'<details class="sqms-numbers" data-search-exclude><summary>{title}</summary>'
        f"{table}</details>"
    )


def totals(results: pd.DataFrame, ind_id: str) -> pd.DataFrame:
    """An indicator's total series (no breakdown), in period order."""
    rows = results[(results["indicator"] == ind_id) & (results["dim"] == "")]
    return rows.sort_values("period_start", kind="stable")


def complete(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of complete periods (a partial last period is left out)."""
    return rows[~rows["partial"].astype("bool")]


def latest(rows: pd.DataFrame) -> pd.Series | None:
    """The latest complete period with a value."""
    valued = rows[rows["value"].notna() & ~rows["partial"].astype("bool")]
    return None if valued.empty else valued.iloc[-1]


def target_text(indicator: CompiledIndicator) -> str:
    """The target in force now, as ``≥ 95.0%``; ``—`` without one."""
    steps = indicator.spec.target_steps()
    if not steps:
        return "—"
    return bound_text(indicator, steps[-1].target)


def bound_text(indicator: CompiledIndicator, value: object) -> str:
    """A threshold with the side that is good: ``≥ 95.0%`` or ``≤ 4.0 h``."""
    spec = indicator.spec
    symbol = "≥" if spec.better == "higher" else "≤"
    shown = format_value(value, spec.unit, spec.decimals)
    return "—" if shown == "—" else f"{symbol} {shown}"


def value_text(indicator: CompiledIndicator, value: object) -> str:
    """A value in the indicator's unit and decimals."""
    return format_value(value, indicator.spec.unit, indicator.spec.decimals)


def interval_text(indicator: CompiledIndicator, low: object, high: object) -> str:
    """A 95% interval ``88.5% – 91.1%``, ``—`` without one."""
    first, last = value_text(indicator, low), value_text(indicator, high)
    return "—" if first == "—" else f"{first} – {last}"


def period_text(row: Any) -> str:
    """A period label, marked when the period is not over."""
    if not row.partial:
        return str(row.period)
    partial = t("page.partial")
    return f"{row.period} ({partial})"
