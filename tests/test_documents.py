"""Document control: front matter schema, review dates, references by id, history, register."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from sqms.diagnostics import Report
from sqms.documents.control import decorate, reference_problems, resolve_references
from sqms.documents.load import load_manual
from sqms.io.history import History, read_history, reference_date
from sqms.schema.documents import add_interval
from sqms.site.pages.documents import register_page
from tests.support.edits import edited
from tests.support.projects import ProjectFactory

PROCEDURE = """\
---
id: QP-05
title: Complaint handling
type: procedure
version: "2.1"
status: approved
owner: Customer Care Manager
approved_by: Quality Director
approved_on: 2025-03-02
effective_on: 2025-03-09
review_every: 12 months
clauses: [8.2.1, "10.2"]
related: [WI-05-01]
---

# Complaint handling

Acknowledge within one business day as described in [[WI-05-01]].
Write `[[QP-99]]` to refer to a document.

```
[[QP-98]] in a code block is left alone
```
"""

INSTRUCTION = """\
---
id: WI-05-01
title: Acknowledging a complaint
type: instruction
version: "0.3"
status: draft
owner: Customer Care Manager
---

# Acknowledging a complaint

Steps.
"""

TODAY = dt.date(2026, 11, 24)

DRAFT_RELATED = (
    'manual/procedures/qp-05.md:13: an approved document refers to "WI-05-01", which is draft: '
    "refer to a document in force"
)
"""The approved QP-05 names the draft WI-05-01 in ``related`` (and refers to it in its text)."""


def manual_files(**extra: str) -> dict[str, str]:
    return {
        "manual/index.md": "# Home\n\nSee [[QP-05]].\n",
        "manual/procedures/qp-05.md": PROCEDURE,
        "manual/instructions/wi-05-01.md": INSTRUCTION,
        "manual/reference/formats.md": "# Formats\n\nNo front matter needed here.\n",
        **extra,
    }


def load(root: Path) -> tuple[Report, object]:
    report = Report()
    manual = load_manual(root, "manual", report, today=TODAY)
    return report, manual


def test_documents_load_by_id(make_project: ProjectFactory) -> None:
    report, manual = load(make_project(manual_files()))
    assert [d.format() for d in report] == [DRAFT_RELATED]
    assert sorted(manual.documents) == ["QP-05", "WI-05-01"]  # type: ignore[attr-defined]
    qp05 = manual.documents["QP-05"]  # type: ignore[attr-defined]
    assert qp05.path == "procedures/qp-05.md"
    assert qp05.meta.clauses == ["8.2.1", "10.2"]
    assert qp05.meta.review_due() == dt.date(2026, 3, 2)
    assert qp05.overdue(TODAY)
    assert qp05.body_line == 16
    assert manual.documents["WI-05-01"].meta.review_due() is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("status: approved", "status: aproved"),
            'manual/procedures/qp-05.md:6: status: "aproved" is not one of',
        ),
        (
            ('version: "2.1"', "version: two"),
            'manual/procedures/qp-05.md:5: version: version "two" must be numbers',
        ),
        (
            ("approved_by: Quality Director\n", ""),
            "manual/procedures/qp-05.md:2: a document with status approved needs: approved_by",
        ),
        (
            ("review_every: 12 months", "review_every: yearly"),
            'manual/procedures/qp-05.md:11: review_every: review interval "yearly"',
        ),
        (
            ("owner: Customer Care Manager\n", ""),
            'manual/procedures/qp-05.md:2: missing required key "owner"',
        ),
        (
            ("id: QP-05", "id: qp 05"),
            'manual/procedures/qp-05.md:2: id: document id "qp 05" must be',
        ),
        (
            ("related: [WI-05-01]", "related: [WI-05-02]"),
            'manual/procedures/qp-05.md:13: unknown document "WI-05-02" (did you mean "WI-05-01"?)',
        ),
        (
            ("effective_on: 2025-03-09", "effective_on: 2025-03-01"),
            "manual/procedures/qp-05.md:2: effective_on is before approved_on",
        ),
    ],
)
def test_front_matter_errors_are_located(
    change: tuple[str, str], expected: str, make_project: ProjectFactory
) -> None:
    files = manual_files()
    files["manual/procedures/qp-05.md"] = edited(PROCEDURE, *change)
    report, _ = load(make_project(files))
    messages = [d.format() for d in report]
    assert any(m.startswith(expected) for m in messages), messages


def test_missing_front_matter_and_duplicate_ids(make_project: ProjectFactory) -> None:
    files = manual_files(**{
        "manual/procedures/loose.md": "# A page without control data\n",
        "manual/procedures/copy.md": PROCEDURE,
    })  # fmt: skip
    report, _ = load(make_project(files))
    assert [d.format() for d in report] == [
        edited(DRAFT_RELATED, "qp-05.md", "copy.md"),
        "manual/procedures/loose.md:1: no front matter: every manual document starts with id, title, "
        "type, version, status and owner between --- lines",
        'manual/procedures/qp-05.md:2: document id "QP-05" is already used by manual/procedures/copy.md',
    ]


def test_malformed_front_matter(make_project: ProjectFactory) -> None:
    files = manual_files()
    files["manual/procedures/qp-05.md"] = edited(
        PROCEDURE, 'clauses: [8.2.1, "10.2"]', "clauses: [8.2.1"
    )
    report, _ = load(make_project(files))
    [message] = [d.format() for d in report]
    assert message.startswith("manual/procedures/qp-05.md:") and "invalid YAML" in message


def test_review_intervals() -> None:
    assert add_interval(dt.date(2025, 1, 31), "1 month") == dt.date(2025, 2, 28)
    assert add_interval(dt.date(2024, 2, 29), "1 year") == dt.date(2025, 2, 28)
    assert add_interval(dt.date(2025, 11, 30), "3 months") == dt.date(2026, 2, 28)
    assert add_interval(dt.date(2025, 1, 1), "90 days") == dt.date(2025, 4, 1)
    assert add_interval(dt.date(2025, 1, 1), "2 weeks") == dt.date(2025, 1, 15)


def test_references_resolve_to_links_with_titles(make_project: ProjectFactory) -> None:
    root = make_project(manual_files())
    _, manual = load(root)
    body = PROCEDURE.split("---\n", 2)[2]
    text, problems = resolve_references(
        body, "procedures/qp-05.md", "manual/procedures/qp-05.md", manual
    )  # type: ignore[arg-type]
    assert "[WI-05-01 Acknowledging a complaint](../instructions/wi-05-01.md)" in text
    assert "`[[QP-99]]`" in text  # inline code is left alone
    assert "[[QP-98]] in a code block" in text
    # The approved QP-05 refers to a draft: that is an error at the reference's line.
    assert [p.format() for p in problems] == [
        'manual/procedures/qp-05.md:4: an approved document refers to "WI-05-01", which is draft: '
        "refer to a document in force"
    ]


def test_unknown_reference_names_page_and_line(make_project: ProjectFactory) -> None:
    files = manual_files()
    files["manual/index.md"] = "# Home\n\nSee [[QP-05]]\nand [[QP-50]].\n"
    root = make_project(files)
    _, manual = load(root)
    problems = reference_problems(root, "manual", manual)  # type: ignore[arg-type]
    assert [p.format() for p in problems] == [
        'manual/index.md:4: unknown document "QP-50" (did you mean "QP-05"?)',
        'manual/procedures/qp-05.md:18: an approved document refers to "WI-05-01", which is '
        "draft: refer to a document in force",
    ]


def test_register_items_resolve_as_references(make_project: ProjectFactory) -> None:
    _, manual = load(make_project(manual_files()))
    manual.records = {  # type: ignore[union-attr]
        "ACT-2026-002": "registers/actions/ACT-2026-002.md",
        "IA-2026-01-F1": "registers/audits.md#ia-2026-01-f1",
    }
    body = "See [[ACT-2026-002]] and [[IA-2026-01-F1]].\nNot [[ACT-2026-020]].\n"
    text, problems = resolve_references(body, "procedures/qp-08.md", "manual/qp-08.md", manual, 7)  # type: ignore[arg-type]
    assert "[ACT-2026-002](../registers/actions/ACT-2026-002.md)" in text
    assert "[IA-2026-01-F1](../registers/audits.md#ia-2026-01-f1)" in text
    assert [p.format() for p in problems] == [
        'manual/qp-08.md:8: unknown document "ACT-2026-020" (did you mean "ACT-2026-002"?)'
    ]


def test_page_gets_control_block_banner_and_history(make_project: ProjectFactory) -> None:
    _, manual = load(make_project(manual_files()))
    history = History(available=False)
    wi = manual.documents["WI-05-01"]  # type: ignore[attr-defined]
    page, _ = decorate("# Acknowledging a complaint\n\nSteps.\n", wi, manual, history, 10)  # type: ignore[arg-type]
    assert page.index("# Acknowledging") < page.index('!!! warning "Draft — not approved for use"')
    assert "| <code>WI-05-01</code> | 0.3 | ✎ draft | Customer Care Manager |" in page
    assert "built outside a git checkout" in page
    qp = manual.documents["QP-05"]  # type: ignore[attr-defined]
    page, _ = decorate("# Complaint handling\n", qp, manual, history, 16)  # type: ignore[arg-type]
    assert '!!! warning "Review overdue"' in page
    assert "| 2025-03-02 | 2.1 | Version 2.1 approved | Quality Director | — |" in page


def test_register_lists_every_document(make_project: ProjectFactory) -> None:
    _, manual = load(make_project(manual_files()))
    page = register_page(manual)  # type: ignore[arg-type]
    assert "2 documents; 1 overdue for review; 1 draft." in page.markdown
    assert (
        "| [QP-05](procedures/qp-05.md) | Complaint handling | procedure | 2.1 | ✔ approved |"
        in page.markdown
    )
    assert "**2026-03-02** ⚠ review overdue" in page.markdown


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def test_history_from_git_and_its_absence(
    make_project: ProjectFactory, tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = make_project(manual_files())
    assert not read_history(root, "manual").available
    git(root, "init", "-q")
    git(root, "-c", "user.name=Ann Lee", "-c", "user.email=ann@example.org", "add", ".")
    git(
        root,
        "-c",
        "user.name=Ann Lee",
        "-c",
        "user.email=ann@example.org",
        "commit",
        "-qm",
        "Add complaint procedure",
    )
    history = read_history(root, "manual")
    assert history.available and not history.shallow and history.clean
    [revision] = history.of("manual/procedures/qp-05.md")
    assert (revision.author, revision.subject) == ("Ann Lee", "Add complaint procedure")
    # A shallow clone says its history may be incomplete.
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", root.as_uri(), str(clone)],
        check=True,
        capture_output=True,
    )
    assert read_history(clone, "manual").shallow


def test_reference_date_follows_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    assert reference_date(tmp_path) == dt.date(2026, 1, 1)
