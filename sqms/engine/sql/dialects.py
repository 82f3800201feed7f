"""What differs between the query engines SQMS computes on, and nothing else.

The expression compiler, the periods and the measures are written once, in
Ibis. One thing has no portable Ibis operation and is taken from the
engine's own functions here: the wall-clock time of an instant in a time
zone (DuckDB's ``timezone``, Spark's ``from_utc_timestamp``; Ibis has no
time-zone conversion), and its inverse for a table's timestamps without a
zone. Sums of fractions need nothing of the engine's: they are made exact
from whole-number partial sums (:mod:`sqms.engine.exact_sums`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="timezone", signature=((dt.string, dt.Timestamp(timezone="UTC")), dt.timestamp)
)
def _duckdb_local_time(zone: str, moment: Any) -> Any:
    """DuckDB's ``timezone(zone, timestamptz)``: the wall-clock time in ``zone``."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="timezone", signature=((dt.string, dt.timestamp), dt.Timestamp(timezone="UTC"))
)
def _duckdb_instant(zone: str, wall_clock: Any) -> Any:
    """DuckDB's ``timezone(zone, timestamp)``: the instant a wall-clock time in ``zone`` names."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="epoch_us", signature=((dt.Timestamp(timezone="UTC"),), dt.int64)
)
def _duckdb_microseconds(moment: Any) -> Any:
    """DuckDB's ``epoch_us(timestamptz)``: microseconds since 1970, in UTC, as a whole number."""


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="from_utc_timestamp", signature=((dt.timestamp, dt.string), dt.timestamp)
)
def _spark_local_time(moment: Any, zone: str) -> Any:
    """Spark's ``from_utc_timestamp(instant, zone)``, with the session's time zone UTC."""


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


DUCKDB: Final = Dialect(
    local_time=lambda zone, moments: _duckdb_local_time(zone, moments),
    instant=lambda zone, times: _duckdb_instant(zone, times),
    microseconds=lambda moments: _duckdb_microseconds(moments),
)
SPARK: Final = Dialect(local_time=lambda zone, moments: _spark_local_time(moments, zone))
