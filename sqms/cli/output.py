"""What commands print besides their result: diagnostics for tools, and progress for people.

``sqms check --format json`` prints one JSON document with each problem's
code, location and values. Each diagnostic carries its stable code
(:mod:`sqms.diagnostics.codes`), so a CI step can count or filter problems by
kind without parsing prose; ``message`` is the text in the chosen language.

``--progress``/``--no-progress`` (:func:`with_progress`) report the long
stages of a command (:mod:`sqms.progress`) on standard error, never on
standard output, where a command's JSON, CSV or Markdown goes.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from sqms.diagnostics import Diagnostic, Severity
from sqms.progress import progress_wanted, reporting

F = TypeVar("F", bound=Callable[..., Any])

FORMAT_VERSION = 1
"""The version of this document's shape; it changes only when a field changes meaning."""


def diagnostics_json(diagnostics: list[Diagnostic], *, ok: bool, strict: bool) -> str:
    """The JSON document of a check: ``ok``, the counts and every diagnostic in order."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    errors = sum(d.severity is Severity.ERROR for d in ordered)
    document = {
        "format": FORMAT_VERSION,
        "ok": ok,
        "strict": strict,
        "errors": errors,
        "warnings": len(ordered) - errors,
        "diagnostics": [d.as_json() for d in ordered],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _to_stderr(line: str) -> None:
    """A progress line on standard error."""
    click.echo(line, err=True)


def with_progress(func: F) -> F:
    """Report the command's long stages on standard error: ``--progress``/``--no-progress``.

    Neither given: ``SQMS_PROGRESS`` decides, else progress is shown when
    standard error is a terminal and ``CI`` is not set (see
    :func:`sqms.progress.progress_wanted`).
    """

    @click.option(
        "--progress/--no-progress",
        "progress",
        default=None,
        help="Report each long stage and its duration on standard error "
        "(default: SQMS_PROGRESS, else only on a terminal outside CI).",
    )
    @wraps(func)
    def wrapper(*args: Any, progress: bool | None, **kwargs: Any) -> Any:
        wanted = progress_wanted(progress, os.environ, sys.stderr.isatty())
        with reporting(_to_stderr if wanted else None):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]
