"""Generated pages' tables in a browser: they fit, and register tables sort, filter and page.

The sample site (the session's ``sample_site`` build) is opened from
``file://`` in headless Chromium with the network blocked, as in
:mod:`tests.test_site_offline`:

* at 1400×900, no table of a generated page is wider than the box it sits
  in, so no column (a target, a status) is hidden behind a sideways scroll;
* at 390×844 (a phone) a table may scroll inside its own box, but the page
  itself never scrolls sideways;
* the complaint register's list is sorted by a click on a heading, filtered
  by typing, paged 50 rows at a time, and a link to a complaint on a later
  page shows its row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.test_site_offline import (
    assert_offline,
    file_url,
    launched_chromium,
    watched_context,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

    from tests.test_site_offline import Watched

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
PAGE_SIZE = 50
"""Rows a register table shows at a time (``REGISTER_PAGE_SIZE``)."""
COMPLAINTS = "registers/complaints.html"

OVERFLOWING_TABLES = """() => {
  const found = [];
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  document.querySelectorAll('article table').forEach((table, index) => {
    const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
    if (table.scrollWidth > box.clientWidth + 1) {
      const right = box.getBoundingClientRect().right;
      const hidden = Array.from(table.querySelectorAll('thead th'))
        .filter((th) => th.getBoundingClientRect().right > right + 1)
        .map((th) => th.textContent.trim());
      found.push(`table ${index}: ${table.scrollWidth}px in ${box.clientWidth}px, `
        + `hides ${hidden.join(', ')}`);
    }
  });
  return found;
}"""
"""Every table (numbers opened) wider than its box, with the headings it hides."""

PAGE_WIDTH = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def generated_pages(site: Path) -> list[Path]:
    """Every generated page but the dashboard: indicators, plan, cycle, registers, clauses."""
    pages = sorted(site.glob("indicators/*.html"))
    pages += [site / name for name in ("quality-plan.html", "service-cycle.html")]
    pages += [site / "document-register.html"]
    pages += sorted(site.glob("registers/**/*.html")) + sorted(site.glob("certification/*.html"))
    missing = [page for page in pages if not page.is_file()]
    assert not missing and len(pages) > 20, f"the sample site lacks pages: {missing}"
    return pages


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Debian chromium for this module (skipped without it, failed under CI)."""
    with launched_chromium() as launched:
        yield launched


@pytest.fixture
def watched(browser: Browser) -> Iterator[Watched]:
    """A context with the network blocked and errors recorded, for one test."""
    with watched_context(browser) as watch:
        yield watch


def open_page(watch: Watched, path: Path, size: dict[str, int], fragment: str = "") -> Page:
    """A tab of ``size`` showing the built page at ``path`` from disk."""
    tab = watch.new_page()
    tab.set_viewport_size(size)
    tab.goto(file_url(path) + fragment, wait_until="load")
    return tab


def test_no_table_is_wider_than_its_box_at_1400(sample_site: Path, watched: Watched) -> None:
    tab = open_page(watched, sample_site / "index.html", DESKTOP)
    overflowing = {}
    for path in generated_pages(sample_site):
        tab.goto(file_url(path), wait_until="load")
        found = tab.evaluate(OVERFLOWING_TABLES)
        if found:
            overflowing[str(path.relative_to(sample_site))] = found
    assert not overflowing, f"tables scroll sideways at 1400 px: {overflowing}"
    assert_offline(watched)


def test_generated_pages_use_the_width_at_1400(sample_site: Path, watched: Watched) -> None:
    """Reports are wider than Material's 688 px column; the register list loses its contents."""
    tab = open_page(watched, sample_site / "indicators" / "frt_median.html", DESKTOP)
    assert tab.evaluate("() => document.querySelector('article').clientWidth") > 800
    assert tab.locator(".md-sidebar--secondary").is_visible()
    tab.goto(file_url(sample_site / COMPLAINTS), wait_until="load")
    assert tab.evaluate("() => document.querySelector('article').clientWidth") > 1000
    assert not tab.locator(".md-sidebar--secondary").is_visible()
    tab.goto(file_url(sample_site / "policy" / "quality-policy.html"), wait_until="load")
    assert tab.evaluate("() => document.querySelector('article').clientWidth") < 700
    assert_offline(watched)


def test_values_show_target_and_status(sample_site: Path, watched: Watched) -> None:
    """Each indicator's table of values shows its target and status within its box."""
    tab = open_page(watched, sample_site / "index.html", DESKTOP)
    for path in sorted(sample_site.glob("indicators/*.html")):
        tab.goto(file_url(path), wait_until="load")
        table = tab.locator("h2#values ~ div table").first
        box = table.locator("xpath=ancestor::div[contains(@class, 'scrollwrap')]").bounding_box()
        headings = table.locator("thead th")
        names = [name.strip() for name in headings.all_inner_texts()]
        assert names[:2] == ["Period", "Value"], path.name
        for name in ("Target", "Status"):
            if name not in names:  # left out only when empty, and then named in the note
                note = tab.locator("h2#values ~ p.sqms-table-note").first.inner_text()
                assert name in note, path.name
                continue
            cell = headings.nth(names.index(name)).bounding_box()
            assert box is not None and cell is not None
            assert cell["x"] + cell["width"] <= box["x"] + box["width"] + 1, (path.name, name)
    assert_offline(watched)


def test_no_page_scrolls_sideways_on_a_phone(sample_site: Path, watched: Watched) -> None:
    tab = open_page(watched, sample_site / "index.html", PHONE)
    wide = {}
    for path in generated_pages(sample_site):
        tab.goto(file_url(path), wait_until="load")
        scroll, client = tab.evaluate(PAGE_WIDTH)
        if scroll > client:
            wide[str(path.relative_to(sample_site))] = scroll
    assert not wide, f"pages wider than a 390 px phone: {wide}"
    assert_offline(watched)


# --------------------------------------------------------------------------
# The complaint register: sort, filter, page
# --------------------------------------------------------------------------


def register(tab: Page) -> dict[str, object]:
    """The list of complaints as the script left it: every row's id, which are shown, status."""
    return tab.evaluate(
        """() => {
          const wrapper = document.querySelector('div.sqms-register');
          const rows = Array.from(wrapper.querySelectorAll('tbody tr'));
          return {
            ids: rows.map((row) => row.cells[0].textContent.trim()),
            text: rows.map((row) => row.textContent.toLowerCase()),
            shown: rows.filter((row) => !row.hidden).map((row) => row.cells[0].textContent.trim()),
            status: wrapper.querySelector('.sqms-pager__status').textContent,
          };
        }"""
    )


def test_register_pages_by_50_rows(sample_site: Path, watched: Watched) -> None:
    tab = open_page(watched, sample_site / COMPLAINTS, DESKTOP)
    state = register(tab)
    ids = state["ids"]
    assert isinstance(ids, list) and len(ids) > 2 * PAGE_SIZE, "the sample has too few complaints"
    total = len(ids)
    assert state["shown"] == ids[:PAGE_SIZE]
    assert state["status"] == f"Rows 1–{PAGE_SIZE} of {total}"
    previous = tab.get_by_role("button", name="Previous")
    following = tab.get_by_role("button", name="Next")
    assert previous.is_disabled() and following.is_enabled()
    following.click()
    state = register(tab)
    assert state["shown"] == ids[PAGE_SIZE : 2 * PAGE_SIZE]
    assert state["status"] == f"Rows {PAGE_SIZE + 1}–{2 * PAGE_SIZE} of {total}"
    previous.click()
    assert register(tab)["shown"] == ids[:PAGE_SIZE]
    last_page = (total - 1) // PAGE_SIZE
    for _ in range(last_page):
        following.click()
    state = register(tab)
    assert state["shown"] == ids[last_page * PAGE_SIZE :]
    assert state["status"] == f"Rows {last_page * PAGE_SIZE + 1}–{total} of {total}"
    assert following.is_disabled()
    assert_offline(watched)


def test_register_sorts_by_a_clicked_heading(sample_site: Path, watched: Watched) -> None:
    tab = open_page(watched, sample_site / COMPLAINTS, DESKTOP)
    before = register(tab)["ids"]
    assert isinstance(before, list)
    heading = tab.locator("div.sqms-register thead th").first
    heading.click()
    order = heading.get_attribute("aria-sort")
    assert order in ("ascending", "descending")
    if order == "ascending":  # the list is in id order already: sort it the other way
        heading.click()
        assert heading.get_attribute("aria-sort") == "descending"
    state = register(tab)
    assert state["ids"] == sorted(before, reverse=True)
    assert state["shown"] == sorted(before, reverse=True)[:PAGE_SIZE]
    assert_offline(watched)


def test_register_filters_rows_as_typed(sample_site: Path, watched: Watched) -> None:
    tab = open_page(watched, sample_site / COMPLAINTS, DESKTOP)
    box = tab.get_by_placeholder("Filter rows")
    box.fill("Delivery Delay")
    state = register(tab)
    texts, ids = state["text"], state["ids"]
    assert isinstance(texts, list) and isinstance(ids, list)
    expected = [i for i, text in zip(ids, texts, strict=True) if "delivery delay" in text]
    assert 0 < len(expected) < len(ids)
    assert state["shown"] == expected[:PAGE_SIZE]
    assert state["status"] == f"Rows 1–{min(len(expected), PAGE_SIZE)} of {len(expected)}"
    box.fill("no complaint says this")
    state = register(tab)
    assert state["shown"] == [] and state["status"] == "No row matches the filter."
    box.fill("")
    assert register(tab)["status"] == f"Rows 1–{PAGE_SIZE} of {len(ids)}"
    assert_offline(watched)


def test_a_link_to_a_later_row_shows_it(sample_site: Path, watched: Watched) -> None:
    """``complaints.html#cmp-…`` of a row on the third page opens that page."""
    text = (sample_site / COMPLAINTS).read_text(encoding="utf-8")
    anchors = re.findall(r'<tr id="([^"]+)"', text)
    assert len(anchors) > 2 * PAGE_SIZE
    target = anchors[2 * PAGE_SIZE + 3]
    tab = open_page(watched, sample_site / COMPLAINTS, DESKTOP, f"#{target}")
    assert tab.locator(f"tr#{target}").is_visible()
    first = 2 * PAGE_SIZE + 1
    assert register(tab)["status"].startswith(f"Rows {first}–")  # type: ignore[union-attr]
    assert_offline(watched)
