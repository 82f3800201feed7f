"""Opening an evidence pack to verify it on a machine with no repository.

A pack (:mod:`sqms.evidence.pack`) holds ``manifest.json``, the built site
under ``site/`` and the project's input files under ``project/``: everything
``sqms verify`` needs to check every published file and recompute every
number. The pack comes from elsewhere, so it is untrusted: every entry must be
a plain relative name that stays inside the folder it is unpacked to (no
``..``, no absolute path, no link), and its size is bounded, or nothing is
unpacked at all.
"""

from __future__ import annotations

import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqms.diagnostics import Report, shorten
from sqms.evidence.pack import MANIFEST_NAME, PROJECT_FOLDER, SITE_FOLDER
from sqms.i18n import t
from sqms.io.confine import is_relative_name

MAX_UNPACKED = 4 * 1024**3
"""At most 4 GB unpacked: a pack is a site and its data, not a disk image."""


@dataclass(frozen=True)
class Unpacked:
    """Where an unpacked pack's parts are."""

    manifest: Path
    site: Path
    project: Path


def unpack(pack: Path, folder: Path, report: Report) -> Unpacked | None:
    """Unpack ``pack`` into ``folder``; None (with the problems reported) when it is unsafe."""
    display = pack.name
    try:
        archive = zipfile.ZipFile(pack)
    except (OSError, zipfile.BadZipFile) as exc:
        report.error(display, None, t("evidence.bad_pack", problem=shorten(exc)))
        return None
    with archive:
        entries = archive.infolist()
        if not _safe(entries, display, report):
            return None
        for entry in entries:
            if not entry.is_dir():
                target = folder / entry.filename
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(entry))
    parts = Unpacked(folder / MANIFEST_NAME, folder / SITE_FOLDER, folder / PROJECT_FOLDER)
    for path in (parts.manifest, parts.site, parts.project):
        if not path.exists():
            name = path.relative_to(folder).as_posix()
            report.error(display, None, t("evidence.pack_incomplete", part=name))
    return None if report.has_errors else parts


def _safe(entries: list[zipfile.ZipInfo], display: str, report: Report) -> bool:
    """Every entry a relative name inside the pack, no link, the whole of a bounded size."""
    before = len(report.errors)
    for entry in entries:
        name = entry.filename
        parts = name.split("/")
        is_link = stat.S_ISLNK(entry.external_attr >> 16)
        if not is_relative_name(name) or ".." in parts or "\\" in name or is_link:
            report.error(display, None, t("evidence.pack_entry_unsafe", entry=shorten(name)))
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        report.error(display, None, t("evidence.pack_too_large", limit=MAX_UNPACKED // 1024**3))
    return len(report.errors) == before
