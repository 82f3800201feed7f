"""The clause matrix: for each clause of a standard, the evidence that addresses it.

Evidence is whatever names a clause: a controlled document's front matter,
a quality objective or indicator of the plan, a register (``clauses:`` in
``data/registers.yml``), an internal audit's scope or one of its findings.
A clause is **covered** when an approved document addresses it *and* a record
shows it working (an indicator, an objective, a register, an audit); **partial**
when only one of the two exists (or the documents are drafts); **no evidence**
otherwise. What names a sub-clause (8.5.1) also counts for its parents (8.5, 8).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqms.diagnostics import Report
from sqms.documents import Manual
from sqms.evidence.frameworks import Frameworks
from sqms.plan import Plan

STATUSES = ("none", "partial", "covered")
"""Coverage, worst first: the matrix lists gaps first."""
RECORD_KINDS = ("objective", "indicator", "register", "audit", "finding", "action")


@dataclass(frozen=True)
class ClauseRef:
    """One place that names a clause, located for error messages."""

    clause: str
    kind: str
    """What names it: ``document``, ``objective``, ``indicator``, ``register``, ``audit``…"""
    item: str
    """The id of what names it (document id, indicator id, register name…)."""
    file: str
    line: int | None
    effective: bool = True
    """False for evidence that does not count in full (a draft or in-review document)."""


@dataclass(frozen=True)
class ClauseRow:
    """One clause of the matrix with its evidence and coverage."""

    framework: str
    clause: str
    title: str
    evidence: tuple[ClauseRef, ...]
    status: str

    @property
    def key(self) -> str:
        """``ISO9001:8.5.1``."""
        return f"{self.framework}:{self.clause}"


def document_refs(manual: Manual) -> list[ClauseRef]:
    """The clauses each controlled document names (obsolete documents are no evidence)."""
    refs = []
    for doc_id, document in sorted(manual.documents.items()):
        meta = document.meta
        if meta.status == "obsolete":
            continue
        for index, clause in enumerate(meta.clauses):
            refs.append(
                ClauseRef(clause, "document", doc_id, document.display,
                          document.line("clauses", index), meta.status == "approved")
            )  # fmt: skip
    return refs


def plan_refs(plan: Plan) -> list[ClauseRef]:
    """The clauses the quality objectives and the indicators name."""
    refs = []
    for index, objective in enumerate(plan.spec.objectives):
        for number, clause in enumerate(objective.clauses):
            line = plan.line("objectives", index, "clauses", number)
            refs.append(ClauseRef(clause, "objective", objective.id, plan.display, line))
    for ind_id, indicator in plan.spec.indicators.items():
        for number, clause in enumerate(indicator.clauses):
            line = plan.line("indicators", ind_id, "clauses", number)
            refs.append(ClauseRef(clause, "indicator", ind_id, plan.display, line))
    return refs


def check_clauses(refs: Iterable[ClauseRef], frameworks: Frameworks, report: Report) -> None:
    """Every clause named must exist in a framework: an error at its line otherwise."""
    for ref in refs:
        problem = frameworks.problem(ref.clause)
        if problem is not None:
            report.error(ref.file, ref.line, problem)


def clause_matrix(frameworks: Frameworks, refs: Iterable[ClauseRef]) -> dict[str, list[ClauseRow]]:
    """Framework id → its clauses in file order, each with its evidence and coverage."""
    named: dict[str, list[ClauseRef]] = defaultdict(list)
    for ref in refs:
        key = frameworks.key(ref.clause)
        if key is not None:
            named[key].append(ref)
    matrix = {}
    for framework in frameworks.frameworks.values():
        rows = []
        for clause, title in framework.clauses.items():
            prefix = f"{framework.id}:{clause}"
            found = [
                ref
                for key, items in named.items()
                if key == prefix or key.startswith(prefix + ".")
                for ref in items
            ]
            evidence = tuple(sorted(set(found), key=lambda r: (r.kind, r.item, r.clause)))
            rows.append(ClauseRow(framework.id, clause, title, evidence, coverage(evidence)))
        matrix[framework.id] = rows
    return matrix


def coverage(evidence: Iterable[ClauseRef]) -> str:
    """``covered``, ``partial`` or ``none`` (see the module's description)."""
    items = list(evidence)
    documented = any(ref.kind == "document" and ref.effective for ref in items)
    recorded = any(ref.kind in RECORD_KINDS for ref in items)
    if documented and recorded:
        return "covered"
    return "partial" if items else "none"
