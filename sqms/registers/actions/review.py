"""What the improvement action register gives a management review (ISO 9001 9.3.2).

- a) the actions raised by earlier management reviews (source type ``review``):
  when each was opened, where it stood at the period's end, and its verdict;
- c4) corrective actions opened and closed in the period, and those open at
  its end with their overdue steps;
- e) the effectiveness checks whose follow-up window ended in the period, and
  the actions closed in it: verdict and change;
- f) indicators below target in each of the latest periods up to the period's
  end with no open action on them (the dashboard's flag, taken at that day).

The state at the period's end is judged on ``min(period.end, today)``, the
"as of" day the text names: an action opened after it is not there yet, one
closed after it is still open, a step done after it was not done, and a
check whose follow-up ends after it is pending. Counts are compared with the
period before. Links are relative to the review's page.

The state on a day is judged in :mod:`sqms.registers.actions.analysis`; this
module only puts it into words (shared with the pages through
:mod:`sqms.registers.actions.labels`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqms.engine.review_periods import ReviewPeriod
from sqms.i18n import N_, nt, t
from sqms.registers.actions.analysis import (
    ActionsFacts,
    concluded,
    open_on,
    overdue_on,
    steps_done_by,
    unattended_misses,
    verdict_on,
)
from sqms.registers.actions.effectiveness import VERDICTS
from sqms.registers.actions.labels import (
    OVERDUE_MARK,
    action_link,
    change_text,
    status_word,
    verdict_text,
)
from sqms.registers.actions.spec import Action
from sqms.registers.common import RegisterContext
from sqms.site.pages.common import md_table
from sqms.text.formatting import escape, format_date, format_period

C4_TEXTS: dict[str, tuple[str, str]] = {
    "opened": (N_("review.actions.c4.opened"), N_("review.actions.c4.opened_none")),
    "closed": (N_("review.actions.c4.closed"), N_("review.actions.c4.closed_none")),
}
"""Each event of section c4) (opened, closed) → the ids of its line: with actions, and without."""


@dataclass(frozen=True)
class At:
    """A review period and the day its state is judged on, with the page links start from."""

    period: ReviewPeriod
    day: dt.date

    @property
    def label(self) -> str:
        """The period as a sentence names it, in the site's language (``2026年第3季度``)."""
        return format_period(self.period.label)

    @property
    def date(self) -> str:
        """The "as of" day as a sentence names it, in the site's language (``2026年9月30日``)."""
        return format_date(self.day)

    @property
    def page(self) -> str:
        """The review's page: links are relative to it."""
        return self.period.path

    def __contains__(self, day: dt.date | None) -> bool:
        """Whether ``day`` is in the period and not after the "as of" day."""
        return day is not None and self.period.start <= day <= self.day


def as_of(period: ReviewPeriod, context: RegisterContext) -> At:
    """The period with its "as of" day: its end, or the reference date if that comes first."""
    return At(period, min(period.end, context.today))


def review_lines(
    facts: ActionsFacts, context: RegisterContext, period: ReviewPeriod
) -> dict[str, list[str]]:
    """The lines of sections a), c4), e) and f) for ``period``."""
    now, before = as_of(period, context), as_of(period.previous(), context)
    return {
        "a": review_actions(facts, context, now),
        "c4": corrective(facts, context, now, before),
        "e": effectiveness(facts, context, now, before),
        "f": unattended(facts, context, now, before),
    }


# --- a) actions from earlier management reviews ------------------------------


def review_actions(facts: ActionsFacts, context: RegisterContext, at: At) -> list[str]:
    """Every action raised by a management review that concerns the period, with its state."""
    raised = [a for a in facts.actions if a.source.type == "review"]
    if not raised:
        return ["- " + t("review.actions.a.none")]
    earlier = [a for a in raised if a.closed is not None and a.closed < at.period.start]
    closed_before = {a.id for a in earlier}
    shown = [a for a in raised if a.opened <= at.day and a.id not in closed_before]
    label, start = at.label, format_date(at.period.start)
    lines = []
    if not shown:
        lines.append(t("review.actions.a.none_in_period", period=label, date=at.date))
    else:
        still = sum(open_on(a, at.day) for a in shown)
        lines.append(
            t(
                "review.actions.a.count",
                count=len(shown),
                open=still,
                closed=len(shown) - still,
                period=label,
                date=at.date,
            )
        )
    if earlier:
        lines.append(t("review.actions.a.earlier", count=len(earlier), start=start))
    if not shown:
        return [f"- {' '.join(lines)}"]
    header = [
        t("review.actions.col.action"),
        t("review.actions.col.opened"),
        t("review.actions.col.decision"),
        t("review.actions.col.status_on", date=at.day),
        t("review.actions.col.verdict_on", date=at.day),
    ]
    rows = [
        [
            action_link(action, context, at.page),
            str(action.opened),
            escape("; ".join(action.source.refs)) or "—",
            status_on(action, at, context),
            verdict_text(verdict_on(action, facts, context, at.day)),
        ]
        for action in shown
    ]
    return [f"- {' '.join(lines)}", "", *md_table(header, rows)]


# --- c4) corrective actions ---------------------------------------------------


def corrective(facts: ActionsFacts, context: RegisterContext, at: At, before: At) -> list[str]:
    """Corrective actions opened and closed in the period; those open at its end, overdue steps."""
    actions = [a for a in facts.actions if a.kind == "corrective"]
    lines = []
    for event, (some, none) in C4_TEXTS.items():
        now = [a for a in actions if getattr(a, event) in at]
        then = sum(getattr(a, event) in before for a in actions)
        if now:
            links = ", ".join(action_link(a, context, at.page) for a in now)
            text = t(
                some,
                period=at.label,
                count=len(now),
                change=compare(len(now), then, before.label),
                links=links,
            )
        else:
            text = t(
                none,
                period=at.label,
                before=then,
                previous=before.label,
            )
        lines.append(f"- {text}")
    still = [a for a in actions if open_on(a, at.day)]
    late = [a for a in still if overdue_on(a, at.day)]
    if not still:
        return [*lines, "- " + t("review.actions.c4.open_none", date=at.date)]
    summary = t("review.actions.c4.open", date=at.date, count=len(still), overdue=len(late))
    header = [
        t("review.actions.col.action"),
        t("review.actions.col.opened"),
        t("review.actions.col.steps_done", date=at.day),
        t("review.actions.col.overdue_on", date=at.day),
    ]
    rows = [
        [
            action_link(action, context, at.page),
            str(action.opened),
            t(
                "review.actions.steps_done",
                done=steps_done_by(action, at.day),
                steps=len(action.steps),
            ),
            _overdue_text(action, at.day),
        ]
        for action in still
    ]
    return [*lines, f"- {summary}", "", *md_table(header, rows)]


def _overdue_text(action: Action, day: dt.date) -> str:
    """The steps overdue on ``day``: number, what, due date and owner; ``—`` when none."""
    late = overdue_on(action, day)
    if not late:
        return "—"
    texts = [
        t(
            "review.actions.overdue_step",
            step=number,
            what=escape(step.what),
            due=step.due,
            owner=escape(step.owner),
        )
        for number, step in late
    ]
    return f"{OVERDUE_MARK} " + "; ".join(texts)


# --- e) effectiveness ---------------------------------------------------------


def effectiveness(facts: ActionsFacts, context: RegisterContext, at: At, before: At) -> list[str]:
    """Checks whose follow-up ended in the period and actions closed in it: verdict and change."""
    now = _concluded(facts, context, at)
    then = len(_concluded(facts, context, before))
    if not now:
        text = t(
            "review.actions.e.none",
            period=at.label,
            before=then,
            previous=before.label,
        )
        return [f"- {text}"]
    verdicts = [verdict_on(a, facts, context, at.day) or "none" for a in now]
    counts = t("diag.list_separator").join(
        f"{verdicts.count(v)} {verdict_text(v if v != 'none' else None)}"
        for v in (*VERDICTS, "none")
        if v in verdicts
    )
    summary = t(
        "review.actions.e.count",
        period=at.label,
        count=len(now),
        change=compare(len(now), then, before.label),
        verdicts=counts,
    )
    header = [
        t("review.actions.col.action"),
        t("review.actions.col.checked_on"),
        t("review.actions.col.follow_up"),
        t("review.actions.col.change"),
        t("review.actions.col.verdict_on", date=at.day),
        t("review.actions.col.status_on", date=at.day),
    ]
    rows = [_effect_row(action, facts, context, at) for action in now]
    return [f"- {summary}", "", *md_table(header, rows)]


def _concluded(facts: ActionsFacts, context: RegisterContext, at: At) -> list[Action]:
    """Actions whose check's follow-up ended in the period, or closed in it, by that date."""
    return concluded(facts, context, at.period.start, at.day)


def _effect_row(action: Action, facts: ActionsFacts, context: RegisterContext, at: At) -> list[str]:
    """One action of section e): its check, follow-up window, change, verdict and state."""
    check = action.effectiveness
    judgement = facts.judgements.get(action.id)
    verdict = verdict_on(action, facts, context, at.day)
    subject = window = change = "—"
    if check is not None:
        indicator = context.plan.indicators.get(check.indicator)
        name = indicator.spec.name if indicator is not None else check.indicator
        subject = context.link("indicator", check.indicator, at.page, name)
        dim, value = check.dimension
        if dim:
            subject += " " + t("actions.breakdown", dim=escape(dim), value=escape(value))
        first, _, last = check.follow_up.partition("..")
        window = first if last == first else f"{first} – {last}"
        if indicator is not None and judgement is not None and judgement.change is not None:
            change = change_text(judgement.change, indicator) if verdict != "pending" else "—"
    return [
        action_link(action, context, at.page),
        subject,
        escape(window),
        change,
        verdict_text(verdict),
        status_on(action, at, context),
    ]


# --- f) indicators below target with no open action ---------------------------


def unattended(facts: ActionsFacts, context: RegisterContext, at: At, before: At) -> list[str]:
    """The dashboard's "missing target with no open action", taken at the period's end."""
    actions = facts.actions
    periods = facts.flag_misses_after
    now = unattended_misses(actions, context, periods, at.day)
    then = len(unattended_misses(actions, context, periods, before.day))
    values = {"periods": periods, "date": at.date, "previous": before.label}
    if not now:
        return ["- " + nt("review.actions.f.none", periods, before=then, **values)]
    change = compare(len(now), then, before.label)
    count = len(now)
    lines = ["- " + nt("review.actions.f.count", periods, count=count, change=change, **values)]
    for found in now:
        name = context.plan.indicators[found.indicator].spec.name
        link = context.link("indicator", found.indicator, at.page, name)
        shown = t("diag.list_separator").join(escape(format_period(p)) for p in found.periods)
        lines.append(f"    - {link}: {shown}")
    return lines


# --- the state of an action on a day, in words ---------------------------------


def status_on(action: Action, at: At, context: RegisterContext) -> str:
    """``closed 2026-06-10``, or ``open, 2 of 3 steps done`` (the stage when the day is today)."""
    if action.closed is not None and action.closed <= at.day:
        return t("review.actions.closed_on", date=action.closed)
    done = steps_done_by(action, at.day)
    stage = status_word(action.status) if at.day >= context.today else t("review.actions.open")
    steps = len(action.steps)
    text = nt("review.actions.stage_steps", steps, stage=stage, done=done, steps=steps)
    late = overdue_on(action, at.day)
    if late:
        text += f" {OVERDUE_MARK} " + t("review.actions.overdue_count", count=len(late))
    return text


def compare(now: int, before: int, previous: str) -> str:
    """``2 more than in 2026-Q2``, ``1 fewer than in 2026-Q2``, ``as many as in 2026-Q2``."""
    if now > before:
        return t("review.actions.more", count=now - before, period=previous)
    if now < before:
        return t("review.actions.fewer", count=before - now, period=previous)
    return t("review.actions.same", period=previous)
