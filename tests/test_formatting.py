"""Dates, periods and numbers as each language writes them, in page text only."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sqms.documents.control import decorate
from sqms.i18n import current_language, t, use_language
from sqms.io.history import History
from sqms.site.pages import dashboard_page, indicator_page
from sqms.site.pages.documents import overdue_items, register_page
from sqms.site.reporting import ReportData
from sqms.text import formatting
from sqms.text.formatting import (
    format_count,
    format_date,
    format_period,
    format_status,
    format_value,
)
from tests import mini
from tests.support.projects import ProjectFactory
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
        ("2026-Q4", "2026-Q4", "2026年第4季度"),
        ("—", "—", "—"),  # no period: shown as it is
        ("2026-10 (partial)", "2026-10 (partial)", "2026-10 (partial)"),
        ("2026-13", "2026-13", "2026-13"),  # no such month: shown as it is
        ("0000", "0000", "0000"),  # no year 0 in the calendar
    ],
)
def test_period_labels_follow_the_language(label: str, english: str, chinese: str) -> None:
    assert format_period(label) == english
    with use_language("zh"):
        assert format_period(label) == chinese


DATE_PATTERNS = {
    "en": {
        "locale.date": "yyyy-MM-dd",
        "locale.month": "yyyy-MM",
        "locale.quarter": "y-'Q'Q",
        "locale.year": "y",
    },
    "zh": {
        "locale.date": "y年M月d日",
        "locale.month": "y年M月",
        "locale.quarter": "y年第Q季度",
        "locale.year": "y年",
    },
}
"""The CLDR date patterns the catalogs hold for dates and period labels (Babel's syntax)."""


def test_dates_are_written_by_the_catalogs_cldr_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Babel writes each date and label from its catalog pattern, as the tests above expect."""

    def catalog(key: str, /, **values: object) -> str:
        pattern = DATE_PATTERNS[current_language()].get(key)
        return pattern if pattern is not None and not values else t(key, **values)

    monkeypatch.setattr(formatting, "t", catalog)
    labels = ["2026-10", "2026-03", "2026-Q3", "2026-Q4", "2026-W05", "2026"]
    assert format_date(dt.date(2026, 10, 31)) == "2026-10-31"
    assert format_date(dt.date(2026, 3, 2)) == "2026-03-02"
    assert [format_period(label) for label in labels] == [
        "2026-10", "2026-03", "2026-Q3", "2026-Q4", "2026-W05", "2026"
    ]  # fmt: skip
    with use_language("zh"):
        assert format_date(dt.date(2026, 10, 31)) == "2026年10月31日"
        assert format_date(dt.date(2026, 3, 2)) == "2026年3月2日"
        assert [format_period(label) for label in labels] == [
            "2026年10月", "2026年3月", "2026年第3季度", "2026年第4季度", "2026年第5周", "2026年"
        ]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "zh"])
def test_numbers_are_written_alike_in_both_languages(language: str) -> None:
    with use_language(language):
        assert format_count(1234567) == "1,234,567"
        assert format_value(1234.5, "number") == "1,234.50"
        assert format_value(0.953, "percent") == "95.3%"  # 0.953 × 100 = 95.3
        assert format_value(12.34, "percent", 0) == "1,234%"  # 12.34 × 100 = 1,234
        assert format_value(-1234.5, "number", 1) == "-1,234.5"
        assert format_value(12.0, "score") == "+12.0"  # NPS is signed
        assert format_value(0.0, "score") == "0.0"
        assert format_value(-3.0, "score") == "-3.0"
        assert format_value(None, "percent") == format_count(float("nan")) == "—"


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (2.675, "number", None, "2.67"),  # the binary value is 2.67499…
        (0.125, "number", None, "0.12"),  # half to even
        (0.0125, "percent", None, "1.2%"),  # 1/80: 1.25 in floating point, half to even
        (0.0375, "percent", None, "3.8%"),
        (-0.04, "number", 1, "-0.0"),
        (0.5, "count", None, "0"),
        (1.5, "count", None, "2"),
        (1e20, "number", None, "100,000,000,000,000,000,000.00"),
    ],
)
def test_numbers_round_as_they_always_have(
    value: float, unit: str, decimals: int | None, expected: str
) -> None:
    """Babel rounds the value stored, half to even, as Python's ``format`` did."""
    assert format_value(value, unit, decimals) == expected
    with use_language("zh"):
        assert format_value(value, unit, decimals) == expected


def test_every_figure_is_the_one_pythons_format_wrote() -> None:
    """Numbers, percentages and counts: the same text as ``format`` wrote before Babel."""
    values = [i / 8 + j / 1000 for i in range(-40, 40) for j in (0, 5, 25, 125, 333, 995)]
    values += [1 / n for n in range(1, 400)] + [n * 1.005 for n in range(0, 2000, 7)]
    for places in (0, 1, 2, 3):
        for value in values:
            assert format_value(value, "number", places) == f"{value:,.{places}f}"
            assert format_value(value, "percent", places) == f"{value * 100:,.{places}f}%"
    assert [format_count(value) for value in values] == [f"{value:,.0f}" for value in values]


@pytest.mark.parametrize(
    ("unit", "english", "chinese"),
    [
        ("hours", "1,234.6 h", "1,234.6 小时"),
        ("days", "1,234.6 d", "1,234.6 天"),
        ("per_1000", "1,234.6 per 1,000", "每千 1,234.6"),
        ("index", "1,234.6", "1,234.6"),
    ],
)
def test_units_are_written_around_the_number(unit: str, english: str, chinese: str) -> None:
    assert format_value(1234.56, unit) == english
    with use_language("zh"):
        assert format_value(1234.56, unit) == chinese


def test_status_is_a_symbol_and_a_word() -> None:
    assert format_status("meets") == "✔ meets target"
    assert format_status("not_judged") == "○ not judged"
    with use_language("zh"):
        assert format_status("misses").startswith("✖ ")


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
    assert '<strong>75.0%</strong> <span class="sqms-tile__period">2026年1月</span>' in dashboard
    assert "**最近一个完整周期（2026年1月）：75.0%**" in fast
    assert "自 2025年1月1日 起" in fast
    assert "自 2026年2月1日 起" in fast
    # Chart axes and the tables beside them keep the labels the charts show.
    assert "| 2026-01 |" in fast


def test_english_dashboard_keeps_period_labels(data: ReportData) -> None:
    dashboard = dashboard_page(data).markdown
    assert re.search(r"in the latest complete period \(2026-0[12]\)", dashboard)
    assert '<strong>75.0%</strong> <span class="sqms-tile__period">2026-01</span>' in dashboard
