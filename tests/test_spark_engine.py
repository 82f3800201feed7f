"""The same plans computed on Spark (local mode, through Ibis' PySpark backend).

Run by ``nox -s spark``, which installs PySpark; Spark needs Java 17 or 21
(``.ci/run`` installs Debian's). The plain test session leaves these out
(``-m "not spark"``). The results table must be equal, column for column:
Spark adds in its own order, but sums of fractions are exact on every engine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

from sqms.engine.compute import compute
from sqms.engine.sql.dialects import SPARK, for_years
from sqms.engine.sql.engine import open_engine
from sqms.engine.sql.quiet import quiet_library
from sqms.engine.sql.spark import SparkEngine, local_session
from sqms.engine.sql.zones import ALL_YEARS
from sqms.project import load_project
from sqms.schema.datasets import EngineSpec
from tests.support.projects import write_project
from tests.test_engine_differential import projects
from tests.test_engine_zones import ODD_ZONES, moments

pytestmark = [
    pytest.mark.spark,
    pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning"),
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
]
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    spark = local_session()
    yield spark
    spark.stop()


def test_the_sample_computes_on_spark_as_on_duckdb(session: Any) -> None:
    project = load_project(ROOT, "data", None)
    assert project.plan is not None and project.catalog is not None
    with open_engine(EngineSpec(name="duckdb")) as duckdb:
        expected = compute(project.plan, project.catalog, duckdb)
    engine = SparkEngine(session)
    try:
        got = compute(project.plan, project.catalog, engine)
    finally:
        engine.close()
    assert len(got) == len(expected) > 0
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=projects())
def test_generated_plans_compute_on_spark_as_with_pandas(
    session: Any, files: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    project = load_project(write_project(tmp_path_factory.mktemp("spark"), files))
    assert project.plan is not None and project.catalog is not None
    expected = compute(project.plan, project.catalog)
    engine = SparkEngine(session)
    try:
        got = compute(project.plan, project.catalog, engine)
    finally:
        engine.close()
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("zone", ODD_ZONES)
def test_spark_reads_instants_in_a_zone_with_pandas_zone_data(session: Any, zone: str) -> None:
    """Every instant from 1700 to 2200 drawn, and the seconds around each change: pandas' times."""
    instants = pd.Series(pd.to_datetime(moments(zone), unit="us", utc=True))
    expected = instants.dt.tz_convert(zone).dt.tz_localize(None)
    engine = SparkEngine(session)
    try:
        table = engine._register("instants", pd.DataFrame({"v": instants}))
        for years in (ALL_YEARS, (2025, 2027)):
            inside = instants.dt.year.between(*years) if years != ALL_YEARS else instants.notna()
            query = table.filter(table.v.year().between(*years)) if years != ALL_YEARS else table
            local = for_years(SPARK, years).local_time(zone, query.v)
            with quiet_library():
                found = engine.connection.execute(query.select(v=query.v, out=local))
            found = found.sort_values("v", kind="stable")["out"].to_numpy()
            assert len(found) == inside.sum() > 0
            assert (pd.Series(found) == pd.Series(expected[inside].to_numpy())).all(), years
    finally:
        engine.close()
