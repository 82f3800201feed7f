"""Datasets read from a connection's table: checked, typed and derived on the engine.

A dataset with ``connection:`` and ``table:`` instead of ``file:`` is never
loaded into memory. It is read here as one Ibis table on its connection:

1. the table must be one the database lists, and hold every declared
   column (under its ``rename``\\ d name) in a type that holds the declared
   one (:mod:`sqms.engine.sql.table_columns`); each problem is an error at
   the declaration in ``datasets.yml``;
2. the declared rules and the events' ``order`` are checked as aggregate
   queries, each broken rule reported by key (:mod:`sqms.engine.sql.table_checks`);
3. the rows are typed as a file's are, rows out of order are left out
   (``out_of_order: exclude``), and the derived columns are added: ``expr``,
   ``map`` and ``hours`` as expressions, ``business_hours`` by joining
   SQMS's own table of opening intervals (:mod:`sqms.engine.sql.business_time`);
   the result is made once, as a temporary table of the connection;
4. the content is fingerprinted: the number of rows and an order-independent
   checksum of the declared columns (:func:`fingerprint`), which the manifest
   records with the query, and ``sqms verify`` asks the engine again.

Only aggregates ever come back: counts, a few examples of broken rules,
minimum and maximum times, the number of distinct values of a breakdown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir
import pandas as pd

from sqms.diagnostics import Report
from sqms.engine.business_time import BusinessCalendar
from sqms.engine.coercion import TIME_TYPES
from sqms.engine.datasets import Catalog, Dataset, declared_as_of
from sqms.engine.derive import AS_OF
from sqms.engine.distributions import Histogram, covered_edges, from_counts
from sqms.engine.event_order import OutOfOrder
from sqms.engine.expressions import parse_expression
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.engine.sql.business_time import hours_of, with_business_hours
from sqms.engine.sql.connections import (
    ENGINE_ERRORS,
    Connection,
    ConnectionProblem,
    engine_problem,
    find_table,
    open_connection,
)
from sqms.engine.sql.dialects import Dialect, for_years
from sqms.engine.sql.engine import ConnectionEngine
from sqms.engine.sql.expressions import compile_value, empty_frame
from sqms.engine.sql.measures import flag
from sqms.engine.sql.quiet import quiet_library
from sqms.engine.sql.table_checks import (
    TableWhere,
    order_checks,
    report_checks,
    rule_checks,
)
from sqms.engine.sql.table_columns import (
    as_text,
    declared_rows,
    instants,
    schema_problems,
    typed_rows,
)
from sqms.engine.sql.zones import years_of
from sqms.i18n import N_
from sqms.schema.datasets import DatasetSpec, DeriveSpec

DIGEST_PARTS: Final = 4
DIGEST_DIGITS: Final = 7
"""The checksum adds, over the rows, 4 numbers of 7 hexadecimal digits cut from each row's MD5."""


@dataclass(frozen=True)
class TableSource:
    """A dataset's table on its connection, and what was found reading it."""

    connection: Connection
    dialect: Dialect
    """The connection's dialect for the years the table's times span (:func:`_years`)."""
    table: str
    raw: ir.Table
    """The declared columns as the table holds them: what is fingerprinted."""
    rows: ir.Table
    """The rows as SQMS computes on them: typed, ordered rows only, derived columns added.

    A temporary table of the connection, made once when the dataset is read.
    """
    query: str
    """The SQL that reads the declared columns, as the manifest records it."""
    count: int
    checksum: str
    """The order-independent checksum (:func:`fingerprint`); empty for a file, which is hashed."""

    def run(self, query: Any) -> Any:
        """Execute ``query`` on the connection (an aggregate: never the rows)."""
        return _runner(self.connection)(query)

    def distinct(self, column: str) -> int:
        """How many different values ``column`` has (a list column: different lists)."""
        value = self.rows[column]
        counted = value.cast("string") if value.type().is_array() else value
        return int(self.run(counted.nunique()))

    def span(self, column: str, timezone: str) -> tuple[Any, Any] | None:
        """The first and last local day of a time column, None when it has no value."""
        value = self.rows[column]
        if value.type().is_timestamp():
            value = self.dialect.local_time(timezone, value).date()
        found = self.run(self.rows.aggregate(first=value.min(), last=value.max()))
        first, last = found["first"].iloc[0], found["last"].iloc[0]
        if pd.isna(first) or pd.isna(last):
            return None
        return pd.Timestamp(first).date(), pd.Timestamp(last).date()

    def histogram(
        self, indicator: CompiledIndicator, plan: Plan, catalog: Catalog, latest: tuple[str, Any]
    ) -> Histogram | None:
        """The histogram of ``indicator``'s column in the period ``latest`` (label, period).

        Binned on the engine, as :func:`sqms.engine.distributions.histogram`
        bins values in memory: only the figures and the bin counts come back.
        """
        label, period = latest
        engine = ConnectionEngine(self.connection)
        try:
            found = engine.histogram(indicator, plan, catalog, period)
            if found is None:
                return None
            n, median, p90, top, largest = found
            edges = covered_edges(top, largest)
            inside, tail = engine.bin_counts(indicator, plan, catalog, period, list(edges))
        finally:
            engine.close()
        return from_counts(edges, inside, tail, (n, median, p90), label)

    def empty_frame(self) -> pd.DataFrame:
        """No rows, with the columns and dtypes of :attr:`rows`: what expressions are checked on."""
        return empty_frame(self.rows.schema())


def read_table_dataset(
    spec: DatasetSpec,
    table: ir.Table,
    connection: Connection,
    zone: str,
    where: TableWhere,
    report: Report,
    calendars: Mapping[str, BusinessCalendar],
    *,
    typed_in_blocks: Report | None = None,
) -> tuple[TableSource, pd.Timestamp | None, int] | None:
    """The dataset's source, its ``as_of`` and how many rows were left out; None on errors.

    A file's rows (``where.row``) keep their numbers while they are checked,
    and are not fingerprinted: the manifest hashes the file itself. A text
    file typed block by block (:mod:`sqms.engine.typed_blocks`) had the
    rules of each row checked as it was typed: ``typed_in_blocks`` holds
    what they found, reported with the rest, and only the rules spanning
    rows are checked here.
    """
    raw = declared_rows(spec, table, connection.dialect)
    checked = (
        raw if where.row is None else declared_rows(spec, table, connection.dialect, where.row)
    )
    run = _runner(connection)
    dialect = for_years(connection.dialect, _years(spec, raw, zone, run))
    before = len(report.errors)
    report.extend(typed_in_blocks or ())
    checks = rule_checks(spec, checked, zone, dialect, where.row,
                         across_rows_only=typed_in_blocks is not None)  # fmt: skip
    report_checks(checks, checked, where, run, report)
    disorder = order_checks(spec, checked, zone, dialect)
    if spec.out_of_order == "error":
        report_checks(disorder, checked, where, run, report)
    if len(report.errors) > before:
        return None
    as_of = _as_of(spec, typed_rows(spec, raw, zone, dialect), zone, run)
    kept, excluded = checked, 0
    if disorder and spec.out_of_order == "exclude":
        broken = ibis.or_(*(check.bad for check in disorder))
        excluded = int(run(flag(broken).sum()))
        kept = checked.filter(~broken)
    if where.row is not None:  # numbers only the checks need
        kept = kept.drop(where.row)
    deriving = _Deriving(as_of, zone, calendars, connection, dialect)
    typed = typed_rows(spec, kept, zone, dialect)
    if dialect.once is not None:  # each time converted once, though derived columns reread it
        typed = dialect.once(typed)
    rows = _kept(connection, _derive(spec, typed, deriving))
    if where.row is None:
        count, checksum = fingerprint(raw, run, dialect)
    else:
        count, checksum = int(run(raw.count())), ""
    query = str(connection.backend.compile(raw))
    source = TableSource(connection, dialect, where.table, raw, rows, query, count, checksum)
    return source, as_of, excluded


def _kept(connection: Connection, rows: ir.Table) -> ir.Table:
    """``rows`` made once, as a temporary table of the connection (or in its own database).

    Typing, the order's exclusions and the derived columns (business hours
    are two joins) are then worked out once, not again in every query.
    """
    return connection.keep(rows)


def _years(
    spec: DatasetSpec, raw: ir.Table, zone: str, run: Callable[[Any], Any]
) -> tuple[int, int]:
    """The years the table's times and dates span, and a declared ``as_of``'s (one query).

    Times are converted in these years only (:mod:`sqms.engine.sql.zones`).
    """
    times = [name for name, column in spec.columns.items() if column.type in TIME_TYPES]
    declared = [declared_as_of(spec, zone)] if spec.as_of is not None else []
    if not times:
        return years_of(declared)
    ends = {f"{end}{i}": getattr(raw[name], end)() for i, name in enumerate(times)
            for end in ("min", "max")}  # fmt: skip
    found = run(raw.aggregate(**ends))
    return years_of([*found.iloc[0], *declared])


def _runner(connection: Connection) -> Callable[[Any], Any]:
    """A function that executes a query on ``connection``, with the libraries' noise hidden."""

    def run(query: Any) -> Any:
        with quiet_library():
            return connection.backend.execute(query)

    return run


def _as_of(
    spec: DatasetSpec, rows: ir.Table, zone: str, run: Callable[[Any], Any]
) -> pd.Timestamp | None:
    """The export time: declared, else the latest timestamp in the table (UTC)."""
    if spec.as_of is not None:
        return declared_as_of(spec, zone)
    times = [name for name, column in spec.columns.items() if column.type == "datetime"]
    if not times:
        return None
    found = run(rows.aggregate(**{f"t{i}": rows[name].max() for i, name in enumerate(times)}))
    latest = [pd.Timestamp(v) for v in found.iloc[0] if not pd.isna(v)]
    if not latest:
        return None
    return max(s.tz_localize("UTC") if s.tzinfo is None else s.tz_convert("UTC") for s in latest)


@dataclass(frozen=True)
class _Deriving:
    """What derived columns are computed with: the export time, the zone, calendars, the engine."""

    as_of: pd.Timestamp | None
    zone: str
    calendars: Mapping[str, BusinessCalendar]
    connection: Connection
    dialect: Dialect


def _derive(spec: DatasetSpec, rows: ir.Table, deriving: _Deriving) -> ir.Table:
    """``rows`` with the derived columns, in declaration order (one may use another)."""
    for name, derive in spec.derive.items():
        if derive.business_hours is not None:
            span = _span(derive, rows, deriving)
            calendar = deriving.calendars[derive.calendar or ""]
            run = _runner(deriving.connection)
            rows = with_business_hours(rows, name, span, calendar, run)
        else:
            rows = rows.mutate(**{name: _derived(derive, rows, deriving)})
    return rows


def _derived(derive: DeriveSpec, rows: ir.Table, deriving: _Deriving) -> ir.Value:
    """One derived column, as :mod:`sqms.engine.derive` computes it on a frame."""
    if derive.expr is not None:
        return compile_value(parse_expression(derive.expr), rows, deriving.zone, deriving.dialect)
    if derive.map is not None:
        return _look_up(rows[derive.map], derive)
    start, end = _span(derive, rows, deriving)
    return hours_of(end - start)


def _span(
    derive: DeriveSpec, rows: ir.Table, deriving: _Deriving
) -> tuple[ir.IntegerValue, ir.IntegerValue]:
    """The instants a duration runs between, in whole microseconds since 1970 (UTC).

    ``as_of`` may be the end, or stand where the end is missing (``open_until``).
    """
    start_col, end_col = derive.hours or derive.business_hours or ("", "")
    dialect, as_of = deriving.dialect, deriving.as_of
    start = instants(rows[start_col], deriving.zone, dialect)
    instant = dt.Timestamp(timezone="UTC")
    moment = ibis.literal(as_of, instant) if as_of is not None else ibis.null(instant)
    end = moment if end_col == AS_OF else instants(rows[end_col], deriving.zone, dialect)
    if derive.open_until == "as_of" and as_of is not None:
        end = (end.isnull() & start.notnull()).ifelse(moment, end)
    microseconds = dialect.microseconds
    assert microseconds is not None  # a connection's engine has one (connections.DIALECTS)
    return microseconds(start), microseconds(end)


def _look_up(source: ir.Value, derive: DeriveSpec) -> ir.Value:
    """``values[source]`` for each row, ``default`` where a present value is not listed.

    Keys are compared as text, as the pandas path compares ``str(value)``.
    """
    number = all(isinstance(v, int | float) for v in (derive.values or {}).values())
    kind = "float64" if number else "string"
    text = as_text(source)
    cases = [(text == str(key), ibis.literal(value).cast(kind))
             for key, value in (derive.values or {}).items()]  # fmt: skip
    otherwise = (
        ibis.null(kind)
        if derive.default is None
        else source.isnull().ifelse(ibis.null(kind), ibis.literal(derive.default).cast(kind))
    )
    return ibis.cases(*cases, else_=otherwise) if cases else otherwise


@ibis.udf.scalar.builtin(  # type: ignore[untyped-decorator]
    name="md5", signature=((dt.string,), dt.string)
)
def md5(text: Any) -> Any:
    """``md5(text)``: the MD5 of a text's UTF-8 bytes, in lowercase hexadecimal digits.

    The same function on DuckDB and PostgreSQL (Ibis writes none for PostgreSQL).
    """


def fingerprint(raw: ir.Table, run: Callable[[Any], Any], dialect: Dialect) -> tuple[int, str]:
    """The number of rows and an order-independent checksum of ``raw``'s values.

    Each row is written as text, column by column in name order, each value
    as its length, ``:`` and its text (``-`` when missing), joined by ``,``;
    its MD5 is cut into four numbers of seven hexadecimal digits, and each
    is added up over the rows. The same rows in any order give the same
    sums; a changed, added or removed row changes them. Each value's text is
    the engine's own (``CAST(value AS VARCHAR)`` in a session in UTC): alike
    on DuckDB and PostgreSQL for every type but lists.
    """
    hex_number = dialect.hex_number
    assert hex_number is not None  # a connection's engine has one (connections.DIALECTS)
    parts = []
    for name in sorted(raw.columns):
        text = raw[name].cast("string")
        parts.append(text.isnull().ifelse("-", text.length().cast("string") + ":" + text))
    digests = raw.select(
        _sqms_md5=md5(ibis.literal(",").join(parts)) if parts else ibis.literal("")
    )
    if dialect.once is not None:
        digests = dialect.once(digests)
    digest = digests["_sqms_md5"]
    found = run(
        digests.aggregate(
            rows=digests.count(),
            **{
                f"p{i}": hex_number(
                    digest.substr(i * DIGEST_DIGITS, DIGEST_DIGITS), DIGEST_DIGITS
                ).sum()
                for i in range(DIGEST_PARTS)
            },
        )
    )
    sums = [int(found[f"p{i}"].iloc[0] or 0) for i in range(DIGEST_PARTS)]
    return int(found["rows"].iloc[0]), "-".join(f"{s:x}" for s in sums)


def load_table(
    catalog: Catalog,
    name: str,
    spec: DatasetSpec,
    display: str,
    report: Report,
    environ: Mapping[str, str] | None = None,
) -> Dataset | None:
    """The dataset ``name`` read from its connection's table; None when anything is wrong.

    The connection is opened once per catalog (and its failure reported once,
    at its ``url_from``), from the URL in ``environ`` (the process's
    environment); the table's problems are errors at their declaration in
    ``display`` (``datasets.yml``).
    """
    assert spec.connection is not None and spec.table is not None
    found_in = os.environ if environ is None else environ
    connection = _connection(catalog, spec.connection, display, report, found_in)
    if connection is None:
        return None
    try:
        found = find_table(connection, spec.table)
    except ConnectionProblem as exc:
        report.error(display, catalog.line("datasets", name, "table"), exc.message)
        return None
    problems = schema_problems(spec, found.schema(), spec.table)
    for path, message in problems:
        report.error(display, catalog.line("datasets", name, *path), message)
    if problems:
        return None
    zone = spec.timezone or catalog.spec.timezone
    where = TableWhere(
        display, spec.table, spec.key, spec.pii_columns,
        lambda column: catalog.line("datasets", name, "columns", column),
    )  # fmt: skip
    try:
        read = read_table_dataset(spec, found, connection, zone, where, report, catalog.calendars)
    except ENGINE_ERRORS as exc:
        message = engine_problem(exc, N_("data.table_query_failed"), table=spec.table)
        report.error(display, catalog.line("datasets", name, "table"), message)
        return None
    if read is None:
        return None
    return engine_dataset(name, spec, read, None, (spec.source_name, display), zone)


def engine_dataset(
    name: str,
    spec: DatasetSpec,
    read: tuple[TableSource, pd.Timestamp | None, int],
    path: Path | None,
    shown: tuple[str, str],
    zone: str,
) -> Dataset:
    """The dataset of rows :func:`read_table_dataset` read (``path``: a file's).

    ``shown`` is how messages name it, and where its ``order`` is declared.
    """
    source, as_of, excluded = read
    name_shown, declared_in = shown
    left_out = (
        OutOfOrder(excluded, tuple(spec.order), declared_in) if excluded and spec.order else None
    )
    return Dataset(
        name, spec, source.empty_frame(), path, name_shown, zone, as_of,
        out_of_order=left_out, source=source,
    )  # fmt: skip


def _connection(
    catalog: Catalog, name: str, display: str, report: Report, environ: Mapping[str, str]
) -> Connection | None:
    """The catalog's open connection ``name``, opened on first use; None if it cannot be."""
    if name in catalog.connections:
        return catalog.connections[name]
    try:
        opened: Connection | None = open_connection(name, catalog.spec.connections[name], environ)
    except ConnectionProblem as exc:
        report.error(display, catalog.line("connections", name, "url_from"), exc.message)
        opened = None
    catalog.connections[name] = opened
    return opened
