"""Parquet, CSV and JSON Lines files read by DuckDB itself, when ``datasets.yml`` chooses it.

With ``engine: {name: duckdb}``, a dataset whose file is Parquet, CSV or
JSON Lines is not loaded whole into pandas. SQMS's own DuckDB reads it as a table, and it
is checked, typed, derived and computed on as a table of a connection is
(:mod:`sqms.engine.sql.sources`), within the engine's ``memory_limit``:

- a Parquet file is read where it lies;
- a CSV or JSON Lines file is typed first, a block at a time, by pandas' rules
  (:mod:`sqms.engine.typed_blocks`), into a Parquet file in the engine's
  private folder, which the engine then reads. The rules of each row are
  checked as a block is typed; ``unique`` and the ``order`` of events, which
  span rows, by the engine.

That DuckDB's database is a file in the private temporary folder (the rows
it keeps are stored compressed there) with what spills beyond the limit;
the folder is removed with the connection. Only aggregates come back.

A file differs from a table in three ways:

- its problems are reported at the file's row and column (and line, for
  a text file), as the pandas reader reports them
  (``data/tickets.parquet: row 7, column channel: …``), and a repeated
  value at each row after its first;
- it is a file, so the manifest records its SHA-256 like any other, and no
  checksum of its rows is computed;
- a file the engine cannot take as it is — a Parquet column in a type that
  does not hold the declared one (dates written as text), a text file
  Arrow's reader does not read in blocks as pandas reads it whole — is read by pandas instead, which
  reports what is wrong, and the engine computes on what pandas read.

The DuckDB that reads the files may open only them: it is given the list of
the catalog's Parquet files and of the typed files it will write, then its
access to the file system is switched off and its settings locked, so no
query can read or write another file.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import ibis
from pydantic import ValidationError

from sqms.diagnostics import Report, shorten
from sqms.engine.datasets import DATASETS_FILE, Catalog, Dataset, engine_reads, read_dataset
from sqms.engine.sql.connections import ENGINE_ERRORS, Connection, engine_problem
from sqms.engine.sql.dialects import DUCKDB
from sqms.engine.sql.quiet import quiet_library
from sqms.engine.sql.sources import engine_dataset, read_table_dataset
from sqms.engine.sql.spill import SpillFolder
from sqms.engine.sql.table_checks import TableWhere
from sqms.engine.sql.table_columns import schema_problems
from sqms.engine.typed_blocks import HEADER_LINES, NoRoom, write_typed
from sqms.i18n import N_, t
from sqms.io.confine import confined
from sqms.io.hashing import text_sha256
from sqms.schema.datasets import DatasetSpec

FILES: Final = "files:"
"""The catalog's key of the engine that reads files (no declared connection has a colon)."""
ROW: Final = "file_row_number"
"""The column DuckDB numbers each row of a Parquet file in, from 0."""


def read_file(
    catalog: Catalog, name: str, spec: DatasetSpec, data_dir: Path, display_dir: str, report: Report
) -> Dataset | None:
    """The dataset ``name`` read from its Parquet, CSV or JSON Lines file by the engine, or None.

    A file the engine cannot take as it is (missing, unreadable, a Parquet
    column in a type that does not hold the declared one, a text file
    Arrow cannot read in blocks as pandas reads it whole) is read by pandas, which reports what
    is wrong with it as for any file.
    """
    assert spec.file is not None
    path = confined(spec.file, data_dir)
    if path is None or not path.is_file():
        return read_dataset(catalog, name, spec, data_dir, display_dir, report)
    connection = files_connection(catalog, data_dir)
    display = f"{display_dir}/{spec.file}"
    zone = spec.timezone or catalog.spec.timezone
    typed = Report()  # a text file's problems of single rows, found as it is typed
    text = spec.file_format in HEADER_LINES
    if text:
        target = typed_file(connection, name)
        try:
            written = write_typed(path, spec, zone, display, target, typed)
        except NoRoom as exc:
            report.error(display, None, t("data.engine_no_room", problem=shorten(str(exc))))
            return None
        table = None if written is None else _parquet(connection, target)
    else:
        table = _parquet(connection, path)
    if table is None or schema_problems(spec, table.schema(), spec.file):
        return read_dataset(catalog, name, spec, data_dir, display_dir, report)
    where = TableWhere(display, spec.file, spec.key, spec.pii_columns, lambda _: None, row=ROW,
                       header_lines=HEADER_LINES.get(spec.file_format or ""))  # fmt: skip
    try:
        read = read_table_dataset(spec, table, connection, zone, where, report, catalog.calendars,
                                  typed_in_blocks=typed if text else None)  # fmt: skip
    except ENGINE_ERRORS as exc:
        report.error(display, None, engine_problem(exc, N_("data.unreadable")))
        return None
    if read is None:
        return None
    return engine_dataset(name, spec, read, path, (display, f"{display_dir}/{DATASETS_FILE}"), zone)


def typed_file(connection: Connection, name: str) -> Path:
    """Where dataset ``name``'s text file is written typed: the engine's private folder."""
    assert connection.spill is not None
    return connection.spill.path / f"typed-{text_sha256(name)[:16]}.parquet"


def _parquet(connection: Connection, path: Path) -> Any:
    """The Ibis table of the Parquet file at ``path``, numbered by row; None if DuckDB cannot.

    None for a file that is not Parquet, or has a column named as DuckDB's row number.
    """
    try:
        with quiet_library():
            return connection.backend.read_parquet(
                path.resolve(), table_name=f"sqms_file_{uuid.uuid4().hex}", file_row_number=True
            )
    except ENGINE_ERRORS:
        return None


def files_connection(catalog: Catalog, data_dir: Path) -> Connection:
    """The catalog's engine for files, opened on first use with access to its Parquet files only."""
    found = catalog.connections.get(FILES)
    if found is not None:
        return found
    spill = SpillFolder()
    options: dict[str, Any] = {"temp_directory": str(spill.path / "temp")}
    if catalog.spec.engine.memory_limit is not None:
        options["memory_limit"] = catalog.spec.engine.memory_limit
    with quiet_library():  # a database of its own: the rows it keeps are stored compressed
        backend = ibis.duckdb.connect(spill.path / "files.duckdb", **options)
    connection = Connection(FILES, backend, DUCKDB, "duckdb", writes_tables=True, spill=spill)
    with quiet_library():
        allowed = sorted(str(p.resolve()) for p in _engine_files(catalog, data_dir, connection))
        backend.con.execute("SET allowed_paths = ?", [allowed])
        backend.con.execute("SET enable_external_access = false")
        backend.con.execute("SET lock_configuration = true")
    catalog.connections[FILES] = connection
    return connection


def _engine_files(catalog: Catalog, data_dir: Path, connection: Connection) -> Iterator[Path]:
    """The files the engine may read: each Parquet file it reads, each text file's typed file.

    All of them, from the declarations as written: the engine is opened
    before the first is read, and its access cannot be widened after. Every
    Parquet file is inside the data folder; every typed file, in the
    engine's private folder.
    """
    declared: Mapping[str, Any] = (catalog.source or {}).get("datasets") or {}
    for name, raw in declared.items():
        try:
            spec = DatasetSpec.model_validate(raw)
        except ValidationError:  # reported where the dataset is loaded
            continue
        path = confined(spec.file, data_dir) if spec.file is not None else None
        if not engine_reads(catalog, spec) or path is None or not path.is_file():
            continue
        yield typed_file(connection, str(name)) if spec.file_format in HEADER_LINES else path
