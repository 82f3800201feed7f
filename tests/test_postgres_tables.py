"""Datasets read from PostgreSQL tables: the same numbers, errors and evidence as from DuckDB.

A PostgreSQL server of the test process (:mod:`benchmarks.postgres`)
holds the sample's tickets, customers, surveys and QA reviews, copied from
the DuckDB database of :mod:`tests.test_table_datasets`. Every indicator is
computed by PostgreSQL and must equal the files' results to the last bit;
broken rows are reported by key word for word as from DuckDB; the manifest's
checksum finds a changed row; times convert as pandas converts them.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import ibis
import numpy as np
import pandas as pd
import pytest

from benchmarks import postgres
from sqms.engine.sql import zones
from sqms.engine.sql.dialects import POSTGRES, for_years
from sqms.engine.sql.quiet import quiet_library
from sqms.evidence.manifest import Manifest, build_manifest
from sqms.project import load_project
from tests.support.projects import errors
from tests.test_table_datasets import (
    VARIABLE,
    _verify_errors,
    loaded,
    results,
    tables_give_the_files_numbers,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sample_on_postgres(
    sample_on_tables: tuple[Path, Path, str], postgres_server: str
) -> tuple[Path, Path, str]:
    """The sample from files and from PostgreSQL tables: (files' root, tables' root, URL)."""
    files, tables, duck = sample_on_tables
    url = postgres.new_database(postgres_server, "sample")
    postgres.copy_from_duckdb(Path(duck.removeprefix("duckdb://")), url)
    return files, tables, url


def test_postgres_tables_give_the_files_numbers_exactly(
    sample_on_postgres: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files, tables, url = sample_on_postgres
    monkeypatch.setenv(VARIABLE, url)
    tables_give_the_files_numbers(files, tables, "postgres")


def test_the_manifest_records_a_postgres_table_and_verify_finds_a_changed_row(
    sample_on_postgres: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, tables, url = sample_on_postgres
    monkeypatch.setenv(VARIABLE, url)
    project = loaded(tables)
    assert project.catalog is not None
    document = build_manifest(project, results(project), ["data"])
    project.catalog.close()
    customers = {item["dataset"]: item for item in document["tables"]}["customers"]
    assert customers["name"] == "warehouse:crm.customers"
    assert customers["engine"] == "postgres"
    assert customers["rows"] == len(pd.read_csv(ROOT / "data" / "customers.csv"))
    assert '"crm"."customers"' in customers["query"]
    assert url.rsplit("@", 1)[1] not in json.dumps(document)  # the server: never recorded
    manifest = Manifest(document, "site/sqms/manifest.json")

    # The same rows in another order, read by a new session: the same checksum.
    postgres.execute(
        url,
        "CREATE TABLE crm.c2 AS SELECT * FROM crm.customers ORDER BY random()",
        "DROP TABLE crm.customers",
        "ALTER TABLE crm.c2 RENAME TO customers",
        "ALTER DATABASE sample SET TimeZone = 'America/New_York'",  # settings SQMS overrides
        "ALTER DATABASE sample SET DateStyle = 'SQL, DMY'",
    )
    assert _verify_errors(tables, manifest) == []

    # One value changed: caught, with the rows and checksums then and now.
    postgres.execute(url, "UPDATE crm.customers SET region = 'North' WHERE customer_id = 'C00001'")
    found = _verify_errors(tables, manifest)
    assert len(found) == 1
    assert "table warehouse:crm.customers changed" in found[0]
    assert customers["checksum"] in found[0]


ROWS = (
    "('a', 1, NULL, true, DATE '2026-03-02', TIMESTAMP '2026-03-02 10:00:00',"
    " TIMESTAMPTZ '2026-03-29 01:30:00+00', 0.1::DOUBLE + 0.2::DOUBLE)",
    "('b,c', -20, 'é 中', false, NULL, NULL, NULL, 1.5)",
    "('d', NULL, '', NULL, DATE '1700-01-01', TIMESTAMP '2200-12-31 23:59:59.999999',"
    " TIMESTAMPTZ '1999-12-31 23:00:00-05', NULL)",
)
"""Rows of every type but lists, with the texts :data:`AS_TEXT` says they are written as."""
AS_TEXT = [
    ["1:a", "1:1", None, "4:true", "10:2026-03-02", "19:2026-03-02 10:00:00",
     "22:2026-03-29 01:30:00+00", "19:0.30000000000000004"],
    ["3:b,c", "3:-20", "3:é 中", "5:false", None, None, None, "3:1.5"],
    ["1:d", None, "0:", None, "10:1700-01-01", "26:2200-12-31 23:59:59.999999",
     "22:2000-01-01 04:00:00+00", None],
]  # fmt: skip
"""Each value of :data:`ROWS` as ``length:text``, or None where it is missing."""
NAMES = ["id", "n", "note", "ok", "day", "at_wall", "at_z", "x"]
KINDS = ["VARCHAR", "INTEGER", "VARCHAR", "BOOLEAN", "DATE", "TIMESTAMP", "TIMESTAMPTZ", "DOUBLE"]
COLUMNS = ", ".join(f"{name} {kind}" for name, kind in zip(NAMES, KINDS, strict=True))
CHECKSUM = """\
import sys
from sqms.engine.sql.connections import open_connection
from sqms.engine.sql.sources import fingerprint
from sqms.schema.datasets import ConnectionSpec
connection = open_connection("w", ConnectionSpec(url_from="URL"), {"URL": sys.argv[1]})
table = connection.backend.table("t")
print(*fingerprint(table, connection.backend.execute, connection.dialect), sep=" ")
connection.close()
"""
"""A table's checksum as a build computes it, through the connection SQMS opens."""


def test_the_checksum_is_computed_by_hand_alike_on_duckdb_and_postgres_in_any_zone(
    tmp_path: Path, postgres_database: str
) -> None:
    """Text, numbers, true/false, dates and times: one sum on both engines, as the page says.

    Each engine computes it with its machine or server in New York: the session's
    time zone is UTC all the same, so a time with a zone is written alike.
    """
    duck = tmp_path / "w.duckdb"
    with duckdb.connect(str(duck)) as connection:
        connection.execute("SET TimeZone = 'UTC'")
        connection.execute(f"CREATE TABLE t ({COLUMNS})")
        connection.execute(f"INSERT INTO t VALUES {', '.join(ROWS)}")
    postgres.copy_from_duckdb(duck, postgres_database)
    name = postgres_database.rsplit("/", 1)[1]
    postgres.execute(postgres_database, f"ALTER DATABASE {name} SET TimeZone = 'America/New_York'")
    expected = f"3 {_by_hand(AS_TEXT)}"
    for url in (f"duckdb://{duck}", postgres_database):
        done = subprocess.run(
            [sys.executable, "-c", CHECKSUM, url],
            capture_output=True, text=True, check=False,
            env={**os.environ, "TZ": "America/New_York"},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == expected, url


def test_postgres_computes_each_row_s_md5_once(postgres_database: str) -> None:
    """Not once for each of its 28 digits: PostgreSQL would compute it at each use."""
    from sqms.engine.sql.sources import fingerprint

    postgres.execute(postgres_database, "CREATE TABLE t (id text)", "INSERT INTO t VALUES ('a')")
    backend = ibis.connect("postgres" + postgres_database.removeprefix("postgresql"))
    sql: list[str] = []
    try:
        with quiet_library():
            fingerprint(backend.table("t"), _recording(backend, sql), POSTGRES)
    finally:
        backend.disconnect()
    assert sql[-1].upper().count("MD5(") == 1


def _recording(backend: Any, sql: list[str]) -> Callable[[Any], Any]:
    """``backend.execute``, keeping each query's SQL in ``sql``."""

    def run(query: Any) -> Any:
        sql.append(str(backend.compile(query)))
        return backend.execute(query)

    return run


def _by_hand(rows: list[list[str | None]]) -> str:
    """The checksum as the reference page tells an auditor to compute it, from each value's text."""
    sums = [0, 0, 0, 0]
    for row in rows:
        by_name = sorted(zip(NAMES, row, strict=True))  # the columns in name order
        text = ",".join("-" if value is None else value for _, value in by_name)
        digest = hashlib.md5(text.encode("utf-8")).hexdigest()
        for part in range(4):
            sums[part] += int(digest[part * 7 : part * 7 + 7], 16)
    return "-".join(f"{s:x}" for s in sums)


def test_times_convert_on_postgres_as_pandas_converts_them(postgres_server: str) -> None:
    """Instants from 1700 to 2200 and around every change of odd zones, to the microsecond.

    The engine's conversion is checked whole in tests/test_engine_zones.py; here
    the dialect a connection gets, for all years and for a window of them.
    """
    backend = ibis.connect("postgres" + postgres_server.removeprefix("postgresql"))
    rng = np.random.default_rng(3)
    first, last = pd.Timestamp("1700-01-01").value // 1000, pd.Timestamp("2201-01-01").value // 1000
    drawn = np.sort(rng.integers(first, last, 500))
    instants = pd.Series(pd.to_datetime(drawn, unit="us", utc=True))
    with quiet_library():
        table = ibis.memtable(pd.DataFrame({"v": instants}))
    try:
        for zone in ("Europe/Berlin", "Australia/Lord_Howe", "Pacific/Apia", "America/St_Johns"):
            for years in (zones.ALL_YEARS, zones.years_of(instants.iloc[200:300])):
                dialect = for_years(POSTGRES, years)
                inside = instants.iloc[200:300] if years != zones.ALL_YEARS else instants
                with quiet_library():
                    query = table.select(out=dialect.local_time(zone, table.v))
                    found = backend.execute(query).out
                expected = instants.dt.tz_convert(zone).dt.tz_localize(None)
                same = pd.Series(found.to_numpy()) == pd.Series(expected.to_numpy())
                assert same[inside.index].all(), zone
    finally:
        backend.disconnect()


def test_a_missing_driver_or_an_old_server_is_one_error_at_the_connection(
    make_project: object, postgres_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqms.engine.sql import connections

    assert callable(make_project)
    datasets = (
        "connections:\n  warehouse:\n    url_from: SQMS_TEST_WAREHOUSE\n"
        "datasets:\n  t:\n    connection: warehouse\n    table: t\n    columns: {id: string}\n"
    )
    root = make_project(
        {"data/datasets.yml": datasets, "data/quality-plan.yml": "indicators: {}\n"}
    )
    monkeypatch.setenv(VARIABLE, postgres_server)
    at = "data/datasets.yml:3: "

    monkeypatch.setattr(connections, "POSTGRES_SINCE", 990000)
    found = errors(load_project(root, "data", None))
    version = int(psycopg_version(postgres_server)) // 10000
    assert found == [
        f"{at}the database in this connection is PostgreSQL {version}; "
        "SQMS needs PostgreSQL 99 or later"
    ]
    monkeypatch.undo()
    monkeypatch.setenv(VARIABLE, postgres_server)
    real = connections.importlib.util.find_spec
    monkeypatch.setattr(
        connections.importlib.util,
        "find_spec",
        lambda name, *a: None if name == "psycopg" else real(name, *a),
    )
    found = errors(load_project(root, "data", None))
    assert found == [
        f"{at}the URL in SQMS_TEST_WAREHOUSE needs the Python package psycopg, which is not "
        "installed: install sqms[postgres]"
    ]


def psycopg_version(url: str) -> str:
    """The server's ``server_version_num``."""
    import psycopg

    with psycopg.connect(url) as connection:
        row = connection.execute("SHOW server_version_num").fetchone()
    assert row is not None
    return str(row[0])


def test_postgres_s_own_kinds_of_columns_are_read_as_declared(
    make_project: object, postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An enumerated type, char(n), varchar(n), numeric, real, timestamptz and timestamp(0).

    A help desk's database holds its statuses as an enumerated type: Ibis takes it for
    text, but PostgreSQL's text functions do not, so SQMS reads it through ``text()``.
    """
    postgres.execute(
        postgres_database,
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'glad')",
        "CREATE TABLE calls (id char(4), mood mood, team varchar(8), cost numeric(8, 2),"
        " rating real, at timestamptz, local timestamp(0))",
        "INSERT INTO calls VALUES"
        " ('C1', 'ok', 'north', 1.25, 4.5, '2026-03-29 00:30+00', '2026-03-29 01:30'),"
        " ('C2', 'glad', 'north ', 2.50, NULL, '2026-03-29 01:30+00', '2026-03-29 03:30'),"
        " ('C3', 'sad', '  ', NULL, 2, NULL, NULL),"
        " ('C3', 'ok', 'south', 0.75, 1, '2026-03-30 12:00+00', '2026-03-30 14:00')",
    )
    monkeypatch.setenv(VARIABLE, postgres_database)
    datasets = """\
connections:
  warehouse: {url_from: SQMS_TEST_WAREHOUSE}
datasets:
  calls:
    connection: warehouse
    table: calls
    key: id
    time: at
    timezone: Europe/Berlin
    columns:
      id: string
      mood: {type: category, values: [sad, ok]}
      team: category
      cost: number
      rating: number
      at: datetime
      local: datetime
"""
    plan = """\
indicators:
  cost:
    name: Cost
    family: efficiency
    measure: sum
    dataset: calls
    column: cost
    unit: number
    by: [mood]
"""
    assert callable(make_project)
    root = make_project({"data/datasets.yml": datasets, "data/quality-plan.yml": plan})
    found = errors(load_project(root, "data", None))
    at = "data/datasets.yml:{}: column {}: table calls"
    assert found == [
        f'{at.format(11, "id")}, id "C3": "C3" appears more than once (must be unique)',
        f'{at.format(12, "mood")}, id "C2": "glad" is not one of the declared values: sad, ok',
    ]
    postgres.execute(postgres_database, "DELETE FROM calls WHERE id = 'C3' OR mood = 'glad'")
    postgres.execute(
        postgres_database,
        "INSERT INTO calls VALUES ('C4', 'ok', 'south', 0.75, 1, '2026-03-30 12:00+00', NULL)",
    )
    project = loaded(root)
    assert project.catalog is not None
    try:
        table = results(project)
    finally:
        project.catalog.close()
    by_mood = table[table["dim"] == "mood"].set_index("dim_value")["value"].to_dict()
    assert by_mood == {"ok": 2.0}  # 1.25 + 0.75, numeric read as a number
