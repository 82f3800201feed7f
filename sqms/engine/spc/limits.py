"""Statistical process control for indicator series: control limits and run rules.

An indicator has one value per period. Whether a change in it means anything is
what a control chart tells: limits computed from a stable stretch of history
(the baseline) show how far the series wanders by itself, and run rules flag
patterns that chance alone rarely makes. This module is pure arithmetic on
numpy arrays; drawing the charts is done elsewhere.

Conventions, so that every chart reads the same way:

- ``sigma`` is per point: constant for XmR, varying with the subgroup size for
  p, u and Laney p' charts, and the run-rule zones follow it.
- A point is beyond a limit or a zone only when strictly beyond it, by more
  than :data:`BOUNDARY_TOLERANCE` sigma: a point on a limit (z = 3 up to the
  last bit of floating-point error) is not beyond it, and a point on the
  centre line is on neither side and so breaks a run.
- Moving ranges are of two consecutive points: d2 = 1.128, so the XmR limits
  are x̄ ± (3/1.128)·MR̄, the 2.660 usually printed as 2.66; D4 = 3.267.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

from sqms.i18n import N_, nt, t

ChartKind = Literal["xmr", "p", "u", "laney_p"]
RuleSet = Literal["basic", "western_electric", "nelson"]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

D2 = 1.128
"""Mean range of two normal observations in sigmas: MR̄ / D2 estimates sigma."""
D4 = 3.267
"""Upper limit of the moving-range chart as a multiple of MR̄."""
LANEY_SIGMA_Z = 1.5
"""Above this sigma_z a share is charted as Laney p' (see :func:`choose_chart`)."""
BOUNDARY_TOLERANCE = 1e-9
"""How far (in sigmas) a point must pass a zone boundary to be beyond it."""
MIN_BASELINE_POINTS = 20
"""Limits from fewer baseline points are provisional (Montgomery: 20 to 25 subgroups)."""
DEFAULT_RULES = "basic"
"""The run rules used unless others are chosen: WE1 and WE4, as qcc does by default."""

RULE_SETS: dict[str, tuple[str, ...]] = {
    "basic": ("WE1", "WE4"),
    "western_electric": ("WE1", "WE2", "WE3", "WE4"),
    "nelson": ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"),
}

# Measures whose numerator is a subset of the denominator's units (a proportion),
# and measures that count events over an exposure (a rate, possibly above 1).
_PROPORTIONS = frozenset({"share", "churn"})
_RATES = frozenset({"count", "ratio"})


@dataclass(frozen=True, eq=False)
class ControlLimits:
    """Centre line, per-point sigma and limits of one chart.

    ``baseline`` is the contiguous range of points the limits were computed
    from, less the ``excluded`` points (known special causes); every point,
    inside the baseline or not, is judged against these limits.
    """

    kind: ChartKind
    centre: float
    sigma: FloatArray
    lower: FloatArray
    upper: FloatArray
    baseline: slice
    mr_bar: float | None = None
    sigma_z: float | None = None
    excluded: tuple[int, ...] = ()

    @property
    def mr_upper(self) -> float | None:
        """Upper limit of the moving-range chart (D4·MR̄); XmR only."""
        return None if self.mr_bar is None else D4 * self.mr_bar

    @property
    def points_used(self) -> int:
        """How many points the limits were computed from (the baseline less its exclusions)."""
        return self.baseline.stop - self.baseline.start - len(self.excluded)

    def provisional(self, min_points: int = MIN_BASELINE_POINTS) -> bool:
        """Whether the limits rest on fewer than ``min_points`` points: trial limits only."""
        return self.points_used < min_points


@dataclass(frozen=True)
class Signal:
    """One run-rule violation: which rule, the points that make it up, and what it means."""

    rule: str
    points: tuple[int, ...]
    description: str


def xmr_limits(
    values: npt.ArrayLike, baseline: slice | None = None, *, exclude: Sequence[int] = ()
) -> ControlLimits:
    """Individuals (XmR) limits: x̄ ± 3·MR̄/d2, sigma estimated from moving ranges.

    Moving ranges rather than the standard deviation, because a shift or trend
    inflates the standard deviation but barely moves the short-term ranges.
    Only ranges between two consecutive baseline points count.
    """
    x = _series(values, "values")
    window, excluded, used = _baseline(baseline, exclude, len(x))
    mr_bar = _mean_moving_range(x, used)
    sigma = np.full(len(x), mr_bar / D2)
    return _limits("xmr", float(x[used].mean()), sigma, window, excluded, mr_bar=mr_bar)


def p_limits(
    numerators: npt.ArrayLike,
    denominators: npt.ArrayLike,
    baseline: slice | None = None,
    *,
    exclude: Sequence[int] = (),
) -> ControlLimits:
    """p chart: p̄ ± 3·sqrt(p̄(1-p̄)/n_i), clipped to [0, 1].

    p̄ is pooled (Σ numerators / Σ denominators) so that large periods weigh
    more than small ones, as the binomial model says they should.
    """
    num, den = _counts(numerators, denominators, proportion=True)
    window, excluded, used = _baseline(baseline, exclude, len(num))
    p_bar = float(num[used].sum() / den[used].sum())
    sigma = np.sqrt(p_bar * (1.0 - p_bar) / den)
    return _limits("p", p_bar, sigma, window, excluded, floor=0.0, ceiling=1.0)


def u_limits(
    counts: npt.ArrayLike,
    exposure: npt.ArrayLike,
    baseline: slice | None = None,
    *,
    exclude: Sequence[int] = (),
) -> ControlLimits:
    """u chart: ū ± 3·sqrt(ū/n_i), lower limit clipped at 0 (a c chart when exposure is 1)."""
    c, n = _counts(counts, exposure, proportion=False)
    window, excluded, used = _baseline(baseline, exclude, len(c))
    u_bar = float(c[used].sum() / n[used].sum())
    sigma = np.sqrt(u_bar / n)
    return _limits("u", u_bar, sigma, window, excluded, floor=0.0)


def laney_p_limits(
    numerators: npt.ArrayLike,
    denominators: npt.ArrayLike,
    baseline: slice | None = None,
    *,
    exclude: Sequence[int] = (),
) -> ControlLimits:
    """Laney p' chart: p̄ ± 3·sigma_pi·sigma_z, clipped to [0, 1] (Laney 2002).

    With very large denominators p-chart limits become so tight that ordinary
    period-to-period drift looks special. sigma_z, the XmR sigma of the
    standardised proportions z_i = (p_i - p̄)/sigma_pi, widens them by the
    variation actually seen between periods; sigma_z = 1 gives the p chart back.
    """
    num, den = _counts(numerators, denominators, proportion=True)
    window, excluded, used = _baseline(baseline, exclude, len(num))
    p_bar, sigma_p, sigma_z = _dispersion(num, den, used)
    return _limits(
        "laney_p",
        p_bar,
        sigma_p * sigma_z,
        window,
        excluded,
        sigma_z=sigma_z,
        floor=0.0,
        ceiling=1.0,
    )


def overdispersion(
    numerators: npt.ArrayLike,
    denominators: npt.ArrayLike,
    baseline: slice | None = None,
    *,
    exclude: Sequence[int] = (),
) -> float:
    """sigma_z of a series of proportions: how much more they vary than the binomial says.

    The z-scores z_i = (p_i - p̄)/sqrt(p̄(1-p̄)/n_i) of a binomial process have
    standard deviation 1. sigma_z is their standard deviation estimated as
    Laney (2002) does, from the mean moving range of the baseline's z-scores
    (MR̄_z / 1.128), so that a shift does not inflate it; it is the factor the
    Laney p' chart widens the p-chart limits by.
    """
    num, den = _counts(numerators, denominators, proportion=True)
    _, _, used = _baseline(baseline, exclude, len(num))
    return _dispersion(num, den, used)[2]


def moving_ranges(values: npt.ArrayLike) -> FloatArray:
    """|x_i - x_{i-1}| aligned with the periods: NaN for the first, which has no predecessor."""
    x = _series(values, "values")
    return np.concatenate(([np.nan], np.abs(np.diff(x))))


def baseline_slice(
    labels: Sequence[object], first: object | None = None, last: object | None = None
) -> slice:
    """The baseline from period labels, both ends included (``"2024-01"`` to ``"2024-12"``).

    Labels match by equality or by their text, so ``"2024-01"`` finds a
    pandas ``Period('2024-01')`` too. ``None`` means the series' start or end.
    """
    names = [str(label) for label in labels]

    def position(label: object) -> int:
        for i, (candidate, name) in enumerate(zip(labels, names, strict=True)):
            if candidate == label or name == str(label):
                return i
        raise ValueError(t("spc.unknown_label", label=label))

    start = 0 if first is None else position(first)
    stop = len(names) if last is None else position(last) + 1
    return slice(start, stop)


def detect_signals(
    values: npt.ArrayLike,
    limits: ControlLimits,
    rules: RuleSet | Sequence[str] = DEFAULT_RULES,
) -> list[Signal]:
    """Run-rule signals of ``values`` (the plotted points) against ``limits``.

    The plotted points are the values for XmR, numerators/denominators for p
    and Laney p', counts/exposure for u.

    ``rules`` is a named set (``"basic"``, the default: WE1 and WE4;
    ``"western_electric"``: WE1-WE4; ``"nelson"``: N1-N8) or explicit rule ids
    such as ``["WE1", "N3"]``. The basic set keeps false alarms low: on 24
    in-control points with limits from the same points, about 9% of charts
    show a false signal, against about 15% with WE1-WE4. Zones use each
    point's own sigma. Overlapping windows of one rule that share a point are
    reported as one signal, so a run of 12 is one WE4 signal, not five.
    Signals come in order of their first point.
    """
    x = _series(values, "values")
    if len(x) != len(limits.sigma):
        raise ValueError(
            nt("spc.length_mismatch", len(x), what="values", got=len(x), expected=len(limits.sigma))
        )
    z = _standardise(x, limits.centre, limits.sigma)
    found = [
        Signal(rule, points, t(RULE_DESCRIPTIONS[rule]))
        for rule in rule_ids(rules)
        for points in _RULES[rule](x, z)
    ]
    return sorted(found, key=lambda signal: signal.points[0])


def choose_chart(measure: str, *, has_denominator: bool, sigma_z: float | None = None) -> ChartKind:
    """The chart for an indicator, from its measure and the dispersion measured in it.

    - ``share`` and ``churn`` (the numerator counts some of the denominator's
      units) are proportions: ``"laney_p"`` when ``sigma_z`` (:func:`overdispersion`)
      is above :data:`LANEY_SIGMA_Z` (1.5), ``"p"`` otherwise. Binomial data
      give sigma_z near 1: from 20 such points the measured sigma_z passes 1.5
      about once in a hundred series, while at 1.5 the p limits would sit at
      two real sigmas and flag about 5% of in-control points. Large n alone
      is no reason: it matters only when the periods really vary more.
    - ``count`` with an exposure and ``ratio`` (events per unit, may exceed 1)
      are rates: ``"u"``.
    - Everything else (sum, mean, median, quantile, nps, composite…) and any
      measure without a denominator: ``"xmr"``, which assumes no distribution.
    """
    if has_denominator and measure in _PROPORTIONS:
        over = sigma_z is not None and sigma_z > LANEY_SIGMA_Z + BOUNDARY_TOLERANCE
        return "laney_p" if over else "p"
    if has_denominator and measure in _RATES:
        return "u"
    return "xmr"


# --- inputs ---------------------------------------------------------------


def _series(values: npt.ArrayLike, what: str) -> FloatArray:
    """A one-dimensional array of finite floats, or a translated ValueError."""
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(t("spc.not_series", what=what))
    bad = np.flatnonzero(~np.isfinite(x))
    if bad.size:
        raise ValueError(t("spc.not_finite", what=what, point=int(bad[0]) + 1))
    return x


def _counts(
    numerators: npt.ArrayLike, denominators: npt.ArrayLike, *, proportion: bool
) -> tuple[FloatArray, FloatArray]:
    """Validated count and size arrays of equal length (sizes > 0, counts ≥ 0)."""
    num = _series(numerators, "numerators")
    den = _series(denominators, "denominators")
    if len(num) != len(den):
        raise ValueError(
            nt(
                "spc.length_mismatch",
                len(den),
                what="denominators",
                got=len(den),
                expected=len(num),
            )
        )
    checks = [
        (den <= 0, N_("spc.denominator_not_positive")),
        (num < 0, N_("spc.negative_count")),
    ]
    if proportion:
        checks.append((num > den, N_("spc.numerator_exceeds")))
    for bad, key in checks:
        if bad.any():
            raise ValueError(t(key, point=int(np.flatnonzero(bad)[0]) + 1))
    return num, den


def _baseline(
    baseline: slice | None, exclude: Sequence[int], n: int
) -> tuple[slice, tuple[int, ...], BoolArray]:
    """The baseline as ``slice(start, stop)``, the excluded points, and the mask of points used."""
    start, stop, step = (baseline or slice(None)).indices(n)
    if step != 1:
        raise ValueError(t("spc.baseline_step"))
    used = np.zeros(n, dtype=np.bool_)
    used[start:stop] = True
    excluded = tuple(sorted({int(i) + n if int(i) < 0 else int(i) for i in exclude}))
    for i in excluded:
        if not start <= i < stop:
            raise ValueError(t("spc.exclude_outside", point=i + 1))
    used[list(excluded)] = False
    if not used.any():
        raise ValueError(nt("spc.too_few", 1, need=1, got=0))
    return slice(start, stop), excluded, used


def _mean_moving_range(x: FloatArray, used: BoolArray) -> float:
    """Mean |x_i - x_{i-1}| over pairs of consecutive points both in use."""
    first = np.flatnonzero(used[1:] & used[:-1])
    if not first.size:
        raise ValueError(nt("spc.too_few", 2, need=2, got=int(used.sum())))
    return float(np.abs(x[first + 1] - x[first]).mean())


def _limits(
    kind: ChartKind,
    centre: float,
    sigma: FloatArray,
    baseline: slice,
    excluded: tuple[int, ...],
    *,
    floor: float | None = None,
    ceiling: float | None = None,
    mr_bar: float | None = None,
    sigma_z: float | None = None,
) -> ControlLimits:
    """Assemble read-only limits at centre ± 3 sigma, clipped where the measure cannot go."""
    lower, upper = centre - 3.0 * sigma, centre + 3.0 * sigma
    if floor is not None or ceiling is not None:
        lower, upper = np.clip(lower, floor, ceiling), np.clip(upper, floor, ceiling)
    for array in (sigma, lower, upper):
        array.setflags(write=False)
    return ControlLimits(kind, centre, sigma, lower, upper, baseline, mr_bar, sigma_z, excluded)


def _dispersion(
    num: FloatArray, den: FloatArray, used: BoolArray
) -> tuple[float, FloatArray, float]:
    """p̄ pooled over the points used, the binomial sigma per point, and sigma_z (Laney)."""
    p_bar = float(num[used].sum() / den[used].sum())
    sigma_p = np.sqrt(p_bar * (1.0 - p_bar) / den)
    z = _standardise(num / den, p_bar, sigma_p)
    return p_bar, sigma_p, _mean_moving_range(z, used) / D2


def _standardise(x: FloatArray, centre: float, sigma: FloatArray) -> FloatArray:
    """(x - centre)/sigma per point; with sigma = 0 a point off the centre is infinitely far out.

    With sigma = 0 a point within rounding of the centre (a mean of equal
    values is not always bit-equal to them) is on the centre.
    """
    deviation = x - centre
    z = deviation / np.where(sigma > 0, sigma, 1.0)
    on_centre = np.isclose(x, centre, rtol=1e-12, atol=1e-12)
    off_centre = np.where(on_centre, 0.0, np.copysign(np.inf, deviation))
    return np.where(sigma > 0, z, off_centre)


# --- run rules ------------------------------------------------------------

_Check = Callable[[FloatArray, FloatArray], list[tuple[int, ...]]]


def rule_ids(rules: RuleSet | Sequence[str]) -> tuple[str, ...]:
    """Rule ids from a set name, one rule id, or a list of ids; unknown ones are an error."""
    ids = RULE_SETS.get(rules, (rules,)) if isinstance(rules, str) else tuple(rules)
    for rule in ids:
        if rule not in _RULES:
            raise ValueError(t("spc.unknown_rule", rule=rule, known=", ".join(_RULES)))
    return ids


def _group(starts: npt.NDArray[np.intp], hits: BoolArray, width: int) -> list[tuple[int, ...]]:
    """Hit points of the windows starting at ``starts``; windows sharing a hit merge."""
    groups: list[set[int]] = []
    for start in starts.tolist():
        members = {start + i for i in np.flatnonzero(hits[start : start + width]).tolist()}
        if groups and groups[-1] & members:
            groups[-1] |= members
        else:
            groups.append(members)
    return [tuple(sorted(group)) for group in groups]


def _windows(hits: BoolArray, width: int, need: int) -> npt.NDArray[np.intp]:
    """Starts of the windows of ``width`` consecutive items with at least ``need`` hits."""
    if len(hits) < width:
        return np.empty(0, dtype=np.intp)
    return np.flatnonzero(sliding_window_view(hits, width).sum(axis=1) >= need)


def _same_side(k: float, width: int, need: int) -> _Check:
    """``need`` of ``width`` points in a row more than ``k`` sigma out, all on one side."""
    beyond = k + BOUNDARY_TOLERANCE

    def check(x: FloatArray, z: FloatArray) -> list[tuple[int, ...]]:
        return [
            points
            for hits in (z > beyond, z < -beyond)
            for points in _group(_windows(hits, width, need), hits, width)
        ]

    return check


def _trend(x: FloatArray, z: FloatArray) -> list[tuple[int, ...]]:
    """Six points in a row steadily rising or falling (five steps the same way; ties break it)."""
    steps = np.diff(x)
    everywhere = np.ones(len(x), dtype=np.bool_)
    return [
        points
        for moves in (steps > 0, steps < 0)
        for points in _group(_windows(moves, 5, 5), everywhere, 6)
    ]


def _alternating(x: FloatArray, z: FloatArray) -> list[tuple[int, ...]]:
    """Fourteen points in a row going up and down in turn (twelve turns in a row)."""
    steps = np.sign(np.diff(x))
    turns = steps[:-1] * steps[1:] < 0
    return _group(_windows(turns, 12, 12), np.ones(len(x), dtype=np.bool_), 14)


def _hugging(x: FloatArray, z: FloatArray) -> list[tuple[int, ...]]:
    """Fifteen points in a row within 1 sigma of the centre, either side (too little variation)."""
    inside = np.abs(z) < 1 - BOUNDARY_TOLERANCE
    return _group(_windows(inside, 15, 15), inside, 15)


def _mixture(x: FloatArray, z: FloatArray) -> list[tuple[int, ...]]:
    """Eight points in a row beyond 1 sigma with some on each side (Nelson: none in zone C)."""
    up, down = z > 1 + BOUNDARY_TOLERANCE, z < -1 - BOUNDARY_TOLERANCE
    if len(z) < 8:
        return []
    ups, downs = sliding_window_view(up, 8), sliding_window_view(down, 8)
    mixed = (ups | downs).all(axis=1) & ups.any(axis=1) & downs.any(axis=1)
    return _group(np.flatnonzero(mixed), up | down, 8)


# Western Electric Statistical Quality Control Handbook (1956) and
# Nelson, "The Shewhart control chart: tests for special causes", JQT 16(4), 1984.
_RULES: dict[str, _Check] = {
    "WE1": _same_side(3, 1, 1),
    "WE2": _same_side(2, 3, 2),
    "WE3": _same_side(1, 5, 4),
    "WE4": _same_side(0, 8, 8),
    "N1": _same_side(3, 1, 1),
    "N2": _same_side(0, 9, 9),
    "N3": _trend,
    "N4": _alternating,
    "N5": _same_side(2, 3, 2),
    "N6": _same_side(1, 5, 4),
    "N7": _hugging,
    "N8": _mixture,
}

RULE_DESCRIPTIONS: dict[str, str] = {
    "WE1": N_("spc.rule.WE1"),
    "WE2": N_("spc.rule.WE2"),
    "WE3": N_("spc.rule.WE3"),
    "WE4": N_("spc.rule.WE4"),
    "N1": N_("spc.rule.N1"),
    "N2": N_("spc.rule.N2"),
    "N3": N_("spc.rule.N3"),
    "N4": N_("spc.rule.N4"),
    "N5": N_("spc.rule.N5"),
    "N6": N_("spc.rule.N6"),
    "N7": N_("spc.rule.N7"),
    "N8": N_("spc.rule.N8"),
}
"""Each run rule of :data:`_RULES` → the message id saying what it flags."""
