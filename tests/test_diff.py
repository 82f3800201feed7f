"""``sqms diff BASE``: documents, definitions, values and registers compared with a git revision.

Every test builds a small git repository whose project lives in a subfolder
(``quality/``), commits it, changes it, and compares. Expected values are
worked out by hand from ``tests/mini.py``'s data.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from sqms.diff.compare import ProjectDiff, diff_against
from sqms.diff.documents import DocumentChange
from sqms.diff.indicators import IndicatorsDiff, ValueChanges, compare_values
from sqms.diff.report import render
from sqms.diff.revision import RevisionError
from sqms.engine.plan import Plan
from sqms.i18n import use_language
from sqms.project import load_project
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, computed_line, write_project
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
    # January's status: 0.75 is between warning 0.7 and target 0.8; 1.0 meets.
    assert rows["fast"] == [
        "2026-01", "75.0%", "100.0%", "▲ warning → ✔ meets target", "2",
        "2026-02: 0.0% → 50.0%, 2026-01: 75.0% → 100.0%",
    ]  # fmt: skip
    # Sum 1+3+5+2 = 11 → 1+3+1+2 = 7; no target, so never judged.
    assert rows["wait_sum"] == [
        "2026-01", "11.0 h", "7.0 h", "○ not judged", "1", "2026-01: 11.0 h → 7.0 h",
    ]  # fmt: skip
    # Mean 11/4 = 2.75 → 7/4 = 1.75, shown to one decimal (2.8 h, 1.8 h); the
    # target moved from 2 to 3: 2.75 > 2 missed, 1.75 ≤ 3 meets.
    assert rows["wait_mean"] == [
        "2026-01", "2.8 h", "1.8 h", "✖ misses target → ✔ meets target", "1",
        "2026-01: 2.8 h → 1.8 h",
    ]  # fmt: skip
    # Median of an even n, the mean of the two middle values (not the lower one,
    # as the nearest rank gave): sorted 1,2,3,5 → (2 + 3)/2 = 2.5; 1,1,2,3 → 1.5.
    assert rows["wait_median"] == [
        "2026-01", "2.5 h", "1.5 h", "○ not judged", "1", "2026-01: 2.5 h → 1.5 h",
    ]  # fmt: skip
    # p90, rank ceil(0.9·4) = 4: the largest, 5 → 3.
    assert rows["wait_p90"] == [
        "2026-01", "5.0 h", "3.0 h", "○ not judged", "1", "2026-01: 5.0 h → 3.0 h",
    ]  # fmt: skip
    # pain = (1·fast shortfall + 3·wait_mean shortfall) / 4, each capped at 100.
    # Before, January: fast 0.75 vs 0.8 → 6.25; mean 2.75 vs 2 → 37.5:
    #   (6.25 + 112.5)/4 = 29.6875. February: both 100 → 100.
    # Now, January: 1.0 vs 0.8 and 1.75 vs 3 both meet → 0. February: fast 0.5
    #   vs 0.9 → 0.4/0.9 = 44.44; mean 6 vs 3 → 100: (44.44 + 300)/4 = 86.11.
    # A composite is partial while its components are: its latest complete
    # period is January, as theirs.
    assert rows["pain"] == [
        "2026-01", "29.7", "0.0", "✖ misses target → ✔ meets target", "2",
        "2026-01: 29.7 → 0.0, 2026-02: 100.0 → 86.1",
    ]  # fmt: skip
    # January statuses: fast 0.75 was between warning 0.7 and target 0.8, now
    # 1.0 meets; wait_mean 2.75 > 2 missed, 1.75 ≤ 3 meets; pain 29.7 > 10
    # missed, 0 meets. February's fast and wait_mean have n = 2 < min_n 3.
    statuses = [line for line in values.splitlines() if line.startswith("- ")]
    assert "Status changes, latest period first:\n\n- **fast**" in values
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
    assert re.search(r"^wait_sum +2026-01 +11\.0 h +7\.0 h +○ not judged +1 ", report, re.MULTILINE)
    assert re.search(
        r"^fast +2026-01 +75\.0% +100\.0% +▲ warning → ✔ meets target +2 ", report, re.M
    )
    # The same status lines as in Markdown, without emphasis.
    assert "\n- wait_mean 2026-01: ✖ misses target → ✔ meets target\n" in report


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


# --- Status changes, latest period first (hand-made results) ---

MONTHS = [f"{year}-{month:02d}" for year in (2024, 2025, 2026) for month in range(1, 13)][10:34]
"""24 months, 2024-11 to 2026-10, as the sample's history runs."""


def results(rows: list[tuple[str, str, float, str, bool]]) -> pd.DataFrame:
    """A results table of totals: (indicator, period, value, status, partial) per row."""
    frame = pd.DataFrame(rows, columns=["indicator", "period", "value", "status", "partial"])
    return frame.assign(dim="")


@pytest.fixture
def mini_plan(make_project: ProjectFactory) -> Plan:
    """The mini project's plan: only its indicators' ids, names and units are used."""
    project = load_project(make_project(mini.files()))
    assert project.plan is not None
    return project.plan


def value_changes(plan: Plan, base: pd.DataFrame, head: pd.DataFrame) -> dict[str, ValueChanges]:
    return {values.id: values for values in compare_values(plan, base, plan, head)}


def test_a_raised_target_lists_the_latest_period_first(mini_plan: Plan) -> None:
    # A target raised from 0.80 to 0.95: every month from 2024-11 to 2026-10
    # (24) judged again with the same values; the months 0.94 are judged
    # warning now, 0.96 still meets. 2026-11 is partial: not judged, on both sides.
    values = [0.94 if i % 3 else 0.96 for i in range(24)]  # 2024-11 is 0.96, the rest 2 in 3
    base = results(
        [
            ("fast", month, value, "meets", False)
            for month, value in zip(MONTHS, values, strict=True)
        ]
        + [("fast", "2026-11", 0.5, "not_judged", True)]
    )
    head = results(
        [
            ("fast", m, v, "warning" if v < 0.95 else "meets", False)
            for m, v in zip(MONTHS, values, strict=True)
        ]
        + [("fast", "2026-11", 0.5, "not_judged", True)]
    )
    fast = value_changes(mini_plan, base, head)["fast"]
    # 16 of the 24 months (i % 3 != 0) turn to warning, latest first: 2026-10
    # (i = 23), 2026-09 (22), not 2026-08 (21, 0.96), 2026-07 (20).
    assert [change.period for change in fast.statuses][:3] == ["2026-10", "2026-09", "2026-07"]
    assert len(fast.statuses) == 16
    assert fast.statuses[-1].period == "2024-12"
    # 2026-10 is i = 23 (23 % 3 = 2): 0.94, meets → warning; it is the latest complete period.
    assert (fast.head_period, fast.base_status, fast.head_status) == ("2026-10", "meets", "warning")
    assert not fast.moved

    report = render(ProjectDiff("main (abc)", indicators=IndicatorsDiff(values=[fast])))
    lines = section(report, "Values").splitlines()
    assert table_rows("\n".join(lines))["fast"][:5] == [
        "2026-10", "94.0%", "94.0%", "✔ meets target → ▲ warning", "0",
    ]  # fmt: skip
    bullets = [line for line in lines if line.startswith("- ")]
    assert bullets == [
        "- **fast** 2026-10: ✔ meets target → ▲ warning",
        "- **fast** 2026-09: ✔ meets target → ▲ warning",
        "- **fast** 2026-07: ✔ meets target → ▲ warning",
        "- **fast** and 13 earlier periods",
    ]


def test_every_changed_indicator_keeps_its_latest_status_change(mini_plan: Plan) -> None:
    # fast changes status in its 4 latest months; wait_mean in its only month;
    # pain's values move but its status does not. The old report listed the
    # first ten changes of all indicators together and folded the rest away.
    base = results(
        [("fast", m, 0.85, "meets", False) for m in MONTHS[-4:]]
        + [("wait_mean", "2026-10", 2.5, "misses", False)]
        + [("pain", "2026-09", 12.0, "misses", False), ("pain", "2026-10", 0.0, "meets", False)]
    )
    head = results(
        [("fast", m, 0.85, "misses", False) for m in MONTHS[-4:]]
        + [("wait_mean", "2026-10", 1.5, "meets", False)]
        + [("pain", "2026-09", 15.0, "misses", False), ("pain", "2026-10", 0.0, "meets", False)]
    )
    changes = value_changes(mini_plan, base, head)
    moved = [changes[name] for name in ("fast", "wait_mean", "pain")]
    diff = ProjectDiff("main (abc)", indicators=IndicatorsDiff(values=moved))
    values = section(render(diff), "Values")
    rows = table_rows(values)
    assert rows["fast"][3] == "✔ meets target → ✖ misses target"
    assert rows["wait_mean"][:4] == [
        "2026-10",
        "2.5 h",
        "1.5 h",
        "✖ misses target → ✔ meets target",
    ]
    # pain moved in 2026-09 (12 → 15), but its latest month is still met.
    assert rows["pain"][:5] == ["2026-10", "0.0", "0.0", "✔ meets target", "1"]
    assert [line for line in values.splitlines() if line.startswith("- ")] == [
        "- **fast** 2026-10: ✔ meets target → ✖ misses target",
        "- **fast** 2026-09: ✔ meets target → ✖ misses target",
        "- **fast** 2026-08: ✔ meets target → ✖ misses target",
        "- **fast** and 1 earlier period",
        "- **wait_mean** 2026-10: ✖ misses target → ✔ meets target",
    ]

    text = render(diff, "text")
    assert "\n- fast and 1 earlier period\n" in text
    assert "\n- wait_mean 2026-10: ✖ misses target → ✔ meets target\n" in text
    with use_language("zh"):
        chinese = render(diff, "text")
    assert "- fast 及更早的 1 个期间" in chinese


def test_a_period_complete_only_now(mini_plan: Plan) -> None:
    # New data: October is complete now; before, it was partial, and September
    # the latest complete month.
    base = results(
        [("fast", "2026-09", 0.85, "meets", False), ("fast", "2026-10", 0.6, "not_judged", True)]
    )
    head = results(
        [("fast", "2026-09", 0.85, "meets", False), ("fast", "2026-10", 0.75, "warning", False)]
    )
    fast = value_changes(mini_plan, base, head)["fast"]
    assert (fast.base_period, fast.base_status) == ("2026-10", "not_judged")
    report = render(ProjectDiff("main (abc)", indicators=IndicatorsDiff(values=[fast])))
    row = table_rows(section(report, "Values"))["fast"]
    # October was partial before (0.6, not judged): the same period, so no "(2026-09)".
    assert row[:4] == ["2026-10", "60.0%", "75.0%", "○ not judged → ▲ warning"]
    # Its first judgement is a status change a reviewer sees, the only one.
    bullets = [line for line in report.splitlines() if line.startswith("- ")]
    assert bullets == ["- **fast** 2026-10: ○ not judged → ▲ warning"]


def test_progress_goes_to_standard_error_only(repo: Path) -> None:
    quiet = run("HEAD~1", "--project", str(repo / SUBFOLDER))
    code, report, errors = run("HEAD~1", "--project", str(repo / SUBFOLDER), "--progress")
    assert code == 0
    assert report == quiet[1]  # the Markdown is the same, line for line
    stages = re.findall(r"^sqms: (.+) \(\d+\.\d s\)$", errors, re.MULTILINE)
    # The project now, then as it was at HEAD~1, then the comparison.
    assert stages[:4] == [
        "loaded and checked 3 datasets, 2 documents and 0 registers",
        computed_line(10, "1 MB"),
        "loaded and checked 3 datasets, 2 documents and 0 registers",
        computed_line(10, "1 MB"),
    ]
    assert re.fullmatch(r"compared the project now with HEAD~1 \([0-9a-f]+\)", stages[4])
    assert len(stages) == 5
