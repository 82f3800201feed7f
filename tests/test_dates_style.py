"""One date style per language: the language's form in a sentence, ISO in a table cell.

``manual/reference/languages.md`` sets the rule: a day, a period or a span of
periods in a paragraph, list item, heading or caption is written in the
site's language (``2026年10月31日``, ``2026年10月``, ``2024年11月至2026年10月``);
a table cell keeps ISO (``2026-10-31``) so that it sorts as text. English
writes both as ISO, so only the Chinese site can break the rule: this module
builds the repository's own sample in Chinese and reads every generated
page. Hand-written pages are left out: they are written in whatever
language and style their authors choose, and the reference pages show ISO
examples of file formats on purpose.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from sqms.engine.spc.signals import PlacedSignal, SignalSummary, describe
from sqms.i18n import use_language
from sqms.text.formatting import format_date, format_day, format_period, format_span
from tests.support.sites import SAMPLE_LANG, SAMPLE_TZ, built_site, copy_sample

ISO_DATE = re.compile(
    r"(?<![\w-])(?:\d{4}-\d{2}-\d{2}|\d{4}-(?:0[1-9]|1[0-2])|\d{4}-Q[1-4]|\d{4}-W\d{2})(?![\w-])"
)
"""An ISO day, month, quarter or week standing alone: not part of an id such as ``IA-2026-01-F1``."""
SENTENCE_TAGS = frozenset(
    {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "summary"}
)
"""Where sentences are: paragraphs, list items, headings, definitions, captions."""
SKIPPED_TAGS = frozenset({"table", "code", "pre", "script", "style", "svg"})
"""Where ISO belongs: table cells (they sort as text), code, and the charts' own drawing."""
VOID_TAGS = frozenset({"br", "img", "meta", "link", "input", "hr", "source", "wbr", "col"})
GENERATED = ("indicators/", "registers/", "certification/")
GENERATED_PAGES = ("dashboard.html", "quality-plan.html", "service-cycle.html",
                   "document-register.html")  # fmt: skip
"""The pages SQMS writes; every other page of the sample is written by hand."""


class SentenceDates(HTMLParser):
    """ISO dates in the sentences of a page's article, outside tables, code and charts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.found: list[str] = []
        self.checked = 0
        """How many pieces of sentence text were read (a page with none is a broken test)."""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if "article" not in self.open or SKIPPED_TAGS.intersection(self.open):
            return
        if SENTENCE_TAGS.intersection(self.open) and data.strip():
            self.checked += 1
            self.found += [
                f"{match[0]} in {data.strip()[:160]!r}" for match in ISO_DATE.finditer(data)
            ]


def sentence_dates(html: str) -> tuple[list[str], int]:
    """The ISO dates found in sentences, and how many pieces of text were checked."""
    parser = SentenceDates()
    parser.feed(html)
    return parser.found, parser.checked


def generated(path: str) -> bool:
    """Whether the page at ``path`` (relative to the site) is one SQMS writes."""
    return path.startswith(GENERATED) or path in GENERATED_PAGES


# --- the pieces: formatting, the checker --------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "span", "same", "day"),
    [
        ("en", "2026-03 – 2026-10", "2026-03", "2026-10-31"),
        ("zh", "2026年3月至2026年10月", "2026年3月", "2026年10月31日"),
    ],
)
def test_a_span_and_a_day_follow_the_language(lang: str, span: str, same: str, day: str) -> None:
    with use_language(lang):
        assert format_span("2026-03", "2026-10") == span
        assert format_span("2026-03", "2026-03") == same
        assert format_day(pd.Timestamp("2026-10-31 08:30")) == day
        assert format_day("2026-10-31") == day
        assert format_day(dt.date(2026, 10, 31)) == day


def test_english_sentences_write_iso_so_only_chinese_is_checked() -> None:
    with use_language("en"):
        assert format_date(dt.date(2026, 10, 31)) == "2026-10-31"
        assert [format_period(p) for p in ("2026-10", "2026-Q3", "2026-W05")] == [
            "2026-10",
            "2026-Q3",
            "2026-W05",
        ]


def test_format_day_of_nothing_and_of_text_that_is_no_day() -> None:
    with use_language("zh"):
        assert format_day(None) == format_day(pd.NaT) == format_day("") == "—"
        assert format_day("soon") == "soon"
        assert format_span(dt.date(2026, 1, 2), dt.date(2026, 3, 1)) == "2026年1月2日至2026年3月1日"


def test_signal_sentences_write_their_periods_in_chinese() -> None:
    run = tuple(f"2026-{month:02d}" for month in range(3, 11))
    signals = [
        PlacedSignal("WE4", run, "8 points on one side", "higher", False),
        PlacedSignal("WE1", ("2025-06",), "beyond 3σ", "lower", True),
        PlacedSignal("WE1", ("2025-07",), "beyond 3σ", "lower", True),
    ]
    summary = SignalSummary("2026-03", "2026-10", "higher", False, ("WE4",))
    with use_language("zh"):
        sentences = describe(signals)
        assert sentences[0].startswith("2025年6月，2025年7月（WE1）")
        assert sentences[1].startswith("2026年3月至2026年10月（WE4）")
        assert "2026年3月至2026年10月（WE4）" in summary.sentence()
    with use_language("en"):
        assert describe(signals)[1].startswith("2026-03 – 2026-10 (WE4)")
        assert "2026-03 – 2026-10 (WE4)" in summary.sentence()
    assert signals[0].periods[0] == "2026-03"  # the signal keeps ISO labels for the JSON


def test_the_checker_finds_iso_dates_in_sentences_only() -> None:
    html = (
        "<header><p>2026-10-13</p></header><article>"
        "<p>截至 2026-10-13。</p><table><tr><td>2026-10-13</td></tr></table>"
        "<ul><li>期间 2026-Q3，IA-2026-01-F1</li></ul><h2>按渠道细分 2024-11</h2>"
        "<p><code>2026-10</code> 2026年10月31日</p><figcaption>2026-W05</figcaption></article>"
    )
    found, checked = sentence_dates(html)
    assert [hit.split(" in ")[0] for hit in found] == [
        "2026-10-13",
        "2026-Q3",
        "2024-11",
        "2026-W05",
    ]
    assert checked == 5
    assert generated("indicators/fast.html") and generated("dashboard.html")
    assert not generated("reference/languages.html") and not generated("index.html")


# --- the sample, built in Chinese ---------------------------------------------------------


@pytest.fixture(scope="module")
def zh_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample, in Chinese, built as of 2026-12-01."""
    root = copy_sample(tmp_path_factory.mktemp("dates-style") / "project")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  language: en\n" in text, "the sample's theme language moved"
    config.write_text(text.replace("\n  language: en\n", "\n  language: zh\n"), encoding="utf-8")
    return built_site(root, tz=SAMPLE_TZ, lang=SAMPLE_LANG, SQMS_AS_OF="2026-12-01")


def _page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.slow
def test_no_generated_chinese_page_writes_an_iso_date_in_a_sentence(zh_sample: Path) -> None:
    found: dict[str, list[str]] = {}
    checked: list[str] = []
    for path in sorted(zh_sample.rglob("*.html")):
        name = path.relative_to(zh_sample).as_posix()
        if not generated(name):
            continue
        hits, pieces = sentence_dates(path.read_text(encoding="utf-8"))
        assert pieces, f"{name}: no sentence read — the page's layout changed?"
        checked.append(name)
        if hits:
            found[name] = hits
    assert found == {}
    assert len(checked) > 40
    assert {"dashboard.html", "registers/actions.html", "indicators/frt_within_4h.html",
            "certification/management-review/2026-Q3.html"} <= set(checked)  # fmt: skip


@pytest.mark.slow
def test_chinese_sentences_write_the_chinese_forms(zh_sample: Path) -> None:
    chart = _page(zh_sample, "indicators/frt_within_4h.html")
    assert "控制限根据 7 个周期计算，2024年11月至2025年5月（声明的基线）" in chart
    review = _page(zh_sample, "certification/management-review/2026-Q3.html")
    assert "2026年第3季度 收到投诉" in review and "2026年9月30日" in review
    assert "截至 2026年12月1日" in _page(zh_sample, "registers/training.html")
    dashboard = _page(zh_sample, "dashboard.html")
    assert "2026年" in dashboard and "2026-10-31" not in dashboard.split("<table")[0]


@pytest.mark.slow
def test_chinese_tables_keep_iso_dates(zh_sample: Path) -> None:
    reviews = _page(zh_sample, "registers/reviews.html")
    assert "<td>2026-10-15</td>" in reviews
    assert "<li><strong>召开日期:</strong> 2026年10月15日</li>" in reviews


@pytest.mark.slow
def test_chinese_breakdown_headings_have_no_spaces_around_the_label(zh_sample: Path) -> None:
    page = _page(zh_sample, "indicators/frt_within_4h.html")
    headings = re.findall(r"<h2[^>]*>(按[^<]*细分)", page)
    assert headings, "no breakdown heading on the page"
    assert headings == ["按channel细分", "按support team细分"]  # the labels' own spaces only
