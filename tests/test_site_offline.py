"""The built sample site works offline: from a copy on disk, with no network.

The manual promises auditors a site that "loads nothing from outside itself"
and that opens from ``file://``. These tests take the sample site the suite
builds once (the ``sample_site`` fixture) and hold it to that promise twice:

* statically, by reading every built HTML, CSS and JS file: no resource from
  another host, no web fonts, and internal links that resolve to files on disk
  (``use_directory_urls: false``), so they work without a web server;
* in headless Chromium, by opening the pages from ``file://`` with every
  ``http(s)`` request aborted: no console error, no request leaving the disk,
  charts that render, links from the quality plan that open indicator pages,
  and Material's search working without a server.

The browser tests need Debian's ``chromium``. Without it they are skipped on a
developer's machine, but they fail when ``CI`` is set, so that CI can never
pass by silently skipping them.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import unquote, urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route

pytestmark = pytest.mark.slow

DEBIAN_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
"""Playwright's timeout for one action or wait; everything here is local."""

FONT_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com")
LOCAL_SCHEMES = frozenset({"file", "data", "blob", "about"})
"""URL schemes a page opened from disk may use without touching the network."""

# ``<link rel>`` values that name a related page without fetching it.
NAVIGATIONAL_RELS = frozenset(
    {"alternate", "author", "bookmark", "canonical", "help", "license", "me", "next", "prev"}
)
# Elements whose ``href`` is a link the reader may follow, not a resource.
LINK_ELEMENTS = frozenset({"a", "area"})
# Elements that embed another document: none belongs in this site.
EMBED_ELEMENTS = frozenset({"iframe", "frame", "embed", "object"})

CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")\s]*)\1\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(['"]?)(?P<url>[^'")\s;]*)\1""", re.IGNORECASE)
SCHEME = re.compile(r"^(?P<scheme>[a-z][a-z0-9+.-]*):", re.IGNORECASE)


# --------------------------------------------------------------------------
# The site: the suite's shared build of the sample (``sample_site`` in conftest.py)
# --------------------------------------------------------------------------


def html_files(site: Path) -> list[Path]:
    """Every built HTML page, in a stable order."""
    return sorted(site.rglob("*.html"))


CHART_PAGES = ("dashboard.html", "service-cycle.html")
"""Generated pages besides the indicator pages."""
REGISTER_PAGES = (
    "registers/index.html",
    "registers/complaints.html",
    "registers/feedback.html",
    "registers/actions.html",
    "registers/actions/ACT-2026-002.html",
    "registers/training.html",
    "registers/audits.html",
    "certification/clause-matrix.html",
)
"""The registers' pages and the clause matrix, visited in the browser tour."""
CHARTED_REGISTER_PAGES = frozenset(
    {"registers/complaints.html", "registers/feedback.html", "registers/actions/ACT-2026-002.html"}
)
"""Register pages whose charts the tour measures (the others are tables and lists)."""
MAX_PAGE_BYTES = 500_000
"""No generated page may be larger than this on the sample data."""


def embedding_pages(site: Path) -> list[Path]:
    """Manual pages (not generated) that embed live charts through directives."""
    generated = {"indicators", "registers", "quality-plan.html", *CHART_PAGES}
    return [
        path
        for path in html_files(site)
        if path.relative_to(site).parts[0] not in generated
        and 'class="sqms-chart"' in path.read_text(encoding="utf-8")
    ]


def indicator_pages(site: Path) -> list[Path]:
    """The generated indicator pages; the sample plan has several."""
    pages = sorted((site / "indicators").glob("*.html"))
    assert pages, "the sample site has no indicators/*.html page"
    return pages


# --------------------------------------------------------------------------
# Static checks
# --------------------------------------------------------------------------


@dataclass
class ScannedPage:
    """What one HTML page asks the browser to load, and where it links to."""

    resources: list[tuple[str, str]] = field(default_factory=list)
    """``(what, url)`` of everything fetched when the page loads."""
    links: list[str] = field(default_factory=list)
    """``href`` of every ``<a>``/``<area>``: followed only when clicked."""
    styles: list[str] = field(default_factory=list)
    """Inline CSS: ``<style>`` blocks and ``style`` attributes."""
    embeds: list[str] = field(default_factory=list)
    """Embedded documents (``<iframe>`` and kin)."""


class PageScanner(HTMLParser):
    """Collect the URLs of an HTML page, inline SVG included."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ScannedPage()
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Sort each URL-bearing attribute into a resource, a link or inline CSS."""
        values = {name: value or "" for name, value in attrs}
        if tag == "style":
            self._in_style = True
        if tag in EMBED_ELEMENTS:
            self.page.embeds.append(f"<{tag}> {values.get('src') or values.get('data', '')}")
        if "style" in values:
            self.page.styles.append(values["style"])
        for name in ("src", "poster", "background", "data"):
            if name in values and (name != "data" or tag == "object"):
                self.page.resources.append((f"<{tag} {name}>", values[name]))
        if "srcset" in values:
            for candidate in values["srcset"].split(","):
                if candidate.strip():
                    self.page.resources.append((f"<{tag} srcset>", candidate.split()[0]))
        for name in ("href", "xlink:href"):
            if name not in values:
                continue
            url = values[name]
            if tag in LINK_ELEMENTS:
                self.page.links.append(url)
            elif tag == "link" and set(values.get("rel", "").lower().split()) <= NAVIGATIONAL_RELS:
                continue
            else:
                self.page.resources.append((f"<{tag} {name}>", url))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Self-closing tags (common in inline SVG) carry URLs too."""
        self.handle_starttag(tag, attrs)
        if tag == "style":
            self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        """Leave a ``<style>`` block."""
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        """Keep the text of ``<style>`` blocks."""
        if self._in_style:
            self.page.styles.append(data)


def scan(path: Path) -> ScannedPage:
    """Parse one built page."""
    scanner = PageScanner()
    scanner.feed(path.read_text(encoding="utf-8"))
    scanner.close()
    return scanner.page


def is_remote(url: str) -> bool:
    """Whether fetching ``url`` from a page on disk would go to the network.

    Protocol-relative ``//host/...`` URLs count: from ``file://`` they resolve
    to ``file://host/...`` at best, and to the network when served.
    """
    url = url.strip()
    if url.startswith("//"):
        return True
    match = SCHEME.match(url)
    return bool(match) and match.group("scheme").lower() not in LOCAL_SCHEMES


def css_urls(css: str) -> list[str]:
    """Every URL a piece of CSS loads: ``url(...)`` and ``@import``."""
    found = [m.group("url") for m in CSS_URL.finditer(css)]
    found += [m.group("url") for m in CSS_IMPORT.finditer(css)]
    return list(dict.fromkeys(found))


def local_target(site: Path, page: Path, url: str) -> tuple[Path | None, str]:
    """Resolve a relative URL of ``page`` to a file in ``site``.

    Returns ``(path, "")`` for a URL to check on disk, ``(None, "")`` for one
    that needs no file (a fragment, ``data:``, an external link), and
    ``(None, reason)`` for a URL that cannot work from ``file://``.
    """
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        return None, ""
    if not parts.path:
        return None, ""  # "#fragment" or "?query" on the page itself
    if parts.path.startswith("/"):
        return None, "is root-absolute, which points outside the site when opened from disk"
    target = (page.parent / unquote(parts.path)).resolve()
    if parts.path.endswith("/") or not target.suffix:
        return None, "is a directory URL, which opens a folder listing from disk, not a page"
    if not target.is_relative_to(site.resolve()):
        return None, "points outside the site"
    return target, ""


def test_pages_load_no_remote_resources(sample_site: Path) -> None:
    """No page fetches anything from another host when it loads.

    Scripts, stylesheets, icons, images, SVG ``<image>``/``<use>`` and CSS
    ``url()``/``@import`` must all be local. Links the reader may follow
    (``<a href="https://...">``) and SVG namespace URIs (``xmlns``) are no
    request and are allowed; embedded documents (``<iframe>``) are not.
    """
    problems: list[str] = []
    for path in html_files(sample_site):
        name = path.relative_to(sample_site).as_posix()
        page = scan(path)
        for what, url in page.resources:
            if is_remote(url):
                problems.append(f"{name}: {what} loads {url}")
        for css in page.styles:
            for url in css_urls(css):
                if is_remote(url):
                    problems.append(f"{name}: inline CSS loads {url}")
        for embed in page.embeds:
            problems.append(f"{name}: embeds another document: {embed}")
    assert not problems, "pages load remote resources:\n" + "\n".join(problems)


def test_no_google_fonts(sample_site: Path) -> None:
    """Neither the pages nor the theme's assets mention Google's font hosts.

    The theme sets ``font: false``; this catches a theme update or an
    override that brings the web fonts back.
    """
    files = html_files(sample_site) + sorted(sample_site.glob("assets/**/*.css"))
    files += sorted(sample_site.glob("assets/**/*.js"))
    problems = [
        f"{path.relative_to(sample_site).as_posix()} mentions {host}"
        for path in files
        for host in FONT_HOSTS
        if host in path.read_text(encoding="utf-8", errors="replace")
    ]
    assert not problems, "\n".join(problems)


def test_assets_load_nothing_remote(sample_site: Path) -> None:
    """The theme's CSS and JS import nothing from another host.

    A stylesheet's ``@import`` or ``url()`` of a remote file, or a script
    that injects such an ``@import``, would fetch it on every page.
    """
    assets = sorted(sample_site.glob("assets/**/*.css")) + sorted(
        sample_site.glob("assets/**/*.js")
    )
    assert assets, "the site has no CSS or JS under assets/"
    problems: list[str] = []
    for path in assets:
        text = path.read_text(encoding="utf-8", errors="replace")
        urls = css_urls(text) if path.suffix == ".css" else []
        urls += [m.group("url") for m in CSS_IMPORT.finditer(text)] if path.suffix == ".js" else []
        problems += [
            f"{path.relative_to(sample_site).as_posix()} loads {url}"
            for url in urls
            if is_remote(url)
        ]
    assert not problems, "\n".join(problems)


def test_report_pages_are_small_and_hold_no_data_rows(sample_site: Path) -> None:
    """Every generated page stays under 500 KB and carries charts of aggregates only.

    Charts are inline SVG made from aggregated rows: a page that grew past this
    size would have been handed far more than a period's figures.
    """
    pages = [sample_site / name for name in ("quality-plan.html", *CHART_PAGES, *REGISTER_PAGES)]
    pages += indicator_pages(sample_site)
    pages += sorted((sample_site / "registers" / "actions").glob("*.html"))
    sizes = {path.relative_to(sample_site).as_posix(): path.stat().st_size for path in pages}
    too_big = {name: size for name, size in sizes.items() if size > MAX_PAGE_BYTES}
    assert not too_big, f"generated pages over {MAX_PAGE_BYTES:,} bytes: {too_big}"
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "@example.com" not in text and "T000001" not in text, path.name


def test_registers_publish_no_personal_data(sample_site: Path) -> None:
    """No complainant's customer id and no survey comment reaches any page of the site."""
    import csv
    import json

    data = sample_site.parent / "data"  # the data the site was built from
    with (data / "registers" / "complaints.csv").open(encoding="utf-8") as handle:
        customers = {row["customer_id"] for row in csv.DictReader(handle) if row["customer_id"]}
    comments = set()
    for line in (data / "surveys.jsonl").read_text(encoding="utf-8").splitlines():
        comment = json.loads(line).get("comment") or ""
        if len(comment) > 20:
            comments.add(html.escape(comment, quote=False))
    assert customers and comments
    for path in html_files(sample_site):
        text = path.read_text(encoding="utf-8")
        leaked = [c for c in customers if c in text] + [c for c in comments if c in text]
        assert not leaked, f"{path.relative_to(sample_site)}: {leaked[:3]}"


def test_dashboard_and_manual_pages_show_live_figures(sample_site: Path) -> None:
    """The dashboard has its sparklines, and a procedure embeds live values and charts."""
    dashboard = (sample_site / "dashboard.html").read_text(encoding="utf-8")
    assert "sqms-sparkline" in dashboard and "indicators/" in dashboard
    cycle = (sample_site / "service-cycle.html").read_text(encoding="utf-8")
    assert cycle.count('<figure class="sqms-chart"') >= 2
    procedures = [p for p in embedding_pages(sample_site) if "procedures" in p.parts]
    assert procedures, "no procedure page embeds a live chart"
    assert any(
        re.search(r'<a href="\.\./indicators/[\w-]+\.html"><strong>', p.read_text(encoding="utf-8"))
        for p in embedding_pages(sample_site)
    ), "no manual page embeds a live value"


def test_internal_urls_resolve_to_files(sample_site: Path) -> None:
    """Every internal link and resource is a relative URL to a file that exists.

    From ``file://`` there is no server to map ``page/`` to ``page/index.html``
    or ``/x`` to the site root, so a page link must end in ``.html`` and every
    target must be on disk. ``404.html`` is exempt from the URL form: MkDocs
    writes it with root-absolute URLs because only a web server shows it.
    """
    problems: list[str] = []
    for path in html_files(sample_site):
        name = path.relative_to(sample_site).as_posix()
        page = scan(path)
        urls = page.links + [url for _, url in page.resources]
        for url in urls:
            target, reason = local_target(sample_site, path, url)
            if reason:
                if name != "404.html":
                    problems.append(f"{name}: {url!r} {reason}")
            elif target is not None and not target.is_file():
                problems.append(f"{name}: {url!r} points to a missing file")
    assert not problems, "internal URLs that fail from disk:\n" + "\n".join(problems)


def test_page_links_end_in_html(sample_site: Path) -> None:
    """Internal links to pages end in ``.html``; the plan links to its indicators.

    ``use_directory_urls: false`` is what makes the site work from disk. A
    link may also name a file that is no page (the plan's JSON download), but
    never a Markdown source that MkDocs left unconverted. The indicator pages
    are not in the navigation, so the quality plan's tables must link every
    one of them, or a reader cannot reach it.
    """
    problems: list[str] = []
    for path in html_files(sample_site):
        name = path.relative_to(sample_site).as_posix()
        if name == "404.html":
            continue
        for url in scan(path).links:
            target, reason = local_target(sample_site, path, url)
            if target is None or reason or target.suffix == ".html":
                continue  # external, same-page, or reported by the test above
            if target.suffix in {".md", ".markdown"} or not target.is_file():
                problems.append(f"{name}: {url!r} is not a built .html page")
    assert not problems, "\n".join(problems)

    plan_links = {
        (sample_site / urlsplit(url).path).resolve()
        for url in scan(sample_site / "quality-plan.html").links
        if urlsplit(url).path.startswith("indicators/")
    }
    missing = [
        page.name for page in indicator_pages(sample_site) if page.resolve() not in plan_links
    ]
    assert not missing, f"indicator pages the quality plan does not link: {missing}"


# --------------------------------------------------------------------------
# Browser checks
# --------------------------------------------------------------------------

TOUR_TIMEOUT_MS = 30_000
"""Timeout for one page of the tour, which loads all pages at once."""


def unavailable(reason: str) -> NoReturn:
    """Skip a browser test, or fail it under CI, which always has a browser."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run there)", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """Debian's chromium, from ``PATH`` or at its default place."""
    found = shutil.which("chromium")
    if found:
        return found
    return DEBIAN_CHROMIUM if Path(DEBIAN_CHROMIUM).is_file() else None


@contextmanager
def launched_chromium(env: dict[str, str] | None = None) -> Iterator[Browser]:
    """Headless Debian chromium driven by Playwright (skipped without it, failed under CI)."""
    executable = find_chromium()
    if executable is None:
        unavailable("no chromium: install Debian's chromium package")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed: pip install -e '.[test]'")
    options: dict[str, Any] = {} if env is None else {"env": env}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True, **options
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Headless Debian chromium, driven by Playwright, for this module."""
    with launched_chromium() as browser:
        yield browser


@dataclass
class Watched:
    """A browser context that blocks the network and records what pages do."""

    context: BrowserContext
    requests: list[str] = field(default_factory=list)
    """Every URL requested, by any page or worker of the context."""
    blocked: list[str] = field(default_factory=list)
    """``http(s)`` requests, each aborted before it left the machine."""
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught exceptions, each with its page."""

    def new_page(self) -> Page:
        """Open a tab whose console errors and uncaught exceptions are recorded."""
        page = self.context.new_page()

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                source = message.location.get("url") or "?"
                self.errors.append(f"{page.url}: console error: {message.text} [from {source}]")

        def on_page_error(error: Exception) -> None:
            self.errors.append(f"{page.url}: uncaught exception: {error}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)
        return page

    def outside_requests(self) -> list[str]:
        """Requests to anything but local files, each once, blocked ones included."""
        outside = [
            url for url in self.requests if urlsplit(url).scheme.lower() not in LOCAL_SCHEMES
        ]
        return list(dict.fromkeys(outside + self.blocked))

    def problems(self) -> list[str]:
        """Everything that went wrong: errors, then requests that were not local."""
        return self.errors + [f"request to {url}" for url in self.outside_requests()]


@contextmanager
def watched_context(browser: Browser) -> Iterator[Watched]:
    """A fresh context where every ``http(s)`` request is recorded and aborted.

    Aborting, not only recording, keeps the tests from reaching the network
    even when the site does try to: nothing leaves the machine.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    watch = Watched(context)

    def block(route: Route) -> None:
        watch.blocked.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^https?://", re.IGNORECASE), block)
    context.on("request", lambda request: watch.requests.append(request.url))
    try:
        yield watch
    finally:
        context.close()


@pytest.fixture
def watched(chromium: Browser) -> Iterator[Watched]:
    """A watched context for one test."""
    with watched_context(chromium) as watch:
        yield watch


def file_url(path: Path) -> str:
    """The ``file://`` URL of a built file."""
    return path.resolve().as_uri()


def assert_offline(watch: Watched) -> None:
    """Fail with everything that went wrong, if anything did."""
    problems = watch.problems()
    assert not problems, "the site did not work offline:\n" + "\n".join(problems)


@dataclass(frozen=True)
class Chart:
    """How the browser laid out one ``figure.sqms-chart``."""

    svgs: int
    visible: bool
    width: float
    height: float


@dataclass
class Tour:
    """One visit of every page to check, and what the browser saw there."""

    watch: Watched
    headings: dict[str, str] = field(default_factory=dict)
    """Page (relative path) → text of its first ``h1``."""
    charts: dict[str, list[Chart]] = field(default_factory=dict)
    """Page with charts (relative path) → its charts."""
    sparklines: dict[str, list[float]] = field(default_factory=dict)
    """Page (relative path) → the drawn width of each sparkline image (0 when broken)."""


def measure_charts(page: Page) -> list[Chart]:
    """The first ``svg`` of each chart figure on ``page``: visible, and how big."""
    charts = []
    figures = page.locator("figure.sqms-chart")
    for index in range(figures.count()):
        svg = figures.nth(index).locator("svg")
        count = svg.count()
        box = svg.first.bounding_box() if count else None
        visible = bool(count) and svg.first.is_visible()
        width, height = (box["width"], box["height"]) if box else (0.0, 0.0)
        charts.append(Chart(count, visible, width, height))
    return charts


@pytest.fixture(scope="module")
def tour(sample_site: Path, chromium: Browser) -> Iterator[Tour]:
    """Open the home page, the quality plan, the reports and every indicator page from disk.

    Pages load one after the other (several at once overload a small CI
    machine), each waited for until its network is idle, so late requests
    such as the search worker's are seen; one visit serves the error, request
    and chart tests.
    """
    paths = [sample_site / "index.html", sample_site / "quality-plan.html"]
    paths += [sample_site / "dashboard.html", sample_site / "service-cycle.html"]
    paths += [sample_site / "document-register.html"]
    paths += [sample_site / name for name in REGISTER_PAGES]
    # A few manual pages with embedded charts, a procedure first.
    found = embedding_pages(sample_site)
    embedded = sorted(found, key=lambda path: "procedures" not in path.parts)[:3]
    paths += embedded
    paths += indicator_pages(sample_site)
    with watched_context(chromium) as watch:
        result = Tour(watch)
        for path in paths:
            name = path.relative_to(sample_site).as_posix()
            tab = watch.new_page()
            tab.goto(file_url(path), wait_until="load", timeout=TOUR_TIMEOUT_MS)
            tab.wait_for_load_state("networkidle", timeout=TOUR_TIMEOUT_MS)
            heading = tab.locator("h1")
            result.headings[name] = heading.first.inner_text() if heading.count() else ""
            charted = name.startswith("indicators/") or name in CHARTED_REGISTER_PAGES
            if charted or name == "service-cycle.html" or path in embedded:
                result.charts[name] = measure_charts(tab)
            result.sparklines[name] = tab.eval_on_selector_all(
                "img.sqms-sparkline", "images => images.map(i => i.complete ? i.naturalWidth : 0)"
            )
            tab.close()
        yield result


@pytest.mark.browser
def test_pages_open_from_disk_without_errors(tour: Tour) -> None:
    """Every page opens from ``file://`` with no console error or exception.

    A resource that fails to load shows here as a console error too, so a
    blocked remote script fails both this test and the request test below.
    """
    errors = tour.watch.errors
    assert not errors, "errors in the browser console:\n" + "\n".join(errors)
    untitled = [name for name, heading in tour.headings.items() if not heading.strip()]
    assert not untitled, f"pages without an h1: {untitled}"


@pytest.mark.browser
def test_pages_request_only_local_files(tour: Tour) -> None:
    """Every request the pages make, workers included, is for a local file.

    ``http(s)`` requests were aborted (and recorded) by the route, so this
    also holds when it fails: the site under test never reached the network.
    """
    assert any(url.startswith("file://") for url in tour.watch.requests), "no request seen"
    outside = tour.watch.outside_requests()
    assert not outside, "requests that left the disk:\n" + "\n".join(outside)


@pytest.mark.browser
def test_indicator_charts_render(tour: Tour) -> None:
    """Each indicator page draws its charts: a visible SVG over 100 px wide.

    The charts are inline SVG inside ``<figure class="sqms-chart">``; this
    checks the browser lays them out, not only that the markup is there.
    """
    assert tour.charts, "no indicator page was visited"
    problems: list[str] = []
    for name, charts in tour.charts.items():
        if not charts:
            problems.append(f"{name}: no figure.sqms-chart")
        for number, chart in enumerate(charts, start=1):
            if not chart.svgs or not chart.visible:
                problems.append(f"{name}: chart {number} has no visible svg")
            elif chart.width <= 100 or chart.height <= 0:
                problems.append(f"{name}: chart {number} is {chart.width}×{chart.height} px")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_dashboard_cycle_and_embedded_charts_render(tour: Tour) -> None:
    """The dashboard's sparklines, the service cycle's charts and the charts embedded
    in manual pages are drawn by the browser, not only present in the markup."""
    problems: list[str] = []
    pages = [name for name in tour.charts if not name.startswith("indicators/")]
    assert "service-cycle.html" in pages and len(pages) >= 2, pages
    for name in pages:
        charts = tour.charts[name]
        if not charts:
            problems.append(f"{name}: no figure.sqms-chart")
        for number, chart in enumerate(charts, start=1):
            if not chart.svgs or not chart.visible or chart.width <= 100:
                problems.append(f"{name}: chart {number} is not drawn ({chart})")
    sparklines = tour.sparklines.get("dashboard.html", [])
    if not sparklines or min(sparklines) <= 0:
        problems.append(f"dashboard.html: sparklines not drawn: {sparklines}")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
def test_plan_links_open_indicator_pages(sample_site: Path, watched: Watched) -> None:
    """Clicking an indicator in the quality plan's tables opens its page from disk."""
    tab = watched.new_page()
    tab.goto(file_url(sample_site / "quality-plan.html"), wait_until="load")
    link = tab.locator("article table a[href*='indicators/']").first
    name = link.inner_text().strip()
    link.click()
    tab.wait_for_url(re.compile(r"/indicators/[^/?#]+\.html$"))
    assert tab.url.startswith("file://")
    heading = tab.locator("h1").first
    assert heading.is_visible()
    assert name in heading.inner_text(), f"link {name!r} opened {heading.inner_text()!r}"
    assert_offline(watched)


def page_title(path: Path) -> str:
    """The text of a built page's ``h1``, without its permalink sign."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", path.read_text(encoding="utf-8"), re.DOTALL)
    assert match, f"{path.name} has no h1"
    text = re.sub(r'<a class="headerlink".*?</a>', "", match.group(1), flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()


def search_word(title: str) -> str:
    """The longest word of a page title: a search term that surely finds it."""
    return max(re.findall(r"[^\W\d_]+", title), key=len)


@pytest.mark.browser
def test_document_register_sorts_by_column(sample_site: Path, watched: Watched) -> None:
    """Clicking a header of the document register sorts it (its script is served locally)."""
    tab = watched.new_page()
    tab.goto(file_url(sample_site / "document-register.html"), wait_until="load")
    table = tab.locator("div.sqms-sortable table").first
    owner_header = table.locator("th", has_text="Owner").first
    owner_header.click()
    owners = table.locator("tbody tr td:nth-child(6)").all_inner_texts()
    assert owners == sorted(owners)
    assert owner_header.get_attribute("aria-sort") in ("ascending", "descending")
    assert_offline(watched)


@pytest.mark.browser
def test_search_works_offline(sample_site: Path, watched: Watched) -> None:
    """Material's search finds an indicator page from ``file://`` and opens it.

    Search runs in a web worker, which Chromium refuses to start from disk;
    the ``offline`` plugin's iframe-worker shim and inlined index make it work
    without a server, and this checks that they do, without the network.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    target = indicator_pages(sample_site)[0]
    title = page_title(target)
    word = search_word(title)
    start = file_url(sample_site / "index.html")
    tab = watched.new_page()
    tab.goto(start, wait_until="load")

    # The viewport is wide enough for the search box to sit in the header.
    # Material keeps it hidden (display: none) while its search worker has
    # not started, so a box that never shows means search is broken.
    box = tab.locator("input.md-search__input")
    try:
        box.wait_for(state="visible")
    except PlaywrightTimeoutError:
        problems = "\n".join(watched.problems()) or "none recorded"
        pytest.fail(
            "the search box stayed hidden: Material's search did not start from disk;\n"
            f"what went wrong in the browser:\n{problems}",
            pytrace=False,
        )
    box.fill(word)
    try:
        tab.locator(".md-search-result__item").first.wait_for(state="visible")
    except PlaywrightTimeoutError:
        problems = "\n".join(watched.problems()) or "none recorded"
        pytest.fail(
            f"searching {word!r} from disk showed no result;\n"
            f"what went wrong in the browser:\n{problems}",
            pytrace=False,
        )
    assert tab.locator(".md-search-result__item").count() >= 1

    hit = tab.locator(f".md-search-result__item a[href*='indicators/{target.name}']")
    assert hit.count(), f"searching {word!r} did not find {target.name} ({title!r})"
    hit.first.click()
    # With search.highlight, Material appends ?h=<terms> to the result's URL.
    tab.wait_for_url(re.compile(rf"/indicators/{re.escape(target.name)}(\?[^#]*)?(#.*)?$"))
    assert tab.url != start
    assert title in tab.locator("h1").first.inner_text()
    assert_offline(watched)


# --- Content-Security-Policy -------------------------------------------------

CSP_META = re.compile(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e =>
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline")));
"""


def test_every_page_carries_a_content_security_policy(sample_site: Path) -> None:
    """First in ``<head>``: scripts from the site and hashed theme scripts only."""
    missing = []
    for page in html_files(sample_site):
        match = CSP_META.search(page.read_text(encoding="utf-8"))
        policy = match.group(1) if match else ""
        if (
            not policy.startswith("script-src 'self' 'sha256-")
            or "'unsafe-inline'" in (policy.split(";")[0])
        ):
            missing.append(page.relative_to(sample_site).as_posix())
    assert not missing, f"pages without the policy first in <head>: {missing[:10]}"


@pytest.mark.browser
def test_policy_blocks_nothing_on_the_sample_site(sample_site: Path, watched: Watched) -> None:
    """Scripts, charts, sorting and offline search run with the policy: no violation at all."""
    watched.context.add_init_script(RECORD_VIOLATIONS)
    violations = []
    for name in ("index.html", "dashboard.html", "registers/complaints.html"):
        tab = watched.new_page()
        tab.goto(file_url(sample_site / name), wait_until="load")
        tab.wait_for_load_state("networkidle")
        if name == "index.html":  # the search worker starts only when asked
            box = tab.locator("input.md-search__input")
            box.wait_for(state="visible")
            box.fill("complaint")
            tab.locator(".md-search-result__item").first.wait_for(state="visible")
        violations += [f"{name}: {v}" for v in tab.evaluate("window.__violations")]
        tab.close()
    assert not violations, violations
    assert_offline(watched)


@pytest.mark.browser
def test_policy_stops_an_injected_handler_and_script(
    sample_site: Path, watched: Watched, tmp_path: Path
) -> None:
    """Markup that got into a page by any path does not run: the policy is a second wall."""
    # The probe page is written into a copy of the site: the shared build is only read.
    site = Path(shutil.copytree(sample_site, tmp_path / "site"))
    page = site / "dashboard.html"
    probe = site / "csp-probe.html"
    injected = (
        '<img src="data:," onerror="window.__pwned=1">'
        "<script>window.__pwned=2</script>"
        '<a id="sqms-probe" href="javascript:window.__pwned=3">x</a>'
        '<div id="sqms-hover" onmouseover="window.__pwned=4">hover</div>'
    )
    text = page.read_text(encoding="utf-8")
    body = re.search(r"<body[^>]*>", text)
    assert body is not None
    probe.write_text(text[: body.end()] + injected + text[body.end() :], encoding="utf-8")
    watched.context.add_init_script(RECORD_VIOLATIONS)
    tab = watched.new_page()
    tab.goto(file_url(probe), wait_until="load")
    tab.locator("#sqms-probe").click()
    tab.locator("#sqms-hover").hover()
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.__pwned") is None
    violations = tab.evaluate("window.__violations")
    assert any(v.startswith("script-src") for v in violations), violations
    assert len(violations) >= 3, violations
