"""The before/after chart of an action's effectiveness check.

The indicator's value per period from the start of the baseline to the end
of the follow-up, with both windows shaded and named, each window's pooled
value drawn as a horizontal line across it, and the target as a step line.
Lines differ by dash as well as colour, points by shape (their status), and
the windows carry their names as text: nothing rests on colour alone.
Drawn from an effectiveness :class:`~sqms.registers.actions.effectiveness.Judgement`
for each action's page (:mod:`sqms.registers.actions.detail_page`).
"""

from __future__ import annotations

import json
import math
from typing import Any

import altair as alt
import pandas as pd

from sqms.i18n import N_, t
from sqms.registers.actions.effectiveness import Judgement
from sqms.registers.actions.labels import window_word
from sqms.site.charts.base import (
    DASHES,
    HEIGHT,
    OKABE_ITO,
    PALETTE,
    WIDTH,
    axis_format,
    finish,
    status_encoding,
    value_title,
)
from sqms.site.charts.memo import by_numbers
from sqms.text.formatting import STATUS_WORDS

SERIES = {
    "value": (PALETTE["value"], DASHES["value"]),
    "target": (PALETTE["target"], DASHES["target"]),
    "baseline": (OKABE_ITO["black"], [4, 3]),
    "follow_up": (OKABE_ITO["vermillion"], [8, 3, 2, 3]),
}
"""Each line's colour and dash: the value, the target, and the two pooled values."""
SERIES_NAMES: dict[str, str] = {
    "value": N_("actions.chart.value"),
    "target": N_("actions.chart.target"),
    "baseline": N_("actions.chart.baseline"),
    "follow_up": N_("actions.chart.follow_up"),
}
"""Each line of :data:`SERIES` → the id of its name in the legend."""
SHADE = {"baseline": OKABE_ITO["grey"], "follow_up": OKABE_ITO["sky_blue"]}
MAX_LABELS = 12


@by_numbers
def effectiveness_chart(
    judgement: Judgement, *, title: str, unit: str, show_target: bool = True
) -> Any:
    """The indicator over both windows, their pooled values and (if it counts) the target."""
    data = judgement.series[["period", "value", "target", "status", "window"]]
    if not show_target:
        data = data.assign(target=float("nan"))
    data = data.reset_index(drop=True).assign(
        i=range(len(data)), status_text=[t(STATUS_WORDS[str(s)]) for s in data["status"]]
    )
    periods = [str(p) for p in data["period"]]
    x = _period_axis(periods)
    y = alt.Y(
        "y:Q",
        title=value_title(unit),
        axis=alt.Axis(format=axis_format(unit)),
        scale=alt.Scale(zero=False),
    )
    spans = _spans(judgement)
    lines = _line_rows(data, spans)
    shown = [s for s in SERIES if (lines["key"] == s).any()]
    legend = alt.Legend(title=None, orient="bottom", symbolType="stroke", symbolStrokeWidth=2)
    names = [t(SERIES_NAMES[s]) for s in shown]
    colour = alt.Scale(domain=names, range=[SERIES[s][0] for s in shown])
    dash = alt.Scale(domain=names, range=[SERIES[s][1] for s in shown])
    encode = {
        "color": alt.Color("series:N", scale=colour, legend=legend),
        "strokeDash": alt.StrokeDash("series:N", scale=dash, legend=legend),
    }
    layers: list[Any] = [
        alt.Chart(spans[spans["shade"] == name])
        .mark_rect(opacity=0.16, color=shade)
        .encode(x=_at("x", periods), x2="x2:Q")
        for name, shade in SHADE.items()
    ]
    layers.append(
        alt.Chart(spans)
        .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10, color="#333")
        .encode(x=_at("x", periods), y=alt.value(0), text="name:N")
    )
    steps = lines[lines["key"].isin(["value", "target"])]
    for key, mark in (("target", {"interpolate": "step-after"}), ("value", {"strokeWidth": 2})):
        part = steps[steps["key"] == key]
        if not part.empty:
            layers.append(alt.Chart(part).mark_line(**mark).encode(x=x, y=y, **encode))
    pooled = lines[lines["key"].isin(["baseline", "follow_up"])]
    if not pooled.empty:
        layers.append(
            alt.Chart(pooled)
            .mark_rule(strokeWidth=2)
            .encode(x=_at("x", periods), x2="x2:Q", y=y, **encode)
        )
    points = data[data["value"].notna()].rename(columns={"value": "y"})
    layers.append(
        alt.Chart(points)
        .mark_point(filled=True, size=50, strokeWidth=0, opacity=1)
        .encode(x=x, y=y, **status_encoding())
    )
    description = t(
        "actions.chart.description",
        title=title,
        first=data["period"].iloc[0] if len(data) else "",
        last=data["period"].iloc[-1] if len(data) else "",
    )
    chart = alt.layer(*layers).resolve_legend(color="shared", shape="shared")
    return finish(chart, title=title, description=description, width=WIDTH, height=HEIGHT)


def _period_axis(periods: list[str], field: str = "i") -> alt.X:
    """Periods as positions 0…n−1, labelled with their names, at most ``MAX_LABELS`` shown.

    A quantitative axis lets the windows be shaded from half a period before
    their first period to half a period after their last.
    """
    step = max(1, math.ceil(len(periods) / MAX_LABELS))
    shown = list(range(len(periods)))[::-1][::step][::-1]
    names = json.dumps(periods)
    return alt.X(
        f"{field}:Q",
        title=t("chart.period"),
        scale=_scale(len(periods)),
        axis=alt.Axis(values=shown, labelExpr=f"{names}[datum.value]", labelAngle=-45, grid=False),
    )


def _scale(periods: int) -> alt.Scale:
    """The period positions, from half a period before the first to after the last."""
    return alt.Scale(domain=[-0.5, periods - 0.5], nice=False, zero=False)


def _at(field: str, periods: list[str]) -> alt.X:
    """A position on the period axis (window edges), with the same scale and axis."""
    return _period_axis(periods, field)


def _spans(judgement: Judgement) -> pd.DataFrame:
    """Each window's extent on the axis, its shade and its name, with its pooled value."""
    data = judgement.series.reset_index(drop=True)
    rows = []
    for window in (judgement.baseline, judgement.follow_up):
        where = data.index[data["window"] == window.name]
        if len(where):
            rows.append(
                {
                    "x": float(where.min()) - 0.5,
                    "x2": float(where.max()) + 0.5,
                    "shade": window.name,
                    "name": window_word(window.name),
                    "y": window.value,
                    "key": window.name,
                }
            )
    return pd.DataFrame(rows, columns=["x", "x2", "shade", "name", "y", "key"])


def _line_rows(data: pd.DataFrame, spans: pd.DataFrame) -> pd.DataFrame:
    """The lines in long form: ``i``, ``y``, ``key``, ``series`` (legend name), ``x``, ``x2``."""
    parts = []
    for key in ("value", "target"):
        rows = data[["i", key]].rename(columns={key: "y"})
        parts.append(rows[rows["y"].notna()].assign(key=key))
    pooled = spans[spans["y"].notna()][["x", "x2", "y", "key"]]
    parts.append(pooled)
    lines = pd.concat([p for p in parts if not p.empty], ignore_index=True) if parts else None
    if lines is None or lines.empty:
        return pd.DataFrame(columns=["i", "y", "key", "series", "x", "x2"])
    return lines.assign(series=[t(SERIES_NAMES[k]) for k in lines["key"]])
