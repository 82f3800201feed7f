"""Two builds of the same commit as of the same day give the same bytes, wherever they run.

The sample project is cloned twice, to two different folders, and each clone
is built with a different time zone and locale, with ``SOURCE_DATE_EPOCH``
set to the commit's time (as CI does for a pull request: the build is judged
as of that day). Every file of the two sites must be byte for byte the same:
no build-machine timestamp, path or ordering may leak into the evidence an
auditor is given.
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


DATING = ("SOURCE_DATE_EPOCH", "SQMS_AS_OF")
"""The variables that fix the day a build is judged as of: only those a test sets are set."""


def run_build(root: Path, tz: str, lang: str, **dating: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` into ``root/site``, dated by ``dating`` alone."""
    env = {k: v for k, v in os.environ.items() if k not in DATING}
    env.update({"TZ": tz, "LANG": lang, "LC_ALL": lang, **dating})
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"],
        cwd=root, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def _build(root: Path, tz: str, lang: str, **dating: str) -> Path:
    done = run_build(root, tz, lang, **dating)
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "site"


def _commit_time(root: Path) -> str:
    done = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def _digests(site: Path) -> dict[str, str]:
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    first_clone = _clone(tmp_path / "first")
    epoch = _commit_time(first_clone)
    assert epoch.isdigit()
    first = _build(first_clone, "Asia/Shanghai", "C.UTF-8", SOURCE_DATE_EPOCH=epoch)
    second_clone = _clone(tmp_path / "elsewhere" / "second")
    second = _build(second_clone, "America/New_York", "C", SOURCE_DATE_EPOCH=epoch)
    one, two = _digests(first), _digests(second)
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []
    assert "sqms/manifest.json" in one and "sitemap.xml.gz" in one
