"""Document control without holes: each rule once, located, through ``sqms check``."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from sqms.documents.rules import control_of, version_key
from tests import mini
from tests.support.edits import edit_file, edited
from tests.support.projects import ProjectFactory, commit, git

AS_OF = "2026-11-24"

PROCEDURE = """\
---
id: QP-05
title: Complaint handling
type: procedure
version: "2.1"
status: approved
owner: Customer Care Manager
approved_by: Quality Director
approved_on: 2026-03-02
review_every: 12 months
related: [WI-05-01]
---

# Complaint handling

Acknowledge within one business day as described in [[WI-05-01]].
"""

INSTRUCTION = """\
---
id: WI-05-01
title: Acknowledging a complaint
type: instruction
version: "1.0"
status: approved
owner: Customer Care Manager
approved_by: Quality Manager
approved_on: 2026-02-01
review_every: 12 months
---

# Acknowledging a complaint

Steps, as in [[QP-05]].
"""

QP05 = "manual/procedures/qp-05.md"
WI0501 = "manual/instructions/wi-05-01.md"


def project_files(**pages: str) -> dict[str, str]:
    return {**mini.files(), QP05: PROCEDURE, WI0501: INSTRUCTION, **pages}


def check(root: Path) -> tuple[int, list[str], str]:
    """``sqms check`` as of :data:`AS_OF`: exit code, the diagnostic lines, all output."""
    result = CliRunner().invoke(main, ["check", "--project", str(root)], env={"SQMS_AS_OF": AS_OF})
    output = result.output
    lines = [line for line in output.splitlines() if line.startswith(("manual", "data/"))]
    return result.exit_code, lines, output


def in_git(make_project: ProjectFactory) -> Path:
    """The small project committed once: both documents approved as they are."""
    root = make_project(project_files())
    git(root, "init", "-q")
    commit(root, "Approve QP-05 2.1 and WI-05-01 1.0")
    return root


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Edit the file ``name`` of the project at ``root`` in place (see ``edit_file``)."""
    edit_file(root / name, old, new)


def test_the_small_project_passes(make_project: ProjectFactory) -> None:
    code, lines, output = check(in_git(make_project))
    assert (code, lines) == (0, []), output


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "approved_by: Quality Director",
            'approved_by: " "',
            f"{QP05}:8: approved_by is blank: a document with status approved names who approved it",
        ),
        (
            "owner: Customer Care Manager",
            'owner: ""',
            f"{QP05}:7: owner is blank: name the role answerable for the document",
        ),
        (
            "approved_on: 2026-03-02",
            "approved_on: 2026-11-25",
            f"{QP05}:9: approved_on 2026-11-25 is after the as-of date 2026-11-24: "
            "an approval counts from the day it is given",
        ),
    ],
)
def test_control_data_rules(
    old: str, new: str, expected: str, make_project: ProjectFactory
) -> None:
    root = make_project(project_files(**{QP05: edited(PROCEDURE, old, new)}))
    code, lines, output = check(root)
    assert code == 1 and "Traceback" not in output
    assert lines == [expected], output


@pytest.mark.parametrize("status", ["draft", "obsolete"])
def test_approved_document_refers_to_no_draft_or_obsolete_one(
    status: str, make_project: ProjectFactory
) -> None:
    instruction = edited(INSTRUCTION, "status: approved", f"status: {status}")
    if status == "draft":
        instruction = edited(instruction, "approved_by: Quality Manager\n", "")
    root = make_project(project_files(**{WI0501: instruction}))
    code, lines, output = check(root)
    assert code == 1 and "Traceback" not in output
    message = f'an approved document refers to "WI-05-01", which is {status}'
    assert lines == [
        f"{QP05}:11: {message}: refer to a document in force",  # related:
        f"{QP05}:16: {message}: refer to a document in force",  # [[WI-05-01]] in the body
    ], output


def test_a_draft_may_refer_to_a_draft(make_project: ProjectFactory) -> None:
    procedure = edited(PROCEDURE, "status: approved", "status: draft")
    instruction = edited(INSTRUCTION, "status: approved", "status: draft")
    root = make_project(project_files(**{QP05: procedure, WI0501: instruction}))
    code, lines, output = check(root)
    assert (code, lines) == (0, []), output


def test_content_changed_after_approval_needs_a_new_version(make_project: ProjectFactory) -> None:
    root = in_git(make_project)
    edit(root, QP05, "one business day", "two business days")
    commit(root, "Acknowledge within two days")
    code, lines, output = check(root)
    assert code == 1 and "Traceback" not in output
    [line] = lines
    assert line.startswith(f"{QP05}:5: the content changed after version 2.1 was approved (commit ")
    assert '"Acknowledge within two days"; give the document a new version and approval' in line
    # A new version, approved, settles it (committed or not yet).
    edit(root, QP05, 'version: "2.1"', 'version: "2.2"')
    edit(root, QP05, "approved_on: 2026-03-02", "approved_on: 2026-11-20")
    assert check(root)[:2] == (0, [])
    commit(root, "QP-05 2.2 approved")
    assert check(root)[:2] == (0, [])


def test_front_matter_changes_need_no_new_version(make_project: ProjectFactory) -> None:
    root = in_git(make_project)
    edit(root, QP05, "review_every: 12 months", "review_every: 6 months")
    commit(root, "Review QP-05 every six months")
    assert check(root)[:2] == (0, [])


def test_an_editorial_commit_needs_no_new_version(make_project: ProjectFactory) -> None:
    root = in_git(make_project)
    edit(root, QP05, "within one business", "within one working")
    commit(root, "QP-05: wording [editorial]")
    assert check(root)[:2] == (0, [])
    # The marker covers its own commit only.
    edit(root, QP05, "Acknowledge", "Confirm")
    commit(root, "QP-05: confirm instead")
    code, lines, _ = check(root)
    assert code == 1 and len(lines) == 1 and '"QP-05: confirm instead"' in lines[0]


def test_a_version_never_goes_down(make_project: ProjectFactory) -> None:
    root = in_git(make_project)
    edit(root, QP05, 'version: "2.1"', 'version: "2.10"')
    commit(root, "QP-05 2.10")
    edit(root, QP05, 'version: "2.10"', 'version: "2.9"')
    code, lines, output = check(root)
    assert code == 1 and "Traceback" not in output
    assert len(lines) == 1 and lines[0].startswith(
        f"{QP05}:5: version 2.9 is lower than version 2.10 of commit "
    ), output
    edit(root, QP05, 'version: "2.9"', 'version: "3"')
    assert check(root)[:2] == (0, [])


def test_a_shallow_clone_says_once_that_it_cannot_judge(
    make_project: ProjectFactory, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = in_git(make_project)
    edit(root, QP05, "one business day", "two business days")
    commit(root, "Acknowledge within two days")
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", root.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    code, lines, output = check(clone)
    assert code == 0
    assert lines == [
        "manual: warning: built from a shallow clone: changes after approval and the order of "
        "versions were not checked (fetch the full history: fetch-depth: 0)"
    ], output


def test_outside_git_the_git_rules_are_not_applied(make_project: ProjectFactory) -> None:
    root = make_project(project_files(**{QP05: edited(PROCEDURE, '"2.1"', '"0.1"')}))
    assert check(root)[:2] == (0, [])


def test_a_duplicate_id_is_one_error_without_a_cascade(make_project: ProjectFactory) -> None:
    instruction = edited(INSTRUCTION, "id: WI-05-01", "id: QP-05")
    pages = {
        WI0501: instruction,
        "manual/forms/frm-05-01.md": edited(
            edited(INSTRUCTION, "id: WI-05-01", "id: FRM-05-01"),
            "Steps, as in [[QP-05]].",
            "Use with [[WI-05-01]], [[QP-05]] and [[WI-05-09]].",
        ),
    }
    code, lines, output = check(make_project(project_files(**pages)))
    assert code == 1 and "Traceback" not in output
    assert lines == [
        # An id that is really unknown is still reported.
        'manual/forms/frm-05-01.md:15: unknown document "WI-05-09" (did you mean "WI-05-01"?)',
        f'{QP05}:2: document id "QP-05" is already used by {WI0501}',
    ], output


def test_a_bad_status_is_one_error_without_a_cascade(make_project: ProjectFactory) -> None:
    instruction = edited(INSTRUCTION, "status: approved", "status: aproved")
    code, lines, output = check(make_project(project_files(**{WI0501: instruction})))
    assert code == 1 and "Traceback" not in output
    assert len(lines) == 1 and lines[0].startswith(f'{WI0501}:6: status: "aproved"'), output


def test_versions_compare_by_numbers() -> None:
    assert version_key("2.10") > version_key("2.9")
    assert version_key("2") == version_key("2.0.0")
    assert control_of('---\nversion: "1.2"  \napproved_on: 2026-01-02 # x\n---\n\nBody\n') == (
        control_of("---\nversion: 1.2\napproved_on: 2026-01-02\n---\nBody\n")
    )
