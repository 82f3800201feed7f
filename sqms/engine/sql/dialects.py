"""What differs between the query engines SQMS computes on, and nothing else.

The expression compiler, the periods and the measures are written once, in
Ibis; two things have no portable Ibis operation and are taken from the
engine's own functions here:

- the wall-clock time of an instant in a time zone (DuckDB's ``timezone``,
  Spark's ``from_utc_timestamp``; Ibis has no time-zone conversion);
- the sum of fractions. DuckDB's ``fsum`` is the compensated (Kahan) sum that
  pandas' group-by uses, and in one thread it adds the rows in pandas' order,
  so the sums are equal to the last bit. Spark has no compensated sum and adds
  its partitions in any order: its sums and means of fractions may differ
  from pandas' in the last digits (``exact_sums`` is false).
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
    name="from_utc_timestamp", signature=((dt.timestamp, dt.string), dt.timestamp)
)
def _spark_local_time(moment: Any, zone: str) -> Any:
    """Spark's ``from_utc_timestamp(instant, zone)``, with the session's time zone UTC."""


@ibis.udf.agg.builtin(name="fsum")  # type: ignore[untyped-decorator]
def _duckdb_compensated_sum(values: float) -> float:  # type: ignore[empty-body]
    """DuckDB's Kahan-compensated sum of doubles."""


@dataclass(frozen=True)
class Dialect:
    """An engine's ways of doing what Ibis cannot say portably."""

    name: str
    local_time: Callable[[str, ir.Value], ir.TimestampValue]
    """The wall-clock time of instants in a time zone: ``local_time(zone, instants)``."""
    fraction_sum: Callable[[ir.FloatingValue], ir.FloatingScalar]
    """The sum of a column of doubles, in a group."""
    exact_sums: bool
    """Whether ``fraction_sum`` equals pandas' compensated sum bit for bit (in one thread)."""


DUCKDB: Final = Dialect(
    name="duckdb",
    local_time=lambda zone, moments: _duckdb_local_time(zone, moments),
    fraction_sum=lambda values: _duckdb_compensated_sum(values),
    exact_sums=True,
)
SPARK: Final = Dialect(
    name="spark",
    local_time=lambda zone, moments: _spark_local_time(moments, zone),
    fraction_sum=lambda values: values.sum(),
    exact_sums=False,
)
