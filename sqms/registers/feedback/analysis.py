"""The customer feedback register analysed: the aggregates its page is made from.

Everything here is computed once per build, vectorised, from the survey
responses and the indicators' results; what is kept are counts, means and
shares by score value, month, breakdown value and tag, never a response.
Comments are only counted: they are free text from customers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sqms.engine.periods import assign_periods
from sqms.registers.feedback.periods import MonthTotals, month_totals
from sqms.registers.feedback.spec import FeedbackSpec, ScoreSpec

MONTH = "month"


@dataclass(frozen=True)
class ScoreStats:
    """One score over all responses: how many gave each answer, and how many were low."""

    key: str
    spec: ScoreSpec
    distribution: pd.DataFrame
    """``value`` (float), ``count`` (int) and ``low`` (bool), one row per answer."""
    n: int
    low: int
    mean: float | None

    @property
    def share_low(self) -> float | None:
        """Low answers among all answers; None without answers."""
        return self.low / self.n if self.n else None


@dataclass(frozen=True)
class Trend:
    """The mean of one score per month, by the values of one breakdown and in all."""

    score: str
    dim: str
    rows: pd.DataFrame
    """``period``, ``dim_value``, ``value`` (the mean) and ``n``."""
    totals: pd.DataFrame
    """``period``, ``value`` and ``n`` over all responses."""


@dataclass(frozen=True)
class TagRise:
    """A tag whose low-score share rose in the latest complete month."""

    tag: str
    month: str
    n: int
    low: int
    base_n: int
    base_low: int


@dataclass(frozen=True)
class Comparison:
    """Two indicators' values in the periods both have, and their Pearson correlation."""

    customer: str
    service: str
    points: pd.DataFrame
    """``period``, ``x`` (the service indicator) and ``y`` (the customer indicator)."""
    r: float | None
    """None when fewer than three periods, or one of them never varies."""


@dataclass(frozen=True)
class FeedbackFacts:
    """Everything the feedback page, its summary and its attention items show."""

    responses: int
    first: str | None
    last: str | None
    latest: str | None
    """The latest complete month with responses."""
    partial: frozenset[str]
    """Months not over when the data was exported."""
    latest_counts: dict[str, tuple[int, int]]
    """Per score: (low answers, answers) in the latest complete month."""
    latest_responses: int
    comments: int | None
    """Responses with a comment (None without a comment column)."""
    low_responses: int
    low_comments: int | None
    """Responses with a low tag score, and those of them with a comment."""
    scores: list[ScoreStats]
    trends: list[Trend]
    tags: pd.DataFrame | None
    """Per tag, ranked: ``tag``, ``responses``, ``low``, ``share``, ``lift``."""
    tag_base: tuple[int, int]
    """Responses answering the tag score: (low, all)."""
    rises: list[TagRise]
    comparisons: list[Comparison]
    totals: MonthTotals = field(default_factory=MonthTotals)
    """Counts per month, for the management review of any period."""


def analyse_frame(
    spec: FeedbackSpec,
    frame: pd.DataFrame,
    time: str,
    as_of: pd.Timestamp | None,
    timezone: str,
    results: pd.DataFrame,
) -> FeedbackFacts:
    """Every aggregate of the register, from the responses and the indicators' results."""
    months = assign_periods(frame[time], MONTH, timezone)
    labels = months.dt.strftime("%Y-%m").astype("object").where(months.notna(), None)
    partial = _partial_months(months, as_of, timezone)
    complete = sorted(set(labels.dropna()) - partial)
    latest = complete[-1] if complete else None
    lows = {key: _low(frame[spec.column_of(key)], score) for key, score in spec.scores.items()}
    in_latest = labels.eq(latest).to_numpy(dtype=bool)
    tag_low, tag_answered = lows[spec.tag_score]
    comments = frame[spec.comment].notna() if spec.comment else None
    present = labels.dropna()
    pairs = None if spec.tags is None else _tag_pairs(spec, frame, labels, tag_low, tag_answered)
    exported = None if as_of is None else as_of.tz_convert(timezone).date()
    return FeedbackFacts(
        responses=len(frame),
        first=None if present.empty else str(present.min()),
        last=None if present.empty else str(present.max()),
        latest=latest,
        partial=frozenset(partial),
        latest_counts={
            key: (int((low & in_latest).sum()), int((answered & in_latest).sum()))
            for key, (low, answered) in lows.items()
        },
        latest_responses=int(in_latest.sum()),
        comments=None if comments is None else int(comments.sum()),
        low_responses=int(tag_low.sum()),
        low_comments=None if comments is None else int((comments & tag_low).sum()),
        scores=[_score_stats(key, spec, frame, *lows[key]) for key in spec.scores],
        trends=[_trend(key, dim, spec, frame, labels) for key in spec.scores for dim in spec.by],
        tags=None if pairs is None else _tag_table(pairs, tag_low, tag_answered),
        tag_base=(int(tag_low.sum()), int(tag_answered.sum())),
        rises=[] if pairs is None else _rises(spec, pairs, latest),
        comparisons=[_compare(pair.customer, pair.service, results) for pair in spec.compare],
        totals=month_totals(spec, frame, labels, lows, comments, pairs, exported),
    )


def _partial_months(months: pd.Series, as_of: pd.Timestamp | None, timezone: str) -> set[str]:
    """Months whose last second is after the export: not complete yet."""
    if as_of is None:
        return set()
    local = as_of.tz_convert(timezone).tz_localize(None)
    found = pd.PeriodIndex(months.dropna().unique())
    ends = found.end_time.floor("s")
    return {str(label) for label in found[ends > local].strftime("%Y-%m")}


def _low(values: pd.Series, score: ScoreSpec) -> tuple[np.ndarray, np.ndarray]:
    """Which responses gave a low answer, and which answered at all (boolean arrays)."""
    numbers = values.astype("Float64")
    low = numbers.le(score.low) if score.better == "higher" else numbers.ge(score.low)
    return low.fillna(False).to_numpy(dtype=bool), numbers.notna().to_numpy(dtype=bool)


def _score_stats(
    key: str, spec: FeedbackSpec, frame: pd.DataFrame, low: np.ndarray, answered: np.ndarray
) -> ScoreStats:
    """The distribution of one score: every point of its scale, and any other value given."""
    score = spec.scores[key]
    values = frame[spec.column_of(key)].astype("Float64")[answered].astype("float64")
    counts = values.value_counts()
    points = np.arange(score.scale[0], score.scale[1] + 1, dtype="float64")
    index = pd.Index(np.union1d(points, counts.index.to_numpy(dtype="float64")))
    distribution = pd.DataFrame({"value": index, "count": counts.reindex(index, fill_value=0)})
    marks = distribution["value"]
    is_low = marks.le(score.low) if score.better == "higher" else marks.ge(score.low)
    distribution = distribution.assign(count=distribution["count"].astype("int64"), low=is_low)
    mean = float(values.mean()) if len(values) else None
    return ScoreStats(
        key, score, distribution.reset_index(drop=True), len(values), int(low.sum()), mean
    )


def _trend(key: str, dim: str, spec: FeedbackSpec, frame: pd.DataFrame, labels: pd.Series) -> Trend:
    """The monthly mean of a score by the values of ``dim``, and over all responses."""
    data = pd.DataFrame(
        {"period": labels, "dim_value": frame[dim], "v": frame[spec.column_of(key)]}
    ).astype({"v": "float64"})
    data = data[data["period"].notna() & data["v"].notna()]
    grouped = data.groupby(["period", "dim_value"], observed=True, sort=True)["v"]
    rows = grouped.agg(value="mean", n="size").reset_index()
    rows = rows.assign(dim_value=rows["dim_value"].astype("str"))
    totals = data.groupby("period", sort=True)["v"].agg(value="mean", n="size").reset_index()
    return Trend(key, dim, rows, totals)


def _tag_pairs(
    spec: FeedbackSpec,
    frame: pd.DataFrame,
    labels: pd.Series,
    low: np.ndarray,
    answered: np.ndarray,
) -> pd.DataFrame:
    """One row per response answering the tag score and tag it carries (each tag once).

    Columns ``row`` (the response), ``tag``, ``low`` and ``period`` (its month).
    """
    assert spec.tags is not None
    data = pd.DataFrame(
        {"tag": frame[spec.tags.column], "low": low, "period": labels.to_numpy(dtype=object)},
        index=frame.index,
    )[answered]
    pairs = data.rename_axis("row").reset_index().explode("tag")
    pairs = pairs[pairs["tag"].notna()].astype({"tag": "str"})
    return pairs.drop_duplicates(["row", "tag"])


def _tag_table(pairs: pd.DataFrame, low: np.ndarray, answered: np.ndarray) -> pd.DataFrame:
    """Per tag: responses, low ones, their share and the lift over the share of all responses.

    Ranked by low-score mentions, then by responses, then by name.
    """
    counts = pairs.groupby("tag", sort=False)["low"].agg(responses="size", low="sum")
    table = counts.reset_index().astype({"responses": "int64", "low": "int64"})
    overall = low.sum() / answered.sum() if answered.sum() else np.nan
    share = table["low"] / table["responses"]
    table = table.assign(share=share, lift=share / overall if overall else np.nan)
    order = ["low", "responses", "tag"]
    table = table.sort_values(order, ascending=[False, False, True], kind="stable")
    return table.reset_index(drop=True)


def _rises(spec: FeedbackSpec, pairs: pd.DataFrame, latest: str | None) -> list[TagRise]:
    """Tags whose low share in the latest complete month rose by ``rise`` over the months before.

    Both the latest month and the ``baseline`` months before it need at least
    ``min_n`` responses with the tag.
    """
    if latest is None:
        return []
    rule = spec.attention
    month = pd.Period(latest, freq="M")
    before = {str(month - k) for k in range(1, rule.baseline + 1)}
    window = np.where(
        pairs["period"].eq(latest), "now", np.where(pairs["period"].isin(before), "base", "")
    )
    pairs = pairs.assign(window=window)[window != ""]
    counts = pairs.groupby(["tag", "window"])["low"].agg(n="size", low="sum").unstack("window")
    if "now" not in counts["n"] or "base" not in counts["n"]:
        return []
    counts = counts.fillna(0).astype("int64")
    n, lows = counts["n"], counts["low"]
    rise = lows["now"] / n["now"].clip(lower=1) - lows["base"] / n["base"].clip(lower=1)
    flagged = (n["now"] >= rule.min_n) & (n["base"] >= rule.min_n) & (rise >= rule.rise - 1e-12)
    table = pd.DataFrame(
        {"rise": rise, "n": n["now"], "low": lows["now"], "base_n": n["base"],
         "base_low": lows["base"]}
    )[flagged].sort_values("rise", ascending=False, kind="stable")  # fmt: skip
    return [
        TagRise(str(tag), latest, int(row.n), int(row.low), int(row.base_n), int(row.base_low))
        for tag, row in zip(table.index, table.itertuples(index=False), strict=True)
    ]


def _compare(customer: str, service: str, results: pd.DataFrame) -> Comparison:
    """Two indicators' totals in their complete periods, side by side, and Pearson's r."""
    points = pd.concat(
        [_series(results, service).rename("x"), _series(results, customer).rename("y")],
        axis=1,
        join="inner",
    )
    points = points.sort_index().rename_axis("period").reset_index()
    return Comparison(customer, service, points, pearson(points["x"], points["y"]))


def _series(results: pd.DataFrame, indicator: str) -> pd.Series:
    """An indicator's total values of complete periods, by period label."""
    rows = results[
        (results["indicator"] == indicator)
        & (results["dim"] == "")
        & results["value"].notna()
        & ~results["partial"].astype("bool")
    ]
    return pd.Series(
        rows["value"].astype("float64").to_numpy(), index=rows["period"].astype("str").to_numpy()
    )


def pearson(x: pd.Series, y: pd.Series) -> float | None:
    """Pearson's correlation of two series; None for fewer than 3 pairs or no variation."""
    if len(x) < 3 or x.max() == x.min() or y.max() == y.min():
        return None
    dx = x.to_numpy(dtype="float64") - x.mean()
    dy = y.to_numpy(dtype="float64") - y.mean()
    return float((dx * dy).sum() / np.sqrt((dx**2).sum() * (dy**2).sum()))


def no_facts() -> FeedbackFacts:
    """The register without responses (its dataset did not load)."""
    return FeedbackFacts(
        responses=0, first=None, last=None, latest=None, partial=frozenset(), latest_counts={},
        latest_responses=0, comments=None, low_responses=0, low_comments=None, scores=[],
        trends=[], tags=None, tag_base=(0, 0), rises=[], comparisons=[],
    )  # fmt: skip
