"""The declared columns of a file's rows, converted to their types and checked.

One function for every reader of files: pandas' reading of a whole file
(:func:`sqms.engine.datasets.read_dataset`) and the typing of a CSV file
block by block for an engine (:mod:`sqms.engine.typed_blocks`), so both
convert and report alike.
"""

from __future__ import annotations

import pandas as pd

from sqms.diagnostics import Report
from sqms.engine.coercion import Where, blank_as_missing, check_rules, coerce_column
from sqms.schema.datasets import ColumnSpec, DatasetSpec


def typed_frame(
    raw: pd.DataFrame,
    spec: DatasetSpec,
    timezone: str,
    where: Where,
    report: Report,
    *,
    across_rows: bool = True,
) -> pd.DataFrame:
    """``raw``'s declared columns converted, each rule checked; problems go to ``report``.

    Without ``across_rows``, ``unique`` is left unchecked: a block of a file
    does not see the other blocks' values, and the engine checks it on all
    the rows (every other rule concerns one row).
    """
    columns: dict[str, pd.Series] = {}
    for column, declared in spec.columns.items():
        rules = column_rules(spec, column, declared)
        if not across_rows:
            rules = rules.model_copy(update={"unique": False})
        text = blank_as_missing(raw[column])
        values = coerce_column(text, rules, timezone, where, report, column)
        check_rules(values, text, rules, where, report, column)
        columns[column] = values
    return pd.DataFrame(columns, index=pd.RangeIndex(len(raw)))


def column_rules(spec: DatasetSpec, column: str, declared: ColumnSpec) -> ColumnSpec:
    """The rules ``column`` is checked against: the key is required and unique, whatever it says."""
    if column == spec.key:
        return declared.model_copy(update={"required": True, "unique": True})
    return declared
