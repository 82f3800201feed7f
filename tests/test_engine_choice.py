"""``engine: auto``, the default: DuckDB where the data would not fit in pandas, else pandas.

The choice is made from the sizes of the declared files DuckDB would read
itself and the memory the build may use. It changes how the numbers are
computed, never the numbers: a project computed on the engine ``auto``
chose gives the results of the other, column for column.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sqms.engine import engine_choice
from sqms.engine.engine_choice import (
    ASSUMED_MEMORY,
    PANDAS_BYTES_PER_FILE_BYTE,
    EngineChoice,
    build_memory,
    choose_engine,
    file_sizes,
)
from sqms.project import Project
from tests.support.projects import output_of, run_check
from tests.test_engine_files import copy_sample, on_engine, results
from tests.test_table_datasets import loaded

GB = 10**9


@pytest.mark.parametrize("named", ["pandas", "duckdb"])
def test_a_named_engine_is_used_whatever_the_data(named: str) -> None:
    huge = [("csv", 1000 * GB), ("parquet", 1000 * GB)]
    assert choose_engine(named, huge, memory=GB) == EngineChoice(named)  # type: ignore[arg-type]
    assert choose_engine(named, [], memory=1000 * GB) == EngineChoice(named)  # type: ignore[arg-type]
    assert not EngineChoice(named).chosen  # type: ignore[arg-type]


def test_auto_chooses_duckdb_once_pandas_would_need_more_than_half_the_memory() -> None:
    # 1 GB of CSV → 3.5 GB in pandas; 0.25 GB of Parquet → 3 GB: 6.5 GB in all.
    files = [("csv", GB), ("parquet", GB // 4), ("jsonl", 0)]
    assert choose_engine("auto", files, memory=13 * GB) == EngineChoice("pandas", 6.5 * GB, 13 * GB)
    assert choose_engine("auto", files, memory=13 * GB - 1).name == "duckdb"
    chosen = choose_engine("auto", files, memory=8 * GB)
    assert chosen == EngineChoice("duckdb", needed=6_500_000_000, memory=8 * GB)
    assert chosen.chosen


def test_files_pandas_reads_on_either_engine_weigh_nothing() -> None:
    # An Excel file is read whole by pandas whichever engine computes.
    assert choose_engine("auto", [("xlsx", 100 * GB)], memory=GB).name == "pandas"
    assert set(PANDAS_BYTES_PER_FILE_BYTE) == {"csv", "jsonl", "parquet"}


def test_a_missing_file_counts_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(b"x" * 1234)
    found = file_sizes([("csv", tmp_path / "a.csv"), ("csv", tmp_path / "gone.csv")])
    assert found == [("csv", 1234)]


def test_the_build_memory_is_the_machines_or_a_containers_limit_if_lower(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unlimited, limited, garbled = (tmp_path / n for n in ("max", "limit", "garbled"))
    unlimited.write_text("max\n", "ascii")
    limited.write_text("1073741824\n", "ascii")
    garbled.write_bytes(b"\xff\xfe")
    monkeypatch.setattr(engine_choice, "CGROUP_LIMITS", (unlimited, tmp_path / "none", garbled))
    machine = build_memory()
    assert machine > GB  # the machine's own
    monkeypatch.setattr(engine_choice, "CGROUP_LIMITS", (unlimited, limited))
    assert build_memory() == 1073741824
    monkeypatch.setattr(engine_choice, "CGROUP_LIMITS", ())
    monkeypatch.setattr(engine_choice, "_physical_memory", lambda: None)
    assert build_memory() == ASSUMED_MEMORY  # a system that does not say


def test_the_sample_is_computed_by_pandas_by_default(tmp_path: Path) -> None:
    project = loaded(copy_sample(tmp_path, row_readers=False))
    assert project.catalog is not None
    chosen = project.catalog.chosen
    assert chosen is not None and chosen.chosen and chosen.name == "pandas"
    assert project.catalog.engine == "pandas"
    # tickets, customers, QA reviews and complaints as CSV, surveys as JSON Lines:
    # three and a half bytes each.
    data = tmp_path / "data"
    expected = sum(p.stat().st_size for p in [*data.rglob("*.csv"), *data.glob("*.jsonl")])
    assert chosen.needed == round(3.5 * expected)
    assert on_engine(project) == set()


def small_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with less memory than the sample's files would need in pandas."""
    monkeypatch.setattr(engine_choice, "build_memory", lambda: 1_000_000)


def test_data_too_large_for_memory_is_computed_by_duckdb_to_the_same_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    on_pandas = results(loaded(copy_sample(tmp_path / "pandas", row_readers=False)))
    small_machine(monkeypatch)
    project: Project = loaded(copy_sample(tmp_path / "auto", row_readers=False))
    assert project.catalog is not None and project.catalog.engine == "duckdb"
    assert on_engine(project) == {"tickets", "customers", "qa_reviews", "surveys"}
    pd.testing.assert_frame_equal(results(project), on_pandas, check_exact=True)


def test_a_named_pandas_engine_is_kept_on_a_small_machine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_sample(tmp_path, row_readers=False)
    declared = root / "data" / "datasets.yml"
    declared.write_text("engine: {name: pandas}\n" + declared.read_text("utf-8"), "utf-8")
    small_machine(monkeypatch)
    project = loaded(root)
    assert project.catalog is not None and project.catalog.engine == "pandas"
    assert project.catalog.chosen == EngineChoice("pandas")


def test_the_progress_line_says_which_engine_computed_and_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_sample(tmp_path, row_readers=True)
    said = output_of(run_check(root, "--progress"))
    assert "indicators with pandas (engine: auto; pandas would need about " in said
    small_machine(monkeypatch)
    result = run_check(root, "--progress")
    assert result.exit_code == 0, output_of(result)
    assert "indicators with DuckDB (engine: auto; pandas would need about " in output_of(result)
    assert " MB of 1 MB of memory)" in output_of(result)
