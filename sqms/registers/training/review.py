"""What the training register gives a management review: section d), competence.

ISO 9001 9.3.2 d) asks whether resources are adequate; for people that means
competence (clause 7.2). The register is judged as it stood at the period's
end (or on the reference date, when the period is still running) by
:func:`~sqms.registers.training.analysis.judge_period`; this module writes
the review's lines from that: the share of required training that was
current then, against the previous period's end; the courses with the most
gaps; and whether the people who joined in the period were trained by then.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sqms.i18n import nt, t
from sqms.registers.common import RegisterContext
from sqms.registers.training.analysis import (
    GAPS,
    Newcomers,
    TrainingFacts,
    TrainingJudgement,
    coverage,
    judge_period,
    totals,
)
from sqms.registers.training.labels import (
    STATUS_WORDS,
    course_link,
    person_labels,
    status_text,
)
from sqms.registers.training.spec import TrainingSpec
from sqms.site.pages.common import md_table
from sqms.text.formatting import escape, format_date, format_period, format_value

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod

TOP_COURSES = 5
"""How many courses with gaps the review lists (the page lists them all)."""


def training_review(
    facts: TrainingFacts, spec: TrainingSpec, context: RegisterContext, period: ReviewPeriod
) -> dict[str, list[str]]:
    """Section d) for ``period``: coverage at its end, the worst courses, the newcomers."""
    judged = judge_period(facts.frames, context, period)
    titles = {course.id: course.title for course in spec.courses}
    lines = _coverage(judged.now, judged.then, format_period(period.previous().label))
    lines += _worst_courses(judged.now, judged.worst, titles, context, period)
    lines += _joiners(judged.newcomers, judged.now, spec.publish_names, context, period)
    return {"d": lines}


def _coverage(now: TrainingJudgement, then: TrainingJudgement, previous: str) -> list[str]:
    """One sentence: coverage on the day judged, and how it moved since the previous period.

    ``previous`` is the previous period as the sentence names it.
    """
    counts, before = totals(now), totals(then)
    share, earlier = coverage(counts), coverage(before)
    if share is None:
        text = t(
            "review.training.none_required",
            date=format_date(now.today),
            people=nt("count.people", len(now.people)),
            courses=nt("count.courses", len(now.courses)),
        )
        return [text, ""]
    text = t(
        "review.training.coverage",
        date=format_date(now.today),
        coverage=format_value(share, "percent"),
        **counts,
    )
    if earlier is None:
        change = t("review.training.none_before", period=previous, date=format_date(then.today))
    else:
        change = t(
            "review.training.before",
            period=previous,
            date=format_date(then.today),
            coverage=format_value(earlier, "percent"),
            current=before["current"],
            required=before["required"],
            change=_points(share - earlier),
        )
    return [f"{text} {change}", ""]


def _points(difference: float) -> str:
    """A change of share in percentage points: ``up 5.0 points``, ``unchanged``."""
    points = round(difference * 100, 1)
    if points == 0:
        return t("review.training.unchanged")
    shown = f"{abs(points):.1f}"
    return (
        t("review.training.up", points=shown)
        if points > 0
        else t("review.training.down", points=shown)
    )


def _worst_courses(
    judgement: TrainingJudgement,
    gaps: pd.DataFrame,
    titles: dict[str, str],
    context: RegisterContext,
    period: ReviewPeriod,
) -> list[str]:
    """The courses with the most stale, expired or missing trainings on the day judged."""
    if gaps.empty:
        if int(judgement.courses["required"].sum()) == 0:
            return []
        return [t("review.training.no_gaps", date=format_date(judgement.today)), ""]
    shown = gaps.head(TOP_COURSES)
    intro = (
        t("review.training.worst", date=format_date(judgement.today))
        if len(gaps) <= TOP_COURSES
        else t(
            "review.training.worst_top",
            date=format_date(judgement.today),
            shown=nt("count.top_courses", len(shown)),
            total=nt("count.courses", len(gaps)),
        )
    )
    header = [t("training.col.course"), t("review.training.col.current")]
    header += [status_text(gap) for gap in GAPS]
    rows = [
        [
            course_link(
                context, str(row["course"]), titles.get(str(row["course"]), ""), period.path
            ),
            f"{format_value(row['coverage'], 'percent')} ({row['current']}/{row['required']})",
            *(str(row[gap]) for gap in GAPS),
        ]
        for row in shown.to_dict("records")  # at most TOP_COURSES rows
    ]
    return [intro, "", *md_table(header, rows), ""]


def _joiners(
    newcomers: Newcomers,
    judgement: TrainingJudgement,
    publish_names: bool,
    context: RegisterContext,
    period: ReviewPeriod,
) -> list[str]:
    """People who joined in the period: whether their required training was current at its end."""
    if not newcomers.joined:
        return [t("review.training.no_joiners", period=format_period(period.label))]
    table = newcomers.table
    trained = int(table["trained"].sum())
    text = t(
        "review.training.joiners",
        period=format_period(period.label),
        joined=newcomers.joined,
        date=format_date(judgement.today),
        trained=trained,
        untrained=len(table) - trained,
    )
    if len(newcomers.present) < newcomers.joined:
        left = newcomers.joined - len(newcomers.present)
        text += " " + t("review.training.joiners_left", left=left)
    if table.empty:
        return [text]
    labels = person_labels(newcomers.present, publish_names)
    not_current = _not_current(newcomers, context, period.path)
    header = [t("training.col.person"), t("training.col.team"), t("review.training.col.joined"),
              t("review.training.col.trained"), t("review.training.col.not_current")]  # fmt: skip
    rows = [
        [
            labels[str(row["person"])],
            "—" if pd.isna(row["team"]) else escape(row["team"]),
            str(pd.Timestamp(row["joined"]).date()),
            _trained(bool(row["trained"]), int(row["current"]), int(row["required"])),
            gaps or "—",
        ]
        for row, gaps in zip(table.to_dict("records"), not_current, strict=True)  # per newcomer
    ]
    return [text, "", *md_table(header, rows), ""]


def _trained(trained: bool, current: int, required: int) -> str:
    """``✔ 3/3``, ``✖ 1/3``, or ``—`` when the person's roles need no course."""
    if required == 0:
        return "—"
    return f"{'✔' if trained else '✖'} {current}/{required}"


def _not_current(newcomers: Newcomers, context: RegisterContext, page: str) -> list[str]:
    """Per newcomer of the table, in its order: the courses not current, linked, with status."""
    gaps = newcomers.gaps
    courses = gaps["course"].astype("str")
    links = {c: context.link("course", c, page) for c in courses.unique()}
    words = {g: t(STATUS_WORDS[g]) for g in GAPS}
    cells = courses.map(links) + " (" + gaps["status"].astype("str").map(words) + ")"
    by_person = cells.groupby(gaps["person"]).agg(", ".join)
    shown = newcomers.table["person"].map(by_person).astype("object").fillna("")
    return list(shown.astype("str").tolist())
