"""Safe filter and condition expressions for indicator definitions.

Indicator definitions written in YAML carry small expressions such as
``first_response_h <= 4 and channel in ["chat", "phone"]``. Those files arrive
through pull requests and are built by CI, so an expression must never be able
to run code. This package therefore never hands the text to ``eval`` or
``exec``, nor compiles it to code: the text only ever becomes data, in three
steps.

* parse (:mod:`~sqms.engine.expressions.parse`): :func:`ast.parse` only builds
  a syntax tree; it is accepted only if every node is on a short whitelist,
  and converted into a small tree of our own
  (:mod:`~sqms.engine.expressions.tree`). Anything else (attribute access,
  subscripts, calls to unlisted names, lambdas, ...) is refused with a message
  naming the construct and its character offset.
* type (:mod:`~sqms.engine.expressions.types`): each node of our tree gets its
  kind (number, text, datetime, boolean) as it is converted, so mismatches the
  tree alone shows are refused before any data is read
  (:mod:`~sqms.engine.expressions.checks`: unknown columns, not a condition);
  the kinds of columns are checked once their data are known.
* evaluate (:mod:`~sqms.engine.expressions.evaluation`): our tree, never
  Python's, is evaluated by our own code, vectorised over a pandas DataFrame,
  with SQL-like nulls.

Every step raises :class:`ExpressionError` (:mod:`~sqms.engine.expressions.errors`).
"""

from __future__ import annotations

from sqms.engine.expressions.checks import check_condition, unknown_columns
from sqms.engine.expressions.errors import ExpressionError
from sqms.engine.expressions.evaluation import evaluate, evaluate_condition
from sqms.engine.expressions.parse import MAX_DEPTH, MAX_LENGTH, parse_expression
from sqms.engine.expressions.tree import Expression
from sqms.engine.expressions.types import KIND_WORDS
from sqms.engine.expressions.types import _Kind as _Kind

__all__ = [
    "KIND_WORDS",
    "MAX_DEPTH",
    "MAX_LENGTH",
    "Expression",
    "ExpressionError",
    "check_condition",
    "evaluate",
    "evaluate_condition",
    "parse_expression",
    "unknown_columns",
]
