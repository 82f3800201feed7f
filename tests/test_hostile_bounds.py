"""One YAML value must not blow up the work or memory of a build: each is bounded at its line.

A pull request's YAML is untrusted and CI builds it, so a renewal interval of a
million years, a survey scale of three billion points or a reporting window of
ten centuries is refused by ``sqms check`` with a located message, not a crash.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from tests import mini
from tests import test_registers_actions as actions_tests
from tests import test_registers_complaints as complaints_tests
from tests import test_registers_feedback as feedback_tests
from tests import test_registers_training as training_tests
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, line_of, write_project

PLAN = "data/quality-plan.yml"
REGISTERS = "data/registers.yml"
TRAINING = "data/registers/training.yml"
ACTIONS = actions_tests.ACTIONS


def check(root: Path) -> list[str]:
    """``sqms check`` on ``root``: it must fail cleanly; the lines it prints."""
    result = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit), result.exception
    return result.output.splitlines()


def test_training_renewal_interval_is_at_most_ten_years(make_project: ProjectFactory) -> None:
    training = edited(training_tests.TRAINING, "renew_every: 12 months", "renew_every: 99999 years")
    line = line_of(training, "renew_every: 99999 years")
    expected = f'{TRAINING}:{line}: courses[1].renew_every: "99999 years" is longer than 10 years'
    assert expected in check(make_project(training_tests.files(training)))


def test_training_dates_are_in_plausible_years(make_project: ProjectFactory) -> None:
    training = edited(training_tests.TRAINING, "C1, date: 2026-02-01", "C1, date: 9999-02-01")
    line = line_of(training, "date: 9999-02-01")
    expected = f"{TRAINING}:{line}: records[0].date: 9999-02-01 is outside the years 1900 to 2200"
    assert expected in check(make_project(training_tests.files(training)))


def test_feedback_scale_spans_at_most_100_points(tmp_path: Path) -> None:
    registers = edited(feedback_tests.REGISTERS, "scale: [1, 5]", "scale: [1, 3000000000]")
    root = write_project(tmp_path, feedback_tests.files(registers=registers))
    line = line_of(registers, "scale: [1, 3000000000]")
    expected = f"{REGISTERS}:{line}: feedback.scores.csat.scale: [1, 3000000000] spans more than 100 points"
    assert expected in check(root)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "within_hours: 24",
            "within_hours: 100000",
            "complaints.acknowledge.within_hours: must be at most 87,840, got 100000.0",
        ),
        (
            "within_hours: 24",
            "within_hours: .nan",
            "complaints.acknowledge.within_hours: must be at most 87,840, got nan",
        ),
        (
            "within_days: {high: 10, low: 15}",
            "within_days: {high: 10, low: 5000}",
            "complaints.resolve.within_days: must be at most 3,660, got 5000.0",
        ),
        (
            "within_days: 30",
            "within_days: 1000000",
            "complaints.repeat.within_days: must be at most 3,660, got 1000000",
        ),
        (
            "  rate:",
            "  age_days: [7, 30, 100000000]\n  rate:",
            "complaints.age_days: must be at most 3,660, got 100000000",
        ),
    ],
)
def test_complaint_targets_and_windows_are_bounded(
    make_project: ProjectFactory, old: str, new: str, message: str
) -> None:
    registers = edited(complaints_tests.REGISTERS, old, new)
    line = line_of(registers, new.strip().split("\n")[0])
    root = make_project(complaints_tests.files(registers=registers))
    assert f"{REGISTERS}:{line}: {message}" in check(root)


@pytest.mark.parametrize(
    ("start", "fragment", "message"),
    [
        ("1800-01-01", "start:", "reporting.start: 1800-01-01 is outside the years 1900 to 2200"),
        (
            "1950-01-01",
            "reporting:",
            "reporting: the reporting window 1950-01-01 to 2026-12-31 is longer than 50 years",
        ),
    ],
)
def test_reporting_window_is_bounded(
    make_project: ProjectFactory, start: str, fragment: str, message: str
) -> None:
    reporting = f"reporting:\n  start: {start}\n  end: 2026-12-31\ndefaults:\n"
    plan = edited(mini.PLAN, "defaults:\n", reporting)
    line = line_of(plan, fragment)
    assert f"{PLAN}:{line}: {message}" in check(make_project({**mini.files(), PLAN: plan}))


def test_reporting_window_of_exactly_fifty_years_is_allowed(make_project: ProjectFactory) -> None:
    reporting = "reporting:\n  start: 2000-02-29\n  end: 2050-02-28\ndefaults:\n"
    plan = edited(mini.PLAN, "defaults:\n", reporting)
    root = make_project({**mini.files(), PLAN: plan})
    result = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("windows", "message"),
    [
        (
            "baseline: 2000-01..2010-01, follow_up: 2026-02",
            'actions[0].effectiveness.baseline: "2000-01..2010-01" is longer than 10 years',
        ),
        (
            "baseline: 2026-01, follow_up: 2026-W05..2036-W05",
            'actions[0].effectiveness.follow_up: "2026-W05..2036-W05" is longer than 10 years',
        ),
        (
            "baseline: 0001-01, follow_up: 2026-02",
            "actions[0].effectiveness.baseline: 0001-01 is outside the years 1900 to 2200",
        ),
        (
            "baseline: 2000-01..2009-12, follow_up: 2020-01..2029-12",
            'actions[0].effectiveness: baseline "2000-01..2009-12" and follow-up'
            ' "2020-01..2029-12" together span more than 20 years',
        ),
    ],
)
def test_effectiveness_windows_are_bounded(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, windows: str, message: str
) -> None:
    text = edited(actions_tests.CLOSED_UNCHECKED, "baseline: 2026-01, follow_up: 2026-02", windows)
    line = line_of(text, windows)
    root = actions_tests.write(make_project, text, monkeypatch)
    assert f"{ACTIONS}:{line}: {message}" in check(root)


def test_action_dates_are_in_plausible_years(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first action (ACT-2026-001, owned by the Service Desk Manager) opened in 1066.
    text = edited(
        actions_tests.CLOSED_UNCHECKED,
        "opened: 2026-01-10\n    owner: Service Desk Manager",
        "opened: 1066-10-14\n    owner: Service Desk Manager",
    )
    line = line_of(text, "opened: 1066-10-14")
    root = actions_tests.write(make_project, text, monkeypatch)
    expected = f"{ACTIONS}:{line}: actions[0].opened: 1066-10-14 is outside the years 1900 to 2200"
    assert expected in check(root)
