"""The sections of a management review (ISO 9001 9.3.2 inputs, 9.3.3 outputs).

Every section is listed in every report. Its content comes from contributors —
the quality plan's results, the manual's history and each register — as
Markdown lines; a section nobody fills says so, naming what would fill it,
so a missing input is visible to the reviewers and the auditor.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from sqms.engine.review_periods import ReviewPeriod
from sqms.i18n import N_

SECTIONS = ("a", "b", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "d", "e", "f", "outputs")
"""In the order of clause 9.3: a) previous actions … f) opportunities, then the outputs."""
SECTION_TITLES: dict[str, str] = {
    "a": N_("review.section.a"),
    "b": N_("review.section.b"),
    "c1": N_("review.section.c1"),
    "c2": N_("review.section.c2"),
    "c3": N_("review.section.c3"),
    "c4": N_("review.section.c4"),
    "c5": N_("review.section.c5"),
    "c6": N_("review.section.c6"),
    "c7": N_("review.section.c7"),
    "d": N_("review.section.d"),
    "e": N_("review.section.e"),
    "f": N_("review.section.f"),
    "outputs": N_("review.section.outputs"),
}
"""Each section (:data:`SECTIONS`) → the message id of its heading on the review's page."""
SECTION_SHORT: dict[str, str] = {
    "a": N_("review.short.a"),
    "b": N_("review.short.b"),
    "c1": N_("review.short.c1"),
    "c2": N_("review.short.c2"),
    "c3": N_("review.short.c3"),
    "c4": N_("review.short.c4"),
    "c5": N_("review.short.c5"),
    "c6": N_("review.short.c6"),
    "c7": N_("review.short.c7"),
    "d": N_("review.short.d"),
    "e": N_("review.short.e"),
    "f": N_("review.short.f"),
    "outputs": N_("review.short.outputs"),
}
"""Each section → the message id of its short name, as listed in the "inputs missing" warning."""
SECTION_MISSING: dict[str, str] = {
    "a": N_("review.missing.a"),
    "b": N_("review.missing.b"),
    "c1": N_("review.missing.c1"),
    "c2": N_("review.missing.c2"),
    "c3": N_("review.missing.c3"),
    "c4": N_("review.missing.c4"),
    "c5": N_("review.missing.c5"),
    "c6": N_("review.missing.c6"),
    "c7": N_("review.missing.c7"),
    "d": N_("review.missing.d"),
    "e": N_("review.missing.e"),
    "f": N_("review.missing.f"),
}
"""Each input section (every section but the outputs) → the message id saying what would fill it."""

ReviewLines = Mapping[str, Sequence[str]]
"""Section id → Markdown lines (links relative to the review's page)."""


class ReviewContributor(Protocol):
    """What a register's analysis offers a management review (optional for a register).

    ``review(context, period)`` returns, for the sections it can fill, the
    Markdown lines describing ``period``: what happened in it, judged as of
    the build's reference date. Links are relative to ``period.path``.
    """

    def review(self, context: object, period: ReviewPeriod) -> ReviewLines:
        """Lines for the sections this register fills, for ``period``."""
        ...
