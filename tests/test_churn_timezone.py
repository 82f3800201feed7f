"""Churn counts a customer in the period of the plan's time zone, also when start and end are times.

Hand-computed on four customers of a Berlin service, around midnight and
across the change to summer time (29 March 2026):

- C1 joined 1 January and left at 00:30 on 1 April, Berlin time (22:30 UTC
  on 31 March): lost in April, not in March.
- C2 joined 1 January and stays.
- C3 joined at 00:30 on 1 March, Berlin time (23:30 UTC on 28 February):
  not yet a customer at the start of March.
- C4 joined 1 January and left at 23:30 on 31 March, Berlin time (21:30 UTC,
  summer time): lost in March.

March: active at its start C1, C2, C4 (2); C3 joined on its first day. Lost
in March: C4. Churn 1 ÷ 3.
April: active at its start C1, C2, C3 (C4 left in March): 3. Lost in April:
C1. Churn 1 ÷ 3.

Taken at their UTC dates instead, C1 would be lost in March and C3 active at
its start: March 2 ÷ 4, April 0 ÷ 2.
"""

from __future__ import annotations

import pandas as pd

from sqms.project import compute_results, load_project
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory

CUSTOMERS = """
customer,start,end
C1,2026-01-01 09:00:00,2026-04-01 00:30:00
C2,2026-01-01 09:00:00,
C3,2026-03-01 00:30:00,
C4,2026-01-01 09:00:00,2026-03-31 23:30:00
"""


def test_churn_is_counted_by_local_dates_across_a_dst_change(
    make_project: ProjectFactory,
) -> None:
    files = mini.files()
    datasets = files["data/datasets.yml"]
    for old, new in (
        ("timezone: Asia/Shanghai", "timezone: Europe/Berlin"),
        ("      start: date\n      end: date", "      start: datetime\n      end: datetime"),
    ):
        datasets = edited(datasets, old, new)
    files["data/datasets.yml"] = datasets
    files["data/customers.csv"] = CUSTOMERS
    plan = files["data/quality-plan.yml"]
    # The plan names no time zone of its own: periods follow the datasets' (Berlin).
    assert "timezone" not in plan and "Asia/Shanghai" not in plan
    assert plan.startswith("\ndefaults:") or plan.startswith("defaults:")
    files["data/quality-plan.yml"] = (
        "reporting: {start: 2026-01-01, end: 2026-04-30}\n" + plan.lstrip("\n")
    )
    project = load_project(make_project(files))
    assert project.ok, [d.format() for d in project.report]
    results = compute_results(project)
    churn = results[(results["indicator"] == "churn") & (results["dim"] == "")]
    by_period = churn.set_index("period")[["numerator", "denominator"]]
    assert by_period.loc["2026-03"].tolist() == [1, 3]
    assert by_period.loc["2026-04"].tolist() == [1, 3]
    assert pd.Series(churn.set_index("period")["value"]).loc["2026-03"] == 1 / 3
