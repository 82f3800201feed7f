"""What the customer feedback register brings to a management review (ISO 9001 9.3.2).

For the review's period, as Markdown lines by section:

- c1 (customer satisfaction): the survey responses, and for each score the
  share of low answers and the mean, beside the previous period's; the share
  of responses with a comment (comments are counted, never shown);
- f (opportunities): the tags most often given with a low answer to the tag
  score, with their share of low answers.

Responses are placed in a period by their local month (the plan's time
zone), as on the register's page. Nothing here is a state to judge at the
period's end; a period the survey export does not cover to its last day is
said to be counted up to the export.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sqms.i18n import t
from sqms.registers.common import RegisterContext
from sqms.registers.feedback.analysis import FeedbackFacts
from sqms.registers.feedback.page import low_rule, percent, score_label
from sqms.registers.feedback.periods import COMMENTS, RESPONSES, answers, lows, sums
from sqms.registers.feedback.spec import FeedbackSpec
from sqms.site.pages.common import md_table
from sqms.text.formatting import escape, format_count, format_date, format_period, format_value

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod

TOP = 3
"""How many tags the opportunities name."""


def review_feedback(
    facts: FeedbackFacts, spec: FeedbackSpec, context: RegisterContext, period: ReviewPeriod
) -> dict[str, list[str]]:
    """The lines of sections c1 and f for ``period`` (f only with a tags column)."""
    previous = period.previous()
    now = facts.totals.total(period.months())
    covered = facts.first is not None and facts.first <= previous.months()[-1]
    before = facts.totals.total(previous.months()) if covered else None
    lines = {"c1": _c1(facts, spec, context, period, now, before)}
    if spec.tags is not None:
        lines["f"] = _tags(facts, spec, period, int(now[RESPONSES]))
    return lines


def _count(now: int, before: int) -> str:
    """``5 more``, ``5 fewer`` or ``no change``."""
    if now > before:
        return t("review.feedback.more", count=format_count(now - before))
    if now < before:
        return t("review.feedback.fewer", count=format_count(before - now))
    return t("review.feedback.same")


def _c1(
    facts: FeedbackFacts,
    spec: FeedbackSpec,
    context: RegisterContext,
    period: ReviewPeriod,
    now: pd.Series,
    before: pd.Series | None,
) -> list[str]:
    """Responses, the scores' low shares and means, and the share with a comment."""
    exported = facts.totals.exported
    lines: list[str] = []
    as_of = min(period.end, context.today, exported or context.today)
    if as_of < period.end:
        shown = format_period(period.label)
        lines += [t("review.feedback.partial", date=format_date(as_of), period=shown), ""]
    previous = format_period(period.previous().label)
    responses = int(now[RESPONSES])
    versus = ""
    if before is not None:
        value = int(before[RESPONSES])
        versus = t(
            "review.feedback.before_change",
            previous=previous,
            value=format_count(value),
            change=_count(responses, value),
        )
    if not responses:
        return [
            *lines,
            "- " + t("review.feedback.none", period=format_period(period.label), before=versus),
        ]
    text = t(
        "review.feedback.responses",
        period=format_period(period.label),
        count=format_count(responses),
        before=versus,
    )
    lines.append(f"- {text}")
    if spec.comment is not None:
        comments = int(now[COMMENTS])
        was = "" if before is None else percent(int(before[COMMENTS]), int(before[RESPONSES]))
        text = t(
            "review.feedback.comments",
            share=percent(comments, responses),
            count=format_count(comments),
            total=format_count(responses),
            before=""
            if before is None
            else t("review.feedback.before", previous=previous, value=was),
        )
        lines.append(f"- {text}")
    return [*lines, "", *_scores(spec, period, now, before)]


def _scores(
    spec: FeedbackSpec, period: ReviewPeriod, now: pd.Series, before: pd.Series | None
) -> list[str]:
    """A table: per score, the answers, the low share and the mean, then the previous ones."""
    previous = period.previous().label
    header = [
        t("feedback.col.score"),
        t("feedback.col.low"),
        t("feedback.col.n"),
        t("feedback.col.share_low"),
        t("feedback.col.mean"),
    ]
    if before is not None:
        header += [
            t("review.feedback.col.previous_share_low", period=previous),
            t("review.feedback.col.previous_mean", period=previous),
        ]
    rows = []
    for key, score in spec.scores.items():
        n = int(now[answers(key)])
        row = [
            score_label(spec, key),
            low_rule(score),
            format_count(n),
            percent(int(now[lows(key)]), n),
            _mean(now, key),
        ]
        if before is not None:
            row += [percent(int(before[lows(key)]), int(before[answers(key)])), _mean(before, key)]
        rows.append(row)
    return md_table(header, rows)


def _mean(totals: pd.Series, key: str) -> str:
    """The mean answer (two decimals), ``—`` without answers."""
    n = int(totals[answers(key)])
    return format_value(float(totals[sums(key)]) / n if n else None, "number", 2)


def _tags(
    facts: FeedbackFacts, spec: FeedbackSpec, period: ReviewPeriod, responses: int
) -> list[str]:
    """The tags most often given with a low answer in the period, with their low share."""
    if not responses:
        return ["- " + t("review.feedback.none", period=format_period(period.label), before="")]
    score = score_label(spec, spec.tag_score)
    ranked = facts.totals.ranked_tags(period.months())
    ranked = ranked[ranked["low"] > 0].head(TOP)
    if ranked.empty:
        return [
            "- " + t("review.feedback.tags_none", period=format_period(period.label), score=score)
        ]
    counted = zip(
        ranked["tag"].tolist(), ranked["low"].tolist(), ranked["responses"].tolist(), strict=True
    )
    items = t("diag.list_separator").join(
        t(
            "review.feedback.tag_item",
            tag=escape(tag),
            low=format_count(low),
            n=format_count(n),
            share=percent(int(low), int(n)),
        )
        for tag, low, n in counted
    )
    text = t("review.feedback.tags", score=score, period=format_period(period.label), tags=items)
    return [f"- {text}"]
