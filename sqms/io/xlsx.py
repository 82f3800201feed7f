"""The declared columns of an Excel worksheet, and the formulas in them never calculated.

A workbook stores, beside each formula, the value it last calculated. A
workbook written by a program (a script with openpyxl, an export tool) and
never opened in a spreadsheet program has formulas but no values: pandas reads
those cells as empty, and an indicator would silently count them as missing.
Such cells are found by reading the formulas too, in the declared columns
only and only when some cell there is empty, and are reported at their row.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-untyped]
import pandas as pd
from openpyxl.worksheet.formula import (  # type: ignore[import-untyped]
    ArrayFormula,
    DataTableFormula,
)

from sqms.diagnostics import shorten
from sqms.i18n import nt
from sqms.io.text_problems import Problem, Unreadable


def read_xlsx_columns(path: Path, sheet: str | int, sources: list[str]) -> pd.DataFrame:
    """The columns ``sources`` of the worksheet, as pandas reads them (cached values).

    Raises :class:`Unreadable` when the header row names one of them twice
    (pandas would rename the second and read the first silently).
    """
    wanted = set(sources)
    frame = pd.read_excel(path, sheet_name=sheet, usecols=lambda name: name in wanted)
    counts = Counter(str(name) for name in _header(path, sheet))
    repeated = [name for name in dict.fromkeys(sources) if counts[name] > 1]
    if repeated:
        raise Unreadable(
            [
                Problem(nt("data.duplicate_header", counts[n], column=shorten(n)), 1)
                for n in repeated
            ]
        )
    return frame


def _header(path: Path, sheet: str | int) -> tuple[object, ...]:
    """The first row of the worksheet as written (read in streaming mode: one row only)."""
    book = _open(path, data_only=True)
    try:
        worksheet = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
        rows = worksheet.iter_rows(min_row=1, max_row=1, values_only=True)
        return next(iter(rows), ())
    finally:
        book.close()


def uncalculated_formulas(
    path: Path, sheet: str | int, frame: pd.DataFrame
) -> dict[str, tuple[pd.Series, pd.Series]]:
    """Column → (each row's formula text, the rows whose formula has no value), where any.

    ``frame`` holds the values pandas read; only its columns are looked at,
    and only when one of them has an empty cell, which an uncalculated formula
    always is.
    """
    if frame.empty or not frame.isna().to_numpy().any():
        return {}
    formulas = _formulas(path, sheet, set(frame.columns))
    found = {}
    for column in frame.columns.intersection(formulas.columns):
        text = formulas[column].map(_formula_text, na_action="ignore")
        empty = frame[column].reindex(formulas.index).isna()
        never = (text.notna() & empty).astype(bool)
        if never.any():
            found[str(column)] = (text, never)
    return found


def _formulas(path: Path, sheet: str | int, columns: set[object]) -> pd.DataFrame:
    """The worksheet's columns as written: a formula cell holds its formula, not its value."""
    book = _open(path, data_only=False)
    try:
        return pd.read_excel(book, sheet_name=sheet, usecols=lambda n: n in columns, dtype=object)
    finally:
        book.close()


def _open(path: Path, *, data_only: bool) -> Any:
    """The workbook, streamed (read-only): with cached values, or with formulas.

    Links to other workbooks are not kept: nothing outside the file is read.
    """
    return openpyxl.load_workbook(path, read_only=True, data_only=data_only, keep_links=False)


def _formula_text(value: object) -> str | None:
    """The text of a formula cell (``=B2+1``), None for a cell holding a value."""
    if isinstance(value, str):
        return value if value.startswith("=") else None
    if isinstance(value, ArrayFormula):
        return str(value.text)
    return "=TABLE()" if isinstance(value, DataTableFormula) else None
