"""Whole plans on generated data read from tables: the same results as from the files.

The projects of :mod:`tests.test_engine_differential` (tickets, complaints
and customers with nulls, NaN, ties, DST nights in five time zones; plans of
every measure with conditions, breakdowns and periods) are written once as
CSV files and once as tables of a DuckDB database, declared with
``connection:`` and ``table:``. The results table computed where the tables
are must equal the one computed from the files, column for column.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from sqms.engine.compute import compute
from sqms.project import load_project
from tests.support.projects import write_project
from tests.test_engine_differential import projects

TYPES = {
    "tickets": {"id": "VARCHAR", "created_at": "TIMESTAMP", "channel": "VARCHAR",
                "wait_h": "DOUBLE", "resolved": "BOOLEAN", "score": "INTEGER"},
    "complaints": {"received_at": "TIMESTAMP", "channel": "VARCHAR", "cost": "DOUBLE"},
    "customers": {"customer": "VARCHAR", "start": "TIMESTAMP", "end": "DATE",
                  "channel": "VARCHAR"},
}  # fmt: skip
"""Each generated file's columns, as the table holding them declares them."""


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


def results(root: Path) -> pd.DataFrame:
    project = load_project(root)
    assert [d.format() for d in project.report.errors] == []
    assert project.plan is not None and project.catalog is not None
    try:
        return compute(project.plan, project.catalog)
    finally:
        project.catalog.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_tables_compute_every_plan_as_files_do(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        base = Path(folder)
        from_files = write_project(base / "files", files)
        from_tables = write_project(
            base / "tables", {**files, "data/datasets.yml": as_tables(files["data/datasets.yml"])}
        )
        make_tables(from_files, base / "warehouse.duckdb")
        for name in TYPES:
            (from_tables / "data" / f"{name}.csv").unlink()
        patch.setenv("SQMS_TEST_WAREHOUSE", f"duckdb://{base / 'warehouse.duckdb'}")
        expected, got = results(from_files), results(from_tables)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
