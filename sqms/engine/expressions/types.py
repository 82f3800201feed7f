"""The kinds of values and the rules that type an expression.

Values are numbers, text, dates/times or true/false, checked at parse time
where the tree alone tells (``"a" + 1``) and at evaluation time otherwise.
Datetime columns are tz-aware (naive ones are taken as UTC). Comparing one with
a quoted ``"YYYY-MM-DD"`` or ``"YYYY-MM-DD HH:MM[:SS]"`` reads the text as a
time in the evaluation time zone (``2026-01-01`` is midnight there), and the
date functions give the parts in that zone. Arithmetic on datetimes is refused:
durations are declared as dataset columns, so the rule that computes them
(business hours, pauses) lives in one place.

The parser gives every node of the tree its static kind with the rules
here (the function signatures in :data:`_FUNCTIONS`, :func:`_comparison_problem`,
:func:`_literal_kind`); a column's kind is known only with data:
:func:`_normalise` reads it from the column's dtype at evaluation, where the
same rules are applied again.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

import pandas as pd

from sqms.i18n import N_, t


class _Kind(StrEnum):
    """The type of a value, as far as expressions care."""

    NUMBER = "number"
    TEXT = "text"
    DATETIME = "datetime"
    BOOLEAN = "boolean"
    NULL = "null"  # a column holding nothing but nulls: fits wherever it is used
    ANY = "any"  # not known before evaluation (a column): checked then
    OTHER = "other"  # a column of a type expressions cannot use (only `is null`)


KIND_WORDS: Final[dict[_Kind, str]] = {
    _Kind.NUMBER: N_("expr.kind.number"),
    _Kind.TEXT: N_("expr.kind.text"),
    _Kind.DATETIME: N_("expr.kind.datetime"),
    _Kind.BOOLEAN: N_("expr.kind.boolean"),
    _Kind.NULL: N_("expr.kind.null"),
    _Kind.ANY: N_("expr.kind.any"),
}
"""Each kind but ``OTHER`` → the message id naming it in words (``OTHER`` names its dtype)."""


def _label(kind: _Kind, dtype: object = None) -> str:
    """The kind in words, for messages."""
    if kind is _Kind.OTHER:
        return t("expr.kind.other", dtype=dtype)
    return t(KIND_WORDS[kind])


# --- typing rules: function signatures, comparisons, literals ----------------


@dataclass(frozen=True)
class _Function:
    """What a function accepts: arity, argument kind, result kind."""

    min_args: int
    max_args: int | None
    argument: _Kind  # ANY: all arguments share one kind, decided at evaluation
    result: _Kind  # ANY: the arguments' kind
    text_literal_tail: bool = False  # arguments after the first are quoted text


_FUNCTIONS: Final[dict[str, _Function]] = {
    "abs": _Function(1, 1, _Kind.NUMBER, _Kind.NUMBER),
    "coalesce": _Function(2, None, _Kind.ANY, _Kind.ANY),
    "lower": _Function(1, 1, _Kind.TEXT, _Kind.TEXT),
    "upper": _Function(1, 1, _Kind.TEXT, _Kind.TEXT),
    "contains": _Function(2, 2, _Kind.TEXT, _Kind.BOOLEAN, text_literal_tail=True),
    "startswith": _Function(2, 2, _Kind.TEXT, _Kind.BOOLEAN, text_literal_tail=True),
    "year": _Function(1, 1, _Kind.DATETIME, _Kind.NUMBER),
    "month": _Function(1, 1, _Kind.DATETIME, _Kind.NUMBER),
    "weekday": _Function(1, 1, _Kind.DATETIME, _Kind.NUMBER),
    "hour": _Function(1, 1, _Kind.DATETIME, _Kind.NUMBER),
}


def _comparison_problem(op: str, left: _Kind, right: _Kind) -> str | None:
    """Why two kinds cannot be compared with ``op`` (a message key), or None."""
    if _Kind.ANY in (left, right) or _Kind.NULL in (left, right):
        return None
    if left is not right or left is _Kind.OTHER:
        return N_("expr.compare")
    if left is _Kind.BOOLEAN and op not in ("==", "!="):
        return N_("expr.order_booleans")
    return None


def _literal_kind(value: bool | int | float | str) -> _Kind:
    """The kind of a literal."""
    if isinstance(value, bool):  # before int: bool is an int in Python
        return _Kind.BOOLEAN
    if isinstance(value, str):
        return _Kind.TEXT
    return _Kind.NUMBER


# --- the kind of a column, known with its data -------------------------------


def _normalise(series: pd.Series[Any]) -> tuple[pd.Series[Any], _Kind]:
    """A column in the nullable dtype of its kind, and that kind.

    Data arrive as whatever the reader produced (``float64`` with NaN, ``str``,
    ``object`` with None, ``bool``...); one dtype per kind keeps every
    operation's null handling the same.
    """
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return _normalise_categorical(series, dtype)
    if pd.api.types.is_bool_dtype(dtype):
        return series.astype("boolean"), _Kind.BOOLEAN
    if pd.api.types.is_integer_dtype(dtype):
        return _convert(series, "Int64", _Kind.NUMBER)
    if pd.api.types.is_float_dtype(dtype):
        return series.astype("Float64"), _Kind.NUMBER
    if isinstance(dtype, pd.StringDtype):
        return series.astype("string"), _Kind.TEXT
    if isinstance(dtype, pd.DatetimeTZDtype):
        return series.dt.tz_convert("UTC"), _Kind.DATETIME
    if pd.api.types.is_datetime64_dtype(dtype):  # naive: taken as UTC, how data are stored
        return series.dt.tz_localize("UTC"), _Kind.DATETIME
    if pd.api.types.is_object_dtype(dtype):
        return _normalise_objects(series)
    return series, _Kind.OTHER


def _normalise_categorical(
    series: pd.Series[Any], dtype: pd.CategoricalDtype
) -> tuple[pd.Series[Any], _Kind]:
    """A categorical column as the values it stands for.

    Text categories are converted once each and taken by code (missing where
    the code is -1): the same text as converting a million values one by one.
    """
    if not isinstance(dtype.categories.dtype, pd.StringDtype):
        return _normalise(series.astype(dtype.categories.dtype))
    codes = series.cat.codes.to_numpy()
    text = dtype.categories.astype("string").array.take(codes, allow_fill=True)
    return pd.Series(text, index=series.index, name=series.name), _Kind.TEXT


_INFERRED: Final[dict[str, tuple[str, _Kind]]] = {
    "string": ("string", _Kind.TEXT),
    "boolean": ("boolean", _Kind.BOOLEAN),
    "integer": ("Int64", _Kind.NUMBER),
    "floating": ("Float64", _Kind.NUMBER),
    "mixed-integer-float": ("Float64", _Kind.NUMBER),
}


def _normalise_objects(series: pd.Series[Any]) -> tuple[pd.Series[Any], _Kind]:
    """An ``object`` column, typed by what its non-null values are."""
    inferred = pd.api.types.infer_dtype(series, skipna=True)
    if inferred == "empty":
        return series, _Kind.NULL
    if inferred == "datetime":
        try:
            return pd.to_datetime(series, utc=True), _Kind.DATETIME
        except (TypeError, ValueError):
            return series, _Kind.OTHER
    if inferred in _INFERRED:
        dtype, kind = _INFERRED[inferred]
        return _convert(series, dtype, kind)
    return series, _Kind.OTHER


def _convert(series: pd.Series[Any], dtype: str, kind: _Kind) -> tuple[pd.Series[Any], _Kind]:
    """``series`` as ``dtype``, or left as an unusable column if it does not fit."""
    try:
        return series.astype(dtype), kind  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return series, _Kind.OTHER


_NULL_DTYPES: Final[dict[_Kind, str]] = {
    _Kind.NUMBER: "Float64",
    _Kind.TEXT: "string",
    _Kind.BOOLEAN: "boolean",
    _Kind.DATETIME: "datetime64[ns, UTC]",
}
