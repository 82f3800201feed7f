"""Sums of fractions, exactly: the sum of the values as real numbers, rounded once.

A running sum of doubles depends on the order of the rows: ``0.1 + 0.2 + 0.3``
and ``0.3 + 0.2 + 0.1`` differ in the last digit, and pandas' group-by, DuckDB
and Spark each add in their own order, by their own method (compensated or
not, in one thread or many). A published total must not depend on that. So
every sum of a ``number`` column (the ``sum`` and ``mean`` measures, a
ratio's summed side) is the exact sum of the values, rounded once to the
nearest double (ties to even): the same on every engine, in any order, and
what exact arithmetic on the published inputs gives.

Method. Every finite double ``v`` is ``m / 2**s`` with ``m`` a whole number
below 2**57 in magnitude and ``s`` a whole number (:func:`binary_parts`).
Rows are grouped by their group and ``s``; within a cell the ``m`` are added
as three 19-bit parts, so that every partial sum is a whole number that
floating point and 64-bit integers hold exactly (up to 2**34 rows a cell).
The cells of a group are then combined with Python's integers and divided
once, which Python rounds correctly (:func:`combine`). Only the cells'
partial sums are needed from a query engine, never its rows.

Infinite values are not numbers to add: a group with ``+inf`` sums to
``+inf``, with ``-inf`` to ``-inf``, with both to NaN, as IEEE arithmetic
gives.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from typing import Any, Final

import numpy as np

PART_BITS: Final = 19
"""Each whole number ``m`` is added as three parts of this many bits."""
PARTS: Final = 3
MASK: Final = (1 << PART_BITS) - 1

Array = np.ndarray[Any, Any]


def binary_parts(values: Array) -> tuple[Array, list[Array]]:
    """For finite ``values``: ``s`` and the signed parts of ``m``, ``v = m / 2**s`` exactly.

    ``np.frexp`` gives ``v = f · 2**e`` with ``0.5 ≤ |f| < 1``; ``m = f · 2**53``
    is a whole number and ``s = 53 − e``.
    """
    fraction, exponent = np.frexp(values)
    whole = (fraction * float(1 << 53)).astype(np.int64)  # times a power of two: exact
    shift = 53 - exponent.astype(np.int64)
    return shift, whole_parts(whole)


def whole_parts(whole: Array) -> list[Array]:
    """``whole`` (int64, |m| < 2**57) as ``p2, p1, p0`` with ``m = p2·2**38 + p1·2**19 + p0``.

    ``p1`` and ``p0`` are the low bits (0 … 2**19 − 1), ``p2`` the rest with the
    sign (an arithmetic shift), so that each is below 2**19 in magnitude.
    """
    high = PART_BITS * (PARTS - 1)
    return [whole >> high, *((whole >> (PART_BITS * k)) & MASK for k in reversed(range(PARTS - 1)))]


def whole_of(parts: Iterable[int]) -> int:
    """The whole number the parts' sums stand for (each part sum may be any whole number)."""
    total = 0
    for part in parts:
        total = (total << PART_BITS) + int(part)
    return total


def combine(cells: Iterable[tuple[Hashable, int, int]]) -> dict[Hashable, float]:
    """Each group's exact sum, rounded once: from its cells ``(group, s, Σm)``."""
    scaled: dict[Hashable, tuple[int, int]] = {}
    for group, shift, whole in cells:
        total, at = scaled.get(group, (0, shift))
        if shift > at:
            total, at = total << (shift - at), shift
        scaled[group] = (total + (whole << (at - shift)), at)
    return {group: _divide(total, at) for group, (total, at) in scaled.items()}


def _divide(total: int, shift: int) -> float:
    """``total / 2**shift`` rounded once (Python divides whole numbers correctly rounded).

    Beyond the largest double the sum is infinite, as a floating-point sum would be.
    """
    try:
        return total / (1 << shift) if shift >= 0 else float(total << -shift)
    except OverflowError:
        return math.inf if total > 0 else -math.inf


def exact_sums(codes: Array, values: Array, count: int) -> Array:
    """The exact sum of ``values`` per group code ``0 … count−1`` (0.0 for a group of none).

    Rows whose code is negative are left out, as missing values are before.
    """
    keep = codes >= 0
    codes, values = codes[keep], values[keep].astype("float64")
    sums = np.zeros(count, dtype="float64")
    finite = np.isfinite(values)
    if finite.any():
        found = _finite_sums(codes[finite], values[finite], count)
        sums[np.fromiter(found, dtype=np.int64, count=len(found))] = list(found.values())
    if not finite.all():
        infinite = np.bincount(codes[~finite], weights=values[~finite], minlength=count)
        sums = np.where(np.isnan(infinite) | np.isinf(infinite), infinite, sums)
    return sums


def _finite_sums(codes: Array, values: Array, count: int) -> dict[Hashable, float]:
    """:func:`exact_sums` for finite values: cells of (code, shift) added by ``np.bincount``."""
    shift, parts = binary_parts(values)
    low = int(shift.min())
    present = np.flatnonzero(np.bincount(shift - low))
    slot = np.zeros(int(shift.max()) - low + 1, dtype=np.int64)
    slot[present] = np.arange(len(present))
    cells = codes * len(present) + slot[shift - low]
    size = count * len(present)
    rows = np.bincount(cells, minlength=size)
    used = np.flatnonzero(rows)
    # Each part is below 2**19 in magnitude: its sums are whole and exact in floating point.
    part_sums = [np.bincount(cells, weights=part, minlength=size)[used] for part in parts]
    groups, shifts = np.divmod(used, len(present))
    shifts = present[shifts] + low
    return combine(
        (int(group), int(at), whole_of(int(p) for p in sums))
        for group, at, *sums in zip(groups, shifts, *part_sums, strict=True)
    )
