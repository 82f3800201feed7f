"""The complaint register's page, its items for the dashboard and its line on the index.

Everything here is made from the register's figures
(:class:`~sqms.registers.complaints.analysis.ComplaintFigures`), computed
once by :mod:`sqms.registers.complaints.analysis`; nothing is judged here.
One page (``registers/complaints.md``): volume and rate per month, Pareto
charts of categories and root causes, acknowledgement and resolution against
their targets (those sections in :mod:`sqms.registers.complaints.sections`),
open complaints by age, repeat complaints, outcome and satisfaction,
decisions on action, and the list of every complaint
(:mod:`sqms.registers.complaints.rows`). Each chart has the numbers behind
it. Customer ids are never shown; every text from the register is escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sqms.i18n import N_, nt, t
from sqms.registers.common import COMPLAINTS_PAGE, DASHBOARD, RegisterContext, relative
from sqms.registers.complaints.analysis import ComplaintFigures
from sqms.registers.complaints.charts import (
    age_chart,
    outcome_chart,
    repeat_chart,
)
from sqms.registers.complaints.decisions import RECENT_DAYS
from sqms.registers.complaints.listing import ListPage, list_pages, row_links
from sqms.registers.complaints.rows import complaint_rows, complaint_table, table_html
from sqms.registers.complaints.sections import (
    categories_section,
    causes_section,
    days_text,
    share,
    targets_section,
    volume_section,
)
from sqms.site.pages.common import (
    Page,
    figure,
    finished_register_table,
    html_table,
    md_table,
    numbers,
    report_markdown,
)
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import escape, format_count, format_date, format_day, format_period
from sqms.text.markup import code, escape_series

if TYPE_CHECKING:
    from sqms.registers.complaints.register import ComplaintRegister

ATTENTION_LISTED = 5
"""How many overdue complaints the dashboard names; the rest are counted."""
PAGE = COMPLAINTS_PAGE
REPEAT_RULES: dict[str, str] = {
    "received": N_("complaints.repeat_rule.received"),
    "final_response": N_("complaints.repeat_rule.final_response"),
}
"""Where the repeat window is measured from (``repeat.measured_from``) → the id of the rule."""


NEAR_PAGES = 3
"""A list page links the list pages this many before and after it (and the first and last)."""


def register_pages(
    register: ComplaintRegister, figures: ComplaintFigures, context: RegisterContext
) -> list[Page]:
    """The register's page, ``registers/complaints.md``, then its list pages (if any)."""
    pages = list_pages(len(register.frame))
    main = Page(PAGE, complaints_markdown(register, figures, context, pages))
    if not pages:
        return [main]
    # Every list page is in the same folder: rows linking from the first link from any.
    head, rows = complaint_rows(register, figures, context, pages[0].path)
    return [main, *(_list_page(register, page, pages, head, rows) for page in pages)]


def _list_page(
    register: ComplaintRegister, page: ListPage, pages: list[ListPage], head: str, rows: pd.Series
) -> Page:
    """One list page: its rows of the table, with links back and to its neighbours."""
    total = format_count(len(rows))
    first, last = format_count(page.start + 1), format_count(page.stop)
    lines = ["# " + t("complaints.list_page_title", first=first, last=last, total=total), ""]
    back = relative(PAGE, page.path)
    lines += [t("complaints.list_page_intro", file=code(register.display), register=back), ""]
    neighbours = _neighbours(page, pages)
    lines += [neighbours, "", t("complaints.list_intro"), ""]
    lines += finished_register_table(table_html(head, rows.iloc[page.start : page.stop]))
    lines += ["", neighbours]
    # Rows already on the site as the register file; the register's page holds the summaries.
    return Page(page.path, report_markdown(lines, toc=False, searched=False))


def _neighbours(page: ListPage, pages: list[ListPage]) -> str:
    """Links to the first and last list pages and to those near ``page``, gaps shown as "…".

    At most 2 × :data:`NEAR_PAGES` + 3 entries, however many list pages there
    are: linking every list page from every other one grew with the square of
    their number (135,000 links at 10 million tickets). The register's page
    links every list page.
    """
    at, last = page.number - 1, len(pages) - 1  # list pages are numbered from 1, in order
    near = range(max(0, at - NEAR_PAGES), min(last, at + NEAR_PAGES) + 1)
    entries: list[str] = []
    previous = -1
    for index in sorted({0, last, *near}):
        if index - previous > 1:
            entries.append("…")
        other = pages[index]
        text = _span(other)
        entries.append(text if other == page else f"[{text}]({relative(other.path, page.path)})")
        previous = index
    return " · ".join(entries)


def _span(page: ListPage) -> str:
    """``501–1,000``: the rows a list page holds."""
    return f"{format_count(page.start + 1)}–{format_count(page.stop)}"


def attention_items(figures: ComplaintFigures, context: RegisterContext) -> list[AttentionItem]:
    """Complaints open past their resolution standard: the worst few, then a count.

    Then upheld complaints without a decision on action, counted, when any
    closed within the last :data:`RECENT_DAYS` days.
    """
    overdue = figures.overdue
    group = t("complaints.attention_group")
    items = []
    listed = overdue.head(ATTENTION_LISTED)
    lates = [int(late) for late in listed["late"].tolist()]  # plural forms need an int
    for row, late in zip(listed.itertuples(index=False), lates, strict=True):
        text = nt(
            "complaints.attention_item",
            late,
            link=context.link("complaint", str(row.id), DASHBOARD),
            severity=escape(row.severity or "—"),
            received=format_day(row.received),
            days=late,
            standard=days_text(row.standard),
        )
        items.append(AttentionItem(group, text))
    if len(overdue) > ATTENTION_LISTED:
        link = relative(PAGE, DASHBOARD)
        more = nt("complaints.attention_more", len(overdue) - ATTENTION_LISTED, link=link)
        items.append(AttentionItem(group, more))
    decisions = figures.decisions
    if decisions is not None and decisions.recent:
        text = nt(
            "complaints.attention_undecided",
            decisions.recent,
            days=nt("count.days", RECENT_DAYS),
            link=relative(PAGE, DASHBOARD),
        )
        items.append(AttentionItem(group, text))
    return items


def summary_line(register: ComplaintRegister, figures: ComplaintFigures) -> str:
    """Counts for the registers' index: total, open, overdue, repeat share."""
    months = figures.months
    if months.empty:
        return t("complaints.none")
    first, last = months["period"].iloc[0], months["period"].iloc[-1]
    return t(
        "complaints.summary",
        complaints=nt("count.complaints_bold", figures.total, count=format_count(figures.total)),
        first=format_period(first),
        last=format_period(last),
        open=format_count(figures.open_count),
        overdue=format_count(figures.overdue_count),
        repeat=share(figures.repeat_count, figures.total),
        days=nt("count.days", register.spec.repeat.within_days),
    )


def complaints_markdown(
    register: ComplaintRegister,
    figures: ComplaintFigures,
    context: RegisterContext,
    pages: list[ListPage] | None = None,
) -> str:
    """The page's Markdown, section by section (sections without their columns are left out).

    The list of every complaint ends the page, or, when ``pages`` are given,
    links to the list pages that hold it.
    """
    lines = ["# " + t("registers.name.complaints"), ""]
    lines += [
        t("complaints.intro", file=code(register.display), date=format_date(figures.today)),
        "",
    ]
    lines += [summary_line(register, figures), ""]
    for section in (
        volume_section,
        categories_section,
        causes_section,
        targets_section,
        _ages,
        _repeats,
        _outcomes,
        _decisions,
    ):
        lines += section(register, figures)
    lines += ["## " + t("complaints.list"), ""]
    if pages:
        split = t(
            "complaints.list_split",
            complaints=nt(
                "count.complaints", len(register.frame), count=format_count(len(register.frame))
            ),
            size=format_count(pages[0].stop - pages[0].start),
        )
        links = [f"- [{_span(page)}]({relative(page.path, PAGE)})" for page in pages]
        lines += [split, "", *links, ""]
    else:
        lines += [t("complaints.list_intro"), ""]
        lines += finished_register_table(complaint_table(register, figures, context))
    # The list of every complaint needs the width the table of contents would take.
    return report_markdown(lines, toc=False)


def _ages(register: ComplaintRegister, figures: ComplaintFigures) -> list[str]:
    """Open complaints by age on the reference date, and which are past their standard."""
    if "resolved" not in register.columns:
        return []
    title = t("complaints.ages")
    lines = [
        f"## {title}",
        "",
        nt(
            "complaints.ages_intro",
            figures.open_count,
            date=format_date(figures.today),
            open=figures.open_count,
            overdue=figures.overdue_count,
        ),
        "",
    ]
    if figures.open_count == 0:
        return lines
    ages = figures.ages
    header = [t("complaints.col.age"), t("complaints.col.open"), t("complaints.col.overdue")]
    rows = [
        [escape(r.group), format_count(r.open), format_count(r.overdue)]
        for r in ages.itertuples(index=False)
    ]
    lines += [figure(age_chart(ages, title=title), title), ""]
    lines += [numbers(html_table(header, rows)), ""]
    overdue = figures.overdue
    if not overdue.empty:
        header = [
            t("complaints.col.id"),
            t("complaints.col.received"),
            t("complaints.col.severity"),
            t("complaints.col.age_days"),
            t("complaints.col.standard"),
            t("complaints.col.late"),
        ]
        links = row_links(overdue["id"], register.places()).tolist()
        rows = [
            [
                link,
                str(r.received),
                escape(r.severity) or "—",
                format_count(r.age),
                days_text(r.standard),
                format_count(r.late),
            ]
            for link, r in zip(links, overdue.itertuples(index=False), strict=True)
        ]
        lines += [t("complaints.overdue_list"), "", *md_table(header, rows), ""]
    return lines


def _repeats(register: ComplaintRegister, figures: ComplaintFigures) -> list[str]:
    """Repeat complaints per month and the list of them (complaint ids only)."""
    table = figures.repeats
    if table is None:
        return []
    spec = register.spec.repeat
    title = t("complaints.repeats")
    rule = nt(REPEAT_RULES[spec.measured_from], spec.within_days, days=spec.within_days)
    lines = [f"## {title}", "", rule, ""]
    lines += [
        nt(
            "complaints.repeat_total",
            figures.repeat_count,
            share=share(figures.repeat_count, figures.total),
        ),
        "",
    ]
    months = figures.months
    if months.empty:
        return lines
    header = [
        t("complaints.col.month"),
        t("complaints.col.complaints"),
        t("complaints.col.repeats"),
        t("complaints.col.share"),
    ]
    rows = [
        [
            str(r.period),
            format_count(r.complaints),
            format_count(r.repeats),
            share(r.repeats, r.complaints),
        ]
        for r in months.itertuples(index=False)
    ]
    lines += [figure(repeat_chart(months, title=title), title), ""]
    lines += [numbers(html_table(header, rows)), ""]
    if not table.empty:
        header = [
            t("complaints.col.id"),
            t("complaints.col.repeat"),
            t("complaints.col.received"),
            t("complaints.col.category"),
        ]
        shown, more = latest_rows(table)
        places = register.places()
        ids, earlier = row_links(shown["id"], places), row_links(shown["earlier"], places)
        rows = [
            [one, other, str(r.received), escape(r.category)]
            for one, other, r in zip(ids, earlier, shown.itertuples(index=False), strict=True)
        ]
        lines += [*md_table(header, rows), ""]
        lines += _left_out(N_("complaints.repeats_more"), more, N_("complaints.col.repeat"))
    return lines


SECTION_ROWS = 100
"""A section lists at most this many complaints, the latest; the list of every complaint
shows each one's repeat and decision too, so a long section would only repeat it."""


def _left_out(key: str, more: int, column: str) -> list[str]:
    """The sentence under a section's list that counts the rows it leaves out (none: nothing).

    ``key`` is the sentence's message id, ``column`` the id of the list of
    complaints' column that shows what the section would have listed.
    """
    if not more:
        return []
    count, shown = format_count(more), format_count(SECTION_ROWS)
    return [nt(key, more, count=count, column=t(column), shown=shown), ""]


def latest_rows(table: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The latest :data:`SECTION_ROWS` rows by day received (all when fewer), and how many not."""
    if len(table) <= SECTION_ROWS:
        return table, 0
    shown = table.sort_values("received", kind="stable").tail(SECTION_ROWS)
    return shown, len(table) - SECTION_ROWS


def _outcomes(register: ComplaintRegister, figures: ComplaintFigures) -> list[str]:
    """Closed complaints by outcome, and the share whose customer was satisfied."""
    table = figures.outcomes
    if table is None or table.empty:
        return []
    title = t("complaints.outcomes")
    yes, no = int(table["yes"].sum()), int(table["no"].sum())
    lines = [
        f"## {title}",
        "",
        t("complaints.satisfied_total", share=share(yes, yes + no), yes=yes, answered=yes + no),
        "",
    ]
    header = [
        t("complaints.col.outcome"),
        t("complaints.col.closed"),
        t("complaints.satisfied.yes"),
        t("complaints.satisfied.no"),
        t("complaints.satisfied.unknown"),
        t("complaints.col.satisfied_share"),
    ]
    rows = [
        [
            escape(r.outcome),
            format_count(r.total),
            format_count(r.yes),
            format_count(r.no),
            format_count(r.unknown),
            share(r.yes, r.answered),
        ]
        for r in table.assign(answered=table["yes"] + table["no"]).itertuples(index=False)
    ]
    lines += [figure(outcome_chart(table, title=title), title), ""]
    return [*lines, numbers(html_table(header, rows)), ""]


def _decisions(register: ComplaintRegister, figures: ComplaintFigures) -> list[str]:
    """Upheld complaints without a decision whether action is needed (ISO 9001 10.2.1 b).

    Listed without personal data: id, day received, category and severity.
    """
    if "outcome" not in register.columns:
        return []
    lines = ["## " + t("complaints.decisions"), ""]
    decisions = figures.decisions
    if decisions is None:
        text = t(
            "complaints.decisions_not_recorded",
            role=code("action_needed"),
            reason=code("decision"),
            file=code(register.setup),
        )
        return [*lines, text, ""]
    undecided = decisions.undecided
    lines += [
        nt(
            "complaints.decisions_intro",
            RECENT_DAYS,
            upheld=format_count(decisions.upheld),
            decided=format_count(decisions.decided),
            count=format_count(len(undecided)),
            recent=format_count(decisions.recent),
            days=RECENT_DAYS,
        ),
        "",
    ]
    if undecided.empty:
        return lines
    header = [
        t("complaints.col.id"),
        t("complaints.col.received"),
        t("complaints.col.category"),
        t("complaints.col.severity"),
    ]
    shown, more = latest_rows(undecided)
    cells = pd.DataFrame(
        {
            "id": row_links(shown["id"], register.places()),
            "received": shown["received"],
            "category": escape_series(shown["category"]).replace("", "—"),
            "severity": escape_series(shown["severity"]).replace("", "—"),
        }
    )
    lines += [*md_table(header, cells.to_numpy().tolist()), ""]
    lines += _left_out(N_("complaints.undecided_more"), more, N_("complaints.col.action_needed"))
    return lines
