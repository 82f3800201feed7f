"""A PostgreSQL server of its own, for the tests and the benchmark: in a folder, then stopped.

The server's programs come from Debian's ``postgresql`` package (``.ci/run``
installs it): ``initdb`` makes a cluster that trusts local connections,
``pg_ctl`` starts it on a free port of 127.0.0.1 with its socket in the
folder, and stops it when the caller is done. PostgreSQL refuses to run as
root, so as root the cluster belongs to the package's ``postgres`` user.

Tables are filled from a DuckDB database (:func:`copy_from_duckdb`) with
``COPY``, column types spelled as PostgreSQL's, a batch of rows at a time.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import psycopg

USER = "sqms"
"""The cluster's superuser; the URL names it, with no password (trust, local only)."""
TYPES = {
    "VARCHAR": "text", "TIMESTAMP": "timestamp", "TIMESTAMP WITH TIME ZONE": "timestamptz",
    "BOOLEAN": "boolean", "DATE": "date", "INTEGER": "integer", "SMALLINT": "smallint",
    "BIGINT": "bigint", "DOUBLE": "double precision", "VARCHAR[]": "text[]", "UUID": "uuid",
}  # fmt: skip
"""DuckDB's type names → PostgreSQL's, for :func:`copy_from_duckdb`."""
BATCH = 100_000
"""Rows held in memory at a time while a table is copied."""


def programs() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl``: on the path, or Debian's newest; None if absent."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_major)
    return versions[-1].parent if versions else None


def _major(initdb: Path) -> int:
    return int(initdb.parent.parent.name) if initdb.parent.parent.name.isdigit() else 0


@contextmanager
def server(folder: Path) -> Iterator[str]:
    """A running server with its cluster in ``folder``; yields its URL (database ``postgres``)."""
    bin_dir = programs()
    if bin_dir is None:
        raise RuntimeError(
            "PostgreSQL's server is not installed (Debian: apt-get install postgresql)"
        )
    folder.mkdir(parents=True, exist_ok=True)
    as_user = _run_as(folder)
    data, log = folder / "cluster", folder / "server.log"
    initdb = [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8"]
    _run([*as_user, *initdb, "--locale", "C.UTF-8"])
    port = _free_port()
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [*as_user, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log)]
    _run([*pg_ctl, "-o", options, "-w", "start"])
    try:
        yield f"postgresql://{USER}@127.0.0.1:{port}/postgres"
    finally:
        _run([*pg_ctl, "-m", "immediate", "-w", "stop"])


def _run_as(folder: Path) -> list[str]:
    """As root, the command prefix running as ``postgres`` (who gets ``folder``); else none."""
    if os.geteuid() != 0:
        return []
    user = pwd.getpwnam("postgres")
    os.chown(folder, user.pw_uid, user.pw_gid)
    return ["runuser", "-u", "postgres", "--"]


def _run(command: list[str]) -> None:
    """Run ``command``, its output shown only if it fails."""
    # PostgreSQL's own programs, with arguments of this module: nothing untrusted.
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd="/")  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {done.stdout}{done.stderr}")


def _free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def new_database(url: str, name: str) -> str:
    """A new, empty database on the server of ``url``; its URL."""
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return url.rsplit("/", 1)[0] + f"/{name}"


def execute(url: str, *statements: str) -> None:
    """Run ``statements`` on the database of ``url``, in one transaction."""
    with psycopg.connect(url) as connection:
        for statement in statements:
            connection.execute(statement)


def copy_from_duckdb(source: Path, url: str) -> None:
    """Every table of the DuckDB file copied to the database of ``url``.

    Each is made with the same columns in PostgreSQL's types (:data:`TYPES`),
    then filled with ``COPY``. Names come from the tests, never from data.
    """
    with duckdb.connect(str(source), read_only=True) as duck, psycopg.connect(url) as postgres:
        duck.execute("SET enable_progress_bar = false")
        listed = duck.execute(
            "SELECT schema_name, table_name FROM duckdb_tables()"
            " WHERE database_name = current_database()"
        ).fetchall()
        for schema, name in listed:
            table = name if schema == "main" else f"{schema}.{name}"
            columns = duck.execute(f"DESCRIBE {table}").fetchall()
            if schema != "main":
                postgres.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
            spelled = ", ".join(f'"{c[0]}" {TYPES[c[1]]}' for c in columns)
            postgres.execute(f"CREATE TABLE {table} ({spelled})")
            names = ", ".join(f'"{c[0]}"' for c in columns)
            query = f"SELECT {names} FROM {table}"  # noqa: S608 (names of the tests' tables)
            with postgres.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for batch in duck.execute(query).to_arrow_reader(BATCH):
                    for row in zip(*(column.to_pylist() for column in batch.columns), strict=True):
                        copy.write_row(row)
            postgres.execute(f"ANALYZE {table}")  # the planner's statistics, as a live table has
