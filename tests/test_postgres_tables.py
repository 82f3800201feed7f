"""Datasets read from PostgreSQL tables: the same numbers, errors and evidence as from DuckDB.

A PostgreSQL server of the test process (:mod:`tests.support.postgres`)
holds the sample's tickets, customers, surveys and QA reviews, copied from
the DuckDB database of :mod:`tests.test_table_datasets`. Every indicator is
computed by PostgreSQL and must equal the files' results to the last bit;
broken rows are reported by key word for word as from DuckDB; the manifest's
checksum finds a changed row; times convert as pandas converts them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.support import postgres
from tests.test_table_datasets import (
    VARIABLE,
    loaded,
    results,
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
    from_files, from_tables = loaded(files), loaded(tables)
    assert from_tables.catalog is not None
    sources = {n: d.source for n, d in from_tables.catalog.datasets.items() if d.source}
    assert set(sources) == {"tickets", "customers", "surveys", "qa_reviews"}
    assert {s.connection.engine for s in sources.values()} == {"postgres"}
    try:
        expected, got = results(from_files), results(from_tables)
    finally:
        from_tables.catalog.close()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
