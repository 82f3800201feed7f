"""Spark computing the indicators' aggregates, through Ibis' PySpark backend.

The queries are those of the DuckDB engine (:class:`~sqms.engine.sql.engine.SqlEngine`)
in Spark's dialect (:data:`~sqms.engine.sql.dialects.SPARK`): instants read in
the plan's time zone by SQMS's arithmetic on the zone's changes, with
Python's zone data, not Java's (:mod:`sqms.engine.sql.zones`), the
session's time zone UTC; division by zero kept null (Spark's ANSI mode
would stop on it); sums of fractions made exact from whole-number partial
sums as on every engine.
The results are the pandas path's, bit for bit.

Each dataset is handed to Spark as Arrow, with its declared types (nullable
integers stay integers), and queried as a temporary view. PySpark is an
optional dependency (``pip install 'sqms[spark]'``) and needs Java 17 or 21.
"""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa

from sqms.engine.sql.dialects import SPARK
from sqms.engine.sql.engine import SqlEngine
from sqms.engine.sql.quiet import quiet_library


def local_session(cores: int = 2, memory: str = "1g") -> Any:
    """A Spark session on this machine (``local[cores]``), quiet, in UTC, without its web UI."""
    from pyspark.sql import SparkSession  # noqa: PLC0415 (optional dependency)

    session = (
        SparkSession.builder.master(f"local[{int(cores)}]")
        .appName("sqms")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(int(cores)))
        .config("spark.driver.memory", memory)
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkEngine(SqlEngine):
    """Spark, local or a cluster's session; the datasets registered once as views."""

    dialect = SPARK

    def __init__(self, session: Any) -> None:
        self.session = session
        self._views: list[str] = []
        with quiet_library():
            super().__init__(ibis.pyspark.connect(session))

    def _register(self, name: str, frame: pd.DataFrame) -> ir.Table:
        """``frame`` as a temporary view of the session, named ``name``."""
        arrow = pa.Table.from_pandas(_plain(frame), preserve_index=False)
        self.session.createDataFrame(arrow).createOrReplaceTempView(name)
        self._views.append(name)
        return self.connection.table(name)

    def close(self) -> None:
        """Drop the views this engine made; the session is the caller's."""
        for view in self._views:
            self.session.catalog.dropTempView(view)
        self._views.clear()


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories as their text: Spark has no dictionary type."""
    return frame.assign(
        **{
            name: frame[name].astype("str").where(frame[name].notna(), None)
            for name in frame.columns
            if isinstance(frame[name].dtype, pd.CategoricalDtype)
        }
    )
