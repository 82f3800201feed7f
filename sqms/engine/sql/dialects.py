"""What differs between the query engines SQMS computes on, and nothing else.

The expression compiler, the periods and the measures are written once, in
Ibis. One thing has no portable Ibis operation: the wall-clock time of an
instant in a time zone, and its inverse for a table's timestamps without a
zone (Ibis has no time-zone conversion). On every engine, SQMS converts by
arithmetic on each zone's changes of offset, from the zone data pandas
uses (:mod:`sqms.engine.sql.zones`); only the functions between the
engine's timestamps and microseconds are its own. Sums of fractions need
nothing of the engine's: they are made exact from whole-number partial sums
(:mod:`sqms.engine.exact_sums`).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from sqms.engine.sql import zones


@dataclass(frozen=True)
class Dialect:
    """An engine's ways of doing what Ibis cannot say portably."""

    local_time: Callable[[str, ir.Value], ir.TimestampValue]
    """The wall-clock time of instants in a time zone: ``local_time(zone, instants)``."""
    instant: Callable[[str, ir.Value], ir.TimestampValue] | None = None
    """The instant of wall-clock times in a time zone: ``instant(zone, times)``.

    Needed to read a table's timestamps without a zone; None where no table
    is read through this engine (Spark computes on datasets SQMS hands it).
    """
    microseconds: Callable[[ir.Value], ir.IntegerValue] | None = None
    """Whole microseconds since 1970 of instants, for durations of a table's times.

    Plain arithmetic on the stored instant: DuckDB's ``date_diff`` on
    instants goes through its calendar library and costs fifty times more.
    """
    wall_clock_kind: Callable[[str, ir.Value], ir.IntegerValue] | None = None
    """What each wall-clock time in a zone is: one instant, none or two (:mod:`.zones`).

    Needed to check a table's timestamps without a zone, as :attr:`instant`.
    """
    within: Callable[[tuple[int, int]], Dialect] | None = None
    """The dialect converting times of the given years only, where that is quicker.

    Use :func:`for_years`.
    """
    once: Callable[[ir.Table], ir.Table] | None = None
    """A table whose columns the engine computes once per row, however often a query reads them.

    None where the engine does so by itself (DuckDB finds common
    subexpressions). PostgreSQL writes a subquery's expression into each of
    its uses: the checksum would compute each row's MD5 28 times.
    """
    plain_text: Callable[[ir.StringValue], ir.StringValue] | None = None
    """A table's text column as plain text, where the engine has other kinds of text.

    PostgreSQL's enumerated types read as text to Ibis, but ``btrim`` and
    ``=`` with a text do not take them. None where text is text (DuckDB).
    """
    hex_number: Callable[[ir.StringValue, int], ir.IntegerValue] | None = None
    """The number a text of so many hexadecimal digits writes, for a table's checksum.

    None where no table is read through this engine.
    """


def for_years(dialect: Dialect, years: tuple[int, int]) -> Dialect:
    """``dialect`` for data whose times all fall in ``years`` (:func:`.zones.years_of`)."""
    return dialect if dialect.within is None else dialect.within(years)


def _duckdb(years: tuple[int, int]) -> Dialect:
    """DuckDB's dialect, converting the times of ``years`` by :mod:`.zones`."""
    return Dialect(
        local_time=functools.partial(zones.local_time, years=years),
        instant=functools.partial(zones.instant, years=years),
        microseconds=zones.instant_us,
        wall_clock_kind=functools.partial(zones.wall_clock_kind, years=years),
        within=_duckdb,
        hex_number=_duckdb_hex,
    )


def _duckdb_hex(digits: ir.StringValue, size: int) -> ir.IntegerValue:
    """DuckDB reads a hexadecimal number written ``0x…`` (``CAST('0x1f' AS BIGINT)``)."""
    return (ibis.literal("0x") + digits).cast("int64")


DUCKDB: Final = _duckdb(zones.ALL_YEARS)
"""DuckDB's dialect for times of any year: exact, slower to compile than one for a few years."""


def _postgres(years: tuple[int, int]) -> Dialect:
    """PostgreSQL's dialect (14 or later), converting the times of ``years`` by :mod:`.zones`."""
    clock = zones.POSTGRES_CLOCK
    return Dialect(
        local_time=functools.partial(zones.local_time, years=years, clock=clock),
        instant=functools.partial(zones.instant, years=years, clock=clock),
        microseconds=clock.instant_us,
        wall_clock_kind=functools.partial(zones.wall_clock_kind, years=years, clock=clock),
        within=_postgres,
        once=_postgres_once,
        plain_text=_postgres_text,
        hex_number=hex_by_digits,
    )


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="text", signature=((dt.string,), dt.string)
)
def _postgres_text(value: Any) -> Any:
    """PostgreSQL's ``text(value)``: a cast to ``text`` of an enumerated type, ``char(n)`` or
    ``name`` (Ibis drops a cast from what it takes for text to text)."""


def _postgres_once(table: ir.Table) -> ir.Table:
    """``table`` behind a ``LIMIT`` no table reaches: PostgreSQL keeps such a subquery whole.

    A subquery without one is merged into the query that reads it, and its
    expressions are then computed at each of their uses.
    """
    return table.limit(NO_LIMIT)


NO_LIMIT: Final = 2**63 - 1
"""More rows than any table holds (PostgreSQL's largest ``bigint``)."""


def hex_by_digits(digits: ir.StringValue, size: int) -> ir.IntegerValue:
    """The number ``size`` lowercase hexadecimal ``digits`` write, digit by digit: on any engine.

    Each digit's place in ``0123456789abcdef``, times its power of sixteen.
    PostgreSQL before 16 reads no ``0x…`` text as a number.
    """
    places = ibis.literal("0123456789abcdef")
    found = [
        places.find(digits.substr(k, 1)).cast("int64") * 16 ** (size - 1 - k) for k in range(size)
    ]
    return functools.reduce(operator.add, found)


POSTGRES: Final = _postgres(zones.ALL_YEARS)
"""PostgreSQL's dialect for times of any year (:func:`for_years` for a few)."""


def _spark(years: tuple[int, int]) -> Dialect:
    """Spark's dialect, converting the times of ``years`` by :mod:`.zones` with Spark's clock.

    Spark computes on datasets SQMS hands it: it reads no table, so it needs
    no more than the wall-clock times of instants.
    """
    return Dialect(
        local_time=functools.partial(zones.local_time, years=years, clock=zones.SPARK_CLOCK),
        within=_spark,
    )


SPARK: Final = _spark(zones.ALL_YEARS)
