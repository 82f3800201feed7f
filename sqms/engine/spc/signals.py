"""Control charts over the results table: one per indicator, with its signals in words.

:mod:`sqms.engine.spc.limits` does the arithmetic on arrays; this module decides,
for each indicator of the plan, which chart applies, which points it plots and
which periods its limits come from, and turns run-rule violations into
sentences a service manager can act on ("2025-07 (WE1): 1 point beyond 3σ —
higher than usual, worse"). Periods in those sentences are written in the
site's language (:mod:`sqms.text.formatting`): ``2025年7月`` in Chinese; the
signals themselves keep their ISO period labels, as the results JSON does.

Choices, so every chart reads the same way:

- Only complete periods with a value are plotted: a partial period would look
  like a special cause only because it is not over.
- ``share`` and ``churn`` plot numerator ÷ denominator (p or Laney p'); a
  ``ratio`` is a u chart of its numerator over its denominator, shown in the
  indicator's unit (× ``scale``); a ``count`` charted with ``u`` is a c chart
  (exposure 1 per period). Everything else is an XmR chart of the values.
- Limits come from the declared ``baseline`` periods, less its ``exclude``
  periods, or else from every plotted point. Limits from fewer points than
  the indicator's ``min_baseline_points`` (20 by default) are provisional:
  drawn and listed, but no signal on them is claimed as recent.
- ``control_chart: auto`` on a share charts Laney p' only when the measured
  sigma_z says the periods vary more than the binomial allows
  (:func:`sqms.engine.spc.limits.choose_chart`), not because n is large.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from sqms.diagnostics import Diagnostic, Severity, message_of
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.engine.spc.limits import (
    RULE_SETS,
    ChartKind,
    ControlLimits,
    choose_chart,
    detect_signals,
    laney_p_limits,
    moving_ranges,
    overdispersion,
    p_limits,
    rule_ids,
    u_limits,
    xmr_limits,
)
from sqms.i18n import N_, nt, t
from sqms.text.formatting import format_period, format_span

Direction = Literal["higher", "lower", "rising", "falling", "pattern"]
MIN_POINTS = 2
"""Fewer complete periods than this and no limits are computed."""
RULE_ORDER = [*RULE_SETS["western_electric"], *RULE_SETS["nelson"]]
_UNDIRECTED = frozenset({"N4", "N7", "N8"})
"""Rules about the shape of the variation, not its level: no better or worse."""
SINGLE_POINT = frozenset({"WE1", "N1"})
"""Rules a single point beyond a control limit breaks."""
DIRECTION_WORDS: dict[Direction, str] = {
    "higher": N_("signal.direction.higher"),
    "lower": N_("signal.direction.lower"),
    "rising": N_("signal.direction.rising"),
    "falling": N_("signal.direction.falling"),
    "pattern": N_("signal.direction.pattern"),
}
"""Each direction of a signal → the message id saying it in words ("higher than usual")."""
BEYOND_WORDS: dict[str, str] = {
    "higher": N_("signal.beyond.higher"),
    "lower": N_("signal.beyond.lower"),
}
"""Each side a single point can be beyond a limit on → the message id naming that limit."""


@dataclass(frozen=True)
class PlacedSignal:
    """A run-rule signal placed in periods, with which way it points."""

    rule: str
    periods: tuple[str, ...]
    description: str
    direction: Direction
    worse: bool | None
    """True when the signal points the bad way, None when it has no direction."""

    @property
    def span(self) -> str:
        """``2025-07`` or ``2025-03 – 2025-10``, in the language of the text around it."""
        return format_span(self.periods[0], self.periods[-1])

    def sentence(self) -> str:
        """The signal in words: when, which rule, what it means, and whether it is worse."""
        return t(
            "signal.sentence",
            span=self.span,
            rule=self.rule,
            description=self.description,
            direction=t(DIRECTION_WORDS[self.direction]),
            judgement=_verdict(self.worse),
        )


@dataclass(frozen=True)
class SignalSummary:
    """Signals of one indicator pointing the same way, merged: when, which way, which rules."""

    first: str
    last: str
    direction: Direction
    worse: bool | None
    rules: tuple[str, ...]

    def judgement(self) -> str:
        """``higher than usual, worse`` (the direction, and whether that is bad)."""
        return t(DIRECTION_WORDS[self.direction]) + _verdict(self.worse)

    def sentence(self) -> str:
        """``higher than usual, worse, 2026-06 – 2026-10 (WE1, WE3)``."""
        span = format_span(self.first, self.last)
        return t("signal.summary", judgement=self.judgement(), span=span,
                 rules=", ".join(self.rules))  # fmt: skip


def describe(signals: Sequence[PlacedSignal]) -> list[str]:
    """The signals in words, in time order; points beyond a limit under one rule merge.

    "2025-06, 2025-07, 2025-09 (WE1): below the lower control limit, worse."
    reads better than three sentences that differ only in their period.
    """
    merged: dict[tuple[str, Direction], list[PlacedSignal]] = {}
    entries: list[tuple[str, str]] = []
    for signal in signals:
        if signal.rule not in SINGLE_POINT:
            entries.append((signal.periods[0], signal.sentence()))
        elif (signal.rule, signal.direction) not in merged:
            merged[(signal.rule, signal.direction)] = [signal]
        else:
            merged[(signal.rule, signal.direction)].append(signal)
    for (rule, direction), found in merged.items():
        sentence = t(
            "signal.beyond_sentence",
            periods=t("diag.list_separator").join(format_period(s.periods[0]) for s in found),
            rule=rule,
            where=t(BEYOND_WORDS[direction]),
            judgement=_verdict(found[0].worse),
        )
        entries.append((found[0].periods[0], sentence))
    return [sentence for _, sentence in sorted(entries, key=lambda entry: entry[0])]


def _verdict(worse: bool | None) -> str:
    """``, worse`` or ``, better`` after a direction; nothing for a signal without one."""
    if worse is None:
        return ""
    return t("signal.worse") if worse else t("signal.better")


def summarise(signals: list[PlacedSignal]) -> list[SignalSummary]:
    """Merge signals that point the same way; the bad way first."""
    groups: dict[tuple[Direction, bool | None], list[PlacedSignal]] = {}
    for signal in signals:
        groups.setdefault((signal.direction, signal.worse), []).append(signal)
    summaries = [
        SignalSummary(
            min(s.periods[0] for s in found),
            max(s.periods[-1] for s in found),
            direction,
            worse,
            tuple(sorted({s.rule for s in found}, key=RULE_ORDER.index)),
        )
        for (direction, worse), found in groups.items()
    ]
    return sorted(summaries, key=lambda s: (s.worse is False, s.first))


@dataclass(frozen=True)
class ControlResult:
    """One indicator's control chart: its points, limits and signals, in display units.

    ``points`` has one row per plotted period: ``period``, ``value``, ``centre``,
    ``lower``, ``upper``, ``baseline`` (used for the limits), ``signal`` (rule
    ids, comma-separated, empty when none) and ``moving_range`` (|value - the
    previous value|, empty for the first; charted for XmR).
    """

    indicator: str
    kind: ChartKind
    points: pd.DataFrame
    signals: tuple[PlacedSignal, ...]
    baseline: tuple[str, str]
    declared: bool
    """Whether the limits come from a declared baseline (else from every point)."""
    limits: ControlLimits
    excluded: tuple[str, ...] = ()
    """Baseline periods left out of the limits (known special causes)."""
    rules: tuple[str, ...] = ()
    """The run rules applied, as rule ids."""
    min_points: int = 0
    """Baseline points needed for final limits; fewer make them provisional."""
    sigma_z: float | None = None
    """The measured over-dispersion of a share (Laney's sigma_z), for p and Laney p' charts."""
    chosen: bool = False
    """Whether the chart was chosen automatically (``control_chart: auto``)."""

    @property
    def provisional(self) -> bool:
        """Whether the limits rest on fewer baseline points than :attr:`min_points`."""
        return self.limits.provisional(self.min_points)

    @property
    def baseline_periods(self) -> list[str]:
        """The periods the limits were computed from, in order."""
        return [str(p) for p in self.points.loc[self.points["baseline"], "period"]]

    def recent(self, periods: int) -> list[PlacedSignal]:
        """Signals whose last point is among the latest ``periods`` plotted periods.

        Empty while the limits are provisional: trial limits from a few points
        are too uncertain to claim a special cause on (the signals are still
        in :attr:`signals`, to list as provisional).
        """
        if self.provisional:
            return []
        latest = set(self.points["period"].tail(periods))
        return [s for s in self.signals if s.periods[-1] in latest]


@dataclass(frozen=True)
class ControlOutcome:
    """A control chart, or the reason there is none."""

    result: ControlResult | None
    reason: str | None = None
    warning: str | None = None
    """A problem with the declared baseline (the limits then come from every point)."""


def chart_kind(
    indicator: CompiledIndicator, denominators: pd.Series, sigma_z: float | None = None
) -> ChartKind | None:
    """The chart declared for the indicator, or chosen from its measure (None: no chart).

    ``sigma_z`` is the measured over-dispersion of a share: above 1.5 an
    automatic choice is Laney p', else p (without it, p).
    """
    declared = indicator.spec.control_chart
    if declared == "none":
        return None
    if declared != "auto":
        return declared
    has_denominator = bool(denominators.notna().any())
    return choose_chart(indicator.spec.measure, has_denominator=has_denominator, sigma_z=sigma_z)


def plotted_rows(totals: pd.DataFrame, kind: ChartKind, measure: str) -> pd.DataFrame:
    """The complete periods a chart of ``kind`` can plot, in period order."""
    rows = totals[~totals["partial"].astype("bool") & totals["value"].notna()]
    if kind in ("p", "laney_p") or (kind == "u" and measure != "count"):
        rows = rows[rows["numerator"].notna() & (rows["denominator"] > 0)]
    return rows.sort_values("period_start", kind="stable").reset_index(drop=True)


def control_for(indicator: CompiledIndicator, totals: pd.DataFrame) -> ControlOutcome:
    """The control chart of one indicator from its total series (``dim`` empty)."""
    kind = chart_kind(indicator, totals["denominator"])
    if kind is None:
        return ControlOutcome(None, t("signal.no_chart"))
    rows = plotted_rows(totals, kind, indicator.spec.measure)
    if len(rows) < MIN_POINTS:
        return ControlOutcome(None, t("signal.too_few", need=MIN_POINTS, got=len(rows)))
    labels = [str(label) for label in rows["period"]]
    window, exclude, warning = _baseline(indicator, labels)
    try:
        sigma_z = _sigma_z(kind, rows, window, exclude)
        chosen = indicator.spec.control_chart == "auto"
        if chosen:  # a share: p, or Laney p' when sigma_z says the periods vary more
            kind = chart_kind(indicator, totals["denominator"], sigma_z) or kind
        plotted, scale = _plotted(rows, kind, indicator.spec.measure, indicator.spec.scale)
        limits = _limits(kind, rows, indicator.spec.measure, window, exclude)
        rules = rule_ids(_rules(indicator))
        found = detect_signals(plotted, limits, rules)
    except ValueError as exc:
        return ControlOutcome(None, message_of(exc), warning)
    signals = tuple(
        _place(s.rule, s.points, s.description, plotted, labels, indicator, limits) for s in found
    )
    points = _points(labels, plotted * scale, limits, scale, signals)
    first, last = labels[limits.baseline.start], labels[limits.baseline.stop - 1]
    result = ControlResult(
        indicator.id,
        kind,
        points,
        signals,
        (first, last),
        window is not None,
        limits,
        excluded=tuple(labels[i] for i in limits.excluded),
        rules=rules,
        min_points=indicator.spec.min_baseline_points,
        sigma_z=sigma_z,
        chosen=chosen,
    )
    return ControlOutcome(result, None, warning)


def control_results(
    plan: Plan, results: pd.DataFrame
) -> tuple[dict[str, ControlOutcome], list[Diagnostic]]:
    """Every indicator's control chart, and warnings about baselines that do not fit the data."""
    totals = results[results["dim"] == ""]
    grouped = {ind_id: rows for ind_id, rows in totals.groupby("indicator", sort=False)}
    outcomes = {
        ind_id: control_for(indicator, grouped.get(ind_id, totals.iloc[0:0]))
        for ind_id, indicator in plan.indicators.items()
    }
    diagnostics = [
        Diagnostic(
            plan.display,
            plan.line("indicators", ind_id, "baseline"),
            outcome.warning,
            Severity.WARNING,
        )
        for ind_id, outcome in outcomes.items()
        if outcome.warning is not None
    ]
    return outcomes, diagnostics


def _rules(indicator: CompiledIndicator) -> str | Sequence[str]:
    rules = indicator.spec.rules
    return rules if isinstance(rules, str) else list(rules)


def _baseline(
    indicator: CompiledIndicator, labels: list[str]
) -> tuple[slice | None, list[int], str | None]:
    """The baseline as positions in the plotted series, from the declared period labels.

    Labels of one form sort in time order, so the baseline is the contiguous
    run of labels between ``from`` and ``to``. A declared baseline with fewer
    than two plotted periods falls back to every point, with a warning.
    """
    declared = indicator.spec.baseline
    if declared is None:
        return None, [], None
    last = declared.end or labels[-1]
    inside = [i for i, label in enumerate(labels) if declared.start <= label <= last]
    exclude = [i for i in inside if labels[i] in set(declared.exclude)]
    if len(inside) - len(exclude) < MIN_POINTS:
        used = len(inside) - len(exclude)
        message = nt(
            "signal.baseline_short",
            used,
            id=indicator.id,
            start=declared.start,
            end=last,
            got=used,
            need=MIN_POINTS,
        )
        return None, [], message
    return slice(inside[0], inside[-1] + 1), exclude, None


def _sigma_z(
    kind: ChartKind, rows: pd.DataFrame, window: slice | None, exclude: list[int]
) -> float | None:
    """The measured over-dispersion of a share charted as p or Laney p' (None otherwise)."""
    if kind not in ("p", "laney_p"):
        return None
    numerators = rows["numerator"].to_numpy("float64")
    denominators = rows["denominator"].to_numpy("float64")
    return overdispersion(numerators, denominators, window, exclude=exclude)


def _plotted(
    rows: pd.DataFrame, kind: ChartKind, measure: str, scale: float
) -> tuple[np.ndarray, float]:
    """The plotted statistic per period, and the factor to the indicator's unit."""
    if kind in ("p", "laney_p") or (kind == "u" and measure != "count"):
        ratio = rows["numerator"].to_numpy("float64") / rows["denominator"].to_numpy("float64")
        return ratio, (scale if kind == "u" else 1.0)
    return rows["value"].to_numpy("float64"), 1.0


def _limits(
    kind: ChartKind, rows: pd.DataFrame, measure: str, window: slice | None, exclude: list[int]
) -> ControlLimits:
    numerators = rows["numerator"].to_numpy("float64")
    denominators = rows["denominator"].to_numpy("float64")
    if kind == "p":
        return p_limits(numerators, denominators, window, exclude=exclude)
    if kind == "laney_p":
        return laney_p_limits(numerators, denominators, window, exclude=exclude)
    if kind == "u":
        if measure == "count":  # a c chart: events per period, exposure 1
            counts = rows["value"].to_numpy("float64")
            return u_limits(counts, np.ones(len(rows)), window, exclude=exclude)
        return u_limits(numerators, denominators, window, exclude=exclude)
    return xmr_limits(rows["value"].to_numpy("float64"), window, exclude=exclude)


def _place(
    rule: str,
    points: tuple[int, ...],
    description: str,
    plotted: np.ndarray,
    labels: list[str],
    indicator: CompiledIndicator,
    limits: ControlLimits,
) -> PlacedSignal:
    """Which way a signal points, and whether that is worse for this indicator."""
    direction = _direction(rule, points, plotted, limits.centre)
    worse: bool | None = None
    if direction != "pattern":
        up = direction in ("higher", "rising")
        worse = up != (indicator.spec.better == "higher")
    return PlacedSignal(rule, tuple(labels[i] for i in points), description, direction, worse)


def _direction(rule: str, points: tuple[int, ...], plotted: np.ndarray, centre: float) -> Direction:
    if rule in _UNDIRECTED:
        return "pattern"
    if rule == "N3":
        return "rising" if plotted[points[-1]] > plotted[points[0]] else "falling"
    deviation = float(np.mean(plotted[list(points)] - centre))
    return "higher" if deviation > 0 else "lower"


def _points(
    labels: list[str],
    values: np.ndarray,
    limits: ControlLimits,
    scale: float,
    signals: tuple[PlacedSignal, ...],
) -> pd.DataFrame:
    """One row per plotted period, limits in the indicator's unit, signal rule ids."""
    rules: dict[str, list[str]] = {label: [] for label in labels}
    for signal in signals:
        for label in signal.periods:
            if signal.rule not in rules[label]:
                rules[label].append(signal.rule)
    for found in rules.values():  # the most telling rule first: WE1 before WE4
        found.sort(key=RULE_ORDER.index)
    in_baseline = np.zeros(len(labels), dtype=np.bool_)
    in_baseline[limits.baseline] = True
    in_baseline[list(limits.excluded)] = False
    return pd.DataFrame(
        {
            "period": pd.Series(labels, dtype="str"),
            "value": pd.Series(values, dtype="float64"),
            "centre": pd.Series(np.full(len(labels), limits.centre * scale), dtype="float64"),
            "lower": pd.Series(limits.lower * scale, dtype="float64"),
            "upper": pd.Series(limits.upper * scale, dtype="float64"),
            "baseline": pd.Series(in_baseline, dtype="bool"),
            "signal": pd.Series([", ".join(rules[label]) for label in labels], dtype="str"),
            "moving_range": pd.Series(moving_ranges(values), dtype="float64"),
        }
    )
