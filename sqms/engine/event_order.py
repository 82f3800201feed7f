"""The declared order of a row's events, checked as a dataset is loaded.

A dataset may declare the order its time columns happen in
(``order: [created_at, first_response_at, resolved_at, closed_at]``). Along
that list a row's times must not decrease; a missing time is skipped, so a
ticket resolved without a first response still has its resolution checked
against its creation. Each time is compared with the nearest earlier one that
is present: when every such step holds, any two present times hold too.

A row that breaks the order would count a first response before creation as
"within target" and shorten a median, so it must not reach a figure
unnoticed. ``out_of_order`` says what it is: an ``error`` at its row and
column (the default: the build fails), or ``exclude``: the row is removed
before any indicator or the service cycle sees it, and the count is
published on every page that reads the dataset.

Dates and timestamps may be mixed in one order: they are then compared by
local day (a ticket closed on the day it was created is in order).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from sqms.diagnostics import Report
from sqms.engine.coercion import TIME_TYPES, Where
from sqms.i18n import N_, t
from sqms.schema.datasets import DatasetSpec

Problem = tuple[tuple[int | str, ...], str]
"""A declaration problem: its key path under the dataset, and the message."""

TIME_SHOWN = "%Y-%m-%d %H:%M:%S"
DAY_SHOWN = "%Y-%m-%d"


@dataclass(frozen=True)
class OutOfOrder:
    """Rows left out of a dataset because their events are out of the declared order."""

    rows: int
    """How many rows were excluded."""
    order: tuple[str, ...]
    """The declared order of the time columns."""
    declared_in: str
    """The file that declares it, as shown to readers (``data/datasets.yml``)."""


def order_problems(spec: DatasetSpec) -> list[Problem]:
    """Problems of the ``order`` declaration: columns undeclared, not times, repeated, too few."""
    if spec.order is None:
        if "out_of_order" in spec.model_fields_set:
            return [(("out_of_order",), t("data.order_policy_alone"))]
        return []
    problems: list[Problem] = []
    seen: set[str] = set()
    for position, column in enumerate(spec.order):
        declared = spec.columns.get(column)
        if declared is None:
            problems.append((("order", position), t("data.undeclared_column", column=column)))
        elif declared.type not in TIME_TYPES:
            problems.append((("order", position), t("data.time_not_datetime", column=column)))
        elif column in seen:
            problems.append((("order", position), t("data.order_repeated", column=column)))
        seen.add(column)
    if len(spec.order) < 2:
        problems.append((("order",), t("data.order_too_short")))
    return problems


def out_of_order_rows(
    frame: pd.DataFrame, spec: DatasetSpec, timezone: str, where: Where, report: Report
) -> pd.Series:
    """The rows whose times break the declared order (a mask over ``frame``).

    Under ``out_of_order: error`` each one is reported at its row and at the
    later column of the pair, a few examples per pair of columns and then a
    count; under ``exclude`` nothing is reported: the caller removes them.
    """
    bad = pd.Series(False, index=frame.index, dtype="bool")
    if spec.order is None:
        return bad
    times = _comparable(frame, spec, timezone)
    for earlier, later, broken in _broken_steps(times, spec.order):
        if not broken.any():
            continue
        bad |= broken
        if spec.out_of_order == "error":
            shown = _pair_text(frame, spec, timezone, earlier, later, broken, where)
            where.report_rows(
                report, later, shown, broken, N_("data.out_of_order"), later=later, earlier=earlier
            )
    return bad


def without_rows(
    frame: pd.DataFrame, bad: pd.Series, spec: DatasetSpec, declared_in: str
) -> tuple[pd.DataFrame, OutOfOrder | None]:
    """``frame`` without the rows of ``bad``, renumbered, and what was left out (if anything)."""
    count = int(bad.sum())
    if count == 0 or spec.order is None:
        return frame, None
    kept = frame[~bad.to_numpy(dtype=bool)].reset_index(drop=True)
    return kept, OutOfOrder(count, tuple(spec.order), declared_in)


def _broken_steps(times: pd.DataFrame, order: list[str]) -> Iterator[tuple[str, str, pd.Series]]:
    """For each pair (earlier, later) of the order: the rows where ``later`` is before ``earlier``.

    ``later`` is compared with ``earlier`` only where every column between
    them is missing, so each row's time is checked against the nearest
    earlier time it has.
    """
    for k in range(1, len(order)):
        later = times[order[k]]
        nothing_between = pd.Series(True, index=times.index, dtype="bool")
        for j in range(k - 1, -1, -1):
            earlier = times[order[j]]
            # A comparison with a missing time is false: missing times are skipped.
            broken = nothing_between & (later < earlier).to_numpy(dtype=bool)
            yield order[j], order[k], broken
            nothing_between &= earlier.isna().to_numpy(dtype=bool)


def _comparable(frame: pd.DataFrame, spec: DatasetSpec, timezone: str) -> pd.DataFrame:
    """The ordered columns as values that compare: instants, or local days if dates are mixed."""
    assert spec.order is not None
    columns = list(dict.fromkeys(spec.order))
    kinds = {spec.columns[c].type for c in columns}
    if len(kinds) == 1:
        return frame[columns]
    days = {
        c: _local_day(frame[c], spec.columns[c].timezone or timezone)
        if spec.columns[c].type == "datetime"
        else frame[c].astype("datetime64[s]")
        for c in columns
    }
    return pd.DataFrame(days, index=frame.index)


def _local_day(instants: pd.Series, zone: str) -> pd.Series:
    """The local calendar day of each instant, as a naive midnight."""
    local = instants.dt.tz_convert(zone).dt.tz_localize(None).dt.normalize()
    return local.astype("datetime64[s]")


def _pair_text(
    frame: pd.DataFrame,
    spec: DatasetSpec,
    timezone: str,
    earlier: str,
    later: str,
    broken: pd.Series,
    where: Where,
) -> pd.Series:
    """``later < earlier`` as local times, for the broken rows (the rest missing).

    A personal column's time is replaced by a word that says so; when the
    later column is personal the whole text is (see ``Where.report_rows``).
    """
    rows = frame.loc[broken.to_numpy(dtype=bool)]
    before = (
        pd.Series(t("data.personal_value"), index=rows.index, dtype="str")
        if earlier in where.personal
        else _local_text(rows[earlier], spec, earlier, timezone)
    )
    text = _local_text(rows[later], spec, later, timezone) + " < " + before
    return text.reindex(frame.index)


def _local_text(values: pd.Series, spec: DatasetSpec, column: str, timezone: str) -> pd.Series:
    """Times as text in the column's time zone (dates as days), as the file's reader sees them."""
    declared = spec.columns[column]
    if declared.type == "datetime":
        local = values.dt.tz_convert(declared.timezone or timezone)
        return local.dt.strftime(TIME_SHOWN).astype("str")
    return values.dt.strftime(DAY_SHOWN).astype("str")


__all__ = ["OutOfOrder", "order_problems", "out_of_order_rows", "without_rows"]
