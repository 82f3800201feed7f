"""``sqms diff BASE``: documents, definitions, values and registers compared with a git revision.

Every test builds a small git repository whose project lives in a subfolder
(``quality/``), commits it, changes it, and compares. Expected values are
worked out by hand from ``tests/mini.py``'s data.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from sqms.diff.compare import diff_against
from sqms.diff.documents import DocumentChange
from sqms.diff.report import render
from sqms.diff.revision import RevisionError
from tests import mini
from tests.support.edits import edited
from tests.support.projects import write_project
from tests.test_documents import INSTRUCTION as DRAFT_INSTRUCTION
from tests.test_documents import PROCEDURE

SUBFOLDER = "quality"
# An approved procedure may refer only to documents in force or in review.
INSTRUCTION = edited(DRAFT_INSTRUCTION, "status: draft", "status: in-review")


def project_files() -> dict[str, str]:
    """The mini project with a manual of two controlled documents."""
    return {
        **mini.files(),
        "manual/index.md": "# Home\n\nSee [[QP-05]].\n",
        "manual/procedures/qp-05.md": PROCEDURE,
        "manual/instructions/wi-05-01.md": INSTRUCTION,
        "manual/reference/formats.md": "# Formats\n",
    }


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True, timeout=60
    )
    return done.stdout


def commit(repo: Path, files: dict[str, str], message: str) -> None:
    """Write ``files`` into the project subfolder and commit everything."""
    write_project(repo / SUBFOLDER, files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def new_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.name", "Quality Manager")
    git(repo, "config", "user.email", "quality@example.com")
    git(repo, "config", "commit.gpgsign", "false")
    return repo


def changed_files() -> dict[str, str]:
    """The second commit's files: (a) to (d) of the change under review."""
    files = project_files()
    # (a) QP-05's body is edited; its version stays 2.1.
    files["manual/procedures/qp-05.md"] = edited(
        PROCEDURE, "Acknowledge within one business day", "Acknowledge within four business hours"
    )
    # (b) WI-05-01 gets a new version.
    files["manual/instructions/wi-05-01.md"] = edited(INSTRUCTION, '"0.3"', '"0.4"')
    # (c) wait_mean's target 2 → 3; fast counts waits up to 4 hours instead of 3.
    plan = edited(files["data/quality-plan.yml"], "    target: 2\n", "    target: 3\n")
    files["data/quality-plan.yml"] = edited(plan, "where: wait_h <= 3", "where: wait_h <= 4")
    # (d) ticket 3 (January, email) waited 1 hour, not 5.
    files["data/tickets.csv"] = edited(
        files["data/tickets.csv"],
        "3,2026-01-07 12:00:00,email,5,",
        "3,2026-01-07 12:00:00,email,1,",
    )
    return files


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with two commits: the mini project, then the change (a)–(d)."""
    repo = new_repo(tmp_path)
    commit(repo, project_files(), "Mini project")
    # QP-05's text changes with its version unchanged: an error in `sqms check`
    # unless the commit is marked editorial, which this one is so that both
    # sides load; `sqms diff` still names the change for the reviewer.
    commit(repo, changed_files(), "Change under review [editorial]")
    return repo


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["diff", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def section(report: str, title: str) -> str:
    """The lines of one ``### title`` section of a Markdown report."""
    match = re.search(rf"^### {title}\n(.*?)(?=^### |\Z)", report, re.DOTALL | re.MULTILINE)
    assert match is not None, report
    return match.group(1)


def bold_ids(text: str) -> list[str]:
    return re.findall(r"^- \*\*([\w-]+)\*\*", text, re.MULTILINE)


def table_rows(text: str) -> dict[str, list[str]]:
    """The first table of ``text``, by its first cell."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("| "))
    end = next((i for i in range(first, len(lines)) if not lines[i].startswith("|")), len(lines))
    rows = lines[first:end]
    return {cells[0]: cells[1:] for cells in (r.strip("| ").split(" | ") for r in rows[2:])}


def test_report_names_exactly_the_changes(repo: Path) -> None:
    code, report, _ = run("HEAD~1", "--project", str(repo / SUBFOLDER))
    assert code == 0
    assert report.startswith("## SQMS: what changed since HEAD~1 (")
    assert "> **⚠ 1 document changed without a new version: QP-05**" in report

    documents = section(report, "Documents")
    assert bold_ids(documents) == ["QP-05", "WI-05-01"]
    assert (
        "- **QP-05** Complaint handling: **⚠ content changed but version 2.1 unchanged**, "
        "body changed\n" in documents
    )
    assert "- **WI-05-01** Acknowledging a complaint: version 0.3 → 0.4\n" in documents

    indicators = section(report, "Indicators")
    assert bold_ids(indicators) == ["fast", "wait_mean"]
    assert "- **fast** Answered within 3 hours: definition changed: where\n" in indicators
    # A single target has no start date: 2 h → 3 h, one decimal for hours.
    assert (
        "- **wait_mean** Mean wait: definition changed: target, target 2.0 h → 3.0 h\n"
        in indicators
    )


def test_values_moved_are_computed_by_hand(repo: Path) -> None:
    _, report, _ = run("HEAD~1", "--project", str(repo / SUBFOLDER))
    values = section(report, "Values")
    rows = table_rows(values)
    # Only indicators that use wait_h (or fast and wait_mean, through pain) move;
    # volume, recommend, complaints_per_1000 and churn read nothing that changed.
    assert list(rows) == ["fast", "wait_sum", "wait_mean", "wait_median", "wait_p90", "pain"]
    # Tickets run to 10 February, so February is partial: the latest complete
    # period is January. January waits were 1, 3, 5, 2 and are now 1, 3, 1, 2.
    # fast, before: ≤ 3 h among 4 waits → 3/4 = 75.0%; now ≤ 4 h → 4/4 = 100.0%.
    # February waits 4, 8: before 0/2 = 0.0%, now 1/2 = 50.0% (the larger move).
    assert rows["fast"] == [
        "2026-01", "75.0%", "100.0%", "2", "2026-02: 0.0% → 50.0%, 2026-01: 75.0% → 100.0%",
    ]  # fmt: skip
    # Sum 1+3+5+2 = 11 → 1+3+1+2 = 7.
    assert rows["wait_sum"] == ["2026-01", "11.0 h", "7.0 h", "1", "2026-01: 11.0 h → 7.0 h"]
    # Mean 11/4 = 2.75 → 7/4 = 1.75, shown to one decimal (2.8 h, 1.8 h).
    assert rows["wait_mean"] == ["2026-01", "2.8 h", "1.8 h", "1", "2026-01: 2.8 h → 1.8 h"]
    # Median of an even n, the mean of the two middle values (not the lower one,
    # as the nearest rank gave): sorted 1,2,3,5 → (2 + 3)/2 = 2.5; 1,1,2,3 → 1.5.
    assert rows["wait_median"] == ["2026-01", "2.5 h", "1.5 h", "1", "2026-01: 2.5 h → 1.5 h"]
    # p90, rank ceil(0.9·4) = 4: the largest, 5 → 3.
    assert rows["wait_p90"] == ["2026-01", "5.0 h", "3.0 h", "1", "2026-01: 5.0 h → 3.0 h"]
    # pain = (1·fast shortfall + 3·wait_mean shortfall) / 4, each capped at 100.
    # Before, January: fast 0.75 vs 0.8 → 6.25; mean 2.75 vs 2 → 37.5:
    #   (6.25 + 112.5)/4 = 29.6875. February: both 100 → 100.
    # Now, January: 1.0 vs 0.8 and 1.75 vs 3 both meet → 0. February: fast 0.5
    #   vs 0.9 → 0.4/0.9 = 44.44; mean 6 vs 3 → 100: (44.44 + 300)/4 = 86.11.
    # A composite is partial while its components are: its latest complete
    # period is January, as theirs.
    assert rows["pain"] == [
        "2026-01", "29.7", "0.0", "2", "2026-01: 29.7 → 0.0, 2026-02: 100.0 → 86.1",
    ]  # fmt: skip
    # January statuses: fast 0.75 was between warning 0.7 and target 0.8, now
    # 1.0 meets; wait_mean 2.75 > 2 missed, 1.75 ≤ 3 meets; pain 29.7 > 10
    # missed, 0 meets. February's fast and wait_mean have n = 2 < min_n 3.
    statuses = [line for line in values.splitlines() if line.startswith("- ")]
    assert statuses == [
        "- **fast** 2026-01: ▲ warning → ✔ meets target",
        "- **wait_mean** 2026-01: ✖ misses target → ✔ meets target",
        "- **pain** 2026-01: ✖ misses target → ✔ meets target",
    ]
    assert "4 other indicators: no value or status changed." in values
    assert "<summary>Latest complete value of all 10 indicators</summary>" in values
    assert "| volume | 2026-01 | 5 | 5 |" in values
    assert "Registers" not in report


def test_same_revision_gives_no_changes(repo: Path) -> None:
    code, report, _ = run("HEAD", "--project", str(repo / SUBFOLDER), "--fail-on-unversioned")
    assert code == 0
    assert report.splitlines()[-1] == "No changes to documents, indicators, values or registers."
    assert "###" not in report


def test_fail_on_unversioned_exits_1(repo: Path) -> None:
    code, report, errors = run(
        "HEAD~1", "--project", str(repo / SUBFOLDER), "--fail-on-unversioned"
    )
    assert code == 1
    assert "### Documents" in report
    assert "1 document changed without a new version: QP-05" in errors


def test_text_format(repo: Path) -> None:
    code, report, _ = run("HEAD~1", "--project", str(repo / SUBFOLDER), "--format", "text")
    assert code == 0
    assert "**" not in report and "|" not in report and "<details>" not in report
    assert "⚠ 1 document changed without a new version: QP-05" in report
    assert "- QP-05 Complaint handling: ⚠ content changed but version 2.1 unchanged" in report
    assert re.search(r"^wait_sum +2026-01 +11\.0 h +7\.0 h +1 ", report, re.MULTILINE)


def test_unknown_revision_is_a_usage_error(repo: Path) -> None:
    code, report, errors = run("no-such-branch", "--project", str(repo / SUBFOLDER))
    assert code == 2
    assert report == ""
    assert 'unknown revision "no-such-branch"' in errors
    code, _, errors = run("--project", str(repo / SUBFOLDER), "--", "--version")
    assert code == 2 and 'unknown revision "--version"' in errors


def test_outside_a_repository(tmp_path: Path) -> None:
    write_project(tmp_path / "alone", project_files())
    with pytest.raises(RevisionError, match="not inside a git repository"):
        diff_against(tmp_path / "alone", "HEAD")


def test_a_project_that_does_not_load_at_base(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    broken = project_files()
    broken["data/quality-plan.yml"] = edited(
        broken["data/quality-plan.yml"], "    measure: count\n", "    measure: cont\n"
    )
    commit(repo, broken, "Broken plan")
    commit(repo, project_files(), "Fixed plan")
    code, report, errors = run("HEAD~1", "--project", str(repo / SUBFOLDER))
    assert code == 1
    assert report == ""
    assert "the project does not load at HEAD~1 (" in errors
    # The old project's problem, located in its own file (volume's measure is on line 13).
    assert '\ndata/quality-plan.yml:13: indicators.volume.measure: "cont" is not one of' in errors


def test_a_project_new_since_base(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    (repo / "README.md").write_text("Before the project.\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Empty")
    commit(repo, project_files(), "Project")
    code, _, errors = run("HEAD~1", "--project", str(repo / SUBFOLDER))
    assert code == 1
    assert f"{SUBFOLDER}: the project did not exist at this revision" in errors


def test_added_removed_and_status_changes(tmp_path: Path) -> None:
    repo = new_repo(tmp_path)
    commit(repo, project_files(), "Mini project")
    files = project_files()
    # QP-05 made obsolete (control fields only: no new version needed),
    # WI-05-01 removed, FRM-05-01 added; the indicator churn removed, a copy
    # of volume added; one complaint more in January.
    files["manual/procedures/qp-05.md"] = edited(PROCEDURE, "status: approved", "status: obsolete")
    del files["manual/instructions/wi-05-01.md"]
    qp_05 = edited(
        files["manual/procedures/qp-05.md"], "related: [WI-05-01]", "related: [FRM-05-01]"
    )
    files["manual/procedures/qp-05.md"] = edited(qp_05, "in [[WI-05-01]]", "in [[FRM-05-01]]")
    frm_05_01 = edited(INSTRUCTION, "WI-05-01", "FRM-05-01")
    files["manual/forms/frm-05-01.md"] = edited(frm_05_01, "type: instruction", "type: form")
    plan = files["data/quality-plan.yml"]
    plan = edited(plan, "  churn:\n", "  volume_copy:\n    name: Tickets again\n"
                        "    family: efficiency\n    dataset: tickets\n    measure: count\n"
                        "    unit: count\n  churn:\n")  # fmt: skip
    start = plan.index("  churn:\n")
    files["data/quality-plan.yml"] = plan[:start] + plan[plan.index("  pain:\n") :]
    files["data/complaints.csv"] += "2026-01-25 10:00:00,email\n"
    (repo / SUBFOLDER / "manual/instructions/wi-05-01.md").unlink()
    write_project(repo / SUBFOLDER, files)  # not committed: the working folder counts

    outcome = diff_against(repo / SUBFOLDER, "HEAD")
    assert outcome.diff is not None
    report = render(outcome.diff)
    documents = section(report, "Documents")
    assert "- added: **FRM-05-01** Acknowledging a complaint (version 0.3, in review, " in documents
    assert (
        "- removed: **WI-05-01** Acknowledging a complaint (version 0.3, in review, " in documents
    )
    # Status, related and the body changed; related and the body are content,
    # so the version should have moved.
    assert (
        "- **QP-05** Complaint handling: **⚠ content changed but version 2.1 unchanged**, "
        "body changed, front matter changed: related, status approved → obsolete\n" in documents
    )
    indicators = section(report, "Indicators")
    assert "- added: **volume_copy** Tickets again\n" in indicators
    assert "- removed: **churn** Churn\n" in indicators
    rows = table_rows(section(report, "Values"))
    # Complaints per 1,000 tickets, January: 2/5·1000 = 400 → 3/5·1000 = 600;
    # complaints end on 3 February, so January is the latest complete period.
    assert rows["complaints_per_1000"][:3] == ["2026-01", "400.0 per 1,000", "600.0 per 1,000"]
    assert list(rows) == ["complaints_per_1000"]


def test_version_lowered_is_noticed() -> None:
    change = DocumentChange(
        "QP-05", "Complaint handling", "a.md", "a.md", False, ("version",),
        "2.10", "2.9", "approved", "approved",
    )  # fmt: skip
    assert change.version_lowered and not change.unversioned
    higher = DocumentChange(
        "QP-05", "Complaint handling", "a.md", "a.md", True, ("version",),
        "2.9", "2.10", "approved", "approved",
    )  # fmt: skip
    assert not higher.version_lowered and not higher.unversioned
