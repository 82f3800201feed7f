"""The sample site built with the DuckDB engine is the sample site built with pandas.

Every published file is compared byte for byte with the suite's build of the
sample, the commit that provenance lines name masked (the DuckDB build needs
its own commit: ``datasets.yml`` says ``engine: {name: duckdb}``). The
manifest may differ in that commit, in the hash of ``datasets.yml`` and in
the hashes of the site's files that print the commit, and in nothing else:
every indicator's definition and values are the same.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.support.projects import commit
from tests.support.sites import SAMPLE_LANG, SAMPLE_TZ, built_site, commit_time, sample_checkout

pytestmark = pytest.mark.slow
MANIFEST = "sqms/manifest.json"


@pytest.fixture(scope="module")
def duckdb_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = sample_checkout(tmp_path_factory.mktemp("duckdb") / "project")
    epoch = commit_time(root)
    datasets = root / "data" / "datasets.yml"
    datasets.write_text(datasets.read_text(encoding="utf-8") + "engine: {name: duckdb}\n", "utf-8")
    if epoch is not None:  # judged as of the same day as the sample
        commit(root, "The indicators computed by DuckDB")
    dating = {"SOURCE_DATE_EPOCH": epoch} if epoch is not None else {}
    return built_site(root, tz=SAMPLE_TZ, lang=SAMPLE_LANG, **dating)


def published(site: Path) -> dict[str, bytes]:
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def head(site: Path) -> bytes | None:
    """The commit checked out in the project ``site`` was built from (None outside git)."""
    done = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=site.parent, capture_output=True, check=False
    )
    return done.stdout.strip() if done.returncode == 0 else None


def masked(content: bytes, commit_id: bytes | None) -> bytes:
    """``content`` with the commit (in full or as its first 7 characters) masked."""
    if commit_id is None:
        return content
    return content.replace(commit_id, b"<commit>").replace(commit_id[:7], b"<commit>")


def test_every_page_is_the_same(sample_site: Path, duckdb_site: Path) -> None:
    expected, got = published(sample_site), published(duckdb_site)
    assert sorted(got) == sorted(expected)
    ours, theirs = head(duckdb_site), head(sample_site)
    differ = [
        name
        for name in expected
        if name != MANIFEST and masked(got[name], ours) != masked(expected[name], theirs)
    ]
    assert differ == []


def test_the_manifest_differs_only_where_the_configuration_does(
    sample_site: Path, duckdb_site: Path
) -> None:
    expected = json.loads((sample_site / MANIFEST).read_text(encoding="utf-8"))
    got = json.loads((duckdb_site / MANIFEST).read_text(encoding="utf-8"))
    assert got["indicators"] == expected["indicators"]
    assert got["software"] == expected["software"]
    assert inputs_but_datasets(got) == inputs_but_datasets(expected)
    changed = {key for key in expected if got[key] != expected[key]}
    assert changed <= {"commit", "inputs", "site"}


def inputs_but_datasets(manifest: dict[str, Any]) -> list[Any]:
    return [entry for entry in manifest["inputs"] if entry["path"] != "data/datasets.yml"]
