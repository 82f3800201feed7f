"""Vectorised evaluation of a parsed expression over a pandas DataFrame.

:class:`_Evaluator` walks our own tree, never Python's, one method per node
type, so nothing the parser refused can reach it. Each column's kind is read
from its data and checked wherever the tree alone could not tell.

Null semantics
--------------
SQL-like, with three-valued logic. Every intermediate condition is a pandas
nullable boolean (true, false or null). Comparisons, ``in``, arithmetic and
functions give null when an input is null; ``and``/``or``/``not`` follow
Kleene logic (``false and null`` is false, ``true or null`` is true,
``not null`` is null); ``is null`` and ``is not null`` are never null. Only at
the very end does :func:`evaluate_condition` turn null into false, so a row is
selected only when the condition is known to be true. Consequently
``not (x > 4)`` does not select rows where ``x`` is null; write
``x <= 4 or x is null`` for that. Division or remainder by zero gives null
rather than an infinity.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from sqms.engine.expressions.checks import check_condition, unknown_columns
from sqms.engine.expressions.errors import ExpressionError
from sqms.engine.expressions.tree import (
    Expression,
    _Arithmetic,
    _Call,
    _Column,
    _Compare,
    _IsNull,
    _Literal,
    _Logic,
    _Membership,
    _Negate,
    _Node,
    _Not,
    _walk,
)
from sqms.engine.expressions.types import (
    _FUNCTIONS,
    _NULL_DTYPES,
    _comparison_problem,
    _Kind,
    _label,
    _normalise,
)
from sqms.i18n import did_you_mean, t


def evaluate(expression: Expression, frame: pd.DataFrame, timezone: str = "UTC") -> pd.Series[Any]:
    """The value of ``expression`` for every row of ``frame``, index aligned.

    Conditions come back as nullable booleans (null where unknown), numbers as
    ``Int64``/``Float64``, text as ``string``; an expression without columns is
    broadcast to the frame's length.
    """
    return _evaluate(expression, frame, timezone).series.set_axis(frame.index)


def evaluate_condition(
    expression: Expression, frame: pd.DataFrame, timezone: str = "UTC"
) -> pd.Series[bool]:
    """Which rows of ``frame`` satisfy ``expression``: ``bool`` Series, null as false."""
    check_condition(expression)
    value = _evaluate(expression, frame, timezone)
    if value.kind is _Kind.NULL:
        flags = np.zeros(len(frame), dtype=bool)
    elif value.kind is _Kind.BOOLEAN:
        flags = value.series.to_numpy(dtype=bool, na_value=False)
    else:
        label = _label(value.kind, value.series.dtype)
        raise ExpressionError(t("expr.not_condition", kind=label), 0)
    return pd.Series(flags, index=frame.index, dtype=bool)


@dataclass(frozen=True)
class _Value:
    """An evaluated node: a Series on a 0..n-1 index, and its kind."""

    series: pd.Series[Any]
    kind: _Kind


def _evaluate(expression: Expression, frame: pd.DataFrame, timezone: str) -> _Value:
    """Check the frame and the time zone, then evaluate the tree."""
    zone = _check_zone(timezone)
    names = [name for name in frame.columns if isinstance(name, str)]
    missing = unknown_columns(expression, names)
    if missing:
        raise _unknown_column(expression, missing[0], names)
    # numpy would warn on integer division by zero; those rows are nulled anyway.
    with np.errstate(all="ignore"):
        return _Evaluator(frame, zone).value(expression._tree)


def _check_zone(timezone: str) -> str:
    """``timezone`` if it is a known IANA zone name."""
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ExpressionError(t("expr.unknown_timezone", zone=timezone)) from exc
    return timezone


def _unknown_column(expression: Expression, name: str, names: list[str]) -> ExpressionError:
    """The error for a missing column, at its first use, with a spelling hint."""
    offset = next(
        node.offset
        for node in _walk(expression._tree)
        if isinstance(node, _Column) and node.name == name
    )
    hint = did_you_mean(name, names)
    return ExpressionError(t("expr.unknown_column", name=name, hint=hint), offset)


_DATETIME_LITERAL: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)

_COMPARATORS: Final[dict[str, Callable[[Any, Any], Any]]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}

_OPERATIONS: Final[dict[str, Callable[[Any, Any], Any]]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "%": operator.mod,
}

_DATE_PARTS: Final[dict[str, Callable[[Any], pd.Series[Any]]]] = {
    "year": lambda parts: parts.year,
    "month": lambda parts: parts.month,
    "weekday": lambda parts: parts.day_of_week,  # 0 = Monday
    "hour": lambda parts: parts.hour,
}


class _Evaluator:
    """Evaluates our tree over one frame, one method per node type.

    Every intermediate Series uses pandas' nullable dtypes (``Int64``,
    ``Float64``, ``string``, ``boolean``) so that nulls propagate and logic is
    three-valued without special cases. Series are indexed 0..n-1 so that a
    frame with a duplicated index cannot confuse alignment.
    """

    def __init__(self, frame: pd.DataFrame, zone: str) -> None:
        self._frame = frame
        self._zone = zone
        self._index = pd.RangeIndex(len(frame))
        self._columns: dict[str, _Value] = {}
        self._handlers: dict[type[_Node], Callable[[Any], _Value]] = {
            _Column: self._column,
            _Literal: self._literal,
            _Compare: self._compare,
            _Membership: self._membership,
            _IsNull: self._is_null,
            _Logic: self._logic,
            _Not: self._not,
            _Arithmetic: self._arithmetic,
            _Negate: self._negate,
            _Call: self._call,
        }
        self._functions: dict[str, Callable[[_Call], _Value]] = {
            "abs": self._abs,
            "coalesce": self._coalesce,
            "lower": self._text_case,
            "upper": self._text_case,
            "contains": self._text_test,
            "startswith": self._text_test,
            "year": self._date_part,
            "month": self._date_part,
            "weekday": self._date_part,
            "hour": self._date_part,
        }

    def value(self, node: _Node, hint: _Kind = _Kind.ANY) -> _Value:
        """Evaluate ``node``; ``hint`` is the kind a quoted literal is compared with.

        Any pandas failure our own checks did not foresee still becomes an
        :class:`ExpressionError` located at the node, never a traceback.
        """
        try:
            if isinstance(node, _Literal):
                return self._literal(node, hint)
            return self._handlers[type(node)](node)
        except ExpressionError:
            raise
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise ExpressionError(t("expr.evaluation", problem=exc), node.offset) from exc

    def values(self, nodes: Sequence[_Node]) -> list[_Value]:
        """Evaluate ``nodes``, quoted literals last, with the others' kind as hint.

        That is how ``created_at >= "2026-01-01"`` knows to read the text as
        a time: the column is evaluated first and tells what the text meets.
        """
        results: dict[int, _Value] = {}
        for position, node in enumerate(nodes):
            if not _is_text_literal(node):
                results[position] = self.value(node)
        hint = next((v.kind for v in results.values() if v.kind is not _Kind.NULL), _Kind.ANY)
        for position, node in enumerate(nodes):
            if position not in results:
                results[position] = self.value(node, hint)
        return [results[position] for position in range(len(nodes))]

    # --- leaves

    def _column(self, node: _Column) -> _Value:
        cached = self._columns.get(node.name)
        if cached is None:
            data = self._frame[node.name]
            if isinstance(data, pd.DataFrame):
                raise ExpressionError(t("expr.duplicate_column", name=node.name), node.offset)
            series, kind = _normalise(data)
            cached = _Value(series.set_axis(self._index), kind)
            self._columns[node.name] = cached
        return cached

    def _literal(self, node: _Literal, hint: _Kind = _Kind.ANY) -> _Value:
        value = node.value
        if isinstance(value, str) and hint is _Kind.DATETIME:
            stamp = self._timestamp(value, node.offset)
            return _Value(pd.Series(stamp, index=self._index), _Kind.DATETIME)
        dtype = {bool: "boolean", int: "Int64", float: "Float64", str: "string"}[type(value)]
        return _Value(pd.Series(value, index=self._index, dtype=dtype), node.kind)

    def _timestamp(self, text: str, offset: int) -> pd.Timestamp:
        """A quoted date or time, read in the evaluation time zone unless it says."""
        if not _DATETIME_LITERAL.fullmatch(text):
            raise ExpressionError(t("expr.bad_datetime", text=text), offset)
        try:
            stamp = pd.Timestamp(text)
        except (ValueError, OverflowError) as exc:
            raise ExpressionError(t("expr.bad_datetime", text=text), offset) from exc
        if stamp.tzinfo is None:
            try:
                stamp = stamp.tz_localize(self._zone)
            except ValueError as exc:  # skipped or repeated by a daylight saving change
                message = t("expr.local_time", text=text, zone=self._zone)
                raise ExpressionError(message, offset) from exc
        return stamp.tz_convert("UTC")

    # --- conditions

    def _compare(self, node: _Compare) -> _Value:
        coded = self._compare_categories(node)
        if coded is not None:
            return coded
        left, right = self.values((node.left, node.right))
        problem = _comparison_problem(node.op, left.kind, right.kind)
        if problem is not None:
            message = t(problem, left=_describe(left), right=_describe(right))
            raise ExpressionError(message, node.offset)
        if _Kind.NULL in (left.kind, right.kind):
            return self._unknown(_Kind.BOOLEAN)
        raw = _COMPARATORS[node.op](left.series, right.series)
        nulls = left.series.isna().to_numpy() | right.series.isna().to_numpy()
        return _Value(self._boolean(raw, nulls), _Kind.BOOLEAN)

    def _membership(self, node: _Membership) -> _Value:
        coded = self._on_categories(
            node.operand,
            lambda text: text.isin([self._item(i, _Value(text, _Kind.TEXT)) for i in node.items]),
        )
        if coded is not None:
            return _Value(~coded.series if node.negated else coded.series, _Kind.BOOLEAN)
        operand = self.value(node.operand)
        if operand.kind is _Kind.NULL:
            return self._unknown(_Kind.BOOLEAN)
        items = [self._item(item, operand) for item in node.items]
        result = self._boolean(operand.series.isin(items), operand.series.isna().to_numpy())
        return _Value(~result if node.negated else result, _Kind.BOOLEAN)

    def _item(self, item: _Literal, operand: _Value) -> object:
        """A list item as a value comparable with ``operand``."""
        if operand.kind is _Kind.DATETIME and isinstance(item.value, str):
            return self._timestamp(item.value, item.offset)
        problem = _comparison_problem("==", operand.kind, item.kind)
        if problem is not None:
            message = t(problem, left=_describe(operand), right=_label(item.kind))
            raise ExpressionError(message, item.offset)
        return item.value

    def _compare_categories(self, node: _Compare) -> _Value | None:
        """A text category column compared with quoted text, worked out per category."""
        left, right = node.left, node.right
        compare = _COMPARATORS[node.op]
        if _is_text_literal(right):
            literal = _literal_value(right)
            return self._on_categories(left, lambda text: compare(text, literal))
        if _is_text_literal(left):
            literal = _literal_value(left)
            return self._on_categories(right, lambda text: compare(literal, text))
        return None

    def _on_categories(
        self, node: _Node, test: Callable[[pd.Series[Any]], pd.Series[Any]]
    ) -> _Value | None:
        """``test`` of a categorical text column, None if ``node`` is no such column.

        The test runs on the categories (as text, never null) and its outcome is
        taken by code, null where the value is missing: what testing every row
        gives, for a few values rather than a million.
        """
        if not isinstance(node, _Column):
            return None
        data = self._frame[node.name]
        if not isinstance(data, pd.Series) or not isinstance(data.dtype, pd.CategoricalDtype):
            return None
        categories = data.dtype.categories
        if not isinstance(categories.dtype, pd.StringDtype):
            return None
        flags = test(pd.Series(categories.astype("string"))).astype("boolean").array
        result = flags.take(data.cat.codes.to_numpy(), allow_fill=True)
        return _Value(pd.Series(result, index=self._index), _Kind.BOOLEAN)

    def _is_null(self, node: _IsNull) -> _Value:
        nulls = self.value(node.operand).series.isna().to_numpy()
        flags = ~nulls if node.negated else nulls
        return _Value(self._boolean(flags, np.zeros(len(flags), dtype=bool)), _Kind.BOOLEAN)

    def _logic(self, node: _Logic) -> _Value:
        combine = operator.and_ if node.op == "and" else operator.or_
        operands = [
            self._as(self.value(o), _Kind.BOOLEAN, node.op, o.offset) for o in node.operands
        ]
        return _Value(reduce(combine, operands), _Kind.BOOLEAN)

    def _not(self, node: _Not) -> _Value:
        operand = self._as(self.value(node.operand), _Kind.BOOLEAN, "not", node.offset)
        return _Value(~operand, _Kind.BOOLEAN)

    # --- arithmetic

    def _arithmetic(self, node: _Arithmetic) -> _Value:
        left = self._number(self.value(node.left), node.op, node.left.offset)
        right = self._number(self.value(node.right), node.op, node.right.offset)
        result = _OPERATIONS[node.op](left, right)
        if node.op in ("/", "%"):
            # Like SQL engines that return null rather than an infinity.
            result = result.mask(right.eq(0).to_numpy(dtype=bool, na_value=False))
        return _Value(result, _Kind.NUMBER)

    def _negate(self, node: _Negate) -> _Value:
        return _Value(-self._number(self.value(node.operand), "-", node.offset), _Kind.NUMBER)

    def _number(self, value: _Value, operator_name: str, offset: int) -> pd.Series[Any]:
        if value.kind is _Kind.DATETIME:
            raise ExpressionError(t("expr.datetime_arithmetic"), offset)
        return self._as(value, _Kind.NUMBER, operator_name, offset)

    # --- functions

    def _call(self, node: _Call) -> _Value:
        return self._functions[node.function](node)

    def _argument(self, node: _Call) -> pd.Series[Any]:
        """The first argument of ``node``, checked against the function's table entry."""
        expected = _FUNCTIONS[node.function].argument
        return self._as(self.value(node.args[0]), expected, f"{node.function}()", node.offset)

    def _abs(self, node: _Call) -> _Value:
        return _Value(self._argument(node).abs(), _Kind.NUMBER)

    def _text_case(self, node: _Call) -> _Value:
        text = self._argument(node).str
        return _Value(text.lower() if node.function == "lower" else text.upper(), _Kind.TEXT)

    def _text_test(self, node: _Call) -> _Value:
        text = self._argument(node).str
        pattern = str(_literal_value(node.args[1]))
        if node.function == "contains":
            found = text.contains(pattern, regex=False)  # plain text, never a regex
        else:
            found = text.startswith(pattern)
        return _Value(found.astype("boolean"), _Kind.BOOLEAN)

    def _date_part(self, node: _Call) -> _Value:
        local = self._argument(node).dt.tz_convert(self._zone)
        part = _DATE_PARTS[node.function](local.dt)
        return _Value(part.astype("Int64"), _Kind.NUMBER)

    def _coalesce(self, node: _Call) -> _Value:
        evaluated = self.values(node.args)
        # An all-null column adds nothing and would only widen the result's dtype.
        values = [value for value in evaluated if value.kind is not _Kind.NULL] or evaluated[:1]
        kinds = {value.kind for value in values} - {_Kind.NULL}
        if len(kinds) > 1 or _Kind.OTHER in kinds:
            labels = ", ".join(sorted({_describe(value) for value in values}))
            raise ExpressionError(t("expr.mixed_types", name="coalesce", kinds=labels), node.offset)
        if not kinds:
            return values[0]
        kind = kinds.pop()
        series = [self._as(value, kind, "coalesce()", node.offset) for value in values]
        if kind is _Kind.NUMBER and len({s.dtype for s in series}) > 1:
            series = [s.astype("Float64") for s in series]  # Int64 cannot hold 2.5
        result = series[0]
        for fallback in series[1:]:
            result = result.where(result.notna(), fallback)
        return _Value(result, kind)

    # --- helpers

    def _as(self, value: _Value, kind: _Kind, operator_name: str, offset: int) -> pd.Series[Any]:
        """``value``'s Series if it is of ``kind`` (an all-null column is), else an error."""
        if value.kind is kind:
            return value.series
        if value.kind is _Kind.NULL:
            return self._unknown(kind).series
        message = t(
            "expr.operand", operator=operator_name, expected=_label(kind), got=_describe(value)
        )
        raise ExpressionError(message, offset)

    def _unknown(self, kind: _Kind) -> _Value:
        """A Series of nulls of ``kind``."""
        return _Value(pd.Series(None, index=self._index, dtype=_NULL_DTYPES[kind]), kind)

    def _boolean(self, raw: Any, nulls: np.ndarray[Any, Any]) -> pd.Series[Any]:
        """A nullable boolean Series: ``raw`` where known, null where ``nulls``."""
        flags = pd.Series(raw)
        values = flags.to_numpy(dtype=bool, na_value=False)
        mask = nulls | flags.isna().to_numpy()
        return pd.Series(pd.arrays.BooleanArray(values, mask), index=self._index)


def _is_text_literal(node: _Node) -> bool:
    return isinstance(node, _Literal) and isinstance(node.value, str)


def _literal_value(node: _Node) -> bool | int | float | str:
    assert isinstance(node, _Literal)  # guaranteed by the parser (text_literal_tail)
    return node.value


def _describe(value: _Value) -> str:
    """An evaluated value's kind in words (with its dtype if unusable)."""
    return _label(value.kind, value.series.dtype)
