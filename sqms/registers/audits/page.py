"""The internal audit register's page, its items under "needs attention" and its summary line.

The page is what an auditor of the certification body asks for under
ISO 9001 clause 9.2: the programme (planned against held, overdue audits
flagged), every audit with its findings, the findings counted by type, and
the nonconformities still open with their age and the action treating them.
Everything is written from the judged register,
:class:`~sqms.registers.audits.analysis.AuditFacts`, and the register's own
fields; nothing is judged here.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

from sqms.i18n import nt, t
from sqms.registers.audits.analysis import AuditFacts
from sqms.registers.audits.labels import STATE_SYMBOL, STATE_WORDS, type_text
from sqms.registers.audits.spec import Audit, AuditsSpec, Finding
from sqms.registers.common import AUDITS_PAGE, DASHBOARD, RegisterContext, anchor
from sqms.site.pages.common import Page, md_table, register_table, report_markdown
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import escape, format_date, format_day


def _missing(value: Any) -> bool:
    """Whether a cell of a table is empty (None, NaN, NaT or NA)."""
    return value is None or bool(pd.isna(value))


def _date(value: Any) -> str:
    """A date as ``2026-04-14``; ``—`` when missing."""
    return "—" if _missing(value) else str(pd.Timestamp(value).date())


def audits_page(facts: AuditFacts, spec: AuditsSpec, context: RegisterContext) -> Page:
    """The one audit page."""
    lines = ["# " + t("audits.title"), "", t("audits.intro", date=format_date(context.today)), ""]
    lines += [summary_line(facts), ""]
    lines += _programme(facts, spec) + _counts(facts) + _open_list(facts, context)
    lines += ["## " + t("audits.details"), ""]
    for audit in sorted(spec.audits, key=lambda a: (a.planned, a.id)):
        lines += _audit_section(facts, audit, context)
    return Page(AUDITS_PAGE, report_markdown(lines))


def summary_line(facts: AuditFacts) -> str:
    """Audits held, planned and overdue; findings and open nonconformities."""
    return t(
        "audits.summary",
        audits=nt("count.audits", len(facts.audits)),
        held=facts.states["held"],
        planned=facts.states["planned"],
        overdue=facts.states["overdue"],
        findings=nt("count.findings", len(facts.findings)),
        open=len(facts.open_nonconformities),
    )


def attention_items(facts: AuditFacts, context: RegisterContext) -> list[AttentionItem]:
    """Open nonconformities (oldest first, with their age), then audits not held in time."""
    group = t("audits.attention_group")
    items = []
    for row in facts.open_nonconformities.itertuples(index=False):
        text = nt(
            "audits.attention_open",
            cast(int, row.age_days),
            finding=context.link("finding", str(row.finding), DASHBOARD),
            clause=escape(row.clause),
            days=row.age_days,
            held=format_day(row.held),
            action=_action(context, row.action, DASHBOARD, t("audits.no_action")),
        )
        items.append(AttentionItem(group, text))
    for row in facts.overdue.itertuples(index=False):
        text = nt(
            "audits.attention_overdue",
            cast(int, row.overdue_days),
            audit=context.link("audit", str(row.audit), DASHBOARD, f"{row.audit} {row.title}"),
            planned=format_day(row.planned),
            days=row.overdue_days,
        )
        items.append(AttentionItem(group, text))
    return items


def _action(context: RegisterContext, action: object, page: str, missing: str = "—") -> str:
    """The finding's action linked, with its status when the actions register gives one.

    The actions register is read only through its ids and, if it has one,
    a ``status_of(action_id)`` method returning the status as text.
    """
    if _missing(action):
        return missing
    register = context.registers.get("actions")
    if register is None or str(action) not in set(register.ids().get("action", ())):
        return escape(action)
    status_of = getattr(register, "status_of", None)
    status = status_of(str(action)) if callable(status_of) else None
    link = context.link("action", str(action), page)
    return link if not status else f"{link} ({escape(status)})"


def _state(facts: AuditFacts, audit_id: str) -> str:
    """``✔ held``, ``○ planned`` or ``✖ overdue by 35 days``."""
    state = facts.state_of[audit_id]
    word = (
        nt(
            "audits.overdue_by",
            int(facts.overdue_days[audit_id]),
            days=facts.overdue_days[audit_id],
        )
        if state == "overdue"
        else t(STATE_WORDS[state])
    )
    return f"{STATE_SYMBOL[state]} {word}"


def _programme(facts: AuditFacts, spec: AuditsSpec) -> list[str]:
    """Every audit, planned against held."""
    header = [t("audits.col.audit"), t("audits.col.title"), t("audits.col.planned"),
              t("audits.col.held"), t("audits.col.status"), t("audits.col.scope"),
              t("audits.col.auditor"), t("audits.col.findings")]  # fmt: skip
    rows = [
        [
            f"[{escape(a.id)}](#{anchor(a.id)})",
            escape(a.title),
            str(a.planned),
            _date(a.held),
            _state(facts, a.id),
            ", ".join(escape(c) for c in a.scope),
            escape(a.auditor),
            str(len(a.findings)),
        ]
        for a in sorted(spec.audits, key=lambda a: (a.planned, a.id))
    ]
    return ["## " + t("audits.programme"), "", *_sortable(md_table(header, rows))]


def _counts(facts: AuditFacts) -> list[str]:
    """Findings by type: how many, how many still open."""
    header = [t("audits.col.type"), t("audits.col.total"), t("audits.col.open"),
              t("audits.col.closed")]  # fmt: skip
    rows = [
        [type_text(kind), str(total), str(still_open), str(total - still_open)]
        for kind, (total, still_open) in facts.by_type.items()  # in the order of FINDING_TYPES
    ]
    return ["## " + t("audits.by_type"), "", *md_table(header, rows), ""]


def _open_list(facts: AuditFacts, context: RegisterContext) -> list[str]:
    """Nonconformities still open, oldest first, with the action treating them."""
    chosen = facts.open_nonconformities
    lines = [
        "## " + t("audits.open"),
        "",
        t("audits.open_intro", date=format_date(context.today)),
        "",
    ]
    if chosen.empty:
        return [*lines, t("audits.none"), ""]
    header = [t("audits.col.finding"), t("audits.col.audit"), t("audits.col.clause"),
              t("audits.col.held"), t("audits.col.age"), t("audits.col.action")]  # fmt: skip
    rows = [
        [
            f"[{escape(row.finding)}](#{anchor(str(row.finding))})",
            f"[{escape(row.audit)}](#{anchor(str(row.audit))})",
            escape(row.clause),
            _date(row.held),
            str(row.age_days),
            _action(context, row.action, AUDITS_PAGE, t("audits.no_action")),
        ]
        for row in chosen.itertuples(index=False)
    ]
    return [*lines, *_sortable(md_table(header, rows))]


def _audit_section(facts: AuditFacts, audit: Audit, context: RegisterContext) -> list[str]:
    """One audit: its facts, then its findings (each with the anchor links land on)."""
    title = escape(audit.title).replace("{", "&#123;")
    documents = [context.link("document", d, AUDITS_PAGE) for d in audit.documents]
    shown = [
        (t("audits.col.planned"), format_day(audit.planned)),
        (t("audits.col.held"), format_day(audit.held)),
        (t("audits.col.status"), _state(facts, audit.id)),
        (t("audits.col.scope"), ", ".join(escape(c) for c in audit.scope)),
        (t("audits.col.auditor"), escape(audit.auditor)),
        (t("audits.col.documents"), ", ".join(documents) or "—"),
    ]
    lines = [f"### {escape(audit.id)} — {title} {{#{anchor(audit.id)}}}", ""]
    lines += [f"- **{label}:** {value}" for label, value in shown] + [""]
    if not audit.findings:
        return [*lines, t("audits.no_findings"), ""]
    header = [t("audits.col.finding"), t("audits.col.type"), t("audits.col.clause"),
              t("audits.col.statement"), t("audits.col.documents"), t("audits.col.action"),
              t("audits.col.closed")]  # fmt: skip
    rows = [_finding_row(f, context) for f in audit.findings]
    return [*lines, *md_table(header, rows), ""]


def _finding_row(finding: Finding, context: RegisterContext) -> list[str]:
    """One finding as a row of its audit's table, with the anchor links to it land on."""
    documents = [context.link("document", d, AUDITS_PAGE) for d in finding.documents]
    closed = _date(finding.closed) if finding.closed else "○ " + t("audits.still_open")
    return [
        f'<span id="{anchor(finding.id)}"></span>{escape(finding.id)}',
        type_text(finding.type),
        escape(finding.clause),
        escape(finding.statement),
        ", ".join(documents) or "—",
        _action(context, finding.action, AUDITS_PAGE),
        closed,
    ]


def _sortable(table: list[str]) -> list[str]:
    """A table the reader can sort by clicking a column header, filter and page through."""
    return register_table(table)
