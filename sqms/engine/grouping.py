"""Groups of rows as integer codes, for measures that order or count rows within groups.

pandas' group-by suits sums. A quantile needs each group's rows in order of
value, and churn counts rows by date against every period; sorting whole
tables by their keys for that is slow. Those measures work instead on one
integer code per row, and name the groups they return as pandas' group-by
would: sorted by key, only groups that occur, rows with a missing key left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class GroupCodes:
    """For each row, its group as a number; and what each number stands for.

    A code combines the positions of the row's key values among each key's
    sorted distinct values, so codes sort as the keys do; -1 where a key is
    missing.
    """

    codes: np.ndarray[Any, np.dtype[np.int64]]
    levels: list[pd.Index]
    names: list[str]

    @property
    def count(self) -> int:
        """How many codes there can be (every combination of key values)."""
        return int(np.prod([len(level) for level in self.levels]))

    def index(self, codes: np.ndarray[Any, np.dtype[np.int64]]) -> pd.Index:
        """The group-by index naming the groups ``codes``, in that order."""
        positions = np.unravel_index(codes, [len(level) for level in self.levels])
        arrays = [level.take(p) for level, p in zip(self.levels, positions, strict=True)]
        if len(arrays) == 1:
            return arrays[0].rename(self.names[0])
        return pd.MultiIndex.from_arrays(arrays, names=self.names)


def group_codes(groups: pd.DataFrame, keys: Sequence[str]) -> GroupCodes:
    """The group of each row of ``groups`` by the columns ``keys`` (all rows one group if none)."""
    codes = np.zeros(len(groups), dtype="int64")
    missing = np.zeros(len(groups), dtype=bool)
    levels = []
    for key in keys:
        key_codes, uniques = pd.factorize(groups[key], sort=True)
        codes = codes * len(uniques) + key_codes
        missing |= key_codes < 0
        levels.append(pd.Index(uniques))
    return GroupCodes(np.where(missing, -1, codes), levels, list(keys))


def sort_codes(codes: np.ndarray[Any, np.dtype[np.int64]]) -> np.ndarray[Any, np.dtype[np.intp]]:
    """The stable order of ``codes``; in 16 bits when they fit, which numpy radix-sorts."""
    small = len(codes) > 0 and codes.min() >= 0 and codes.max() < 2**16
    return np.argsort(codes.astype("uint16") if small else codes, kind="stable")
