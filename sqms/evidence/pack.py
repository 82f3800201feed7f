"""The evidence pack: one archive an auditor can open on a laptop with no network.

It holds the built site (which opens from ``file://``), the evidence manifest
(which lists and hashes every file of that site), the input files the site
was built from under ``project/`` — the manual, the data and ``mkdocs.yml``,
exactly the files the manifest lists — and their checksums in the
``sha256sum`` format. So ``sqms verify evidence.zip`` on any machine, with no
repository, checks every published file and recomputes every number. The archive is
deterministic (entries sorted, one fixed timestamp, fixed permissions) and
written atomically: a failed run leaves no partial archive behind.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqms.diagnostics import Diagnostic, ProjectError
from sqms.i18n import t
from sqms.io.confine import escaping_links
from sqms.io.files import write_atomic

SITE_FOLDER = "site"
PROJECT_FOLDER = "project"
MANIFEST_NAME = "manifest.json"
CHECKSUMS_NAME = "SHA256SUMS"
EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""ZIP cannot store times before 1980."""


def checksums(manifest: Mapping[str, Any]) -> str:
    """The input files' hashes as ``sha256sum`` writes them: ``<hash>  <path>`` per line."""
    return "".join(f"{item['sha256']}  {item['path']}\n" for item in manifest["inputs"])


def archive_time(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    """The one timestamp every entry gets: ``SOURCE_DATE_EPOCH`` (not before 1980)."""
    moment = dt.datetime.fromtimestamp(epoch or 0, tz=dt.UTC)
    moment = max(moment, EARLIEST)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def write_pack(
    target: Path,
    site_dir: Path,
    extra: Mapping[str, str],
    epoch: int | None = None,
    inputs: Mapping[str, Path] | None = None,
) -> Path:
    """Write ``site_dir`` under ``site/``, ``inputs`` under ``project/`` and the ``extra`` texts.

    ``inputs`` maps a path relative to the project (as the manifest lists it)
    to the file to copy.

    The archive is written whole or not at all (:func:`sqms.io.files.write_atomic`).
    A symbolic link in ``site_dir`` that leads out of it is never followed: the
    pack is refused (:class:`~sqms.diagnostics.ProjectError`) before anything is written.
    """
    outside = escaping_links(site_dir)
    if outside:
        shown = [path.relative_to(site_dir).as_posix() for path in outside]
        raise ProjectError(Diagnostic(f"site/{name}", None, t("files.pack_link")) for name in shown)
    stamp = archive_time(epoch)

    def write(temporary: Path) -> None:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
                relative = path.relative_to(site_dir).as_posix()
                _add(archive, f"{SITE_FOLDER}/{relative}", path.read_bytes(), stamp)
            for name, source in sorted((inputs or {}).items()):
                _add(archive, f"{PROJECT_FOLDER}/{name}", source.read_bytes(), stamp)
            for entry, text in sorted(extra.items()):
                _add(archive, entry, text.encode("utf-8"), stamp)

    return write_atomic(target, write)


def _add(archive: zipfile.ZipFile, name: str, data: bytes, stamp: tuple[int, ...]) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    info.create_system = 3  # Unix: the same bytes whatever system writes the pack
    archive.writestr(info, data)
