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
from sqms.i18n import t
from sqms.registers.actions.spec import SOURCE_KINDS, Action
from sqms.registers.common import RegisterContext
from sqms.text.formatting import DEFAULT_DECIMALS, escape

VERDICT_SYMBOL = {"passed": "✔", "failed": "✖", "pending": "◷", "not_judged": "○", "none": "—"}
"""Each verdict has a symbol and a word; colour is never the only sign."""
OVERDUE_MARK = "⚠"


def status_word(status: str) -> str:
    """A PDCA stage in words: ``do``, ``closed``."""
    return t(f"actions.status.{status}")


def verdict_word(verdict: str) -> str:
    """A verdict in words, without its symbol: ``passed``, ``no check``."""
    return t(f"actions.verdict.{verdict}")


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
    return f"**{due}** {OVERDUE_MARK} {t('actions.overdue')}"


def source_text(action: Action, context: RegisterContext, page: str, limit: int | None) -> str:
    """``complaints: CMP-0219, CMP-0222 … and 20 more``, linked; a review's refs as text."""
    source = action.source
    kind = SOURCE_KINDS.get(source.type)
    refs = source.refs if limit is None else source.refs[:limit]
    if kind is None:
        shown = [escape(ref) for ref in refs]
    else:
        shown = [context.link(kind, ref, page) for ref in refs]
    text = t(f"actions.source.{source.type}")
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
    keys = {
        "percent": "actions.points",
        "hours": "unit.hours",
        "days": "unit.days",
        "per_1000": "unit.per_1000",
    }
    return sign + (t(keys[unit], value=number) if unit in keys else number)
