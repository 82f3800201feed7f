"""A CSV or JSON Lines file typed block by block into Parquet, for an engine: memory holds a block.

With ``engine: {name: duckdb}``, a CSV or JSON Lines file is not loaded
whole. Arrow reads it a block of :data:`BLOCK_BYTES` at a time; each block's declared
columns are converted and checked by the code that types a whole file
(:func:`sqms.engine.typed_frame.typed_frame`: pandas' rules for text,
dates, boolean words and offsets), and appended, typed, to a Parquet file
in the engine's private folder. The engine reads that file as it reads a
Parquet file of the project (:mod:`sqms.engine.sql.files`) and checks
there the rules that span rows: ``unique`` and the events' ``order``.

Every other rule concerns one row, so a block checks it alone. Problems are
tallied across the blocks, so they are reported as reading the whole file
reports them: each problem's first rows of the file, with their lines, then
how many more (:class:`BlockWhere`).
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sqms.diagnostics import Report
from sqms.engine.coercion import EXAMPLES_PER_PROBLEM, Where
from sqms.engine.readers import is_utf8, json_kinds
from sqms.engine.typed_frame import typed_frame
from sqms.io.csv_reader import csv_blocks
from sqms.io.jsonl import NotExact, jsonl_blocks
from sqms.io.text_problems import Unreadable
from sqms.schema.datasets import ColumnType, DatasetSpec

BLOCK_BYTES: Final = 32 << 20
"""How much of the file a block holds: 32 MiB of text (some 300,000 tickets).

Large enough that converting a block costs little more per row than
converting the whole file; small enough that a block's typed columns take
a few hundred megabytes at most.
"""

ARROW_TYPES: Final[dict[ColumnType, pa.DataType]] = {
    "string": pa.string(),
    "category": pa.string(),
    "integer": pa.int64(),
    "number": pa.float64(),
    "boolean": pa.bool_(),
    "datetime": pa.timestamp("us", tz="UTC"),
    "date": pa.date32(),
    "list": pa.list_(pa.string()),
}
"""Each declared type → how its converted values are written: what the engine reads back.

A category is written as its text (each block knows only its own values).
"""


_NO_SPACE: Final = (errno.ENOSPC, errno.EDQUOT)


class NoRoom(Exception):
    """The typed file could not be written: the disk (or the user's quota) is full."""


@dataclass
class _Tally:
    """One problem of one column, over the blocks so far."""

    examples: list[tuple[int, str]] = field(default_factory=list)
    """The first rows of the file with the problem, and their messages."""
    total: int = 0
    following: int | None = None
    """The first row of the file not listed among the examples."""


@dataclass(frozen=True)
class BlockWhere(Where):
    """Where a block's problems are: rows numbered in the file, tallied across blocks."""

    first_row: int = 0
    """How many rows of the file precede the block."""
    tallies: dict[tuple[str, str, str], _Tally] = field(default_factory=dict)
    """Each (column, message id, its other values) → its tally; shared by the blocks."""

    def report_rows(
        self,
        report: Report,
        column: str,
        raw: pd.Series,
        bad: pd.Series,
        key: str,
        **values: object,
    ) -> None:
        """Tally the rows of ``bad`` (a mask over the block); :meth:`flush` reports them."""
        positions = np.flatnonzero(bad.to_numpy(dtype=bool))
        if len(positions) == 0:
            return
        named = repr(sorted((name, str(value)) for name, value in values.items()))
        tally = self.tallies.setdefault((column, key, named), _Tally())
        for position in positions[: max(EXAMPLES_PER_PROBLEM - len(tally.examples), 0)]:
            shown = self.example(column, raw.iloc[position], key, values)
            tally.examples.append((self.first_row + int(position) + 1, shown))
        if tally.following is None and tally.total + len(positions) > EXAMPLES_PER_PROBLEM:
            following = positions[EXAMPLES_PER_PROBLEM - tally.total]
            tally.following = self.first_row + int(following) + 1
        tally.total += len(positions)

    def flush(self, report: Report) -> None:
        """Report every tallied problem: its first rows, then how many more."""
        for (column, _, _), tally in self.tallies.items():
            self.report_found(report, column, tally.examples, tally.total, tally.following)


def arrow_schema(spec: DatasetSpec, names: dict[str, str]) -> pa.Schema:
    """The typed file's columns: each declared column under its name in the file (``names``)."""
    return pa.schema(
        [pa.field(names[column], ARROW_TYPES[c.type]) for column, c in spec.columns.items()]
    )


HEADER_LINES: Final = {"csv": 1, "jsonl": 0}
"""The formats typed in blocks, and the lines before their first row."""


def write_typed(
    path: Path,
    spec: DatasetSpec,
    timezone: str,
    display: str,
    target: Path,
    report: Report,
    block: int | None = None,
) -> int | None:
    """Type the CSV or JSON Lines file at ``path`` into the Parquet file ``target``; its rows.

    The problems of single rows go to ``report``, at their row, line and
    column. None, with nothing reported, when the file must be read whole
    instead (by pandas, which then reports what is wrong): a declared column
    missing from the file or named twice in its header, a malformed row, a
    row longer than a block, text not in the declared encoding, no rows, or
    a JSON block Arrow does not read exactly as pandas reads the file
    (:func:`sqms.io.jsonl.jsonl_blocks`). ``block``: the bytes of text a
    block holds (:data:`BLOCK_BYTES`).

    Raises :class:`NoRoom` when the disk is full: pandas reading the whole
    file instead could exhaust the memory the engine was chosen to spare.
    """
    names = spec.export_names
    schema = arrow_schema(spec, names)
    where = BlockWhere(display, HEADER_LINES[spec.file_format or ""], spec.pii_columns)
    found = Report()  # nothing reaches ``report`` unless the whole file is typed
    rows = 0
    try:
        with pq.ParquetWriter(target, schema, compression="zstd") as writer:
            for raw in _blocks(path, spec, block or BLOCK_BYTES):
                if set(raw.columns) != set(names.values()):
                    return None
                frame = raw.rename(columns={v: k for k, v in names.items()})
                typed = typed_frame(frame, spec, timezone, replace(where, first_row=rows), found,
                                    across_rows=False)  # fmt: skip
                writer.write_table(_arrow_table(typed, schema, names))
                rows += len(typed)
    except OSError as exc:
        if exc.errno in _NO_SPACE or "No space left" in str(exc):
            raise NoRoom(str(exc)) from exc
        return None  # the file could not be read: pandas names why
    except (Unreadable, ValueError, LookupError, pa.ArrowException):
        return None
    if rows == 0:
        return None
    where.flush(report)
    report.extend(found)
    return rows


def _blocks(path: Path, spec: DatasetSpec, block: int) -> Iterator[pd.DataFrame]:
    """The declared columns of the file, as read, a block at a time (by their names in it)."""
    sources = list(spec.export_names.values())
    if spec.file_format == "csv":
        return csv_blocks(path, spec.delimiter, spec.encoding, sources, block)
    if not is_utf8(spec.encoding):
        raise NotExact("Arrow reads JSON as UTF-8 only")
    texts, lists = json_kinds(spec, "text"), json_kinds(spec, "list")
    return jsonl_blocks(path, sources, texts, lists, json_kinds(spec, "boolean"), block)


def _arrow_table(typed: pd.DataFrame, schema: pa.Schema, names: dict[str, str]) -> pa.Table:
    """A block's converted columns as Arrow, in ``schema``'s types; pandas' missing is null."""
    arrays = [
        pa.array(typed[column], from_pandas=True).cast(schema.field(names[column]).type)
        for column in typed.columns
    ]
    return pa.Table.from_arrays(arrays, schema=schema)
