"""Expressions compiled to Ibis: the tree the pandas evaluator walks, as a query-engine value.

The text of an expression is parsed once, by the whitelist of
:mod:`sqms.engine.expressions.parse`; this module walks the same tree of our
own (one method per node type, as :mod:`~sqms.engine.expressions.evaluation`
does) and builds an Ibis expression. Ibis and sqlglot write the SQL: no text
from a project is ever pasted into a query, so "YAML never runs code" still
holds.

The meaning is the evaluator's, node for node:

- a float NaN is missing (null), as the evaluator's nullable dtypes make it;
- comparisons, ``in``, arithmetic and functions are null when an input is,
  ``and``/``or``/``not`` follow Kleene logic, ``is null`` is never null;
- ``/`` and ``%`` by zero are null, ``%`` takes the divisor's sign (Python's
  and pandas' rule, where SQL engines take the dividend's);
- date parts are read in the given time zone (by the engine's own function,
  see :mod:`sqms.engine.sql.dialects`);
- a quoted date or time compared with a datetime is read in that time zone
  unless it says its own.

Kinds are checked first by the evaluator itself on an empty frame of the
same columns (:func:`check_kinds`), so a mistake gets the same message on
every engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import pandas as pd

from sqms.engine.expressions.errors import ExpressionError
from sqms.engine.expressions.evaluation import _COMPARATORS, _OPERATIONS, _Evaluator, evaluate
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
)
from sqms.engine.sql.dialects import DUCKDB, Dialect
from sqms.i18n import t

_DATE_PARTS: Final[dict[str, Callable[[Any], ir.IntegerValue]]] = {
    "year": lambda local: local.year(),
    "month": lambda local: local.month(),
    "weekday": lambda local: local.day_of_week.index(),  # 0 = Monday, as pandas
    "hour": lambda local: local.hour(),
}


def empty_frame(schema: ibis.Schema) -> pd.DataFrame:
    """A frame of no rows with the pandas dtypes of ``schema``: what kinds are checked on."""
    return pd.DataFrame(
        {name: pd.Series(dtype=_pandas_dtype(kind)) for name, kind in schema.items()}
    )


def _pandas_dtype(kind: dt.DataType) -> Any:
    """The pandas dtype a column of this Ibis type is read into."""
    if kind.is_integer():
        return "Int64"
    if kind.is_floating() or kind.is_decimal():
        return "Float64"
    if kind.is_string():
        return "string"
    if kind.is_boolean():
        return "boolean"
    if kind.is_timestamp():
        return "datetime64[ns, UTC]"
    return "object"


def check_kinds(expression: Expression, schema: ibis.Schema, timezone: str) -> None:
    """Raise the evaluator's own :class:`ExpressionError` for a mistake of kinds or columns."""
    evaluate(expression, empty_frame(schema), timezone)


def compile_value(
    expression: Expression, table: ir.Table, timezone: str = "UTC", dialect: Dialect = DUCKDB
) -> ir.Value:
    """``expression`` as an Ibis value over ``table``, its kinds checked first."""
    check_kinds(expression, table.schema(), timezone)
    return _Compiler(table, timezone, dialect).value(expression._tree)


def compile_condition(
    expression: Expression, table: ir.Table, timezone: str = "UTC", dialect: Dialect = DUCKDB
) -> ir.BooleanValue:
    """Which rows satisfy ``expression``: null counts as false, as in the evaluator."""
    value = compile_value(expression, table, timezone, dialect)
    return value.cast("boolean").fill_null(False)


class _Compiler:
    """Builds the Ibis value of our tree over one table, one method per node type."""

    def __init__(self, table: ir.Table, zone: str, dialect: Dialect) -> None:
        self._table = table
        self._zone = zone
        self._dialect = dialect
        self._times = _Evaluator(pd.DataFrame(), zone)  # reads quoted times as the evaluator
        self._handlers: dict[type[_Node], Callable[[Any], ir.Value]] = {
            _Column: self._column,
            _Literal: self._literal,
            _Compare: self._compare,
            _Membership: self._membership,
            _IsNull: self._is_null,
            _Logic: self._logic,
            _Not: lambda node: ~self.value(node.operand),
            _Arithmetic: self._arithmetic,
            _Negate: lambda node: -self.value(node.operand),
            _Call: self._call,
        }

    def value(self, node: _Node, hint: str | None = None) -> ir.Value:
        """The Ibis value of ``node``; ``hint`` is the type a quoted literal meets."""
        if isinstance(node, _Literal):
            return self._literal(node, hint)
        return self._handlers[type(node)](node)

    def _pair(self, left: _Node, right: _Node) -> tuple[ir.Value, ir.Value]:
        """Both operands, a quoted literal read as what the other side is."""
        if _is_text(left) and not _is_text(right):
            b = self.value(right)
            return self.value(left, _type_of(b)), b
        a = self.value(left)
        return a, self.value(right, _type_of(a))

    # --- leaves

    def _column(self, node: _Column) -> ir.Value:
        column = self._table[node.name]
        if column.type().is_floating():
            return column.isnan().ifelse(ibis.null(column.type()), column)
        if column.type().is_timestamp():
            return column.cast(dt.Timestamp(timezone="UTC"))
        return column

    def _literal(self, node: _Literal, hint: str | None = None) -> ir.Value:
        if isinstance(node.value, str) and hint == "timestamp":
            stamp = self._times._timestamp(node.value, node.offset)
            return ibis.literal(stamp.to_pydatetime(), type=dt.Timestamp(timezone="UTC"))
        if isinstance(node.value, bool):
            return ibis.literal(node.value, type="boolean")
        if isinstance(node.value, int):
            return ibis.literal(node.value, type="int64")
        if isinstance(node.value, float):
            return ibis.literal(node.value, type="float64")
        return ibis.literal(node.value, type="string")

    # --- conditions

    def _compare(self, node: _Compare) -> ir.Value:
        left, right = self._pair(node.left, node.right)
        return _COMPARATORS[node.op](left, right)

    def _membership(self, node: _Membership) -> ir.Value:
        operand = self.value(node.operand)
        items = [self.value(item, _type_of(operand)) for item in node.items]
        found = operand.isin(items)
        return ~found if node.negated else found

    def _is_null(self, node: _IsNull) -> ir.Value:
        operand = self.value(node.operand)
        return operand.notnull() if node.negated else operand.isnull()

    def _logic(self, node: _Logic) -> ir.Value:
        values = [self.value(operand) for operand in node.operands]
        result = values[0]
        for value in values[1:]:
            result = (result & value) if node.op == "and" else (result | value)
        return result

    # --- arithmetic

    def _arithmetic(self, node: _Arithmetic) -> ir.Value:
        left, right = self.value(node.left), self.value(node.right)
        if node.op in ("+", "-", "*"):
            return _OPERATIONS[node.op](left, right)
        divisor = right.nullif(0)
        if node.op == "/":
            return left.cast("float64") / divisor
        return _floor_modulo(left, divisor)

    # --- functions

    def _call(self, node: _Call) -> ir.Value:
        name, args = node.function, node.args
        if name == "abs":
            return self.value(args[0]).abs()
        if name == "coalesce":
            values = [self.value(arg) for arg in args]
            if any(value.type().is_floating() for value in values):
                values = [value.cast("float64") for value in values]
            return ibis.coalesce(*values)
        if name in ("lower", "upper"):
            text = self.value(args[0])
            return text.lower() if name == "lower" else text.upper()
        if name in ("contains", "startswith"):
            text, pattern = self.value(args[0]), str(_text(args[1]))
            return text.contains(pattern) if name == "contains" else text.startswith(pattern)
        if name in _DATE_PARTS:
            local = self._dialect.local_time(self._zone, self.value(args[0]))
            return _DATE_PARTS[name](local).cast("int64")
        raise ExpressionError(t("expr.evaluation", problem=name), node.offset)


def _is_text(node: _Node) -> bool:
    return isinstance(node, _Literal) and isinstance(node.value, str)


def _text(node: _Node) -> str:
    assert isinstance(node, _Literal)  # guaranteed by the parser (text_literal_tail)
    return str(node.value)


def _type_of(value: ir.Value) -> str | None:
    """``"timestamp"`` for a time value, else None: what a quoted literal beside it means."""
    return "timestamp" if value.type().is_timestamp() else None


def _floor_modulo(left: ir.NumericValue, divisor: ir.NumericValue) -> ir.NumericValue:
    """``left % divisor`` with the divisor's sign, as Python and pandas give it.

    SQL's ``%`` keeps the dividend's sign; a rest of the other sign is moved
    by one divisor, as CPython's float modulo does. Not ``((l % d) + d) % d``:
    adding ``d`` rounds a tiny rest away (``3.9e-18 % 3`` would become 0).
    """
    rest = left % divisor
    crossed = (rest != 0) & ((rest < 0) != (divisor < 0))
    return crossed.ifelse(rest + divisor, rest)
