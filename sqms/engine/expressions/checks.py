"""Checks without data: what a loader can say of an expression before reading any.

:func:`unknown_columns` compares the columns an expression names with a
dataset's declared ones; :func:`check_condition` refuses, from the tree's
static kind alone, an expression that clearly is not a condition.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqms.engine.expressions.errors import ExpressionError
from sqms.engine.expressions.tree import Expression
from sqms.engine.expressions.types import _Kind, _label
from sqms.i18n import t


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
