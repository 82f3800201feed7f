"""Reporting periods: which week, month, quarter or year an instant falls in.

Periods are calendar periods in the plan's time zone (a ticket created at
23:30 on 31 March in Shanghai belongs to March, whatever UTC says). Weeks are
ISO weeks, Monday to Sunday.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

FREQ = {"week": "W-SUN", "month": "M", "quarter": "Q-DEC", "year": "Y-DEC"}


def assign_periods(values: pd.Series, period: str, timezone: str) -> pd.Series:
    """The period of each value: tz-aware instants are read in ``timezone``; dates as they are."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        local = values.dt.tz_convert(timezone).dt.tz_localize(None)
    else:
        local = values
    return local.dt.to_period(FREQ[period])


def label(period: pd.Period) -> str:
    """A stable, sortable label: ``2026-03``, ``2026-Q1``, ``2026``, ``2026-W05`` (ISO)."""
    freq = period.freqstr
    if freq.startswith("W"):
        year, week, _ = period.start_time.date().isocalendar()
        return f"{year}-W{week:02d}"
    if freq.startswith("Q"):
        return f"{period.year}-Q{period.quarter}"
    if freq.startswith("Y"):
        return f"{period.year}"
    return f"{period.year}-{period.month:02d}"


def period_range(start: dt.date, end: dt.date, period: str) -> pd.PeriodIndex:
    """Every period from the one holding ``start`` to the one holding ``end``."""
    return pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq=FREQ[period])


def start_date(period: pd.Period) -> dt.date:
    """The first local day of a period."""
    return period.start_time.date()


def end_date(period: pd.Period) -> dt.date:
    """The last local day of a period."""
    return period.end_time.date()
