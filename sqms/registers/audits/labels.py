"""The symbols and words the audit page and the management review both show.

An audit's state and a finding's type are shown by symbol and word, never
by colour alone; kept here so that :mod:`~sqms.registers.audits.page` and
:mod:`~sqms.registers.audits.review` say them the same way without
importing each other.
"""

from __future__ import annotations

from sqms.i18n import t

STATE_SYMBOL = {"held": "✔", "planned": "○", "overdue": "✖"}
TYPE_SYMBOL = {"nonconformity": "✖", "observation": "▲", "opportunity": "◇"}
"""Shown by symbol and word, never by colour alone."""


def type_text(kind: str) -> str:
    """``✖ nonconformity``: the symbol and the word of a finding's type."""
    return f"{TYPE_SYMBOL[kind]} {t(f'audits.type.{kind}')}"
