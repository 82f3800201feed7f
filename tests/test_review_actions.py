"""What the improvement action register gives a management review: sections a, c4, e and f.

A small register is built by hand (the helpers of the register's own tests);
every count, date and verdict below is worked out by hand in a comment. The
state at a period's end is judged on min(period end, today).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest

from sqms.i18n import use_language
from sqms.registers import RegisterContext
from sqms.registers.actions.analysis import unattended_misses
from sqms.registers.actions.register import ActionRegister, ActionsAnalysis
from sqms.registers.actions.spec import ActionsFile
from tests.support.projects import ProjectFactory
from tests.support.registers import review_period
from tests.test_registers_actions import (
    CLOSED_UNCHECKED,
    SHARES,
    action,
    analysed,
    indicator,
    results,
    write,
)

ACTIONS_DIR = "../../registers/actions"

# "fast": Oct–Dec 2025 miss the target, then the SHARES months Jan–May 2026 meet it.
FAST = [
    ("2025-10", "", "", 0.7, 60, 42, 60),
    ("2025-11", "", "", 0.7, 60, 42, 60),
    ("2025-12", "", "", 0.7, 60, 42, 60),
    *SHARES,
]
FAST_STATUS = {"2025-10": "misses", "2025-11": "misses", "2025-12": "misses"}
# "wait": meets target in October 2025, then warning or misses in every month to June 2026.
WAIT_STATUS = {
    "2025-10": "meets",
    "2025-11": "misses",
    "2025-12": "warning",
    "2026-01": "misses",
    "2026-02": "warning",
    "2026-03": "misses",
    "2026-04": "misses",
    "2026-05": "misses",
    "2026-06": "misses",
}


def step(
    what: str, due: str, done: str | None = None, owner: str = "Team Leader"
) -> dict[str, Any]:
    """One step of an action, done on ``done`` (None: not done)."""
    found = {"what": what, "owner": owner, "due": due}
    return found if done is None else {**found, "done": done}


# R1: raised by the January review; its check on "fast" ends in May 2026 (passes: the
# register's own test works out +16.1 points). R2: an earlier review action, closed
# in 2025. C1–C3: corrective actions.
R1 = action(
    id="ACT-R1",
    title="Review action",
    kind="preventive",
    source={"type": "review", "refs": ["MR 2026-01 item 3"]},
    opened="2026-01-20",
    status="check",
    steps=[
        step("Plan", "2026-02-15", "2026-02-10"),
        step("Do", "2026-03-15", "2026-04-02"),
        step("Train", "2026-06-30"),
    ],
    effectiveness={
        "indicator": "fast",
        "baseline": "2026-01..2026-02",
        "follow_up": "2026-04..2026-05",
    },
)
R2 = action(
    id="ACT-R2",
    title="Old review action",
    kind="preventive",
    opened="2025-07-20",
    status="closed",
    closed="2025-12-01",
)
C1 = action(
    id="ACT-C1",
    title="Fix wait",
    source={"type": "indicator", "refs": ["wait"]},
    opened="2026-02-03",
    status="closed",
    closed="2026-03-20",
    steps=[step("Fix", "2026-02-20", "2026-03-01")],
)
C2 = action(
    id="ACT-C2",
    title="Queue <rule>",
    source={"type": "complaint", "refs": ["CMP-1"]},
    opened="2026-03-10",
    steps=[step("Write <the> rule", "2026-03-25"), step("Brief", "2026-04-30", "2026-04-28")],
)
C3 = action(
    id="ACT-C3", title="Older", opened="2025-11-10", source={"type": "audit", "refs": ["F1"]}
)


def table() -> pd.DataFrame:
    """The results of both indicators, with their statuses set by hand."""
    fast = results("fast", FAST)
    fast["status"] = fast["period"].map(FAST_STATUS).fillna("meets")
    months = list(WAIT_STATUS)
    wait = results("wait", [(p, "", "", 0.8, 60, 48, 60) for p in months])
    wait["status"] = wait["period"].map(WAIT_STATUS)
    return pd.concat([fast, wait], ignore_index=True)


def context(today: dt.date) -> RegisterContext:
    """A context of two monthly indicators and no documents."""
    plan = SimpleNamespace(
        indicators={"fast": indicator("fast"), "wait": indicator("wait", name="Wait")}
    )
    report: Any = SimpleNamespace(plan=plan, results=table())
    manual: Any = SimpleNamespace(documents={})
    return RegisterContext(report, None, manual, today)


def analysis(ctx: RegisterContext, *actions: Any) -> ActionsAnalysis:
    """The analysis of a register of ``actions`` (default R1, R2, C1, C2 and C3)."""
    register = ActionRegister(ActionsFile(actions=list(actions) or [R1, R2, C1, C2, C3]), "a.yml")
    return register.analyse(ctx)


def review(today: dt.date, label: str, *actions: Any) -> dict[str, list[str]]:
    """The register's review of ``label`` on ``today`` (of ``actions``, default R1 R2 C1-C3)."""
    ctx = context(today)
    return analysis(ctx, *actions).review(ctx, review_period(label))


def link(action_id: str, title: str) -> str:
    """The link from a review page to an action's page."""
    return f"[{action_id} {title}]({ACTIONS_DIR}/{action_id}.md)"


TODAY = dt.date(2026, 5, 20)


def test_a_quarter_in_the_past_is_judged_at_its_end() -> None:
    lines = review(TODAY, "2026-Q1")  # as of min(2026-03-31, 2026-05-20) = 2026-03-31
    # a) R1 (opened 2026-01-20) is shown; R2, closed 2025-12-01 before the quarter, is not.
    # On 31 March: step 1 done (02-10), step 2 done only on 04-02 so not yet and overdue
    # (due 03-15), step 3 due 06-30: 1 of 3 done, 1 overdue. The stage now ("check") is
    # not the stage then, so "open". The follow-up ends 2026-05-31, after 31 March: pending.
    assert lines["a"] == [
        "- Actions raised by management reviews, open during 2026-Q1 or opened in it: 1 — 1 open"
        " on 2026-03-31, 0 closed in the period. Closed before 2026-01-01 and left out (see the"
        " earlier reviews): 1.",
        "",
        "| Action | Opened | Review decision | Status on 2026-03-31 | Effectiveness on 2026-03-31 |",
        "|---|---|---|---|---|",
        f"| {link('ACT-R1', 'Review action')} | 2026-01-20 | MR 2026-01 item 3"
        " | open, 1 of 3 steps done ⚠ 1 overdue | ◷ pending |",
    ]
    # c4) Corrective: C1, C2, C3 (R1 and R2 are preventive). Opened in Q1: C1 (02-03) and
    # C2 (03-10) = 2; in 2025-Q4: C3 (11-10) = 1, so 1 more. Closed in Q1: C1 (03-20) = 1;
    # in 2025-Q4: none. Open on 03-31: C2 and C3 (C1 closed); C2's step 1, due 03-25, not
    # done: 1 with overdue steps. C2's step 2 was done on 04-28: 0 of 2 done on 03-31.
    assert lines["c4"] == [
        f"- Corrective actions opened in 2026-Q1: 2, 1 more than in 2025-Q4:"
        f" {link('ACT-C1', 'Fix wait')}, {link('ACT-C2', 'Queue &lt;rule&gt;')}.",
        f"- Corrective actions closed in 2026-Q1: 1, 1 more than in 2025-Q4:"
        f" {link('ACT-C1', 'Fix wait')}.",
        "- Corrective actions open on 2026-03-31: 2, 1 of them with steps overdue on that day.",
        "",
        "| Action | Opened | Steps done by 2026-03-31 | Overdue on 2026-03-31 |",
        "|---|---|---|---|",
        f"| {link('ACT-C2', 'Queue &lt;rule&gt;')} | 2026-03-10 | 0 of 2 | ⚠ step 1"
        " “Write &lt;the&gt; rule”, due 2026-03-25 (Team Leader) |",
        f"| {link('ACT-C3', 'Older')} | 2025-11-10 | 0 of 0 | — |",
    ]
    # e) Q1: C1 closed 03-20, no check. R1's follow-up ends in May. 2025-Q4: R2 closed
    # 2025-12-01: also 1, so "as many as".
    assert lines["e"] == [
        "- Effectiveness checks ended or actions closed in 2026-Q1: 1, as many as in 2025-Q4"
        " — 1 — no check.",
        "",
        "| Action | Indicator checked | Follow-up | Change | Effectiveness on 2026-03-31"
        " | Status on 2026-03-31 |",
        "|---|---|---|---|---|---|",
        f"| {link('ACT-C1', 'Fix wait')} | — | — | — | — no check | closed 2026-03-20 |",
    ]
    # f) On 03-31 "wait" missed in Jan, Feb (warning) and Mar; C1 named it but was closed
    # on 03-20: flagged. "fast" met in Jan–Mar. On 2025-12-31 "fast" had missed Oct–Dec and
    # R1, which checks it, was opened only on 2026-01-20: 1 then too.
    assert lines["f"] == [
        "- Indicators below target in each of the latest 3 complete periods up to 2026-03-31,"
        " with no open action on them: 1, as many as in 2025-Q4:",
        "    - [Wait](../../indicators/wait.md): 2026-01, 2026-02, 2026-03",
    ]
    before = review(TODAY, "2025-Q4")
    assert before["f"][-1] == "    - [Fast](../../indicators/fast.md): 2025-10, 2025-11, 2025-12"


def test_the_current_quarter_is_judged_on_the_reference_date() -> None:
    early = review(TODAY, "2026-Q2")  # as of min(2026-06-30, 2026-05-20) = 2026-05-20
    # R1's follow-up ends 2026-05-31, after 20 May: still pending, and nothing closed.
    assert early["e"] == [
        "- No effectiveness check ended and no action was closed in 2026-Q2 (1 in 2026-Q1)."
    ]
    # On the reference date the stage is known: "check"; steps 1 and 2 done (02-10, 04-02),
    # step 3 due 06-30 not overdue.
    assert early["a"][-1] == (
        f"| {link('ACT-R1', 'Review action')} | 2026-01-20 | MR 2026-01 item 3"
        " | check, 2 of 3 steps done | ◷ pending |"
    )
    # f) Only periods ended by 20 May count: May has not ended, so "wait"'s latest three
    # are Feb (warning), Mar, Apr.
    assert early["f"][-1] == "    - [Wait](../../indicators/wait.md): 2026-02, 2026-03, 2026-04"
    later = review(dt.date(2026, 6, 15), "2026-Q2")  # as of 2026-06-15
    # The follow-up (April–May) has ended: R1's verdict, passed with +16.1 points.
    assert later["e"] == [
        "- Effectiveness checks ended or actions closed in 2026-Q2: 1, as many as in 2026-Q1"
        " — 1 ✔ passed.",
        "",
        "| Action | Indicator checked | Follow-up | Change | Effectiveness on 2026-06-15"
        " | Status on 2026-06-15 |",
        "|---|---|---|---|---|---|",
        f"| {link('ACT-R1', 'Review action')} | [Fast](../../indicators/fast.md)"
        " | 2026-04 – 2026-05 | +16.1 points | ✔ passed | check, 2 of 3 steps done |",
    ]
    assert later["a"][-1].endswith("| check, 2 of 3 steps done | ✔ passed |")
    # May has ended by 15 June: Mar, Apr, May.
    assert later["f"][-1] == "    - [Wait](../../indicators/wait.md): 2026-03, 2026-04, 2026-05"


def test_an_empty_period_says_so() -> None:
    lines = review(TODAY, "2025-Q1")  # as of 2025-03-31: before every action and result
    assert lines == {
        "a": [
            "- No action raised by a management review was open during 2025-Q1 or opened in it"
            " (as of 2025-03-31)."
        ],
        "c4": [
            "- No corrective action was opened in 2025-Q1 (0 in 2024-Q4).",
            "- No corrective action was closed in 2025-Q1 (0 in 2024-Q4).",
            "- No corrective action was open on 2025-03-31.",
        ],
        "e": ["- No effectiveness check ended and no action was closed in 2025-Q1 (0 in 2024-Q4)."],
        "f": [
            "- No indicator missed its target in each of the latest 3 complete periods up to"
            " 2025-03-31 without an open action on it (0 at the end of 2024-Q4)."
        ],
    }
    with use_language("zh"):
        chinese = review(TODAY, "2025-Q1")
    assert chinese["c4"][-1] == "- 2025年3月31日 没有未关闭的纠正措施。"


def test_a_register_without_review_actions_says_none_comes_from_a_review() -> None:
    lines = review(TODAY, "2026-Q1", C1, C2)
    assert lines["a"] == [
        "- No improvement action comes from a management review: no action in the register has"
        " source type `review`."
    ]
    # C1 and C2 opened in Q1; nothing in 2025-Q4: 2 more.
    assert lines["c4"][0].startswith("- Corrective actions opened in 2026-Q1: 2, 2 more than in")


def test_the_dashboard_flag_taken_at_a_day() -> None:
    ctx = context(TODAY)
    actions = [R1, R2, C1, C2, C3]
    # The dashboard (no day): every complete period, every action not closed. "wait"'s
    # latest three are Apr, May, Jun (the table marks none partial): flagged.
    found = unattended_misses(actions, ctx, 3)
    assert [(u.indicator, u.periods) for u in found] == [
        ("wait", ("2026-04", "2026-05", "2026-06"))
    ]
    # On 2026-02-28: "wait" missed Dec (warning), Jan and Feb (warning), but C1, open that
    # day (opened 02-03, closed 03-20), names it as its source: not flagged. "fast" met
    # its target in Jan and Feb.
    assert unattended_misses(actions, ctx, 3, dt.date(2026, 2, 28)) == []
    # On 2026-03-20 C1 was closed (at the end of that day): "wait" Dec, Jan, Feb flagged.
    found = unattended_misses(actions, ctx, 3, dt.date(2026, 3, 20))
    assert [(u.indicator, u.periods) for u in found] == [
        ("wait", ("2025-12", "2026-01", "2026-02"))
    ]


@pytest.mark.parametrize("label", ["2026-Q1", "2026-01", "2026"])
def test_through_a_project_links_are_relative_to_the_review_page(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch, label: str
) -> None:
    result, ctx = analysed(write(make_project, CLOSED_UNCHECKED, monkeypatch))
    lines = result.review(ctx, review_period(label))
    # ACT-2026-002, from "Management review 2026-01", opened 2026-01-10, one step due
    # 2026-03-01 never done; no check. As of 31 March (or 31 January, or today for 2026,
    # 2026-11-24): overdue except on 31 January.
    overdue = " ⚠ 1 overdue" if label != "2026-01" else ""
    stage = "do" if label == "2026" else "open"
    assert lines["a"][-1] == (
        "| [ACT-2026-002 Open and late](../../registers/actions/ACT-2026-002.md) | 2026-01-10"
        f" | Management review 2026-01 | {stage}, 0 of 1 step done{overdue} | — no check |"
    )
