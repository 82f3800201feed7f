"""Control charts an auditor can recompute by hand, sound by default.

- a point on a limit is not beyond it (floating-point error is not a signal);
- limits from fewer than 20 points are provisional: drawn and labelled, with
  no special-cause claim on the dashboard;
- the default run rules are WE1 and WE4 (as qcc's default ``rules = c(1, 4)``);
- Laney p' is chosen by the measured over-dispersion sigma_z (above 1.5);
- the page names the baseline and the periods left out of it, and shows the
  mR chart (UCL = 3.267 × MR̄) with an XmR chart;
- ``sqms/indicators.json`` carries each chart's numbers;
- ``sqms indicators`` agrees with the dashboard and does not judge partial periods.

Every expected number is worked out by hand in the comments.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from sqms.engine.compute import COLUMNS
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.engine.spc.limits import (
    D4,
    DEFAULT_RULES,
    LANEY_SIGMA_Z,
    RULE_SETS,
    detect_signals,
    overdispersion,
    p_limits,
)
from sqms.engine.spc.signals import ControlResult, control_for
from sqms.project import compute_results, load_project
from sqms.schema.plan import Indicator
from sqms.site.pages import dashboard_page, indicator_page
from sqms.site.reporting import ReportData, build_report
from sqms.site.results import results_document
from tests import mini
from tests.support.edits import edited, with_edit
from tests.support.projects import ProjectFactory
from tests.test_control_charts import fired
from tests.test_signals import indicator, series

# --- a point on a limit -------------------------------------------------------


def test_a_point_exactly_on_the_upper_limit_is_not_beyond_it() -> None:
    # Twenty periods of 50 complaints in 2,500 tickets: p-bar = 1000/50000 = 0.02,
    # sigma = sqrt(0.02 * 0.98 / 2500) = 0.0028, UCL = 0.02 + 3 * 0.0028 = 0.0284,
    # which is exactly 71/2500. In floating point z comes out as 3.0000000000000004.
    numerators, denominators = [50] * 20 + [71], [2500] * 21
    limits = p_limits(numerators, denominators, baseline=slice(0, 20))
    assert limits.sigma[20] == pytest.approx(0.0028, abs=1e-15)
    assert limits.upper[20] == pytest.approx(71 / 2500, abs=1e-15)
    proportions = np.array(numerators) / np.array(denominators)
    naive_z = (proportions[20] - limits.centre) / limits.sigma[20]
    assert naive_z > 3, "the construction must make float error push z past 3"
    assert detect_signals(proportions, limits, ["WE1"]) == []
    # One more complaint (72/2500 = 0.0288) is beyond the limit.
    beyond = np.append(proportions[:20], 72 / 2500)
    assert [s.points for s in detect_signals(beyond, limits, ["WE1"])] == [(20,)]


def test_on_the_limit_through_an_indicator() -> None:
    share = indicator(measure="share", where="ok", control_chart="p", better="lower",
                      baseline={"from": "2024-01", "to": "2025-08"})  # fmt: skip
    on_limit = [50.0] * 20 + [71.0]
    frame = series([c / 2500 for c in on_limit], on_limit, [2500.0] * 21)
    result = control_for_result(share, frame)
    assert not result.provisional and result.signals == ()
    over = [50.0] * 20 + [72.0]
    frame = series([c / 2500 for c in over], over, [2500.0] * 21)
    assert [s.rule for s in control_for_result(share, frame).signals] == ["WE1"]


def control_for_result(ind: CompiledIndicator, frame: pd.DataFrame) -> ControlResult:
    result = control_for(ind, frame).result
    assert result is not None
    return result


# --- default run rules ------------------------------------------------------


def test_default_rules_are_we1_and_we4() -> None:
    assert DEFAULT_RULES == "basic" and RULE_SETS["basic"] == ("WE1", "WE4")
    spec = Indicator.model_validate(
        {"name": "X", "family": "quality", "dataset": "d", "measure": "mean", "column": "c"}
    )
    assert spec.rules == "basic" and spec.min_baseline_points == 20
    # Centre 0, sigma 1: each value is its own z-score.
    assert fired([0, 0.5, -0.5, 3.5, 0.5, -0.5, 0], DEFAULT_RULES) == {"WE1": [(3,)]}
    assert fired([-0.5, *[0.5] * 8, -0.5], DEFAULT_RULES) == {"WE4": [tuple(range(1, 9))]}
    # Two of three beyond 2 sigma: a WE2 signal only, which the default leaves alone.
    we2_only = [0.5, -0.5, 2.5, -0.5, 2.5, -0.5, 0.5]
    assert fired(we2_only, "western_electric") == {"WE2": [(2, 4)]}
    assert fired(we2_only, DEFAULT_RULES) == {}


def test_an_indicator_without_rules_uses_the_default_and_rules_still_choose() -> None:
    # Twenty quiet months alternating 9.5/10.5 (centre 10, MR-bar 1, sigma 1/1.128 = 0.8865),
    # then 12.0 and 12.0: both beyond 2 sigma (11.773), neither beyond 3 sigma (12.660).
    values = [9.5, 10.5] * 10 + [12.0, 12.0]
    baseline = {"from": "2024-01", "to": "2025-08"}
    plain = control_for_result(indicator(measure="mean", column="c", baseline=baseline),
                               series(values))  # fmt: skip
    assert plain.rules == ("WE1", "WE4") and plain.signals == ()
    chosen = control_for_result(
        indicator(measure="mean", column="c", baseline=baseline, rules="western_electric"),
        series(values),
    )
    assert [(s.rule, s.periods) for s in chosen.signals] == [("WE2", ("2025-09", "2025-10"))]


# --- sigma_z and the automatic choice -------------------------------------------


def test_sigma_z_hand_computed() -> None:
    # n = 100, 400, 100, 400 with 24, 72, 16, 88: p-bar = 200/1000 = 0.2;
    # sigma_p = 0.04 (n = 100) and 0.02 (n = 400); p = .24 .18 .16 .22, so
    # z = 1, -1, -1, 1; moving ranges 2, 0, 2 -> mean 4/3; sigma_z = (4/3)/1.128.
    assert overdispersion([24, 72, 16, 88], [100, 400, 100, 400]) == pytest.approx(
        (4 / 3) / 1.128, abs=1e-12
    )
    # Excluding point 3: p-bar = 184/900 = 0.204444, sigma_p = 0.0403295 (n = 100)
    # and 0.0201648 (n = 400); z1 = 0.035556/0.0403295 = 0.881626,
    # z2 = -0.024444/0.0201648 = -1.212236; the only range left is between points
    # 1 and 2 (point 4's neighbour is out): 2.093863; sigma_z = 2.093863/1.128 = 1.856261.
    assert overdispersion([24, 72, 16, 88], [100, 400, 100, 400], exclude=[2]) == pytest.approx(
        1.856261, abs=1e-6
    )


def counts_around(k: int) -> list[float]:
    """1000, 1000 + k, 1000 - k, 1000 out of 10,000: p-bar stays 0.1."""
    return [1000.0, 1000.0 + k, 1000.0 - k, 1000.0]


@pytest.mark.parametrize(
    ("k", "sigma_z", "kind"),
    [
        # sqrt(10000 * 0.1 * 0.9) = 30 tickets is one sigma: z = 0, k/30, -k/30, 0;
        # moving ranges k/30, 2k/30, k/30 -> mean 4k/90; sigma_z = 4k/(90 * 1.128).
        (38, 4 * 38 / (90 * 1.128), "p"),  # 1.49724
        (39, 4 * 39 / (90 * 1.128), "laney_p"),  # 1.53664
    ],
)
def test_auto_switches_to_laney_above_the_threshold(k: int, sigma_z: float, kind: str) -> None:
    share = indicator(measure="share", where="ok")
    counts = counts_around(k)
    frame = series([c / 10000 for c in counts], counts, [10000.0] * 4)
    result = control_for_result(share, frame)
    assert result.sigma_z == pytest.approx(sigma_z, abs=1e-12)
    assert (result.sigma_z > LANEY_SIGMA_Z) == (kind == "laney_p")
    assert result.kind == kind and result.chosen


# --- pages, dashboard and JSON from a project ------------------------------------

MONTHS = [f"{2024 + i // 12}-{i % 12 + 1:02d}" for i in range(36)]


def plan_with(extra: str, decimals: bool = True) -> dict[str, str]:
    """The mini project with control-chart fields added to ``wait_mean``."""
    files = mini.files()
    plan = files["data/quality-plan.yml"]
    old = "    unit: hours\n    better: lower\n    target: 2\n"
    fields = "    decimals: 3\n" if decimals else ""
    files["data/quality-plan.yml"] = edited(plan, old, old + fields + extra)
    return files


def report(make_project: ProjectFactory, files: dict[str, str], values: list[float]) -> ReportData:
    """A report whose ``wait_mean`` series is ``values``, one complete month each from 2024-01."""
    project = load_project(make_project(files), "data", None)
    assert not project.report.errors, [d.format() for d in project.report.errors]
    assert project.plan is not None
    return build_report(project.plan, monthly(project.plan, "wait_mean", values))


def monthly(plan: Plan, ind_id: str, values: list[float]) -> pd.DataFrame:
    """The results table of one indicator, ``values`` per complete month, n = 40."""
    n = len(values)
    rows = pd.DataFrame(
        {
            "indicator": ind_id,
            "period": MONTHS[:n],
            "period_start": pd.date_range("2024-01-01", periods=n, freq="MS").date,
            "dim": "",
            "dim_value": "",
            "value": pd.Series(values, dtype="float64"),
            "n": 40.0,
            "numerator": pd.Series(values, dtype="float64") * 40,
            "denominator": 40.0,
            "ci_low": math.nan,
            "ci_high": math.nan,
            "target": 2.0,
            "warning": math.nan,
            "status": "meets",
            "partial": False,
        }
    )
    assert set(rows.columns) == set(COLUMNS)
    return rows[COLUMNS]


def quiet(points: int) -> list[float]:
    """Months alternating 1.9 h and 2.1 h: MR-bar 0.2 h, sigma 0.2/1.128 = 0.1773 h."""
    return [1.9, 2.1] * (points // 2) + [1.9] * (points % 2)


def control_section(page: str) -> str:
    start = page.index("## Control chart")
    return page[start : page.index("\n## ", start + 1)]


@pytest.mark.parametrize("points", [19, 20])
def test_limits_from_19_points_are_provisional_from_20_final(
    make_project: ProjectFactory, points: int
) -> None:
    # Baseline: the quiet months; then a 3.0 h month, far above the UCL (about 2.53 h).
    files = plan_with(f"    baseline: {{from: 2024-01, to: {MONTHS[points - 1]}}}\n")
    data = report(make_project, files, [*quiet(points), 3.0])
    outcome = data.controls["wait_mean"]
    assert outcome.result is not None
    result = outcome.result
    assert result.limits.points_used == points
    assert [s.rule for s in result.signals] == ["WE1"]
    spike = MONTHS[points]
    page = control_section(indicator_page(data, "wait_mean").markdown)
    dashboard = dashboard_page(data).markdown
    label = f"provisional limits ({points} points; 20 needed)"
    if points < 20:
        assert result.provisional and result.recent(3) == []
        assert label in page, "written in the chart"
        assert f"**Provisional limits** ({points} points; 20 needed)" in page
        assert "Signals against the provisional limits (not yet claimed as special causes):" in page
        assert f"- {spike} (WE1): above the upper control limit, worse." in page
        assert "Special causes" not in dashboard
        assert f"limits provisional ({points} of 20 points)" in dashboard
        assert "(WE1)" not in dashboard
    else:
        assert not result.provisional
        assert label not in page and "Provisional" not in page
        assert "Signals of a special cause:" in page
        assert "### Special causes: getting worse" in dashboard
        worse = dashboard.split("### Special causes: getting worse", 1)[1].split("###", 1)[0]
        assert "Mean wait" in worse and f"{spike} (WE1)" in worse
        assert "limits provisional" not in dashboard


def test_min_baseline_points_is_declared_per_indicator(make_project: ProjectFactory) -> None:
    files = plan_with("    baseline: {from: 2024-01, to: 2024-12}\n    min_baseline_points: 12\n")
    data = report(make_project, files, [*quiet(12), 3.0])
    result = data.controls["wait_mean"].result
    assert result is not None and result.min_points == 12 and not result.provisional
    assert [s.rule for s in result.recent(3)] == ["WE1"]
    files = plan_with("    min_baseline_points: 1\n")
    project = load_project(make_project(files), "data", None)
    assert any("min_baseline_points" in d.format() for d in project.report.errors)


def test_page_names_the_baseline_and_the_periods_left_out(make_project: ProjectFactory) -> None:
    # Baseline 2024-01 – 2025-10 (22 months) less 2024-05 and 2025-02: 20 months used.
    values = [*quiet(22), 2.2]
    values[4], values[13] = 4.0, 0.5
    files = plan_with("    baseline: {from: 2024-01, to: 2025-10, exclude: [2024-05, 2025-02]}\n")
    data = report(make_project, files, values)
    result = data.controls["wait_mean"].result
    assert result is not None and not result.provisional
    assert result.excluded == ("2024-05", "2025-02")
    page = control_section(indicator_page(data, "wait_mean").markdown)
    assert (
        "Limits computed from 20 periods, 2024-01 – 2025-10 (the declared baseline), "
        "leaving out 2024-05, 2025-02 (known special causes); centre line 2.000 h." in page
    )
    # The numbers table marks each period: in the baseline, left out, or after it.
    cell = r"<td>[^<]*</td>"
    row = rf"<tr><td>(\d{{4}}-\d{{2}})</td>(?:{cell})*?<td>(✔|left out|—)</td>{cell}</tr>"
    cells = re.findall(row, page)
    marks = dict(cells)
    assert marks["2024-01"] == "✔" and marks["2024-05"] == "left out"
    assert marks["2025-02"] == "left out" and marks["2025-11"] == "—"
    assert list(marks.values()).count("✔") == 20


def test_xmr_page_shows_the_mr_chart_with_its_limit(make_project: ProjectFactory) -> None:
    # Quiet months 1.9/2.1: every moving range is 0.2 h, MR-bar = 0.2 h,
    # UCL = 3.267 * 0.2 = 0.6534 h; sigma = 0.2/1.128 = 0.177 h.
    data = report(make_project, plan_with(""), quiet(20))
    result = data.controls["wait_mean"].result
    assert result is not None and result.kind == "xmr"
    assert result.limits.mr_bar == pytest.approx(0.2)
    assert result.limits.mr_upper == pytest.approx(D4 * 0.2) == pytest.approx(0.6534)
    assert np.isnan(result.points["moving_range"].iloc[0])
    assert list(result.points["moving_range"].iloc[1:]) == pytest.approx([0.2] * 19)
    page = control_section(indicator_page(data, "wait_mean").markdown)
    assert page.count('<figure class="sqms-chart"') == 2, "the X chart and the mR chart"
    assert "Mean wait: moving ranges" in page
    assert (
        "Moving ranges (mR chart): MR̄ = 0.200 h, upper limit 3.267 × MR̄ = 0.653 h; "
        "σ = MR̄ / 1.128 = 0.177 h" in page
    )
    assert "<th>Moving range</th>" in page and "<td>0.200 h</td>" in page
    # A p chart has no mR chart.
    assert "moving ranges" not in control_section(indicator_page(data, "fast").markdown)


def test_share_page_states_sigma_z_and_the_choice(make_project: ProjectFactory) -> None:
    project = load_project(make_project(mini.files()), "data", None)
    assert project.plan is not None
    counts = counts_around(60) * 5
    frame = monthly(project.plan, "fast", [c / 10000 for c in counts]).assign(
        numerator=counts, denominator=10000.0, n=10000.0
    )
    data = build_report(project.plan, frame)
    result = data.controls["fast"].result
    # Twenty months of z = 0, 2, -2, 0 (60 tickets is 2 sigma of 30): the 19 moving
    # ranges are 2, 4, 2, 0 four times, then 2, 4, 2: sum 4 * 8 + 8 = 40, mean 40/19;
    # sigma_z = (40/19)/1.128 = 1.86637, above 1.5: Laney p'.
    assert result is not None and result.sigma_z == pytest.approx(40 / 19 / 1.128, abs=1e-9)
    assert result.kind == "laney_p"
    page = control_section(indicator_page(data, "fast").markdown)
    assert "σz = 1.87:" in page
    assert "Above 1.5 the chart is Laney p' (the p limits widened by σz), otherwise p: " in page
    assert "here Laney p' (proportion, large samples)." in page
    assert "**Laney p' (proportion, large samples)** chart." in page


def test_indicators_json_carries_the_control_chart(make_project: ProjectFactory) -> None:
    values = [*quiet(22), 3.0]
    values[4] = 4.0
    files = plan_with("    baseline: {from: 2024-01, to: 2025-10, exclude: [2024-05]}\n")
    data = report(make_project, files, values)
    document = results_document(data.plan, data.results, data.controls)
    assert document == results_document(data.plan, data.results), "computed alike without them"
    control = next(i for i in document["indicators"] if i["id"] == "wait_mean")["control"]
    # 21 months used (2024-05 left out): ten of 1.9 h and eleven of 2.1 h, centre
    # 42.1/21 = 2.00476 h; every moving range not touching 2024-05 is 0.2 h.
    kept = [v for i, v in enumerate(values[:22]) if i != 4]
    centre = sum(kept) / len(kept)
    pairs = [abs(values[i + 1] - values[i]) for i in range(21) if 4 not in (i, i + 1)]
    mr_bar = sum(pairs) / len(pairs)
    assert centre == pytest.approx(42.1 / 21) and mr_bar == pytest.approx(0.2)
    assert control["chart"] == "xmr" and control["chosen"] == "auto"
    assert control["centre"] == pytest.approx(centre)
    assert control["mr_bar"] == pytest.approx(mr_bar)
    assert control["mr_upper"] == pytest.approx(D4 * mr_bar)
    assert control["rules"] == ["WE1", "WE4"]
    assert control["baseline"] == {
        "from": "2024-01",
        "to": "2025-10",
        "declared": True,
        "periods": [m for m in MONTHS[:22] if m != "2024-05"],
        "excluded": ["2024-05"],
    }
    assert control["min_points"] == 20 and control["points_used"] == 21
    assert control["provisional"] is False
    points = control["points"]
    assert [p["period"] for p in points] == MONTHS[:23]
    upper = centre + 3 * mr_bar / 1.128
    assert all(p["upper"] == pytest.approx(upper) for p in points)
    assert all(p["lower"] == pytest.approx(centre - 3 * mr_bar / 1.128) for p in points)
    assert points[4]["baseline"] == "excluded" and points[22]["baseline"] == "outside"
    assert points[0]["moving_range"] is None
    assert points[22]["signals"] == ["WE1"] and points[4]["signals"] == ["WE1"]
    assert {(s["rule"], tuple(s["periods"]), s["worse"]) for s in control["signals"]} == {
        ("WE1", ("2024-05",), True),
        ("WE1", ("2025-11",), True),
    }
    assert json.loads(json.dumps(document)) == document
    others = {i["id"]: i["control"] for i in document["indicators"] if i["id"] != "wait_mean"}
    assert all(c is None for c in others.values()), "no data: no chart"


# --- the CLI table ----------------------------------------------------------------


def test_cli_table_marks_the_partial_period_and_agrees_with_the_dashboard(
    make_project: ProjectFactory,
) -> None:
    files = mini.files()
    files = with_edit(files, "data/quality-plan.yml", "  min_n: 3\n", "  min_n: 1\n")
    root = make_project(files)
    result = CliRunner().invoke(main, ["indicators", "--project", str(root)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # February 2026 is still running (the tickets end on the 10th). In it, "fast"
    # is 0 of 2 answered within 3 hours: 0.0% against 90%, which the results judge
    # "misses" -- the table shows it, marked partial, and does not judge it.
    project = load_project(root, "data", None)
    assert project.plan is not None
    results = compute_results(project)
    feb = results[(results["indicator"] == "fast") & (results["dim"] == "")].iloc[-1]
    assert (feb["period"], feb["status"], bool(feb["partial"])) == ("2026-02", "misses", True)
    fast = [line.split() for line in lines if line.split()[:1] == ["fast"]]
    assert fast == [
        ["fast", "2026-01", "75.0%", "4", "≥", "80.0%", "▲", "warning"],
        ["fast", "2026-02", "(partial)", "0.0%", "2", "≥", "90.0%", "○", "not", "judged"],
    ]
    wait = [line.split() for line in lines if line.split()[:1] == ["wait_mean"]]
    # January: waits 1, 3, 5, 2 h (ticket 5 has none) -> 11/4 = 2.75 h, shown 2.8 h.
    assert wait[0][:4] == ["wait_mean", "2026-01", "2.8", "h"]
    assert wait[1][:3] == ["wait_mean", "2026-02", "(partial)"]
    assert wait[1][-2:] == ["not", "judged"]
    # The latest complete period is the dashboard's.
    data = build_report(project.plan, results)
    intro = re.search(r"latest complete period \(([^)]+)\)", dashboard_page(data).markdown)
    assert intro is not None
    assert lines[0] == f"Latest complete period: {intro.group(1)}"


def test_cli_table_in_chinese(make_project: ProjectFactory) -> None:
    root: Path = make_project(mini.files())
    result = CliRunner().invoke(main, ["indicators", "--lang", "zh", "--project", str(root)])
    assert result.exit_code == 0, result.output
    assert "2026-02 (未完结)" in result.stdout
    assert result.stdout.startswith("最近一个完整周期：")
