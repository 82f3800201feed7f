"""``sqms evidence``: one deterministic archive of the site, manifest and checksums, never partial."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from sqms.evidence.pack import archive_time, checksums, write_pack
from tests.mini import site_files
from tests.support.edits import edit_file
from tests.support.projects import ProjectFactory

EPOCH = "1795478400"  # 24 November 2026, 00:00 UTC


def _site(root: Path) -> Path:
    site = root / "built"
    (site / "sqms").mkdir(parents=True)
    (site / "index.html").write_text("<h1>Manual</h1>\n", encoding="utf-8")
    (site / "sqms" / "manifest.json").write_text("{}\n", encoding="utf-8")
    return site


def test_pack_is_deterministic_and_sorted(tmp_path: Path) -> None:
    site = _site(tmp_path)
    first = write_pack(tmp_path / "a.zip", site, {"SHA256SUMS": "x  data/a.csv\n"}, 1795478400)
    second = write_pack(tmp_path / "b.zip", site, {"SHA256SUMS": "x  data/a.csv\n"}, 1795478400)
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        names = archive.namelist()
        assert names == ["site/index.html", "site/sqms/manifest.json", "SHA256SUMS"]
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 24, 0, 0, 0)}


def test_times_before_1980_are_clamped() -> None:
    assert archive_time(0) == (1980, 1, 1, 0, 0, 0)
    assert archive_time(None) == (1980, 1, 1, 0, 0, 0)


def test_a_failed_pack_leaves_nothing_behind(tmp_path: Path) -> None:
    site = _site(tmp_path)
    target = tmp_path / "out" / "pack.zip"
    with pytest.raises(AttributeError):
        write_pack(target, site, {"README.txt": None}, 0)  # type: ignore[dict-item]
    assert list((tmp_path / "out").iterdir()) == []


def test_checksums_use_the_sha256sum_format() -> None:
    manifest = {"inputs": [{"path": "data/a.csv", "sha256": "ab" * 32}]}
    assert checksums(manifest) == f"{'ab' * 32}  data/a.csv\n"


def _evidence(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    return subprocess.run(
        [sys.executable, "-m", "sqms", "evidence", *args],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_evidence_command_writes_a_pack_that_verifies(make_project: ProjectFactory) -> None:
    root = make_project(site_files())
    done = _evidence(root, "--period", "2026-01")
    assert done.returncode == 0, done.stderr
    pack = root / "evidence-2026-01.zip"
    with zipfile.ZipFile(pack) as archive:
        names = set(archive.namelist())
        assert {"site/index.html", "site/quality-plan.html", "manifest.json", "SHA256SUMS"} <= names
        # The pack's period has its management review in the site.
        assert "site/certification/management-review/2026-01.html" in names
        manifest = json.loads(archive.read("manifest.json"))
        sums = archive.read("SHA256SUMS").decode()
        (root / "manifest.json").write_bytes(archive.read("manifest.json"))
    tickets = hashlib.sha256((root / "data" / "tickets.csv").read_bytes()).hexdigest()
    assert f"{tickets}  data/tickets.csv\n" in sums
    assert {item["path"] for item in manifest["inputs"]} >= {"mkdocs.yml", "manual/index.md"}
    verified = subprocess.run(
        [sys.executable, "-m", "sqms", "verify", "manifest.json"],
        cwd=root, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stderr
    assert "manifest verified" in verified.stdout


def test_evidence_command_with_project_errors_writes_nothing(make_project: ProjectFactory) -> None:
    root = make_project(site_files())
    plan = root / "data" / "quality-plan.yml"
    edit_file(plan, "measure: share", "measure: shares")
    done = _evidence(root, "--period", "2026")
    assert done.returncode == 1
    assert "data/quality-plan.yml:" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(root.glob("*.zip"))


def test_evidence_rejects_a_bad_period(make_project: ProjectFactory) -> None:
    root = make_project(site_files())
    done = _evidence(root, "--period", "2026-13")
    assert done.returncode == 2
    assert 'period "2026-13" is not a year, quarter or month' in done.stderr


def test_a_failed_strict_build_writes_nothing(make_project: ProjectFactory) -> None:
    root = make_project(site_files(**{"manual/index.md": "# Home\n\nSee [gone](gone.md).\n"}))
    done = _evidence(root)
    assert done.returncode == 1
    assert "gone.md" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(root.glob("*.zip"))
    assert not list(root.glob(".*.tmp"))
