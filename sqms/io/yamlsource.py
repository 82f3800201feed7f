"""Safe YAML loading that remembers where every key came from.

PyYAML's safe loader builds plain data only (no Python objects, no code). We
extend it in two ways the quality team needs: every mapping and list keeps the
line of each of its entries, so a problem found later (an unknown column, a bad
target) can be reported as ``file:line``; and duplicate keys, which YAML would
silently resolve by keeping the last one, are reported as errors.

YAML files and front matter come from pull requests, so they are untrusted.
Everything that could make a small text cost a lot of time or memory is
bounded while the text is *composed* (before any Python value is built): the
size of the text, the number of values, how deep collections nest, how long a
number is, and above all how much aliases expand. An alias (``*name``) reuses
the node its anchor (``&name``) marks; nine levels of nine aliases each (the
"billion laughs") describe a billion values in a few hundred bytes. The
expanded size of every node is computed once, bottom-up, from its children's
(the graph is never expanded), and an alias that refers to a node still being
composed is a recursive structure: both are located errors.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, Event, MappingStartEvent, SequenceStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sqms.diagnostics import Report, shorten
from sqms.i18n import N_, nt, t

MB = 1024 * 1024
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


@dataclass(frozen=True)
class YamlLimits:
    """How much one YAML text may hold; beyond any bound it is refused, at a line.

    ``too_large`` is the message key used when the text is over ``max_bytes``
    (a data file and a page's front matter say so in their own words).
    """

    max_bytes: int
    max_nodes: int
    too_large: str
    max_alias_nodes: int = 10_000
    """Values that aliases add, counted as if every alias were written out."""
    max_depth: int = 100
    """Collections (mappings and lists) inside one another."""
    max_number_length: int = 100
    """Characters of a number: longer ones cost quadratic time (``1:00:00:…``) or fail."""


FILE_LIMITS = YamlLimits(
    max_bytes=10 * MB, max_nodes=1_000_000, too_large=N_("yaml.file_too_large")
)
"""The limits of a YAML file of the project (``data/*.yml``, registers, frameworks)."""


class YamlMap(dict[Any, Any]):
    """A mapping that knows its own line and the line of each key."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.key_lines: dict[Any, int] = {}


class YamlList(list[Any]):
    """A list that knows its own line and the line of each item."""

    line: int = 0

    def __init__(self) -> None:
        super().__init__()
        self.item_lines: list[int] = []


class _Located(yaml.MarkedYAMLError):
    """A problem whose message is already translated and whose mark is its line."""

    def __init__(self, problem: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


class _LineLoader(yaml.SafeLoader):
    """The safe loader, within :class:`YamlLimits`, building YamlMap and YamlList."""

    def __init__(self, stream: str, limits: YamlLimits = FILE_LIMITS) -> None:
        super().__init__(stream)
        self.limits = limits
        self._sizes: dict[int, int] = {}
        """Expanded size (values, aliases written out) of each node composed so far, by id."""
        self._nodes = 0
        self._aliased = 0
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        """Compose one node, keeping count of its expanded size, depth and aliases."""
        if self.check_event(AliasEvent):
            return self._compose_alias(parent, index)
        mark = _mark_of(self._next_event())
        level = 1 if self.check_event(MappingStartEvent, SequenceStartEvent) else 0
        self._depth += level
        if self._depth > self.limits.max_depth:
            raise _Located(
                nt("yaml.too_deep", self.limits.max_depth, limit=self.limits.max_depth), mark
            )
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= level
        if node is not None:
            self._finish(node)
        return node

    def _compose_alias(self, parent: Node | None, index: int) -> Node | None:
        """An alias adds the whole expanded size of its node; a node inside itself is refused."""
        event = self._next_event()
        node = super().compose_node(parent, index)
        size = self._sizes.get(id(node))
        if size is None:
            # Anchored but not finished: the alias sits inside the node it names.
            name = shorten(getattr(event, "anchor", ""), 40)
            raise _Located(t("yaml.recursive_alias", anchor=name), _mark_of(event))
        self._aliased += size
        if self._aliased > self.limits.max_alias_nodes:
            limit = f"{self.limits.max_alias_nodes:,}"
            raise _Located(
                nt("yaml.alias_bomb", self.limits.max_alias_nodes, limit=limit), _mark_of(event)
            )
        return node

    def _next_event(self) -> Event:
        """The next event, left in place (PyYAML's type stubs leave ``peek_event`` untyped)."""
        event: Event = self.peek_event()  # type: ignore[no-untyped-call]
        return event

    def _finish(self, node: Node) -> None:
        """Record the expanded size of a node whose children are all composed."""
        if isinstance(node, SequenceNode):
            size = 1 + sum(self._sizes[id(child)] for child in node.value)
        elif isinstance(node, MappingNode):
            size = 1 + sum(self._sizes[id(k)] + self._sizes[id(v)] for k, v in node.value)
        else:
            size = 1
            self._check_number(node)
        self._sizes[id(node)] = size
        self._nodes += 1
        if self._nodes > self.limits.max_nodes:
            limit = f"{self.limits.max_nodes:,}"
            raise _Located(t("yaml.too_many_nodes", limit=limit), node.start_mark)

    def _check_number(self, node: Node) -> None:
        """Refuse a number too long to convert cheaply."""
        if not isinstance(node, ScalarNode) or node.tag not in _NUMBER_TAGS:
            return
        length = len(node.value)
        if length > self.limits.max_number_length:
            message = nt("yaml.number_too_long", length, length=f"{length:,}",
                         limit=self.limits.max_number_length)  # fmt: skip
            raise _Located(message, node.start_mark)


def _mark_of(event: Event) -> yaml.Mark | None:
    """Where an event starts in the text."""
    mark = event.start_mark
    return mark if isinstance(mark, yaml.Mark) else None


def _construct_map(loader: yaml.SafeLoader, node: MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    mapping = YamlMap()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise _Located(t("yaml.key_not_plain"), key_node.start_mark)
        if key in mapping.key_lines:
            first = mapping.key_lines[key]
            raise _Located(t("yaml.duplicate_key", key=shorten(key), first=first),
                           key_node.start_mark)  # fmt: skip
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_list(loader: yaml.SafeLoader, node: SequenceNode) -> YamlList:
    items = YamlList()
    items.line = node.start_mark.line + 1
    for child in node.value:
        items.append(loader.construct_object(child, deep=True))
        items.item_lines.append(child.start_mark.line + 1)
    return items


def _reject_tag(loader: yaml.SafeLoader, suffix: str, node: Node) -> Any:
    raise _Located(t("yaml.unsupported_tag", tag=shorten(node.tag)), node.start_mark)


def _construct_timestamp(loader: yaml.SafeLoader, node: Node) -> Any:
    """A date or time; an impossible one (``2026-02-30``) is a located error, not a crash."""
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[arg-type]
    except ValueError as exc:
        message = t("yaml.bad_date", value=shorten(node.value), problem=shorten(str(exc)))
        raise _Located(message, node.start_mark) from exc


def _construct_int(loader: yaml.SafeLoader, node: Node) -> Any:
    """An integer; one Python cannot convert is a located error, not a crash."""
    try:
        return loader.construct_yaml_int(node)  # type: ignore[arg-type]
    except ValueError as exc:
        message = t("yaml.syntax", problem=shorten(str(exc), 200))
        raise _Located(message, node.start_mark) from exc


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_list)
_LineLoader.add_multi_constructor("", _reject_tag)


def decode_utf8(raw: bytes, display: str, report: Report) -> str | None:
    """Decode ``raw`` as UTF-8 (a byte-order mark is allowed) or report where it is not."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        report.error(display, line, t("yaml.not_utf8", offset=exc.start))
        return None


def parse_yaml(text: str, display: str, report: Report, *, limits: YamlLimits = FILE_LIMITS) -> Any:
    """Parse YAML text within ``limits``; on any problem report it at its line and return None."""
    if not _small_enough(text, display, report, limits):
        return None
    loader = _LineLoader(text, limits)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        _report_marked(exc, display, report)
    except yaml.YAMLError as exc:
        report.error(display, None, t("yaml.syntax", problem=shorten(str(exc), 200)))
    finally:
        loader.dispose()
    return None


def check_yaml_limits(text: str, display: str, report: Report, limits: YamlLimits) -> None:
    """Report only where ``text`` exceeds ``limits``, building nothing.

    For YAML that SQMS does not read itself but that another program will
    (the front matter of a page that is not a controlled document): its
    syntax and content are that program's business, its cost is ours.
    """
    if not _small_enough(text, display, report, limits):
        return
    loader = _LineLoader(text, limits)
    try:
        loader.get_single_node()
    except _Located as exc:
        _report_marked(exc, display, report)
    except yaml.YAMLError:
        pass  # not YAML the other program can read either: nothing is built from it
    finally:
        loader.dispose()


def _small_enough(text: str, display: str, report: Report, limits: YamlLimits) -> bool:
    """Whether ``text`` is within the size limit; if not, say so at line 1."""
    if len(text) <= limits.max_bytes // 4 or len(text.encode("utf-8")) <= limits.max_bytes:
        return True
    report.error(display, 1, t(limits.too_large, limit=limits.max_bytes // MB))
    return False


def _report_marked(exc: yaml.MarkedYAMLError, display: str, report: Report) -> None:
    """Report a problem PyYAML located (or one of ours) at its line."""
    if isinstance(exc, _Located):
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        report.error(display, line, str(exc.problem))
        return
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = shorten(exc.problem or exc.context or "?", 200)
    report.error(display, line, t("yaml.syntax", problem=problem))


def load_yaml(path: Path, display: str, report: Report, *, allow_empty: bool = False) -> Any:
    """Load a YAML file safely, reporting problems as ``display:line``.

    Returns the data, or None when the file is missing, too large, not UTF-8,
    malformed or (unless ``allow_empty``) empty; in those cases an error has
    been reported.
    """
    raw = _read_bounded(path, display, report, FILE_LIMITS.max_bytes)
    if raw is None:
        return None
    text = decode_utf8(raw, display, report)
    if text is None:
        return None
    errors_before = len(report.errors)
    data = parse_yaml(text, display, report)
    if data is None and len(report.errors) == errors_before and not allow_empty:
        report.error(display, 1, t("yaml.empty"))
    return data


def _read_bounded(path: Path, display: str, report: Report, limit: int) -> bytes | None:
    """The bytes of a regular file of at most ``limit`` bytes, or None (reported).

    Reading stops one byte past the limit, so a huge file (or a link to an
    endless device) costs no more than the limit; anything but a regular file
    (a folder, a named pipe that would block) is refused before it is opened.
    """
    if not path.exists():
        report.error(display, None, t("yaml.not_found"))
        return None
    if not path.is_file():
        report.error(display, None, t("yaml.not_a_file"))
        return None
    try:
        with path.open("rb") as stream:
            raw = stream.read(limit + 1)
    except OSError as exc:
        report.error(display, None, t("yaml.unreadable", problem=shorten(exc.strerror or str(exc))))
        return None
    if len(raw) > limit:
        report.error(display, 1, t(FILE_LIMITS.too_large, limit=limit // MB))
        return None
    return raw


def line_of(data: Any, path: Sequence[Any]) -> int | None:
    """The line of the deepest entry of ``path`` found in ``data``.

    ``path`` is a key path such as ``("indicators", "frt_sla", "target")``. When
    a key is missing (a required key was left out), the line of the mapping that
    should have held it is returned, which is where the user must add it.
    """
    line = getattr(data, "line", None) or None
    node = data
    for key in path:
        if isinstance(node, YamlMap) and key in node:
            line = node.key_lines.get(key, line)
            node = node[key]
        elif isinstance(node, YamlList) and isinstance(key, int) and 0 <= key < len(node):
            line = node.item_lines[key]
            node = node[key]
        else:
            break
    return line
