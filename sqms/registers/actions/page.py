"""The action register's page, its dashboard items and its line on the registers' index.

The register page answers "what are we improving, where does each action
stand, and did it work?": the actions by PDCA stage, then one sortable table
with each action's source, owner, stage, next due step and effectiveness
verdict (symbol and word). Each action links to its own page
(:mod:`sqms.registers.actions.detail_page`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqms.i18n import t
from sqms.registers.actions.analysis import ActionsAnalysis
from sqms.registers.actions.effectiveness import VERDICTS
from sqms.registers.actions.spec import SOURCE_KINDS, STATUSES, Action
from sqms.registers.common import ACTIONS_PAGE, RegisterContext, action_path, relative
from sqms.site.pages.common import Page, md_table
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import escape

VERDICT_SYMBOL = {"passed": "✔", "failed": "✖", "pending": "◷", "not_judged": "○", "none": "—"}
"""Each verdict has a symbol and a word; colour is never the only sign."""
OVERDUE_MARK = "⚠"
REFS_SHOWN = 3
"""How many of a source's ids the register table lists before "and N more"."""


def action_pages(analysis: ActionsAnalysis, context: RegisterContext) -> list[Page]:
    """The register page, then each action's own page."""
    from sqms.registers.actions.detail_page import action_page

    pages = [register_page(analysis, context)]
    pages += [action_page(action, analysis, context) for action in analysis.register.actions]
    return pages


def register_page(analysis: ActionsAnalysis, context: RegisterContext) -> Page:
    """Every action in one sortable table, with the count at each PDCA stage."""
    actions = analysis.register.actions
    lines = [f"# {t('actions.title')}", "", t("actions.intro", date=context.today), ""]
    lines += [summary_line(analysis), ""]
    if not actions:
        return Page(ACTIONS_PAGE, "\n".join([*lines, t("actions.none"), ""]))
    lines += [f"## {t('actions.by_stage')}", ""]
    counts = [str(sum(a.status == status for a in actions)) for status in STATUSES]
    lines += [*md_table([t(f"actions.status.{s}") for s in STATUSES], [counts]), ""]
    lines += [f"## {t('actions.all')}", "", '<div class="sqms-sortable" markdown>', ""]
    header = [
        "id",
        "title",
        "kind",
        "source",
        "owner",
        "status",
        "opened",
        "next_due",
        "effectiveness",
    ]
    rows = [_row(action, analysis, context) for action in actions]
    lines += [*md_table([t(f"actions.col.{h}") for h in header], rows), "", "</div>", ""]
    return Page(ACTIONS_PAGE, "\n".join(lines))


def _row(action: Action, analysis: ActionsAnalysis, context: RegisterContext) -> list[str]:
    """One action's row of the register table (every text escaped)."""
    return [
        f"[{escape(action.id)}]({relative(action_path(action.id), ACTIONS_PAGE)})",
        escape(action.title),
        t(f"actions.kind.{action.kind}"),
        source_text(action, context, ACTIONS_PAGE, REFS_SHOWN),
        escape(action.owner),
        status_text(action),
        str(action.opened),
        next_due_text(action, analysis.today),
        verdict_text(analysis.verdict(action)),
    ]


def source_text(action: Action, context: RegisterContext, page: str, limit: int | None) -> str:
    """``complaints: CMP-0219, CMP-0222 … and 20 more``, linked; a review's refs as text."""
    source = action.source
    kind = SOURCE_KINDS.get(source.type)
    refs = source.refs if limit is None else source.refs[:limit]
    if kind is None:
        shown = [escape(ref) for ref in refs]
    else:
        shown = [context.link(kind, ref, page) for ref in refs]
    text = t(f"actions.source.{source.type}")
    if shown:
        text += t("actions.source_refs", refs=", ".join(shown))
    if limit is not None and len(source.refs) > limit:
        text += " " + t("actions.more", count=len(source.refs) - limit)
    return text


def status_text(action: Action) -> str:
    """The PDCA stage in words; a closed action with its closing date."""
    word = t(f"actions.status.{action.status}")
    if action.closed is None:
        return word
    return t("actions.closed_on", status=word, date=action.closed)


def next_due_text(action: Action, today: dt.date) -> str:
    """The due date of the next step not done, flagged when it has passed."""
    steps = action.open_steps()
    if not steps:
        return "—"
    due = steps[0].due
    if action.status != "closed" and due < today:
        return f"**{due}** {OVERDUE_MARK} {t('actions.overdue')}"
    return str(due)


def verdict_text(verdict: str | None) -> str:
    """A verdict as symbol and word: ``✔ passed``; ``— no check`` when there is none."""
    key = verdict or "none"
    return f"{VERDICT_SYMBOL[key]} {t(f'actions.verdict.{key}')}"


def summary_line(analysis: ActionsAnalysis) -> str:
    """How many actions, open and closed, overdue steps, and how their checks came out."""
    actions = analysis.register.actions
    verdicts = [j.verdict for j in analysis.judgements.values()]
    checks = t("diag.list_separator").join(
        f"{verdicts.count(v)} {t(f'actions.verdict.{v}')}" for v in VERDICTS if v in verdicts
    )
    closed = sum(a.status == "closed" for a in actions)
    return t(
        "actions.summary",
        total=len(actions),
        open=len(actions) - closed,
        closed=closed,
        overdue=len(analysis.overdue),
        checks=checks or "—",
        unchecked=len(analysis.unchecked),
    )


def attention_items(
    analysis: ActionsAnalysis, context: RegisterContext, page: str
) -> Sequence[AttentionItem]:
    """The dashboard's items: overdue steps, closures without a passed check, unattended misses."""
    items = []
    group = t("actions.attention.overdue_group")
    for found in analysis.overdue:
        link = _action_link(found.action, context, page)
        text = t(
            "actions.attention.overdue",
            link=link,
            step=found.number,
            what=escape(found.step.what),
            due=found.step.due,
            owner=escape(found.step.owner),
        )
        items.append(AttentionItem(group, text))
    group = t("actions.attention.unchecked_group")
    for action in analysis.unchecked:
        verdict = verdict_text(analysis.verdict(action))
        text = t(
            "actions.attention.unchecked",
            link=_action_link(action, context, page),
            date=action.closed,
            verdict=verdict,
        )
        items.append(AttentionItem(group, text))
    group = t("actions.attention.unattended_group")
    for unattended in analysis.unattended:
        name = context.plan.indicators[unattended.indicator].spec.name
        link = context.link("indicator", unattended.indicator, page, name)
        text = t(
            "actions.attention.unattended",
            link=link,
            count=len(unattended.periods),
            periods=", ".join(unattended.periods),
        )
        items.append(AttentionItem(group, text))
    return items


def _action_link(action: Action, context: RegisterContext, page: str) -> str:
    """``[ACT-2026-006 Title](…)``, relative to ``page``."""
    return context.link("action", action.id, page, f"{action.id} {action.title}")
