"""Safe filter and condition expressions for indicator definitions.

Indicator definitions written in YAML carry small expressions such as
``first_response_h <= 4 and channel in ["chat", "phone"]``. Those files arrive
through pull requests and are built by CI, so an expression must never be able
to run code. This module therefore never hands the text to ``eval`` or
``exec``, nor compiles it to code. It parses the text with :func:`ast.parse`,
which only builds a syntax tree, accepts that tree only if every node is on a
short whitelist,
converts it into a small tree of its own and evaluates that tree itself,
vectorised over a pandas DataFrame. Anything not on the whitelist (attribute
access, subscripts, calls to unlisted names, lambdas, comprehensions, ...) is
rejected with a message naming the construct and its character offset.

Language
--------
* Column names (plain identifiers, no double underscore), numbers, quoted text,
  ``true``/``false`` (also ``True``/``False``).
* Comparisons ``== != < <= > >=``, chained as in ``1 <= x < 5``.
* ``x in [...]`` / ``x not in [...]`` with a list of literals.
* ``x is null`` / ``x is not null`` (``None`` also accepted). ``null`` is
  allowed nowhere else: ``x == null`` is the classic SQL mistake.
* ``and``, ``or``, ``not``; ``+ - * / %``, unary minus; parentheses.
* Functions: ``abs``, ``coalesce``, ``lower``, ``upper``, ``contains``,
  ``startswith``, ``year``, ``month``, ``weekday`` (0 = Monday), ``hour``;
  positional arguments only, arity checked; the text searched for by
  ``contains``/``startswith`` must be quoted text (plain text, not a regex).
* Refused, with a message naming the construct: attribute access, subscripts,
  calls to any other name, names containing ``__``, lambdas, comprehensions,
  f-strings, ``:=``, ``*``/``**`` unpacking, dicts, sets, tuples, keyword
  arguments, conditional expressions, ``**``, ``//``, bitwise operators and
  ``#`` comments. Sources are limited to :data:`MAX_LENGTH` characters and
  :data:`MAX_DEPTH` levels of nesting.

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

Types
-----
Values are numbers, text, dates/times or true/false, checked at parse time
where the tree alone tells (``"a" + 1``) and at evaluation time otherwise.
Datetime columns are tz-aware (naive ones are taken as UTC). Comparing one with
a quoted ``"YYYY-MM-DD"`` or ``"YYYY-MM-DD HH:MM[:SS]"`` reads the text as a
time in the evaluation time zone (``2026-01-01`` is midnight there), and the
date functions give the parts in that zone. Arithmetic on datetimes is refused:
durations are declared as dataset columns, so the rule that computes them
(business hours, pauses) lives in one place.
"""

from __future__ import annotations

import ast
import io
import math
import operator
import re
import tokenize
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import reduce
from typing import Any, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from sqms.i18n import N_, did_you_mean, nt, t

MAX_LENGTH: Final = 2000
"""Longest accepted source, so a hostile string cannot make the parser work hard."""

MAX_DEPTH: Final = 50
"""Deepest accepted syntax tree; our evaluator recurses, so depth must be bounded."""

_INT64_MIN: Final = -(2**63)
_INT64_MAX: Final = 2**63 - 1


class ExpressionError(ValueError):
    """An expression that cannot be parsed, is not allowed or cannot be evaluated.

    ``message`` is translated and names the problem; ``offset`` is the 0-based
    character offset in the source where the problem is, when known.
    """

    message: str
    offset: int | None

    def __init__(self, message: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


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


# --- the parsed tree ---------------------------------------------------------
#
# A tree of our own rather than Python's: it holds only what the language has,
# so the evaluator cannot meet a node it does not know, and each node carries
# its static kind and its character offset for messages.


@dataclass(frozen=True, slots=True, kw_only=True)
class _Node:
    offset: int
    kind: _Kind

    def children(self) -> tuple[_Node, ...]:
        """The nodes directly below this one."""
        return ()


@dataclass(frozen=True, slots=True, kw_only=True)
class _Column(_Node):
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class _Literal(_Node):
    value: bool | int | float | str


@dataclass(frozen=True, slots=True, kw_only=True)
class _Compare(_Node):
    op: str
    left: _Node
    right: _Node

    def children(self) -> tuple[_Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Membership(_Node):
    operand: _Node
    items: tuple[_Literal, ...]
    negated: bool

    def children(self) -> tuple[_Node, ...]:
        return (self.operand, *self.items)


@dataclass(frozen=True, slots=True, kw_only=True)
class _IsNull(_Node):
    operand: _Node
    negated: bool

    def children(self) -> tuple[_Node, ...]:
        return (self.operand,)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Logic(_Node):
    op: str
    operands: tuple[_Node, ...]

    def children(self) -> tuple[_Node, ...]:
        return self.operands


@dataclass(frozen=True, slots=True, kw_only=True)
class _Not(_Node):
    operand: _Node

    def children(self) -> tuple[_Node, ...]:
        return (self.operand,)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Arithmetic(_Node):
    op: str
    left: _Node
    right: _Node

    def children(self) -> tuple[_Node, ...]:
        return (self.left, self.right)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Negate(_Node):
    operand: _Node

    def children(self) -> tuple[_Node, ...]:
        return (self.operand,)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Call(_Node):
    function: str
    args: tuple[_Node, ...]

    def children(self) -> tuple[_Node, ...]:
        return self.args


def _walk(node: _Node) -> Iterator[_Node]:
    """Every node of the tree, parents before children, left to right."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children()))


@dataclass(frozen=True)
class Expression:
    """A parsed, whitelisted expression, ready to evaluate on any frame.

    ``columns`` are the column names it refers to, so a loader can check them
    against a dataset's declared columns before any data is read.
    """

    source: str
    columns: frozenset[str]
    _tree: _Node = field(repr=False, compare=False)


# --- the language's fixed tables ---------------------------------------------


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

_COMPARISONS: Final[dict[type[ast.cmpop], str]] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
}

_ARITHMETIC: Final[dict[type[ast.operator], str]] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
    ast.Mod: "%",
}

# `**` is refused: it adds little to quality indicators and `9**9**9` is the
# classic way to make an evaluator spin.
_REFUSED_OPERATORS: Final[dict[type[ast.AST], tuple[str, str | None]]] = {
    ast.Pow: ("**", N_("expr.hint.power")),
    ast.FloorDiv: ("//", None),
    ast.MatMult: ("@", None),
    ast.BitAnd: ("&", N_("expr.hint.and")),
    ast.BitOr: ("|", N_("expr.hint.or")),
    ast.BitXor: ("^", None),
    ast.LShift: ("<<", None),
    ast.RShift: (">>", None),
    ast.Invert: ("~", N_("expr.hint.not")),
    ast.UAdd: ("+", None),
}
"""Python operators outside the language → their symbol and the message id of a hint
towards what was meant (None when there is no hint)."""

_REFUSED_CONSTRUCTS: Final[dict[type[ast.AST], str]] = {
    ast.Subscript: N_("expr.c.subscript"),
    ast.Slice: N_("expr.c.subscript"),
    ast.Lambda: N_("expr.c.lambda"),
    ast.ListComp: N_("expr.c.comprehension"),
    ast.SetComp: N_("expr.c.comprehension"),
    ast.DictComp: N_("expr.c.comprehension"),
    ast.GeneratorExp: N_("expr.c.comprehension"),
    ast.JoinedStr: N_("expr.c.fstring"),
    ast.FormattedValue: N_("expr.c.fstring"),
    ast.NamedExpr: N_("expr.c.walrus"),
    ast.Starred: N_("expr.c.starred"),
    ast.Dict: N_("expr.c.dict"),
    ast.Set: N_("expr.c.set"),
    ast.Tuple: N_("expr.c.tuple"),
    ast.IfExp: N_("expr.c.conditional"),
    ast.Await: N_("expr.c.generator"),
    ast.Yield: N_("expr.c.generator"),
    ast.YieldFrom: N_("expr.c.generator"),
}
"""Python constructs outside the language → the message id naming them in messages."""


def _comparison_problem(op: str, left: _Kind, right: _Kind) -> str | None:
    """Why two kinds cannot be compared with ``op`` (a message key), or None."""
    if _Kind.ANY in (left, right) or _Kind.NULL in (left, right):
        return None
    if left is not right or left is _Kind.OTHER:
        return N_("expr.compare")
    if left is _Kind.BOOLEAN and op not in ("==", "!="):
        return N_("expr.order_booleans")
    return None


# --- parsing -----------------------------------------------------------------


def parse_expression(source: str) -> Expression:
    """Parse and whitelist ``source``; raise :class:`ExpressionError` if refused.

    Nothing in ``source`` is executed: the text only ever becomes data (a
    syntax tree), and only whitelisted nodes survive into the result.
    """
    if not isinstance(source, str):
        raise ExpressionError(t("expr.not_text", got=type(source).__name__))
    if len(source) > MAX_LENGTH:
        raise ExpressionError(t("expr.too_long", length=len(source), limit=MAX_LENGTH), MAX_LENGTH)
    text, lead = _flatten(source)
    if not text.strip():
        raise ExpressionError(t("expr.empty"), 0)
    body = _parse_python(text, lead)
    converter = _Converter(text, lead)
    converter.check_depth(body)
    _refuse_comments(text, lead)
    tree = converter.convert(body)
    columns = frozenset(node.name for node in _walk(tree) if isinstance(node, _Column))
    return Expression(source, columns, tree)


def _flatten(source: str) -> tuple[str, int]:
    """Put ``source`` on one line and drop its leading blanks.

    YAML block scalars keep line breaks and Python's expression mode refuses
    both those and leading indentation. Replacing each line break by one space
    keeps every character offset valid; ``lead`` is the number of blanks
    dropped, to add back to offsets.
    """
    text = source.replace("\r", " ").replace("\n", " ")
    stripped = text.lstrip()
    return stripped, len(text) - len(stripped)


def _parse_python(text: str, lead: int) -> ast.expr:
    """Python's parser, with its failures turned into :class:`ExpressionError`."""
    try:
        return ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise _syntax_error(exc, text, lead) from exc
    except ValueError as exc:  # e.g. a NUL character
        raise ExpressionError(t("expr.syntax", problem=exc), None) from exc
    except (RecursionError, MemoryError) as exc:
        raise ExpressionError(t("expr.too_deep", limit=MAX_DEPTH), None) from exc


def _syntax_error(exc: SyntaxError, text: str, lead: int) -> ExpressionError:
    """A syntax error in our words, pointing where Python's parser stopped."""
    if not exc.offset or exc.offset < 1:  # 0 or None: the parser ran off the end
        return ExpressionError(t("expr.syntax", problem=exc.msg), None)
    position = exc.offset - 1  # SyntaxError offsets are 1-based characters
    # A lone `=` is by far the most common slip of people used to SQL or Excel.
    lone_equals = text[position : position + 1] == "=" and text[position + 1 : position + 2] != "="
    message = t("expr.single_equals") if lone_equals else t("expr.syntax", problem=exc.msg)
    return ExpressionError(message, lead + position)


def _refuse_comments(text: str, lead: int) -> None:
    """Refuse ``#``: once lines are joined, a comment would silently hide the rest."""
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                raise ExpressionError(t("expr.comment"), lead + token.start[1])
    except (tokenize.TokenError, SyntaxError):
        return  # not expected: Python's parser accepted the same text just before


class _Converter:
    """Turns a Python syntax tree into our tree, refusing what is not allowed.

    One method per accepted Python node type, found through a dispatch table;
    a node type missing from the table is refused.
    """

    def __init__(self, text: str, lead: int) -> None:
        self._encoded = text.encode()
        self._lead = lead
        self._handlers: dict[type[ast.AST], Callable[[Any], _Node]] = {
            ast.Name: self._name,
            ast.Constant: self._constant,
            ast.BoolOp: self._bool_op,
            ast.UnaryOp: self._unary_op,
            ast.BinOp: self._bin_op,
            ast.Compare: self._compare,
            ast.Call: self._call,
            ast.List: self._stray_list,
        }

    def offset(self, node: ast.AST) -> int:
        """``node``'s offset in characters in the original source.

        Python gives UTF-8 byte offsets; column names may well be Chinese.
        """
        column = getattr(node, "col_offset", 0)
        return self._lead + len(self._encoded[:column].decode("utf-8", errors="ignore"))

    def segment(self, node: ast.AST) -> str:
        """The source text of ``node``, as written (``1e999`` rather than ``inf``)."""
        start = getattr(node, "col_offset", 0)
        end = getattr(node, "end_col_offset", None) or len(self._encoded)
        return self._encoded[start:end].decode("utf-8", errors="replace")

    def error(self, node: ast.AST, message: str) -> ExpressionError:
        """An error located at ``node``."""
        return ExpressionError(message, self.offset(node))

    def check_depth(self, tree: ast.AST) -> None:
        """Refuse trees deeper than :data:`MAX_DEPTH`, without recursing ourselves."""
        stack: list[tuple[ast.AST, int]] = [(tree, 1)]
        while stack:
            node, depth = stack.pop()
            if depth > MAX_DEPTH:
                raise self.error(node, t("expr.too_deep", limit=MAX_DEPTH))
            stack.extend(
                (child, depth + 1)
                for child in ast.iter_child_nodes(node)
                if not isinstance(child, ast.expr_context)
            )

    def convert(self, node: ast.AST) -> _Node:
        """Our node for ``node``, or an error naming the refused construct."""
        handler = self._handlers.get(type(node))
        if handler is None:
            raise self.error(node, _refusal(node))
        return handler(node)

    def expect(self, node: ast.AST, kind: _Kind, operator_name: str) -> _Node:
        """Convert ``node`` and check its static kind fits ``operator_name``."""
        converted = self.convert(node)
        if converted.kind not in (kind, _Kind.ANY):
            message = t(
                "expr.operand",
                operator=operator_name,
                expected=_label(kind),
                got=_label(converted.kind),
            )
            raise self.error(node, message)
        return converted

    def _name(self, node: ast.Name) -> _Node:
        name = node.id
        if "__" in name:
            raise self.error(node, t("expr.dunder", name=name))
        if name in ("true", "false"):
            return _Literal(offset=self.offset(node), kind=_Kind.BOOLEAN, value=name == "true")
        if name == "null":
            raise self.error(node, t("expr.null_usage"))
        return _Column(offset=self.offset(node), kind=_Kind.ANY, name=name)

    def _constant(self, node: ast.Constant) -> _Node:
        value = node.value
        if value is None:
            raise self.error(node, t("expr.null_usage"))
        if not isinstance(value, bool | int | float | str):  # bytes, complex, Ellipsis
            construct = t("expr.c.literal", value=repr(value)[:40])
            raise self.error(node, t("expr.not_allowed", construct=construct))
        if not _in_range(value):
            raise self.error(node, t("expr.number_range", value=self.segment(node)[:40]))
        return _Literal(offset=self.offset(node), kind=_literal_kind(value), value=value)

    def _bool_op(self, node: ast.BoolOp) -> _Node:
        name = "and" if isinstance(node.op, ast.And) else "or"
        operands = tuple(self.expect(value, _Kind.BOOLEAN, name) for value in node.values)
        return _Logic(offset=self.offset(node), kind=_Kind.BOOLEAN, op=name, operands=operands)

    def _unary_op(self, node: ast.UnaryOp) -> _Node:
        offset = self.offset(node)
        if isinstance(node.op, ast.Not):
            operand = self.expect(node.operand, _Kind.BOOLEAN, "not")
            return _Not(offset=offset, kind=_Kind.BOOLEAN, operand=operand)
        if isinstance(node.op, ast.USub):
            operand = self.expect(node.operand, _Kind.NUMBER, "-")
            if isinstance(operand, _Literal) and isinstance(operand.value, int | float):
                # Fold `-3` into a literal so that it may appear in `in [...]` lists.
                return _Literal(offset=offset, kind=_Kind.NUMBER, value=-operand.value)
            return _Negate(offset=offset, kind=_Kind.NUMBER, operand=operand)
        raise self.error(node, _operator_refusal(node.op))

    def _bin_op(self, node: ast.BinOp) -> _Node:
        symbol = _ARITHMETIC.get(type(node.op))
        if symbol is None:
            raise self.error(node, _operator_refusal(node.op))
        left = self.expect(node.left, _Kind.NUMBER, symbol)
        right = self.expect(node.right, _Kind.NUMBER, symbol)
        return _Arithmetic(
            offset=self.offset(node), kind=_Kind.NUMBER, op=symbol, left=left, right=right
        )

    def _compare(self, node: ast.Compare) -> _Node:
        first = node.ops[0]
        special = (ast.In, ast.NotIn, ast.Is, ast.IsNot)
        if len(node.ops) > 1 and any(isinstance(op, special) for op in node.ops):
            raise self.error(node, t("expr.chain"))
        if isinstance(first, ast.Is | ast.IsNot):
            return self._is_null(node, negated=isinstance(first, ast.IsNot))
        if isinstance(first, ast.In | ast.NotIn):
            return self._membership(node, negated=isinstance(first, ast.NotIn))
        # `a < b < c` means `a < b and b < c`, as in Python and mathematics.
        left = self.convert(node.left)
        pairs: list[_Node] = []
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            right = self.convert(comparator)
            pairs.append(self._comparison(_COMPARISONS[type(op)], left, right))
            left = right
        if len(pairs) == 1:
            return pairs[0]
        return _Logic(offset=pairs[0].offset, kind=_Kind.BOOLEAN, op="and", operands=tuple(pairs))

    def _comparison(self, op: str, left: _Node, right: _Node) -> _Node:
        problem = _comparison_problem(op, left.kind, right.kind)
        if problem is not None:
            message = t(problem, left=_label(left.kind), right=_label(right.kind))
            raise ExpressionError(message, left.offset)
        return _Compare(offset=left.offset, kind=_Kind.BOOLEAN, op=op, left=left, right=right)

    def _is_null(self, node: ast.Compare, *, negated: bool) -> _Node:
        target = node.comparators[0]
        is_null = (isinstance(target, ast.Name) and target.id == "null") or (
            isinstance(target, ast.Constant) and target.value is None
        )
        if not is_null:
            raise self.error(target, t("expr.is_non_null"))
        operand = self.convert(node.left)
        return _IsNull(
            offset=self.offset(node), kind=_Kind.BOOLEAN, operand=operand, negated=negated
        )

    def _membership(self, node: ast.Compare, *, negated: bool) -> _Node:
        target = node.comparators[0]
        if not isinstance(target, ast.List):
            raise self.error(target, t("expr.in_needs_list"))
        operand = self.convert(node.left)
        items = tuple(self._list_item(item) for item in target.elts)
        kinds = {item.kind for item in items}
        if len(kinds) > 1:
            raise self.error(target, t("expr.list_mixed"))
        for kind in kinds:
            problem = _comparison_problem("==", operand.kind, kind)
            if problem is not None:
                message = t(problem, left=_label(operand.kind), right=_label(kind))
                raise self.error(target, message)
        return _Membership(
            offset=self.offset(node),
            kind=_Kind.BOOLEAN,
            operand=operand,
            items=items,
            negated=negated,
        )

    def _list_item(self, node: ast.AST) -> _Literal:
        converted = self.convert(node)
        if not isinstance(converted, _Literal):
            raise self.error(node, t("expr.list_items"))
        return converted

    def _stray_list(self, node: ast.List) -> _Node:
        raise self.error(node, t("expr.list_position"))

    def _call(self, node: ast.Call) -> _Node:
        func = node.func
        if not isinstance(func, ast.Name):
            raise self.error(
                func, _refusal(func) if isinstance(func, ast.Attribute) else t("expr.call_target")
            )
        if "__" in func.id:
            raise self.error(func, t("expr.dunder", name=func.id))
        spec = _FUNCTIONS.get(func.id)
        if spec is None:
            listed = ", ".join(f"{name}()" for name in _FUNCTIONS)
            raise self.error(func, t("expr.unknown_function", name=func.id, functions=listed))
        if node.keywords:
            keyword = node.keywords[0]
            construct = t("expr.c.keyword", name=keyword.arg or "**")
            raise self.error(keyword, t("expr.not_allowed", construct=construct))
        starred = next((arg for arg in node.args if isinstance(arg, ast.Starred)), None)
        if starred is not None:  # before counting arguments, which `*x` would hide
            raise self.error(starred, _refusal(starred))
        self._check_arity(node, func.id, spec)
        return self._function(node, func.id, spec)

    def _check_arity(self, node: ast.Call, name: str, spec: _Function) -> None:
        got = len(node.args)
        if spec.max_args is None and got < spec.min_args:
            raise self.error(node, t("expr.arity_min", name=name, expected=spec.min_args, got=got))
        if spec.max_args is not None and not spec.min_args <= got <= spec.max_args:
            raise self.error(
                node, nt("expr.arity", spec.min_args, name=name, expected=spec.min_args, got=got)
            )

    def _function(self, node: ast.Call, name: str, spec: _Function) -> _Node:
        offset = self.offset(node)
        if spec.argument is _Kind.ANY:  # coalesce: arguments agree with one another
            args = tuple(self.convert(arg) for arg in node.args)
            kind = self._common_kind(node, name, args)
            return _Call(offset=offset, kind=kind, function=name, args=args)
        first = self.expect(node.args[0], spec.argument, f"{name}()")
        rest = tuple(self.convert(arg) for arg in node.args[1:])
        for position, arg in enumerate(rest, start=2):
            if spec.text_literal_tail and not (
                isinstance(arg, _Literal) and isinstance(arg.value, str)
            ):
                raise ExpressionError(
                    t("expr.literal_argument", name=name, position=position), arg.offset
                )
        return _Call(offset=offset, kind=spec.result, function=name, args=(first, *rest))

    def _common_kind(self, node: ast.Call, name: str, args: Sequence[_Node]) -> _Kind:
        known = sorted({arg.kind for arg in args} - {_Kind.ANY})
        if len(known) > 1:
            kinds = ", ".join(_label(kind) for kind in known)
            raise self.error(node, t("expr.mixed_types", name=name, kinds=kinds))
        if len(known) == 1 and len(set(arg.kind for arg in args)) == 1:
            return known[0]
        return _Kind.ANY  # a column is involved: its kind is known only with data


def _literal_kind(value: bool | int | float | str) -> _Kind:
    """The kind of a literal."""
    if isinstance(value, bool):  # before int: bool is an int in Python
        return _Kind.BOOLEAN
    if isinstance(value, str):
        return _Kind.TEXT
    return _Kind.NUMBER


def _in_range(value: bool | int | float | str) -> bool:
    """Whether a number literal fits a pandas ``Int64``/``Float64`` column."""
    if isinstance(value, bool | str):
        return True
    if isinstance(value, int):
        return _INT64_MIN <= value <= _INT64_MAX
    return math.isfinite(value)


def _refusal(node: ast.AST) -> str:
    """The message refusing a Python construct outside the language."""
    if isinstance(node, ast.Attribute):
        construct = t("expr.c.attribute", name=node.attr)
    elif isinstance(node, ast.BinOp | ast.UnaryOp):
        return _operator_refusal(node.op)
    elif type(node) in _REFUSED_CONSTRUCTS:
        construct = t(_REFUSED_CONSTRUCTS[type(node)])
    else:
        construct = t("expr.c.other", name=type(node).__name__)
    return t("expr.not_allowed", construct=construct)


def _operator_refusal(op: ast.AST) -> str:
    """The message refusing a Python operator outside the language."""
    symbol, hint = _REFUSED_OPERATORS.get(type(op), (type(op).__name__, None))
    return t("expr.operator_not_allowed", operator=symbol, hint=t(hint) if hint else "")


# --- checks without data -----------------------------------------------------


def unknown_columns(expression: Expression, available: Iterable[str]) -> list[str]:
    """The column names ``expression`` uses that are not in ``available``, sorted."""
    return sorted(expression.columns - set(available))


def check_condition(expression: Expression) -> None:
    """Raise :class:`ExpressionError` if ``expression`` clearly is not a condition.

    Decided from the tree alone (``x + 1``, ``lower(s)``), so a loader can
    report it without data; a bare column is checked once its type is known.
    """
    kind = expression._tree.kind
    if kind not in (_Kind.BOOLEAN, _Kind.ANY):
        raise ExpressionError(t("expr.not_condition", kind=_label(kind)), 0)


# --- evaluation --------------------------------------------------------------


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

_NULL_DTYPES: Final[dict[_Kind, str]] = {
    _Kind.NUMBER: "Float64",
    _Kind.TEXT: "string",
    _Kind.BOOLEAN: "boolean",
    _Kind.DATETIME: "datetime64[ns, UTC]",
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
