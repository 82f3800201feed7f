"""Directives in manual pages: live values, charts and tables; located errors for mistakes."""

from __future__ import annotations

import pytest

from sqms.project import compute_results, load_project
from sqms.site.embed import EmbedContext, line_offset, render_directives
from sqms.site.reporting import ReportData, build_report
from tests import mini
from tests.support.projects import ProjectFactory

PAGE = "procedures/qp-03.md"
DISPLAY = "manual/procedures/qp-03.md"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    from tests.support.projects import write_project

    root = write_project(tmp_path_factory.mktemp("mini"), mini.files())
    project = load_project(root, "data", None)
    results = compute_results(project)
    assert project.plan is not None
    return build_report(project.plan, results, project.catalog)


def render(data: ReportData, markdown: str, first_line: int = 1) -> tuple[str, list[str]]:
    text, problems = render_directives(markdown, EmbedContext(data, PAGE, DISPLAY, first_line))
    return text, [p.format() for p in problems]


def test_value_with_period_status_target_and_link(data: ReportData) -> None:
    text, problems = render(data, "Answered fast:\n\n<!-- sqms:value fast label=none -->\n")
    assert not problems
    # January is the latest complete period: 3 of 4, judged against the 80% target then.
    assert text == (
        "Answered fast:\n\n[**75.0%**](../indicators/fast.md) "
        "(2026-01; ▲ warning, target ≥ 80.0%)\n"
    )


@pytest.mark.parametrize(
    ("directive", "expected"),
    [
        ("<!-- sqms:value fast show=value -->", "75.0%"),
        ("<!-- sqms:value fast show=status -->", "▲ warning"),
        ("<!-- sqms:value fast show=n -->", "4"),
        ("<!-- sqms:value fast show=period -->", "2026-01"),
        ("<!-- sqms:value fast show=value for=channel:chat -->", "100.0%"),
        ("<!-- sqms:value fast show=period period=2026-02 -->", "2026-02, partial"),
        ("<!--sqms:value   wait_mean   show=value-->", "2.8 h"),
    ],
)
def test_value_options(data: ReportData, directive: str, expected: str) -> None:
    text, problems = render(data, f"Now: {directive}.")
    assert not problems
    assert text == f"Now: {expected}."


def test_several_values_in_one_sentence(data: ReportData) -> None:
    text, _ = render(
        data, "Chat <!-- sqms:value fast show=value for=channel:chat -->, "
        "e-mail <!-- sqms:value fast show=value for=channel:email -->."
    )  # fmt: skip
    assert text == "Chat 100.0%, e-mail 50.0%."


def test_chart_is_an_inline_svg_figure_with_its_numbers_and_a_link(data: ReportData) -> None:
    text, problems = render(data, "Intro\n<!-- sqms:chart fast -->\nAfter\n")
    assert not problems
    lines = text.split("\n")
    assert lines[0] == "Intro" and lines[1] == "", "a blank line makes the figure a block"
    assert lines[2].startswith('<figure class="sqms-chart"') and "<svg" in lines[2]
    assert '<details class="sqms-numbers" data-search-exclude>' in text and "<td>75.0%</td>" in text
    assert "Details: [Answered within 3 hours](../indicators/fast.md)." in text
    assert text.endswith("\n\nAfter\n")


@pytest.mark.parametrize(
    ("directive", "found"),
    [
        ("<!-- sqms:chart fast by=channel -->", "Answered within 3 hours by channel"),
        ("<!-- sqms:chart fast kind=breakdown by=channel periods=1 -->", "Latest complete period"),
        ("<!-- sqms:chart fast kind=control -->", "Not enough complete periods"),
        ("<!-- sqms:chart wait_median kind=distribution -->", "Distribution of wait_h, 2026-01"),
        ("<!-- sqms:table fast -->", "| 2026-02 (partial) |"),
        ("<!-- sqms:table fast periods=1 -->", "| 2026-02 (partial) |"),
        ("<!-- sqms:table fast by=channel -->", "| email | 50.0% | 2 |"),
    ],
)
def test_blocks(data: ReportData, directive: str, found: str) -> None:
    text, problems = render(data, directive)
    assert not problems
    assert found in text


def test_indented_block_keeps_its_indent(data: ReportData) -> None:
    text, _ = render(data, "1. Step\n\n    <!-- sqms:table fast periods=1 -->\n")
    assert "    | Period |" in text


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("<!-- sqms:value fsat -->", 'unknown indicator "fsat" (did you mean "fast"?)'),
        (
            "<!-- sqms:chart fast kin=trend -->",
            'unknown option "kin" for sqms:chart (did you mean "kind"?); options: kind, by, periods',
        ),
        (
            "<!-- sqms:chart fast kind=pie -->",
            'kind: "pie" is not one of trend, control, breakdown, pareto, distribution',
        ),
        (
            "<!-- sqms:chart fast by=team -->",
            'fast has no breakdown by "team"; breakdowns: channel',
        ),
        (
            "<!-- sqms:chart fast by=chanel -->",
            'fast has no breakdown by "chanel" (did you mean "channel"?)',
        ),
        ("<!-- sqms:chart fast kind=pareto by=channel -->", "a Pareto chart needs a count or sum"),
        (
            "<!-- sqms:chart fast kind=trend by=channel -->",
            "by= applies to kind=breakdown or kind=pareto",
        ),
        ("<!-- sqms:chart fast kind=breakdown -->", "kind=breakdown needs by=DIMENSION"),
        ("<!-- sqms:chart fast kind=distribution -->", "indicator fast has no distribution"),
        (
            "<!-- sqms:chart fast periods=0 -->",
            'periods: "0" is not a whole number of periods above 0',
        ),
        ("<!-- sqms:chart fast periods=3 periods=4 -->", 'option "periods" is given twice'),
        ("<!-- sqms:chart fast channel -->", 'option "channel" must be written name=value'),
        ("<!-- sqms:chart kind=trend -->", "sqms:chart needs an indicator id first"),
        (
            "<!-- sqms:charts fast -->",
            'unknown directive "sqms:charts" (did you mean "sqms:chart"?)',
        ),
        ("<!-- sqms:value fast for=channel:sms -->", 'no channel "sms" in the results'),
        ("<!-- sqms:value fast period=2025-13 -->", 'no period "2025-13" for indicator fast'),
        ("<!-- sqms:cycle -->", "the quality plan declares no service_cycle"),
        ("See <!-- sqms:chart fast --> here", "sqms:chart must stand on a line of its own"),
    ],
)
def test_mistakes_are_errors_at_their_line(data: ReportData, line: str, message: str) -> None:
    markdown = "# Title\n\nSome text.\n" + line + "\n"
    text, problems = render(data, markdown, first_line=10)
    assert len(problems) == 1
    assert problems[0].startswith(f"{DISPLAY}:13: ") and message in problems[0], problems
    assert line in text, "the line is left as it was"


def test_every_mistake_of_a_page_is_reported(data: ReportData) -> None:
    _, problems = render(data, "<!-- sqms:value nope -->\nok\n<!-- sqms:chart fast kind=x -->\n")
    assert [p.split(": ", 1)[0] for p in problems] == [f"{DISPLAY}:1", f"{DISPLAY}:3"]


def test_code_is_left_alone(data: ReportData) -> None:
    markdown = (
        "Write `<!-- sqms:value fast -->` in a page.\n\n"
        "```markdown\n<!-- sqms:chart nope -->\n```\n\n"
        "~~~~\n```\n<!-- sqms:value nope -->\n~~~~\n"
        "<!-- sqms:value fast show=value -->\n"
    )
    text, problems = render(data, markdown)
    assert not problems
    assert "`<!-- sqms:value fast -->`" in text
    assert "<!-- sqms:chart nope -->" in text and "<!-- sqms:value nope -->" in text
    assert text.endswith("75.0%\n")


def test_line_offset_counts_the_front_matter() -> None:
    source = "---\nid: QP-03\ntitle: X\n---\n\n# Body\n<!-- sqms:value fast -->\n"
    body = "# Body\n<!-- sqms:value fast -->\n"
    assert line_offset(source, body) == 6
    assert line_offset("# Body\n", "# Body\n") == 1
    assert line_offset("changed", "other") == 1


def test_cycle_directive_checks_its_dimension(make_project: ProjectFactory) -> None:
    from tests.test_service_cycle import files

    project = load_project(make_project(files()), "data", None)
    assert project.plan is not None
    report = build_report(project.plan, compute_results(project), project.catalog)
    text, problems = render(
        report, "<!-- sqms:cycle by=channel -->\n<!-- sqms:cycle view=statuses -->"
    )
    assert not problems
    assert text.count('<figure class="sqms-chart"') == 3
    _, problems = render(report, "<!-- sqms:cycle by=team -->")
    assert problems == [
        f'{DISPLAY}:1: service_cycle has no breakdown by "team"; breakdowns: channel'
    ]
