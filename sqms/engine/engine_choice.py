"""Which engine computes when ``datasets.yml`` leaves the choice to SQMS (``engine: auto``).

Both engines publish the same numbers to the last bit, so the choice is one
of speed and memory only. pandas holds every row in the build's memory and
is the quicker wherever the data fits (a million tickets: 4.6 s against
DuckDB's 11.0 s); DuckDB holds what its ``memory_limit`` allows and writes
the rest to disk, so it computes on data larger than the machine's memory.

``auto`` therefore estimates what pandas would need from the size of the
files DuckDB would read itself (Parquet, CSV, JSON Lines; an Excel file is
read by pandas on either engine), by a factor per format measured on the
sample's data, and chooses DuckDB when that is more than half the memory the
build may use: the machine's, or its container's limit where it has one.
The estimate errs high: DuckDB where pandas might have fitted costs time;
pandas where it does not fit ends the build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

EngineName = Literal["pandas", "duckdb"]
ENGINE_NAMES: Final[dict[str, EngineName]] = {"pandas": "pandas", "duckdb": "duckdb"}
"""The engines ``datasets.yml`` may name, rather than leave the choice to SQMS."""

PANDAS_BYTES_PER_FILE_BYTE: Final[dict[str, float]] = {"csv": 3.5, "jsonl": 3.5, "parquet": 12}
"""What the build holds at its peak on pandas, for each byte of a file, by format.

Measured with ``nox -s bench`` (the sample's files, peak resident memory):
two million tickets, 444 MB of CSV and JSON Lines, peaked at 1.45 GB (3.3
per byte); ten million, 2.2 GB, at 5.8 GB (2.6). With the tickets as 93 MB
of Parquet instead of 325 MB of CSV, the peak was 1.39 GB: about 11 per
byte of Parquet, which is compressed. Each factor is rounded up.
"""

SHARE: Final[float] = 0.5
"""The share of the memory pandas may be expected to need before DuckDB is chosen."""

ASSUMED_MEMORY: Final[int] = 8 * 1024**3
"""The memory assumed where the system does not say how much it has."""

PROC_CGROUP: Final = Path("/proc/self/cgroup")
"""The cgroups this process is in, one line per hierarchy: ``id:controllers:path``."""

CGROUP_ROOT: Final = Path("/sys/fs/cgroup")
"""Where Linux shows the cgroups: v2 unified here, v1's memory hierarchy in ``memory/``."""


@dataclass(frozen=True)
class EngineChoice:
    """The engine that computes, and why: named in ``datasets.yml``, or chosen by size."""

    name: EngineName
    needed: int | None = None
    """What pandas was estimated to need, in bytes (None: the engine was named)."""
    memory: int | None = None
    """The memory the estimate was held against, in bytes (None: the engine was named)."""

    @property
    def chosen(self) -> bool:
        """Whether SQMS chose the engine (``auto``) rather than ``datasets.yml`` naming it."""
        return self.needed is not None


def choose_engine(
    named: str, files: Iterable[tuple[str, int]], memory: int | None = None
) -> EngineChoice:
    """The engine for ``named`` (``pandas``, ``duckdb`` or ``auto``) and the data's files.

    ``files`` are (format, size in bytes) of the declared data files;
    ``memory`` the bytes the build may use (:func:`build_memory` when None).
    """
    if named in ENGINE_NAMES:
        return EngineChoice(ENGINE_NAMES[named])
    needed = round(sum(size * PANDAS_BYTES_PER_FILE_BYTE.get(kind, 0) for kind, size in files))
    room = build_memory() if memory is None else memory
    name: EngineName = "duckdb" if needed > SHARE * room else "pandas"
    return EngineChoice(name, needed=needed, memory=room)


def build_memory() -> int:
    """The bytes of memory the build may use: the machine's, or a container's limit if lower."""
    limits = [size for size in (_physical_memory(), _cgroup_limit()) if size]
    return min(limits) if limits else ASSUMED_MEMORY


def _physical_memory() -> int | None:
    """The machine's memory, where the system tells it (Linux, macOS; not Windows)."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        page_size = os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None
    return pages * page_size if pages > 0 and page_size > 0 else None


def _cgroup_limit() -> int | None:
    """The lowest memory limit of this process's cgroup and of those it is in (Linux).

    A container's limit may be set on the process's own cgroup or on one
    above it, in cgroup v2 (``memory.max``) or v1 (``memory.limit_in_bytes``).
    None where no limit is set or there are no cgroups (other systems).
    """
    try:
        lines = PROC_CGROUP.read_text(encoding="ascii").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    limits = [limit for line in lines for limit in _hierarchy_limits(line)]
    return min(limits) if limits else None


def _hierarchy_limits(line: str) -> list[int]:
    """The memory limits along one line of ``/proc/self/cgroup``, from its cgroup up to the root."""
    parts = line.split(":", 2)
    if len(parts) != 3:
        return []
    _, controllers, path = parts
    if controllers == "":
        base, name = CGROUP_ROOT, "memory.max"
    elif "memory" in controllers.split(","):
        base, name = CGROUP_ROOT / "memory", "memory.limit_in_bytes"
    else:
        return []
    folder = base / path.strip().lstrip("/")
    folders = [folder, *(up for up in folder.parents if up.is_relative_to(base))]
    return [limit for limit in map(_limit_in, (f / name for f in folders)) if limit is not None]


def _limit_in(path: Path) -> int | None:
    """The limit written in ``path``; None where there is none (``max``) or no such file."""
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() and int(text) > 0 else None


def file_sizes(paths: Iterable[tuple[str, Path]]) -> list[tuple[str, int]]:
    """(format, size) of each (format, path) that is a file; a missing file counts nothing."""
    sizes: list[tuple[str, int]] = []
    for kind, path in paths:
        try:
            sizes.append((kind, path.stat().st_size))
        except OSError:
            continue
    return sizes
