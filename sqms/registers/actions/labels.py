"""The words and symbols an action is shown with, shared by its pages and the review.

The register page (:mod:`sqms.registers.actions.page`), each action's page
(:mod:`sqms.registers.actions.detail_page`) and the management review lines
(:mod:`sqms.registers.actions.review`) name an action's PDCA stage, its
effectiveness verdict, its source, an overdue date and a change of an
indicator the same way: those words live here, once. Every verdict has a
symbol beside its word, so colour is never the only sign. Nothing here judges;
the facts come from :mod:`sqms.registers.actions.analysis`.
"""

from __future__ import annotations

import datetime as dt

from sqms.engine.plan import CompiledIndicator
from sqms.i18n import N_, t
from sqms.registers.actions.spec import SOURCE_KINDS, Action
from sqms.registers.common import RegisterContext
from sqms.text.formatting import DEFAULT_DECIMALS, UNIT_SUFFIXES, escape

VERDICT_SYMBOL = {"passed": "✔", "failed": "✖", "pending": "◷", "not_judged": "○", "none": "—"}
"""Each verdict has a symbol and a word; colour is never the only sign."""
OVERDUE_MARK = "⚠"

STATUS_WORDS: dict[str, str] = {
    "plan": N_("actions.status.plan"),
    "do": N_("actions.status.do"),
    "check": N_("actions.status.check"),
    "act": N_("actions.status.act"),
    "closed": N_("actions.status.closed"),
}
"""Each PDCA stage (:data:`~sqms.registers.actions.spec.STATUSES`) → the id of its word."""
VERDICT_WORDS: dict[str, str] = {
    "passed": N_("actions.verdict.passed"),
    "failed": N_("actions.verdict.failed"),
    "pending": N_("actions.verdict.pending"),
    "not_judged": N_("actions.verdict.not_judged"),
    "none": N_("actions.verdict.none"),
}
"""Each effectiveness verdict, and ``none`` for no check → the id of its word."""
KIND_WORDS: dict[str, str] = {
    "corrective": N_("actions.kind.corrective"),
    "preventive": N_("actions.kind.preventive"),
}
"""Each kind of action (corrective, preventive) → the id of its word."""
SOURCE_WORDS: dict[str, str] = {
    "complaint": N_("actions.source.complaint"),
    "indicator": N_("actions.source.indicator"),
    "signal": N_("actions.source.signal"),
    "audit": N_("actions.source.audit"),
    "review": N_("actions.source.review"),
}
"""Each type of source an action comes from → the id of its name."""
WINDOW_WORDS: dict[str, str] = {
    "baseline": N_("actions.window.baseline"),
    "follow_up": N_("actions.window.follow_up"),
}
"""Each window of an effectiveness check (baseline, follow-up) → the id of its name."""


def status_word(status: str) -> str:
    """A PDCA stage in words: ``do``, ``closed``."""
    return t(STATUS_WORDS[status])


def verdict_word(verdict: str) -> str:
    """A verdict in words, without its symbol: ``passed``, ``no check``."""
    return t(VERDICT_WORDS[verdict])


def kind_word(action: Action) -> str:
    """The kind of action in words: ``corrective``, ``preventive``."""
    return t(KIND_WORDS[action.kind])


def window_word(window: str) -> str:
    """A check's window by name: ``baseline``, ``follow-up``."""
    return t(WINDOW_WORDS[window])


def status_text(action: Action) -> str:
    """The PDCA stage in words; a closed action with its closing date."""
    word = status_word(action.status)
    if action.closed is None:
        return word
    return t("actions.closed_on", status=word, date=action.closed)


def verdict_text(verdict: str | None) -> str:
    """A verdict as symbol and word: ``✔ passed``; ``— no check`` when there is none."""
    key = verdict or "none"
    return f"{VERDICT_SYMBOL[key]} {verdict_word(key)}"


def overdue_due_text(due: dt.date) -> str:
    """A due date that has passed, flagged in bold, by symbol and in words."""
    overdue = t("actions.overdue")
    return f"**{due}** {OVERDUE_MARK} {overdue}"


def source_text(action: Action, context: RegisterContext, page: str, limit: int | None) -> str:
    """``complaints: CMP-0219, CMP-0222 … and 20 more``, linked; a review's refs as text."""
    source = action.source
    kind = SOURCE_KINDS.get(source.type)
    refs = source.refs if limit is None else source.refs[:limit]
    if kind is None:
        shown = [escape(ref) for ref in refs]
    else:
        shown = [context.link(kind, ref, page) for ref in refs]
    text = t(SOURCE_WORDS[source.type])
    if shown:
        text += t("actions.source_refs", refs=", ".join(shown))
    if limit is not None and len(source.refs) > limit:
        text += " " + t("actions.more", count=len(source.refs) - limit)
    return text


def action_link(action: Action, context: RegisterContext, page: str) -> str:
    """``[ACT-2026-006 Title](…)``, relative to ``page``."""
    return context.link("action", action.id, page, f"{action.id} {action.title}")


def change_text(change: float, indicator: CompiledIndicator) -> str:
    """A change in the indicator's unit, signed: ``+16.0 points`` for a percent, ``−0.6 h``."""
    unit = indicator.spec.unit
    places = indicator.spec.decimals
    places = DEFAULT_DECIMALS.get(unit, 2) if places is None else places
    sign = "+" if change >= 0 else "−"
    size = abs(change) * (100 if unit == "percent" else 1)
    number = f"{size:,.{places}f}"
    if unit == "percent":
        return sign + t("actions.points", value=number)
    return sign + (t(UNIT_SUFFIXES[unit], value=number) if unit in UNIT_SUFFIXES else number)
