"""Generated pages: the dashboard, the quality plan, indicator pages and the service cycle."""

from __future__ import annotations

import base64
import dataclasses
import re

import pytest

from sqms.i18n import use_language
from sqms.project import compute_results, load_project
from sqms.site.pages import (
    CYCLE_PAGE,
    DASHBOARD_PAGE,
    PLAN_PAGE,
    cycle_page,
    dashboard_page,
    generated_pages,
    indicator_page,
)
from sqms.site.reporting import AttentionItem, ReportData, build_report
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, write_project


def report_of(files: dict[str, str], root: object) -> ReportData:
    project = load_project(write_project(root, files), "data", None)  # type: ignore[arg-type]
    assert not project.report.errors, [d.format() for d in project.report.errors]
    assert project.plan is not None
    return build_report(project.plan, compute_results(project), project.catalog)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    return report_of(mini.files(), tmp_path_factory.mktemp("mini"))


@pytest.fixture(scope="module")
def pages(data: ReportData) -> dict[str, str]:
    return {page.path: page.markdown for page in generated_pages(data.plan, data.results, data)}


def test_every_page_is_generated(pages: dict[str, str], data: ReportData) -> None:
    expected = {DASHBOARD_PAGE, PLAN_PAGE} | {f"indicators/{i}.md" for i in data.plan.indicators}
    assert set(pages) == expected, "no service cycle declared: no cycle page"


def test_indicator_page_sections(pages: dict[str, str]) -> None:
    page = pages["indicators/fast.md"]
    headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
    assert headings == ["Definition", "Trend", "Breakdown by channel", "Control chart", "Values"]
    assert page.count('<figure class="sqms-chart"') == 2  # trend and breakdown
    assert "**Latest complete period, 2026-01: 75.0%** — ▲ warning" in page
    assert "| Data source | <code>tickets</code> |" in page
    assert "≥ 80.0% (warning at 70.0%) from 2025-01-01; ≥ 90.0% from 2026-02-01" in page
    assert "| Breakdowns | channel |" in page
    assert "Not enough complete periods for control limits yet (need 2, have 1)." in page
    assert "| chat | 100.0% | 2 | 34.2% – 100.0% | ○ not judged |" in page
    assert "| 2026-02 (partial) |" in page


def test_control_limits_say_how_many_periods_they_come_from(pages: dict[str, str]) -> None:
    page = pages["indicators/churn.md"]
    assert (
        "**p (proportion)** chart. Limits computed from 2 periods, 2026-01 – 2026-02 "
        "(every complete period); centre line 60.0%." in page
    )


def test_duration_indicators_show_their_distribution(pages: dict[str, str]) -> None:
    page = pages["indicators/wait_median.md"]
    assert "## Distribution" in page
    assert "Distribution of wait_h, 2026-01" in page
    assert "<th>Duration</th><th>Count</th>" in page
    assert "## Distribution" not in pages["indicators/fast.md"]


def test_dashboard_lists_every_indicator_then_what_needs_attention(pages: dict[str, str]) -> None:
    page = pages[DASHBOARD_PAGE]
    assert page.index("## Service level") < page.index("## Needs attention")
    attention = page[page.index("## Needs attention") :]
    assert "### Not meeting target" in attention
    assert "[Answered within 3 hours](indicators/fast.md) | 2026-01 | 75.0% |" in attention
    assert "[Quality plan](quality-plan.md)" in page
    assert "Service cycle" not in page, "no link to a page that does not exist"


def test_dashboard_sparklines_are_described_images(pages: dict[str, str]) -> None:
    page = pages[DASHBOARD_PAGE]
    images = re.findall(
        r'<img class="sqms-sparkline" src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', page
    )
    assert images
    svg = base64.b64decode(images[0][0]).decode("utf-8")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert images[0][1].startswith("Trend of ")


def test_dashboard_attention_hook_and_all_clear(data: ReportData) -> None:
    calm = dataclasses.replace(data, results=data.results.assign(status="meets"), controls={})
    page = dashboard_page(calm).markdown
    assert "Nothing needs attention" in page
    overdue = AttentionItem(
        "Overdue actions", "[CA-12](actions.md): verify the fix, due 2026-01-31"
    )
    page = dashboard_page(dataclasses.replace(calm, attention=(overdue,))).markdown
    assert "### Overdue actions\n\n- [CA-12](actions.md): verify the fix, due 2026-01-31" in page
    assert "Nothing needs attention" not in page


def test_plan_page_links_the_dashboard_and_every_indicator(
    pages: dict[str, str], data: ReportData
) -> None:
    page = pages[PLAN_PAGE]
    assert "[dashboard](dashboard.md)" in page
    for ind_id in data.plan.indicators:
        assert f"(indicators/{ind_id}.md)" in page


def test_text_from_yaml_is_escaped(tmp_path_factory: pytest.TempPathFactory) -> None:
    files = mini.files()
    files["data/quality-plan.yml"] = edited(
        files["data/quality-plan.yml"],
        "name: Answered within 3 hours",
        'name: "Answered <script>alert(1)</script> | fast"',
    )
    data = report_of(files, tmp_path_factory.mktemp("escape"))
    for page in (indicator_page(data, "fast"), dashboard_page(data)):
        assert "<script>" not in page.markdown
        assert "&lt;script&gt;" in page.markdown
        rows = [line for line in page.markdown.split("\n") if line.startswith("|")]
        assert not any("> | fast" in row for row in rows), "a | would split a cell"
    assert "&lt;/script&gt; &#124; fast](indicators/fast.md)" in dashboard_page(data).markdown


def test_no_row_level_data_in_any_page(pages: dict[str, str]) -> None:
    for path, markdown in pages.items():
        assert "@example.com" not in markdown, path
        assert "2026-01-05 10:00" not in markdown, path


def test_chinese_pages(data: ReportData) -> None:
    with use_language("zh"):
        page = dashboard_page(data).markdown
        indicator = indicator_page(data, "fast").markdown
    assert "\n# 仪表板 " in page
    assert "## 需要关注" in page
    assert "## 定义" in indicator and "## 控制图" in indicator


def test_pages_without_report_data(data: ReportData) -> None:
    pages = generated_pages(data.plan, data.results)
    assert {p.path for p in pages} >= {DASHBOARD_PAGE, PLAN_PAGE}
    fast = next(p for p in pages if p.path == "indicators/fast.md").markdown
    assert "| Data source | <code>tickets</code> |" in fast


def test_cycle_page(make_project: ProjectFactory) -> None:
    from tests.test_service_cycle import files

    project = load_project(make_project(files()), "data", None)
    assert project.plan is not None
    data = build_report(project.plan, compute_results(project), project.catalog)
    page = cycle_page(data)
    assert page is not None and page.path == CYCLE_PAGE
    text = page.markdown
    headings = re.findall(r"^##+ (.+)$", text, re.MULTILINE)
    assert headings == ["Stages per period", "By channel", "Distribution of each stage",
                        "Time in each status", "By channel"]  # fmt: skip
    assert "**Waiting**: from `created_at` to `first_response_at`, in business hours" in text
    assert "**Closing (wall)**: from `resolved_at` to `closed_at`, in wall-clock hours" in text
    assert "| 2026-01 | 1.00 h · p90 2.0 h · n 3 |" in text
    assert "2026-02" not in text.split("## Time in each status")[0].split("Distribution")[0], (
        "the partial period is left out"
    )
    assert text.count('<figure class="sqms-chart"') >= 8
    dashboard = dashboard_page(data).markdown
    assert "[Service cycle](service-cycle.md)" in dashboard
