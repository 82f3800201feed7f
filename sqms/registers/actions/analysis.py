"""The action register judged against the data: the facts every page and review line is made from.

This is the judgement of the package, and it is pure: from the loaded actions
and the :class:`~sqms.registers.common.RegisterContext` it computes plain
dataclasses, never Markdown. Done once per build. Every effectiveness check is
judged from the results table (and, for a median or quantile, from its
dataset's rows; :mod:`sqms.registers.actions.effectiveness`); then three kinds
of item need attention on the dashboard: steps past their due date, actions
closed without a passed effectiveness check, and indicators that missed their
target in each of the latest complete periods with no open action linked to
them. The same judgements, taken at the end of a period (an action open on a
day, its steps overdue or done by then, its verdict as it stood), feed the
management review (:mod:`sqms.registers.actions.review`). The pages
(:mod:`sqms.registers.actions.page`) and the review lines are made from
:class:`ActionsFacts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from sqms.engine.datasets import Catalog, Dataset
from sqms.engine.periods import FREQ
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.registers.actions.effectiveness import (
    Judgement,
    PooledRows,
    Rows,
    judge_effectiveness,
    to_period,
)
from sqms.registers.actions.spec import Action, ActionsFile, Step
from sqms.registers.common import RegisterContext

MISSED = ("misses", "warning")
"""Statuses of a value that does not meet its target."""


@dataclass(frozen=True)
class OverdueStep:
    """A step not done by its due date, of an action still open."""

    action: Action
    number: int
    """The step's number on the action's page (from 1)."""
    step: Step


@dataclass(frozen=True)
class Unattended:
    """An indicator below target in each of the latest periods, with no open action on it."""

    indicator: str
    periods: tuple[str, ...]


@dataclass(frozen=True)
class ActionsFacts:
    """Everything the action pages, the dashboard, the registers' index and the review show."""

    actions: list[Action]
    """Every action, in the order of the file."""
    judgements: dict[str, Judgement]
    """Each action's effectiveness judged, by action id (actions with a check on a known
    indicator only)."""
    overdue: list[OverdueStep]
    unchecked: list[Action]
    """Closed actions whose effectiveness check did not pass (or that have none)."""
    unattended: list[Unattended]
    today: dt.date
    flag_misses_after: int
    """How many latest missed periods make an unattended indicator (``actions.yml``)."""

    def verdict(self, action: Action) -> str | None:
        """The action's effectiveness verdict; None when it declares no check."""
        judgement = self.judgements.get(action.id)
        return None if judgement is None else judgement.verdict


def analyse_actions(spec: ActionsFile, context: RegisterContext) -> ActionsFacts:
    """Judge every action's effectiveness check and find what needs attention."""
    actions = list(spec.actions)
    judgements = {
        action.id: judgement
        for action in actions
        if (judgement := _judge(action, context)) is not None
    }
    unchecked = [
        action
        for action in actions
        if action.status == "closed"
        and (action.id not in judgements or judgements[action.id].verdict != "passed")
    ]
    return ActionsFacts(
        actions,
        judgements,
        overdue_steps(actions, context.today),
        unchecked,
        unattended_misses(actions, context, spec.flag_misses_after),
        context.today,
        spec.flag_misses_after,
    )


def _judge(action: Action, context: RegisterContext) -> Judgement | None:
    """The action's effectiveness judged; None without a check on a known indicator."""
    check = action.effectiveness
    if check is None or check.indicator not in context.plan.indicators:
        return None
    indicator = context.plan.indicators[check.indicator]
    return judge_effectiveness(check, indicator, context.results, _rows(indicator.id, context))


@dataclass(frozen=True)
class _TableRows:
    """A table's rows, pooled where they are (the table's engine), never read."""

    dataset: Dataset
    plan: Plan
    catalog: Catalog

    def pooled(
        self, indicator: CompiledIndicator, first: pd.Period, last: pd.Period, dim: str, value: str
    ) -> tuple[float, float]:
        """The indicator's measure over the periods ``first`` to ``last`` (``dim`` = ``value``)."""
        from sqms.engine.sql.engine import ConnectionEngine  # noqa: PLC0415 - Ibis when used

        assert self.dataset.source is not None
        # One query: a copy of the table's rows and periods would cost more than it saves.
        engine = ConnectionEngine(self.dataset.source.connection, keep=False)
        try:
            return engine.pooled(indicator, self.plan, self.catalog, (first, last), (dim, value))
        finally:
            engine.close()


def _rows(ind_id: str, context: RegisterContext) -> PooledRows | None:
    """The dataset rows a median or quantile is recomputed from, when the data is at hand."""
    spec = context.plan.indicators[ind_id].spec
    if context.catalog is None or spec.dataset not in context.catalog.datasets:
        return None
    dataset = context.catalog.datasets[spec.dataset]
    time = spec.time or dataset.spec.time
    if not time:
        return None
    if dataset.source is not None:  # a table's rows stay in its database
        return _TableRows(dataset, context.plan, context.catalog)
    return Rows(dataset.frame, time, context.plan.timezone)


def overdue_steps(actions: Sequence[Action], today: dt.date) -> list[OverdueStep]:
    """Steps not done whose due date is before ``today``, of actions not closed."""
    return [
        OverdueStep(action, number, step)
        for action in actions
        if action.status != "closed"
        for number, step in enumerate(action.steps, start=1)
        if step.done is None and step.due < today
    ]


def open_on(action: Action, day: dt.date) -> bool:
    """Whether the action was open at the end of ``day``: opened by then, not closed by then."""
    return action.opened <= day and (action.closed is None or action.closed > day)


def unattended_misses(
    actions: Sequence[Action],
    context: RegisterContext,
    periods: int,
    as_of: dt.date | None = None,
) -> list[Unattended]:
    """Indicators whose total missed target in each of the latest ``periods`` complete periods,
    and that no open action names (as linked indicator, effectiveness check or source).

    With ``as_of`` the same question is asked at the end of that day, for a
    management review: only periods ended by then count, and an action is
    open when it was opened by then and not closed by then. Without it, the
    dashboard's question: every complete period, and every action not closed.
    """
    if as_of is None:
        watching = [a for a in actions if a.status != "closed"]
    else:
        watching = [a for a in actions if open_on(a, as_of)]
    watched = {ind for a in watching for ind in a.linked_indicators()}
    results = context.results
    rows = results[(results["dim"] == "") & ~results["partial"].astype("bool")]
    rows = rows[rows["value"].notna()]
    if as_of is not None:
        rows = rows[_ended_by(rows, context, as_of)]
    rows = rows.sort_values(["indicator", "period_start"], kind="stable")
    latest = rows.groupby("indicator", sort=False).tail(periods)
    judged = latest.assign(missed=latest["status"].isin(MISSED))
    summary = judged.groupby("indicator", sort=False).agg(
        count=("missed", "size"), missed=("missed", "all")
    )
    flagged = summary[(summary["count"] >= periods) & summary["missed"]].index
    found = []
    for ind_id in context.plan.indicators:
        if ind_id in flagged and ind_id not in watched:
            labels = latest.loc[latest["indicator"] == ind_id, "period"]
            found.append(Unattended(ind_id, tuple(str(p) for p in labels)))
    return found


def _ended_by(rows: pd.DataFrame, context: RegisterContext, day: dt.date) -> pd.Series:
    """Whether each row's period (its indicator's week, month, quarter or year) ended by ``day``."""
    kinds = rows["indicator"].map(
        {ind_id: ind.period for ind_id, ind in context.plan.indicators.items()}
    )
    starts = pd.to_datetime(rows["period_start"])
    ended = pd.Series(False, index=rows.index, dtype="bool")
    for kind, freq in FREQ.items():
        mine = (kinds == kind).to_numpy(dtype=bool)
        if mine.any():
            ends = starts[mine].dt.to_period(freq).dt.end_time.dt.date
            ended[mine] = (ends <= day).to_numpy(dtype=bool)
    return ended


# --- the state of an action on a day (for a management review) ----------------


def steps_done_by(action: Action, day: dt.date) -> int:
    """How many of the action's steps were done by ``day``."""
    return sum(step.done is not None and step.done <= day for step in action.steps)


def overdue_on(action: Action, day: dt.date) -> list[tuple[int, Step]]:
    """The steps (numbered from 1) due before ``day`` and not done by it, if the action was open."""
    if not open_on(action, day):
        return []
    return [
        (number, step)
        for number, step in enumerate(action.steps, start=1)
        if step.due < day and (step.done is None or step.done > day)
    ]


def follow_up_end(action: Action, context: RegisterContext) -> dt.date | None:
    """The last day of the check's follow-up window; None without a check on a known indicator."""
    check = action.effectiveness
    if check is None or check.indicator not in context.plan.indicators:
        return None
    last = check.follow_up.partition("..")[2] or check.follow_up
    period = context.plan.indicators[check.indicator].period
    return to_period(last, period).end_time.date()


def verdict_on(
    action: Action, facts: ActionsFacts, context: RegisterContext, day: dt.date
) -> str | None:
    """The verdict as it stood on ``day``: pending while the follow-up had not ended."""
    judgement = facts.judgements.get(action.id)
    if judgement is None:
        return None
    end = follow_up_end(action, context)
    return "pending" if end is None or end > day else judgement.verdict


def concluded(
    facts: ActionsFacts, context: RegisterContext, first: dt.date, last: dt.date
) -> list[Action]:
    """Actions whose check's follow-up ended, or that were closed, from ``first`` to ``last``.

    Ordered by the earlier of those two days that falls in the span.
    """
    found: list[tuple[dt.date, Action]] = []
    for action in facts.actions:
        days = (follow_up_end(action, context), action.closed)
        when = [day for day in days if day is not None and first <= day <= last]
        if when:
            found.append((min(when), action))
    return [action for _, action in sorted(found, key=lambda pair: pair[0])]
