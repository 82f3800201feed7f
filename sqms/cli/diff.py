"""``sqms diff``: what a change since a git revision does to the manual and the numbers."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sqms.cli.common import data_option, print_diagnostics, project_option, with_language
from sqms.cli.output import with_progress
from sqms.diff.compare import diff_against
from sqms.diff.report import render
from sqms.diff.revision import RevisionError
from sqms.i18n import nt, t


# --- command: diff ---
@click.command()
@click.argument("base")
@project_option
@data_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "text"]),
    default="markdown",
    show_default=True,
    help="markdown: for a pull-request comment; text: for a terminal.",
)
@click.option(
    "--fail-on-unversioned",
    is_flag=True,
    help="Exit 1 when a document's content changed without a new version.",
)
@with_progress
@with_language
def diff(
    base: str, project_dir: Path, data_dir: str | None, fmt: str, fail_on_unversioned: bool
) -> None:
    """Summarise what the change since BASE does to the manual and the numbers.

    BASE is a git revision (origin/main, a tag, a commit); the project in its
    folder, committed or not, is compared with the same project at BASE.
    """
    try:
        outcome = diff_against(project_dir, base, data_dir)
    except RevisionError as exc:
        raise click.UsageError(str(exc)) from None
    if outcome.diff is None:
        for side in outcome.failed:
            click.echo(t("diff.side_fails", side=side.label), err=True)
            print_diagnostics(side.problems)
        sys.exit(1)
    click.echo(render(outcome.diff, fmt), nl=False)
    unversioned = outcome.diff.documents.unversioned
    if fail_on_unversioned and unversioned:
        ids = t("diag.list_separator").join(change.id for change in unversioned)
        click.echo(nt("diff.unversioned_summary", len(unversioned), ids=ids), err=True)
        sys.exit(1)
