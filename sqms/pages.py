"""Generated pages, as Markdown: the quality plan and one page per indicator.

Pages are built from the plan and the aggregated results only. Every text from
YAML or data is escaped; every chart comes with a caption, a description and
its numbers in a table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sqms.charts import render_svg, trend_chart
from sqms.formatting import escape, format_count, format_status, format_value
from sqms.i18n import t
from sqms.plan import CompiledIndicator, Plan

PLAN_PAGE = "quality-plan.md"
INDICATOR_DIR = "indicators"
RESULTS_FILE = "sqms/indicators.json"
FAMILIES = ("service_level", "efficiency", "quality")


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes in the site and its Markdown."""

    path: str
    markdown: str


def indicator_path(ind_id: str) -> str:
    """The site path of an indicator's page."""
    return f"{INDICATOR_DIR}/{ind_id}.md"


def _totals(results: pd.DataFrame, ind_id: str) -> pd.DataFrame:
    rows = results[(results["indicator"] == ind_id) & (results["dim"] == "")]
    return rows.sort_values("period_start", kind="stable")


def _latest(totals: pd.DataFrame) -> pd.Series | None:
    """The latest complete period with a value (a partial last period is skipped)."""
    valued = totals[totals["value"].notna() & ~totals["partial"]]
    return None if valued.empty else valued.iloc[-1]


def _target_text(indicator: CompiledIndicator) -> str:
    steps = indicator.spec.target_steps()
    if not steps:
        return "—"
    unit, decimals = indicator.spec.unit, indicator.spec.decimals
    symbol = "≥" if indicator.spec.better == "higher" else "≤"
    return f"{symbol} {format_value(steps[-1].target, unit, decimals)}"


def plan_page(plan: Plan, results: pd.DataFrame) -> Page:
    """The quality plan: objectives, their indicators, latest values and status."""
    lines = [f"# {t('page.plan.title')}", "", t("page.plan.intro"), ""]
    for objective in plan.spec.objectives:
        lines += [f"## {escape(objective.id)} — {escape(objective.title)}", ""]
        if objective.description:
            lines += [escape(objective.description), ""]
        if objective.owner:
            lines += [f"{t('page.owner')}: {escape(objective.owner)}", ""]
        ids = [i for i in objective.indicators if i in plan.indicators]
        lines += _indicator_table(plan, results, ids, "")
    lines += [f"## {t('page.plan.all_indicators')}", ""]
    for family in FAMILIES:
        ids = [i for i, ind in plan.indicators.items() if ind.spec.family == family]
        if ids:
            lines += [f"### {t('family.' + family)}", ""]
            lines += _indicator_table(plan, results, ids, "")
    lines += [
        t("page.plan.machine_readable", path=RESULTS_FILE.split("/")[-1], link=RESULTS_FILE),
        "",
    ]
    return Page(PLAN_PAGE, "\n".join(lines))


def _indicator_table(plan: Plan, results: pd.DataFrame, ids: list[str], prefix: str) -> list[str]:
    header = [
        t("col.indicator"),
        t("col.period"),
        t("col.latest"),
        t("col.target"),
        t("col.status"),
        "n",
    ]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for ind_id in ids:
        indicator = plan.indicators[ind_id]
        latest = _latest(_totals(results, ind_id))
        link = f"[{escape(indicator.spec.name)}]({prefix}{indicator_path(ind_id)})"
        if latest is None:
            cells = [link, "—", "—", _target_text(indicator), format_status("not_judged"), "—"]
        else:
            cells = [
                link,
                str(latest["period"]),
                format_value(latest["value"], indicator.spec.unit, indicator.spec.decimals),
                _target_text(indicator),
                format_status(str(latest["status"])),
                format_count(latest["n"]),
            ]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


def indicator_page(plan: Plan, results: pd.DataFrame, ind_id: str) -> Page:
    """One indicator: its definition, its trend chart and the numbers behind it."""
    indicator = plan.indicators[ind_id]
    spec = indicator.spec
    totals = _totals(results, ind_id)
    lines = [f"# {escape(spec.name)}", ""]
    if spec.description:
        lines += [escape(spec.description), ""]
    lines += [f"## {t('page.indicator.definition')}", "", *_definition(indicator), ""]
    lines += [f"## {t('page.indicator.trend')}", ""]
    if totals["value"].notna().any():
        lines += [_figure(indicator, totals), ""]
    else:
        lines += [t("page.indicator.no_data"), ""]
    lines += [f"## {t('page.indicator.values')}", "", *_values_table(indicator, totals), ""]
    return Page(indicator_path(ind_id), "\n".join(lines))


def _definition(indicator: CompiledIndicator) -> list[str]:
    spec = indicator.spec
    rows = [
        (t("col.id"), f"`{escape(indicator.id)}`"),
        (t("col.family"), t("family." + spec.family)),
        (t("col.measure"), _formula(indicator)),
        (t("col.unit"), t("unit.name." + spec.unit)),
        (t("col.better"), t("better." + spec.better)),
        (t("col.target"), _target_text(indicator)),
        (t("col.period"), t("period." + indicator.period)),
        (t("col.min_n"), str(indicator.min_n)),
    ]
    optional = [
        (t("col.owner"), spec.owner),
        (t("col.procedure"), spec.procedure),
        (t("col.clauses"), ", ".join(spec.clauses) if spec.clauses else None),
    ]
    rows += [(name, escape(value)) for name, value in optional if value]
    if spec.benchmark is not None:
        value = format_value(spec.benchmark.value, spec.unit, spec.decimals)
        rows.append((t("col.benchmark"), f"{value} ({escape(spec.benchmark.source)})"))
    return [
        f"| {t('col.field')} | {t('col.definition')} |",
        "|---|---|",
        *(f"| {a} | {b} |" for a, b in rows),
    ]


def _code(text: str | None) -> str:
    return f"<code>{escape(text)}</code>" if text else "—"


def _formula(indicator: CompiledIndicator) -> str:
    """The measure in words, with its conditions as written in the plan."""
    spec = indicator.spec
    values = {
        "dataset": escape(spec.dataset or ""),
        "column": _code(spec.column),
        "where": _code(spec.where),
        "among": _code(spec.among) if spec.among else t("formula.all_rows"),
        "q": f"{(spec.q or 0.5) * 100:g}",
        "scale": f"{spec.scale:g}",
    }
    if spec.measure == "ratio" and spec.numerator and spec.denominator:
        values["numerator"] = f"{escape(spec.numerator.dataset)} {_code(spec.numerator.where)}"
        values["denominator"] = (
            f"{escape(spec.denominator.dataset)} {_code(spec.denominator.where)}"
        )
    if spec.measure == "composite":
        parts = [f"{escape(c.indicator)} × {c.weight:g}" for c in spec.components or []]
        values["components"] = ", ".join(parts)
    return t("formula." + spec.measure, **values)


def _figure(indicator: CompiledIndicator, totals: pd.DataFrame) -> str:
    """The trend chart as inline SVG, with a caption."""
    spec = indicator.spec
    benchmark = spec.benchmark.value if spec.benchmark else None
    chart = trend_chart(totals, title=spec.name, unit=spec.unit, benchmark=benchmark)
    svg = render_svg(chart)
    caption = escape(t("chart.trend_caption", name=spec.name))
    return (
        f'<figure class="sqms-chart" markdown="0">{svg}<figcaption>{caption}</figcaption></figure>'
    )


def _values_table(indicator: CompiledIndicator, totals: pd.DataFrame) -> list[str]:
    spec = indicator.spec
    header = [t("col.period"), t("col.value"), "n", t("col.numerator"), t("col.denominator"),
              t("col.interval"), t("col.target"), t("col.status")]  # fmt: skip
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in totals.itertuples(index=False):
        low = format_value(row.ci_low, spec.unit, spec.decimals)
        high = format_value(row.ci_high, spec.unit, spec.decimals)
        interval = f"{low} – {high}" if low != "—" else "—"
        period = f"{row.period} ({t('page.partial')})" if row.partial else str(row.period)
        cells = [
            period,
            format_value(row.value, spec.unit, spec.decimals),
            format_count(row.n),
            format_value(row.numerator, "number")
            if spec.measure in ("sum", "mean")
            else format_count(row.numerator),
            format_count(row.denominator),
            interval,
            format_value(row.target, spec.unit, spec.decimals),
            format_status(str(row.status)),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def generated_pages(plan: Plan, results: pd.DataFrame) -> list[Page]:
    """Every page SQMS adds to the site."""
    return [plan_page(plan, results), *(indicator_page(plan, results, i) for i in plan.indicators)]
