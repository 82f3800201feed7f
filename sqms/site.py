"""Everything a build publishes, computed from a loaded project in one place.

The MkDocs plugin (and any other builder) calls :func:`build_site` and only
places what it returns: the generated pages, the report data the directives
embed, and the results JSON. The order matters once: the registers are judged
after the indicators (an action's effectiveness is read from them), and what
they flag joins the dashboard's "needs attention".
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from sqms.doc_register import overdue_items, register_page
from sqms.pages import Page, generated_pages
from sqms.project import Project, compute_results
from sqms.registers import (
    RegisterContext,
    analyse_registers,
    register_attention,
    register_pages,
)
from sqms.reporting import ReportData, build_report
from sqms.results import results_json


@dataclass(frozen=True)
class Site:
    """What a build adds to the manual."""

    report: ReportData
    """The plan, results, control charts and attention items, for pages and directives."""
    pages: list[Page]
    results_json: str


def build_site(project: Project) -> Site:
    """Compute the indicators, judge the registers and write every generated page.

    Raises :class:`~sqms.diagnostics.ProjectError` when the project has errors.
    """
    results = compute_results(project)
    assert project.plan is not None  # compute_results checked it
    report = build_report(
        project.plan,
        results,
        project.catalog,
        attention=overdue_items(project.manual),
        documents=frozenset(project.manual.documents),
    )
    context = RegisterContext(
        report, project.catalog, project.manual, project.today, project.registers
    )
    analyses = analyse_registers(context)
    report = dataclasses.replace(
        report, attention=report.attention + register_attention(analyses, context)
    )
    context = dataclasses.replace(context, report=report)
    pages = [
        *generated_pages(project.plan, results, report),
        register_page(project.manual),
        *register_pages(analyses, context),
    ]
    return Site(report, pages, results_json(project.plan, results))
