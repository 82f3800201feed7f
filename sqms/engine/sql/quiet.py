"""Warnings the query libraries raise about themselves, hidden from SQMS's users.

Ibis and PySpark warn about their own use of pandas and DuckDB; no user of
SQMS can act on that, and a test run that turns warnings into errors would
see them raised inside DuckDB's C code. Every call into Ibis is made under
:func:`quiet_library`.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

LIBRARY_NOISE = (
    "The 'future.infer_string' option is deprecated",  # Ibis 12 under pandas 3
    r"fetch_arrow_table\(\) is deprecated",  # Ibis 12 under recent DuckDB
    "PySpark does not yet fully support pandas",  # PySpark 4 under pandas 3: results are tested
)
"""Warnings Ibis and PySpark raise about their own use of pandas and DuckDB, not the project."""


@contextmanager
def quiet_library() -> Iterator[None]:
    """Hide :data:`LIBRARY_NOISE`, which no user of SQMS can act on."""
    with warnings.catch_warnings():
        for message in LIBRARY_NOISE:
            warnings.filterwarnings("ignore", message=message)
        yield
