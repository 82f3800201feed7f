"""Fingerprints of what a build's computed site depends on, for the live preview.

``mkdocs serve`` rebuilds the whole site whenever a watched file is saved,
even when no byte changed, and a rebuild of the computed part (loading,
computing, charts, generated pages) costs far more than MkDocs' own work. The
plugin keeps the last computed site and what it was computed from, and uses
them again by two fingerprints (:class:`Fingerprints`):

``data``
    what the datasets, the plan and the indicators are computed from: the
    project's folder (one process may build several projects); the content
    (SHA-256) of every file under the data folder and of the configuration
    file; the settings and environment that choose the as-of date and the
    language; and today's date everywhere on Earth (a preview left running
    past midnight judges due dates again). While it is the same, the loaded
    datasets and the computed indicators are used again (a prose edit).
``whole``
    all of ``data``, and the content of every file under the manual folder,
    the git commit checked out and the state of the working tree (``git
    status``), which the provenance lines and document control print. While
    it is the same, the whole computed site is used again.

Files are hashed again only when their size or modification time changed
(:func:`sqms.io.hashing.content_sha256`), so a rebuild of a project with large data files pays
a ``stat`` per file, not a read. The fingerprint covers no code: SQMS's code
does not change within one process.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqms.io.git import run_git
from sqms.io.hashing import content_sha256, text_sha256

ENVIRONMENT = ("SQMS_AS_OF", "SOURCE_DATE_EPOCH", "TZ")
"""Variables that change what a build computes (the as-of date, the local time zone)."""
EARLIEST, LATEST = dt.timedelta(hours=-12), dt.timedelta(hours=14)
"""The time zones furthest apart: if today is the same in both, it is the same everywhere."""


@dataclass(frozen=True)
class Fingerprints:
    """The fingerprint of the data side of a build, and of all its inputs."""

    data: str
    whole: str


def _files(root: Path, folders: Iterable[str], files: Iterable[str] = ()) -> list[str]:
    """``path sha256`` for every file of the folders and each named file, sorted."""
    lines = []
    for folder in folders:
        base = root / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else ():
            if path.is_file() and "__pycache__" not in path.parts:
                lines.append(f"{path.relative_to(root).as_posix()} {content_sha256(path)}")
    for name in files:
        path = root / name
        lines.append(f"{name} {content_sha256(path) if path.is_file() else '-'}")
    return lines


def _git_state(root: Path) -> list[str]:
    """The commit checked out and the working tree's changes; empty outside a git checkout."""
    head = run_git(root, "rev-parse", "HEAD")
    status = run_git(root, "status", "--porcelain", "--untracked-files=no")
    return [(head or b"").decode("utf-8", "replace"), (status or b"").decode("utf-8", "replace")]


def _today_everywhere(now: dt.datetime | None = None) -> list[str]:
    """Today's date in the earliest and the latest time zone on Earth."""
    moment = now or dt.datetime.now(dt.UTC)
    return [(moment + offset).date().isoformat() for offset in (EARLIEST, LATEST)]


def build_fingerprints(
    root: Path,
    data: Iterable[str],
    manual: Iterable[str],
    files: Iterable[str],
    settings: Mapping[str, object],
    environ: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> Fingerprints:
    """The fingerprints of a build's inputs: equal fingerprints, equal computed parts.

    ``data`` and ``manual`` are the folders of each side (relative to
    ``root``), ``files`` single files every part depends on (``mkdocs.yml``).
    """
    env = os.environ if environ is None else environ
    data_side = text_sha256(
        str(root.resolve()),
        *_files(root, data, files),
        *(f"{key}={value!r}" for key, value in sorted(settings.items())),
        *(f"${name}={env.get(name, '')}" for name in ENVIRONMENT),
        *_today_everywhere(now),
    )
    whole = text_sha256(data_side, *_files(root, manual), *_git_state(root))
    return Fingerprints(data_side, whole)
