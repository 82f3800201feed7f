"""Untrusted text into pages: the one rendering rule.

Every string that comes from a pull request or a data export — YAML values,
front matter, data cells, register entries, commit subjects — is untrusted.
SQMS writes pages as Markdown that MkDocs turns into HTML, so such text must
be inert twice: as HTML (no tag, no attribute, no entity of its own) and as
Markdown (no link, image, emphasis, heading, list, table cell, code span or
``{: attribute list}``). :func:`escape` does both, and is the only way
untrusted text reaches a generated page:

- HTML's five special characters become entities (``&lt;`` …);
- every character that Markdown reads as syntax anywhere in a line — links
  and images, attribute lists, code, emphasis, headings, tables, escapes
  (``[ ] { } ` * # | \\``, and ``_`` unless it joins two letters or digits,
  as in ``frt_within_4h``) — becomes a numeric character reference, which
  Python-Markdown copies through untouched and the browser shows as the
  character;
- what is syntax only at the start of a line (a list's ``-``, ``+`` or
  ``1.``, a rule or heading underline of ``-`` or ``=``, a definition's
  ``:``) is escaped there;
- line breaks and runs of white space become one space, so untrusted text can
  never start a block of its own, and control characters are dropped.

:func:`escape_series` applies the same rule to a whole column at once, and
:func:`html_text` is for the few places that are HTML but never Markdown
(page titles: see :mod:`sqms.plugin.titles`). :func:`link_target` makes a
relative link from a path built out of ids and file names.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import quote

import pandas as pd

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
"""HTML's special characters, as :func:`html.escape` writes them (``&`` first)."""

_MARKDOWN = "\\`*{}[]#|"
"""Characters that Markdown reads as syntax anywhere in a line (``_`` has a rule of its own)."""

_ENTITIES = {**_HTML, **{char: f"&#{ord(char)};" for char in _MARKDOWN}}
_TABLE = str.maketrans(_ENTITIES)

_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
"""An ``_`` that could open or close emphasis: not between two letters or digits."""
_UNDERSCORE_ENTITY = "&#95;"

_LINE_START = re.compile(r"^(?:(?P<mark>[-+=:])(?=[-+=:\s]|$)|(?P<number>\d+)\.(?=\s|$))")
"""Syntax only at the start of a line: list items, rules, setext headings, definitions."""

_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _line_start(match: re.Match[str]) -> str:
    if match["mark"]:
        return f"&#{ord(match['mark'])};"
    return f"{match['number']}&#46;"


def escape(text: object) -> str:
    """``text`` made inert as HTML and as Markdown, on one line (tables included)."""
    flat = _SPACE.sub(" ", _CONTROL.sub("", str(text))).strip()
    inert = _UNDERSCORE.sub(_UNDERSCORE_ENTITY, flat.translate(_TABLE))
    return _LINE_START.sub(_line_start, inert, count=1)


def escape_series(values: pd.Series) -> pd.Series:
    """:func:`escape` for every value of a column, vectorised (text in, text out)."""
    text = values.astype("str").str.replace(_CONTROL.pattern, "", regex=True)
    text = text.str.replace(_SPACE.pattern, " ", regex=True).str.strip()
    # ``&`` first, then ``#``: every entity written after them holds both.
    for char in sorted(_ENTITIES, key=lambda c: (c != "&", c != "#")):
        text = text.str.replace(char, _ENTITIES[char], regex=False)
    text = text.str.replace(_UNDERSCORE.pattern, _UNDERSCORE_ENTITY, regex=True)
    for mark in "-+=:":
        pattern = f"^{re.escape(mark)}(?=[-+=:\\s]|$)"
        text = text.str.replace(pattern, f"&#{ord(mark)};", regex=True)
    return text.str.replace(r"^(\d+)\.(?=\s|$)", r"\1&#46;", regex=True)


def code(text: object) -> str:
    """``text`` as inline code: ``<code>`` with the text made inert inside it.

    A Markdown code span would show an entity as written (``&#95;``), so the
    element is written as HTML; Markdown still reads inside inline HTML, which
    :func:`escape` makes inert.
    """
    return f"<code>{escape(text)}</code>"


def html_text(text: object) -> str:
    """``text`` as HTML text on one line, for places MkDocs never reads as Markdown."""
    return html.escape(_SPACE.sub(" ", _CONTROL.sub("", str(text))).strip(), quote=True)


def link_target(path: str) -> str:
    """A relative link target made from a path, with anything but a plain path character quoted.

    Targets are built from file names and ids, which a pull request chooses:
    ``)`` or a space would end the Markdown link early, and ``javascript:``
    would be a scheme. Quoted (``:`` becomes ``%3A``), they are only part of a path.
    """
    return quote(path, safe="/#.-_~")


def relative_link(target: str, page: str) -> str:
    """The quoted relative link from the site page ``page`` to ``target`` (``path#anchor``).

    Every link SQMS writes goes through here, so every target is quoted by
    :func:`link_target`.
    """
    path, hash_, anchor = target.partition("#")
    relative = posixpath.relpath(path, posixpath.dirname(page) or ".") if path else ""
    return link_target(relative + hash_ + anchor)
