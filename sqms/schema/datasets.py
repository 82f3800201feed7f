"""The format of ``data/datasets.yml``: calendars, datasets, columns, derived columns.

A dataset declares one data file (a help-desk export, a survey export, a
customer list, a register) and the columns SQMS reads from it. Only declared
columns are read: an export may carry many more, and what is not declared can
neither be published nor leak.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from sqms.diagnostics import shorten
from sqms.i18n import t
from sqms.schema.validation import StrictModel, custom_error

ColumnType = Literal[
    "string", "integer", "number", "boolean", "datetime", "date", "category", "list"
]
FileFormat = Literal["csv", "parquet", "xlsx", "jsonl"]
LIST_SEPARATOR = ";"
"""How the items of a list column are separated in text, unless declared."""

FORMAT_BY_SUFFIX: dict[str, FileFormat] = {
    ".csv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".xlsx": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}


class CalendarSpec(StrictModel):
    """Opening hours of a service, for business-time durations."""

    timezone: str
    """IANA time zone the opening hours are in, e.g. ``Asia/Shanghai``."""
    hours: dict[str, str]
    """Weekdays (``mon-fri``, ``sat``) to opening hours (``09:00-18:00``, ``closed``)."""
    holidays: list[dt.date | str] = Field(default_factory=list)
    """Closed days: dates, or inclusive ranges ``2026-02-16..2026-02-22``."""


class ColumnSpec(StrictModel):
    """One declared column: its type and the rules its values must follow."""

    type: ColumnType = "string"
    required: bool = False
    """Every row must have a value."""
    unique: bool = False
    """No two rows may share a value."""
    values: list[str | int | bool] | None = None
    """The allowed values (for ``category`` and ``string`` columns, and each item of a ``list``)."""
    min: float | None = None
    max: float | None = None
    timezone: str | None = None
    """Time zone of naive timestamps; defaults to the dataset's."""
    format: str | None = None
    """A ``strftime`` format for dates and timestamps, when they are not ISO 8601."""
    pii: bool = False
    """Personal data: usable in computations, never published."""
    label: str | None = None
    """The column's name for readers, in the manual's language (``Channel``, ``渠道``).

    Pages show it where they name the column (breakdown headings, table headers,
    chart titles); by default they show the column's name.
    """
    description: str | None = None
    separator: str | None = None
    """How the items of a ``list`` column are separated in text (CSV, XLSX); default ``;``."""

    @model_validator(mode="after")
    def _separator_of_lists(self) -> ColumnSpec:
        """A separator belongs to a list column, and must be some text."""
        if self.separator is not None and self.type != "list":
            raise custom_error(t("data.separator_needs_list"))
        if self.separator == "":
            raise custom_error(t("data.separator_empty"))
        return self

    @property
    def list_separator(self) -> str:
        """The separator of a list column's items in text."""
        return self.separator or LIST_SEPARATOR


class DeriveSpec(StrictModel):
    """A column computed from others when the dataset is loaded.

    Exactly one of ``hours``, ``business_hours``, ``map`` or ``expr``.
    """

    hours: tuple[str, str] | None = None
    """Wall-clock hours from the first timestamp column to the second."""
    business_hours: tuple[str, str] | None = None
    """Business hours between two timestamp columns, over ``calendar``."""
    calendar: str | None = None
    open_until: Literal["as_of"] | None = None
    """When the end is missing, measure up to the dataset's ``as_of`` (the age of open items)."""
    map: str | None = None
    """A column whose values are looked up in ``values``."""
    values: dict[str | int | bool, float | int | str] | None = None
    default: float | int | str | None = None
    expr: str | None = None
    """An expression over other columns (see the expression language)."""
    label: str | None = None
    """The column's name for readers, as for a declared column; by default its name."""

    @model_validator(mode="after")
    def _one_kind(self) -> DeriveSpec:
        kinds = [
            k for k in ("hours", "business_hours", "map", "expr") if getattr(self, k) is not None
        ]
        if len(kinds) != 1:
            raise custom_error(t("datasets.derive_one_kind"))
        if self.business_hours is not None and self.calendar is None:
            raise custom_error(t("datasets.derive_needs_calendar"))
        if self.map is not None and self.values is None:
            raise custom_error(t("datasets.derive_map_needs_values"))
        return self

    @property
    def kind(self) -> str:
        """Which of the four kinds of derived column this is."""
        for kind in ("hours", "business_hours", "map", "expr"):
            if getattr(self, kind) is not None:
                return kind
        raise AssertionError("validated to have one kind")


TABLE_NAME = re.compile(r"[A-Za-z0-9_$-]{1,128}(?:\.[A-Za-z0-9_$-]{1,128}){0,2}")
"""A table's name, maybe after its schema and catalog: ``tickets``, ``support.tickets``."""
FILE_ONLY = ("format", "sheet", "encoding", "delimiter")
"""Keys that say how to read a file, meaningless for a table."""


class DatasetSpec(StrictModel):
    """One data file, or one table of a connection, and how to read it."""

    file: str | None = None
    """Path relative to the data folder."""
    connection: str | None = None
    """The connection (``connections:``) that holds ``table``, instead of a file."""
    table: str | None = None
    """The table read through ``connection``: ``name``, ``schema.name``, ``catalog.schema.name``."""
    format: FileFormat | None = None
    """Read as; by default from the file's suffix."""
    sheet: str | int | None = None
    """Worksheet of an ``xlsx`` file (name or 0-based index)."""
    encoding: str = "utf-8"
    """Text encoding of a ``csv`` file (exports from some tools use ``gb18030``)."""
    delimiter: str = ","
    description: str | None = None
    source: str | None = None
    """Where the export comes from (the tool and the report)."""
    key: str | None = None
    """A column that identifies each row: required and unique."""
    time: str | None = None
    """The timestamp column that places a row in a period, unless an indicator says otherwise."""
    timezone: str | None = None
    """Time zone of naive timestamps; defaults to the file's top-level ``timezone``."""
    as_of: dt.datetime | None = None
    """When the export was taken; by default the latest timestamp in the data."""
    rename: dict[str, str] = Field(default_factory=dict)
    """Export column names to the names used here, so an export is used as it comes."""
    columns: dict[str, ColumnSpec]
    derive: dict[str, DeriveSpec] = Field(default_factory=dict)
    order: list[str] | None = None
    """Time columns in the order a row's events happen (created, first response, resolved…).

    Along the list a row's times must not decrease; a missing time is skipped.
    """
    out_of_order: Literal["error", "exclude"] = "error"
    """A row whose times break ``order``: an error at its row, or left out of every figure."""

    @model_validator(mode="after")
    def _file_or_table(self) -> DatasetSpec:
        """A file, or a table with its connection; a file's reading options only for a file."""
        if (self.file is None) == (self.table is None):
            raise custom_error(t("data.file_or_table"))
        if (self.table is None) != (self.connection is None):
            raise custom_error(t("data.table_needs_connection"))
        if self.table is not None:
            if not TABLE_NAME.fullmatch(self.table):
                raise custom_error(t("data.table_name", table=shorten(self.table)))
            given = sorted(key for key in FILE_ONLY if key in self.model_fields_set)
            if given:
                raise custom_error(t("data.file_only", keys=", ".join(given)))
        return self

    @property
    def source_name(self) -> str:
        """The file, or ``connection:table``, as a message names the dataset's source."""
        return self.file if self.file is not None else f"{self.connection}:{self.table}"

    @property
    def export_names(self) -> dict[str, str]:
        """Each declared column → its name in the file or table (``rename`` maps theirs to ours)."""
        back = {ours: theirs for theirs, ours in self.rename.items()}
        return {column: back.get(column, column) for column in self.columns}

    @field_validator("encoding")
    @classmethod
    def _text_encoding(cls, value: str) -> str:
        """A text encoding Python knows (not ``zlib`` or ``base64``, which give bytes)."""
        try:
            known = codecs.lookup(value)._is_text_encoding
        except (LookupError, ValueError):  # ValueError: a name with a NUL
            known = False
        if not known:
            raise custom_error(t("data.unknown_encoding", encoding=shorten(value)))
        return value

    @field_validator("delimiter")
    @classmethod
    def _one_character(cls, value: str) -> str:
        """One character: a longer one would make pandas read it as a regular expression."""
        if len(value) != 1 or value in '"\r\n':
            raise custom_error(t("data.delimiter_one_character"))
        return value

    @field_validator("columns", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        """Allow ``name: datetime`` as short for ``name: {type: datetime}``."""
        if isinstance(value, dict):
            return {k: {"type": v} if isinstance(v, str) else v for k, v in value.items()}
        return value

    @property
    def pii_columns(self) -> frozenset[str]:
        """Columns declared ``pii: true``: never published, never quoted in a message."""
        return frozenset(name for name, column in self.columns.items() if column.pii)

    @property
    def file_format(self) -> FileFormat | None:
        """The format to read the file as, or None when it cannot be told."""
        if self.format is not None:
            return self.format
        if self.file is None:
            return None
        suffix = "." + self.file.rsplit(".", 1)[-1].lower() if "." in self.file else ""
        return FORMAT_BY_SUFFIX.get(suffix)


MEMORY_LIMIT = re.compile(r"(?:[1-9][0-9]{0,5}|0)(?:\.[0-9]{1,3})? ?(?:[KMGT]B|[KMGT]iB)")
"""A size as DuckDB reads it: a number and a unit, e.g. ``4GiB``, ``512 MB``."""


class EngineSpec(StrictModel):
    """Which engine computes the indicators' aggregates, and within what memory."""

    name: Literal["auto", "pandas", "duckdb"] = "auto"
    """``pandas`` in this process's memory, ``duckdb`` embedded (spills to disk), or
    ``auto``: DuckDB where the data would not fit in memory (see the datasets reference)."""
    memory_limit: str | None = None
    """DuckDB's memory limit, e.g. ``4GiB``; its own default (80% of RAM) when absent."""

    @field_validator("memory_limit")
    @classmethod
    def _size(cls, value: str | None) -> str | None:
        """A number and a unit, nothing DuckDB would read otherwise."""
        if value is not None and not MEMORY_LIMIT.fullmatch(value):
            raise custom_error(t("data.engine_memory_limit", value=shorten(value)))
        return value


CONNECTION_VARIABLE = re.compile(r"[A-Z][A-Z0-9_]{0,127}")
"""An environment variable's name, as shells write them."""


class ConnectionSpec(StrictModel):
    """A database the datasets' tables are read from; its address is never in the file."""

    url_from: str
    """The environment variable that holds the connection's URL (``duckdb:///…``, ``postgresql://…``)."""
    description: str | None = None

    @field_validator("url_from")
    @classmethod
    def _variable(cls, value: str) -> str:
        """An environment variable's name: upper-case letters, digits and ``_``."""
        if not CONNECTION_VARIABLE.fullmatch(value):
            raise custom_error(t("data.connection_variable", value=shorten(value)))
        return value


class DatasetsFile(StrictModel):
    """The whole ``datasets.yml``.

    Each dataset is validated on its own (see ``sqms.engine.datasets``), so that a
    mistake in one declaration does not hide the problems of the others.
    """

    timezone: str = "UTC"
    """Default time zone for naive timestamps."""
    calendars: dict[str, CalendarSpec] = Field(default_factory=dict)
    engine: EngineSpec = Field(default_factory=EngineSpec)
    """The engine that computes the indicators."""
    connections: dict[str, ConnectionSpec] = Field(default_factory=dict)
    """Databases that datasets read tables from, by name."""
    datasets: dict[str, dict[str, Any]]

    def dataset_names(self) -> list[str]:
        """The names of the declared datasets, in file order."""
        return list(self.datasets)
