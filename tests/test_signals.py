"""Control charts over indicator series: chart choice, baselines, limits and signals in words.

Limits are checked against the published examples already used for the
arithmetic (tests/test_control_charts.py): NIST flow rate (XmR), NIST wafer
defects (c chart), Montgomery's orange-juice cans (p chart, revised limits
without samples 15 and 23).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from sqms.engine.plan import CompiledIndicator
from sqms.engine.spc.signals import chart_kind, control_for, control_results, describe, summarise
from sqms.project import load_project
from sqms.schema.plan import Indicator
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory
from tests.test_control_charts import NIST_FLOW, NIST_WAFER_DEFECTS, ORANGE_JUICE


def labels(n: int, start: int = 2024) -> list[str]:
    return [f"{start + i // 12}-{i % 12 + 1:02d}" for i in range(n)]


def indicator(ind_id: str = "x", **spec: Any) -> CompiledIndicator:
    base = {"name": "X", "family": "quality", "dataset": "d", "measure": "count"}
    return CompiledIndicator(ind_id, Indicator.model_validate(base | spec), "month", 30)


def series(values: list[float], numerators: list[float] | None = None,
           denominators: list[float] | None = None, partial_last: bool = False) -> pd.DataFrame:  # fmt: skip
    n = len(values)
    return pd.DataFrame(
        {
            "period": labels(n),
            "period_start": pd.date_range("2024-01-01", periods=n, freq="MS").date,
            "value": pd.Series(values, dtype="float64"),
            "numerator": pd.Series(numerators or [math.nan] * n, dtype="float64"),
            "denominator": pd.Series(denominators or [math.nan] * n, dtype="float64"),
            "partial": [False] * (n - 1) + [partial_last],
        }
    )


def test_xmr_limits_of_the_nist_flow_rate() -> None:
    outcome = control_for(indicator(measure="mean", column="c"), series(NIST_FLOW))
    result = outcome.result
    assert result is not None and result.kind == "xmr"
    assert result.points["centre"].iloc[0] == pytest.approx(50.81)
    assert result.points["upper"].iloc[0] == pytest.approx(55.8041, abs=1e-4)
    assert result.points["lower"].iloc[0] == pytest.approx(45.8159, abs=1e-4)
    assert not result.signals
    assert result.baseline == ("2024-01", "2024-10") and not result.declared


def test_a_count_charted_with_u_is_a_c_chart() -> None:
    ind = indicator(control_chart="u")
    result = control_for(ind, series([float(c) for c in NIST_WAFER_DEFECTS])).result
    assert result is not None and result.kind == "u"
    assert result.points["centre"].iloc[0] == pytest.approx(16)
    assert result.points["upper"].iloc[0] == pytest.approx(28, abs=0.01)
    assert result.points["lower"].iloc[0] == pytest.approx(4, abs=0.01)
    assert chart_kind(indicator(), series([1.0, 2.0])["denominator"]) == "xmr", "auto: XmR"


def orange_juice(declared: dict[str, Any] | None) -> CompiledIndicator:
    return indicator(
        measure="share", where="ok", control_chart="p", better="lower", baseline=declared
    )


def test_p_chart_limits_from_a_declared_baseline_without_known_causes() -> None:
    counts = [float(c) for c in ORANGE_JUICE]
    frame = series([c / 50 for c in counts], counts, [50.0] * len(counts))
    period = labels(len(counts))
    declared = {"from": period[0], "to": period[29], "exclude": [period[14], period[22]]}
    result = control_for(orange_juice(declared), frame).result
    assert result is not None and result.declared
    assert result.points["centre"].iloc[0] == pytest.approx(0.2150, abs=1e-4)
    assert result.points["upper"].iloc[0] == pytest.approx(0.3893, abs=1e-4)
    assert result.points["lower"].iloc[0] == pytest.approx(0.0407, abs=1e-4)
    assert list(result.points["baseline"]).count(True) == 28
    # After the adjustment (samples 31-54) the process runs below the old centre line.
    after = [s for s in result.signals if s.periods[0] >= period[30]]
    assert any(s.rule == "WE4" and s.direction == "lower" for s in after)
    assert all(s.worse is False for s in after if s.direction == "lower"), "fewer defects: better"


def test_a_baseline_the_data_does_not_reach_falls_back_with_a_warning() -> None:
    frame = series([0.5, 0.6, 0.55, 0.5], [5.0, 6.0, 5.5, 5.0], [10.0] * 4)
    outcome = control_for(orange_juice({"from": "2030-01", "to": "2030-12"}), frame)
    assert outcome.result is not None and not outcome.result.declared
    assert outcome.warning is not None and "2030-01 – 2030-12" in outcome.warning


def test_partial_and_empty_periods_are_not_plotted() -> None:
    frame = series([1.0, math.nan, 2.0, 3.0, 9.0], partial_last=True)
    result = control_for(indicator(), frame).result
    assert result is not None
    assert list(result.points["period"]) == ["2024-01", "2024-03", "2024-04"]
    outcome = control_for(indicator(), series([1.0]))
    assert outcome.result is None and outcome.reason is not None and "need 2" in outcome.reason
    assert control_for(indicator(control_chart="none"), frame).result is None


def test_ratio_u_chart_is_shown_in_the_indicators_unit() -> None:
    ratio = indicator(
        measure="ratio", dataset=None, scale=1000, control_chart="auto",
        numerator={"dataset": "c"}, denominator={"dataset": "t"},
    )  # fmt: skip
    numerators, exposure = [10.0, 12.0, 9.0, 11.0], [1000.0, 1100.0, 950.0, 1000.0]
    frame = series([1000 * a / b for a, b in zip(numerators, exposure, strict=True)],
                   numerators, exposure)  # fmt: skip
    result = control_for(ratio, frame).result
    assert result is not None and result.kind == "u"
    u_bar = sum(numerators) / sum(exposure)
    assert result.points["centre"].iloc[0] == pytest.approx(1000 * u_bar)
    assert result.points["upper"].iloc[0] == pytest.approx(
        1000 * (u_bar + 3 * math.sqrt(u_bar / 1000))
    )
    assert list(result.points["value"]) == pytest.approx(list(frame["value"]))


def test_laney_chosen_by_measured_over_dispersion_not_by_n() -> None:
    share = indicator(measure="share", where="ok")
    big = series([0.9] * 4, [1800.0] * 4, [2000.0] * 4)
    assert chart_kind(share, big["denominator"]) == "p", "a large n alone is no reason"
    assert chart_kind(share, big["denominator"], sigma_z=1.5) == "p"
    assert chart_kind(share, big["denominator"], sigma_z=1.6) == "laney_p"
    # n = 1000, p-bar = 3600/4000 = 0.9, sigma_p = sqrt(0.09/1000) = 0.0094868.
    # Binomial-like: 900, 909, 891, 900 -> z = 0, 0.9487, -0.9487, 0; moving
    # ranges 0.9487, 1.8974, 0.9487 -> mean 1.2649; sigma_z = 1.2649/1.128 = 1.1214.
    quiet = series([0.9, 0.909, 0.891, 0.9], [900.0, 909.0, 891.0, 900.0], [1000.0] * 4)
    result = control_for(share, quiet).result
    assert result is not None and result.kind == "p" and result.chosen
    assert result.sigma_z == pytest.approx(1.1214, abs=1e-4)
    # Over-dispersed: 900, 950, 850, 900 -> z = 0, 5.27046, -5.27046, 0; moving ranges
    # 5.27046, 10.54093, 5.27046 -> mean 7.02728; sigma_z = 7.02728/1.128 = 6.22986.
    wide = series([0.9, 0.95, 0.85, 0.9], [900.0, 950.0, 850.0, 900.0], [1000.0] * 4)
    result = control_for(share, wide).result
    assert result is not None and result.kind == "laney_p"
    assert result.sigma_z == pytest.approx(6.22986, abs=1e-4)
    assert result.limits.sigma_z == pytest.approx(result.sigma_z)
    declared = control_for(indicator(measure="share", where="ok", control_chart="p"), wide)
    assert declared.result is not None and declared.result.kind == "p"
    assert not declared.result.chosen and declared.result.sigma_z == pytest.approx(
        6.22986, abs=1e-4
    )


def shifted() -> pd.DataFrame:
    """Twelve months near 10, a spike, then eight months well above the centre."""
    values = [10.0, 10.5, 9.5, 10.2, 9.8, 10.1, 9.9, 10.3, 9.7, 10.0, 10.4, 9.6, 20.0]
    return series([*values, 11.5, 11.6, 11.4, 11.7, 11.5, 11.6, 11.8, 11.5])


def test_signals_in_words_and_which_way_they_point() -> None:
    baseline = {"from": "2024-01", "to": "2024-12"}
    ind = indicator(measure="mean", column="c", better="lower", baseline=baseline,
                    min_baseline_points=12)  # fmt: skip
    result = control_for(ind, shifted()).result
    assert result is not None and not result.provisional
    spike = next(s for s in result.signals if s.rule == "WE1")
    assert spike.periods == ("2025-01",)
    assert spike.direction == "higher" and spike.worse is True
    assert spike.sentence() == "2025-01 (WE1): 1 point beyond 3σ — higher than usual, worse."
    run = next(s for s in result.signals if s.rule == "WE4")
    assert run.span == "2025-01 – 2025-09"
    assert (
        result.points.loc[result.points["period"] == "2025-01", "signal"].iloc[0].startswith("WE1")
    )
    assert [s.rule for s in result.recent(3)] and all(
        s.periods[-1] >= "2025-06" for s in result.recent(3)
    )
    # Twelve baseline points are fewer than the default 20: the same signals, none claimed.
    trial = control_for(indicator(measure="mean", column="c", better="lower", baseline=baseline),
                        shifted()).result  # fmt: skip
    assert trial is not None and trial.provisional and trial.min_points == 20
    assert trial.signals == result.signals and trial.recent(3) == []


def test_explicit_rule_list() -> None:
    ind = indicator(measure="mean", column="c", rules=["WE1"],
                    baseline={"from": "2024-01", "to": "2024-12"})  # fmt: skip
    result = control_for(ind, shifted()).result
    assert result is not None
    assert {s.rule for s in result.signals} == {"WE1"}
    nelson = control_for(indicator(measure="mean", column="c", rules="nelson",
                                   baseline={"from": "2024-01", "to": "2024-12"}), shifted())  # fmt: skip
    assert nelson.result is not None
    assert {s.rule for s in nelson.result.signals} >= {"N1", "N2"}


def test_describe_merges_points_beyond_a_limit_and_summarise_groups_directions() -> None:
    values = [10.0, 10.2, 9.8, 10.1, 9.9, 10.0, 10.1, 9.9, 30.0, 10.0, 30.0, 10.0]
    ind = indicator(measure="mean", column="c", rules=["WE1"], better="lower",
                    baseline={"from": "2024-01", "to": "2024-08"})  # fmt: skip
    result = control_for(ind, series(values)).result
    assert result is not None and len(result.signals) == 2
    assert describe(result.signals) == [
        "2024-09, 2024-11 (WE1): above the upper control limit, worse."
    ]
    summary = summarise(list(result.signals))
    assert [s.sentence() for s in summary] == ["higher than usual, worse, 2024-09 – 2024-11 (WE1)."]


def test_control_results_over_a_project_warn_at_the_baseline_line(
    make_project: ProjectFactory,
) -> None:
    files = mini.files()
    files["data/quality-plan.yml"] = edited(
        files["data/quality-plan.yml"],
        "    by: [channel]\n  wait_sum:",
        "    by: [channel]\n    baseline: {from: 2030-01}\n  wait_sum:",
    )
    project = load_project(make_project(files), "data", None)
    assert project.plan is not None
    frame = series([0.5, 0.6, 0.55, 0.5], [5.0, 6.0, 5.5, 5.0], [10.0] * 4)
    results = frame.assign(indicator="fast", dim="")
    outcomes, warnings = control_results(project.plan, results)
    assert set(outcomes) == set(project.plan.indicators)
    assert outcomes["volume"].result is None, "no rows for it: no chart"
    line = project.plan.line("indicators", "fast", "baseline")
    assert [w.format() for w in warnings] == [
        f"data/quality-plan.yml:{line}: warning: indicator fast: the baseline 2030-01 – 2024-04 "
        "holds 0 usable periods, control limits need 2; limits are computed from every "
        "period instead"
    ]
    result = outcomes["fast"].result
    assert result is not None and np.isfinite(result.points["upper"]).all()


@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("    control_chart: p\n", "a p control chart cannot chart measure count"),
        (
            "    baseline: {from: 2025-7}\n",
            'period "2025-7" is not a month label; write it like 2025-07',
        ),
        ("    baseline: {from: 2025-07, to: 2025-01}\n", "the baseline ends before it starts"),
        (
            "    rules: [WE1, WE9]\n",
            'unknown run rule "WE9": use a set (basic, western_electric, nelson)',
        ),
    ],
)
def test_plan_checks_control_chart_fields(
    make_project: ProjectFactory, replacement: str, message: str
) -> None:
    files = mini.files()
    files["data/quality-plan.yml"] = edited(
        files["data/quality-plan.yml"],
        "    measure: count\n    unit: count\n",
        "    measure: count\n    unit: count\n" + replacement,
    )
    project = load_project(make_project(files), "data", None)
    errors = [d.format() for d in project.report.errors]
    assert len(errors) == 1 and message in errors[0], errors
    assert errors[0].startswith("data/quality-plan.yml:")
