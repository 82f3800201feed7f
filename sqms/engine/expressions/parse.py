"""Source text to a checked tree, without evaluating or running anything.

:func:`parse_expression` bounds the source's length, parses it with
:func:`ast.parse`, which only builds a syntax tree, bounds the tree's depth and
converts it node by node into our own tree (:mod:`sqms.engine.expressions.tree`).
A Python node type missing from the converter's dispatch table is refused, as
is a call to a name missing from the table of functions, with a message naming
the construct and its character offset. Converting also gives each node its
static kind (:mod:`sqms.engine.expressions.types`), so ``"a" + 1`` is refused
here, before any data is read.

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
"""

from __future__ import annotations

import ast
import io
import math
import tokenize
from collections.abc import Callable, Sequence
from typing import Any, Final

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
    _comparison_problem,
    _Function,
    _Kind,
    _label,
    _literal_kind,
)
from sqms.i18n import N_, nt, t

MAX_LENGTH: Final = 2000
"""Longest accepted source, so a hostile string cannot make the parser work hard."""

MAX_DEPTH: Final = 50
"""Deepest accepted syntax tree; our evaluator recurses, so depth must be bounded."""

_INT64_MIN: Final = -(2**63)
_INT64_MAX: Final = 2**63 - 1


# --- the whitelist: Python's operators in ours, what is refused --------------


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


# --- parsing -----------------------------------------------------------------


def parse_expression(source: str) -> Expression:
    """Parse and whitelist ``source``; raise :class:`ExpressionError` if refused.

    Nothing in ``source`` is executed: the text only ever becomes data (a
    syntax tree), and only whitelisted nodes survive into the result.
    """
    if not isinstance(source, str):
        raise ExpressionError(t("expr.not_text", got=type(source).__name__))
    if len(source) > MAX_LENGTH:
        raise ExpressionError(
            nt("expr.too_long", len(source), length=len(source), limit=MAX_LENGTH), MAX_LENGTH
        )
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
        raise ExpressionError(nt("expr.too_deep", MAX_DEPTH, limit=MAX_DEPTH), None) from exc


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
                raise self.error(node, nt("expr.too_deep", MAX_DEPTH, limit=MAX_DEPTH))
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
            raise self.error(
                node,
                nt("expr.arity_min", spec.min_args, name=name, expected=spec.min_args, got=got),
            )
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
