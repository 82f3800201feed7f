"""The sample's indicators computed with DuckDB equal those computed with pandas, exactly."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("ibis")
pytest.importorskip("duckdb")

from sqms.engine.compute import compute
from sqms.engine.sql.engine import DuckDBEngine
from sqms.project import load_project

pytestmark = [  # Ibis 12 with pandas 3 and duckdb 2
    pytest.mark.filterwarnings("ignore:The 'future.infer_string' option is deprecated"),
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated"),
]
ROOT = Path(__file__).resolve().parents[1]


def test_the_sample_computes_the_same_on_duckdb() -> None:
    project = load_project(ROOT, "data", None)
    assert project.plan is not None and project.catalog is not None
    expected = compute(project.plan, project.catalog)
    got = compute(project.plan, project.catalog, DuckDBEngine())
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
