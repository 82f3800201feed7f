"""What every ``sqms`` command shares: its options, diagnostics printing and project loading.

The options (``--project``, ``--data``, ``--annotations``) and decorators
(``--lang``, ``--as-of``) that the commands put on, :func:`print_diagnostics`
and :func:`problem_summary` for reporting problems, and :func:`load_or_exit`,
which loads the project and exits 1 when it has errors.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from sqms.cli.annotations import MODES, github_annotation
from sqms.diagnostics import Diagnostic
from sqms.i18n import LANGUAGES, normalise_language, nt, t, use_language
from sqms.io.history import bad_as_of, parse_as_of
from sqms.project import Project, load_project
from sqms.settings import read_settings

F = TypeVar("F", bound=Callable[..., Any])

project_option = click.option(
    "--project",
    "-p",
    "project_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="The project folder (holding mkdocs.yml and data/).",
)
data_option = click.option(
    "--data",
    "data_dir",
    default=None,
    show_default=True,
    help="The data folder, relative to the project.",
)
annotations_option = click.option(
    "--annotations",
    "annotations",
    type=click.Choice(MODES),
    default="auto",
    show_default=True,
    help="Also print problems as GitHub Actions annotations on standard output "
    "(auto: when GITHUB_ACTIONS is true).",
)


def with_language(func: F) -> F:
    """Run the command in the language chosen by ``--lang`` (or ``SQMS_LANG``)."""

    @click.option(
        "--lang",
        type=click.Choice(LANGUAGES),
        envvar="SQMS_LANG",
        default="en",
        show_default=True,
        help="Language of messages.",
    )
    @wraps(func)
    def wrapper(*args: Any, lang: str, **kwargs: Any) -> Any:
        with use_language(normalise_language(lang)):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


AS_OF_KEY = "sqms.as_of"
"""Where ``--as-of`` waits in the command's context for :func:`load_or_exit`."""


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """``--as-of``'s day (``2026-11-30``); anything else is a usage error."""
    if value is None:
        return None
    day = parse_as_of(value)
    if day is None:
        raise click.BadParameter(bad_as_of(value), ctx, param)
    return day


def with_as_of(func: F) -> F:
    """Judge dates as of ``--as-of`` when it is given (:func:`load_or_exit` reads it)."""

    @click.option(
        "--as-of",
        "as_of",
        metavar="DATE",
        default=None,
        callback=_day,
        help="Judge reviews, due dates and overdue items as of this day (YYYY-MM-DD) instead "
        "of SQMS_AS_OF, the as_of option in mkdocs.yml, SOURCE_DATE_EPOCH or today.",
    )
    @wraps(func)
    def wrapper(*args: Any, as_of: dt.date | None, **kwargs: Any) -> Any:
        click.get_current_context().meta[AS_OF_KEY] = as_of
        return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def option_as_of() -> dt.date | None:
    """The running command's ``--as-of``, if it has one and it was given."""
    context = click.get_current_context(silent=True)
    found = context.meta.get(AS_OF_KEY) if context is not None else None
    return found if isinstance(found, dt.date) else None


def print_diagnostics(diagnostics: list[Diagnostic], annotate: bool = False) -> None:
    """Every diagnostic on its own line on standard error, errors and warnings alike.

    With ``annotate``, each one is also printed on standard output as a GitHub
    Actions workflow command.
    """
    for diagnostic in diagnostics:
        click.echo(diagnostic.format(), err=True)
    if annotate:
        for diagnostic in diagnostics:
            click.echo(github_annotation(diagnostic))


def problem_summary(errors: int, warnings: int) -> str:
    """``2 errors, 1 warning``: what a failed command found, each count in its plural form."""
    return t(
        "diag.summary", errors=nt("diag.errors", errors), warnings=nt("diag.warnings", warnings)
    )


def load_declared(project_dir: Path, data_dir: str | None, as_of: dt.date | None = None) -> Project:
    """Load the project as its ``mkdocs.yml`` declares it, problems and all (nothing printed).

    Dates are judged as of ``as_of``, by default the command's ``--as-of``
    (see :func:`with_as_of`), else as the build would judge them.
    """
    settings = read_settings(project_dir)
    return load_project(
        project_dir, data_dir or settings.data_dir, settings.docs_dir, settings.uncontrolled,
        as_of=as_of if as_of is not None else option_as_of(), as_of_setting=settings.as_of,
    )  # fmt: skip


def load_or_exit(
    project_dir: Path,
    data_dir: str | None,
    annotate: bool = False,
    annotate_when_ok: bool = True,
    as_of: dt.date | None = None,
) -> Project:
    """Load the project as its ``mkdocs.yml`` declares it; print every problem, exit 1 on errors.

    ``annotate`` also prints the problems as GitHub Actions annotations; with
    ``annotate_when_ok`` false only when the project has errors (for commands
    whose standard output carries their result). Dates are judged as of
    ``as_of``, by default the command's ``--as-of`` (see :func:`with_as_of`),
    else as the build would judge them.
    """
    project = load_declared(project_dir, data_dir, as_of)
    print_diagnostics(
        list(project.report), annotate=annotate and (annotate_when_ok or not project.ok)
    )
    if not project.ok:
        errors, warnings = len(project.report.errors), len(project.report.warnings)
        click.echo(problem_summary(errors, warnings), err=True)
        sys.exit(1)
    return project
