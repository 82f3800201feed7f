"""The charts of the customer feedback page, built from its aggregates only.

Low scores are told apart by colour *and* by the legend's words (and in the
numbers beside each chart); the comparison is a plain scatter of periods,
with no fitted line, so that it is not read as one thing driving the other.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from sqms.i18n import nt, t
from sqms.site.charts.base import OKABE_ITO, PALETTE, WIDTH, axis_format, finish
from sqms.site.charts.memo import by_numbers

LOW_COLOUR = PALETTE["signal"]
OTHER_COLOUR = PALETTE["value"]


def _low_scale() -> alt.Scale:
    """Low answers in vermillion, the others in blue, named in the legend."""
    return alt.Scale(
        domain=[t("feedback.chart.low"), t("feedback.chart.other")],
        range=[LOW_COLOUR, OTHER_COLOUR],
    )


@by_numbers
def distribution_chart(rows: pd.DataFrame, *, title: str) -> Any:
    """Answers per point of a score's scale, the low ones marked.

    ``rows`` has ``label`` (the answer, as text), ``count`` and ``low``.
    """
    data = rows.assign(
        kind=rows["low"].map({True: t("feedback.chart.low"), False: t("feedback.chart.other")})
    )[["label", "count", "kind"]]
    x = alt.X("label:O", title=t("feedback.chart.answer"), sort=None, axis=alt.Axis(labelAngle=0))
    y = alt.Y("count:Q", title=t("chart.count"), axis=alt.Axis(format=",.0f"))
    colour = alt.Color("kind:N", scale=_low_scale(), legend=alt.Legend(title=None, orient="bottom"))
    bars = alt.Chart(data).mark_bar().encode(x=x, y=y, color=colour)
    description = nt("feedback.chart.distribution_description", len(data), title=title)
    return finish(bars, title=title, description=description, width=WIDTH // 2, height=160)


@by_numbers
def tags_chart(rows: pd.DataFrame, *, title: str) -> Any:
    """Responses per tag, split into those with a low score and the others, in rank order.

    ``rows`` has ``tag``, ``low`` and ``responses``, ranked.
    """
    order = [str(tag) for tag in rows["tag"]]
    low = rows.assign(kind=t("feedback.chart.low"), count=rows["low"], stack=0)
    other = rows.assign(
        kind=t("feedback.chart.other"), count=rows["responses"] - rows["low"], stack=1
    )
    data = pd.concat([low, other], ignore_index=True)[["tag", "kind", "count", "stack"]]
    y = alt.Y("tag:N", title=None, sort=order, axis=alt.Axis(labelLimit=220))
    x = alt.X("count:Q", title=t("feedback.chart.responses"), axis=alt.Axis(format=",.0f"))
    colour = alt.Color("kind:N", scale=_low_scale(), legend=alt.Legend(title=None, orient="bottom"))
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(x=x, y=y, color=colour, order=alt.Order("stack:Q", sort="ascending"))
    )
    description = nt("feedback.chart.tags_description", len(order), title=title)
    height = max(60, 18 * len(order))
    return finish(bars, title=title, description=description, width=WIDTH - 160, height=height)


@by_numbers
def scatter_chart(
    points: pd.DataFrame, *, title: str, x_title: str, y_title: str, x_unit: str, y_unit: str
) -> Any:
    """One point per period: the service indicator across, the customer indicator up.

    ``points`` has ``period``, ``x`` and ``y``.
    """
    data = points[["period", "x", "y"]]
    x = alt.X(
        "x:Q", title=x_title, scale=alt.Scale(zero=False), axis=alt.Axis(format=axis_format(x_unit))
    )
    y = alt.Y(
        "y:Q", title=y_title, scale=alt.Scale(zero=False), axis=alt.Axis(format=axis_format(y_unit))
    )
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=50, color=OKABE_ITO["blue"], opacity=0.85)
        .encode(x=x, y=y)
    )
    description = nt("feedback.chart.scatter_description", len(data), title=title)
    return finish(dots, title=title, description=description, width=WIDTH // 2 + 80, height=220)
