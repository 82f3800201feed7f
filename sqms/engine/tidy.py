"""Grouped aggregates as the tidy rows of the results table, whichever engine made them."""

from __future__ import annotations

import pandas as pd


def tidy(flat: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Rows of ``_period`` (and ``dim``), value, n, numerator, denominator: one per group.

    ``flat`` has the group keys as columns, in the order the rows are to
    keep; the breakdown value becomes text, as every table of the site shows it.
    """
    values = flat[dim].astype("str") if dim else pd.Series("", index=flat.index, dtype="str")
    return pd.DataFrame(
        {
            "period_obj": flat["_period"],
            "dim": dim,
            "dim_value": values,
            "value": flat["value"].astype("float64"),
            "n": flat["n"].astype("float64"),
            "numerator": flat["numerator"].astype("float64"),
            "denominator": flat["denominator"].astype("float64"),
        }
    )
