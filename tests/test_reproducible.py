"""Two builds of the same commit give the same bytes, wherever and whenever they run.

The sample project is cloned twice, to two different folders, and each clone
is built with a different time zone and locale and without
``SOURCE_DATE_EPOCH`` (the plugin dates the build by its commit). Every file
of the two sites must be byte for byte the same: no build-machine timestamp,
path or ordering may leak into the evidence an auditor is given.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def _clone(target: Path) -> Path:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        if os.environ.get("CI"):
            pytest.fail("the reproducibility test needs git and a git checkout")
        pytest.skip("not a git checkout")
    subprocess.run([git, "clone", "-q", "--no-hardlinks", str(ROOT), str(target)], check=True)
    return target


def _build(root: Path, tz: str, lang: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update({"TZ": tz, "LANG": lang, "LC_ALL": lang})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "site"


def _digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    first = _build(_clone(tmp_path / "first"), "Asia/Shanghai", "C.UTF-8")
    second = _build(_clone(tmp_path / "elsewhere" / "second"), "America/New_York", "C")
    one, two = _digests(first), _digests(second)
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []
    assert "sqms/manifest.json" in one and "sitemap.xml.gz" in one
