"""The management review register: the reviews held, who took part, what they decided.

``data/registers/reviews.yml`` lists every management review held: the
period it reviewed, the day it was held, its chair and attendees, and its
decisions by output of ISO 9001 9.3.3 with the improvement actions carrying
them out. Loading checks the file's form and what it says about itself at
the line that says it: ids used once, no review held after the as-of date,
none held before its period begins. The actions and the minutes it names are
references, checked by the registers framework.

A review held is the record the clause matrix counts for clause 9.3 (and its
decisions for 9.3.3); the generated review pages are inputs, not records.

This is the top of the register's package: :meth:`ReviewRegister.analyse`
gathers the register's facts (``analysis``) and returns
:class:`ReviewsAnalysis`, which publishes them by delegating to ``page`` (the
register page, the summary) and ``review`` (the "review held" section of a
period's management review page).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqms.engine.review_periods import parse_period
from sqms.i18n import t
from sqms.io.yamlsource import line_of
from sqms.registers.common import LoadContext, Reference, RegisterContext, anchor
from sqms.registers.reviews.analysis import ReviewsFacts, analyse_reviews
from sqms.registers.reviews.page import register_page, summary_line
from sqms.registers.reviews.review import review_held
from sqms.registers.reviews.spec import Review, ReviewsSpec
from sqms.schema.validation import load_validated
from sqms.standards.clauses import ClauseRef

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod
    from sqms.site.pages.common import Page
    from sqms.site.reporting import AttentionItem

REVIEW_CLAUSE = "9.3"
OUTPUTS_CLAUSE = "9.3.3"


@dataclass
class ReviewRegister:
    """The management review register, loaded and checked."""

    name: str
    display: str
    spec: ReviewsSpec
    source: Any
    """The file as loaded, with lines."""

    def ids(self) -> Mapping[str, Iterable[str]]:
        """The reviews this register defines."""
        return {"review": [review.id for review in self.spec.reviews]}

    def references(self) -> Iterable[Reference]:
        """Each decision's actions and each review's minutes, at their lines."""
        for index, review in enumerate(self.spec.reviews):
            at: tuple[Any, ...] = ("reviews", index)
            if review.minutes is not None:
                line = line_of(self.source, (*at, "minutes"))
                yield Reference("document", review.minutes, self.display, line)
            for number, decision in enumerate(review.decisions):
                for position, action in enumerate(decision.actions):
                    line = line_of(self.source, (*at, "decisions", number, "actions", position))
                    yield Reference("action", action, self.display, line)

    def clause_refs(self) -> Iterable[ClauseRef]:
        """Every review held is a record for 9.3; each of its decisions for 9.3.3."""
        for index, review in enumerate(self.spec.reviews):
            line = line_of(self.source, ("reviews", index, "held_on"))
            yield ClauseRef(REVIEW_CLAUSE, "review", review.id, self.display, line)
            for number in range(len(review.decisions)):
                line = line_of(self.source, ("reviews", index, "decisions", number))
                yield ClauseRef(OUTPUTS_CLAUSE, "review", review.id, self.display, line)

    def analyse(self, context: RegisterContext) -> ReviewsAnalysis:
        """The reviews held, for the register page and the management review pages."""
        return ReviewsAnalysis(analyse_reviews(self.spec, context))


@dataclass
class ReviewsAnalysis:
    """The reviews held and what they publish: the register page, its summary, "review held".

    Only delegates: the facts are gathered in ``analysis``, the texts are made
    in ``page`` and ``review``.
    """

    facts: ReviewsFacts

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The one register page: every review held, then each in detail."""
        return [register_page(self.facts, context)]

    def summary(self, context: RegisterContext) -> str:
        """How many reviews held, the latest, and how many decisions and actions."""
        return summary_line(self.facts)

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Nothing: a review not held shows on its period's review page."""
        return []

    def held(self, context: RegisterContext, period: ReviewPeriod) -> list[str]:
        """The "review held" section of ``period``'s management review page."""
        return review_held(self.facts, context, period)


def load_reviews(path: Path, display: str, context: LoadContext) -> ReviewRegister | None:
    """Load ``reviews.yml``, check it, and report every problem at its line.

    Returns None when the file cannot be read or does not match the format; a
    register with other errors is still returned (its ids stay known) after
    the errors are reported.
    """
    loaded = load_validated(path, display, ReviewsSpec, context.report)
    if loaded is None:
        return None
    source, spec = loaded
    _ReviewChecks(spec, source, display, context).run()
    return ReviewRegister("reviews", display, spec, source)


@dataclass(frozen=True)
class _ReviewChecks:
    """What the file says about itself, checked at the lines that say it."""

    spec: ReviewsSpec
    source: Any
    display: str
    context: LoadContext

    def run(self) -> None:
        """Every check, all problems reported."""
        first: dict[str, tuple[str, int | None]] = {}
        for index, review in enumerate(self.spec.reviews):
            at = ("reviews", index)
            key = anchor(review.id)
            if key in first:
                other, line = first[key]
                message = (
                    t("reviews.duplicate", id=review.id, line=line)
                    if other == review.id
                    else t("reviews.same_anchor", id=review.id, other=other, line=line)
                )
                self._error((*at, "id"), message)
            first.setdefault(key, (review.id, line_of(self.source, (*at, "id"))))
            self._dates(at, review)

    def _error(self, path: Sequence[Any], message: str) -> None:
        self.context.report.error(self.display, line_of(self.source, path), message)

    def _dates(self, at: tuple[Any, ...], review: Review) -> None:
        """Held no later than the as-of date, and not before the period it reviews begins."""
        today = self.context.today
        if review.held_on > today:
            self._error(
                (*at, "held_on"), t("reviews.held_future", date=review.held_on, today=today)
            )
        period = parse_period(review.period)
        if period is not None and review.held_on < period.start:
            message = t("reviews.held_before_period", date=review.held_on, period=review.period)
            self._error((*at, "held_on"), message)
