"""Whole plans on generated data read from tables: the same results as from the files.

The projects of :mod:`tests.test_engine_differential` (tickets, complaints
and customers with nulls, NaN, ties, DST nights in five time zones; plans of
every measure with conditions, breakdowns and periods) are written once as
CSV files and once as tables of a DuckDB database, declared with
``connection:`` and ``table:``, and once more as tables of PostgreSQL. The
results table computed where the tables are must equal the one computed
from the files, column for column.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Final

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmarks import postgres
from sqms.engine.compute import compute
from sqms.project import load_project
from tests.support.projects import write_project
from tests.test_engine_differential import ZONES, projects, wall_clock

TYPES = {
    "tickets": {"id": "VARCHAR", "created_at": "TIMESTAMP", "channel": "VARCHAR",
                "wait_h": "DOUBLE", "resolved": "BOOLEAN", "score": "INTEGER"},
    "complaints": {"received_at": "TIMESTAMP", "channel": "VARCHAR", "cost": "DOUBLE"},
    "customers": {"customer": "VARCHAR", "start": "TIMESTAMP", "end": "DATE",
                  "channel": "VARCHAR"},
}  # fmt: skip
"""Each generated file's columns, as the table holding them declares them."""

EMPTY = {  # the generated project with no row in any file (found in CI)
    "data/datasets.yml": "timezone: UTC\ndatasets:\n  tickets:\n    file: tickets.csv\n    key: id\n"
    "    time: created_at\n    columns:\n      id: string\n"
    "      created_at: {type: datetime, required: true}\n"
    "      channel: {type: category, values: [chat, mail, phone]}\n      wait_h: number\n"
    "      resolved: boolean\n      score: {type: integer, min: 0, max: 10}\n"
    "  complaints:\n    file: complaints.csv\n    time: received_at\n    columns:\n"
    "      received_at: datetime\n      channel: string\n      cost: number\n"
    "  customers:\n    file: customers.csv\n    key: customer\n    columns:\n"
    "      customer: string\n      start: datetime\n      end: date\n      channel: string\n",
    "data/tickets.csv": "id,created_at,channel,wait_h,resolved,score\n",
    "data/complaints.csv": "received_at,channel,cost\n",
    "data/customers.csv": "customer,start,end,channel\n",
}


def as_tables(datasets: str) -> str:
    """The generated ``datasets.yml`` reading each dataset from the warehouse's table."""
    datasets = "connections:\n  warehouse: {url_from: SQMS_TEST_WAREHOUSE}\n" + datasets
    for name in TYPES:
        old = f"    file: {name}.csv\n"
        assert datasets.count(old) == 1
        datasets = datasets.replace(old, f"    connection: warehouse\n    table: data.{name}\n")
    return datasets


def make_tables(folder: Path, database: Path) -> None:
    """Each generated CSV file as a table of ``database``, in the declared types."""
    with duckdb.connect(str(database)) as connection:
        connection.execute("CREATE SCHEMA data")
        for name, columns in TYPES.items():
            spelled = ", ".join(f"'{column}': '{kind}'" for column, kind in columns.items())
            connection.execute(
                f"CREATE TABLE data.{name} AS SELECT * FROM read_csv("
                f"'{folder / 'data' / name}.csv', header = true, columns = {{{spelled}}})"
            )


def on_duckdb(database: Path) -> str:
    """The URL of the DuckDB database the tables were made in."""
    return f"duckdb://{database}"


def on_postgres(server: str) -> Callable[[Path], str]:
    """The URL of a PostgreSQL database on ``server`` holding a copy of the DuckDB database's tables."""

    def copied(database: Path) -> str:
        url = postgres.new_database(server, "differential")
        postgres.copy_from_duckdb(database, url)
        return url

    return copied


ON_POSTGRES: Final = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
"""Fewer examples on PostgreSQL, whose queries take longer to write: what differs from
DuckDB there (the clock, the checksum's digits) is tested whole in its own tests."""


def results(root: Path) -> pd.DataFrame:
    project = load_project(root)
    assert [d.format() for d in project.report.errors] == []
    assert project.plan is not None and project.catalog is not None
    try:
        return compute(project.plan, project.catalog)
    finally:
        project.catalog.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
@example(  # no data anywhere: churn has no period to report on, and no row is read
    {
        **EMPTY,
        "data/quality-plan.yml": "indicators:\n  i0: {name: Churn, family: quality, measure: churn,"
        " dataset: customers, start: start, end: end, period: week, unit: percent, by: [channel]}\n",
    }
)
def test_tables_compute_every_plan_as_files_do(files: dict[str, str]) -> None:
    every_plan_as_files_do(on_duckdb, files)


@ON_POSTGRES
@given(projects())
def test_postgres_tables_compute_every_plan_as_files_do(
    postgres_server: str, files: dict[str, str]
) -> None:
    every_plan_as_files_do(on_postgres(postgres_server), files)


def every_plan_as_files_do(serve: Callable[[Path], str], files: dict[str, str]) -> None:
    """The generated project's results from its files, and from its tables where ``serve`` puts them."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        base = Path(folder)
        from_files = write_project(base / "files", files)
        from_tables = write_project(
            base / "tables", {**files, "data/datasets.yml": as_tables(files["data/datasets.yml"])}
        )
        make_tables(from_files, base / "warehouse.duckdb")
        for name in TYPES:
            (from_tables / "data" / f"{name}.csv").unlink()
        patch.setenv("SQMS_TEST_WAREHOUSE", serve(base / "warehouse.duckdb"))
        expected, got = results(from_files), results(from_tables)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


DAYS_CLOSED = """\
timezone: UTC
calendars:
  desk: {timezone: UTC, hours: {mon-fri: "09:00-18:00"}, holidays: [2026-03-02]}
datasets:
  tickets:
    file: tickets.csv
    time: created
    columns: {id: string, created: datetime, done: datetime}
    derive:
      bh: {business_hours: [created, done], calendar: desk}
"""
HOURS = [
    '{mon-fri: "09:00-18:00"}',
    '{mon-fri: "08:00-12:00, 13:00-17:30", sat: "10:00-14:00"}',
    '{daily: "00:00-24:00"}',
    '{"mon,wed,fri": "01:30-03:30, 22:00-24:00", sun: "00:00-02:45"}',
]


@st.composite
def business_projects(draw: Any) -> tuple[dict[str, str], str]:
    """A tickets export, a calendar and a plan of business-hour durations; and the zone."""
    zone = draw(st.sampled_from(ZONES))
    start = pd.Timestamp("2026-03-01")
    holidays = sorted({(start + pd.Timedelta(days=d)).strftime("%Y-%m-%d")
                       for d in draw(st.lists(st.integers(0, 90), max_size=6))})  # fmt: skip
    size = draw(st.integers(1, 30))
    lines = ["id,created,done"]
    for number in range(size):
        created = start + pd.Timedelta(minutes=draw(st.integers(0, 60 * 24 * 80)))
        took = draw(st.one_of(st.none(), st.integers(-60 * 24 * 3, 60 * 24 * 30)))
        done = "" if took is None else wall_clock(created + pd.Timedelta(minutes=took), zone)
        lines.append(f"t{number},{wall_clock(created, zone)},{done}")
    datasets = f"""\
timezone: {zone}
calendars:
  desk:
    timezone: {draw(st.sampled_from(ZONES))}
    hours: {draw(st.sampled_from(HOURS))}
    holidays: [{", ".join(holidays)}]
datasets:
  tickets:
    file: tickets.csv
    key: id
    time: created
    as_of: 2026-06-01 00:00:00
    columns:
      id: string
      created: {{type: datetime, required: true}}
      done: datetime
    derive:
      bh: {{business_hours: [created, done], calendar: desk}}
      open_bh: {{business_hours: [created, done], calendar: desk, open_until: as_of}}
"""
    plan = """\
indicators:
  total:
    name: Total
    family: efficiency
    measure: sum
    dataset: tickets
    column: bh
    unit: hours
  median:
    name: Median
    family: service_level
    measure: median
    dataset: tickets
    column: open_bh
    unit: hours
    period: week
  within:
    name: Within a day
    family: service_level
    measure: share
    dataset: tickets
    where: "bh <= 8"
    among: "bh is not null"
    unit: percent
"""
    files = {
        "data/datasets.yml": datasets,
        "data/quality-plan.yml": plan,
        "data/tickets.csv": "\n".join(lines) + "\n",
    }
    return files, zone


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(business_projects())
@example(  # the days measured are all closed (a Sunday, a holiday, a Saturday): no interval at all
    (
        {
            "data/datasets.yml": DAYS_CLOSED,
            "data/quality-plan.yml": "indicators:\n  total: {name: Total, family: efficiency, "
            "measure: sum, dataset: tickets, column: bh, unit: hours}\n",
            "data/tickets.csv": "id,created,done\nt0,2026-03-01 00:00:00,2026-03-01 08:00:00\n",
        },
        "UTC",
    )
)
def test_business_hours_on_a_table_are_a_file_s(drawn: tuple[dict[str, str], str]) -> None:
    """Calendars in five time zones (DST included), split days, holidays, open items."""
    business_hours_as_a_file_s(on_duckdb, drawn[0])


@ON_POSTGRES
@given(business_projects())
def test_business_hours_on_a_postgres_table_are_a_file_s(
    postgres_server: str, drawn: tuple[dict[str, str], str]
) -> None:
    business_hours_as_a_file_s(on_postgres(postgres_server), drawn[0])


def business_hours_as_a_file_s(serve: Callable[[Path], str], files: dict[str, str]) -> None:
    """The business hours of the generated tickets from their file and from their table."""
    tables = {
        **files,
        "data/datasets.yml": "connections:\n  warehouse: {url_from: SQMS_TEST_WAREHOUSE}\n"
        + files["data/datasets.yml"].replace(
            "    file: tickets.csv\n", "    connection: warehouse\n    table: tickets\n"
        ),
    }
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        base = Path(folder)
        from_files = write_project(base / "files", files)
        from_tables = write_project(base / "tables", tables)
        (from_tables / "data" / "tickets.csv").unlink()
        with duckdb.connect(str(base / "warehouse.duckdb")) as connection:
            connection.execute(
                f"CREATE TABLE tickets AS SELECT * FROM read_csv('{from_files}/data/tickets.csv',"
                " header = true, columns = {'id': 'VARCHAR', 'created': 'TIMESTAMP',"
                " 'done': 'TIMESTAMP'})"
            )
        patch.setenv("SQMS_TEST_WAREHOUSE", serve(base / "warehouse.duckdb"))
        expected, got = results(from_files), results(from_tables)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
