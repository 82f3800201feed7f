"""The declared columns of a CSV file, as text, read by Arrow.

Arrow's parser reads the declared columns several times faster than pandas'
own when every value is kept as text. Three things an export can hold are
handled on the way:

* a header naming a column twice (``id,created_at,id``): pandas would rename
  the second to ``id.1`` and read the first silently. The header is read as it
  is written, a declared column it names twice is reported at line 1, and the
  columns are chosen by their place, so a repeated column that is not
  declared does no harm;
* a row longer than Arrow's block (a two-megabyte comment): Arrow then refuses
  the file, which is read again as one block;
* a malformed row: Arrow does not say on which line it is, so the file is read
  again by pandas' parser, which does, to report it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
from pandas.api.extensions import ExtensionDtype

from sqms.diagnostics import shorten
from sqms.i18n import nt
from sqms.io.text_problems import Problem, Unreadable

BLOCK = 1 << 20
"""Arrow's block: 1 MiB, its default; each row must fit in one."""
LARGEST_BLOCK = (1 << 31) - 1
ARROW_BLOCK = 4 << 20
"""The block Arrow's streaming reader parses at a time, when a file is read in blocks.

The reader holds many times its block in memory (reading ten million
tickets, 1.5 GB at 32 MiB blocks, 340 MB at 4 MiB, as fast): its small
batches are joined into the caller's larger blocks.
"""
TEXT = pd.StringDtype("pyarrow", na_value=np.nan)
"""How the text of a cell is held: as pandas' own CSV reader holds it."""


def read_csv_columns(path: Path, delimiter: str, encoding: str, sources: list[str]) -> pd.DataFrame:
    """The columns ``sources`` that the file's header names, as text; empty cells missing.

    Raises :class:`Unreadable` when the header names one of them twice, and
    the parsers' errors when the file is malformed.
    """
    header, places = _places(path, delimiter, encoding, sources)
    if not places:  # nothing declared is there: each is reported missing
        return pd.DataFrame()
    try:
        return _read(path, delimiter, encoding, header, places, BLOCK)
    except pa.ArrowInvalid as exc:
        error = exc
    size = path.stat().st_size
    if size > BLOCK:  # a row may be longer than a block: read the file as one block
        try:
            return _read(path, delimiter, encoding, header, places, min(size + 1, LARGEST_BLOCK))
        except pa.ArrowInvalid as exc:
            error = exc
    pd.read_csv(path, sep=delimiter, encoding=encoding, dtype=str)  # raises, naming the line
    raise error


def _header(path: Path, delimiter: str, encoding: str) -> list[str]:
    """The column names as the file writes them, repeats included (pandas renames those)."""
    first = pd.read_csv(
        path, sep=delimiter, encoding=encoding, header=None, nrows=1, dtype=str,
        keep_default_na=False, engine="c",
    )  # fmt: skip
    return [str(name) for name in first.iloc[0].tolist()] if len(first) else []


def _refuse_repeats(header: list[str], sources: list[str]) -> None:
    """Raise :class:`Unreadable` for each column to read that the header names more than once."""
    counts = Counter(header)
    repeated = [name for name in dict.fromkeys(sources) if counts[name] > 1]
    if repeated:
        raise Unreadable(
            [
                Problem(nt("data.duplicate_header", counts[name], column=shorten(name)), 1)
                for name in repeated
            ]
        )


def _read(
    path: Path, delimiter: str, encoding: str, header: list[str], places: list[int], block: int
) -> pd.DataFrame:
    """The columns at ``places``, named as the header names them, read by Arrow in ``block``s."""
    table = pacsv.read_csv(path, **_arrow_options(delimiter, encoding, header, places, block))
    return _named(table, header, places)


def csv_blocks(
    path: Path, delimiter: str, encoding: str, sources: list[str], block: int
) -> Iterator[pd.DataFrame]:
    """The columns ``sources`` as text, a block of about ``block`` bytes of the file at a time.

    Memory holds one block, whatever the file's size. The header is checked
    as :func:`read_csv_columns` checks it (:class:`Unreadable` when it names
    a column to read twice); a declared column the header lacks is left out,
    for the caller to report. Arrow's errors (a malformed row, a row longer
    than a block) are raised as they come, without a line: the caller reads
    the file again with :func:`read_csv_columns`, which names it. A value
    may span lines.
    """
    header, places = _places(path, delimiter, encoding, sources)
    if not places:
        return
    # A quoted value may hold a line break (a ticket's description): blocks are
    # then cut between rows, never inside a value, at no cost to one reader.
    options = _arrow_options(
        delimiter, encoding, header, places, min(block, ARROW_BLOCK), spanning=True
    )
    batches: list[pa.RecordBatch] = []
    held = 0
    with pacsv.open_csv(path, **options) as reader:
        for batch in reader:
            batches.append(batch)
            held += batch.nbytes
            if held >= block:
                yield _named(pa.Table.from_batches(batches), header, places)
                batches, held = [], 0
    if batches:
        yield _named(pa.Table.from_batches(batches), header, places)


def _places(
    path: Path, delimiter: str, encoding: str, sources: list[str]
) -> tuple[list[str], list[int]]:
    """The header as written, and the places in it of the columns ``sources``.

    Raises :class:`Unreadable` when the header names one of them twice.
    """
    header = _header(path, delimiter, encoding)
    _refuse_repeats(header, sources)
    wanted = set(sources)
    return header, [i for i, name in enumerate(header) if name in wanted]


def _arrow_options(
    delimiter: str,
    encoding: str,
    header: list[str],
    places: list[int],
    block: int,
    *,
    spanning: bool = False,
) -> dict[str, Any]:
    """Arrow's options to read the columns at ``places`` as text, in blocks of ``block`` bytes.

    Arrow is given a name of its own for each place (the header's names may
    repeat) and skips the header line. ``spanning``: a quoted value may hold
    a line break.
    """
    names = [f"c{i}" for i in range(len(header))]
    chosen = [names[i] for i in places]
    return {
        "read_options": pacsv.ReadOptions(
            column_names=names, skip_rows=1, encoding=encoding, block_size=block
        ),
        "parse_options": pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=spanning),
        "convert_options": pacsv.ConvertOptions(
            include_columns=chosen,
            column_types=dict.fromkeys(chosen, pa.large_string()),
            null_values=[""],
            strings_can_be_null=True,
        ),
    }


def _named(table: pa.Table, header: list[str], places: list[int]) -> pd.DataFrame:
    """Arrow's columns as pandas' text, named as the header names them."""
    frame = table.to_pandas(types_mapper=_text)
    frame.columns = pd.Index([header[i] for i in places])
    return frame


def _text(kind: pa.DataType) -> ExtensionDtype | None:
    """Arrow's text columns become pandas' text; nothing else is asked for."""
    return TEXT if pa.types.is_large_string(kind) or pa.types.is_string(kind) else None
