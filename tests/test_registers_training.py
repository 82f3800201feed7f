"""The training register: loading, checks at their lines, the matrix and what needs attention.

Every expected status, count and share below is worked out by hand from the
tiny register in :data:`TRAINING` (today is 2026-11-24).
"""

from __future__ import annotations

import pytest

from sqms.project import Project, load_project
from sqms.registers import TRAINING_PAGE, RegisterContext
from sqms.registers.training.analysis import GAPS, STATUSES, version_key
from sqms.registers.training.labels import STATUS_WORDS
from sqms.registers.training.page import ATTENTION_WORDS
from sqms.registers.training.register import TrainingAnalysis
from sqms.site.reporting import ReportData
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, diagnostics
from tests.support.registers import analysed as analysed_register
from tests.support.registers import register_context

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
effective_on: 2026-03-10
review_every: 12 months
---

# The procedure
"""

WI_01 = """\
---
id: WI-01
title: The instruction
type: instruction
version: "1.0"
status: approved
owner: Quality Manager
approved_by: Quality Director
approved_on: 2025-01-01
effective_on: 2025-01-06
review_every: 24 months
---

# The instruction
"""

# Two roles, four people (one has left), two courses.
TRAINING = """\
publish_names: false
roles:
  agent: Agent
  lead: Team leader
people:
  - {id: A1, name: Alice Zhang, roles: [agent], team: Team one}
  - {id: A2, name: Bo Li, roles: [agent, lead], team: Team one}
  - {id: B1, name: Chen Wu, roles: [lead], team: Team two, joined: 2026-09-01}
  - {id: L9, name: Dan Left, roles: [lead], team: Team two, left: 2026-06-30}
courses:
  - id: C1
    title: The procedure
    documents: [QP-01, WI-01]
    roles: [agent]
  - id: C2
    title: Leading
    documents: [WI-01]
    roles: [lead]
    renew_every: 12 months
records:
  - {person: A1, course: C1, date: 2026-02-01}
  - {person: A2, course: C1, date: 2026-03-05, version: "2.0"}
  - {person: A2, course: C2, date: 2025-10-01}
  - {person: A1, course: C2, date: 2025-01-10}
  - {person: L9, course: C2, date: 2026-01-01}
  - {person: A2, course: C2, date: 2024-09-01}
"""


def files(training: str = TRAINING) -> dict[str, str]:
    """The mini project with a procedure, an instruction and the training register ``training``."""
    return {
        **mini.files(),
        "manual/procedures/qp-01.md": QP_01,
        "manual/instructions/wi-01.md": WI_01,
        "data/registers/training.yml": training,
    }


def analysed(project: Project, report: ReportData) -> tuple[TrainingAnalysis, RegisterContext]:
    """The training register's analysis, judged on the project's as-of day."""
    return analysed_register(project, report, "training", TrainingAnalysis)


def status_of(analysis: TrainingAnalysis) -> dict[tuple[str, str], str]:
    """The status of each (person, course) the analysis judged."""
    table = analysis.judgement.status
    return {
        (str(p), str(c)): str(s)
        for p, c, s in zip(table["person"], table["course"], table["status"], strict=True)
    }


def test_sample_loads_clean(make_project: ProjectFactory, mini_report: ReportData) -> None:
    project = load_project(make_project(files()))
    assert diagnostics(project) == []
    assert project.today.isoformat() == "2026-11-24"
    ids = project.registers["training"].ids()
    assert {k: sorted(v) for k, v in ids.items()} == {
        "course": ["C1", "C2"],
        "person": ["A1", "A2", "B1", "L9"],
        "role": ["agent", "lead"],
    }


def test_statuses_by_hand(make_project: ProjectFactory, mini_report: ReportData) -> None:
    analysis, _ = analysed(load_project(make_project(files())), mini_report)
    assert status_of(analysis) == {
        # A1 trained on C1 on 2026-02-01, before QP-01 v2.0 took effect on 2026-03-10.
        ("A1", "C1"): "stale",
        # A1 is no lead: C2 is not required, whatever the record says.
        ("A1", "C2"): "not_required",
        # Trained on 2026-03-05, five days before the effective date, but on
        # version 2.0 (the one in force): training given ahead is current.
        ("A2", "C1"): "current",
        # The last record counts (not the one of 2024-09-01):
        # 2025-10-01 + 12 months = 2026-10-01 < 2026-11-24: expired.
        ("A2", "C2"): "expired",
        ("B1", "C1"): "not_required",
        # B1 is a lead who joined in September and was never trained.
        ("B1", "C2"): "missing",
    }, "L9 left on 2026-06-30 and is not judged"
    table = analysis.judgement.status
    [stale] = table[(table["person"] == "A1") & (table["course"] == "C1")].to_dict("records")
    assert (stale["stale_document"], stale["stale_version"]) == ("QP-01", "2.0")
    assert str(stale["stale_effective"].date()) == "2026-03-10"


def test_coverage_and_summary_by_hand(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report)
    c1, c2 = analysis.judgement.courses.to_dict("records")
    # C1 is needed by A1 and A2 (agents), current for A2 only: 1/2.
    # C2 is needed by A2 and B1 (leads; L9 has left), current for neither: 0/2.
    assert [c1[k] for k in ("course", "required", "current", "stale")] == ["C1", 2, 1, 1]
    assert [c2[k] for k in ("required", "current", "expired", "missing")] == [2, 0, 1, 1]
    assert c1["coverage"] == pytest.approx(0.5)
    assert c2["coverage"] == 0
    # 1 current of 2 + 2 required = 25.0%.
    assert analysis.summary(context) == (
        "3 people, 2 courses: 25.0% of required training current (1 of 4); "
        "1 stale, 1 expired, 1 missing."
    )


def test_page_matrix_links_and_no_names(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report)
    [page] = analysis.pages(context)
    assert page.path == TRAINING_PAGE
    text = page.markdown
    for name in ("Alice Zhang", "Bo Li", "Chen Wu", "Dan Left"):
        assert name not in text
    assert "L9" not in text, "a person who left is not listed"
    assert "| A1 | Team one | agent | ▲ stale | — |" in text
    assert "| A2 | Team one | agent, lead | ✔ current | ▼ expired |" in text
    assert "| B1 | Team two | lead | — | ✖ missing |" in text
    assert "| agent — Agent | ● needed | — |" in text
    assert '<span id="c1"></span>C1' in text
    assert "[QP-01 v2.0](../procedures/qp-01.md)" in text
    assert "| 50.0% (1/2) |" in text and "| 0.0% (0/2) |" in text
    assert (
        "| [C1 The procedure](training.md#c1) | [QP-01](../procedures/qp-01.md) v2.0,"
        " in force since 2026-03-10 | 1 | A1 (2026-02-01) |"
    ) in text
    assert "| [C2](#c2) | ▼ expired | 1 | A2 (2025-10-01) |" in text
    assert "| [C2](#c2) | ✖ missing | 1 | B1 |" in text
    assert "Legend: ✔ current · ▲ stale · ▼ expired · ✖ missing · — not required." in text


def test_published_names(make_project: ProjectFactory, mini_report: ReportData) -> None:
    training = edited(TRAINING, "publish_names: false", "publish_names: true")
    analysis, context = analysed(load_project(make_project(files(training))), mini_report)
    text = analysis.pages(context)[0].markdown
    assert "| Alice Zhang (A1) | Team one |" in text
    assert "Dan Left" not in text


def test_attention_grouped_per_course(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report)
    items = analysis.attention(context)
    assert {item.group for item in items} == {"Training"}
    assert [item.text for item in items] == [
        "[C1 The procedure](registers/training.md#c1): 1 of 2 people who need it not trained"
        " on [QP-01](procedures/qp-01.md) v2.0 (in force since 2026-03-10)",
        "[C2 Leading](registers/training.md#c2): 1 of 2 people who need it past the renewal date",
        "[C2 Leading](registers/training.md#c2): 1 of 2 people who need it never trained",
    ]


def test_references_checked_by_the_framework(make_project: ProjectFactory) -> None:
    training = edited(TRAINING, "documents: [WI-01]", "documents: [WI-02]")
    project = load_project(make_project(files(training)))
    assert diagnostics(project) == [
        'data/registers/training.yml:17: unknown document "WI-02" (did you mean "WI-01"?)'
    ]


def test_escaping(make_project: ProjectFactory, mini_report: ReportData) -> None:
    training = edited(TRAINING, "title: Leading", 'title: "<script>x</script> & co"')
    training = edited(training, "team: Team two", 'team: "<b>two</b>"', count=2)
    analysis, context = analysed(load_project(make_project(files(training))), mini_report)
    text = analysis.pages(context)[0].markdown
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in text
    assert "&lt;b&gt;two&lt;/b&gt;" in text


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  - {person: A1, course: C2, date: 2025-01-10}", "  - {person: A11, course: C11, date: 2025-01-10}"),
            [
                'data/registers/training.yml:24: unknown course "C11": not defined in this file'
                ' (did you mean "C1"?)',
                'data/registers/training.yml:24: unknown person "A11": not defined in this file'
                ' (did you mean "A1"?)',
            ],
        ),
        (
            ("renew_every: 12 months", "renew_evry: 12 months"),
            ['data/registers/training.yml:19: unknown key "renew_evry" (did you mean "renew_every"?)'],
        ),
        (
            ("{id: B1,", "{id: A2,"),
            ['data/registers/training.yml:8: person "A2" is listed twice (first on line 7)'],
        ),
        (
            ("roles: [lead], team: Team two, joined", "roles: [laed], team: Team two, joined"),
            ['data/registers/training.yml:8: unknown role "laed": not defined in this file'
             ' (did you mean "lead"?)'],
        ),
        (
            ("date: 2026-02-01}", "date: 2026-12-01}"),
            ["data/registers/training.yml:21: training on 2026-12-01 is after the as-of date (2026-11-24):"
             " record training once it is done"],
        ),
        (
            ("{person: L9, course: C2, date: 2026-01-01}", "{person: A2, course: C2, date: 2025-10-01}"),
            ["data/registers/training.yml:25: the same person, course and date are already"
             " recorded on line 23"],
        ),
        (
            ("date: 2026-02-01}", "date: 01/02/2026}"),
            ['data/registers/training.yml:21: records[0].date: expected a date (YYYY-MM-DD),'
             ' got "01/02/2026"'],
        ),
        (
            ("publish_names: false", "publish_names: perhaps"),
            ['data/registers/training.yml:1: publish_names: expected true or false, got "perhaps"'],
        ),
        (
            ("renew_every: 12 months", "renew_every: yearly"),
            ['data/registers/training.yml:19: courses[1].renew_every: renewal interval "yearly"'
             ' must be a number of days, weeks, months or years, e.g. "24 months"'],
        ),
        (
            ("{id: A1, name: Alice Zhang,", "{id: A 1, name: Alice Zhang,"),
            ['data/registers/training.yml:6: people[0].id: id "A 1" may hold only letters,'
             ' digits, "-", "_" and "." (no spaces)'],
        ),
        (
            ("joined: 2026-09-01}", "joined: 2026-09-01, left: 2026-08-01}"),
            ["data/registers/training.yml:8: people[2]: left (2026-08-01) is before joined"
             " (2026-09-01)"],
        ),
    ],
)  # fmt: skip
def test_bad_input_is_located(
    make_project: ProjectFactory, change: tuple[str, str], expected: list[str]
) -> None:
    project = load_project(make_project(files(edited(TRAINING, *change))))
    assert diagnostics(project) == expected


def test_malformed_and_empty_files(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files("roles: [agent\npeople: []\n")))
    [message] = diagnostics(project)
    assert message.startswith("data/registers/training.yml:") and "invalid YAML" in message
    assert "training" not in project.registers


def test_empty_file(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files("")))
    assert diagnostics(project) == ["data/registers/training.yml:1: the file is empty"]


def test_version_order() -> None:
    assert version_key("2.10") > version_key("2.9") > version_key("2") == version_key("2.0.0")


def test_no_courses_or_people_is_not_an_error(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    project = load_project(make_project(files("roles: {agent: Agent}\n")))
    assert diagnostics(project) == []
    analysis, context = analysed(project, mini_report)
    assert analysis.attention(context) == []
    assert analysis.summary(context).startswith("0 people, 0 courses: — of required training")
    assert "None." in analysis.pages(context)[0].markdown


def test_context_today_decides(make_project: ProjectFactory, mini_report: ReportData) -> None:
    project = load_project(make_project(files()))
    context = register_context(project, mini_report, today=project.today.replace(month=9))
    analysis = project.registers["training"].analyse(context)
    assert isinstance(analysis, TrainingAnalysis)
    # On 2026-09-24 A2's C2 training (due 2026-10-01) has not expired yet.
    assert status_of(analysis)[("A2", "C2")] == "current"


@pytest.mark.parametrize(
    "change",
    [
        ("effective_on: 2026-03-10", "effective_on: 2026-12-01"),  # takes effect after today
        ("status: approved\nowner: Quality Manager\napproved_by: Quality Director\n"
         "approved_on: 2026-03-01\neffective_on: 2026-03-10\nreview_every: 12 months\n",
         "status: draft\nowner: Quality Manager\n"),  # not approved yet
    ],
)  # fmt: skip
def test_only_a_version_in_force_makes_training_stale(
    make_project: ProjectFactory, mini_report: ReportData, change: tuple[str, str]
) -> None:
    root = make_project({**files(), "manual/procedures/qp-01.md": edited(QP_01, *change)})
    project = load_project(root)
    assert diagnostics(project) == []
    analysis, _ = analysed(project, mini_report)
    # A1's training of 2026-02-01 is after WI-01 took effect (2025-01-06), and
    # QP-01 v2.0 is not in force on 2026-11-24: the training is current.
    assert status_of(analysis)[("A1", "C1")] == "current"


def test_every_status_and_gap_has_its_word() -> None:
    """The tables of message ids name every status and gap the analysis can give, no more."""
    assert set(STATUS_WORDS) == set(STATUSES)
    assert set(ATTENTION_WORDS) == set(GAPS)
