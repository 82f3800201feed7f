"""The register of risks and opportunities judged on a date: the facts its page is made from.

This is the judgement of the register, and nothing else: every entry as a
row of a table (highest score first) with whether its review is overdue on
the as-of date and by how many days, the counts by kind and by status, the
overdue reviews longest first, and the open risks counted on the 5 × 5 grid
of likelihood and impact. The page, the dashboard items, the index summary
and the management review lines are made from these facts by ``page`` and
``review``; the heat map is drawn from the grid by ``charts``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from sqms.registers.risks.spec import KINDS, SCALE, STATUSES, Risk, RisksSpec

COLUMNS = ("id", "kind", "title", "likelihood", "impact", "score", "owner", "status", "review_on")
"""The entry's fields the table of the register holds, in its order."""


@dataclass(frozen=True)
class RiskFacts:
    """Everything the register's page, summary, attention items and review input show."""

    frame: pd.DataFrame
    """The table of :func:`risk_frame`: every entry, highest score first."""
    entries: tuple[Risk, ...]
    """The entries themselves, in the order of ``frame``."""
    kinds: dict[str, int]
    """Entries by kind (``risk``, ``opportunity``)."""
    statuses: dict[str, int]
    """Entries by status (``open``, ``treated``, ``closed``)."""
    overdue: pd.DataFrame
    """The rows of ``frame`` whose review is overdue, longest overdue first."""
    cells: pd.DataFrame
    """The open risks on the grid: :func:`heat_cells`."""

    @property
    def overdue_reviews(self) -> int:
        """How many entries' reviews are overdue."""
        return len(self.overdue)


def analyse_risks(spec: RisksSpec, today: dt.date) -> RiskFacts:
    """The register judged as of ``today``: its table, counts, overdue reviews and grid."""
    frame = risk_frame(spec, today)
    first = {entry.id: entry for entry in reversed(spec.risks)}  # an id used twice: its first
    overdue = frame[frame["overdue"]]
    return RiskFacts(
        frame=frame,
        entries=tuple(first[str(entry_id)] for entry_id in frame["id"]),
        kinds=_counts(frame["kind"], KINDS),
        statuses=_counts(frame["status"], STATUSES),
        overdue=overdue.sort_values(["overdue_days", "id"], ascending=[False, True]),
        cells=heat_cells(frame),
    )


def _counts(values: pd.Series, allowed: tuple[str, ...]) -> dict[str, int]:
    """How many of ``values`` are each of the ``allowed`` values (0 for those not found)."""
    counts = values.value_counts().reindex(list(allowed), fill_value=0)
    return {str(value): int(count) for value, count in counts.items()}


def risk_frame(spec: RisksSpec, today: dt.date) -> pd.DataFrame:
    """Every entry as a row, highest score first, with ``overdue`` judged on ``today``.

    A review is overdue when ``review_on`` is before ``today`` and the entry
    is not closed; ``overdue_days`` counts the days since ``review_on``.
    """
    rows = [
        {"id": r.id, "kind": r.kind, "title": r.title, "likelihood": r.likelihood,
         "impact": r.impact, "score": r.score, "owner": r.owner, "status": r.status,
         "review_on": r.review_on}
        for r in spec.risks
    ]  # fmt: skip
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    days = (pd.Timestamp(today) - pd.to_datetime(frame["review_on"])).dt.days.astype("int64")
    frame["overdue"] = (days > 0) & (frame["status"] != "closed")
    frame["overdue_days"] = days.where(frame["overdue"]).astype("Int64")
    order = frame.sort_values(["score", "impact", "id"], ascending=[False, False, True])
    return order.reset_index(drop=True)


def heat_cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell of the grid (``likelihood``, ``impact``, ``count``), empty cells at 0.

    ``frame`` is the register's table (:func:`risk_frame`): only risks whose
    status is ``open`` are counted.
    """
    chosen = frame[(frame["kind"] == "risk") & (frame["status"] == "open")]
    counts = chosen.groupby(["likelihood", "impact"]).size()
    rows = [
        {"likelihood": likelihood, "impact": impact,
         "count": int(counts.get((likelihood, impact), 0))}
        for likelihood in SCALE
        for impact in SCALE
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["likelihood", "impact", "count"])
