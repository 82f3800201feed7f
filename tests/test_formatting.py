"""Dates, periods and numbers as each language writes them, in page text only."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sqms.documents.control import decorate
from sqms.i18n import use_language
from sqms.io.history import History
from sqms.site.pages import dashboard_page, indicator_page
from sqms.site.pages.documents import overdue_items, register_page
from sqms.site.reporting import ReportData
from sqms.text.formatting import format_count, format_date, format_period, format_value
from tests import mini
from tests.conftest import ProjectFactory
from tests.test_documents import load, manual_files
from tests.test_pages import report_of


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "2026-10-31"), ("zh", "2026年10月31日")],
)
def test_dates_follow_the_language(language: str, expected: str) -> None:
    with use_language(language):
        assert format_date(dt.date(2026, 10, 31)) == expected
        assert format_date(None) == "—"


def test_english_dates_are_zero_padded_and_chinese_are_not() -> None:
    day = dt.date(2026, 3, 2)
    assert format_date(day) == "2026-03-02"
    with use_language("zh"):
        assert format_date(day) == "2026年3月2日"


@pytest.mark.parametrize(
    ("label", "english", "chinese"),
    [
        ("2026-10", "2026-10", "2026年10月"),
        ("2026-03", "2026-03", "2026年3月"),
        ("2026-Q3", "2026-Q3", "2026年第3季度"),
        ("2026-W05", "2026-W05", "2026年第5周"),
        ("2026", "2026", "2026年"),
        ("—", "—", "—"),  # no period: shown as it is
        ("2026-10 (partial)", "2026-10 (partial)", "2026-10 (partial)"),
    ],
)
def test_period_labels_follow_the_language(label: str, english: str, chinese: str) -> None:
    assert format_period(label) == english
    with use_language("zh"):
        assert format_period(label) == chinese


@pytest.mark.parametrize("language", ["en", "zh"])
def test_numbers_are_written_alike_in_both_languages(language: str) -> None:
    with use_language(language):
        assert format_count(1234567) == "1,234,567"
        assert format_value(1234.5, "number") == "1,234.50"
        assert format_value(0.953, "percent") == "95.3%"  # 0.953 × 100 = 95.3
        assert format_value(12.34, "percent", 0) == "1,234%"  # 12.34 × 100 = 1,234


def test_chinese_control_block_and_history(make_project: ProjectFactory) -> None:
    _, manual = load(make_project(manual_files()))
    qp = manual.documents["QP-05"]  # type: ignore[attr-defined]
    with use_language("zh"):
        page, _ = decorate("# 投诉处理\n", qp, manual, History(available=False), 16)  # type: ignore[arg-type]
    # Approved 2025-03-02, effective 2025-03-09, reviewed every 12 months: due 2026-03-02,
    # overdue on 2026-11-24.
    assert "| 2025年3月2日（Quality Director） | 2025年3月9日 | **2026年3月2日** ⚠ |" in page
    assert "本文件应于 2026年3月2日 评审。" in page
    assert "| 2025年3月2日 | 2.1 | 第 2.1 版获批 | Quality Director | — |" in page


def test_chinese_register_keeps_sortable_dates_iso(make_project: ProjectFactory) -> None:
    _, manual = load(make_project(manual_files()))
    with use_language("zh"):
        page = register_page(manual).markdown  # type: ignore[arg-type]
        items = overdue_items(manual)  # type: ignore[arg-type]
    assert "评审状态以 2026年11月24日 为准" in page
    # The table sorts by its text, so its dates stay ISO: 2026-03-02 sorts before 2026-10-01,
    # where "2026年3月2日" would sort after "2026年10月1日".
    assert "| 2025-03-02 | **2026-03-02** ⚠" in page
    assert len(items) == 1
    assert items[0].text.endswith("：应于 2026年3月2日 评审（负责人：Customer Care Manager）")


def test_english_pages_keep_iso_dates(make_project: ProjectFactory) -> None:
    _, manual = load(make_project(manual_files()))
    qp = manual.documents["QP-05"]  # type: ignore[attr-defined]
    page, _ = decorate("# Complaint handling\n", qp, manual, History(available=False), 16)  # type: ignore[arg-type]
    assert "| 2025-03-02 (Quality Director) | 2025-03-09 | **2026-03-02** ⚠ |" in page


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    return report_of(mini.files(), tmp_path_factory.mktemp("mini"))


def test_chinese_dashboard_and_indicator_name_periods_in_chinese(data: ReportData) -> None:
    with use_language("zh"):
        dashboard = dashboard_page(data).markdown
        fast = indicator_page(data, "fast").markdown
    # The intro names the latest complete month of any indicator, as a Chinese month.
    assert re.search(r"^最近一个完整周期（2026年[12]月）的服务质量状况", dashboard, re.MULTILINE)
    # For "fast", January is the latest complete month (the tickets of February run on):
    # 3 of 4 tickets answered within 3 hours = 75.0%.
    assert "75.0%<br>2026年1月" in dashboard
    assert "**最近一个完整周期（2026年1月）：75.0%**" in fast
    assert "自 2025年1月1日 起" in fast
    assert "自 2026年2月1日 起" in fast
    # Chart axes and the tables beside them keep the labels the charts show.
    assert "| 2026-01 |" in fast


def test_english_dashboard_keeps_period_labels(data: ReportData) -> None:
    dashboard = dashboard_page(data).markdown
    assert re.search(r"in the latest complete period \(2026-0[12]\)", dashboard)
    assert "75.0%<br>2026-01" in dashboard
