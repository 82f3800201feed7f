"""Targets in force per period, and the status of each value against them.

Targets may change over time (effective-dated steps); a period is judged
against the target in force on its first day. A value is judged only when it
rests on enough observations (``min_n``): otherwise it is shown but "not
judged", because a rate over five tickets says little.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from sqms.schema.plan import Indicator

STATUSES = ("meets", "warning", "misses", "not_judged")


def targets_for(spec: Indicator, starts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The target and warning threshold in force on each period start date."""
    steps = spec.target_steps()
    index = starts.index
    if not steps:
        return pd.Series(np.nan, index=index, dtype="float64"), pd.Series(
            np.nan, index=index, dtype="float64"
        )
    begins = np.array(
        [np.datetime64(s.start if s.start != dt.date.min else dt.date(1, 1, 1), "D") for s in steps]
    )
    days = pd.to_datetime(starts).to_numpy(dtype="datetime64[D]")
    position = np.searchsorted(begins, days, side="right") - 1
    in_force = position >= 0
    pick = np.clip(position, 0, None)
    target = np.array([s.target for s in steps], dtype="float64")[pick]
    warning = np.array(
        [np.nan if s.warning is None else s.warning for s in steps], dtype="float64"
    )[pick]
    return (
        pd.Series(np.where(in_force, target, np.nan), index=index, dtype="float64"),
        pd.Series(np.where(in_force, warning, np.nan), index=index, dtype="float64"),
    )


def judge(
    value: pd.Series, n: pd.Series, target: pd.Series, warning: pd.Series, better: str, min_n: int
) -> pd.Series:
    """``meets``, ``warning`` (between warning and target), ``misses`` or ``not_judged``."""
    judged = value.notna() & target.notna() & (n >= min_n)
    if better == "higher":
        meets, near = value >= target, value >= warning
    else:
        meets, near = value <= target, value <= warning
    status = np.select(
        [~judged, meets, near.fillna(False)], ["not_judged", "meets", "warning"], "misses"
    )
    return pd.Series(status, index=value.index, dtype="str")
