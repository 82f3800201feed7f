"""The indicators' measures as aggregate queries, value for value the pandas path's.

Each measure of :mod:`sqms.engine.measures` is a grouped aggregation with
filters; here it is built as an Ibis query whose result holds only the
aggregates (``value``, ``n``, ``numerator``, ``denominator`` per group), with
the same arithmetic in the same order, so that the numbers are equal, not
merely close:

- counts are sums of 0/1 flags, exact on any engine;
- sums of fractions are exact, rounded once (:mod:`sqms.engine.exact_sums`):
  the query gives whole-number partial sums per group and binary scale, and
  Python combines them (:func:`exact_partials`, :data:`FINISH`), so no
  engine's order of addition or number of threads can change them;
- a median or quantile picks values by their rank in the group (a window
  ``row_number``), then interpolates with the operations of
  :mod:`sqms.engine.quantiles`: nearest rank ⌈q·n⌉, Excel's
  ``PERCENTILE.INC``, the mean of the two middle values as ½a + ½b.

Groups are those that occur, rows with a missing key left out, as pandas'
group-by with ``observed=True, dropna=True`` gives them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from sqms.engine.exact_sums import PART_BITS, PARTS, combine, whole_of
from sqms.engine.measures import divide
from sqms.engine.quantiles import DEFAULT_METHOD, ROUNDING
from sqms.schema.plan import Indicator

Keys = Sequence[str]


def flag(condition: ir.BooleanValue) -> ir.IntegerValue:
    """1 where ``condition`` holds, else 0 (unknown too): summed, how many rows meet it."""
    return condition.ifelse(1, 0).cast("int64")


def _divide(numerator: ir.Value, denominator: ir.Value) -> ir.FloatingValue:
    """numerator ÷ denominator as doubles, null where the denominator is zero."""
    return numerator.cast("float64") / denominator.cast("float64").nullif(0.0)


def grouped(table: ir.Table, keys: Keys) -> ir.Table:
    """Rows whose every key is known (pandas drops the others from its groups)."""
    known = ibis.and_(*(table[key].notnull() for key in keys)) if keys else ibis.literal(True)
    return table.filter(known)


def measure_count(indicator: Indicator, table: ir.Table, keys: Keys) -> ir.Table:
    """Rows meeting ``where`` per group."""
    rows = grouped(table, keys)
    sums = rows.group_by(keys).aggregate(numerator=flag(rows["_where"]).sum())
    return sums.mutate(
        value=sums["numerator"].cast("float64"),
        n=sums["numerator"],
        denominator=ibis.null("float64"),
    )


def measure_sum(indicator: Indicator, table: ir.Table, keys: Keys) -> ir.Table:
    """Sum of ``column`` over rows meeting ``where``: partial sums, see :func:`finish_sum`."""
    return exact_partials(table, keys, indicator.column or "")


def measure_share(indicator: Indicator, table: ir.Table, keys: Keys) -> ir.Table:
    """Rows meeting ``where`` among rows meeting ``among``."""
    rows = grouped(table, keys)
    sums = rows.group_by(keys).aggregate(
        numerator=flag(rows["_among"] & rows["_where"]).sum(),
        denominator=flag(rows["_among"]).sum(),
    )
    return sums.mutate(value=_divide(sums["numerator"], sums["denominator"]), n=sums["denominator"])


def measure_mean(indicator: Indicator, table: ir.Table, keys: Keys) -> ir.Table:
    """Sum of ``column`` ÷ number of values: partial sums, see :func:`finish_mean`."""
    return exact_partials(table, keys, indicator.column or "")


def exact_partials(table: ir.Table, keys: Keys, column: str, used: str = "_where") -> ir.Table:
    """The partial sums of :mod:`sqms.engine.exact_sums` of ``column`` where ``used``.

    One row per group and shift ``s``: the sums of the three parts of the whole
    numbers ``m`` (each value is ``m / 2**s``), the number of values used and of
    infinite ones. Rows not used add 0, so every group with rows appears.
    """
    rows = grouped(table, keys)
    values = rows[column].cast("float64")
    use = rows[used] & values.notnull() & ~values.isnan()
    amount = use.ifelse(values, 0.0)
    finite = (amount - amount) == 0  # false for ±inf, on every engine
    number = finite.ifelse(amount, 0.0)
    shift, parts = binary_parts(number)
    cells = rows.mutate(_shift=shift, **{f"_p{k}": part for k, part in enumerate(parts)})
    return cells.group_by([*keys, "_shift"]).aggregate(
        **{f"p{k}": cells[f"_p{k}"].sum() for k in range(PARTS)},
        n=flag(use).sum(),
        plus=flag(~finite & (amount > 0)).sum(),
        minus=flag(~finite & (amount < 0)).sum(),
    )


def binary_parts(values: ir.FloatingValue) -> tuple[ir.IntegerValue, list[ir.IntegerValue]]:
    """Each finite value as ``m / 2**s``, ``m`` in three parts, without ``frexp``.

    ``s = 54 − ⌊log2 |v|⌋`` gives ``m`` at least the 53 bits of ``v`` above the
    binary point whichever way the logarithm rounds, and below 2**57. ``v`` is
    multiplied by ``2**s`` in two halves, so that no factor overflows:
    multiplying by powers of two is exact. Zero is ``0 / 2**54``.
    """
    magnitude = values.abs()
    safe = (magnitude == 0).ifelse(1.0, magnitude)
    shift = 54 - safe.log2().floor().cast("int64")
    half = shift // 2
    two = ibis.literal(2.0)
    whole = (values * two.pow(half) * two.pow(shift - half)).cast("int64")
    size = whole.abs()
    sign = whole.sign()
    high = size // (1 << 2 * PART_BITS)
    rest = size - high * (1 << 2 * PART_BITS)
    middle = rest // (1 << PART_BITS)
    low = rest - middle * (1 << PART_BITS)
    return shift, [sign * high, sign * middle, sign * low]


def finish_sum(found: pd.DataFrame, keys: Keys) -> pd.DataFrame:
    """The sums per group from :func:`exact_partials`: ``value`` and ``numerator``, ``n``."""
    sums = exact_totals(found, keys)
    return sums.assign(value=sums["numerator"], denominator=float("nan"))


def finish_mean(found: pd.DataFrame, keys: Keys) -> pd.DataFrame:
    """Exact sum ÷ number of values, per group, as the pandas path divides."""
    sums = exact_totals(found, keys)
    return sums.assign(denominator=sums["n"], value=divide(sums["numerator"], sums["n"]))


def exact_totals(found: pd.DataFrame, keys: Keys) -> pd.DataFrame:
    """Per group of ``keys``: the exact sum (``numerator``) and the values used (``n``)."""
    keys = list(keys)
    cells = (
        (tuple(row[: len(keys)]), int(row[len(keys)]), whole_of(row[len(keys) + 1 :]))
        for row in found[[*keys, "_shift", *(f"p{k}" for k in range(PARTS))]].itertuples(
            index=False
        )
    )
    sums = combine(cells)
    counts = found.groupby(keys, sort=True, dropna=False)[["n", "plus", "minus"]].sum()
    exact = pd.Series([sums[_key(index)] for index in counts.index], index=counts.index)
    infinite = np.where(counts["plus"] > 0, np.inf, 0.0) + np.where(
        counts["minus"] > 0, -np.inf, 0.0
    )
    numerator = np.where((counts["plus"] + counts["minus"]) > 0, infinite, exact)
    return pd.DataFrame(
        {"numerator": numerator.astype("float64"), "n": counts["n"].astype("int64")},
        index=counts.index,
    ).reset_index()


def _key(index: Any) -> tuple[Any, ...]:
    """A group-by index entry as the tuple of its keys."""
    return index if isinstance(index, tuple) else (index,)


FINISH: Final[dict[str, Callable[[pd.DataFrame, Keys], pd.DataFrame]]] = {
    "sum": finish_sum,
    "mean": finish_mean,
}
"""Measures whose query gives partial sums, and how the values are made from them."""


def measure_nps(indicator: Indicator, table: ir.Table, keys: Keys) -> ir.Table:
    """% of 9–10 minus % of 0–6 among valid 0–10 answers."""
    rows = grouped(table, keys)
    scores = rows[indicator.column or ""].cast("float64")
    valid = (rows["_where"] & rows["_among"] & scores.between(0, 10)).fill_null(False)
    net = flag(scores >= 9) - flag(scores <= 6)
    sums = rows.group_by(keys).aggregate(
        numerator=valid.ifelse(net, 0).sum(), denominator=flag(valid).sum()
    )
    ratio = _divide(sums["numerator"], sums["denominator"])
    return sums.mutate(value=100 * ratio, n=sums["denominator"])


def measure_quantile(indicator: Indicator, table: ir.Table, keys: Keys) -> ir.Table:
    """The median, or the quantile ``q`` by the declared method, from each group's ranks."""
    column = indicator.column or ""
    rows = grouped(table, keys)
    values = rows[column].cast("float64")
    used = rows.filter(rows["_where"] & values.notnull() & ~values.isnan()).mutate(_v=values)
    ranked = used.mutate(
        _rank=ibis.row_number().over(group_by=list(keys), order_by=used["_v"]) + 1,
        _n=used["_v"].count().over(group_by=list(keys)),
    )
    low, high, fraction = _positions(indicator, ranked["_n"])
    picked = ranked.mutate(_low=low, _high=high, _fraction=fraction)
    groups = picked.group_by(keys).aggregate(
        lower=(picked["_rank"] == picked["_low"]).ifelse(picked["_v"], ibis.null("float64")).max(),
        upper=(picked["_rank"] == picked["_high"]).ifelse(picked["_v"], ibis.null("float64")).max(),
        fraction=picked["_fraction"].max(),
        n=picked["_n"].max(),
    )
    value = _combine(indicator, groups)
    return groups.mutate(
        value=value, numerator=ibis.null("float64"), denominator=ibis.null("float64")
    ).drop("lower", "upper", "fraction")


def _positions(indicator: Indicator, n: ir.IntegerValue) -> tuple[Any, Any, Any]:
    """The 1-based ranks of the two values a group's answer is made of, and the weight between."""
    size = n.cast("float64")
    if indicator.measure == "median":
        return (n - 1) // 2 + 1, n // 2 + 1, ibis.literal(0.5)
    q = float(indicator.q or 0.5)
    method = indicator.method or DEFAULT_METHOD
    if method == "nearest_rank":
        rank = ibis.greatest((size * q - ROUNDING).ceil().cast("int64"), 1)
        return rank, rank, ibis.literal(0.0)
    h = (size - 1) * q
    whole = h.round()
    h = ((h - whole).abs() < ROUNDING).ifelse(whole, h)
    below = h.floor()
    low = below.cast("int64") + 1
    high = ibis.least(below.cast("int64") + 2, n)
    return low, high, h - below


def _combine(indicator: Indicator, groups: ir.Table) -> ir.FloatingValue:
    """The answer from a group's two values, with :mod:`sqms.engine.quantiles`' operations."""
    lower, upper, fraction = groups["lower"], groups["upper"], groups["fraction"]
    if indicator.measure == "median":
        return (lower == upper).ifelse(lower, 0.5 * lower + 0.5 * upper)
    return ((fraction == 0) | (lower == upper)).ifelse(lower, lower + fraction * (upper - lower))


MEASURES: Final[dict[str, Callable[[Indicator, ir.Table, Keys], ir.Table]]] = {
    "count": measure_count,
    "sum": measure_sum,
    "share": measure_share,
    "mean": measure_mean,
    "median": measure_quantile,
    "quantile": measure_quantile,
    "nps": measure_nps,
}
"""The measures computed by one query per breakdown; a ratio's sides and churn are
the engine's own methods (:class:`~sqms.engine.sql.engine.SqlEngine`), and a
``composite`` is made from other indicators' results."""
