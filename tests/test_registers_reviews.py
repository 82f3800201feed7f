"""The management review register: checks at their lines, the review held on its page, 9.3.

Today is 2026-11-24; the register holds one review of 2026-Q3 deciding on
one improvement action of a tiny actions register.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sqms.project import Project, load_project
from sqms.registers import analyse_registers
from sqms.registers.reviews.page import OUTPUT_WORDS, REVIEWS_PAGE
from sqms.registers.reviews.spec import OUTPUTS
from sqms.review.page import review_page
from sqms.site.reporting import ReportData
from sqms.standards.clauses import clause_matrix, open_nonconformities
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, diagnostics, run_check, write_project
from tests.support.registers import register_context, review_period

pytestmark = pytest.mark.usefixtures("as_of_2026_11_24")

QP_01 = """\
---
id: QP-01
title: Management review
type: procedure
version: "2.0"
status: approved
owner: Quality Manager
approved_by: Quality Director
approved_on: 2026-03-01
review_every: 12 months
clauses: ["9.3"]
---

# Management review
"""

ISO = """\
id: ISO9001
title: ISO 9001:2015
default: true
clauses:
  "9": Performance evaluation
  "9.3": Management review
  "9.3.1": General
  "9.3.2": Management review inputs
  "9.3.3": Management review outputs
"""

ACTIONS = """\
actions:
  - id: ACT-1
    title: Shorter waits
    kind: corrective
    source: {type: review, refs: [minutes]}
    opened: 2026-10-20
    owner: Quality Manager
    problem: Customers wait too long
    status: do
    steps:
      - {what: Add a second shift, owner: Service Desk Manager, due: 2026-12-15}
"""

REVIEWS = """\
reviews:
  - id: MR-2026-Q3
    period: 2026-Q3
    held_on: 2026-10-15
    chair: {role: Quality Director, name: Wang Fang}
    attendees:
      - Quality Manager
      - {role: Head of Service, name: Li Na <b>}
    minutes: QP-01
    decisions:
      - output: improvement
        text: Shorten the waits <script>x</script>
        actions: [ACT-1]
      - output: resources
        text: A second shift from December
"""


def files(reviews: str | None = REVIEWS) -> dict[str, str]:
    """The mini project with the procedure, ISO 9001, one action and ``reviews`` (None: none)."""
    found = {
        **mini.files(),
        "manual/procedures/qp-01.md": QP_01,
        "data/frameworks/iso9001.yml": ISO,
        "data/registers/actions.yml": ACTIONS,
    }
    if reviews is not None:
        found["data/registers/reviews.yml"] = reviews
    return found


def pages(project: Project, report: ReportData, period: str) -> tuple[str, str]:
    """The management review page of ``period`` and the register page (empty when not kept)."""
    context = register_context(project, report)
    analyses = analyse_registers(context)
    review = review_page(review_period(period), context, analyses).markdown
    register = ""
    if "reviews" in analyses:
        [page] = analyses["reviews"].pages(context)
        assert page.path == REVIEWS_PAGE
        register = page.markdown
    return review, register


def check(root: Path) -> tuple[int, str]:
    """``sqms check`` of the project at ``root``: its exit code and output."""
    result = run_check(root)
    return result.exit_code, result.output


def test_valid_register_loads_clean(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files()))
    assert diagnostics(project) == []
    register = project.registers["reviews"]
    assert dict(register.ids()) == {"review": ["MR-2026-Q3"]}
    refs = [(r.kind, r.target, r.line) for r in register.references()]
    assert refs == [("document", "QP-01", 9), ("action", "ACT-1", 13)]


def test_review_held_on_its_period_page(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    project = load_project(make_project(files()))
    text, register = pages(project, mini_report, "2026-Q3")
    held = text.index("### Review held")
    assert text.index("## Outputs: decisions and actions") < held, "after the inputs"
    section = text[held:]
    assert "**[MR-2026-Q3](../../registers/reviews.md#mr-2026-q3)**" in section
    assert "- **Held on:** 2026-10-15" in section
    assert "- **Chair:** Quality Director" in section
    assert "- **Attendees:** Quality Manager, Head of Service" in section
    assert "#### a) Opportunities for improvement" in section
    assert "[ACT-1](../../registers/actions/ACT-1.md)" in section
    assert "#### b) Changes needed to the quality management system\n\nNo decision recorded." in (
        section
    )
    assert "<script>" not in section and "&lt;script&gt;" in section
    # The register page lists it, with its decisions linked from there.
    assert (
        "| [MR-2026-Q3](#mr-2026-q3) | 2026-Q3 | 2026-10-15 | Quality Director | 2 | 2 | 1 |"
        in (register)
    )
    assert "[ACT-1](actions/ACT-1.md)" in register


def test_period_without_a_review_says_so(
    make_project: ProjectFactory, mini_report: ReportData, tmp_path_factory: pytest.TempPathFactory
) -> None:
    project = load_project(make_project(files()))
    text, _ = pages(project, mini_report, "2026-Q2")
    section = text[text.index("### Review held") :]
    assert "No management review of 2026-Q2 is recorded as held" in section
    assert "MR-2026-Q3" not in section
    # Without the register at all, the page says the same.
    bare = load_project(write_project(tmp_path_factory.mktemp("bare"), files(reviews=None)))
    text, register = pages(bare, mini_report, "2026-Q3")
    assert "No management review of 2026-Q3 is recorded as held" in text
    assert register == ""


def test_names_hidden_unless_published(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    project = load_project(make_project(files()))
    text, register = pages(project, mini_report, "2026-Q3")
    for page in (text, register):
        assert "Wang Fang" not in page and "Li Na" not in page
    published = load_project(make_project(files("publish_names: true\n" + REVIEWS)))
    text, register = pages(published, mini_report, "2026-Q3")
    assert "- **Chair:** Wang Fang (Quality Director)" in text
    assert "Li Na &lt;b&gt; (Head of Service)" in text
    assert "Wang Fang (Quality Director)" in register


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "actions: [ACT-1]",
            "actions: [ACT-9]",
            'data/registers/reviews.yml:13: unknown improvement action "ACT-9"',
        ),
        (
            "output: resources",
            "output: budget",
            'data/registers/reviews.yml:14: reviews[0].decisions[1].output: "budget" is not one of',
        ),
        (
            "held_on: 2026-10-15",
            "held_on: 2026-12-01",
            "data/registers/reviews.yml:4: held on 2026-12-01, after the as-of date 2026-11-24",
        ),
        (
            "period: 2026-Q3",
            "period: 2026-Q5",
            'data/registers/reviews.yml:3: reviews[0].period: period "2026-Q5" must be a year',
        ),
        (
            "held_on: 2026-10-15",
            "held_on: 2026-06-30",
            "data/registers/reviews.yml:4: held on 2026-06-30, before the period 2026-Q3",
        ),
    ],
)
def test_each_problem_located(
    make_project: ProjectFactory, old: str, new: str, expected: str
) -> None:
    code, output = check(make_project(files(edited(REVIEWS, old, new))))
    assert code == 1
    assert expected in output
    assert "Traceback" not in output


def test_duplicate_id_located(make_project: ProjectFactory) -> None:
    # A second review, of 2026-Q2, under the same id.
    second = edited(edited(REVIEWS, "reviews:\n", ""), "period: 2026-Q3", "period: 2026-Q2")
    code, output = check(make_project(files(REVIEWS + second)))
    assert code == 1
    assert (
        'data/registers/reviews.yml:16: review "MR-2026-Q3" is listed twice (first at line 2)'
        in (output)
    )
    assert "Traceback" not in output


def _status(project: Project, clause: str) -> str:
    matrix = clause_matrix(project.frameworks, project.clauses, open_nonconformities({}))  # type: ignore[arg-type]
    [row] = [row for row in matrix["ISO9001"] if row.clause == clause]
    return row.status


def test_clause_matrix_counts_a_held_review(make_project: ProjectFactory) -> None:
    held = load_project(make_project(files()))
    assert diagnostics(held) == []
    kinds: set[Any] = {(r.clause, r.kind, r.item) for r in held.clauses if r.kind == "review"}
    assert kinds == {("9.3", "review", "MR-2026-Q3"), ("9.3.3", "review", "MR-2026-Q3")}
    assert [_status(held, c) for c in ("9.3", "9.3.1", "9.3.2", "9.3.3")] == ["covered"] * 4


def test_clause_matrix_without_a_held_review(tmp_path: Path) -> None:
    root = write_project(tmp_path, files(reviews=None))
    project = load_project(root)
    # The procedure names 9.3 but nothing records a review held: partial, no record.
    assert [_status(project, c) for c in ("9.3", "9.3.1", "9.3.3")] == ["partial"] * 3


def test_every_output_has_its_heading() -> None:
    """The table of message ids names every output of 9.3.3 the file may record, no more."""
    assert set(OUTPUT_WORDS) == set(OUTPUTS)
