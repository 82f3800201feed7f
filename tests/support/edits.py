"""Edits of test inputs that cannot silently miss.

A test that changes one line of a YAML, CSV or Markdown input to provoke an
error keeps passing for the wrong reason when the input is later reworded:
``str.replace`` leaves the text unchanged, and the test checks the unchanged
input. Every edit of a test input goes through :func:`edited` (or
:func:`edit_file`), which fails the test when its target is not found
exactly as often as expected.
"""

from __future__ import annotations

from pathlib import Path
from typing import AnyStr

import pytest


def edited(text: AnyStr, old: AnyStr, new: AnyStr, count: int = 1, *, where: str = "") -> AnyStr:
    """``text`` with ``old`` replaced by ``new``; ``old`` must occur exactly ``count`` times.

    Every occurrence is replaced. Works on ``str`` and ``bytes`` alike. When
    ``old`` occurs another number of times the test fails, naming the target
    (and ``where``, e.g. a file name): the input changed, and the edit must be
    brought up to date with it.
    """
    __tracebackhide__ = True
    found = text.count(old)
    if found != count:
        expected = "once" if count == 1 else f"{count} times"
        place = f" of {where}" if where else ""
        pytest.fail(
            f"edit target {old!r} occurs {found} times in the test input{place}, expected"
            f" {expected}: the input changed, so bring the edit up to date with it"
        )
    return text.replace(old, new)


def edit_file(path: Path, old: str, new: str, count: int = 1) -> None:
    """Apply :func:`edited` to the UTF-8 file at ``path``, in place."""
    __tracebackhide__ = True
    text = path.read_text(encoding="utf-8")
    path.write_text(edited(text, old, new, count, where=path.name), encoding="utf-8")


def with_edit(
    files: dict[str, str], name: str, old: str, new: str, count: int = 1
) -> dict[str, str]:
    """A copy of ``files`` (path → text) with :func:`edited` applied to the file ``name``."""
    __tracebackhide__ = True
    return {**files, name: edited(files[name], old, new, count, where=name)}
