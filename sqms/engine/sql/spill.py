"""DuckDB's private temporary folders, and those a killed build left behind.

DuckDB writes what does not fit in ``memory_limit`` to a temporary folder,
and the files DuckDB reads keep their typed rows in a database file there:
for a hundred million tickets, tens of gigabytes. A build removes its folder
when it ends, however it ends — unless its process is killed (an
out-of-memory killer, a CI job's timeout, ``kill -9``), when nothing of it
runs again. Each of those would leave its gigabytes behind, until the disk
is full.

So each folder holds a lock file that its build keeps locked (``flock``) for
as long as it runs. The operating system releases a lock when its process
ends, killed or not: a folder whose lock can be taken belongs to no running
build, and the next build to open a DuckDB removes it. A lock, unlike a
process number, cannot be mistaken for another process's after a restart,
and works between containers that share the temporary folder.

Only folders of this user, named as SQMS names them, that are not symbolic
links and hold a lock file are ever removed. A folder without one is being
made (its lock is taken before the file is given its name) or was left by
an older release: it is left alone.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Final

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock, nothing is removed
    fcntl = None  # type: ignore[assignment]

PREFIX: Final = "sqms-duckdb-"
LOCK: Final = "build.lock"


class SpillFolder:
    """A private temporary folder, locked while this process holds it."""

    def __init__(self, root: Path | None = None) -> None:
        parent = Path(root) if root is not None else Path(tempfile.gettempdir())
        remove_abandoned(parent)
        self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
        self._lock = _hold(self.path)
        self._finalizer = weakref.finalize(self, _remove, self.path, self._lock)

    def remove(self) -> None:
        """Remove the folder with all DuckDB wrote in it, then release its lock (once)."""
        self._finalizer()


def remove_abandoned(parent: Path) -> list[Path]:
    """Remove the folders in ``parent`` whose build is no longer running; return them."""
    removed: list[Path] = []
    if fcntl is None:  # no lock to tell a running build from a killed one
        return removed
    for folder in _ours(parent):
        if _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _ours(parent: Path) -> Iterator[Path]:
    """The folders named as SQMS names its own, of this user, not symbolic links."""
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        if not entry.name.startswith(PREFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            yield Path(entry.path)


def _abandoned(folder: Path) -> bool:
    """Whether ``folder``'s lock file exists and no process holds its lock."""
    assert fcntl is not None
    try:
        descriptor = os.open(folder / LOCK, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:  # no lock file: being made, or an older release's
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # held: its build is running
        return False
    finally:
        os.close(descriptor)
    return True


def _hold(folder: Path) -> int | None:
    """Lock a new lock file in ``folder``, then give it its name: never seen unlocked."""
    if fcntl is None:
        return None
    making = folder / f"{LOCK}.new"
    descriptor = os.open(making, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    making.replace(folder / LOCK)
    return descriptor


def _remove(folder: Path, lock: int | None) -> None:
    """Remove ``folder``, then release its lock (no other build may take it before)."""
    shutil.rmtree(folder, ignore_errors=True)
    if lock is not None:
        os.close(lock)
