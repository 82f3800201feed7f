"""Finished HTML blocks of generated pages, set aside while MkDocs converts and indexes the page.

A generated page's charts are inline SVG, and the numbers under them are
HTML tables folded in ``<details>``: finished HTML that Markdown leaves as it
is and that search does not index (``data-search-exclude``). Both still read
every character of them, and on pages with many charts that reading costs
more than the rest of the page. So each such block, standing on a line of its
own, is replaced before Markdown by a comment naming it, and put back in the
page's HTML after the search index has read the page: the published page is
the same, byte for byte.

The comment carries a number drawn for this process, so a page cannot name a
block by writing the comment itself. Register tables of thousands of rows are
set aside the same way, as finished HTML: their links name Markdown files,
which the site builder turns into addresses when the block is put back.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

BLOCK = re.compile(
    r'^(?:<figure class="sqms-chart"[^\n]*</figure>'
    r'|<details class="sqms-numbers"[^\n]*</details>'
    r'|<div class="sqms-sortable sqms-register" [^\n]*data-sqms-finished>[^\n]*</div>)$',
    re.MULTILINE,
)
"""A chart figure, a numbers block or a finished register table, alone on its line, as
:mod:`sqms.site.pages.common` writes them (each on one line)."""
LINK = re.compile(r'href="(?P<path>[^"#]*\.md)(?P<anchor>#[^"]*)?"')
"""A link to a page by its Markdown file, as SQMS writes links in finished tables."""
NONCE = secrets.token_hex(8)
PLACEHOLDER = re.compile(rf"<!--sqms-block-{NONCE}-(\d+)-->")


@dataclass
class SetAside:
    """A page's Markdown with its blocks replaced by comments, and the blocks in order."""

    markdown: str
    blocks: list[str] = field(default_factory=list)

    def put_back(self, html: str, address: Callable[[str], str] | None = None) -> str:
        """``html`` with every comment replaced by its block again.

        ``address`` turns the Markdown file a link names (``../actions/ACT-1.md``,
        relative to the page) into the address the site builder gives it, as
        Markdown links get theirs. Raises ValueError when a comment did not
        survive the conversion: the page would otherwise lose a block without
        a word.
        """
        found = PLACEHOLDER.findall(html)
        if sorted(int(number) for number in found) != list(range(len(self.blocks))):
            raise ValueError("a generated block did not reach the page's HTML")
        blocks = self.blocks if address is None else [_addressed(b, address) for b in self.blocks]
        return PLACEHOLDER.sub(lambda match: blocks[int(match.group(1))], html)


def _addressed(block: str, address: Callable[[str], str]) -> str:
    """The block with each link to a Markdown file given its address (anchors kept)."""

    def one(match: re.Match[str]) -> str:
        return f'href="{address(match.group("path"))}{match.group("anchor") or ""}"'

    return LINK.sub(one, block)


def set_aside(markdown: str) -> SetAside:
    """Replace each chart and numbers block standing on its own line by a numbered comment."""
    aside = SetAside(markdown)

    def keep(match: re.Match[str]) -> str:
        aside.blocks.append(match.group(0))
        return f"<!--sqms-block-{NONCE}-{len(aside.blocks) - 1}-->"

    aside.markdown = BLOCK.sub(keep, markdown)
    return aside
