"""The internal audit register's page, its items under "needs attention" and its summary line.

The page is what an auditor of the certification body asks for under
ISO 9001 clause 9.2: the programme (planned against held, overdue audits
flagged), every audit with its findings, the findings counted by type, and
the nonconformities still open with their age and the action treating them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sqms.engine.review_periods import ReviewPeriod
from sqms.i18n import t
from sqms.registers.audits.spec import FINDING_TYPES, Audit, AuditsSpec, Finding
from sqms.registers.common import AUDITS_PAGE, DASHBOARD, RegisterContext, anchor
from sqms.site.pages.common import Page, md_table
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import escape

STATE_SYMBOL = {"held": "✔", "planned": "○", "overdue": "✖"}
TYPE_SYMBOL = {"nonconformity": "✖", "observation": "▲", "opportunity": "◇"}
"""Shown by symbol and word, never by colour alone."""


def _missing(value: Any) -> bool:
    """Whether a cell of a table is empty (None, NaN, NaT or NA)."""
    return value is None or bool(pd.isna(value))


def _date(value: Any) -> str:
    """A date as ``2026-04-14``; ``—`` when missing."""
    return "—" if _missing(value) else str(pd.Timestamp(value).date())


def type_text(kind: str) -> str:
    """``✖ nonconformity``: the symbol and the word of a finding's type."""
    return f"{TYPE_SYMBOL[kind]} {t(f'audits.type.{kind}')}"


@dataclass
class AuditsAnalysis:
    """The judged audit register and what it publishes.

    ``audits`` and ``findings`` are the tables of
    :func:`~sqms.registers.audits.register.audit_frames`.
    """

    spec: AuditsSpec
    audits: pd.DataFrame
    findings: pd.DataFrame
    _audits: dict[str, pd.Series] = field(init=False)

    def __post_init__(self) -> None:
        self._audits = {str(row["audit"]): row for _, row in self.audits.iterrows()}

    # --- what the register publishes ---

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The one audit page."""
        lines = [f"# {t('audits.title')}", "", t("audits.intro", date=context.today), ""]
        lines += [self.summary(context), ""]
        lines += self._programme() + self._counts() + self._open_list(context)
        lines += [f"## {t('audits.details')}", ""]
        for audit in sorted(self.spec.audits, key=lambda a: (a.planned, a.id)):
            lines += self._audit_section(audit, context)
        return [Page(AUDITS_PAGE, "\n".join(lines))]

    def summary(self, context: RegisterContext) -> str:
        """Audits held, planned and overdue; findings and open nonconformities."""
        states = self.audits["state"].value_counts()
        return t(
            "audits.summary",
            audits=len(self.audits),
            held=int(states.get("held", 0)),
            planned=int(states.get("planned", 0)),
            overdue=int(states.get("overdue", 0)),
            findings=len(self.findings),
            open=len(self._open_nonconformities()),
        )

    def review(self, context: RegisterContext, period: ReviewPeriod) -> dict[str, list[str]]:
        """Management review sections c6 (audits), c4 (nonconformities), f (opportunities)."""
        from sqms.registers.audits.review import audits_review  # it uses this module's symbols

        return audits_review(self.audits, self.findings, context, period)

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Open nonconformities (oldest first, with their age), then audits not held in time."""
        group = t("audits.attention_group")
        items = []
        for row in self._open_nonconformities().itertuples(index=False):
            text = t(
                "audits.attention_open",
                finding=context.link("finding", str(row.finding), DASHBOARD),
                clause=escape(row.clause),
                days=row.age_days,
                held=_date(row.held),
                action=self._action(context, row.action, DASHBOARD, t("audits.no_action")),
            )
            items.append(AttentionItem(group, text))
        overdue = self.audits[self.audits["state"] == "overdue"].sort_values("planned")
        for row in overdue.itertuples(index=False):
            text = t(
                "audits.attention_overdue",
                audit=context.link("audit", str(row.audit), DASHBOARD, f"{row.audit} {row.title}"),
                planned=_date(row.planned),
                days=row.overdue_days,
            )
            items.append(AttentionItem(group, text))
        return items

    # --- page sections ---

    def _open_nonconformities(self) -> pd.DataFrame:
        """Nonconformities not closed, oldest first."""
        findings = self.findings
        chosen = findings[findings["open"] & (findings["type"] == "nonconformity")]
        return chosen.sort_values(["age_days", "finding"], ascending=[False, True], kind="stable")

    def _action(
        self, context: RegisterContext, action: object, page: str, missing: str = "—"
    ) -> str:
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

    def _state(self, audit_id: str) -> str:
        """``✔ held``, ``○ planned`` or ``✖ overdue by 35 days``."""
        row = self._audits[audit_id]
        state = str(row["state"])
        word = t(f"audits.state.{state}")
        if state == "overdue":
            word = t("audits.overdue_by", days=row["overdue_days"])
        return f"{STATE_SYMBOL[state]} {word}"

    def _programme(self) -> list[str]:
        """Every audit, planned against held."""
        header = [t(f"audits.col.{k}") for k in ("audit", "title", "planned", "held", "status",
                  "scope", "auditor", "findings")]  # fmt: skip
        rows = [
            [
                f"[{escape(a.id)}](#{anchor(a.id)})",
                escape(a.title),
                str(a.planned),
                _date(a.held),
                self._state(a.id),
                ", ".join(escape(c) for c in a.scope),
                escape(a.auditor),
                str(len(a.findings)),
            ]
            for a in sorted(self.spec.audits, key=lambda a: (a.planned, a.id))
        ]
        return [f"## {t('audits.programme')}", "", *_sortable(md_table(header, rows))]

    def _counts(self) -> list[str]:
        """Findings by type: how many, how many still open."""
        findings = self.findings
        total = findings.groupby("type").size()
        still_open = findings[findings["open"]].groupby("type").size()
        header = [t(f"audits.col.{k}") for k in ("type", "total", "open", "closed")]
        rows = [
            [type_text(kind), str(total.get(kind, 0)), str(still_open.get(kind, 0)),
             str(total.get(kind, 0) - still_open.get(kind, 0))]
            for kind in FINDING_TYPES
        ]  # fmt: skip
        return [f"## {t('audits.by_type')}", "", *md_table(header, rows), ""]

    def _open_list(self, context: RegisterContext) -> list[str]:
        """Nonconformities still open, oldest first, with the action treating them."""
        chosen = self._open_nonconformities()
        lines = [f"## {t('audits.open')}", "", t("audits.open_intro", date=context.today), ""]
        if chosen.empty:
            return [*lines, t("audits.none"), ""]
        header = [t(f"audits.col.{k}") for k in ("finding", "audit", "clause", "held", "age",
                  "action")]  # fmt: skip
        rows = [
            [
                f"[{escape(row.finding)}](#{anchor(str(row.finding))})",
                f"[{escape(row.audit)}](#{anchor(str(row.audit))})",
                escape(row.clause),
                _date(row.held),
                str(row.age_days),
                self._action(context, row.action, AUDITS_PAGE, t("audits.no_action")),
            ]
            for row in chosen.itertuples(index=False)
        ]
        return [*lines, *_sortable(md_table(header, rows))]

    def _audit_section(self, audit: Audit, context: RegisterContext) -> list[str]:
        """One audit: its facts, then its findings (each with the anchor links land on)."""
        title = escape(audit.title).replace("{", "&#123;")
        documents = [context.link("document", d, AUDITS_PAGE) for d in audit.documents]
        facts = [
            (t("audits.col.planned"), str(audit.planned)),
            (t("audits.col.held"), _date(audit.held)),
            (t("audits.col.status"), self._state(audit.id)),
            (t("audits.col.scope"), ", ".join(escape(c) for c in audit.scope)),
            (t("audits.col.auditor"), escape(audit.auditor)),
            (t("audits.col.documents"), ", ".join(documents) or "—"),
        ]
        lines = [f"### {escape(audit.id)} — {title} {{#{anchor(audit.id)}}}", ""]
        lines += [f"- **{label}:** {value}" for label, value in facts] + [""]
        if not audit.findings:
            return [*lines, t("audits.no_findings"), ""]
        header = [t(f"audits.col.{k}") for k in ("finding", "type", "clause", "statement",
                  "documents", "action", "closed")]  # fmt: skip
        rows = [self._finding_row(f, context) for f in audit.findings]
        return [*lines, *md_table(header, rows), ""]

    def _finding_row(self, finding: Finding, context: RegisterContext) -> list[str]:
        documents = [context.link("document", d, AUDITS_PAGE) for d in finding.documents]
        closed = _date(finding.closed) if finding.closed else f"○ {t('audits.still_open')}"
        return [
            f'<span id="{anchor(finding.id)}"></span>{escape(finding.id)}',
            type_text(finding.type),
            escape(finding.clause),
            escape(finding.statement),
            ", ".join(documents) or "—",
            self._action(context, finding.action, AUDITS_PAGE),
            closed,
        ]


def _sortable(table: list[str]) -> list[str]:
    """A table the reader can sort by clicking a column header."""
    return ['<div class="sqms-sortable" markdown>', "", *table, "", "</div>", ""]
