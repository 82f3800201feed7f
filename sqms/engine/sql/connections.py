"""Connections to the databases datasets read tables from.

A connection's URL is taken from the environment variable ``datasets.yml``
names (``url_from``), never from the file: a URL may carry a password, and a
pull request must not be able to point a build at another database. The URL
is never written into a message, the manifest or the site; messages name the
connection and the variable.

Only engines SQMS has a dialect for (:mod:`sqms.engine.sql.dialects`) and
has been tested on are accepted (:data:`DIALECTS`):

- DuckDB database files, opened read-only with access to the file system
  switched off, so a table name can never make DuckDB read a file (DuckDB
  reads ``FROM 'x.csv'`` otherwise);
- PostgreSQL 14 or later (``EXTRACT(epoch …)`` exact), through psycopg
  (``pip install 'sqms[postgres]'``). Its session writes temporary tables
  (the typed rows, a calendar's opening intervals), which a read-only
  transaction forbids: what protects the database is the role in the URL,
  which needs ``SELECT`` on the tables and nothing more. The session's
  time zone is UTC and its dates ISO, so the text of a value (the table's
  checksum) does not depend on the server's settings.

A table must be one the database lists before it is read, and every query
is built by Ibis from the declared names, quoted: no text of ``datasets.yml``
is pasted into SQL.
"""

from __future__ import annotations

import contextlib
import importlib.util
import uuid
import weakref
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import parse_qsl, urlsplit

import duckdb
import ibis
import ibis.expr.types as ir
from ibis.common.exceptions import IbisError

from sqms.diagnostics import shorten
from sqms.engine.sql.dialects import DUCKDB, POSTGRES, Dialect
from sqms.engine.sql.quiet import quiet_library
from sqms.engine.sql.spill import SpillFolder
from sqms.i18n import t
from sqms.schema.datasets import ConnectionSpec

DIALECTS: Final[dict[str, Dialect]] = {"duckdb": DUCKDB, "postgres": POSTGRES}
"""URL scheme → the dialect of the engine behind it: the engines a table may be read from."""
SCHEMES: Final = {"postgresql": "postgres"}
"""Other spellings of a scheme of :data:`DIALECTS`."""
DRIVERS: Final = {"postgres": ("psycopg", "sqms[postgres]")}
"""The Python package an engine needs beyond DuckDB, and the extra that installs it."""
POSTGRES_SINCE: Final = 140000
"""PostgreSQL 14: ``EXTRACT(epoch …)`` is an exact ``numeric`` from then on."""
POSTGRES_SESSION: Final = (
    "SET TIME ZONE 'UTC'",
    "SET DateStyle = 'ISO, YMD'",
    "SET IntervalStyle = 'postgres'",
    "SET extra_float_digits = 1",
)
"""How a PostgreSQL session writes values as text, whatever the server's defaults."""
ENGINE_ERRORS: tuple[type[Exception], ...] = (duckdb.Error, IbisError)
"""What an engine raises when a query fails (a view that reads a file, a permission)."""
try:  # the PostgreSQL driver is optional (sqms[postgres])
    import psycopg

    ENGINE_ERRORS += (psycopg.Error,)
except ImportError:  # pragma: no cover - installed wherever PostgreSQL is tested
    pass
DRIVER_ERROR_LIMIT: Final = 200
"""How much of a driver's error a message keeps: enough for the reason (``Connection refused``)."""
SHOWN_TABLES = 10
"""How many of a database's tables a message lists when the declared one is not there."""


def engine_problem(error: Exception, message: str, **values: object) -> str:
    """What an engine's ``error`` says: ``message`` (an id) with it, or that it ran out of room.

    Out of memory, or of disk space for what spills beyond ``memory_limit``,
    is said in words a quality manager can act on, whatever was running.
    """
    problem = shorten(str(error))
    no_room = isinstance(error, duckdb.OutOfMemoryException) or (
        isinstance(error, duckdb.IOException) and any(s in str(error) for s in _NO_SPACE)
    )
    if no_room:
        return t("data.engine_no_room", problem=problem)
    return t(message, problem=problem, **values)


_NO_SPACE: Final = ("No space left", "Could not write file")
"""What DuckDB says when the disk its temporary files spill to is full."""


class ConnectionProblem(Exception):
    """A connection that cannot be opened, or a table it cannot read; naming no secret."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Connection:
    """An open, read-only connection and the dialect its queries are written in."""

    name: str
    backend: Any
    dialect: Dialect
    engine: str
    """The engine's name (the URL's scheme), as the manifest records it."""
    writes_tables: bool = False
    """Whether the tables made for a computation go into the connection's own database file.

    There DuckDB compresses them (a fourth of a temporary table's memory, or
    less); a database opened read-only gets temporary tables instead.
    """
    analyse_kept: bool = False
    """Whether a table :meth:`keep` makes needs its statistics gathered (``ANALYZE``).

    PostgreSQL gathers none for a temporary table by itself, and would plan
    the queries that read one blind (a million rows taken for a thousand).
    """
    spill: SpillFolder | None = None
    """Where the engine writes what does not fit in its memory limit, removed on close.

    Removed too when it is collected without being removed, or at exit,
    whichever comes first; a later build removes it if this one is killed.
    """

    def __post_init__(self) -> None:
        """Disconnect when collected unclosed (a catalog a failed load dropped), or at exit."""
        self._disconnect = weakref.finalize(self, _disconnect, self.backend)

    def keep(self, rows: ir.Table) -> ir.Table:
        """``rows`` worked out once into a new ``sqms_…`` table: temporary, or in the
        connection's own database (:attr:`writes_tables`)."""
        made = f"sqms_{uuid.uuid4().hex}"
        with quiet_library():
            table = self.backend.create_table(made, rows, temp=not self.writes_tables)
            if self.analyse_kept:
                with self.backend.begin() as cursor:
                    cursor.execute(f'ANALYZE "{made}"')  # a name SQMS made: letters and digits
        return table

    def close(self) -> None:
        """Disconnect (and remove the spill folder)."""
        self._disconnect()
        if self.spill is not None:
            self.spill.remove()


def _disconnect(backend: Any) -> None:
    """Close ``backend``'s connection; one the server already dropped is closed all the same."""
    with contextlib.suppress(*ENGINE_ERRORS):
        backend.disconnect()


def open_connection(name: str, spec: ConnectionSpec, environ: Mapping[str, str]) -> Connection:
    """Open the connection ``spec`` declares, from the URL in its environment variable.

    Raises :class:`ConnectionProblem` when the variable is unset, names an
    engine SQMS cannot read tables from (or whose driver is not installed),
    or the database does not open.
    """
    url = environ.get(spec.url_from, "").strip()
    if not url:
        raise ConnectionProblem(t("data.connection_unset", variable=spec.url_from))
    written = urlsplit(url).scheme.lower()
    scheme = SCHEMES.get(written, written)
    if scheme not in DIALECTS:
        known = ", ".join(f"{s}://" for s in sorted(DIALECTS))
        raise ConnectionProblem(
            t(
                "data.connection_scheme",
                variable=spec.url_from,
                scheme=shorten(written),
                known=known,
            )
        )
    if scheme in DRIVERS and importlib.util.find_spec(DRIVERS[scheme][0]) is None:
        package, extra = DRIVERS[scheme]
        raise ConnectionProblem(
            t("data.connection_driver", variable=spec.url_from, package=package, extra=extra)
        )
    try:
        with quiet_library():
            backend = _open(scheme, url)
    except ConnectionProblem:
        raise
    except Exception as exc:  # any driver's failure: reported, without the URL
        problem = shorten(redacted(str(exc), url), DRIVER_ERROR_LIMIT)
        raise ConnectionProblem(
            t("data.connection_failed", variable=spec.url_from, problem=problem)
        ) from None
    return Connection(name, backend, DIALECTS[scheme], scheme, analyse_kept=scheme == "postgres")


def _open(scheme: str, url: str) -> Any:
    """The Ibis backend of ``url``, set up as SQMS reads with it."""
    if scheme == "duckdb":
        return ibis.connect(url, read_only=True, enable_external_access=False)
    backend = ibis.connect(scheme + ":" + url.split(":", 1)[1])  # postgresql:// as postgres://
    try:
        with backend.begin() as cursor:
            version = int(cursor.execute("SHOW server_version_num").fetchone()[0])
            for statement in POSTGRES_SESSION:
                cursor.execute(statement)
    except Exception:
        _disconnect(backend)  # opened, but not set up: reported by the caller
        raise
    if version < POSTGRES_SINCE:
        _disconnect(backend)
        shown = f"{version // 10000}"
        needed = f"{POSTGRES_SINCE // 10000}"
        raise ConnectionProblem(
            t("data.connection_version", engine="PostgreSQL", version=shown, needed=needed)
        )
    return backend


def redacted(text: str, url: str) -> str:
    """``text`` without the URL or any part of it that may name a secret or a place."""
    parts = urlsplit(url)
    secrets = [url, parts.netloc, parts.path, parts.username, parts.password, parts.hostname]
    secrets += [value for _, value in parse_qsl(parts.query)]
    for secret in sorted({s for s in secrets if s and len(s) > 2}, key=len, reverse=True):
        text = text.replace(secret, "…")
    return text


def table_path(table: str) -> tuple[str, tuple[str, ...] | str | None]:
    """``catalog.schema.name`` → ``("name", ("catalog", "schema"))``, as Ibis takes them."""
    *database, name = table.split(".")
    if not database:
        return name, None
    return name, database[0] if len(database) == 1 else (database[0], database[1])


SYSTEM_SCHEMAS: Final = frozenset(
    {"information_schema", "pg_catalog", "pg_toast", "system", "temp"}
)
"""Schemas and catalogs of the engines' own (and PostgreSQL's ``pg_…``), never read as tables.

They list settings, roles and other sessions' queries, which the role in the
URL may read but a pull request must not be able to quote in a build's errors.
"""


def system_part(table: str) -> str | None:
    """The part of ``table``'s name that is a system schema or catalog, if any.

    A name of its own beginning with ``pg_`` counts too: PostgreSQL looks an
    unqualified name up in ``pg_catalog`` first, so ``pg_settings`` would
    read the system's view even beside a table of that name.
    """
    *database, name = table.split(".")
    found = [part for part in database if part.lower() in SYSTEM_SCHEMAS]
    found += [part for part in (*database, name) if part.lower().startswith("pg_")]
    return found[0] if found else None


def find_table(connection: Connection, table: str) -> Any:
    """The Ibis table ``table`` names; :class:`ConnectionProblem` if the database lists none.

    A table of a system schema (:data:`SYSTEM_SCHEMAS`) is never looked up.
    """
    system = system_part(table)
    if system is not None:
        raise ConnectionProblem(t("data.table_system", table=table, schema=system))
    name, database = table_path(table)
    try:
        with quiet_library():
            listed = connection.backend.list_tables(database=database)
    except ENGINE_ERRORS:  # an unknown schema or catalog
        listed = []
    if name not in listed:
        shown = ", ".join(sorted(listed)[:SHOWN_TABLES]) or "—"
        more = " …" if len(listed) > SHOWN_TABLES else ""
        known = shown + more
        raise ConnectionProblem(
            t("data.table_unknown", table=table, connection=connection.name, known=known)
        )
    try:
        with quiet_library():
            return connection.backend.table(name, database=database)
    except ENGINE_ERRORS as exc:  # a view whose query fails (one that reads a file)
        problem = shorten(str(exc))
        raise ConnectionProblem(
            t("data.table_query_failed", table=table, problem=problem)
        ) from None
