"""Adding a new page to the ``nav`` of ``mkdocs.yml``, by editing one line of its text.

``sqms doc new`` writes a page; with a ``nav`` in ``mkdocs.yml``, MkDocs
leaves out (and ``--strict`` fails on) any page that is not listed. The page
goes after the last entry of its own folder (a new procedure after the other
procedures), in the first list of the ``nav`` that has one, at that entry's
indentation. Only one line is inserted: comments, tags such as ``!ENV`` and
the layout of the rest of the file are kept byte for byte.

The file is read as the project's other YAML is (bounded: an alias bomb is not
expanded) and only *composed*, never constructed, so no tag is resolved and
nothing runs. Where an insertion could not be made safely (a flow-style list,
a ``nav`` that is not a list, no entry of the page's folder, a file that
cannot be read), nothing is written and the outcome says what to add by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sqms.diagnostics import Report
from sqms.io.files import write_atomic
from sqms.io.yamlsource import FILE_LIMITS, check_yaml_limits

CONFIG_FILE = "mkdocs.yml"
NAV = "nav"
_INDENT = re.compile(r"[ ]*")


class NavChange(StrEnum):
    """What adding a page to the navigation did."""

    ADDED = "added"
    """A line was inserted."""
    LISTED = "listed"
    """The page was already in the navigation."""
    NO_NAV = "no_nav"
    """There is no ``nav``: MkDocs lists every page by itself."""
    NO_SIBLING = "no_sibling"
    """Nothing was written: no list of the ``nav`` has a page of the same folder yet."""
    MANUAL = "manual"
    """Nothing was written: the file could not be read, or edited safely, here."""


@dataclass(frozen=True)
class NavResult:
    """The outcome, the line to add (``- procedures/x.md``) and where it went or should go."""

    change: NavChange
    entry: str
    line: int | None = None
    """The line of ``mkdocs.yml`` the entry was put on, or after which it belongs."""


def nav_entry(page: str) -> str:
    """The nav entry of a page: its path inside the manual folder, as MkDocs lists it."""
    return f"- {page}"


def add_to_nav(config_file: Path, page: str) -> NavResult:
    """Insert ``page`` (relative to the manual folder) into the ``nav`` of ``config_file``."""
    entry = nav_entry(page)
    try:
        raw = config_file.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return NavResult(NavChange.MANUAL, entry)
    plan = plan_insertion(text, page)
    if plan.change is not NavChange.ADDED or plan.line is None:
        return plan
    updated = insert_line(text, plan.line - 1, plan.entry)

    def write(path: Path) -> None:
        path.write_bytes(updated.encode("utf-8"))

    try:
        write_atomic(config_file, write)
    except OSError:
        return NavResult(NavChange.MANUAL, entry, plan.line - 1)
    return plan


def plan_insertion(text: str, page: str) -> NavResult:
    """Where ``page`` goes in the ``nav`` of ``text``; ``line`` is the 1-based new line.

    For :attr:`NavChange.ADDED`, ``entry`` is the whole line to insert, indented.
    """
    entry = nav_entry(page)
    found = _nav_node(text)
    if found is None:
        return NavResult(NavChange.MANUAL, entry)
    nav_line, nav = found
    if isinstance(nav, ScalarNode) and nav.value in ("", "~", "null"):
        return NavResult(NavChange.NO_NAV, entry)
    if not isinstance(nav, SequenceNode):
        return NavResult(NavChange.MANUAL, entry, nav_line)
    if page in _pages(nav):
        return NavResult(NavChange.LISTED, entry)
    folder = page.rpartition("/")[0]
    sibling = _last_sibling(nav, folder)
    if sibling is None:
        return NavResult(NavChange.NO_SIBLING, entry, nav_line)
    return _after(text, sibling, entry, nav_line)


def _nav_node(text: str) -> tuple[int, Node] | None:
    """The line of ``nav:`` and its value (a null scalar when there is none); None if unreadable."""
    probe = Report()
    check_yaml_limits(text, CONFIG_FILE, probe, FILE_LIMITS)
    if probe.has_errors:
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    missing = (1, ScalarNode("tag:yaml.org,2002:null", ""))
    if root is None:
        return missing
    if not isinstance(root, MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == NAV:
            return key.start_mark.line + 1, value
    return missing


def _page_of(item: Node) -> str | None:
    """The page an entry links to: ``- path.md`` or ``- Title: path.md``; None for a section."""
    if isinstance(item, ScalarNode):
        return item.value
    if isinstance(item, MappingNode) and len(item.value) == 1:
        value = item.value[0][1]
        return value.value if isinstance(value, ScalarNode) else None
    return None


def _sections(nav: SequenceNode) -> list[SequenceNode]:
    """Every list of the ``nav``, the top one first, in the order they are written."""
    found = [nav]
    for item in nav.value:
        if isinstance(item, MappingNode) and len(item.value) == 1:
            value = item.value[0][1]
            if isinstance(value, SequenceNode):
                found += _sections(value)
    return found


def _pages(nav: SequenceNode) -> set[str]:
    """Every page the ``nav`` lists."""
    pages = (_page_of(item) for section in _sections(nav) for item in section.value)
    return {page for page in pages if page is not None}


def _last_sibling(nav: SequenceNode, folder: str) -> Node | None:
    """The last entry of a page in ``folder``, in the first list of the nav that has one."""
    for section in _sections(nav):
        siblings = [item for item in section.value if _folder_of(item) == folder]
        if siblings:
            return siblings[-1]
    return None


def _folder_of(item: Node) -> str | None:
    """The folder of the page an entry links to (``""`` at the top); None for a section."""
    page = _page_of(item)
    return None if page is None else page.rpartition("/")[0]


def _after(text: str, item: Node, entry: str, nav_line: int) -> NavResult:
    """The line to insert after ``item``, at its indentation.

    MANUAL (nothing to insert) when the list is not in block style (``[a, b]``).
    """
    lines = text.splitlines()
    start = item.start_mark
    before = lines[start.line][: start.column] if start.line < len(lines) else ""
    dash = before.rstrip()
    if not dash.endswith("-") or not _INDENT.fullmatch(dash[:-1]):
        return NavResult(NavChange.MANUAL, entry, nav_line)
    # A mapping (``- Title: page.md``) ends where the next entry starts; its value does not.
    end = item.value[0][1].end_mark if isinstance(item, MappingNode) else item.end_mark
    # A mark at column 0 is the start of the next line: the entry ended on the line before.
    last = end.line - 1 if end.column == 0 else end.line
    if last >= len(lines):
        return NavResult(NavChange.MANUAL, entry, start.line + 1)
    return NavResult(NavChange.ADDED, f"{dash[:-1]}{entry}", last + 2)


def insert_line(text: str, index: int, line: str) -> str:
    """``text`` with ``line`` inserted before line ``index`` (0-based), in its line endings."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    if index > 0 and not lines[index - 1].endswith(("\n", "\r")):
        lines[index - 1] += newline
    lines.insert(index, line + newline)
    return "".join(lines)
