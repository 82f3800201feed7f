"""The internal audit register: loading, checks at their lines, the programme and open findings.

Every expected age, count and state below is worked out by hand from the
tiny register in :data:`AUDITS` (today is 2026-11-24).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from sqms.project import Project, load_project
from sqms.registers import AUDITS_PAGE, RegisterContext
from sqms.registers.audits.analysis import STATES
from sqms.registers.audits.labels import STATE_WORDS, TYPE_WORDS
from sqms.registers.audits.register import AuditsAnalysis, in_scope
from sqms.registers.audits.spec import FINDING_TYPES
from sqms.site.reporting import ReportData
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, diagnostics
from tests.support.registers import analysed as analysed_register

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
---

# The procedure
"""

AUDITS = """\
audits:
  - id: A-1
    title: Documents and complaints
    planned: 2026-03-01
    held: 2026-03-03
    scope: ["7.5", 8.2.1]
    auditor: P-9
    documents: [QP-01]
    findings:
      - id: A-1-F1
        type: nonconformity
        clause: "7.5.3"
        statement: An obsolete article <script>alert(1)</script> was still linked
        documents: [QP-01]
        action: ACT-1
      - id: A-1-F2
        type: observation
        clause: 8.2.1
        statement: Acknowledgements were late twice
        closed: 2026-04-01
      - id: A-1-F3
        type: nonconformity
        clause: "7.5.1"
        statement: A record was missing
        action: ACT-2
        closed: 2026-05-01
  - id: A-2
    title: Feedback
    planned: 2026-11-01
    scope: ["9.1.2"]
    auditor: Quality Manager
  - id: A-3
    title: Next year
    planned: 2027-01-15
    scope: ["10.2"]
    auditor: P-9
"""


def files(audits: str = AUDITS) -> dict[str, str]:
    """The mini project with one procedure and the audit register ``audits``."""
    return {
        **mini.files(),
        "manual/procedures/qp-01.md": QP_01,
        "data/registers/audits.yml": audits,
    }


@dataclass
class FakeActions:
    """An actions register as far as the audit page reads it: its ids and ``status_of``."""

    name: str = "actions"
    display: str = "data/registers/actions.yml"

    def ids(self) -> Mapping[str, Iterable[str]]:
        return {"action": ["ACT-1", "ACT-2"]}

    def references(self) -> Iterable[Any]:
        return []

    def analyse(self, context: RegisterContext) -> Any:
        # The audit page reads another register's ids and status, never its analysis.
        raise AssertionError("the audits page must not analyse the actions register")

    def status_of(self, action_id: str) -> str | None:
        return {"ACT-1": "in progress"}.get(action_id)


# The actions register is someone else's: without it, its ids are unknown.
UNKNOWN_ACTIONS = [
    'data/registers/audits.yml:15: unknown improvement action "ACT-1"',
    'data/registers/audits.yml:25: unknown improvement action "ACT-2"',
]


def analysed(
    project: Project, report: ReportData, *, actions: bool = False
) -> tuple[AuditsAnalysis, RegisterContext]:
    """The audit register's analysis; with ``actions``, next to a :class:`FakeActions`."""
    registers: dict[str, Any] = dict(project.registers)
    if actions:
        registers["actions"] = FakeActions()
    return analysed_register(project, report, "audits", AuditsAnalysis, registers=registers)


def test_loads_with_ids_and_references(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files()))
    assert diagnostics(project) == UNKNOWN_ACTIONS, "actions are checked by the framework"
    register = project.registers["audits"]
    assert {k: sorted(v) for k, v in register.ids().items()} == {
        "audit": ["A-1", "A-2", "A-3"],
        "finding": ["A-1-F1", "A-1-F2", "A-1-F3"],
    }
    refs = [(r.kind, r.target, r.line) for r in register.references()]
    assert refs == [
        ("document", "QP-01", 8),
        ("document", "QP-01", 14),
        ("action", "ACT-1", 15),
        ("action", "ACT-2", 25),
    ]


def test_programme_states_and_ages_by_hand(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report)
    audits = analysis.facts.audits.set_index("audit")
    assert audits["state"].to_dict() == {"A-1": "held", "A-2": "overdue", "A-3": "planned"}
    # A-2 was planned for 2026-11-01, not held: 24 - 1 = 23 days overdue on 2026-11-24.
    assert audits.loc["A-2", "overdue_days"] == 23
    findings = analysis.facts.findings.set_index("finding")
    # A-1 held 2026-03-03; to 2026-11-24: 28 (rest of March) + 30 + 31 + 30 + 31 + 31 + 30
    # + 31 (April to October) + 24 = 266 days.
    assert findings.loc["A-1-F1", "age_days"] == 266
    assert findings["open"].to_dict() == {"A-1-F1": True, "A-1-F2": False, "A-1-F3": False}
    assert analysis.summary(context) == (
        "3 audits (1 held, 1 planned, 1 overdue); 3 findings; open nonconformities: 1."
    )


def test_page_programme_counts_and_anchors(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report)
    [page] = analysis.pages(context)
    assert page.path == AUDITS_PAGE
    text = page.markdown
    assert (
        "| [A-2](#a-2) | Feedback | 2026-11-01 | — | ✖ overdue by 23 days | 9.1.2 "
        "| Quality Manager | 0 |"
    ) in text
    assert "| [A-3](#a-3) | Next year | 2027-01-15 | — | ○ planned | 10.2 | P-9 | 0 |" in text
    # nonconformities: F1 open, F3 closed; observation: F2 closed.
    assert "| ✖ nonconformity | 2 | 1 | 1 |" in text
    assert "| ▲ observation | 1 | 0 | 1 |" in text
    assert "| ◇ opportunity for improvement | 0 | 0 | 0 |" in text
    assert "### A-1 — Documents and complaints {#a-1}" in text
    assert '<span id="a-1-f1"></span>A-1-F1' in text
    assert "| [A-1-F1](#a-1-f1) | [A-1](#a-1) | 7.5.3 | 2026-03-03 | 266 | ACT-1 |" in text
    assert "[QP-01](../procedures/qp-01.md)" in text


def test_escaping(make_project: ProjectFactory, mini_report: ReportData) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report)
    text = analysis.pages(context)[0].markdown
    assert "<script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_action_status_from_the_actions_register(
    make_project: ProjectFactory, mini_report: ReportData
) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report, actions=True)
    text = analysis.pages(context)[0].markdown
    assert "| 266 | [ACT-1](actions/ACT-1.md) (in progress) |" in text
    assert "| [ACT-2](actions/ACT-2.md) | 2026-05-01 |" in text, "no status given: link only"


def test_attention(make_project: ProjectFactory, mini_report: ReportData) -> None:
    analysis, context = analysed(load_project(make_project(files())), mini_report, actions=True)
    items = analysis.attention(context)
    assert {item.group for item in items} == {"Internal audits"}
    assert [item.text for item in items] == [
        "[A-1-F1](registers/audits.md#a-1-f1): nonconformity against clause 7.5.3 open for"
        " 266 days (audit of 2026-03-03); action [ACT-1](registers/actions/ACT-1.md)"
        " (in progress)",
        "[A-2 Feedback](registers/audits.md#a-2): planned for 2026-11-01, not held"
        " (23 days overdue)",
    ]


def test_scope() -> None:
    assert in_scope("7.5.3", ["7.5"]) and in_scope("7.5", ["7.5"])
    assert not in_scope("7.50", ["7.5"]) and not in_scope("7", ["7.5"])


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('scope: ["7.5", 8.2.1]', 'scope: ["7.5", "8.a"]'),
            ['data/registers/audits.yml:6: audits[0].scope[1]: clause "8.a" must be numbers'
             ' joined by dots, e.g. "8.5.1" (quote it in YAML)'],
        ),
        (
            ("  - id: A-3", "  - id: A-2"),
            ['data/registers/audits.yml:32: id "A-2" is already used on line 27'],
        ),
        (
            ("      - id: A-1-F3", "      - id: A-1-f1"),
            ['data/registers/audits.yml:21: id "A-1-f1" would share its link with "A-1-F1"'
             " (line 10): make them differ in letters or digits"],
        ),
        (
            ("        closed: 2026-04-01", "        closed: 2026-03-01"),
            ["data/registers/audits.yml:20: closed on 2026-03-01, before the audit was held"
             " (2026-03-03)"],
        ),
        (
            ("    held: 2026-03-03", "    held: 2026-12-03"),
            ["data/registers/audits.yml:5: held on 2026-12-03, after the as-of date (2026-11-24):"
             " record the date once the audit is done",
             "data/registers/audits.yml:20: closed on 2026-04-01, before the audit was held"
             " (2026-12-03)",
             "data/registers/audits.yml:26: closed on 2026-05-01, before the audit was held"
             " (2026-12-03)"],
        ),
        (
            ('    auditor: Quality Manager\n', '    auditor: Quality Manager\n    findings:\n'
             '      - {id: A-2-F1, type: observation, clause: "9.1.2", statement: x}\n'),
            ['data/registers/audits.yml:32: audit "A-2" has findings but no held date:'
             " findings come from an audit that took place"],
        ),
        (
            ("        type: observation", "        type: major"),
            ['data/registers/audits.yml:17: audits[0].findings[1].type: "major" is not one of'
             " nonconformity, observation, opportunity"],
        ),
        (
            ("        statement: A record was missing", "        satement: A record was missing"),
            ['data/registers/audits.yml:21: missing required key "statement"',
             'data/registers/audits.yml:24: unknown key "satement" (did you mean "statement"?)'],
        ),
        (
            ("    planned: 2027-01-15", "    planned: soon"),
            ['data/registers/audits.yml:34: audits[2].planned: expected a date (YYYY-MM-DD),'
             ' got "soon"'],
        ),
    ],
)  # fmt: skip
def test_bad_input_is_located(
    make_project: ProjectFactory, change: tuple[str, str], expected: list[str]
) -> None:
    project = load_project(make_project(files(edited(AUDITS, *change))))
    problems = [e for e in diagnostics(project) if "unknown improvement action" not in e]
    assert problems == expected


def test_clause_outside_scope_is_a_warning(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files(edited(AUDITS, 'clause: "7.5.1"', 'clause: "9.1"'))))
    assert not any("outside" in d.format() for d in project.report.errors)
    assert [d.format() for d in project.report.warnings] == [
        "data/registers/audits.yml:23: warning: clause 9.1 is outside the audit's scope"
        " (7.5, 8.2.1): add it to the scope or check the clause"
    ]


def test_malformed_and_empty_files(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files("audits:\n  - id: [A-1\n")))
    [message] = diagnostics(project)
    assert message.startswith("data/registers/audits.yml:") and "invalid YAML" in message
    assert "audits" not in project.registers


def test_empty_file(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files("")))
    assert diagnostics(project) == ["data/registers/audits.yml:1: the file is empty"]


def test_no_audits(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files("audits: []\n")))
    assert diagnostics(project) == [
        "data/registers/audits.yml:1: audits: List should have at least 1 item after"
        " validation, not 0"
    ]


def test_every_state_and_type_has_its_word() -> None:
    """The tables of message ids name every audit state and finding type, no more."""
    assert set(STATE_WORDS) == set(STATES)
    assert set(TYPE_WORDS) == set(FINDING_TYPES)
