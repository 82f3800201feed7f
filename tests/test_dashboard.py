"""The dashboard's Markdown: one tile per indicator by family, then what needs attention.

Numbers are those of the mini project (:mod:`tests.mini`), worked out by hand:
"Answered within 3 hours" is 3 of 4 tickets in January 2026 = 75.0%, between
the warning (70%) and the target (80%) in force then, so ▲ warning; "Mean wait"
is 2.8 h against ≤ 2.0 h, ✖ misses; indicators without a target are ○ not
judged. The page is also rendered with the Markdown extensions a site uses
(``md_in_html``, ``attr_list``), to check that the tiles survive as HTML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from html.parser import HTMLParser

import markdown
import pandas as pd
import pytest

from sqms.engine.plan import CompiledIndicator
from sqms.engine.spc.signals import ControlOutcome, control_for
from sqms.i18n import use_language
from sqms.plugin.plugin import ASSETS, STYLES
from sqms.project import load_project
from sqms.schema.plan import Indicator
from sqms.site.pages import DASHBOARD_PAGE, dashboard_page
from sqms.site.pages.dashboard import status_badge
from sqms.site.reporting import AttentionItem, ReportData
from tests import mini
from tests.support.edits import edited
from tests.support.projects import write_project
from tests.support.registers import indicator_report

EXTENSIONS = ["md_in_html", "attr_list", "tables", "toc"]
"""The Markdown extensions of the sample's and a new project's ``mkdocs.yml``."""
TILE = re.compile(
    r'^<div class="sqms-tile sqms-tile--(?P<status>\w+)" role="listitem" markdown="span">'
    r"(?P<body>.*)</div>$",
    re.MULTILINE,
)
HOSTILE = "Fast <img src=x onerror=alert(1)> | [x](javascript:alert(1)) **b** </div>"
"""A name that tries HTML, a table cell, a link, emphasis and closing the tile."""

# By family (service level, efficiency, quality), in the plan's order:
# id → (status, latest value, period, target).
EXPECTED = {
    "recommend": ("not_judged", "+25.0", "2026-01", "target —"),
    "pain": ("misses", "29.7", "2026-01", "target ≤ 10.0"),
    "volume": ("not_judged", "5", "2026-01", "target —"),
    "fast": ("warning", "75.0%", "2026-01", "target ≥ 90.0%"),
    "wait_sum": ("not_judged", "11.0 h", "2026-01", "target —"),
    "wait_mean": ("misses", "2.8 h", "2026-01", "target ≤ 2.0 h"),
    "wait_median": ("not_judged", "2.5 h", "2026-01", "target —"),
    "wait_p90": ("not_judged", "5.0 h", "2026-01", "target —"),
    "complaints_per_1000": ("not_judged", "400.0 per 1,000", "2026-01", "target —"),
    "churn": ("not_judged", "50.0%", "2026-02", "target —"),
}
SYMBOLS = {"meets": "✔", "warning": "▲", "misses": "✖", "not_judged": "○"}
WORDS = {
    "meets": "meets target",
    "warning": "warning",
    "misses": "misses target",
    "not_judged": "not judged",
}


def body(markdown_text: str) -> str:
    """The page without its front matter."""
    assert markdown_text.startswith("---\n"), "the dashboard hides the table of contents"
    return markdown_text.split("\n---\n", 1)[1]


def tiles(markdown_text: str) -> dict[str, tuple[str, str]]:
    """Indicator id → (status class, tile Markdown), in page order."""
    found: dict[str, tuple[str, str]] = {}
    for match in TILE.finditer(markdown_text):
        link = re.search(r"\]\(indicators/([\w-]+)\.md\)", match["body"])
        assert link is not None, match["body"]
        found[link.group(1)] = (match["status"], match["body"])
    return found


class Tiles(HTMLParser):
    """The rendered tiles: for each, its links' targets and text, its badges' classes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tiles: list[dict[str, list[str]]] = []
        self.stack: list[str | None] = []  # inside a tile: the part each open element is in
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        classes = (dict(attrs).get("class") or "").split()
        if not self.stack and "sqms-tile" in classes:
            self.tiles.append({"href": [], "name": [], "badge": [], "badge_text": []})
            self.stack.append(None)
            return
        if not self.stack or tag in {"img", "br"}:  # outside a tile, or an element without end
            return
        part = self.stack[-1]
        if tag == "a":
            self.tiles[-1]["href"].append(dict(attrs).get("href") or "")
            part = "name"
        if "sqms-badge" in classes:
            self.tiles[-1]["badge"].append(" ".join(classes))
            part = "badge_text"
        self.stack.append(part)

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in {"img", "br"}:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] is not None:
            self.tiles[-1][self.stack[-1]].append(data)


def rendered(markdown_text: str) -> Tiles:
    """The page rendered as MkDocs would (without its link rewriting), parsed."""
    parser = Tiles()
    parser.feed(markdown.markdown(body(markdown_text), extensions=EXTENSIONS))
    return parser


def rising_outcome(better: str) -> ControlOutcome:
    """A control chart of 21 months whose last nine are above its centre line.

    Twelve baseline months near 10, a spike to 20 (WE1), then eight months
    near 11.6 (with the spike, nine on one side: WE4); the last period is in
    the latest three, so the signals are recent. Higher is ``better``'s way
    or not.
    """
    values = [10.0, 10.5, 9.5, 10.2, 9.8, 10.1, 9.9, 10.3, 9.7, 10.0, 10.4, 9.6, 20.0]
    values += [11.5, 11.6, 11.4, 11.7, 11.5, 11.6, 11.8, 11.5]
    n = len(values)
    rows = pd.DataFrame(
        {
            "period": [f"{2024 + i // 12}-{i % 12 + 1:02d}" for i in range(n)],
            "period_start": pd.date_range("2024-01-01", periods=n, freq="MS").date,
            "value": pd.Series(values, dtype="float64"),
            "numerator": pd.Series([float("nan")] * n, dtype="float64"),
            "denominator": pd.Series([float("nan")] * n, dtype="float64"),
            "partial": [False] * n,
        }
    )
    spec = {"name": "X", "family": "quality", "dataset": "d", "measure": "mean", "column": "c",
            "better": better, "baseline": {"from": "2024-01", "to": "2024-12"},
            "min_baseline_points": 12}  # fmt: skip
    indicator = CompiledIndicator("x", Indicator.model_validate(spec), "month", 30)
    return control_for(indicator, rows)


@pytest.fixture(scope="module")
def signalled(mini_report: ReportData) -> ReportData:
    """The mini report with a signal the good way (fast), one the bad way (wait_mean)
    and a register's overdue item."""
    controls = {**mini_report.controls, "fast": rising_outcome("higher"),
                "wait_mean": rising_outcome("lower")}  # fmt: skip
    overdue = AttentionItem("Overdue actions", "[CA-12](actions.md): verify the fix")
    return dataclasses.replace(mini_report, controls=controls, attention=(overdue,))


def test_every_indicator_has_a_tile_with_its_status_symbol_and_word(
    mini_report: ReportData,
) -> None:
    page = dashboard_page(mini_report)
    assert page.path == DASHBOARD_PAGE
    found = tiles(page.markdown)
    assert list(found) == list(EXPECTED), "one tile per indicator, by family, in plan order"
    for ind_id, (status, value, period, target) in EXPECTED.items():
        shown, tile = found[ind_id]
        assert shown == status, ind_id
        badge = (
            f'<span class="sqms-badge sqms-badge--{status}"><span class="sqms-badge__symbol" '
            f'aria-hidden="true">{SYMBOLS[status]}</span> {WORDS[status]}</span>'
        )
        assert badge in tile, ind_id
        assert f"<strong>{value}</strong>" in tile and f">{period}</span>" in tile, ind_id
        assert f'<span class="sqms-tile__target">{target}</span>' in tile, ind_id
        assert 'class="sqms-sparkline"' in tile, ind_id


def test_tiles_are_grouped_under_family_headings_before_needs_attention(
    mini_report: ReportData,
) -> None:
    text = dashboard_page(mini_report).markdown
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == [
        "Service level { .sqms-dash-family }",
        "Efficiency { .sqms-dash-family }",
        "Quality { .sqms-dash-family }",
        "Needs attention",
    ]
    service = text.split("## Service level", 1)[1].split("## Efficiency", 1)[0]
    assert list(tiles(service)) == ["recommend", "pain"]
    quality = text.split("## Quality", 1)[1].split("## Needs attention", 1)[0]
    assert list(tiles(quality)) == ["complaints_per_1000", "churn"]
    # Churn has two periods only: its limits are provisional and its tile says so.
    assert "limits provisional (2 of 20 points)" in tiles(quality)["churn"][1]


def test_tiles_render_as_html_with_one_link_and_one_badge_each(mini_report: ReportData) -> None:
    parsed = rendered(dashboard_page(mini_report).markdown)
    assert len(parsed.tiles) == len(EXPECTED)
    for tile, (ind_id, (status, *_)) in zip(parsed.tiles, EXPECTED.items(), strict=True):
        assert tile["href"] == [f"indicators/{ind_id}.md"]
        assert tile["badge"] == [f"sqms-badge sqms-badge--{status}"]
        assert "".join(tile["badge_text"]).strip() == f"{SYMBOLS[status]} {WORDS[status]}"
    assert not any("style" in attrs for _, attrs in parsed.elements), "classes, no inline style"


def test_a_hostile_indicator_name_stays_text(tmp_path_factory: pytest.TempPathFactory) -> None:
    files = mini.files()
    files["data/quality-plan.yml"] = edited(
        files["data/quality-plan.yml"],
        "name: Answered within 3 hours",
        "name: " + '"' + HOSTILE + '"',
    )
    root = write_project(tmp_path_factory.mktemp("hostile"), files)
    text = dashboard_page(indicator_report(load_project(root, "data", None))).markdown
    tile = tiles(text)["fast"][1]
    assert "<img src=x" not in tile and "</div>" not in tile and "<strong>75.0%</strong>" in tile
    assert "&lt;img src=x onerror=alert(1)&gt; &#124; &#91;x&#93;(javascript:alert(1))" in text
    parsed = rendered(text)
    assert len(parsed.tiles) == len(EXPECTED), "the name closed no tile"
    fast = parsed.tiles[list(EXPECTED).index("fast")]
    assert fast["href"] == ["indicators/fast.md"]
    assert html.unescape("".join(fast["name"])) == HOSTILE, "shown as typed"
    assert not any(name.startswith("on") for _, attrs in parsed.elements for name in attrs)
    assert [tag for tag, _ in parsed.elements].count("img") == len(EXPECTED), "sparklines only"
    assert not any("javascript:" in (attrs.get("href") or "") for _, attrs in parsed.elements)


def test_worse_first_then_register_items_and_improvements_folded(signalled: ReportData) -> None:
    text = dashboard_page(signalled).markdown
    attention = text.split("## Needs attention", 1)[1]
    order = [
        attention.index("### Not meeting target"),
        attention.index("### Special causes: getting worse"),
        attention.index("### Overdue actions"),
        attention.index('<details class="sqms-better" markdown="1">'),
    ]
    assert order == sorted(order)
    worse = attention.split("### Special causes: getting worse", 1)[1].split("###", 1)[0]
    assert worse.strip() == (
        "- [Mean wait](indicators/wait_mean.md): higher than usual, worse, "
        "2025-01 – 2025-09 (WE1, WE4)."
    )
    folded = attention.split('<details class="sqms-better" markdown="1">', 1)[1]
    assert folded.split("</details>", 1)[1].strip() == "", "the improvements come last"
    assert folded.startswith(
        "\n<summary>Special causes: getting better — 1 signal "
        "(confirm the cause and hold the gain)</summary>\n\n"
        "- [Answered within 3 hours](indicators/fast.md): higher than usual, better, "
        "2025-01 – 2025-09 (WE1, WE4).\n"
    )
    assert "open" not in attention.split("<details", 1)[1].split(">", 1)[0], "folded"
    assert attention.count("higher than usual, better") == 1, "listed once, in the fold"
    # The tiles say the same, short.
    assert "◆ higher than usual, better (WE1, WE4)" in tiles(text)["fast"][1]
    assert "◆ higher than usual, worse (WE1, WE4)" in tiles(text)["wait_mean"][1]
    # Rendered, the fold is a details element holding the list.
    page = markdown.markdown(body(text), extensions=EXTENSIONS)
    assert re.search(r'<details class="sqms-better">\s*<summary>[^<]+</summary>\s*<ul>', page)


def test_the_fold_counts_signals_in_both_languages(signalled: ReportData) -> None:
    two = dataclasses.replace(
        signalled, controls={**signalled.controls, "wait_mean": rising_outcome("higher")}
    )
    assert "<summary>Special causes: getting better — 2 signals " in dashboard_page(two).markdown
    with use_language("zh"):
        text = dashboard_page(two).markdown
    assert "<summary>特殊原因：正在变好——2 个信号（确认原因并保持改进）</summary>" in text
    fast = tiles(text)["fast"][1]
    assert '<span class="sqms-tile__target">目标 ≥ 90.0%</span>' in fast
    assert 'aria-hidden="true">▲</span> 预警</span>' in fast
    assert '<strong>75.0%</strong> <span class="sqms-tile__period">2026年1月</span>' in fast


def test_all_clear_and_the_as_of_sentence_stay(mini_report: ReportData) -> None:
    calm = dataclasses.replace(
        mini_report, results=mini_report.results.assign(status="meets"), controls={}
    )
    text = dashboard_page(calm).markdown
    assert text.split("## Needs attention", 1)[1].lstrip().startswith("Nothing needs attention")
    assert "<details" not in text
    dated = dataclasses.replace(calm, as_of=dt.date(2026, 12, 1))
    attention = dashboard_page(dated).markdown.split("## Needs attention", 1)[1]
    assert attention.lstrip().startswith(
        "Due dates (document reviews, action steps, training, audits, complaints) are judged"
        " as of 2026-12-01."
    )


@pytest.mark.parametrize("status", list(SYMBOLS))
def test_a_status_badge_has_colour_symbol_and_word(status: str) -> None:
    badge = status_badge(status)
    assert f'class="sqms-badge sqms-badge--{status}"' in badge
    assert SYMBOLS[status] in badge and badge.endswith(f" {WORDS[status]}</span>")


def test_the_stylesheet_is_shipped_and_registered() -> None:
    assert "assets/sqms/dashboard.css" in STYLES
    css = (ASSETS / "dashboard.css").read_text(encoding="utf-8")
    assert "@media print" in css and "break-inside: avoid" in css
