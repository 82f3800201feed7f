"""The complaint register judged against its targets: every figure the page shows.

The judgement of the package: :func:`analyse_complaints` turns the loaded
register and the :class:`~sqms.registers.common.RegisterContext` into
:class:`ComplaintFigures` (counts and tables, no Markdown), from which
:mod:`sqms.registers.complaints.page` and :mod:`sqms.registers.complaints.review`
make their text. Its helpers: :mod:`~sqms.registers.complaints.timing` (how
times and targets are read), :mod:`~sqms.registers.complaints.repeats`,
:mod:`~sqms.registers.complaints.decisions` and, per review period,
:mod:`~sqms.registers.complaints.tally`. All work is vectorised over the
register's rows.

Only aggregates and the register's non-personal fields are kept: the
customer column is used to find repeat complaints and then dropped.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from sqms.registers.common import RegisterContext
from sqms.registers.complaints.decisions import Decisions, find_decisions
from sqms.registers.complaints.repeats import find_repeats, repeat_list
from sqms.registers.complaints.timing import Timing, complaint_timing, local_time
from sqms.site.charts import pareto_table

if TYPE_CHECKING:
    from sqms.registers.complaints.register import ComplaintRegister


@dataclass(frozen=True)
class ComplaintFigures:
    """Everything the page, the dashboard and the index show about the register."""

    today: dt.date
    total: int
    months: pd.DataFrame
    """One row per month: ``period``, ``complaints``, ``base``, ``rate``, ``ack_judged``,
    ``ack_within``, ``res_judged``, ``res_within``, ``repeats``."""
    categories: pd.DataFrame | None
    """Pareto table (``dim_value``, ``count``, ``share``, ``cumulative``)."""
    causes: pd.DataFrame | None
    causes_missing: int
    """Complaints without a root cause yet (left out of the Pareto)."""
    standards: pd.DataFrame | None
    """By severity: ``severity``, ``days``, ``judged``, ``within``, ``overdue``."""
    ages: pd.DataFrame
    """Open complaints by age group: ``group``, ``open``, ``overdue``."""
    overdue: pd.DataFrame
    """Open past their standard, most overdue first: ``id``, ``received``, ``severity``,
    ``age``, ``standard``, ``late``."""
    repeats: pd.DataFrame | None
    """Repeat complaints: ``id``, ``earlier``, ``received``, ``category``."""
    outcomes: pd.DataFrame | None
    """By outcome: ``outcome``, ``yes``, ``no``, ``unknown``, ``total``."""
    open_count: int
    timing: Timing
    repeat_mask: pd.Series
    repeat_earlier: pd.Series
    """For each repeat complaint, the id of the complaint it repeats."""
    bases: pd.Series | None = None
    """Rows of the rate's denominator per local month (monthly periods), None without a
    rate: kept so that the rate of any period can be summed from it."""
    decisions: Decisions | None = None
    """Upheld complaints and those without a decision on action, None when the register
    keeps no outcome or no ``action_needed`` role."""

    @property
    def overdue_count(self) -> int:
        """Open complaints past their resolution standard."""
        return len(self.overdue)

    @property
    def repeat_count(self) -> int:
        """Complaints that repeat an earlier one within the window."""
        return int(self.repeat_mask.sum())


def judged_on(register: ComplaintRegister, context: RegisterContext) -> dt.date:
    """The day open complaints are judged on: the register's export, if earlier than today.

    The register knows nothing after it was exported: a complaint open in an
    export of 29 October is not overdue on 24 November for lack of news.
    """
    as_of = register.dataset.as_of
    if as_of is None:
        return context.today
    exported = as_of.tz_convert(context.plan.timezone).date()
    return min(context.today, exported)


def analyse_complaints(register: ComplaintRegister, context: RegisterContext) -> ComplaintFigures:
    """Every figure of the register, judged as of its export (or today) in the plan's time zone."""
    timezone = context.plan.timezone
    today = judged_on(register, context)
    timing = complaint_timing(register, timezone, today)
    repeat_mask, earlier = find_repeats(register, timing)
    frame = register.frame
    ids = frame[register.columns["id"]].astype("str")
    bases = monthly_base(register, timezone)
    return ComplaintFigures(
        today=today,
        total=len(frame),
        months=monthly(register, timing, repeat_mask, bases),
        categories=_pareto(register.column("category")),
        causes=_pareto(register.column("root_cause")),
        causes_missing=_missing(register.column("root_cause")),
        standards=_standards(register, timing),
        ages=age_groups(timing, register.spec.age_days),
        overdue=_overdue(register, timing, ids),
        repeats=repeat_list(register, timing, repeat_mask, earlier, ids),
        outcomes=_outcomes(register, timing),
        open_count=int(timing.open.sum()),
        timing=timing,
        repeat_mask=repeat_mask,
        repeat_earlier=earlier,
        bases=bases,
        decisions=find_decisions(register, timing, ids, pd.Timestamp(today)),
    )


def monthly(
    register: ComplaintRegister, timing: Timing, repeats: pd.Series, bases: pd.Series | None
) -> pd.DataFrame:
    """One row per month from the first complaint to the last, months without any included."""
    columns = {
        "complaints": pd.Series(1, index=timing.month.index, dtype="int64"),
        "ack_judged": timing.ack_judged.astype("int64"),
        "ack_within": timing.ack_within.astype("int64"),
        "res_judged": timing.res_judged.astype("int64"),
        "res_within": timing.res_within.astype("int64"),
        "repeats": repeats.astype("int64"),
    }
    sums = pd.DataFrame(columns).groupby(timing.month.rename("month"), sort=True).sum()
    if sums.empty:
        return pd.DataFrame(columns=["period", "base", "rate", *columns])
    months = pd.period_range(sums.index.min(), sums.index.max(), freq="M")
    sums = sums.reindex(months, fill_value=0)
    base, rate = _rate(register, months, sums["complaints"], bases)
    return sums.assign(period=months.strftime("%Y-%m"), base=base, rate=rate).reset_index(drop=True)


def monthly_base(register: ComplaintRegister, timezone: str) -> pd.Series | None:
    """The rate's denominator: its rows per local month, None when no rate is declared."""
    source = register.rate
    if source is None:
        return None
    times = source.dataset.frame[source.time].dropna()
    month = local_time(times, timezone).dt.to_period("M")
    return month.value_counts().sort_index().astype("int64")


def _rate(
    register: ComplaintRegister,
    months: pd.PeriodIndex,
    complaints: pd.Series,
    bases: pd.Series | None,
) -> tuple[pd.Series, pd.Series]:
    """The denominator's rows per month and complaints per ``per`` of them (NaN without rows)."""
    source = register.rate
    if source is None or bases is None:
        missing = pd.Series(np.nan, index=months, dtype="float64")
        return missing, missing
    base = bases.reindex(months, fill_value=0).astype("float64")
    rate = (complaints.astype("float64") / base.where(base > 0)) * source.per
    return base, rate


def _pareto(values: pd.Series | None) -> pd.DataFrame | None:
    """Counts by value, largest first, with share and cumulative share (missing left out)."""
    if values is None:
        return None
    counts = values.dropna().astype("str").value_counts()
    rows = pd.DataFrame({"dim_value": counts.index.astype("str"), "count": counts.to_numpy()})
    return pareto_table(rows[rows["count"] > 0])


def _missing(values: pd.Series | None) -> int:
    """How many rows have no value (0 when the column is not kept)."""
    return 0 if values is None else int(values.isna().sum())


def _standards(register: ComplaintRegister, timing: Timing) -> pd.DataFrame | None:
    """Resolution against the standard by severity (or overall without severities)."""
    if register.spec.resolve is None or "resolved" not in register.columns:
        return None
    severity = register.column("severity")
    key = (
        pd.Series("", index=register.frame.index, dtype="str")
        if severity is None
        else severity.astype("str").where(severity.notna(), "—")
    )
    table = pd.DataFrame(
        {
            "days": timing.standard,
            "judged": timing.res_judged.astype("int64"),
            "within": timing.res_within.astype("int64"),
            "overdue": timing.overdue.astype("int64"),
        }
    ).groupby(key.rename("severity"), sort=False)
    found = table.agg(
        days=("days", "max"),
        judged=("judged", "sum"),
        within=("within", "sum"),
        overdue=("overdue", "sum"),
    )
    days = register.spec.resolve.within_days
    order = list(days) if isinstance(days, dict) else []
    order += [s for s in found.index if s not in order]
    return found.reindex([s for s in order if s in found.index]).reset_index()


def age_groups(timing: Timing, bounds: list[int]) -> pd.DataFrame:
    """Open complaints by age in days: ``0–7``, ``8–15`` … ``> 60``, empty groups included."""
    edges = [-1, *bounds, np.inf]
    labels = [f"{low + 1}–{high}" for low, high in itertools.pairwise(edges[:-1])]
    labels.append(f"> {bounds[-1]}")
    groups = pd.cut(timing.age[timing.open], bins=edges, labels=labels, right=True)
    frame = pd.DataFrame({"group": groups, "overdue": timing.overdue[timing.open]})
    counts = frame.groupby("group", observed=False)["overdue"].agg(["size", "sum"])
    return pd.DataFrame(
        {
            "group": labels,
            "open": counts["size"].to_numpy(dtype="int64"),
            "overdue": counts["sum"].to_numpy(dtype="int64"),
        }
    )


def _overdue(register: ComplaintRegister, timing: Timing, ids: pd.Series) -> pd.DataFrame:
    """Open complaints past their standard, most overdue first (ties by id)."""
    mask = timing.overdue
    severity = register.column("severity")
    table = pd.DataFrame(
        {
            "id": ids[mask],
            "received": timing.day[mask].dt.strftime("%Y-%m-%d"),
            "severity": "" if severity is None else severity[mask].astype("str").fillna(""),
            "age": timing.age[mask].astype("int64"),
            "standard": timing.standard[mask],
        }
    )
    table = table.assign(late=(table["age"] - table["standard"]).astype("int64"))
    return table.sort_values(["late", "id"], ascending=[False, True], kind="stable").reset_index(
        drop=True
    )


def _outcomes(register: ComplaintRegister, timing: Timing) -> pd.DataFrame | None:
    """Closed complaints by outcome, with the customer's satisfaction (yes, no, unknown)."""
    outcome, satisfied = register.column("outcome"), register.column("satisfied")
    if outcome is None and satisfied is None:
        return None
    closed = ~timing.open
    index = register.frame.index
    key = (
        pd.Series("—", index=index, dtype="str")
        if outcome is None
        else outcome.astype("str").where(outcome.notna(), "—")
    )
    answer = (
        pd.Series(pd.NA, index=index, dtype="boolean") if satisfied is None else satisfied
    ).astype("boolean")
    table = pd.DataFrame(
        {
            "yes": answer.eq(True).fillna(False).astype("int64"),
            "no": answer.eq(False).fillna(False).astype("int64"),
            "unknown": answer.isna().astype("int64"),
            "total": pd.Series(1, index=index, dtype="int64"),
        }
    )[closed]
    found = table.groupby(key[closed].rename("outcome"), sort=False).sum()
    declared = [] if outcome is None else _categories(outcome)
    order = [o for o in declared if o in found.index]
    order += sorted(o for o in found.index if o not in order)
    return found.reindex(order).reset_index()


def _categories(values: pd.Series) -> list[str]:
    """The declared values of a category column, in declared order; [] for text."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [str(c) for c in values.cat.categories]
    return []
