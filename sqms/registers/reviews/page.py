"""The management review register's page, its summary line, and a period's "review held".

The register page lists the reviews held, newest first, each with its
period, date, chair, attendees and decisions by output of ISO 9001 9.3.3.
The generated management review page of a period shows, after its inputs,
the review held for it in the same form, or says plainly that none is
recorded. People appear by role; a name only when the register publishes
names.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqms.engine.review_periods import ReviewPeriod
from sqms.i18n import t
from sqms.registers.common import REGISTER_DIR, RegisterContext, anchor
from sqms.registers.reviews.spec import OUTPUTS, Attendee, Review, ReviewsSpec
from sqms.site.pages.common import Page, md_table
from sqms.site.reporting import AttentionItem
from sqms.text.markup import code, escape, relative_link

REVIEWS_PAGE = f"{REGISTER_DIR}/reviews.md"
REVIEWS_FILE = f"data/{REGISTER_DIR}/reviews.yml"


def person_text(person: Attendee, publish_names: bool) -> str:
    """``Quality Manager``, or ``Li Na (Quality Manager)`` when names are published; escaped."""
    if publish_names and person.name:
        return f"{escape(person.name)} ({escape(person.role)})"
    return escape(person.role)


def no_review_held(period: ReviewPeriod) -> list[str]:
    """The "review held" section of a period no review is recorded for."""
    text = t("reviews.none_held", period=escape(period.label), file=code(REVIEWS_FILE))
    return [f"### {t('reviews.held_title')}", "", f'!!! warning "{t("reviews.not_held")}"', "",
            f"    {text}", ""]  # fmt: skip


@dataclass
class ReviewsAnalysis:
    """The reviews held and what they publish."""

    spec: ReviewsSpec

    def _newest_first(self) -> list[Review]:
        return sorted(self.spec.reviews, key=lambda r: (r.held_on, r.id), reverse=True)

    # --- what the register publishes ---

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The one register page: every review held, then each in detail."""
        lines = [f"# {t('reviews.title')}", "", t("reviews.intro", date=context.today), ""]
        lines += [self.summary(context), ""]
        header = [t(f"reviews.col.{k}") for k in ("review", "period", "held_on", "chair",
                  "attendees", "decisions", "actions")]  # fmt: skip
        rows = [
            [
                f"[{escape(r.id)}](#{anchor(r.id)})",
                escape(r.period),
                str(r.held_on),
                person_text(r.chair, self.spec.publish_names),
                str(len(r.attendees)),
                str(len(r.decisions)),
                str(len({a for d in r.decisions for a in d.actions})),
            ]
            for r in self._newest_first()
        ]
        lines += [f"## {t('reviews.list')}", "", *md_table(header, rows), ""]
        for review in self._newest_first():
            lines += [f"## {escape(review.id)} {{#{anchor(review.id)}}}", ""]
            lines += self._review(review, context, REVIEWS_PAGE, "###")
        return [Page(REVIEWS_PAGE, "\n".join(lines))]

    def summary(self, context: RegisterContext) -> str:
        """How many reviews held, the latest, and how many decisions and actions."""
        latest = self._newest_first()[0]
        decisions = [d for r in self.spec.reviews for d in r.decisions]
        return t(
            "reviews.summary",
            reviews=len(self.spec.reviews),
            latest=escape(latest.id),
            date=latest.held_on,
            period=escape(latest.period),
            decisions=len(decisions),
            actions=len({a for d in decisions for a in d.actions}),
        )

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Nothing: a review not held shows on its period's review page."""
        return []

    def held(self, context: RegisterContext, period: ReviewPeriod) -> list[str]:
        """The "review held" section of ``period``'s management review page."""
        reviews = sorted(
            (r for r in self.spec.reviews if r.period == period.label),
            key=lambda r: (r.held_on, r.id),
        )
        if not reviews:
            return no_review_held(period)
        lines = [f"### {t('reviews.held_title')}", ""]
        for review in reviews:
            target = relative_link(f"{REVIEWS_PAGE}#{anchor(review.id)}", period.path)
            lines += [f"**[{escape(review.id)}]({target})**", ""]
            lines += self._review(review, context, period.path, "####")
        return lines

    # --- one review ---

    def _review(self, review: Review, context: RegisterContext, page: str, level: str) -> list[str]:
        """A review's facts, then its decisions under each output of 9.3.3."""
        publish = self.spec.publish_names
        attendees = ", ".join(person_text(p, publish) for p in review.attendees) or "—"
        minutes = context.link("document", review.minutes, page) if review.minutes else "—"
        facts = [
            (t("reviews.col.period"), escape(review.period)),
            (t("reviews.col.held_on"), str(review.held_on)),
            (t("reviews.col.chair"), person_text(review.chair, publish)),
            (t("reviews.col.attendees"), attendees),
            (t("reviews.col.minutes"), minutes),
        ]
        lines = [f"- **{label}:** {value}" for label, value in facts] + [""]
        for output in OUTPUTS:
            lines += [f"{level} {t(f'reviews.output.{output}')}", ""]
            chosen = [d for d in review.decisions if d.output == output]
            if not chosen:
                lines += [t("reviews.no_decision"), ""]
                continue
            for decision in chosen:
                actions = ", ".join(self._action(context, a, page) for a in decision.actions)
                text = escape(decision.text)
                lines.append(f"- {text}" + (f" — {actions}" if actions else ""))
            lines.append("")
        return lines

    def _action(self, context: RegisterContext, action: str, page: str) -> str:
        """An action linked, with its status when the actions register gives one."""
        register = context.registers.get("actions")
        if register is None or action not in set(register.ids().get("action", ())):
            return escape(action)
        status_of = getattr(register, "status_of", None)
        status = status_of(action) if callable(status_of) else None
        link = context.link("action", action, page)
        return link if not status else f"{link} ({escape(status)})"
