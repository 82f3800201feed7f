"""The ``sqms`` command: exit codes, every error at once, no tracebacks, machine-readable output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def project(make_project: ProjectFactory) -> Path:
    return make_project(mini.files())


def test_check_valid_project(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["check", "--project", str(project)])
    assert result.exit_code == 0, result.output
    assert "project is valid: 10 indicators checked" in result.stdout


def test_check_reports_every_error_and_exits_1(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = mini.files()
    files["data/tickets.csv"] = edited(
        files["data/tickets.csv"], "2026-01-06 11:00:00", "yesterday"
    )
    # The first indicator, volume, counts a dataset that does not exist.
    files["data/quality-plan.yml"] = edited(
        files["data/quality-plan.yml"],
        "name: Tickets\n    family: efficiency\n    dataset: tickets",
        "name: Tickets\n    family: efficiency\n    dataset: tikets",
    )
    result = runner.invoke(main, ["check", "--project", str(make_project(files))])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        'data/tickets.csv:3: row 2, column created_at: "yesterday" is not a date and time' in lines
    )
    assert any(line.startswith("data/quality-plan.yml:") and '"tikets"' in line for line in lines)
    assert lines[-1] == "2 errors, 0 warnings"
    assert "Traceback" not in result.output


def test_messages_in_chinese(runner: CliRunner, make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/tickets.csv"] = edited(
        files["data/tickets.csv"], "2026-01-06 11:00:00", "yesterday"
    )
    result = runner.invoke(main, ["check", "--lang", "zh", "--project", str(make_project(files))])
    assert result.exit_code == 1
    assert (
        "data/tickets.csv:3: 第 2 行，列 created_at：“yesterday”不是有效的日期时间" in result.stderr
    )


def test_indicators_json(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(main, ["indicators", "--format", "json", "--project", str(project)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    fast = next(i for i in document["indicators"] if i["id"] == "fast")
    assert {k: fast[k] for k in ("name", "family", "unit", "better", "target")} == {
        "name": "Answered within 3 hours",
        "family": "efficiency",
        "unit": "percent",
        "better": "higher",
        "target": 0.9,
    }
    jan = next(s for s in fast["series"] if s["period"] == "2026-01" and s["dims"] == {})
    assert (jan["value"], jan["n"], jan["numerator"], jan["denominator"], jan["status"]) == (
        0.75,
        4,
        3,
        4,
        "warning",
    )
    chat = next(
        s for s in fast["series"] if s["period"] == "2026-01" and s["dims"] == {"channel": "chat"}
    )
    assert chat["value"] == 1


def test_indicators_csv_and_table(runner: CliRunner, project: Path) -> None:
    csv = runner.invoke(main, ["indicators", "--format", "csv", "--project", str(project)])
    assert csv.exit_code == 0
    assert csv.stdout.splitlines()[0].startswith("indicator,period,dim,dim_value,value,n,")
    table = runner.invoke(main, ["indicators", "--project", str(project)])
    assert table.exit_code == 0
    assert "wait_mean" in table.stdout


def test_indicators_on_a_broken_project(runner: CliRunner, make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/datasets.yml"] = "datasets: [\n"
    result = runner.invoke(main, ["indicators", "--project", str(make_project(files))])
    assert result.exit_code == 1
    assert result.stderr.startswith("data/datasets.yml:")
    assert "Traceback" not in result.output


def test_wrong_usage_exits_2(runner: CliRunner) -> None:
    result = runner.invoke(main, ["indicators", "--format", "xml"])
    assert result.exit_code == 2


def test_demo_writes_deterministic_data(runner: CliRunner, tmp_path: Path) -> None:
    first = runner.invoke(main, ["demo", str(tmp_path / "a"), "--tickets", "500"])
    second = runner.invoke(main, ["demo", str(tmp_path / "b"), "--tickets", "500"])
    assert first.exit_code == 0 and second.exit_code == 0
    names = sorted(p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*.*"))
    assert names == [
        "customers.csv",
        "qa_reviews.csv",
        "registers/complaints.csv",
        "surveys.jsonl",
        "tickets.csv",
    ]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_python_dash_m(project: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sqms", "check", "--project", str(project)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_doc_new_writes_a_valid_draft(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(
        main,
        [
            "doc",
            "new",
            "--project",
            str(project),
            "--id",
            "QP-13",
            "--title",
            'Handling "VIP" callers',
        ],
    )
    assert result.exit_code == 0, result.output
    path = project / "manual/procedures/qp-13-handling-vip-callers.md"
    assert path.is_file()
    check = runner.invoke(main, ["check", "--project", str(project)])
    assert check.exit_code == 0, check.output
    again = runner.invoke(
        main, ["doc", "new", "--project", str(project), "--id", "QP-13", "--title", "Other"]
    )
    assert again.exit_code == 1
    assert (
        "document QP-13 exists already: manual/procedures/qp-13-handling-vip-callers.md"
        in again.stderr
    )


def test_doc_new_refuses_a_bad_id(runner: CliRunner, project: Path) -> None:
    result = runner.invoke(
        main, ["doc", "new", "--project", str(project), "--id", "qp 13", "--title", "X"]
    )
    assert result.exit_code == 2
    assert not (project / "manual").exists()
