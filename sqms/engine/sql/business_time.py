"""Business hours on a query engine: SQMS's own table of opening intervals, joined by time.

As :mod:`sqms.engine.business_time` measures them in memory. The opening
intervals of the calendar, for every local day the data spans, are made by
SQMS's own code (:class:`~sqms.engine.business_time.BusinessClock`:
daylight-saving changes and holidays included) as UTC instants, each with
the business time accumulated before it. The engine finds, for each instant,
the last interval opening at or before it (an ``ASOF`` join) and reads the
business time elapsed up to the instant,
``B(t) = before + min(t − open, close − open)`` (0 before the first
interval); a duration is ``B(end) − B(start)``, negative when ``end`` is
first. Instants are whole microseconds since 1970 (the engine's
:attr:`~sqms.engine.sql.dialects.Dialect.microseconds`), and a duration is
converted to hours as the pandas path converts its nanoseconds, so the
numbers are the same to the last bit. Only the table of intervals, a few
thousand rows, is handed to the engine; the business time accumulated
before the first of them cancels out of every duration.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa

from sqms.engine.business_time import NS_PER_HOUR, BusinessCalendar, BusinessClock
from sqms.engine.sql.engine import free_name

NS_PER_MICROSECOND: Final = 1000
_PARTS: Final = ("start", "end", "open", "close", "before", "elapsed_start", "elapsed_end")
"""The working columns of the joins, named so that no declared column is overwritten."""


def with_business_hours(
    rows: ir.Table,
    name: str,
    span: tuple[ir.IntegerValue, ir.IntegerValue],
    calendar: BusinessCalendar,
    run: Callable[[Any], Any],
) -> ir.Table:
    """``rows`` with ``name``: the business hours from the first instant of ``span`` to the second.

    The instants are whole microseconds since 1970 (UTC); the result is null
    where either is. One query finds the earliest and latest, for the
    intervals to cover them.
    """
    taken = list(rows.columns)
    names: dict[str, str] = {}
    for part in _PARTS:
        names[part] = free_name(f"_sqms_{part}", taken)
        taken.append(names[part])
    start, end = names["start"], names["end"]
    marked = rows.mutate(**{start: span[0], end: span[1]})
    found = run(
        marked.aggregate(
            first=ibis.least(marked[start].min(), marked[end].min()),
            last=ibis.greatest(marked[start].max(), marked[end].max()),
        )
    )
    first, last = found["first"].iloc[0], found["last"].iloc[0]
    if pd.isna(first) or pd.isna(last):  # no instant anywhere: no duration either
        return rows.mutate(**{name: ibis.null("float64")})
    clock = BusinessClock.covering(
        calendar, int(first) * NS_PER_MICROSECOND, int(last) * NS_PER_MICROSECOND
    )
    intervals = _intervals(clock, names)
    joined = _elapsed(_elapsed(marked, start, names["elapsed_start"], intervals, names),
                      end, names["elapsed_end"], intervals, names)  # fmt: skip
    elapsed = joined[names["elapsed_end"]] - joined[names["elapsed_start"]]
    hours = hours_of(elapsed)
    missing = joined[start].isnull() | joined[end].isnull()
    result = joined.mutate(**{name: missing.ifelse(ibis.null("float64"), hours)})
    return result.drop(start, end, names["elapsed_start"], names["elapsed_end"])


def hours_of(microseconds: ir.IntegerValue) -> ir.FloatingValue:
    """A duration of whole microseconds in hours, as the pandas path divides its nanoseconds.

    The whole nanoseconds are converted to a double once and divided, so both
    paths round alike.
    """
    return (microseconds * NS_PER_MICROSECOND).cast("float64") / NS_PER_HOUR


def _elapsed(
    rows: ir.Table, instant: str, column: str, intervals: ir.Table, names: dict[str, str]
) -> ir.Table:
    """``rows`` with ``column``: the business microseconds elapsed up to ``instant``."""
    joined = rows.asof_join(intervals, on=rows[instant] >= intervals[names["open"]])
    opened, closed = joined[names["open"]], joined[names["close"]]
    inside = ibis.least(joined[instant] - opened, closed - opened)
    elapsed = opened.isnull().ifelse(ibis.literal(0, "int64"), joined[names["before"]] + inside)
    return joined.mutate(**{column: elapsed}).drop(names["open"], names["close"], names["before"])


def _intervals(clock: BusinessClock, names: dict[str, str]) -> ir.Table:
    """The clock's intervals as an in-memory table, in microseconds since 1970 (UTC).

    Each interval's opening and closing instant, and the business time before it.
    """
    return ibis.memtable(
        pa.table(
            {
                names["open"]: pa.array(clock.opens // NS_PER_MICROSECOND),
                names["close"]: pa.array(clock.closes // NS_PER_MICROSECOND),
                # One entry per interval: a clock without any (closed days) has no "before" either.
                names["before"]: pa.array(clock.before[: len(clock.opens)] // NS_PER_MICROSECOND),
            }
        )
    )
