"""Where the time goes in an item's life: stage durations per period and dimension.

The plan's ``service_cycle`` names the stages between an item's timestamps
(created → first response → resolved → closed) and, optionally, a status
history (every status an item passed through, such as waiting for the
customer). For each stage this module measures every item's duration on the
stage's clock, then aggregates per period and per breakdown value: the number
of items that went through the stage, their median (the mean of the two
middle values for an even number) and their p90 by the default quantile
method, the nearest rank (the ⌈0.9·n⌉-th smallest value; ``sqms.engine.quantiles``).

An item counts in a stage only once it has left it (both timestamps known):
open items are not guessed at. Items are placed in periods by their own
timestamp (``time``, by default the dataset's), so a period's stages describe
the items that arrived in it. Everything is vectorised: one sort per breakdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from sqms.engine.business_time import business_hours, wall_hours
from sqms.engine.datasets import Catalog, Dataset
from sqms.engine.derive import as_instants
from sqms.engine.distributions import Histogram, histogram
from sqms.engine.expressions import evaluate_condition
from sqms.engine.grouping import group_codes
from sqms.engine.periods import assign_periods, label
from sqms.engine.plan import CompiledCycle
from sqms.engine.quantiles import (
    DEFAULT_METHOD,
    grouped_median,
    grouped_quantile,
    order_by_group_and_value,
    runs,
)
from sqms.schema.plan import StatusHistory

STAGES = "stages"
STATUSES = "statuses"
COLUMNS = [
    "view",
    "stage",
    "order",
    "period",
    "period_start",
    "dim",
    "dim_value",
    "n",
    "median",
    "p90",
    "partial",
]
P90 = 0.9
"""The tail shown beside the median, by the default quantile method (nearest rank)."""


@dataclass(frozen=True)
class CycleResult:
    """The service cycle, aggregated: one row per view, stage, period and breakdown value.

    ``table`` has :data:`COLUMNS`; ``view`` is ``stages`` (between timestamps)
    or ``statuses`` (from the status history); ``dim`` is empty for the total.
    ``stages`` lists each view's stage names in order; ``clocks`` the clock of
    each stage (``business`` or ``wall``).
    """

    table: pd.DataFrame
    stages: dict[str, list[str]]
    clocks: dict[str, str]
    by: list[str]
    period: str
    histograms: dict[str, Histogram]
    """Each timestamp stage's durations in the latest complete period, as bin counts."""
    negative: dict[str, int] = field(default_factory=dict)
    """Timestamp stage → items left out of it because it ends before it starts."""


def compute_cycle(cycle: CompiledCycle, catalog: Catalog, timezone: str) -> CycleResult:
    """Measure every stage of every tracked item and aggregate per period and dimension."""
    spec = cycle.spec
    dataset = catalog.datasets[spec.dataset]
    frame = dataset.frame
    tracked = pd.Series(True, index=frame.index, dtype="bool")
    if cycle.where is not None:
        tracked = evaluate_condition(cycle.where, frame, timezone).astype("bool")
    periods = assign_periods(frame[spec.time or dataset.spec.time or ""], cycle.period, timezone)
    items = frame[spec.by].assign(_period=periods)[tracked & periods.notna()]
    long, clocks, negative = _stage_durations(cycle, catalog, dataset, items.index)
    stages = {STAGES: [stage.name for stage in spec.stages]}
    if spec.history is not None:
        statuses, order = _status_durations(spec.history, cycle, catalog, dataset, items.index)
        long = pd.concat([long, statuses], ignore_index=True)
        stages[STATUSES] = order
        clocks.update({name: spec.clock for name in order})
    table = _aggregate(long, items, spec.by)
    table = _label(table, dataset, timezone)
    histograms = _latest_histograms(long, items, table)
    return CycleResult(table, stages, clocks, list(spec.by), cycle.period, histograms, negative)


def _clock(
    clock: str, calendar: str | None, catalog: Catalog, start: pd.Series, end: pd.Series
) -> pd.Series:
    """Hours from ``start`` to ``end`` on the business or the wall clock."""
    if clock == "business":
        return business_hours(catalog.calendars[calendar or ""], start, end)
    return wall_hours(start, end)


def _stage_durations(
    cycle: CompiledCycle, catalog: Catalog, dataset: Dataset, rows: pd.Index
) -> tuple[pd.DataFrame, dict[str, str], dict[str, int]]:
    """Long table (``view``, ``stage``, ``order``, ``item``, ``hours``) of timestamp stages.

    Also the clock of each stage, and how many items each stage leaves out
    because it ends before it starts. Rows that break the dataset's declared
    ``order`` never get here (an error, or excluded for every page alike);
    a negative duration is still possible between columns the order does not
    list, and such an item is left out of that stage only, counted, and the
    count is published, never dropped unsaid.
    """
    spec = cycle.spec
    frame = dataset.frame.loc[rows]
    parts: list[pd.DataFrame] = []
    clocks: dict[str, str] = {}
    negative: dict[str, int] = {}
    for order, stage in enumerate(spec.stages):
        clock = stage.clock or spec.clock
        start = as_instants(frame[stage.start], dataset.timezone)
        end = as_instants(frame[stage.end], dataset.timezone)
        hours = _clock(clock, stage.calendar or spec.calendar, catalog, start, end)
        backwards = int((hours < 0).sum())
        if backwards:
            negative[stage.name] = backwards
        parts.append(_long(STAGES, stage.name, order, hours))
        clocks[stage.name] = clock
    return _concat(parts), clocks, negative


def _long(view: str, stage: str, order: int, hours: pd.Series) -> pd.DataFrame:
    """Known, non-negative durations of one stage, keyed by item (the dataset's row).

    Negative timestamp-stage durations are counted by the caller; status
    durations run between sorted changes and are never negative.
    """
    kept = hours[hours.notna() & (hours >= 0)]
    return pd.DataFrame(
        {
            "view": pd.Series(view, index=kept.index, dtype="str"),
            "stage": pd.Series(stage, index=kept.index, dtype="str"),
            "order": pd.Series(order, index=kept.index, dtype="int64"),
            "item": pd.Series(kept.index, index=kept.index, dtype="int64"),
            "hours": kept.astype("float64"),
        }
    ).reset_index(drop=True)


def _concat(parts: list[pd.DataFrame]) -> pd.DataFrame:
    if not parts:
        return _long(STAGES, "", 0, pd.Series([], dtype="float64"))
    return pd.concat(parts, ignore_index=True)


def _status_durations(
    history: StatusHistory,
    cycle: CompiledCycle,
    catalog: Catalog,
    dataset: Dataset,
    rows: pd.Index,
) -> tuple[pd.DataFrame, list[str]]:
    """Time each item spent in each status: from entering it to the item's next change.

    Visits to the same status add up. The last status of an item has no end
    yet (or is final) and is not counted.
    """
    changes = catalog.datasets[history.dataset]
    table = pd.DataFrame(
        {
            "key": changes.frame[history.key].astype("str"),
            "time": as_instants(changes.frame[history.time], changes.timezone),
            "status": changes.frame[history.status].astype("str"),
        }
    ).dropna()
    table = table[table["status"].notna()].sort_values(["key", "time"], kind="stable")
    following = table.groupby("key", sort=False)["time"].shift(-1)
    table = table.assign(
        hours=_clock(cycle.spec.clock, cycle.spec.calendar, catalog, table["time"], following)
    )
    order = _status_order(table, history.statuses)
    keys = pd.Series(rows, index=dataset.frame.loc[rows, dataset.spec.key or ""].astype("str"))
    table = table[table["status"].isin(order) & table["key"].isin(keys.index)]
    per_item = table.groupby(["key", "status"], sort=True)["hours"].sum(min_count=1).reset_index()
    parts = [
        _long(STATUSES, status, position, _by_item(per_item, status, keys))
        for position, status in enumerate(order)
    ]
    return _concat(parts), order


def _status_order(table: pd.DataFrame, declared: list[str] | None) -> list[str]:
    """The declared statuses, or every status in order of its first use in time."""
    if declared is not None:
        return list(declared)
    first = table.sort_values("time", kind="stable").drop_duplicates("status")
    return [str(status) for status in first["status"]]


def _by_item(per_item: pd.DataFrame, status: str, keys: pd.Series) -> pd.Series:
    """One status's hours, indexed by the item's row in the cycle dataset."""
    rows = per_item[per_item["status"] == status]
    rows = rows[rows["key"].isin(keys.index)]
    return pd.Series(
        rows["hours"].to_numpy(dtype="float64"),
        index=keys.loc[rows["key"]].to_numpy(dtype="int64"),
        dtype="float64",
    )


def _aggregate(long: pd.DataFrame, items: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """n, median and p90 per view, stage, period and breakdown value."""
    keyed = long.join(items, on="item", how="inner")
    parts = []
    for dim in ["", *by]:
        keys = ["view", "order", "stage", "_period", *([dim] if dim else [])]
        stats = _quantiles(keyed[[*keys, "hours"]].dropna(subset=keys), keys)
        values = stats[dim].astype("str") if dim else pd.Series("", index=stats.index, dtype="str")
        parts.append(stats.assign(dim=dim, dim_value=values).drop(columns=[dim] if dim else []))
    return pd.concat(parts, ignore_index=True)


def _quantiles(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per group: the number of items, the median and the p90 (nearest rank) of ``hours``.

    One sort of every row by (group, hours); each group is then a run of
    positions, its median and p90 index arithmetic on the run.
    """
    groups = group_codes(table, keys)
    hours = table["hours"].to_numpy(dtype="float64")
    order = order_by_group_and_value(groups.codes, hours)
    codes, ordered = groups.codes[order], hours[order]
    starts, sizes = runs(codes)
    stats = pd.DataFrame(
        {
            "n": sizes,
            "median": grouped_median(ordered, starts, sizes),
            "p90": grouped_quantile(ordered, starts, sizes, P90, DEFAULT_METHOD),
        },
        index=groups.index(codes[starts]),
    )
    return stats.reset_index()


def _label(table: pd.DataFrame, dataset: Dataset, timezone: str) -> pd.DataFrame:
    """Period labels and start days; periods ending after the export are partial."""
    periods = table["_period"]
    starts = [p.start_time.date() for p in periods]
    as_of = dataset.as_of
    cutoff = None if as_of is None else as_of.tz_convert(timezone).tz_localize(None)
    partial = [cutoff is not None and p.end_time.floor("s") > cutoff for p in periods]
    labelled = table.assign(
        period=pd.Series([label(p) for p in periods], index=table.index, dtype="str"),
        period_start=pd.Series(starts, index=table.index, dtype="object"),
        n=table["n"].astype("float64"),
        partial=pd.Series(partial, index=table.index, dtype="bool"),
    )
    ordered = labelled.sort_values(
        ["view", "dim", "dim_value", "period_start", "order"], kind="stable"
    )
    return ordered[COLUMNS].reset_index(drop=True)


def _latest_histograms(
    long: pd.DataFrame, items: pd.DataFrame, table: pd.DataFrame
) -> dict[str, Histogram]:
    """A histogram of each timestamp stage over the items of the latest complete period."""
    complete = table[(table["dim"] == "") & ~table["partial"] & (table["view"] == STAGES)]
    if complete.empty:
        return {}
    latest = str(complete.sort_values("period_start", kind="stable").iloc[-1]["period"])
    period = next(p for p in items["_period"].dropna().unique() if label(p) == latest)
    keyed = long[long["view"] == STAGES].join(items[["_period"]], on="item", how="inner")
    chosen = keyed[(keyed["_period"] == period).to_numpy(dtype=np.bool_)]
    found = {
        str(stage): histogram(rows["hours"].to_numpy(dtype="float64"), latest)
        for stage, rows in chosen.groupby("stage", sort=False)
    }
    return {stage: shown for stage, shown in found.items() if shown is not None}
