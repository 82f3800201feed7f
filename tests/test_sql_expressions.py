"""Expressions compiled for a query engine give, row for row, what the pandas evaluator gives.

A differential test: hypothesis writes expressions from the language's grammar
over a small table with nulls, NaN, zeros, negative numbers and times around
a daylight saving change; each is evaluated by pandas and run on DuckDB
through Ibis, and the two columns must be equal (null for null).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

ibis = pytest.importorskip("ibis")
pytest.importorskip("duckdb")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sqms.engine.expressions import ExpressionError, evaluate, parse_expression  # noqa: E402
from sqms.engine.sql.dialects import DUCKDB, for_years  # noqa: E402
from sqms.engine.sql.expressions import compile_condition, compile_value  # noqa: E402
from sqms.engine.sql.zones import frame_years  # noqa: E402

pytestmark = [  # Ibis 12 under pandas 3 (see sqms.engine.sql.engine.LIBRARY_NOISE)
    pytest.mark.filterwarnings("ignore:The 'future.infer_string' option is deprecated"),
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated"),
]
ZONE = "Europe/Berlin"
FRAME = pd.DataFrame(
    {
        "n": pd.array([3, -7, 0, None, 12, 2], dtype="Int64"),
        "x": pd.Series([1.5, -2.0, 0.0, np.nan, 4.25, -0.5], dtype="float64"),
        "s": pd.array(["chat", "Phone", None, "email", "chat", "ph"], dtype="string"),
        "b": pd.array([True, False, None, True, False, True], dtype="boolean"),
        "ts": pd.to_datetime(
            [
                "2026-03-29T00:30:00Z",  # 01:30 in Berlin, before the change
                "2026-03-29T01:30:00Z",  # 03:30, after it
                None,
                "2026-10-25T00:59:00Z",
                "2026-12-31T23:30:00Z",  # already next year in Berlin
                "2026-06-01T12:00:00Z",
            ],
            utc=True,
        ),
    }
)


DIALECT = for_years(DUCKDB, frame_years(FRAME))
"""Converting the times of the frame's years only, as the engine does."""


@pytest.fixture(scope="module")
def table() -> Any:
    connection = ibis.duckdb.connect(threads=1)
    return connection, connection.create_table("t", FRAME)


NUMBERS = st.sampled_from(["n", "x", "0", "2", "-3", "2.5", "abs(n)", "coalesce(x, n)"])
TEXTS = st.sampled_from(["s", '"chat"', "lower(s)", "upper(s)", 'coalesce(s, "none")'])


@st.composite
def numbers(draw: Any, depth: int = 0) -> str:
    if depth > 1 or draw(st.booleans()):
        return draw(NUMBERS)
    op = draw(st.sampled_from(["+", "-", "*", "/", "%"]))
    return f"({draw(numbers(depth + 1))} {op} {draw(numbers(depth + 1))})"


@st.composite
def conditions(draw: Any, depth: int = 0) -> str:
    choice = draw(st.integers(0, 7 if depth < 2 else 5))
    if choice == 0:
        op = draw(st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
        return f"{draw(numbers())} {op} {draw(numbers())}"
    if choice == 1:
        op = draw(st.sampled_from(["==", "!=", "<", ">="]))
        return f"{draw(TEXTS)} {op} {draw(TEXTS)}"
    if choice == 2:
        negated = draw(st.sampled_from(["in", "not in"]))
        return f's {negated} ["chat", "email", "x"]'
    if choice == 3:
        what = draw(st.sampled_from(["n", "x", "s", "b", "ts"]))
        return f"{what} is {'not ' if draw(st.booleans()) else ''}null"
    if choice == 4:
        part = draw(st.sampled_from(["year", "month", "weekday", "hour"]))
        return f"{part}(ts) {draw(st.sampled_from(['==', '>=', '<']))} {draw(st.integers(0, 12))}"
    if choice == 5:
        stamp = draw(
            st.sampled_from(['"2026-03-29 02:30"', '"2026-03-29T01:00:00Z"', '"2026-06-01"'])
        )
        return f"ts {draw(st.sampled_from(['<', '>=']))} {stamp}"
    if choice == 6:
        op = draw(st.sampled_from(["and", "or"]))
        return f"({draw(conditions(depth + 1))}) {op} ({draw(conditions(depth + 1))})"
    return f"not ({draw(conditions(depth + 1))})"


def _same(pandas_values: pd.Series, engine_values: pd.Series) -> None:
    assert len(pandas_values) == len(engine_values)
    for mine, theirs in zip(pandas_values.tolist(), engine_values.tolist(), strict=True):
        if mine is pd.NA or mine is None or (isinstance(mine, float) and math.isnan(mine)):
            assert (
                theirs is None
                or theirs is pd.NA
                or (isinstance(theirs, float) and math.isnan(theirs))
            ), (mine, theirs)
        elif isinstance(mine, float) or isinstance(theirs, float):
            assert theirs is not None and math.isclose(
                float(mine), float(theirs), rel_tol=1e-12, abs_tol=1e-12
            ), (mine, theirs)
        else:
            assert mine == theirs, (mine, theirs)


def _run(text: str, table: Any, condition: bool) -> None:
    connection, t = table
    expression = parse_expression(text)
    try:
        expected = evaluate(expression, FRAME, ZONE)
    except ExpressionError:
        return  # a mistake of kinds: the engine path raises the same (tested below)
    compiled = (compile_condition if condition else compile_value)(expression, t, ZONE, DIALECT)
    got = connection.execute(t.select(v=compiled))["v"]
    if condition:
        expected = expected.astype("boolean").fillna(False)
    _same(expected.reset_index(drop=True), got.reset_index(drop=True))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=conditions())
def test_conditions_agree(table: Any, text: str) -> None:
    _run(text, table, condition=True)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=numbers())
def test_numbers_agree(table: Any, text: str) -> None:
    _run(text, table, condition=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("n / 0", [None] * 6),
        ("n % 0", [None] * 6),
        ("n % 2", [1, 1, 0, None, 0, 0]),  # -7 % 2 is 1, the divisor's sign
        ("x % -2", [-0.5, -0.0, 0.0, None, -1.75, -0.5]),
        ("hour(ts)", [1, 3, None, 2, 0, 14]),  # Berlin time, across the change
        ("year(ts)", [2026, 2026, None, 2026, 2027, 2026]),
    ],
)
def test_traps(table: Any, text: str, expected: list[Any]) -> None:
    connection, t = table
    expression = parse_expression(text)
    mine = evaluate(expression, FRAME, ZONE).reset_index(drop=True)
    theirs = connection.execute(t.select(v=compile_value(expression, t, ZONE, DIALECT)))["v"]
    _same(pd.Series(expected, dtype="object"), mine.astype("object"))
    _same(mine, theirs)


def test_a_mistake_reads_the_same_on_the_engine(table: Any) -> None:
    _, t = table
    expression = parse_expression('n > "chat"')
    with pytest.raises(ExpressionError) as pandas_error:
        evaluate(expression, FRAME, ZONE)
    with pytest.raises(ExpressionError) as engine_error:
        compile_condition(expression, t, ZONE, DIALECT)
    assert str(engine_error.value) == str(pandas_error.value)


def test_a_tiny_rest_is_not_rounded_away(table: Any) -> None:
    # ((l % d) + d) % d, the usual SQL spelling, gives 0 for 3.9e-18 % 3: 3 + 3.9e-18 rounds to 3.
    connection, _ = table
    frame = pd.DataFrame({"x": pd.Series([3.9e-18, -3.9e-18, -1e-300, 7.0], dtype="float64")})
    t = connection.create_table("tiny", frame)
    for text in ["x % 3", "x % -3", "x % 3 == 0"]:
        expression = parse_expression(text)
        mine = evaluate(expression, frame, ZONE).reset_index(drop=True)
        theirs = connection.execute(t.select(v=compile_value(expression, t, ZONE, DIALECT)))["v"]
        _same(mine, theirs)
    assert evaluate(parse_expression("x % 3"), frame, ZONE).tolist()[0] == 3.9e-18
