"""Page titles and front matter that the theme prints as HTML, made inert.

MkDocs and Material print a page's title and some front-matter values
(``description``, ``subtitle``, ``status``…) straight into HTML: in the
navigation, the header, ``<meta name="description">`` and ``<title>``. Front
matter is untrusted text, so its string values are HTML-escaped before any
template sees them (:func:`inert_meta`).

A title taken from a page's first heading is HTML already, escaped by
Markdown. Material prints it in ``<title>`` through Jinja's ``striptags``,
which *un*-escapes entities: ``&lt;/title&gt;&lt;script&gt;`` would come out
as live markup. :func:`settle_title` stores the title, as escaped plain text,
in the page's ``title`` meta, which every template prints as it is, so no
template un-escapes it. The home page keeps the site name as its
``<title>``, as Material gives it.
"""

from __future__ import annotations

import html
import re
from collections.abc import MutableMapping
from typing import Any

from sqms.text.markup import html_text

_TAG = re.compile(r"<[^>]*>")


def inert_meta(meta: MutableMapping[str, Any]) -> None:
    """Escape, in place, every text of the front matter, and texts in its top-level lists.

    Values that are not text (numbers, dates, mappings such as ``search:``)
    are left as they are: no template prints them as HTML.
    """
    for key, value in list(meta.items()):
        if isinstance(value, str):
            meta[key] = html_text(value)
        elif isinstance(value, list):
            meta[key] = [html_text(item) if isinstance(item, str) else item for item in value]


def settle_title(meta: MutableMapping[str, Any], title: str | None, homepage: bool) -> None:
    """Keep ``title`` (HTML from the page's heading) as escaped text in ``meta['title']``.

    A title from the front matter was escaped by :func:`inert_meta` already;
    escaping the plain text again gives the same string.
    """
    if title is None or (homepage and "title" not in meta):
        return
    text = html.unescape(_TAG.sub("", str(title)))
    meta["title"] = html_text(text)
