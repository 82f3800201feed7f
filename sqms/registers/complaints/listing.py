"""Where each complaint is listed: on the register's page, or on list pages of a fixed size.

A service desk with a million tickets a year receives over ten thousand
complaints; listed on one page they make a page of several megabytes that a
browser opens slowly and search indexes whole. Up to :data:`LIST_ROWS`
complaints are listed on the register's page itself. More are listed
:data:`LIST_ROWS` to a page, in the order of the register file, on list
pages beside it (``registers/complaints/list-1.md``, …), each linked from the
register's page and from the pages before and after it. List pages are left
out of search: their rows are the register file's, already on the site, and
the register's page holds the summaries readers search for.

Every link to a complaint (from an action, the dashboard, a review) goes to
the page that lists it: :func:`placement` is the one rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from sqms.registers.common import COMPLAINTS_PAGE, REGISTER_DIR
from sqms.registers.complaints.rows import anchors
from sqms.text.markup import escape_series, relative_link

LIST_ROWS = 500
"""Complaints listed on one page at most (about 400 bytes of HTML each)."""
LIST_DIR = f"{REGISTER_DIR}/complaints"


@dataclass(frozen=True)
class ListPage:
    """One list page: its site path and the positions of the rows it lists."""

    path: str
    number: int
    start: int
    stop: int


def list_pages(total: int, per_page: int | None = None) -> list[ListPage]:
    """The list pages of ``total`` complaints; none when they fit on the register's page."""
    size = LIST_ROWS if per_page is None else per_page
    if total <= size:
        return []
    starts = range(0, total, size)
    return [
        ListPage(f"{LIST_DIR}/list-{n}.md", n, start, min(start + size, total))
        for n, start in enumerate(starts, start=1)
    ]


def placement(ids: pd.Series, per_page: int | None = None) -> dict[str, str]:
    """Each complaint id → the site path and anchor of the row that lists it (file order)."""
    ids = ids.astype("str").reset_index(drop=True)
    paths = pd.Series(COMPLAINTS_PAGE, index=ids.index, dtype="str")
    for page in list_pages(len(ids), per_page):
        paths.iloc[page.start : page.stop] = page.path
    targets = paths + "#" + anchors(ids)
    return dict(zip(ids.tolist(), targets.tolist(), strict=True))


def row_links(ids: pd.Series, places: Mapping[str, str], page: str = COMPLAINTS_PAGE) -> pd.Series:
    """A Markdown link from ``page`` to each complaint's row: ``[CMP-7](#cmp-7)`` on the page
    itself, ``[CMP-7](complaints/list-1.md#cmp-7)`` on a list page (one link per id)."""
    texts = ids.astype("str")
    paths = texts.map(places).fillna(page).astype("str").str.partition("#")[0]
    relative = paths.map({path: relative_link(path, page) for path in paths.unique()})
    fragment = "#" + anchors(texts)
    targets = fragment.where(paths == page, relative + fragment)
    return "[" + escape_series(texts) + "](" + targets + ")"
