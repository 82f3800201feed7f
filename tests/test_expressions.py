"""Tests for the whitelisted expression language of indicator definitions."""

from __future__ import annotations

import ast
import builtins
import operator
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sqms.engine import expressions
from sqms.engine.expressions import (
    MAX_DEPTH,
    MAX_LENGTH,
    Expression,
    ExpressionError,
    check_condition,
    evaluate,
    evaluate_condition,
    parse_expression,
    unknown_columns,
)
from sqms.i18n import nt, t, use_language
from sqms.i18n.catalogs import known_ids


def _frame() -> pd.DataFrame:
    """Four rows covering every kind, with a null in row 3 of most columns.

    The index is deliberately not 0..n-1: results must align with it.
    """
    frame = pd.DataFrame(
        {
            "n": pd.array([1, 2, None, 4], dtype="Int64"),
            "x": np.array([0.5, np.nan, 2.5, -1.0], dtype="float64"),
            "s": pd.array(["Chat", "phone", None, "email"], dtype="str"),
            "when": pd.to_datetime(
                ["2026-01-01 08:30", "2026-01-01 23:30", "NaT", "2026-03-02 12:00"], utc=True
            ),
            "flag": pd.array([True, False, None, True], dtype="boolean"),
            "b": np.array([True, False, True, False], dtype=bool),
            "empty": np.array([None, None, None, None], dtype=object),
        }
    )
    return frame.set_axis([10, 11, 12, 13])


FRAME = _frame()


def values(source: str, frame: pd.DataFrame = FRAME, timezone: str = "UTC") -> list[Any]:
    """The evaluated values as plain Python, nulls as None."""
    result = evaluate(parse_expression(source), frame, timezone)
    assert list(result.index) == list(frame.index)
    return [None if pd.isna(value) else value for value in result.tolist()]


def rows(source: str, frame: pd.DataFrame = FRAME, timezone: str = "UTC") -> list[bool]:
    """The selected rows as a list of booleans."""
    result = evaluate_condition(parse_expression(source), frame, timezone)
    assert result.dtype == bool
    assert list(result.index) == list(frame.index)
    return result.tolist()


def refused(source: str) -> ExpressionError:
    """The error parsing ``source`` raises."""
    with pytest.raises(ExpressionError) as info:
        parse_expression(source)
    return info.value


def failing(source: str, frame: pd.DataFrame = FRAME, timezone: str = "UTC") -> ExpressionError:
    """The error evaluating ``source`` raises."""
    expression = parse_expression(source)
    with pytest.raises(ExpressionError) as info:
        evaluate_condition(expression, frame, timezone)
    return info.value


# --- parsing -----------------------------------------------------------------


def test_parse_records_source_and_columns() -> None:
    expression = parse_expression('first_response_h <= 4 and channel in ["chat", "phone"]')
    assert isinstance(expression, Expression)
    assert expression.source == 'first_response_h <= 4 and channel in ["chat", "phone"]'
    assert expression.columns == frozenset({"first_response_h", "channel"})


def test_parse_ignores_line_breaks_and_indentation() -> None:
    source = '\n  first_response_h <= 4\n  and status != "cancelled"\n'
    assert parse_expression(source).columns == frozenset({"first_response_h", "status"})


def test_constants_are_not_columns() -> None:
    assert parse_expression("x is not null and true and not False").columns == {"x"}


def test_unknown_columns_are_sorted_and_exclude_available() -> None:
    expression = parse_expression("zeta > 1 and alpha < 2 and n == 3 and zeta < 9")
    assert unknown_columns(expression, ["n", "other"]) == ["alpha", "zeta"]
    assert unknown_columns(expression, iter(["alpha", "n", "zeta"])) == []


def test_unicode_column_names_and_offsets_in_characters() -> None:
    frame = pd.DataFrame({"渠道": pd.array(["电话", "聊天"], dtype="str")})
    assert values('渠道 == "聊天"', frame) == [False, True]
    error = refused('渠道 == "电话" or 时长.x')
    assert error.offset == '渠道 == "电话" or 时长.x'.index("时长")


# --- operators, value by value -----------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # comparisons, with null in -> null out
        ("n == 2", [False, True, None, False]),
        ("n != 2", [True, False, None, True]),
        ("n < 2", [True, False, None, False]),
        ("n <= 2", [True, True, None, False]),
        ("n > 2", [False, False, None, True]),
        ("n >= 2", [False, True, None, True]),
        ("1 <= n < 4", [True, True, None, False]),
        ("0 < x <= n", [True, None, None, False]),
        ('s == "phone"', [False, True, None, False]),
        ('s < "d"', [True, False, None, False]),
        ("flag == true", [True, False, None, True]),
        ("b != False", [True, False, True, False]),
        # membership
        ('s in ["Chat", "email"]', [True, False, None, True]),
        ('s not in ["Chat"]', [False, True, None, True]),
        ("n in [1, 4.0, -3]", [True, False, None, True]),
        ("n in []", [False, False, None, False]),
        ("flag in [false]", [False, True, None, False]),
        # null tests are never null
        ("n is null", [False, False, True, False]),
        ("s is not null", [True, True, False, True]),
        ("when is None", [False, False, True, False]),
        ("empty is null", [True, True, True, True]),
        # logic, three-valued
        ("flag and b", [True, False, None, False]),
        ("flag or b", [True, False, True, True]),
        ("not flag", [False, True, None, False]),
        ("not (n > 1)", [True, False, None, False]),
        ("n > 1 and s is not null and x < 0", [False, None, False, True]),
        ("n > 3 or x > 2", [False, None, True, True]),
        # arithmetic
        ("n + 1", [2, 3, None, 5]),
        ("n - x", [0.5, None, None, 5.0]),
        ("n * 2", [2, 4, None, 8]),
        ("n / 2", [0.5, 1.0, None, 2.0]),
        ("n % 3", [1, 2, None, 1]),
        ("-n", [-1, -2, None, -4]),
        ("-x + 1", [0.5, None, -1.5, 2.0]),
        ("(n + 1) * 2", [4, 6, None, 10]),
        ("n + 1 * 2", [3, 4, None, 6]),
        ("-7 % 3", [2, 2, 2, 2]),
        ("n / (n - 2)", [-1.0, None, None, 2.0]),  # division by zero gives null
        ("n % (n - 2)", [0, None, None, 0]),
        ("1 + 2", [3, 3, 3, 3]),  # no column: broadcast
        ('"text"', ["text", "text", "text", "text"]),
        # functions
        ("abs(x)", [0.5, None, 2.5, 1.0]),
        ("abs(n - 3)", [2, 1, None, 1]),
        ("coalesce(n, x, 0)", [1.0, 2.0, 2.5, 4.0]),
        ("coalesce(n, 0)", [1, 2, 0, 4]),
        ('coalesce(s, "none")', ["Chat", "phone", "none", "email"]),
        ("coalesce(flag, b)", [True, False, True, True]),
        ("coalesce(empty, n)", [1, 2, None, 4]),
        ("coalesce(empty, empty)", [None, None, None, None]),
        ('coalesce(when, "2026-06-30") >= "2026-03-01"', [False, False, True, True]),
        ("lower(s)", ["chat", "phone", None, "email"]),
        ("upper(s)", ["CHAT", "PHONE", None, "EMAIL"]),
        ('contains(s, "a")', [True, False, None, True]),
        ('contains(s, "C")', [True, False, None, False]),
        ('contains(s, ".")', [False, False, None, False]),  # plain text, not a regex
        ('contains(lower(s), "c")', [True, False, None, False]),
        ('startswith(s, "ph")', [False, True, None, False]),
        ("year(when)", [2026, 2026, None, 2026]),
        ("month(when)", [1, 1, None, 3]),
        ("weekday(when)", [3, 3, None, 0]),  # 2026-01-01 is a Thursday; 0 = Monday
        ("hour(when)", [8, 23, None, 12]),
        # nulls-only columns fit anywhere and give null
        ("empty == 1", [None, None, None, None]),
        ("empty + 1", [None, None, None, None]),
        ('empty in ["a"]', [None, None, None, None]),
        ("lower(empty)", [None, None, None, None]),
        ("not empty", [None, None, None, None]),
    ],
)
def test_evaluate(source: str, expected: list[Any]) -> None:
    assert values(source) == expected


@pytest.mark.parametrize(
    ("source", "dtype"),
    [("n > 1", "boolean"), ("n + 1", "Int64"), ("n / 1", "Float64"), ("lower(s)", "string")],
)
def test_evaluate_dtypes_are_nullable(source: str, dtype: str) -> None:
    assert evaluate(parse_expression(source), FRAME).dtype == dtype


# --- conditions and null semantics -------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("n > 1", [False, True, False, True]),
        ("not (n > 1)", [True, False, False, False]),  # null stays unknown, so not selected
        ("n <= 1 or n is null", [True, False, True, False]),
        ("flag", [True, False, False, True]),
        ("b", [True, False, True, False]),
        ("not flag", [False, True, False, False]),
        ("true", [True, True, True, True]),
        ("false or n == 4", [False, False, False, True]),
        ("empty", [False, False, False, False]),
        ("x != 0.5", [False, False, True, True]),  # null is not "different"
        ("flag or true", [True, True, True, True]),  # Kleene: null or true is true
        ("flag and false", [False, False, False, False]),
    ],
)
def test_evaluate_condition(source: str, expected: list[bool]) -> None:
    assert rows(source) == expected


@pytest.mark.parametrize("source", ["n + 1", "lower(s)", '"text"', "1", "year(when)", "-n"])
def test_condition_is_checked_from_the_tree(source: str) -> None:
    expression = parse_expression(source)
    with pytest.raises(ExpressionError, match="not a condition"):
        check_condition(expression)
    with pytest.raises(ExpressionError, match="not a condition"):
        evaluate_condition(expression, FRAME)


@pytest.mark.parametrize(("source", "kind"), [("n", "a number"), ("s", "text")])
def test_condition_of_a_column_is_checked_with_data(source: str, kind: str) -> None:
    check_condition(parse_expression(source))  # unknown before data
    assert kind in failing(source).message


def test_condition_on_an_empty_frame() -> None:
    empty = FRAME.iloc[0:0]
    assert rows("n > 1 and contains(s, 'a')", empty) == []
    assert values("n + 1", empty) == []


def test_duplicated_index_is_kept() -> None:
    frame = FRAME.set_axis([1, 1, 2, 2])
    result = evaluate_condition(parse_expression("n > 1"), frame)
    assert list(result.index) == [1, 1, 2, 2]
    assert result.tolist() == [False, True, False, True]


# --- input dtypes ------------------------------------------------------------


def test_object_and_legacy_dtypes_are_normalised() -> None:
    frame = pd.DataFrame(
        {
            "text": np.array(["a", None, "b"], dtype=object),
            "flags": np.array([True, None, False], dtype=object),
            "ints": np.array([1, None, 3], dtype=object),
            "mixed": np.array([1, 2.5, None], dtype=object),
            "cat": pd.Categorical(["x", None, "y"]),
            "naive": pd.to_datetime(["2026-01-01 10:00", "NaT", "2026-01-02 10:00"]),
            "small": np.array([1, 2, 3], dtype="int8"),
            "f32": np.array([0.5, np.nan, 1.5], dtype="float32"),
        }
    )
    assert values('text == "a"', frame) == [True, None, False]
    assert values("not flags", frame) == [False, None, True]
    assert values("ints + 1", frame) == [2, None, 4]
    assert values("mixed * 2", frame) == [2.0, 5.0, None]
    assert values('cat in ["y"]', frame) == [False, None, True]
    assert values('naive < "2026-01-02"', frame) == [True, None, False]  # naive is UTC
    assert values("small * f32", frame) == [0.5, None, 4.5]


def test_unusable_column_type_is_reported_but_null_test_works() -> None:
    frame = pd.DataFrame({"d": pd.to_timedelta(["1h", None])})
    assert values("d is null", frame) == [False, True]
    assert "timedelta64" in failing("d > 1", frame).message


def test_duplicate_column_in_frame() -> None:
    frame = pd.DataFrame([[1, 2]], columns=["a", "a"])
    assert "more than once" in failing("a > 1", frame).message


# --- dates and time zones ----------------------------------------------------


def test_date_literal_is_read_in_the_evaluation_time_zone() -> None:
    # 2026-01-02 00:00 in Shanghai is 2026-01-01 16:00 UTC.
    assert values('when >= "2026-01-02"', timezone="UTC") == [False, False, None, True]
    assert values('when >= "2026-01-02"', timezone="Asia/Shanghai") == [False, True, None, True]
    assert values('"2026-01-01 16:31" > when', timezone="Asia/Shanghai") == [
        True,
        False,
        None,
        False,
    ]


def test_date_literal_forms() -> None:
    assert values('when == "2026-01-01 08:30"') == [True, False, None, False]
    assert values('when == "2026-01-01T08:30:00"') == [True, False, None, False]
    assert values('when == "2026-01-01 09:30+01:00"') == [True, False, None, False]
    assert values('when == "2026-01-01T08:30:00Z"', timezone="Asia/Shanghai")[0] is True
    assert values('when in ["2026-03-02 13:00"]', timezone="Europe/Paris") == [
        False,
        False,
        None,
        True,
    ]


def test_date_parts_in_the_evaluation_time_zone() -> None:
    # 23:30 UTC on Thursday 1 January is 07:30 on Friday 2 January in Shanghai.
    assert values("hour(when)", timezone="Asia/Shanghai") == [16, 7, None, 20]
    assert values("weekday(when)", timezone="Asia/Shanghai") == [3, 4, None, 0]
    # 08:30 UTC on 1 January is still 31 December in Honolulu.
    assert values("month(when)", timezone="Pacific/Honolulu") == [12, 1, None, 3]
    assert values("year(when)", timezone="Pacific/Honolulu") == [2025, 2026, None, 2026]


@pytest.mark.parametrize("literal", ["2026-13-01", "yesterday", "now", "2026-02-30", "01/02/2026"])
def test_bad_date_literal(literal: str) -> None:
    error = failing(f'when > "{literal}"')
    assert literal in error.message and "YYYY-MM-DD" in error.message
    assert error.offset == len("when > ")


def test_local_time_skipped_by_daylight_saving() -> None:
    error = failing('when > "2026-03-29 02:30"', timezone="Europe/Paris")
    assert "Europe/Paris" in error.message


def test_unknown_time_zone() -> None:
    assert "Mars/Olympus" in failing("n > 1", timezone="Mars/Olympus").message


def test_datetime_arithmetic_is_refused_with_a_hint() -> None:
    error = failing("when - when > 1")
    assert "duration column" in error.message


# --- type errors -------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("s > 1", "cannot compare text with a number"),
        ("n == s", "cannot compare a number with text"),
        ("when > s", "cannot compare a date/time with text"),
        ("when > 1", "cannot compare a date/time with a number"),
        ("flag < b", "only be compared with"),
        ("s + 1 > 0", '"+" needs a number, got text'),
        ("not n", '"not" needs a condition'),
        ("n and b", '"and" needs a condition'),
        ("lower(n) == 'a'", '"lower()" needs text, got a number'),
        ("year(s) > 1", '"year()" needs a date/time, got text'),
        ("abs(s) > 1", '"abs()" needs a number'),
        ("coalesce(n, s) == 1", "coalesce() arguments must all be of one type"),
        ("n in ['a']", "cannot compare a number with text"),
        ("flag in [1]", "cannot compare a condition"),
    ],
)
def test_type_errors_at_evaluation(source: str, words: str) -> None:
    assert words in failing(source).message


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ('"a" < 1', "cannot compare text with a number"),
        ('"a" + 1', '"+" needs a number, got text'),
        ("true + 1", '"+" needs a number, got a condition'),
        ("not 1", '"not" needs a condition'),
        ("1 and x", '"and" needs a condition'),
        ("-'a'", '"-" needs a number'),
        ("lower(1)", '"lower()" needs text'),
        ("year('2026-01-01')", '"year()" needs a date/time'),
        ("coalesce(1, 'a')", "coalesce() arguments must all be of one type"),
        ("true < false", "only be compared with"),
        ("x in [1, 'a']", "same type"),
        ("'a' in [1]", "cannot compare text with a number"),
    ],
)
def test_type_errors_found_without_data(source: str, words: str) -> None:
    assert words in refused(source).message


def test_unknown_column_at_evaluation_points_at_first_use() -> None:
    error = failing(
        "n > 1 and chanel == 'chat' and chanel != 'x'", FRAME.rename(columns={"s": "channel"})
    )
    assert 'unknown column "chanel"' in error.message
    assert 'did you mean "channel"' in error.message
    assert error.offset == len("n > 1 and ")


# --- syntax and language errors ----------------------------------------------


@pytest.mark.parametrize(
    ("source", "words", "offset"),
    [
        ("", "empty", 0),
        ("   \n ", "empty", 0),
        ("x > 1 or", "invalid expression", None),
        ("x = 1", 'use "=="', 2),
        ("  x = 1", 'use "=="', 4),
        ("x >", "invalid expression", None),
        ("x $ 1", "invalid expression", 2),
        ("'abc", "invalid expression", 0),
        ("x > 1 # and y", "comments", 6),
        ("x == null", "is null", 5),
        ("null is null", "is null", 0),
        ("x in [1, null]", "is null", 9),
        ("x is 1", '"is" can only be followed by null', 5),
        ("x is not true", '"is" can only be followed by null', 9),
        ("x in y", "needs a list in square brackets", 5),
        ("x in (1, 2)", "needs a list in square brackets", 5),
        ("x in [y]", "literal values", 6),
        ("x == [1]", 'can only follow "in"', 5),
        ("1 < x in [1]", "cannot be chained", 0),
        ("x is null is null", "cannot be chained", 0),
        ("lower(s, 'a')", "takes 1 argument, got 2", 0),
        ("contains(s)", "takes 2 arguments, got 1", 0),
        ("coalesce(x)", "at least 2 arguments", 0),
        ("contains(s, t)", "quoted text as argument 2", 12),
        ("99999999999999999999 > x", "out of range", 0),
        ("x > 1e999", "1e999 is out of range", 4),
        ("x > b'1'", "literal b'1'", 4),
        ("x > 1j", "literal 1j", 4),
        ("x > ...", "literal Ellipsis", 4),
        ("x ** 2 > 1", '"**"', 0),
        ("x // 2 > 1", '"//"', 0),
        ("a & b", 'use "and"', 0),
        ("a | b", 'use "or"', 0),
        ("~a", 'use "not"', 0),
        ("a ^ b", '"^"', 0),
        ("x << 1", '"<<"', 0),
        ("+x > 1", '"+"', 0),
        ("x if y else z", "conditional expressions", 0),
        ("{'a': 1}", "dictionaries", 0),
        ("{1, 2}", "sets", 0),
        ("(1, 2)", "tuples", 0),
    ],
)
def test_language_errors(source: str, words: str, offset: int | None) -> None:
    error = refused(source)
    assert words in error.message
    assert error.offset == offset
    assert str(error) == error.message


def test_error_messages_are_translated() -> None:
    with use_language("zh"):
        assert refused("x.y").message == "表达式中不允许使用属性访问（“.y”）"
        assert failing("s > 1").message == "无法比较文本与数字"
        assert "夏令时" in failing('when > "2026-03-29 02:30"', timezone="Europe/Paris").message


def _package_sources() -> dict[str, str]:
    """The source of every module of the expressions package, by file name."""
    package = Path(expressions.__file__).parent
    sources = {
        path.relative_to(package).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(package.rglob("*.py"))
    }
    assert {"__init__.py", "parse.py", "evaluation.py"} <= sources.keys(), sorted(sources)
    return sources


def test_every_message_key_exists_in_both_languages() -> None:
    source = "\n".join(_package_sources().values())
    keys = set(re.findall(r'"(expr\.[a-z_.]+)"', source))
    keys |= {f"expr.kind.{kind.value}" for kind in expressions._Kind}
    keys |= {"schema.did_you_mean"}
    assert len(keys) > 40
    assert keys <= known_ids(), sorted(keys - known_ids())
    plural = {"expr.arity"}
    english = {}
    for language in ("en", "zh"):
        with use_language(language):
            for key in keys:
                text = nt(key, 2, name="f", expected=2, got=3) if key in plural else t(key)
                assert text and text != key, (language, key)
                if language == "en":
                    english[key] = text
                elif any(char.isalpha() for char in english[key]):
                    assert text != english[key], ("untranslated", key)


# --- security ----------------------------------------------------------------

HOSTILE = [
    ("x.__class__", "attribute access"),
    ("x.real", "attribute access"),
    ("__import__('os').system('echo pwned')", "attribute access"),
    ("__import__('os')", "double underscore"),
    ("__builtins__", "double underscore"),
    ("x == __name__", "double underscore"),
    ("().__class__.__bases__[0].__subclasses__()", "attribute access"),
    ("[c for c in ().__class__.__base__.__subclasses__()]", "comprehensions"),
    ("(c for c in [1])", "comprehensions"),
    ("{k: 1 for k in [1]}", "comprehensions"),
    ("{k for k in [1]}", "comprehensions"),
    ("lambda: __import__('os')", "lambda"),
    ("(lambda f: f(f))(lambda f: f(f))", "only the listed functions"),
    ("f'{x.__class__}'", "f-strings"),
    ("f'{x}' == 'a'", "f-strings"),
    ("(x := 1)", "assignments"),
    ("x[0]", "subscripts"),
    ("x[1:2]", "subscripts"),
    ("'abc'[0] == 'a'", "subscripts"),
    ("eval('1')", 'unknown function "eval"'),
    ("exec('import os')", 'unknown function "exec"'),
    ("compile('1', 'f', 'eval')", 'unknown function "compile"'),
    ("open('/etc/passwd')", 'unknown function "open"'),
    ("getattr(x, 'y')", 'unknown function "getattr"'),
    ("globals()", 'unknown function "globals"'),
    ("lower.__call__(x)", "attribute access"),
    ("abs(x)(1)", "only the listed functions"),
    ("lower(s=x)", "keyword arguments"),
    ("coalesce(*x)", "unpacking"),
    ("coalesce(**x)", "keyword arguments"),
    ("await x", "await"),
    ("(yield x)", "await and yield"),
    ("x if x else x.__class__", "conditional expressions"),
    ("import os", "invalid expression"),
    ("x; import os", "invalid expression"),
    ("x\nimport os", "invalid expression"),
    ("x\x00", "invalid expression"),
    ("9**9**9**9", '"**"'),
    ("1" + " + 1" * 60, "nested too deeply"),
    ("-" * 1999 + "1", "nested too deeply"),
    ("not " * 450 + "x", "nested too deeply"),
    ("(" * 500 + "x" + ")" * 500, "invalid expression"),
    ("[" * 300 + "]" * 300, "invalid expression"),
    ("x " + "and x " * 400, "too long"),
    ("x" * (MAX_LENGTH + 1), "too long"),
]


@pytest.mark.parametrize(("source", "words"), HOSTILE)
def test_hostile_input_is_refused(source: str, words: str) -> None:
    error = refused(source)
    assert words in error.message, error.message
    assert error.offset is None or 0 <= error.offset <= len(source)


def test_depth_limit_is_generous_enough_for_real_conditions() -> None:
    flat = " and ".join(f"c{i} > {i}" for i in range(100))  # a long but flat condition
    assert len(parse_expression(flat).columns) == 100
    nested = "(" * (MAX_DEPTH // 2 - 2) + "x > 1" + ")" * (MAX_DEPTH // 2 - 2)
    parse_expression(nested)


def test_evaluation_never_runs_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No eval/exec, and compile only ever builds a syntax tree; no file appears."""
    marker = tmp_path / "pwned"
    compiled: list[int] = []
    real_compile = builtins.compile

    def only_ast(
        source: Any, filename: Any, mode: str, flags: int = 0, *args: Any, **kw: Any
    ) -> Any:
        compiled.append(flags)
        assert flags & ast.PyCF_ONLY_AST, "source compiled to code"
        return real_compile(source, filename, mode, flags, *args, **kw)

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("code was executed")

    monkeypatch.setattr(builtins, "compile", only_ast)
    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    monkeypatch.chdir(tmp_path)
    attempts = [
        f"__import__('os').system('touch {marker}')",
        f"open('{marker}', 'w').write('x')",
        f"[open('{marker}', 'w') for _ in [1]]",
        "pwned.write('x')",
        "(lambda: open('pwned', 'w'))()",
    ]
    for source in attempts:
        with pytest.raises(ExpressionError):
            parse_expression(source)
    frame = pd.DataFrame({"pwned": pd.array(["x"], dtype="str")})
    assert rows("pwned == 'pwned' and lower(pwned) in ['x']", frame) == [False]
    assert not marker.exists() and not (tmp_path / "pwned").exists()
    assert compiled  # the tree was built with compile(..., PyCF_ONLY_AST)


def test_module_never_calls_eval_exec_or_compile() -> None:
    for name, source in _package_sources().items():
        tree = ast.parse(source, name)
        called = {
            node.func.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert not called & {"eval", "exec", "compile", "__import__", "setattr"}, name
        # getattr only reads fixed attributes of syntax nodes, never a name from the source.
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "getattr":
                assert isinstance(node.args[1], ast.Constant), name


# --- properties --------------------------------------------------------------

_OPERATORS = ["+", "-", "*", "/", "%"]


def _arithmetic() -> st.SearchStrategy[Any]:
    """Random arithmetic trees over small integers and the columns a and b."""
    leaves = st.one_of(st.integers(-20, 20), st.sampled_from(["a", "b"]))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.tuples(st.sampled_from(_OPERATORS), inner, inner),
            st.tuples(st.just("neg"), inner),
        ),
        max_leaves=6,
    )


def _render(tree: Any) -> str:
    if isinstance(tree, int):
        return f"({tree})"
    if isinstance(tree, str):
        return tree
    if tree[0] == "neg":
        return f"-({_render(tree[1])})"
    return f"({_render(tree[1])} {tree[0]} {_render(tree[2])})"


def _reference(tree: Any, row: dict[str, int | None]) -> float | None:
    """Python's own arithmetic, with SQL nulls and null for division by zero."""
    if isinstance(tree, int):
        return tree
    if isinstance(tree, str):
        return row[tree]
    if tree[0] == "neg":
        operand = _reference(tree[1], row)
        return None if operand is None else -operand
    left, right = _reference(tree[1], row), _reference(tree[2], row)
    if left is None or right is None:
        return None
    if tree[0] in ("/", "%") and right == 0:
        return None
    operations: dict[str, Callable[[float, float], float]] = {
        "+": operator.add,
        "-": operator.sub,
        "*": operator.mul,
        "/": operator.truediv,
        "%": operator.mod,
    }
    return operations[tree[0]](left, right)


_cells = st.one_of(st.none(), st.integers(-20, 20))


@settings(max_examples=60, deadline=None)
@given(
    tree=_arithmetic(),
    a=st.lists(_cells, min_size=3, max_size=3),
    b=st.lists(_cells, min_size=3, max_size=3),
)
def test_arithmetic_matches_python(tree: Any, a: list[int | None], b: list[int | None]) -> None:
    frame = pd.DataFrame({"a": pd.array(a, dtype="Int64"), "b": pd.array(b, dtype="Int64")})
    got = values(_render(tree), frame)
    expected = [_reference(tree, {"a": p, "b": q}) for p, q in zip(a, b, strict=True)]
    for value, reference in zip(got, expected, strict=True):
        if reference is None:
            assert value is None
        else:
            assert value == pytest.approx(reference, rel=1e-9, abs=1e-9)


def _kleene_and(p: bool | None, q: bool | None) -> bool | None:
    if p is False or q is False:
        return False
    return None if p is None or q is None else True


def _kleene_or(p: bool | None, q: bool | None) -> bool | None:
    if p is True or q is True:
        return True
    return None if p is None or q is None else False


_truths = st.lists(st.one_of(st.none(), st.booleans()), min_size=1, max_size=8)


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_three_valued_logic(data: st.DataObject) -> None:
    p = data.draw(_truths)
    q = data.draw(st.lists(st.one_of(st.none(), st.booleans()), min_size=len(p), max_size=len(p)))
    frame = pd.DataFrame({"p": pd.array(p, dtype="boolean"), "q": pd.array(q, dtype="boolean")})
    conjunction = [_kleene_and(x, y) for x, y in zip(p, q, strict=True)]
    disjunction = [_kleene_or(x, y) for x, y in zip(p, q, strict=True)]
    negated = [None if c is None else not c for c in conjunction]
    assert values("p and q", frame) == conjunction
    assert values("p or q", frame) == disjunction
    # De Morgan holds in three-valued logic too, nulls included.
    assert values("not (p and q)", frame) == negated
    assert values("(not p) or (not q)", frame) == negated
    assert rows("not (p and q)", frame) == [c is True for c in negated]
