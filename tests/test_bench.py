"""The benchmark runs end to end at the sample's size and reports what it promises.

Timings are not asserted: only that every measurement is there, that the
ratios are computed from them as the targets say, that the largest page is
found, and that the generated data is reused between runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.bench import (
    MARKER,
    REPORT,
    TARGETS,
    largest_pages,
    main,
    prepare,
    ratios,
    sample_tickets,
    summarise,
)

ROOT = Path(__file__).resolve().parents[1]
TICKETS = 30_000
"""The sample's own size: its registers name complaints that exist at this size."""


def test_fewer_tickets_than_the_sample_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Below the sample's size its registers would name complaints that do not exist."""
    assert sample_tickets(ROOT) == TICKETS
    with pytest.raises(SystemExit) as exit_info:
        main(["--tickets", "20000", "--out", str(tmp_path), "--project", str(ROOT)])
    assert exit_info.value.code == 2
    message = capsys.readouterr().err
    assert "--tickets 20,000 is fewer than the sample's own 30,000 tickets" in message
    assert "Traceback" not in message
    assert not any(tmp_path.iterdir())  # nothing generated


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """One round of every measurement on the CSV variant."""
    out = tmp_path_factory.mktemp("bench")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PYTHONWARNINGS", "error")  # the measurements run in child processes
        patch.setenv("SQMS_AS_OF", "2026-12-01")
        args = ["--tickets", str(TICKETS), "--out", str(out), "--project", str(ROOT)]
        assert main([*args, "--repeat", "1"]) == 0
    return out, json.loads((out / REPORT).read_text(encoding="utf-8"))


def test_report_has_every_step(bench: tuple[Path, dict[str, Any]]) -> None:
    _, report = bench
    assert report["tickets"] == TICKETS
    assert {"cpus", "python", "pandas", "pyarrow", "mkdocs", "mkdocs-material"} <= set(
        report["machine"]
    )
    assert set(report["variants"]) == {"csv"}
    variant = report["variants"]["csv"]
    steps = variant["steps"]
    assert set(steps) == {
        "read", "sqms", "compute", "duckdb", "duckdb_compute", "tables", "tables_load",
        "tables_compute", "postgres", "postgres_load", "postgres_compute", "engine",
        "engine_load", "engine_compute", "scan", "bare", "build", "first", "unchanged", "prose",
    }  # fmt: skip
    for step in steps.values():
        assert 0 < step["wall"]["min"] <= step["wall"]["median"]
        assert step["cpu"]["median"] > 0
        assert step["rss_mb"] > 0
    assert variant["files"]["tickets.csv"]["rows"] == TICKETS
    assert {"surveys.jsonl", "customers.csv", "registers/complaints.csv"} <= set(variant["files"])
    assert variant["results"] > 0
    assert variant["duckdb"] == {"results": variant["results"], "memory_limit": "4GiB"}
    # Without what reads rows one by one (no indicator does): the same results, within the limit.
    assert variant["engine"]["results"] == variant["results"]
    assert variant["engine"]["memory_limit"] == "4GiB"
    assert variant["scan"] == {"rows": TICKETS}
    # The tables' project leaves out what reads rows one by one; PostgreSQL computes it all.
    assert 0 < variant["tables"]["results"] == variant["postgres"]["results"]
    indicators = {row["what"] for row in variant["breakdown"] if row["phase"] == "indicator"}
    assert {"sla_attainment", "pain_index", "complaint_rate", "churn"} <= indicators


def test_ratios_follow_the_targets(bench: tuple[Path, dict[str, Any]]) -> None:
    _, report = bench
    variant = report["variants"]["csv"]
    wall = {step: s["wall"]["median"] for step, s in variant["steps"].items()}
    assert variant["ratios"]["build"] == pytest.approx(
        wall["build"] / (wall["bare"] + wall["read"])
    )
    assert variant["ratios"]["compute"] == pytest.approx(
        (wall["sqms"] - wall["read"]) / wall["read"]
    )
    assert variant["ratios"]["unchanged"] == pytest.approx(wall["unchanged"] / wall["bare"])
    assert variant["ratios"]["prose"] == pytest.approx(wall["prose"] / wall["bare"])
    for name, (_, limit) in TARGETS.items():
        assert variant["verdicts"][name] == (variant["ratios"][name] <= limit)


def test_largest_page_is_reported(bench: tuple[Path, dict[str, Any]]) -> None:
    out, report = bench
    variant = report["variants"]["csv"]
    site = out / "csv" / "site"
    sizes = sorted((p.stat().st_size for p in site.rglob("*.html")), reverse=True)
    assert variant["largest"][0]["kb"] == pytest.approx(sizes[0] / 1024)
    assert variant["search_index_kb"] > 0
    assert variant["verdicts"]["pages"] == (sizes[0] / 1024 <= 500)


def test_prose_edit_is_undone(bench: tuple[Path, dict[str, Any]]) -> None:
    out, _ = bench
    page = "manual/quality-manual.md"
    assert (out / "csv" / page).read_bytes() == (ROOT / page).read_bytes()


def test_bare_build_has_no_sqms_plugin(bench: tuple[Path, dict[str, Any]]) -> None:
    out, _ = bench
    bare = (out / "csv" / "mkdocs-bare.yml").read_text(encoding="utf-8")
    assert "sqms" not in bare.split("plugins:", 1)[1].split("\n", 3)[:3]
    assert not (out / "csv" / "site-bare" / "dashboard.html").exists()
    assert (out / "csv" / "site" / "dashboard.html").is_file()


def test_sample_is_reused_unless_fresh(bench: tuple[Path, dict[str, Any]]) -> None:
    out, _ = bench
    tickets = out / "csv" / "data" / "tickets.csv"
    stamp = tickets.stat().st_mtime_ns
    assert (out / "csv" / MARKER).read_text(encoding="utf-8").strip() == str(TICKETS)
    prepare(out, "csv", TICKETS, ROOT)
    assert tickets.stat().st_mtime_ns == stamp
    prepare(out, "csv", TICKETS, ROOT, fresh=True)
    assert tickets.stat().st_mtime_ns != stamp


def test_ratio_is_none_when_not_measured() -> None:
    assert ratios({"read": 2.0, "sqms": 3.0}) == {
        "build": None,
        "compute": 0.5,
        "unchanged": None,
        "prose": None,
    }


def test_summary_judges_each_target() -> None:
    def run(seconds: float, **extra: Any) -> dict[str, Any]:
        return {"seconds": seconds, "seconds_cpu": seconds, "rss_mb": 10.0, **extra}

    runs = {
        "read": [run(1.0, files={}, rows={})],
        "bare": [run(2.0)],
        "build": [run(4.0, largest=[{"page": "a.html", "kb": 600.0}], search_index_kb=1.0)],
        "serve": [run(4.0, first=4.0, first_cpu=4.0, unchanged=2.2, unchanged_cpu=2.2,
                      prose=3.2, prose_cpu=3.2)],
    }  # fmt: skip
    variant = summarise(runs)
    assert variant["ratios"]["build"] == pytest.approx(4 / 3)
    assert variant["ratios_cpu"]["prose"] == pytest.approx(1.6)
    assert variant["verdicts"] == {
        "build": True,  # 1.33 ≤ 1.5
        "compute": None,  # not measured
        "unchanged": True,  # 1.1 ≤ 1.2
        "prose": False,  # 1.6 > 1.5
        "pages": False,  # 600 KB > 500 KB
    }


def test_largest_pages_sorted(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("x" * 2048, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("x" * 4096, encoding="utf-8")
    (tmp_path / "c.json").write_text("x" * 9000, encoding="utf-8")
    assert largest_pages(tmp_path) == [
        {"page": "sub/b.html", "kb": 4.0},
        {"page": "a.html", "kb": 2.0},
    ]
