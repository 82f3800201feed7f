"""Shared vocabulary, the period arithmetic and the storyline of the sample.

Every generator module draws from the same code lists and reads the same
storyline tables, so that a texture (a team that struggles, an action that
works) shows up consistently in tickets, surveys, QA reviews and complaints.
Times are handled internally as float seconds since the start of the period
(local naive time), with NaN for "did not happen before the end of the period".
"""

from __future__ import annotations

from datetime import date

import numpy as np
import numpy.typing as npt
import pandas as pd

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

CHANNELS = ("phone", "email", "chat", "web")
PHONE, EMAIL, CHAT, WEB = range(4)
PRIORITIES = ("P1", "P2", "P3", "P4")
TEAMS = ("Beijing L1", "Shanghai L1", "Chengdu L1", "L2 Specialists")
CHENGDU, L2 = 2, 3
CATEGORIES = ("billing", "account", "delivery", "technical", "returns", "other")
BILLING, ACCOUNT, DELIVERY, TECHNICAL, RETURNS, OTHER = range(6)
SEGMENTS = ("consumer", "small business", "enterprise")
REGIONS = ("North", "East", "South", "West")
STATUSES = ("open", "resolved", "closed", "cancelled")

DAY = 86_400.0
BUSINESS_DAY = 540.0  # minutes of a full weekday, the unit agents think in

# Public holidays of the help desk (inclusive ranges); closed all day.
HOLIDAYS: tuple[tuple[date, date], ...] = (
    (date(2025, 1, 1), date(2025, 1, 1)),
    (date(2025, 1, 28), date(2025, 2, 4)),
    (date(2025, 4, 4), date(2025, 4, 4)),
    (date(2025, 5, 1), date(2025, 5, 5)),
    (date(2025, 10, 1), date(2025, 10, 8)),
    (date(2026, 1, 1), date(2026, 1, 1)),
    (date(2026, 2, 16), date(2026, 2, 22)),
    (date(2026, 4, 5), date(2026, 4, 5)),
    (date(2026, 5, 1), date(2026, 5, 5)),
    (date(2026, 10, 1), date(2026, 10, 8)),
)

# --- storyline: how strongly each texture acts in a calendar month (0..1) ---
# Staff turnover in Chengdu: slower, more reopened tickets, more QA errors.
CHENGDU_STRAIN = {(2025, 6): 0.5, (2025, 7): 1.0, (2025, 8): 1.0, (2025, 9): 0.7, (2025, 10): 0.15}
# The billing-system change behind the complaint cluster (fixed by ACT-2025-003).
BILLING_CHANGE = {(2025, 12): 1.0, (2026, 1): 0.8, (2026, 2): 0.15}
# Customers leave in the months after the Chengdu trouble.
CHURN_AFTERMATH = {
    (2025, 8): 0.6,
    (2025, 9): 1.0,
    (2025, 10): 1.0,
    (2025, 11): 0.8,
    (2025, 12): 0.4,
}
# ACT-2026-002 "chat triage and knowledge-base refresh", rolled out in March 2026.
TRIAGE_FROM = (2026, 3)
# ACT-2026-005 "callback scheduling for phone", June 2026: deliberately no effect.
CALLBACK_FROM = (2026, 6)


class Period:
    """Whole calendar months starting at ``start`` (which must be a 1st)."""

    def __init__(self, start: date, months: int) -> None:
        if start.day != 1 or months < 1:
            raise ValueError("the period must start on the 1st of a month and last a month or more")
        self.start = start
        self.months = months
        self.origin = np.datetime64(start, "D")
        month_starts = np.datetime64(start, "M") + np.arange(months + 1)
        self.month_start_day: IntArray = (
            month_starts.astype("datetime64[D]") - self.origin
        ).astype(np.int64)
        self.n_days = int(self.month_start_day[-1])
        self.end = self.n_days * DAY
        # (year, month) of each month index, to look up the storyline tables.
        years = month_starts[:-1].astype("datetime64[Y]").astype(np.int64) + 1970
        numbers = month_starts[:-1].astype(np.int64) % 12 + 1
        self.calendar_months = list(zip(years.tolist(), numbers.tolist(), strict=True))

    def month_of_day(self, day: IntArray) -> IntArray:
        """Month index (0-based) of each day offset."""
        index = np.searchsorted(self.month_start_day, day, side="right") - 1
        return np.clip(index, 0, self.months - 1).astype(np.int64)

    def table(self, values: dict[tuple[int, int], float]) -> FloatArray:
        """A storyline table as one value per month index (0 where absent)."""
        return np.array([values.get(ym, 0.0) for ym in self.calendar_months], dtype=np.float64)

    def since(self, year_month: tuple[int, int]) -> FloatArray:
        """1.0 for months on or after ``year_month``, else 0.0."""
        return np.array([ym >= year_month for ym in self.calendar_months], dtype=np.float64)

    def to_datetime(self, seconds: FloatArray) -> npt.NDArray[np.datetime64]:
        """Whole-second naive timestamps (NaT where NaN), at microsecond resolution."""
        out = np.full(seconds.shape, np.datetime64("NaT"), dtype="datetime64[us]")
        ok = np.isfinite(seconds)
        whole = np.floor(seconds[ok]).astype(np.int64).astype("timedelta64[s]")
        out[ok] = (self.origin.astype("datetime64[s]") + whole).astype("datetime64[us]")
        return out

    def to_seconds(self, stamps: pd.Series) -> FloatArray:
        """Seconds since the period start of a timestamp column (NaN where missing)."""
        values = stamps.to_numpy(dtype="datetime64[us]")
        delta = (values - self.origin.astype("datetime64[us]")).astype(np.int64) / 1e6
        return np.where(np.isnat(values), np.nan, delta).astype(np.float64)


def lognormal(
    rng: np.random.Generator, median: FloatArray | float, sigma: float, n: int
) -> FloatArray:
    """Lognormal draws given the median, the natural way to think of waiting times."""
    return np.asarray(median * np.exp(sigma * rng.standard_normal(n)), dtype=np.float64)


def pick(rng: np.random.Generator, probs: tuple[float, ...] | FloatArray, n: int) -> IntArray:
    """Indices drawn from a categorical distribution (probabilities need not sum to 1)."""
    p = np.asarray(probs, dtype=np.float64)
    return rng.choice(len(p), size=n, p=p / p.sum()).astype(np.int64)


def labels(codes: IntArray, names: tuple[str, ...]) -> pd.Series:
    """A string column from integer codes into a tuple of names."""
    return pd.Series(pd.Categorical.from_codes(codes, categories=pd.Index(list(names)))).astype(
        "str"
    )


def numbered(prefix: str, n: int, width: int) -> pd.Series:
    """Identifiers like T000001: numbered from 1, zero-padded to ``width`` digits.

    Numbers past ``width`` digits simply run longer (T1000000), so the
    identifiers of a small sample stay the same in a large one: the registers
    that name complaints (``CMP-0105``) stay valid whatever the sample's size.
    """
    numbers = pd.Series(np.arange(1, n + 1, dtype=np.int64)).astype("str").str.zfill(width)
    return (prefix + numbers).astype("str")
