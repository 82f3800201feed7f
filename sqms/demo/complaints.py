"""The complaints register: formal complaints, their analysis and their outcome.

Complaints grow out of tickets that went wrong (a slow answer, a billing or
delivery problem), so most name a related ticket. Two storylines show here:
the billing-system change of December 2025 produces a cluster of billing-error
complaints with root cause "system" and action ACT-2025-003, which dies down
from February 2026; and Chengdu's difficult summer of 2025 brings complaints
about slow responses and staff, traced to action ACT-2025-001.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sqms.demo.common import (
    BILLING_CHANGE,
    BUSINESS_DAY,
    CHENGDU_STRAIN,
    DAY,
    BoolArray,
    FloatArray,
    IntArray,
    Period,
    lognormal,
    numbered,
    pick,
)
from sqms.demo.feedback import TicketFacts
from sqms.demo.hours import OpeningHours
from sqms.demo.texts import COMPLAINT_TEXTS, FOLLOW_UPS

CATEGORIES = (
    "billing error",
    "slow response",
    "rude staff",
    "wrong information",
    "delivery delay",
    "product defect",
    "privacy",
)
BILLING_ERROR, SLOW, RUDE, WRONG_INFO, DELIVERY, DEFECT, PRIVACY = range(7)
_SHARE = np.array([0.17, 0.22, 0.08, 0.15, 0.22, 0.12, 0.04])
_CHANNELS = ("phone", "email", "web", "social media", "regulator")
_SEVERITIES = ("low", "medium", "high", "critical")
_SEVERITY = np.array([[0.4, 0.4, 0.17, 0.03]] * 7)
_SEVERITY[PRIVACY] = (0.05, 0.25, 0.45, 0.25)
_SEVERITY[RUDE] = (0.2, 0.5, 0.25, 0.05)
_ROOT_CAUSES = ("process", "people", "system", "supplier", "policy", "unknown")
_ROOT = np.array(
    [
        [0.30, 0.20, 0.30, 0.05, 0.10, 0.05],
        [0.40, 0.35, 0.10, 0.00, 0.05, 0.10],
        [0.10, 0.75, 0.00, 0.00, 0.05, 0.10],
        [0.35, 0.35, 0.15, 0.00, 0.05, 0.10],
        [0.15, 0.05, 0.05, 0.65, 0.00, 0.10],
        [0.10, 0.00, 0.10, 0.70, 0.00, 0.10],
        [0.45, 0.20, 0.25, 0.00, 0.05, 0.05],
    ]
)
PROCESS, PEOPLE, SYSTEM = 0, 1, 2
_OUTCOMES = ("upheld", "partly upheld", "not upheld")
_REPEAT_SHARE = 0.06


def _candidates(tickets: pd.DataFrame, facts: TicketFacts) -> list[BoolArray]:
    """For each complaint category, the tickets such a complaint could grow out of."""
    category = tickets["category"].to_numpy()
    any_ticket = np.ones(len(tickets), dtype=np.bool_)
    return [
        category == "billing",
        np.nan_to_num(facts.first_response_minutes, nan=1e9) > 240,
        any_ticket,
        facts.reopened | facts.escalated,
        category == "delivery",
        (category == "technical") | (category == "returns"),
        category == "account",
    ]


def _related(
    rng: np.random.Generator, tickets: pd.DataFrame, facts: TicketFacts, period: Period, n: int
) -> tuple[IntArray, IntArray]:
    """Ticket rows and complaint categories, month by month and category by category."""
    volume = np.bincount(facts.month, minlength=period.months).astype(np.float64)
    rate = np.outer(volume, _SHARE)
    rate[:, BILLING_ERROR] *= 1 + 4.0 * period.table(BILLING_CHANGE)
    rate[:, SLOW] *= 1 + 1.5 * period.table(CHENGDU_STRAIN)
    rate[:, RUDE] *= 1 + 1.0 * period.table(CHENGDU_STRAIN)
    rate *= n / (1 + _REPEAT_SHARE) / rate.sum()
    # Less noise than Poisson counts, so a chance spike does not tell a false story.
    rate *= np.exp(0.15 * rng.standard_normal(rate.shape))
    counts = np.floor(rate + rng.random(rate.shape)).astype(np.int64)
    rows: list[IntArray] = []
    kinds: list[IntArray] = []
    for c, mask in enumerate(_candidates(tickets, facts)):
        for m in range(period.months):
            pool = np.flatnonzero(mask & (facts.month == m))
            if pool.size == 0 or counts[m, c] == 0:
                continue
            rows.append(rng.choice(pool, size=counts[m, c]).astype(np.int64))
            kinds.append(np.full(counts[m, c], c, dtype=np.int64))
    if not rows:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    return np.concatenate(rows), np.concatenate(kinds)


def _root_causes(
    rng: np.random.Generator, kind: IntArray, strain: FloatArray, cluster: BoolArray
) -> IntArray:
    """Root cause per complaint: the storylines override the usual mix."""
    root = np.where(cluster & (rng.random(kind.size) < 0.9), SYSTEM, _draw_rows(rng, _ROOT, kind))
    staff = (kind == SLOW) | (kind == RUDE) | (kind == WRONG_INFO)
    return np.where(staff & (rng.random(kind.size) < 0.8 * strain), PEOPLE, root).astype(np.int64)


def _actions(
    tickets: pd.DataFrame,
    row: IntArray,
    kind: IntArray,
    root: IntArray,
    received: FloatArray,
    period: Period,
) -> pd.Series:
    """Link analysed complaints to the improvement action that answered them."""
    day = (period.origin + (received // DAY).astype(np.int64)).astype("datetime64[D]")
    channel = tickets["channel"].to_numpy()[row]
    team = tickets["team"].to_numpy()[row]

    def between(first: str, last: str) -> BoolArray:
        return np.asarray(
            (day >= np.datetime64(first)) & (day <= np.datetime64(last)), dtype=np.bool_
        )

    slow = kind == SLOW
    rules = [
        (kind == BILLING_ERROR) & (root == SYSTEM) & between("2025-11-20", "2026-02-28"),
        (team == "Chengdu L1") & (root == PEOPLE) & between("2025-06-01", "2025-10-31"),
        (slow | (kind == WRONG_INFO))
        & np.isin(channel, ["chat", "web"])
        & between("2025-12-01", "2026-03-31"),
        slow & (channel == "phone") & between("2026-04-01", "2026-07-31"),
    ]
    ids = ["ACT-2025-003", "ACT-2025-001", "ACT-2026-002", "ACT-2026-005"]
    action = np.select(rules, ids, "")
    return pd.Series(action, dtype="str").replace("", np.nan)


def _describe(rng: np.random.Generator, kind: IntArray, repeat: BoolArray) -> pd.Series:
    """Short descriptions from per-category phrasings plus a closing request."""
    text = np.empty(kind.size, dtype=object)
    for c, options in enumerate(COMPLAINT_TEXTS):
        rows = np.flatnonzero(kind == c)
        text[rows] = np.asarray(options, dtype=object)[rng.integers(0, len(options), rows.size)]
    closing = np.asarray(FOLLOW_UPS, dtype=object)[rng.integers(0, len(FOLLOW_UPS), kind.size)]
    described = pd.Series(text, dtype="str") + pd.Series(closing, dtype="str")
    return described.where(~repeat, "Second complaint about this. " + described)


def _with_repeats(
    rng: np.random.Generator, row: IntArray, kind: IntArray, received: FloatArray
) -> tuple[IntArray, IntArray, FloatArray, BoolArray]:
    """Add repeat complaints: the same customer and category again within 30 days."""
    again = np.flatnonzero(rng.random(row.size) < _REPEAT_SHARE)
    later = received[again] + rng.uniform(2.0, 28.0, again.size) * DAY
    return (
        np.concatenate([row, row[again]]),
        np.concatenate([kind, kind[again]]),
        np.concatenate([received, later]),
        np.concatenate([np.zeros(row.size, np.bool_), np.ones(again.size, np.bool_)]),
    )


def _handling(
    rng: np.random.Generator, hours: OpeningHours, received: FloatArray, severity: IntArray
) -> tuple[FloatArray, FloatArray]:
    """Acknowledgement within hours and resolution within days, both in office time."""
    n = received.size
    acknowledged = hours.add(received, lognormal(rng, 120.0, 0.8, n))
    urgency = np.array([1.2, 1.0, 0.7, 0.4])[severity]
    resolved = hours.add(acknowledged, lognormal(rng, 5 * BUSINESS_DAY, 0.7, n) * urgency)
    return acknowledged, resolved


def build_complaints(
    rng: np.random.Generator,
    tickets: pd.DataFrame,
    facts: TicketFacts,
    period: Period,
    hours: OpeningHours,
    n: int,
) -> pd.DataFrame:
    """About n complaints over the period, with analysis and outcome where done."""
    row, kind = _related(rng, tickets, facts, period, n)
    received = facts.created[row] + np.fmin(lognormal(rng, 2 * DAY, 0.8, row.size), 20 * DAY)
    row, kind, received, repeat = _with_repeats(rng, row, kind, received)
    keep = received < period.end
    order = np.argsort(np.where(keep, received, np.inf), kind="stable")[: keep.sum()]
    row, kind, received, repeat = row[order], kind[order], received[order], repeat[order]
    m = row.size
    channel = pick(rng, (0.3, 0.3, 0.2, 0.15, 0.05), m)
    # Nobody answers the phone line while the help desk is closed.
    channel = np.where((channel == 0) & ~hours.is_open(received), 1, channel)
    severity = np.minimum(_draw_rows(rng, _SEVERITY, kind) + (channel == 4), 3)
    acknowledged, resolved = _handling(rng, hours, received, severity)
    acknowledged, resolved = (np.where(t < period.end, t, np.nan) for t in (acknowledged, resolved))
    done = np.isfinite(resolved)
    cluster = (kind == BILLING_ERROR) & (period.table(BILLING_CHANGE)[facts.month[row]] >= 0.5)
    root = _root_causes(rng, kind, facts.strain[row], cluster)
    analysed = rng.random(m) < np.where(done, 0.96, 0.3)
    outcome_p = np.where(cluster[:, None], [[0.85, 0.1, 0.05]], [[0.4, 0.25, 0.35]])
    outcome = _draw_matrix(rng, outcome_p)
    satisfied = rng.random(m) < np.array([0.78, 0.5, 0.22])[outcome]
    linked = rng.random(m) < 0.75
    frame = pd.DataFrame(
        {
            "complaint_id": numbered("CMP-", m, 4),
            "received_at": period.to_datetime(received),
            "channel": pd.Series(np.asarray(_CHANNELS)[channel], dtype="str"),
            "customer_id": pd.Series(tickets["customer_id"].to_numpy()[row], dtype="str"),
            "ticket_id": pd.Series(tickets["ticket_id"].to_numpy()[row], dtype="str").where(linked),
            "category": pd.Series(np.asarray(CATEGORIES)[kind], dtype="str"),
            "severity": pd.Series(np.asarray(_SEVERITIES)[severity], dtype="str"),
            "description": _describe(rng, kind, repeat),
            "root_cause": pd.Series(np.asarray(_ROOT_CAUSES)[root], dtype="str").where(analysed),
            "action_id": _actions(tickets, row, kind, root, received, period).where(analysed),
            "acknowledged_at": period.to_datetime(acknowledged),
            "resolved_at": period.to_datetime(resolved),
            "outcome": pd.Series(np.asarray(_OUTCOMES)[outcome], dtype="str").where(done),
            "satisfied": pd.Series(satisfied, dtype="boolean").where(done),
        }
    )
    # Drawn last, so that the columns above are as they were before decisions were kept.
    upheld = done & (outcome < 2)
    needed, decision = _decisions(
        rng, upheld, frame["action_id"], frame["root_cause"], received, period
    )
    at = list(frame.columns).index("action_id") + 1
    frame.insert(at, "action_needed", needed)
    frame.insert(at + 1, "decision", decision)
    return frame


_REASONS = {
    "yes": "The cause can recur: corrective action raised.",
    "supplier": "Supplier fault, taken up with the supplier; no internal cause to remove.",
    "people": "Individual slip, coached with the agent; no pattern in the register.",
    "policy": "Policy applied as written; reviewed and kept.",
    "other": "One-off error, corrected for this customer; no recurrence in the register.",
}
"""Why action is or is not needed, by the root cause of an upheld complaint."""


def _decisions(
    rng: np.random.Generator,
    upheld: BoolArray,
    action: pd.Series,
    root: pd.Series,
    received: FloatArray,
    period: Period,
) -> tuple[pd.Series, pd.Series]:
    """Whether an upheld complaint needs corrective action, and why (ISO 9001 10.2.1 b).

    A complaint linked to an action needed one; the others did not. Most have
    their decision recorded; some from the last weeks of the period are
    still waiting for it, and a rare older one was never decided.
    """
    recent = received >= period.end - 75 * DAY
    chance = rng.random(upheld.size)
    waiting = upheld & ((recent & (chance < 0.4)) | (chance < 0.02))
    decided = upheld & ~waiting
    linked = action.notna().to_numpy()
    causes = root.fillna("").to_numpy(dtype=str)
    reason = np.select(
        [linked, causes == "supplier", causes == "people", causes == "policy"],
        [_REASONS["yes"], _REASONS["supplier"], _REASONS["people"], _REASONS["policy"]],
        _REASONS["other"],
    )
    needed = pd.Series(linked, dtype="boolean").where(decided)
    return needed, pd.Series(reason, dtype="str").where(decided)


def _draw_rows(rng: np.random.Generator, table: FloatArray, kind: IntArray) -> IntArray:
    """One draw per row from the probability row table[kind]."""
    return _draw_matrix(rng, table[kind])


def _draw_matrix(rng: np.random.Generator, probs: FloatArray) -> IntArray:
    """One categorical draw per row of a probability matrix (rows sum to 1)."""
    cumulative = np.cumsum(probs, axis=1)
    u = rng.random((probs.shape[0], 1)) * cumulative[:, -1:]
    drawn = np.minimum((u >= cumulative).sum(axis=1), probs.shape[1] - 1)
    return np.asarray(drawn, dtype=np.int64)
