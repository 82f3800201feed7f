"""One page per indicator: what it measures, where it stands, how it moves, and why.

The page opens with the latest status in words, then the definition (data
source, formula, unit, owner, procedure, clauses), the trend against target,
the breakdown by each declared dimension, the control chart with its signals
explained, the distribution of durations, and the table of every value.
"""

from __future__ import annotations

from sqms.engine.compute import SAMPLE_MEASURES
from sqms.engine.distributions import has_distribution
from sqms.engine.plan import CompiledIndicator
from sqms.i18n import N_, nt, t
from sqms.schema.plan import PERIOD_WORDS
from sqms.site.charts.control import KIND_NAMES
from sqms.site.pages.blocks import (
    PARETO_MEASURES,
    breakdown_block,
    chart_name,
    control_block,
    distribution_block,
    pareto_block,
    trend_block,
    values_table,
)
from sqms.site.pages.common import (
    FAMILY_WORDS,
    Page,
    bound_text,
    indicator_path,
    latest,
    md_table,
    report_markdown,
    target_text,
    totals,
    value_text,
)
from sqms.site.pages.exclusions import excluded_sentence
from sqms.site.reporting import ReportData
from sqms.text.formatting import (
    UNIT_NAMES,
    escape,
    format_count,
    format_date,
    format_period,
    format_status,
)
from sqms.text.markup import code

BETTER_WORDS: dict[str, str] = {
    "higher": N_("better.higher"),
    "lower": N_("better.lower"),
}
"""Which way an indicator is better (``sqms.schema.plan.Better``) → the id of its word."""
FORMULAS: dict[str, str] = {
    "count": N_("formula.count"),
    "sum": N_("formula.sum"),
    "share": N_("formula.share"),
    "mean": N_("formula.mean"),
    "median": N_("formula.median_conventional"),
    "ratio": N_("formula.ratio"),
    "nps": N_("formula.nps"),
    "churn": N_("formula.churn"),
    "composite": N_("formula.composite"),
}
"""Each measure but a quantile (``sqms.schema.plan.Measure``) → the id of its formula in words."""
QUANTILE_FORMULAS: dict[str, str] = {
    "nearest_rank": N_("formula.quantile_nearest_rank"),
    "linear": N_("formula.quantile_linear"),
}
"""Each way a quantile is taken (``sqms.schema.plan.QuantileMethod``) → the id of its formula."""


def indicator_page(data: ReportData, ind_id: str) -> Page:
    """The page of one indicator."""
    indicator = data.plan.indicators[ind_id]
    spec = indicator.spec
    lines = [f"# {escape(spec.name)}", ""]
    if spec.description:
        lines += [escape(spec.description), ""]
    lines += [*status_lines(data, ind_id), ""]
    if ind_id in data.provenance:
        lines += [f'<p class="sqms-provenance">{escape(data.provenance[ind_id])}</p>', ""]
    lines += ["## " + t("page.indicator.definition"), "", *definition(data, indicator), ""]
    lines += ["## " + t("page.indicator.trend"), "", *trend_block(data, ind_id)]
    for dim in spec.by:
        label = escape(data.column_label(ind_id, dim))
        lines += ["## " + t("page.indicator.breakdown", dim=label), ""]
        if spec.measure in PARETO_MEASURES:
            lines += pareto_block(data, ind_id, dim)
        lines += breakdown_block(data, ind_id, dim)
    lines += ["## " + t("page.indicator.control"), "", *control_block(data, ind_id)]
    if has_distribution(indicator) and ind_id in data.histograms:
        lines += ["## " + t("page.indicator.distribution"), "", *distribution_block(data, ind_id)]
    lines += ["## " + t("page.indicator.values"), "", *values_table(data, ind_id), ""]
    return Page(indicator_path(ind_id), report_markdown(lines))


def status_lines(data: ReportData, ind_id: str) -> list[str]:
    """Where the indicator stands: latest complete value, status, and recent signals."""
    indicator = data.plan.indicators[ind_id]
    last = latest(totals(data.results, ind_id))
    if last is None:
        return [t("page.indicator.no_data")]
    lines = [
        t(
            "page.indicator.status",
            period=escape(format_period(last["period"])),
            value=value_text(indicator, last["value"]),
            status=format_status(str(last["status"])),
            target=target_text(indicator),
            n=format_count(last["n"]),
        )
    ]
    outcome = data.controls.get(ind_id)
    if outcome is not None and outcome.result is not None and outcome.result.provisional:
        # Trial limits: the control section lists what they show, nothing is claimed here.
        result = outcome.result
        got, need = result.limits.points_used, result.min_points
        lines += ["", nt("page.indicator.limits_provisional", got, got=got, need=need)]
    elif outcome is not None and outcome.result is not None:
        recent = outcome.result.recent(data.recent_periods)
        worse = sum(1 for s in recent if s.worse)
        periods = data.recent_periods
        said = (
            nt(
                "page.indicator.recent_signals",
                len(recent),
                worse=worse,
                periods=nt("count.periods", periods),
            )
            if recent
            else nt("page.indicator.no_recent_signal", periods, periods=periods)
        )
        lines += ["", said]
    return lines


def definition(data: ReportData, indicator: CompiledIndicator) -> list[str]:
    """The definition table: every word needed to recompute the indicator by hand."""
    spec = indicator.spec
    rows = [
        (t("col.id"), code(indicator.id)),
        (t("col.family"), t(FAMILY_WORDS[spec.family])),
        (t("col.source"), _source(data, indicator)),
        (t("col.measure"), formula(indicator)),
        (t("col.unit"), t(UNIT_NAMES[spec.unit])),
        (t("col.better"), t(BETTER_WORDS[spec.better])),
        (t("col.target"), _targets(indicator)),
        (t("col.period"), t(PERIOD_WORDS[indicator.period])),
        (t("col.min_n"), _min_n(indicator)),
        (t("col.breakdowns"), ", ".join(escape(d) for d in spec.by) or "—"),
        (t("col.control_chart"), _control(data, indicator)),
    ]
    optional = [
        (t("col.owner"), spec.owner),
        (t("col.clauses"), ", ".join(spec.clauses) if spec.clauses else None),
    ]
    rows += [(name, escape(value)) for name, value in optional if value]
    if spec.procedure:
        # A reference by id becomes a link with the document's current title.
        known = spec.procedure in data.documents
        procedure = escape(spec.procedure)
        rows.append((t("col.procedure"), f"[[{procedure}]]" if known else procedure))
    if spec.benchmark is not None:
        value = value_text(indicator, spec.benchmark.value)
        rows.append((t("col.benchmark"), f"{value} ({escape(spec.benchmark.source)})"))
    return md_table([t("col.field"), t("col.definition")], rows)


def _source(data: ReportData, indicator: CompiledIndicator) -> str:
    """The datasets the indicator reads, with what they are and where they come from."""
    spec = indicator.spec
    names = [spec.dataset] if spec.dataset else []
    names += [side.dataset for side in (spec.numerator, spec.denominator) if side is not None]
    if not names:
        return t("page.indicator.from_indicators")
    described = []
    for name in dict.fromkeys(names):
        words = data.sources.get(name)
        excluded = excluded_sentence(data, name)
        described.append(
            code(name)
            + (f": {escape(words)}" if words else "")
            + (f"<br>{excluded}" if excluded else "")
        )
    return "; ".join(described)


def _targets(indicator: CompiledIndicator) -> str:
    """The target and warning threshold, with the date each step took effect."""
    steps = indicator.spec.target_steps()
    if not steps:
        return "—"
    parts = []
    for step in steps:
        text = bound_text(indicator, step.target)
        if step.warning is not None:
            warning = t("page.indicator.warning_at", warning=value_text(indicator, step.warning))
            text += f" ({warning})"
        if len(steps) > 1:
            text += " " + t("page.indicator.from_date", date=format_date(step.start))
        parts.append(text)
    return "; ".join(parts)


def _control(data: ReportData, indicator: CompiledIndicator) -> str:
    """The control chart used, or why there is none."""
    outcome = data.controls.get(indicator.id)
    if outcome is None or outcome.result is None:
        return t("page.indicator.no_control")
    return t(KIND_NAMES[chart_name(outcome.result, indicator)])


def _code(text: str | None) -> str:
    return code(text) if text else "—"


def formula(indicator: CompiledIndicator) -> str:
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
    if spec.measure == "quantile":
        # The method in words; nearest rank unless the plan declares another.
        values["fraction"] = f"{spec.q or 0.5:g}"
        return t(QUANTILE_FORMULAS[spec.method or "nearest_rank"], **values)
    return t(FORMULAS[spec.measure], **values)


def _min_n(indicator: CompiledIndicator) -> str:
    """The minimum n, or why there is none: a count is not a sample, so it is always judged."""
    if indicator.spec.measure in SAMPLE_MEASURES:
        return str(indicator.min_n)
    return t("page.min_n_not_applied")
