"""The service-cycle page: where the time goes in an item's life, stage by stage.

Per period, the stacked medians show how long each stage usually takes and
the panels of median and p90 show which stage's tail grew; per breakdown
value (channel, team…), the same for the latest complete period, with every
period in a table. Histograms show each stage's durations in the latest
period. With a status history, the time in each status follows, the same way.
"""

from __future__ import annotations

import pandas as pd

from sqms.engine.service_cycle import STAGES, STATUSES, CycleResult
from sqms.i18n import N_, nt, t
from sqms.schema.plan import PERIOD_WORDS
from sqms.site.charts import histogram_chart, stage_chart, stage_lines_chart
from sqms.site.pages.blocks import bins_table
from sqms.site.pages.common import (
    CYCLE_PAGE,
    Page,
    figure,
    html_table,
    md_table,
    numbers,
    report_markdown,
)
from sqms.site.pages.exclusions import excluded_sentence
from sqms.site.reporting import ReportData
from sqms.text.formatting import escape, format_count, format_period, format_value
from sqms.text.markup import code

CLOCK_WORDS: dict[str, str] = {
    "business": N_("page.cycle.clock.business"),
    "wall": N_("page.cycle.clock.wall"),
}
"""Each clock a stage is timed on (``sqms.schema.plan.Clock``) → the id of its words."""


def cycle_page(data: ReportData) -> Page | None:
    """The service-cycle page, when the plan declares a service cycle."""
    cycle = data.cycle
    if cycle is None or data.plan.cycle is None:
        return None
    spec = data.plan.cycle.spec
    lines = ["# " + t("page.cycle.title"), "", t("page.cycle.intro"), ""]
    tracked = f"<code>{escape(spec.where)}</code>" if spec.where else t("formula.all_rows")
    lines += [
        t(
            "page.cycle.tracked",
            dataset=code(spec.dataset),
            where=tracked,
            period=t(PERIOD_WORDS[cycle.period]),
        ),
        "",
    ]
    lines += _left_out(data)
    lines += _stage_list(data)
    for view in (STAGES, STATUSES):
        if cycle.stages.get(view):
            lines += _view(cycle, view)
    return Page(CYCLE_PAGE, report_markdown(lines))


def _left_out(data: ReportData) -> list[str]:
    """The rows the figures leave out: out of the declared order, or a stage run backwards."""
    assert data.plan.cycle is not None and data.cycle is not None
    spec = data.plan.cycle.spec
    datasets = [spec.dataset] + ([spec.history.dataset] if spec.history else [])
    said = [excluded_sentence(data, name) for name in dict.fromkeys(datasets)]
    for stage in spec.stages:
        count = data.cycle.negative.get(stage.name, 0)
        if count:
            values = {
                "count": format_count(count),
                "stage": escape(stage.name),
                "start": code(stage.start),
                "end": code(stage.end),
            }
            said.append(nt("page.cycle.negative", count, **values))
    return [line for sentence in said if sentence for line in (sentence, "")]


def _stage_list(data: ReportData) -> list[str]:
    assert data.plan.cycle is not None and data.cycle is not None
    spec = data.plan.cycle.spec
    items = [
        t(
            "page.cycle.stage",
            name=escape(s.name),
            start=escape(s.start),
            end=escape(s.end),
            clock=t(CLOCK_WORDS[data.cycle.clocks.get(s.name, spec.clock)]),
        )
        for s in spec.stages
    ]
    return [*(f"- {item}" for item in items), ""]


def _view(cycle: CycleResult, view: str) -> list[str]:
    """The sections of one view: per period, per breakdown, and (for stages) histograms."""
    heading = t("page.cycle.per_period") if view == STAGES else t("page.cycle.statuses")
    lines = ["## " + heading, "", *cycle_block(cycle, view)]
    for dim in cycle.by:
        by = t("page.cycle.by", dim=escape(dim))
        lines += ["### " + by, "", *cycle_block(cycle, view, dim)]
    if view == STAGES and cycle.histograms:
        lines += ["## " + t("page.cycle.distributions"), ""]
        for stage in cycle.stages[STAGES]:
            shown = cycle.histograms.get(stage)
            if shown is None:
                continue
            title = t("chart.histogram_title", name=stage, period=shown.period)
            chart = histogram_chart(
                shown.bins, title=title, unit="hours", median=shown.median, p90=shown.p90
            )
            method = t("quantile.method.nearest_rank")  # the cycle's p90 (sqms.engine.quantiles)
            caption = nt(
                "chart.histogram_caption", int(shown.n), n=format_count(shown.n), method=method
            )
            lines += [figure(chart, caption), "", numbers(bins_table(shown.bins, "hours")), ""]
    return lines


def cycle_block(
    cycle: CycleResult, view: str = STAGES, dim: str = "", periods: int | None = None
) -> list[str]:
    """Charts and tables of one view, for the total (per period) or by ``dim``."""
    table = cycle.table[(cycle.table["view"] == view) & (cycle.table["dim"] == dim)]
    table = table[~table["partial"]]
    stages = cycle.stages.get(view, [])
    if table.empty or not stages:
        return [t("page.indicator.no_data"), ""]
    if periods is not None:
        kept = list(dict.fromkeys(table["period"]))[-periods:]
        table = table[table["period"].isin(kept)]
    return _total(table, stages) if not dim else _by(table, stages, dim)


def _total(table: pd.DataFrame, stages: list[str]) -> list[str]:
    stacked = stage_chart(
        table.rename(columns={"period": "x"}),
        title=t("chart.cycle_title"),
        stages=stages,
        x_title=t("chart.period"),
    )
    tails = stage_lines_chart(table, title=t("chart.cycle_lines_title"), stages=stages)
    return [
        figure(stacked, t("chart.cycle_caption")),
        "",
        figure(tails, t("chart.cycle_lines_caption")),
        "",
        *md_table([t("col.period"), *(escape(s) for s in stages)], _rows(table, stages, "period")),
        "",
    ]


def _by(table: pd.DataFrame, stages: list[str], dim: str) -> list[str]:
    last = table.sort_values("period_start", kind="stable")["period"].iloc[-1]
    latest = table[table["period"] == last]
    title = t("chart.cycle_by_title", dim=dim, period=last)
    chart = stage_chart(
        latest.rename(columns={"dim_value": "x"}),
        title=title,
        stages=stages,
        x_title=dim,
        periods=False,
    )
    header = [escape(dim), *(escape(s) for s in stages)]
    every = html_table([t("col.period"), *header], _rows(table, stages, "period", "dim_value"))
    return [
        figure(chart, t("chart.cycle_caption")),
        "",
        t("page.breakdown.latest", period=escape(format_period(last))),
        "",
        *md_table(header, _rows(latest, stages, "dim_value")),
        "",
        numbers(every, t("page.every_period")),
        "",
    ]


def _rows(table: pd.DataFrame, stages: list[str], *keys: str) -> list[list[str]]:
    """One row per key (period, breakdown value…), one cell per stage: median, p90 and n."""
    cells = {
        (*(str(getattr(r, k)) for k in keys), str(r.stage)): r
        for r in table.itertuples(index=False)
    }
    ordered = list(dict.fromkeys(tuple(str(v) for v in row) for row in table[list(keys)].values))
    rows = []
    for key in ordered:
        found = [cells.get((*key, stage)) for stage in stages]
        rows.append([*(escape(k) for k in key), *(_cell(row) for row in found)])
    return rows


def _cell(row: object | None) -> str:
    if row is None:
        return "—"
    median = format_value(getattr(row, "median", None), "hours", 2)
    p90 = format_value(getattr(row, "p90", None), "hours", 1)
    return t("page.cycle.cell", median=median, p90=p90, n=format_count(getattr(row, "n", None)))
