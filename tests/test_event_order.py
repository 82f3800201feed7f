"""A dataset's declared order of events: an error at the row, or rows excluded for every page.

A small desk in UTC with seven January tickets. Two break the order
``created_at ≤ first_response_at ≤ resolved_at``: T3 is answered an hour
before it was created, T5 is resolved before it was created (it has no first
response: the missing time is skipped, so its resolution is checked against
its creation). T6 has no first response either, but is in order.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from sqms.project import compute_results, load_project
from sqms.site.pages import cycle_page, indicator_page
from sqms.site.reporting import ReportData, build_report
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, line_of

DATASETS = """
timezone: UTC
datasets:
  tickets:
    file: tickets.csv
    key: id
    time: created_at
    as_of: 2026-02-28 00:00:00
    order: [created_at, first_response_at, resolved_at]
    out_of_order: exclude
    columns:
      id: string
      created_at: {type: datetime, required: true}
      first_response_at: datetime
      resolved_at: datetime
      closed_at: datetime
      channel: {type: category, values: [chat, email]}
    derive:
      first_response_h: {hours: [created_at, first_response_at]}
      resolution_h: {hours: [created_at, resolved_at]}
"""

TICKETS = """
id,created_at,first_response_at,resolved_at,closed_at,channel
T1,2026-01-05 09:00,2026-01-05 10:00,2026-01-05 15:00,2026-01-05 14:00,chat
T2,2026-01-06 09:00,2026-01-06 15:00,2026-01-07 09:00,,email
T3,2026-01-07 09:00,2026-01-07 08:00,2026-01-07 11:00,,chat
T4,2026-01-08 09:00,2026-01-08 12:00,2026-01-08 19:00,,chat
T5,2026-01-09 09:00,,2026-01-09 05:00,,email
T6,2026-01-12 09:00,,2026-01-12 13:00,,email
T7,2026-01-13 09:00,2026-01-13 09:30,2026-01-13 21:00,,chat
T8,2026-02-02 09:00,2026-02-02 10:00,2026-02-02 11:00,,chat
"""
# Hours (first response, resolution):
#   T1 (1, 6)   T2 (6, 24)   T3 (-1, 2)   T4 (3, 10)   T5 (—, -4)   T6 (—, 4)   T7 (0.5, 12)
# Without T3 and T5, January's first responses are 1, 6, 3, 0.5: 3 of 4 within 4 h
# (with T3's -1 it would be 4 of 5); resolutions 4, 6, 10, 12, 24: median 10
# (with T3 and T5, -4 2 4 6 10 12 24: median 6).
# T1 is closed at 14:00, an hour before it was resolved: closed_at is not in the order.

PLAN = """
defaults:
  period: month
  min_n: 1
indicators:
  within_4h:
    name: First response within 4 h
    family: service_level
    dataset: tickets
    measure: share
    where: first_response_h <= 4
    among: first_response_h is not null
    unit: percent
    target: 0.9
  resolution_median:
    name: Median resolution time
    family: efficiency
    dataset: tickets
    measure: median
    column: resolution_h
    unit: hours
    better: lower
service_cycle:
  dataset: tickets
  clock: wall
  stages:
    - {name: Waiting, from: created_at, to: first_response_at}
    - {name: In work, from: first_response_at, to: resolved_at}
    - {name: Closing, from: resolved_at, to: closed_at}
"""


def files(datasets: str = DATASETS, tickets: str = TICKETS) -> dict[str, str]:
    return {
        "data/datasets.yml": datasets,
        "data/quality-plan.yml": PLAN,
        "data/tickets.csv": tickets,
    }


def with_policy(policy: str | None) -> str:
    """The datasets declaration with ``out_of_order`` set to ``policy`` (None: left out)."""
    old = "    out_of_order: exclude\n"
    return edited(DATASETS, old, "" if policy is None else f"    out_of_order: {policy}\n")


def errors_of(root: Path) -> list[str]:
    return [d.format() for d in load_project(root, "data", None).report.errors]


def value(results: pd.DataFrame, indicator: str, period: str) -> pd.Series:
    rows = results[
        (results["indicator"] == indicator) & (results["period"] == period) & (results["dim"] == "")
    ]
    assert len(rows) == 1, rows
    return rows.iloc[0]


@pytest.fixture
def data(make_project: ProjectFactory) -> ReportData:
    project = load_project(make_project(files()), "data", None)
    assert [d.format() for d in project.report] == []
    assert project.plan is not None
    return build_report(project.plan, compute_results(project), project.catalog)


# --- out_of_order: error (the default) ------------------------------------------


@pytest.mark.parametrize("policy", [None, "error"])
def test_a_row_out_of_order_is_an_error_at_its_row_and_column(
    make_project: ProjectFactory, policy: str | None
) -> None:
    root = make_project(files(with_policy(policy)))
    result = CliRunner().invoke(main, ["check", "--project", str(root)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert (
        "data/tickets.csv:4: row 3, column first_response_at: "
        "first_response_at is before created_at (2026-01-07 08:00:00 < 2026-01-07 09:00:00)"
    ) in lines
    # No first response: the resolution is checked against the creation.
    assert (
        "data/tickets.csv:6: row 5, column resolved_at: "
        "resolved_at is before created_at (2026-01-09 05:00:00 < 2026-01-09 09:00:00)"
    ) in lines
    assert lines[-1] == "2 errors, 0 warnings"


def test_a_missing_time_in_the_middle_is_skipped(make_project: ProjectFactory) -> None:
    # T6 has no first response and is resolved after it was created: in order.
    # Dropping T3 and T5 leaves a file in order, with T2 and T6 missing the middle time.
    kept = [line for line in TICKETS.splitlines() if not line.startswith(("T3,", "T5,"))]
    tickets = "\n".join(kept) + "\n"
    assert ",,2026-01-12 13:00" in tickets and ",,2026-01-09 05:00" not in tickets
    assert errors_of(make_project(files(with_policy("error"), tickets))) == []


def test_a_missing_first_time_is_skipped(make_project: ProjectFactory) -> None:
    datasets = with_policy("error")
    old = "created_at: {type: datetime, required: true}"
    datasets = edited(datasets, old, "created_at: datetime")
    tickets = "id,created_at,first_response_at,resolved_at,closed_at,channel\n"
    tickets += "T1,,2026-01-05 10:00,2026-01-05 09:00,,chat\n"  # resolved before answered
    tickets += "T2,,,2026-01-05 09:00,,chat\n"
    assert errors_of(make_project(files(datasets, tickets))) == [
        "data/tickets.csv:2: row 1, column resolved_at: resolved_at is before first_response_at "
        "(2026-01-05 09:00:00 < 2026-01-05 10:00:00)"
    ]


def test_five_examples_per_pair_then_a_count(make_project: ProjectFactory) -> None:
    tickets = "id,created_at,first_response_at,resolved_at,closed_at,channel\n"
    tickets += "".join(f"T{i},2026-01-0{i} 09:00,2026-01-0{i} 08:00,,,chat\n" for i in range(1, 9))
    errors = errors_of(make_project(files(with_policy("error"), tickets)))
    assert len(errors) == 6
    assert errors[-1] == (
        "data/tickets.csv:7: row 6, column first_response_at: ... and 3 more rows with this problem"
    )


def test_a_personal_time_is_not_quoted(make_project: ProjectFactory) -> None:
    datasets = with_policy("error")
    old = "      created_at: {type: datetime, required: true}\n"
    datasets = edited(datasets, old, "      created_at: {type: datetime, pii: true}\n")
    errors = errors_of(make_project(files(datasets)))
    assert (
        "data/tickets.csv:4: row 3, column first_response_at: first_response_at is before "
        "created_at (2026-01-07 08:00:00 < (personal data, not shown))"
    ) in errors
    assert not any("09:00:00" in error for error in errors)


def test_dates_and_times_mixed_compare_by_local_day(make_project: ProjectFactory) -> None:
    datasets = with_policy("error")
    old = "      closed_at: datetime\n"
    datasets = edited(datasets, old, "      closed_at: date\n")
    old = "order: [created_at, first_response_at, resolved_at]"
    datasets = edited(datasets, old, "order: [created_at, closed_at]")
    tickets = "id,created_at,first_response_at,resolved_at,closed_at,channel\n"
    tickets += "T1,2026-01-05 09:00,,,2026-01-05,chat\n"  # closed the day it was created
    tickets += "T2,2026-01-05 09:00,,,2026-01-04,chat\n"  # closed the day before
    assert errors_of(make_project(files(datasets, tickets))) == [
        "data/tickets.csv:3: row 2, column closed_at: closed_at is before created_at "
        "(2026-01-04 < 2026-01-05 09:00:00)"
    ]


# --- the declaration --------------------------------------------------------------


def test_order_names_declared_time_columns_once(make_project: ProjectFactory) -> None:
    old = "    order: [created_at, first_response_at, resolved_at]\n"
    block = "    order:\n      - created_at\n      - channel\n      - nope\n      - created_at\n"
    datasets = edited(DATASETS, old, block)
    errors = errors_of(make_project(files(datasets)))
    yml = "data/datasets.yml"
    assert errors == [
        f'{yml}:{line_of(datasets, "- channel")}: column "channel" must be a datetime or date',
        f'{yml}:{line_of(datasets, "- nope")}: column "nope" is not declared',
        f"{yml}:{line_of(datasets, '- created_at', 2)}: "
        'column "created_at" is listed more than once in order',
    ]


def test_order_needs_two_columns(make_project: ProjectFactory) -> None:
    old = "order: [created_at, first_response_at, resolved_at]"
    datasets = edited(DATASETS, old, "order: [created_at]")
    assert errors_of(make_project(files(datasets))) == [
        f"data/datasets.yml:{line_of(datasets, 'order:')}: order lists the time columns in "
        "the order a row's events happen: name at least two"
    ]


def test_a_policy_needs_an_order(make_project: ProjectFactory) -> None:
    old = "    order: [created_at, first_response_at, resolved_at]\n"
    datasets = edited(DATASETS, old, "")
    assert errors_of(make_project(files(datasets))) == [
        f"data/datasets.yml:{line_of(datasets, 'out_of_order:')}: out_of_order applies to "
        "the columns listed in order: declare order as well"
    ]


def test_an_unknown_policy_is_located(make_project: ProjectFactory) -> None:
    datasets = with_policy("drop")
    errors = errors_of(make_project(files(datasets)))
    assert len(errors) == 1
    assert errors[0].startswith(f"data/datasets.yml:{line_of(datasets, 'out_of_order:')}: ")
    assert "exclude" in errors[0]


# --- out_of_order: exclude ----------------------------------------------------------


def test_excluded_rows_are_gone_before_any_figure(make_project: ProjectFactory) -> None:
    project = load_project(make_project(files()), "data", None)
    assert project.catalog is not None
    tickets = project.catalog.datasets["tickets"]
    assert tickets.excluded_out_of_order == 2
    assert tickets.frame["id"].tolist() == ["T1", "T2", "T4", "T6", "T7", "T8"]
    assert tickets.frame.index.equals(pd.RangeIndex(6))
    # The export's time is the declared one; T3 and T5 are not in any figure.
    results = compute_results(project)
    share = value(results, "within_4h", "2026-01")
    assert (share["numerator"], share["denominator"], share["value"]) == (3, 4, 0.75)
    median = value(results, "resolution_median", "2026-01")
    assert (median["value"], median["n"]) == (10.0, 5)


def test_without_exclusion_the_figures_would_differ(make_project: ProjectFactory) -> None:
    """The same tickets without an order: T3's answer counts as within 4 h, the median drops."""
    datasets = with_policy(None)
    old = "    order: [created_at, first_response_at, resolved_at]\n"
    project = load_project(make_project(files(edited(datasets, old, ""))), "data", None)
    results = compute_results(project)
    share = value(results, "within_4h", "2026-01")
    assert (share["numerator"], share["denominator"]) == (4, 5)
    assert value(results, "resolution_median", "2026-01")["value"] == 6.0


SENTENCE = (
    "2 rows of <code>tickets</code> whose events are out of order "
    "(order: created_at ≤ first_response_at ≤ resolved_at) are excluded, "
    "as data/datasets.yml declares."
)


@pytest.mark.parametrize("indicator", ["within_4h", "resolution_median"])
def test_the_indicator_page_says_which_rows_are_excluded(data: ReportData, indicator: str) -> None:
    assert data.excluded["tickets"].rows == 2
    page = indicator_page(data, indicator).markdown
    assert page.count(SENTENCE) == 1
    source = next(line for line in page.splitlines() if line.startswith("| Data source |"))
    assert SENTENCE in source


def test_the_cycle_page_says_the_same_and_counts_a_stage_run_backwards(data: ReportData) -> None:
    page = cycle_page(data)
    assert page is not None
    assert page.markdown.count(SENTENCE) == 1
    # T1 is closed before it was resolved; closed_at is not in the order: counted, not hidden.
    assert data.cycle is not None and data.cycle.negative == {"Closing": 1}
    assert (
        "1 item is left out of the stage Closing, which ends before it starts for it "
        "(<code>closed_at</code> is before <code>resolved_at</code>)"
    ) in page.markdown


def test_the_cycle_sees_the_tickets_the_indicators_see(data: ReportData) -> None:
    assert data.cycle is not None
    table = data.cycle.table
    jan = table[(table["period"] == "2026-01") & (table["dim"] == "")].set_index("stage")
    # Waiting: T1 1, T2 6, T4 3, T7 0.5 — the four first responses of `within_4h`.
    assert jan.loc["Waiting", "n"] == 4
    # Closing: T1's only closure runs backwards, so January has no closing stage.
    assert "Closing" not in jan.index


def test_nothing_excluded_nothing_said(make_project: ProjectFactory) -> None:
    kept = [line for line in TICKETS.splitlines() if not line.startswith(("T3,", "T5,"))]
    project = load_project(make_project(files(tickets="\n".join(kept) + "\n")), "data", None)
    assert project.plan is not None and project.catalog is not None
    assert project.catalog.datasets["tickets"].out_of_order is None
    data = build_report(project.plan, compute_results(project), project.catalog)
    assert data.excluded == {}
    assert "out of order" not in indicator_page(data, "within_4h").markdown
    cycle = cycle_page(data)
    assert cycle is not None and "out of order" not in cycle.markdown
