"""The action register's pages, its dashboard items and its line on the registers' index.

Made from the register's facts (:class:`~sqms.registers.actions.analysis.ActionsFacts`),
never judged here. The register page answers "what are we improving, where
does each action stand, and did it work?": the actions by PDCA stage, then
one sortable table with each action's source, owner, stage, next due step and
effectiveness verdict (symbol and word, :mod:`sqms.registers.actions.labels`).
Each action links to its own page (:mod:`sqms.registers.actions.detail_page`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqms.i18n import nt, t
from sqms.registers.actions.analysis import ActionsFacts
from sqms.registers.actions.detail_page import action_page
from sqms.registers.actions.effectiveness import VERDICTS
from sqms.registers.actions.labels import (
    action_link,
    kind_word,
    overdue_due_text,
    source_text,
    status_text,
    status_word,
    verdict_text,
    verdict_word,
)
from sqms.registers.actions.spec import STATUSES, Action
from sqms.registers.common import ACTIONS_PAGE, RegisterContext, action_path, relative
from sqms.site.pages.common import Page, md_table, register_table, report_markdown
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import escape, format_date, format_period

REFS_SHOWN = 3
"""How many of a source's ids the register table lists before "and N more"."""


def action_pages(facts: ActionsFacts, context: RegisterContext) -> list[Page]:
    """The register page, then each action's own page."""
    pages = [register_page(facts, context)]
    pages += [action_page(action, facts, context) for action in facts.actions]
    return pages


def register_page(facts: ActionsFacts, context: RegisterContext) -> Page:
    """Every action in one sortable table, with the count at each PDCA stage."""
    actions = facts.actions
    lines = ["# " + t("actions.title"), "", t("actions.intro", date=format_date(context.today)), ""]
    lines += [summary_line(facts), ""]
    if not actions:
        return Page(ACTIONS_PAGE, report_markdown([*lines, t("actions.none"), ""]))
    lines += ["## " + t("actions.by_stage"), ""]
    counts = [str(sum(a.status == status for a in actions)) for status in STATUSES]
    lines += [*md_table([status_word(s) for s in STATUSES], [counts]), ""]
    lines += ["## " + t("actions.all"), ""]
    header = [
        t("actions.col.id"),
        t("actions.col.title"),
        t("actions.col.kind"),
        t("actions.col.source"),
        t("actions.col.owner"),
        t("actions.col.status"),
        t("actions.col.opened"),
        t("actions.col.next_due"),
        t("actions.col.effectiveness"),
    ]
    rows = [_row(action, facts, context) for action in actions]
    lines += register_table(md_table(header, rows))
    return Page(ACTIONS_PAGE, report_markdown(lines))


def _row(action: Action, facts: ActionsFacts, context: RegisterContext) -> list[str]:
    """One action's row of the register table (every text escaped)."""
    return [
        f"[{escape(action.id)}]({relative(action_path(action.id), ACTIONS_PAGE)})",
        escape(action.title),
        kind_word(action),
        source_text(action, context, ACTIONS_PAGE, REFS_SHOWN),
        escape(action.owner),
        status_text(action),
        str(action.opened),
        next_due_text(action, facts.today),
        verdict_text(facts.verdict(action)),
    ]


def next_due_text(action: Action, today: dt.date) -> str:
    """The due date of the next step not done, flagged when it has passed."""
    steps = action.open_steps()
    if not steps:
        return "—"
    due = steps[0].due
    if action.status != "closed" and due < today:
        return overdue_due_text(due)
    return str(due)


def summary_line(facts: ActionsFacts) -> str:
    """How many actions, open and closed, overdue steps, and how their checks came out."""
    actions = facts.actions
    verdicts = [j.verdict for j in facts.judgements.values()]
    checks = t("diag.list_separator").join(
        f"{verdicts.count(v)} {verdict_word(v)}" for v in VERDICTS if v in verdicts
    )
    closed = sum(a.status == "closed" for a in actions)
    return nt(
        "actions.summary",
        len(actions),
        total=len(actions),
        open=len(actions) - closed,
        closed=closed,
        overdue=len(facts.overdue),
        checks=checks or "—",
        unchecked=len(facts.unchecked),
    )


def attention_items(
    facts: ActionsFacts, context: RegisterContext, page: str
) -> Sequence[AttentionItem]:
    """The dashboard's items: overdue steps, closures without a passed check, unattended misses."""
    items = []
    group = t("actions.attention.overdue_group")
    for found in facts.overdue:
        link = action_link(found.action, context, page)
        text = t(
            "actions.attention.overdue",
            link=link,
            step=found.number,
            what=escape(found.step.what),
            due=format_date(found.step.due),
            owner=escape(found.step.owner),
        )
        items.append(AttentionItem(group, text))
    group = t("actions.attention.unchecked_group")
    for action in facts.unchecked:
        verdict = verdict_text(facts.verdict(action))
        text = t(
            "actions.attention.unchecked",
            link=action_link(action, context, page),
            date=format_date(action.closed),
            verdict=verdict,
        )
        items.append(AttentionItem(group, text))
    group = t("actions.attention.unattended_group")
    for unattended in facts.unattended:
        name = context.plan.indicators[unattended.indicator].spec.name
        link = context.link("indicator", unattended.indicator, page, name)
        text = nt(
            "actions.attention.unattended",
            len(unattended.periods),
            link=link,
            periods=t("diag.list_separator").join(map(format_period, unattended.periods)),
        )
        items.append(AttentionItem(group, text))
    return items
