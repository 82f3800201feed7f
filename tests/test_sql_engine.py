"""The DuckDB engine: chosen in datasets.yml, equal to pandas exactly, tidy after itself."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sqms.engine.compute import compute
from sqms.engine.sql.engine import SqlEngine, open_engine
from sqms.engine.sql.quiet import LIBRARY_NOISE
from sqms.project import compute_results, load_project
from sqms.schema.datasets import EngineSpec
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, line_of

ROOT = Path(__file__).resolve().parents[1]


def test_the_sample_computes_the_same_on_duckdb() -> None:
    project = load_project(ROOT, "data", None)
    assert project.plan is not None and project.catalog is not None
    expected = compute(project.plan, project.catalog)
    with open_engine(EngineSpec(name="duckdb")) as engine:
        got = compute(project.plan, project.catalog, engine)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_datasets_yml_chooses_the_engine(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    aggregate, side, churn = SqlEngine.aggregate, SqlEngine.side, SqlEngine.churn

    def counted_aggregate(self: SqlEngine, indicator, plan, catalog):  # type: ignore[no-untyped-def]
        found = aggregate(self, indicator, plan, catalog)
        asked.append(indicator.spec.measure if found is not None else "pandas")
        return found

    def counted_side(self: SqlEngine, *args):  # type: ignore[no-untyped-def]
        asked.append("side")
        return side(self, *args)

    def counted_churn(self: SqlEngine, *args):  # type: ignore[no-untyped-def]
        asked.append("churn")
        return churn(self, *args)

    monkeypatch.setattr(SqlEngine, "churn", counted_churn)
    monkeypatch.setattr(SqlEngine, "aggregate", counted_aggregate)
    monkeypatch.setattr(SqlEngine, "side", counted_side)
    files = mini.files()
    compute_results(load_project(make_project(files)))
    assert asked == []  # pandas unless datasets.yml says otherwise
    files["data/datasets.yml"] += "engine: {name: duckdb, memory_limit: 256MiB}\n"
    compute_results(load_project(make_project(files)))
    # every data-based indicator; a ratio's two sides, for the total and by channel
    assert asked == [
        "count", "share", "sum", "mean", "median", "quantile", "nps", *["side"] * 4, "churn",
    ]  # fmt: skip


def test_the_engine_spills_outside_the_project_and_leaves_nothing(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    files = mini.files()
    files["data/datasets.yml"] += "engine: {name: duckdb}\n"
    root = make_project(files)
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    with open_engine(EngineSpec(name="duckdb")) as engine:
        spill = engine._spill.path
        assert spill.is_dir() and root not in spill.parents
        compute_results(load_project(root))
    assert not spill.exists()
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


@pytest.mark.parametrize(
    ("engine", "message"),
    [
        ("{name: spark}", 'engine.name: "spark" is not one of auto, pandas, duckdb'),
        ("{name: duckdb, memory_limit: lots}", "engine.memory_limit: expected a number and a unit"),
        ('{name: duckdb, memory_limit: "4GB\'; SET x=1; --"}', "expected a number and a unit"),
        ("{name: duckdb, threads: 8}", 'unknown key "threads"'),
        ("duckdb", 'engine: expected a mapping, got "duckdb"'),
    ],
)
def test_a_wrong_engine_is_a_located_error(
    engine: str, message: str, make_project: ProjectFactory
) -> None:
    files = mini.files()
    files["data/datasets.yml"] = edited(
        mini.DATASETS, "timezone: Asia/Shanghai\n", f"timezone: Asia/Shanghai\nengine: {engine}\n"
    )
    project = load_project(make_project(files))
    found = [d.format() for d in project.report.errors]
    assert len(found) == 1, found
    assert found[0].startswith(
        f"data/datasets.yml:{line_of(files['data/datasets.yml'], 'engine:')}: "
    )
    assert message in found[0]


def test_library_warnings_do_not_reach_the_user(make_project: ProjectFactory) -> None:
    # pytest turns every warning into an error (pyproject.toml): this fails if any escapes.
    files = mini.files()
    files["data/datasets.yml"] += "engine: {name: duckdb}\n"
    assert len(compute_results(load_project(make_project(files)))) > 0
    assert LIBRARY_NOISE  # the filters are in place, not just absent warnings
