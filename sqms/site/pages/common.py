"""Building blocks of generated pages: tables, figures, links, latest values.

Pages are Markdown. Tables are Markdown tables where they stand on their own,
and HTML tables inside figures' "numbers" blocks (raw HTML needs no Markdown
extension to render). Every text from YAML or data is escaped.

Generated pages are reports: :func:`report_markdown` marks them so that the
site's stylesheet gives them the width of the screen and compact tables that
fit it (and hides the table of contents where it only costs space). A column
empty in every row carries no information and is left out, with a note that
names it (:func:`drop_empty_columns`); a register's long table is wrapped by
:func:`register_table` so that the site's script makes it sortable,
filterable and paged.
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
from sqms.text.markup import html_text, relative_link

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


EMPTY_CELLS = frozenset({"", "—"})
"""What a cell shows when it holds nothing: a column of only these carries no information."""
REPORT_MARKER = '<div class="sqms-report" hidden></div>'
"""Marks a generated report page for the stylesheet (the width of the screen, compact tables)."""
REGISTER_PAGE_SIZE = 50
"""How many rows of a register's table the site's script shows at a time."""


def drop_empty_columns(
    header: Sequence[str], rows: Sequence[Sequence[str]], keep: Sequence[int] = (0,)
) -> tuple[list[str], list[list[str]], list[str]]:
    """The table without the columns that are empty (or ``—``) in every row.

    Returns the header and rows kept and the headings left out. Columns whose
    index is in ``keep`` (the first, which names the row, by default) always
    stay; a table without rows keeps every column, as nothing shows it empty.
    """
    if not rows:
        return list(header), [list(cells) for cells in rows], []
    shown = [
        i
        for i in range(len(header))
        if i in keep or any(str(cells[i]).strip() not in EMPTY_CELLS for cells in rows)
    ]
    dropped = [header[i] for i in range(len(header)) if i not in shown]
    return [header[i] for i in shown], [[cells[i] for i in shown] for cells in rows], dropped


def left_out_note(dropped: Sequence[str]) -> str:
    """The note under a table that names its columns left out for being empty ("" if none).

    The headings are already escaped, as every cell of a table is.
    """
    if not dropped:
        return ""
    note = t("page.table.left_out", columns=", ".join(dropped))
    return f'<p class="sqms-table-note">{note}</p>'


def md_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, drop_empty: bool = False
) -> list[str]:
    """A Markdown table (cells already escaped), as lines.

    With ``drop_empty``, columns empty in every row are left out and named
    in a note after the table (see :func:`drop_empty_columns`).
    """
    dropped: list[str] = []
    if drop_empty:
        header, rows, dropped = drop_empty_columns(header, rows)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    note = left_out_note(dropped)
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return [*lines, "", note] if note else lines


def html_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, drop_empty: bool = False
) -> str:
    """An HTML table on one line (cells already escaped), empty columns dropped on request."""
    dropped: list[str] = []
    if drop_empty:
        header, rows, dropped = drop_empty_columns(header, rows)
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" for cells in rows)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return table + left_out_note(dropped)


def register_table(table: Sequence[str] | str, page_size: int = REGISTER_PAGE_SIZE) -> list[str]:
    """A register's table (Markdown lines or one HTML string) that the site makes interactive.

    The wrapper ``div`` names the words of the controls the script adds (a
    filter box, a pager): a script cannot translate, so the words are put
    here, in the page's language, as ``data-`` attributes. Without the
    script the whole table is shown, as written.
    """
    opening = f"{_register_opening(page_size)} markdown>"
    lines = [table] if isinstance(table, str) else list(table)
    return [opening, "", *lines, "", "</div>", ""]


def finished_register_table(table: str, page_size: int = REGISTER_PAGE_SIZE) -> list[str]:
    """A register's table of finished HTML, made interactive as :func:`register_table` does.

    One line, marked ``data-sqms-finished``: the plugin sets it aside while
    Markdown and search read the page (:mod:`sqms.site.stash`), so a table of
    thousands of rows costs nothing to parse. Its links name Markdown files,
    which the plugin checks and turns into addresses when it puts it back.
    """
    return [f"{_register_opening(page_size)} data-sqms-finished>{table}</div>", ""]


def _register_opening(page_size: int) -> str:
    """The opening tag of a register table's wrapper, without its closing ``>``."""
    words = {
        "filter": t("page.table.filter"),
        "rows": t("page.table.rows", first="{first}", last="{last}", total="{total}"),
        "none": t("page.table.no_rows"),
        "previous": t("page.table.previous"),
        "next": t("page.table.next"),
    }
    data = "".join(f' data-sqms-{name}="{html_text(word)}"' for name, word in words.items())
    return f'<div class="sqms-sortable sqms-register" data-sqms-page-size="{int(page_size)}"{data}'


def report_markdown(lines: Sequence[str], *, toc: bool = True, searched: bool = True) -> str:
    """A generated page's Markdown: marked as a report, its table of contents hidden unless ``toc``.

    The marker goes right after the page's heading (MkDocs takes the title
    from a leading ``h1``); the front matter ``hide: [toc]`` is Material's, as
    is ``search: {exclude: true}``, which keeps a page out of the search
    index unless ``searched``.
    """
    body = list(lines)
    at = 1 if body and body[0].startswith("# ") else 0
    body[at:at] = ["", REPORT_MARKER, ""] if at else [REPORT_MARKER, ""]
    meta = ([] if toc else ["hide:", "  - toc"]) + (
        [] if searched else ["search:", "  exclude: true"]
    )
    front = ["---", *meta, "---", ""] if meta else []
    return "\n".join([*front, *body])


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
