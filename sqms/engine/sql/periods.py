"""Reporting periods on a query engine: the first local day of each row's period.

As :mod:`sqms.engine.periods`: calendar weeks (ISO, from Monday), months,
quarters and years in the plan's time zone, for instants; a date column is
taken as it is. The engine returns the period's first day; its label and end
are worked out in Python from that day, once per period, by the same code the
pandas path uses, so both paths name periods alike.

Instants are read in the time zone by the dialect
(:attr:`sqms.engine.sql.dialects.Dialect.local_time`): SQMS's arithmetic on
the zone's changes, with Python's zone data, on every engine.
"""

from __future__ import annotations

from typing import Final

import ibis.expr.types as ir
import pandas as pd

from sqms.engine.periods import FREQ
from sqms.engine.sql.dialects import DUCKDB, Dialect

UNITS: Final[dict[str, str]] = {"week": "W", "month": "M", "quarter": "Q", "year": "Y"}
"""Each reporting period → the Ibis unit its first day is truncated to."""


def period_start(
    values: ir.Value, period: str, timezone: str, dialect: Dialect = DUCKDB
) -> ir.DateValue:
    """The first local day of the ``period`` each value falls in (null where it is null).

    A date (a ``date`` column placing rows in periods) is a local day already.
    """
    if values.type().is_date():
        return values.truncate(UNITS[period])
    return dialect.local_time(timezone, values).truncate(UNITS[period]).date()


def periods_of(starts: pd.Series, period: str) -> pd.Series:
    """The pandas periods that begin on ``starts`` (dates), as the pandas path names them."""
    stamps = pd.to_datetime(starts)
    return stamps.dt.to_period(FREQ[period])
