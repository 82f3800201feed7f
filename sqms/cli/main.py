"""The ``sqms`` command: check a project, print indicators, write sample data.

A thin adapter over the core: it loads the project, prints diagnostics as
``file:line: message`` and turns them into exit codes (0 fine, 1 problems in
the project, 2 wrong usage). It never shows a traceback for a user's mistake.
Inside GitHub Actions it also prints them as workflow commands, so they show
on the pull request's diff.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from sqms import __version__
from sqms.cli.annotations import MODES, annotations_wanted, github_annotation
from sqms.cli.output import diagnostics_json
from sqms.demo import DEMO_SEED, write_demo_data
from sqms.diagnostics import Diagnostic, ProjectError, Report, shorten
from sqms.diagnostics.reference import explain as explain_code
from sqms.diff.compare import diff_against
from sqms.diff.report import render
from sqms.diff.revision import RevisionError
from sqms.engine.review_periods import PERIOD_PATTERN, parse_period
from sqms.evidence.manifest import Manifest
from sqms.evidence.signing import sign_file, verify_signature
from sqms.evidence.unpack import unpack
from sqms.evidence.verify import load_manifest, verify_manifest
from sqms.i18n import LANGUAGES, current_language, normalise_language, nt, t, use_language
from sqms.io.confine import is_inside
from sqms.io.files import write_atomic
from sqms.io.history import bad_as_of, parse_as_of
from sqms.plugin.pack import build_pack
from sqms.project import DATA_DIR, Project, compute_results, load_project
from sqms.publish.check import check_as_built
from sqms.publish.site import review_report
from sqms.scaffold.document import document_path, document_text, write_new
from sqms.scaffold.json_schema import (
    SCHEMA_DIR,
    SCHEMAS,
    SETTINGS_FILE,
    YAML_SCHEMAS,
    mapping_is_current,
    merge_settings,
    render_settings,
    write_schemas,
    yaml_schemas,
)
from sqms.scaffold.json_schema import stale_schemas as stale_in
from sqms.scaffold.new_project import NotEmptyError, create_project
from sqms.schema.documents import ID_PATTERN, DocType
from sqms.settings import read_settings
from sqms.site.results import results_csv, results_json, results_table

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


def _option_as_of() -> dt.date | None:
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
    settings = read_settings(project_dir)
    project = load_project(
        project_dir, data_dir or settings.data_dir, settings.docs_dir, settings.uncontrolled,
        as_of=as_of if as_of is not None else _option_as_of(), as_of_setting=settings.as_of,
    )  # fmt: skip
    print_diagnostics(
        list(project.report), annotate=annotate and (annotate_when_ok or not project.ok)
    )
    if not project.ok:
        errors, warnings = len(project.report.errors), len(project.report.warnings)
        click.echo(problem_summary(errors, warnings), err=True)
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
    click.echo(t("cli.check_ok", indicators=len(project.plan.indicators) if project.plan else 0))


@main.command()
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
    project = load_project(
        project_dir, data_dir or settings.data_dir, settings.docs_dir, settings.uncontrolled,
        as_of=_option_as_of(), as_of_setting=settings.as_of,
    )  # fmt: skip
    found = Report()
    found.extend(project.report.diagnostics)
    if project.ok:
        found.extend(check_as_built(project, settings.docs_dir).diagnostics)
    ok = not found.has_errors and not (settings.strict and found.warnings)
    click.echo(diagnostics_json(list(found), ok=ok, strict=settings.strict))
    if not ok:
        sys.exit(1)


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
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@project_option
@data_option
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The built site to check file by file (default: the site the manifest sits in).",
)
@click.option(
    "--signature",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="An SSH signature of TARGET (TARGET.sig) to check first.",
)
@click.option(
    "--allowed-signers",
    "allowed_signers",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Who may sign (ssh-keygen's allowed-signers format); needed with --signature.",
)
@click.option("--identity", default=None, help="The signer expected (default: whoever it is).")
@annotations_option
@with_language
def verify(
    target: Path,
    project_dir: Path,
    data_dir: str | None,
    site_dir: Path | None,
    signature: Path | None,
    allowed_signers: Path | None,
    identity: str | None,
    annotations: str,
) -> None:
    """Check a published site file by file and recompute its numbers.

    TARGET is the sqms/manifest.json of a built site, checked against the
    project folder (its inputs and commit) and the site it sits in; or an
    evidence pack (.zip), checked on its own: its site, its inputs and its
    numbers, with no repository needed.
    """
    if signature is not None:
        _check_signature(target, signature, allowed_signers, identity, annotations)
    report: Report = Report()
    loaded: Manifest | None = None
    if zipfile.is_zipfile(target):
        with tempfile.TemporaryDirectory(prefix="sqms-verify-") as folder:
            opened = unpack(target, Path(folder), report)
            if opened is not None:
                report, loaded = _verify(opened.manifest, opened.project, None, opened.site, False)
                report = _shown_from_pack(report, Path(folder), target.name)
    else:
        site = site_dir if site_dir is not None else _site_of(target)
        report, loaded = _verify(target, project_dir, data_dir, site, True)
    _finish_verify(report, loaded, annotations)


def _check_signature(
    target: Path,
    signature: Path,
    allowed_signers: Path | None,
    identity: str | None,
    annotations: str,
) -> None:
    """Check TARGET's SSH signature before its content; exit 1 when it is not good."""
    if allowed_signers is None:
        raise click.UsageError(t("signing.needs_allowed_signers"))
    problems, principal = verify_signature(target, signature, allowed_signers, identity)
    if problems or principal is None:
        print_diagnostics(problems, annotate=annotations_wanted(annotations))
        sys.exit(1)
    click.echo(t("signing.verified", signature=signature.as_posix(), principal=principal))


def _verify(
    manifest: Path, root: Path, data_dir: str | None, site: Path | None, checkout: bool
) -> tuple[Report, Manifest | None]:
    """Load the project at ``root`` and check it, and ``site``, against ``manifest``."""
    report = Report()
    shown = manifest.as_posix() if checkout else manifest.name
    loaded = load_manifest(manifest, shown, report)
    if loaded is None:
        return report, None
    # The project is judged as of the day the site was, as the manifest records it.
    settings = read_settings(root)
    project = load_project(
        root,
        data_dir or settings.data_dir,
        settings.docs_dir,
        settings.uncontrolled,
        as_of=parse_as_of(str(loaded.document.get("as_of") or "")),
    )
    return verify_manifest(project, loaded, site, checkout=checkout), loaded


def _site_of(manifest: Path) -> Path | None:
    """The site a manifest was published in (``SITE/sqms/manifest.json``), if it is there."""
    site = manifest.resolve().parent.parent
    return site if manifest.parent.name == "sqms" and (site / "index.html").is_file() else None


def _shown_from_pack(report: Report, folder: Path, pack: str) -> Report:
    """Problems of an unpacked pack named as the pack's entries, not as temporary paths."""
    shown = Report()
    prefix = folder.as_posix().rstrip("/") + "/"
    for diagnostic in report.diagnostics:
        name = diagnostic.file.replace(prefix, "")
        shown.extend([replace(diagnostic, file=f"{pack}:{name}")])
    return shown


def _finish_verify(report: Report, loaded: Manifest | None, annotations: str) -> None:
    """Print the findings; exit 1 on any error, else say what was verified."""
    print_diagnostics(list(report), annotate=annotations_wanted(annotations))
    if loaded is None or report.has_errors:
        errors, warnings = len(report.errors), len(report.warnings)
        click.echo(problem_summary(errors, warnings), err=True)
        sys.exit(1)
    values = sum(len(entry.get("values", [])) for entry in loaded.indicators.values())
    click.echo(
        t(
            "evidence.verified_site",
            pages=len(loaded.site or {}),
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
@with_as_of
@with_language
def review(project_dir: Path, data_dir: str | None, period: str, out: Path | None) -> None:
    """Write the management review (ISO 9001 9.3) of any period as Markdown."""
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
@click.option(
    "--sign",
    "key",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Sign the pack with this SSH key (ssh-keygen -Y sign): writes PACK.sig beside it.",
)
@with_language
def evidence(project_dir: Path, period: str | None, out: Path | None, key: Path | None) -> None:
    """Build the site strictly and pack it with its manifest and inputs into one archive.

    The pack verifies on its own (`sqms verify PACK`); --sign adds an SSH signature.
    """
    if period is not None and not PERIOD_PATTERN.match(period):
        raise click.UsageError(t("evidence.bad_period", period=period))
    load_or_exit(project_dir, None)
    try:
        written = build_pack(project_dir, period, out)
    except ProjectError as exc:
        print_diagnostics(exc.diagnostics)
        sys.exit(1)
    click.echo(t("cli.wrote", path=written.as_posix()))
    if key is not None:
        try:
            signature = sign_file(written, key)
        except ProjectError as exc:
            print_diagnostics(exc.diagnostics)
            sys.exit(1)
        click.echo(t("cli.wrote", path=signature.as_posix()))


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


# --- command: schema ---
@main.command("schema")
@click.argument(
    "project_dir",
    metavar="[PROJECT]",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
)
@click.option(
    "--check",
    is_flag=True,
    help="Write nothing: list the schemas and editor settings that are missing or out of "
    "date, and exit 1 if there are any.",
)
@with_language
def schema(project_dir: Path, check: bool) -> None:
    """Write JSON Schemas of the project's YAML files for editors to complete and check.

    The schemas go to PROJECT/.sqms/schemas/, and VS Code's YAML extension is
    told which file each describes in PROJECT/.vscode/settings.json (its other
    settings are kept). Run it again after upgrading SQMS.
    """
    editor = _editor_settings(project_dir)
    layout = read_settings(project_dir)
    mapping = yaml_schemas(layout.data_dir, layout.docs_dir)
    if check:
        _check_schemas(project_dir, editor, mapping)
    else:
        _write_schemas(project_dir, editor, mapping)
    click.echo(
        t("schema.cli.current", count=len(SCHEMAS), folder=SCHEMA_DIR, settings=SETTINGS_FILE)
    )


def _editor_settings(project_dir: Path) -> dict[str, Any] | None:
    """The project's ``.vscode/settings.json`` (None when there is none).

    One that cannot be merged into (not JSON, not an object, a link leading
    out of the project) is reported at its line, and the command exits 1
    having written nothing.
    """
    for relative in (SETTINGS_FILE, SCHEMA_DIR):
        if not is_inside(project_dir / relative, project_dir):
            folder = project_dir.resolve().name
            _fail([Diagnostic(relative, None, t("files.link_outside", folder=folder))])
    path = project_dir / SETTINGS_FILE
    if not path.exists():
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = exc.strerror or str(exc)
        _fail([Diagnostic(SETTINGS_FILE, None, t("schema.cli.unreadable", problem=problem))])
    return _parsed_settings(data)


def _parsed_settings(data: bytes) -> dict[str, Any]:
    """The settings object of a settings.json's bytes; exit 1 (reported) when it is none."""
    try:
        settings = json.loads(data)
    except (ValueError, RecursionError) as exc:  # ValueError: JSONDecodeError, bad UTF-8
        line = getattr(exc, "lineno", 1)
        problem = getattr(exc, "msg", None) or str(exc)
        _fail([Diagnostic(SETTINGS_FILE, line, t("schema.cli.bad_settings", problem=problem))])
    if not isinstance(settings, dict):
        _fail([Diagnostic(SETTINGS_FILE, 1, t("schema.cli.settings_not_object"))])
    if not isinstance(settings.get(YAML_SCHEMAS, {}), dict):
        line = _line_of(data, f'"{YAML_SCHEMAS}"')
        _fail([Diagnostic(SETTINGS_FILE, line, t("schema.cli.yaml_schemas_not_object"))])
    return settings


def _line_of(data: bytes, text: str) -> int | None:
    """The first line of ``data`` holding ``text``, if any."""
    for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
        if text in line:
            return number
    return None


def _fail(problems: list[Diagnostic]) -> NoReturn:
    """Print the problems and exit 1."""
    print_diagnostics(problems)
    sys.exit(1)


def _check_schemas(
    project_dir: Path, editor: dict[str, Any] | None, mapping: dict[str, list[str]]
) -> None:
    """List the schema files and the settings that are missing or stale; exit 1 if any."""
    folder = project_dir / SCHEMA_DIR
    problems = [
        Diagnostic(
            f"{SCHEMA_DIR}/{name}",
            None,
            t("schema.cli.stale") if (folder / name).exists() else t("schema.cli.missing"),
        )
        for name in stale_in(folder)
    ]
    if editor is None:
        problems.append(Diagnostic(SETTINGS_FILE, None, t("schema.cli.missing")))
    elif not mapping_is_current(editor, mapping):
        problems.append(Diagnostic(SETTINGS_FILE, None, t("schema.cli.unmapped")))
    if problems:
        print_diagnostics(problems)
        click.echo(t("schema.cli.stale_summary", count=len(problems)), err=True)
        sys.exit(1)


def _write_schemas(
    project_dir: Path, editor: dict[str, Any] | None, mapping: dict[str, list[str]]
) -> None:
    """Write the schema files and merge the mapping into settings.json, each when it changed."""
    merged = merge_settings(editor or {}, mapping)
    shown = SCHEMA_DIR
    try:
        written = [f"{SCHEMA_DIR}/{p.name}" for p in write_schemas(project_dir / SCHEMA_DIR)]
        shown = SETTINGS_FILE
        if merged != editor:
            data = render_settings(merged).encode("utf-8")

            def write(target: Path) -> None:
                target.write_bytes(data)

            write_atomic(project_dir / SETTINGS_FILE, write)
            written.append(SETTINGS_FILE)
    except OSError as exc:
        problem = exc.strerror or str(exc)
        _fail([Diagnostic(shown, None, t("schema.cli.write_failed", problem=problem))])
    for path in written:
        click.echo(t("cli.wrote", path=path))


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
