"""Sections of the complaint register's page: volume and rate, Pareto charts, targets.

Each section is a list of Markdown lines: a heading, a chart with the numbers
behind it, and the text that says how the figures are judged. A part of the
page (:mod:`sqms.registers.complaints.page` puts the sections together), made
from the register's figures; the small wording helpers here (shares, days,
links to a row) serve the rest of the page too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sqms.i18n import nt, t
from sqms.registers.complaints.analysis import ComplaintFigures
from sqms.registers.complaints.charts import volume_chart, within_chart
from sqms.site.charts import pareto_chart
from sqms.site.pages.common import figure, html_table, md_table, numbers
from sqms.text.formatting import escape, format_count, format_value

if TYPE_CHECKING:
    from sqms.registers.complaints.register import ComplaintRegister


def share(part: object, whole: object) -> str:
    """``part / whole`` as a percentage, ``—`` when ``whole`` is 0."""
    top, bottom = float(part), float(whole)  # type: ignore[arg-type]
    return format_value(top / bottom if bottom else None, "percent")


def days_text(days: object) -> str:
    """A number of days without needless decimals: ``10 d``, ``2.5 d``."""
    value = float(days)  # type: ignore[arg-type]
    return format_value(value, "days", 0 if value.is_integer() else 1)


def clock_word(business_hours: bool) -> str:
    """What a target in hours counts: business hours, or hours round the clock."""
    return t("complaints.business_hours") if business_hours else t("complaints.hours")


def volume_section(register: ComplaintRegister, figures: ComplaintFigures) -> list[str]:
    """Complaints per month and, with a denominator, the rate per ``per`` of its rows."""
    months = figures.months
    if months.empty:
        return ["## " + t("complaints.volume"), "", t("complaints.none"), ""]
    rate = register.rate
    rate_title = None
    header = [t("complaints.col.month"), t("complaints.col.complaints")]
    if rate is not None:
        rate_title = t("complaints.rate_title", per=f"{rate.per:,}", dataset=rate.dataset.name)
        header += [escape(rate.dataset.name), escape(rate_title)]
    rows = []
    for row in months.itertuples(index=False):
        cells = [str(row.period), format_count(row.complaints)]
        if rate is not None:
            cells += [format_count(row.base), format_value(row.rate, "number", 2)]
        rows.append(cells)
    title = t("complaints.volume")
    chart = volume_chart(months, title=title, rate_title=rate_title)
    return [f"## {title}", "", figure(chart, title), "", numbers(html_table(header, rows)), ""]


def _pareto(table: pd.DataFrame | None, title: str, dim: str, note: str | None = None) -> list[str]:
    """A Pareto chart of counts with its numbers (count, share, cumulative share)."""
    if table is None:
        return []
    lines = [f"## {title}", ""] + ([note, ""] if note else [])
    if table.empty:
        return [*lines, t("complaints.none"), ""]
    header = [
        escape(dim),
        t("complaints.col.complaints"),
        t("complaints.col.share"),
        t("complaints.col.cumulative"),
    ]
    rows = [
        [
            escape(r.dim_value),
            format_count(r.count),
            format_value(r.share, "percent"),
            format_value(r.cumulative, "percent"),
        ]
        for r in table.itertuples(index=False)
    ]
    chart = pareto_chart(table, title=title, dim=dim)
    return [*lines, figure(chart, title), "", numbers(html_table(header, rows)), ""]


def categories_section(register: ComplaintRegister, figures: ComplaintFigures) -> list[str]:
    """Pareto of complaint categories."""
    return _pareto(figures.categories, t("complaints.categories"), t("complaints.col.category"))


def causes_section(register: ComplaintRegister, figures: ComplaintFigures) -> list[str]:
    """Pareto of root causes, saying how many have none recorded yet."""
    missing = figures.causes_missing
    note = nt("complaints.causes_missing", missing) if missing else None
    title, dim = t("complaints.causes"), t("complaints.col.root_cause")
    return _pareto(figures.causes, title, dim, note)


def targets_section(register: ComplaintRegister, figures: ComplaintFigures) -> list[str]:
    """Acknowledgement and resolution against their targets, per month and by severity."""
    if figures.months.empty:
        return []
    spec = register.spec
    series: dict[str, tuple[str, str]] = {}
    lines = ["## " + t("complaints.targets"), ""]
    months = figures.months
    if spec.acknowledge is not None:
        clock = clock_word(register.business_hours)
        within = int(months["ack_within"].sum())
        judged = int(months["ack_judged"].sum())
        lines += [
            "- "
            + t(
                "complaints.ack_target",
                hours=format_value(
                    spec.acknowledge.within_hours,
                    "number",
                    0 if spec.acknowledge.within_hours.is_integer() else 1,
                ),
                clock=clock,
                share=share(within, judged),
                within=within,
                judged=judged,
            )
        ]
        series[t("complaints.series.acknowledged")] = ("ack_within", "ack_judged")
    if figures.standards is not None and spec.resolve is not None:
        within = int(months["res_within"].sum())
        judged = int(months["res_judged"].sum())
        days = spec.resolve.within_days
        standards = (
            ", ".join(f"{escape(k)} {days_text(v)}" for k, v in days.items())
            if isinstance(days, dict)
            else days_text(days)
        )
        lines += [
            "- "
            + t(
                "complaints.res_target",
                standards=standards,
                share=share(within, judged),
                within=within,
                judged=judged,
            )
        ]
        series[t("complaints.series.resolved")] = ("res_within", "res_judged")
    if not series:
        return []
    lines += ["", t("complaints.targets_rule"), ""]
    title = t("complaints.targets_chart")
    header = [t("complaints.col.month")]
    for name in series:
        header += [escape(name), t("complaints.col.judged")]
    rows = [
        [str(row["period"])]
        + [
            cell
            for within, judged in series.values()
            for cell in (share(row[within], row[judged]), format_count(row[judged]))
        ]
        for _, row in months.iterrows()
    ]
    chart = within_chart(months, title=title, series=series)
    lines += [figure(chart, title), "", numbers(html_table(header, rows)), ""]
    return lines + _standards_table(figures)


def _standards_table(figures: ComplaintFigures) -> list[str]:
    """Resolution within the standard by severity, with those open past it."""
    table = figures.standards
    if table is None:
        return []
    header = [
        t("complaints.col.severity"),
        t("complaints.col.standard"),
        t("complaints.col.judged"),
        t("complaints.col.within"),
        t("complaints.col.share"),
        t("complaints.col.overdue"),
    ]
    rows = [
        [
            escape(r.severity) or "—",
            standard_text(r.days),
            format_count(r.judged),
            format_count(r.within),
            share(r.within, r.judged),
            format_count(r.overdue),
        ]
        for r in table.itertuples(index=False)
    ]
    return [*md_table(header, rows), ""]


def standard_text(days: object) -> str:
    """A standard in days, ``—`` when none applies."""
    return "—" if days is None or days != days else days_text(days)
