"""The customer list (a CRM export) and the choice of customer for each ticket.

Customers join before or during the period and some leave (churn). Monthly
churn is about 1.5 %, higher in the months after the Chengdu team's trouble
and most of all in the West region that Chengdu mainly serves — the link a
service manager looks for between service quality and retention.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from sqms.demo.common import (
    CHURN_AFTERMATH,
    REGIONS,
    SEGMENTS,
    FloatArray,
    IntArray,
    Period,
    labels,
    numbered,
    pick,
)

_SEGMENT_SHARE = (0.85, 0.12, 0.03)
_REGION_SHARE = (0.28, 0.32, 0.22, 0.18)
_WEST = 3
_MONTHLY_CHURN = np.array([0.016, 0.011, 0.006])  # by segment
_TICKET_WEIGHT = np.array([1.0, 2.5, 6.0])  # businesses contact us more often
_EARLIEST_START = date(2018, 1, 1)
_SHARE_JOINED_BEFORE = 0.58
_ACTIVE = np.iinfo(np.int64).max  # end day of customers who have not left


@dataclass(frozen=True)
class Customers:
    """Customer attributes as parallel arrays; days are offsets from the period start."""

    segment: IntArray
    region: IntArray
    start_day: IntArray
    end_day: IntArray  # last active day, _ACTIVE when still a customer
    propensity: FloatArray  # how often a customer contacts the help desk

    def frame(self, period: Period) -> pd.DataFrame:
        """The CRM export: ids, segment, region, start and end dates (NaT while active)."""
        ended = self.end_day != _ACTIVE
        day = np.timedelta64(1, "D")
        start = period.origin + self.start_day * day
        end = np.where(
            ended, period.origin + np.where(ended, self.end_day, 0) * day, np.datetime64("NaT")
        )
        return pd.DataFrame(
            {
                "customer_id": customer_ids(self.segment.size),
                "segment": labels(self.segment, SEGMENTS),
                "region": labels(self.region, REGIONS),
                "start_date": start.astype("datetime64[us]"),
                "end_date": end.astype("datetime64[us]"),
            }
        )

    def assign(self, rng: np.random.Generator, period: Period, day: IntArray) -> IntArray:
        """A customer for each ticket day, active on that day, favouring frequent contacts."""
        month = period.month_of_day(day)
        chosen = np.empty(len(day), dtype=np.int64)
        weight = _TICKET_WEIGHT[self.segment] * self.propensity
        for m in range(period.months):
            rows = np.flatnonzero(month == m)
            if rows.size == 0:
                continue
            first, after = period.month_start_day[m], period.month_start_day[m + 1]
            some = (self.start_day < after) & (self.end_day >= first)
            chosen[rows] = _weighted(rng, np.flatnonzero(some), weight, rows.size)
            # Someone who joined or left mid-month may not be a customer on that day:
            # draw again among those who were customers the whole month.
            wrong = (self.start_day[chosen[rows]] > day[rows]) | (
                self.end_day[chosen[rows]] < day[rows]
            )
            if wrong.any():
                whole = (self.start_day <= first) & (self.end_day >= after - 1)
                chosen[rows[wrong]] = _weighted(rng, np.flatnonzero(whole), weight, wrong.sum())
        return chosen


def customer_ids(n: int) -> pd.Series:
    """C00001, C00002, ... for n customers."""
    return numbered("C", n, 5)


def _weighted(
    rng: np.random.Generator, candidates: IntArray, weight: FloatArray, k: int
) -> IntArray:
    """k draws with replacement from candidates, proportional to their weight."""
    cumulative = np.cumsum(weight[candidates])
    index = np.searchsorted(cumulative, rng.random(k) * cumulative[-1], side="right")
    return np.asarray(candidates[np.minimum(index, candidates.size - 1)], dtype=np.int64)


def build_customers(rng: np.random.Generator, period: Period, n: int) -> Customers:
    """Draw n customers: who they are, when they joined, and when (if) they left."""
    segment = pick(rng, _SEGMENT_SHARE, n)
    region = pick(rng, _REGION_SHARE, n)
    history = (period.origin - np.datetime64(_EARLIEST_START, "D")).astype(np.int64)
    before = rng.random(n) < _SHARE_JOINED_BEFORE
    # Joiners during the period arrive up to a month before its end.
    start_day = np.where(
        before,
        -rng.integers(1, history + 1, n),
        rng.integers(0, max(period.n_days - 30, 1), n),
    ).astype(np.int64)
    end_day = _churn(rng, period, segment, region, start_day)
    propensity = np.exp(0.8 * rng.standard_normal(n))
    return Customers(segment, region, start_day, end_day, propensity)


def _churn(
    rng: np.random.Generator,
    period: Period,
    segment: IntArray,
    region: IntArray,
    start_day: IntArray,
) -> IntArray:
    """Month by month, let active customers leave with the month's hazard."""
    end_day = np.full(segment.size, _ACTIVE, dtype=np.int64)
    aftermath = period.table(CHURN_AFTERMATH)
    west = region == _WEST
    for m in range(period.months):
        first, after = period.month_start_day[m], period.month_start_day[m + 1]
        hazard = _MONTHLY_CHURN[segment] * (1.0 + aftermath[m] * np.where(west, 1.1, 0.3))
        alive = (start_day < after - 1) & (end_day == _ACTIVE)
        leaving = alive & (rng.random(segment.size) < hazard)
        earliest = np.maximum(first, start_day + 1)
        last = earliest + np.floor(rng.random(segment.size) * (after - earliest)).astype(np.int64)
        end_day = np.where(leaving, last, end_day)
    return end_day
