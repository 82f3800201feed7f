"""Durations: a histogram with its median and p90, and the service cycle's stacked stages."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from sqms.i18n import t
from sqms.site.charts.base import (
    OKABE_ITO,
    PADDING,
    PALETTE,
    STAGE_COLOURS,
    finish,
    period_axis,
    value_title,
)
from sqms.site.charts.fonts import WEIGHT
from sqms.site.charts.memo import by_numbers
from sqms.text.formatting import format_value

STAGE_PANEL_HEIGHT = 60
"""The height of each stage's panel of the stage chart, in pixels."""


@by_numbers
def histogram_chart(bins: pd.DataFrame, *, title: str, unit: str, median: float, p90: float) -> Any:
    """Bars of counts per duration bin; the median and p90 as labelled rules.

    ``bins`` has ``start``, ``end`` (NaN for the open-ended last bin) and
    ``count``. The open-ended bin is drawn one bin wide, lighter, and labelled.
    """
    step = (
        float((bins["end"] - bins["start"]).dropna().iloc[0]) if bins["end"].notna().any() else 1.0
    )
    open_ended = bins["end"].isna()
    data = bins.assign(
        end=bins["end"].fillna(bins["start"] + step),
        tail=open_ended,
        label=[
            f"≥ {format_value(s, unit)}" if tail else ""
            for s, tail in zip(bins["start"], open_ended, strict=True)
        ],
    )
    x = alt.X(
        "start:Q",
        title=value_title(unit),
        axis=alt.Axis(format=",.4~f"),
    )
    bars = (
        alt.Chart(data)
        .mark_bar(color=OKABE_ITO["sky_blue"], stroke="white", strokeWidth=0.5)
        .encode(
            x=x,
            x2="end:Q",
            y=alt.Y("count:Q", title=t("chart.count")),
            y2=alt.datum(0),
            opacity=alt.condition("datum.tail", alt.value(0.5), alt.value(1.0)),
        )
    )
    tail = (
        alt.Chart(data[data["tail"]])
        .mark_text(dy=-6, fontSize=9)
        .encode(x="start:Q", y="count:Q", text="label:N")
    )
    median_label = t("chart.median") + " " + format_value(median, unit)
    marks = pd.DataFrame(
        {
            "x": [median, p90],
            "label": [median_label, f"p90 {format_value(p90, unit)}"],
            "series": ["median", "p90"],
            # Each label on its own row, so that close rules never write one over the other.
            "row": [8, 24],
        }
    )
    colours = alt.Scale(domain=["median", "p90"], range=[PALETTE["value"], PALETTE["signal"]])
    dashes = alt.Scale(domain=["median", "p90"], range=[[1, 0], [6, 3]])
    rules = (
        alt.Chart(marks)
        .mark_rule(strokeWidth=2)
        .encode(
            x="x:Q",
            color=alt.Color("series:N", scale=colours, legend=None),
            strokeDash=alt.StrokeDash("series:N", scale=dashes, legend=None),
        )
    )
    labels = (
        alt.Chart(marks)
        .mark_text(align="left", dx=4, fontSize=10)
        .encode(
            x="x:Q",
            y=alt.Y("row:Q", scale=None, axis=None),
            text="label:N",
            color=alt.Color("series:N", scale=colours, legend=None),
        )
    )
    description = t(
        "chart.histogram_description",
        title=title,
        median=format_value(median, unit),
        p90=format_value(p90, unit),
    )
    return finish(
        alt.layer(bars, tail, rules, labels),
        title=title,
        description=description,
        width=520,
        height=180,
    )


@by_numbers
def stage_chart(
    rows: pd.DataFrame, *, title: str, stages: list[str], x_title: str, periods: bool = True
) -> Any:
    """Median hours of each stage per period (or per breakdown value): one panel per stage.

    ``rows`` has ``x`` (the period, or with ``periods`` false the breakdown
    value, in display order), ``stage`` and ``median``. Panels stand one
    under the other in the stages' declared order, share the x axis and each
    has its own y scale, so a stage of minutes stays readable under one of
    days (stacked, it was a sliver under the long one).
    """
    data = rows[["x", "stage", "median"]].reset_index(drop=True)
    colours = alt.Scale(domain=stages, range=STAGE_COLOURS[: len(stages)] or STAGE_COLOURS[:1])
    bars = (
        alt.Chart()
        .mark_bar(stroke="white", strokeWidth=0.5)
        .encode(
            x=_x_axis([str(v) for v in data["x"]], x_title, periods=periods),
            y=alt.Y(
                "median:Q",
                title=None,
                axis=alt.Axis(tickCount=3),
                # Room above the tallest bar; bars still stand on zero.
                scale=alt.Scale(padding=PADDING, domainMin=0),
            ),
            color=alt.Color("stage:N", scale=colours, legend=None),
        )
        .properties(width=540, height=STAGE_PANEL_HEIGHT)
    )
    faceted = alt.layer(bars, data=data).facet(
        row=alt.Row(
            "stage:N",
            title=None,
            sort=stages,
            header=alt.Header(
                labelAngle=0,
                labelOrient="top",
                labelAnchor="start",
                labelAlign="left",
                labelFontSize=11,
                labelFontWeight=WEIGHT,
                labelLimit=540,
            ),
        ),
        spacing=8,
    )
    description = t("chart.stage_description", title=title, stages=", ".join(stages))
    return finish(faceted.resolve_scale(y="independent"), title=title, description=description)


def _x_axis(values: list[str], title: str, *, periods: bool) -> alt.X:
    """Periods (thinned labels) or breakdown values (every label) along the x axis."""
    return period_axis(values, "x", labels=12 if periods else len(values) or 1, title=title)


@by_numbers
def stage_lines_chart(rows: pd.DataFrame, *, title: str, stages: list[str]) -> Any:
    """One panel per stage: its median (solid) and p90 (dashed) hours per period.

    Each panel has its own scale, so a stage whose tail grows shows it even
    when another stage is much longer. ``rows``: ``period``, ``stage``,
    ``median``, ``p90``.
    """
    long = pd.concat(
        [
            rows[["period", "stage", "median"]]
            .rename(columns={"median": "hours"})
            .assign(series=t("chart.median")),
            rows[["period", "stage", "p90"]].rename(columns={"p90": "hours"}).assign(series="p90"),
        ],
        ignore_index=True,
    )
    names = [t("chart.median"), "p90"]
    legend = alt.Legend(title=None, orient="bottom", symbolType="stroke", symbolStrokeWidth=2)
    lines = (
        alt.Chart()
        .mark_line(strokeWidth=1.5)
        .encode(
            x=period_axis(sorted({str(p) for p in long["period"]}), labels=4, title=False),
            y=alt.Y("hours:Q", title=t("chart.hours"), axis=alt.Axis(tickCount=4)),
            color=alt.Color(
                "series:N",
                legend=legend,
                scale=alt.Scale(domain=names, range=[PALETTE["value"], PALETTE["signal"]]),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", legend=legend, scale=alt.Scale(domain=names, range=[[1, 0], [6, 3]])
            ),
        )
    )
    columns = min(max(len(stages), 1), 3)
    chart = alt.layer(lines, data=long).properties(width=540 // columns - 30, height=90)
    faceted = chart.facet(
        facet=alt.Facet(
            "stage:N",
            title=None,
            sort=stages,
            header=alt.Header(labelFontSize=11, labelFontWeight=WEIGHT, labelLimit=180),
        ),
        columns=columns,
    ).resolve_scale(y="independent")
    description = t("chart.stage_lines_description", title=title, stages=", ".join(stages))
    return finish(faceted, title=title, description=description)
