"""What a change does to the indicators: their definitions, targets and values.

A change to a definition (``where``, a target) or to the data moves numbers
that management has already seen. Only totals are compared (not the
breakdowns): the latest complete period of each indicator (its value and its
status against target), every period whose value moved, and every period whose
status changed, latest first: a reviewer reads first what the dashboard shows now.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from sqms.engine.plan import Plan
from sqms.registers.common import Register
from sqms.schema.plan import TargetStep

RELATIVE_TOLERANCE = 1e-9
ABSOLUTE_TOLERANCE = 1e-12
"""Values closer than this are equal: recomputing the same data may differ in the last bits."""


@dataclass(frozen=True)
class IndicatorEntry:
    """An indicator added or removed."""

    id: str
    name: str


@dataclass(frozen=True)
class DefinitionChange:
    """An indicator on both sides whose definition differs."""

    id: str
    name: str
    unit: str
    decimals: int | None
    keys: tuple[str, ...]
    """The definition's keys that changed, e.g. ``("where", "target")``."""
    old_targets: tuple[TargetStep, ...]
    new_targets: tuple[TargetStep, ...]

    @property
    def targets_changed(self) -> bool:
        """Whether the targets in force (or their dates) changed."""
        return _steps(self.old_targets) != _steps(self.new_targets)


@dataclass(frozen=True)
class Move:
    """A period whose total value differs between the two sides."""

    period: str
    old: float
    new: float


@dataclass(frozen=True)
class StatusChange:
    """A period judged differently against its target."""

    period: str
    old: str
    new: str


class Latest(NamedTuple):
    """An indicator's latest complete period with a value on one side: the value and its status."""

    period: str
    value: float
    status: str


@dataclass
class ValueChanges:
    """How one indicator's total values differ; ``latest`` compares one period on each side."""

    id: str
    name: str
    unit: str
    decimals: int | None
    base_period: str | None = None
    base_value: float | None = None
    head_period: str | None = None
    head_value: float | None = None
    base_status: str | None = None
    """The status of ``base_value`` against the target then (``meets``, ``warning``…)."""
    head_status: str | None = None
    """The status of ``head_value`` against the target now."""
    moved: list[Move] = field(default_factory=list)
    """Largest move first."""
    appeared: list[str] = field(default_factory=list)
    """Periods with a value only now (new data, a new period)."""
    disappeared: list[str] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    """Latest period first."""

    @property
    def changed(self) -> bool:
        """Whether any value or status differs."""
        return bool(self.moved or self.appeared or self.disappeared or self.statuses)


@dataclass(frozen=True)
class RegisterCount:
    """How many items of one kind a register gained and lost."""

    register: str
    kind: str
    added: int
    removed: int


@dataclass
class IndicatorsDiff:
    """Indicators added, removed and redefined; values and registers compared."""

    added: list[IndicatorEntry] = field(default_factory=list)
    removed: list[IndicatorEntry] = field(default_factory=list)
    changed: list[DefinitionChange] = field(default_factory=list)
    values: list[ValueChanges] = field(default_factory=list)
    """Every indicator present on both sides, in the plan's order."""
    registers: list[RegisterCount] = field(default_factory=list)

    @property
    def moved(self) -> list[ValueChanges]:
        """The indicators whose values or statuses differ."""
        return [values for values in self.values if values.changed]


def _steps(steps: Sequence[TargetStep]) -> list[dict[str, Any]]:
    return [step.model_dump(mode="json") for step in steps]


def compare_definitions(base: Plan, head: Plan) -> IndicatorsDiff:
    """Indicators added, removed, and those whose definition changed (naming the keys)."""
    old, new = base.spec.indicators, head.spec.indicators
    diff = IndicatorsDiff()
    diff.added = [IndicatorEntry(i, new[i].name) for i in new if i not in old]
    diff.removed = [IndicatorEntry(i, old[i].name) for i in old if i not in new]
    for ind_id in (i for i in new if i in old):
        before = old[ind_id].model_dump(mode="json", exclude_none=True)
        after = new[ind_id].model_dump(mode="json", exclude_none=True)
        keys = [*after, *(key for key in before if key not in after)]
        changed = [key for key in keys if before.get(key) != after.get(key)]
        changed += _inherited(base, head, ind_id, changed)
        if changed:
            spec = new[ind_id]
            diff.changed.append(
                DefinitionChange(
                    ind_id, spec.name, spec.unit, spec.decimals, tuple(changed),
                    tuple(old[ind_id].target_steps()), tuple(spec.target_steps()),
                )
            )  # fmt: skip
    return diff


def _inherited(base: Plan, head: Plan, ind_id: str, changed: list[str]) -> list[str]:
    """``period`` and ``min_n`` changed through the plan's ``defaults``, not the indicator."""
    old, new = base.indicators.get(ind_id), head.indicators.get(ind_id)
    if old is None or new is None:
        return []
    return [
        key
        for key in ("period", "min_n")
        if key not in changed and getattr(old, key) != getattr(new, key)
    ]


def _totals(results: pd.DataFrame) -> pd.DataFrame:
    """The total rows (no breakdown), one per indicator and period."""
    rows = results.loc[results["dim"] == "", ["indicator", "period", "value", "status", "partial"]]
    return rows.astype({"value": "float64", "partial": "bool"})


def _latest(rows: pd.DataFrame) -> dict[str, Latest]:
    """Per indicator, the latest complete period that has a value, that value and its status."""
    complete = rows[~rows["partial"] & rows["value"].notna()]
    last = complete.sort_values("period", kind="stable").groupby("indicator").tail(1)
    columns = (last["indicator"], last["period"], last["value"], last["status"])
    return {
        str(ind): Latest(str(period), float(value), str(status))
        for ind, period, value, status in zip(*columns, strict=True)
    }


def compare_values(
    base: Plan, base_results: pd.DataFrame, head: Plan, head_results: pd.DataFrame
) -> list[ValueChanges]:
    """For each indicator on both sides: latest values, moved periods, changed statuses."""
    old, new = _totals(base_results), _totals(head_results)
    merged = old.merge(new, on=["indicator", "period"], how="outer", suffixes=("_old", "_new"))
    has_old, has_new = merged["value_old"].notna(), merged["value_new"].notna()
    close = np.isclose(
        merged["value_old"].fillna(0.0), merged["value_new"].fillna(0.0),
        rtol=RELATIVE_TOLERANCE, atol=ABSOLUTE_TOLERANCE,
    )  # fmt: skip
    merged = merged.assign(
        moved=has_old & has_new & ~close,
        appeared=~has_old & has_new,
        disappeared=has_old & ~has_new,
        restated=merged["status_old"].notna()
        & merged["status_new"].notna()
        & (merged["status_old"] != merged["status_new"]),
        size=(merged["value_new"] - merged["value_old"]).abs(),
    ).sort_values("period", kind="stable")
    groups = {ind: rows for ind, rows in merged.groupby("indicator", sort=False)}
    latest_old, latest_new = _latest(old), _latest(new)
    empty = merged.iloc[0:0]
    found = []
    for ind_id in (i for i in head.spec.indicators if i in base.spec.indicators):
        spec = head.spec.indicators[ind_id]
        changes = ValueChanges(ind_id, spec.name, spec.unit, spec.decimals)
        _fill_latest(changes, groups.get(ind_id, empty), latest_old, latest_new)
        _fill_moves(changes, groups.get(ind_id, empty))
        found.append(changes)
    return found


def _fill_latest(
    changes: ValueChanges,
    rows: pd.DataFrame,
    latest_old: dict[str, Latest],
    latest_new: dict[str, Latest],
) -> None:
    """The latest complete period now, and the same period before (else the latest then).

    Each with its status against target, so that a reviewer sees what the
    dashboard's verdict was and is, even when the value did not move (a new target).
    """
    if changes.id in latest_new:
        now = latest_new[changes.id]
        changes.head_period, changes.head_value, changes.head_status = now
        same = rows.loc[(rows["period"] == now.period) & rows["value_old"].notna()]
        if not same.empty:
            changes.base_period = now.period
            changes.base_value = float(same["value_old"].to_numpy()[0])
            changes.base_status = str(same["status_old"].to_numpy()[0])
            return
    if changes.id in latest_old:
        then = latest_old[changes.id]
        changes.base_period, changes.base_value, changes.base_status = then


def _fill_moves(changes: ValueChanges, rows: pd.DataFrame) -> None:
    moved = rows[rows["moved"]].sort_values("size", ascending=False, kind="stable")
    changes.moved = [
        Move(str(period), float(before), float(after))
        for period, before, after in zip(
            moved["period"], moved["value_old"], moved["value_new"], strict=True
        )
    ]
    changes.appeared = [str(period) for period in rows.loc[rows["appeared"], "period"]]
    changes.disappeared = [str(period) for period in rows.loc[rows["disappeared"], "period"]]
    restated = rows[rows["restated"]].sort_values("period", ascending=False, kind="stable")
    changes.statuses = [
        StatusChange(str(period), str(before), str(after))
        for period, before, after in zip(
            restated["period"], restated["status_old"], restated["status_new"], strict=True
        )
    ]


def compare_registers(
    base: Mapping[str, Register], head: Mapping[str, Register]
) -> list[RegisterCount]:
    """Per register and kind of item, how many ids were added and removed."""
    counts = []
    for name in [*head, *(n for n in base if n not in head)]:
        old = _ids(base.get(name))
        new = _ids(head.get(name))
        for kind in [*new, *(k for k in old if k not in new)]:
            added = len(new.get(kind, set()) - old.get(kind, set()))
            removed = len(old.get(kind, set()) - new.get(kind, set()))
            if added or removed:
                counts.append(RegisterCount(name, kind, added, removed))
    return counts


def _ids(register: Register | None) -> dict[str, set[str]]:
    if register is None:
        return {}
    return {kind: set(ids) for kind, ids in register.ids().items()}
