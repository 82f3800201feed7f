"""Sums of fractions are exact, rounded once: the same in any order and on every engine.

The reference is Python's ``math.fsum``, the correctly rounded sum of doubles.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sqms.engine.exact_sums import exact_sums
from sqms.engine.sql.measures import exact_partials, exact_totals
from sqms.engine.sql.quiet import quiet_library

FLOATS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(
        [0.1, 0.2, 0.3, -0.1, 12.5, 1e16, -1e16, 5e-324, -5e-324, 1.7976931348623157e308]
    ),
)


def reference(values: list[float]) -> float:
    """``math.fsum``; where its partial sums overflow, the exact sum rounded once.

    ``fsum`` refuses a sum whose partials pass the largest double, even when
    the exact sum rounds back below it (8.988e307 + 8.988e307 − 1 is the
    largest double, not infinity). The exact rational sum, rounded by
    Python's correctly rounded integer division, is infinite only beyond the
    rounding boundary.
    """
    try:
        return math.fsum(values)
    except OverflowError:
        exact = sum(map(_fraction, values))
        try:
            return float(exact)
        except OverflowError:
            return math.inf if exact > 0 else -math.inf


def _fraction(value: float) -> Any:
    from fractions import Fraction

    return Fraction(value)


def same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(-1, 3), FLOATS), max_size=60))
@example(rows=[(0, 8.988465674311579e307), (0, 8.98846567431158e307), (0, -1.0)])
def test_each_group_sums_as_fsum(rows: list[tuple[int, float]]) -> None:
    codes = np.array([code for code, _ in rows], dtype=np.int64)
    values = np.array([value for _, value in rows], dtype="float64")
    got = exact_sums(codes, values, 4)
    for group in range(4):
        assert same(got[group], reference([v for c, v in rows if c == group]))


@settings(max_examples=200, deadline=None)
@given(st.lists(FLOATS, min_size=1, max_size=40), st.randoms(use_true_random=False))
def test_the_order_of_rows_does_not_matter(values: list[float], shuffler: Any) -> None:
    shuffled = list(values)
    shuffler.shuffle(shuffled)
    zeros = np.zeros(len(values), dtype=np.int64)
    assert same(
        exact_sums(zeros, np.array(values), 1)[0], exact_sums(zeros, np.array(shuffled), 1)[0]
    )


def test_a_running_sum_and_pandas_are_not_exact_but_this_is() -> None:
    # The complaint costs of one quarter, in file order. pandas' group-by sum gives
    # 28.200000000000003; the exact sum of these doubles rounds to 28.2.
    values = [0.1, 0.1, 0.0, 12.5, 3.0, 12.5, 0.0]
    grouped = pd.DataFrame({"g": 0, "v": values}).groupby("g")["v"].sum().iloc[0]
    exact = exact_sums(np.zeros(len(values), dtype=np.int64), np.array(values), 1)[0]
    assert exact == math.fsum(values) == 28.2
    assert grouped != exact  # why the pandas path no longer adds with pandas


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1.0, math.inf], math.inf),
        ([-math.inf, 2.0], -math.inf),
        ([math.inf, -math.inf], math.nan),
        ([1.7976931348623157e308, 1.7976931348623157e308], math.inf),
        ([], 0.0),
    ],
)
def test_infinite_sums(values: list[float], expected: float) -> None:
    codes = np.zeros(len(values), dtype=np.int64)
    assert same(exact_sums(codes, np.array(values, dtype="float64"), 1)[0], expected)


@pytest.fixture(scope="module")
def connection() -> Any:
    ibis = pytest.importorskip("ibis")
    return ibis.duckdb.connect(threads=2)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.one_of(FLOATS, st.just(math.inf))), max_size=50))
def test_the_engine_partial_sums_give_the_same_totals(
    connection: Any, rows: list[tuple[int, float]]
) -> None:
    frame = pd.DataFrame(
        {
            "g": pd.Series([code for code, _ in rows], dtype="int64"),
            "v": pd.Series([value for _, value in rows], dtype="float64"),
            "_where": pd.Series([True] * len(rows), dtype="bool"),
        }
    )
    with quiet_library():
        table = connection.create_table("sums", frame, overwrite=True)
        found = exact_totals(connection.execute(exact_partials(table, ["g"], "v")), ["g"])
    expected = exact_sums(frame["g"].to_numpy(), frame["v"].to_numpy(), 3)
    for group, total in zip(found["g"], found["numerator"], strict=True):
        assert same(total, expected[group]), (group, total, expected[group])
    assert sorted(found["g"]) == sorted(set(frame["g"]))
