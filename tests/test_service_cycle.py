"""The service cycle: stage durations per period and breakdown, checked by hand.

A desk open Monday to Friday 09:00-17:00 (UTC), four tickets and a status
history. Every median and p90 below is worked out in the comments (median:
the middle value, or the mean of the two middle values for an even n; p90:
nearest rank, the ⌈0.9·n⌉-th smallest value).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sqms.engine.service_cycle import COLUMNS, CycleResult, compute_cycle
from sqms.project import load_project
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, line_of

DATASETS = """
timezone: UTC
calendars:
  desk:
    timezone: UTC
    hours: {mon-fri: "09:00-17:00"}
datasets:
  tickets:
    file: tickets.csv
    key: id
    time: created_at
    as_of: 2026-02-10 12:00:00
    columns:
      id: string
      created_at: datetime
      first_response_at: datetime
      resolved_at: datetime
      closed_at: datetime
      channel: {type: category, values: [chat, email]}
      status: string
      email: {type: string, pii: true}
  changes:
    file: changes.csv
    time: changed_at
    columns:
      ticket: string
      changed_at: datetime
      status: string
"""

# 2026-01-05 is a Monday. Business hours per stage are in the comments.
TICKETS = """
id,created_at,first_response_at,resolved_at,closed_at,channel,status,email
T1,2026-01-05 09:00,2026-01-05 10:00,2026-01-05 15:00,2026-01-06 09:00,chat,closed,a@example.com
T2,2026-01-05 16:00,2026-01-06 10:00,2026-01-06 12:00,,email,resolved,b@example.com
T3,2026-01-07 09:00,2026-01-07 09:30,2026-01-09 09:00,2026-01-09 11:00,chat,closed,c@example.com
T4,2026-02-02 09:00,2026-02-02 13:00,2026-02-02 14:00,2026-02-02 15:00,chat,closed,d@example.com
T5,2026-01-08 09:00,,,,chat,cancelled,e@example.com
"""
# T1: waiting 1, in work 5, closing 2 (15-17, then closed at 09:00); wall closing 18 h.
# T2: waiting 2 (16-17, 09-10), in work 2, never closed.
# T3: waiting 0.5, in work 15.5 (7.5 + 8 + 0), closing 2.
# T4 (February): waiting 4, in work 1, closing 1.

CHANGES = """
ticket,changed_at,status
T1,2026-01-05 09:00,new
T1,2026-01-05 10:00,open
T1,2026-01-05 12:00,waiting
T1,2026-01-05 14:00,open
T1,2026-01-05 15:00,resolved
T3,2026-01-07 09:00,new
T3,2026-01-07 09:30,open
T3,2026-01-08 09:00,waiting
T3,2026-01-08 13:00,open
T3,2026-01-09 09:00,resolved
"""
# T1: new 1, open 2 + 1 = 3, waiting 2.   T3: new 0.5, open 7.5 + 4 = 11.5, waiting 4.

PLAN = """
indicators:
  volume: {name: Tickets, family: efficiency, dataset: tickets, measure: count}
service_cycle:
  dataset: tickets
  where: status != "cancelled"
  by: [channel]
  calendar: desk
  stages:
    - {name: Waiting, from: created_at, to: first_response_at}
    - {name: In work, from: first_response_at, to: resolved_at}
    - {name: Closing, from: resolved_at, to: closed_at}
    - {name: Closing (wall), from: resolved_at, to: closed_at, clock: wall}
  history:
    dataset: changes
    key: ticket
    time: changed_at
    status: status
"""


def files(plan: str = PLAN, datasets: str = DATASETS) -> dict[str, str]:
    return {
        "data/datasets.yml": datasets,
        "data/quality-plan.yml": plan,
        "data/tickets.csv": TICKETS,
        "data/changes.csv": CHANGES,
    }


def cycle_of(root: Path) -> CycleResult:
    project = load_project(root, "data", None)
    assert not project.report.errors, [d.format() for d in project.report.errors]
    assert project.plan is not None and project.plan.cycle is not None
    assert project.catalog is not None
    return compute_cycle(project.plan.cycle, project.catalog, project.plan.timezone)


@pytest.fixture
def cycle(make_project: ProjectFactory) -> CycleResult:
    return cycle_of(make_project(files()))


def row(cycle: CycleResult, stage: str, period: str, dim: str = "", value: str = "") -> pd.Series:
    table = cycle.table
    found = table[(table["stage"] == stage) & (table["period"] == period)
                  & (table["dim"] == dim) & (table["dim_value"] == value)]  # fmt: skip
    assert len(found) == 1, (stage, period, dim, value)
    return found.iloc[0]


@pytest.mark.parametrize(
    ("stage", "n", "median", "p90"),
    [
        ("Waiting", 3, 1.0, 2.0),  # [0.5, 1, 2]: 2nd and 3rd smallest
        ("In work", 3, 5.0, 15.5),  # [2, 5, 15.5]
        ("Closing", 2, 2.0, 2.0),  # T2 never closed: not counted
        # [2, 18] wall-clock hours: median (2 + 18) ÷ 2 = 10 (the lower middle value 2
        # before medians averaged the two middle values), p90 ⌈1.8⌉ = 2nd smallest.
        ("Closing (wall)", 2, 10.0, 18.0),
    ],
)
def test_stage_median_and_p90_per_period(
    cycle: CycleResult, stage: str, n: int, median: float, p90: float
) -> None:
    found = row(cycle, stage, "2026-01")
    assert found["n"] == n
    assert found["median"] == pytest.approx(median)
    assert found["p90"] == pytest.approx(p90)


def test_breakdown_and_partial_period(cycle: CycleResult) -> None:
    chat = row(cycle, "Waiting", "2026-01", "channel", "chat")
    # [0.5, 1]: median (0.5 + 1) ÷ 2 = 0.75 (was the lower middle value 0.5).
    assert (chat["n"], chat["median"], chat["p90"]) == (2, 0.75, 1.0)
    email = row(cycle, "In work", "2026-01", "channel", "email")
    assert (email["n"], email["median"]) == (1, 2.0)
    february = row(cycle, "Waiting", "2026-02")
    assert february["partial"] and not row(cycle, "Waiting", "2026-01")["partial"]
    assert february["median"] == pytest.approx(4.0)
    assert cycle.clocks == {"Waiting": "business", "In work": "business", "Closing": "business",
                            "Closing (wall)": "wall", "new": "business", "open": "business",
                            "waiting": "business", "resolved": "business"}  # fmt: skip


def test_status_history_adds_up_visits(cycle: CycleResult) -> None:
    assert cycle.stages["statuses"] == ["new", "open", "waiting", "resolved"]
    # Two items each, so each median is the mean of both values (it was the
    # lower one): new [0.5, 1] → 0.75, open [3, 11.5] → 7.25, waiting [2, 4] → 3.
    assert (row(cycle, "new", "2026-01")[["median", "p90"]] == [0.75, 1.0]).all()
    opened = row(cycle, "open", "2026-01")
    assert (opened["n"], opened["median"], opened["p90"]) == (2, 7.25, 11.5)
    waiting = row(cycle, "waiting", "2026-01")
    assert (waiting["median"], waiting["p90"]) == (3.0, 4.0)
    assert row(cycle, "waiting", "2026-01", "channel", "chat")["n"] == 2
    statuses = cycle.table[cycle.table["view"] == "statuses"]
    assert "resolved" not in set(statuses["stage"]), "the last status has no end"


def test_only_aggregates_leave_the_module(cycle: CycleResult) -> None:
    assert list(cycle.table.columns) == COLUMNS
    assert "T1" not in cycle.table.to_string()
    histogram = cycle.histograms["Waiting"]
    assert histogram.period == "2026-01" and histogram.n == 3
    assert int(histogram.bins["count"].sum()) == 3


def test_declared_statuses_choose_and_order(make_project: ProjectFactory) -> None:
    plan = PLAN + "    statuses: [waiting, open]\n"
    cycle = cycle_of(make_project(files(plan)))
    assert cycle.stages["statuses"] == ["waiting", "open"]
    assert set(cycle.table.loc[cycle.table["view"] == "statuses", "stage"]) == {"waiting", "open"}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "to: first_response_at}",
            "to: first_respons_at}",
            'unknown column "first_respons_at" (did you mean "first_response_at"?)',
        ),
        (
            "  calendar: desk\n",
            "  calendar: dsk\n",
            'unknown calendar "dsk" (did you mean "desk"?)',
        ),
        ("  calendar: desk\n", "", "business-hour stages need a calendar (clock: business)"),
        (
            "  by: [channel]\n",
            "  by: [chanel]\n",
            'unknown column "chanel" (did you mean "channel"?)',
        ),
        (
            "    status: status\n",
            "    status: state\n",
            'unknown column "state" (did you mean "status"?)',
        ),
        (
            '  where: status != "cancelled"\n',
            '  where: staus != "cancelled"\n',
            'unknown column "staus"',
        ),
    ],
)
def test_plan_checks_the_service_cycle(
    make_project: ProjectFactory, old: str, new: str, message: str
) -> None:
    plan = edited(PLAN, old, new)
    project = load_project(make_project(files(plan)), "data", None)
    errors = [d.format() for d in project.report.errors]
    assert errors and all(message in e for e in errors), errors
    assert errors[0].startswith("data/quality-plan.yml:")
    assert project.plan is not None and project.plan.cycle is None


def test_status_history_needs_the_items_key(make_project: ProjectFactory) -> None:
    datasets = edited(DATASETS, "    key: id\n", "")
    project = load_project(make_project(files(datasets=datasets)), "data", None)
    errors = [d.format() for d in project.report.errors]
    expected = 'a status history needs the key of dataset "tickets": declare key on the dataset'
    assert errors == [f"data/quality-plan.yml:{line_of(PLAN, '  history:')}: {expected}"]


def test_a_cycle_needs_stages_or_a_history(make_project: ProjectFactory) -> None:
    plan = PLAN[: PLAN.index("  stages:")]
    project = load_project(make_project(files(plan)), "data", None)
    errors = [d.format() for d in project.report.errors]
    assert len(errors) == 1 and "needs stages, a status history, or both" in errors[0]
