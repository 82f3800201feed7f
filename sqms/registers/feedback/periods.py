"""The survey responses summed by local month, so that any review period can be added up.

A review period (a month, a quarter or a year) is a run of whole months;
keeping per month the responses, the comments and, per score, the answers,
the low answers and the sum of the answers lets a period's counts, shares
and means be summed exactly (a mean as a sum over a count, never a mean of
monthly means). Per tag, the responses answering the tag score and the low
ones. Only these counts leave the module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sqms.registers.feedback.spec import FeedbackSpec

RESPONSES = "responses"
COMMENTS = "comments"


def answers(key: str) -> str:
    """The monthly column of a score's answers."""
    return f"{key}.n"


def lows(key: str) -> str:
    """The monthly column of a score's low answers."""
    return f"{key}.low"


def sums(key: str) -> str:
    """The monthly column of the sum of a score's answers."""
    return f"{key}.sum"


def _no_months() -> pd.DataFrame:
    return pd.DataFrame({RESPONSES: pd.Series(dtype="int64")})


@dataclass(frozen=True)
class MonthTotals:
    """Counts by month label (``2026-07``), and per tag and month."""

    months: pd.DataFrame = field(default_factory=_no_months)
    """Indexed by month label: ``responses``, ``comments`` (with a comment column) and, per
    score, ``<key>.n``, ``<key>.low`` and ``<key>.sum``."""
    tags: pd.DataFrame | None = None
    """``period``, ``tag``, ``responses`` and ``low`` (responses answering the tag score)."""
    exported: dt.date | None = None
    """The local day of the export (its ``as_of``), None when unknown."""

    def total(self, months: Sequence[str]) -> pd.Series:
        """Every count summed over ``months`` (zero for months without responses)."""
        return self.months.reindex(list(months), fill_value=0).sum()

    def ranked_tags(self, months: Sequence[str]) -> pd.DataFrame:
        """Per tag over ``months``: ``tag``, ``responses``, ``low``; most low answers first.

        Ties by responses, then by name, as the register's page ranks them.
        """
        columns = {"tag": "str", "responses": "int64", "low": "int64"}
        if self.tags is None:
            return pd.DataFrame({k: pd.Series(dtype=v) for k, v in columns.items()})
        rows = self.tags[self.tags["period"].isin(list(months))]
        table = rows.groupby("tag", sort=False)[["responses", "low"]].sum().reset_index()
        table = table.astype(columns)
        order = ["low", "responses", "tag"]
        table = table.sort_values(order, ascending=[False, False, True], kind="stable")
        return table.reset_index(drop=True)


def month_totals(
    spec: FeedbackSpec,
    frame: pd.DataFrame,
    labels: pd.Series,
    scored: Mapping[str, tuple[np.ndarray, np.ndarray]],
    comments: pd.Series | None,
    pairs: pd.DataFrame | None,
    exported: dt.date | None,
) -> MonthTotals:
    """The counts of every month with responses (responses without a time are left out).

    ``scored`` gives per score the low answers and the answers (boolean arrays);
    ``pairs`` one row per response answering the tag score and tag it carries.
    """
    data: dict[str, np.ndarray] = {RESPONSES: np.ones(len(frame), dtype="int64")}
    if comments is not None:
        data[COMMENTS] = comments.to_numpy(dtype=bool).astype("int64")
    for key, (low, answered) in scored.items():
        values = frame[spec.column_of(key)].astype("Float64").fillna(0).to_numpy(dtype="float64")
        data[answers(key)] = answered.astype("int64")
        data[lows(key)] = low.astype("int64")
        data[sums(key)] = np.where(answered, values, 0.0)
    table = pd.DataFrame(data, index=frame.index)
    months = table.groupby(labels.rename("month"), sort=True).sum()
    tags = None
    if pairs is not None:
        grouped = pairs.groupby(["period", "tag"], sort=True)["low"]
        tags = grouped.agg(responses="size", low="sum").reset_index()
        tags = tags.astype({"tag": "str", "responses": "int64", "low": "int64"})
    return MonthTotals(months, tags, exported)
