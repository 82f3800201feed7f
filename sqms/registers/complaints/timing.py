"""When each complaint was received, and how it fared against its targets.

A helper of the analysis (:mod:`sqms.registers.complaints.analysis`): the
per-complaint timing every figure, the repeats, the decisions and the
review's counts are taken from.

Times are read in the plan's time zone, so a complaint received at 23:30 on
31 March in Shanghai counts in March, as the ``complaint_volume`` indicator
counts it. Calendar days count local dates: a complaint received on 3 March
with a 5-day standard is due by the end of 8 March. "Open" and "overdue" are
judged on the reference date (``context.today``), never the machine's clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from sqms.registers.complaints.register import ComplaintRegister


@dataclass(frozen=True)
class Timing:
    """Per complaint: when it was received and how it fared against the targets."""

    day: pd.Series
    """The local date received (midnight, no time zone)."""
    month: pd.Series
    """The local month received (a monthly period)."""
    ack_judged: pd.Series
    ack_within: pd.Series
    ack_hours: pd.Series
    """Hours to acknowledge (NaN when not acknowledged)."""
    res_judged: pd.Series
    res_within: pd.Series
    res_days: pd.Series
    """Calendar days from the day received to the day of the final response."""
    open: pd.Series
    overdue: pd.Series
    standard: pd.Series
    """The resolution standard in days (NaN when none applies)."""
    age: pd.Series
    """Days from the day received to the reference date."""


def local_time(values: pd.Series, timezone: str) -> pd.Series:
    """Instants as naive local times in ``timezone``."""
    return values.dt.tz_convert(timezone).dt.tz_localize(None)


def complaint_timing(register: ComplaintRegister, timezone: str, today: dt.date) -> Timing:
    """Receipt day and month, acknowledgement and resolution against their targets, age."""
    frame = register.frame
    received = frame[register.columns["received"]]
    day = local_time(received, timezone).dt.normalize()
    reference = pd.Timestamp(today)
    ack_judged, ack_within, ack_hours = _acknowledgement(register, received, timezone, today)
    resolved = register.column("resolved")
    if resolved is None:
        nothing = pd.Series(False, index=frame.index, dtype="bool")
        res_day = pd.Series(pd.NaT, index=frame.index, dtype=day.dtype)
        is_open = nothing
    else:
        res_day = local_time(resolved, timezone).dt.normalize()
        is_open = resolved.isna()
    standard = _standard_days(register)
    due = day + pd.to_timedelta(standard, unit="D")
    within = (~is_open & (res_day <= due)).astype("bool")
    overdue = (is_open & (reference > due)).astype("bool")
    judged = (standard.notna() & (~is_open | overdue)).astype("bool")
    if resolved is None:
        judged = within = overdue = nothing
    return Timing(
        day=day,
        month=day.dt.to_period("M"),
        ack_judged=ack_judged,
        ack_within=ack_within,
        ack_hours=ack_hours,
        res_judged=judged,
        res_within=within & judged,
        res_days=(res_day - day).dt.days.astype("float64"),
        open=is_open.astype("bool"),
        overdue=overdue,
        standard=standard,
        age=(reference - day).dt.days.clip(lower=0).astype("float64"),
    )


def _acknowledgement(
    register: ComplaintRegister, received: pd.Series, timezone: str, today: dt.date
) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Judged, within target and hours to acknowledge, per complaint.

    An acknowledged complaint is judged on its hours; one not acknowledged
    yet counts as missed once its hours (to the reference date, for
    wall-clock hours) pass the target, and is not judged before.
    """
    index = register.frame.index
    nothing = pd.Series(False, index=index, dtype="bool")
    acknowledged = register.column("acknowledged")
    spec = register.spec.acknowledge
    if register.hours_column is not None:
        hours = register.frame[register.hours_column].astype("float64")
    elif acknowledged is not None:
        end_of_day = pd.Timestamp(today + dt.timedelta(days=1)).tz_localize(timezone)
        hours = (acknowledged.fillna(end_of_day) - received).dt.total_seconds() / 3600
    else:
        return nothing, nothing, pd.Series(np.nan, index=index, dtype="float64")
    done = hours.notna() if acknowledged is None else acknowledged.notna()
    shown = hours.where(done)
    if spec is None:
        return nothing, nothing, shown
    within = (done & (hours <= spec.within_hours)).astype("bool")
    late = (~done & (hours > spec.within_hours)).astype("bool")
    return ((done & hours.notna()) | late).astype("bool"), within, shown


def _standard_days(register: ComplaintRegister) -> pd.Series:
    """The resolution standard of each complaint in days (NaN where none applies)."""
    index = register.frame.index
    resolve = register.spec.resolve
    if resolve is None:
        return pd.Series(np.nan, index=index, dtype="float64")
    days = resolve.within_days
    if not isinstance(days, dict):
        return pd.Series(float(days), index=index, dtype="float64")
    severity = register.column("severity")
    assert severity is not None  # checked when loaded
    return severity.astype("str").map(days).astype("float64")
