"""The symbols and words the audit page and the management review both show.

An audit's state and a finding's type are shown by symbol and word, never
by colour alone; kept here so that :mod:`~sqms.registers.audits.page` and
:mod:`~sqms.registers.audits.review` say them the same way without
importing each other.
"""

from __future__ import annotations

from sqms.i18n import N_, t

STATE_SYMBOL = {"held": "✔", "planned": "○", "overdue": "✖"}
TYPE_SYMBOL = {"nonconformity": "✖", "observation": "▲", "opportunity": "◇"}
"""Shown by symbol and word, never by colour alone."""
STATE_WORDS: dict[str, str] = {
    "held": N_("audits.state.held"),
    "planned": N_("audits.state.planned"),
    "overdue": N_("audits.state.overdue"),
}
"""Each audit state (``STATES`` of the analysis) → the message id of its word."""
TYPE_WORDS: dict[str, str] = {
    "nonconformity": N_("audits.type.nonconformity"),
    "observation": N_("audits.type.observation"),
    "opportunity": N_("audits.type.opportunity"),
}
"""Each finding type (``FINDING_TYPES`` of the spec) → the message id of its word."""


def type_text(kind: str) -> str:
    """``✖ nonconformity``: the symbol and the word of a finding's type."""
    word = t(TYPE_WORDS[kind])
    return f"{TYPE_SYMBOL[kind]} {word}"
