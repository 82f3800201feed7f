"""Medians and quantiles an auditor can recompute by hand.

The median is the conventional one (the mean of the two middle values for an
even n, as a spreadsheet's MEDIAN); a quantile is the nearest rank (the
⌈q·n⌉-th smallest value, the default) or the linear interpolation of Excel's
PERCENTILE.INC. Every expected value below is worked out in the comments, and
the grouped computation is checked against numpy one group at a time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sqms.cli.main import main
from sqms.engine.distributions import histogram
from sqms.engine.measures import MEASURES, MeasureInput
from sqms.engine.quantiles import (
    grouped_median,
    grouped_quantile,
    median_of_sorted,
    order_by_group_and_value,
    quantile_of_sorted,
    runs,
)
from sqms.engine.service_cycle import compute_cycle
from sqms.i18n import use_language
from sqms.project import load_project
from sqms.schema.plan import Indicator
from sqms.site.pages.indicator import formula
from tests import mini
from tests.support.edits import with_edit
from tests.support.projects import ProjectFactory, line_of


def sorted_array(values: list[float]) -> np.ndarray:
    return np.sort(np.asarray(values, dtype="float64"))


# --- by hand ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "median"),
    [
        ([2, 4, 7, 9], 5.5),  # even n: (4 + 7) ÷ 2
        ([9, 2, 7, 4], 5.5),  # the order of the rows does not matter
        ([2, 4, 7], 4.0),  # odd n: the middle value
        ([5], 5.0),
        ([3, 3], 3.0),
        ([1, 2], 1.5),
        ([0.5, 1, 4, 0.2], 0.75),  # 0.2, 0.5, 1, 4 → (0.5 + 1) ÷ 2
    ],
)
def test_median_by_hand(values: list[float], median: float) -> None:
    assert median_of_sorted(sorted_array(values)) == median


def test_median_of_nothing_is_nan() -> None:
    assert np.isnan(median_of_sorted(sorted_array([])))
    assert np.isnan(quantile_of_sorted(sorted_array([]), 0.9, "linear"))


@pytest.mark.parametrize(
    ("values", "q", "nearest", "linear"),
    [
        # 1…10, p90: nearest rank ⌈0.9 × 10⌉ = 9th → 9 (a whole q·n is not rounded
        # up further); linear h = 9 × 0.9 = 8.1 → x[8] + 0.1 × (x[9] − x[8]) = 9.1.
        (list(range(1, 11)), 0.9, 9.0, 9.1),
        # 2, 4, 7, 9, p90: ⌈3.6⌉ = 4th → 9; h = 3 × 0.9 = 2.7 → 7 + 0.7 × 2 = 8.4.
        ([2, 4, 7, 9], 0.9, 9.0, 8.4),
        # p50: ⌈2⌉ = 2nd → 4, the lower middle value (not the median 5.5); linear
        # h = 1.5 → 4 + 0.5 × 3 = 5.5, which is the median.
        ([2, 4, 7, 9], 0.5, 4.0, 5.5),
        # p25: ⌈1⌉ = 1st → 2; h = 0.75 → 2 + 0.75 × 2 = 3.5.
        ([2, 4, 7, 9], 0.25, 2.0, 3.5),
        # p100: the largest either way.
        ([2, 4, 7, 9], 1.0, 9.0, 9.0),
        # p30 of 11 values: ⌈3.3⌉ = 4th → 40; h = 10 × 0.3 = 3 → x[3] = 40.
        ([0, 10, 20, 40, 50, 60, 70, 80, 90, 100, 110], 0.3, 40.0, 40.0),
        # One value: that value.
        ([7], 0.9, 7.0, 7.0),
    ],
)
def test_quantile_by_hand(values: list[float], q: float, nearest: float, linear: float) -> None:
    data = sorted_array(values)
    assert quantile_of_sorted(data, q, "nearest_rank") == nearest
    assert quantile_of_sorted(data, q, "linear") == pytest.approx(linear, abs=1e-12)


@pytest.mark.parametrize(
    ("q", "n", "position", "value"),
    [
        # 25 × 0.28 is 7.000000000000001 in floating point, 50 × 0.58 is
        # 28.999999999999996: by hand both are whole, so the value is exactly
        # x[7] = 70 and x[29] = 290 (numpy gives 70.00000000000001 and 289.99999999999994).
        (0.28, 26, 7, 70.0),
        (0.58, 51, 29, 290.0),
    ],
)
def test_a_whole_position_is_exactly_an_observed_value(
    q: float, n: int, position: int, value: float
) -> None:
    data = np.arange(n, dtype="float64") * 10
    assert (n - 1) * q != position  # floating point misses the whole number
    assert quantile_of_sorted(data, q, "linear") == data[position] == value


# --- against numpy --------------------------------------------------------------

samples = st.lists(st.integers(min_value=-1000, max_value=1000), min_size=1, max_size=80)
levels = st.sampled_from([0.01, 0.1, 0.25, 0.3, 0.5, 0.7, 0.75, 0.9, 0.95, 0.99, 1.0])


@given(samples, levels)
@settings(max_examples=200, deadline=None)
def test_methods_are_numpys(values: list[int], q: float) -> None:
    data = sorted_array([float(v) for v in values])
    # Nearest rank is numpy's inverted_cdf: the ⌈q·n⌉-th value, exactly.
    assert quantile_of_sorted(data, q, "nearest_rank") == np.quantile(
        data, q, method="inverted_cdf"
    )
    expected = float(np.quantile(data, q, method="linear"))
    assert quantile_of_sorted(data, q, "linear") == pytest.approx(expected, rel=1e-12, abs=1e-9)
    # Whole numbers: the mean of the two middle ones is exact, so exactly numpy's median.
    assert median_of_sorted(data) == np.median(data)


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=6), st.floats(-1e6, 1e6, width=32)),
        min_size=1,
        max_size=120,
    ),
    levels,
)
@settings(max_examples=150, deadline=None)
def test_all_groups_at_once_equal_one_group_at_a_time(
    rows: list[tuple[int, float]], q: float
) -> None:
    codes = np.array([code for code, _ in rows], dtype="int64")
    values = np.array([value for _, value in rows], dtype="float64")
    order = order_by_group_and_value(codes, values)
    starts, sizes = runs(codes[order])
    ordered = values[order]
    medians = grouped_median(ordered, starts, sizes)
    nearest = grouped_quantile(ordered, starts, sizes, q, "nearest_rank")
    linear = grouped_quantile(ordered, starts, sizes, q, "linear")
    assert list(codes[order][starts]) == sorted(set(codes.tolist()))
    for i, code in enumerate(codes[order][starts]):
        mine = np.sort(values[codes == code])
        assert sizes[i] == len(mine)
        assert medians[i] == median_of_sorted(mine)
        assert medians[i] == pytest.approx(float(np.median(mine)), rel=1e-12, abs=1e-9)
        assert nearest[i] == np.quantile(mine, q, method="inverted_cdf")
        assert linear[i] == pytest.approx(
            float(np.quantile(mine, q, method="linear")), rel=1e-12, abs=1e-6
        )


# --- the measures, grouped by period and breakdown --------------------------------

measure_rows = st.lists(
    st.tuples(
        st.sampled_from(["2026-01", "2026-02", "2026-03"]),
        st.sampled_from(["chat", "email", "phone"]),
        st.one_of(st.none(), st.integers(min_value=0, max_value=50)),
    ),
    min_size=1,
    max_size=80,
)


def measure_input(rows: Sequence[tuple[str, str, int | None]], **spec: object) -> MeasureInput:
    """Rows (month, channel, x) grouped by month and channel, every row used."""
    frame = pd.DataFrame(
        {
            "month": pd.Series([r[0] for r in rows], dtype="str"),
            "channel": pd.Series([r[1] for r in rows], dtype="str"),
            "x": pd.Series([np.nan if r[2] is None else r[2] for r in rows], dtype="float64"),
        }
    )
    indicator = Indicator.model_validate(
        {"name": "t", "family": "quality", "dataset": "d", "column": "x", **spec}
    )
    groups = frame[["channel"]].assign(_period=frame["month"])
    everything = pd.Series(True, index=frame.index, dtype="bool")
    return MeasureInput(indicator, frame, groups, ["_period", "channel"], everything, everything)


@given(measure_rows, levels)
@settings(max_examples=100, deadline=None)
def test_grouped_measures_equal_each_group_computed_alone(
    rows: list[tuple[str, str, int | None]], q: float
) -> None:
    median = MEASURES["median"](measure_input(rows, measure="median"))
    nearest = MEASURES["quantile"](measure_input(rows, measure="quantile", q=q))
    linear = MEASURES["quantile"](measure_input(rows, measure="quantile", q=q, method="linear"))
    frame = measure_input(rows, measure="median").frame.dropna(subset=["x"])
    found = frame.groupby(["month", "channel"])
    assert len(median) == len(nearest) == len(linear) == found.ngroups
    for (month, channel), group in found:
        data = np.sort(group["x"].to_numpy())
        key = (str(month), str(channel))
        assert median.loc[key, "value"] == np.median(data)
        assert median.loc[key, "n"] == len(data)
        assert nearest.loc[key, "value"] == np.quantile(data, q, method="inverted_cdf")
        assert linear.loc[key, "value"] == pytest.approx(
            float(np.quantile(data, q, method="linear")), rel=1e-12, abs=1e-9
        )


def test_a_month_of_58_values_has_the_conventional_median() -> None:
    # 58 values: 1², 2², …, 58², shuffled. The lower middle value (the 29th) is
    # 29² = 841; the median is the mean of the 29th and the 30th, (841 + 900) ÷ 2.
    values = np.random.default_rng(7).permutation(np.arange(1, 59) ** 2).tolist()
    rows = [("2026-03", "chat", int(v)) for v in values] + [("2026-04", "email", 5)]
    median = MEASURES["median"](measure_input(rows, measure="median"))
    assert median.loc[("2026-03", "chat"), "value"] == 870.5
    assert median.loc[("2026-03", "chat"), "n"] == 58
    assert median.loc[("2026-04", "email"), "value"] == 5
    nearest = MEASURES["quantile"](measure_input(rows, measure="quantile", q=0.5))
    assert nearest.loc[("2026-03", "chat"), "value"] == 841  # ⌈0.5 × 58⌉ = 29th


def test_the_default_method_is_the_nearest_rank() -> None:
    rows = [("2026-01", "chat", v) for v in (2, 4, 7, 9)]
    declared = MEASURES["quantile"](
        measure_input(rows, measure="quantile", q=0.9, method="nearest_rank")
    )
    default = MEASURES["quantile"](measure_input(rows, measure="quantile", q=0.9))
    linear = MEASURES["quantile"](measure_input(rows, measure="quantile", q=0.9, method="linear"))
    key = ("2026-01", "chat")
    assert default.loc[key, "value"] == 9  # ⌈3.6⌉ = 4th
    assert declared.loc[key, "value"] == 9
    assert linear.loc[key, "value"] == pytest.approx(8.4)  # 7 + 0.7 × (9 − 7)


def test_histogram_marks_the_median_and_the_p90_by_method() -> None:
    # 2, 4, 7, 9 hours: median (4 + 7) ÷ 2 = 5.5; p90 nearest rank ⌈3.6⌉ = 4th = 9,
    # linear 7 + 0.7 × (9 − 7) = 8.4.
    shown = histogram([9.0, 2.0, 7.0, 4.0], "2026-01")
    assert shown is not None
    assert (shown.n, shown.median, shown.p90) == (4, 5.5, 9.0)
    linear = histogram([9.0, 2.0, 7.0, 4.0], "2026-01", "linear")
    assert linear is not None
    assert linear.median == 5.5
    assert linear.p90 == pytest.approx(8.4)


# --- the service cycle --------------------------------------------------------------

CYCLE_DATASETS = """
timezone: UTC
datasets:
  tickets:
    file: tickets.csv
    key: id
    time: created_at
    columns:
      id: string
      created_at: datetime
      resolved_at: datetime
      channel: {type: category, values: [chat, email]}
"""

# Wall-clock hours to resolve: chat 2, 7, 9 and email 4 in January; chat 1, 3 in February.
CYCLE_TICKETS = """
id,created_at,resolved_at,channel
A,2026-01-05 09:00,2026-01-05 11:00,chat
B,2026-01-06 09:00,2026-01-06 13:00,email
C,2026-01-07 09:00,2026-01-07 16:00,chat
D,2026-01-08 09:00,2026-01-08 18:00,chat
E,2026-02-02 09:00,2026-02-02 10:00,chat
F,2026-02-03 09:00,2026-02-03 12:00,chat
"""

CYCLE_PLAN = """
indicators:
  volume: {name: Tickets, family: efficiency, dataset: tickets, measure: count}
service_cycle:
  dataset: tickets
  by: [channel]
  clock: wall
  stages:
    - {name: Resolving, from: created_at, to: resolved_at}
"""


def test_service_cycle_median_of_an_even_n(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "data/datasets.yml": CYCLE_DATASETS,
            "data/quality-plan.yml": CYCLE_PLAN,
            "data/tickets.csv": CYCLE_TICKETS,
        }
    )
    project = load_project(root, "data", None)
    assert not project.report.errors, [d.format() for d in project.report.errors]
    assert project.plan is not None and project.plan.cycle is not None
    assert project.catalog is not None
    table = compute_cycle(project.plan.cycle, project.catalog, project.plan.timezone).table

    def stats(period: str, dim: str = "", value: str = "") -> tuple[float, float, float]:
        found = table[(table["period"] == period) & (table["dim"] == dim)
                      & (table["dim_value"] == value)]  # fmt: skip
        assert len(found) == 1
        return (
            float(found["n"].iloc[0]),
            float(found["median"].iloc[0]),
            float(found["p90"].iloc[0]),
        )

    # January 2, 4, 7, 9: median (4 + 7) ÷ 2 = 5.5; p90 nearest rank ⌈3.6⌉ = 4th = 9.
    assert stats("2026-01") == (4, 5.5, 9.0)
    # Chat 2, 7, 9: median 7 (odd n); p90 ⌈2.7⌉ = 3rd = 9. Email 4: 4 and 4.
    assert stats("2026-01", "channel", "chat") == (3, 7.0, 9.0)
    assert stats("2026-01", "channel", "email") == (1, 4.0, 4.0)
    # February 1, 3: median 2 (the lower middle value would be 1); p90 ⌈1.8⌉ = 2nd = 3.
    assert stats("2026-02") == (2, 2.0, 3.0)


# --- the plan, the CLI and the indicator page ----------------------------------------


def plan_with(old: str, new: str) -> dict[str, str]:
    """The mini project with ``old`` changed to ``new`` in its plan."""
    return with_edit(mini.files(), "data/quality-plan.yml", old, new)


P90_Q = "    q: 0.9\n"
MEDIAN_MEASURE = "    measure: median\n"


def test_an_unknown_method_is_an_error_at_its_line(make_project: ProjectFactory) -> None:
    files = plan_with(P90_Q, P90_Q + "    method: cubic\n")
    result = CliRunner().invoke(main, ["check", "--project", str(make_project(files))])
    assert result.exit_code == 1
    line = line_of(files["data/quality-plan.yml"], "method: cubic")
    errors = [e for e in result.stderr.splitlines() if "method" in e]
    assert len(errors) == 1
    assert errors[0].startswith(f"data/quality-plan.yml:{line}: indicators.wait_p90.method: ")
    assert '"cubic"' in errors[0] and "nearest_rank" in errors[0] and "linear" in errors[0]
    assert "Traceback" not in result.output


def test_a_median_has_no_method(make_project: ProjectFactory) -> None:
    files = plan_with(MEDIAN_MEASURE, MEDIAN_MEASURE + "    method: linear\n")
    result = CliRunner().invoke(main, ["check", "--project", str(make_project(files))])
    assert result.exit_code == 1
    line = line_of(files["data/quality-plan.yml"], "method: linear")
    assert (
        f"data/quality-plan.yml:{line}: indicators.wait_median.method: method applies only to "
        "measure: quantile, not to measure: median"
    ) in result.stderr


def series_of(document: dict[str, object], ind_id: str) -> dict[str, float]:
    indicators = document["indicators"]
    assert isinstance(indicators, list)
    found = next(i for i in indicators if i["id"] == ind_id)
    return {s["period"]: s["value"] for s in found["series"] if s["dims"] == {}}


def indicators_json(root: Path) -> dict[str, object]:
    result = CliRunner().invoke(main, ["indicators", "--format", "json", "--project", str(root)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_indicators_json_shows_the_conventional_median(make_project: ProjectFactory) -> None:
    document = indicators_json(make_project(mini.files()))
    # January waits 1, 3, 5, 2 (one empty): sorted 1, 2, 3, 5 → (2 + 3) ÷ 2 = 2.5,
    # where the lower middle value would be 2. February 4, 8 → 6.
    assert series_of(document, "wait_median") == {"2026-01": 2.5, "2026-02": 6.0}
    # p90 without a method is the nearest rank: ⌈3.6⌉ = 4th → 5; ⌈1.8⌉ = 2nd → 8.
    assert series_of(document, "wait_p90") == {"2026-01": 5.0, "2026-02": 8.0}


def test_indicators_json_with_a_linear_quantile(make_project: ProjectFactory) -> None:
    root = make_project(plan_with(P90_Q, P90_Q + "    method: linear\n"))
    p90 = series_of(indicators_json(root), "wait_p90")
    # January 1, 2, 3, 5: h = 3 × 0.9 = 2.7 → 3 + 0.7 × (5 − 3) = 4.4.
    # February 4, 8: h = 1 × 0.9 = 0.9 → 4 + 0.9 × (8 − 4) = 7.6.
    assert p90 == {"2026-01": pytest.approx(4.4), "2026-02": pytest.approx(7.6)}


def test_the_indicator_page_states_the_method(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/quality-plan.yml"] += """
  wait_p75:
    name: Wait p75
    family: efficiency
    dataset: tickets
    measure: quantile
    q: 0.75
    method: linear
    column: wait_h
    unit: hours
"""
    project = load_project(make_project(files), "data", None)
    assert not project.report.errors, [d.format() for d in project.report.errors]
    assert project.plan is not None
    indicators = project.plan.indicators
    where = "over tickets rows where —"
    assert formula(indicators["wait_median"]) == (
        "the median (the middle value; for an even number of values, the mean of the two"
        f" middle values) of <code>wait_h</code> {where}"
    )
    assert formula(indicators["wait_p90"]) == (
        "the 90th percentile, nearest rank (the ⌈0.9·n⌉-th smallest value),"
        f" of <code>wait_h</code> {where}"
    )
    assert formula(indicators["wait_p75"]) == (
        "the 75th percentile, linear interpolation (as Excel's PERCENTILE.INC),"
        f" of <code>wait_h</code> {where}"
    )
    with use_language("zh"):
        assert "中间两个值的平均数" in formula(indicators["wait_median"])
        assert "最近秩法（第 ⌈0.9·n⌉ 小的值）" in formula(indicators["wait_p90"])
        assert "线性插值（同 Excel 的 PERCENTILE.INC）" in formula(indicators["wait_p75"])


def test_between_two_equal_values_lies_that_value_infinite_ones_too() -> None:
    """p90 of 0 ×7 and ∞ ×2 by interpolation: position 8.2 lies between ∞ and ∞, so ∞ (not NaN)."""
    values = np.array([0.0] * 7 + [np.inf, np.inf])
    assert quantile_of_sorted(values, 0.9, "linear") == np.inf
    assert quantile_of_sorted(values, 0.5, "linear") == 0.0
    assert quantile_of_sorted(np.array([1.0, 1.0]), 0.3, "linear") == 1.0
