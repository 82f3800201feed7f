"""A manual in Chinese: generated pages in Chinese, and Chinese search that works offline.

The sample project in ``tests/zh_sample`` sets ``theme.language: zh``: the
plugin writes its generated pages in Chinese, dates in page text as
``2026年3月2日`` and periods as ``2026年1月``. Material's search splits
Chinese text into words with jieba when the site is built, so that a reader
can search for a word inside a sentence; these tests build the sample
strictly and search it from ``file://`` in headless Chromium, with the
network blocked, as ``test_site_offline`` does for the English sample.

Like those tests, the browser tests are skipped on a developer's machine
without Debian's ``chromium`` and fail when ``CI`` is set.
"""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests import test_site_offline as offline
from tests.support.dates import NOV_24_2026_EPOCH
from tests.support.sites import built_site
from tests.test_site_offline import assert_offline, file_url, page_title

if TYPE_CHECKING:
    from tests.test_site_offline import Watched

pytestmark = pytest.mark.slow

SAMPLE = Path(__file__).resolve().parent / "zh_sample"
"""The Chinese sample project: ``mkdocs.yml``, ``manual/`` and ``data/``."""


POLICY = "policy/quality-policy.html"
PROCEDURE = "procedures/qp-05-complaint-handling.html"

# Headless Chromium and the watched, network-blocking context of the English site tests.
chromium = offline.chromium
watched = offline.watched


@pytest.fixture(scope="session")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a copy of the Chinese sample strictly, once per session; return the site folder.

    The copy is outside any git checkout, so the build is dated by
    ``SOURCE_DATE_EPOCH`` alone (2026-11-24: reviews are judged as of that
    day) and the sample folder stays untouched.
    """
    if importlib.util.find_spec("jieba") is None:
        pytest.fail("Chinese search needs jieba: pip install -e '.[test]'", pytrace=False)
    root = tmp_path_factory.mktemp("zh-sample") / "project"
    shutil.copytree(SAMPLE, root, ignore=shutil.ignore_patterns("site"))
    return built_site(root, SOURCE_DATE_EPOCH=NOV_24_2026_EPOCH)


def headings(path: Path) -> list[str]:
    """The text of every ``h1``/``h2`` of a built page, without permalink signs."""
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"<h[12][^>]*>(.*?)</h[12]>", text, re.DOTALL)
    return [
        re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", h)).strip()
        for h in found
    ]


def search_pages(site: Path, word: str) -> set[str]:
    """The pages whose search entries (title or text) hold ``word``."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {
        entry["location"].split("#")[0]
        for entry in index["docs"]
        if word in entry["title"].replace("\u200b", "")
        or word in entry["text"].replace("\u200b", "")
    }


def test_generated_pages_are_in_chinese(zh_site: Path) -> None:
    """The dashboard, quality plan and document register have Chinese titles and headings."""
    assert 'lang="zh"' in (zh_site / "index.html").read_text(encoding="utf-8")
    dashboard = headings(zh_site / "dashboard.html")
    assert dashboard[0] == "仪表板" and "需要关注" in dashboard
    assert {"服务水平", "效率", "质量"} <= set(dashboard)  # one table per family of indicators
    plan = headings(zh_site / "quality-plan.html")
    assert plan[0] == "质量计划"
    assert "OBJ-1 — 快速答复客户" in plan and "全部指标" in plan
    assert headings(zh_site / "document-register.html")[0] == "文件清单"
    assert headings(zh_site / "indicators" / "fast.html")[0] == "3 小时内答复率"
    assert "修订历史" in headings(zh_site / PROCEDURE)


def test_dates_and_periods_in_page_text_are_chinese(zh_site: Path) -> None:
    """Dates and periods in page text follow the language; machine data stays ISO."""
    procedure = (zh_site / PROCEDURE).read_text(encoding="utf-8")
    # Approved 2026-03-02 with a review every 6 months: due 2026-09-02, overdue on 2026-11-24.
    assert "本文件应于 2026年9月2日 评审。" in procedure
    assert "2026年3月2日（质量总监）" in procedure
    register = (zh_site / "document-register.html").read_text(encoding="utf-8")
    assert "评审状态以 2026年11月24日 为准" in register
    dashboard = (zh_site / "dashboard.html").read_text(encoding="utf-8")
    # The tickets run to 10 February 2026, so January is the latest complete month.
    assert "最近一个完整周期（2026年1月）" in dashboard
    results = json.loads((zh_site / "sqms" / "indicators.json").read_text(encoding="utf-8"))
    assert "2026-01" in json.dumps(results) and "2026年" not in json.dumps(results)


def test_chinese_text_is_segmented_for_search(zh_site: Path) -> None:
    """jieba splits the Chinese text into words for the index, each word in one page only here."""
    index = json.loads((zh_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["zh"]
    # Words are cut apart by zero-width spaces: "客服的宗旨是" becomes "客服|的|宗旨|是" (| = U+200B).
    policy = " ".join(e["text"] for e in index["docs"] if e["location"].startswith(POLICY))
    assert "\u200b宗旨\u200b" in policy and "\u200b满意度\u200b" in policy
    assert search_pages(zh_site, "宗旨") == {POLICY}
    assert search_pages(zh_site, "赔偿") == {PROCEDURE}


@pytest.mark.browser
@pytest.mark.parametrize(("word", "target"), [("宗旨", POLICY), ("赔偿", PROCEDURE)])
def test_chinese_search_works_offline(
    zh_site: Path, watched: Watched, word: str, target: str
) -> None:
    """Searching a Chinese word from ``file://`` finds the one page whose body holds it.

    The word sits inside a sentence, with no space around it: the search finds
    it only because the build split the sentence into words. Every result
    (one per matching section) links to that page.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    assert search_pages(zh_site, word) == {target}, "the word must be in one page only"
    start = file_url(zh_site / "index.html")
    tab = watched.new_page()
    tab.goto(start, wait_until="load")
    box = tab.locator("input.md-search__input")
    try:
        box.wait_for(state="visible")
        box.fill(word)
        tab.locator(".md-search-result__item").first.wait_for(state="visible")
    except PlaywrightTimeoutError:
        problems = "\n".join(watched.problems()) or "none recorded"
        pytest.fail(
            f"searching {word!r} from disk showed no result;\n"
            f"what went wrong in the browser:\n{problems}",
            pytrace=False,
        )
    links = tab.locator(".md-search-result__item a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    # Material writes result links as absolute URLs, with ?h=<terms> for highlighting.
    pages = {re.sub(r"[?#].*$", "", href) for href in links}
    assert pages == {file_url(zh_site / target)}, f"searching {word!r} found {sorted(pages)}"
    tab.locator(".md-search-result__item a").first.click()
    tab.wait_for_url(re.compile(rf"/{re.escape(target)}(\?[^#]*)?(#.*)?$"))
    assert page_title(zh_site / target) in tab.locator("h1").first.inner_text()
    assert_offline(watched)
