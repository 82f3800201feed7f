"""What every register shares: where its pages live, how its ids link, and its contract.

The registers (complaints, customer feedback, improvement actions, training,
internal audits) are kept as data files under ``data/registers/`` and edited
through pull requests. Each is loaded and validated on its own, then all of
them are checked together: every id one register names in another (an
action's complaints, a finding's action, a course's documents) must exist.

A register is loaded into an object that follows :class:`Register`; once the
indicators are computed, :meth:`Register.analyse` gives a
:class:`RegisterAnalysis` with its pages, its items for the dashboard's
"needs attention" and a one-line summary. Only aggregates and the register's
own non-personal fields reach a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import pandas as pd

from sqms.diagnostics import Report
from sqms.i18n import N_
from sqms.site.pages.common import link
from sqms.text.formatting import escape, slug

if TYPE_CHECKING:
    from sqms.documents.manual import Manual
    from sqms.engine.datasets import Catalog
    from sqms.engine.plan import Plan
    from sqms.site.pages.common import Page
    from sqms.site.reporting import AttentionItem, ReportData

REGISTER_DIR = "registers"
"""The folder of the data directory, and of the site, that holds the registers."""
REGISTERS_FILE = "registers.yml"
"""How the tabular registers (complaints, feedback) are read: a file beside ``datasets.yml``."""

INDEX_PAGE = "registers/index.md"
COMPLAINTS_PAGE = "registers/complaints.md"
FEEDBACK_PAGE = "registers/feedback.md"
ACTIONS_PAGE = "registers/actions.md"
ACTION_DIR = "registers/actions"
TRAINING_PAGE = "registers/training.md"
AUDITS_PAGE = "registers/audits.md"
DASHBOARD = "dashboard.md"

KINDS = (
    "complaint",
    "action",
    "indicator",
    "finding",
    "audit",
    "document",
    "course",
    "person",
    "role",
)
"""What a cross-reference can point at."""
KIND_WORDS: dict[str, str] = {
    "complaint": N_("registers.kind.complaint"),
    "action": N_("registers.kind.action"),
    "indicator": N_("registers.kind.indicator"),
    "finding": N_("registers.kind.finding"),
    "audit": N_("registers.kind.audit"),
    "document": N_("registers.kind.document"),
    "course": N_("registers.kind.course"),
    "person": N_("registers.kind.person"),
    "role": N_("registers.kind.role"),
    "risk": N_("registers.kind.risk"),
}
"""Each kind of id (:data:`KINDS`, and a risk or opportunity) → the message id of its name."""
REGISTER_WORDS: dict[str, str] = {
    "complaints": N_("registers.name.complaints"),
    "feedback": N_("registers.name.feedback"),
    "actions": N_("registers.name.actions"),
    "training": N_("registers.name.training"),
    "audits": N_("registers.name.audits"),
    "risks": N_("registers.name.risks"),
    "reviews": N_("registers.name.reviews"),
}
"""Each register, by its name (``REGISTER_NAMES``) → the message id of its title."""


def anchor(item_id: str) -> str:
    """The HTML id an item gets on its register page: ``IA-2026-01/F1`` → ``ia-2026-01-f1``."""
    return slug(item_id)


relative = link
"""The relative link from a page to a site file (the pages' one helper, by its registers' name)."""


def action_path(action_id: str) -> str:
    """The site path of an improvement action's own page."""
    return f"{ACTION_DIR}/{anchor(action_id).upper()}.md"


@dataclass(frozen=True)
class Reference:
    """One id a register names in another place: it must exist.

    ``row`` and ``column`` locate it in a data table (the complaint register's
    action column); ``line`` in a text file.
    """

    kind: str
    target: str
    file: str
    line: int | None
    row: int | None = None
    column: str | None = None


@dataclass(frozen=True)
class LoadContext:
    """What a register's loader may check against: the project loaded so far."""

    data_dir: Path
    display_dir: str
    """The data folder as shown in messages (``data``)."""
    catalog: Catalog | None
    plan: Plan | None
    manual: Manual
    today: dt.date
    """The date overdue items are judged against (``SOURCE_DATE_EPOCH`` or the commit's)."""
    report: Report

    def display(self, relative_path: str) -> str:
        """A file of the data folder as shown in messages: ``data/registers/actions.yml``."""
        return f"{self.display_dir}/{relative_path}"


@dataclass(frozen=True)
class RegisterContext:
    """What a register's analysis and pages may use: the computed project."""

    report: ReportData
    """The plan, the indicator results and their control charts."""
    catalog: Catalog | None
    manual: Manual
    today: dt.date
    registers: Mapping[str, Register] = field(default_factory=dict)
    """Every register of the project by name, to link to each other."""

    @property
    def plan(self) -> Plan:
        """The quality plan."""
        return self.report.plan

    @property
    def results(self) -> pd.DataFrame:
        """The indicators' results table."""
        return self.report.results

    def link(self, kind: str, item_id: str, page: str, text: str | None = None) -> str:
        """A Markdown link from ``page`` to where ``item_id`` (of ``kind``) is shown.

        Ids without a page of their own (a person, a role) and ids that do
        not resolve are shown as escaped text.
        """
        shown = escape(text if text is not None else item_id)
        target = self.target(kind, item_id)
        return shown if target is None else f"[{shown}]({relative(target, page)})"

    def target(self, kind: str, item_id: str) -> str | None:
        """The site path (with ``#anchor``) where an item is shown, None if it has none."""
        if kind == "document":
            document = self.manual.documents.get(item_id)
            return None if document is None else document.path
        if kind == "indicator":
            return f"indicators/{item_id}.md" if item_id in self.plan.indicators else None
        return placed_target(self.registers, kind, item_id)


@runtime_checkable
class Placed(Protocol):
    """A register that decides itself where its items are shown (the complaints' list pages)."""

    def place(self, kind: str, item_id: str) -> str | None:
        """The site path (with ``#anchor``) of an item of this register, None if not its own."""
        ...


def placed_target(registers: Mapping[str, Register], kind: str, item_id: str) -> str | None:
    """Where an item is shown: as its register places it, else by :func:`record_target`."""
    return _target(_placing(registers), kind, item_id)


def _placing(registers: Mapping[str, Register]) -> list[Placed]:
    """The registers that place their items themselves (checked once, not per item)."""
    return [register for register in registers.values() if isinstance(register, Placed)]


def _target(placing: Sequence[Placed], kind: str, item_id: str) -> str | None:
    """Where an item is shown: as one of ``placing`` places it, else by :func:`record_target`."""
    for register in placing:
        found = register.place(kind, item_id)
        if found is not None:
            return found
    return record_target(kind, item_id)


def record_target(kind: str, item_id: str) -> str | None:
    """Where a register's item is shown: its own page, or its anchor on the register's page.

    None for kinds that are not shown on a page of their own (people, roles).
    """
    if kind == "action":
        return action_path(item_id)
    pages = {
        "complaint": COMPLAINTS_PAGE,
        "finding": AUDITS_PAGE,
        "audit": AUDITS_PAGE,
        "course": TRAINING_PAGE,
    }
    page = pages.get(kind)
    return None if page is None else f"{page}#{anchor(item_id)}"


def record_targets(registers: Mapping[str, Register]) -> dict[str, str]:
    """Every register item that has a place in the site: id → site path (``[[ID]]`` links)."""
    found: dict[str, str] = {}
    placing = _placing(registers)
    for register in registers.values():
        for kind, ids in register.ids().items():
            for item_id in ids:
                target = _target(placing, kind, item_id)
                if target is not None:
                    found.setdefault(item_id, target)
    return found


class RegisterAnalysis(Protocol):
    """A register analysed against the data: what it publishes and what needs attention."""

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The register's pages (the first is its main page)."""
        ...

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Items for the dashboard's "needs attention" (overdue, open, stale), linked."""
        ...

    def summary(self, context: RegisterContext) -> str:
        """One line of Markdown for the registers' index page: what it holds, what is open."""
        ...


class Register(Protocol):
    """A register loaded and validated, before the indicators are computed."""

    @property
    def name(self) -> str:
        """``complaints``, ``feedback``, ``actions``, ``training`` or ``audits``."""
        ...

    @property
    def display(self) -> str:
        """Its file as shown in messages."""
        ...

    def ids(self) -> Mapping[str, Iterable[str]]:
        """The ids this register defines, by kind (``{"action": [...]}``)."""
        ...

    def references(self) -> Iterable[Reference]:
        """Every id this register names elsewhere, located, to be checked."""
        ...

    def analyse(self, context: RegisterContext) -> RegisterAnalysis:
        """Judge the register against the data (done once per build)."""
        ...
