"""The register of risks and opportunities (ISO 9001 6.1), loaded and checked.

``data/registers/risks.yml`` lists every risk and opportunity the service has
determined, scored by likelihood and impact, with its treatment and the next
date it is reviewed. Loading checks the file's form and what it says about
itself at the line that says it: ids used once, a risk's id starting with
``RSK-`` and an opportunity's with ``OPP-``. The improvement actions and
documents it names are references, checked by the registers framework.

This is the top of the register's package: :meth:`RiskRegister.analyse`
judges the register (``analysis``) and returns :class:`RisksAnalysis`, which
publishes it by delegating to ``page`` (the page, the dashboard items, the
summary) and ``review`` (the management review input).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqms.i18n import t
from sqms.io.yamlsource import line_of
from sqms.registers.common import LoadContext, Reference, RegisterContext, anchor
from sqms.registers.risks.analysis import RiskFacts, analyse_risks
from sqms.registers.risks.page import KIND_WORDS, attention_items, register_page, summary_line
from sqms.registers.risks.review import review_risks
from sqms.registers.risks.spec import PREFIX, RisksSpec
from sqms.schema.validation import load_validated
from sqms.standards.clauses import ClauseRef

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod
    from sqms.site.pages.common import Page
    from sqms.site.reporting import AttentionItem


@dataclass
class RiskRegister:
    """The register of risks and opportunities; :meth:`analyse` judges it on a date."""

    name: str
    display: str
    spec: RisksSpec
    source: Any
    """The file as loaded, with lines."""

    def ids(self) -> Mapping[str, Iterable[str]]:
        """The risks and opportunities this register defines."""
        return {"risk": [entry.id for entry in self.spec.risks]}

    def references(self) -> Iterable[Reference]:
        """Each entry's improvement actions and procedures, at their lines."""
        for index, entry in enumerate(self.spec.risks):
            for position, action in enumerate(entry.actions):
                line = line_of(self.source, ("risks", index, "actions", position))
                yield Reference("action", action, self.display, line)
            for position, document in enumerate(entry.procedures):
                line = line_of(self.source, ("risks", index, "procedures", position))
                yield Reference("document", document, self.display, line)

    def clause_refs(self) -> Iterable[ClauseRef]:
        """The register as a record of the clauses its entries name (6.1 unless told)."""
        seen: set[str] = set()
        for index, entry in enumerate(self.spec.risks):
            for position, clause in enumerate(entry.clauses):
                if clause in seen:
                    continue
                seen.add(clause)
                line = line_of(self.source, ("risks", index, "clauses", position))
                if line is None:  # the default: located at the entry
                    line = line_of(self.source, ("risks", index))
                yield ClauseRef(clause, "register", self.name, self.display, line)

    def analyse(self, context: RegisterContext) -> RisksAnalysis:
        """The register judged as of ``context.today``."""
        return RisksAnalysis(analyse_risks(self.spec, context.today))


@dataclass
class RisksAnalysis:
    """The judged register and what it publishes: its page, attention items, summary, review.

    Only delegates: the facts are judged in ``analysis``, the texts are made in
    ``page`` and ``review``.
    """

    facts: RiskFacts

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The one register page."""
        return [register_page(self.facts, context)]

    def summary(self, context: RegisterContext) -> str:
        """Entries by kind and status, and how many reviews are overdue."""
        return summary_line(self.facts)

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Entries whose review date has passed, longest overdue first."""
        return attention_items(self.facts)

    def review(self, context: RegisterContext, period: ReviewPeriod) -> dict[str, list[str]]:
        """Management review input e): the entries open and treated, as of the reference date."""
        return review_risks(self.facts, context, period)


def load_risks(path: Path, display: str, context: LoadContext) -> RiskRegister | None:
    """Load ``risks.yml``, check it, and report every problem at its line.

    Returns None when the file cannot be read or does not match the format; a
    register with other errors is still returned after they are reported.
    """
    loaded = load_validated(path, display, RisksSpec, context.report)
    if loaded is None:
        return None
    source, spec = loaded
    _check(spec, source, display, context)
    return RiskRegister("risks", display, spec, source)


def _check(spec: RisksSpec, source: Any, display: str, context: LoadContext) -> None:
    """Ids once each (and not two on one anchor), each with its kind's prefix."""
    first: dict[str, tuple[str, int | None]] = {}
    for index, entry in enumerate(spec.risks):
        at: Sequence[Any] = ("risks", index)
        line = line_of(source, at)
        key = anchor(entry.id)
        if key in first:
            other, other_line = first[key]
            message = (
                t("risks.duplicate", id=entry.id, line=other_line)
                if other == entry.id
                else t("risks.same_anchor", id=entry.id, other=other, line=other_line)
            )
            context.report.error(display, line, message)
        first.setdefault(key, (entry.id, line))
        prefix = PREFIX[entry.kind]
        if not entry.id.startswith(prefix):
            kind = t(KIND_WORDS[entry.kind])
            message = t("risks.bad_prefix", id=entry.id, kind=kind, prefix=prefix)
            context.report.error(display, line_of(source, (*at, "id")), message)
