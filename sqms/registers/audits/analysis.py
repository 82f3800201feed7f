"""The internal audit register judged on a date: the facts its page, attention and review show.

This is the package's judgement, with no Markdown in it: the register as two
tables (audits, findings), each audit's state (held, planned, or overdue and
by how many days) and each finding's open state and age as of the reference
date, the counts the summary and the page give, the nonconformities still
open and the audits overdue. The tests of dates against a review period are
here too, so that :mod:`~sqms.registers.audits.review` only writes lines.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from sqms.registers.audits.spec import FINDING_TYPES, AuditsSpec

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod

STATES = ("held", "planned", "overdue")
"""What an audit of the programme can be on the reference date."""


@dataclass(frozen=True)
class AuditFacts:
    """The audit register judged as of one date: what its page, attention and review show."""

    audits: pd.DataFrame
    """``audit``, ``title``, ``planned``, ``held``, ``scope`` (text), ``state`` and
    ``overdue_days``."""
    findings: pd.DataFrame
    """``finding``, ``audit``, ``type``, ``clause``, ``statement``, ``action``, ``closed``,
    the audit's ``held``, ``open`` and ``age_days`` (for findings still open)."""
    states: dict[str, int]
    """How many audits are in each state, every state of :data:`STATES` given."""
    state_of: dict[str, str]
    """Each audit's state, by audit id."""
    overdue_days: dict[str, int]
    """How many days each overdue audit is late, by audit id."""
    by_type: dict[str, tuple[int, int]]
    """Per finding type of ``FINDING_TYPES``: (findings, those still open)."""
    open_nonconformities: pd.DataFrame
    """The nonconformities not closed, oldest first (rows of ``findings``)."""
    overdue: pd.DataFrame
    """The audits overdue, earliest planned first (rows of ``audits``)."""


def analyse_audits(spec: AuditsSpec, today: dt.date) -> AuditFacts:
    """The programme and the findings judged as of ``today``."""
    audits, findings = audit_frames(spec, today)
    counts = audits["state"].value_counts()
    total = findings.groupby("type").size()
    still_open = findings[findings["open"]].groupby("type").size()
    overdue = audits[audits["state"] == "overdue"]
    return AuditFacts(
        audits=audits,
        findings=findings,
        states={state: int(counts.get(state, 0)) for state in STATES},
        state_of=dict(zip(audits["audit"], audits["state"], strict=True)),
        overdue_days=dict(zip(overdue["audit"], overdue["overdue_days"], strict=True)),
        by_type={
            kind: (int(total.get(kind, 0)), int(still_open.get(kind, 0))) for kind in FINDING_TYPES
        },
        open_nonconformities=_open_nonconformities(findings),
        overdue=overdue.sort_values("planned"),
    )


def audit_frames(spec: AuditsSpec, today: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The audits and the findings as tables, judged as of ``today``.

    Audits (with their scope as text) gain ``state`` (held, planned or
    overdue) and ``overdue_days``; findings gain the audit's held date,
    ``open`` and ``age_days`` (days from the audit to today, for the findings
    still open).
    """
    date = "datetime64[s]"
    audits = pd.DataFrame(
        [{"audit": a.id, "title": a.title, "planned": a.planned, "held": a.held,
          "scope": ", ".join(a.scope)} for a in spec.audits],
        columns=["audit", "title", "planned", "held", "scope"],
    ).astype({"audit": "string", "title": "string", "planned": date, "held": date,
              "scope": "string"})  # fmt: skip
    now = pd.Timestamp(today)
    overdue = audits["held"].isna() & (audits["planned"] < now)
    audits["state"] = pd.Series("planned", index=audits.index, dtype="string")
    audits.loc[audits["held"].notna(), "state"] = "held"
    audits.loc[overdue, "state"] = "overdue"
    audits["overdue_days"] = (now - audits["planned"]).dt.days.where(overdue).astype("Int64")
    rows = [
        {"finding": f.id, "audit": a.id, "type": f.type, "clause": f.clause,
         "statement": f.statement, "action": f.action, "closed": f.closed}
        for a in spec.audits
        for f in a.findings
    ]  # fmt: skip
    columns = {"finding": "string", "audit": "string", "type": "string", "clause": "string",
               "statement": "string", "action": "string", "closed": date}  # fmt: skip
    findings = pd.DataFrame(rows, columns=list(columns)).astype(columns)
    findings = findings.merge(audits[["audit", "held"]], on="audit", how="left")
    findings["open"] = findings["closed"].isna().astype("bool")
    age = (now - findings["held"]).dt.days.where(findings["open"])
    findings["age_days"] = age.astype("Int64")
    return audits, findings


def _open_nonconformities(findings: pd.DataFrame) -> pd.DataFrame:
    """Nonconformities not closed, oldest first."""
    chosen = findings[findings["open"] & (findings["type"] == "nonconformity")]
    return chosen.sort_values(["age_days", "finding"], ascending=[False, True], kind="stable")


def inside(dates: pd.Series, period: ReviewPeriod) -> pd.Series:
    """Whether each date falls in ``period`` (a missing date does not)."""
    return (dates >= pd.Timestamp(period.start)) & (dates <= pd.Timestamp(period.end))


def open_on(findings: pd.DataFrame, day: dt.date) -> pd.Series:
    """Whether each finding was raised by ``day`` and not closed on it."""
    on = pd.Timestamp(day)
    return (findings["held"] <= on) & (findings["closed"].isna() | (findings["closed"] > on))
