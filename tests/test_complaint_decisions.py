"""Upheld complaints and the decision whether corrective action is needed (ISO 9001 10.2.1 b).

The hand-written register of ``test_registers_complaints`` gains two columns,
``action_needed`` and ``decision``. Upheld on 2026-03-20: C01, C03 (linked to
ACT-1, action needed), C04, C05, C10, C12 (no action needed), and C07, C08
without a decision; C02 is not upheld and has a decision, which is fine.
Every upheld complaint got its final response within 90 days of the
reference date, so both undecided ones are recent.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sqms.i18n import use_language
from sqms.project import load_project
from sqms.registers import RegisterContext
from sqms.registers.complaints.register import ComplaintRegister
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, data_errors, errors, run_check
from tests.support.registers import indicator_report, register_context
from tests.test_registers_complaints import COMPLAINTS, DATASETS, TODAY, UNKNOWN_ACTIONS, files

DECISIONS = {
    "C01": "yes,Billing system fault can recur",
    "C02": "no,Not upheld: nothing to correct",
    "C03": "yes,Same fault as C01",
    "C04": "no,One-off slip; agent coached",
    "C05": "no,<b>Coached</b> again & watched",
    "C10": "no,Invoice corrected; no recurrence",
    "C12": "no,Refund sent; bank delay",
}
"""Per complaint: ``action_needed,decision``; the others have neither."""


def _with_decisions(**changes: str) -> str:
    """The register with the two decision columns appended (``C04="yes,..."`` to change)."""
    values = {**DECISIONS, **changes}
    lines = COMPLAINTS.splitlines()
    out = [lines[0] + ",action_needed,decision"]
    for line in lines[1:]:
        out.append(line + "," + values.get(line.split(",", 1)[0], ","))
    return "\n".join(out) + "\n"


DECISION_DATASETS = edited(
    DATASETS,
    "      action_id: string\n",
    "      action_id: string\n      action_needed: boolean\n      decision: string\n",
)


def _project(make_project: ProjectFactory, **changes: str) -> Path:
    """The test project with the decision columns (``C04="yes,..."`` to change one)."""
    return make_project(files(datasets=DECISION_DATASETS, complaints=_with_decisions(**changes)))


def _analysis(root: Path, today: dt.date = TODAY) -> tuple[object, RegisterContext]:
    """The complaint register's analysis on ``today`` (only unknown actions reported)."""
    project = load_project(root, "data", None)
    assert errors(project) == UNKNOWN_ACTIONS
    context = register_context(project, indicator_report(project), today=today)
    register = project.registers["complaints"]
    assert isinstance(register, ComplaintRegister)
    return register.analyse(context), context


def _page(root: Path) -> str:
    """The complaint register's page on :data:`TODAY`."""
    analysis, context = _analysis(root)
    return analysis.pages(context)[0].markdown  # type: ignore[attr-defined, no-any-return]


def _section(page: str) -> str:
    """The page's section on upheld complaints without a decision."""
    start = page.index("## Upheld complaints without a decision")
    return page[start : page.index("## All complaints")]


def test_decisions_shown_in_the_list(make_project: ProjectFactory) -> None:
    page = _page(_project(make_project))
    assert '<th>Action needed</th><th style="min-width: 16em">Decision</th>' in page
    assert "<td>yes</td><td>Billing system fault can recur</td>" in page
    assert "<td>no</td><td>&lt;b&gt;Coached&lt;/b&gt; again &amp; watched</td>" in page
    # C07 is upheld without a decision: both cells empty.
    row = page[page.index('<tr id="c07"') :].split("</tr>")[0]
    assert "<td>—</td><td>—</td>" in row


def test_upheld_without_a_decision_listed_without_personal_data(
    make_project: ProjectFactory,
) -> None:
    section = _section(_page(_project(make_project)))
    assert (
        "Upheld complaints with a decision: 6 of 8; without one: 2, 2 of them with the final"
        " response in the last 90 days" in section
    )
    assert "| [C07](#c07) | 2026-02-01 | staff | low |" in section
    assert "| [C08](#c08) | 2026-02-01 | delivery | low |" in section
    assert "C02" not in section and "CUST-" not in section
    assert section.count("| [C") == 2


def test_yes_without_an_action_is_a_located_error(make_project: ProjectFactory) -> None:
    root = _project(make_project, C04="yes,Needs a fix")
    # A register with errors in its rows is not linked: its action ids are not checked.
    assert data_errors(root) == [
        'data/complaints.csv:5: row 4, column action_needed: action needed is "yes" but no'
        " improvement action is linked in column action_id: link the action raised, or record"
        " no with the reason"
    ]


def test_not_yes_or_no_fails_the_check_at_its_row(make_project: ProjectFactory) -> None:
    root = _project(make_project, C04="perhaps,Not sure")
    result = run_check(root)
    assert result.exit_code == 1
    assert (
        'data/complaints.csv:5: row 4, column action_needed: "perhaps" is not true or false'
        in result.stderr
    )
    assert "Traceback" not in result.output + result.stderr


def test_role_not_mapped_the_page_says_so(make_project: ProjectFactory) -> None:
    root = make_project(files())  # the register has no decision columns
    analysis, context = _analysis(root)
    page = analysis.pages(context)[0].markdown  # type: ignore[attr-defined]
    section = _section(page)
    assert "Decisions whether corrective action is needed are not recorded" in section
    assert "<code>action_needed</code>" in section and "<code>decision</code>" in section
    assert "<th>Action needed</th>" not in page
    items = analysis.attention(context)  # type: ignore[attr-defined]
    assert not any("no decision" in item.text for item in items)


def test_recent_undecided_need_attention_older_do_not(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    analysis, context = _analysis(root)
    items = analysis.attention(context)  # type: ignore[attr-defined]
    assert items[-1].group == "Complaints"
    assert items[-1].text == (
        "2 upheld complaints closed in the last 90 days have no decision whether corrective"
        " action is needed: [see the register](registers/complaints.md)"
    )
    # Exported and judged on 1 June, C07 (final response 10 February) is 111 days
    # old and C08 (20 February) 101: listed on the page, not on the dashboard.
    datasets = edited(
        DECISION_DATASETS,
        "    time: received_at\n",
        "    time: received_at\n    as_of: 2026-06-01 12:00:00\n",
    )
    root = make_project(files(datasets=datasets, complaints=_with_decisions()))
    later, context = _analysis(root, dt.date(2026, 6, 1))
    assert not any(
        "no decision" in item.text
        for item in later.attention(context)  # type: ignore[attr-defined]
    )
    section = _section(later.pages(context)[0].markdown)  # type: ignore[attr-defined]
    assert "without one: 2, 0 of them" in section


def test_all_decided_no_list_and_no_attention(make_project: ProjectFactory) -> None:
    root = _project(make_project, C07="no,Agent coached", C08="no,Courier delay; one-off")
    analysis, context = _analysis(root)
    section = _section(analysis.pages(context)[0].markdown)  # type: ignore[attr-defined]
    assert "Upheld complaints with a decision: 8 of 8; without one: 0" in section
    assert "| [C" not in section
    assert not any(
        "no decision" in item.text
        for item in analysis.attention(context)  # type: ignore[attr-defined]
    )


def test_page_in_chinese(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    analysis, context = _analysis(root)
    with use_language("zh"):
        page = analysis.pages(context)[0].markdown  # type: ignore[attr-defined]
    assert "## 未作处理决定的成立投诉" in page
    assert "<th>需采取措施</th>" in page


@pytest.mark.parametrize("mapping", ["    action_needed: null\n"])
def test_role_mapped_to_null_is_not_kept(make_project: ProjectFactory, mapping: str) -> None:
    registers = files()["data/registers.yml"] + "  columns:\n" + mapping
    root = make_project(
        files(datasets=DECISION_DATASETS, complaints=_with_decisions(), registers=registers)
    )
    section = _section(_page(root))
    assert "are not recorded" in section
