"""``sqms check`` (and its ``--format json``) and ``sqms explain``: is the project sound?

``check`` loads and checks the project as the build would; ``explain`` says
what a diagnostic code means and how to fix it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sqms.cli.annotations import annotations_wanted
from sqms.cli.common import (
    annotations_option,
    data_option,
    load_declared,
    load_or_exit,
    print_diagnostics,
    problem_summary,
    project_option,
    with_as_of,
    with_language,
)
from sqms.cli.output import diagnostics_json, with_progress
from sqms.diagnostics import Report, shorten
from sqms.diagnostics.reference import explain as explain_code
from sqms.i18n import current_language, nt, t
from sqms.publish.check import check_as_built
from sqms.settings import read_settings


@click.command()
@project_option
@data_option
@annotations_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: problems as file:line: message on standard error; json: every problem with "
    "its code, location and values as one JSON document on standard output, for tools.",
)
@with_as_of
@with_progress
@with_language
def check(project_dir: Path, data_dir: str, annotations: str, output_format: str) -> None:
    """Check the project as the build would, without building the site.

    Datasets, the plan, documents, registers and references are loaded and
    checked; then the indicators are computed and every manual page's
    directives judged, as the build does. With ``strict: true`` in
    ``mkdocs.yml`` warnings fail the check, as they fail the build.
    """
    if output_format == "json":
        _check_json(project_dir, data_dir)
        return
    annotate = annotations_wanted(annotations)
    settings = read_settings(project_dir)
    project = load_or_exit(project_dir, data_dir, annotate=annotate)
    built = check_as_built(project, settings.docs_dir)
    print_diagnostics(list(built), annotate=annotate)
    warnings = len(project.report.warnings) + len(built.warnings)
    if built.has_errors or (settings.strict and warnings):
        click.echo(problem_summary(len(built.errors), warnings), err=True)
        if settings.strict and warnings and not built.has_errors:
            click.echo(t("cli.strict_warnings"), err=True)
        sys.exit(1)
    checked = len(project.plan.indicators) if project.plan else 0
    click.echo(nt("cli.check_ok", checked, indicators=checked))


@click.command()
@click.argument("code")
@with_language
def explain(code: str) -> None:
    """What a diagnostic code means and how to fix it: ``sqms explain SQ201``.

    The same entry as the reference page of diagnostics, in ``--lang``.
    """
    text = explain_code(code, current_language())
    if text is None:
        click.echo(t("cli.unknown_code", code=shorten(code)), err=True)
        sys.exit(2)
    click.echo(text)


def _check_json(project_dir: Path, data_dir: str | None) -> None:
    """``sqms check --format json``: every problem for tools, on standard output; exit 1 on failure.

    The document holds ``ok``, the counts and each diagnostic with its code,
    severity, file, line, row, column, values and message in ``--lang``.
    """
    settings = read_settings(project_dir)
    project = load_declared(project_dir, data_dir)
    found = Report()
    found.extend(project.report.diagnostics)
    if project.ok:
        found.extend(check_as_built(project, settings.docs_dir).diagnostics)
    ok = not found.has_errors and not (settings.strict and found.warnings)
    click.echo(diagnostics_json(list(found), ok=ok, strict=settings.strict))
    if not ok:
        sys.exit(1)
