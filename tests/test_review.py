"""The management review: periods, sections filled from the plan, missing inputs flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from sqms.cli.main import main
from sqms.engine.review_periods import latest_quarters, parse_period
from sqms.project import load_project
from sqms.publish.site import review_report
from sqms.review.sections import SECTION_MISSING, SECTION_SHORT, SECTION_TITLES, SECTIONS
from tests import mini
from tests.support.projects import ProjectFactory

PROCEDURE = """---
id: QP-01
title: Planning
type: procedure
version: "1.1"
status: approved
owner: Quality Manager
approved_by: Director
approved_on: 2026-01-20
effective_on: 2026-02-01
review_every: 12 months
---
# Planning
"""


def test_periods_are_years_quarters_and_months() -> None:
    quarter = parse_period("2026-Q1")
    assert quarter is not None
    assert (quarter.start, quarter.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert quarter.months() == ["2026-01", "2026-02", "2026-03"]
    assert quarter.previous().label == "2025-Q4"
    assert parse_period("2026-02").previous().label == "2026-01"  # type: ignore[union-attr]
    assert parse_period("2026").end == dt.date(2026, 12, 31)  # type: ignore[union-attr]
    assert parse_period("2026-Q5") is None and parse_period("26-01") is None


def test_only_complete_quarters_are_reviewed() -> None:
    # Data up to 31 October 2026: Q4 is not over, so Q3 is the latest.
    labels = [p.label for p in latest_quarters(dt.date(2026, 10, 31), 3)]
    assert labels == ["2026-Q3", "2026-Q2", "2026-Q1"]
    assert [p.label for p in latest_quarters(dt.date(2026, 9, 30), 1)] == ["2026-Q3"]
    assert latest_quarters(None, 4) == []


def _review(make_project: ProjectFactory, period: str) -> str:
    files = mini.files()
    files["manual/qp-01.md"] = PROCEDURE
    files["manual/index.md"] = "# Home\n"
    root = make_project(files)
    project = load_project(Path(root))
    assert project.ok, [d.format() for d in project.report]
    chosen = parse_period(period)
    assert chosen is not None
    return review_report(project, chosen)


def test_every_section_is_there_and_missing_inputs_are_flagged(
    make_project: ProjectFactory,
) -> None:
    page = _review(make_project, "2026-Q1")
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert len(headings) == len(SECTIONS)
    assert headings[0].startswith("## a) Status of actions")
    assert headings[-1] == "## Outputs: decisions and actions"
    # The mini project keeps no register: their sections say what would fill them.
    assert "keep the internal audit register" in page
    assert "keep the training register" in page
    assert page.count('!!! warning "No input"') == 7  # a, c1, c4, c6, c7, d, e


def test_plan_sections_hold_hand_counted_values(make_project: ProjectFactory) -> None:
    page = _review(make_project, "2026-Q1")
    # QP-01 1.1 took effect on 1 February 2026, inside the quarter.
    assert "[QP-01 Planning](../../qp-01.md) version 1.1 took effect on 2026-02-01" in page
    # `fast` changes target from 80% to 90% on 1 February 2026.
    assert "target changed from 80.0% to 90.0% on 2026-02-01" in page
    # `fast`: January 3 of 4 = 75.0%, a warning (target 80%, warning 70%). February is
    # not over in the data (the export ends on 10 February): not counted.
    line = next(r for r in page.splitlines() if r.startswith("| [Answered within 3 hours"))
    assert "| 0 / 1 | 75.0% | 75.0% (2026-01) | 80.0% | ▲ warning |" in line
    # OBJ-1 measures `fast` (warning) and `wait_mean`: (1 + 3 + 5 + 2) / 4 = 2.75 h against
    # a 2 h target, missed. None of the 2 judged met target in January.
    assert "OBJ-1 Fast answers: 0 of 2 indicators judged met target" in page


def test_a_period_without_changes_says_so(make_project: ProjectFactory) -> None:
    page = _review(make_project, "2025-Q3")
    assert "No document took effect and no target changed in 2025-Q3." in page


def test_review_command_writes_markdown_and_rejects_bad_periods(
    make_project: ProjectFactory,
) -> None:
    files = mini.files()
    root = make_project(files)
    runner = CliRunner()
    out = Path(root) / "review.md"
    done = runner.invoke(
        main, ["review", "--period", "2026-Q1", "--project", str(root), "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    assert out.read_text(encoding="utf-8").startswith("# Management review 2026-Q1")
    bad = runner.invoke(main, ["review", "--period", "2026-Q7", "--project", str(root)])
    assert bad.exit_code == 2
    assert 'period "2026-Q7" is not a year, quarter or month' in bad.output


def test_every_section_has_its_words() -> None:
    """Every section has a heading and a short name; every input says what would fill it."""
    assert list(SECTION_TITLES) == list(SECTIONS)
    assert list(SECTION_SHORT) == list(SECTIONS)
    assert list(SECTION_MISSING) == list(SECTIONS[:-1])
