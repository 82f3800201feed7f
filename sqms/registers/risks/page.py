"""The register of risks and opportunities: its page, its "needs attention" items, its summary.

The page is what an auditor of the certification body asks for under
ISO 9001 clause 6.1: every risk and opportunity with its score (likelihood ×
impact, highest first), its owner, its treatment and the actions carrying it
out; a 5 × 5 heat map of the open risks with its numbers as a table; and the
entries whose review date has passed, flagged. Those overdue reviews are also
listed on the dashboard, and the counts by status feed the management
review's input 9.3.2 e).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from sqms.engine.review_periods import ReviewPeriod
from sqms.i18n import t
from sqms.registers.common import DASHBOARD, RegisterContext, anchor
from sqms.registers.risks.charts import heat_cells, heat_map
from sqms.registers.risks.register import RISKS_PAGE
from sqms.registers.risks.spec import KINDS, SCALE, STATUSES, Risk, RisksSpec
from sqms.site.pages.common import Page, figure, html_table, md_table, numbers
from sqms.site.reporting import AttentionItem
from sqms.text.markup import escape, relative_link

KIND_SYMBOL = {"risk": "▼", "opportunity": "▲"}
STATUS_SYMBOL = {"open": "○", "treated": "◐", "closed": "✔"}
"""Shown by symbol and word, never by colour alone."""


def kind_text(kind: str) -> str:
    """``▼ risk`` or ``▲ opportunity``."""
    return f"{KIND_SYMBOL[kind]} {t(f'risks.kind.{kind}')}"


def status_text(status: str) -> str:
    """``○ open``, ``◐ treated`` or ``✔ closed``."""
    return f"{STATUS_SYMBOL[status]} {t(f'risks.status.{status}')}"


@dataclass
class RisksAnalysis:
    """The judged register and what it publishes.

    ``frame`` is the table of :func:`~sqms.registers.risks.register.risk_frame`,
    highest score first.
    """

    spec: RisksSpec
    frame: pd.DataFrame

    def _entry(self, entry_id: str) -> Risk:
        return next(r for r in self.spec.risks if r.id == entry_id)

    def _count(self, column: str, value: str) -> int:
        return int((self.frame[column] == value).sum())

    # --- what the register publishes ---

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The one register page."""
        lines = [f"# {t('risks.title')}", "", t("risks.intro", date=context.today), ""]
        lines += [self.summary(context), ""]
        lines += self._heat_map() + self._table(context)
        lines += [f"## {t('risks.details')}", ""]
        for entry_id in self.frame["id"]:
            lines += self._details(self._entry(str(entry_id)), context)
        return [Page(RISKS_PAGE, "\n".join(lines))]

    def summary(self, context: RegisterContext) -> str:
        """Entries by kind and status, and how many reviews are overdue."""
        return t(
            "risks.summary",
            entries=len(self.frame),
            risks=self._count("kind", "risk"),
            opportunities=self._count("kind", "opportunity"),
            open=self._count("status", "open"),
            treated=self._count("status", "treated"),
            closed=self._count("status", "closed"),
            overdue=int(self.frame["overdue"].sum()),
        )

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Entries whose review date has passed, longest overdue first."""
        group = t("risks.attention_group")
        overdue = self.frame[self.frame["overdue"]]
        overdue = overdue.sort_values(["overdue_days", "id"], ascending=[False, True])
        items = []
        for row in overdue.itertuples(index=False):
            target = relative_link(f"{RISKS_PAGE}#{anchor(str(row.id))}", DASHBOARD)
            text = t(
                "risks.attention_overdue",
                entry=f"[{escape(row.id)} {escape(row.title)}]({target})",
                score=row.score,
                date=row.review_on,
                days=row.overdue_days,
                owner=escape(row.owner),
            )
            items.append(AttentionItem(group, text))
        return items

    def review(self, context: RegisterContext, period: ReviewPeriod) -> dict[str, list[str]]:
        """Management review input e): the entries open and treated, as of the reference date."""
        target = relative_link(RISKS_PAGE, period.path)
        line = t(
            "risks.review_e",
            link=f"[{t('risks.title')}]({target})",
            date=context.today,
            open=self._count("status", "open"),
            treated=self._count("status", "treated"),
            overdue=int(self.frame["overdue"].sum()),
        )
        return {"e": [f"- {line}"]}

    # --- page sections ---

    def _heat_map(self) -> list[str]:
        """The 5 × 5 grid of open risks, and its numbers as a table."""
        cells = heat_cells(self.frame)
        title = t("risks.chart.title")
        counts = {(r.likelihood, r.impact): r.count for r in cells.itertuples(index=False)}
        corner = f"{t('risks.col.likelihood')} \\ {t('risks.col.impact')}"
        header = [escape(corner), *(str(impact) for impact in SCALE)]
        rows = [
            [str(likelihood), *(str(counts[(likelihood, impact)]) for impact in SCALE)]
            for likelihood in reversed(SCALE)
        ]
        lines = [f"## {t('risks.heat_map')}", "", t("risks.heat_map_intro"), ""]
        return [*lines, figure(heat_map(cells, title=title), title), "",
                numbers(html_table(header, rows)), ""]  # fmt: skip

    def _table(self, context: RegisterContext) -> list[str]:
        """Every entry, highest score first, overdue reviews flagged."""
        keys = ("id", "kind", "title", "likelihood", "impact", "score", "owner", "status",
                "review_on", "actions")  # fmt: skip
        header = [t(f"risks.col.{key}") for key in keys]
        rows = []
        for row in self.frame.itertuples(index=False):
            entry = self._entry(str(row.id))
            rows.append(
                [
                    f"[{escape(row.id)}](#{anchor(str(row.id))})",
                    kind_text(str(row.kind)),
                    escape(row.title),
                    str(row.likelihood),
                    str(row.impact),
                    f"**{row.score}**",
                    escape(row.owner),
                    status_text(str(row.status)),
                    self._review_on(row.review_on, bool(row.overdue), row.overdue_days),
                    ", ".join(context.link("action", a, RISKS_PAGE) for a in entry.actions) or "—",
                ]
            )
        lines = [f"## {t('risks.by_score')}", "", t("risks.by_score_intro", date=context.today)]
        return [*lines, "", '<div class="sqms-sortable" markdown>', "", *md_table(header, rows),
                "", "</div>", ""]  # fmt: skip

    @staticmethod
    def _review_on(day: object, overdue: bool, days: object) -> str:
        """``2026-05-01``, or ``✖ 2026-05-01 (overdue by 12 days)``."""
        return f"✖ {day} ({t('risks.overdue_by', days=days)})" if overdue else str(day)

    def _details(self, entry: Risk, context: RegisterContext) -> list[str]:
        """One entry: its facts, description and treatment (with the anchor links land on)."""
        title = escape(entry.title)
        actions = [context.link("action", a, RISKS_PAGE) for a in entry.actions]
        documents = [context.link("document", d, RISKS_PAGE) for d in entry.procedures]
        facts = [
            (t("risks.col.kind"), kind_text(entry.kind)),
            (t("risks.col.score"), t("risks.score_text", likelihood=entry.likelihood,
                                     impact=entry.impact, score=entry.score)),
            (t("risks.col.owner"), escape(entry.owner)),
            (t("risks.col.status"), status_text(entry.status)),
            (t("risks.col.review_on"), str(entry.review_on)),
            (t("risks.col.description"), escape(entry.description)),
            (t("risks.col.treatment"), escape(entry.treatment)),
            (t("risks.col.actions"), ", ".join(actions) or "—"),
            (t("risks.col.procedures"), ", ".join(documents) or "—"),
            (t("risks.col.clauses"), ", ".join(escape(c) for c in entry.clauses)),
        ]  # fmt: skip
        lines = [f"### {escape(entry.id)} — {title} {{#{anchor(entry.id)}}}", ""]
        return [*lines, *(f"- **{label}:** {value}" for label, value in facts), ""]


__all__ = ["KINDS", "STATUSES", "RisksAnalysis", "kind_text", "status_text"]
