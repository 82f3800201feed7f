"""Periods worked out on the engine are the pandas path's, across time zones and DST changes."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

ibis = pytest.importorskip("ibis")
pytest.importorskip("duckdb")

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from sqms.engine.periods import assign_periods  # noqa: E402
from sqms.engine.sql.dialects import DUCKDB, for_years  # noqa: E402
from sqms.engine.sql.periods import period_start, periods_of  # noqa: E402
from sqms.engine.sql.zones import years_of  # noqa: E402

pytestmark = [  # Ibis 12 under pandas 3 (see sqms.engine.sql.engine.LIBRARY_NOISE)
    pytest.mark.filterwarnings("ignore:The 'future.infer_string' option is deprecated"),
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated"),
]
ZONES = ["UTC", "Europe/Berlin", "Asia/Shanghai", "America/St_Johns", "Pacific/Chatham"]
INSTANTS = st.datetimes(
    min_value=pd.Timestamp("1999-12-25").to_pydatetime(),
    max_value=pd.Timestamp("2027-01-05").to_pydatetime(),
)


@pytest.fixture(scope="module")
def connection() -> Any:
    return ibis.duckdb.connect(threads=1)


def _engine_periods(connection: Any, values: pd.Series, period: str, zone: str) -> pd.Series:
    table = connection.create_table("p", pd.DataFrame({"at": values}), overwrite=True)
    dialect = for_years(DUCKDB, years_of([values.min(), values.max()]))  # as the engine does
    starts = connection.execute(
        table.select(start=period_start(table["at"], period, zone, dialect))
    )
    return periods_of(starts["start"], period)


@settings(max_examples=60, deadline=None)
@given(
    moments=st.lists(INSTANTS, min_size=1, max_size=40),
    period=st.sampled_from(["week", "month", "quarter", "year"]),
    zone=st.sampled_from(ZONES),
)
def test_periods_agree(connection: Any, moments: list[Any], period: str, zone: str) -> None:
    values = pd.Series(pd.to_datetime(moments).tz_localize("UTC"), dtype="datetime64[us, UTC]")
    expected = assign_periods(values, period, zone).reset_index(drop=True)
    got = _engine_periods(connection, values, period, zone)
    assert got.tolist() == expected.tolist()


def test_a_dst_night_and_a_new_year(connection: Any) -> None:
    values = pd.Series(
        pd.to_datetime(["2026-03-29T00:59:59Z", "2026-12-31T23:00:00Z", None], utc=True)
    )
    got = _engine_periods(connection, values, "month", "Europe/Berlin")
    assert [str(p) if not pd.isna(p) else None for p in got] == ["2026-03", "2027-01", None]
    weeks = _engine_periods(connection, values, "week", "Asia/Shanghai")
    assert str(weeks[0].start_time.date()) == "2026-03-23"  # a Monday
