"""Small projects written into a folder (and into git), loaded, and their diagnostics read as text."""

from __future__ import annotations

import subprocess
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sqms.cli.main import main
from sqms.engine.engine_choice import build_memory
from sqms.project import Project, load_project

ProjectFactory = Callable[[dict[str, str]], Path]
"""What the ``make_project`` fixture gives: files (path → text) in, the project's root out."""

MEMORY = f"{build_memory() / 1e9:.1f} GB"
"""This machine's memory, as the progress line of computing says it."""


def computed_line(indicators: int, needed: str) -> str:
    """The progress line of computing, on pandas chosen by ``engine: auto`` (``needed``: ``1 MB``)."""
    return (
        f"computed {indicators} indicators with pandas (engine: auto; pandas would need about"
        f" {needed} of {MEMORY} of memory)"
    )


def write_project(root: Path, files: dict[str, str]) -> Path:
    """Write ``files`` (relative path → text) under ``root`` and return ``root``.

    Each text is dedented and its leading newlines dropped, so a test can
    write a file as an indented triple-quoted string. JSON Lines files
    (``*.jsonl``) are written as given: their lines are data, not code.
    """
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        body = text if name.endswith(".jsonl") else textwrap.dedent(text).lstrip("\n")
        path.write_text(body, encoding="utf-8")
    return root


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line where ``fragment`` starts in the file :func:`write_project` writes from ``text``.

    ``occurrence`` counts from 1: the line of the second ``fragment`` is
    ``line_of(text, fragment, 2)``. A test states where a diagnostic must be
    located this way, so that adding a line above does not break it.
    """
    __tracebackhide__ = True
    written = textwrap.dedent(text).lstrip("\n")
    at = -1
    for _ in range(occurrence):
        at = written.find(fragment, at + 1)
        if at < 0:
            pytest.fail(f"{fragment!r} occurs fewer than {occurrence} times in the test input")
    return written.count("\n", 0, at) + 1


def git(root: Path, *args: str) -> str:
    """Run ``git args`` in ``root`` as Ann Lee <ann@example.org>; its output (failing on an error)."""
    identity = ["-c", "user.name=Ann Lee", "-c", "user.email=ann@example.org"]
    done = subprocess.run(
        ["git", *identity, *args], cwd=root, check=True, capture_output=True, text=True
    )
    return done.stdout


def commit(root: Path, message: str) -> None:
    """Commit everything in the repository at ``root`` with ``message`` (see :func:`git`)."""
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def diagnostics(project: Project) -> list[str]:
    """Every diagnostic of a loaded project, errors and warnings, as the CLI prints it."""
    return [d.format() for d in project.report]


def errors(project: Project) -> list[str]:
    """The errors of a loaded project (no warnings), as the CLI prints them."""
    return [d.format() for d in project.report.errors]


def data_errors(root: Path) -> list[str]:
    """The errors of the data alone (``data/``, the manual left out) of the project at ``root``."""
    return errors(load_project(root, "data", None))


def run_check(root: Path, *options: str, env: dict[str, str] | None = None) -> Result:
    """``sqms check --project root`` run in-process; its exit code and output are on the result."""
    return CliRunner().invoke(main, ["check", "--project", str(root), *options], env=env)


def output_of(result: Result) -> str:
    """Everything a CLI run printed: standard output, then standard error when kept apart."""
    return result.output + (result.stderr if result.stderr_bytes else "")
