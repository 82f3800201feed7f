"""What the quality plan, its results and the manual give a management review.

- b) changes: documents that took effect and targets that changed in the period;
- c1) customer satisfaction: the indicators addressing clause 9.1.2;
- c2) quality objectives: how many of each objective's indicators met target;
- c3) process performance: every indicator over the period's months;
- c5) monitoring and measurement: control-chart signals in the period;
- f) opportunities: indicators not meeting target in the period's last month.

Only complete periods count: a month still running is not judged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import pairwise

import pandas as pd

from sqms.documents.manual import Manual
from sqms.engine.plan import CompiledIndicator
from sqms.engine.review_periods import ReviewPeriod
from sqms.engine.spc.signals import summarise
from sqms.i18n import nt, t
from sqms.review.sections import ReviewLines
from sqms.site.pages.common import indicator_link, link, md_table, value_text
from sqms.site.reporting import ReportData
from sqms.text.formatting import escape, format_date, format_period, format_status

SATISFACTION_CLAUSE = "9.1.2"


def plan_review(data: ReportData, manual: Manual, period: ReviewPeriod) -> ReviewLines:
    """The sections the plan, its results and the manual fill for ``period``."""
    months = _months(data.results, period)
    found: dict[str, list[str]] = {
        "b": _changes(data, manual, period),
        "c2": _objectives(data, months, period),
        "c3": _performance(data, list(data.plan.indicators), months, period),
        "c5": _signals(data, period),
        "f": _misses(data, months, period),
    }
    satisfaction = [
        ind_id
        for ind_id, indicator in data.plan.indicators.items()
        if SATISFACTION_CLAUSE in indicator.spec.clauses
    ]
    if satisfaction:
        found["c1"] = _performance(data, satisfaction, months, period)
    return {key: lines for key, lines in found.items() if lines}


def _months(results: pd.DataFrame, period: ReviewPeriod) -> pd.DataFrame:
    """Totals of complete periods that fall in ``period`` (monthly, weekly… as declared)."""
    totals = results[(results["dim"] == "") & ~results["partial"].astype("bool")]
    starts = pd.to_datetime(totals["period_start"]).dt.date
    inside = (starts >= period.start) & (starts <= period.end)
    return totals[inside.to_numpy(dtype=bool)]


def _changes(data: ReportData, manual: Manual, period: ReviewPeriod) -> list[str]:
    """Documents that took effect in the period, and targets that changed in it."""
    lines = []
    for doc_id, document in sorted(manual.documents.items()):
        meta = document.meta
        if period.contains(meta.effective_on):
            target = link(document.path, period.path)
            lines.append(
                "- "
                + t(
                    "review.plan.document_effective",
                    link=f"[{escape(doc_id)} {escape(meta.title)}]({target})",
                    version=escape(meta.version),
                    date=format_date(meta.effective_on),
                )
            )
    for indicator in data.plan.indicators.values():
        steps = indicator.spec.target_steps()
        for before, step in pairwise(steps):
            if period.contains(step.start):
                lines.append(
                    "- "
                    + t(
                        "review.plan.target_changed",
                        indicator=indicator_link(indicator, period.path),
                        old=value_text(indicator, before.target),
                        new=value_text(indicator, step.target),
                        date=format_date(step.start),
                    )
                )
    if not lines:
        lines.append(t("review.plan.no_changes", period=format_period(period.label)))
    return lines


def _status_counts(rows: pd.DataFrame) -> tuple[int, int]:
    """Months meeting target, and months judged (meets, warning or misses)."""
    judged = rows["status"].isin(["meets", "warning", "misses"])
    return int((rows["status"] == "meets").sum()), int(judged.sum())


def _performance(
    data: ReportData, ids: Sequence[str], months: pd.DataFrame, period: ReviewPeriod
) -> list[str]:
    """Each indicator over the period: months meeting target, range, latest value and status."""
    header = [t("col.indicator"), t("review.col.months_met"), t("review.col.range"),
              t("review.col.last"), t("col.target"), t("col.status")]  # fmt: skip
    cells = []
    for ind_id in ids:
        indicator = data.plan.indicators[ind_id]
        rows = months[months["indicator"] == ind_id].sort_values("period_start")
        valued = rows[rows["value"].notna()]
        if valued.empty:
            cells.append([indicator_link(indicator, period.path), "—", "—", "—", "—",
                          format_status("not_judged")])  # fmt: skip
            continue
        met, judged = _status_counts(rows)
        last = valued.iloc[-1]
        low, high = valued["value"].min(), valued["value"].max()
        shown = value_text(indicator, low)
        if high != low:
            shown += f" – {value_text(indicator, high)}"
        cells.append(
            [
                indicator_link(indicator, period.path),
                f"{met} / {judged}" if judged else "—",
                shown,
                f"{value_text(indicator, last['value'])} ({escape(last['period'])})",
                "—" if pd.isna(last["target"]) else value_text(indicator, last["target"]),
                format_status(str(last["status"])),
            ]
        )
    return [*md_table(header, cells), ""]


def _objectives(data: ReportData, months: pd.DataFrame, period: ReviewPeriod) -> list[str]:
    """Each quality objective: its indicators meeting target in the period's last month."""
    lines = []
    for objective in data.plan.spec.objectives:
        ids = [i for i in objective.indicators if i in data.plan.indicators]
        last = _last_statuses(months, ids)
        met = sum(status == "meets" for status in last.values())
        judged = sum(status in ("meets", "warning", "misses") for status in last.values())
        lines.append(
            "- "
            + nt(
                "review.plan.objective",
                judged,
                id=escape(objective.id),
                title=escape(objective.title),
                met=met,
                judged=judged,
                total=len(ids),
            )
        )
    return lines


def _last_statuses(months: pd.DataFrame, ids: Sequence[str]) -> dict[str, str]:
    """Each indicator's status in the last month of the period with a value."""
    rows = months[months["indicator"].isin(ids) & months["value"].notna()]
    last = rows.sort_values("period_start").groupby("indicator", sort=False).tail(1)
    return dict(zip(last["indicator"], last["status"].astype("str"), strict=True))


def _signals(data: ReportData, period: ReviewPeriod) -> list[str]:
    """Control-chart signals with a point in the period, per indicator, in words."""
    inside = set(period.months())
    last = max(inside)
    lines = []
    for ind_id, outcome in data.controls.items():
        # Provisional limits claim no special cause, here as on the dashboard.
        if outcome.result is None or outcome.result.provisional:
            continue
        # What came after the period was not known at its end: spans stop there.
        signals = [
            dataclasses.replace(s, periods=tuple(p for p in s.periods if p <= last))
            for s in outcome.result.signals
            if inside.intersection(s.periods)
        ]
        if not signals:
            continue
        indicator = data.plan.indicators[ind_id]
        sentences = "; ".join(summary.sentence() for summary in summarise(signals))
        lines.append(f"- {indicator_link(indicator, period.path)}: {sentences}")
    if not lines:
        lines.append(t("review.plan.no_signals", period=format_period(period.label)))
    return lines


def _misses(data: ReportData, months: pd.DataFrame, period: ReviewPeriod) -> list[str]:
    """Indicators not meeting target in the period's last month: where to improve."""
    last = _last_statuses(months, list(data.plan.indicators))
    lines = []
    for ind_id, status in last.items():
        if status in ("warning", "misses"):
            indicator: CompiledIndicator = data.plan.indicators[ind_id]
            lines.append(
                "- "
                + t(
                    "review.plan.not_meeting",
                    indicator=indicator_link(indicator, period.path),
                    status=format_status(status),
                )
            )
    return lines
