"""A table's declared columns as SQMS reads a file's: checked against its schema, then typed.

A table has types of its own, so nothing is parsed: each declared column
must exist (under its ``rename``\\ d name) with a type that holds the declared
one, and is then cast to what the rest of SQMS computes on, as the pandas
path's coercion gives it:

======================  ===================================  ======================
declared                the table's type                      read as
======================  ===================================  ======================
``string``, ``category`` text (PostgreSQL: enum, char(n)),    text; blank is missing
                        or a UUID
``integer``             any integer                           64-bit integer
``number``              any number (integer, float, decimal)  double; NaN is missing
``boolean``             boolean                               boolean
``datetime``            timestamp, with or without a zone     the instant (UTC)
``date``                date                                  date
``list``                array of text                         items trimmed, blank ones
                                                              dropped; missing is empty
======================  ===================================  ======================

A timestamp without a zone is wall-clock time in the column's (or the
dataset's) time zone, as in a file.
"""

from __future__ import annotations

from typing import Final

import ibis
import ibis.expr.datatypes as dt
import ibis.expr.types as ir

from sqms.engine.sql.dialects import Dialect
from sqms.i18n import t
from sqms.schema.datasets import ColumnSpec, DatasetSpec

Problem = tuple[tuple[int | str, ...], str]

_HOLDS: Final[dict[str, str]] = {
    "string": "is_string",
    "category": "is_string",
    "integer": "is_integer",
    "number": "is_numeric",
    "boolean": "is_boolean",
    "datetime": "is_timestamp",
    "date": "is_date",
}
"""Each declared type → the Ibis type test a table's column must pass to hold it."""


def schema_problems(spec: DatasetSpec, schema: ibis.Schema, table: str) -> list[Problem]:
    """Declared columns the table lacks, or holds in a type that is not the declared one."""
    problems: list[Problem] = []
    for column, theirs in spec.export_names.items():
        at = ("columns", column)
        declared = spec.columns[column]
        if theirs not in schema:
            problems.append((at, t("data.table_no_column", column=theirs, table=table)))
        elif not holds(declared, schema[theirs]):
            kind = str(schema[theirs])
            message = t("data.table_column_type", column=theirs, table=table, kind=kind,
                        declared=declared.type)  # fmt: skip
            problems.append((at, message))
    return problems


def holds(declared: ColumnSpec, kind: dt.DataType) -> bool:
    """Whether a table's column of type ``kind`` can be read as the ``declared`` type.

    A UUID is text to SQMS (a help desk's keys often are UUIDs).
    """
    if declared.type == "list":
        return kind.is_array() and kind.value_type.is_string()
    if declared.type in ("string", "category") and kind.is_uuid():
        return True
    return bool(getattr(kind, _HOLDS[declared.type])())


def declared_rows(spec: DatasetSpec, table: ir.Table, dialect: Dialect, *kept: str) -> ir.Table:
    """The declared columns of ``table``, under their declared names, as the table holds them.

    A UUID is read as its text (``xxxxxxxx-xxxx-…``, lowercase, on every
    engine), and text as plain text where the engine has kinds of text that
    its text functions do not take (:attr:`~.Dialect.plain_text`). The
    columns ``kept`` (a file's row numbers) follow them, as they are.
    """
    declared = {
        ours: _as_read(table[theirs], dialect) for ours, theirs in spec.export_names.items()
    }
    return table.select(**declared, **{name: table[name] for name in kept})


def _as_read(value: ir.Value, dialect: Dialect) -> ir.Value:
    """A column as the checks read it: a UUID as text, text as plain text, the rest as it is."""
    if value.type().is_uuid():
        return value.cast("string")
    if value.type().is_string() and dialect.plain_text is not None:
        return dialect.plain_text(value)
    return value


def typed_rows(spec: DatasetSpec, rows: ir.Table, zone: str, dialect: Dialect) -> ir.Table:
    """``rows`` (:func:`declared_rows`) cast as the rest of SQMS reads each declared type."""
    return rows.mutate(
        **{
            name: typed(rows[name], declared, declared.timezone or zone, dialect)
            for name, declared in spec.columns.items()
        }
    )


def typed(value: ir.Value, declared: ColumnSpec, zone: str, dialect: Dialect) -> ir.Value:
    """One column as the declared type is computed on (see the module's table)."""
    kind = declared.type
    if kind in ("string", "category"):  # blank text is missing, as in every file format
        return (value.strip() == "").ifelse(ibis.null("string"), value)
    if kind == "integer":
        return value.cast("int64")
    if kind == "number":
        number = value.cast("float64")
        return number.isnan().ifelse(ibis.null("float64"), number)
    if kind == "datetime":
        return instants(value, zone, dialect)
    if kind == "list":  # as a file's list: items trimmed, blank ones dropped, missing is empty
        # Missing is read as a list of one blank item, then dropped as blank items are:
        # an empty list literal has no type on PostgreSQL (``ARRAY[]``).
        listed = value.fill_null(ibis.literal([""], type=value.type()))
        return listed.map(lambda item: item.strip()).filter(lambda item: item.length() > 0)
    return value


def instants(value: ir.Value, zone: str, dialect: Dialect) -> ir.Value:
    """Timestamps as UTC instants: one without a zone is wall-clock time in ``zone``."""
    kind = value.type()
    if kind.is_date():
        value, kind = value.cast("timestamp"), dt.timestamp
    if kind.timezone is not None:
        return value.cast(dt.Timestamp(timezone="UTC"))
    assert dialect.instant is not None  # a connection's engine has one (connections.DIALECTS)
    return dialect.instant(zone, value)


def as_text(value: ir.Value) -> ir.StringValue:
    """A value as pandas writes it as text (``True``, ``7``, ``chat``), to compare with text."""
    if value.type().is_boolean():
        return value.ifelse("True", "False")
    return value.cast("string")
