"""The heat map of the register of risks and opportunities: open risks by likelihood and impact.

The chart takes the 25 cells of the 5 × 5 grid (likelihood and impact from 1
to 5) with the count of open risks in each, as counted by ``analysis``
(:func:`~sqms.registers.risks.analysis.heat_cells`), and returns an Altair
chart with a title and a text description; the page renders it to SVG
beside the same numbers as a table. The colours are a sequential scale that stays readable for
colour-blind readers and in grey, and every cell also shows its count.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from sqms.i18n import nt, t
from sqms.registers.risks.spec import SCALE
from sqms.site.charts.base import finish
from sqms.site.charts.memo import by_numbers

SIZE = 260


@by_numbers
def heat_map(cells: pd.DataFrame, *, title: str) -> Any:
    """Open risks per cell as coloured squares, each with its count written in it."""
    data = cells.reset_index(drop=True)
    levels = list(SCALE)
    x = alt.X("impact:O", title=t("risks.col.impact"), scale=alt.Scale(domain=levels),
              axis=alt.Axis(labelAngle=0))  # fmt: skip
    y = alt.Y("likelihood:O", title=t("risks.col.likelihood"),
              scale=alt.Scale(domain=levels[::-1]))  # fmt: skip
    top = max(1, int(data["count"].max()))
    colour = alt.Color(
        "count:Q",
        title=t("risks.chart.open_risks"),
        # viridis: perceptually uniform, colour-blind safe, and ordered in lightness too.
        scale=alt.Scale(scheme="viridis", domain=[0, top], reverse=True),
        legend=alt.Legend(orient="right", format=",.0f", tickMinStep=1),
    )
    squares = alt.Chart(data).mark_rect(stroke="#ffffff").encode(x=x, y=y, color=colour)
    labels = (
        alt.Chart(data)
        .mark_text(fontSize=12)
        .encode(
            x=x,
            y=y,
            text=alt.Text("count:Q", format=",.0f"),
            color=alt.condition(
                alt.datum.count > top / 2, alt.value("#ffffff"), alt.value("#000000")
            ),
        )
    )
    description = nt(
        "risks.chart.description",
        int(data["count"].sum()),
        title=title,
        open=int(data["count"].sum()),
    )
    return finish(
        alt.layer(squares, labels), title=title, description=description, width=SIZE, height=SIZE
    )
