"""Running git: one place for how SQMS calls it (history, build dates, ``sqms diff``)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def git_available() -> bool:
    """Whether a ``git`` command is on the path."""
    return shutil.which("git") is not None


def run_git(
    cwd: Path,
    *args: str,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    timeout: float = 60,
) -> bytes | None:
    """Run git in ``cwd``; its standard output, or None when git is missing or fails."""
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
            [git, *args], cwd=cwd, env=env, input=stdin, capture_output=True,
            check=False, timeout=timeout,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None
