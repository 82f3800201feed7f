"""Charts built with Altair and rendered at build time to SVG.

The SVG is inlined in the page: it shows offline, from ``file://``, in print
and in PDF, with no JavaScript. Charts receive aggregated rows only (one per
period), never data rows. Colours come from the Okabe–Ito palette, which stays
distinguishable for colour-blind readers, and lines also differ by dash.
"""

from __future__ import annotations

import re
from typing import Any

import altair as alt
import pandas as pd
import vl_convert

from sqms.i18n import t

PALETTE = {"value": "#0072B2", "target": "#009E73", "warning": "#E69F00", "benchmark": "#CC79A7"}
WIDTH, HEIGHT = 560, 200


def _axis_format(unit: str) -> str | None:
    return ".0%" if unit == "percent" else None


def trend_chart(
    rows: pd.DataFrame, *, title: str, unit: str, benchmark: float | None = None
) -> alt.TopLevelMixin:
    """The value per period, with the target (solid) and warning (dashed) lines in force.

    ``rows`` has one row per period: ``period``, ``value``, ``target``, ``warning``.
    """
    data = rows[["period", "value", "target", "warning"]].reset_index(drop=True)
    x = alt.X("period:O", title=t("chart.period"), sort=None, axis=alt.Axis(labelAngle=-45))
    fmt = _axis_format(unit)
    y_axis = alt.Axis(format=fmt) if fmt else alt.Axis()
    base = alt.Chart(data)
    layers: list[Any] = [
        base.mark_line(point=True, color=PALETTE["value"]).encode(
            x=x,
            y=alt.Y("value:Q", title=t("chart.value"), axis=y_axis, scale=alt.Scale(zero=False)),
        )
    ]
    if data["target"].notna().any():
        layers.append(
            base.mark_line(color=PALETTE["target"], interpolate="step-after").encode(
                x=x, y="target:Q"
            )
        )
    if data["warning"].notna().any():
        layers.append(
            base.mark_line(
                color=PALETTE["warning"], strokeDash=[6, 4], interpolate="step-after"
            ).encode(x=x, y="warning:Q")
        )
    if benchmark is not None:
        layers.append(
            alt.Chart(pd.DataFrame({"benchmark": [benchmark]}))
            .mark_rule(color=PALETTE["benchmark"], strokeDash=[2, 3])
            .encode(y="benchmark:Q")
        )
    return alt.layer(*layers).properties(
        width=WIDTH,
        height=HEIGHT,
        title=title,
        description=t("chart.trend_description", title=title),
    )


def render_svg(chart: alt.TopLevelMixin) -> str:
    """Render a chart to standalone SVG text, the same bytes for the same chart."""
    spec = chart.to_dict()
    svg: str = vl_convert.vegalite_to_svg(spec)
    return _strip_xml_declaration(svg)


def _strip_xml_declaration(svg: str) -> str:
    """An inline SVG must not carry an XML declaration."""
    return re.sub(r"^<\?xml[^>]*>\s*", "", svg)
