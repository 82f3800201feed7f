"""Content hashes of files: for the evidence manifest and the live-preview cache."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

CHUNK = 1 << 20
RACY = 2_000_000_000
"""Nanoseconds: a file changed this recently is hashed again next time (coarse file clocks)."""
_HASHES: dict[Path, tuple[tuple[int, int, int], str]] = {}
"""Each file hashed by :func:`content_sha256`: its (size, modification time, inode), its hash."""


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks (data files can be large)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def text_sha256(*parts: str) -> str:
    """The SHA-256 of texts joined with a separator no part contains (NUL)."""
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def content_sha256(path: Path) -> str:
    """The SHA-256 of a file, read again only when its size, time or inode changed.

    One build hashes a data file for its dataset, the manifest and the live
    preview's fingerprint; a large file is read once for all three, and a
    preview's rebuild reads only files that changed. A file modified less
    than :data:`RACY` before it is hashed is not remembered (git's "racily
    clean" rule): a second write of the same size within the file system's
    clock tick would keep its time, and look unchanged.
    """
    info = path.stat()
    stamp = (info.st_size, info.st_mtime_ns, info.st_ino)
    known = _HASHES.get(path)
    if known is not None and known[0] == stamp:
        return known[1]
    digest = file_sha256(path)
    if time.time_ns() - info.st_mtime_ns > RACY:
        _HASHES[path] = (stamp, digest)
    return digest
