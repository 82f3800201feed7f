"""Everything a build publishes, computed from a loaded project in one place.

The MkDocs plugin (and any other builder) calls :func:`build_site` and only
places what it returns: the generated pages, the report data the directives
embed, and the results JSON. The order matters once: the registers are judged
after the indicators (an action's effectiveness is read from them), and what
they flag joins the dashboard's "needs attention".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqms.diagnostics import ProjectError
from sqms.engine.review_periods import ReviewPeriod
from sqms.evidence.manifest import (
    MANIFEST_FILE,
    build_manifest,
    manifest_json,
    provenance_lines,
)
from sqms.i18n import nt, t
from sqms.progress import stage
from sqms.project import Project, compute_results
from sqms.registers import (
    RegisterAnalysis,
    RegisterContext,
    analyse_registers,
    register_attention,
    register_pages,
)
from sqms.registers.common import (
    ACTIONS_PAGE,
    AUDITS_PAGE,
    COMPLAINTS_PAGE,
    FEEDBACK_PAGE,
    REGISTER_WORDS,
    TRAINING_PAGE,
    relative,
)
from sqms.registers.risks.page import RISKS_PAGE
from sqms.review.page import review_page, review_pages
from sqms.site.pages import PLAN_PAGE, RESULTS_FILE, Page, generated_pages
from sqms.site.pages.clauses import Linker, clause_matrix_page
from sqms.site.pages.documents import overdue_items, register_page
from sqms.site.pages.plan import objective_anchor
from sqms.site.reporting import ReportData, build_report
from sqms.site.results import results_json
from sqms.standards.clauses import ClauseRef, clause_matrix, open_nonconformities
from sqms.text.formatting import escape


@dataclass(frozen=True)
class Site:
    """What a build adds to the manual."""

    report: ReportData
    """The plan, results, control charts and attention items, for pages and directives."""
    pages: list[Page]
    files: dict[str, str]
    """Other generated files by site path: the results JSON and the evidence manifest."""
    manifest: dict[str, Any]
    computed: ReportData
    """The report as the data alone gives it (:func:`data_report`), before the manual and the
    registers join it: a build of the same data and settings can use it again."""


REGISTER_PAGES = {
    "complaints": COMPLAINTS_PAGE,
    "feedback": FEEDBACK_PAGE,
    "actions": ACTIONS_PAGE,
    "training": TRAINING_PAGE,
    "audits": AUDITS_PAGE,
    "risks": RISKS_PAGE,
}


def _linker(context: RegisterContext) -> Linker:
    """Links from a page to any evidence of the clause matrix."""

    def link(ref: ClauseRef, page: str) -> str:
        if ref.kind == "objective":
            target = f"{relative(PLAN_PAGE, page)}#{objective_anchor(ref.item)}"
            return f"[{escape(ref.item)}]({target})"
        if ref.kind == "register":
            name = t(REGISTER_WORDS[ref.item])
            return f"[{escape(name)}]({relative(REGISTER_PAGES[ref.item], page)})"
        return context.link(ref.kind, ref.item, page)

    return link


def build_site(
    project: Project,
    inputs: Sequence[str],
    files: Sequence[str] = (),
    reviews: Sequence[ReviewPeriod] = (),
    computed: ReportData | None = None,
) -> Site:
    """Compute the indicators, judge the registers and write every generated page.

    ``inputs`` are the folders (relative to the project root) whose files the
    site is made from, ``files`` single files (``mkdocs.yml``): the manifest
    lists them all with their hashes. ``reviews`` are management-review periods
    asked for besides the plan's latest quarters. ``computed`` is the
    :attr:`Site.computed` of an earlier build of the same data folder,
    configuration and as-of date, whose indicators are then not computed again.
    Raises :class:`~sqms.diagnostics.ProjectError` when the project has errors.
    """
    if not project.ok or project.plan is None:
        raise ProjectError(project.report.errors)
    base = computed if computed is not None else data_report(project)
    results = base.results
    manifest = build_manifest(project, results, inputs, files)
    with stage() as judging:
        context, analyses = judge(project, base, provenance_lines(manifest))
        judging.done(nt("progress.judged", len(analyses)))
    report = context.report
    with stage() as writing:
        pages = generated_pages(project.plan, results, report)
        writing.done(nt("progress.indicator_pages", len(pages)))
    with stage() as writing:
        more = [register_page(project.manual), *register_pages(analyses, context)]
        if project.frameworks is not None:
            open_findings = open_nonconformities(project.registers)
            matrix = clause_matrix(project.frameworks, project.clauses, open_findings)
            more.append(clause_matrix_page(project.frameworks, matrix, _linker(context)))
        count = project.plan.spec.reporting.reviews
        more += review_pages(context, analyses, count, reviews)
        writing.done(nt("progress.other_pages", len(more)))
    pages += more
    generated = {
        RESULTS_FILE: results_json(project.plan, results),
        MANIFEST_FILE: manifest_json(manifest),
    }
    return Site(report, pages, generated, manifest, base)


def data_report(project: Project) -> ReportData:
    """The indicators' results and all the report computes from the data alone.

    Control charts, histograms and the service cycle depend on the datasets,
    the plan and the as-of date, not on the manual: :func:`judge` joins the
    manual's part. Raises :class:`~sqms.diagnostics.ProjectError` when the
    project has errors.
    """
    results = compute_results(project)
    assert project.plan is not None  # compute_results checked it
    return build_report(project.plan, results, project.catalog)


def judge(
    project: Project, base: ReportData, provenance: dict[str, str] | None = None
) -> tuple[RegisterContext, dict[str, RegisterAnalysis]]:
    """The report of ``base`` with the manual's part, and the registers judged against it.

    The manual adds the documents overdue for review to "needs attention" and
    the documents pages may link to; what the registers flag joins it too.
    """
    report = dataclasses.replace(
        base,
        attention=base.attention + overdue_items(project.manual),
        documents=frozenset(project.manual.documents),
        provenance=provenance or {},
        as_of=project.today,
    )
    context = RegisterContext(
        report, project.catalog, project.manual, project.today, project.registers
    )
    analyses = analyse_registers(context)
    report = dataclasses.replace(
        report, attention=report.attention + register_attention(analyses, context)
    )
    return dataclasses.replace(context, report=report), analyses


def review_report(project: Project, period: ReviewPeriod) -> str:
    """The management review of ``period`` as Markdown (``sqms review``).

    Raises :class:`~sqms.diagnostics.ProjectError` when the project has errors.
    """
    context, analyses = judge(project, data_report(project))
    return review_page(period, context, analyses).markdown
