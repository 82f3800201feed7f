"""The dashboard in a browser: every indicator's status on the first screen, on a phone too.

The suite's build of the sample (``sample_site``) is opened from ``file://``
in headless Chromium with the network blocked, as in ``test_site_offline``:

* at 1400×900 (a manager's laptop or desktop), every indicator of the plan
  has a tile, and each tile's status badge lies wholly inside the first
  screen, without scrolling;
* at 390×844 (a phone), the tiles stack in one column and nothing makes the
  page scroll sideways;
* each status badge is readable: its text has a WCAG AA contrast (4.5:1)
  on its colour, and the badges keep their colours on paper.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests import test_site_offline as offline
from tests.test_site_offline import TIMEOUT_MS, file_url

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.slow

chromium = offline.chromium
"""Headless Debian chromium (skipped without it on a developer's machine; fails under CI)."""

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
TILES = """() => [...document.querySelectorAll("article .sqms-tile")].map(tile => {
  const box = element => { const r = element.getBoundingClientRect();
    return {x: r.x, y: r.y, right: r.right, bottom: r.bottom, width: r.width, height: r.height}; };
  const badge = tile.querySelector(".sqms-badge");
  const link = tile.querySelector(".sqms-tile__name a");
  const style = badge ? getComputedStyle(badge) : null;
  return {
    href: link ? link.getAttribute("href") : null,
    tile: box(tile),
    badge: badge ? box(badge) : null,
    text: badge ? badge.innerText.trim() : "",
    classes: badge ? badge.className : "",
    color: style ? style.color : "",
    background: style ? style.backgroundColor : "",
    visible: badge ? style.visibility === "visible" && style.display !== "none" : false,
  };
})"""


@contextmanager
def dashboard(browser: Browser, site: Path, viewport: dict[str, int]) -> Iterator[Page]:
    """The dashboard opened from disk at ``viewport``, every ``http(s)`` request aborted."""
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    blocked: list[str] = []

    def block(route: Route) -> None:
        blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^https?://", re.IGNORECASE), block)
    try:
        page = context.new_page()
        page.goto(file_url(site / "dashboard.html"), wait_until="load")
        page.wait_for_function("document.fonts.status === 'loaded'")
        yield page
        assert not blocked, f"the dashboard reached for the network: {blocked}"
    finally:
        context.close()


def indicator_ids(site: Path) -> list[str]:
    """The ids of every indicator of the plan, from the results file the site publishes."""
    results = json.loads((site / "sqms" / "indicators.json").read_text(encoding="utf-8"))
    return [entry["id"] for entry in results["indicators"]]


def tiles(page: Page) -> list[dict[str, Any]]:
    """Where the browser laid out each tile and its badge, and the badge's words and colours."""
    found: list[dict[str, Any]] = page.evaluate(TILES)
    return found


def rgb(css: str) -> tuple[float, float, float]:
    """``rgb(0, 114, 178)`` as three channels 0–255."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)[:3]]
    assert len(numbers) == 3, css
    return numbers[0], numbers[1], numbers[2]


def luminance(colour: tuple[float, float, float]) -> float:
    """WCAG 2 relative luminance."""
    channels = [c / 255 for c in colour]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two CSS colours."""
    light, dark = sorted((luminance(rgb(first)), luminance(rgb(second))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_of_known_colours() -> None:
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)
    # Okabe-Ito blue #0072B2: luminance 0.7152 × 0.1683 + 0.0722 × 0.4451 = 0.1525;
    # under white text (1.05) / (0.1525 + 0.05) = 5.19.
    assert contrast("rgb(0, 114, 178)", "rgb(255, 255, 255)") == pytest.approx(5.19, abs=0.01)


@pytest.mark.browser
def test_every_status_is_on_the_first_screen_at_1400(chromium: Browser, sample_site: Path) -> None:
    expected = indicator_ids(sample_site)
    assert len(expected) >= 10, "the sample has a plan worth a dashboard"
    with dashboard(chromium, sample_site, DESKTOP) as page:
        assert page.evaluate("window.scrollY") == 0
        laid = tiles(page)
    assert sorted(t["href"] for t in laid) == sorted(f"indicators/{i}.html" for i in expected)
    words = re.compile(r"^(✔ meets target|▲ warning|✖ misses target|○ not judged)$")
    off_screen = []
    for tile in laid:
        badge = tile["badge"]
        assert badge is not None and tile["visible"], tile["href"]
        assert words.match(tile["text"]), f"{tile['href']}: {tile['text']!r}"
        inside = (
            badge["x"] >= 0
            and badge["y"] >= 0
            and badge["right"] <= DESKTOP["width"]
            and badge["bottom"] <= DESKTOP["height"]
            and badge["width"] > 0
            and badge["height"] > 0
        )
        if not inside:
            off_screen.append(f"{tile['href']}: {badge}")
    assert not off_screen, "status not on the first screen:\n" + "\n".join(off_screen)


@pytest.mark.browser
def test_tiles_stack_on_a_phone_without_sideways_scrolling(
    chromium: Browser, sample_site: Path
) -> None:
    with dashboard(chromium, sample_site, PHONE) as page:
        width = page.evaluate("document.documentElement.scrollWidth")
        body = page.evaluate("document.body.scrollWidth")
        laid = tiles(page)
    assert width <= PHONE["width"] and body <= PHONE["width"], (width, body)
    assert len(laid) == len(indicator_ids(sample_site))
    lefts = {round(t["tile"]["x"]) for t in laid}
    assert len(lefts) == 1, f"one column: tiles start at {sorted(lefts)}"
    for tile in laid:
        box, badge = tile["tile"], tile["badge"]
        assert box["right"] <= PHONE["width"], tile["href"]
        assert badge["right"] <= box["right"] and badge["x"] >= box["x"], tile["href"]
    tops = [t["tile"]["y"] for t in laid]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), "one tile a row"


@pytest.mark.browser
def test_badges_are_readable_and_keep_their_colours_in_print(
    chromium: Browser, sample_site: Path
) -> None:
    with dashboard(chromium, sample_site, DESKTOP) as page:
        laid = tiles(page)
        page.emulate_media(media="print")
        printed = page.evaluate(
            """() => [...document.querySelectorAll("article .sqms-badge")].map(badge => {
                 const style = getComputedStyle(badge);
                 const tile = getComputedStyle(badge.closest(".sqms-tile"));
                 const edge = badge.classList.contains("sqms-badge--not_judged")
                   || tile.borderLeftColor === style.backgroundColor;
                 return [style.printColorAdjust || style.webkitPrintColorAdjust,
                         tile.breakInside, edge];
               })"""
        )
    filled = [t for t in laid if "sqms-badge--not_judged" not in t["classes"]]
    assert {t["classes"].split("--")[-1] for t in filled} >= {"meets", "warning", "misses"}
    for tile in filled:
        ratio = contrast(tile["color"], tile["background"])
        assert ratio >= 4.5, f"{tile['classes']}: {tile['color']} on {tile['background']}"
    colours = {t["classes"]: t["background"] for t in filled}
    assert len(set(colours.values())) == len(colours), f"one colour a status: {colours}"
    # On paper: colours kept, no tile cut across pages, each tile's edge in its status colour.
    assert printed and all(p == ["exact", "avoid", True] for p in printed), printed
