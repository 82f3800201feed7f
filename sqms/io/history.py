"""What git knows: each document's revision history, and the date a build is "as of".

Document control needs the history of every document (who changed it, when,
why). Git holds it; we read it with one ``git log`` over the manual folder.
A build outside a git checkout, or from a shallow clone, still works: the
history is then absent or incomplete, and the pages say so.

A build is judged as of a date (reviews due, actions overdue, audits not
held): one declared (``--as-of``, ``SQMS_AS_OF``, ``as_of:`` in
``mkdocs.yml``), else ``SOURCE_DATE_EPOCH``, else the day of the build, so a
scheduled rebuild shows what has become overdue since the last commit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqms.i18n import t
from sqms.io.git import run_git

RECORD, FIELD = "\x1e", "\x1f"

AS_OF_VARIABLE = "SQMS_AS_OF"
"""The environment variable that declares the date a build is judged as of (``2026-11-30``)."""
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
"""The reproducible-builds variable: seconds since 1970-01-01 UTC; its UTC day is the as-of."""
AS_OF_SETTING = "mkdocs.yml"
"""Where the ``as_of:`` option of the plugin is declared, as problems with it are shown."""
AS_OF_RANGE = (dt.date(1970, 1, 1), dt.date(2105, 12, 31))
"""The as-of dates accepted: a build is dated by the as-of's midnight (UTC) in seconds,
which the sitemap's gzip header holds in 32 bits."""
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


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


class AsOfError(ValueError):
    """A declared as-of date, or ``SOURCE_DATE_EPOCH``, that is not a date: where, and why."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where


def parse_as_of(value: object) -> dt.date | None:
    """The day ``value`` names (``2026-11-30``, or a YAML date); None when it names none.

    A moment (a date and a time) is not a day, and a day outside :data:`AS_OF_RANGE`
    cannot date a build: both give None.
    """
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    else:
        return None
    return day if AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1] else None


def bad_as_of(value: object) -> str:
    """Why ``value`` is not an as-of date, in words."""
    first, last = AS_OF_RANGE
    return t("asof.bad", value=str(value)[:40], first=first.isoformat(), last=last.isoformat())


def as_of_epoch(day: dt.date) -> int:
    """Midnight (UTC) of ``day`` in seconds: the ``SOURCE_DATE_EPOCH`` of a build as of it."""
    return int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp())


def today_in(timezone: str) -> dt.date:
    """Today's date in ``timezone`` (an IANA name); in UTC when the name is not known."""
    try:
        zone: dt.tzinfo = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        zone = dt.UTC
    return dt.datetime.now(tz=zone).date()


def judgement_date(
    option: dt.date | None = None, setting: object = None, timezone: str = "UTC"
) -> dt.date:
    """The date a build is judged as of.

    In this order: ``option`` (``--as-of`` on the command line), ``SQMS_AS_OF``,
    ``setting`` (``as_of:`` in ``mkdocs.yml``), the UTC day of
    ``SOURCE_DATE_EPOCH``, and otherwise today in ``timezone`` (the plan's). An
    empty variable counts as unset. Raises :class:`AsOfError` when the first of
    them that is set is not a date.
    """
    if option is not None:
        return option
    declared = os.environ.get(AS_OF_VARIABLE, "").strip()
    if declared:
        day = parse_as_of(declared)
        if day is None:
            raise AsOfError(AS_OF_VARIABLE, bad_as_of(declared))
        return day
    if setting is not None:
        day = parse_as_of(setting)
        if day is None:
            raise AsOfError(AS_OF_SETTING, f"as_of: {bad_as_of(setting)}")
        return day
    epoch = os.environ.get(EPOCH_VARIABLE, "").strip()
    if epoch:
        day = _epoch_day(epoch)
        if day is None:
            raise AsOfError(EPOCH_VARIABLE, t("asof.bad_epoch", value=epoch[:40]))
        return day
    return today_in(timezone)


def _epoch_day(epoch: str) -> dt.date | None:
    """The UTC day of ``SOURCE_DATE_EPOCH``; None when it is not seconds in :data:`AS_OF_RANGE`."""
    if not epoch.isascii() or not epoch.isdigit():
        return None
    try:
        day = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None
    return day if AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1] else None


def reference_date(root: Path | None = None, history: History | None = None) -> dt.date:
    """The as-of date the environment gives (``SQMS_AS_OF``, ``SOURCE_DATE_EPOCH``), else today.

    Today is taken in UTC here, with no plan to name a time zone. ``root`` and
    ``history`` no longer matter: the commit's date is not the as-of date.
    """
    return judgement_date()
