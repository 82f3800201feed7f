"""The complaint register's charts: volume and rate, time to target, age, repeats, outcome.

Each function takes an aggregated table (one row per month, age group or
outcome) and returns an Altair chart with a title and a text description;
the page renders it to SVG beside the numbers. Colours come from the
Okabe–Ito palette, and every colour is named in a legend. Used by the page
(:mod:`sqms.registers.complaints.page` and its sections).
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from sqms.i18n import nt, t
from sqms.site.charts.base import OKABE_ITO, PALETTE, finish, period_axis
from sqms.site.charts.memo import by_numbers

WIDTH, HEIGHT = 540, 180
COUNT_AXIS = alt.Axis(format=",.0f", tickMinStep=1)
"""Counts are whole: no tick between two whole numbers."""


@by_numbers
def volume_chart(months: pd.DataFrame, *, title: str, rate_title: str | None) -> Any:
    """Complaints per month as bars; with a rate, complaints per ``per`` rows as a line.

    ``months`` has ``period``, ``complaints`` and ``rate`` (NaN without a rate).
    """
    data = months[["period", "complaints", "rate"]].reset_index(drop=True)
    x = period_axis(data["period"].astype("str").tolist())
    bars = (
        alt.Chart(data)
        .mark_bar(color=PALETTE["value"], opacity=0.85)
        .encode(
            x=x, y=alt.Y("complaints:Q", title=t("complaints.chart.complaints"), axis=COUNT_AXIS)
        )
    )
    if rate_title is None or not data["rate"].notna().any():
        layered: Any = bars
    else:
        axis = alt.Axis(titleColor=PALETTE["signal"], format=",.2~f")
        line = (
            alt.Chart(data[data["rate"].notna()])
            .mark_line(
                color=PALETTE["signal"],
                strokeWidth=2,
                point=alt.OverlayMarkDef(color=PALETTE["signal"], shape="diamond", size=30),
            )
            .encode(x=x, y=alt.Y("rate:Q", title=rate_title, axis=axis))
        )
        layered = alt.layer(bars, line).resolve_scale(y="independent")
    description = nt(
        "complaints.chart.volume_description", len(data), title=title, months=len(data)
    )
    return finish(layered, title=title, description=description, width=WIDTH, height=HEIGHT)


@by_numbers
def within_chart(months: pd.DataFrame, *, title: str, series: dict[str, tuple[str, str]]) -> Any:
    """Share within target per month, one line per target (acknowledge, resolve).

    ``series`` maps a legend name to the (within, judged) columns of
    ``months``; months where nothing was judged leave a gap.
    """
    parts = []
    for name, (within, judged) in series.items():
        share = months[within] / months[judged].where(months[judged] > 0)
        parts.append(pd.DataFrame({"period": months["period"], "share": share, "series": name}))
    data = pd.concat(parts, ignore_index=True)
    data = data[data["share"].notna()].reset_index(drop=True)
    names = list(series)
    colours = [PALETTE["value"], OKABE_ITO["orange"]][: len(names)]
    dashes = [[1, 0], [6, 3]][: len(names)]
    legend = alt.Legend(title=None, orient="bottom", symbolType="stroke", symbolStrokeWidth=2)
    chart = (
        alt.Chart(data)
        .mark_line(strokeWidth=2, point=True)
        .encode(
            x=period_axis(months["period"].astype("str").tolist()),
            y=alt.Y(
                "share:Q",
                title=t("complaints.chart.share_within"),
                axis=alt.Axis(format=".0%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            color=alt.Color(
                "series:N", scale=alt.Scale(domain=names, range=colours), legend=legend
            ),
            strokeDash=alt.StrokeDash(
                "series:N", scale=alt.Scale(domain=names, range=dashes), legend=legend
            ),
        )
    )
    description = t("complaints.chart.within_description", title=title, series=", ".join(names))
    return finish(chart, title=title, description=description, width=WIDTH, height=HEIGHT)


@by_numbers
def age_chart(ages: pd.DataFrame, *, title: str) -> Any:
    """Open complaints per age group, split into within and past their standard."""
    within, late = t("complaints.within_standard"), t("complaints.past_standard")
    data = pd.concat(
        [
            pd.DataFrame(
                {
                    "group": ages["group"],
                    "count": ages["open"] - ages["overdue"],
                    "state": within,
                    "order": 0,
                }
            ),
            pd.DataFrame(
                {"group": ages["group"], "count": ages["overdue"], "state": late, "order": 1}
            ),
        ],
        ignore_index=True,
    )
    colours = alt.Scale(domain=[within, late], range=[PALETTE["value"], PALETTE["signal"]])
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "group:N",
                title=t("complaints.chart.age_days"),
                sort=ages["group"].tolist(),
                axis=alt.Axis(labelAngle=0),
            ),
            y=alt.Y("count:Q", title=t("complaints.chart.open"), axis=COUNT_AXIS),
            color=alt.Color(
                "state:N", scale=colours, legend=alt.Legend(title=None, orient="bottom")
            ),
            order=alt.Order("order:Q"),
        )
    )
    opened = int(ages["open"].sum())
    description = nt("complaints.chart.age_description", opened, title=title, open=opened)
    return finish(chart, title=title, description=description, width=WIDTH, height=HEIGHT)


@by_numbers
def repeat_chart(months: pd.DataFrame, *, title: str) -> Any:
    """Repeat complaints per month as bars."""
    data = months[["period", "repeats"]].reset_index(drop=True)
    chart = (
        alt.Chart(data)
        .mark_bar(color=OKABE_ITO["purple"])
        .encode(
            x=period_axis(data["period"].astype("str").tolist()),
            y=alt.Y("repeats:Q", title=t("complaints.chart.repeats"), axis=COUNT_AXIS),
        )
    )
    description = nt("complaints.chart.repeat_description", int(data["repeats"].sum()), title=title)
    return finish(chart, title=title, description=description, width=WIDTH, height=HEIGHT)


@by_numbers
def outcome_chart(outcomes: pd.DataFrame, *, title: str) -> Any:
    """Closed complaints by outcome, each bar split by the customer's satisfaction."""
    answers = {
        "yes": (t("complaints.satisfied.yes"), OKABE_ITO["green"]),
        "no": (t("complaints.satisfied.no"), OKABE_ITO["vermillion"]),
        "unknown": (t("complaints.satisfied.unknown"), OKABE_ITO["grey"]),
    }
    parts = [
        pd.DataFrame(
            {"outcome": outcomes["outcome"], "count": outcomes[key], "answer": name, "order": i}
        )
        for i, (key, (name, _)) in enumerate(answers.items())
    ]
    data = pd.concat(parts, ignore_index=True)
    names = [name for name, _ in answers.values()]
    colours = alt.Scale(domain=names, range=[colour for _, colour in answers.values()])
    legend = alt.Legend(title=t("complaints.col.satisfied"), orient="bottom")
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("outcome:N", title=None, sort=outcomes["outcome"].tolist()),
            x=alt.X("count:Q", title=t("complaints.chart.closed"), axis=COUNT_AXIS),
            color=alt.Color("answer:N", scale=colours, legend=legend),
            order=alt.Order("order:Q"),
        )
    )
    description = nt(
        "complaints.chart.outcome_description", len(outcomes), title=title, outcomes=len(outcomes)
    )
    return finish(chart, title=title, description=description, width=WIDTH, height=120)
