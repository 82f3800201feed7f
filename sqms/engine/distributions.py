"""Distributions of durations as histograms: bin counts, the median and the p90.

A median says where the middle is; the histogram shows the long tail behind a
p90 that misses its target. Only the bin counts leave this module (aggregates),
never the durations themselves. The median and the p90 are computed as the
``median`` and ``quantile`` measures compute them (:mod:`sqms.engine.quantiles`): the
median is the mean of the two middle values for an even n, the p90 uses the
indicator's quantile method (nearest rank unless it declares ``linear``), so
the marks on a histogram are the values shown in the indicator's table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from sqms.engine.datasets import Catalog
from sqms.engine.expressions import evaluate_condition
from sqms.engine.periods import assign_periods
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.engine.quantiles import (
    DEFAULT_METHOD,
    median_of_sorted,
    quantile_of_sorted,
)
from sqms.schema.plan import QuantileMethod

MAX_BINS = 24
"""At most this many bins, plus one open-ended bin for the tail."""
TAIL_QUANTILE = 0.98
"""Bins cover values up to this quantile (or the maximum when the tail is short)."""
DISTRIBUTION_MEASURES = frozenset({"median", "quantile", "mean"})
DURATION_UNITS = frozenset({"hours", "days"})
"""Indicators of these measures and units (durations) get a histogram of their column."""


@dataclass(frozen=True)
class Histogram:
    """Bin counts of durations, with their median and p90.

    ``bins`` has ``start``, ``end`` and ``count``; the last bin is open-ended
    (``end`` NaN) when values lie beyond the covered range.
    """

    bins: pd.DataFrame
    n: int
    median: float
    p90: float
    period: str


def nearest_rank(sorted_values: npt.NDArray[np.float64], q: float) -> float:
    """The ⌈q·n⌉-th smallest value (an observed value, never interpolated)."""
    return quantile_of_sorted(sorted_values, q, "nearest_rank")


def nice_step(span: float, bins: int) -> float:
    """A round bin width (1, 2, 2.5 or 5 × a power of ten) giving at most ``bins`` bins."""
    if span <= 0:
        return 1.0
    raw = span / bins
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if factor * power >= raw:
            return factor * power
    return 10 * power


def histogram(
    values: npt.ArrayLike, period: str, method: QuantileMethod = DEFAULT_METHOD
) -> Histogram | None:
    """Bin non-negative durations into round bins; None when there are none.

    The p90 is computed by ``method``; the range the bins cover ends at the
    nearest-rank 98th percentile (or the maximum), whatever the method.
    """
    data = np.sort(np.asarray(values, dtype=np.float64))
    data = data[np.isfinite(data) & (data >= 0)]
    if not len(data):
        return None
    edges = covered_edges(nearest_rank(data, TAIL_QUANTILE), float(data[-1]))
    inside = np.histogram(data[data < edges[-1]], bins=edges)[0]
    tail = int((data >= edges[-1]).sum())
    median, p90 = median_of_sorted(data), quantile_of_sorted(data, 0.9, method)
    return from_counts(edges, list(inside), tail, (len(data), median, p90), period)


def covered_edges(top: float, largest: float) -> npt.NDArray[np.float64]:
    """The edges of round bins from 0 to ``top`` (the nearest-rank 98th percentile).

    Up to the ``largest`` value instead when the tail is short (the largest is
    at most 1.5 times ``top``) or ``top`` is 0.
    """
    top = largest if largest <= 1.5 * top or top <= 0 else top
    step = nice_step(top, MAX_BINS)
    count = max(1, math.ceil(top / step + 1e-9))
    return np.arange(count + 1, dtype=np.float64) * step


def from_counts(
    edges: npt.NDArray[np.float64],
    inside: list[int],
    tail: int,
    summary: tuple[int, float, float],
    period: str,
) -> Histogram:
    """The histogram of bin counts over ``edges`` and values beyond them (an open last bin).

    ``summary`` is the number of values, their median and their p90.
    """
    starts, ends, counts = list(edges[:-1]), list(edges[1:]), list(inside)
    if tail:
        starts, ends, counts = [*starts, edges[-1]], [*ends, math.nan], [*counts, tail]
    bins = pd.DataFrame(
        {
            "start": pd.Series(starts, dtype="float64"),
            "end": pd.Series(ends, dtype="float64"),
            "count": pd.Series(counts, dtype="int64"),
        }
    )
    n, median, p90 = summary
    return Histogram(bins, n, median, p90, period)


def has_distribution(indicator: CompiledIndicator) -> bool:
    """Whether the indicator summarises durations, so a histogram of them means something."""
    spec = indicator.spec
    return (
        spec.measure in DISTRIBUTION_MEASURES
        and spec.column is not None
        and spec.unit in DURATION_UNITS
    )


def indicator_histograms(
    plan: Plan, catalog: Catalog, results: pd.DataFrame
) -> dict[str, Histogram]:
    """A histogram of the latest complete period, for each median, quantile or mean indicator."""
    found: dict[str, Histogram] = {}
    for ind_id, indicator in plan.indicators.items():
        if not has_distribution(indicator):
            continue
        latest = _latest_period(results, ind_id)
        if latest is None:
            continue
        method = indicator.spec.method or DEFAULT_METHOD
        source = catalog.datasets[indicator.spec.dataset or ""].source
        if source is not None:  # a table: binned where it is
            shown = source.histogram(indicator, plan, catalog, latest)
        else:
            values = _values(indicator, catalog, plan.timezone, latest[1])
            shown = histogram(values, latest[0], method)
        if shown is not None:
            found[ind_id] = shown
    return found


def _latest_period(results: pd.DataFrame, ind_id: str) -> tuple[str, pd.Period] | None:
    """The label and period of an indicator's latest complete total with a value."""
    rows = results[
        (results["indicator"] == ind_id)
        & (results["dim"] == "")
        & results["value"].notna()
        & ~results["partial"].astype("bool")
    ]
    if rows.empty:
        return None
    last = rows.sort_values("period_start", kind="stable").iloc[-1]
    return str(last["period"]), last["period_obj"]


def _values(
    indicator: CompiledIndicator, catalog: Catalog, timezone: str, period: pd.Period
) -> npt.NDArray[np.float64]:
    """The column's values in ``period`` over the rows the indicator measures."""
    spec = indicator.spec
    dataset = catalog.datasets[spec.dataset or ""]
    frame = dataset.frame
    time = spec.time or dataset.spec.time or ""
    in_period = assign_periods(frame[time], indicator.period, timezone) == period
    mask = in_period.fillna(False).astype("bool")
    if indicator.where is not None:
        mask &= evaluate_condition(indicator.where, frame, timezone)
    values = frame[spec.column or ""].astype("float64")
    return np.asarray(values[mask & values.notna()], dtype=np.float64)
