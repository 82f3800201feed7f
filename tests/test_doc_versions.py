"""The version in force: a document in review leaves its approved version on the site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sqms.diagnostics import Report
from sqms.documents.load import load_manual
from sqms.documents.versions import proposed_path, versions_in_force
from tests.mini import INSTRUCTION, PROCEDURE, site_files
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, commit, git
from tests.support.sites import build_as_of_2026_11_24

QP01 = "manual/procedures/qp-01.md"
WI0101 = "manual/instructions/wi-01-01.md"
TEXT_A = "Answer every call within one working day."
TEXT_B = "Answer every call within four working hours."
APPROVED = edited(
    PROCEDURE,
    "Use [[WI-01-01]] for the greeting.\n",
    f"Use [[WI-01-01]] for the greeting.\n\n{TEXT_A}\n",
)
PROPOSED = APPROVED
for _old, _new in (
    (TEXT_A, TEXT_B),
    ('version: "1.0"', 'version: "2.0"'),
    ("status: approved", "status: in-review"),
    ("title: Answering customers", "title: Answering customers faster"),
    ("approved_by: Quality Director\napproved_on: 2020-01-06\n", ""),
):
    PROPOSED = edited(PROPOSED, _old, _new)
EXTENSIONS = """
markdown_extensions:
  - admonition
  - md_in_html
  - tables
"""
AS_OF = dt.date(2026, 11, 24)
REFERRING = edited(INSTRUCTION, "Say hello.\n", "Say hello, as [[QP-01]] asks.\n")


def project(make_project: ProjectFactory, procedure: str) -> Path:
    files = site_files(**{QP01: procedure, WI0101: REFERRING})
    files["mkdocs.yml"] += EXTENSIONS
    return make_project(files)


def page(root: Path, path: str) -> str:
    return (root / "site" / path).read_text(encoding="utf-8")


@pytest.fixture
def in_review(make_project: ProjectFactory) -> Path:
    """QP-01 committed approved (1.0, text A), then committed in review (2.0, text B)."""
    root = project(make_project, APPROVED)
    git(root, "init", "-q")
    commit(root, "Approve QP-01 1.0")
    (root / QP01).write_text(PROPOSED, encoding="utf-8")
    commit(root, "Propose QP-01 2.0")
    return root


def test_the_approved_version_stays_in_force(in_review: Path) -> None:
    done = build_as_of_2026_11_24(in_review)
    assert done.returncode == 0, done.stderr
    in_force = page(in_review, "procedures/qp-01.html")
    assert TEXT_A in in_force and TEXT_B not in in_force
    assert "Version 1.0 is in force (approved on 2020-01-06)" in in_force
    assert "Version 2.0 is proposed" in in_force
    assert 'href="qp-01.proposed.html">proposed text</a>' in in_force
    assert '<p class="admonition-title">Version 1.0 is in force</p>' in in_force
    control = in_force[in_force.index('class="sqms-doc-control"') :]
    control = control[: control.index("</table>")]
    assert "<td>1.0</td>" in control and "<td>2.0</td>" not in control
    assert "<td>2020-01-06 (Quality Director)</td>" in control
    assert "<td>Service Desk Manager</td>" in control
    assert "<title>Answering customers - " in in_force
    assert "In review" not in in_force

    proposed = page(in_review, "procedures/qp-01.proposed.html")
    assert TEXT_B in proposed and TEXT_A not in proposed
    assert "Proposed version 2.0 — not in force" in proposed
    assert "In review" in proposed  # the status banner of the current front matter
    assert 'href="qp-01.html">version in force</a>' in proposed
    control = proposed[proposed.index('class="sqms-doc-control"') :]
    assert "<td>2.0</td>" in control[: control.index("</table>")]
    assert "<title>Answering customers faster (proposed) - " in proposed

    # [[QP-01]] names and links the version in force.
    instruction = page(in_review, "instructions/wi-01-01.html")
    assert 'href="../procedures/qp-01.html">QP-01 Answering customers</a>' in instruction
    # The instruction was never approved: it shows its current text, and says so.
    assert "No approved version found" in instruction
    assert "Say hello" in instruction
    assert not (in_review / "manual/procedures/qp-01.proposed.md").exists()


def test_the_last_approved_version_is_found(in_review: Path) -> None:
    manual = load_manual(in_review, "manual", Report(), today=AS_OF)
    versions = versions_in_force(in_review, manual)
    assert list(versions) == ["procedures/qp-01.md"]
    version = versions["procedures/qp-01.md"]
    assert (version.meta.version, version.meta.status) == ("1.0", "approved")
    assert TEXT_A in version.body and version.body.startswith("# Answering customers")
    assert proposed_path("procedures/qp-01.md") == "procedures/qp-01.proposed.md"


def test_without_an_approved_version_the_current_text_is_shown(
    make_project: ProjectFactory,
) -> None:
    root = project(make_project, PROPOSED)
    git(root, "init", "-q")
    commit(root, "Draft QP-01 2.0")
    done = build_as_of_2026_11_24(root)
    assert done.returncode == 0, done.stderr
    current = page(root, "procedures/qp-01.html")
    assert TEXT_B in current and "In review" in current
    assert "No approved version found" in current
    assert not (root / "site/procedures/qp-01.proposed.html").exists()


def test_outside_git_nothing_breaks(make_project: ProjectFactory) -> None:
    root = project(make_project, PROPOSED)
    done = build_as_of_2026_11_24(root)
    assert done.returncode == 0, done.stderr
    current = page(root, "procedures/qp-01.html")
    assert TEXT_B in current and "No approved version found" in current
    assert not (root / "site/procedures/qp-01.proposed.html").exists()
    manual = load_manual(root, "manual", Report(), today=AS_OF)
    assert versions_in_force(root, manual) == {}
