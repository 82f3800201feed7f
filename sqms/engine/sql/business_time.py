"""Business hours on a query engine: SQMS's own table of opening hours, joined by day.

As :mod:`sqms.engine.business_time` measures them in memory. The opening
intervals of the calendar, for every local day the data spans, are made by
SQMS's own code (:class:`~sqms.engine.business_time.BusinessClock`:
daylight-saving changes and holidays included) as UTC instants. They are
cut at each UTC midnight and laid out as one row per UTC day: the business
time accumulated before the day begins, and the day's opening intervals side
by side (``open_1``, ``close_1``, ``open_2`` …). The engine joins each
instant to its day by equality (a hash join on a table of a few thousand
rows: the rows stream past it, nothing is sorted) and reads the business
time elapsed up to the instant,
``B(t) = before + Σ max(0, min(t − open_j, close_j − open_j))``; a duration
is ``B(end) − B(start)``, negative when ``end`` is first. Instants are whole
microseconds since 1970 (the engine's
:attr:`~sqms.engine.sql.dialects.Dialect.microseconds`), and a duration is
converted to hours as the pandas path converts its nanoseconds, so the
numbers are the same to the last bit. The business time accumulated before
the first day cancels out of every duration.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd
import pyarrow as pa

from sqms.engine.business_time import NS_PER_HOUR, BusinessCalendar, BusinessClock
from sqms.engine.sql.engine import free_name
from sqms.engine.sql.zones import US_PER_DAY

NS_PER_MICROSECOND: Final = 1000


def with_business_hours(
    rows: ir.Table,
    name: str,
    span: tuple[ir.IntegerValue, ir.IntegerValue],
    calendar: BusinessCalendar,
    run: Callable[[Any], Any],
) -> ir.Table:
    """``rows`` with ``name``: the business hours from the first instant of ``span`` to the second.

    The instants are whole microseconds since 1970 (UTC); the result is null
    where either is. One query finds the earliest and latest, for the days
    to cover them.
    """
    taken = list(rows.columns)

    def fresh(part: str) -> str:
        taken.append(free_name(f"_sqms_{part}", taken))
        return taken[-1]

    start, end = fresh("start"), fresh("end")
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
    days = _Days(clock, int(first), int(last), fresh)
    elapsed_start, elapsed_end = fresh("elapsed_start"), fresh("elapsed_end")
    joined = days.elapsed(days.elapsed(marked, start, elapsed_start), end, elapsed_end)
    hours = hours_of(joined[elapsed_end] - joined[elapsed_start])
    missing = joined[start].isnull() | joined[end].isnull()
    result = joined.mutate(**{name: missing.ifelse(ibis.null("float64"), hours)})
    return result.drop(start, end, elapsed_start, elapsed_end)


def hours_of(microseconds: ir.IntegerValue) -> ir.FloatingValue:
    """A duration of whole microseconds in hours, as the pandas path divides its nanoseconds.

    The whole nanoseconds are converted to a double once and divided, so both
    paths round alike.
    """
    return (microseconds * NS_PER_MICROSECOND).cast("float64") / NS_PER_HOUR


class _Days:
    """A clock's opening intervals as one row per UTC day, to join instants to by their day.

    Days are numbered by their first microsecond less :attr:`base` (the
    first day's), so each instant's day is found by whole-number arithmetic,
    without division (``t − base − (t − base) mod day``).
    """

    def __init__(self, clock: BusinessClock, first: int, last: int, fresh: Callable[[str], str]):
        self.base = first - first % US_PER_DAY
        starts = np.arange(self.base, last + 1, US_PER_DAY, dtype=np.int64)
        opens, closes, day = _cut_at_midnight(clock, self.base)
        inside = (day >= self.base) & (day <= starts[-1])  # the clock has a spare day each side
        opens, closes, day = opens[inside], closes[inside], day[inside]
        slot = np.arange(day.size) - np.searchsorted(day, day)  # rank within its day
        slots = int(slot.max()) + 1 if slot.size else 0
        self.day, self.key, self.before = fresh("day"), fresh("day_key"), fresh("before")
        self.slots = [(fresh(f"open_{j}"), fresh(f"close_{j}")) for j in range(slots)]
        columns: dict[str, Any] = {
            self.key: pa.array(starts - self.base),
            self.before: pa.array(clock.elapsed(starts * NS_PER_MICROSECOND) // NS_PER_MICROSECOND),
        }
        for j, (open_name, close_name) in enumerate(self.slots):
            mine = slot == j
            index = (day[mine] - self.base) // US_PER_DAY
            for name, values in ((open_name, opens[mine]), (close_name, closes[mine])):
                column = np.full(starts.size, np.iinfo(np.int64).min, dtype=np.int64)
                column[index] = values
                columns[name] = pa.array(column, mask=column == np.iinfo(np.int64).min)
        self.table = ibis.memtable(pa.table(columns))

    def elapsed(self, rows: ir.Table, instant: str, column: str) -> ir.Table:
        """``rows`` with ``column``: the business microseconds elapsed up to ``instant``."""
        since = rows[instant] - self.base
        keyed = rows.mutate(**{self.day: since - since % US_PER_DAY})
        joined = keyed.left_join(self.table, keyed[self.day] == self.table[self.key])
        moment = joined[instant]
        inside = [
            ibis.greatest(ibis.least(moment - joined[o], joined[c] - joined[o]), 0).fill_null(0)
            for o, c in self.slots
        ]
        elapsed = sum(inside, joined[self.before])
        slots = (name for pair in self.slots for name in pair)
        dropped = [self.day, self.key, self.before, *slots]
        return joined.mutate(**{column: elapsed}).drop(*dropped)


def _cut_at_midnight(clock: BusinessClock, base: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The clock's intervals in microseconds, cut at each UTC midnight: opens, closes, days.

    ``days`` is the first microsecond of each piece's UTC day; the pieces are
    in order of time, so a day's are together.
    """
    opens = clock.opens // NS_PER_MICROSECOND
    closes = clock.closes // NS_PER_MICROSECOND
    first_day = opens - (opens - base) % US_PER_DAY
    pieces = (closes - 1 - first_day) // US_PER_DAY + 1
    which = np.repeat(np.arange(opens.size), pieces)
    rank = np.arange(which.size) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    day = first_day[which] + rank * US_PER_DAY
    cut_open = np.maximum(opens[which], day)
    cut_close = np.minimum(closes[which], day + US_PER_DAY)
    return cut_open, cut_close, day
