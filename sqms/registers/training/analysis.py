"""Judging the training register: the status of every current person on every course.

For each (person, course) the register knows whether the person's roles need
the course and when the person was last trained on it. The status follows:

- **missing** — needed, never trained;
- **stale** — the last training is older than the version in force of a
  document the course teaches (the document was revised since);
- **expired** — the course's renewal interval has passed since the last training;
- **current** — trained, neither stale nor expired;
- **not required** — none of the person's roles needs the course (a training
  given anyway is not judged).

From the statuses come the facts the package publishes (the analysis role
of the register, below the pages and the review): the totals and coverage,
the gaps grouped by course (and by the revised document that made training
stale), the person × course and role × course matrices, and for a
management review the register judged at a period's end and the previous
one's, with the people who joined in the period. Nothing here is Markdown:
:mod:`~sqms.registers.training.page` and :mod:`~sqms.registers.training.review`
make the text.

Everything is computed on whole tables (people × courses), never row by row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sqms.documents.manual import Manual
from sqms.registers.common import RegisterContext
from sqms.registers.training.frames import TrainingFrames
from sqms.registers.training.spec import TrainingSpec
from sqms.schema.documents import INTERVAL_PATTERN

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod

STATUSES = ("current", "stale", "expired", "missing", "not_required")
GAPS = ("stale", "expired", "missing")
"""Statuses that need action when the course is required."""
IN_FORCE = ("approved",)
"""Document statuses whose version is in force (a draft or a version in review is not yet)."""
GROUP_KEYS = ("course", "status", "stale_document", "stale_version", "stale_effective", "rank")
"""What sets a gap group apart: the course, the gap (and its rank in :data:`GAPS`), and
for stale training the revised document, its version and effective date."""
TOTALS = ("required", "current", *GAPS)
"""The counts of required trainings the summary and the review add up over all courses."""


@dataclass(frozen=True)
class TrainingJudgement:
    """The judged register: tables for the pages, computed once per build."""

    today: dt.date
    """The day judged (the reference date for the page, a period's end for a review)."""
    people: pd.DataFrame
    """The people present that day: person, name, team, joined, left."""
    courses: pd.DataFrame
    """course, title, renew_every, required, current, stale, expired, missing, coverage."""
    documents: pd.DataFrame
    """course, document, main, version, effective (effective none: no version in force)."""
    status: pd.DataFrame
    """One row per current person and course: person, course, required, date, version,
    status, stale_document, stale_version, stale_effective, due."""


def judge_training(
    frames: TrainingFrames, context: RegisterContext, as_of: dt.date | None = None
) -> TrainingJudgement:
    """The status of every person present on ``as_of`` on every course, as of that day.

    ``as_of`` defaults to ``context.today`` (the register's page); a management
    review judges the register as it stood at a period's end. Only the people
    present that day and the training recorded up to it count; a document counts
    with its current version if that version had taken effect by then (the
    manual holds no earlier versions, so a document revised since makes
    nothing stale on that day).
    """
    day = context.today if as_of is None else as_of
    today = pd.Timestamp(day)
    people = _current_people(frames.people, today)
    pairs = people[["person"]].merge(frames.courses, how="cross")
    pairs = _mark_required(pairs, frames)
    pairs = _latest_records(pairs, frames.records[frames.records["date"] <= today])
    documents = _course_documents(frames.course_documents, context.manual, today)
    pairs = _mark_stale(pairs, documents)
    pairs = _mark_due(pairs)
    pairs["status"] = _status(pairs, today)
    courses = _course_counts(frames.courses, pairs)
    columns = ["person", "course", "required", "date", "version", "status"]
    columns += ["stale_document", "stale_version", "stale_effective", "due"]
    return TrainingJudgement(day, people, courses, documents, pairs[columns])


def _current_people(people: pd.DataFrame, today: pd.Timestamp) -> pd.DataFrame:
    """People who have joined and not left: their last day (``left``) is today or later."""
    joined = people["joined"].isna() | (people["joined"] <= today)
    staying = people["left"].isna() | (people["left"] >= today)
    return people[joined & staying].sort_values("person", kind="stable").reset_index(drop=True)


def _mark_required(pairs: pd.DataFrame, frames: TrainingFrames) -> pd.DataFrame:
    """``required``: one of the person's roles is among the course's roles."""
    needed = frames.person_roles.merge(frames.course_roles, on="role")[["person", "course"]]
    marked = pairs.merge(needed.drop_duplicates(), how="left", indicator=True)
    marked["required"] = (marked.pop("_merge") == "both").astype("bool")
    return marked


def _latest_records(pairs: pd.DataFrame, records: pd.DataFrame) -> pd.DataFrame:
    """The date and version of each person's last training on each course (NaT: never)."""
    ordered = records.sort_values(["person", "course", "date"], kind="stable")
    latest = ordered.drop_duplicates(["person", "course"], keep="last")
    return pairs.merge(latest, on=["person", "course"], how="left")


def version_key(version: object) -> str:
    """A version as text that sorts like the version: ``2.10`` after ``2.9``."""
    parts = [*str(version).split("."), "0", "0"][:3]
    return ".".join(f"{int(part):06d}" for part in parts)


def _version_keys(versions: pd.Series) -> pd.Series:
    """:func:`version_key` of each version (missing stays missing), computed per distinct value."""
    distinct = versions.dropna().unique()
    return versions.map({v: version_key(v) for v in distinct}).astype("string")


def _course_documents(
    course_documents: pd.DataFrame, manual: Manual, today: pd.Timestamp
) -> pd.DataFrame:
    """Each course's documents with the version in force and the date it took effect.

    The date is ``effective_on`` (else ``approved_on``); a document that is
    not approved (a draft, a new version in review, obsolete) or takes effect
    only after today has no version in force to be trained on, so it makes
    nothing stale.
    """
    rows = [
        {
            "document": doc_id,
            "version": document.meta.version,
            "effective": document.meta.effective_on or document.meta.approved_on,
            "in_force": document.meta.status in IN_FORCE,
        }
        for doc_id, document in manual.documents.items()
    ]
    dtypes = {"document": "string", "version": "string", "effective": "datetime64[s]"}
    meta = pd.DataFrame(rows, columns=[*dtypes, "in_force"]).astype({**dtypes, "in_force": "bool"})
    meta["effective"] = meta["effective"].where(meta["in_force"] & (meta["effective"] <= today))
    joined = course_documents.merge(meta.drop(columns="in_force"), on="document", how="left")
    joined["version"] = joined["version"].astype("string")
    joined["effective"] = joined["effective"].astype("datetime64[s]")
    return joined


def _credited(trained: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``credited``: the date each last training counts from.

    Training on a new version is given before it takes effect: a
    record naming the version in force (or a newer one) of the course's main
    document counts from that version's effective date when it was earlier,
    so the other documents revised together with it do not make it stale.
    """
    main = documents.loc[documents["main"], ["course", "version", "effective"]].rename(
        columns={"version": "main_version", "effective": "main_effective"}
    )
    judged = trained.merge(main, on="course", how="left")
    newer = _version_keys(judged["version"]) >= _version_keys(judged["main_version"])
    ahead = newer.fillna(False).astype("bool") & (judged["date"] < judged["main_effective"])
    judged["credited"] = judged["date"].where(~ahead, judged["main_effective"])
    return judged.drop(columns=["main_version", "main_effective"])


def _mark_stale(pairs: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``stale_*``: the document (and its version) whose revision the last training predates.

    A record that names the version trained on is judged by version for the
    course's main document; otherwise, and for the other documents, by its
    credited date against their effective dates. When several documents were
    revised since, the most recently effective one is named.
    """
    trained = pairs.loc[pairs["date"].notna(), ["person", "course", "date", "version"]]
    trained = _credited(trained, documents)
    judged = trained.merge(
        documents[documents["effective"].notna()], on="course", suffixes=("", "_doc")
    )
    by_version = judged["main"] & judged["version"].notna()
    older_version = _version_keys(judged["version"]) < _version_keys(judged["version_doc"])
    older_date = judged["credited"] < judged["effective"]
    mask = np.where(
        by_version.to_numpy(dtype=bool),
        older_version.fillna(False).to_numpy(dtype=bool),
        older_date.to_numpy(dtype=bool),
    )
    stale = judged[mask]
    # On a tie of dates the main document is named: it is what the course is about.
    order = ["person", "course", "effective", "main", "document"]
    stale = stale.sort_values(order, ascending=[True, True, True, True, False], kind="stable")
    stale = stale.drop_duplicates(["person", "course"], keep="last")
    named = stale[["person", "course", "document", "version_doc", "effective"]].rename(
        columns={
            "document": "stale_document",
            "version_doc": "stale_version",
            "effective": "stale_effective",
        }
    )
    return pairs.merge(named, on=["person", "course"], how="left")


def interval_offset(interval: str) -> pd.DateOffset:
    """``24 months`` as a calendar offset (month ends clamp, as for document reviews)."""
    match = INTERVAL_PATTERN.match(interval)
    if match is None:
        raise ValueError(interval)
    count, unit = int(match.group(1)), match.group(2)
    if unit in ("day", "week"):
        return pd.DateOffset(days=count * (7 if unit == "week" else 1))
    return pd.DateOffset(months=count * (12 if unit == "year" else 1))


def _mark_due(pairs: pd.DataFrame) -> pd.DataFrame:
    """``due``: when the last training must be renewed (NaT: never, or never trained)."""
    pairs = pairs.assign(due=pd.Series(pd.NaT, index=pairs.index, dtype="datetime64[s]"))
    for interval in pairs["renew_every"].dropna().unique():  # one pass per distinct interval
        rows = (pairs["renew_every"] == interval) & pairs["date"].notna()
        pairs.loc[rows, "due"] = pairs.loc[rows, "date"] + interval_offset(str(interval))
    return pairs


def _status(pairs: pd.DataFrame, today: pd.Timestamp) -> pd.Series:
    """The status word of each pair: not required, else missing, stale, expired or current."""
    conditions = [
        ~pairs["required"],
        pairs["date"].isna(),
        pairs["stale_document"].notna(),
        pairs["due"].notna() & (pairs["due"] < today),
    ]
    choices = ["not_required", "missing", "stale", "expired"]
    return pd.Series(np.select(conditions, choices, "current"), index=pairs.index, dtype="string")


def _course_counts(courses: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Per course: people who need it, how many are current, stale, expired or missing."""
    needed = pairs[pairs["required"]]
    counts = pd.crosstab(needed["course"], needed["status"])
    counts = counts.reindex(columns=["current", *GAPS], fill_value=0)
    counts["required"] = counts.sum(axis=1)
    table = courses.merge(counts, left_on="course", right_index=True, how="left")
    numbers = ["current", *GAPS, "required"]
    table[numbers] = table[numbers].fillna(0).astype("int64")
    table["coverage"] = (table["current"] / table["required"].replace(0, np.nan)).astype("float64")
    return table.reset_index(drop=True)


@dataclass(frozen=True)
class TrainingFacts:
    """Everything the training page, its attention items and its summary line show.

    The register is judged on ``context.today``; the tables are the
    judgement's, grouped and pivoted once.
    """

    frames: TrainingFrames
    """The register as tables, judged again for each review period."""
    judgement: TrainingJudgement
    required: dict[str, int]
    """Per course: how many current people need it."""
    totals: dict[str, int]
    """Required trainings over all courses, and how many are current, stale, expired, missing."""
    gaps: pd.DataFrame
    """One row per required training not current, ordered as the groups list them:
    person, course, status, date (the last training, NaT: never), ``group``."""
    groups: pd.DataFrame
    """One row per course and gap (and revised document), ordered by course, gap and
    effective date: the :data:`GROUP_KEYS`, ``people`` (how many) and ``group``
    (the number joining it to :attr:`gaps`)."""
    matrix: pd.DataFrame
    """The status of every current person (rows, in order) on every course (columns, in
    the register's order); missing where a pair was not judged."""
    needs: pd.DataFrame
    """Whether each role (rows, in the register's order) needs each course (columns)."""

    @property
    def stale(self) -> pd.DataFrame:
        """The gap groups of training made stale by a revised document."""
        return self.groups[self.groups["status"] == "stale"]

    @property
    def lapsed(self) -> pd.DataFrame:
        """The gap groups of training never done or past its renewal date."""
        return self.groups[self.groups["status"] != "stale"]


def analyse_training(
    spec: TrainingSpec, frames: TrainingFrames, context: RegisterContext
) -> TrainingFacts:
    """The register judged on ``context.today``, with its totals, gap groups and matrices."""
    judgement = judge_training(frames, context)
    courses = judgement.courses
    required = dict(zip(courses["course"], courses["required"].astype(int), strict=True))
    course_ids = [course.id for course in spec.courses]
    gaps = _gap_rows(judgement.status)
    return TrainingFacts(
        frames=frames,
        judgement=judgement,
        required=required,
        totals=totals(judgement),
        gaps=gaps,
        groups=_gap_groups(gaps),
        matrix=_status_matrix(judgement, course_ids),
        needs=_role_needs(frames, list(spec.roles), course_ids),
    )


def totals(judgement: TrainingJudgement) -> dict[str, int]:
    """Required trainings, and how many are current, stale, expired and missing."""
    courses = judgement.courses
    return {key: int(courses[key].sum()) for key in TOTALS}


def coverage(counts: dict[str, int]) -> float | None:
    """The share of required training that is current (None: nothing required)."""
    return counts["current"] / counts["required"] if counts["required"] else None


def _gap_rows(status: pd.DataFrame) -> pd.DataFrame:
    """Required training not current, ordered by course, gap, effective date and person.

    ``rank`` is the gap's place in :data:`GAPS`; ``group`` numbers the
    course-and-gap groups in the order they first appear.
    """
    gaps = status[status["required"] & status["status"].isin(GAPS)]
    ranked = gaps.assign(rank=gaps["status"].map(GAPS.index))
    ordered = ranked.sort_values(["course", "rank", "stale_effective", "person"], kind="stable")
    group = ordered.groupby(list(GROUP_KEYS), dropna=False, sort=False).ngroup()
    return ordered.assign(group=group)


def _gap_groups(gaps: pd.DataFrame) -> pd.DataFrame:
    """One row per course and gap (and revised document): how many people, and its number."""
    groups = (
        gaps.groupby(list(GROUP_KEYS), dropna=False, sort=False)
        .agg(people=("person", "size"), group=("group", "first"))
        .reset_index()
    )
    return groups.sort_values(["course", "rank", "stale_effective"], kind="stable")


def _status_matrix(judgement: TrainingJudgement, courses: list[str]) -> pd.DataFrame:
    """The status of every current person on every course, people as rows, courses as columns."""
    status = judgement.status
    matrix = status.pivot(index="person", columns="course", values="status")
    return matrix.reindex(index=judgement.people["person"], columns=courses)


def _role_needs(frames: TrainingFrames, roles: list[str], courses: list[str]) -> pd.DataFrame:
    """Whether each role needs each course (roles as rows, courses as columns)."""
    pairs = frames.course_roles
    needed = pd.crosstab(pairs["role"], pairs["course"]) > 0
    return needed.reindex(index=roles, columns=courses, fill_value=False).astype("bool")


@dataclass(frozen=True)
class Newcomers:
    """The people who joined in a review period, and their training at its end."""

    joined: int
    """How many joined in the period, up to the day judged (those who left since included)."""
    present: pd.DataFrame
    """Those of them still present on the day judged: person, name, team, joined, left."""
    table: pd.DataFrame
    """Per present newcomer, by join date: person, team, joined, ``required`` and
    ``current`` trainings, and ``trained`` (all required training current)."""
    gaps: pd.DataFrame
    """Their required training not current, by person and course: person, course, status."""


@dataclass(frozen=True)
class PeriodFacts:
    """The register judged for a management review: at a period's end and at the previous one's.

    Each is judged on its end, or on ``context.today`` when that comes first.
    """

    now: TrainingJudgement
    then: TrainingJudgement
    worst: pd.DataFrame
    """The courses with gaps on the day judged, most gaps first: the judgement's
    course columns and ``gaps``."""
    newcomers: Newcomers


def judge_period(
    frames: TrainingFrames, context: RegisterContext, period: ReviewPeriod
) -> PeriodFacts:
    """The register as it stood at the end of ``period`` and of the period before it."""
    now = judge_training(frames, context, min(period.end, context.today))
    then = judge_training(frames, context, min(period.previous().end, context.today))
    return PeriodFacts(now, then, _courses_with_gaps(now), _newcomers(frames, now, period.start))


def _courses_with_gaps(judgement: TrainingJudgement) -> pd.DataFrame:
    """The courses with stale, expired or missing trainings, most first, then by id."""
    courses = judgement.courses
    gaps = courses.assign(gaps=courses[list(GAPS)].sum(axis=1))
    return gaps[gaps["gaps"] > 0].sort_values(["gaps", "course"], ascending=[False, True])


def _newcomers(frames: TrainingFrames, judgement: TrainingJudgement, start: dt.date) -> Newcomers:
    """Who joined from ``start`` to the day judged, and whether their training was current."""
    day = pd.Timestamp(judgement.today)
    people = frames.people
    joined = people[(people["joined"] >= pd.Timestamp(start)) & (people["joined"] <= day)]
    present = joined[joined["person"].isin(judgement.people["person"])]
    status = judgement.status
    needed = status[status["required"] & status["person"].isin(present["person"])]
    needed = needed.assign(is_current=needed["status"] == "current")
    counts = needed.groupby("person").agg(
        required=("course", "size"), current=("is_current", "sum")
    )
    gaps = needed[~needed["is_current"]].sort_values(["person", "course"], kind="stable")
    table = present[["person", "team", "joined"]].merge(
        counts, left_on="person", right_index=True, how="left"
    )
    table[["required", "current"]] = table[["required", "current"]].fillna(0).astype("int64")
    table["trained"] = (table["current"] == table["required"]).astype("bool")
    table = table.sort_values(["joined", "person"], kind="stable").reset_index(drop=True)
    return Newcomers(len(joined), present, table, gaps[["person", "course", "status"]])
