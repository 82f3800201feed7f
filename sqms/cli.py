"""The ``sqms`` command: check a project, print indicators, write sample data.

A thin adapter over the core: it loads the project, prints diagnostics as
``file:line: message`` and turns them into exit codes (0 fine, 1 problems in
the project, 2 wrong usage). It never shows a traceback for a user's mistake.
Inside GitHub Actions it also prints them as workflow commands, so they show
on the pull request's diff.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from sqms import __version__
from sqms.annotations import MODES, annotations_wanted, github_annotation
from sqms.diagnostics import Diagnostic, ProjectError
from sqms.documents_spec import DocType
from sqms.i18n import LANGUAGES, normalise_language, t, use_language
from sqms.project import DATA_DIR, Project, compute_results, load_project
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


def load_or_exit(
    project_dir: Path,
    data_dir: str | None,
    annotate: bool = False,
    annotate_when_ok: bool = True,
) -> Project:
    """Load the project as its ``mkdocs.yml`` declares it; print every problem, exit 1 on errors.

    ``annotate`` also prints the problems as GitHub Actions annotations; with
    ``annotate_when_ok`` false only when the project has errors (for commands
    whose standard output carries their result).
    """
    settings = read_settings(project_dir)
    project = load_project(
        project_dir, data_dir or settings.data_dir, settings.docs_dir, settings.uncontrolled
    )
    print_diagnostics(
        list(project.report), annotate=annotate and (annotate_when_ok or not project.ok)
    )
    if not project.ok:
        errors, warnings = len(project.report.errors), len(project.report.warnings)
        click.echo(t("diag.summary", errors=errors, warnings=warnings), err=True)
        sys.exit(1)
    return project


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sqms")
def main() -> None:
    """SQMS: the service quality manual, quality plan and indicators, kept as code."""


@main.command()
@project_option
@data_option
@annotations_option
@with_language
def check(project_dir: Path, data_dir: str, annotations: str) -> None:
    """Check the project as the build would, without building the site.

    Datasets, the plan, documents, registers and references are loaded and
    checked; then the indicators are computed and every manual page's
    directives judged, as the build does. With ``strict: true`` in
    ``mkdocs.yml`` warnings fail the check, as they fail the build.
    """
    from sqms.build_check import check_as_built

    annotate = annotations_wanted(annotations)
    settings = read_settings(project_dir)
    project = load_or_exit(project_dir, data_dir, annotate=annotate)
    built = check_as_built(project, settings.docs_dir)
    print_diagnostics(list(built), annotate=annotate)
    warnings = len(project.report.warnings) + len(built.warnings)
    if built.has_errors or (settings.strict and warnings):
        click.echo(t("diag.summary", errors=len(built.errors), warnings=warnings), err=True)
        if settings.strict and warnings and not built.has_errors:
            click.echo(t("cli.strict_warnings"), err=True)
        sys.exit(1)
    click.echo(t("cli.check_ok", indicators=len(project.plan.indicators) if project.plan else 0))


@main.command()
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
@with_language
def indicators(project_dir: Path, data_dir: str, fmt: str, annotations: str) -> None:
    """Compute every indicator of the quality plan and print the results.

    The table shows the latest complete period the dashboard shows, in each
    indicator's unit; a period not over yet is marked partial and not judged.
    """
    from sqms.results import results_csv, results_json, results_table

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


@main.command()
@click.argument("manifest", type=click.Path(dir_okay=False, path_type=Path))
@project_option
@data_option
@annotations_option
@with_language
def verify(manifest: Path, project_dir: Path, data_dir: str | None, annotations: str) -> None:
    """Recompute the indicators and confirm they match a published manifest.

    MANIFEST is the sqms/manifest.json of a built site (or of an evidence
    pack); the project folder holds the inputs it was built from.
    """
    from sqms.diagnostics import Report
    from sqms.evidence.verify import load_manifest, verify_manifest

    settings = read_settings(project_dir)
    project = load_project(
        project_dir, data_dir or settings.data_dir, settings.docs_dir, settings.uncontrolled
    )
    report = Report()
    loaded = load_manifest(manifest, manifest.as_posix(), report)
    if loaded is not None:
        report = verify_manifest(project, loaded)
    print_diagnostics(list(report), annotate=annotations_wanted(annotations))
    if loaded is None or report.has_errors:
        errors, warnings = len(report.errors), len(report.warnings)
        click.echo(t("diag.summary", errors=errors, warnings=warnings), err=True)
        sys.exit(1)
    values = sum(len(entry.get("values", [])) for entry in loaded.indicators.values())
    click.echo(
        t(
            "evidence.verified",
            files=len(loaded.inputs),
            values=values,
            indicators=len(loaded.indicators),
        )
    )


@main.command()
@project_option
@data_option
@click.option("--period", required=True, help="The period reviewed: 2026, 2026-Q3 or 2026-09.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the report to this Markdown file instead of standard output.",
)
@with_language
def review(project_dir: Path, data_dir: str | None, period: str, out: Path | None) -> None:
    """Write the management review (ISO 9001 9.3) of any period as Markdown."""
    from sqms.review.period import parse_period
    from sqms.site import review_report

    chosen = parse_period(period)
    if chosen is None:
        raise click.UsageError(t("evidence.bad_period", period=period))
    project = load_or_exit(project_dir, data_dir)
    try:
        text = review_report(project, chosen)
    except ProjectError as exc:
        print_diagnostics(exc.diagnostics)
        sys.exit(1)
    if out is None:
        click.echo(text, nl=False)
        return
    from sqms.files import write_atomic

    def write(target: Path) -> None:
        target.write_text(text, encoding="utf-8")

    write_atomic(out, write)
    click.echo(t("cli.wrote", path=out.as_posix()))


@main.command()
@project_option
@click.option(
    "--period",
    default=None,
    help="The audit period (2026, 2026-Q3 or 2026-09): names the pack, and its management "
    "review is included in the site.",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The archive to write (default: evidence-PERIOD.zip in the project folder).",
)
@with_language
def evidence(project_dir: Path, period: str | None, out: Path | None) -> None:
    """Build the site strictly and write it, its manifest and checksums into one archive."""
    from sqms.plugin.pack import build_pack
    from sqms.review.period import PERIOD_PATTERN

    if period is not None and not PERIOD_PATTERN.match(period):
        raise click.UsageError(t("evidence.bad_period", period=period))
    load_or_exit(project_dir, None)
    try:
        written = build_pack(project_dir, period, out)
    except ProjectError as exc:
        print_diagnostics(exc.diagnostics)
        sys.exit(1)
    click.echo(t("cli.wrote", path=written.as_posix()))


@main.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path(DATA_DIR))
@click.option(
    "--tickets",
    type=click.IntRange(min=100),
    default=30000,
    show_default=True,
    help="How many tickets.",
)
@click.option(
    "--seed", type=int, default=None, help="Random seed (the default gives the committed sample)."
)
@click.option("--parquet", is_flag=True, help="Write tickets as Parquet (for large samples).")
@with_language
def demo(out_dir: Path, tickets: int, seed: int | None, parquet: bool) -> None:
    """Write the sample service data (tickets, surveys, customers, QA reviews, complaints)."""
    from sqms.demo import DEMO_SEED, write_demo_data

    written = write_demo_data(
        out_dir,
        tickets=tickets,
        seed=DEMO_SEED if seed is None else seed,
        fmt="parquet" if parquet else "csv",
    )
    for path in written:
        click.echo(t("cli.wrote", path=path.as_posix()))


# --- command: new ---
@main.command("new")
@click.argument("directory", metavar="DIR", type=click.Path(path_type=Path))
@click.option("--title", default=None, help="The manual's title (default: Service quality manual).")
@click.option(
    "--lang",
    "language",
    type=click.Choice(LANGUAGES),
    default="en",
    show_default=True,
    help="Language of the new manual's pages (and of messages).",
)
def new(directory: Path, title: str | None, language: str) -> None:
    """Create a new SQMS project in DIR that builds on its first run.

    DIR must not exist, or be an empty folder. The project is written whole,
    or not at all.
    """
    from sqms.new_project import NotEmptyError, create_project

    with use_language(language):
        try:
            written = create_project(directory, title, language)
        except ValueError as exc:
            raise click.BadParameter(t("new.bad_title"), param_hint="--title") from exc
        except NotEmptyError:
            click.echo(t("new.not_empty", path=directory.as_posix()), err=True)
            sys.exit(1)
        except OSError as exc:
            problem = exc.strerror or str(exc)
            click.echo(t("new.failed", path=directory.as_posix(), problem=problem), err=True)
            sys.exit(1)
        click.echo(t("new.created", path=directory.as_posix(), files=len(written)))
        click.echo(t("new.next_steps", path=directory.as_posix()))


# --- command: diff ---
@main.command()
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
@with_language
def diff(
    base: str, project_dir: Path, data_dir: str | None, fmt: str, fail_on_unversioned: bool
) -> None:
    """Summarise what the change since BASE does to the manual and the numbers.

    BASE is a git revision (origin/main, a tag, a commit); the project in its
    folder, committed or not, is compared with the same project at BASE.
    """
    from sqms.diff import diff_against
    from sqms.diff_git import RevisionError
    from sqms.diff_report import render

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
        click.echo(t("diff.unversioned_summary", count=len(unversioned), ids=ids), err=True)
        sys.exit(1)


@main.group()
def doc() -> None:
    """Controlled documents of the manual."""


@doc.command("new")
@project_option
@click.option("--id", "doc_id", required=True, help="Document id, e.g. QP-13.")
@click.option("--title", required=True, help="Document title.")
@click.option(
    "--type",
    "doc_type",
    type=click.Choice(["policy", "manual", "procedure", "instruction", "form", "knowledge"]),
    default="procedure",
    show_default=True,
)
@click.option(
    "--owner", default="Quality Manager", show_default=True, help="The role that owns it."
)
@with_language
def doc_new(project_dir: Path, doc_id: str, title: str, doc_type: DocType, owner: str) -> None:
    """Write a new draft document with valid front matter into the manual."""
    from sqms.documents_spec import ID_PATTERN
    from sqms.scaffold import document_path, document_text, write_new

    settings = read_settings(project_dir)
    if not ID_PATTERN.match(doc_id):
        raise click.UsageError(t("doc.bad_id", id=doc_id))
    existing = load_project(
        project_dir, settings.data_dir, settings.docs_dir, settings.uncontrolled
    )
    if doc_id in existing.manual.documents:
        click.echo(
            t("cli.doc_exists", id=doc_id, path=existing.manual.documents[doc_id].display), err=True
        )
        sys.exit(1)
    relative = f"{settings.docs_dir}/{document_path(doc_id, title, doc_type)}"
    try:
        write_new(project_dir / relative, document_text(doc_id, title, doc_type, owner))
    except FileExistsError:
        click.echo(t("cli.file_exists", path=relative), err=True)
        sys.exit(1)
    click.echo(t("cli.wrote", path=relative))
