"""The measures an indicator can use, each a vectorised group-by aggregation.

Every measure returns one row per group (period, and a dimension value when
broken down) with ``value``, ``n`` and, where the value is a ratio,
``numerator`` and ``denominator``. Ratios are always computed from summed
numerators and denominators, never by averaging ratios; quantiles are computed
from the rows of the group, never averaged across groups.

These are plain group-by aggregations with filters, so that another engine
(DuckDB, a warehouse) can compute the same specs and return only aggregates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.core.groupby import DataFrameGroupBy

from sqms.plan_spec import Indicator

RESULT_COLUMNS = ["value", "n", "numerator", "denominator"]


@dataclass(frozen=True)
class MeasureInput:
    """What a measure works on: the rows, how they are grouped, and masks already evaluated.

    ``frame`` is the dataset; ``groups`` holds, for each of its rows, the group
    columns ``keys`` (``_period`` first, then a dimension if broken down).
    ``where`` and ``among`` are boolean masks (all true when not given).
    """

    indicator: Indicator
    frame: pd.DataFrame
    groups: pd.DataFrame
    keys: list[str]
    where: pd.Series
    among: pd.Series


def _group(frame: pd.DataFrame, keys: list[str]) -> DataFrameGroupBy:  # type: ignore[type-arg]
    """Group by ``keys``, keeping only groups that occur, in sorted order."""
    return frame.groupby(keys, observed=True, sort=True, dropna=True)


def _sums(inp: MeasureInput, columns: dict[str, pd.Series]) -> pd.DataFrame:
    """Sum each of ``columns`` per group (the additive building block of every ratio)."""
    table = inp.groups[inp.keys].assign(**{name: values for name, values in columns.items()})
    return _group(table, inp.keys)[list(columns)].sum()


def measure_count(inp: MeasureInput) -> pd.DataFrame:
    """Rows meeting ``where`` per period."""
    sums = _sums(inp, {"numerator": inp.where.astype("int64")})
    return sums.assign(
        value=sums["numerator"].astype("float64"), n=sums["numerator"], denominator=np.nan
    )


def measure_sum(inp: MeasureInput) -> pd.DataFrame:
    """Sum of ``column`` over rows meeting ``where``."""
    values = inp.frame[inp.indicator.column or ""].astype("float64")
    used = inp.where & values.notna()
    sums = _sums(inp, {"numerator": values.where(used, 0.0), "n": used.astype("int64")})
    return sums.assign(value=sums["numerator"], denominator=np.nan)


def measure_share(inp: MeasureInput) -> pd.DataFrame:
    """Rows meeting ``where`` among rows meeting ``among``: a proportion from 0 to 1."""
    sums = _sums(
        inp,
        {
            "numerator": (inp.among & inp.where).astype("int64"),
            "denominator": inp.among.astype("int64"),
        },
    )
    return sums.assign(value=_divide(sums["numerator"], sums["denominator"]), n=sums["denominator"])


def measure_mean(inp: MeasureInput) -> pd.DataFrame:
    """Sum of ``column`` ÷ number of values, over rows meeting ``where``."""
    values = inp.frame[inp.indicator.column or ""].astype("float64")
    used = inp.where & values.notna()
    sums = _sums(inp, {"numerator": values.where(used, 0.0), "denominator": used.astype("int64")})
    return sums.assign(value=_divide(sums["numerator"], sums["denominator"]), n=sums["denominator"])


def measure_quantile(inp: MeasureInput) -> pd.DataFrame:
    """The nearest-rank quantile ``q`` of ``column``.

    The smallest value with at least a share ``q`` of the values at or below it:
    always an observed value, never interpolated.
    """
    q = 0.5 if inp.indicator.measure == "median" else float(inp.indicator.q or 0.5)
    values = inp.frame[inp.indicator.column or ""].astype("float64")
    table = inp.groups[inp.keys].assign(_v=values)[inp.where & values.notna()]
    table = table.sort_values([*inp.keys, "_v"], kind="stable")
    grouped = _group(table, inp.keys)
    size = grouped["_v"].transform("size")
    rank = grouped.cumcount() + 1
    wanted = np.maximum(1, np.ceil(q * size.to_numpy(dtype="float64") - 1e-9))
    picked = table[rank.to_numpy() == wanted].set_index(inp.keys)["_v"]
    counts = grouped["_v"].size()
    return pd.DataFrame({"value": picked, "n": counts, "numerator": np.nan, "denominator": np.nan})


def measure_nps(inp: MeasureInput) -> pd.DataFrame:
    """Net promoter score: % of 9–10 minus % of 0–6 among valid 0–10 answers (−100 to +100)."""
    scores = inp.frame[inp.indicator.column or ""].astype("float64")
    valid = inp.where & inp.among & scores.between(0, 10)
    net = (scores >= 9).astype("int64") - (scores <= 6).astype("int64")
    sums = _sums(inp, {"numerator": net.where(valid, 0), "denominator": valid.astype("int64")})
    return sums.assign(
        value=100 * _divide(sums["numerator"], sums["denominator"]), n=sums["denominator"]
    )


def measure_churn(inp: MeasureInput, periods: pd.PeriodIndex) -> pd.DataFrame:
    """Customers active at a period's start and lost in it ÷ customers active at its start.

    Active at the start: started before the period's first day and not ended
    before it. Lost in it: the last day falls inside the period.
    """
    spec = inp.indicator
    start = _local_dates(inp.frame[spec.start or ""])
    end = _local_dates(inp.frame[spec.end or ""])
    dims = inp.keys[1:]
    parts = []
    for period in periods:
        first, last = period.start_time.normalize(), period.end_time.normalize()
        active = inp.where & (start < first) & (end.isna() | (end >= first))
        lost = active & (end <= last)
        table = inp.groups[dims].assign(
            _period=pd.Series(period, index=inp.groups.index),
            numerator=lost.astype("int64"),
            denominator=active.astype("int64"),
        )
        parts.append(_group(table, ["_period", *dims])[["numerator", "denominator"]].sum())
    sums = pd.concat(parts) if parts else pd.DataFrame(columns=["numerator", "denominator"])
    return sums.assign(value=_divide(sums["numerator"], sums["denominator"]), n=sums["denominator"])


def _local_dates(values: pd.Series) -> pd.Series:
    """Dates as naive midnight timestamps (timestamps are taken at their UTC date)."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_localize(None)
    return values.dt.normalize()


def _divide(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator ÷ denominator, NaN where the denominator is zero."""
    den = denominator.astype("float64")
    return numerator.astype("float64").div(den.where(den != 0))


def wilson_interval(
    successes: pd.Series, trials: pd.Series, z: float = 1.959963984540054
) -> tuple[pd.Series, pd.Series]:
    """The Wilson score interval of a proportion (95% by default); NaN where there are no trials."""
    n = trials.astype("float64").where(trials > 0)
    p = successes.astype("float64") / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    # At p = 0 and p = 1 the bound is exactly 0 or 1; rounding must not move it.
    low = (centre - half).clip(lower=0.0).mask(successes == 0, 0.0)
    high = (centre + half).clip(upper=1.0).mask(successes == trials, 1.0)
    return low.where(n.notna()), high.where(n.notna())


MEASURES: dict[str, Callable[[MeasureInput], pd.DataFrame]] = {
    "count": measure_count,
    "sum": measure_sum,
    "share": measure_share,
    "mean": measure_mean,
    "median": measure_quantile,
    "quantile": measure_quantile,
    "nps": measure_nps,
}

PROPORTIONS = frozenset({"share", "churn"})
"""Measures whose value is a proportion of counts, and so carry a Wilson interval."""
