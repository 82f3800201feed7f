"""``sqms indicators``: compute the quality plan's indicators and print them."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sqms.cli.annotations import annotations_wanted
from sqms.cli.common import (
    annotations_option,
    data_option,
    load_or_exit,
    print_diagnostics,
    project_option,
    with_language,
)
from sqms.cli.output import with_progress
from sqms.diagnostics import ProjectError
from sqms.project import compute_results
from sqms.site.results import results_csv, results_json, results_table


@click.command()
@project_option
@data_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "table"]),
    default="table",
    show_default=True,
    help="json: definitions, series and control charts; csv: the tidy results; "
    "table: each indicator's latest complete period (and the partial one after it).",
)
@annotations_option
@with_progress
@with_language
def indicators(project_dir: Path, data_dir: str, fmt: str, annotations: str) -> None:
    """Compute every indicator of the quality plan and print the results.

    The table shows the latest complete period the dashboard shows, in each
    indicator's unit; a period not over yet is marked partial and not judged.
    """
    annotate = annotations_wanted(annotations)
    project = load_or_exit(project_dir, data_dir, annotate=annotate, annotate_when_ok=False)
    try:
        results = compute_results(project)
    except ProjectError as exc:
        print_diagnostics(exc.diagnostics, annotate=annotate)
        sys.exit(1)
    assert project.plan is not None
    if fmt == "json":
        click.echo(results_json(project.plan, results), nl=False)
    elif fmt == "csv":
        click.echo(results_csv(results), nl=False)
    else:
        click.echo(results_table(project.plan, results), nl=False)
