"""What git knows: each document's revision history, and the date a build is "as of".

Document control needs the history of every document (who changed it, when,
why). Git holds it; we read it with one ``git log`` over the manual folder.
A build outside a git checkout, or from a shallow clone, still works: the
history is then absent or incomplete, and the pages say so.

The date against which review deadlines are judged is the date of the
commit being built (or ``SOURCE_DATE_EPOCH``), not the build machine's
clock: the same commit always gives the same site.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqms.git import run_git

RECORD, FIELD = "\x1e", "\x1f"


@dataclass(frozen=True)
class Revision:
    """One commit that changed a document."""

    commit: str
    date: dt.date
    author: str
    subject: str


@dataclass
class History:
    """Revisions per file (relative to the project root), and how complete they are."""

    available: bool
    shallow: bool = False
    revisions: dict[str, list[Revision]] = field(default_factory=dict)
    head: str | None = None
    head_date: dt.date | None = None
    clean: bool | None = None

    def of(self, path: str) -> list[Revision]:
        """The revisions of one file, newest first."""
        return self.revisions.get(path, [])


def _git(root: Path, *args: str) -> str | None:
    """Run git in ``root``; its output as text, None when git is missing or the command fails."""
    out = run_git(root, *args)
    return None if out is None else out.decode("utf-8", errors="replace")


def read_history(root: Path, folder: str) -> History:
    """The history of every file under ``folder`` (relative to ``root``)."""
    top = _git(root, "rev-parse", "--show-toplevel")
    head = _git(root, "rev-parse", "HEAD")
    if top is None or head is None:
        return History(available=False)
    prefix = Path(root).resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    log = _git(
        root, "log", f"--format={RECORD}%H{FIELD}%cs{FIELD}%an{FIELD}%s", "--name-only",
        "--no-renames", "--", folder,
    )  # fmt: skip
    status = _git(root, "status", "--porcelain", "--untracked-files=no")
    history = History(
        available=True,
        shallow=shallow,
        head=head.strip(),
        head_date=_commit_date(root),
        clean=None if status is None else status.strip() == "",
    )
    history.revisions = _parse_log(log or "", prefix)
    return history


def _parse_log(log: str, prefix: str) -> dict[str, list[Revision]]:
    """``git log --name-only`` output → revisions per file, paths relative to the project root."""
    revisions: dict[str, list[Revision]] = defaultdict(list)
    for record in log.split(RECORD)[1:]:
        header, _, names = record.partition("\n")
        commit, date, author, subject = header.split(FIELD, 3)
        revision = Revision(commit, dt.date.fromisoformat(date), author, subject)
        for name in names.split():
            relative = name[len(prefix) + 1 :] if prefix not in ("", ".") else name
            revisions[relative].append(revision)
    return dict(revisions)


def build_epoch(root: Path) -> int | None:
    """The build's moment in seconds: ``SOURCE_DATE_EPOCH``, else the commit's, else None."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return int(epoch)
    text = (_git(root, "log", "-1", "--format=%ct") or "").strip()
    return int(text) if text.isdigit() else None


def _commit_date(root: Path) -> dt.date | None:
    text = _git(root, "log", "-1", "--format=%cs")
    return dt.date.fromisoformat(text.strip()) if text and text.strip() else None


def reference_date(root: Path, history: History | None = None) -> dt.date:
    """The date reviews are judged against: ``SOURCE_DATE_EPOCH``, else the commit's, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    date = history.head_date if history is not None else _commit_date(root)
    return date or dt.datetime.now(tz=dt.UTC).date()
