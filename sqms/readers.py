"""Read a declared data file into a DataFrame of raw values.

Each reader returns only the declared columns (after ``rename``), so columns a
project did not declare are never held in memory, and reports where each row
came from, so that later checks can name the file's row and line.
"""

from __future__ import annotations

import codecs
import itertools
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sqms.datasets_spec import DatasetSpec
from sqms.diagnostics import Report
from sqms.i18n import t
from sqms.jsonl import read_jsonl_arrow


@dataclass(frozen=True)
class RawTable:
    """The declared columns of a file, before types are checked.

    ``header_lines`` is how many lines precede the first data row, so that data
    row ``r`` (1-based) sits on line ``r + header_lines`` of a text file;
    ``None`` for binary formats, which have rows but no lines.
    """

    frame: pd.DataFrame
    header_lines: int | None


def read_table(path: Path, display: str, spec: DatasetSpec, report: Report) -> RawTable | None:
    """Read ``path`` as ``spec`` declares; report what goes wrong and return None then."""
    fmt = spec.file_format
    if fmt is None:
        report.error(display, None, t("data.unknown_format", file=spec.file))
        return None
    if not path.is_file():
        report.error(display, None, t("data.file_missing"))
        return None
    wanted = _source_names(spec)
    try:
        raw = _READERS[fmt](path, spec, wanted)
    except UnicodeDecodeError as exc:
        report.error(
            display, None, t("data.bad_encoding", encoding=spec.encoding, problem=exc.reason)
        )
        return None
    except (ValueError, OSError, pd.errors.ParserError, json.JSONDecodeError) as exc:
        report.error(display, _error_line(exc), t("data.unreadable", problem=_first_line(exc)))
        return None
    frame = raw.frame.rename(columns={v: k for k, v in wanted.items()})
    missing = [name for name in wanted if name not in frame.columns]
    for name in missing:
        source = wanted[name]
        shown = name if source == name else f"{source} → {name}"
        report.error(
            display, 1 if raw.header_lines else None, t("data.column_missing", column=shown)
        )
    if missing:
        return None
    return RawTable(frame[list(wanted)], raw.header_lines)


def _source_names(spec: DatasetSpec) -> dict[str, str]:
    """Declared name → the column's name in the file (``rename`` maps file → declared)."""
    reverse = {declared: source for source, declared in spec.rename.items()}
    return {name: reverse.get(name, name) for name in spec.columns}


def _read_csv(path: Path, spec: DatasetSpec, wanted: dict[str, str]) -> RawTable:
    """CSV as text: every value is checked and converted by the column's declared type.

    Arrow's parser reads the declared columns several times faster than pandas'
    own when every value is kept as text. It does not say on which line a
    malformed row is, so on a parse error the file is read again by pandas'
    parser, which does, to report it.
    """
    sep, encoding = spec.delimiter, spec.encoding
    header = pd.read_csv(path, nrows=0, sep=sep, encoding=encoding)
    sources = [c for c in header.columns if c in set(wanted.values())]
    try:
        frame = pd.read_csv(
            path, sep=sep, encoding=encoding, dtype=str, keep_default_na=False, na_values=[""],
            usecols=sources, engine="pyarrow",
        )  # fmt: skip
    except (ValueError, pd.errors.ParserError):
        pd.read_csv(path, sep=sep, encoding=encoding, dtype=str)  # raises, naming the line
        raise
    return RawTable(frame, 1)


def _read_parquet(path: Path, spec: DatasetSpec, wanted: dict[str, str]) -> RawTable:
    """Parquet is typed already; read just the columns we need."""
    import pyarrow.parquet as pq

    present = set(pq.read_schema(path).names)
    columns = [c for c in wanted.values() if c in present]
    return RawTable(pd.read_parquet(path, columns=columns), None)


def _read_xlsx(path: Path, spec: DatasetSpec, wanted: dict[str, str]) -> RawTable:
    """The first (or the declared) worksheet; row 1 holds the column names."""
    sheet = 0 if spec.sheet is None else spec.sheet
    sources = set(wanted.values())
    frame = pd.read_excel(path, sheet_name=sheet, usecols=lambda name: name in sources)
    return RawTable(frame, 1)


def _read_jsonl(path: Path, spec: DatasetSpec, wanted: dict[str, str]) -> RawTable:
    """JSON Lines: one object a line; keys are columns.

    Arrow's reader is used when it gives exactly what pandas' gives (see
    :mod:`sqms.jsonl`); pandas reads the rest, and names what is wrong.
    """
    sources = list(wanted.values())
    text = {wanted[n] for n, c in spec.columns.items() if n in wanted and c.type in _TEXT_TYPES}
    lists = {wanted[n] for n, c in spec.columns.items() if n in wanted and c.type == "list"}
    frame = read_jsonl_arrow(path, sources, text, lists) if _is_utf8(spec.encoding) else None
    if frame is None:
        frame = pd.read_json(path, lines=True, dtype=False, encoding=spec.encoding)
    keep = [c for c in sources if c in frame.columns]
    return RawTable(frame[keep], 0)


_TEXT_TYPES = frozenset({"string", "category", "datetime", "date"})
"""Declared types whose values a JSON file holds as text (or not at all)."""


def _is_utf8(encoding: str) -> bool:
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
