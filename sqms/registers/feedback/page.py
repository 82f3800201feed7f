"""The customer feedback page: scores, comments counted, trends, tags and comparisons.

Every chart stands beside the numbers it is drawn from. Texts from the data
(tags, breakdown values) and from YAML (score names) are escaped; comments
are only counted, never shown: customers write them, and may name people.
"""

from __future__ import annotations

import math

import pandas as pd

from sqms.i18n import N_, nt, t
from sqms.registers.common import DASHBOARD, FEEDBACK_PAGE, RegisterContext, relative
from sqms.registers.feedback.analysis import (
    FeedbackFacts,
    ScoreStats,
    TagRise,
    Trend,
)
from sqms.registers.feedback.charts import distribution_chart, tags_chart
from sqms.registers.feedback.compare import comparisons_section
from sqms.registers.feedback.spec import FeedbackSpec, ScoreSpec
from sqms.site.charts import breakdown_chart
from sqms.site.pages.common import (
    Page,
    figure,
    html_table,
    md_table,
    numbers,
    report_markdown,
)
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import (
    escape,
    format_count,
    format_period,
    format_span,
    format_value,
)
from sqms.text.markup import code

TAGS_ANCHOR = "feedback-tags"
BETTER_WORDS: dict[str, str] = {
    "higher": N_("feedback.better.higher"),
    "lower": N_("feedback.better.lower"),
}
"""Which way a score is better (``better`` in its setup) → the id of its words."""


def number(value: float) -> str:
    """A point of a scale: ``2`` for whole numbers, ``2.5`` otherwise."""
    return f"{value:g}"


def percent(part: int, whole: int) -> str:
    """``7.5%``, or ``—`` of nothing."""
    return format_value(part / whole if whole else None, "percent")


def low_rule(score: ScoreSpec) -> str:
    """What a low answer is: ``≤ 2`` or ``≥ 5``."""
    return f"{'≤' if score.better == 'higher' else '≥'} {number(score.low)}"


def score_label(spec: FeedbackSpec, key: str) -> str:
    """A score's name as the page shows it (escaped)."""
    return escape(spec.name_of(key))


def feedback_page(facts: FeedbackFacts, spec: FeedbackSpec, context: RegisterContext) -> Page:
    """The register's page."""
    lines = ["# " + t("registers.name.feedback"), "", *_intro(facts, spec, context)]
    if facts.responses:
        lines += _scores(facts, spec)
        lines += _comments(facts, spec)
        lines += _trends(facts, spec)
        lines += _tags(facts, spec)
        lines += comparisons_section(facts, context)
    return Page(FEEDBACK_PAGE, report_markdown(lines))


def _intro(facts: FeedbackFacts, spec: FeedbackSpec, context: RegisterContext) -> list[str]:
    dataset = context.catalog.datasets.get(spec.dataset) if context.catalog else None
    described = [p for p in (dataset.spec.description, dataset.spec.source) if p] if dataset else []
    lines = [t("feedback.intro", dataset=code(spec.dataset), file=code("data/registers.yml")), ""]
    if described:
        lines += [escape(" — ".join(described)), ""]
    if not facts.responses:
        return [*lines, t("feedback.no_responses"), ""]
    return [*lines, f"**{summary_line(facts, spec)}**", ""]


def summary_line(facts: FeedbackFacts, spec: FeedbackSpec) -> str:
    """Responses, the months they span, and the latest complete month's low shares."""
    if not facts.responses:
        return t("feedback.no_responses")
    text = nt(
        "feedback.summary",
        facts.responses,
        responses=format_count(facts.responses),
        first=format_period(facts.first or "—"),
        last=format_period(facts.last or "—"),
    )
    if facts.latest is None:
        return text
    lows = t("diag.list_separator").join(
        t("feedback.summary_low", score=score_label(spec, key), share=percent(low, n))
        for key, (low, n) in facts.latest_counts.items()
    )
    latest = nt(
        "feedback.summary_latest",
        facts.latest_responses,
        month=format_period(facts.latest),
        responses=format_count(facts.latest_responses),
        lows=lows,
    )
    return f"{text} {latest}"


def _scores(facts: FeedbackFacts, spec: FeedbackSpec) -> list[str]:
    header = [
        t("feedback.col.score"),
        t("feedback.col.scale"),
        t("feedback.col.better"),
        t("feedback.col.low"),
        t("feedback.col.n"),
        t("feedback.col.mean"),
        t("feedback.col.share_low"),
    ]
    rows = [
        [
            score_label(spec, stats.key),
            f"{stats.spec.scale[0]}–{stats.spec.scale[1]}",
            t(BETTER_WORDS[stats.spec.better]),
            low_rule(stats.spec),
            format_count(stats.n),
            "—" if stats.mean is None else f"{stats.mean:.2f}",
            format_value(stats.share_low, "percent"),
        ]
        for stats in facts.scores
    ]
    lines = [
        "## " + t("feedback.scores_title") + " {#feedback-scores}",
        "",
        t("feedback.scores_intro"),
    ]
    lines += ["", *md_table(header, rows), ""]
    for stats in facts.scores:
        lines += _distribution(stats, spec)
    return lines


def _distribution(stats: ScoreStats, spec: FeedbackSpec) -> list[str]:
    name = spec.name_of(stats.key)
    data = stats.distribution.assign(label=stats.distribution["value"].map(number))
    title = t("feedback.distribution_title", score=name)
    chart = distribution_chart(data, title=title)
    header = [t("feedback.chart.answer"), t("chart.count"), t("feedback.col.share")]
    header.append(t("feedback.col.is_low"))
    rows = [
        [label, format_count(count), percent(count, stats.n), _low_word(bool(low))]
        for label, count, low in zip(data["label"], data["count"], data["low"], strict=True)
    ]
    text = nt(
        "feedback.distribution_text",
        int(stats.n),
        n=format_count(stats.n),
        low=format_count(stats.low),
        rule=low_rule(stats.spec),
        share=format_value(stats.share_low, "percent"),
    )
    caption = t("feedback.distribution_caption", score=name)
    return [
        f"### {escape(name)}",
        "",
        text,
        "",
        figure(chart, caption),
        numbers(html_table(header, rows)),
        "",
    ]


def _low_word(low: bool) -> str:
    """Whether an answer counts as low, in words."""
    return t("feedback.low.True") if low else t("feedback.low.False")


def _comments(facts: FeedbackFacts, spec: FeedbackSpec) -> list[str]:
    lines = ["## " + t("feedback.comments_title") + " {#feedback-comments}", ""]
    if facts.comments is None:
        return [*lines, t("feedback.no_comment_column"), ""]
    text = nt(
        "feedback.comments_text",
        facts.responses,
        comments=format_count(facts.comments),
        responses=format_count(facts.responses),
        share=percent(facts.comments, facts.responses),
    )
    if facts.low_comments is not None and facts.low_responses:
        text += " " + t(
            "feedback.comments_low",
            score=score_label(spec, spec.tag_score),
            share=percent(facts.low_comments, facts.low_responses),
        )
    return [*lines, text, "", t("feedback.comments_private"), ""]


def _trends(facts: FeedbackFacts, spec: FeedbackSpec) -> list[str]:
    if not facts.trends:
        return []
    lines = [
        "## " + t("feedback.trend_title") + " {#feedback-trend}",
        "",
        t("feedback.trend_intro"),
        "",
    ]
    for trend in facts.trends:
        lines += _trend(trend, facts, spec)
    return lines


def _trend(trend: Trend, facts: FeedbackFacts, spec: FeedbackSpec) -> list[str]:
    name = spec.name_of(trend.score)
    title = t("feedback.trend_chart_title", score=name, dim=trend.dim)
    lines = [f"### {escape(title)}", ""]
    if trend.rows.empty:
        return [*lines, t("feedback.no_trend"), ""]
    chart = breakdown_chart(
        trend.rows.assign(target=float("nan")),
        trend.totals,
        title=title,
        unit="score",
        dim=trend.dim,
    )
    values = list(dict.fromkeys(trend.rows["dim_value"]))
    cells = trend.rows.assign(text=_mean_n(trend.rows)).pivot(
        index="period", columns="dim_value", values="text"
    )
    table = cells.reindex(index=trend.totals["period"], columns=values).fillna("—")
    partial = t("page.partial")
    months = [f"{p} ({partial})" if p in facts.partial else str(p) for p in table.index]
    header = [t("feedback.col.month"), *(escape(v) for v in values), t("feedback.col.all")]
    rows = [
        [month, *cells, total]
        for month, cells, total in zip(
            months, table.to_numpy().tolist(), _mean_n(trend.totals), strict=True
        )
    ]
    caption = t("feedback.trend_caption", score=name, dim=trend.dim)
    return [*lines, figure(chart, caption), numbers(html_table(header, rows)), ""]


def _mean_n(rows: pd.DataFrame) -> pd.Series:
    """Each row's mean and its number of answers: ``4.65 (n = 85)``."""
    return rows["value"].map("{:.2f}".format) + " (n = " + rows["n"].map(format_count) + ")"


def _tags(facts: FeedbackFacts, spec: FeedbackSpec) -> list[str]:
    if spec.tags is None or facts.tags is None:
        return []
    score = spec.scores[spec.tag_score]
    name = spec.name_of(spec.tag_score)
    low, answered = facts.tag_base
    lines = ["## " + t("feedback.tags_title") + f" {{#{TAGS_ANCHOR}}}", ""]
    lines += [
        nt(
            "feedback.tags_intro",
            int(answered),
            score=escape(name),
            rule=low_rule(score),
            low=format_count(low),
            n=format_count(answered),
            share=percent(low, answered),
        ),
        "",
    ]
    if facts.tags.empty:
        return [*lines, t("feedback.no_tags"), ""]
    top = facts.tags.head(spec.tags.top)
    shown = nt("count.top_tags", len(top))
    lines += [t("feedback.tags_shown", shown=shown, total=nt("count.tags", len(facts.tags))), ""]
    title = t("feedback.tags_chart_title", score=name)
    header = [
        t("feedback.col.tag"),
        t("feedback.col.responses"),
        t("feedback.col.with_low"),
        t("feedback.col.share_low"),
        t("feedback.col.lift"),
    ]
    rows = [
        [escape(tag), format_count(n), format_count(k), percent(k, n), _lift(lift)]
        for tag, n, k, lift in zip(
            top["tag"], top["responses"], top["low"], top["lift"], strict=True
        )
    ]
    caption = t("feedback.tags_caption", score=name)
    lines += [figure(tags_chart(top, title=title), caption), numbers(html_table(header, rows)), ""]
    return [*lines, *_rises_text(facts, spec), ""]


def _lift(value: float) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.2f}×"


def months_before(month: str, count: int) -> str:
    """The ``count`` months before ``month``: ``2026-09``, or ``2026-07 – 2026-09``, as said."""
    latest = pd.Period(month, freq="M")
    return format_span(str(latest - count), str(latest - 1))


def _rises_text(facts: FeedbackFacts, spec: FeedbackSpec) -> list[str]:
    """The tags whose low-score share rose in the latest complete month, or that none did."""
    if facts.latest is None:
        return []
    rule = spec.attention
    settings = {
        "rise": nt(
            "count.percentage_points",
            round(rule.rise * 100),
            count=format_value(rule.rise * 100, "number", 0),
        ),
        "before": months_before(facts.latest, rule.baseline),
        "min_n": nt("count.responses", rule.min_n),
        "month": format_period(facts.latest),
    }
    if not facts.rises:
        return [t("feedback.no_rises", **settings)]
    lines = [t("feedback.rises_intro", **settings), ""]
    return [*lines, *(f"- {_rise_text(rise, spec)}" for rise in facts.rises)]


def _rise_text(rise: TagRise, spec: FeedbackSpec) -> str:
    """One tag whose low-score share rose, with both shares and their counts."""
    return t(
        "feedback.rise",
        tag=escape(rise.tag),
        score=score_label(spec, spec.tag_score),
        month=format_period(rise.month),
        share=percent(rise.low, rise.n),
        low=rise.low,
        n=rise.n,
        base_share=percent(rise.base_low, rise.base_n),
        base_low=rise.base_low,
        base_n=rise.base_n,
        before=months_before(rise.month, spec.attention.baseline),
    )


def attention_items(facts: FeedbackFacts, spec: FeedbackSpec) -> list[AttentionItem]:
    """The tags whose low-score share rose, each linked to the tags on the register's page."""
    target = f"{relative(FEEDBACK_PAGE, DASHBOARD)}#{TAGS_ANCHOR}"
    register = t("registers.name.feedback")
    return [
        AttentionItem(
            t("feedback.attention_group"),
            f"{_rise_text(rise, spec)} — [{register}]({target})",
        )
        for rise in facts.rises
    ]
