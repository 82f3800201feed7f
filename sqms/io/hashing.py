"""Content hashes of files: for the evidence manifest and the live-preview cache."""

from __future__ import annotations

import hashlib
from pathlib import Path

CHUNK = 1 << 20


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
