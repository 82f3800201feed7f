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

SECTIONS = ("a", "b", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "d", "e", "f", "outputs")
"""In the order of clause 9.3: a) previous actions … f) opportunities, then the outputs."""

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
