"""The acknowledgement standard's boundary: exactly on the standard is within it.

QP-05 §2 asks for every complaint to be acknowledged within 9 business hours
of receipt (``acknowledge: within_hours: 9`` in ``data/registers.yml``). A
complaint acknowledged after exactly 9 hours meets the standard; one
acknowledged a minute later does not. The support calendar here is open
09:00–18:00 on weekdays, 9 hours a day, so the boundary falls on whole hours
and every count below is worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sqms.project import Project, load_project
from sqms.registers.complaints.register import ComplaintRegister
from sqms.registers.complaints.timing import complaint_timing
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, errors
from tests.support.registers import indicator_report, register_context

TODAY = dt.date(2026, 3, 20)
TIMEZONE = "Asia/Shanghai"

DATASETS = """
timezone: Asia/Shanghai
calendars:
  support:
    timezone: Asia/Shanghai
    hours:
      mon-fri: "09:00-18:00"
datasets:
  complaints:
    file: complaints.csv
    key: complaint_id
    time: received_at
    columns:
      complaint_id: {type: string, required: true}
      received_at: {type: datetime, required: true}
      acknowledged_at: datetime
    derive:
      acknowledge_bh:
        business_hours: [received_at, acknowledged_at]
        calendar: support
"""

# Local (Shanghai) times; 2026-03-02 is a Monday.
COMPLAINTS = """
complaint_id,received_at,acknowledged_at
A1,2026-03-02 09:00:00,2026-03-02 18:00:00
A2,2026-03-02 09:00:00,2026-03-03 09:01:00
A3,2026-03-04 13:00:00,2026-03-05 13:00:00
A4,2026-03-06 17:00:00,2026-03-09 17:01:00
W1,2026-03-10 10:00:00,2026-03-10 19:00:00
W2,2026-03-10 10:00:00,2026-03-10 19:01:00
"""
"""Business hours: A1 09:00–18:00 = 9 exactly; A2 9 h + 1 min (Tuesday 09:00–09:01);
A3 Wednesday 13:00–18:00 and Thursday 09:00–13:00 = 5 + 4 = 9 exactly; A4 Friday
17:00–18:00 and Monday 09:00–17:01 = 1 + 8 h 1 min, over the weekend. Wall-clock
hours: W1 10:00–19:00 = 9 exactly, W2 9 h + 1 min."""

PLAN = """
indicators:
  volume:
    name: Complaints
    family: quality
    dataset: complaints
    measure: count
    unit: count
"""

BUSINESS_HOURS = """
complaints:
  dataset: complaints
  acknowledge:
    within_hours: 9
    hours: acknowledge_bh
"""
"""The setup of QP-05: 9 business hours on the support calendar."""


def project(make_project: ProjectFactory, registers: str) -> Project:
    """The complaint project with the ``registers.yml`` given, loaded (without errors)."""
    root: Path = make_project(
        {
            "data/datasets.yml": DATASETS,
            "data/quality-plan.yml": PLAN,
            "data/complaints.csv": COMPLAINTS,
            "data/registers.yml": registers,
        }
    )
    loaded = load_project(root, "data", None)
    assert errors(loaded) == []
    return loaded


def within_by_id(loaded: Project) -> dict[str, bool]:
    """Whether each complaint was acknowledged within the standard, by id."""
    register = loaded.registers["complaints"]
    assert isinstance(register, ComplaintRegister)
    timing = complaint_timing(register, TIMEZONE, TODAY)
    assert timing.ack_judged.all(), "every complaint is acknowledged: every one is judged"
    ids = register.frame["complaint_id"].astype(str)
    return dict(zip(ids, timing.ack_within.astype(bool), strict=True))


def acknowledgement_line(loaded: Project) -> str:
    """The complaint page's sentence on acknowledgement against the standard."""
    context = register_context(loaded, indicator_report(loaded), today=TODAY)
    page = loaded.registers["complaints"].analyse(context).pages(context)[0].markdown
    [line] = [line for line in page.splitlines() if line.startswith("- Acknowledge within")]
    return line


def test_exactly_nine_business_hours_is_within_and_a_minute_more_is_not(
    make_project: ProjectFactory,
) -> None:
    loaded = project(make_project, BUSINESS_HOURS)
    register = loaded.registers["complaints"]
    assert isinstance(register, ComplaintRegister)
    minute = 1 / 60
    assert register.frame["acknowledge_bh"].tolist() == pytest.approx(
        [9, 9 + minute, 9, 9 + minute, 8, 8]
    )
    # W1 and W2 were acknowledged after the desk closed: 10:00-18:00 = 8 business hours.
    assert within_by_id(loaded) == {
        "A1": True, "A2": False, "A3": True, "A4": False, "W1": True, "W2": True,
    }  # fmt: skip
    assert acknowledgement_line(loaded) == (
        "- Acknowledge within **9 business hours** of receipt: 66.7% (4 of 6)."
    )


def test_exactly_nine_wall_clock_hours_is_within_and_a_minute_more_is_not(
    make_project: ProjectFactory,
) -> None:
    # Without an hours column the standard counts wall-clock hours, received to acknowledged:
    # A1 9 h, A2 24 h 1 min, A3 24 h, A4 72 h 1 min, W1 9 h, W2 9 h 1 min.
    loaded = project(make_project, edited(BUSINESS_HOURS, "    hours: acknowledge_bh\n", ""))
    assert within_by_id(loaded) == {
        "A1": True, "A2": False, "A3": False, "A4": False, "W1": True, "W2": False,
    }  # fmt: skip
    assert acknowledgement_line(loaded) == (
        "- Acknowledge within **9 hours** of receipt: 33.3% (2 of 6)."
    )
