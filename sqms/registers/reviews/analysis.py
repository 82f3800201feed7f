"""The management review register judged for publishing: the facts its pages are made from.

This is the judgement of the register, and nothing else: the reviews held
newest first and by the period they reviewed, the decisions and the distinct
improvement actions they name, and which of those actions the actions
register knows, with its status. The register page, the index summary
(``page``) and the "review held" section of each period's management review
page (``review``) are made from these facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqms.registers.common import RegisterContext
from sqms.registers.reviews.spec import Review, ReviewsSpec


@dataclass(frozen=True)
class ReviewsFacts:
    """Everything the register page, its summary and the "review held" sections show."""

    newest_first: tuple[Review, ...]
    """Every review held, the latest first (by day held, then id)."""
    by_period: Mapping[str, tuple[Review, ...]]
    """The reviews held for each period label, the earliest first (by day held, then id)."""
    decisions: int
    """Decisions taken, over all reviews."""
    actions: int
    """Distinct improvement actions the decisions name, over all reviews."""
    publish_names: bool
    """Whether people's names may be shown, or only their roles."""
    known_actions: Mapping[str, str | None]
    """The actions named that the actions register defines, with their status in words."""


def analyse_reviews(spec: ReviewsSpec, context: RegisterContext) -> ReviewsFacts:
    """The register's facts, with its actions looked up in the project's actions register."""
    oldest_first = sorted(spec.reviews, key=lambda r: (r.held_on, r.id))
    by_period: dict[str, list[Review]] = {}
    for review in oldest_first:
        by_period.setdefault(review.period, []).append(review)
    named = {a for r in spec.reviews for a in action_ids(r)}
    return ReviewsFacts(
        newest_first=tuple(sorted(spec.reviews, key=lambda r: (r.held_on, r.id), reverse=True)),
        by_period={period: tuple(reviews) for period, reviews in by_period.items()},
        decisions=sum(len(r.decisions) for r in spec.reviews),
        actions=len(named),
        publish_names=spec.publish_names,
        known_actions=_known_actions(named, context),
    )


def action_ids(review: Review) -> set[str]:
    """The distinct improvement actions a review's decisions name."""
    return {a for d in review.decisions for a in d.actions}


def held_for(facts: ReviewsFacts, period: str) -> tuple[Review, ...]:
    """The reviews held for the period labelled ``period``, the earliest first."""
    return facts.by_period.get(period, ())


def _known_actions(named: Iterable[str], context: RegisterContext) -> dict[str, str | None]:
    """Which ``named`` actions the actions register defines, with their status (if it tells)."""
    register = context.registers.get("actions")
    if register is None:
        return {}
    defined = set(register.ids().get("action", ()))
    status_of = getattr(register, "status_of", None)
    return {
        action: status_of(action) if callable(status_of) else None
        for action in sorted(set(named) & defined)
    }
