"""DuckDB's temporary folders: removed at the end of a build, and after a killed one.

A build killed with SIGKILL runs no clean-up of its own; its folder (tens of
gigabytes for a hundred million tickets) must be removed by the next build,
and no folder of a build still running, of another user's, or not SQMS's
own, ever is.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from sqms.engine.sql.spill import LOCK, PREFIX, SpillFolder, remove_abandoned

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="flock is POSIX")

HOLDER = """
import sys, time
from pathlib import Path
from sqms.engine.sql.spill import SpillFolder
folder = SpillFolder(Path(sys.argv[1]))
(folder.path / "spilled.tmp").write_bytes(b"x" * 1024)
print(folder.path, flush=True)
time.sleep(120)
"""
ENGINE = """
import time
from sqms.engine.sql.engine import DuckDBEngine
engine = DuckDBEngine("64MB")
engine.connection.raw_sql("CREATE TABLE t AS SELECT range AS x FROM range(10)")
print(engine._spill.path, flush=True)
time.sleep(120)
"""


def _start(
    code: str, *args: str, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[str], Path]:
    """A Python process running ``code``, and the folder it printed once it holds it."""
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    return process, Path(process.stdout.readline().strip())


def _kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.stdout is not None
    process.stdout.close()


def test_a_folder_is_removed_with_everything_in_it(tmp_path: Path) -> None:
    folder = SpillFolder(tmp_path)
    (folder.path / "spilled.tmp").write_bytes(b"x")
    assert folder.path.name.startswith(PREFIX)
    assert (folder.path / LOCK).is_file()
    folder.remove()
    assert not folder.path.exists()
    folder.remove()  # a second time does nothing


def test_a_killed_builds_folder_is_removed_by_the_next(tmp_path: Path) -> None:
    process, left = _start(HOLDER, str(tmp_path))
    assert (left / "spilled.tmp").is_file()
    _kill(process)
    assert left.is_dir()  # nothing of the killed build removed it
    folder = SpillFolder(tmp_path)
    assert not left.exists()
    assert folder.path.is_dir()
    folder.remove()


def test_a_running_builds_folder_is_left_alone(tmp_path: Path) -> None:
    process, held = _start(HOLDER, str(tmp_path))
    try:
        assert remove_abandoned(tmp_path) == []
        SpillFolder(tmp_path).remove()
        assert (held / "spilled.tmp").is_file()
    finally:
        _kill(process)
    assert remove_abandoned(tmp_path) == [held]
    assert list(tmp_path.iterdir()) == []


def test_folders_that_are_not_a_builds_are_left_alone(tmp_path: Path) -> None:
    unlocked = (
        tmp_path / f"{PREFIX}older-release"
    )  # no lock file: an older release's, or being made
    unlocked.mkdir()
    (unlocked / "spilled.tmp").write_bytes(b"x")
    other = tmp_path / "sqms-evidence-1"  # not named as DuckDB's
    other.mkdir()
    (other / LOCK).write_bytes(b"")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / LOCK).write_bytes(b"")
    (elsewhere / "precious").write_bytes(b"x")
    (tmp_path / f"{PREFIX}link").symlink_to(elsewhere)  # a link: never followed
    (tmp_path / f"{PREFIX}file").write_bytes(b"x")
    assert remove_abandoned(tmp_path) == []
    assert (unlocked / "spilled.tmp").is_file()
    assert (other / LOCK).is_file()
    assert (elsewhere / "precious").is_file()
    assert (tmp_path / f"{PREFIX}file").is_file()


@pytest.mark.skipif(os.getuid() != 0, reason="needs root to make another user's folder")
def test_another_users_folder_is_left_alone(tmp_path: Path) -> None:
    theirs = tmp_path / f"{PREFIX}theirs"
    theirs.mkdir()
    (theirs / LOCK).write_bytes(b"")
    os.chown(theirs, 12345, 12345)
    assert remove_abandoned(tmp_path) == []
    assert theirs.is_dir()


def test_the_engine_removes_a_killed_engines_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqms.engine.sql.engine import DuckDBEngine

    env = {**os.environ, "TMPDIR": str(tmp_path)}
    process, left = _start(ENGINE, env=env)
    assert left.parent == tmp_path
    _kill(process)
    assert left.is_dir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    engine = DuckDBEngine("64MB")
    try:
        assert not left.exists()
    finally:
        engine.close()
    assert list(tmp_path.iterdir()) == []
