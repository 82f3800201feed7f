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

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sqms.engine.exact_sums import exact_sums
from sqms.engine.grouping import GroupCodes, group_codes, sort_codes
from sqms.engine.quantiles import DEFAULT_METHOD, grouped_median, grouped_quantile, runs
from sqms.schema.plan import Indicator

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
    memo: dict[Hashable, Any] = field(default_factory=dict, compare=False)
    """What measures of the same rows and ``where`` work out once and share."""
    codes: GroupCodes | None = field(default=None, compare=False)
    """``groups`` by ``keys`` as codes, if worked out already (indicators share them)."""

    def group_codes(self) -> GroupCodes:
        """``groups`` by ``keys`` as codes."""
        return self.codes if self.codes is not None else group_codes(self.groups, self.keys)


def _sums(inp: MeasureInput, columns: dict[str, pd.Series]) -> pd.DataFrame:
    """Sum each of ``columns`` per group (the additive building block of every ratio)."""
    return group_sums(inp.group_codes(), columns)


def group_sums(groups: GroupCodes, columns: dict[str, pd.Series]) -> pd.DataFrame:
    """The sums of ``columns`` per group that occurs, in group order, as a group-by gives them.

    Whole numbers (int64: counts, flags) are added by ``np.bincount``, exact
    while the sums stay below 2**53. Fractions (float64) are added exactly and
    rounded once (:mod:`sqms.engine.exact_sums`), so that no engine's order of
    addition can change a published number.
    """
    present, dense = _present(groups)
    grouped = groups.codes >= 0
    sums = {}
    for name, values in columns.items():
        numbers = values.to_numpy()[grouped]
        if values.dtype == np.dtype("int64"):
            sums[name] = np.bincount(dense, weights=numbers, minlength=len(present)).astype("int64")
        else:
            sums[name] = exact_sums(dense, numbers.astype("float64"), len(present))
    return pd.DataFrame(sums, index=groups.index(present))


def _present(groups: GroupCodes) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The codes that occur, sorted, and each grouped row's position among them."""
    codes = groups.codes[groups.codes >= 0]
    if groups.count <= 4 * len(groups.codes) + 1024:  # a table per possible group
        counts = np.bincount(codes, minlength=groups.count)
        present = np.flatnonzero(counts)
        position = np.zeros(groups.count, dtype=np.int64)
        position[present] = np.arange(len(present))
        return present, position[codes]
    present, dense = np.unique(codes, return_inverse=True)
    return present, dense


def measure_count(inp: MeasureInput) -> pd.DataFrame:
    """Rows meeting ``where`` per period."""
    sums = _sums(inp, {"numerator": inp.where.astype("int64")})
    return sums.assign(
        value=sums["numerator"].astype("float64"), n=sums["numerator"], denominator=np.nan
    )


def measure_sum(inp: MeasureInput) -> pd.DataFrame:
    """Sum of ``column`` over rows meeting ``where``, exact (:mod:`sqms.engine.exact_sums`)."""
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
    return sums.assign(value=divide(sums["numerator"], sums["denominator"]), n=sums["denominator"])


def measure_mean(inp: MeasureInput) -> pd.DataFrame:
    """Sum of ``column`` ÷ number of values, over rows meeting ``where``."""
    values = inp.frame[inp.indicator.column or ""].astype("float64")
    used = inp.where & values.notna()
    sums = _sums(inp, {"numerator": values.where(used, 0.0), "denominator": used.astype("int64")})
    return sums.assign(value=divide(sums["numerator"], sums["denominator"]), n=sums["denominator"])


def measure_quantile(inp: MeasureInput) -> pd.DataFrame:
    """The median, or the quantile ``q`` of ``column`` by the declared method.

    ``median``: the middle value, or the mean of the two middle values for an
    even n. ``quantile``: by ``method`` (:mod:`sqms.engine.quantiles`), by default
    the nearest rank, the ⌈q·n⌉-th smallest value. The rows used are ordered by
    value once (and the order kept for other measures of the same rows), then
    stably by group, so each group's values come out in order: one ordering for
    every group, then index arithmetic per group.
    """
    spec = inp.indicator
    column = inp.indicator.column or ""
    values = inp.frame[column].astype("float64").to_numpy()
    by_value = inp.memo.get(("by value", column))
    if by_value is None:
        rows = np.flatnonzero(inp.where.to_numpy(dtype=bool) & ~np.isnan(values))
        by_value = inp.memo["by value", column] = rows[np.argsort(values[rows], kind="stable")]
    groups = inp.group_codes()
    codes = groups.codes[by_value]
    rows, codes = by_value[codes >= 0], codes[codes >= 0]
    order = sort_codes(codes)
    rows, codes = rows[order], codes[order]
    starts, sizes = runs(codes)
    ordered = values[rows]
    if spec.measure == "median":
        found = grouped_median(ordered, starts, sizes)
    else:
        method = spec.method or DEFAULT_METHOD
        found = grouped_quantile(ordered, starts, sizes, float(spec.q or 0.5), method)
    return pd.DataFrame(
        {
            "value": found,
            "n": sizes,
            "numerator": np.nan,
            "denominator": np.nan,
        },
        index=groups.index(codes[starts]),
    )


def measure_nps(inp: MeasureInput) -> pd.DataFrame:
    """Net promoter score: % of 9–10 minus % of 0–6 among valid 0–10 answers (−100 to +100)."""
    scores = inp.frame[inp.indicator.column or ""].astype("float64")
    valid = inp.where & inp.among & scores.between(0, 10)
    net = (scores >= 9).astype("int64") - (scores <= 6).astype("int64")
    sums = _sums(inp, {"numerator": net.where(valid, 0), "denominator": valid.astype("int64")})
    return sums.assign(
        value=100 * divide(sums["numerator"], sums["denominator"]), n=sums["denominator"]
    )


def measure_churn(
    inp: MeasureInput, periods: pd.PeriodIndex, timezone: str = "UTC"
) -> pd.DataFrame:
    """Customers active at a period's start and lost in it ÷ customers active at its start.

    Active at the start: started before the period's first day and not ended
    before it. Lost in it: the last day falls inside the period. Counted for
    every period at once, from the period each row's start and end fall in.
    A start or end given as a time is taken at its date in ``timezone`` (the
    plan's), as every other period is: 23:30 UTC on 31 March is 1 April in Berlin.
    """
    if len(periods):
        sums = _churn_counts(inp, periods, timezone)
    else:  # no period to report on (no data in any dataset): no groups, but named keys
        empty = pd.MultiIndex.from_arrays([[] for _ in inp.keys], names=inp.keys)
        counts = {name: pd.Series(dtype="int64") for name in ("numerator", "denominator")}
        sums = pd.DataFrame(counts, index=empty if len(inp.keys) > 1 else empty.levels[0])
    return sums.assign(value=divide(sums["numerator"], sums["denominator"]), n=sums["denominator"])


def _churn_counts(inp: MeasureInput, periods: pd.PeriodIndex, timezone: str) -> pd.DataFrame:
    """Lost and active rows per period and group, periods first, as a loop over them gives."""
    spec = inp.indicator
    start = _local_dates(inp.frame[spec.start or ""], timezone).to_numpy()
    end = _local_dates(inp.frame[spec.end or ""], timezone).to_numpy()
    firsts = periods.start_time.normalize().to_numpy()
    lasts = periods.end_time.normalize().to_numpy().astype(end.dtype)
    # A date is before the first day of period p exactly when p >= its k.
    k_start = np.searchsorted(firsts.astype(start.dtype), start, side="right")
    k_end = np.searchsorted(firsts.astype(end.dtype), end, side="right")
    ending = k_end - 1  # the period the end falls in, if not after its last day
    used = inp.where.to_numpy(dtype=bool) & ~np.isnat(start)
    ended = used & ~np.isnat(end)
    lost = ended & (ending >= k_start) & (ending >= 0)
    lost &= end <= lasts[np.maximum(ending, 0)]
    groups = group_codes(inp.groups, inp.keys[1:])
    sizes = (groups.count, len(periods) + 1)
    # Active at p's start: started before it, less those that also ended before it.
    began = _count_by(groups.codes, k_start, used, sizes).cumsum(axis=1)
    gone = _count_by(groups.codes, np.maximum(k_start, k_end), ended, sizes).cumsum(axis=1)
    active = (began - gone)[:, :-1]
    lost_in = _count_by(groups.codes, ending, lost, sizes)[:, :-1]
    present = np.unique(groups.codes[groups.codes >= 0])
    return pd.DataFrame(
        {"numerator": lost_in[present].T.ravel(), "denominator": active[present].T.ravel()},
        index=_period_index(periods, groups, present),
    )


def _count_by(
    codes: np.ndarray[Any, Any],
    slots: np.ndarray[Any, Any],
    used: np.ndarray[Any, Any],
    sizes: tuple[int, int],
) -> np.ndarray[Any, Any]:
    """How many ``used`` rows fall in each (group, slot): a table of ``sizes``."""
    keep = used & (codes >= 0) & (slots >= 0) & (slots < sizes[1])
    cells = codes[keep] * sizes[1] + slots[keep]
    return np.bincount(cells, minlength=sizes[0] * sizes[1]).reshape(sizes)


def _period_index(
    periods: pd.PeriodIndex, groups: GroupCodes, present: np.ndarray[Any, Any]
) -> pd.Index:
    """Every period with each group ``present``: periods first, groups in order within."""
    outer = periods.repeat(len(present)).rename("_period")
    if not groups.levels:
        return outer
    inner = groups.index(np.tile(present, len(periods)))
    levels = [inner.get_level_values(i) for i in range(inner.nlevels)]
    return pd.MultiIndex.from_arrays([outer, *levels], names=["_period", *groups.names])


def _local_dates(values: pd.Series, timezone: str) -> pd.Series:
    """Dates as naive midnight timestamps: a time is taken at its date in ``timezone``."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_convert(timezone).dt.tz_localize(None)
    return values.dt.normalize()


def divide(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
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
