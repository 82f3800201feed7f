"""GitHub Actions annotations: the workflow-command format, its escaping, and the CLI."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sqms.cli.annotations import annotations_wanted, github_annotation
from sqms.cli.main import main
from sqms.diagnostics import Diagnostic, Severity
from sqms.i18n import use_language
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory


def broken_files() -> dict[str, str]:
    """The mini project with one ticket whose creation time is not a date."""
    files = mini.files()
    files["data/tickets.csv"] = edited(
        files["data/tickets.csv"], "2026-01-06 11:00:00", "yesterday"
    )
    return files


def test_error_with_row_and_column() -> None:
    diagnostic = Diagnostic(
        "data/tickets.csv", 3, '"x" is not a date and time', row=2, column="created_at"
    )
    assert github_annotation(diagnostic) == (
        "::error file=data/tickets.csv,line=3,title=sqms::"
        'row 2, column created_at: "x" is not a date and time'
    )


def test_warning() -> None:
    diagnostic = Diagnostic("manual/a.md", 7, "review is overdue", Severity.WARNING)
    assert github_annotation(diagnostic) == (
        "::warning file=manual/a.md,line=7,title=sqms::review is overdue"
    )


def test_no_line() -> None:
    diagnostic = Diagnostic("data/datasets.yml", None, "file not found")
    assert github_annotation(diagnostic) == (
        "::error file=data/datasets.yml,title=sqms::file not found"
    )


def test_escaping_of_message_and_properties() -> None:
    diagnostic = Diagnostic("data/a,b:c%.csv", 1, "100% wrong:\r\nsee, here")
    assert github_annotation(diagnostic) == (
        "::error file=data/a%2Cb%3Ac%25.csv,line=1,title=sqms::100%25 wrong:%0D%0Asee, here"
    )


def test_messages_follow_the_language() -> None:
    diagnostic = Diagnostic("data/t.csv", 3, "坏", row=2, column="c")
    with use_language("zh"):
        assert github_annotation(diagnostic) == (
            "::error file=data/t.csv,line=3,title=sqms::第 2 行，列 c：坏"
        )


@pytest.mark.parametrize(
    ("mode", "env", "expected"),
    [
        ("auto", {"GITHUB_ACTIONS": "true"}, True),
        ("auto", {"GITHUB_ACTIONS": "false"}, False),
        ("auto", {}, False),
        ("github", {}, True),
        ("none", {"GITHUB_ACTIONS": "true"}, False),
    ],
)
def test_when_annotations_are_wanted(mode: str, env: dict[str, str], expected: bool) -> None:
    assert annotations_wanted(mode, env) is expected


def test_check_in_github_actions(make_project: ProjectFactory) -> None:
    project = make_project(broken_files())
    result = CliRunner(env={"GITHUB_ACTIONS": "true"}).invoke(
        main, ["check", "--project", str(project)]
    )
    assert result.exit_code == 1
    # The title names the problem's code, so GitHub lists problems by kind.
    assert result.stdout.splitlines() == [
        "::error file=data/tickets.csv,line=3,title=sqms SQ337::"
        'row 2, column created_at: "yesterday" is not a date and time'
    ]
    assert (
        'data/tickets.csv:3: row 2, column created_at: "yesterday" is not a date and time'
        in result.stderr.splitlines()
    )


def test_no_annotations_outside_github_actions(make_project: ProjectFactory) -> None:
    project = make_project(broken_files())
    runner = CliRunner(env={"GITHUB_ACTIONS": None})
    result = runner.invoke(main, ["check", "--project", str(project)])
    assert result.exit_code == 1
    assert "::error" not in result.stdout
    forced = runner.invoke(main, ["check", "--annotations", "github", "--project", str(project)])
    assert forced.stdout.startswith("::error file=data/tickets.csv,line=3,")
    off = CliRunner(env={"GITHUB_ACTIONS": "true"}).invoke(
        main, ["check", "--annotations", "none", "--project", str(project)]
    )
    assert "::" not in off.stdout


def test_indicators_annotate_only_on_failure(make_project: ProjectFactory) -> None:
    runner = CliRunner(env={"GITHUB_ACTIONS": "true"})
    broken = runner.invoke(main, ["indicators", "--project", str(make_project(broken_files()))])
    assert broken.exit_code == 1
    assert broken.stdout.startswith("::error file=data/tickets.csv,line=3,")
    ok = runner.invoke(
        main, ["indicators", "--format", "csv", "--project", str(make_project(mini.files()))]
    )
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.startswith("indicator,period,")
