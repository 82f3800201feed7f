"""The clause matrix: for each clause of a standard, the evidence that addresses it.

Evidence is whatever names a clause: a controlled document's front matter,
a quality objective or indicator of the plan, a register (``clauses:`` in
``data/registers.yml``), an internal audit's scope or one of its findings,
the improvement action treating a finding. The matrix reads them as a
certification auditor does:

- **Documents** count only when **in force**: approved, and effective
  (``effective_on`` today or earlier, when given). Drafts, documents in review,
  approved documents not yet effective and obsolete documents are shown with
  their state and count for nothing.
- **Records** are the indicators, the objectives, the registers, the held
  audits, their findings and the actions treating them, and the management
  reviews held (for 9.3; their decisions for 9.3.3). The generated review
  pages are inputs to a review, not a record of one.
- **A citation of a clause is a citation of its sub-clauses**: a document
  naming 5.1 addresses 5.1.1 and 5.1.2. Evidence never flows upwards.
- **A clause without sub-clauses** is *covered* when a document in force and a
  record address it, *partial* when only one of them does, *no evidence*
  otherwise. Each row not covered says what is missing: no document, no
  document in force, no record.
- **An open nonconformity** (an audit finding of type nonconformity not yet
  closed) against a clause, or against one of its parents, keeps it from
  being covered: it is at most *partial*, and the finding is named.
- **A clause with sub-clauses** is *covered* only when every applicable
  sub-clause is, *partial* when some have evidence, *no evidence* when none
  has; it names the sub-clauses not covered.
- **Not applicable** (``data/applicability.yml``, with a justification):
  the clause and its sub-clauses are shown as such with the justification,
  and left out of their parent's "every applicable sub-clause".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqms.diagnostics import Report
from sqms.documents.manual import Document, Manual
from sqms.engine.plan import Plan
from sqms.standards.frameworks import Framework, Frameworks

NOT_APPLICABLE = "not-applicable"
STATUSES = ("none", "partial", "covered", NOT_APPLICABLE)
"""Coverage, worst first: the matrix lists gaps first."""
RECORD_KINDS = ("objective", "indicator", "register", "audit", "finding", "action", "review")
IN_FORCE = "in-force"
OPEN_NONCONFORMITY = "open-nonconformity"
MISSING = ("no-document", "no-document-in-force", "no-record")
"""What a clause without sub-clauses may lack, in the order rows say it."""


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
    """False for evidence that does not count (a document not in force, an open nonconformity)."""
    state: str | None = None
    """A document's state (``in-force``, ``draft``, ``in-review``, ``pending``, ``obsolete``);
    ``open-nonconformity`` for a finding still open; None otherwise."""


@dataclass(frozen=True)
class ClauseRow:
    """One clause of the matrix with its evidence and coverage."""

    framework: str
    clause: str
    title: str
    evidence: tuple[ClauseRef, ...]
    """What names the clause or one of its parents."""
    status: str
    missing: tuple[str, ...] = ()
    """For a clause without sub-clauses: what it lacks (see :data:`MISSING`)."""
    open_findings: tuple[str, ...] = ()
    """The open nonconformities against it (or a parent): they keep it from being covered."""
    uncovered: tuple[str, ...] = ()
    """For a clause with sub-clauses: the applicable ones not covered."""
    justification: str | None = None
    """Why it does not apply (its own, or its parent's)."""
    note: str | None = None
    """The framework's remark on the clause (an amendment)."""
    leaf: bool = True

    @property
    def key(self) -> str:
        """``ISO9001:8.5.1``."""
        return f"{self.framework}:{self.clause}"


def document_state(document: Document, today: dt.date) -> str:
    """``in-force`` for an approved document effective by ``today``; else its state."""
    meta = document.meta
    if meta.status != "approved":
        return str(meta.status)
    if meta.effective_on is not None and meta.effective_on > today:
        return "pending"
    return IN_FORCE


def document_refs(manual: Manual) -> list[ClauseRef]:
    """The clauses each controlled document names, with its state (only in force counts)."""
    refs = []
    for doc_id, document in sorted(manual.documents.items()):
        state = document_state(document, manual.today)
        for index, clause in enumerate(document.meta.clauses):
            refs.append(
                ClauseRef(clause, "document", doc_id, document.display,
                          document.line("clauses", index), state == IN_FORCE, state)
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
    """Every clause named must exist in a framework: an error at its line otherwise.

    Obsolete documents are withdrawn records, never edited again: not checked.
    """
    for ref in refs:
        if ref.state == "obsolete":
            continue
        problem = frameworks.problem(ref.clause)
        if problem is not None:
            report.error(ref.file, ref.line, problem)


def open_nonconformities(registers: Mapping[str, Any]) -> frozenset[str]:
    """The ids of the audit findings of type nonconformity not yet closed."""
    audits = getattr(registers.get("audits"), "spec", None)
    return frozenset(
        finding.id
        for audit in getattr(audits, "audits", ())
        for finding in audit.findings
        if finding.type == "nonconformity" and finding.closed is None
    )


def clause_matrix(
    frameworks: Frameworks,
    refs: Iterable[ClauseRef],
    open_findings: Collection[str] = frozenset(),
) -> dict[str, list[ClauseRow]]:
    """Framework id → its clauses in file order, each with its evidence and coverage.

    ``open_findings`` are the ids of the open nonconformities (see
    :func:`open_nonconformities`); the rules are the module's.
    """
    named: dict[str, list[ClauseRef]] = defaultdict(list)
    for ref in refs:
        key = frameworks.key(ref.clause)
        if key is None:
            continue
        if ref.kind == "finding" and ref.item in open_findings:
            ref = dataclasses.replace(ref, effective=False, state=OPEN_NONCONFORMITY)
        named[key].append(ref)
    return {
        framework.id: _framework_rows(framework, named, frameworks.not_applicable)
        for framework in frameworks.frameworks.values()
    }


def _framework_rows(
    framework: Framework, named: Mapping[str, list[ClauseRef]], not_applicable: Mapping[str, str]
) -> list[ClauseRow]:
    """One framework's rows: sub-clauses judged first, then their parents."""
    parents = {clause: parent_clause(clause, framework.clauses) for clause in framework.clauses}
    children: dict[str, list[str]] = defaultdict(list)
    for clause, parent in parents.items():
        if parent is not None:
            children[parent].append(clause)
    rows: dict[str, ClauseRow] = {}
    # Deepest first, so every sub-clause is judged before its parent.
    for clause in sorted(framework.clauses, key=lambda c: -c.count(".")):
        lineage = _lineage(clause, parents)
        evidence = tuple(
            sorted(
                {ref for above in lineage for ref in named.get(f"{framework.id}:{above}", ())},
                key=lambda r: (r.kind, r.item, r.clause),
            )
        )
        justification = next(
            (not_applicable[f"{framework.id}:{c}"] for c in lineage
             if f"{framework.id}:{c}" in not_applicable), None,
        )  # fmt: skip
        row = ClauseRow(
            framework.id, clause, framework.clauses[clause], evidence, "none",
            note=framework.notes.get(clause), leaf=clause not in children,
        )  # fmt: skip
        if justification is not None:
            rows[clause] = dataclasses.replace(
                row, status=NOT_APPLICABLE, justification=justification
            )
        elif row.leaf:
            rows[clause] = _judge_leaf(row)
        else:
            rows[clause] = _judge_parent(row, [rows[c] for c in children[clause]])
    return [rows[clause] for clause in framework.clauses]


def parent_clause(clause: str, clauses: Collection[str]) -> str | None:
    """The nearest listed clause above ``clause`` (``8.5.1`` → ``8.5``), None at the top."""
    parts = clause.split(".")
    for end in range(len(parts) - 1, 0, -1):
        above = ".".join(parts[:end])
        if above in clauses:
            return above
    return None


def _lineage(clause: str, parents: Mapping[str, str | None]) -> list[str]:
    """The clause and every clause above it: ``8.5.1``, ``8.5``, ``8``."""
    found: list[str] = []
    current: str | None = clause
    while current is not None:
        found.append(current)
        current = parents[current]
    return found


def _judge_leaf(row: ClauseRow) -> ClauseRow:
    """A clause without sub-clauses: a document in force and a record, no open nonconformity."""
    documents = [ref for ref in row.evidence if ref.kind == "document"]
    in_force = any(ref.effective for ref in documents)
    recorded = any(ref.kind in RECORD_KINDS and ref.effective for ref in row.evidence)
    findings = tuple(sorted({ref.item for ref in row.evidence if ref.state == OPEN_NONCONFORMITY}))
    missing = []
    if not documents:
        missing.append("no-document")
    elif not in_force:
        missing.append("no-document-in-force")
    if not recorded:
        missing.append("no-record")
    status = coverage(in_force, recorded, bool(findings))
    return dataclasses.replace(row, status=status, missing=tuple(missing), open_findings=findings)


def coverage(in_force: bool, recorded: bool, open_nonconformity: bool = False) -> str:
    """A clause without sub-clauses: ``covered``, ``partial`` or ``none`` (module rules)."""
    if in_force and recorded and not open_nonconformity:
        return "covered"
    return "partial" if in_force or recorded or open_nonconformity else "none"


def _judge_parent(row: ClauseRow, children: list[ClauseRow]) -> ClauseRow:
    """A clause with sub-clauses: covered only when every applicable one is."""
    applicable = [child for child in children if child.status != NOT_APPLICABLE]
    findings = tuple(sorted({ref.item for ref in row.evidence if ref.state == OPEN_NONCONFORMITY}))
    if not applicable:  # every sub-clause excluded: so is the clause
        return dataclasses.replace(row, status=NOT_APPLICABLE, leaf=False, open_findings=findings)
    uncovered = tuple(child.clause for child in applicable if child.status != "covered")
    if not uncovered:
        status = "covered"
    elif all(child.status == "none" for child in applicable):
        status = "none"
    else:
        status = "partial"
    return dataclasses.replace(row, status=status, uncovered=uncovered, open_findings=findings)
