"""Control charts: values against their centre line and limits, signals marked; moving ranges."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from sqms.i18n import N_, nt, t
from sqms.site.charts.base import (
    DASHES,
    HEIGHT,
    PALETTE,
    SERIES_NAMES,
    WIDTH,
    axis_format,
    finish,
    period_axis,
    series_encoding,
    value_title,
)
from sqms.site.charts.memo import by_numbers
from sqms.text.formatting import UNIT_NAMES, format_value

KIND_NAMES: dict[str, str] = {
    "xmr": N_("chart.kind.xmr"),
    "p": N_("chart.kind.p"),
    "laney_p": N_("chart.kind.laney_p"),
    "u": N_("chart.kind.u"),
    "c": N_("chart.kind.c"),
}
"""Each kind of control chart (``sqms.engine.spc.limits.ChartKind``, and ``c`` for a u chart
of counts) → the id of its name (``XmR``, ``p``)."""
LIMIT_LABELS: dict[str, str] = {
    "upper": N_("chart.limit_label.upper"),
    "centre": N_("chart.limit_label.centre"),
    "lower": N_("chart.limit_label.lower"),
    "mr_centre": N_("chart.limit_label.mr_centre"),
}
"""Each line labelled at the chart's right end → the id of its label (``UCL {value}``)."""
ROOM_ABOVE, ROOM_BELOW = 40, 8
"""Pixels of the plot kept free above the highest line or point (for two rows of signal
labels) and below the lowest, so that nothing is drawn on the frame."""
NOTE_ROOM = 18
"""Pixels between the plot and the title when a note (baseline, provisional limits) stands
between them."""
LABEL_GAP = 12
"""Least vertical distance in pixels between two limit labels (of 10-pixel text)."""
SIGNAL_FONT, SIGNAL_EM = 9, 0.8
"""Signal labels' font size and the widest advance of their characters, in ems (``W``)."""
SIGNAL_PLACES = (-12, -26, 14)
"""Where a signal label may stand, by the offset of its middle from its point, in pixels:
just above, higher up, below."""


@by_numbers
def control_chart(
    points: pd.DataFrame,
    *,
    title: str,
    unit: str,
    kind: str,
    baseline: tuple[str, str] | None = None,
    provisional: str | None = None,
    decimals: int | None = None,
) -> Any:
    """Values, centre line and (step) control limits; signals as labelled diamonds.

    ``points`` has one row per period: ``period``, ``value``, ``centre``,
    ``lower``, ``upper``, ``baseline`` (bool) and ``signal`` (rule ids, empty
    when none). A declared ``baseline`` (first and last period) is shaded and labelled.
    ``provisional`` (``provisional limits (12 points; 20 needed)``) is written
    above the chart's corner and in its description when the limits are provisional.
    The latest UCL, CL and LCL are written at the right end of their lines, in
    ``unit`` with ``decimals`` (the unit's own by default), never on one another.
    """
    data = points.reset_index(drop=True)
    periods = [str(p) for p in data["period"]]
    x = period_axis(periods)
    domain = plot_domain(data[["value", "centre", "lower", "upper"]].to_numpy("float64"))
    y = alt.Y(
        "y:Q",
        title=value_title(unit),
        axis=alt.Axis(format=axis_format(unit, domain[1] - domain[0])),
        scale=alt.Scale(domain=list(domain), zero=False, nice=False),
    )
    layers: list[Any] = []
    if baseline is not None:
        shade = pd.DataFrame(
            {"from": [baseline[0]], "to": [baseline[1]], "label": [t("chart.baseline")]}
        )
        layers += [
            alt.Chart(shade)
            .mark_rect(color=PALETTE["total"], opacity=0.12)
            .encode(x=period_axis(periods, "from"), x2="to:O"),
            # Above the plot, where no signal label reaches.
            alt.Chart(shade)
            .mark_text(align="left", baseline="bottom", dy=-3, fontSize=10, color="#555")
            .encode(x=period_axis(periods, "from"), y=alt.value(0), text="label:N"),
        ]
    limits = pd.concat(
        [
            _long(data, "centre", "centre"),
            _long(data, "upper", "limit", "upper"),
            _long(data, "lower", "limit", "lower"),
        ]
    )
    layers.append(
        alt.Chart(limits)
        .mark_line(interpolate="step", strokeWidth=1.2)
        .encode(x=x, y=y, detail="side:N", **series_encoding(["value", "centre", "limit"]))
    )
    values = alt.Chart(_long(data, "value", "value"))
    layers += [
        values.mark_line(strokeWidth=2).encode(
            x=x, y=y, **series_encoding(["value", "centre", "limit"])
        ),
        values.mark_point(filled=True, size=30, color=PALETTE["value"], opacity=1).encode(x=x, y=y),
    ]
    flagged = data[data["signal"] != ""].rename(columns={"value": "y"})
    if not flagged.empty:
        layers.append(
            alt.Chart(flagged)
            .mark_point(
                shape="diamond",
                filled=True,
                size=140,
                color=PALETTE["signal"],
                opacity=1,
                stroke="white",
                strokeWidth=1,
            )
            .encode(x=x, y=y)
        )
    labels = signal_labels(data, domain)
    for dy in SIGNAL_PLACES:
        shown = labels[labels["dy"] == dy]
        if not shown.empty:
            layers.append(
                alt.Chart(shown)
                .mark_text(dy=dy, fontSize=SIGNAL_FONT, color=PALETTE["signal"])
                .encode(x=x, y=y, text="label:N")
            )
    ends = {
        side: _last(data[column])
        for side, column in (("upper", "upper"), ("centre", "centre"), ("lower", "lower"))
    }
    layers.append(limit_labels(ends, domain, unit, decimals))
    if provisional is not None:
        layers.append(_corner_note(provisional))
    signals = int((data["signal"] != "").sum())
    description = nt(
        "chart.control_description",
        signals,
        title=title,
        kind=t(KIND_NAMES[kind]),
        signals=signals,
    )
    description += f" {provisional}." if provisional is not None else ""
    chart = finish(
        alt.layer(*layers), title=title, description=description, width=WIDTH, height=HEIGHT
    )
    if baseline is None and provisional is None:
        return chart
    # The notes stand above the plot: the title keeps clear of them.
    return chart.properties(title=alt.TitleParams(title, offset=NOTE_ROOM))


@by_numbers
def moving_range_chart(
    points: pd.DataFrame,
    *,
    title: str,
    unit: str,
    centre: float,
    upper: float,
    decimals: int | None = None,
) -> Any:
    """The mR chart under an XmR chart: each moving range, its mean MR̄ and UCL = D4·MR̄.

    ``points`` is the control chart's table; its ``moving_range`` column is
    |value - previous value| (empty for the first period, which has none).
    MR̄ and the UCL are written at the right end of their lines.
    """
    data = points.reset_index(drop=True)
    periods = [str(p) for p in data["period"]]
    x = period_axis(periods)
    height = HEIGHT // 2
    drawn = np.append(data["moving_range"].to_numpy("float64"), [0.0, centre, upper])
    domain = plot_domain(drawn, height, above=8, below=0)  # ranges stand on zero
    y = alt.Y(
        "y:Q",
        title=t("chart.mr_axis", unit=t(UNIT_NAMES[unit])),
        axis=alt.Axis(format=axis_format(unit, domain[1] - domain[0])),
        scale=alt.Scale(domain=list(domain), zero=False, nice=False),
    )
    names = {
        "value": t(SERIES_NAMES["moving_range"]),
        "centre": t(SERIES_NAMES["mr_centre"]),
        "limit": t(SERIES_NAMES["mr_upper"]),
    }
    legend = alt.Legend(title=None, orient="bottom", symbolType="stroke", symbolStrokeWidth=2)
    colour = alt.Color(
        "series:N",
        scale=alt.Scale(domain=list(names.values()), range=[PALETTE[k] for k in names]),
        legend=legend,
    )
    dash = alt.StrokeDash(
        "series:N",
        scale=alt.Scale(domain=list(names.values()), range=[DASHES[k] for k in names]),
        legend=legend,
    )
    ranges = data[["period", "moving_range"]].rename(columns={"moving_range": "y"})
    ranges = ranges[ranges["y"].notna()].assign(series=names["value"])
    lines = pd.DataFrame(
        {
            "period": periods * 2,
            "y": [centre] * len(periods) + [upper] * len(periods),
            "series": [names["centre"]] * len(periods) + [names["limit"]] * len(periods),
        }
    )
    layers = [
        alt.Chart(lines)
        .mark_line(interpolate="step", strokeWidth=1.2)
        .encode(x=x, y=y, color=colour, strokeDash=dash),
        alt.Chart(ranges).mark_line(strokeWidth=2).encode(x=x, y=y, color=colour, strokeDash=dash),
        alt.Chart(ranges)
        .mark_point(filled=True, size=30, color=PALETTE["value"], opacity=1)
        .encode(x=x, y=y),
    ]
    ends = {"upper": upper, "mr_centre": centre}
    layers.append(limit_labels(ends, domain, unit, decimals, height))
    above = int((ranges["y"] > upper).sum())
    description = nt("chart.mr_description", above, title=title, above=above)
    return finish(
        alt.layer(*layers), title=title, description=description, width=WIDTH, height=height
    )


def plot_domain(
    values: np.ndarray[Any, np.dtype[np.float64]],
    height: int = HEIGHT,
    *,
    above: int = ROOM_ABOVE,
    below: int = ROOM_BELOW,
) -> tuple[float, float]:
    """The y domain: every value drawn, with ``above`` and ``below`` pixels to spare.

    Given here rather than left to Vega, so that where each line falls, in
    pixels, is known: the limit labels are placed by it.
    """
    known = values[np.isfinite(values)]
    low, high = (float(known.min()), float(known.max())) if known.size else (0.0, 1.0)
    span = high - low or (abs(high) or 1.0) * 0.1
    per_pixel = span / max(height - above - below, 1)
    return low - below * per_pixel, high + above * per_pixel


def limit_labels(
    ends: Mapping[str, float | None],
    domain: tuple[float, float],
    unit: str,
    decimals: int | None,
    height: int = HEIGHT,
) -> Any:
    """Each line's latest value written just right of the plot, at its height.

    ``ends`` maps a key of :data:`LIMIT_LABELS` to its line's value at the
    last period (None when the line has none there). Labels closer than
    :data:`LABEL_GAP` are moved apart, keeping their order.
    """
    shown = {side: value for side, value in ends.items() if value is not None}
    texts = [
        t(LIMIT_LABELS[side], value=format_value(value, unit, decimals))
        for side, value in shown.items()
    ]
    low, high = domain
    pixels = [height * (high - v) / (high - low) for v in shown.values()]
    table = pd.DataFrame({"label": texts, "px": spread(pixels, LABEL_GAP, height)})
    colour = [PALETTE["centre"] if "centre" in side else PALETTE["limit"] for side in shown]
    return (
        alt.Chart(table.assign(colour=colour))
        .mark_text(align="left", baseline="middle", dx=6, fontSize=10)
        .encode(
            x=alt.value(WIDTH),
            y=alt.Y("px:Q", scale=None, axis=None),
            text="label:N",
            color=alt.Color("colour:N", scale=None, legend=None),
        )
    )


def spread(pixels: Sequence[float], gap: float, height: float) -> list[float]:
    """Positions at least ``gap`` apart, in the order of ``pixels``, each moved as little as
    this simple rule allows: push down from the top, then back up from the bottom edge."""
    order = sorted(range(len(pixels)), key=lambda i: pixels[i])
    placed = [float(pixels[i]) for i in order]
    for k in range(1, len(placed)):
        placed[k] = max(placed[k], placed[k - 1] + gap)
    if placed and placed[-1] > height:
        placed[-1] = height
        for k in range(len(placed) - 2, -1, -1):
            placed[k] = min(placed[k], placed[k + 1] - gap)
    result = [0.0] * len(pixels)
    for k, i in enumerate(order):
        result[i] = placed[k]
    return result


def signal_labels(
    data: pd.DataFrame, domain: tuple[float, float], height: int = HEIGHT
) -> pd.DataFrame:
    """The signal labels to write: ``period``, ``y``, ``label`` and ``dy`` (its offset).

    A point's label is its first rule; a run of points flagged by the same
    rule is labelled once, at its first point (the diamonds mark the rest and
    the table lists every rule). From left to right, each label takes the
    first place of :data:`SIGNAL_PLACES` where it stays inside the plot and
    clear of the labels already placed; one that finds none is left out. The
    places are found in pixels: x from the periods' even spacing, y from
    ``domain``, the y scale's.
    """
    rules = data["signal"].astype("str").str.split(",").str[0].str.strip()
    starts = (rules != "") & (rules != rules.shift(fill_value=""))
    picked = data.loc[starts, ["period", "value"]].rename(columns={"value": "y"})
    picked = picked.assign(label=rules[starts], position=picked.index.to_numpy())
    step = WIDTH / max(len(data), 1)
    low, high = domain
    placed: list[tuple[float, float, float, float]] = []
    offsets: list[float] = []
    for position, value, label in zip(
        picked["position"], picked["y"], picked["label"], strict=True
    ):
        x = step * (position + 0.5)
        y = height * (high - value) / (high - low)
        half_width = len(label) * SIGNAL_EM * SIGNAL_FONT / 2 + 2
        boxes = [
            (
                x - half_width,
                y + dy - SIGNAL_FONT / 2 - 1,
                x + half_width,
                y + dy + SIGNAL_FONT / 2 + 1,
            )
            for dy in SIGNAL_PLACES
        ]
        free = [
            (dy, box)
            for dy, box in zip(SIGNAL_PLACES, boxes, strict=True)
            if box[1] >= 0 and box[3] <= height and not any(_meet(box, other) for other in placed)
        ]
        offsets.append(free[0][0] if free else math.nan)
        placed += [free[0][1]] if free else []
    picked = picked.assign(dy=offsets).drop(columns="position")
    return picked[picked["dy"].notna()].reset_index(drop=True)


def _meet(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two boxes (left, top, right, bottom) overlap."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _last(column: pd.Series) -> float | None:
    """The latest known value of a column (None when it has none)."""
    known = column.dropna()
    return float(known.iloc[-1]) if len(known) else None


def _corner_note(text: str) -> Any:
    """A short italic note just above the chart's top right corner, clear of signal labels."""
    return (
        alt.Chart(pd.DataFrame({"note": [text]}))
        .mark_text(align="right", baseline="bottom", dy=-3, fontSize=10, fontStyle="italic",
                   color="#555")
        .encode(x=alt.value(WIDTH), y=alt.value(0), text="note:N")
    )  # fmt: skip


def _long(data: pd.DataFrame, column: str, series: str, side: str = "") -> pd.DataFrame:
    """One line in long form: ``period``, ``y``, ``series`` (legend name), ``side``."""
    rows = data[["period", column]].rename(columns={column: "y"})
    return rows[rows["y"].notna()].assign(series=t(SERIES_NAMES[series]), side=side)
