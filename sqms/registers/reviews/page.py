"""The management review register as a page: every review held, and its summary line.

Everything here is made from the register's facts (``analysis``). The
register page lists the reviews held, newest first, then each in detail:
its period, date, chair, attendees and decisions by output of ISO 9001
9.3.3, with the improvement actions carrying them out. The same detail of a
review is shown on its period's management review page (``review``). People
appear by role; a name only when the register publishes names.
"""

from __future__ import annotations

from sqms.i18n import N_, nt, t
from sqms.registers.common import REGISTER_DIR, RegisterContext, anchor
from sqms.registers.reviews.analysis import ReviewsFacts, action_ids
from sqms.registers.reviews.spec import OUTPUTS, Attendee, Review
from sqms.site.pages.common import Page, md_table, report_markdown
from sqms.text.formatting import format_date, format_period
from sqms.text.markup import escape

REVIEWS_PAGE = f"{REGISTER_DIR}/reviews.md"
"""The register's page in the site."""
REVIEWS_FILE = f"data/{REGISTER_DIR}/reviews.yml"
"""The register's file, as named to the reader who should record a review there."""
OUTPUT_WORDS: dict[str, str] = {
    "improvement": N_("reviews.output.improvement"),
    "qms_changes": N_("reviews.output.qms_changes"),
    "resources": N_("reviews.output.resources"),
}
"""Each output of ISO 9001 9.3.3 (``OUTPUTS`` of the spec) → the message id of its heading."""


def person_text(person: Attendee, publish_names: bool) -> str:
    """``Quality Manager``, or ``Li Na (Quality Manager)`` when names are published; escaped."""
    if publish_names and person.name:
        return f"{escape(person.name)} ({escape(person.role)})"
    return escape(person.role)


def register_page(facts: ReviewsFacts, context: RegisterContext) -> Page:
    """The one register page: every review held, then each in detail."""
    lines = ["# " + t("reviews.title"), "", t("reviews.intro", date=format_date(context.today)), ""]
    lines += [summary_line(facts), ""]
    header = [t("reviews.col.review"), t("reviews.col.period"), t("reviews.col.held_on"),
              t("reviews.col.chair"), t("reviews.col.attendees"), t("reviews.col.decisions"),
              t("reviews.col.actions")]  # fmt: skip
    rows = [
        [
            f"[{escape(r.id)}](#{anchor(r.id)})",
            escape(r.period),
            str(r.held_on),
            person_text(r.chair, facts.publish_names),
            str(len(r.attendees)),
            str(len(r.decisions)),
            str(len(action_ids(r))),
        ]
        for r in facts.newest_first
    ]
    lines += ["## " + t("reviews.list"), "", *md_table(header, rows), ""]
    for review in facts.newest_first:
        lines += [f"## {escape(review.id)} {{#{anchor(review.id)}}}", ""]
        lines += review_detail(review, facts, context, REVIEWS_PAGE, "###")
    return Page(REVIEWS_PAGE, report_markdown(lines))


def summary_line(facts: ReviewsFacts) -> str:
    """How many reviews held, the latest, and how many decisions and actions."""
    latest = facts.newest_first[0]
    return t(
        "reviews.summary",
        reviews=nt("count.reviews_held", len(facts.newest_first)),
        latest=escape(latest.id),
        date=format_date(latest.held_on),
        period=escape(format_period(latest.period)),
        decisions=nt("count.decisions", facts.decisions),
        actions=nt("count.improvement_actions", facts.actions),
    )


def review_detail(
    review: Review, facts: ReviewsFacts, context: RegisterContext, page: str, level: str
) -> list[str]:
    """A review's facts, then its decisions under each output of 9.3.3 (headings at ``level``)."""
    publish = facts.publish_names
    attendees = ", ".join(person_text(p, publish) for p in review.attendees) or "—"
    minutes = context.link("document", review.minutes, page) if review.minutes else "—"
    details = [
        (t("reviews.col.period"), escape(format_period(review.period))),
        (t("reviews.col.held_on"), format_date(review.held_on)),
        (t("reviews.col.chair"), person_text(review.chair, publish)),
        (t("reviews.col.attendees"), attendees),
        (t("reviews.col.minutes"), minutes),
    ]
    lines = [f"- **{label}:** {value}" for label, value in details] + [""]
    for output in OUTPUTS:
        lines += [f"{level} " + t(OUTPUT_WORDS[output]), ""]
        chosen = [d for d in review.decisions if d.output == output]
        if not chosen:
            lines += [t("reviews.no_decision"), ""]
            continue
        for decision in chosen:
            actions = ", ".join(_action(a, facts, context, page) for a in decision.actions)
            text = escape(decision.text)
            lines.append(f"- {text}" + (f" — {actions}" if actions else ""))
        lines.append("")
    return lines


def _action(action: str, facts: ReviewsFacts, context: RegisterContext, page: str) -> str:
    """An action linked, with its status when the actions register gives one; else as text."""
    if action not in facts.known_actions:
        return escape(action)
    status = facts.known_actions[action]
    link = context.link("action", action, page)
    return link if not status else f"{link} ({escape(status)})"
