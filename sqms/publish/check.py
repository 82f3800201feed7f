"""What the build would reject, found without building: ``sqms check`` judges as the build does.

Loading a project finds every problem in its files (:func:`sqms.project.load_project`).
The build then computes the indicators, draws the reports and replaces the
directives of every manual page; a directive naming an unknown indicator, a
dimension the indicator is not broken down by or a period that has no value
fails the build, and the reports' warnings fail a strict build. This module
runs those same steps — compute, the report data, every page's directives —
without drawing a chart or writing a page, so ``sqms check`` says in seconds
what the build would say after a minute.
"""

from __future__ import annotations

from sqms.diagnostics import ProjectError, Report
from sqms.documents.manual import FRONT_MATTER, manual_pages
from sqms.project import Project, compute_results, display_path
from sqms.site.embed import EmbedContext, check_directives
from sqms.site.reporting import build_report


def check_as_built(project: Project, manual_dir: str | None) -> Report:
    """The problems the build finds beyond loading; empty when the project has load errors."""
    report = Report()
    if not project.ok or project.plan is None:
        return report
    try:
        results = compute_results(project)
    except ProjectError as exc:  # an engine stopped computing: said at the indicator
        report.extend(exc.diagnostics)
        return report
    data = build_report(project.plan, results, project.catalog)
    report.extend(data.diagnostics)
    manual = project.root / manual_dir if manual_dir else None
    if manual is None or not manual.is_dir():
        return report
    for page in manual_pages(manual):
        text = page.read_text(encoding="utf-8-sig", errors="replace")
        body, first = _body(text)
        relative = page.relative_to(manual).as_posix()
        context = EmbedContext(data, relative, display_path(page, project.root), first)
        report.extend(check_directives(body, context))
    return report


def _body(text: str) -> tuple[str, int]:
    """A page's Markdown after its front matter, and the file line the body starts on."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return text, 1
    return text[match.end() :], text[: match.end()].count("\n") + 1
