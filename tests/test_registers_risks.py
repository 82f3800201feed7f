"""The register of risks and opportunities: loading, checks at their lines, page, attention.

Every expected score, count and overdue age below is worked out by hand from
the tiny register in :data:`RISKS` (today is 2026-11-24).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sqms.project import Project, load_project
from sqms.registers import RegisterContext
from sqms.registers.risks.analysis import heat_cells
from sqms.registers.risks.page import KIND_WORDS, RISKS_PAGE, STATUS_WORDS
from sqms.registers.risks.register import RisksAnalysis
from sqms.registers.risks.spec import KINDS, STATUSES
from sqms.site.reporting import ReportData
from sqms.standards.clauses import clause_matrix
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, diagnostics, output_of, run_check
from tests.support.registers import analysed as analysed_register
from tests.support.registers import review_period

pytestmark = pytest.mark.usefixtures("as_of_2026_11_24")

QP_01 = """\
---
id: QP-01
title: The procedure
type: procedure
version: "2.0"
status: approved
owner: Quality Manager
approved_by: Quality Director
approved_on: 2026-03-01
review_every: 12 months
clauses: ["6.1"]
---

# The procedure
"""

ISO = """\
id: ISO9001
title: ISO 9001:2015
default: true
clauses:
  "6": Planning
  "6.1": Actions to address risks and opportunities
  "7": Support
  "7.5": Documented information
"""

RISKS = """\
risks:
  - id: RSK-1
    kind: risk
    title: Peak-season backlog <script>alert(1)</script>
    description: Volume doubles in November
    likelihood: 4
    impact: 4
    owner: Service Desk Manager
    treatment: Seasonal staffing plan
    procedures: [QP-01]
    status: open
    review_on: 2026-11-14
  - id: RSK-2
    kind: risk
    title: Billing knowledge in one head
    description: One agent knows the billing cases
    likelihood: 3
    impact: 5
    owner: Knowledge Manager
    treatment: Write the cases down
    status: open
    review_on: 2027-01-31
  - id: OPP-1
    kind: opportunity
    title: Chat self-service
    description: Common requests follow fixed steps
    likelihood: 5
    impact: 4
    owner: Service Desk Manager
    treatment: Pursue
    status: treated
    review_on: 2026-10-25
  - id: RSK-3
    kind: risk
    title: Complaint records leak
    description: Personal data in exports
    likelihood: 2
    impact: 5
    owner: Quality Manager
    treatment: Pseudonymous exports
    status: closed
    review_on: 2026-01-31
"""


def files(risks: str = RISKS) -> dict[str, str]:
    """The mini project with one procedure and the register of risks ``risks``."""
    return {
        **mini.files(),
        "manual/procedures/qp-01.md": QP_01,
        "data/registers/risks.yml": risks,
    }


def analysed(project: Project, report: ReportData) -> tuple[RisksAnalysis, RegisterContext]:
    """The register of risks' analysis, next to the project's other registers."""
    return analysed_register(project, report, "risks", RisksAnalysis)


def test_loads_with_ids_and_references(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files()))
    assert diagnostics(project) == []
    register = project.registers["risks"]
    assert {k: list(v) for k, v in register.ids().items()} == {
        "risk": ["RSK-1", "RSK-2", "OPP-1", "RSK-3"]
    }
    assert [(r.kind, r.target, r.line) for r in register.references()] == [
        ("document", "QP-01", 10)
    ]


def test_page_sorted_by_score_with_heat_map(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report)
    # Scores: OPP-1 5×4 = 20, RSK-1 4×4 = 16, RSK-2 3×5 = 15, RSK-3 2×5 = 10.
    assert list(analysis.facts.frame["id"]) == ["OPP-1", "RSK-1", "RSK-2", "RSK-3"]
    [page] = analysis.pages(context)
    assert page.path == RISKS_PAGE
    text = page.markdown
    rows = [line for line in text.splitlines() if line.startswith("| [")]
    assert [row.split("|")[1].strip() for row in rows] == [
        "[OPP-1](#opp-1)", "[RSK-1](#rsk-1)", "[RSK-2](#rsk-2)", "[RSK-3](#rsk-3)",
    ]  # fmt: skip
    # OPP-1 is treated and RSK-1 open: both reviews passed; RSK-3 is closed, never overdue.
    assert "| ▲ opportunity | Chat self-service | 5 | 4 | **20** | Service Desk Manager" in text
    assert "| ◐ treated | ✖ 2026-10-25 (overdue by 30 days) |" in text
    assert "| ○ open | ✖ 2026-11-14 (overdue by 10 days) |" in text
    assert "| ✔ closed | 2026-01-31 |" in text
    assert '<figure class="sqms-chart"' in text and "<svg" in text
    assert 'aria-label="Open risks by likelihood and impact: a 5 by 5 grid' in text
    # The numbers beside the chart: open risks only (RSK-1 at 4×4, RSK-2 at 3×5).
    assert "<tr><td>4</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td></tr>" in text
    assert "<tr><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>" in text
    assert "### RSK-1 — Peak-season backlog" in text and "{#rsk-1}" in text
    assert "[QP-01](../procedures/qp-01.md)" in text
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert analysis.summary(context) == (
        "4 entries (risks: 3, opportunities: 1); open: 2, treated: 1, closed: 1;"
        " reviews overdue: 2."
    )


def test_heat_cells_count_open_risks_only(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files()))
    from sqms.registers.risks.analysis import risk_frame

    cells = heat_cells(risk_frame(project.registers["risks"].spec, project.today))  # type: ignore[attr-defined]
    assert len(cells) == 25
    found = {(r.likelihood, r.impact): r.count for r in cells.itertuples() if r.count}
    assert found == {(4, 4): 1, (3, 5): 1}


def test_overdue_reviews_in_attention_and_review_input(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report)
    items = analysis.attention(context)
    assert {item.group for item in items} == {"Risks and opportunities"}
    assert [item.text for item in items] == [
        "[OPP-1 Chat self-service](registers/risks.md#opp-1) (score 20): review due on"
        " 2026-10-25, 30 days overdue; owner Service Desk Manager",
        "[RSK-1 Peak-season backlog &lt;script&gt;alert(1)&lt;/script&gt;]"
        "(registers/risks.md#rsk-1) (score 16): review due on 2026-11-14, 10 days overdue;"
        " owner Service Desk Manager",
    ]
    [line] = analysis.review(context, review_period("2026-Q3"))["e"]
    assert line == (
        "- [Risks and opportunities](../../registers/risks.md) on 2026-11-24: 2 open,"
        " 1 treated (reviews overdue: 2)."
    )


def test_clause_matrix_counts_the_register_for_6_1(make_project: ProjectFactory) -> None:
    project = load_project(make_project({**files(), "data/frameworks/iso9001.yml": ISO}))
    assert diagnostics(project) == []
    refs = [r for r in project.clauses if r.kind == "register"]
    assert [(r.clause, r.item, r.file, r.line) for r in refs] == [
        ("6.1", "risks", "data/registers/risks.yml", 2)
    ]
    assert project.frameworks is not None
    rows = {row.key: row for rows in clause_matrix(project.frameworks, project.clauses).values()
            for row in rows}  # fmt: skip
    assert rows["ISO9001:6.1"].status == "covered"
    assert any(ref.item == "risks" for ref in rows["ISO9001:6.1"].evidence)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("    likelihood: 4\n", "    likelihood: 6\n"),
            ["data/registers/risks.yml:6: risks[0].likelihood: must be a whole number from"
             " 1 to 5, got 6"],
        ),
        (
            ("    impact: 5\n    owner: Knowledge", "    impact: 0\n    owner: Knowledge"),
            ["data/registers/risks.yml:18: risks[1].impact: must be a whole number from"
             " 1 to 5, got 0"],
        ),
        (
            ("    status: treated", "    status: done"),
            ['data/registers/risks.yml:31: risks[2].status: "done" is not one of'
             " open, treated, closed"],
        ),
        (
            ("  - id: RSK-3", "  - id: RSK-2"),
            ['data/registers/risks.yml:33: id "RSK-2" is already used on line 13'],
        ),
        (
            ("  - id: OPP-1", "  - id: RSK-9"),
            ['data/registers/risks.yml:23: id "RSK-9" of kind opportunity must start with "OPP-"'],
        ),
        (
            ("    procedures: [QP-01]", "    procedures: [QP-1]\n    actions: [ACT-9]"),
            ['data/registers/risks.yml:10: unknown document "QP-1" (did you mean "QP-01"?)',
             'data/registers/risks.yml:11: unknown improvement action "ACT-9"'],
        ),
        (
            ("    review_on: 2027-01-31", "    review_on: soon"),
            ["data/registers/risks.yml:22: risks[1].review_on: expected a date (YYYY-MM-DD),"
             ' got "soon"'],
        ),
    ],
)  # fmt: skip
def test_bad_input_is_located(
    make_project: ProjectFactory, change: tuple[str, str], expected: list[str]
) -> None:
    project = load_project(make_project(files(edited(RISKS, *change))))
    assert diagnostics(project) == expected


def test_check_reports_located_errors_without_traceback(make_project: ProjectFactory) -> None:
    root: Path = make_project(files(edited(RISKS, "    likelihood: 4\n", "    likelihood: 9\n")))
    result = run_check(root)
    assert result.exit_code == 1
    output = output_of(result)
    assert "data/registers/risks.yml:6: risks[0].likelihood" in output
    assert "Traceback" not in output


def test_every_kind_and_status_has_its_word() -> None:
    """The tables of message ids name every kind and status an entry may have, no more."""
    assert set(KIND_WORDS) == set(KINDS)
    assert set(STATUS_WORDS) == set(STATUSES)
