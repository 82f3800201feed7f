"""The clause matrix page: clause-first navigation for auditors.

For each framework, the gaps come first (clauses with no evidence, then those
only partly evidenced), then every clause in the standard's order with an
anchor (``#iso9001-8-5-1``), its coverage in symbol and word, and links to the
documents and records that address it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqms.evidence.clauses import STATUSES, ClauseRef, ClauseRow
from sqms.evidence.frameworks import Frameworks
from sqms.formatting import escape, slug
from sqms.i18n import t
from sqms.pages.common import Page, md_table

CLAUSES_PAGE = "certification/clause-matrix.md"
SYMBOL = {"covered": "✔", "partial": "◐", "none": "✖"}

Linker = Callable[[ClauseRef, str], str]
"""Makes the Markdown link to one piece of evidence, from a page."""


def clause_anchor(framework: str, clause: str) -> str:
    """The HTML id of a clause's row: ``ISO9001``, ``8.5.1`` → ``iso9001-8-5-1``."""
    return slug(f"{framework}-{clause}")


def clause_matrix_page(
    frameworks: Frameworks, matrix: dict[str, list[ClauseRow]], linker: Linker
) -> Page:
    """Every framework's clauses with their coverage and evidence, gaps first."""
    lines = [f"# {t('clauses.title')}", "", t("clauses.intro"), ""]
    for framework_id, rows in matrix.items():
        framework = frameworks.frameworks[framework_id]
        title = escape(framework.title)
        if framework.equivalent:
            title += f" ({t('clauses.identical_to', name=escape(framework.equivalent))})"
        lines += [f"## {title}", ""]
        counts = {status: sum(row.status == status for row in rows) for status in STATUSES}
        lines += [t("clauses.summary", total=len(rows), **counts), ""]
        gaps = [row for row in rows if row.status != "covered"]
        gaps.sort(key=lambda row: STATUSES.index(row.status))
        lines += [f"### {t('clauses.gaps')}", ""]
        if gaps:
            lines += [*_gap_lines(gaps), ""]
        else:
            lines += [t("clauses.no_gaps"), ""]
        lines += [f"### {t('clauses.all')}", ""]
        lines += _matrix_table(rows, linker)
    return Page(CLAUSES_PAGE, "\n".join(lines))


def status_text(status: str) -> str:
    """``✔ covered``: coverage in symbol and word."""
    return f"{SYMBOL[status]} {t(f'clauses.status.{status}')}"


def _gap_lines(rows: list[ClauseRow]) -> list[str]:
    """One bullet per gap, linking to the clause's row below."""
    return [
        f"- [{escape(row.clause)} {escape(row.title)}](#{clause_anchor(row.framework, row.clause)})"
        f" — {status_text(row.status)}"
        for row in rows
    ]


def _matrix_table(rows: list[ClauseRow], linker: Linker) -> list[str]:
    """Every clause: id (anchored), title, coverage, documents, records."""
    header = [t("clauses.col.clause"), t("clauses.col.title"), t("clauses.col.status"),
              t("clauses.col.documents"), t("clauses.col.records")]  # fmt: skip
    cells = []
    for row in rows:
        documents = [linker(ref, CLAUSES_PAGE) for ref in row.evidence if ref.kind == "document"]
        records = [linker(ref, CLAUSES_PAGE) for ref in row.evidence if ref.kind != "document"]
        anchor = clause_anchor(row.framework, row.clause)
        cells.append(
            [
                f'<span id="{anchor}"></span>{escape(row.clause)}',
                escape(row.title),
                status_text(row.status),
                ", ".join(dict.fromkeys(documents)) or "—",
                ", ".join(dict.fromkeys(records)) or "—",
            ]
        )
    return ['<div class="sqms-sortable" markdown>', "", *md_table(header, cells), "", "</div>", ""]
