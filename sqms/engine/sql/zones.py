"""Time zones on a query engine, from the zone data pandas uses, by arithmetic.

An instant's wall-clock time is the instant plus the zone's offset at that
instant, and the offset changes only at the zone's transitions. SQMS finds
the transitions of a zone from 1700 to 2200 (the years a time may fall in,
:data:`~sqms.engine.coercion.FIRST_YEAR` to :data:`~sqms.engine.coercion.LAST_YEAR`)
in Python's ``zoneinfo``, the data the pandas path converts with, and the
engine finds each value's offset by comparing it with them: a balanced tree
of ``CASE`` comparisons on whole microseconds since 1970, about nine deep
for a zone with daylight saving. It is plain integer arithmetic: on DuckDB
many times quicker than its calendar library (``timezone``), and the same
offsets as pandas to the microsecond, which the tests check on random
instants in 35 zones.

A wall-clock time without a zone is read back the same way. Around a
transition, the wall-clock times a change skips (clocks forward) name no
instant, and those it repeats (clocks back) name two: :func:`wall_clock_kind`
tells them apart, for the checks to report them.

Instants before 1700 take the zone's first offset (its local mean time, as
pandas does); those after 2200 take the offset in force at the end of 2200.

The same arithmetic runs on every engine: only the functions between an
engine's timestamps and whole microseconds since 1970 are its own
(:class:`Clock`: DuckDB's ``epoch_us`` and ``make_timestamp``, Spark's
``unix_micros`` and ``timestamp_micros``, PostgreSQL's ``EXTRACT(epoch …)``
and an interval of one microsecond times the count). So every engine reads times with
Python's zone data, the data pandas converts with, and never its own (ICU's
in DuckDB, Java's in Spark), which may be older or newer.

A query compares only with the changes of the years its data spans
(``years``, found by the caller: :func:`years_of`), a handful for a few
years of tickets: the comparisons are written into each query's SQL, and
all five centuries' would make every query slow to compile. Values outside
those years take the offset in force at their edge, so the caller's years
must hold every value converted.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final
from zoneinfo import ZoneInfo

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from sqms.engine.coercion import FIRST_YEAR, LAST_YEAR

US_PER_SECOND: Final = 1_000_000
US_PER_DAY: Final = 86_400 * US_PER_SECOND
STEP_HOURS: Final = 3
"""Offsets are sampled every three hours, then each change found to the second.

No zone changes its offset twice within three hours.
"""
ALL_YEARS: Final = (FIRST_YEAR, LAST_YEAR)
NORMAL, SKIPPED, REPEATED = 0, 1, 2
"""What a wall-clock time is (:func:`wall_clock_kind`): one instant, none, or two."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="epoch_us", signature=((dt.Timestamp(timezone="UTC"),), dt.int64)
)
def instant_us(moment: Any) -> Any:
    """DuckDB's ``epoch_us(timestamptz)``: microseconds since 1970, UTC."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="epoch_us", signature=((dt.timestamp,), dt.int64)
)
def _wall_us(wall_clock: Any) -> Any:
    """DuckDB's ``epoch_us(timestamp)``: a wall-clock time as microseconds, read as if UTC."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="make_timestamp", signature=((dt.int64,), dt.timestamp)
)
def _wall_of(microseconds: Any) -> Any:
    """DuckDB's ``make_timestamp(bigint)``: the wall-clock time of a count of microseconds."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="make_timestamptz", signature=((dt.int64,), dt.Timestamp(timezone="UTC"))
)
def _instant_of(microseconds: Any) -> Any:
    """DuckDB's ``make_timestamptz(bigint)``: the instant a count of microseconds since 1970 is."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="unix_micros", signature=((dt.timestamp,), dt.int64)
)
def _spark_us(moment: Any) -> Any:
    """Spark's ``unix_micros(timestamp)``: microseconds since 1970 (of a time read in UTC)."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="timestamp_micros", signature=((dt.int64,), dt.timestamp)
)
def _spark_of(microseconds: Any) -> Any:
    """Spark's ``timestamp_micros(bigint)``: the timestamp of a count of microseconds since 1970.

    With the session's time zone UTC, it reads as that count's wall-clock time.
    """


@dataclass(frozen=True)
class Clock:
    """An engine's functions between its timestamps and whole microseconds since 1970."""

    instant_us: Callable[[ir.Value], ir.IntegerValue]
    """Of instants (UTC)."""
    wall_us: Callable[[ir.Value], ir.IntegerValue]
    """Of wall-clock times, read as if they were UTC."""
    wall_of: Callable[[ir.Value], ir.TimestampValue]
    """The wall-clock time of a count."""
    instant_of: Callable[[ir.Value], ir.TimestampValue]
    """The instant of a count."""
    step: Callable[[ir.IntegerValue, Sequence[int], Sequence[int]], Any] | None = None
    """How the engine looks a count up among the changes, where it has a quicker way than
    the tree of comparisons (:func:`_step`): PostgreSQL, which computes the count again
    at each comparison."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="timezone", signature=((dt.string, dt.Timestamp(timezone="UTC")), dt.timestamp)
)
def _pg_wall_in(zone: Any, moment: Any) -> Any:
    """PostgreSQL's ``timezone(text, timestamptz)``: an instant's wall-clock time in a zone."""


def _postgres_us(moment: Any) -> Any:
    """Whole microseconds since 1970 of a PostgreSQL timestamp (read as if UTC without a zone).

    ``EXTRACT(epoch …)`` is an exact ``numeric`` from PostgreSQL 14 on, with
    the microseconds as its sixth decimal.
    """
    seconds = moment.epoch_seconds().cast(dt.Decimal(24, 6))
    return (seconds * US_PER_SECOND).cast("int64")


def _postgres_instant_of(microseconds: Any) -> Any:
    """The instant of whole microseconds since 1970, on PostgreSQL, exactly.

    1970 plus the count times an interval of one microsecond: PostgreSQL
    multiplies an interval by a double, which holds every count of the
    years 1700 to 2200 exactly (under 2^53), and rounds the product to
    whole microseconds. The count is read once.
    """
    epoch = ibis.literal(datetime(1970, 1, 1, tzinfo=UTC), dt.Timestamp(timezone="UTC"))
    return epoch + ibis.interval(microseconds=1) * microseconds


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="width_bucket", signature=((dt.int64, dt.Array(dt.int64)), dt.int64)
)
def _pg_width_bucket(value: Any, bounds: Any) -> Any:
    """PostgreSQL's ``width_bucket(value, bounds)``: how many ascending ``bounds`` are ≤ it."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="split_part", signature=((dt.string, dt.string, dt.int64), dt.string)
)
def _pg_split_part(text: Any, separator: Any, place: Any) -> Any:
    """PostgreSQL's ``split_part(text, separator, n)``: the n-th part of a text, from 1."""


def _postgres_step(value: ir.IntegerValue, bounds: Sequence[int], values: Sequence[int]) -> Any:
    """``values[k]`` where ``bounds[k - 1] <= value < bounds[k]``, reading the value once.

    One binary search (``width_bucket``) finds ``k``; the ``k``-th value is
    then a part of their text. The tree of comparisons reads the value at
    each level, and PostgreSQL would compute it each time. A null gives null.
    """
    if not bounds:
        return ibis.literal(values[0], "int64")
    found = _pg_width_bucket(value, ibis.literal(list(bounds), dt.Array(dt.int64)))
    listed = ",".join(str(v) for v in values)
    return _pg_split_part(listed, ",", found + 1).cast("int64")


def _postgres_wall_of(microseconds: Any) -> Any:
    """The wall-clock time a count of microseconds since 1970 reads as, in UTC, on PostgreSQL."""
    return _pg_wall_in("UTC", _postgres_instant_of(microseconds))


DUCKDB_CLOCK: Final = Clock(instant_us, _wall_us, _wall_of, _instant_of)
SPARK_CLOCK: Final = Clock(_spark_us, _spark_us, _spark_of, _spark_of)
"""Spark's, with the session's time zone UTC: its timestamps are instants read in UTC."""
POSTGRES_CLOCK: Final = Clock(
    _postgres_us, _postgres_us, _postgres_wall_of, _postgres_instant_of, _postgres_step
)
"""PostgreSQL's (14 or later, for an exact ``EXTRACT(epoch …)``)."""


@dataclass(frozen=True)
class Transitions:
    """A zone's changes of offset, in microseconds since 1970 (UTC), and the offsets around them.

    ``offsets[k]`` is in force from ``at[k - 1]`` to ``at[k]``: ``offsets[0]``
    before the first change, ``offsets[-1]`` after the last.
    """

    at: tuple[int, ...]
    offsets: tuple[int, ...]

    def windows(self) -> list[tuple[int, int, int]]:
        """Each change's wall-clock times skipped or repeated: ``(first, end, kind)``.

        A change forward skips the wall-clock times from the old offset's
        reading of the instant to the new one's; a change back repeats them.
        """
        found = []
        for k, moment in enumerate(self.at):
            before, after = moment + self.offsets[k], moment + self.offsets[k + 1]
            kind = SKIPPED if after > before else REPEATED
            found.append((min(before, after), max(before, after), kind))
        return found

    def within(self, years: tuple[int, int]) -> Transitions:
        """The changes from a day before the first of ``years`` to a day after the last.

        A day on either side holds the local times of the edges in every zone.
        """
        first, last = (
            (pd.Timestamp(year=y, month=1, day=1, tz="UTC").value // 1000 + shift * US_PER_DAY)
            for y, shift in ((years[0], -1), (years[1] + 1, 1))
        )
        kept = [k for k, moment in enumerate(self.at) if first <= moment <= last]
        if not kept:  # the offset in force throughout
            k = sum(1 for moment in self.at if moment < first)
            return Transitions((), (self.offsets[k],))
        return Transitions(tuple(self.at[k] for k in kept), self.offsets[kept[0] : kept[-1] + 2])


@functools.lru_cache(maxsize=64)
def transitions(zone: str) -> Transitions:
    """The changes of offset of ``zone`` from 1700 to 2200, as Python's zone data has them."""
    samples = pd.date_range(
        f"{FIRST_YEAR}-01-01", f"{LAST_YEAR + 1}-01-01", freq=f"{STEP_HOURS}h", tz="UTC", unit="s"
    )
    seconds = samples.asi8
    offsets = samples.tz_convert(zone).tz_localize(None).asi8 - seconds
    changed = np.flatnonzero(np.diff(offsets))
    info = ZoneInfo(zone)
    at = [_change(info, int(seconds[i]), int(seconds[i + 1]), int(offsets[i])) for i in changed]
    kept = [int(offsets[0]), *(int(offsets[i + 1]) for i in changed)]
    return Transitions(tuple(s * US_PER_SECOND for s in at), tuple(o * US_PER_SECOND for o in kept))


def _change(info: ZoneInfo, before: int, after: int, offset: int) -> int:
    """The first second in ``(before, after]`` whose offset is not ``offset`` (a bisection)."""
    while after - before > 1:
        middle = (before + after) // 2
        found = datetime.fromtimestamp(middle, UTC).astimezone(info).utcoffset()
        assert found is not None
        if int(found.total_seconds()) == offset:
            before = middle
        else:
            after = middle
    return after


def local_time(
    zone: str, moments: ir.Value, years: tuple[int, int] = ALL_YEARS, clock: Clock = DUCKDB_CLOCK
) -> ir.TimestampValue:
    """The wall-clock time in ``zone`` of instants (UTC) in ``years``: instant plus offset."""
    instant = clock.instant_us(moments)
    found = transitions(zone).within(years)
    return clock.wall_of(instant + (clock.step or _step)(instant, found.at, found.offsets))


def instant(
    zone: str, wall_clock: ir.Value, years: tuple[int, int] = ALL_YEARS, clock: Clock = DUCKDB_CLOCK
) -> ir.TimestampValue:
    """The instant of wall-clock times in ``zone`` in ``years``: the time less its offset.

    A time a change skips or repeats is read with the offset before the
    change; :func:`wall_clock_kind` finds such times, to report them.
    """
    wall = clock.wall_us(wall_clock)
    found = transitions(zone).within(years)
    ends = [end for _, end, _ in found.windows()]
    return clock.instant_of(wall - (clock.step or _step)(wall, ends, found.offsets))


def wall_clock_kind(
    zone: str, wall_clock: ir.Value, years: tuple[int, int] = ALL_YEARS, clock: Clock = DUCKDB_CLOCK
) -> ir.IntegerValue:
    """For each wall-clock time in ``zone`` in ``years``: one instant, none or two.

    :data:`NORMAL`, :data:`SKIPPED` or :data:`REPEATED`.
    """
    wall = clock.wall_us(wall_clock)
    bounds: list[int] = []
    kinds: list[int] = [NORMAL]
    for first, end, kind in transitions(zone).within(years).windows():
        bounds += [first, end]
        kinds += [kind, NORMAL]
    return (clock.step or _step)(wall, bounds, kinds)


def _step(value: ir.IntegerValue, bounds: Sequence[int], values: Sequence[int]) -> Any:
    """``values[k]`` where ``bounds[k - 1] <= value < bounds[k]``: a balanced tree of comparisons.

    ``values`` has one more item than ``bounds``, which are ascending. A
    comparison with a null is false, so a null value takes the last item
    (the callers' results stay null all the same).
    """
    if not bounds:
        return ibis.literal(values[0], "int64")
    middle = len(bounds) // 2
    below = _step(value, bounds[:middle], values[: middle + 1])
    above = _step(value, bounds[middle + 1 :], values[middle + 1 :])
    return (value < bounds[middle]).ifelse(below, above)


def years_of(values: Iterable[Any]) -> tuple[int, int]:
    """The years to convert in, for data whose earliest and latest times are among ``values``.

    Times or dates; missing ones are skipped. A year more on each side holds
    a time's year in any zone, and the years are kept within 1700–2200.
    """
    years = [pd.Timestamp(v).year for v in values if v is not None and not pd.isna(v)]
    if not years:
        return (FIRST_YEAR, FIRST_YEAR)
    first = min(max(min(years) - 1, FIRST_YEAR), LAST_YEAR)
    return first, max(min(max(years) + 1, LAST_YEAR), first)


def frame_years(frame: pd.DataFrame) -> tuple[int, int]:
    """The years to convert in for the times and dates of ``frame`` (:func:`years_of`)."""
    times = frame.select_dtypes(include=["datetime", "datetimetz"])
    return years_of([*times.min(), *times.max()])
