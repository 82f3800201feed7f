"""The register of risks and opportunities as pages: its page, "needs attention" items, summary.

Everything here is made from the register's facts (``analysis``). The page
is what an auditor of the certification body asks for under ISO 9001 clause
6.1: every risk and opportunity with its score (likelihood × impact, highest
first), its owner, its treatment and the actions carrying it out; a 5 × 5
heat map of the open risks with its numbers as a table; and the entries
whose review date has passed, flagged. Those overdue reviews are also listed
on the dashboard; the index of the registers shows the summary line.
"""

from __future__ import annotations

from typing import cast

from sqms.i18n import N_, nt, t
from sqms.registers.common import DASHBOARD, RegisterContext, anchor
from sqms.registers.risks.analysis import RiskFacts
from sqms.registers.risks.charts import heat_map
from sqms.registers.risks.spec import SCALE, Risk
from sqms.site.pages.common import (
    Page,
    figure,
    html_table,
    md_table,
    numbers,
    register_table,
    report_markdown,
)
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import format_date, format_day
from sqms.text.markup import escape, relative_link

RISKS_PAGE = "registers/risks.md"
"""The register's page in the site."""
KIND_SYMBOL = {"risk": "▼", "opportunity": "▲"}
STATUS_SYMBOL = {"open": "○", "treated": "◐", "closed": "✔"}
"""Shown by symbol and word, never by colour alone."""
KIND_WORDS: dict[str, str] = {
    "risk": N_("risks.kind.risk"),
    "opportunity": N_("risks.kind.opportunity"),
}
"""Each kind of entry (``KINDS`` of the spec) → the message id of its word."""
STATUS_WORDS: dict[str, str] = {
    "open": N_("risks.status.open"),
    "treated": N_("risks.status.treated"),
    "closed": N_("risks.status.closed"),
}
"""Each status of an entry (``STATUSES`` of the spec) → the message id of its word."""


def kind_text(kind: str) -> str:
    """``▼ risk`` or ``▲ opportunity``."""
    word = t(KIND_WORDS[kind])
    return f"{KIND_SYMBOL[kind]} {word}"


def status_text(status: str) -> str:
    """``○ open``, ``◐ treated`` or ``✔ closed``."""
    word = t(STATUS_WORDS[status])
    return f"{STATUS_SYMBOL[status]} {word}"


def register_page(facts: RiskFacts, context: RegisterContext) -> Page:
    """The one register page: summary, heat map, the entries by score, then each in detail."""
    lines = ["# " + t("risks.title"), "", t("risks.intro", date=format_date(context.today)), ""]
    lines += [summary_line(facts), ""]
    lines += _heat_map(facts) + _table(facts, context)
    lines += ["## " + t("risks.details"), ""]
    for entry in facts.entries:
        lines += _details(entry, context)
    return Page(RISKS_PAGE, report_markdown(lines))


def summary_line(facts: RiskFacts) -> str:
    """Entries by kind and status, and how many reviews are overdue."""
    return nt(
        "risks.summary",
        len(facts.frame),
        entries=len(facts.frame),
        risks=facts.kinds["risk"],
        opportunities=facts.kinds["opportunity"],
        open=facts.statuses["open"],
        treated=facts.statuses["treated"],
        closed=facts.statuses["closed"],
        overdue=facts.overdue_reviews,
    )


def attention_items(facts: RiskFacts) -> list[AttentionItem]:
    """Entries whose review date has passed, longest overdue first, linked from the dashboard."""
    group = t("risks.attention_group")
    items = []
    for row in facts.overdue.itertuples(index=False):
        target = relative_link(f"{RISKS_PAGE}#{anchor(str(row.id))}", DASHBOARD)
        text = nt(
            "risks.attention_overdue",
            cast(int, row.overdue_days),
            entry=f"[{escape(row.id)} {escape(row.title)}]({target})",
            score=row.score,
            date=format_day(row.review_on),
            days=row.overdue_days,
            owner=escape(row.owner),
        )
        items.append(AttentionItem(group, text))
    return items


def _heat_map(facts: RiskFacts) -> list[str]:
    """The 5 × 5 grid of open risks, and its numbers as a table."""
    cells = facts.cells
    title = t("risks.chart.title")
    counts = {(r.likelihood, r.impact): r.count for r in cells.itertuples(index=False)}
    corner = t("risks.col.likelihood") + " \\ " + t("risks.col.impact")
    header = [escape(corner), *(str(impact) for impact in SCALE)]
    rows = [
        [str(likelihood), *(str(counts[(likelihood, impact)]) for impact in SCALE)]
        for likelihood in reversed(SCALE)
    ]
    lines = ["## " + t("risks.heat_map"), "", t("risks.heat_map_intro"), ""]
    return [*lines, figure(heat_map(cells, title=title), title), "",
            numbers(html_table(header, rows)), ""]  # fmt: skip


def _table(facts: RiskFacts, context: RegisterContext) -> list[str]:
    """Every entry, highest score first, overdue reviews flagged."""
    header = [t("risks.col.id"), t("risks.col.kind"), t("risks.col.title"),
              t("risks.col.likelihood"), t("risks.col.impact"), t("risks.col.score"),
              t("risks.col.owner"), t("risks.col.status"), t("risks.col.review_on"),
              t("risks.col.actions")]  # fmt: skip
    rows = [
        [
            f"[{escape(row.id)}](#{anchor(str(row.id))})",
            kind_text(str(row.kind)),
            escape(row.title),
            str(row.likelihood),
            str(row.impact),
            f"**{row.score}**",
            escape(row.owner),
            status_text(str(row.status)),
            _review_on(row.review_on, bool(row.overdue), row.overdue_days),
            ", ".join(context.link("action", a, RISKS_PAGE) for a in entry.actions) or "—",
        ]
        for row, entry in zip(facts.frame.itertuples(index=False), facts.entries, strict=True)
    ]
    lines = [
        "## " + t("risks.by_score"),
        "",
        t("risks.by_score_intro", date=format_date(context.today)),
    ]
    return [*lines, "", *register_table(md_table(header, rows))]


def _review_on(day: object, overdue: bool, days: object) -> str:
    """``2026-05-01``, or ``✖ 2026-05-01 (overdue by 12 days)``."""
    if not overdue:
        return str(day)
    late = nt("risks.overdue_by", cast(int, days), days=days)
    return f"✖ {day} ({late})"


def _details(entry: Risk, context: RegisterContext) -> list[str]:
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
        (t("risks.col.review_on"), format_day(entry.review_on)),
        (t("risks.col.description"), escape(entry.description)),
        (t("risks.col.treatment"), escape(entry.treatment)),
        (t("risks.col.actions"), ", ".join(actions) or "—"),
        (t("risks.col.procedures"), ", ".join(documents) or "—"),
        (t("risks.col.clauses"), ", ".join(escape(c) for c in entry.clauses)),
    ]  # fmt: skip
    lines = [f"### {escape(entry.id)} — {title} {{#{anchor(entry.id)}}}", ""]
    return [*lines, *(f"- **{label}:** {value}" for label, value in facts), ""]
