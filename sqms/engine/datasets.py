"""Load ``datasets.yml`` and every data file it declares, checked and typed.

Loading goes in two passes so that every problem is reported at once: first
the declarations (types, references between columns, calendars), then each
data file against its declaration. A dataset whose declaration is broken is not
read; the others still are, so their data problems show in the same run.
Between the two, the engine that computes is settled (``engine: auto``
chooses it by the size of the declared files, :mod:`sqms.engine.engine_choice`),
since it decides who reads each file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sqms.diagnostics import Report
from sqms.engine.business_time import BusinessCalendar, CalendarError, make_calendar
from sqms.engine.coercion import FIRST_YEAR, LAST_YEAR, Where
from sqms.engine.derive import derive_columns, static_derive_problems
from sqms.engine.engine_choice import EngineChoice, EngineName, choose_engine, file_sizes
from sqms.engine.event_order import OutOfOrder, order_problems, out_of_order_rows, without_rows
from sqms.engine.readers import read_table
from sqms.engine.typed_blocks import HEADER_LINES
from sqms.engine.typed_frame import typed_frame
from sqms.i18n import t
from sqms.io.data_paths import declared_file_problem, may_open
from sqms.io.hashing import content_sha256, text_sha256
from sqms.io.yamlsource import line_of
from sqms.schema.datasets import DatasetsFile, DatasetSpec
from sqms.schema.validation import load_validated, validate

if TYPE_CHECKING:
    from sqms.engine.sql.connections import Connection
    from sqms.engine.sql.sources import TableSource

DATASETS_FILE = "datasets.yml"


@dataclass(frozen=True)
class Dataset:
    """A data file loaded, typed and checked, with its derived columns; or a table's.

    A dataset read from a connection's table (``source``) is never loaded:
    its ``frame`` has its columns and no row, and everything computed from
    it is computed on its engine (:mod:`sqms.engine.sql.sources`).
    """

    name: str
    spec: DatasetSpec
    frame: pd.DataFrame
    path: Path | None
    """The data file; None for a table."""
    display: str
    timezone: str
    as_of: pd.Timestamp | None
    """When the data was exported (UTC): declared, or the latest timestamp in it."""
    header_lines: int | None = None
    """Lines before the first data row: row ``r`` is on line ``r + header_lines``."""
    out_of_order: OutOfOrder | None = None
    """Rows left out because their events break the declared ``order`` (``exclude``)."""
    source: TableSource | None = None
    """The table the rows are in, when they come from a connection instead of a file."""

    @property
    def excluded_out_of_order(self) -> int:
        """How many rows of the file were left out for breaking the declared order."""
        return 0 if self.out_of_order is None else self.out_of_order.rows

    def column_type(self, column: str) -> str | None:
        """The declared type of a column, ``"number"`` for derived ones, None if unknown."""
        if column in self.spec.columns:
            return self.spec.columns[column].type
        return "number" if column in self.spec.derive else None

    @property
    def pii_columns(self) -> frozenset[str]:
        """Columns holding personal data: never published."""
        return self.spec.pii_columns


@dataclass
class Catalog:
    """Everything ``datasets.yml`` declares, loaded."""

    spec: DatasetsFile
    specs: dict[str, DatasetSpec] = field(default_factory=dict)
    """The dataset declarations that are valid."""
    calendars: dict[str, BusinessCalendar] = field(default_factory=dict)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    source: Any = None
    """The YAML data as loaded, with lines, to locate later problems."""
    connections: dict[str, Connection | None] = field(default_factory=dict)
    """Connections opened for tables, by name (None: it could not be opened)."""
    data_dir: Path | None = None
    """The data folder the files were read from (for :meth:`in_memory` to read one again)."""
    display_dir: str = ""
    """How messages name the data folder."""
    chosen: EngineChoice | None = None
    """The engine that computes, once the declarations are read (:attr:`engine`)."""

    @property
    def engine(self) -> EngineName:
        """``pandas`` or ``duckdb``: named in ``datasets.yml``, or chosen for ``auto``."""
        if self.chosen is not None:
            return self.chosen.name
        return "duckdb" if self.spec.engine.name == "duckdb" else "pandas"

    def line(self, *path: int | str) -> int | None:
        """The line in ``datasets.yml`` of a key path."""
        return line_of(self.source, path)

    def in_memory(self, name: str, report: Report) -> Dataset | None:
        """``name``'s dataset with its rows in memory, for what reads them row by row.

        The registers and the service cycle do. A file the engine read itself
        (:func:`engine_reads`) is read by pandas, once, and stands for it from
        then on (the engine computes on the rows pandas read, to the same
        results); its problems, if pandas finds any, go to ``report``. A
        table's rows stay in their database: None. So is a dataset not loaded.
        """
        found = self.datasets.get(name)
        if found is None or found.source is None:
            return found
        if found.path is None or self.data_dir is None:
            return None
        del self.datasets[name]
        loaded = read_dataset(self, name, found.spec, self.data_dir, self.display_dir, report)
        if loaded is not None:
            self.datasets[name] = loaded
        return loaded

    def close(self) -> None:
        """Close the connections opened for tables (a catalog's tables are unread after)."""
        for connection in self.connections.values():
            if connection is not None:
                connection.close()
        self.connections.clear()


TableReader = Callable[[Catalog, str, DatasetSpec, str, Report], "Dataset | None"]
"""Reads a dataset declared as a table: :func:`sqms.engine.sql.sources.load_table`.

Handed in by the caller (:mod:`sqms.project`), so that this module, which the
engines import, does not import them back, and Ibis is loaded only when a
table is declared.
"""


FileReader = Callable[[Catalog, str, DatasetSpec, Path, str, Report], "Dataset | None"]
"""Reads a file on the chosen engine: :func:`~sqms.engine.sql.files.read_file`.

Handed in, as :data:`TableReader` is, for the datasets :func:`engine_reads` names.
"""


def engine_reads(catalog: Catalog, spec: DatasetSpec) -> bool:
    """Whether the engine ``datasets.yml`` chooses reads ``spec``'s file itself.

    DuckDB reads a Parquet, CSV or JSON Lines file; a text file is typed by
    pandas' rules a block at a time on the way (:mod:`sqms.engine.typed_blocks`).
    An Excel file is read whole by pandas and handed to the engine as a
    frame: a worksheet holds a million rows at most.
    """
    return catalog.engine == "duckdb" and _engine_format(spec)


def _engine_format(spec: DatasetSpec) -> bool:
    """Whether ``spec``'s file is of a format DuckDB reads itself (Parquet, CSV, JSON Lines)."""
    return spec.file_format == "parquet" or spec.file_format in HEADER_LINES


def load_catalog(
    data_dir: Path,
    display_dir: str,
    report: Report,
    read_table: TableReader | None = None,
    read_file: FileReader | None = None,
) -> Catalog | None:
    """Load ``datasets.yml`` from ``data_dir`` and the files (and tables) it declares.

    A dataset declared as a table is read by ``read_table``; without one
    (a caller that reads files only), such a dataset is an error at its
    ``table:``. A file the chosen engine reads itself (:func:`engine_reads`)
    is read by ``read_file`` where one is handed in, else by pandas.
    """
    display = f"{display_dir}/{DATASETS_FILE}"
    if not may_open(data_dir / DATASETS_FILE, data_dir, display, display_dir, report):
        return None
    loaded = load_validated(data_dir / DATASETS_FILE, display, DatasetsFile, report)
    if loaded is None:
        return None
    source, spec = loaded
    catalog = Catalog(spec=spec, source=source, data_dir=data_dir, display_dir=display_dir)
    _build_calendars(catalog, display, report)
    readable = [name for name in spec.dataset_names() if _declared(catalog, name, display, report)]
    catalog.chosen = _choose_engine(catalog, readable)
    for name in readable:
        dataset_spec = catalog.specs[name]
        if dataset_spec.table is not None:
            dataset = _read_table(catalog, name, dataset_spec, display, report, read_table)
        elif read_file is not None and engine_reads(catalog, dataset_spec):
            dataset = read_file(catalog, name, dataset_spec, data_dir, display_dir, report)
        else:
            dataset = _load_dataset(catalog, name, dataset_spec, data_dir, display_dir, report)
        if dataset is not None:
            catalog.datasets[name] = dataset
    return catalog


def _declared(catalog: Catalog, name: str, display: str, report: Report) -> bool:
    """Whether ``name``'s declaration is sound, its file or table to be read; else its errors."""
    dataset_spec = validate(
        DatasetSpec, catalog.source["datasets"][name], display, report, at=("datasets", name)
    )
    if dataset_spec is None:
        return False
    catalog.specs[name] = dataset_spec
    assert catalog.data_dir is not None
    problems = _declaration_problems(catalog, name, dataset_spec)
    problems.extend(_file_problems(dataset_spec, catalog.data_dir, catalog.display_dir))
    for path, message in problems:
        report.error(display, catalog.line("datasets", name, *path), message)
    return not problems


def _choose_engine(catalog: Catalog, names: list[str]) -> EngineChoice:
    """The engine that computes: the one ``datasets.yml`` names, or by the size of the files.

    Only the files DuckDB would read itself count (:func:`engine_reads`),
    each of a declaration already found to stay inside the data folder.
    """
    assert catalog.data_dir is not None
    reads = (catalog.specs[name] for name in names)
    files = [
        (spec.file_format or "", catalog.data_dir / spec.file)
        for spec in reads
        if spec.file is not None and _engine_format(spec)
    ]
    return choose_engine(catalog.spec.engine.name, file_sizes(files))


def _read_table(
    catalog: Catalog,
    name: str,
    spec: DatasetSpec,
    display: str,
    report: Report,
    read_table: TableReader | None,
) -> Dataset | None:
    """A table's dataset, read by ``read_table``; an error where no reader was handed in."""
    if read_table is None:
        report.error(display, catalog.line("datasets", name, "table"), t("data.tables_unread"))
        return None
    return read_table(catalog, name, spec, display, report)


def _build_calendars(catalog: Catalog, display: str, report: Report) -> None:
    """Turn calendar declarations into business calendars, reporting every problem."""
    for name, spec in catalog.spec.calendars.items():
        try:
            catalog.calendars[name] = make_calendar(spec.timezone, spec.hours, spec.holidays)
        except CalendarError as exc:
            for key, message in exc.problems:
                path = _calendar_key_path(key)
                report.error(display, catalog.line("calendars", name, *path), message)


def _calendar_key_path(key: str) -> tuple[int | str, ...]:
    """``holidays[2]`` → ``("holidays", 2)``; ``mon-fri`` → ``("hours", "mon-fri")``."""
    if key == "timezone":
        return ("timezone",)
    if key.startswith("holidays"):
        index = key[len("holidays[") : -1]
        return ("holidays", int(index)) if index.isdigit() else ("holidays",)
    return ("hours", key)


def _declaration_problems(
    catalog: Catalog, name: str, spec: DatasetSpec
) -> list[tuple[tuple[int | str, ...], str]]:
    """Problems of one dataset's declaration, as (key path, message)."""
    problems: list[tuple[tuple[int | str, ...], str]] = []
    if spec.file is not None and spec.file_format is None:
        problems.append((("file",), t("data.unknown_format", file=spec.file)))
    if spec.table is not None:
        problems.extend(_table_declaration_problems(catalog, spec))
    for key in ("key", "time"):
        column = getattr(spec, key)
        if column is not None and column not in spec.columns:
            problems.append(((key,), t("data.undeclared_column", column=column)))
    if (
        spec.time is not None
        and spec.time in spec.columns
        and spec.columns[spec.time].type not in ("datetime", "date")
    ):
        problems.append((("time",), t("data.time_not_datetime", column=spec.time)))
    problems.extend(order_problems(spec))
    problems.extend(static_derive_problems(spec, catalog.calendars, set(catalog.spec.calendars)))
    return problems


def _table_declaration_problems(
    catalog: Catalog, spec: DatasetSpec
) -> list[tuple[tuple[int | str, ...], str]]:
    """Problems of a table's declaration: a connection that is not declared."""
    problems: list[tuple[tuple[int | str, ...], str]] = []
    known = catalog.spec.connections
    if spec.connection not in known:
        names = ", ".join(sorted(known)) or "—"
        message = t("data.unknown_connection", connection=spec.connection, known=names)
        problems.append((("connection",), message))
    return problems


def _file_problems(
    spec: DatasetSpec, data_dir: Path, display_dir: str
) -> list[tuple[tuple[int | str, ...], str]]:
    """Problems of where the data file is and when it was exported, as (key path, message).

    A file that leads out of the data folder is refused here, at its
    declaration, so it is never opened.
    """
    problems: list[tuple[tuple[int | str, ...], str]] = []
    if spec.file is not None:
        outside = declared_file_problem(spec.file, data_dir, display_dir)
        if outside is not None:
            problems.append((("file",), outside))
    if spec.as_of is not None and not FIRST_YEAR <= spec.as_of.year <= LAST_YEAR:
        value = spec.as_of.isoformat()
        message = t("data.time_out_of_range", value=value, first=FIRST_YEAR, last=LAST_YEAR)
        problems.append((("as_of",), message))
    return problems


_LOADED: dict[Path, tuple[str, Dataset]] = {}
"""The last clean load of each data file, by the hash of everything it depends on.

A live preview rebuilds on every save; a data file that did not change (same
bytes, same declaration, same calendars and time zone) is not read again.
Only loads that reported nothing are kept, so a cached dataset never hides a
problem, and one copy per file is held.
"""


def _load_dataset(
    catalog: Catalog, name: str, spec: DatasetSpec, data_dir: Path, display_dir: str, report: Report
) -> Dataset | None:
    """One dataset: from the cache when nothing it depends on changed, else read and kept."""
    assert spec.file is not None
    path = (data_dir / spec.file).resolve()
    if not path.is_file():
        return read_dataset(catalog, name, spec, data_dir, display_dir, report)
    key = text_sha256(
        content_sha256(path), name, display_dir, spec.model_dump_json(),
        catalog.spec.model_dump_json(exclude={"datasets"}),
    )  # fmt: skip
    cached = _LOADED.get(path)
    if cached is not None and cached[0] == key:
        return cached[1]
    before = len(report)
    dataset = read_dataset(catalog, name, spec, data_dir, display_dir, report)
    if dataset is not None and len(report) == before:
        _LOADED[path] = (key, dataset)
    return dataset


def read_dataset(
    catalog: Catalog, name: str, spec: DatasetSpec, data_dir: Path, display_dir: str, report: Report
) -> Dataset | None:
    """Read, type-check and derive one dataset; None if its file has errors."""
    assert spec.file is not None
    path = data_dir / spec.file
    display = f"{display_dir}/{spec.file}"
    errors_before = len(report.errors)
    raw = read_table(path, display, spec, report)
    if raw is None:
        return None
    timezone = spec.timezone or catalog.spec.timezone
    where = Where(display, raw.header_lines, spec.pii_columns)
    frame = typed_frame(raw.frame, spec, timezone, where, report)
    disorder = out_of_order_rows(frame, spec, timezone, where, report)
    if len(report.errors) > errors_before:
        return None
    as_of = _as_of(spec, frame, timezone)  # the export's time, excluded rows included
    declared_in = f"{display_dir}/{DATASETS_FILE}"
    frame, excluded = without_rows(frame, disorder, spec, declared_in)
    frame = derive_columns(frame, spec, catalog.calendars, as_of, timezone)
    return Dataset(name, spec, frame, path, display, timezone, as_of, raw.header_lines, excluded)


def declared_as_of(spec: DatasetSpec, timezone: str) -> pd.Timestamp | None:
    """The export time ``as_of`` declares (UTC); a time without a zone is in ``timezone``."""
    if spec.as_of is None:
        return None
    stamp = pd.Timestamp(spec.as_of)
    return (stamp.tz_localize(timezone) if stamp.tzinfo is None else stamp).tz_convert("UTC")


def _as_of(spec: DatasetSpec, frame: pd.DataFrame, timezone: str) -> pd.Timestamp | None:
    """The export time: declared, else the latest timestamp found in the data."""
    if spec.as_of is not None:
        return declared_as_of(spec, timezone)
    latest = [
        frame[c].max()
        for c, col in spec.columns.items()
        if col.type == "datetime" and frame[c].notna().any()
    ]
    return max(latest) if latest else None


LabelSource = Catalog | Mapping[str, DatasetSpec] | Mapping[str, Mapping[str, str]] | None
"""Where column labels come from: a catalog, dataset declarations, or labels by dataset."""


def column_labels(catalog: Catalog | None) -> dict[str, dict[str, str]]:
    """Each dataset's declared column labels (``label:``), derived columns' included.

    Only columns that declare a label are listed; the others are shown by name.
    """
    if catalog is None:
        return {}
    return {name: _labels_of(spec) for name, spec in catalog.specs.items()}


def _labels_of(spec: DatasetSpec) -> dict[str, str]:
    """The labels one dataset declares, column → label."""
    columns = {name: column.label for name, column in spec.columns.items()}
    derived = {name: derive.label for name, derive in spec.derive.items()}
    return {name: label for name, label in (columns | derived).items() if label}


def column_label(source: LabelSource, dataset: str, column: str) -> str:
    """The name readers see for ``column`` of ``dataset``: its ``label``, else its name.

    The text is the project's, so untrusted: escape it where it reaches a page.
    """
    if source is None:
        return column
    found = source.specs.get(dataset) if isinstance(source, Catalog) else source.get(dataset)
    if isinstance(found, DatasetSpec):
        labels: Mapping[str, str] = _labels_of(found)
    else:
        labels = found or {}
    return labels.get(column) or column
