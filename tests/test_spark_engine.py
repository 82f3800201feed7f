"""The same plans computed on Spark (local mode, through Ibis' PySpark backend).

Run by ``nox -s spark``, which installs PySpark; Spark needs Java 17 or 21
(``.ci/run`` installs Debian's). The plain test session leaves these out
(``-m "not spark"``). Spark adds a group's fractions in its own order and has
no compensated sum, so sums and means of fractions are compared to 1e-12
relative; every other value, n, numerator and denominator, and every other
column of the results table, must be equal.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings

pytest.importorskip("pyspark")

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
FRACTIONS = frozenset({"sum", "mean"})


@pytest.fixture(scope="module")
def session() -> Iterator[Any]:
    spark = local_session()
    yield spark
    spark.stop()


def same_results(got: pd.DataFrame, expected: pd.DataFrame, loose: set[str]) -> None:
    """Equal, but values and numerators of the ``loose`` indicators equal to 1e-12 relative."""
    summed = ["value", "numerator"]
    others = [column for column in expected.columns if column not in summed]
    pd.testing.assert_frame_equal(got[others], expected[others], check_exact=True)
    near = expected["indicator"].isin(loose)
    pd.testing.assert_frame_equal(
        got.loc[~near, summed], expected.loc[~near, summed], check_exact=True
    )
    for column in summed:
        np.testing.assert_allclose(
            got.loc[near, column].to_numpy(), expected.loc[near, column].to_numpy(),
            rtol=1e-12, equal_nan=True, err_msg=column,
        )  # fmt: skip


def fraction_indicators(project: Any) -> set[str]:
    """Indicators that add fractions, and composites made of them."""
    indicators = project.plan.spec.indicators
    found = {
        ind_id
        for ind_id, spec in indicators.items()
        if spec.measure in FRACTIONS
        or (spec.measure == "ratio" and "sum" in (spec.numerator.measure, spec.denominator.measure))
    }
    return found | {
        ind_id
        for ind_id, spec in indicators.items()
        if spec.measure == "composite"
        and any(part.indicator in found for part in spec.components or [])
    }


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
    same_results(got, expected, fraction_indicators(project))


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
    same_results(got, expected, fraction_indicators(project))
