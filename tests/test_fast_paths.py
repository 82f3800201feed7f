"""The fast paths give exactly what the plain way gives: values, dtypes and reported problems.

Each fast path (Arrow's JSON and timestamp parsers, work on categories and
codes, counting by group code) is compared with the straightforward pandas
code it stands in for, on hand-picked edge cases and on random data.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sqms.diagnostics import Report
from sqms.engine.coercion import Where, blank_as_missing, check_rules, coerce_column
from sqms.engine.derive import _look_up, _look_up_each
from sqms.engine.expressions import ExpressionError, evaluate, parse_expression
from sqms.engine.grouping import group_codes
from sqms.engine.measures import MeasureInput, measure_churn, measure_share
from sqms.io.jsonl import read_jsonl_arrow
from sqms.schema.datasets import ColumnSpec, DeriveSpec
from sqms.schema.plan import Indicator

# --- JSON Lines ---------------------------------------------------------------

GOOD_JSONL = {
    "ints with gaps": b'{"n":1,"s":"x"}\n{"n":null,"s":null}\n{"s":"y"}\n',
    "true/false with gaps": b'{"n":true,"s":"x"}\n{"s":"y"}\n{"n":null,"s":"z"}\n',
    "text in a number column": b'{"n":"5","s":"x"}\n{"n":null,"s":"y"}',
    "CR LF": b'{"n":1,"s":"x"}\r\n{"n":2,"s":"y"}\r\n',
    "escapes and non-ASCII": '{"n":1,"s":"客户\\u00e9\\n\\""}\n'.encode(),
    "an empty object": b'{}\n{"n":1,"s":"x"}\n',
}
OTHER_JSONL = {
    "fractions (pandas rounds them its own way)": b'{"n":0.1,"s":"x"}\n',
    "whole numbers and fractions": b'{"n":1,"s":"x"}\n{"n":2.5,"s":"y"}\n',
    "a time in a number column": b'{"n":"2026-01-01T10:00:00","s":"x"}\n',
    "a number in a text column": b'{"n":1,"s":5}\n',
    "a text column never given": b'{"n":1}\n',
    "a text column of nulls": b'{"n":1,"s":null}\n',
    "a number column of nulls": b'{"n":null,"s":"x"}\n{"s":"y"}\n',
    "a blank line": b'{"n":1,"s":"x"}\n\n{"n":2,"s":"y"}\n',
    "a byte-order mark": b'\xef\xbb\xbf{"n":1,"s":"x"}\n',
    "two objects on a line": b'{"n":1,"s":"x"}{"n":2,"s":"y"}\n',
    "an object over two lines": b'{"n":1,\n"s":"x"}\n',
    "indented": b' {"n":1,"s":"x"}\n',
    "a list": b'{"n":[1],"s":"x"}\n',
    "not UTF-8, in a column not read": b'{"n":1,"s":"x","z":"\xff"}\n',
    "beyond 64-bit integers": b'{"n":123456789012345678901,"s":"x"}\n',
    "empty": b"",
    "not an object": b"[1,2]\n",
    "malformed": b'{"n":1,"s":"x"}\n{"n":\n',
}


def _pandas_jsonl(path: Path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_json(path, lines=True, dtype=False, encoding="utf-8")
    return frame[[c for c in columns if c in frame.columns]]


@pytest.mark.parametrize("data", GOOD_JSONL.values(), ids=GOOD_JSONL)
def test_arrow_reads_json_lines_as_pandas_does(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    frame = read_jsonl_arrow(path, ["n", "s"], {"s"})
    assert frame is not None
    pd.testing.assert_frame_equal(frame, _pandas_jsonl(path, ["n", "s"]), check_exact=True)


@pytest.mark.parametrize("data", OTHER_JSONL.values(), ids=OTHER_JSONL)
def test_pandas_reads_what_arrow_might_read_otherwise(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    assert read_jsonl_arrow(path, ["n", "s"], {"s"}) is None


# --- coercion -----------------------------------------------------------------

WHERE = Where("data/t.csv", 1)


def _coerced(values: list[str | None], spec: ColumnSpec, dtype: str) -> tuple[pd.Series, list[str]]:
    """The column coerced and checked from text held as ``dtype``, and the problems reported."""
    report = Report()
    text = blank_as_missing(pd.Series(values, dtype=dtype))
    converted = coerce_column(text, spec, "Asia/Shanghai", WHERE, report, "c")
    check_rules(converted, text, spec, WHERE, report, "c")
    return converted, [d.format() for d in report.errors]


TIMES = [
    "2026-01-05 03:04:05", "2026-01-05T23:59:59", "0001-01-01 00:00:00", "2026-02-30 10:00:00",
    "2026-01-05 23:59:60", "2026-01-05 24:00:00", "2026-1-5 03:04:05", " 2026-01-05 03:04:05",
    "2026-01-05  03:04:05", "2026-01-05 03:04", "2026-01-05 03:04:05.5", "2026-01-05",
    "2026-03-08 02:30:00", "2026-01-05 03:04:05Z", "2026-01-05 03:04:0x",
    "2026-01-05 03:04:05.123456789",
]  # fmt: skip


@given(st.lists(st.sampled_from([*TIMES, None, "", "  "]), max_size=12))
@settings(max_examples=150, deadline=None)
def test_arrow_timestamps_are_pandas_iso_8601(values: list[str | None]) -> None:
    spec = ColumnSpec(type="datetime", timezone="America/New_York")
    outcomes: list[tuple[pd.Series, list[str]] | str] = []
    for dtype in ("str", "object"):  # Arrow-backed text, and text pandas parses
        try:
            outcomes.append(_coerced(values, spec, dtype))
        except ValueError as exc:  # pandas refuses times with and without a zone mixed
            outcomes.append(str(exc))
    fast, plain = outcomes
    if isinstance(fast, tuple) and isinstance(plain, tuple):
        pd.testing.assert_series_equal(fast[0], plain[0], check_exact=True)
        assert fast[1] == plain[1]
    else:
        assert fast == plain


@given(st.lists(st.sampled_from(["chat", "email", "fax", "", " ", "Chat", None]), max_size=12))
@settings(max_examples=100, deadline=None)
def test_categories_by_code_are_the_declared_values(values: list[str | None]) -> None:
    spec = ColumnSpec(type="category", values=["email", "chat", "web"], required=True)
    fast, problems = _coerced(values, spec, "str")
    text = blank_as_missing(pd.Series(values, dtype="object")).astype("str")
    dtype = pd.CategoricalDtype(["email", "chat", "web"])
    pd.testing.assert_series_equal(fast, text.where(text.isin(dtype.categories)).astype(dtype))
    _, plain_problems = _coerced(values, spec, "object")
    assert problems == plain_problems


@given(st.lists(st.sampled_from(["A1", "A2", "B1", "b1", "", None]), max_size=10), st.booleans())
@settings(max_examples=100, deadline=None)
def test_sorted_keys_shortcut_finds_the_same_duplicates(
    values: list[str | None], ordered: bool
) -> None:
    if ordered:
        values = sorted({v for v in values if v})
    spec = ColumnSpec(type="string", unique=True, required=True)
    assert _coerced(values, spec, "str")[1] == _coerced(values, spec, "object")[1]


def test_blank_text_is_missing_on_either_storage() -> None:
    values = ["a", "", " ", "\u3000", "\t\n", " b ", None, "\u00a0x"]
    fast = blank_as_missing(pd.Series(values, dtype="str"))
    plain = blank_as_missing(pd.Series(values, dtype="object"))
    assert fast.isna().tolist() == plain.isna().tolist()
    assert fast.dropna().tolist() == plain.dropna().tolist() == ["a", " b ", "\u00a0x"]


# --- derived look-ups and expressions on categories ---------------------------

CATEGORIES = ["a", "b", "B", "1", "True", ""]
LOOKUP_VALUES = st.one_of(st.integers(-3, 90), st.sampled_from([2.5, "x", "y", True]))


@given(
    st.dictionaries(st.sampled_from([*CATEGORIES, 1, True]), LOOKUP_VALUES, min_size=1),
    st.sampled_from([None, 5, 1.5, "z"]),
    st.lists(st.sampled_from([*CATEGORIES, None]), max_size=15),
)
@settings(max_examples=200, deadline=None)
def test_look_up_by_category_is_the_look_up_of_every_row(
    values: dict[str | int | bool, float | int | str],
    default: float | int | str | None,
    data: list[str | None],
) -> None:
    derive = DeriveSpec(map="c", values=values, default=default)
    source = pd.Series(pd.Categorical(data, categories=CATEGORIES), name="c")
    outcomes = []
    for look_up in (_look_up, _look_up_each):
        try:
            outcomes.append(look_up(source, derive))
        except (TypeError, ValueError) as exc:
            outcomes.append(type(exc))
    if isinstance(outcomes[0], pd.Series) and isinstance(outcomes[1], pd.Series):
        pd.testing.assert_series_equal(outcomes[0], outcomes[1], check_exact=True)
    else:
        assert outcomes[0] == outcomes[1]


CONDITIONS = [
    'x == "a"', 'x != "b"', '"B" < x', 'x >= "a"', 'x == ""', 'x == "zz"', "x == 1",
    'x in ["a", "B"]', 'x not in ["b"]', 'x in ["a", "zz"]', 'not (x == "a") or y > 2',
    'x == "a" and x is not null', 'lower(x) == "b"',
]  # fmt: skip


@given(st.lists(st.sampled_from([*CATEGORIES, None]), max_size=15))
@settings(max_examples=60, deadline=None)
def test_conditions_on_categories_are_conditions_on_their_text(data: list[str | None]) -> None:
    coded = pd.DataFrame(
        {"x": pd.Categorical(data, categories=CATEGORIES), "y": np.arange(len(data), dtype=float)}
    )
    text = coded.assign(x=coded["x"].astype("str").astype("string"))
    for source in CONDITIONS:
        expression = parse_expression(source)
        outcomes = []
        for frame in (coded, text):
            try:
                outcomes.append(evaluate(expression, frame, "UTC"))
            except ExpressionError as exc:
                outcomes.append((exc.message, exc.offset))
        if isinstance(outcomes[0], pd.Series) and isinstance(outcomes[1], pd.Series):
            pd.testing.assert_series_equal(outcomes[0], outcomes[1], check_exact=True)
        else:
            assert outcomes[0] == outcomes[1], source


# --- measures -------------------------------------------------------------------


def _churn_per_period(inp: MeasureInput, periods: pd.PeriodIndex) -> pd.DataFrame:
    """Churn the plain way: every row tested against every period, a group-by per period."""
    start = inp.frame["start"].dt.normalize()
    end = inp.frame["end"].dt.normalize()
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
        grouped = table.groupby(["_period", *dims], observed=True, sort=True, dropna=True)
        parts.append(grouped[["numerator", "denominator"]].sum())
    return pd.concat(parts)


@given(st.integers(0, 40), st.sampled_from(["month", "quarter", "week"]), st.integers(0, 10**6))
@settings(max_examples=80, deadline=None)
def test_churn_counted_at_once_is_churn_per_period(rows: int, period: str, seed: int) -> None:
    rng = random.Random(seed)
    days = [dt.date(2025, 10, 1) + dt.timedelta(days=d) for d in range(300)]
    frame = pd.DataFrame(
        {
            "start": pd.Series([rng.choice([*days, None]) for _ in range(rows)], dtype="datetime64[s]"),
            "end": pd.Series([rng.choice([*days, None, None]) for _ in range(rows)], dtype="datetime64[s]"),
            "segment": pd.Categorical(
                [rng.choice(["small", "large", None]) for _ in range(rows)], categories=["small", "large", "unused"]
            ),
        }
    )  # fmt: skip
    where = pd.Series([rng.random() < 0.9 for _ in range(rows)], dtype=bool)
    freq = {"month": "M", "quarter": "Q-DEC", "week": "W-SUN"}[period]
    periods = pd.period_range("2025-12-01", "2026-05-31", freq=freq)
    spec = Indicator.model_validate(
        {"name": "t", "family": "quality", "dataset": "d", "measure": "churn", "start": "start", "end": "end"}
    )  # fmt: skip
    for dims in ([], ["segment"]):
        groups = frame[dims].assign(_period=pd.Series(pd.NaT, index=frame.index))
        inp = MeasureInput(spec, frame, groups, ["_period", *dims], where, where)
        fast = measure_churn(inp, periods)[["numerator", "denominator"]]
        expected = _churn_per_period(inp, periods)
        assert fast.to_numpy().tolist() == expected.to_numpy().tolist()
        assert fast.index.to_list() == expected.index.to_list()


@given(st.integers(0, 60), st.integers(0, 10**6))
@settings(max_examples=60, deadline=None)
def test_counts_by_group_code_are_group_by_sums(rows: int, seed: int) -> None:
    rng = random.Random(seed)
    months = [pd.Period("2026-01", "M"), pd.Period("2026-02", "M"), pd.NaT]
    frame = pd.DataFrame(
        {
            "_period": pd.Series([rng.choice(months) for _ in range(rows)], dtype="period[M]"),
            "team": pd.Categorical([rng.choice(["b", "a", None]) for _ in range(rows)], categories=["b", "a", "c"]),
        }
    )  # fmt: skip
    where = pd.Series([rng.random() < 0.5 for _ in range(rows)], dtype=bool)
    among = pd.Series([rng.random() < 0.7 for _ in range(rows)], dtype=bool)
    spec = Indicator.model_validate(
        {"name": "t", "family": "quality", "dataset": "d", "measure": "share", "where": "x"}
    )
    for keys in (["_period"], ["_period", "team"]):
        inp = MeasureInput(spec, frame, frame, keys, where, among, {}, group_codes(frame, keys))
        counted = measure_share(inp)
        table = frame[keys].assign(
            numerator=(where & among).astype("int64"), denominator=among.astype("int64")
        )
        expected = table.groupby(keys, observed=True, sort=True, dropna=True).sum()  # fmt: skip
        pd.testing.assert_frame_equal(counted[["numerator", "denominator"]], expected)
