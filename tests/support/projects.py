"""Small projects written into a folder, loaded, and their diagnostics read as text."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from click.testing import CliRunner, Result

from sqms.cli.main import main
from sqms.project import Project, load_project

ProjectFactory = Callable[[dict[str, str]], Path]
"""What the ``make_project`` fixture gives: files (path → text) in, the project's root out."""


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


__all__: Sequence[str] = [
    "ProjectFactory",
    "data_errors",
    "diagnostics",
    "errors",
    "output_of",
    "run_check",
    "write_project",
]
