"""Files are read only inside the project: the one test every path must pass.

A pull request controls the paths in ``datasets.yml`` and the files under
``manual/`` and ``data/``, symbolic links included. The CI runner that builds
it holds secrets (deploy keys, tokens in the environment, the runner's own
files), so a path that leads out of the folder it was declared in — by
``..``, by being absolute, or through a symbolic link anywhere along the
way — must never be opened, and its content never echoed in a message.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath


def is_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, with every symbolic link resolved, lies inside ``folder``.

    Both are resolved, so a link inside ``folder`` that points elsewhere is
    outside, and ``folder`` itself may be reached through a link (a checkout in
    a linked workspace).
    """
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return False
    return True


def is_relative_name(name: str) -> bool:
    """Whether ``name`` is a relative path in both POSIX and Windows spelling.

    ``/etc/passwd``, ``C:\\secrets`` and ``\\\\server\\share`` are refused as
    they are written, before anything is resolved: a declaration names files
    relative to its own folder.
    """
    if not name or "\x00" in name:
        return False
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    return not (posix.is_absolute() or windows.is_absolute() or windows.drive or windows.root)


def confined(name: str, folder: Path) -> Path | None:
    """``folder / name`` when it is a relative name that resolves inside ``folder``, else None."""
    if not is_relative_name(name):
        return None
    path = folder / name
    return path if is_inside(path, folder) else None


def escaping_links(folder: Path) -> list[Path]:
    """Every symbolic link under ``folder`` that leads outside it (or nowhere, or in a loop).

    Links that stay inside are fine: what they point at is checked where it
    lives. Links are not followed while looking, so a loop cannot hang.
    """
    found = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(parent) / name
            if path.is_symlink() and not (path.exists() and is_inside(path, folder)):
                found.append(path)
    return sorted(found)
