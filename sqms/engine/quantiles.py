"""Medians and quantiles of many groups at once, as an auditor recomputes them by hand.

- The **median** is the conventional one, as in a spreadsheet's ``MEDIAN``:
  the middle value of the sorted values for an odd n, the mean of the two
  middle values for an even n (2, 4, 7, 9 → (4 + 7) ÷ 2 = 5.5).
- A **quantile** q is computed by a declared method:

  - ``nearest_rank`` (the default): the ⌈q·n⌉-th smallest value, always an
    observed value (p90 of 10 values is the 9th smallest);
  - ``linear``: the interpolation of Excel's ``PERCENTILE.INC`` (numpy's
    default): h = (n − 1)·q, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]),
    with x the sorted values counted from 0.

Every function works on the values of all groups at once: the rows are put in
order by group, then by value, with ONE sort; each group is then a run of
consecutive positions (``starts``, ``sizes``) and its median or quantile is
index arithmetic on that run.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from sqms.schema.plan import QuantileMethod

QUANTILE_METHODS: tuple[QuantileMethod, ...] = ("nearest_rank", "linear")
DEFAULT_METHOD: QuantileMethod = "nearest_rank"
"""The method of a quantile that declares none, and of the service cycle's p90."""
ROUNDING = 1e-9
"""q·n or (n − 1)·q this close to a whole number is that number (0.9 × 10 is 9, not 9.000…01)."""

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
IntArray = np.ndarray[Any, np.dtype[np.int64]]


def order_by_group_and_value(codes: IntArray, values: FloatArray) -> np.ndarray[Any, Any]:
    """The positions that put rows in order of group code, then of value: one sort."""
    return np.lexsort((values, codes))


def runs(codes: IntArray) -> tuple[IntArray, IntArray]:
    """Where each run of equal (sorted) ``codes`` starts, and how long it is."""
    change = np.ones(len(codes), dtype=bool)
    change[1:] = codes[1:] != codes[:-1]
    starts = np.flatnonzero(change).astype("int64")
    sizes = np.diff(starts, append=len(codes)).astype("int64")
    return starts, sizes


def grouped_median(ordered: FloatArray, starts: IntArray, sizes: IntArray) -> FloatArray:
    """The median of each run of ``ordered`` (sorted within each run).

    The middle value for an odd size; for an even size the mean of the two
    middle values, halved before adding so that no sum overflows.
    """
    lower = ordered[starts + (sizes - 1) // 2]
    upper = ordered[starts + sizes // 2]
    return np.where(lower == upper, lower, 0.5 * lower + 0.5 * upper)


def grouped_quantile(
    ordered: FloatArray, starts: IntArray, sizes: IntArray, q: float, method: QuantileMethod
) -> FloatArray:
    """The quantile ``q`` of each run of ``ordered`` (sorted within each run), by ``method``."""
    n = sizes.astype("float64")
    if method == "nearest_rank":
        rank = np.maximum(1, np.ceil(q * n - ROUNDING)).astype("int64")
        return ordered[starts + rank - 1]
    h = (n - 1) * q
    whole = np.round(h)
    h = np.where(np.abs(h - whole) < ROUNDING, whole, h)
    below = np.floor(h)
    low = starts + below.astype("int64")
    high = starts + np.minimum(below.astype("int64") + 1, sizes - 1)
    fraction = h - below
    lower, upper = ordered[low], ordered[high]
    # Between two equal values lies that value, infinite ones too (where ∞ − ∞ is NaN).
    with np.errstate(invalid="ignore"):
        between = lower + fraction * (upper - lower)
    return np.where((fraction == 0) | (lower == upper), lower, between)


def median_of_sorted(values: FloatArray) -> float:
    """The median of sorted ``values``; NaN when there are none."""
    if not len(values):
        return math.nan
    one = np.zeros(1, dtype="int64")
    return float(grouped_median(values, one, np.array([len(values)], dtype="int64"))[0])


def quantile_of_sorted(values: FloatArray, q: float, method: QuantileMethod) -> float:
    """The quantile ``q`` of sorted ``values`` by ``method``; NaN when there are none."""
    if not len(values):
        return math.nan
    one = np.zeros(1, dtype="int64")
    sizes = np.array([len(values)], dtype="int64")
    return float(grouped_quantile(values, one, sizes, q, method)[0])
