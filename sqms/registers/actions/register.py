"""The improvement action register: corrective and preventive actions through PDCA.

``data/registers/actions.yml`` lists every action (QP-08): where it came from,
the problem, its root cause, the steps with owners and due dates, its PDCA
stage, and an effectiveness check stated as an indicator before and after.
:func:`load_actions` reads and checks the file; the register names the
complaints, indicators, audit findings and documents it refers to, so that
the framework checks they exist; :meth:`ActionRegister.analyse` judges every
effectiveness check against the computed indicators, once per build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqms.i18n import t
from sqms.io.yamlsource import line_of, load_yaml
from sqms.registers.actions.analysis import ActionsAnalysis, analyse_actions
from sqms.registers.actions.checks import file_problems
from sqms.registers.actions.spec import SOURCE_KINDS, Action, ActionsFile
from sqms.registers.common import LoadContext, Reference, RegisterContext
from sqms.schema.validation import validate

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
                return t(f"actions.status.{action.status}")
        return None

    def ids(self) -> Mapping[str, Iterable[str]]:
        """The action ids this register defines."""
        return {"action": [action.id for action in self.spec.actions]}

    def references(self) -> Iterable[Reference]:
        """Every complaint, indicator, audit finding and document the actions name, located."""
        for index, action in enumerate(self.spec.actions):
            yield from self._references_of(index, action)

    def _references_of(self, index: int, action: Action) -> Iterator[Reference]:
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
        return Reference(kind, target, self.display, self.line(*path))

    def analyse(self, context: RegisterContext) -> ActionsAnalysis:
        """Judge every effectiveness check and find what needs attention (once per build)."""
        return analyse_actions(self, context)


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
