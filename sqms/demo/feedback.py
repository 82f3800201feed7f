"""Customer feedback and internal quality checks on resolved tickets.

Survey scores are driven by what happened to the ticket — a slow first
response, a reopened or escalated ticket, a long resolution, a struggling
team — so that the satisfaction indicators move with the service indicators,
as they do in real life. QA reviews sample resolved tickets and judge whether
the answer was correct; accuracy drops in Chengdu's difficult months and rises
after the knowledge-base refresh of ACT-2026-002.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sqms.demo.common import (
    BILLING_CHANGE,
    BUSINESS_DAY,
    CHENGDU_STRAIN,
    TRIAGE_FROM,
    BoolArray,
    FloatArray,
    IntArray,
    Period,
    lognormal,
    numbered,
)
from sqms.demo.hours import OpeningHours
from sqms.demo.texts import NEGATIVE, NEUTRAL, POSITIVE

_TAGS = (
    "slow response",
    "friendly",
    "resolved first time",
    "had to repeat myself",
    "billing error",
    "late delivery",
    "easy",
    "transferred",
)


@dataclass
class TicketFacts:
    """What a ticket's customer experienced, derived back from the ticket table."""

    created: FloatArray
    resolved: FloatArray
    first_response_minutes: FloatArray  # business minutes
    resolution_minutes: FloatArray  # business minutes from creation
    strain: FloatArray  # how hard the Chengdu trouble hit this ticket (0..1)
    after_triage: BoolArray
    billing_change: FloatArray
    reopened: BoolArray
    escalated: BoolArray
    month: IntArray

    @classmethod
    def of(cls, tickets: pd.DataFrame, period: Period, hours: OpeningHours) -> TicketFacts:
        """Facts for every ticket row, in row order."""
        created = period.to_seconds(tickets["created_at"])
        resolved = period.to_seconds(tickets["resolved_at"])
        start = hours.to_business(created)
        month = period.month_of_day((created // 86_400).astype(np.int64))
        chengdu = (tickets["team"] == "Chengdu L1").to_numpy()
        billing = (tickets["category"] == "billing").to_numpy()
        return cls(
            created=created,
            resolved=resolved,
            first_response_minutes=hours.to_business(
                period.to_seconds(tickets["first_response_at"])
            )
            - start,
            resolution_minutes=hours.to_business(resolved) - start,
            strain=period.table(CHENGDU_STRAIN)[month] * chengdu,
            after_triage=period.since(TRIAGE_FROM)[month] > 0,
            billing_change=period.table(BILLING_CHANGE)[month] * billing,
            reopened=tickets["reopened"].to_numpy(dtype=np.bool_),
            escalated=tickets["escalated"].to_numpy(dtype=np.bool_),
            month=month,
        )


def _sample(rng: np.random.Generator, facts: TicketFacts, share: float) -> IntArray:
    """Row numbers of a random share of the resolved tickets."""
    resolved = np.isfinite(facts.resolved)
    return np.flatnonzero(resolved & (rng.random(resolved.size) < share)).astype(np.int64)


def _experience(rng: np.random.Generator, f: TicketFacts, rows: IntArray) -> FloatArray:
    """A latent satisfaction score per sampled ticket: higher is happier."""
    slow = np.log1p(np.fmax(f.first_response_minutes[rows], 0) / 30.0)
    long = np.log1p(np.fmax(f.resolution_minutes[rows], 0) / BUSINESS_DAY)
    return np.asarray(
        2.55
        + rng.standard_normal(rows.size)
        - 0.3 * slow
        - 0.35 * long
        - 1.6 * f.reopened[rows]
        - 0.5 * f.escalated[rows]
        - 0.7 * f.strain[rows]
        - 0.8 * f.billing_change[rows],
        dtype=np.float64,
    )


def _scores(rng: np.random.Generator, mood: FloatArray) -> dict[str, pd.Series]:
    """CSAT 1-5, NPS 0-10 and effort 1-7 (low is easy), NPS and effort often skipped."""
    n = mood.size
    csat = 1 + np.searchsorted([-0.6, 0.1, 0.7, 1.5], mood + 0.35 * rng.standard_normal(n))
    nps = np.clip(np.round(8.5 + 1.5 * (mood + 0.45 * rng.standard_normal(n) - 2.0)), 0, 10)
    ces = np.clip(np.round(2.45 - 1.1 * (mood + 0.5 * rng.standard_normal(n) - 2.0)), 1, 7)
    return {
        "csat": pd.Series(csat.astype(np.int64), dtype="int64"),
        "nps": pd.Series(nps.astype(np.int64), dtype="Int64").mask(rng.random(n) < 0.30),
        "ces": pd.Series(ces.astype(np.int64), dtype="Int64").mask(rng.random(n) < 0.40),
    }


def _tags(
    rng: np.random.Generator, f: TicketFacts, rows: IntArray, tickets: pd.DataFrame, csat: IntArray
) -> pd.Series:
    """Tag lists: each tag is likelier when the ticket's story supports it."""
    n = rows.size
    category = tickets["category"].to_numpy()[rows]
    slow = f.first_response_minutes[rows] > 240
    happy = csat >= 4
    smooth = ~f.reopened[rows] & ~f.escalated[rows]
    chance = {
        "slow response": np.where(slow, 0.6, 0.03),
        "friendly": np.where(happy, 0.35, 0.02),
        "resolved first time": np.where(happy & smooth, 0.3, 0.0),
        "had to repeat myself": np.where(smooth, np.where(happy, 0.0, 0.05), 0.4),
        "billing error": np.where(category == "billing", 0.25 + 0.4 * f.billing_change[rows], 0.0),
        "late delivery": np.where(category == "delivery", 0.35, 0.0),
        "easy": np.where(happy & ~slow, 0.25, 0.01),
        "transferred": np.where(f.escalated[rows], 0.5, 0.01),
    }
    joined = pd.Series("", index=range(n), dtype="str")
    for tag in _TAGS:
        joined = joined + np.where(rng.random(n) < chance[tag], tag + "|", "")
    return joined.str.findall(r"[^|]+")


def _comments(rng: np.random.Generator, csat: IntArray) -> pd.Series:
    """Free-text comments matching the score; unhappy customers write more often."""
    n = csat.size
    texts = np.where(
        csat >= 4,
        np.asarray(POSITIVE, dtype=object)[rng.integers(0, len(POSITIVE), n)],
        np.where(
            csat == 3,
            np.asarray(NEUTRAL, dtype=object)[rng.integers(0, len(NEUTRAL), n)],
            np.asarray(NEGATIVE, dtype=object)[rng.integers(0, len(NEGATIVE), n)],
        ),
    )
    u = rng.random(n)
    writes = u < np.where(csat <= 2, 0.8, 0.45)
    comment = pd.Series(texts, dtype="str").where(writes, "")
    return comment.mask(~writes & (rng.random(n) < 0.55))  # null: the field was skipped


def build_surveys(
    rng: np.random.Generator,
    tickets: pd.DataFrame,
    facts: TicketFacts,
    period: Period,
) -> pd.DataFrame:
    """Post-contact survey responses for about a quarter of the resolved tickets."""
    rows = _sample(rng, facts, 0.25)
    # Most answer within hours of the resolution mail; none after the export.
    delay = np.fmin(lognormal(rng, 3.0 * 3600, 1.2, rows.size), 7 * 86_400.0) + 60.0
    responded = facts.resolved[rows] + delay
    keep = responded < period.end
    rows, responded = rows[keep], responded[keep]
    order = np.argsort(responded, kind="stable")
    rows, responded = rows[order], responded[order]
    scores = _scores(rng, _experience(rng, facts, rows))
    csat = scores["csat"].to_numpy(dtype=np.int64)
    return pd.DataFrame(
        {
            "response_id": numbered("S", rows.size, 6),
            "ticket_id": tickets["ticket_id"].to_numpy()[rows],
            "responded_at": period.to_datetime(responded),
            "channel": tickets["channel"].to_numpy()[rows],
            "team": tickets["team"].to_numpy()[rows],
            **scores,
            "comment": _comments(rng, csat),
            "tags": _tags(rng, facts, rows, tickets, csat),
        }
    ).astype({"ticket_id": "str", "channel": "str", "team": "str"})


def build_qa_reviews(
    rng: np.random.Generator,
    tickets: pd.DataFrame,
    facts: TicketFacts,
    period: Period,
    hours: OpeningHours,
) -> pd.DataFrame:
    """QA reviews of about 4 % of resolved tickets, done by reviewers in office hours."""
    rows = _sample(rng, facts, 0.04)
    reviewed = hours.add(facts.resolved[rows], rng.uniform(0.5, 8.0, rows.size) * BUSINESS_DAY)
    keep = reviewed < period.end
    rows, reviewed = rows[keep], reviewed[keep]
    order = np.argsort(reviewed, kind="stable")
    rows, reviewed = rows[order], reviewed[order]
    accuracy = (
        0.925
        - 0.17 * facts.strain[rows]
        + 0.035 * facts.after_triage[rows]
        - 0.06 * facts.reopened[rows]
    )
    correct = rng.random(rows.size) < accuracy
    score = np.where(
        correct,
        np.clip(rng.normal(86, 7, rows.size), 60, 100),
        np.clip(rng.normal(52, 13, rows.size), 0, 79),
    )
    return pd.DataFrame(
        {
            "review_id": numbered("Q", rows.size, 5),
            "ticket_id": pd.Series(tickets["ticket_id"].to_numpy()[rows], dtype="str"),
            "reviewed_at": period.to_datetime(reviewed),
            "team": pd.Series(tickets["team"].to_numpy()[rows], dtype="str"),
            "correct": correct,
            "score": np.round(score).astype(np.int64),
        }
    )
