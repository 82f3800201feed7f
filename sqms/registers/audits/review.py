"""What the internal audit register gives a management review.

- c6) audit results: the audits held in the period, their scope and findings
  by type; the audits planned in the period that were not held by its end;
- c4) nonconformities: those raised and closed in the period, and those open
  at its end with their age and their action;
- f) opportunities for improvement the audits recorded in the period.

A finding is dated by its audit's ``held`` date. The state at the period's
end is judged on that day, or on the reference date when the period is
still running; counts are compared with the previous period. The lines are
written from the judged register,
:class:`~sqms.registers.audits.analysis.AuditFacts`, with the period tests
of :mod:`~sqms.registers.audits.analysis`; symbols and words are shared with
the page through :mod:`~sqms.registers.audits.labels`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from sqms.engine.review_periods import ReviewPeriod
from sqms.i18n import nt, t
from sqms.registers.audits.analysis import AuditFacts, inside, open_on
from sqms.registers.audits.labels import TYPE_SYMBOL, type_text
from sqms.registers.audits.spec import FINDING_TYPES
from sqms.registers.common import RegisterContext
from sqms.site.pages.common import md_table
from sqms.text.formatting import escape, format_date, format_day, format_period


def audits_review(
    facts: AuditFacts, context: RegisterContext, period: ReviewPeriod
) -> dict[str, list[str]]:
    """Sections c6, c4 and f for ``period``, from the register's tables judged in ``facts``."""
    review = _AuditReview(facts.audits, facts.findings, context, period)
    return {"c6": review.held() + review.not_held(), "c4": review.nonconformities(),
            "f": review.opportunities()}  # fmt: skip


def _date(value: Any) -> str:
    """A timestamp as ``2026-04-15``, as a table cell shows it."""
    return str(pd.Timestamp(value).date())


class _AuditReview:
    """The register's tables read for one period, judged at its end."""

    def __init__(
        self,
        audits: pd.DataFrame,
        findings: pd.DataFrame,
        context: RegisterContext,
        period: ReviewPeriod,
    ) -> None:
        self.audits, self.findings = audits, findings
        self.context, self.period = context, period
        self.previous = period.previous()
        self.day: dt.date = min(period.end, context.today)
        self.before: dt.date = min(self.previous.end, context.today)
        self.actions = set(_action_ids(context))
        self.said = {
            "period": format_period(period.label),
            "previous": format_period(self.previous.label),
            "date": format_date(self.day),
            "before": format_date(self.before),
        }
        """The periods and days as the sentences name them, in the site's language."""

    # --- links from the review's page ---

    def _audit(self, audit: str, title: str) -> str:
        return self.context.link("audit", audit, self.period.path, f"{audit} {title}")

    def _finding(self, finding: str) -> str:
        return self.context.link("finding", finding, self.period.path)

    def _action(self, action: Any) -> str:
        """The action linked when the actions register has it, as text otherwise."""
        if action is None or pd.isna(action):
            return t("audits.no_action")
        if str(action) not in self.actions:
            return escape(action)
        return self.context.link("action", str(action), self.period.path)

    # --- c6: audit results ---

    def held(self) -> list[str]:
        """The audits held in the period, with their scope and findings by type, linked."""
        audits = self.audits
        held = audits[inside(audits["held"], self.period)].sort_values(["held", "audit"])
        before = int(inside(audits["held"], self.previous).sum())
        counts = {
            "period": self.said["period"],
            "previous": self.said["previous"],
            "before": before,
        }
        if held.empty:
            return [t("review.audits.none_held", **counts), ""]
        found = self.findings[self.findings["audit"].isin(held["audit"])]
        by_type = found["type"].value_counts()
        text = t("review.audits.held", count=len(held), **counts)
        text += " " + t(
            "review.audits.findings",
            findings=len(found),
            **{kind: int(by_type.get(kind, 0)) for kind in FINDING_TYPES},
        )
        cells = self._finding_cells(found)
        header = [t("audits.col.audit"), t("audits.col.held"), t("audits.col.scope")]
        header += [type_text(kind) for kind in FINDING_TYPES]
        rows = [
            [
                self._audit(str(row["audit"]), str(row["title"])),
                _date(row["held"]),
                escape(row["scope"]),
                *(cells.get((str(row["audit"]), kind), "0") for kind in FINDING_TYPES),
            ]
            for row in held.to_dict("records")  # one row per audit held in the period
        ]
        return [text, "", *md_table(header, rows), ""]

    def _finding_cells(self, found: pd.DataFrame) -> dict[tuple[str, str], str]:
        """(audit, type) → ``2: [F1](…), [F3](…)``: how many findings, each linked."""
        ordered = found.sort_values("finding", kind="stable")
        links = ordered["finding"].astype("str").map(self._finding)
        grouped = links.groupby([ordered["audit"], ordered["type"]]).agg(["size", ", ".join])
        return {
            (str(audit), str(kind)): f"{count}: {joined}"
            for (audit, kind), count, joined in zip(
                grouped.index, grouped["size"], grouped["join"], strict=True
            )
        }

    def not_held(self) -> list[str]:
        """The audits planned in the period and not held by its end, each with what became of it."""
        audits = self.audits
        planned = audits[inside(audits["planned"], self.period)]
        day = pd.Timestamp(self.day)
        missed = planned[planned["held"].isna() | (planned["held"] > day)]
        values = {"period": self.said["period"], "planned": len(planned), "date": self.said["date"]}
        if planned.empty:
            return [t("review.audits.planned_none", period=self.said["period"])]
        if missed.empty:
            return [t("review.audits.planned_all_held", **values)]
        lines = [t("review.audits.planned_missed", missed=len(missed), **values), ""]
        missed = missed.assign(
            days=(day - missed["planned"]).dt.days,
            coming=missed["planned"] > day,
        ).sort_values(["planned", "audit"])
        for row in missed.to_dict("records"):  # one line per audit not held
            audit = self._audit(str(row["audit"]), str(row["title"]))
            when = {
                "audit": audit,
                "planned": format_day(row["planned"]),
                "date": self.said["date"],
            }
            if not pd.isna(row["held"]):
                held = format_day(row["held"])
                lines.append("- " + t("review.audits.missed_later", held=held, **when))
            elif row["coming"]:
                lines.append("- " + t("review.audits.missed_coming", **when))
            else:
                lines.append(
                    "- " + nt("review.audits.missed", int(row["days"]), days=row["days"], **when)
                )
        return [*lines, ""]

    # --- c4: nonconformities ---

    def nonconformities(self) -> list[str]:
        """Raised and closed in the period, open at its end (age in days, action), compared."""
        found = self.findings[self.findings["type"] == "nonconformity"]
        raised = inside(found["held"], self.period)
        closed = inside(found["closed"], self.period)
        still_open = open_on(found, self.day)
        text = t(
            "review.audits.nonconformities",
            period=self.said["period"],
            previous=self.said["previous"],
            raised=int(raised.sum()),
            raised_before=int(inside(found["held"], self.previous).sum()),
            closed=int(closed.sum()),
            date=self.said["date"],
            open=int(still_open.sum()),
            before=self.said["before"],
            open_before=int(open_on(found, self.before).sum()),
        )
        chosen = found[raised | closed | still_open]
        if chosen.empty:
            return [text, ""]
        day = pd.Timestamp(self.day)
        days = (day - chosen["held"]).dt.days.astype("Int64").where(still_open[chosen.index])
        chosen = chosen.assign(days=days).sort_values(["held", "finding"])
        header = [t("audits.col.finding"), t("audits.col.audit"), t("audits.col.clause"),
                  t("review.audits.col.raised"), t("audits.col.closed"),
                  t("review.audits.col.days_open", date=self.day),
                  t("audits.col.action")]  # fmt: skip
        titles = dict(zip(self.audits["audit"], self.audits["title"], strict=True))
        rows = [
            [
                self._finding(str(row["finding"])),
                self._audit(str(row["audit"]), str(titles.get(row["audit"], ""))),
                escape(row["clause"]),
                _date(row["held"]),
                self._closed(row["closed"], day),
                "—" if pd.isna(row["days"]) else str(row["days"]),
                self._action(row["action"]),
            ]
            for row in chosen.to_dict("records")  # one row per nonconformity of the period
        ]
        return [text, "", *md_table(header, rows), ""]

    @staticmethod
    def _closed(closed: Any, day: pd.Timestamp) -> str:
        """The closing date, or ``○ open`` (with the later closing date) on the day judged."""
        if pd.isna(closed):
            return "○ " + t("audits.still_open")
        if closed > day:
            return "○ " + t("review.audits.closed_later", date=_date(closed))
        return _date(closed)

    # --- f: opportunities for improvement ---

    def opportunities(self) -> list[str]:
        """Opportunities for improvement the audits held in the period recorded, linked."""
        found = self.findings[self.findings["type"] == "opportunity"]
        chosen = found[inside(found["held"], self.period)].sort_values(["held", "finding"])
        counts = {
            "period": self.said["period"],
            "previous": self.said["previous"],
            "before": int(inside(found["held"], self.previous).sum()),
        }
        if chosen.empty:
            return [t("review.audits.no_opportunities", **counts), ""]
        lines = [t("review.audits.opportunities", count=len(chosen), **counts), ""]
        titles = dict(zip(self.audits["audit"], self.audits["title"], strict=True))
        for row in chosen.to_dict("records"):  # one line per opportunity recorded
            text = t(
                "review.audits.opportunity",
                symbol=TYPE_SYMBOL["opportunity"],
                finding=self._finding(str(row["finding"])),
                clause=escape(row["clause"]),
                audit=self._audit(str(row["audit"]), str(titles.get(row["audit"], ""))),
                statement=escape(row["statement"]),
            )
            if not pd.isna(row["action"]):
                text += t("review.audits.opportunity_action", action=self._action(row["action"]))
            lines.append(f"- {text}")
        return [*lines, ""]


def _action_ids(context: RegisterContext) -> list[str]:
    """The improvement actions the actions register defines (none without it)."""
    register = context.registers.get("actions")
    return [] if register is None else [str(a) for a in register.ids().get("action", ())]
