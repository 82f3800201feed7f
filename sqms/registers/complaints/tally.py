"""The complaint register counted over one review period: what happened, and what was open.

Events are dated by the plan's local day: by the day received (volume,
rate, targets, root causes, repeats, categories) or by the day of the final
response (satisfaction and outcome, decided then). The state at the end of
the period (open, past the standard) is judged on an "as of" day given by
the caller. Everything is a vectorised mask over the register's rows; only
counts, category names and complaint ids leave this module.

A helper of the analysis, for the management review: it counts from the
register's figures (:mod:`sqms.registers.complaints.analysis`), and
:mod:`sqms.registers.complaints.review` words the counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from sqms.registers.complaints.analysis import ComplaintFigures
from sqms.registers.complaints.decisions import UPHELD

if TYPE_CHECKING:
    from sqms.registers.complaints.register import ComplaintRegister

SUPPLIER = "supplier"
"""The root cause value that points at an external provider."""
TOP = 3
"""How many categories of upheld complaints a review names."""


@dataclass(frozen=True)
class Rows:
    """Per complaint, the fields a review counts (made once per review)."""

    ids: pd.Series
    day: pd.Series
    """Local day received (midnight, naive)."""
    response: pd.Series
    """Local day of the final response (NaT while open or when not kept)."""
    due: pd.Series
    """Last day within the resolution standard (NaT where none applies)."""
    category: pd.Series | None
    cause: pd.Series | None
    """Root cause, trimmed and in lower case."""
    outcome: pd.Series | None
    """Outcome, trimmed and in lower case."""
    satisfied: pd.Series | None
    """The customer's answer (nullable boolean)."""


@dataclass(frozen=True)
class Tally:
    """One period's counts."""

    received: int
    base: int | None
    """Rows of the rate's denominator in the period, None without a rate."""
    answered: int
    """Final responses in the period whose customer said whether satisfied."""
    satisfied: int
    upheld: int
    upheld_by: list[tuple[str, int]]
    """The most frequent categories among the upheld complaints, largest first."""
    ack: tuple[int, int]
    """Complaints received in the period acknowledged in time, and judged."""
    res: tuple[int, int]
    """Complaints received in the period resolved within the standard, and judged."""
    open: int
    overdue: list[str]
    """Ids open past their standard on the "as of" day, most overdue first."""
    supplier: list[str]
    """Ids received in the period whose root cause is ``supplier``, in the order received."""
    no_cause: int
    repeats: int
    categories: list[tuple[str, int]]
    """Categories with the most complaints received in the period (ties all kept)."""


def rows_of(register: ComplaintRegister, figures: ComplaintFigures) -> Rows:
    """The fields a review counts, from the register and its timing."""
    timing = figures.timing
    response = timing.day + pd.to_timedelta(timing.res_days, unit="D")
    due = timing.day + pd.to_timedelta(timing.standard, unit="D")
    satisfied = register.column("satisfied")
    return Rows(
        ids=register.frame[register.columns["id"]].astype("str"),
        day=timing.day,
        response=response,
        due=due,
        category=register.column("category"),
        cause=_lowered(register.column("root_cause")),
        outcome=_lowered(register.column("outcome")),
        satisfied=None if satisfied is None else satisfied.astype("boolean"),
    )


def _lowered(values: pd.Series | None) -> pd.Series | None:
    """Labels trimmed and in lower case, missing kept missing."""
    if values is None:
        return None
    text = values.astype("str").str.strip().str.lower()
    return text.where(values.notna())


def _between(days: pd.Series, start: dt.date, end: dt.date) -> pd.Series:
    """Which days fall from ``start`` to ``end`` (both included); NaT never does."""
    inside = days.ge(pd.Timestamp(start)) & days.le(pd.Timestamp(end))
    return inside.fillna(False).astype("bool")


def tally(
    rows: Rows, figures: ComplaintFigures, start: dt.date, end: dt.date, as_of: dt.date
) -> Tally:
    """The counts of the period from ``start`` to ``end``, its state judged on ``as_of``."""
    received = _between(rows.day, start, end)
    responded = _between(rows.response, start, min(end, as_of))
    timing = figures.timing
    answered, satisfied = _satisfaction(rows, responded)
    upheld = _upheld(rows, responded)
    open_ids, overdue = _open(rows, figures, as_of)
    supplier = pd.Series(False, index=rows.ids.index, dtype="bool")
    if rows.cause is not None:
        supplier = rows.cause.eq(SUPPLIER).fillna(False).astype("bool") & received
    order = pd.DataFrame({"day": rows.day, "id": rows.ids})[supplier]
    supplier_ids = order.sort_values(["day", "id"], kind="stable")["id"].tolist()
    return Tally(
        received=int(received.sum()),
        base=_base(figures, start, end),
        answered=answered,
        satisfied=satisfied,
        upheld=int(upheld.sum()),
        upheld_by=_pairs(_ranked(rows.category, upheld).head(TOP)),
        ack=(int(timing.ack_within[received].sum()), int(timing.ack_judged[received].sum())),
        res=(int(timing.res_within[received].sum()), int(timing.res_judged[received].sum())),
        open=open_ids,
        overdue=overdue,
        supplier=supplier_ids,
        no_cause=0 if rows.cause is None else int((rows.cause.isna() & received).sum()),
        repeats=int((figures.repeat_mask & received).sum()),
        categories=_leaders(rows.category, received),
    )


def _base(figures: ComplaintFigures, start: dt.date, end: dt.date) -> int | None:
    """Rows of the rate's denominator in the months of the period."""
    if figures.bases is None:
        return None
    months = pd.period_range(pd.Timestamp(start), pd.Timestamp(end), freq="M")
    return int(figures.bases.reindex(months, fill_value=0).sum())


def _satisfaction(rows: Rows, responded: pd.Series) -> tuple[int, int]:
    """Final responses in the period with the customer's answer, and those satisfied."""
    if rows.satisfied is None:
        return 0, 0
    answered = rows.satisfied.notna() & responded
    yes = rows.satisfied.eq(True).fillna(False).astype("bool") & responded
    return int(answered.sum()), int(yes.sum())


def _upheld(rows: Rows, responded: pd.Series) -> pd.Series:
    """Complaints upheld or partly upheld whose final response falls in the period."""
    if rows.outcome is None:
        return pd.Series(False, index=rows.ids.index, dtype="bool")
    return rows.outcome.isin(UPHELD).astype("bool") & responded


def _open(rows: Rows, figures: ComplaintFigures, as_of: dt.date) -> tuple[int, list[str]]:
    """Complaints open at the end of ``as_of``, and the ids of those past their standard.

    Open: received by then, with no final response by then. Past the
    standard: the last day of the standard is before ``as_of`` (the rule of
    the register's page). Most overdue first, ties by id.
    """
    day = pd.Timestamp(as_of)
    received = rows.day.le(day).fillna(False).astype("bool")
    answered = rows.response.le(day).fillna(False).astype("bool")
    still = received & ~answered
    late = still & rows.due.lt(day).fillna(False).astype("bool")
    table = pd.DataFrame({"due": rows.due, "id": rows.ids})[late]
    ordered = table.sort_values(["due", "id"], kind="stable")["id"].tolist()
    return int(still.sum()), ordered


def _ranked(values: pd.Series | None, mask: pd.Series) -> pd.DataFrame:
    """Counts of ``values`` under ``mask``, largest first, ties by name (missing left out)."""
    if values is None:
        return pd.DataFrame({"name": pd.Series(dtype="str"), "count": pd.Series(dtype="int64")})
    counts = values[mask].dropna().astype("str").value_counts()
    table = pd.DataFrame({"name": counts.index.astype("str"), "count": counts.to_numpy()})
    table = table[table["count"] > 0].astype({"count": "int64"})
    return table.sort_values(["count", "name"], ascending=[False, True], kind="stable")


def _leaders(values: pd.Series | None, mask: pd.Series) -> list[tuple[str, int]]:
    """The categories with the most complaints under ``mask`` (every one tied at the top)."""
    table = _ranked(values, mask)
    if table.empty:
        return []
    return _pairs(table[table["count"] == table["count"].iloc[0]])


def _pairs(table: pd.DataFrame) -> list[tuple[str, int]]:
    """``(name, count)`` of each row of a ranked table."""
    return list(zip(table["name"].tolist(), table["count"].tolist(), strict=True))
