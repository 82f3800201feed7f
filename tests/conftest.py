"""Shared fixtures: small projects written into a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ProjectFactory = Callable[..., Path]

pytest_plugins = ["tests.diagnostic_recorder"]


def write_project(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (path → text, dedented) under ``root`` and return it."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Write a project from a mapping of relative paths to file contents."""

    def factory(files: dict[str, str]) -> Path:
        return write_project(tmp_path, files)

    return factory
