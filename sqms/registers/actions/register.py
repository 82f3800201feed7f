"""The improvement action register: corrective and preventive actions through PDCA.

``data/registers/actions.yml`` lists every action (QP-08): where it came from,
the problem, its root cause, the steps with owners and due dates, its PDCA
stage, and an effectiveness check stated as an indicator before and after.
:func:`load_actions` reads and checks the file; the register names the
complaints, indicators, audit findings and documents it refers to, so that
the framework checks they exist; :meth:`ActionRegister.analyse` judges every
effectiveness check against the computed indicators, once per build.

This module is the top of the package: the judgement is in
:mod:`~sqms.registers.actions.analysis`, the pages in
:mod:`~sqms.registers.actions.page`, the review lines in
:mod:`~sqms.registers.actions.review`, and :class:`ActionsAnalysis` only
hands the facts to them. The checks of the file as a whole are in
:mod:`~sqms.registers.actions.checks`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqms.io.yamlsource import line_of, load_yaml
from sqms.registers.actions.analysis import ActionsFacts, analyse_actions
from sqms.registers.actions.checks import file_problems
from sqms.registers.actions.labels import status_word
from sqms.registers.actions.page import action_pages, attention_items, summary_line
from sqms.registers.actions.review import review_lines
from sqms.registers.actions.spec import SOURCE_KINDS, Action, ActionsFile
from sqms.registers.common import DASHBOARD, LoadContext, Reference, RegisterContext
from sqms.schema.validation import validate
from sqms.site.pages.common import Page
from sqms.site.reporting import AttentionItem

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod

LINKS = (("indicators", "indicator"), ("complaints", "complaint"), ("documents", "document"))
"""The lists of ids an action links to, and the kind of id each holds."""


@dataclass
class ActionRegister:
    """The actions of ``actions.yml``, validated, with the YAML kept to locate them."""

    spec: ActionsFile
    display: str
    source: Any = None
    name: str = "actions"

    @property
    def actions(self) -> list[Action]:
        """Every action, in the order of the file."""
        return list(self.spec.actions)

    def line(self, *path: int | str) -> int | None:
        """The line of a key path in the file."""
        return line_of(self.source, path) if self.source is not None else None

    def status_of(self, action_id: str) -> str | None:
        """An action's PDCA status in words (``do``, ``closed``), None for an unknown id.

        Other registers (the audits page, beside a finding's action) show it
        without reaching into the actions' format.
        """
        for action in self.spec.actions:
            if action.id == action_id:
                return status_word(action.status)
        return None

    def ids(self) -> Mapping[str, Iterable[str]]:
        """The action ids this register defines."""
        return {"action": [action.id for action in self.spec.actions]}

    def references(self) -> Iterable[Reference]:
        """Every complaint, indicator, audit finding and document the actions name, located."""
        for index, action in enumerate(self.spec.actions):
            yield from self._references_of(index, action)

    def _references_of(self, index: int, action: Action) -> Iterator[Reference]:
        """The ids one action names: its source's, its links' and its check's indicator."""
        at = ("actions", index)
        kind = SOURCE_KINDS.get(action.source.type)
        if kind is not None:
            for number, ref in enumerate(action.source.refs):
                yield self._reference(kind, ref, *at, "source", "refs", number)
        for key, kind in LINKS:
            for number, item in enumerate(getattr(action, key)):
                yield self._reference(kind, item, *at, key, number)
        if action.effectiveness is not None:
            target = action.effectiveness.indicator
            yield self._reference("indicator", target, *at, "effectiveness", "indicator")

    def _reference(self, kind: str, target: str, *path: int | str) -> Reference:
        """A reference located at a key path of the file."""
        return Reference(kind, target, self.display, self.line(*path))

    def analyse(self, context: RegisterContext) -> ActionsAnalysis:
        """Judge every effectiveness check and find what needs attention (once per build)."""
        return ActionsAnalysis(analyse_actions(self.spec, context))


@dataclass
class ActionsAnalysis:
    """The register judged against the data: its pages, attention items, summary and review.

    It only hands the facts to :mod:`~sqms.registers.actions.page` and
    :mod:`~sqms.registers.actions.review`.
    """

    facts: ActionsFacts
    _pages: list[Page] = field(default_factory=list, repr=False)

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The register's page, then one page per action (made once, then reused)."""
        if not self._pages:
            self._pages = action_pages(self.facts, context)
        return self._pages

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Overdue steps, closures without a passed check, and misses nobody acts on."""
        return attention_items(self.facts, context, DASHBOARD)

    def summary(self, context: RegisterContext) -> str:
        """One line for the registers' index: how many actions, open, overdue, checked."""
        return summary_line(self.facts)

    def review(self, context: RegisterContext, period: ReviewPeriod) -> dict[str, list[str]]:
        """The management review's inputs a), c4), e) and f) for ``period``."""
        return review_lines(self.facts, context, period)


def load_actions(path: Path, display: str, context: LoadContext) -> ActionRegister | None:
    """Read and check ``actions.yml``; None when it cannot be read or is invalid.

    An empty file, or ``actions: []``, is a register with no actions. Problems
    of the file as a whole (a duplicate id, a closed action without a closing
    date) are reported, and the register is still returned, so that the ids
    of its actions remain known to the other registers.
    """
    errors = len(context.report.errors)
    source = load_yaml(path, display, context.report, allow_empty=True)
    if source is None:  # empty (no actions yet), or unreadable (reported)
        empty = len(context.report.errors) == errors
        return ActionRegister(ActionsFile(), display) if empty else None
    spec = validate(ActionsFile, source, display, context.report)
    if spec is None:
        return None
    register = ActionRegister(spec, display, source)
    found = file_problems(spec, lambda p: register.line(*p), context.plan, context.catalog)
    for key_path, message in found:
        context.report.error(display, register.line(*key_path), message)
    return register
