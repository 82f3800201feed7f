"""Writing the sample tables as files: CSV and JSON Lines, atomically.

Files are UTF-8 with LF line endings and no index column, timestamps in local
naive form, booleans as ``true``/``false`` and missing values as empty cells
(``null`` in JSON), so the same bytes come out on every machine. Each file is
written to a temporary file in its own folder and then renamed over the target,
so an interrupted run never leaves half a file behind.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from sqms.io.files import write_atomic

TIMESTAMP = "%Y-%m-%d %H:%M:%S"
JSON_TIMESTAMP = "%Y-%m-%dT%H:%M:%S"
DATE = "%Y-%m-%d"


def as_text(
    frame: pd.DataFrame, *, dates: tuple[str, ...] = (), stamp: str = TIMESTAMP
) -> pd.DataFrame:
    """A copy with timestamps, dates and booleans spelled as they are in the files."""
    out = frame.copy()
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.DatetimeTZDtype) or values.dtype.kind == "M":
            text = values.dt.strftime(DATE if column in dates else stamp)
            out[column] = text.astype("str")
        elif values.dtype == "bool" or values.dtype == "boolean":
            spelled = np.where(values.fillna(False).to_numpy(dtype=np.bool_), "true", "false")
            out[column] = pd.Series(spelled, index=values.index, dtype="str").where(values.notna())
    return out


def write_csv(frame: pd.DataFrame, path: Path, *, dates: tuple[str, ...] = ()) -> Path:
    """A CSV file of the frame (no index, LF line ends, empty cells for missing values)."""
    text = as_text(frame, dates=dates)
    return write_atomic(
        path, lambda target: text.to_csv(target, index=False, lineterminator="\n", encoding="utf-8")
    )


def write_jsonl(frame: pd.DataFrame, path: Path) -> Path:
    """One JSON object per line, UTF-8 characters kept as they are."""
    text = as_text(frame, stamp=JSON_TIMESTAMP)
    body = text.to_json(orient="records", lines=True, force_ascii=False)
    if body and not body.endswith("\n"):
        body += "\n"

    def write(target: Path) -> None:
        target.write_bytes(body.encode("utf-8"))

    return write_atomic(path, write)


def write_parquet(frame: pd.DataFrame, path: Path) -> Path:
    """A Parquet file of the frame with its own dtypes (no index)."""
    return write_atomic(path, lambda target: frame.to_parquet(target, index=False))
