"""Commands that write files to start from: ``sqms demo``, ``new``, ``schema`` and ``doc new``.

``demo`` writes the sample service data; ``new`` a whole new project;
``schema`` the JSON Schemas and editor settings of the project's YAML files;
``doc new`` a new draft document of the manual.
"""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from sqms.cli.common import print_diagnostics, project_option, with_language
from sqms.demo import DEMO_SEED, write_demo_data
from sqms.diagnostics import Diagnostic
from sqms.i18n import LANGUAGES, nt, t, use_language
from sqms.io.confine import is_inside
from sqms.io.files import write_atomic
from sqms.project import DATA_DIR, load_project
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
from sqms.scaffold.nav import CONFIG_FILE, NavChange, NavResult, add_to_nav
from sqms.scaffold.new_project import NotEmptyError, create_project, extras_of
from sqms.scaffold.origin import Source, package_name, running_source
from sqms.schema.documents import ID_PATTERN, DocType
from sqms.settings import read_settings


@click.command()
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
@click.command("new")
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
        source = running_source(extras_of(language))
        try:
            written = create_project(directory, title, language, source=source)
        except ValueError as exc:
            raise click.BadParameter(t("new.bad_title"), param_hint="--title") from exc
        except NotEmptyError:
            click.echo(t("new.not_empty", path=directory.as_posix()), err=True)
            sys.exit(1)
        except OSError as exc:
            problem = exc.strerror or str(exc)
            click.echo(t("new.failed", path=directory.as_posix(), problem=problem), err=True)
            sys.exit(1)
        click.echo(nt("new.created", len(written), path=directory.as_posix(), files=len(written)))
        _say_where_sqms_comes_from(source, language)
        click.echo(t("new.next_steps", folder=shlex.quote(directory.as_posix())))


def _say_where_sqms_comes_from(source: Source, language: str) -> None:
    """Warn when the new project's ``requirements.txt`` names no SQMS, or one on this machine."""
    if source.requirement is None:
        reason = t(source.reason)
        package = package_name(extras_of(language))
        click.echo(t("new.source_unknown", reason=reason, package=package), err=True)
    elif source.local:
        click.echo(t("new.source_local", url=source.url), err=True)


# --- command: schema ---
@click.command("schema")
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
        click.echo(nt("schema.cli.stale_summary", len(problems)), err=True)
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


@click.group()
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
    page = document_path(doc_id, title, doc_type)
    relative = f"{settings.docs_dir}/{page}"
    try:
        write_new(project_dir / relative, document_text(doc_id, title, doc_type, owner))
    except FileExistsError:
        click.echo(t("cli.file_exists", path=relative), err=True)
        sys.exit(1)
    click.echo(t("cli.wrote", path=relative))
    _say_nav(add_to_nav(project_dir / CONFIG_FILE, page))


def _say_nav(result: NavResult) -> None:
    """Say where the new page went in the navigation, or exactly where to add it."""
    entry, line = result.entry.strip(), result.line
    if result.change is NavChange.ADDED:
        click.echo(t("doc.nav_added", entry=entry, file=CONFIG_FILE, line=line))
    elif result.change is NavChange.NO_NAV:
        click.echo(t("doc.nav_none", file=CONFIG_FILE))
    elif result.change is NavChange.NO_SIBLING:
        click.echo(t("doc.nav_no_sibling", entry=entry, file=CONFIG_FILE, line=line), err=True)
    elif result.change is NavChange.MANUAL and line is not None:
        click.echo(t("doc.nav_add_near", entry=entry, file=CONFIG_FILE, line=line), err=True)
    elif result.change is NavChange.MANUAL:
        click.echo(t("doc.nav_add", entry=entry, file=CONFIG_FILE), err=True)
