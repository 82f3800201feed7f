"""What the training and internal audit registers give a management review.

The registers are the small ones of ``test_registers_training`` and
``test_registers_audits`` (the audits with two more audits below); every
count, share and age is worked out by hand in the comments. Today is
2026-11-24, so a period still running (2026-Q4) is judged on that day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from sqms.i18n import use_language
from sqms.project import load_project
from sqms.registers.training.analysis import judge_training
from sqms.registers.training.register import TrainingRegister
from sqms.site.reporting import ReportData
from tests import test_registers_audits as audit_tests
from tests import test_registers_training as training_tests
from tests.support.edits import edited
from tests.support.projects import ProjectFactory
from tests.support.registers import register_context
from tests.support.registers import review_period as period

pytestmark = pytest.mark.usefixtures("as_of_2026_11_24")


# --- training: section d ---

TRAINING_LINK = "../../registers/training.md"


def training_review(
    make_project: ProjectFactory, mini_report: ReportData, label: str, training: str | None = None
) -> dict[str, list[str]]:
    """The training register's review of ``label`` (of ``training``, default the test one's)."""
    files = training_tests.files(training or training_tests.TRAINING)
    project = load_project(make_project(files))
    analysis, context = training_tests.analysed(project, mini_report)
    return analysis.review(context, period(label))


def test_training_coverage_courses_and_joiners_by_hand(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    # On 2026-09-30 (end of 2026-Q3) A1, A2 and B1 (joined 2026-09-01) are present; L9 left
    # on 2026-06-30. Required: A1-C1, A2-C1 (agents), A2-C2, B1-C2 (leads).
    # A1-C1 stale (trained 2026-02-01, QP-01 v2.0 in force since 2026-03-10); A2-C1 current
    # (trained on v2.0); A2-C2 current (2025-10-01 + 12 months = 2026-10-01, not yet past);
    # B1-C2 missing. 2 of 4 = 50.0%.
    # On 2026-06-30 (end of 2026-Q2): A1, A2 and L9 (last day) present, B1 not yet.
    # A1-C1 stale, A2-C1, A2-C2 and L9-C2 (2026-01-01) current: 3 of 4 = 75.0%.
    # 50.0 - 75.0 = 25.0 points lower.
    # Courses: C1 1/2 current, 1 stale; C2 1/2 current, 1 missing; one gap each, by id.
    assert training_review(make_project, mini_report, "2026-Q3") == {
        "d": [
            "Competence on 2026-09-30: 50.0% of required trainings current (2 of 4); 1 stale,"
            " 0 expired, 1 missing. At the end of 2026-Q2 (2026-06-30): 75.0% (3 of 4); now"
            " 25.0 percentage points lower.",
            "",
            "Courses with required training not current on 2026-09-30, most gaps first:",
            "",
            "| Course | Current | ▲ stale | ▼ expired | ✖ missing |",
            "|---|---|---|---|---|",
            f"| [C1 The procedure]({TRAINING_LINK}#c1) | 50.0% (1/2) | 1 | 0 | 0 |",
            f"| [C2 Leading]({TRAINING_LINK}#c2) | 50.0% (1/2) | 0 | 0 | 1 |",
            "",
            # B1 joined on 2026-09-01, inside 2026-Q3, needs C2 only and was never trained.
            "People who joined in 2026-Q3: 1. On 2026-09-30, 0 had all their required training"
            " current and 1 did not.",
            "",
            "| Person | Team | Joined | Required training current | Not current |",
            "|---|---|---|---|---|",
            f"| B1 | Team two | 2026-09-01 | ✖ 0/1 | [C2]({TRAINING_LINK}#c2) (missing) |",
            "",
        ]
    }


def test_training_running_period_is_judged_today(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    # 2026-Q4 runs to 2026-12-31 but today is 2026-11-24: judged on 2026-11-24, like the page.
    # A2-C2 is now expired (due 2026-10-01): 1 current (A2-C1) of 4 = 25.0%, against 50.0% on
    # 2026-09-30: 25.0 points lower. Nobody joined between 2026-10-01 and 2026-11-24.
    [coverage, _, intro, *rest] = training_review(make_project, mini_report, "2026-Q4")["d"]
    assert coverage == (
        "Competence on 2026-11-24: 25.0% of required trainings current (1 of 4); 1 stale,"
        " 1 expired, 1 missing. At the end of 2026-Q3 (2026-09-30): 50.0% (2 of 4); now"
        " 25.0 percentage points lower."
    )
    assert intro == "Courses with required training not current on 2026-11-24, most gaps first:"
    # C2: A2 expired and B1 missing, 2 gaps, before C1 with 1.
    assert rest[3:5] == [
        f"| [C2 Leading]({TRAINING_LINK}#c2) | 0.0% (0/2) | 0 | 1 | 1 |",
        f"| [C1 The procedure]({TRAINING_LINK}#c1) | 50.0% (1/2) | 1 | 0 | 0 |",
    ]
    assert rest[-1] == "Nobody joined in 2026-Q4."


def test_training_judged_as_of_an_earlier_day(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    # On 2025-12-31: A1, A2 and L9 present. Records after that day do not count and QP-01 v2.0
    # (effective 2026-03-10) is not yet in force. A1-C1, A2-C1 missing (trained in 2026),
    # L9-C2 missing (2026-01-01); A2-C2 current (2025-10-01, due 2026-10-01): 1 of 4 = 25.0%.
    # On 2025-09-30: A2's last C2 training is 2024-09-01, before WI-01 took effect on
    # 2025-01-06: stale (a stale training is not also called expired); 0 of 4 = 0.0%.
    project = load_project(make_project(training_tests.files()))
    context = register_context(project, mini_report)
    register = project.registers["training"]
    assert isinstance(register, TrainingRegister)
    judged = judge_training(register.frames(), context, dt.date(2025, 12, 31))
    assert judged.today == dt.date(2025, 12, 31)
    statuses = judged.status[judged.status["required"]]
    assert dict(
        zip(statuses["person"] + "-" + statuses["course"], statuses["status"], strict=True)
    ) == {
        "A1-C1": "missing",
        "A2-C1": "missing",
        "A2-C2": "current",
        "L9-C2": "missing",
    }
    [coverage, *_] = training_review(make_project, mini_report, "2025-Q4")["d"]
    assert coverage == (
        "Competence on 2025-12-31: 25.0% of required trainings current (1 of 4); 0 stale,"
        " 0 expired, 3 missing. At the end of 2025-Q3 (2025-09-30): 0.0% (0 of 4); now"
        " 25.0 percentage points higher."
    )


def test_training_page_still_judged_today(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    project = load_project(make_project(training_tests.files()))
    analysis, _ = training_tests.analysed(project, mini_report)
    assert analysis.judgement.today == dt.date(2026, 11, 24)
    # A2-C2 expired on the page (2026-10-01 < 2026-11-24), while current on 2026-09-30.
    assert training_tests.status_of(analysis)[("A2", "C2")] == "expired"


def test_training_nothing_required_names_published_and_left(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    training = edited(training_tests.TRAINING, "roles: [agent]\n", "roles: []\n")
    training = edited(training, "roles: [lead]\n    renew", "roles: []\n    renew")
    training = edited(training, "publish_names: false", "publish_names: true")
    training = edited(training, "team: Team two, joined", 'team: "<b>two</b>", joined')
    # A2 did not join in the period; B1 did, and needs nothing now: no gap to report.
    lines = training_review(make_project, mini_report, "2026-Q3", training)["d"]
    assert lines == [
        "No training was required on 2026-09-30 (3 people, 2 courses).",
        "",
        "People who joined in 2026-Q3: 1. On 2026-09-30, 1 had all their required training"
        " current and 0 did not.",
        "",
        "| Person | Team | Joined | Required training current | Not current |",
        "|---|---|---|---|---|",
        "| Chen Wu (B1) | &lt;b&gt;two&lt;/b&gt; | 2026-09-01 | — | — |",
        "",
    ]
    # B1 leaving on 2026-09-15 is counted as a newcomer who has left, not judged.
    gone = edited(training, "joined: 2026-09-01}", "joined: 2026-09-01, left: 2026-09-15}")
    lines = training_review(make_project, mini_report, "2026-Q3", gone)["d"]
    assert lines[2:] == [
        "People who joined in 2026-Q3: 1. On 2026-09-30, 0 had all their required training"
        " current and 0 did not. 1 of them had left by then."
    ]


# --- internal audits: sections c6, c4 and f ---

# Two more audits: A-4 planned in 2026-Q2 but held in 2026-Q3, with an opportunity and a
# nonconformity closed in 2026-Q4; A-5 planned for 2026-12-10, after today.
AUDITS = (
    audit_tests.AUDITS
    + """\
  - id: A-4
    title: Improvement <em>loop</em>
    planned: 2026-06-20
    held: 2026-07-02
    scope: ["10.2", "10.3"]
    auditor: P-9
    findings:
      - id: A-4-F1
        type: opportunity
        clause: "10.3"
        statement: Share lessons <b>learnt</b> across teams
        action: ACT-1
      - id: A-4-F2
        type: nonconformity
        clause: "10.2"
        statement: A corrective action had no root cause
        closed: 2026-10-15
  - id: A-5
    title: Year end
    planned: 2026-12-10
    scope: ["9.3"]
    auditor: P-9
"""
)
AUDITS_LINK = "../../registers/audits.md"
A1 = f"[A-1 Documents and complaints]({AUDITS_LINK}#a-1)"
A4 = f"[A-4 Improvement &lt;em&gt;loop&lt;/em&gt;]({AUDITS_LINK}#a-4)"
NC_HEADER = [
    "| Finding | Audit | Clause | Raised (audit held) | Closed | Days open on {day} | Action |",
    "|---|---|---|---|---|---|---|",
]


def finding(finding_id: str) -> str:
    return f"[{finding_id}]({AUDITS_LINK}#{finding_id.lower()})"


def action(action_id: str) -> str:
    return f"[{action_id}](../../registers/actions/{action_id}.md)"


def audits_review(
    make_project: ProjectFactory, mini_report: ReportData, label: str, *, actions: bool = True
) -> dict[str, list[str]]:
    """The audit register's review of ``label``; with ``actions``, next to an actions register."""
    project = load_project(make_project(audit_tests.files(AUDITS)))
    analysis, context = audit_tests.analysed(project, mini_report, actions=actions)
    return analysis.review(context, period(label))


def nc_table(day: str, rows: list[str]) -> list[str]:
    return [*(line.format(day=day) for line in NC_HEADER), *rows, ""]


def test_audits_quarter_with_an_audit_by_hand(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    # 2026-Q1: A-1 held 2026-03-03 (nothing in 2025-Q4) with F1 and F3 (nonconformities) and
    # F2 (observation). A-1 was also the only audit planned in the quarter.
    # Nonconformities raised: F1, F3; none closed in the quarter (F3 closed 2026-05-01);
    # open on 2026-03-31: both, 2026-03-03 → 2026-03-31 = 28 days.
    review = audits_review(make_project, mini_report, "2026-Q1")
    assert review == {
        "c6": [
            "Internal audits held in 2026-Q1: 1 (2025-Q4: 0). Findings: 3 (nonconformities: 2,"
            " observations: 1, opportunities for improvement: 0).",
            "",
            "| Audit | Held | Scope (clauses) | ✖ nonconformity | ▲ observation"
            " | ◇ opportunity for improvement |",
            "|---|---|---|---|---|---|",
            f"| {A1} | 2026-03-03 | 7.5, 8.2.1 | 2: {finding('A-1-F1')}, {finding('A-1-F3')}"
            f" | 1: {finding('A-1-F2')} | 0 |",
            "",
            "Internal audits planned in 2026-Q1: 1, all held by 2026-03-31.",
        ],
        "c4": [
            "Nonconformities from internal audits — raised in 2026-Q1: 2 (2025-Q4: 0); closed in"
            " 2026-Q1: 0; open on 2026-03-31: 2 (on 2025-12-31: 0).",
            "",
            *nc_table(
                "2026-03-31",
                [
                    f"| {finding('A-1-F1')} | {A1} | 7.5.3 | 2026-03-03 | ○ open | 28"
                    f" | {action('ACT-1')} |",
                    f"| {finding('A-1-F3')} | {A1} | 7.5.1 | 2026-03-03 | ○ open (closed on"
                    f" 2026-05-01) | 28 | {action('ACT-2')} |",
                ],
            ),
        ],
        "f": [
            "No opportunity for improvement was recorded by an internal audit in 2026-Q1"
            " (2025-Q4: 0).",
            "",
        ],
    }


def test_audits_planned_audit_held_after_the_period(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    # 2026-Q2: nothing held (A-1 in 2026-Q1); A-4 planned 2026-06-20, held 2026-07-02.
    # F3 closed 2026-05-01, in the quarter; F1 still open on 2026-06-30:
    # 2026-03-03 → 2026-06-30 = 28 + 30 + 31 + 30 = 119 days.
    review = audits_review(make_project, mini_report, "2026-Q2")
    assert review["c6"] == [
        "No internal audit was held in 2026-Q2 (2026-Q1: 1).",
        "",
        "Internal audits planned in 2026-Q2: 1; not held by 2026-06-30: 1.",
        "",
        f"- {A4}: planned for 2026-06-20, held on 2026-07-02, after 2026-06-30",
        "",
    ]
    assert review["c4"] == [
        "Nonconformities from internal audits — raised in 2026-Q2: 0 (2026-Q1: 2); closed in"
        " 2026-Q2: 1; open on 2026-06-30: 1 (on 2026-03-31: 2).",
        "",
        *nc_table(
            "2026-06-30",
            [
                f"| {finding('A-1-F1')} | {A1} | 7.5.3 | 2026-03-03 | ○ open | 119"
                f" | {action('ACT-1')} |",
                f"| {finding('A-1-F3')} | {A1} | 7.5.1 | 2026-03-03 | 2026-05-01 | —"
                f" | {action('ACT-2')} |",
            ],
        ),
    ]


def test_audits_opportunity_and_nonconformity_of_the_period(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    # 2026-Q3: A-4 held 2026-07-02 with one nonconformity and one opportunity; no audit
    # planned in the quarter. Open on 2026-09-30: F1 (2026-03-03 → 2026-09-30 = 28 + 30 + 31
    # + 30 + 31 + 31 + 30 = 211 days) and A-4-F2 (2026-07-02 → 2026-09-30 = 29 + 31 + 30 =
    # 90 days, closed only on 2026-10-15). Open on 2026-06-30: F1 only.
    review = audits_review(make_project, mini_report, "2026-Q3")
    assert review["c6"] == [
        "Internal audits held in 2026-Q3: 1 (2026-Q2: 0). Findings: 2 (nonconformities: 1,"
        " observations: 0, opportunities for improvement: 1).",
        "",
        "| Audit | Held | Scope (clauses) | ✖ nonconformity | ▲ observation"
        " | ◇ opportunity for improvement |",
        "|---|---|---|---|---|---|",
        f"| {A4} | 2026-07-02 | 10.2, 10.3 | 1: {finding('A-4-F2')} | 0 | 1: {finding('A-4-F1')} |",
        "",
        "No internal audit was planned in 2026-Q3.",
    ]
    assert review["c4"] == [
        "Nonconformities from internal audits — raised in 2026-Q3: 1 (2026-Q2: 0); closed in"
        " 2026-Q3: 0; open on 2026-09-30: 2 (on 2026-06-30: 1).",
        "",
        *nc_table(
            "2026-09-30",
            [
                f"| {finding('A-1-F1')} | {A1} | 7.5.3 | 2026-03-03 | ○ open | 211"
                f" | {action('ACT-1')} |",
                f"| {finding('A-4-F2')} | {A4} | 10.2 | 2026-07-02 | ○ open (closed on"
                " 2026-10-15) | 90 | none linked |",
            ],
        ),
    ]
    assert review["f"] == [
        "Opportunities for improvement recorded by internal audits in 2026-Q3: 1 (2026-Q2: 0).",
        "",
        f"- ◇ {finding('A-4-F1')} (clause 10.3, audit {A4}): Share lessons"
        f" &lt;b&gt;learnt&lt;/b&gt; across teams — action {action('ACT-1')}",
        "",
    ]


def test_audits_running_period_is_judged_today(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    # 2026-Q4 runs to 2026-12-31, judged on 2026-11-24: A-2 (planned 2026-11-01) is 23 days
    # past its date; A-5 (planned 2026-12-10) is still to come. A-4-F2 closed 2026-10-15;
    # F1 open 266 days (2026-03-03 → 2026-11-24, as on the register's page).
    review = audits_review(make_project, mini_report, "2026-Q4")
    assert review["c6"] == [
        "No internal audit was held in 2026-Q4 (2026-Q3: 1).",
        "",
        "Internal audits planned in 2026-Q4: 2; not held by 2026-11-24: 2.",
        "",
        "- [A-2 Feedback](../../registers/audits.md#a-2): planned for 2026-11-01, not held by"
        " 2026-11-24 (23 days after the planned date)",
        "- [A-5 Year end](../../registers/audits.md#a-5): planned for 2026-12-10, still to come"
        " on 2026-11-24",
        "",
    ]
    assert review["c4"] == [
        "Nonconformities from internal audits — raised in 2026-Q4: 0 (2026-Q3: 1); closed in"
        " 2026-Q4: 1; open on 2026-11-24: 1 (on 2026-09-30: 2).",
        "",
        *nc_table(
            "2026-11-24",
            [
                f"| {finding('A-1-F1')} | {A1} | 7.5.3 | 2026-03-03 | ○ open | 266"
                f" | {action('ACT-1')} |",
                f"| {finding('A-4-F2')} | {A4} | 10.2 | 2026-07-02 | 2026-10-15 | — | none linked |",
            ],
        ),
    ]
    assert review["f"] == [
        "No opportunity for improvement was recorded by an internal audit in 2026-Q4 (2026-Q3: 1).",
        "",
    ]


def test_audits_empty_period(make_project: ProjectFactory, mini_report: ReportData) -> None:
    assert audits_review(make_project, mini_report, "2025-Q2") == {
        "c6": [
            "No internal audit was held in 2025-Q2 (2025-Q1: 0).",
            "",
            "No internal audit was planned in 2025-Q2.",
        ],
        "c4": [
            "Nonconformities from internal audits — raised in 2025-Q2: 0 (2025-Q1: 0); closed in"
            " 2025-Q2: 0; open on 2025-06-30: 0 (on 2025-03-31: 0).",
            "",
        ],
        "f": [
            "No opportunity for improvement was recorded by an internal audit in 2025-Q2"
            " (2025-Q1: 0).",
            "",
        ],
    }


def test_audits_actions_unknown_are_text(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    # Without the actions register the action ids are not linked (the framework reports them).
    review = audits_review(make_project, mini_report, "2026-Q1", actions=False)
    assert review["c4"][4].endswith("| 28 | ACT-1 |")


def test_month_and_chinese(make_project: ProjectFactory, mini_report: ReportData) -> None:
    # A month: 2026-03 holds A-1 (2026-03-03); the month before, 2026-02, nothing.
    review: Any = audits_review(make_project, mini_report, "2026-03")
    assert review["c6"][0].startswith("Internal audits held in 2026-03: 1 (2026-02: 0).")
    with use_language("zh"):
        review = audits_review(make_project, mini_report, "2025-Q2")
    assert review["c6"][0] == "2025年第2季度 未实施内部审核（2025年第1季度：0 次）。"
