"""Safe YAML loading that remembers where every key came from.

PyYAML's safe loader builds plain data only (no Python objects, no code). We
extend it in two ways the quality team needs: every mapping and list keeps the
line of each of its entries, so a problem found later (an unknown column, a bad
target) can be reported as ``file:line``; and duplicate keys, which YAML would
silently resolve by keeping the last one, are reported as errors.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from sqms.diagnostics import Report
from sqms.i18n import t


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


class _DuplicateKey(yaml.MarkedYAMLError):
    """A key defined twice in one mapping."""


class _UnsupportedTag(yaml.MarkedYAMLError):
    """A tag asking for anything but plain data (``!!python/object`` and the like)."""


class _LineLoader(yaml.SafeLoader):
    """The safe loader, building :class:`YamlMap` and :class:`YamlList`."""


def _construct_map(loader: yaml.SafeLoader, node: MappingNode) -> YamlMap:
    loader.flatten_mapping(node)
    mapping = YamlMap()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value", key_node.start_mark
            )
        if key in mapping.key_lines:
            raise _DuplicateKey(
                problem=t("yaml.duplicate_key", key=key, first=mapping.key_lines[key]),
                problem_mark=key_node.start_mark,
            )
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
    raise _UnsupportedTag(
        problem=t("yaml.unsupported_tag", tag=node.tag), problem_mark=node.start_mark
    )


def _construct_timestamp(loader: yaml.SafeLoader, node: Node) -> Any:
    """A date or time; an impossible one (``2026-02-30``) is a located error, not a crash."""
    try:
        return loader.construct_yaml_timestamp(node)  # type: ignore[arg-type]
    except ValueError as exc:
        raise _UnsupportedTag(
            problem=t("yaml.bad_date", value=node.value, problem=str(exc)),
            problem_mark=node.start_mark,
        ) from exc


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
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


def parse_yaml(text: str, display: str, report: Report) -> Any:
    """Parse YAML text; on a syntax error report it at its line and return None."""
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except (_DuplicateKey, _UnsupportedTag) as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        report.error(display, line, str(exc.problem))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        report.error(display, line, t("yaml.syntax", problem=exc.problem or exc.context or "?"))
    except yaml.YAMLError as exc:
        report.error(display, None, t("yaml.syntax", problem=str(exc)))
    return None


def load_yaml(path: Path, display: str, report: Report, *, allow_empty: bool = False) -> Any:
    """Load a YAML file safely, reporting problems as ``display:line``.

    Returns the data, or None when the file is missing, not UTF-8, malformed or
    (unless ``allow_empty``) empty; in those cases an error has been reported.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        report.error(display, None, t("yaml.not_found"))
        return None
    text = decode_utf8(raw, display, report)
    if text is None:
        return None
    errors_before = len(report.errors)
    data = parse_yaml(text, display, report)
    if data is None and len(report.errors) == errors_before and not allow_empty:
        report.error(display, 1, t("yaml.empty"))
    return data


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
