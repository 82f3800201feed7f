"""Trends over periods: the full trend chart and the dashboard's sparkline."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from sqms.i18n import t
from sqms.site.charts.base import (
    HEIGHT,
    PALETTE,
    SERIES_NAMES,
    STATUS_SHAPE,
    WIDTH,
    axis_format,
    finish,
    inline_tables,
    padded_scale,
    period_axis,
    series_encoding,
    status_encoding,
    value_title,
)
from sqms.site.charts.memo import by_numbers
from sqms.text.formatting import STATUS_WORDS


def _series(data: pd.DataFrame, column: str, series: str) -> pd.DataFrame:
    """One line's points in long form: ``period``, ``y``, ``series`` (its legend name)."""
    rows = data[["period", column]].rename(columns={column: "y"})
    return rows[rows["y"].notna()].assign(series=t(SERIES_NAMES[series]))


@by_numbers
def trend_chart(
    rows: pd.DataFrame, *, title: str, unit: str, benchmark: float | None = None
) -> Any:
    """The value per period against its target, warning band and peer benchmark.

    ``rows`` has one row per period: ``period``, ``value``, ``target``,
    ``warning`` and ``status``. The band between target and warning threshold
    is shaded; each point's shape and fill give its status, with a legend.
    """
    data = rows[["period", "value", "target", "warning", "status"]].reset_index(drop=True)
    data = data.assign(status_text=[t(STATUS_WORDS[str(s)]) for s in data["status"]])
    x = period_axis([str(p) for p in data["period"]])
    y_axis = alt.Axis(format=axis_format(unit, _span(data, benchmark)))
    y = alt.Y("y:Q", title=value_title(unit), axis=y_axis, scale=padded_scale())
    layers: list[Any] = []
    shown = ["value"] + [s for s in ("target", "warning") if data[s].notna().any()]
    shown += ["benchmark"] if benchmark is not None else []
    lines = series_encoding(shown)
    band = data[data["target"].notna() & data["warning"].notna()]
    if not band.empty:
        layers.append(
            alt.Chart(band)
            .mark_area(opacity=0.18, color=PALETTE["warning"], interpolate="step")
            .encode(x=x, y=alt.Y("warning:Q", axis=y_axis), y2="target:Q")
        )
    steps = pd.concat([_series(data, "target", "target"), _series(data, "warning", "warning")])
    if not steps.empty:
        layers.append(
            alt.Chart(steps)
            .mark_line(interpolate="step", strokeWidth=1.5)
            .encode(x=x, y=y, **lines)
        )
    if benchmark is not None:
        rule = pd.DataFrame({"y": [benchmark], "series": [t(SERIES_NAMES["benchmark"])]})
        layers.append(alt.Chart(rule).mark_rule(strokeWidth=1.5).encode(y=y, **lines))
    values = _series(data, "value", "value")
    layers.append(alt.Chart(values).mark_line(strokeWidth=2).encode(x=x, y=y, **lines))
    points = data[data["value"].notna()].rename(columns={"value": "y"})
    layers.append(
        alt.Chart(points)
        .mark_point(filled=True, size=60, strokeWidth=0, opacity=1)
        .encode(x=x, y=y, **status_encoding())
    )
    return finish(
        alt.layer(*layers).resolve_legend(color="shared", shape="shared"),
        title=title,
        description=t("chart.trend_description", title=title, periods=len(values)),
        width=WIDTH,
        height=HEIGHT,
    )


def _span(data: pd.DataFrame, benchmark: float | None) -> float | None:
    """How far the values, targets, thresholds and benchmark spread (None when there are none)."""
    drawn = pd.concat(
        [data["value"], data["target"], data["warning"], pd.Series([benchmark], dtype="float64")]
    ).astype("float64")
    return None if drawn.isna().all() else float(drawn.max() - drawn.min())


@by_numbers
def sparkline(rows: pd.DataFrame, *, title: str, unit: str) -> Any:
    """A small line of the latest periods, its target dashed, the last point's status shape.

    ``rows``: ``period``, ``value``, ``target``, ``status``, oldest first.
    """
    data = rows[rows["value"].notna()][["period", "value", "target", "status"]]
    data = data.reset_index(drop=True)
    x = alt.X("period:O", sort=None, axis=None)
    y = alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False))
    layers: list[Any] = []
    if data["target"].notna().any():
        layers.append(
            alt.Chart(data)
            .mark_line(
                color=PALETTE["target"], strokeDash=[3, 2], strokeWidth=1, interpolate="step"
            )
            .encode(x=x, y=alt.Y("target:Q", axis=None))
        )
    layers.append(
        alt.Chart(data).mark_line(color=PALETTE["value"], strokeWidth=1.5).encode(x=x, y=y)
    )
    last = data.tail(1)
    if not last.empty:
        shape = STATUS_SHAPE.get(str(last["status"].iloc[0]), "circle")
        layers.append(
            alt.Chart(last)
            .mark_point(filled=True, size=30, shape=shape, color=PALETTE["value"], opacity=1)
            .encode(x=x, y=y)
        )
    first, latest = (data["period"].iloc[0], data["period"].iloc[-1]) if len(data) else ("", "")
    description = t("chart.sparkline_description", title=title, first=first, last=latest)
    config = {"aria": False, "background": "transparent", "view": {"stroke": None}}
    return inline_tables(
        alt.layer(*layers).properties(width=110, height=26, description=description, config=config)
    )
