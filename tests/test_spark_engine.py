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
from sqms.engine.sql.engine import open_engine
from sqms.engine.sql.spark import SparkEngine, local_session
from sqms.project import load_project
from sqms.schema.datasets import EngineSpec
from tests.support.projects import write_project
from tests.test_engine_differential import projects

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
