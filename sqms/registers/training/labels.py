"""How the training register shows its statuses, people and courses, on its page and in a review.

Shared by :mod:`~sqms.registers.training.page` and
:mod:`~sqms.registers.training.review`, made from the analysis' tables: a
status by symbol and word (never by colour alone), a person by id or, when
the register declares names publishable, by name and id, and a course as a
link to its row on the register's page. Every text from the register is
escaped.
"""

from __future__ import annotations

import pandas as pd

from sqms.i18n import N_, t
from sqms.registers.common import RegisterContext
from sqms.text.formatting import escape

SYMBOL = {"current": "✔", "stale": "▲", "expired": "▼", "missing": "✖", "not_required": "—"}
"""Statuses are shown by symbol and word, never by colour alone."""
STATUS_WORDS: dict[str, str] = {
    "current": N_("training.status.current"),
    "stale": N_("training.status.stale"),
    "expired": N_("training.status.expired"),
    "missing": N_("training.status.missing"),
    "not_required": N_("training.status.not_required"),
}
"""Each training status (``STATUSES`` of the analysis) → the message id of its word."""


def status_text(status: str) -> str:
    """``✔ current``: the symbol and the word of a status."""
    word = t(STATUS_WORDS[status])
    return f"{SYMBOL[status]} {word}"


def person_labels(people: pd.DataFrame, publish_names: bool) -> dict[str, str]:
    """Each person as shown: the id, or ``Name (id)`` when names are publishable; escaped."""
    shown = people["person"].astype("string")
    if publish_names:
        named = people["name"].notna()
        shown = shown.where(~named, people["name"] + " (" + people["person"] + ")")
    return dict(zip(people["person"], shown.map(escape), strict=True))


def course_link(context: RegisterContext, course: str, title: str, page: str) -> str:
    """``[TRN-02 Complaint handling](…#trn-02)`` from ``page``."""
    return context.link("course", course, page, f"{course} {title}")
