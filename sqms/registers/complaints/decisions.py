"""Upheld complaints and the decision whether corrective action is needed (ISO 9001 10.2.1 b).

An upheld complaint is a nonconformity: the organisation evaluates the need
for action to remove its cause. The register records that decision per
complaint in two optional roles, ``action_needed`` (yes/no) and ``decision``
(why). A complaint counts as upheld when its outcome is "upheld" or "partly
upheld"; it has a decision when ``action_needed`` is filled in. Those
without one are listed; those whose final response (or receipt, while no
final response is recorded) falls within :data:`RECENT_DAYS` of the
reference date need attention on the dashboard. Older ones stay on the
register's page only: they are a backlog to clear, not news.

A helper of the analysis (:mod:`sqms.registers.complaints.analysis`), which
keeps the result among the register's figures; the page lists it and the
dashboard counts it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from sqms.registers.complaints.timing import Timing

if TYPE_CHECKING:
    from sqms.registers.complaints.register import ComplaintRegister

UPHELD = ("upheld", "partly upheld")
"""Outcomes that make a complaint upheld, so that the need for action is evaluated."""
RECENT_DAYS = 90
"""Upheld complaints without a decision this recent (days before the reference date) need
attention on the dashboard."""


@dataclass(frozen=True)
class Decisions:
    """How many upheld complaints have a decision, and the list of those without one."""

    upheld: int
    undecided: pd.DataFrame
    """Upheld without a decision, newest first: ``id``, ``received``, ``category``,
    ``severity``, ``recent`` (within :data:`RECENT_DAYS`)."""

    @property
    def decided(self) -> int:
        """Upheld complaints whose decision is recorded."""
        return self.upheld - len(self.undecided)

    @property
    def recent(self) -> int:
        """Upheld complaints without a decision, closed within :data:`RECENT_DAYS`."""
        return int(self.undecided["recent"].sum())


def upheld_mask(register: ComplaintRegister) -> pd.Series | None:
    """Which complaints are upheld; None when the register keeps no outcome."""
    outcome = register.column("outcome")
    if outcome is None:
        return None
    return outcome.astype("str").str.strip().str.lower().isin(UPHELD) & outcome.notna()


def find_decisions(
    register: ComplaintRegister, timing: Timing, ids: pd.Series, today: pd.Timestamp
) -> Decisions | None:
    """Upheld complaints and those without a decision; None without both roles kept."""
    upheld = upheld_mask(register)
    needed = register.column("action_needed")
    if upheld is None or needed is None:
        return None
    missing = upheld & needed.isna()
    closed = timing.day + pd.to_timedelta(timing.res_days, unit="D")
    since = closed.where(closed.notna(), timing.day)
    recent = (today - since).dt.days <= RECENT_DAYS
    table = pd.DataFrame(
        {
            "id": ids,
            "received": timing.day.dt.strftime("%Y-%m-%d"),
            "category": _text(register.column("category"), ids.index),
            "severity": _text(register.column("severity"), ids.index),
            "recent": recent.fillna(False).astype("bool"),
            "day": timing.day,
        }
    )[missing]
    table = table.sort_values(["day", "id"], ascending=[False, True], kind="stable")
    return Decisions(int(upheld.sum()), table.drop(columns="day").reset_index(drop=True))


def _text(values: pd.Series | None, index: pd.Index) -> pd.Series:
    """A column as text, empty where missing or when the register does not keep it."""
    if values is None:
        return pd.Series("", index=index, dtype="str")
    return values.astype("str").where(values.notna(), "")


__all__ = ["RECENT_DAYS", "UPHELD", "Decisions", "find_decisions", "upheld_mask"]
