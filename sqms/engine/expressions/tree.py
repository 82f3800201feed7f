"""The parsed tree: a tree of our own rather than Python's.

It holds only what the language has, so the evaluator cannot meet a node it
does not know, and each node carries its static kind and its character
offset for messages. :class:`Expression` wraps a tree with its source and the
columns it names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sqms.engine.expressions.types import _Kind


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
