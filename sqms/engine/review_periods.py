"""The period a management review covers: a year, a quarter or a month."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

PERIOD_PATTERN = re.compile(r"^\d{4}(?:-Q[1-4]|-(?:0[1-9]|1[0-2]))?$")
"""``2026``, ``2026-Q3`` or ``2026-09``."""
REVIEW_DIR = "certification/management-review"


@dataclass(frozen=True)
class ReviewPeriod:
    """The days a management review covers, both ends included."""

    label: str
    start: dt.date
    end: dt.date

    @property
    def path(self) -> str:
        """The site path of the review's page."""
        return f"{REVIEW_DIR}/{self.label}.md"

    def contains(self, day: dt.date | None) -> bool:
        """Whether ``day`` falls in the period."""
        return day is not None and self.start <= day <= self.end

    def months(self) -> list[str]:
        """The month labels of the period, ``2026-07`` … ``2026-09``."""
        span = pd.period_range(self.start, self.end, freq="M")
        return [str(month) for month in span]

    def previous(self) -> ReviewPeriod:
        """The period of the same length just before (for "changes since the last review")."""
        frequency = "Q" if "-Q" in self.label else ("Y" if len(self.label) == 4 else "M")
        before = pd.Period(self.start, freq=frequency) - 1
        return period_of(before)


def period_of(period: pd.Period) -> ReviewPeriod:
    """A pandas period (year, quarter or month) as a review period."""
    label = str(period)
    if period.freqstr.startswith("Q"):
        label = f"{period.year}-Q{period.quarter}"
    return ReviewPeriod(label, period.start_time.date(), period.end_time.date())


def parse_period(text: str) -> ReviewPeriod | None:
    """``2026-Q3`` → 1 July to 30 September 2026; None when the text is not a period."""
    if not PERIOD_PATTERN.match(text):
        return None
    if "-Q" in text:
        year, quarter = text.split("-Q")
        return period_of(pd.Period(year=int(year), quarter=int(quarter), freq="Q"))
    if "-" in text:
        return period_of(pd.Period(text, freq="M"))
    return period_of(pd.Period(text, freq="Y"))


def latest_quarters(last_complete: dt.date | None, count: int) -> list[ReviewPeriod]:
    """The ``count`` latest quarters ending on or before ``last_complete``, newest first."""
    if last_complete is None or count <= 0:
        return []
    quarter = pd.Period(last_complete, freq="Q")
    if quarter.end_time.date() > last_complete:
        quarter -= 1
    return [period_of(quarter - step) for step in range(count)]
