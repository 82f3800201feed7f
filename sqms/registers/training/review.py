"""What the training register gives a management review: section d), competence.

ISO 9001 9.3.2 d) asks whether resources are adequate; for people that means
competence (clause 7.2). The register is judged as it stood at the period's
end (or on the reference date, when the period is still running): the share
of required training that was current then, against the previous period's
end; the courses with the most gaps; and whether the people who joined in the
period were trained by then.
"""

from __future__ import annotations

import pandas as pd

from sqms.engine.review_periods import ReviewPeriod
from sqms.i18n import t
from sqms.registers.common import RegisterContext
from sqms.registers.training.analysis import GAPS, TrainingJudgement, judge_training
from sqms.registers.training.register import TrainingFrames, training_frames
from sqms.registers.training.spec import TrainingSpec
from sqms.site.pages.common import md_table
from sqms.text.formatting import escape, format_value

TOP_COURSES = 5
"""How many courses with gaps the review lists (the page lists them all)."""
GAP_SYMBOL = {"stale": "▲", "expired": "▼", "missing": "✖"}


def person_labels(people: pd.DataFrame, publish_names: bool) -> dict[str, str]:
    """Each person as shown: the id, or ``Name (id)`` when names are publishable; escaped."""
    shown = people["person"].astype("string")
    if publish_names:
        named = people["name"].notna()
        shown = shown.where(~named, people["name"] + " (" + people["person"] + ")")
    return dict(zip(people["person"], shown.map(escape), strict=True))


def training_review(
    spec: TrainingSpec, context: RegisterContext, period: ReviewPeriod
) -> dict[str, list[str]]:
    """Section d) for ``period``: coverage at its end, the worst courses, the newcomers."""
    frames = training_frames(spec)
    previous = period.previous()
    now = judge_training(frames, context, min(period.end, context.today))
    then = judge_training(frames, context, min(previous.end, context.today))
    titles = {course.id: course.title for course in spec.courses}
    lines = _coverage(now, then, previous.label)
    lines += _worst_courses(now, titles, context, period)
    lines += _joiners(frames, now, spec.publish_names, context, period)
    return {"d": lines}


def _totals(judgement: TrainingJudgement) -> dict[str, int]:
    """Required trainings, and how many are current, stale, expired and missing."""
    courses = judgement.courses
    return {key: int(courses[key].sum()) for key in ("required", "current", *GAPS)}


def _share(totals: dict[str, int]) -> float | None:
    """The share of required training that is current (None: nothing required)."""
    return totals["current"] / totals["required"] if totals["required"] else None


def _coverage(now: TrainingJudgement, then: TrainingJudgement, previous: str) -> list[str]:
    """One sentence: coverage on the day judged, and how it moved since the previous period."""
    totals, before = _totals(now), _totals(then)
    share, earlier = _share(totals), _share(before)
    if share is None:
        text = t(
            "review.training.none_required",
            date=now.today,
            people=len(now.people),
            courses=len(now.courses),
        )
        return [text, ""]
    text = t(
        "review.training.coverage",
        date=now.today,
        coverage=format_value(share, "percent"),
        **totals,
    )
    if earlier is None:
        change = t("review.training.none_before", period=previous, date=then.today)
    else:
        change = t(
            "review.training.before",
            period=previous,
            date=then.today,
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
    key = "review.training.up" if points > 0 else "review.training.down"
    return t(key, points=f"{abs(points):.1f}")


def _course_link(context: RegisterContext, course: str, title: str, page: str) -> str:
    """``[TRN-02 Complaint handling](…#trn-02)`` from ``page``."""
    return context.link("course", course, page, f"{course} {title}")


def _worst_courses(
    judgement: TrainingJudgement,
    titles: dict[str, str],
    context: RegisterContext,
    period: ReviewPeriod,
) -> list[str]:
    """The courses with the most stale, expired or missing trainings on the day judged."""
    courses = judgement.courses
    gaps = courses.assign(gaps=courses[list(GAPS)].sum(axis=1))
    gaps = gaps[gaps["gaps"] > 0].sort_values(["gaps", "course"], ascending=[False, True])
    if gaps.empty:
        if int(courses["required"].sum()) == 0:
            return []
        return [t("review.training.no_gaps", date=judgement.today), ""]
    shown = gaps.head(TOP_COURSES)
    intro = (
        t("review.training.worst", date=judgement.today)
        if len(gaps) <= TOP_COURSES
        else t("review.training.worst_top", date=judgement.today, shown=len(shown), total=len(gaps))
    )
    header = [t("training.col.course"), t("review.training.col.current")]
    header += [f"{GAP_SYMBOL[gap]} {t(f'training.status.{gap}')}" for gap in GAPS]
    rows = [
        [
            _course_link(
                context, str(row["course"]), titles.get(str(row["course"]), ""), period.path
            ),
            f"{format_value(row['coverage'], 'percent')} ({row['current']}/{row['required']})",
            *(str(row[gap]) for gap in GAPS),
        ]
        for row in shown.to_dict("records")  # at most TOP_COURSES rows
    ]
    return [intro, "", *md_table(header, rows), ""]


def _joiners(
    frames: TrainingFrames,
    judgement: TrainingJudgement,
    publish_names: bool,
    context: RegisterContext,
    period: ReviewPeriod,
) -> list[str]:
    """People who joined in the period: whether their required training was current at its end."""
    day = pd.Timestamp(judgement.today)
    people = frames.people
    joined = people[(people["joined"] >= pd.Timestamp(period.start)) & (people["joined"] <= day)]
    if joined.empty:
        return [t("review.training.no_joiners", period=period.label)]
    present = joined[joined["person"].isin(judgement.people["person"])]
    table = _joiner_table(present, judgement, context, period.path)
    trained = int(table["trained"].sum())
    text = t(
        "review.training.joiners",
        period=period.label,
        joined=len(joined),
        date=judgement.today,
        trained=trained,
        untrained=len(table) - trained,
    )
    if len(present) < len(joined):
        text += " " + t("review.training.joiners_left", left=len(joined) - len(present))
    if table.empty:
        return [text]
    labels = person_labels(present, publish_names)
    header = [t("training.col.person"), t("training.col.team"), t("review.training.col.joined"),
              t("review.training.col.trained"), t("review.training.col.not_current")]  # fmt: skip
    rows = [
        [
            labels[str(row["person"])],
            "—" if pd.isna(row["team"]) else escape(row["team"]),
            str(pd.Timestamp(row["joined"]).date()),
            _trained(bool(row["trained"]), int(row["current"]), int(row["required"])),
            str(row["not_current"]) or "—",
        ]
        for row in table.to_dict("records")  # one row per newcomer
    ]
    return [text, "", *md_table(header, rows), ""]


def _trained(trained: bool, current: int, required: int) -> str:
    """``✔ 3/3``, ``✖ 1/3``, or ``—`` when the person's roles need no course."""
    if required == 0:
        return "—"
    return f"{'✔' if trained else '✖'} {current}/{required}"


def _joiner_table(
    present: pd.DataFrame, judgement: TrainingJudgement, context: RegisterContext, page: str
) -> pd.DataFrame:
    """Per newcomer: required and current trainings, ``trained`` (all current), the others."""
    status = judgement.status
    needed = status[status["required"] & status["person"].isin(present["person"])]
    needed = needed.assign(is_current=needed["status"] == "current")
    counts = needed.groupby("person").agg(
        required=("course", "size"), current=("is_current", "sum")
    )
    gaps = needed[~needed["is_current"]].sort_values(["person", "course"], kind="stable")
    courses = gaps["course"].astype("str")
    links = {c: context.link("course", c, page) for c in courses.unique()}
    words = {g: t(f"training.status.{g}") for g in GAPS}
    cells = courses.map(links) + " (" + gaps["status"].astype("str").map(words) + ")"
    counts["not_current"] = cells.groupby(gaps["person"]).agg(", ".join)
    table = present[["person", "team", "joined"]].merge(
        counts, left_on="person", right_index=True, how="left"
    )
    table[["required", "current"]] = table[["required", "current"]].fillna(0).astype("int64")
    table["not_current"] = table["not_current"].fillna("").astype("str")
    table["trained"] = (table["current"] == table["required"]).astype("bool")
    return table.sort_values(["joined", "person"], kind="stable").reset_index(drop=True)
