"""What every chart shares: palette, shapes, number formats, and rendering to SVG.

Charts are built with Altair and rendered at build time to SVG by vl-convert,
then inlined in the page: they show offline, from ``file://``, in print and in
PDF, with no JavaScript. Colours come from the Okabe–Ito palette, which stays
distinguishable for colour-blind readers; lines also differ by dash and
statuses by shape, so no meaning rests on colour alone.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd
import vl_convert
from altair.utils.data import to_values

from sqms.i18n import N_, t
from sqms.site.charts.fonts import FONT_STACK, WEIGHT, chart_fonts
from sqms.site.charts.memo import remember_svg, remembered_svg
from sqms.text.formatting import STATUS_WORDS, UNIT_NAMES

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#7F7F7F",
}
PALETTE = {
    "value": OKABE_ITO["blue"],
    "target": OKABE_ITO["green"],
    "warning": OKABE_ITO["orange"],
    "benchmark": OKABE_ITO["purple"],
    "total": OKABE_ITO["grey"],
    "centre": OKABE_ITO["grey"],
    "limit": OKABE_ITO["black"],
    "signal": OKABE_ITO["vermillion"],
}
DASHES = {
    "value": [1, 0],
    "target": [12, 3],
    "warning": [5, 4],
    "benchmark": [2, 3],
    "total": [4, 3],
    "centre": [8, 3, 2, 3],
    "limit": [5, 4],
}
"""Every line differs from the others it is drawn with by its dash, not only its colour."""
SERIES_ORDER = ("value", "total", "target", "warning", "benchmark", "centre", "limit")
SERIES_NAMES: dict[str, str] = {
    "value": N_("chart.series.value"),
    "total": N_("chart.series.total"),
    "target": N_("chart.series.target"),
    "warning": N_("chart.series.warning"),
    "benchmark": N_("chart.series.benchmark"),
    "centre": N_("chart.series.centre"),
    "limit": N_("chart.series.limit"),
    "moving_range": N_("chart.series.moving_range"),
    "mr_centre": N_("chart.series.mr_centre"),
    "mr_upper": N_("chart.series.mr_upper"),
}
"""Each line a chart draws (:data:`SERIES_ORDER`, and the mR chart's) → the id of its name."""
STATUS_COLOUR = {
    "meets": OKABE_ITO["green"],
    "warning": OKABE_ITO["orange"],
    "misses": OKABE_ITO["vermillion"],
    "not_judged": OKABE_ITO["grey"],
}
STATUS_SHAPE = {
    "meets": "circle",
    "warning": "triangle-up",
    # A filled ✖ and a ring (○), as SVG paths in the unit square.
    "misses": "M-1,-0.6L-0.6,-1L0,-0.4L0.6,-1L1,-0.6L0.4,0L1,0.6L0.6,1L0,0.4L-0.6,1L-1,0.6L-0.4,0Z",
    "not_judged": (
        "M0,-1A1,1 0 1,1 0,1A1,1 0 1,1 0,-1ZM0,-0.5A0.5,0.5 0 1,0 0,0.5A0.5,0.5 0 1,0 0,-0.5Z"
    ),
}
STAGE_COLOURS = [
    OKABE_ITO[name]
    for name in ("blue", "orange", "sky_blue", "green", "vermillion", "purple", "yellow", "black")
]
WIDTH, HEIGHT = 560, 200
PADDING = 10
"""Pixels kept free between the highest (lowest) value and the chart's frame, so that a line
at 100% (or at the top of any scale) is not drawn on the frame itself."""
CONFIG = {
    "font": FONT_STACK,
    "aria": False,
    "view": {"stroke": "#ddd"},
    "axis": {"labelFontSize": 10, "titleFontSize": 11, "titleFontWeight": WEIGHT},
    "legend": {
        "labelFontSize": 10,
        "titleFontSize": 10,
        "titleFontWeight": WEIGHT,
        "labelLimit": 260,
        # Room between entries for a reader's browser whose fallback font is wider.
        "columnPadding": 16,
    },
    "header": {"labelFontWeight": WEIGHT, "titleFontWeight": WEIGHT},
    "title": {"fontSize": 13, "anchor": "start", "fontWeight": WEIGHT},
}
"""The shared look of every chart (``aria`` off: the SVG is labelled as a whole instead).

All text is in the shipped font (:mod:`sqms.site.charts.fonts`), in its one regular weight.
"""


def axis_format(unit: str, span: float | None = None) -> str:
    """A d3 number format for an axis in ``unit`` (values of percent are proportions).

    Given the ``span`` of the axis's domain, a percent axis shows as many
    decimals as its ticks (about five) need to differ: 98.5% and 99.0%, not
    98% twice.
    """
    if unit == "percent" and span is not None and span > 0:
        step = span * 100 / 5
        return f".{min(3, max(0, math.ceil(-math.log10(step))))}%"
    return {"percent": ".0%", "count": ",.0f"}.get(unit, ",.4~f")


def padded_scale(**properties: Any) -> alt.Scale:
    """A value scale not forced to zero, with :data:`PADDING` pixels above and below the data."""
    return alt.Scale(zero=False, nice=False, padding=PADDING, **properties)


def value_title(unit: str) -> str:
    """The y-axis title: the unit's name (``percent``, ``hours``…)."""
    return t("chart.axis_unit", unit=t(UNIT_NAMES[unit]))


def period_axis(
    periods: Sequence[str], field: str = "period", *, labels: int = 12, title: str | bool = True
) -> alt.X:
    """The x axis of every chart over periods: in time order, at most ``labels`` labels.

    The domain is given, so layers plotting other fields on this axis keep the
    time order; labels are thinned to every k-th period (the latest always
    shown), which keeps charts legible and quick to render.
    """
    domain = list(dict.fromkeys(periods))
    step = max(1, math.ceil(len(domain) / labels))
    shown = domain[::-1][::step][::-1]
    return alt.X(
        f"{field}:O",
        title=t("chart.period") if title is True else (title or None),
        sort=None,
        scale=alt.Scale(domain=domain),
        axis=alt.Axis(values=shown, labelAngle=-45, labelOverlap=False),
    )


def series_scales(series: Sequence[str]) -> tuple[alt.Scale, alt.Scale]:
    """Colour and dash of each line, so the legend names them with both."""
    shown = [s for s in SERIES_ORDER if s in series]
    names = [t(SERIES_NAMES[s]) for s in shown]
    colour = alt.Scale(domain=names, range=[PALETTE[s] for s in shown])
    dash = alt.Scale(domain=names, range=[DASHES[s] for s in shown])
    return colour, dash


def series_encoding(series: Sequence[str], title: str | None = None) -> dict[str, Any]:
    """``color`` and ``strokeDash`` by the ``series`` field, one legend for both.

    ``series`` are the lines the chart draws (keys of :data:`PALETTE`): only
    they appear in the legend.
    """
    colour, dash = series_scales(series)
    legend = alt.Legend(title=title, orient="bottom", symbolType="stroke", symbolStrokeWidth=2)
    return {
        "color": alt.Color("series:N", scale=colour, legend=legend),
        "strokeDash": alt.StrokeDash("series:N", scale=dash, legend=legend),
    }


def status_encoding() -> dict[str, Any]:
    """``shape`` and ``fill`` by status: one legend with the status words."""
    names = [t(STATUS_WORDS[s]) for s in STATUS_SHAPE]
    legend = alt.Legend(title=t("col.status"), orient="bottom")
    return {
        "shape": alt.Shape(
            "status_text:N",
            scale=alt.Scale(domain=names, range=list(STATUS_SHAPE.values())),
            legend=legend,
        ),
        "fill": alt.Fill(
            "status_text:N",
            scale=alt.Scale(domain=names, range=list(STATUS_COLOUR.values())),
            legend=legend,
        ),
    }


def finish(chart: Any, *, title: str, description: str, **properties: Any) -> Any:
    """Give a chart its title and text description, and the shared look (one copy).

    Its tables are inlined as values (:func:`inline_tables`), so no size of
    them makes the chart fail to render.
    """
    finished = chart.properties(title=title, description=description, config=CONFIG, **properties)
    return inline_tables(finished)


def inline_tables(chart: Any) -> Any:
    """Replace every table of a chart (and of its layers, facets, panels) by its values.

    Altair refuses a table of more than 5,000 rows (``MaxRowsError``), a guard
    against embedding raw data in a notebook. A chart here only ever draws
    aggregates, whose number is bounded by the periods and the breakdown
    values shown (see ``sqms.engine.breakdowns``), and is rendered once, at build
    time: handing it the values Altair would have made of the table keeps
    the same specification without the guard. Returns ``chart``, changed.
    """
    data = getattr(chart, "data", alt.Undefined)
    if isinstance(data, pd.DataFrame):
        chart.data = to_values(data)
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in _parts(chart, key):
            inline_tables(part)
    spec = getattr(chart, "spec", alt.Undefined)
    if spec is not alt.Undefined and not isinstance(spec, dict):
        inline_tables(spec)
    return chart


def _parts(chart: Any, key: str) -> list[Any]:
    """The sub-charts of a compound chart under ``key`` (none when it has no such key)."""
    parts = getattr(chart, key, alt.Undefined)
    return list(parts) if isinstance(parts, list) else []


def render_svg(chart: Any) -> str:
    """Render a chart to inline SVG text: the same bytes for the same chart, on any machine.

    Text is measured with the shipped font (registered on the first call, see
    :mod:`sqms.site.charts.fonts`). The chart's description becomes the SVG's
    accessible name (``role="img"``, ``aria-label`` and a ``<title>``), since
    Vega does not write it. A chart a builder remembers by its numbers
    (:mod:`sqms.site.charts.memo`) is rendered once.
    """
    fonts = chart_fonts().identity
    svg = remembered_svg(chart, fonts)
    if svg is None:
        spec = chart.to_dict(validate=False)  # the chart builders' tests validate their specs
        svg = _render(json.dumps(spec, sort_keys=True, ensure_ascii=False), fonts)
        remember_svg(chart, fonts, svg)
    return svg


@functools.lru_cache(maxsize=4096)
def _render(spec_json: str, fonts: str) -> str:
    """Render a Vega-Lite spec (as JSON text, so it can be cached).

    ``fonts`` names the font text is measured with: a chart measured with
    other fonts is another entry.
    """
    spec = json.loads(spec_json)
    svg: str = vl_convert.vegalite_to_svg(spec)
    svg = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    description = spec.get("description") or _title_text(spec.get("title"))
    return _label(svg, description) if description else svg


def _title_text(title: Any) -> str:
    if isinstance(title, dict):
        return str(title.get("text") or "")
    return str(title or "")


def _label(svg: str, description: str) -> str:
    """Name the SVG for assistive technology; its inner marks stay unlabelled."""
    text = html.escape(description, quote=True)
    return re.sub(
        r"^<svg\b([^>]*)>",
        lambda m: f'<svg{m.group(1)} role="img" aria-label="{text}"><title>{text}</title>',
        svg,
        count=1,
    )
