"""The clause matrix page: clause-first navigation for auditors.

A certification summary counts the certifiable frameworks only. For each
framework, the gaps come first (clauses with no evidence, then those only
partly evidenced, each saying what is missing), then the clauses declared not
applicable with their justification, then every clause in the standard's
order with an anchor (``#iso9001-8-5-1``), its coverage in symbol and word,
links to the documents and records that address it (a document not in force
and an open nonconformity marked as such) and what is missing. A guidance
framework (ISO 10002) is worded as how far the system follows the guidance:
addressed, partly addressed, not addressed — never as gaps.
"""

from __future__ import annotations

from collections.abc import Callable

from sqms.i18n import N_, nt, t
from sqms.site.pages.common import Page, md_table, register_table, report_markdown
from sqms.standards.clauses import (
    IN_FORCE,
    NOT_APPLICABLE,
    OPEN_NONCONFORMITY,
    STATUSES,
    ClauseRef,
    ClauseRow,
)
from sqms.standards.frameworks import Framework, Frameworks
from sqms.text.formatting import escape, slug

CLAUSES_PAGE = "certification/clause-matrix.md"
SYMBOL = {"covered": "✔", "partial": "◐", "none": "✖", NOT_APPLICABLE: "⊘"}
GUIDANCE_SYMBOL = {**SYMBOL, "none": "○"}
COVERAGE_WORDS: dict[str, str] = {
    "covered": N_("clauses.status.covered"),
    "partial": N_("clauses.status.partial"),
    "none": N_("clauses.status.none"),
}
"""Each coverage of an applicable clause (``sqms.standards.clauses.STATUSES``) → its word's id."""
GUIDANCE_WORDS: dict[str, str] = {
    "covered": N_("clauses.guidance_status.covered"),
    "partial": N_("clauses.guidance_status.partial"),
    "none": N_("clauses.guidance_status.none"),
    NOT_APPLICABLE: N_("clauses.guidance_status.not-applicable"),
}
"""Each coverage of a guidance clause → the id of how far the guidance is followed."""
MISSING_WORDS: dict[str, str] = {
    "no-document": N_("clauses.missing.no-document"),
    "no-document-in-force": N_("clauses.missing.no-document-in-force"),
    "no-record": N_("clauses.missing.no-record"),
}
"""Each thing a clause may lack (``sqms.standards.clauses.MISSING``) → the id saying so."""
STATE_WORDS: dict[str, str] = {
    "draft": N_("clauses.state.draft"),
    "in-review": N_("clauses.state.in-review"),
    "pending": N_("clauses.state.pending"),
    "obsolete": N_("clauses.state.obsolete"),
    OPEN_NONCONFORMITY: N_("clauses.state.open-nonconformity"),
}
"""Each state of evidence that does not count (``ClauseRef.state`` but in force) → its words."""

Linker = Callable[[ClauseRef, str], str]
"""Makes the Markdown link to one piece of evidence, from a page."""


def clause_anchor(framework: str, clause: str) -> str:
    """The HTML id of a clause's row: ``ISO9001``, ``8.5.1`` → ``iso9001-8-5-1``."""
    return slug(f"{framework}-{clause}")


def clause_matrix_page(
    frameworks: Frameworks, matrix: dict[str, list[ClauseRow]], linker: Linker
) -> Page:
    """Every framework's clauses with their coverage and evidence, gaps first."""
    lines = ["# " + t("clauses.title"), "", t("clauses.rules"), ""]
    lines += _certification_summary(frameworks, matrix)
    for framework_id, rows in matrix.items():
        framework = frameworks.frameworks[framework_id]
        lines += _framework_section(framework, rows, linker)
    return Page(CLAUSES_PAGE, report_markdown(lines))


def _certification_summary(frameworks: Frameworks, matrix: dict[str, list[ClauseRow]]) -> list[str]:
    """One line per certifiable framework; guidance frameworks are never counted."""
    lines = []
    for framework_id, rows in matrix.items():
        framework = frameworks.frameworks[framework_id]
        if framework.guidance:
            continue
        applicable = [row for row in rows if row.status != NOT_APPLICABLE]
        lines.append(
            "- "
            + nt("clauses.certification", len(applicable), framework=escape(framework.title),
                covered=sum(row.status == "covered" for row in applicable),
                applicable=len(applicable), na=len(rows) - len(applicable))
        )  # fmt: skip
    guidance = [escape(f.title) for f in frameworks.frameworks.values() if f.guidance]
    if guidance:
        lines.append("- " + t("clauses.guidance_not_counted", frameworks=", ".join(guidance)))
    return [*lines, ""] if lines else []


def _framework_section(framework: Framework, rows: list[ClauseRow], linker: Linker) -> list[str]:
    """One framework: its summary, its gaps, its exclusions, then every clause."""
    title = escape(framework.title)
    if framework.equivalent:
        identical = t("clauses.identical_to", name=escape(framework.equivalent))
        title += f" ({identical})"
    if framework.guidance:
        title += " — " + t("clauses.guidance")
    lines = [f"## {title}", ""]
    if framework.guidance:
        lines += [t("clauses.guidance_intro"), ""]
    counts = {status: sum(row.status == status for row in rows) for status in STATUSES}
    values = {"total": len(rows), "covered": counts["covered"], "partial": counts["partial"],
              "none": counts["none"], "na": counts[NOT_APPLICABLE]}  # fmt: skip
    summary = (
        nt("clauses.guidance_summary", len(rows), **values)
        if framework.guidance
        else nt("clauses.full_summary", len(rows), **values)
    )
    lines += [summary, ""]
    gaps = [row for row in rows if row.status in ("none", "partial")]
    gaps.sort(key=lambda row: STATUSES.index(row.status))
    gaps_title = t("clauses.not_addressed") if framework.guidance else t("clauses.gaps")
    lines += ["### " + gaps_title, ""]
    if gaps:
        lines += [*(_gap_line(row, framework) for row in gaps), ""]
    else:
        lines += [
            t("clauses.all_addressed") if framework.guidance else t("clauses.no_gaps_applicable"),
            "",
        ]
    excluded = [row for row in rows if row.status == NOT_APPLICABLE]
    if excluded:
        lines += ["### " + t("clauses.excluded"), ""]
        lines += [*(_gap_line(row, framework) for row in excluded), ""]
    lines += ["### " + t("clauses.all"), ""]
    return lines + _matrix_table(rows, framework, linker)


def status_text(status: str, guidance: bool = False) -> str:
    """``✔ covered``: coverage in symbol and word (``✔ addressed`` for guidance)."""
    if guidance:
        return GUIDANCE_SYMBOL[status] + " " + t(GUIDANCE_WORDS[status])
    if status == NOT_APPLICABLE:
        return SYMBOL[status] + " " + t("clauses.status_not_applicable")
    return SYMBOL[status] + " " + t(COVERAGE_WORDS[status])


def _clause_link(row: ClauseRow) -> str:
    anchor = clause_anchor(row.framework, row.clause)
    return f"[{escape(row.clause)} {escape(row.title)}](#{anchor})"


def _gap_line(row: ClauseRow, framework: Framework) -> str:
    """One bullet per gap (or exclusion), linking to the clause's row, with what it lacks."""
    text = f"- {_clause_link(row)} — {status_text(row.status, framework.guidance)}"
    detail = missing_text(row)
    return f"{text}: {detail}" if detail else text


def missing_text(row: ClauseRow) -> str:
    """What a row lacks, or why it does not apply ("" for a covered clause)."""
    if row.status == NOT_APPLICABLE:
        if row.justification is None:
            return t("clauses.all_children_excluded")
        return t("clauses.justification", text=escape(row.justification))
    parts = []
    if row.open_findings:
        findings = ", ".join(escape(item) for item in row.open_findings)
        parts.append(t("clauses.open_nonconformity", findings=findings))
    if row.leaf:
        parts += [t(MISSING_WORDS[code]) for code in row.missing]
    elif row.uncovered:
        links = ", ".join(
            f"[{escape(clause)}](#{clause_anchor(row.framework, clause)})"
            for clause in row.uncovered
        )
        parts.append(t("clauses.uncovered", clauses=links))
    return "; ".join(parts)


def _evidence_text(ref: ClauseRef, linker: Linker) -> str:
    """A link to one piece of evidence, with its state when it does not count."""
    link = linker(ref, CLAUSES_PAGE)
    if ref.state is None or ref.state == IN_FORCE:
        return link
    state = t(STATE_WORDS[ref.state])
    return f"{link} ({state})"


def _matrix_table(rows: list[ClauseRow], framework: Framework, linker: Linker) -> list[str]:
    """Every clause: id (anchored), title, coverage, documents, records, what is missing."""
    header = [t("clauses.col.clause"), t("clauses.col.title"), t("clauses.col.status"),
              t("clauses.col.documents"), t("clauses.col.records"),
              t("clauses.col.missing")]  # fmt: skip
    cells = []
    for row in rows:
        documents = [_evidence_text(ref, linker) for ref in row.evidence if ref.kind == "document"]
        records = [_evidence_text(ref, linker) for ref in row.evidence if ref.kind != "document"]
        anchor = clause_anchor(row.framework, row.clause)
        title = escape(row.title)
        if row.note:
            title += f" ({escape(row.note)})"
        cells.append(
            [
                f'<span id="{anchor}"></span>{escape(row.clause)}',
                title,
                status_text(row.status, framework.guidance),
                ", ".join(dict.fromkeys(documents)) or "—",
                ", ".join(dict.fromkeys(records)) or "—",
                missing_text(row) or "—",
            ]
        )
    return register_table(md_table(header, cells))
