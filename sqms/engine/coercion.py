"""Turn raw column values into their declared types and check the declared rules.

All work is vectorised: a column is converted in one call, and the rows that
fail are found with a boolean mask, never by looping over rows. Problems are
reported with the data row (and the line, for text files), a few examples per
column and problem, and a count of the rest, so a broken export of a million
rows gives a readable report rather than a million lines. A value quoted in a
message is shortened (:func:`sqms.diagnostics.shorten`): a cell of a megabyte
never floods a CI log.

Timestamps may carry UTC offsets, and those may change within a file (a
daylight-saving change, an export merged from two offices): each value with
an offset is the instant it names, each one without is read in the column's
(or the dataset's) time zone. Times and dates are kept between
:data:`FIRST_YEAR` and :data:`LAST_YEAR`: pandas reads years 1 to 9999, but
durations and business time are computed at nanosecond resolution, which
ends in 1677 and 2262, so a value outside is reported rather than left to
fail (or wrap around) later.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from sqms.diagnostics import Report, shorten
from sqms.i18n import N_, nt, t
from sqms.schema.datasets import ColumnSpec, ColumnType
from sqms.schema.validation import allowed_list

EXAMPLES_PER_PROBLEM = 5
TRUE_WORDS = frozenset({"true", "yes", "y", "1", "t"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "f"})
FIRST_YEAR, LAST_YEAR = 1700, 2200
"""The years a timestamp or a date may fall in (see the module's docstring)."""
TIME_TYPES = frozenset({"datetime", "date"})
NOT_OF_TYPE: dict[ColumnType, str] = {
    "string": N_("data.not_string"),
    "integer": N_("data.not_integer"),
    "number": N_("data.not_number"),
    "boolean": N_("data.not_boolean"),
    "datetime": N_("data.not_datetime"),
    "date": N_("data.not_date"),
    "category": N_("data.not_category"),
    "list": N_("data.not_list"),
}
"""Each column type → the message id for a value that is not of that type."""


@dataclass(frozen=True)
class Where:
    """Where a table came from, to locate problems in it."""

    display: str
    header_lines: int | None
    personal: frozenset[str] = frozenset()
    """Columns declared ``pii: true``: their values are never quoted in a message (CI logs)."""

    def report_rows(
        self,
        report: Report,
        column: str,
        raw: pd.Series,
        bad: pd.Series,
        key: str,
        **values: object,
    ) -> None:
        """Report the rows of ``bad`` (a mask) with message ``key``: some examples and a count.

        The message gets each row's value, shortened, as ``value``, and ``values``;
        the value of a personal column is replaced by a word that says so.
        """
        positions = np.flatnonzero(bad.to_numpy(dtype=bool))
        if len(positions) == 0:
            return
        examples = [
            (int(p) + 1, self.example(column, raw.iloc[p], key, values))
            for p in positions[:EXAMPLES_PER_PROBLEM]
        ]
        more = len(positions) > EXAMPLES_PER_PROBLEM
        following = int(positions[EXAMPLES_PER_PROBLEM]) + 1 if more else None
        self.report_found(report, column, examples, len(positions), following)

    def example(self, column: str, value: object, key: str, values: Mapping[str, object]) -> str:
        """The message ``key`` for one row, quoting ``value`` unless the column is personal."""
        shown = t("data.personal_value") if column in self.personal else shorten(value)
        return t(key, value=shown, **values)

    def report_found(
        self,
        report: Report,
        column: str,
        examples: list[tuple[int, str]],
        total: int,
        following: int | None,
    ) -> None:
        """Report ``examples`` (data row, message), then how many of ``total`` rows are not listed.

        The count is located at ``following``, the first row not listed, so it
        sorts after the examples.
        """
        for row, message in examples:
            report.error(self.display, self.line(row), message, row=row, column=column)
        if following is not None and total > len(examples):
            more = nt("data.more_rows", total - len(examples))
            report.error(self.display, self.line(following), more, row=following, column=column)

    def line(self, row: int) -> int | None:
        """The line of data row ``row`` (1-based), when rows and lines match."""
        return None if self.header_lines is None else row + self.header_lines


def blank_as_missing(raw: pd.Series) -> pd.Series:
    """Empty or all-blank text is a missing value, whatever the file format."""
    if not (pd.api.types.is_object_dtype(raw.dtype) or pd.api.types.is_string_dtype(raw.dtype)):
        return raw
    strings = _arrow_strings(raw)
    if strings is not None:
        # What ``str.strip()`` leaves empty, found without building stripped copies:
        # Arrow's "all white space" uses the same white space as its strip.
        empty = pc.equal(pc.binary_length(strings), 0)
        blank = pd.Series(pc.or_(pc.utf8_is_space(strings), empty).fill_null(False).to_numpy())
        blank.index = raw.index
    else:
        blank = raw.astype("str").str.strip().eq("") & raw.notna()
    return raw.where(~blank) if blank.any() else raw


def coerce_column(
    raw: pd.Series, spec: ColumnSpec, timezone: str, where: Where, report: Report, name: str
) -> pd.Series:
    """Convert ``raw`` to the declared type; report values that do not convert.

    ``raw`` has its blanks made missing already (:func:`blank_as_missing`): the
    caller keeps that text, to report rule violations with the values as read.
    """
    if spec.type == "list":
        return coerce_list(raw, spec, where, report, name)
    present = raw.notna()
    converted = _CONVERTERS[spec.type](raw, spec, timezone)
    bad = present & converted.isna()
    if bad.any():
        # A category's declared values are listed, so the message shows the fix.
        listed = {"allowed": allowed_list(spec.values)} if spec.values is not None else {}
        where.report_rows(report, name, raw, bad, NOT_OF_TYPE[spec.type], **listed)
    if spec.type in TIME_TYPES:
        converted = _within_years(converted, raw, where, report, name)
    return converted


def _within_years(
    times: pd.Series, raw: pd.Series, where: Where, report: Report, name: str
) -> pd.Series:
    """``times`` with those outside the supported years reported and made missing."""
    years = times.dt.year  # missing times give no year, and compare false
    outside = ((years < FIRST_YEAR) | (years > LAST_YEAR)).fillna(False).astype(bool)
    if not outside.any():
        return times
    where.report_rows(
        report, name, raw, outside, N_("data.time_out_of_range"), first=FIRST_YEAR, last=LAST_YEAR
    )
    return times.mask(outside)


def check_rules(
    values: pd.Series, raw: pd.Series, spec: ColumnSpec, where: Where, report: Report, name: str
) -> None:
    """Check required, unique, allowed values and range on converted values."""
    if spec.type == "list":
        _check_list(values, raw, spec, where, report, name)
        return
    if spec.required:
        where.report_rows(report, name, raw, raw.isna(), N_("data.required"))
    present = values.notna()
    if spec.unique:
        where.report_rows(report, name, raw, _duplicated(values) & present, N_("data.duplicate"))
    if spec.values is not None and spec.type != "category":
        allowed = pd.Series(spec.values).astype(str)
        outside = present & ~values.astype(str).isin(allowed)
        listed = allowed_list(spec.values)
        where.report_rows(report, name, raw, outside, N_("data.not_allowed"), allowed=listed)
    if spec.min is not None and spec.type in ("integer", "number"):
        where.report_rows(report, name, raw, present & (values < spec.min), N_("data.below_min"))
    if spec.max is not None and spec.type in ("integer", "number"):
        where.report_rows(report, name, raw, present & (values > spec.max), N_("data.above_max"))


def _duplicated(values: pd.Series) -> pd.Series:
    """Rows whose value is on an earlier row.

    Keys often come sorted (exports list records by their ID): text in strictly
    increasing order has no repeats, which comparing neighbours shows many
    times faster than hashing every value.
    """
    strings = _arrow_strings(values)
    increasing = (
        strings is not None
        and strings.null_count == 0
        and len(strings) > 1
        and pc.all(pc.less(strings[:-1], strings[1:])).as_py()
    )
    if increasing:
        return pd.Series(False, index=values.index, dtype="bool")
    return values.duplicated(keep="first")


def _to_string(raw: pd.Series, spec: ColumnSpec, timezone: str) -> pd.Series:
    return raw.astype("str")


def _to_category(raw: pd.Series, spec: ColumnSpec, timezone: str) -> pd.Series:
    """A categorical; with declared ``values``, other values become missing (and are reported)."""
    text = raw.astype("str")
    if spec.values is None:
        return text.astype("category")
    dtype = pd.CategoricalDtype([str(v) for v in spec.values])
    strings = _arrow_strings(text)
    if strings is not None:
        # Each value's position among the declared ones is its code, found by
        # Arrow's hash look-up; a value not declared (or missing) gets -1.
        found = pc.index_in(strings, value_set=pa.array(dtype.categories.tolist(), strings.type))
        codes = found.fill_null(-1).to_numpy()
        values = pd.Categorical.from_codes(codes, dtype=dtype)
        return pd.Series(values, index=raw.index, name=raw.name)
    return text.where(text.isin(dtype.categories)).astype(dtype)


def _to_number(raw: pd.Series, spec: ColumnSpec, timezone: str) -> pd.Series:
    if pd.api.types.is_bool_dtype(raw.dtype):
        return pd.Series(np.nan, index=raw.index, dtype="float64")
    return pd.to_numeric(raw, errors="coerce").astype("float64")


def _to_integer(raw: pd.Series, spec: ColumnSpec, timezone: str) -> pd.Series:
    numbers = _to_number(raw, spec, timezone)
    whole = numbers.where(np.isfinite(numbers) & (numbers == np.floor(numbers)))
    return whole.astype("Int64")


def _to_boolean(raw: pd.Series, spec: ColumnSpec, timezone: str) -> pd.Series:
    if pd.api.types.is_bool_dtype(raw.dtype):
        return raw.astype("boolean")
    words = raw.astype("str").str.strip().str.lower()
    result = pd.Series(pd.NA, index=raw.index, dtype="boolean")
    result = result.mask(words.isin(TRUE_WORDS), True)
    return result.mask(words.isin(FALSE_WORDS), False)


def _to_datetime(raw: pd.Series, spec: ColumnSpec, timezone: str) -> pd.Series:
    """Timestamps to UTC; naive ones are read in the column's (or dataset's) time zone.

    Values with an offset and values without may be mixed, and offsets may
    differ from row to row: the two kinds are parsed apart (pandas refuses
    them together) and each value with an offset becomes the instant it names.
    """
    zone = spec.timezone or timezone
    if isinstance(raw.dtype, pd.DatetimeTZDtype):
        return raw.dt.tz_convert("UTC")
    if pd.api.types.is_datetime64_dtype(raw.dtype):
        return _in_utc(raw, zone)
    if (plain := None if spec.format else _plain_timestamps(raw)) is not None:
        return _in_utc(plain, zone)
    text = raw.astype("str").where(raw.notna(), None)
    offset = _has_offset(text, spec.format)
    if not offset.any():
        return _in_utc(_parse_times(text, spec.format), zone)
    aware = _parse_aware(text.where(offset), spec.format)
    if offset[raw.notna()].all():
        return aware
    naive = _in_utc(_parse_times(text.where(~offset), spec.format), zone)
    return naive.mask(offset, aware)


_SPACE = "[ \t\n\v\f\r]*"  # white space as pandas skips it around an offset
_TIME = "[T ][0-9]{1,2}(?::?[0-9]{2}){0,2}(?:[.,][0-9]+)?"
_ZONE = "(?:Z|[+-][0-9]{1,2}(?::?[0-9]{2})?)"
_OFFSET = _TIME + _SPACE + _ZONE + _SPACE + "$"
"""A time of day followed by a UTC offset, as pandas' ISO 8601 parser reads one.

Spelled so that Python's and Arrow's regular expressions read it alike.
"""


def _has_offset(text: pd.Series, fmt: str | None) -> pd.Series:
    """Which values carry a UTC offset: by the declared format, or by their shape."""
    if fmt is not None:
        return pd.Series("%z" in fmt or "%Z" in fmt, index=text.index, dtype=bool)
    strings = _arrow_strings(text)
    if strings is not None:  # Arrow's matcher: many times faster than pandas' here
        found = pc.match_substring_regex(strings, _OFFSET).fill_null(False)
        return pd.Series(found.to_numpy(zero_copy_only=False), index=text.index, dtype=bool)
    return text.str.contains(_OFFSET, regex=True, na=False).astype(bool)


def _parse_times(text: pd.Series, fmt: str | None) -> pd.Series:
    """Timestamps without an offset, at microseconds; what does not parse is missing.

    Values that pandas still finds an offset in (a shape the pattern does not
    know) cannot be told apart safely: they are all left missing, so they are
    reported rather than read in a wrong zone.
    """
    try:
        parsed = pd.to_datetime(text, format=fmt or "ISO8601", errors="coerce")
    except ValueError:  # "Mixed timezones detected"
        parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[us]")
    return parsed.dt.as_unit("us")


def _parse_aware(text: pd.Series, fmt: str | None) -> pd.Series:
    """Timestamps with offsets as UTC instants, at microseconds.

    One offset throughout parses fastest as it is; several (a daylight-saving
    change) make pandas refuse that, and each value is then converted to UTC.
    """
    try:
        parsed = pd.to_datetime(text, format=fmt or "ISO8601", errors="coerce")
    except ValueError:  # several offsets
        parsed = pd.to_datetime(text, format=fmt or "ISO8601", errors="coerce", utc=True)
    if not isinstance(parsed.dtype, pd.DatetimeTZDtype):  # nothing parsed
        parsed = parsed.dt.tz_localize("UTC")
    return parsed.dt.tz_convert("UTC").dt.as_unit("us")


def _in_utc(stamps: pd.Series, zone: str) -> pd.Series:
    """Naive timestamps read in ``zone`` (aware ones as they are), in UTC."""
    if not isinstance(stamps.dtype, pd.DatetimeTZDtype):
        stamps = stamps.dt.tz_localize(zone, ambiguous="NaT", nonexistent="shift_forward")
    return stamps.dt.tz_convert("UTC")


def _plain_timestamps(raw: pd.Series) -> pd.Series | None:
    """Text that is all ``YYYY-MM-DD hh:mm:ss`` (or with ``T``), parsed by Arrow; else None.

    Arrow parses several times faster than pandas. At exactly 19 characters the
    only text Arrow's strict ISO 8601 parser accepts is that shape, which pandas
    reads as the same instant, at the same resolution (microseconds). One value
    of any other shape, or not a real time, leaves the whole column to pandas,
    so that its problems are found and reported as ever.
    """
    strings = _arrow_strings(raw)
    if strings is None or strings.null_count == len(strings):
        return None
    if not pc.all(pc.equal(pc.binary_length(strings), 19)).as_py():
        return None
    try:
        stamps = pc.cast(strings, pa.timestamp("us"))
    except pa.ArrowInvalid:
        return None
    return pd.Series(stamps.to_numpy(), index=raw.index, name=raw.name)


def _arrow_strings(values: pd.Series) -> pa.ChunkedArray | None:
    """The Arrow array holding a text column (shared, not copied), if it is Arrow-backed."""
    if isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow":
        strings = pa.array(values.array)
        return strings if isinstance(strings, pa.ChunkedArray) else pa.chunked_array([strings])
    return None


def _to_date(raw: pd.Series, spec: ColumnSpec, timezone: str) -> pd.Series:
    """Calendar dates (no time of day, no time zone)."""
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        return raw.dt.normalize()
    text = raw.astype("str").where(raw.notna(), None)
    parsed = pd.to_datetime(text, format=spec.format or "%Y-%m-%d", errors="coerce")
    return parsed.astype("datetime64[s]")


_CONVERTERS: dict[str, Callable[[pd.Series, ColumnSpec, str], pd.Series]] = {
    "string": _to_string,
    "category": _to_category,
    "number": _to_number,
    "integer": _to_integer,
    "boolean": _to_boolean,
    "datetime": _to_datetime,
    "date": _to_date,
}


# --- lists --------------------------------------------------------------------

LIST_DTYPE = pd.ArrowDtype(pa.list_(pa.string()))
"""How a ``list`` column is held: an Arrow list of texts a row (``explode`` gives the items)."""


def coerce_list(
    raw: pd.Series, spec: ColumnSpec, where: Where, report: Report, name: str
) -> pd.Series:
    """A ``list`` column: the items of each row, as text; a missing value is an empty list.

    A JSON array (or a Parquet list) gives its items; a text (a CSV or XLSX
    cell, or a JSON text) is split at the column's separator. Items are
    trimmed and empty ones dropped. A value of another kind (a number, an
    object) and an item that is not text (a number, null, a nested array) are
    reported at their row and column. Every source ends in the same Arrow list,
    so the file's format never changes the values.
    """
    positions, items = _list_items(raw, spec.list_separator, where, report, name)
    keep = pc.greater(pc.binary_length(items), 0)
    positions = positions[keep.to_numpy(zero_copy_only=False)]
    order = pa.array(np.argsort(positions, kind="stable"))
    offsets = np.concatenate(([0], np.cumsum(np.bincount(positions, minlength=len(raw)))))
    lists = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), items.filter(keep).take(order))
    return pd.Series(lists, dtype=LIST_DTYPE, index=raw.index, name=raw.name)


def _list_items(
    raw: pd.Series, separator: str, where: Where, report: Report, name: str
) -> tuple[np.ndarray, pa.Array]:
    """Every item of the column, trimmed, with the position of its row."""
    if isinstance(raw.dtype, pd.ArrowDtype) and pa.types.is_list(raw.dtype.pyarrow_dtype):
        lists = _one_chunk(pa.array(raw.array))
        if pa.types.is_string(lists.type.value_type):
            positions = pc.list_parent_indices(lists).to_numpy()
            return _texts(positions, pc.list_flatten(lists), where, report, name, len(raw))
        raw = pd.Series(lists.to_pylist(), index=raw.index, dtype=object)
    strings = _arrow_strings(raw)
    if strings is not None:  # text only: a CSV column
        return _split(strings, np.arange(len(raw)), separator)
    types = raw.map(type, na_action="ignore")
    kinds = types.map({kind: _kind(kind) for kind in types.dropna().unique()})
    kind = kinds.fillna("missing").to_numpy(dtype=object)
    where.report_rows(report, name, raw, pd.Series(kind == "other"), NOT_OF_TYPE["list"])
    text = np.flatnonzero(kind == "text")
    split = _split(pa.array(raw.iloc[text].to_numpy(dtype=object), pa.string()), text, separator)
    listed = _listed(raw, np.flatnonzero(kind == "list"), where, report, name)
    return np.concatenate([split[0], listed[0]]), pa.concat_arrays([split[1], listed[1]])


def _kind(kind: type) -> str:
    """What a value of a Python type is to a list column: ``text``, ``list`` or ``other``."""
    if issubclass(kind, str):
        return "text"
    return "list" if issubclass(kind, (list, tuple, np.ndarray)) else "other"


def _one_chunk(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _split(
    strings: pa.Array | pa.ChunkedArray, positions: np.ndarray, separator: str
) -> tuple[np.ndarray, pa.Array]:
    """The items of texts split at ``separator``, trimmed, with the positions of their rows."""
    lists = pc.split_pattern(_one_chunk(strings), pattern=separator)
    parents = pc.list_parent_indices(lists).to_numpy()
    items = pc.utf8_trim_whitespace(_one_chunk(pc.list_flatten(lists)))
    return positions[parents].astype(np.int64), items


def _listed(
    raw: pd.Series, rows: np.ndarray, where: Where, report: Report, name: str
) -> tuple[np.ndarray, pa.Array]:
    """The items of the rows holding arrays; those that are not text are reported."""
    arrays = raw.iloc[rows]
    lengths = arrays.map(len).to_numpy(dtype=np.int64)
    positions = np.repeat(rows, lengths)
    elements = arrays[lengths > 0].explode().to_numpy(dtype=object)
    try:
        items = pa.array(elements, type=pa.string(), from_pandas=False)
    except (pa.ArrowTypeError, pa.ArrowInvalid):  # something in it is not text: find what
        text = np.array([isinstance(item, str) for item in elements], dtype=bool)
        _report_items(where, report, name, len(raw), positions[~text], elements[~text])
        positions, items = positions[text], pa.array(elements[text], type=pa.string())
    return _texts(positions, items, where, report, name, len(raw))


def _texts(
    positions: np.ndarray, items: pa.Array, where: Where, report: Report, name: str, rows: int
) -> tuple[np.ndarray, pa.Array]:
    """Text items, trimmed; null items (``[null]``) are reported and dropped."""
    items = _one_chunk(items)
    null = items.is_null().to_numpy(zero_copy_only=False)
    if null.any():
        _report_items(where, report, name, rows, positions[null], np.full(null.sum(), None))
        positions, items = positions[~null], items.filter(pa.array(~null))
    return positions.astype(np.int64), pc.utf8_trim_whitespace(items)


def _report_items(
    where: Where,
    report: Report,
    name: str,
    rows: int,
    positions: np.ndarray,
    items: np.ndarray,
    key: str = N_("data.list_item_not_text"),
    allowed: str | None = None,
) -> None:
    """Report the rows at ``positions`` with their first offending item, as JSON writes it.

    ``allowed`` (the declared values, listed) goes into the message when given.
    """
    first_rows, first = np.unique(positions, return_index=True)
    shown = np.full(rows, None, dtype=object)
    examples = first[:EXAMPLES_PER_PROBLEM]  # only these are shown
    shown[first_rows[:EXAMPLES_PER_PROBLEM]] = [_item_text(item) for item in items[examples]]
    mask = np.zeros(rows, dtype=bool)
    mask[first_rows] = True
    listed = {} if allowed is None else {"allowed": allowed}
    where.report_rows(report, name, pd.Series(shown), pd.Series(mask), key, **listed)


def _item_text(item: object) -> str:
    """An item as JSON writes it (``3``, ``null``, ``["x"]``); text as it is."""
    if isinstance(item, str):
        return item
    if item is None or (isinstance(item, float) and np.isnan(item)):
        return "null"  # pandas' JSON reader makes a null item NaN
    return json.dumps(item, ensure_ascii=False, default=str)


def _check_list(
    values: pd.Series, raw: pd.Series, spec: ColumnSpec, where: Where, report: Report, name: str
) -> None:
    """Required (at least one item), unique (the same items) and allowed values (each item)."""
    lists = _one_chunk(pa.array(values.array))
    empty = pd.Series(pc.equal(pc.list_value_length(lists), 0).to_numpy(zero_copy_only=False))
    if spec.required:
        where.report_rows(report, name, raw, empty, N_("data.required"))
    if spec.unique:
        joined = pd.Series(pc.binary_join(lists, "\x1f").to_numpy(zero_copy_only=False))
        where.report_rows(report, name, joined, joined.duplicated() & ~empty, N_("data.duplicate"))
    if spec.values is not None:
        items = pc.list_flatten(lists)
        allowed = pa.array([str(v) for v in spec.values], pa.string())
        outside = pc.invert(pc.is_in(items, value_set=allowed)).to_numpy(zero_copy_only=False)
        parents = pc.list_parent_indices(lists).to_numpy()[outside]
        texts = items.to_numpy(zero_copy_only=False)[outside]
        listed = allowed_list(spec.values)
        _report_items(
            where, report, name, len(values), parents, texts, N_("data.not_allowed"), listed
        )
