"""How many values a breakdown may have, and the check that keeps it so.

A breakdown (an indicator's ``by``, the service cycle's, the feedback
register's) shows one chart panel, one table column and one table row per
value of its column. Past :data:`MAX_BREAKDOWN_VALUES` values a page stops
helping anyone read it, and its charts grow past what can be drawn.

Such a breakdown is refused at check time, at the line that names it, rather
than cut to its largest values with the rest summed as "other": a share or a
median of "other" would be a new figure nobody defined, and the cut would
move as the data changes. The message says what to do instead: break down by
a coarser column, or group the values in a derived ``map`` column of
``datasets.yml`` into groups that mean something for the service.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from sqms.engine.datasets import Dataset
from sqms.i18n import nt
from sqms.text.formatting import format_count

MAX_BREAKDOWN_VALUES = 50
"""The most values one breakdown may show (panels of a chart, rows of a table)."""


def too_many_values(dataset: Dataset, column: str) -> str | None:
    """Why breaking down by ``column`` of ``dataset`` cannot be shown, or None when it can."""
    if column not in dataset.frame.columns:
        return None  # an unknown column is reported where it is named
    if dataset.source is not None:
        count = dataset.source.distinct(column)
    else:
        count = _distinct(dataset.frame[column])
    if count <= MAX_BREAKDOWN_VALUES:
        return None
    return nt(
        "breakdown.too_many_values",
        count,
        column=column,
        count=format_count(count),
        file=dataset.display,
        limit=MAX_BREAKDOWN_VALUES,
    )


def _distinct(values: pd.Series) -> int:
    """The number of different values present (a list column: different lists)."""
    if isinstance(values.dtype, pd.ArrowDtype) and pa.types.is_list(values.dtype.pyarrow_dtype):
        return int(values.dropna().astype("str").nunique())
    return int(values.nunique(dropna=True))
