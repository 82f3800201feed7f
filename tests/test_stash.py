"""Generated blocks set aside while a page is converted and indexed come back unchanged."""

from __future__ import annotations

import markdown as md
import pytest

from sqms.site.stash import NONCE, set_aside

FIGURE = '<figure class="sqms-chart" markdown="0" data-search-exclude><svg><text>1 &lt; 2</text></svg><figcaption>A chart</figcaption></figure>'
NUMBERS = '<details class="sqms-numbers" data-search-exclude><summary>Numbers</summary><table><tr><td>1</td></tr></table></details>'


def test_blocks_come_back_in_their_places() -> None:
    page = f"# Title\n\nText before.\n\n{FIGURE}\n\n{NUMBERS}\n\nText after.\n"
    aside = set_aside(page)
    assert aside.blocks == [FIGURE, NUMBERS]
    assert "<svg" not in aside.markdown and "<table" not in aside.markdown
    html = md.markdown(aside.markdown, extensions=["md_in_html"])
    assert "<svg" not in html  # what search would read
    restored = aside.put_back(html)
    assert FIGURE in restored and NUMBERS in restored
    assert restored.index("Text before") < restored.index(FIGURE) < restored.index(NUMBERS)
    assert restored.index(NUMBERS) < restored.index("Text after")


def test_only_whole_lines_are_set_aside() -> None:
    indented = f"- item\n\n    {FIGURE}\n"
    inline = f"See {FIGURE} here.\n"
    for page in (indented, inline):
        aside = set_aside(page)
        assert aside.blocks == [] and aside.markdown == page


def test_a_page_cannot_name_a_block() -> None:
    forged = "<!--sqms-block-0000000000000000-0-->"
    aside = set_aside(f"{forged}\n\n{FIGURE}\n")
    html = md.markdown(aside.markdown)
    restored = aside.put_back(html)
    assert restored.count(FIGURE) == 1
    assert forged in restored


def test_a_lost_block_is_an_error() -> None:
    aside = set_aside(f"{FIGURE}\n")
    with pytest.raises(ValueError, match="did not reach"):
        aside.put_back("<p>the comment is gone</p>")
    duplicated = f"<!--sqms-block-{NONCE}-0--><!--sqms-block-{NONCE}-0-->"
    with pytest.raises(ValueError):
        aside.put_back(duplicated)


def test_nothing_to_set_aside() -> None:
    aside = set_aside("# Plain page\n")
    assert aside.blocks == []
    assert aside.put_back("<h1>Plain page</h1>") == "<h1>Plain page</h1>"
