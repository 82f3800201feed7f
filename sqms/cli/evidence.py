"""Audit evidence: ``sqms verify``, ``sqms review`` and ``sqms evidence``.

``verify`` checks a published site or an evidence pack file by file (and its
SSH signature); ``review`` writes the management review of a period;
``evidence`` builds the site and packs it, with its inputs, into one archive.
"""

from __future__ import annotations

import sys
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

import click

from sqms.cli.annotations import annotations_wanted
from sqms.cli.common import (
    annotations_option,
    data_option,
    load_or_exit,
    print_diagnostics,
    problem_summary,
    project_option,
    with_as_of,
    with_language,
)
from sqms.cli.output import with_progress
from sqms.diagnostics import ProjectError, Report
from sqms.engine.review_periods import PERIOD_PATTERN, parse_period
from sqms.evidence.manifest import Manifest
from sqms.evidence.signing import sign_file, verify_signature
from sqms.evidence.unpack import unpack
from sqms.evidence.verify import load_manifest, verify_manifest
from sqms.i18n import nt, t
from sqms.io.files import write_atomic
from sqms.io.history import parse_as_of
from sqms.plugin.pack import build_pack
from sqms.project import load_project
from sqms.publish.site import review_report
from sqms.settings import read_settings


@click.command()
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
            pages=nt("count.published_files", len(loaded.site or {})),
            files=nt("count.input_files", len(loaded.inputs)),
            values=nt("count.values", values),
            indicators=nt("count.indicators", len(loaded.indicators)),
        )
    )


@click.command()
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
@with_progress
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


@click.command()
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
@with_progress
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
