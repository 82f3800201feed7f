"""Control charts: values against their centre line and limits, signals marked; moving ranges."""

from __future__ import annotations

from typing import Any

import altair as alt
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
from sqms.text.formatting import UNIT_NAMES

KIND_NAMES: dict[str, str] = {
    "xmr": N_("chart.kind.xmr"),
    "p": N_("chart.kind.p"),
    "laney_p": N_("chart.kind.laney_p"),
    "u": N_("chart.kind.u"),
    "c": N_("chart.kind.c"),
}
"""Each kind of control chart (``sqms.engine.spc.limits.ChartKind``, and ``c`` for a u chart
of counts) → the id of its name (``XmR``, ``p``)."""


def control_chart(
    points: pd.DataFrame,
    *,
    title: str,
    unit: str,
    kind: str,
    baseline: tuple[str, str] | None = None,
    provisional: str | None = None,
) -> Any:
    """Values, centre line and (step) control limits; signals as labelled diamonds.

    ``points`` has one row per period: ``period``, ``value``, ``centre``,
    ``lower``, ``upper``, ``baseline`` (bool) and ``signal`` (rule ids, empty
    when none). A declared ``baseline`` (first and last period) is shaded and labelled.
    ``provisional`` (``provisional limits (12 points; 20 needed)``) is written
    in the chart's corner and its description when the limits are provisional.
    """
    data = points.reset_index(drop=True)
    periods = [str(p) for p in data["period"]]
    x = period_axis(periods)
    y = alt.Y(
        "y:Q",
        title=value_title(unit),
        axis=alt.Axis(format=axis_format(unit)),
        scale=alt.Scale(zero=False),
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
            alt.Chart(shade)
            .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10, color="#555")
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
    # One short label per point (its first rule); the table lists every rule.
    flagged = flagged.assign(label=[str(s).split(",")[0] for s in flagged["signal"]])
    if not flagged.empty:
        marks = alt.Chart(flagged)
        layers += [
            marks.mark_point(
                shape="diamond",
                filled=True,
                size=140,
                color=PALETTE["signal"],
                opacity=1,
                stroke="white",
                strokeWidth=1,
            ).encode(x=x, y=y),
            marks.mark_text(dy=-12, fontSize=9, fontWeight="bold", color=PALETTE["signal"]).encode(
                x=x, y=y, text="label:N"
            ),
        ]
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
    return finish(
        alt.layer(*layers), title=title, description=description, width=WIDTH, height=HEIGHT
    )


def moving_range_chart(
    points: pd.DataFrame, *, title: str, unit: str, centre: float, upper: float
) -> Any:
    """The mR chart under an XmR chart: each moving range, its mean MR̄ and UCL = D4·MR̄.

    ``points`` is the control chart's table; its ``moving_range`` column is
    |value - previous value| (empty for the first period, which has none).
    """
    data = points.reset_index(drop=True)
    periods = [str(p) for p in data["period"]]
    x = period_axis(periods)
    y = alt.Y(
        "y:Q",
        title=t("chart.mr_axis", unit=t(UNIT_NAMES[unit])),
        axis=alt.Axis(format=axis_format(unit)),
        scale=alt.Scale(zero=True),
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
    above = int((ranges["y"] > upper).sum())
    description = nt("chart.mr_description", above, title=title, above=above)
    return finish(
        alt.layer(*layers), title=title, description=description, width=WIDTH, height=HEIGHT // 2
    )


def _corner_note(text: str) -> Any:
    """A short italic note in the chart's top right corner."""
    return (
        alt.Chart(pd.DataFrame({"note": [text]}))
        .mark_text(align="right", baseline="top", dx=-4, dy=4, fontSize=10, fontStyle="italic",
                   color="#555")
        .encode(x=alt.value(WIDTH), y=alt.value(0), text="note:N")
    )  # fmt: skip


def _long(data: pd.DataFrame, column: str, series: str, side: str = "") -> pd.DataFrame:
    """One line in long form: ``period``, ``y``, ``series`` (legend name), ``side``."""
    rows = data[["period", column]].rename(columns={column: "y"})
    return rows[rows["y"].notna()].assign(series=t(SERIES_NAMES[series]), side=side)
