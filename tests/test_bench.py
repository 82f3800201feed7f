"""The benchmark runs end to end on a tiny sample and reports what it promises.

Timings are not asserted: only that every measurement is there, adds up, and
that the sample data is reused between runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench import MARKER, REPORT, main, prepare

ROOT = Path(__file__).resolve().parents[1]
TICKETS = 3_000


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """One run of the whole benchmark (both formats, one repeat, with the profile)."""
    out = tmp_path_factory.mktemp("bench")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONWARNINGS", "error")  # the measurements run in child processes
        args = ["--tickets", str(TICKETS), "--out", str(out), "--project", str(ROOT)]
        assert main([*args, "--repeat", "1", "--profile"]) == 0
    return out, json.loads((out / REPORT).read_text(encoding="utf-8"))


def test_report_has_every_measurement(bench: tuple[Path, dict[str, Any]]) -> None:
    _, report = bench
    assert report["tickets"] == TICKETS
    assert report["repeat"] == 1
    assert {"cpus", "python", "pandas", "numpy", "pyarrow", "machine"} <= set(report["machine"])
    assert set(report["variants"]) == {"csv", "parquet"}
    for fmt, variant in report["variants"].items():
        files = variant["read"]["files"]
        assert f"tickets.{fmt}" in files
        assert files[f"tickets.{fmt}"]["rows"] == TICKETS
        assert {"surveys.jsonl", "customers.csv", "registers/complaints.csv"} <= set(files)
        for step in ("read", "load", "compute", "total"):
            assert variant[step]["min"] <= variant[step]["median"]
        assert variant["total"]["rss_mb"]["median"] > 0
        assert variant["results"] > 0
        assert isinstance(variant["target_met"], bool)
        assert variant["overhead_ratio"] == pytest.approx(
            (variant["total"]["median"] - variant["read"]["median"]) / variant["read"]["median"]
        )
        # The stricter baseline, pandas' fastest readers, reads the same files.
        fast = variant["fast_read"]
        assert set(fast["files"]) == set(files)
        assert variant["fast_overhead_ratio"] == pytest.approx(
            (variant["total"]["median"] - fast["median"]) / fast["median"]
        )
        assert "compute_results" in variant["profile"]


def test_breakdown_accounts_for_the_whole_run(bench: tuple[Path, dict[str, Any]]) -> None:
    _, report = bench
    for variant in report["variants"].values():
        breakdown = variant["breakdown"]
        phases = {row["phase"] for row in breakdown}
        assert {"read", "coerce", "check", "derive", "indicator", "load", "compute"} <= phases
        indicators = {row["what"] for row in breakdown if row["phase"] == "indicator"}
        assert {"sla_attainment", "pain_index", "complaint_rate", "churn"} <= indicators
        total = sum(row["seconds"] for row in breakdown)
        assert total == pytest.approx(variant["total"]["median"], rel=1e-6)


def test_sample_is_reused_unless_fresh(bench: tuple[Path, dict[str, Any]]) -> None:
    out, _ = bench
    tickets = out / "parquet" / "data" / "tickets.parquet"
    stamp = tickets.stat().st_mtime_ns
    assert (out / "parquet" / MARKER).read_text(encoding="utf-8").strip() == str(TICKETS)
    root = prepare(out, "parquet", TICKETS, ROOT)
    assert tickets.stat().st_mtime_ns == stamp
    assert "tickets.parquet" in (root / "data" / "datasets.yml").read_text(encoding="utf-8")
    prepare(out, "parquet", TICKETS, ROOT, fresh=True)
    assert tickets.stat().st_mtime_ns != stamp
