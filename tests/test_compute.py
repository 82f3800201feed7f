"""Every measure against values computed by hand on the mini project (tests/mini.py)."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from sqms.project import compute_results, load_project
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory


@pytest.fixture(params=["pandas", "duckdb"])
def results(request: pytest.FixtureRequest, make_project: ProjectFactory) -> pd.DataFrame:
    """The mini project's results, computed by each engine (``engine:`` in datasets.yml)."""
    files = mini.files()
    files["data/datasets.yml"] += f"engine: {{name: {request.param}}}\n"
    project = load_project(make_project(files))
    assert [d.format() for d in project.report] == []
    return compute_results(project)


def value(
    results: pd.DataFrame, indicator: str, period: str, dim: str = "", dim_value: str = ""
) -> pd.Series:
    rows = results[
        (results["indicator"] == indicator)
        & (results["period"] == period)
        & (results["dim"] == dim)
        & (results["dim_value"] == dim_value)
    ]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_count_per_month_in_local_time(results: pd.DataFrame) -> None:
    # Ticket 6 (1 Feb 07:00 Shanghai = 31 Jan 23:00 UTC) belongs to February.
    assert value(results, "volume", "2026-01")["value"] == 5
    assert value(results, "volume", "2026-02")["value"] == 2


def test_share_sums_numerators_and_denominators(results: pd.DataFrame) -> None:
    # January: waits 1, 3, 5, 2 (one missing, excluded by `among`): 3 of 4 within 3 h.
    jan = value(results, "fast", "2026-01")
    assert (jan["numerator"], jan["denominator"], jan["value"]) == (3, 4, 0.75)
    # By channel: chat 2 of 2, email 1 of 2 (not the mean of the two shares).
    assert value(results, "fast", "2026-01", "channel", "chat")["value"] == 1.0
    assert value(results, "fast", "2026-01", "channel", "email")["value"] == 0.5


def test_share_carries_a_wilson_interval(results: pd.DataFrame) -> None:
    # Wilson 95% for 3/4: centre (0.75 + 1.96²/8)/(1 + 1.96²/4) = 0.62753,
    # half-width 1.96·sqrt(0.75·0.25/4 + 1.96²/64)/(1 + 1.96²/4) = 0.32689.
    jan = value(results, "fast", "2026-01")
    assert jan["ci_low"] == pytest.approx(0.30064, abs=1e-5)
    assert jan["ci_high"] == pytest.approx(0.95441, abs=1e-5)


def test_effective_dated_targets_and_status(results: pd.DataFrame) -> None:
    jan = value(results, "fast", "2026-01")
    assert (jan["target"], jan["warning"], jan["status"]) == (0.8, 0.7, "warning")
    feb = value(results, "fast", "2026-02")
    assert feb["target"] == 0.9  # the step in force from 1 February
    assert feb["status"] == "not_judged"  # n = 2 < min_n = 3


def test_sum_mean_median_and_nearest_rank_quantile(results: pd.DataFrame) -> None:
    assert value(results, "wait_sum", "2026-01")["value"] == 11
    jan_mean = value(results, "wait_mean", "2026-01")
    assert (jan_mean["value"], jan_mean["n"]) == (2.75, 4)
    assert jan_mean["status"] == "misses"  # lower is better, target 2
    # Sorted January waits 1, 2, 3, 5: the median of an even n is the mean of the
    # two middle values, (2 + 3) ÷ 2 = 2.5 (not the lower middle value 2, which
    # the nearest rank gave); p90 = rank ceil(0.9·4) = 4th = 5. February 4, 8:
    # median (4 + 8) ÷ 2 = 6 (was the lower middle value 4), p90 8.
    assert value(results, "wait_median", "2026-01")["value"] == 2.5
    assert value(results, "wait_p90", "2026-01")["value"] == 5
    assert value(results, "wait_median", "2026-02")["value"] == 6
    assert value(results, "wait_p90", "2026-02")["value"] == 8


def test_nps(results: pd.DataFrame) -> None:
    # January scores 10, 9, 6, 7: 2 promoters, 1 detractor of 4 → +25.
    assert value(results, "recommend", "2026-01")["value"] == 25
    # February 0, 10: one of each → 0.
    assert value(results, "recommend", "2026-02")["value"] == 0


def test_cross_dataset_ratio(results: pd.DataFrame) -> None:
    # 2 complaints over 5 tickets in January, 1 over 2 in February, per 1,000.
    assert value(results, "complaints_per_1000", "2026-01")["value"] == 400
    assert value(results, "complaints_per_1000", "2026-02")["value"] == 500
    assert value(results, "complaints_per_1000", "2026-01", "channel", "email")[
        "value"
    ] == pytest.approx(1000 / 3)


def test_churn(results: pd.DataFrame) -> None:
    # January: A, B, E active at the start (D left on 31 Dec, C not yet a customer);
    # B and E lost in January → 2/3. February: A and C active; C lost → 1/2.
    jan = value(results, "churn", "2026-01")
    assert (jan["numerator"], jan["denominator"]) == (2, 3)
    feb = value(results, "churn", "2026-02")
    assert (feb["numerator"], feb["denominator"]) == (1, 2)


def test_composite_shortfall_index(results: pd.DataFrame) -> None:
    # January: fast 0.75 vs 0.8 → 6.25% short; mean wait 2.75 vs 2 → 37.5% short.
    # Weighted 1 and 3: (6.25 + 3·37.5)/4 = 29.6875.
    assert value(results, "pain", "2026-01")["value"] == pytest.approx(29.6875)
    # February: both 100% short (capped) → 100.
    assert value(results, "pain", "2026-02")["value"] == pytest.approx(100)


def test_partial_period_flagged(results: pd.DataFrame) -> None:
    # The data ends on 10 February: February is not complete.
    assert not value(results, "volume", "2026-01")["partial"]
    assert value(results, "volume", "2026-02")["partial"]


def test_composite_is_partial_while_a_component_is(results: pd.DataFrame) -> None:
    """The index of a running month is not judged complete on incomplete parts."""
    assert not value(results, "pain", "2026-01")["partial"]
    assert value(results, "pain", "2026-02")["partial"]


def test_periods_follow_the_plan_time_zone(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/quality-plan.yml"] = edited(
        files["data/quality-plan.yml"], "  min_n: 3\n", "  min_n: 3\n  timezone: UTC\n"
    )
    results = compute_results(load_project(make_project(files)))
    # In UTC, ticket 6 was created on 31 January.
    assert value(results, "volume", "2026-01")["value"] == 6


def test_results_hold_no_row_level_data(results: pd.DataFrame) -> None:
    text = results.to_csv()
    assert "example.com" not in text
    assert not any(math.isinf(v) for v in results["value"].dropna())


def test_empty_dataset_gives_no_values_not_an_error(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/tickets.csv"] = "id,created_at,channel,wait_h,resolved,score,email\n"
    project = load_project(make_project(files))
    assert not project.report.has_errors
    results = compute_results(project)
    assert results[results["indicator"] == "volume"].empty


def test_project_root_is_a_path(make_project: ProjectFactory) -> None:
    root = make_project(mini.files())
    assert isinstance(load_project(root).root, Path)


@pytest.mark.parametrize("engine", ["pandas", "duckdb"])
def test_no_rows_in_any_file_gives_no_values(engine: str, make_project: ProjectFactory) -> None:
    # No row anywhere: no period to report on. Churn once failed here on a nameless empty table.
    files = mini.files()
    for name in ("data/tickets.csv", "data/complaints.csv", "data/customers.csv"):
        files[name] = files[name].strip().splitlines()[0] + "\n"
    files["data/datasets.yml"] += f"engine: {{name: {engine}}}\n"
    project = load_project(make_project(files))
    assert [d.format() for d in project.report.errors] == []
    results = compute_results(project)
    assert results[results["indicator"] == "churn"].empty
    assert results["value"].isna().all() or results.empty
