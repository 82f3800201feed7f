"""Control limits and run rules, checked against published worked examples.

Sources (data and published limits):

- NIST/SEMATECH e-Handbook of Statistical Methods, section 6.3.2.2
  "Individuals Control Charts": flow rate of 10 batches; published
  x̄ = 50.81, MR̄ = 1.8778, UCL = 55.8041, LCL = 45.8159 (4 decimals).
- NIST/SEMATECH e-Handbook, section 6.3.3.1 "Counts Control Charts": defects
  on 25 wafers; published c̄ = 16, UCL = 28, LCL = 4.
- Montgomery, Introduction to Statistical Quality Control (2nd ed. pp. 152-155,
  orange-juice cans; Table 7.1 in later editions): 30 samples of n = 50,
  p̄ = 0.2313, UCL = 0.4102, LCL = 0.0524; samples 15 and 23 out of control;
  revised without them p̄ = 0.2150, UCL = 0.3893, LCL = 0.0407. The same 30
  samples are the NIST e-Handbook 6.3.3.2 wafer p-chart example (p̄ = .2313).
- Montgomery, same book (2nd ed. pp. 173-175, 181-182): printed circuit boards
  (c chart, samples 6 and 20 out of control) and personal computers
  (u chart, 20 samples of 5: ū = 1.93, UCL = 3.79, LCL = 0.07).
- Scrucca, "A quick tour of qcc" (vignette of the R package qcc 3.0), which
  prints these Montgomery examples, and the viscosity individuals example
  (Montgomery p. 242), to 7 significant digits.

No published Laney p' example with stated data and results could be found,
so the Laney tests use small data computed by hand (shown in the comments).
The run-rule series are constructed; the published outcomes are Montgomery's
out-of-control samples above.
"""

from __future__ import annotations

import numpy as np
import pytest

from sqms.engine.spc.limits import (
    D4,
    RULE_SETS,
    ControlLimits,
    baseline_slice,
    choose_chart,
    detect_signals,
    laney_p_limits,
    moving_ranges,
    p_limits,
    u_limits,
    xmr_limits,
)
from sqms.i18n import use_language

# NIST/SEMATECH e-Handbook 6.3.2.2, flow rate of the first 10 batches.
NIST_FLOW = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]
# NIST/SEMATECH e-Handbook 6.3.3.1, defects per wafer, 25 wafers.
NIST_WAFER_DEFECTS = [16, 14, 28, 16, 12, 20, 10, 12, 10, 17, 19, 17, 14,
                      16, 15, 13, 14, 16, 11, 20, 11, 19, 16, 31, 13]  # fmt: skip
# Montgomery, orange-juice cans: nonconforming cans in samples of 50; the first
# 30 are the trial samples, the last 24 were taken after a machine adjustment.
ORANGE_JUICE = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5,
                13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6,
                9, 6, 12, 5, 6, 4, 6, 3, 7, 6, 2, 4, 3, 6, 5, 4, 8, 5, 6, 7, 5, 6,
                3, 5]  # fmt: skip
# Montgomery, nonconformities per 100 printed circuit boards: 26 trial samples, 20 later.
CIRCUIT = [21, 24, 16, 12, 15, 5, 28, 20, 31, 25, 20, 24, 16, 19, 10, 17, 13, 22,
           18, 39, 30, 24, 16, 19, 17, 15,
           16, 18, 12, 15, 24, 21, 28, 20, 25, 19, 18, 21, 16, 22, 19, 12, 14, 9,
           16, 21]  # fmt: skip
# Montgomery, nonconformities in 20 samples of 5 personal computers.
PC_NONCONFORMITIES = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]
# Montgomery p. 242 (as printed in the qcc vignette): viscosity of aircraft primer paint.
VISCOSITY = [33.75, 33.05, 34.00, 33.81, 33.46, 34.02, 33.68, 33.27, 33.49, 33.20,
             33.62, 33.00, 33.54, 33.12, 33.84]  # fmt: skip


def unit_limits(n: int) -> ControlLimits:
    """Centre 0 and sigma 1, so each value is its own z-score (for run-rule series)."""
    return ControlLimits(
        kind="xmr",
        centre=0.0,
        sigma=np.ones(n),
        lower=np.full(n, -3.0),
        upper=np.full(n, 3.0),
        baseline=slice(0, n),
    )


def fired(values: list[float], rules: str | list[str]) -> dict[str, list[tuple[int, ...]]]:
    """Rule id -> signal points, for a series judged at centre 0, sigma 1."""
    result: dict[str, list[tuple[int, ...]]] = {}
    for signal in detect_signals(values, unit_limits(len(values)), rules):
        result.setdefault(signal.rule, []).append(signal.points)
    return result


# --- XmR -----------------------------------------------------------------


def test_xmr_matches_nist_individuals_example() -> None:
    limits = xmr_limits(NIST_FLOW)
    assert limits.kind == "xmr"
    assert limits.centre == pytest.approx(50.81, abs=5e-5)
    assert limits.mr_bar == pytest.approx(1.8778, abs=5e-5)
    assert limits.upper == pytest.approx([55.8041] * 10, abs=5e-5)
    assert limits.lower == pytest.approx([45.8159] * 10, abs=5e-5)
    # Moving-range chart: D4 * MR-bar = 3.267 * 16.9/9 = 6.1347 (hand-computed).
    assert limits.mr_upper == pytest.approx(6.1347, abs=5e-5)
    assert detect_signals(NIST_FLOW, limits, "nelson") == []


def test_xmr_matches_montgomery_viscosity_as_printed_by_qcc() -> None:
    limits = xmr_limits(VISCOSITY)
    assert limits.centre == pytest.approx(33.52333, abs=5e-6)
    assert limits.sigma[0] == pytest.approx(0.4261651, abs=5e-8)
    assert limits.lower[0] == pytest.approx(32.24484, abs=5e-6)
    assert limits.upper[0] == pytest.approx(34.80183, abs=5e-6)


def test_xmr_baseline_judges_later_points_against_baseline_limits() -> None:
    # Hand-computed from the first five NIST batches: mean 246.2/5 = 49.24;
    # moving ranges 2.0, 2.3, 1.4, 3.5 -> MR-bar 2.3; sigma 2.3/1.128 = 2.03901;
    # UCL 49.24 + 3 * 2.03901 = 55.35702. Batches 7-10 (52.6, 52.4, 53.6, 52.1)
    # are all above 1 sigma (51.27901): four of five, the WE3 pattern. The
    # default rules (WE1, WE4) see no point beyond 55.357 and a run of only 5
    # (batches 6-10) above the centre line: no signal.
    limits = xmr_limits(NIST_FLOW, baseline=slice(0, 5))
    assert limits.baseline == slice(0, 5)
    assert limits.centre == pytest.approx(49.24)
    assert limits.mr_bar == pytest.approx(2.3)
    assert limits.upper[0] == pytest.approx(55.357021, abs=1e-6)
    signals = detect_signals(NIST_FLOW, limits, "western_electric")
    assert [(s.rule, s.points) for s in signals] == [("WE3", (6, 7, 8, 9))]
    assert detect_signals(NIST_FLOW, limits) == []


def test_xmr_exclusion_drops_the_moving_ranges_touching_the_point() -> None:
    # Hand-computed: without point 2 (value 100) the mean is (10+12+11+13)/4 = 11.5
    # and the only ranges left are |12-10| and |13-11|, so MR-bar = 2.
    limits = xmr_limits([10, 12, 100, 11, 13], exclude=[2])
    assert limits.excluded == (2,)
    assert limits.centre == pytest.approx(11.5)
    assert limits.mr_bar == pytest.approx(2.0)
    assert xmr_limits([10, 12, 100, 11, 13], exclude=[-3]).excluded == (2,)


def test_moving_ranges_align_with_periods() -> None:
    ranges = moving_ranges([1.0, 4.0, 2.0])
    assert np.isnan(ranges[0])
    assert ranges[1:] == pytest.approx([3.0, 2.0])


def test_constant_baseline_gives_zero_width_limits_without_warnings() -> None:
    limits = xmr_limits([5, 5, 5, 5, 6])
    assert limits.centre == pytest.approx(5.2)
    flat = xmr_limits([5, 5, 5, 5, 6], baseline=slice(0, 4))
    assert flat.upper[0] == flat.lower[0] == 5.0
    assert [s.points for s in detect_signals([5, 5, 5, 5, 6], flat, ["WE1"])] == [(4,)]


# --- p chart ---------------------------------------------------------------


def test_p_matches_montgomery_orange_juice_trial_limits() -> None:
    n = [50] * 30
    limits = p_limits(ORANGE_JUICE[:30], n)
    # Montgomery, to 4 decimals.
    assert limits.centre == pytest.approx(0.2313, abs=5e-5)
    assert limits.upper == pytest.approx([0.4102] * 30, abs=5e-5)
    assert limits.lower == pytest.approx([0.0524] * 30, abs=5e-5)
    # qcc vignette, to 7 significant digits.
    assert limits.centre == pytest.approx(0.2313333, abs=5e-8)
    assert limits.upper[0] == pytest.approx(0.4102391, abs=5e-8)
    assert limits.lower[0] == pytest.approx(0.05242755, abs=5e-9)


def test_p_flags_montgomery_out_of_control_samples_15_and_23() -> None:
    limits = p_limits(ORANGE_JUICE[:30], [50] * 30)
    proportions = np.array(ORANGE_JUICE[:30]) / 50
    beyond = [s.points for s in detect_signals(proportions, limits, ["WE1"])]
    assert beyond == [(14,), (22,)]


def test_p_revised_limits_exclude_special_causes_and_judge_phase_two() -> None:
    n = [50] * len(ORANGE_JUICE)
    limits = p_limits(ORANGE_JUICE, n, baseline=slice(0, 30), exclude=[14, 22])
    # Montgomery's revised limits, to 4 decimals, and qcc's to 7 digits.
    assert limits.centre == pytest.approx(0.2150, abs=5e-5)
    assert limits.upper[0] == pytest.approx(0.3893, abs=5e-5)
    assert limits.lower[0] == pytest.approx(0.0407, abs=5e-5)
    assert limits.upper[0] == pytest.approx(0.3892972, abs=5e-8)
    assert limits.lower[0] == pytest.approx(0.04070284, abs=5e-9)
    # Hand-checked: after the adjustment only sample 33 (12/50) is above 0.215,
    # so samples 34-54 make one run of 21 below the centre line.
    proportions = np.array(ORANGE_JUICE) / 50
    runs = [s.points for s in detect_signals(proportions, limits, ["WE4"])]
    assert runs == [tuple(range(33, 54))]


def test_p_limits_vary_with_n_and_zones_follow_them() -> None:
    # Baseline p-bar = 0.1 on n = 100. The same p = 0.15 is 1.67 sigma out with
    # n = 100 (sigma 0.03) but 16.7 sigma out with n = 10000 (sigma 0.003).
    numerators = [10] * 10 + [15, 1500]
    denominators = [100] * 10 + [100, 10000]
    limits = p_limits(numerators, denominators, baseline=slice(0, 10))
    assert limits.sigma[10] == pytest.approx(0.03)
    assert limits.sigma[11] == pytest.approx(0.003)
    assert limits.upper[11] == pytest.approx(0.109)
    values = np.array(numerators) / np.array(denominators)
    assert [s.points for s in detect_signals(values, limits, ["WE1"])] == [(11,)]


def test_p_limits_are_clipped_to_zero_and_one() -> None:
    limits = p_limits([1, 2, 1], [10, 10, 10])
    assert (limits.lower == 0.0).all()
    high = p_limits([9, 10, 9], [10, 10, 10])
    assert (high.upper == 1.0).all()


# --- u chart ---------------------------------------------------------------


def test_u_matches_montgomery_personal_computers() -> None:
    limits = u_limits(PC_NONCONFORMITIES, [5] * 20)
    assert limits.centre == pytest.approx(1.93)
    assert limits.upper[0] == pytest.approx(3.79, abs=5e-3)
    assert limits.lower[0] == pytest.approx(0.07, abs=5e-3)
    assert limits.upper[0] == pytest.approx(3.793867, abs=5e-7)
    assert limits.lower[0] == pytest.approx(0.06613305, abs=5e-9)


def test_u_with_unit_exposure_is_the_nist_c_chart() -> None:
    limits = u_limits(NIST_WAFER_DEFECTS, np.ones(25))
    assert limits.centre == pytest.approx(16.0)
    assert limits.upper[0] == pytest.approx(28.0)
    assert limits.lower[0] == pytest.approx(4.0)


def test_u_matches_montgomery_circuit_boards_and_flags_samples_6_and_20() -> None:
    limits = u_limits(CIRCUIT[:26], [1] * 26)
    assert limits.centre == pytest.approx(19.84615, abs=5e-6)
    assert limits.upper[0] == pytest.approx(33.21086, abs=5e-6)
    assert limits.lower[0] == pytest.approx(6.481447, abs=5e-7)
    beyond = [s.points for s in detect_signals(CIRCUIT[:26], limits, ["N1"])]
    assert beyond == [(5,), (19,)]


def test_u_revised_circuit_limits_per_board() -> None:
    # qcc vignette: u chart per board (n = 100) without samples 6 and 20.
    limits = u_limits(CIRCUIT, [100] * 46, baseline=slice(0, 26), exclude=[5, 19])
    assert limits.centre == pytest.approx(0.1966667, abs=5e-8)
    assert limits.upper[0] == pytest.approx(0.329708, abs=5e-7)
    assert limits.lower[0] == pytest.approx(0.06362532, abs=5e-9)


def test_u_lower_limit_is_clipped_at_zero() -> None:
    limits = u_limits([1, 0, 2], [1, 1, 1])
    assert (limits.lower == 0.0).all()


# --- Laney p' (hand-computed) ----------------------------------------------


def test_laney_equal_n_hand_computed() -> None:
    # p = .20 .28 .12 .20 .20 on n = 100: p-bar = 100/500 = 0.2, sigma_p = 0.04,
    # z = 0, 2, -2, 0, 0; moving ranges 2, 4, 2, 0 -> mean 2; sigma_z = 2/1.128
    # = 1.773050; UCL = 0.2 + 3 * 0.04 * 1.773050 = 0.412766; LCL < 0 -> 0.
    limits = laney_p_limits([20, 28, 12, 20, 20], [100] * 5)
    assert limits.kind == "laney_p"
    assert limits.centre == pytest.approx(0.2)
    assert limits.sigma_z == pytest.approx(1.773050, abs=1e-6)
    assert limits.upper == pytest.approx([0.412766] * 5, abs=1e-6)
    assert (limits.lower == 0.0).all()


def test_laney_variable_n_hand_computed() -> None:
    # n = 100, 400, 100, 400 and 24, 72, 16, 88: p-bar = 200/1000 = 0.2;
    # sigma_p = 0.04 (n=100), 0.02 (n=400); p = .24 .18 .16 .22 -> z = 1, -1, -1, 1;
    # moving ranges 2, 0, 2 -> mean 4/3; sigma_z = (4/3)/1.128 = 1.182033.
    # n=100: 0.2 ± 3*0.04*1.182033 = 0.341844 / 0.058156;
    # n=400: 0.2 ± 3*0.02*1.182033 = 0.270922 / 0.129078.
    limits = laney_p_limits([24, 72, 16, 88], [100, 400, 100, 400])
    assert limits.sigma_z == pytest.approx(1.182033, abs=1e-6)
    assert limits.upper == pytest.approx([0.341844, 0.270922] * 2, abs=1e-6)
    assert limits.lower == pytest.approx([0.058156, 0.129078] * 2, abs=1e-6)


def test_laney_is_the_p_chart_widened_by_sigma_z() -> None:
    numerators, denominators = [20, 28, 12, 20, 20, 35], [100] * 5 + [150]
    laney = laney_p_limits(numerators, denominators)
    plain = p_limits(numerators, denominators)
    assert laney.centre == plain.centre
    assert laney.sigma_z is not None
    assert laney.sigma == pytest.approx(plain.sigma * laney.sigma_z)


# --- baseline handling and validation --------------------------------------


def test_baseline_slice_from_period_labels() -> None:
    months = [f"2024-{m:02d}" for m in range(1, 13)]
    assert baseline_slice(months, "2024-01", "2024-06") == slice(0, 6)
    assert baseline_slice(months, last="2024-03") == slice(0, 3)
    assert baseline_slice(months, "2024-10") == slice(9, 12)
    with pytest.raises(ValueError, match="2025-01"):
        baseline_slice(months, "2025-01")


def test_baseline_is_normalised() -> None:
    assert xmr_limits(NIST_FLOW, baseline=slice(-4, None)).baseline == slice(6, 10)
    assert xmr_limits(NIST_FLOW).baseline == slice(0, 10)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: xmr_limits([1.0]), "at least 2"),
        (lambda: xmr_limits([1.0, float("nan"), 2.0]), "point 2"),
        (lambda: xmr_limits([[1.0, 2.0]]), "flat list"),
        (lambda: xmr_limits(NIST_FLOW, baseline=slice(0, 10, 2)), "contiguous"),
        (lambda: xmr_limits(NIST_FLOW, baseline=slice(3, 3)), "at least 1"),
        (lambda: xmr_limits(NIST_FLOW, baseline=slice(0, 5), exclude=[7]), "point 8"),
        (lambda: xmr_limits([1.0, 2.0, 3.0], exclude=[1]), "at least 2"),
        (lambda: p_limits([1, 2], [10]), "1 value, expected 2"),
        (lambda: p_limits([1, 2], [10, 0]), "point 2: the denominator"),
        (lambda: p_limits([1, 12], [10, 10]), "point 2: the numerator"),
        (lambda: u_limits([-1, 2], [1, 1]), "point 1: a count"),
        (lambda: laney_p_limits([1], [10]), "at least 2"),
        (lambda: detect_signals([1.0, 2.0], unit_limits(3)), "2 values, expected 3"),
        (lambda: detect_signals([1.0], unit_limits(1), ["WE9"]), 'unknown run rule "WE9"'),
        (lambda: detect_signals([1.0], unit_limits(1), "shewhart"), '"shewhart"'),
    ],
)
def test_invalid_input_raises_a_clear_error(call: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()  # type: ignore[operator]


def test_errors_and_descriptions_are_translated() -> None:
    with use_language("zh"), pytest.raises(ValueError, match="分母必须大于 0"):
        p_limits([1], [0])
    with use_language("zh"):
        (signal,) = detect_signals([0.0, 4.0], unit_limits(2))
    assert signal.description == "1 个点超出 3\u03c3 控制限"


def test_limit_arrays_are_read_only() -> None:
    limits = xmr_limits(NIST_FLOW)
    with pytest.raises(ValueError, match="read-only"):
        limits.upper[0] = 0.0


# --- run rules (constructed series, centre 0, sigma 1) ----------------------

QUIET = [0.5, -0.5, 1.5, -1.5, 0.5, 0.5, -0.5, 1.5, -0.5, -0.5,
         0.5, -1.5, 1.5, 0.5, -0.5, 0.5, -0.5, 0.5, 1.5, -0.5]  # fmt: skip


def test_quiet_series_triggers_no_rule() -> None:
    assert fired(QUIET, "western_electric") == {}
    assert fired(QUIET, "nelson") == {}
    assert fired(QUIET, [*RULE_SETS["western_electric"], *RULE_SETS["nelson"]]) == {}


@pytest.mark.parametrize(
    ("rules", "values", "expected"),
    [
        ("western_electric", [0, 0.5, -0.5, 3.5, 0.5, -0.5, 0], {"WE1": [(3,)]}),
        ("western_electric", [0, 0.5, -0.5, -3.5, 0.5, -0.5, 0], {"WE1": [(3,)]}),
        ("western_electric", [0.5, -0.5, 2.5, -0.5, 2.5, -0.5, 0.5], {"WE2": [(2, 4)]}),
        ("western_electric", [0.5, -0.5, 1.5, 1.5, -0.5, 1.5, 1.5, -0.5, 0.5],
         {"WE3": [(2, 3, 5, 6)]}),
        ("western_electric", [-0.5, *[0.5] * 8, -0.5], {"WE4": [tuple(range(1, 9))]}),
        ("nelson", [0, 0.5, -0.5, 3.5, 0.5, -0.5, 0], {"N1": [(3,)]}),
        ("nelson", [-0.5, *[0.5] * 9, -0.5], {"N2": [tuple(range(1, 10))]}),
        ("nelson", [0.5, -0.9, -0.6, -0.3, 0.1, 0.4, 0.7, -0.5, 0.5], {"N3": [(1, 2, 3, 4, 5, 6)]}),
        ("nelson", [0.5, 0.9, 0.6, 0.3, -0.1, -0.4, -0.7, 0.5, -0.5], {"N3": [(1, 2, 3, 4, 5, 6)]}),
        ("nelson", [0.5, -0.5] * 7, {"N4": [tuple(range(14))]}),
        ("nelson", [0.5, -0.5, -2.5, 0.5, -2.5, -0.5, 0.5], {"N5": [(2, 4)]}),
        ("nelson", [0.5, -0.5, -1.5, -1.5, 0.5, -1.5, -1.5, -0.5, 0.5],
         {"N6": [(2, 3, 5, 6)]}),
        ("nelson", ([0.5, 0.5, -0.5, -0.5] * 4)[:15], {"N7": [tuple(range(15))]}),
        ("nelson", [1.5, -1.5, 1.5, 1.5, -1.5, -1.5, 1.5, -1.5], {"N8": [tuple(range(8))]}),
    ],
)  # fmt: skip
def test_each_rule_fires_alone_on_its_pattern(
    rules: str, values: list[float], expected: dict[str, list[tuple[int, ...]]]
) -> None:
    assert fired(values, rules) == expected


def test_a_long_run_is_one_signal() -> None:
    values = [-0.5, *[0.5] * 12, -0.5]
    assert fired(values, ["WE4"]) == {"WE4": [tuple(range(1, 13))]}


def test_separate_clusters_are_separate_signals() -> None:
    values = [2.5, 2.5, 0, 0, 0, 2.5, 2.5]
    assert fired(values, ["WE2"]) == {"WE2": [(0, 1), (5, 6)]}


def test_points_on_a_boundary_are_not_beyond_it() -> None:
    # Exactly 3 sigma is not beyond 3 sigma; exactly on the centre is on no side.
    assert fired([0, 3.0, 0], ["WE1"]) == {}
    assert fired([0.5] * 4 + [0.0] + [0.5] * 4, ["WE4"]) == {}


def test_one_sided_excursion_beyond_1_sigma_is_not_a_mixture() -> None:
    assert "N8" not in fired([1.5] * 8, "nelson")


def test_a_tie_breaks_a_trend_and_an_alternation() -> None:
    assert fired([-0.9, -0.6, -0.3, -0.3, 0.1, 0.4, 0.7], ["N3"]) == {}
    alternating = [0.5, -0.5] * 7
    alternating[7] = alternating[6]
    assert fired(alternating, ["N4"]) == {}


def test_signals_come_in_order_of_their_first_point() -> None:
    values = [0, 4.0, -0.5, *[0.5] * 8, -4.0]
    signals = detect_signals(values, unit_limits(len(values)))
    assert [(s.rule, s.points[0]) for s in signals] == [("WE1", 1), ("WE4", 3), ("WE1", 11)]
    assert detect_signals(values, unit_limits(len(values)), "WE1") == [
        s for s in signals if s.rule == "WE1"
    ]


# --- chart choice ------------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "has_denominator", "sigma_z", "kind"),
    [
        ("share", True, None, "p"),
        ("share", True, 1.0, "p"),
        ("share", True, 1.5, "p"),
        ("share", True, 1.51, "laney_p"),
        ("churn", True, 0.8, "p"),
        ("churn", True, 2.0, "laney_p"),
        ("ratio", True, None, "u"),
        ("count", True, None, "u"),
        ("count", False, None, "xmr"),
        ("share", False, None, "xmr"),
        ("mean", False, None, "xmr"),
        ("median", False, None, "xmr"),
        ("quantile", False, None, "xmr"),
        ("nps", False, None, "xmr"),
        ("composite", False, None, "xmr"),
        ("sum", False, None, "xmr"),
    ],
)
def test_choose_chart(
    measure: str, has_denominator: bool, sigma_z: float | None, kind: str
) -> None:
    assert choose_chart(measure, has_denominator=has_denominator, sigma_z=sigma_z) == kind


def test_mr_upper_only_for_xmr() -> None:
    assert xmr_limits([1.0, 3.0]).mr_upper == pytest.approx(2 * D4)
    assert p_limits([1, 2], [10, 10]).mr_upper is None
