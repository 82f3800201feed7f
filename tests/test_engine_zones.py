"""Time zones on DuckDB and PostgreSQL by SQMS's own transitions: the same times as pandas.

The engine converts instants to wall-clock times and back by comparing them
with each zone's changes of offset (:mod:`sqms.engine.sql.zones`). These
tests compare it with pandas on random instants from 1700 to 2200 and on the
seconds around every change, in the zones whose rules are odd (half-hour
and 45-minute offsets, a change of 30 minutes, a negative daylight saving,
a skipped day, changes of two hours) and in a seeded draw of the others,
on each engine with its own functions between timestamps and microseconds
(:class:`~sqms.engine.sql.zones.Clock`).
"""

from __future__ import annotations

import random
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import ibis
import numpy as np
import pandas as pd
import pytest

from sqms.engine.sql import zones
from sqms.engine.sql.quiet import quiet_library
from sqms.engine.sql.zones import (
    REPEATED,
    SKIPPED,
    frame_years,
    instant,
    local_time,
    wall_clock_kind,
    years_of,
)

ODD_ZONES = [
    "Europe/Berlin",
    "Australia/Lord_Howe",  # a change of 30 minutes
    "Antarctica/Troll",  # a change of two hours
    "Europe/Dublin",  # daylight saving below standard time
    "Pacific/Apia",  # skipped 30 December 2011
    "Africa/Casablanca",  # clocks back for Ramadan
    "America/St_Johns",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/Sao_Paulo",
    "UTC",
]
DRAWN = random.Random(19).sample(sorted(zoneinfo.available_timezones() - set(ODD_ZONES)), 24)
FIRST, LAST = pd.Timestamp("1700-01-01", tz="UTC"), pd.Timestamp("2200-12-31", tz="UTC")
US = 1_000_000


def moments(zone: str) -> np.ndarray:
    """Random instants from 1700 to 2200, and the seconds around each change of ``zone``."""
    rng = np.random.default_rng(7)
    drawn = rng.integers(FIRST.value // 1000, LAST.value // 1000, 3000)
    near = [at + d for at in zones.transitions(zone).at for d in (-US, -1, 0, 1, US)]
    return np.unique(np.concatenate([drawn, np.array(near, dtype=np.int64)]))


Engine = tuple[Any, zones.Clock]
"""An Ibis backend and its clock."""


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    """An embedded DuckDB, or a database of the test process's PostgreSQL server."""
    with quiet_library():
        if request.param == "duckdb":
            backend, clock = ibis.duckdb.connect(), zones.DUCKDB_CLOCK
        else:
            url = request.getfixturevalue("postgres_server")
            backend, clock = (
                ibis.connect("postgres" + url.removeprefix("postgresql")),
                zones.POSTGRES_CLOCK,
            )
    try:
        yield backend, clock
    finally:
        backend.disconnect()


def run(engine: Engine, column: pd.Series, build: Callable[[Any, zones.Clock], Any]) -> pd.Series:
    """``build(values, clock)`` computed by the engine on a table of ``column``'s values."""
    backend, clock = engine
    with quiet_library():
        table = ibis.memtable(pd.DataFrame({"v": column}))
        return backend.execute(table.select(out=build(table.v, clock))).out


@pytest.mark.parametrize("zone", ODD_ZONES + DRAWN)
def test_wall_clock_times_of_instants_are_pandas_own(zone: str, engine: Engine) -> None:
    instants = pd.Series(pd.to_datetime(moments(zone), unit="us", utc=True))
    found = run(engine, instants, lambda v, clock: local_time(zone, v, clock=clock))
    expected = instants.dt.tz_convert(zone).dt.tz_localize(None)
    assert (pd.Series(found.to_numpy()) == pd.Series(expected.to_numpy())).all()


@pytest.mark.parametrize("zone", ODD_ZONES + DRAWN)
def test_instants_of_wall_clock_times_and_the_times_a_change_skips_or_repeats(
    zone: str, engine: Engine
) -> None:
    walls = pd.Series(pd.to_datetime(moments(zone), unit="us"))
    got = run(engine, walls, lambda v, clock: instant(zone, v, clock=clock))
    kinds = run(engine, walls, lambda v, clock: wall_clock_kind(zone, v, clock=clock))
    early = walls.dt.tz_localize(zone, ambiguous=True, nonexistent="NaT")
    late = walls.dt.tz_localize(zone, ambiguous=False, nonexistent="NaT")
    skipped, repeated = early.isna(), early.notna() & (early != late)
    assert (kinds == SKIPPED).tolist() == skipped.tolist()
    assert (kinds == REPEATED).tolist() == repeated.tolist()
    normal = ~(skipped | repeated)
    expected = early[normal].dt.tz_convert("UTC").to_numpy()
    assert (pd.Series(got[normal].to_numpy()) == pd.Series(expected)).all()
    assert normal.sum() > len(walls) / 2  # most times name one instant


def test_a_null_stays_null(engine: Engine) -> None:
    instants = pd.Series([pd.NaT, pd.Timestamp("2026-03-29 01:30", tz="UTC")])
    found = run(engine, instants, lambda v, clock: local_time("Europe/Berlin", v, clock=clock))
    assert found.isna().tolist() == [True, False]
    assert found.iloc[1] == pd.Timestamp("2026-03-29 03:30")


def test_a_zone_changes_at_the_seconds_its_data_says() -> None:
    berlin = zones.transitions("Europe/Berlin")
    spring = pd.Timestamp("2026-03-29 01:00", tz="UTC").value // 1000
    assert spring in berlin.at
    k = berlin.at.index(spring)
    assert berlin.offsets[k : k + 2] == (3600 * US, 7200 * US)
    assert zones.transitions("UTC").at == ()


def test_the_changes_of_the_data_s_years_convert_its_times_as_all_of_them_do(
    engine: Engine,
) -> None:
    years = years_of([pd.Timestamp("2025-11-03 08:00"), pd.Timestamp("2026-12-31 23:30")])
    assert years == (2024, 2027)
    berlin = zones.transitions("Europe/Berlin")
    assert len(berlin.within(years).at) == 8  # two a year, not the 469 from 1700 to 2200
    inside = moments("Europe/Berlin")
    inside = inside[(inside >= pd.Timestamp("2024-01-01").value // 1000)
                    & (inside < pd.Timestamp("2028-01-01").value // 1000)]  # fmt: skip
    instants = pd.Series(pd.to_datetime(inside, unit="us", utc=True))
    few = run(engine, instants, lambda v, clock: local_time("Europe/Berlin", v, years, clock))
    every = run(engine, instants, lambda v, clock: local_time("Europe/Berlin", v, clock=clock))
    assert few.tolist() == every.tolist()


def test_the_years_of_a_frame_and_of_no_time_at_all() -> None:
    frame = pd.DataFrame(
        {
            "at": pd.to_datetime(["2026-01-01T00:30:00Z", None], utc=True),
            "day": pd.to_datetime(["1999-05-01", "2001-01-01"]),
            "n": [1, 2],
        }
    )
    assert frame_years(frame) == (1998, 2027)
    assert frame_years(frame[["n"]]) == (1700, 1700)
    assert years_of([pd.Timestamp("1650-01-01"), pd.Timestamp("2300-01-01")]) == (1700, 2200)
    assert zones.transitions("Europe/Berlin").within((1700, 1700)).at == ()
