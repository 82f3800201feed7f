"""The project as it was at another git revision, written into a temporary folder.

``sqms diff BASE`` compares the project in the working folder with the same
project at ``BASE``. The files of ``BASE`` are written with a temporary index
(``git read-tree`` then ``git checkout-index``): this reads the repository
without changing it — no worktree is registered, no branch is moved, no hook
runs — and it applies the repository's own checkout filters (line endings,
large-file storage), so the files are those a checkout of ``BASE`` would give.
The project may be a subfolder of the repository: only that folder is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqms.i18n import t
from sqms.io.git import git_available, run_git

TIMEOUT = 600


class RevisionError(Exception):
    """The revision cannot be read: not a git repository, unknown revision, git missing."""


@dataclass(frozen=True)
class Revision:
    """A revision resolved to its commit, and the project folder inside the repository."""

    name: str
    commit: str
    epoch: int | None
    """The commit's time in seconds, so the old project is judged as of its own date."""
    top: Path
    prefix: str
    """The project folder relative to the repository's top, ``""`` or ending in ``/``."""

    @property
    def short(self) -> str:
        """The abbreviated commit, as people quote it."""
        return self.commit[:10]


def _git(
    cwd: Path, *args: str, env: dict[str, str] | None = None, stdin: bytes | None = None
) -> bytes | None:
    """Run git in ``cwd``: its output, None when it fails; RevisionError without git."""
    if not git_available():
        raise RevisionError(t("diff.no_git"))
    return run_git(cwd, *args, env=env, stdin=stdin, timeout=TIMEOUT)


def resolve(project_dir: Path, name: str) -> Revision:
    """The commit ``name`` designates, seen from the project folder; RevisionError if none."""
    folder = Path(project_dir).resolve()
    top = _git(folder, "rev-parse", "--show-toplevel") if folder.is_dir() else None
    if top is None:
        raise RevisionError(t("diff.not_a_repository", path=project_dir.as_posix()))
    prefix = (_git(folder, "rev-parse", "--show-prefix") or b"").decode().strip()
    # A name starting with "-" would be read as an option: it names no revision.
    found = None if name.startswith("-") else _git(folder, "rev-parse", "--verify", "--quiet",
                                                   f"{name}^{{commit}}")  # fmt: skip
    if not found:
        raise RevisionError(t("diff.unknown_revision", revision=name))
    commit = found.decode().strip()
    stamp = (_git(folder, "log", "-1", "--format=%ct", commit) or b"").decode().strip()
    return Revision(
        name, commit, int(stamp) if stamp.isdigit() else None,
        Path(top.decode().strip()), prefix,
    )  # fmt: skip


@contextmanager
def materialise(revision: Revision) -> Iterator[Path]:
    """The project folder as it was at ``revision``, in a folder removed afterwards.

    The folder yielded does not exist when the project had no files then.
    """
    with tempfile.TemporaryDirectory(prefix="sqms-diff-") as temporary:
        scratch = Path(temporary)
        tree = scratch / "tree"
        env = {**os.environ, "GIT_INDEX_FILE": str(scratch / "index"), "GIT_LITERAL_PATHSPECS": "1"}
        if _git(revision.top, "read-tree", revision.commit, env=env) is None:
            raise RevisionError(t("diff.unreadable", revision=revision.name))
        pathspec = ["--", revision.prefix] if revision.prefix else []
        files = _git(revision.top, "ls-files", "-z", *pathspec, env=env)
        written = _git(
            revision.top, "checkout-index", "-z", "--stdin", f"--prefix={tree.as_posix()}/",
            env=env, stdin=files or b"",
        )  # fmt: skip
        if files is None or written is None:
            raise RevisionError(t("diff.unreadable", revision=revision.name))
        yield tree / revision.prefix


@contextmanager
def source_date(epoch: int | None) -> Iterator[None]:
    """Judge dates as of ``epoch`` inside the block, unless ``SOURCE_DATE_EPOCH`` is set already.

    A project is loaded as of its commit's date (reviews due, audits held in
    the future); the old project is outside git, so its date is given here.
    """
    if epoch is None or os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
