"""Whether an improvement action worked, judged from the data (QP-08 step 8).

An action's effectiveness check names one indicator (optionally one breakdown
value of it), a baseline window and a follow-up window of whole periods. Each
window is pooled into ONE value, the way the indicator itself is defined:

- numerator/denominator measures (share, mean, ratio, nps, churn):
  Σ numerator ÷ Σ denominator over the window's periods (× 100 for nps,
  × the ratio's ``scale``), never an average of monthly values;
- count and sum: the mean per period (a period without rows counts as 0);
- median and quantile: recomputed from the dataset's rows that fall in the
  window (a quantile cannot be pooled from monthly quantiles);
- composite: the mean of its period values.

The verdict is ``pending`` while a window period is not complete in the data,
``not judged`` when a window has no value or too few observations, else
``passed`` when every criterion holds and ``failed`` otherwise. Everything is
computed from aggregates, except the median and quantile recomputation, which
is one vectorised group-by over the dataset.

A helper of the judgement (:mod:`sqms.registers.actions.analysis` calls
:func:`judge_effectiveness` once per action): pure computation into
:class:`Judgement`, no words; the pages put it into words.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import numpy as np
import pandas as pd

from sqms.engine.compute import SAMPLE_MEASURES
from sqms.engine.expressions import evaluate_condition
from sqms.engine.measures import MEASURES, MeasureInput
from sqms.engine.periods import FREQ, assign_periods, label, start_date
from sqms.engine.plan import CompiledIndicator
from sqms.engine.targets import judge, targets_for
from sqms.registers.actions.spec import Effectiveness, window_ends

Verdict = Literal["passed", "failed", "pending", "not_judged"]
VERDICTS: tuple[Verdict, ...] = ("passed", "failed", "pending", "not_judged")
ALPHA = 0.05
"""A share's improvement must be significant at this level (one-sided two-proportion z-test)."""
POOLED = frozenset({"share", "mean", "ratio", "nps", "churn"})
PER_PERIOD = frozenset({"count", "sum"})
RECOMPUTED = frozenset({"median", "quantile"})
TOLERANCE = 1e-12
"""Rounding room when a change is compared with the declared minimum change."""
WINDOWS = ("baseline", "follow_up")


@dataclass(frozen=True)
class Rows:
    """The data rows a median or quantile indicator is recomputed from."""

    frame: pd.DataFrame
    time: str
    """The timestamp column that places a row in a period."""
    timezone: str

    def pooled(
        self, indicator: CompiledIndicator, first: pd.Period, last: pd.Period, dim: str, value: str
    ) -> tuple[float, float]:
        """The indicator's measure over the rows of periods ``first`` to ``last``, as one group.

        Only rows whose ``dim`` is ``value`` count, when ``dim`` is given.
        """
        frame = self.frame
        periods = assign_periods(frame[self.time], indicator.period, self.timezone)
        inside = ((periods >= first) & (periods <= last)).to_numpy(dtype=bool, na_value=False)
        if dim:
            chosen = frame[dim].astype("string") == value
            inside = inside & chosen.to_numpy(dtype=bool, na_value=False)
        labels = pd.Series(None, index=frame.index, dtype="object").mask(inside, "window")
        groups = pd.DataFrame({"_period": labels})
        inp = MeasureInput(
            indicator.spec,
            frame,
            groups,
            ["_period"],
            _mask(indicator, "where", self),
            _mask(indicator, "among", self),
        )
        table = MEASURES[indicator.spec.measure](inp)
        if table.empty:
            return math.nan, 0.0
        return float(table["value"].iloc[0]), float(table["n"].iloc[0])


class PooledRows(Protocol):
    """Where a window's median or quantile is computed: rows in memory, or a table's engine."""

    def pooled(
        self, indicator: CompiledIndicator, first: pd.Period, last: pd.Period, dim: str, value: str
    ) -> tuple[float, float]:
        """The indicator's measure over the rows of periods ``first`` to ``last``, as one group."""


@dataclass(frozen=True)
class Window:
    """One window pooled into one value, with the n it rests on."""

    name: str
    """``baseline`` or ``follow_up``."""
    first: str
    last: str
    periods: int
    value: float
    n: float
    numerator: float = math.nan
    denominator: float = math.nan


@dataclass(frozen=True)
class Check:
    """One criterion of the verdict, met or not, with the numbers that decide it."""

    name: str
    """``unreached``, ``before_data``, ``no_value``, ``small_n``, ``direction``,
    ``min_change``, ``significance`` or ``target``."""
    passed: bool
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Judgement:
    """The effectiveness of one action: both windows, the change, each criterion, the verdict."""

    verdict: Verdict
    baseline: Window
    follow_up: Window
    change: float | None
    """Follow-up minus baseline, signed so that an improvement is positive."""
    z: float | None
    p: float | None
    target: float | None
    """The target in force in the follow-up's last period."""
    target_period: str
    checks: tuple[Check, ...]
    series: pd.DataFrame = field(compare=False, repr=False)
    """Per period from the baseline's start to the follow-up's end: ``period``, ``value``,
    ``n``, ``target``, ``status``, ``window`` and ``state`` (``in``, ``before``, ``unreached``)."""


def to_period(text: str, period: str) -> pd.Period:
    """The period a label names: ``2026-03`` (month), ``2026-Q1``, ``2026``, ``2026-W05``."""
    freq = FREQ[period]
    if period == "week":
        year, week = text.split("-W")
        return pd.Period(pd.Timestamp(dt.date.fromisocalendar(int(year), int(week), 1)), freq=freq)
    if period == "quarter":
        year, quarter = text.split("-Q")
        return pd.Period(year=int(year), quarter=int(quarter), freq=freq)
    return pd.Period(text, freq=freq)


def judge_effectiveness(
    check: Effectiveness,
    indicator: CompiledIndicator,
    results: pd.DataFrame,
    rows: PooledRows | None = None,
) -> Judgement:
    """Pool both windows and judge the change against the action's criterion."""
    series = period_series(check, indicator, results)
    windows = [_pooled(name, check, indicator, series, rows) for name in WINDOWS]
    base, follow = windows
    last = window_ends(check.follow_up)[1]
    target = _target_at(indicator, last)
    blockers = _blockers(series, windows, indicator)
    if blockers:
        verdict: Verdict = "pending" if blockers[0].name == "unreached" else "not_judged"
        return Judgement(verdict, base, follow, None, None, None, target, last, blockers, series)
    sign = 1.0 if indicator.spec.better == "higher" else -1.0
    change = sign * (follow.value - base.value)
    checks = [Check("direction", change > 0, {"change": change})]
    if check.min_change is not None:
        met = change >= check.min_change - TOLERANCE
        checks.append(Check("min_change", met, {"change": change, "minimum": check.min_change}))
    z = p = None
    if indicator.spec.measure == "share":
        z, p = two_proportion_test(base, follow, indicator.spec.better)
        checks.append(Check("significance", p is not None and p < ALPHA, {"z": z, "p": p}))
    if target_required(check, indicator):
        checks.append(_target_check(follow.value, target, last, indicator))
    verdict = "passed" if all(c.passed for c in checks) else "failed"
    return Judgement(verdict, base, follow, change, z, p, target, last, tuple(checks), series)


def target_required(check: Effectiveness, indicator: CompiledIndicator) -> bool:
    """Whether the follow-up must meet the target: as declared, else when the indicator has one."""
    if check.meet_target is not None:
        return check.meet_target
    return bool(indicator.spec.target_steps())


def period_series(
    check: Effectiveness, indicator: CompiledIndicator, results: pd.DataFrame
) -> pd.DataFrame:
    """The indicator's value per period from the baseline's start to the follow-up's end.

    Periods before the first period of the data are ``before``; periods after
    the latest one, or not complete yet, are ``unreached``. For counts and sums
    a period inside the data with no row for the breakdown counts as 0.
    """
    first = to_period(window_ends(check.baseline)[0], indicator.period)
    last = to_period(window_ends(check.follow_up)[1], indicator.period)
    periods = pd.period_range(first, last, freq=FREQ[indicator.period])
    frame = pd.DataFrame(
        {
            "period": pd.Series([label(p) for p in periods], dtype="str"),
            "period_start": pd.Series([start_date(p) for p in periods], dtype="object"),
            "window": pd.Series(_window_names(check, periods, indicator.period), dtype="str"),
        }
    )
    own = results[results["indicator"] == indicator.id]
    frame["state"] = _states(frame["period_start"], own[own["dim"] == ""])
    dim, value = check.dimension
    mine = own[(own["dim"] == dim) & (own["dim_value"] == value)]
    columns = ["value", "n", "numerator", "denominator", "status"]
    frame = frame.merge(
        mine[["period_start", *columns]], on="period_start", how="left", validate="one_to_one"
    )
    for column in ("value", "n", "numerator", "denominator"):
        frame[column] = frame[column].astype("float64")
    target, warning = targets_for(indicator.spec, frame["period_start"])
    frame["target"] = target
    if indicator.spec.measure in PER_PERIOD:
        empty = (frame["state"] == "in") & frame["value"].isna()
        for column in ("value", "n", "numerator"):
            frame[column] = frame[column].mask(empty, 0.0)
    judged = judge(frame["value"], frame["n"], target, warning, indicator.spec.better, 0)
    frame["status"] = frame["status"].astype("object").fillna(judged).astype("str")
    return frame


def _window_names(check: Effectiveness, periods: pd.PeriodIndex, period: str) -> list[str]:
    """``baseline``, ``follow_up`` or empty for each period (the gap between them)."""
    names = np.full(len(periods), "", dtype=object)
    for name in WINDOWS:
        first, last = (to_period(end, period) for end in window_ends(getattr(check, name)))
        names[(periods >= first) & (periods <= last)] = name
    return [str(n) for n in names]


def _states(starts: pd.Series, totals: pd.DataFrame) -> pd.Series:
    """Whether the data covers each period: ``in``, ``before`` its first, ``unreached``."""
    if totals.empty:
        return pd.Series("before", index=starts.index, dtype="str")
    first, last = totals["period_start"].min(), totals["period_start"].max()
    partial = set(totals.loc[totals["partial"].astype("bool"), "period_start"])
    unreached = (starts > last) | starts.isin(partial)
    state = np.where(starts < first, "before", np.where(unreached, "unreached", "in"))
    return pd.Series(state, index=starts.index, dtype="str")


def _pooled(
    name: str,
    check: Effectiveness,
    indicator: CompiledIndicator,
    series: pd.DataFrame,
    rows: PooledRows | None,
) -> Window:
    """One window's single value, pooled as the indicator's measure requires."""
    part = series[series["window"] == name]
    first, last = window_ends(getattr(check, name))
    spec = indicator.spec
    if spec.measure in POOLED:
        num, den = float(part["numerator"].sum()), float(part["denominator"].sum())
        factor = {"nps": 100.0, "ratio": spec.scale}.get(spec.measure, 1.0)
        value = factor * num / den if den > 0 else math.nan
        return Window(name, first, last, len(part), value, float(part["n"].sum()), num, den)
    if spec.measure in PER_PERIOD:
        known = part["value"].dropna()
        value = float(known.sum()) / len(part) if len(known) else math.nan
        return Window(name, first, last, len(part), value, float(part["n"].sum()))
    if spec.measure in RECOMPUTED:
        value, n = _recompute(name, check, indicator, rows)
        return Window(name, first, last, len(part), value, n)
    known = part["value"].dropna()  # composite: the mean of its period values
    value = float(known.mean()) if len(known) else math.nan
    return Window(name, first, last, len(part), value, float(len(known)))


def _recompute(
    name: str, check: Effectiveness, indicator: CompiledIndicator, rows: PooledRows | None
) -> tuple[float, float]:
    """A median or quantile over the rows of one window, computed as the indicator is."""
    if rows is None:
        return math.nan, 0.0
    first, last = (to_period(end, indicator.period) for end in window_ends(getattr(check, name)))
    dim, value = check.dimension
    return rows.pooled(indicator, first, last, dim, value)


def _mask(indicator: CompiledIndicator, which: str, rows: Rows) -> pd.Series:
    """The indicator's ``where`` or ``among`` condition over the rows (all true without one)."""
    expression = getattr(indicator, which)
    if expression is None:
        return pd.Series(True, index=rows.frame.index, dtype="bool")
    return evaluate_condition(expression, rows.frame, rows.timezone)


def _blockers(
    series: pd.DataFrame, windows: list[Window], indicator: CompiledIndicator
) -> tuple[Check, ...]:
    """What stops a verdict: periods not reached yet (pending), or no usable value (not judged)."""
    used = series[series["window"] != ""]
    unreached = used.loc[used["state"] == "unreached", "period"]
    if len(unreached):
        return (Check("unreached", False, {"periods": ", ".join(unreached)}),)
    found = []
    before = used.loc[used["state"] == "before", "period"]
    if len(before):
        found.append(Check("before_data", False, {"periods": ", ".join(before)}))
    sample = indicator.spec.measure in SAMPLE_MEASURES
    for window in windows:
        if math.isnan(window.value):
            found.append(Check("no_value", False, {"window": window.name}))
        elif sample and window.n < indicator.min_n:
            values = {"window": window.name, "n": window.n, "min_n": indicator.min_n}
            found.append(Check("small_n", False, values))
    return tuple(found)


def two_proportion_test(base: Window, follow: Window, better: str) -> tuple[float | None, float]:
    """One-sided two-proportion z-test that the follow-up share is better than the baseline.

    z = (p₂ − p₁) ÷ √(p̂(1 − p̂)(1/n₁ + 1/n₂)), with p̂ the pooled share of both
    windows, signed so that a positive z is an improvement; p = P(Z ≥ z) =
    ½·erfc(z/√2). With no spread at all (both 0% or both 100%) there is no
    evidence of a change: z is None and p is 1.
    """
    n1, n2 = base.denominator, follow.denominator
    if not (n1 > 0 and n2 > 0):
        return None, 1.0
    shared = (base.numerator + follow.numerator) / (n1 + n2)
    spread = math.sqrt(shared * (1 - shared) * (1 / n1 + 1 / n2))
    if spread == 0:
        return None, 1.0
    z = (follow.numerator / n2 - base.numerator / n1) / spread
    z = z if better == "higher" else -z
    return z, 0.5 * math.erfc(z / math.sqrt(2))


def _target_at(indicator: CompiledIndicator, last: str) -> float | None:
    """The target in force on the first day of the follow-up's last period."""
    first_day = pd.Series([start_date(to_period(last, indicator.period))], dtype="object")
    target = targets_for(indicator.spec, first_day)[0].iloc[0]
    return None if pd.isna(target) else float(target)


def _target_check(
    value: float, target: float | None, period: str, indicator: CompiledIndicator
) -> Check:
    """The follow-up's pooled value meets the target in force at its end."""
    if target is None:
        return Check("target", False, {"value": value, "target": None, "period": period})
    meets = value >= target if indicator.spec.better == "higher" else value <= target
    return Check("target", meets, {"value": value, "target": target, "period": period})
