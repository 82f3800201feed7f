"""Breakdowns: small multiples by dimension value, and Pareto charts of categorical counts."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from sqms.i18n import nt, t
from sqms.site.charts.base import (
    PALETTE,
    SERIES_NAMES,
    axis_format,
    finish,
    padded_scale,
    period_axis,
    series_encoding,
    value_title,
)
from sqms.site.charts.fonts import WEIGHT
from sqms.site.charts.memo import by_numbers

ROW_WIDTH, PANEL_HEIGHT = 560, 90
"""Small multiples share one row's width: four panels a row at most."""
PARETO_LINE = 0.8
"""The cumulative share marked on a Pareto chart (the "vital few")."""
SHARE_TOP = 1.05
"""The top of a Pareto chart's cumulative-share axis: room above 100%."""


SERIES = ("total", "target", "value")
"""The lines of each panel, in the order they are drawn."""


def _panel_lines(rows: pd.DataFrame, totals: pd.DataFrame, order: list[str]) -> pd.DataFrame:
    """Every panel's lines in long form: ``period``, ``y``, ``series``, ``dim_value``.

    Panel by panel (in ``order``), the total (the same in every panel), then
    the panel's target and value; built at once, whatever the number of panels.
    """
    panels = pd.DataFrame({"dim_value": order}, dtype="str")
    total = totals[["period", "value"]].merge(panels, how="cross")
    own = rows[["period", "dim_value", "target", "value"]].astype({"dim_value": "str"})
    sources = {"total": total, "target": own, "value": own}
    data = pd.concat(
        [_line(sources[series], series, rank) for rank, series in enumerate(SERIES)],
        ignore_index=True,
    )
    position = pd.Series(range(len(order)), index=order, dtype="int64")
    data = data.assign(_panel=data["dim_value"].map(position).to_numpy())
    data = data.sort_values(["_panel", "_rank"], kind="stable")
    return data[["period", "y", "series", "dim_value"]].reset_index(drop=True)


def _line(frame: pd.DataFrame, series: str, rank: int) -> pd.DataFrame:
    """One series of every panel: its known values, named, with its drawing rank."""
    column = "value" if series == "total" else series
    lines = frame[["period", "dim_value", column]].rename(columns={column: "y"})
    lines = lines[lines["y"].notna()]
    return lines.assign(series=t(SERIES_NAMES[series]), _rank=rank)


@by_numbers
def breakdown_chart(
    rows: pd.DataFrame, totals: pd.DataFrame, *, title: str, unit: str, dim: str
) -> Any:
    """One small panel per value of ``dim``: its values, the total (dashed) and the target.

    ``rows`` has ``period``, ``dim_value``, ``value`` and ``target``; ``totals``
    has ``period`` and ``value`` for the indicator as a whole. Panels share
    their axes, so the values compare at a glance.
    """
    order = list(dict.fromkeys(rows["dim_value"].astype("str")))
    data = _panel_lines(rows, totals, order)
    periods = sorted({str(p) for p in data["period"]})
    x = period_axis(periods, labels=4, title=False)
    y = alt.Y(
        "y:Q",
        title=value_title(unit),
        axis=alt.Axis(format=axis_format(unit), tickCount=4),
        scale=padded_scale(),
    )
    shown = ["value", "total"] + (["target"] if rows["target"].notna().any() else [])
    lines = (
        alt.Chart()
        .mark_line(strokeWidth=1.5)
        .encode(x=x, y=y, order=alt.Order("series:N"), **series_encoding(shown))
    )
    columns = _columns(len(order))
    width = ROW_WIDTH // columns - 20
    chart = alt.layer(lines, data=data).properties(width=width, height=PANEL_HEIGHT)
    faceted = chart.facet(
        facet=alt.Facet(
            "dim_value:N",
            title=None,
            sort=order,
            header=alt.Header(labelFontSize=11, labelFontWeight=WEIGHT),
        ),
        columns=columns,
    )
    description = t("chart.breakdown_description", title=title, dim=dim, values=", ".join(order))
    return finish(faceted, title=title, description=description)


def _columns(panels: int) -> int:
    """Panels per row: all in one row up to four, else 3 or 4 a row, leaving fewer gaps."""
    if panels <= 4:
        return max(panels, 1)
    return min((4, 3), key=lambda columns: -panels % columns)


@by_numbers
def pareto_chart(rows: pd.DataFrame, *, title: str, dim: str) -> Any:
    """Categories by count, largest first, with the cumulative share as a line.

    ``rows`` has ``dim_value`` and ``count``. The dashed rule marks 80%: the
    categories left of where the line crosses it make most of the total.
    """
    data = _pareto_table(rows)
    x = alt.X("dim_value:N", title=dim, sort=None, axis=alt.Axis(labelAngle=-30, labelLimit=140))
    bars = (
        alt.Chart(data)
        .mark_bar(color=PALETTE["value"])
        .encode(x=x, y=alt.Y("count:Q", title=t("chart.count"), axis=alt.Axis(format=",.0f")))
    )
    share_axis = alt.Axis(
        format=".0%", titleColor=PALETTE["signal"], values=[0, 0.2, 0.4, 0.6, 0.8, 1]
    )
    # A little above 100%, so that the line's last point is not drawn on the frame.
    share_scale = alt.Scale(domain=[0, SHARE_TOP])
    share = alt.Y(
        "cumulative:Q",
        title=t("chart.cumulative_share"),
        axis=share_axis,
        scale=share_scale,
    )
    line = (
        alt.Chart(data)
        .mark_line(
            color=PALETTE["signal"],
            strokeWidth=2,
            point=alt.OverlayMarkDef(color=PALETTE["signal"], shape="diamond", size=50),
        )
        .encode(x=x, y=share)
    )
    rule = (
        alt.Chart(pd.DataFrame({"cumulative": [PARETO_LINE]}))
        .mark_rule(color=PALETTE["signal"], strokeDash=[4, 3], opacity=0.7)
        .encode(y=alt.Y("cumulative:Q", scale=share_scale))
    )
    description = nt("chart.pareto_description", len(data), title=title, dim=dim)
    layered = alt.layer(bars, alt.layer(line, rule)).resolve_scale(y="independent")
    return finish(layered, title=title, description=description, width=480, height=200)


def _pareto_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Counts sorted descending (ties by name), with share and cumulative share."""
    data = rows[["dim_value", "count"]].copy()
    data = data.assign(
        dim_value=data["dim_value"].astype("str"), count=data["count"].astype("float64")
    )
    data = data.sort_values(["count", "dim_value"], ascending=[False, True], kind="stable")
    total = float(data["count"].sum())
    share = data["count"] / total if total else data["count"] * 0.0
    return data.assign(share=share, cumulative=share.cumsum()).reset_index(drop=True)


def pareto_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The numbers behind a Pareto chart: ``dim_value``, ``count``, ``share``, ``cumulative``."""
    return _pareto_table(rows)
