"""JSON Lines read by Arrow, exactly as pandas would read them, or not at all.

pandas' JSON reader parses every line in Python objects first, which takes
seconds for a few hundred thousand survey answers; Arrow's parser, checks
included, is several times faster. The two agree only on well-formed files, so Arrow's result is
used only when it is certain to hold the very values pandas would give, and
:func:`read_jsonl_arrow` returns None otherwise, for pandas to read the file
(and to name what is wrong with it, when something is). Arrow's result is
refused when:

* a column that must hold text holds something else, or no value at all (the
  column may then be missing from the file, which pandas reports);
* a list column holds something other than arrays of text, or no value at all.
  Where Arrow reads it, it stays an Arrow list rather than pandas' Python
  lists: the two differ here, and the column's coercion (``sqms.engine.coercion``)
  turns either into the same values;
* a column Arrow types by itself comes out other than whole numbers, true/false
  or text: fractional numbers above all, which pandas' parser rounds
  differently in the last digit, timestamps, which pandas leaves as text, and
  columns of nulls only, which pandas types by whether keys are absent;
* the file is not strictly one object a line, with no blank line and no
  byte-order mark: Arrow accepts more than pandas there;
* the bytes are not valid UTF-8 anywhere, even in columns not read.

Arrow parses in blocks and refuses a line longer than its block; the block is
made as long as the longest line, so a line holding a very long text (a
survey comment of megabytes) reads like any other.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.json as pj

_NEWLINE, _RETURN, _OPEN, _CLOSE = (ord(c) for c in "\n\r{}")
_BLOCK = 1 << 20
"""Arrow's default block (1 MiB), used unless a line is longer."""
_LARGEST_BLOCK = (1 << 31) - 1


def read_jsonl_arrow(
    source: Path | bytes,
    columns: list[str],
    text: set[str],
    lists: Collection[str] = frozenset(),
    *,
    part: bool = False,
) -> pd.DataFrame | None:
    """``columns`` of the UTF-8 JSON Lines file ``source`` (those present), or None.

    With ``part``, ``source`` is a block of a file's lines: a column
    without a value there is missing in each of its rows, whatever pandas
    would make of the whole file (:func:`jsonl_blocks` asks the whole file).

    ``source`` is the file, or its bytes when they are read already. ``text``
    are the columns whose values must be text; Arrow is told so, so that it
    neither reads them as timestamps nor accepts numbers there. ``lists`` are
    the columns whose values must be arrays of text.
    """
    data = source if isinstance(source, bytes) else source.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    lines = _object_lines(data)
    if lines is None:
        return None
    count, longest = lines
    schema = pa.schema(
        [(name, pa.string()) for name in columns if name in text]
        + [(name, pa.list_(pa.string())) for name in columns if name in lists]
    )
    options = pj.ParseOptions(explicit_schema=schema)
    block = pj.ReadOptions(block_size=min(max(_BLOCK, longest + 1), _LARGEST_BLOCK))
    try:
        table = pj.read_json(pa.BufferReader(data), read_options=block, parse_options=options)
    except pa.ArrowInvalid:
        return None
    if table.num_rows != count:
        return None
    present = [name for name in columns if name in table.column_names]
    if not all(
        _as_pandas(table.column(name), name in text or name in lists, part) for name in present
    ):
        return None
    frame = table.select(present).to_pandas(types_mapper=_arrow_lists)
    # pandas fills the gaps of an object column (true/false with nulls) with NaN.
    filled = {
        name: frame[name].fillna(np.nan)
        for name in present
        if frame[name].dtype == object and frame[name].isna().any()
    }
    return frame.assign(**filled) if filled else frame


class NotExact(ValueError):
    """A block of a JSON Lines file that Arrow does not read exactly as pandas reads the file."""


def jsonl_blocks(
    path: Path,
    columns: list[str],
    text: set[str],
    lists: Collection[str],
    booleans: Collection[str],
    block: int,
) -> Iterator[pd.DataFrame]:
    """``columns`` of the UTF-8 JSON Lines file at ``path``, ``block`` bytes of lines at a time.

    Each block is whole lines, read by :func:`read_jsonl_arrow`, and holds
    what pandas makes of those lines reading the whole file. So the file is
    read twice, a block at a time: first to find each column of whole
    numbers with a gap somewhere (a null, or a line without the key), which
    pandas reads as fractions throughout (``3.0``: how a message then quotes
    it); then to yield the blocks, such columns as fractions. A column a
    block does not name is missing there.

    Raises :class:`NotExact` when a block is one Arrow refuses, when a
    column has no value in any line, or when a ``booleans`` column holds numbers
    (pandas would refuse ``1.0``): the caller then reads the whole file with
    pandas, which reports what is wrong. Memory holds one block.
    """
    read = functools.partial(
        _exact_block, columns=columns, text=text, lists=lists, booleans=booleans
    )
    gaps: set[str] = set()
    seen: set[str] = set()
    for frame in _line_blocks(path, block, read):
        seen.update(name for name in columns if frame[name].notna().any())
        gaps.update(name for name in columns if frame[name].isna().any())
    if set(columns) - seen:  # pandas decides: a column in no line, or null in every one
        raise NotExact("a declared column has no value in any line")
    for frame in _line_blocks(path, block, read):
        whole = [name for name in gaps if pd.api.types.is_integer_dtype(frame[name].dtype)]
        yield frame.astype(dict.fromkeys(whole, "float64")) if whole else frame


def _line_blocks(
    path: Path, block: int, read: Callable[[bytes], pd.DataFrame]
) -> Iterator[pd.DataFrame]:
    """``read`` applied to the file's blocks of about ``block`` bytes, each of whole lines."""
    with path.open("rb") as file:
        rest = b""
        while chunk := file.read(block):
            data = rest + chunk
            cut = data.rfind(b"\n") + 1  # a line longer than the block: read on
            if cut:
                yield read(data[:cut])
                rest = data[cut:]
            else:
                rest = data
        if rest:
            yield read(rest)


def _exact_block(
    data: bytes,
    *,
    columns: list[str],
    text: set[str],
    lists: Collection[str],
    booleans: Collection[str],
) -> pd.DataFrame:
    """One block's columns, every one of ``columns`` (missing where not named); or NotExact."""
    frame = read_jsonl_arrow(data, columns, text, lists, part=True)
    if frame is None:
        raise NotExact("Arrow does not read this block as pandas would")
    if any(pd.api.types.is_numeric_dtype(frame[name].dtype) and not
           pd.api.types.is_bool_dtype(frame[name].dtype)
           for name in booleans if name in frame.columns):  # fmt: skip
        raise NotExact("numbers where true or false is declared")
    absent = {name: pd.Series(None, index=frame.index, dtype=object)
              for name in columns if name not in frame.columns}  # fmt: skip
    return frame.assign(**absent)[columns] if absent else frame[columns]


def _arrow_lists(kind: pa.DataType) -> pd.ArrowDtype | None:
    """List columns stay Arrow lists in pandas (other types convert as usual)."""
    return pd.ArrowDtype(kind) if pa.types.is_list(kind) else None


def _as_pandas(column: pa.ChunkedArray, text: bool, part: bool = False) -> bool:
    """Whether Arrow's column holds what pandas would make of it.

    A text (or list) column must hold some value: one Arrow was told about is
    there even when the file never names it. Other columns must be of a type Arrow and
    pandas both give the same way. In a ``part`` of a file, a column without
    a value is missing values, whatever its type.
    """
    if part and column.null_count == len(column):
        return True
    if text:
        return bool(column.null_count < len(column))
    checks = (pa.types.is_int64, pa.types.is_boolean, pa.types.is_string)
    return any(check(column.type) for check in checks)


def _object_lines(data: bytes) -> tuple[int, int] | None:
    """The number of lines and the longest's length, when each is ``{…}``; else None.

    Then no object spans lines, so as many rows as lines means exactly one
    object a line, which is what pandas accepts.
    """
    raw = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(raw == _NEWLINE)
    if len(raw) and raw[-1] != _NEWLINE:
        ends = np.append(ends, len(raw))
    starts = np.concatenate(([0], ends[:-1] + 1))
    if not len(ends) or (ends - starts < 2).any():
        return None
    last = ends - 1
    last -= raw[last] == _RETURN  # a line may end in CR LF
    whole = (raw[starts] == _OPEN) & (raw[last] == _CLOSE) & (last > starts)
    return (len(ends), int((ends - starts).max())) if bool(whole.all()) else None
