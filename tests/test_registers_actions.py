"""The improvement action register: loading, effectiveness judgement, pages and attention.

Effectiveness is judged on hand-built results tables and data rows, and every
expected number is worked out by hand in a comment beside it.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from sqms.engine.expressions import parse_expression
from sqms.engine.plan import CompiledIndicator
from sqms.project import load_project
from sqms.registers import RegisterContext
from sqms.registers.actions.analysis import overdue_steps, unattended_misses
from sqms.registers.actions.detail_page import check_text
from sqms.registers.actions.effectiveness import Rows, judge_effectiveness
from sqms.registers.actions.register import ActionRegister, ActionsAnalysis
from sqms.registers.actions.spec import Action, ActionsFile, Effectiveness
from sqms.schema.plan import Indicator
from sqms.site.reporting import build_report
from tests import mini
from tests.support.dates import NOV_24_2026, NOV_24_2026_EPOCH
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, errors
from tests.support.registers import analysed as analysed_register
from tests.support.registers import indicator_report

TODAY = NOV_24_2026
ACTIONS = "data/registers/actions.yml"


# --- hand-built data ---------------------------------------------------------


def indicator(
    ind_id: str = "fast", min_n: int = 30, where: str | None = None, **spec: Any
) -> CompiledIndicator:
    """A monthly indicator of the given spec (a share with target 90% by default)."""
    fields = {
        "name": "Fast",
        "family": "efficiency",
        "dataset": "tickets",
        "measure": "share",
        "where": "wait_h <= 3",
        "unit": "percent",
        "target": 0.9,
        **spec,
    }
    parsed = parse_expression(where) if where else None
    return CompiledIndicator(ind_id, Indicator.model_validate(fields), "month", min_n, parsed)


def results(
    ind_id: str, rows: list[tuple[Any, ...]], partial: tuple[str, ...] = ()
) -> pd.DataFrame:
    """A results table: rows of (period, dim, dim_value, value, n, numerator, denominator)."""
    table = pd.DataFrame(
        rows, columns=["period", "dim", "dim_value", "value", "n", "numerator", "denominator"]
    )
    starts = [dt.date(int(p[:4]), int(p[5:]), 1) for p in table["period"]]
    return table.assign(
        indicator=ind_id,
        period_start=pd.Series(starts, dtype="object"),
        target=0.9,
        status="meets",
        partial=table["period"].isin(partial),
    )


def check(**fields: Any) -> Effectiveness:
    """An effectiveness check of the indicator "fast" (``fields`` give the rest)."""
    return Effectiveness.model_validate({"indicator": "fast", **fields})


# Baseline 2026-01..02: 40/50 and 45/60; follow-up 2026-04..05: 55/60 and 57/60.
SHARES = [
    ("2026-01", "", "", 0.8, 50, 40, 50),
    ("2026-02", "", "", 0.75, 60, 45, 60),
    ("2026-03", "", "", 0.9, 60, 54, 60),
    ("2026-04", "", "", 55 / 60, 60, 55, 60),
    ("2026-05", "", "", 0.95, 60, 57, 60),
]
WINDOWS = {"baseline": "2026-01..2026-02", "follow_up": "2026-04..2026-05"}


def test_share_is_pooled_and_tested_with_a_two_proportion_z_test() -> None:
    judgement = judge_effectiveness(check(**WINDOWS), indicator(), results("fast", SHARES))
    # Pooled, not averaged: baseline (40 + 45) / (50 + 60) = 85/110 = 0.772727…
    # (the mean of 80% and 75% would be 77.5%); follow-up (55 + 57) / 120 = 0.933333….
    assert judgement.baseline.value == pytest.approx(85 / 110)
    assert judgement.baseline.n == 110
    assert judgement.follow_up.value == pytest.approx(112 / 120)
    assert judgement.follow_up.n == 120
    # Change 0.933333 − 0.772727 = 0.160606. Pooled share p̂ = 197/230 = 0.856522;
    # se = √(0.856522 × 0.143478 × (1/110 + 1/120)) = √(0.122892 × 0.0174242) = 0.0462742;
    # z = 0.160606 / 0.0462742 = 3.4707; one-sided p = ½·erfc(3.4707/√2) = 0.000260.
    assert judgement.change == pytest.approx(0.160606, abs=1e-6)
    assert judgement.z == pytest.approx(3.4707, abs=1e-4)
    assert judgement.p == pytest.approx(0.000260, abs=1e-6)
    assert judgement.verdict == "passed"
    assert [(c.name, c.passed) for c in judgement.checks] == [
        ("direction", True),
        ("significance", True),
        ("target", True),
    ]


def test_criteria_are_stated_in_words_with_their_numbers() -> None:
    judgement = judge_effectiveness(check(**WINDOWS), indicator(), results("fast", SHARES))
    texts = [check_text(c, indicator()) for c in judgement.checks]
    # Change 0.160606 is shown as 16.1 points; z 3.4707 as 3.47; p 0.00026 as < 0.001.
    assert texts == [
        "✔ Better after than before: +16.1 points.",
        "✔ The improvement is significant: z = 3.47, one-sided p < 0.001.",
        "✔ The follow-up value 93.3% meets the target 90.0% in force in 2026-05.",
    ]
    rows = [("2026-01", "", "", 0.9, 100, 90, 100), ("2026-02", "", "", 0.92, 100, 92, 100)]
    spec = check(baseline="2026-01", follow_up="2026-02", meet_target=False)
    weak = judge_effectiveness(spec, indicator(), results("fast", rows))
    # z 0.4942 and p 0.3106 (worked out in the test below).
    assert check_text(weak.checks[1], indicator()) == (
        "✖ The improvement is not significant: z = 0.49, one-sided p = 0.311 (p < 0.05 needed)."
    )


def test_a_change_below_the_declared_minimum_fails() -> None:
    judgement = judge_effectiveness(
        check(**WINDOWS, min_change=0.2), indicator(), results("fast", SHARES)
    )
    # 0.1606 is an improvement, but less than the 0.2 (20 points) required.
    assert judgement.verdict == "failed"
    failed = [c.name for c in judgement.checks if not c.passed]
    assert failed == ["min_change"]


def test_a_follow_up_below_the_target_in_force_fails() -> None:
    # Target 95% from April 2026: the follow-up's 93.3% misses it, though it improved.
    strict = indicator(
        target=None,
        targets=[{"from": "2025-01-01", "target": 0.9}, {"from": "2026-04-01", "target": 0.95}],
    )
    judgement = judge_effectiveness(check(**WINDOWS), strict, results("fast", SHARES))
    assert judgement.verdict == "failed"
    assert judgement.target == 0.95
    assert [c.name for c in judgement.checks if not c.passed] == ["target"]
    # Not required: the same improvement passes.
    judgement = judge_effectiveness(
        check(**WINDOWS, meet_target=False), strict, results("fast", SHARES)
    )
    assert judgement.verdict == "passed"


def test_small_improvements_are_not_significant() -> None:
    rows = [("2026-01", "", "", 0.9, 100, 90, 100), ("2026-02", "", "", 0.92, 100, 92, 100)]
    judgement = judge_effectiveness(
        check(baseline="2026-01", follow_up="2026-02", meet_target=False),
        indicator(),
        results("fast", rows),
    )
    # p̂ = 182/200 = 0.91; se = √(0.91 × 0.09 × 2/100) = √0.001638 = 0.040472;
    # z = 0.02 / 0.040472 = 0.4942; p = ½·erfc(0.4942/√2) = 0.3106 ≥ 0.05.
    assert judgement.z == pytest.approx(0.4942, abs=1e-4)
    assert judgement.p == pytest.approx(0.3106, abs=1e-4)
    assert judgement.verdict == "failed"


def test_an_incomplete_follow_up_is_pending() -> None:
    partial = results("fast", SHARES, partial=("2026-05",))
    assert judge_effectiveness(check(**WINDOWS), indicator(), partial).verdict == "pending"
    later = check(baseline="2026-01..2026-02", follow_up="2026-04..2026-07")
    judgement = judge_effectiveness(later, indicator(), results("fast", SHARES))
    assert judgement.verdict == "pending"
    assert judgement.checks[0].values == {"periods": "2026-06, 2026-07"}


def test_too_few_observations_or_no_value_is_not_judged() -> None:
    # The baseline rests on 110 answers: below a minimum of 200 it is not judged.
    judgement = judge_effectiveness(check(**WINDOWS), indicator(min_n=200), results("fast", SHARES))
    assert judgement.verdict == "not_judged"
    assert [c.name for c in judgement.checks] == ["small_n", "small_n"]
    # A breakdown value with no rows has no value in either window.
    web = check(**WINDOWS, breakdown={"channel": "web"})
    judgement = judge_effectiveness(web, indicator(by=["channel"]), results("fast", SHARES))
    assert judgement.verdict == "not_judged"
    assert [c.name for c in judgement.checks] == ["no_value", "no_value"]
    # A baseline that starts before the data is not judged either.
    early = check(baseline="2025-12..2026-02", follow_up="2026-04..2026-05")
    judgement = judge_effectiveness(early, indicator(), results("fast", SHARES))
    assert [c.name for c in judgement.checks] == ["before_data"]


def test_count_is_the_mean_per_period_with_empty_months_as_zero() -> None:
    count = indicator(
        "volume",
        measure="count",
        where=None,
        unit="count",
        better="lower",
        target=20,
        by=["category"],
    )
    totals = [
        (p, "", "", 30.0, 30, 30, math.nan)
        for p in ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06")
    ]
    billing = [
        ("2026-01", "category", "billing", 13.0, 13, 13, math.nan),
        ("2026-02", "category", "billing", 9.0, 9, 9, math.nan),
        ("2026-04", "category", "billing", 3.0, 3, 3, math.nan),
        ("2026-06", "category", "billing", 2.0, 2, 2, math.nan),
    ]
    spec = Effectiveness.model_validate(
        {
            "indicator": "volume",
            "breakdown": {"category": "billing"},
            "baseline": "2026-01..2026-02",
            "follow_up": "2026-04..2026-06",
            "min_change": 5,
        }
    )
    judgement = judge_effectiveness(spec, count, results("volume", totals + billing))
    # Baseline (13 + 9) / 2 = 11 a month; follow-up (3 + 0 + 2) / 3 = 1.6667 (May had none).
    assert judgement.baseline.value == pytest.approx(11.0)
    assert judgement.follow_up.value == pytest.approx(5 / 3)
    # Fewer is better: change 11 − 1.6667 = 9.3333 ≥ 5; 1.67 ≤ 20 meets the target.
    assert judgement.change == pytest.approx(28 / 3)
    assert judgement.verdict == "passed"
    assert judgement.series.set_index("period").loc["2026-05", "value"] == 0.0


def test_median_is_recomputed_from_the_rows_of_each_window() -> None:
    median = indicator(
        "wait_median",
        measure="median",
        column="wait_h",
        unit="hours",
        better="lower",
        target=2,
        min_n=1,
        where="wait_h < 50",
        by=["channel"],
    )
    frame = pd.DataFrame(
        {
            "created_at": pd.to_datetime(
                [
                    "2026-01-05 10:00",
                    "2026-01-06 10:00",
                    "2026-01-07 10:00",
                    "2026-02-03 10:00",
                    "2026-02-04 10:00",
                    "2026-02-05 10:00",
                    "2026-04-01 10:00",
                    "2026-04-02 10:00",
                    "2026-04-03 10:00",
                    "2026-04-04 10:00",
                    "2026-04-05 10:00",
                ]
            ),
            "wait_h": [1.0, 5.0, 3.0, 10.0, 2.0, 100.0, 0.5, 1.0, 4.0, 0.2, 9.0],
            "channel": ["chat"] * 10 + ["email"],
        }
    )
    totals = [
        (p, "", "", 1.0, 3, math.nan, math.nan)
        for p in ("2026-01", "2026-02", "2026-03", "2026-04")
    ]
    rows = Rows(frame, "created_at", "Asia/Shanghai")
    spec = Effectiveness.model_validate(
        {"indicator": "wait_median", "baseline": "2026-01..2026-02", "follow_up": "2026-04"}
    )
    judgement = judge_effectiveness(spec, median, results("wait_median", totals), rows)
    # Baseline rows with wait_h < 50: 1, 5, 3, 10, 2 (100 is left out by `where`);
    # sorted 1, 2, 3, 5, 10: odd n, the middle (3rd) value → 3 h (monthly medians
    # 3 and (2 + 10) ÷ 2 = 6: a window's median is not pooled from them).
    assert judgement.baseline.value == 3.0
    assert judgement.baseline.n == 5
    # Follow-up 0.5, 1, 4, 0.2, 9: sorted 0.2, 0.5, 1, 4, 9 → 3rd = 1 h.
    assert judgement.follow_up.value == 1.0
    # Only chat: 0.2, 0.5, 1, 4 → even n, the mean of the two middle values,
    # (0.5 + 1) ÷ 2 = 0.75 h (the lower middle value 0.5 before medians averaged them).
    chat = Effectiveness.model_validate(
        {
            "indicator": "wait_median",
            "breakdown": {"channel": "chat"},
            "baseline": "2026-01..2026-02",
            "follow_up": "2026-04",
        }
    )
    judgement = judge_effectiveness(chat, median, results("wait_median", totals), rows)
    assert judgement.follow_up.value == 0.75
    assert judgement.follow_up.n == 4
    # Lower is better: 3 − 0.75 = 2.25 h better, and 0.75 h meets the 2 h target.
    assert judgement.change == pytest.approx(2.25)
    assert judgement.verdict == "passed"


# --- steps, closures and misses ----------------------------------------------


def action(**fields: Any) -> Action:
    """An open corrective action ACT-1 (``fields`` change or add to it)."""
    base = {
        "id": "ACT-1",
        "title": "T",
        "kind": "corrective",
        "owner": "Quality Manager",
        "source": {"type": "review", "refs": ["minutes"]},
        "opened": "2026-01-05",
        "problem": "P",
        "status": "do",
    }
    return Action.model_validate({**base, **fields})


def test_overdue_steps_are_judged_against_today() -> None:
    steps = [
        {"what": "late", "owner": "A", "due": "2026-10-31"},
        {"what": "due today", "owner": "A", "due": "2026-11-24"},
        {"what": "done late", "owner": "A", "due": "2026-10-01", "done": "2026-10-05"},
    ]
    found = overdue_steps([action(steps=steps)], TODAY)
    assert [(f.number, f.step.what) for f in found] == [(1, "late")]
    assert overdue_steps([action(steps=steps)], dt.date(2026, 10, 31)) == []
    assert overdue_steps([action(steps=steps, status="closed", closed="2026-11-01")], TODAY) == []


def test_misses_without_an_open_action_are_flagged() -> None:
    rows = results("fast", [*SHARES, ("2026-06", "", "", 0.5, 60, 30, 60)], partial=("2026-06",))
    statuses = {"2026-03": "warning", "2026-04": "misses", "2026-05": "misses"}
    rows["status"] = rows["period"].map(statuses).fillna("meets")
    context: Any = SimpleNamespace(results=rows, plan=SimpleNamespace(indicators={"fast": None}))
    # The latest three complete periods (June is partial) all missed the target.
    found = unattended_misses([], context, 3)
    assert [(u.indicator, u.periods) for u in found] == [
        ("fast", ("2026-03", "2026-04", "2026-05"))
    ]
    # Four periods: January met the target, so nothing is flagged.
    assert unattended_misses([], context, 4) == []
    # An open action on the indicator takes it off the list; a closed one does not.
    assert unattended_misses([action(indicators=["fast"])], context, 3) == []
    closed = action(indicators=["fast"], status="closed", closed="2026-06-01")
    assert len(unattended_misses([closed], context, 3)) == 1


# --- through a project -------------------------------------------------------


def write(make_project: ProjectFactory, actions: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The mini project with the actions register ``actions``, judged as of 2026-11-24."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_24_2026_EPOCH)
    return make_project({**mini.files(), ACTIONS: actions})


def messages(root: Path) -> list[str]:
    """The errors of the project at ``root``, manual and all."""
    return errors(load_project(root))


CLOSED_UNCHECKED = """
actions:
  - id: ACT-2026-001
    title: "<script>alert(1)</script> fix"
    kind: corrective
    source: {type: indicator, refs: [fast]}
    opened: 2026-01-10
    owner: Service Desk Manager
    problem: Slow <b>answers</b>
    root_cause:
      category: process
      whys:
        - Why slow? Queue unsorted.
        - Why unsorted? No rule.
    steps:
      - {what: Sort the queue, owner: Team Leader, due: 2026-01-20, done: 2026-01-19}
    status: closed
    closed: 2026-02-01
    effectiveness: {indicator: fast, baseline: 2026-01, follow_up: 2026-02}
  - id: ACT-2026-002
    title: Open and late
    kind: preventive
    source: {type: review, refs: "Management review 2026-01"}
    opened: 2026-01-10
    owner: Quality Manager
    problem: Risk
    steps:
      - {what: Write the rule, owner: Quality Manager, due: 2026-03-01}
    status: do
"""


def analysed(root: Path) -> tuple[ActionsAnalysis, RegisterContext]:
    """The actions register's analysis of the project at ``root`` (which has no errors)."""
    project = load_project(root)
    assert not project.report.errors, errors(project)
    assert isinstance(project.registers["actions"], ActionRegister)
    return analysed_register(project, indicator_report(project), "actions", ActionsAnalysis)


def test_closed_without_a_passed_check_and_overdue_steps_need_attention(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis, context = analysed(write(make_project, CLOSED_UNCHECKED, monkeypatch))
    # The mini data ends on 10 February 2026: February is not complete, so the
    # check of the closed action is pending, and pending is not passed.
    assert analysis.facts.verdict(analysis.facts.actions[0]) == "pending"
    texts = [(item.group, item.text) for item in analysis.attention(context)]
    assert texts == [
        (
            "Overdue action steps",
            "[ACT-2026-002 Open and late](registers/actions/ACT-2026-002.md): step 1 “Write the rule”"
            " was due 2026-03-01 (owner: Quality Manager)",
        ),
        (
            "Actions closed without a passed effectiveness check",
            "[ACT-2026-001 &lt;script&gt;alert(1)&lt;/script&gt; fix](registers/actions/ACT-2026-001.md):"
            " closed 2026-02-01, effectiveness ◷ pending",
        ),
    ]


def test_pages_escape_text_and_flag_overdue_steps(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis, context = analysed(write(make_project, CLOSED_UNCHECKED, monkeypatch))
    pages = {page.path: page.markdown for page in analysis.pages(context)}
    assert list(pages) == [
        "registers/actions.md",
        "registers/actions/ACT-2026-001.md",
        "registers/actions/ACT-2026-002.md",
    ]
    register = pages["registers/actions.md"]
    assert "<script>" not in register
    assert (
        "| [ACT-2026-001](actions/ACT-2026-001.md) | &lt;script&gt;alert(1)&lt;/script&gt; fix"
        " | corrective | indicator below target: [fast](../indicators/fast.md) |" in register
    )
    assert "| **2026-03-01** ⚠ overdue | — no check |" in register
    assert "| plan | do | check | act | closed |\n|---|---|---|---|---|\n| 0 | 1 | 0 | 0 | 1 |" in (
        register
    )
    page = pages["registers/actions/ACT-2026-001.md"]
    assert "<script>" not in page and "<b>" not in page
    assert "# ACT-2026-001 — &lt;script&gt;alert(1)&lt;/script&gt; fix" in page
    assert "1. Why slow? Queue unsorted.\n2. Why unsorted? No rule." in page
    assert '<figure class="sqms-chart"' in page and "Numbers behind the chart" in page
    assert "**Verdict: ◷ pending**" in page
    late = pages["registers/actions/ACT-2026-002.md"]
    assert "| 1 | Write the rule | Quality Manager | **2026-03-01** ⚠ overdue | — |" in late
    assert "No effectiveness check is declared for this action." in late


def test_an_empty_file_or_list_is_a_register_without_actions(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    for text in ("", "# nothing yet\n", "actions: []\n", "flag_misses_after: 2\nactions:\n"):
        root = write(make_project, text, monkeypatch)
        project = load_project(root)
        assert errors(project) == [], text
        register = project.registers["actions"]
        assert isinstance(register, ActionRegister)
        assert list(register.ids()["action"]) == []


GOOD = """
actions:
  - id: ACT-2026-001
    title: Fix
    kind: corrective
    source: {type: complaint, refs: [CMP-9999]}
    opened: 2026-01-10
    owner: Service Desk Manager
    problem: Slow
    status: check
    indicators: [fsat]
    documents: [QP-99]
    effectiveness: {indicator: fast, baseline: 2026-01, follow_up: 2026-02}
"""


def test_unknown_ids_are_reported_by_the_registers_framework(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert messages(write(make_project, GOOD, monkeypatch)) == [
        f'{ACTIONS}:5: unknown complaint "CMP-9999"',
        f'{ACTIONS}:10: unknown indicator "fsat" (did you mean "fast"?)',
        f'{ACTIONS}:11: unknown document "QP-99"',
    ]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    title: Fix\n", "    title: Fix\n  bad: [\n", f"{ACTIONS}:4: invalid YAML: "),
        (
            "    title: Fix",
            "    titel: Fix",
            f'{ACTIONS}:3: unknown key "titel" (did you mean "title"?)',
        ),
        (
            "    opened: 2026-01-10",
            "    opened: yesterday",
            f'{ACTIONS}:6: actions[0].opened: expected a date (YYYY-MM-DD), got "yesterday"',
        ),
        (
            "    status: check",
            "    status: finished",
            f'{ACTIONS}:9: actions[0].status: "finished" is not one of ',
        ),
        (
            "refs: [fast]",
            "refs: []",
            f'{ACTIONS}:5: actions[0].source: a source of type "indicator" names its items in "refs"',
        ),
        (
            "    status: check",
            "    status: closed",
            f'{ACTIONS}:9: a closed action needs its closing date: add "closed: YYYY-MM-DD"',
        ),
        (
            "    status: check",
            "    status: check\n    closed: 2026-02-01",
            f'{ACTIONS}:10: a closing date is given but the status is "check": set "status: closed"'
            " or remove the date",
        ),
        (
            "baseline: 2026-01,",
            "baseline: 2026-13..2026-02,",
            f'{ACTIONS}:12: actions[0].effectiveness.baseline: "2026-13..2026-02" is not a window'
            " of whole periods",
        ),
        (
            "follow_up: 2026-02}",
            "follow_up: 2025-12}",
            f"{ACTIONS}:12: the follow-up must start after the baseline: it starts in 2025-12,"
            " the baseline ends in 2026-01",
        ),
        (
            "baseline: 2026-01, follow_up: 2026-02}",
            "baseline: 2026-Q1, follow_up: 2026-Q2}",
            f"{ACTIONS}:12: indicator fast is computed per month: write its windows as 2026-03",
        ),
        (
            "{indicator: fast,",
            "{indicator: fast, breakdown: {team: web},",
            f'{ACTIONS}:12: indicator fast is not broken down by "team" (its breakdowns: channel)',
        ),
        (
            "{indicator: fast,",
            "{indicator: fast, breakdown: {channel: web},",
            f'{ACTIONS}:12: "web" is not a value of channel in datasets.yml',
        ),
        (
            "{indicator: fast,",
            "{indicator: fast, meet_target: 1.5,",
            f"{ACTIONS}:12: actions[0].effectiveness.meet_target: expected true or false",
        ),
    ],
)
def test_bad_input_is_reported_at_its_line(
    make_project: ProjectFactory,
    monkeypatch: pytest.MonkeyPatch,
    old: str,
    new: str,
    message: str,
) -> None:
    text = edited(GOOD, "type: complaint, refs: [CMP-9999]", "type: indicator, refs: [fast]")
    text = edited(edited(text, "[fsat]", "[fast]"), "[QP-99]", "[]")
    found = messages(write(make_project, edited(text, old, new), monkeypatch))
    assert any(f.startswith(message) for f in found), found


def test_duplicate_ids_and_dates_out_of_order(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = textwrap.dedent("""
        actions:
          - id: ACT-1
            title: A
            kind: corrective
            source: {type: review}
            opened: 2026-03-01
            owner: QM
            problem: P
            steps:
              - {what: S, owner: QM, due: 2026-03-10, done: 2026-12-01}
              - {what: T, owner: QM, due: 2026-03-10}
            status: closed
            closed: 2026-02-01
          - id: act-1
            title: B
            kind: preventive
            source: {type: audit, refs: [IA-1]}
            opened: 2026-03-01
            owner: QM
            problem: P
            status: plan
    """)
    found = messages(write(make_project, text, monkeypatch))
    assert found == [
        f"{ACTIONS}:10: step 1 was done on 2026-12-01, after the action was closed on 2026-02-01",
        f"{ACTIONS}:11: the action is closed but step 2 is not done: record its done date,"
        " or reopen the action",
        f"{ACTIONS}:13: closed on 2026-02-01, before it was opened on 2026-03-01",
        f'{ACTIONS}:14: duplicate action id "act-1" (first used on line 2)',
        f'{ACTIONS}:17: unknown audit finding "IA-1"',
    ]


# --- the sample register -----------------------------------------------------


def test_the_sample_register_tells_its_story() -> None:
    root = Path(__file__).resolve().parents[1]
    project = load_project(root)
    assert project.plan is not None and project.catalog is not None
    register = project.registers.get("actions")
    assert isinstance(register, ActionRegister), errors(project)
    from sqms.engine.compute import compute

    report = build_report(project.plan, compute(project.plan, project.catalog))
    context = RegisterContext(report, project.catalog, project.manual, TODAY, {})
    analysis = register.analyse(context)
    verdicts = {a.id: analysis.facts.verdict(a) for a in register.actions}
    assert verdicts == {
        "ACT-2025-001": "passed",
        "ACT-2025-003": "passed",
        "ACT-2026-002": "passed",
        "ACT-2026-004": None,
        "ACT-2026-005": "failed",
        "ACT-2026-006": None,
        "ACT-2026-007": "pending",
    }
    assert [a.id for a in analysis.facts.unchecked] == ["ACT-2026-004"]
    assert [(o.action.id, o.number) for o in analysis.facts.overdue] == [("ACT-2026-006", 3)]
    assert ActionsFile.model_fields["flag_misses_after"].default == 3
