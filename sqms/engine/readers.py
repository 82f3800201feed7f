"""Read a declared data file into a DataFrame of raw values.

Each reader returns only the declared columns (after ``rename``), so columns a
project did not declare are never held in memory, and reports where each row
came from, so that later checks can name the file's row and line.

Data files come from exports and pull requests: none is trusted. A file that
cannot be read is reported at the line where it goes wrong (a byte that is
not in the declared encoding, a JSON line that is not an object, a header
naming a column twice), never with a traceback; a very long cell is read like
any other. A file with a header and no rows is read, with a warning, and its
indicators have no data.
"""

from __future__ import annotations

import codecs
import io
import itertools
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sqms.diagnostics import Report, shorten
from sqms.engine.coercion import Where
from sqms.i18n import N_, t
from sqms.io.csv_reader import read_csv_columns
from sqms.io.jsonl import read_jsonl_arrow
from sqms.io.text_problems import Problem, Unreadable, decode, json_line_problems, line_count
from sqms.io.xlsx import read_xlsx_columns, uncalculated_formulas
from sqms.schema.datasets import DatasetSpec


@dataclass(frozen=True)
class RawTable:
    """The declared columns of a file, before types are checked.

    ``header_lines`` is how many lines precede the first data row, so that data
    row ``r`` (1-based) sits on line ``r + header_lines`` of a text file;
    ``None`` for binary formats, which have rows but no lines, and for text
    whose rows and lines do not match (blank lines).
    """

    frame: pd.DataFrame
    header_lines: int | None


_FAILURES = (
    ValueError, OSError, LookupError, TypeError, EOFError, SyntaxError, RecursionError,
    zipfile.BadZipFile, pa.ArrowException,
)  # fmt: skip
"""What parsers raise on a malformed file (a corrupt workbook raises ``KeyError``,
malformed XML ``SyntaxError``): reported as an unreadable file, never a traceback."""


def read_table(path: Path, display: str, spec: DatasetSpec, report: Report) -> RawTable | None:
    """Read ``path`` as ``spec`` declares; report what goes wrong and return None then."""
    fmt = spec.file_format
    if fmt is None:
        report.error(display, None, t("data.unknown_format", file=spec.file))
        return None
    if not path.exists():
        report.error(display, None, t("data.file_missing"))
        return None
    if not path.is_file():  # a folder, or a pipe that would block: never opened
        report.error(display, None, t("data.not_a_file"))
        return None
    wanted = spec.export_names
    raw = _read(fmt, path, display, spec, wanted, report)
    if raw is None:
        return None
    frame = raw.frame.rename(columns={v: k for k, v in wanted.items()})
    if _report_missing(frame, wanted, raw, display, report):
        return None
    if fmt == "xlsx" and _report_formulas(path, spec, raw.frame, wanted, Where(display, 1), report):
        return None
    if wanted and len(frame.index) == 0:  # a warning: an empty period is no mistake
        header = fmt in ("csv", "xlsx")
        message = t("data.header_only") if header else t("data.no_rows")
        report.warning(display, 1 if header else None, message)
    return RawTable(frame[list(wanted)], raw.header_lines)


def _report_missing(
    frame: pd.DataFrame, wanted: dict[str, str], raw: RawTable, display: str, report: Report
) -> bool:
    """Report the declared columns the file does not have; whether any."""
    missing = [name for name in wanted if name not in frame.columns]
    for name in missing:
        source = wanted[name]
        shown = name if source == name else f"{source} → {name}"
        line = 1 if raw.header_lines else None
        report.error(display, line, t("data.column_missing", column=shown))
    return bool(missing)


def _report_formulas(
    path: Path,
    spec: DatasetSpec,
    frame: pd.DataFrame,
    wanted: dict[str, str],
    where: Where,
    report: Report,
) -> bool:
    """Report the formulas of declared columns that were never calculated; whether any.

    ``frame`` has the file's column names; each is reported by its declared name.
    """
    declared = {source: name for name, source in wanted.items()}
    try:
        found = uncalculated_formulas(path, _sheet(spec), frame)
    except _FAILURES as exc:  # pandas has read the sheet: the file changed meanwhile
        report.error(where.display, None, t("data.unreadable", problem=shorten(_first_line(exc))))
        return True
    for column, (text, never) in found.items():
        name = declared.get(column, column)
        where.report_rows(report, name, text, never, N_("data.formula_not_calculated"))
    return bool(found)


def _sheet(spec: DatasetSpec) -> str | int:
    """The worksheet to read: the declared one, else the first."""
    return 0 if spec.sheet is None else spec.sheet


def _read(
    fmt: str, path: Path, display: str, spec: DatasetSpec, wanted: dict[str, str], report: Report
) -> RawTable | None:
    """The reader of ``fmt`` run on ``path``; what it refuses is reported, and None returned."""
    try:
        return _READERS[fmt](path, spec, wanted)
    except Unreadable as exc:
        for problem in exc.problems:
            report.error(display, problem.line, problem.message, row=problem.row)
    except UnicodeDecodeError as exc:  # only a parser that reads the file itself raises it
        first_lines = 1 if fmt == "csv" else 0
        located = _bad_byte(path, spec.encoding, first_lines)
        problem = located or Problem(
            t("data.bad_encoding", encoding=spec.encoding, problem=exc.reason)
        )
        report.error(display, problem.line, problem.message, row=problem.row)
    except _FAILURES as exc:
        problem_text = shorten(_first_line(exc), 200)
        report.error(display, _error_line(exc), t("data.unreadable", problem=problem_text))
    return None


def _bad_byte(path: Path, encoding: str, header_lines: int) -> Problem | None:
    """Where the first byte that is not ``encoding`` text is, as a located problem."""
    try:
        decode(path.read_bytes(), encoding, header_lines)
    except Unreadable as exc:
        return exc.problems[0]
    return None


def _read_csv(path: Path, spec: DatasetSpec, wanted: dict[str, str]) -> RawTable:
    """CSV as text: every value is checked and converted by the column's declared type."""
    frame = read_csv_columns(path, spec.delimiter, spec.encoding, list(wanted.values()))
    return RawTable(frame, 1)


def _read_parquet(path: Path, spec: DatasetSpec, wanted: dict[str, str]) -> RawTable:
    """Parquet is typed already; read just the columns we need."""
    present = set(pq.read_schema(path).names)
    columns = [c for c in wanted.values() if c in present]
    return RawTable(pd.read_parquet(path, columns=columns), None)


def _read_xlsx(path: Path, spec: DatasetSpec, wanted: dict[str, str]) -> RawTable:
    """The first (or the declared) worksheet; row 1 holds the column names."""
    return RawTable(read_xlsx_columns(path, _sheet(spec), list(wanted.values())), 1)


def _read_jsonl(path: Path, spec: DatasetSpec, wanted: dict[str, str]) -> RawTable:
    """JSON Lines: one object a line; keys are columns.

    Arrow's reader is used when it gives exactly what pandas' gives (see
    :mod:`sqms.io.jsonl`); pandas reads the rest. When pandas refuses the file,
    its lines are checked one by one to name those that are not objects.
    """
    data = path.read_bytes()
    # A byte-order mark (some tools begin UTF-8 with one) is not part of the first object.
    text = decode(data, spec.encoding, 0).removeprefix("\ufeff")
    sources = list(wanted.values())
    if not text.strip():  # no rows: every declared column, empty
        return RawTable(pd.DataFrame({name: pd.Series(dtype=object) for name in sources}), 0)
    texts, lists = json_kinds(spec, "text"), json_kinds(spec, "list")
    utf8 = is_utf8(spec.encoding)
    frame = read_jsonl_arrow(data, sources, texts, lists) if utf8 else None
    if frame is None:
        frame = _pandas_jsonl(text)
    keep = [c for c in sources if c in frame.columns]
    # Blank lines are skipped: after one, a row's line is not known from its number.
    header_lines = 0 if len(frame) == line_count(text.rstrip()) else None
    return RawTable(frame[keep], header_lines)


def _pandas_jsonl(text: str) -> pd.DataFrame:
    """pandas' reading of JSON Lines; the lines it refuses are named when it fails."""
    try:
        return pd.read_json(io.StringIO(text), lines=True, dtype=False)
    except (ValueError, TypeError, RecursionError):
        problems = json_line_problems(text)
        if problems:
            raise Unreadable(problems) from None
        raise


_TEXT_TYPES = frozenset({"string", "category", "datetime", "date"})
"""Declared types whose values a JSON file holds as text (or not at all)."""
_JSON_KINDS = {"text": _TEXT_TYPES, "list": frozenset({"list"}), "boolean": frozenset({"boolean"})}


def json_kinds(spec: DatasetSpec, kind: str) -> set[str]:
    """The file's names of the declared columns a JSON line holds as ``kind``.

    ``text`` (strings, categories, times and dates), ``list`` or ``boolean``.
    """
    types = _JSON_KINDS[kind]
    return {spec.export_names[n] for n, c in spec.columns.items() if c.type in types}


def is_utf8(encoding: str) -> bool:
    """Whether ``encoding`` names UTF-8, the only one Arrow reads (unknown names: no)."""
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


_READERS = {"csv": _read_csv, "parquet": _read_parquet, "xlsx": _read_xlsx, "jsonl": _read_jsonl}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _error_line(exc: BaseException) -> int | None:
    """The line a CSV parser error names ("Error tokenizing data. C error: … in line 7")."""
    words = str(exc).replace(",", " ").split()
    for before, word in itertools.pairwise(words):
        if before == "line" and word.isdigit():
            return int(word)
    return None
