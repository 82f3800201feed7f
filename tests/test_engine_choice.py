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


def cgroups(
    root: Path, monkeypatch: pytest.MonkeyPatch, lines: str, limits: dict[str, str]
) -> None:
    """A system whose ``/proc/self/cgroup`` says ``lines``, with ``limits`` (file → text) under ``root``."""
    (root / "proc").mkdir(parents=True)
    (root / "proc" / "cgroup").write_text(lines, "ascii")
    for name, text in limits.items():
        (root / "sys" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "sys" / name).write_text(text, "ascii")
    monkeypatch.setattr(engine_choice, "PROC_CGROUP", root / "proc" / "cgroup")
    monkeypatch.setattr(engine_choice, "CGROUP_ROOT", root / "sys")


def test_the_build_memory_is_the_machines_without_a_container_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    machine = build_memory()
    assert machine > GB
    # cgroup v1 without a limit (the kernel's largest number), v2 without one ("max").
    cgroups(tmp_path, monkeypatch, "4:memory:/job\n0::/job\n", {
        "memory/memory.limit_in_bytes": "9223372036854771712\n",
        "memory/job/memory.limit_in_bytes": "9223372036854771712\n",
        "job/memory.max": "max\n",
    })  # fmt: skip
    assert build_memory() == machine
    monkeypatch.setattr(engine_choice, "PROC_CGROUP", tmp_path / "no-such-file")
    assert build_memory() == machine  # not Linux


def test_a_container_limit_on_the_cgroup_or_above_it_is_the_build_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # v2: the limit on the container's cgroup, its process in a cgroup below it.
    cgroups(tmp_path / "v2", monkeypatch, "0::/container/build\n", {
        "container/memory.max": "4294967296\n", "container/build/memory.max": "max\n",
    })  # fmt: skip
    assert build_memory() == 4 * 1024**3
    # v1, the memory controller mounted with another; hybrid: v2's line has no memory.max.
    cgroups(tmp_path / "v1", monkeypatch, "7:cpu,cpuacct:/a\n4:memory:/job/7b9a\n0::/\n", {
        "memory/job/7b9a/memory.limit_in_bytes": "2147483648\n",
        "memory/memory.limit_in_bytes": "9223372036854771712\n",
        "cpu,cpuacct/a/memory.limit_in_bytes": "1\n",  # not the memory hierarchy: not read
    })  # fmt: skip
    assert build_memory() == 2 * 1024**3
    # Garbled, empty or unreadable limits are none.
    cgroups(tmp_path / "odd", monkeypatch, "4:memory:/x\ngarbage\n", {
        "memory/x/memory.limit_in_bytes": "-1\n", "memory/memory.limit_in_bytes": "",
    })  # fmt: skip
    assert build_memory() == engine_choice._physical_memory()


def test_memory_is_assumed_where_the_system_does_not_say(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_choice, "_physical_memory", lambda: None)
    monkeypatch.setattr(engine_choice, "_cgroup_limit", lambda: None)
    assert build_memory() == ASSUMED_MEMORY


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
