"""The internal audit register: the audit programme, what each audit found, what is still open.

``data/registers/audits.yml`` lists every audit planned, when it was held,
its scope (clauses), its lead auditor, the documents audited and the
findings. Loading checks the file's form and what it says about itself at
the line that says it: ids used once, findings only on held audits, no date
after today, a finding closed no earlier than its audit, and (a warning) a
finding's clause inside the audit's scope. The actions and documents it names
are references, checked by the registers framework.

This is the top of the package: :meth:`AuditRegister.analyse` judges the
register (:mod:`~sqms.registers.audits.analysis`) and gives an
:class:`AuditsAnalysis`, which only hands the judged facts to the page
(:mod:`~sqms.registers.audits.page`) and the management review
(:mod:`~sqms.registers.audits.review`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqms.i18n import t
from sqms.io.yamlsource import line_of
from sqms.registers.audits.analysis import AuditFacts, analyse_audits
from sqms.registers.audits.page import attention_items, audits_page, summary_line
from sqms.registers.audits.review import audits_review
from sqms.registers.audits.spec import Audit, AuditsSpec
from sqms.registers.common import LoadContext, Reference, RegisterContext, anchor
from sqms.schema.validation import load_validated
from sqms.standards.clauses import ClauseRef

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod
    from sqms.site.pages.common import Page
    from sqms.site.reporting import AttentionItem


@dataclass
class AuditRegister:
    """The audit register, loaded and checked; :meth:`analyse` judges it on a date."""

    name: str
    display: str
    spec: AuditsSpec
    source: Any
    """The file as loaded, with lines."""

    def ids(self) -> Mapping[str, Iterable[str]]:
        """The audits and findings this register defines."""
        return {
            "audit": [audit.id for audit in self.spec.audits],
            "finding": [f.id for audit in self.spec.audits for f in audit.findings],
        }

    def references(self) -> Iterable[Reference]:
        """Documents audited, and each finding's documents and action, at their lines."""
        for index, audit in enumerate(self.spec.audits):
            at: tuple[Any, ...] = ("audits", index)
            yield from self._documents(at, audit.documents)
            for position, finding in enumerate(audit.findings):
                where = (*at, "findings", position)
                yield from self._documents(where, finding.documents)
                if finding.action is not None:
                    line = line_of(self.source, (*where, "action"))
                    yield Reference("action", finding.action, self.display, line)

    def _documents(self, at: tuple[Any, ...], documents: Sequence[str]) -> Iterable[Reference]:
        for position, document in enumerate(documents):
            line = line_of(self.source, (*at, "documents", position))
            yield Reference("document", document, self.display, line)

    def clause_refs(self) -> Iterable[ClauseRef]:
        """The clauses held audits covered, their findings and the findings' actions name.

        Evidence for the clause matrix: an audit for its scope, a finding and
        the improvement action treating it for the finding's clause.
        """
        for index, audit in enumerate(self.spec.audits):
            if audit.held is None:
                continue
            for position, clause in enumerate(audit.scope):
                line = line_of(self.source, ("audits", index, "scope", position))
                yield ClauseRef(clause, "audit", audit.id, self.display, line)
            for number, finding in enumerate(audit.findings):
                line = line_of(self.source, ("audits", index, "findings", number, "clause"))
                yield ClauseRef(finding.clause, "finding", finding.id, self.display, line)
                if finding.action:  # the action treating a finding addresses its clause too
                    yield ClauseRef(finding.clause, "action", finding.action, self.display, line)

    def analyse(self, context: RegisterContext) -> AuditsAnalysis:
        """The programme and the findings judged as of ``context.today``."""
        return AuditsAnalysis(self.spec, analyse_audits(self.spec, context.today))


@dataclass(frozen=True)
class AuditsAnalysis:
    """The judged audit register and what it publishes, each made by the page or the review."""

    spec: AuditsSpec
    facts: AuditFacts

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The one audit page."""
        return [audits_page(self.facts, self.spec, context)]

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Open nonconformities (oldest first, with their age), then audits not held in time."""
        return attention_items(self.facts, context)

    def summary(self, context: RegisterContext) -> str:
        """Audits held, planned and overdue; findings and open nonconformities."""
        return summary_line(self.facts)

    def review(self, context: RegisterContext, period: ReviewPeriod) -> dict[str, list[str]]:
        """Management review sections c6 (audits), c4 (nonconformities), f (opportunities)."""
        return audits_review(self.facts, context, period)


def load_audits(path: Path, display: str, context: LoadContext) -> AuditRegister | None:
    """Load ``audits.yml``, check it, and report every problem at its line.

    Returns None when the file cannot be read or does not match the format; a
    register with other errors is still returned (its ids stay known to the
    other registers) after the errors are reported.
    """
    loaded = load_validated(path, display, AuditsSpec, context.report)
    if loaded is None:
        return None
    source, spec = loaded
    _AuditChecks(spec, source, display, context).run()
    return AuditRegister("audits", display, spec, source)


def in_scope(clause: str, scope: Sequence[str]) -> bool:
    """Whether ``clause`` is one of ``scope`` or under one of them (``8.5.1`` under ``8.5``)."""
    return any(clause == s or clause.startswith(s + ".") for s in scope)


@dataclass(frozen=True)
class _AuditChecks:
    """What the file says about itself, checked at the lines that say it."""

    spec: AuditsSpec
    source: Any
    display: str
    context: LoadContext

    def run(self) -> None:
        """Every check, all problems reported."""
        self._unique_anchors()
        for index, audit in enumerate(self.spec.audits):
            self._audit(("audits", index), audit)

    def _line(self, path: Sequence[Any]) -> int | None:
        return line_of(self.source, path)

    def _error(self, path: Sequence[Any], message: str) -> None:
        self.context.report.error(self.display, self._line(path), message)

    def _unique_anchors(self) -> None:
        """Audit and finding ids once each; also not two ids that land on the same anchor."""
        first: dict[str, tuple[str, tuple[Any, ...]]] = {}
        for index, audit in enumerate(self.spec.audits):
            items: list[tuple[str, tuple[Any, ...]]] = [(audit.id, ("audits", index))]
            items += [
                (f.id, ("audits", index, "findings", position))
                for position, f in enumerate(audit.findings)
            ]
            for item_id, path in items:
                key = anchor(item_id)
                if key in first:
                    other, other_path = first[key]
                    line = self._line(other_path)
                    message = (
                        t("audits.duplicate", id=item_id, line=line)
                        if other == item_id
                        else t("audits.same_anchor", id=item_id, other=other, line=line)
                    )
                    self._error(path, message)
                first.setdefault(key, (item_id, path))

    def _audit(self, at: tuple[Any, ...], audit: Audit) -> None:
        """Dates in order; findings only once held, closed after the audit, in its scope."""
        today = self.context.today
        if audit.held is not None and audit.held > today:
            self._error((*at, "held"), t("audits.held_future", date=audit.held, today=today))
        if audit.findings and audit.held is None:
            self._error((*at, "findings"), t("audits.findings_not_held", audit=audit.id))
        for position, finding in enumerate(audit.findings):
            where = (*at, "findings", position)
            closed = finding.closed
            if closed is not None and audit.held is not None and closed < audit.held:
                message = t("audits.closed_before_held", closed=closed, held=audit.held)
                self._error((*where, "closed"), message)
            if closed is not None and closed > today:
                self._error((*where, "closed"), t("audits.closed_future", date=closed, today=today))
            if not in_scope(finding.clause, audit.scope):
                message = t(
                    "audits.clause_out_of_scope",
                    clause=finding.clause,
                    scope=", ".join(audit.scope),
                )
                self.context.report.warning(self.display, self._line((*where, "clause")), message)
