"""Chart builders: each Vega-Lite spec has the expected encodings, title and description.

The specs are validated against the Vega-Lite schema (``to_dict()``), and a
few are rendered to SVG to check what the page receives: an accessible name,
no XML declaration, the same bytes for the same chart.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from sqms.i18n import use_language
from sqms.site.charts import (
    breakdown_chart,
    control_chart,
    histogram_chart,
    pareto_chart,
    pareto_table,
    render_svg,
    sparkline,
    stage_chart,
    stage_lines_chart,
    trend_chart,
)
from sqms.site.charts.base import OKABE_ITO, PALETTE, STATUS_COLOUR, period_axis
from sqms.site.charts.control import moving_range_chart

PERIODS = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 13)]


def layers(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every unit spec (mark + encoding) inside a layered or faceted spec."""
    if "mark" in spec:
        yield spec
    for key in ("layer", "spec"):
        child = spec.get(key)
        if isinstance(child, list):
            for item in child:
                yield from layers(item)
        elif isinstance(child, dict):
            yield from layers(child)


def mark(layer: dict[str, Any]) -> str:
    value = layer["mark"]
    return str(value["type"] if isinstance(value, dict) else value)


def field(layer: dict[str, Any], channel: str) -> str | None:
    encoding = layer.get("encoding", {}).get(channel)
    return encoding.get("field") if isinstance(encoding, dict) else None


def trend_rows(n: int = 24) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": PERIODS[:n],
            "value": [0.9 + 0.002 * i for i in range(n)],
            "target": [0.95] * n,
            "warning": [0.9] * n,
            "status": ["warning"] * (n - 1) + ["meets"],
        }
    )


def test_trend_chart_encodings() -> None:
    spec = trend_chart(
        trend_rows(), title="First response", unit="percent", benchmark=0.88
    ).to_dict()
    assert spec["title"] == "First response"
    assert "First response" in spec["description"]
    found = list(layers(spec))
    band = next(layer for layer in found if mark(layer) == "area")
    assert (field(band, "y"), field(band, "y2")) == ("warning", "target")
    lines = [layer for layer in found if mark(layer) == "line"]
    assert all(field(layer, "color") == "series" for layer in lines)
    assert all(field(layer, "strokeDash") == "series" for layer in lines)
    colour = lines[0]["encoding"]["color"]["scale"]
    assert colour["domain"] == ["value", "target", "warning threshold", "peer benchmark"]
    assert colour["range"] == [PALETTE[s] for s in ("value", "target", "warning", "benchmark")]
    dashes = lines[0]["encoding"]["strokeDash"]["scale"]["range"]
    assert len({tuple(d) for d in dashes}) == len(dashes), "every line has its own dash"
    points = next(layer for layer in found if mark(layer) == "point")
    assert field(points, "shape") == field(points, "fill") == "status_text"
    assert any(mark(layer) == "rule" for layer in found), "the benchmark is drawn"
    assert field(lines[0], "x") == "period"
    assert lines[0]["encoding"]["y"]["axis"]["format"] == ".0%"


def test_trend_chart_without_target_or_benchmark_draws_only_what_exists() -> None:
    rows = trend_rows().assign(target=float("nan"), warning=float("nan"), status="not_judged")
    found = list(layers(trend_chart(rows, title="Tickets", unit="count").to_dict()))
    assert not any(mark(layer) in ("area", "rule") for layer in found)
    line = next(layer for layer in found if mark(layer) == "line")
    assert line["encoding"]["color"]["scale"]["domain"] == ["value"]


def test_period_axis_thins_labels_but_keeps_the_latest() -> None:
    axis = period_axis(PERIODS).to_dict()
    assert axis["scale"]["domain"] == PERIODS
    assert len(axis["axis"]["values"]) <= 12
    assert axis["axis"]["values"][-1] == PERIODS[-1]


def test_sparkline_has_no_axes_and_a_description() -> None:
    spec = sparkline(trend_rows(12), title="CSAT", unit="percent").to_dict()
    assert spec["width"] == 110
    assert spec["description"] == "Trend of CSAT from 2025-01 to 2025-12."
    for layer in layers(spec):
        assert layer["encoding"]["x"]["axis"] is None


def control_points() -> pd.DataFrame:
    n = 12
    return pd.DataFrame(
        {
            "period": PERIODS[:n],
            "value": [0.5] * (n - 1) + [0.9],
            "centre": [0.5] * n,
            "lower": [0.3] * n,
            "upper": [0.7] * n,
            "baseline": [True] * 6 + [False] * (n - 6),
            "signal": [""] * (n - 1) + ["WE1, WE2"],
        }
    )


def test_control_chart_marks_signals_and_baseline() -> None:
    spec = control_chart(
        control_points(), title="Control", unit="percent", kind="p", baseline=("2025-01", "2025-06")
    ).to_dict()
    found = list(layers(spec))
    limits = next(layer for layer in found if field(layer, "detail") == "side")
    assert limits["mark"]["interpolate"] == "step"
    domain = limits["encoding"]["color"]["scale"]["domain"]
    assert domain == ["value", "centre line", "control limits"]
    diamonds = [layer for layer in found if isinstance(layer["mark"], dict)
                and layer["mark"].get("shape") == "diamond"]  # fmt: skip
    assert diamonds and diamonds[0]["mark"]["color"] == PALETTE["signal"] == OKABE_ITO["vermillion"]
    texts = [layer for layer in found if mark(layer) == "text"]
    signal_labels = next(layer for layer in texts if field(layer, "y") == "y")
    assert field(signal_labels, "text") == "label"
    data = spec["datasets"][signal_labels["data"]["name"]]
    assert [row["label"] for row in data] == ["WE1"], "one short label per point: its first rule"
    shade = next(layer for layer in found if mark(layer) == "rect")
    assert (field(shade, "x"), field(shade, "x2")) == ("from", "to")
    assert "p (proportion)" in spec["description"]
    assert "; 1 period with a signal, marked by a diamond." in spec["description"]


def test_control_chart_without_declared_baseline_or_signals() -> None:
    points = control_points().assign(signal="")
    spec = control_chart(points, title="C", unit="number", kind="xmr").to_dict()
    found = list(layers(spec))
    assert not any(mark(layer) == "rect" for layer in found)
    texts = [layer for layer in found if mark(layer) == "text"]
    assert [field(layer, "text") for layer in texts] == ["label"], "only the limits' labels"
    labels = spec["datasets"][texts[0]["data"]["name"]]
    assert [row["label"] for row in labels] == ["UCL 0.70", "CL 0.50", "LCL 0.30"]
    assert "; 0 periods with a signal, marked by diamonds." in spec["description"]


@pytest.mark.parametrize(
    ("upper", "said"),
    [(0.5, "; 1 range above the limit."), (0.1, "; 2 ranges above the limit.")],
)
def test_moving_range_chart_counts_the_ranges_above_its_limit(upper: float, said: str) -> None:
    # Ranges 0.2, 0.0, 0.6: one above 0.5, two above 0.1.
    points = pd.DataFrame({"period": PERIODS[:4], "moving_range": [math.nan, 0.2, 0.0, 0.6]})
    spec = moving_range_chart(points, title="mR", unit="number", centre=0.2, upper=upper)
    description = spec.to_dict()["description"]
    assert description.startswith("mR: the moving range between consecutive periods")
    assert description.endswith(said)
    with use_language("zh"):
        chinese = moving_range_chart(points, title="mR", unit="number", centre=0.2, upper=0.5)
    assert chinese.to_dict()["description"].endswith("；1 个极差超出上限。")


def test_breakdown_chart_is_small_multiples_sharing_scales() -> None:
    rows = pd.concat(
        [trend_rows().assign(dim_value=value) for value in ("chat", "email", "phone", "web", "sms")]
    )
    spec = breakdown_chart(
        rows, trend_rows(), title="By channel", unit="percent", dim="channel"
    ).to_dict()
    assert spec["facet"]["field"] == "dim_value"
    assert spec["facet"]["sort"] == ["chat", "email", "phone", "web", "sms"]
    assert spec["columns"] == 3
    assert "resolve" not in spec, "panels share their scales"
    line = next(layers(spec))
    assert line["encoding"]["color"]["scale"]["domain"] == ["value", "all (total)", "target"]
    assert "chat, email, phone, web, sms" in spec["description"]


def test_pareto_sorted_with_cumulative_share() -> None:
    counts = pd.DataFrame({"dim_value": ["b", "a", "c", "d"], "count": [10.0, 50.0, 30.0, 10.0]})
    table = pareto_table(counts)
    assert list(table["dim_value"]) == ["a", "c", "b", "d"]  # ties by name
    assert list(table["cumulative"]) == pytest.approx([0.5, 0.8, 0.9, 1.0])
    spec = pareto_chart(counts, title="Complaints", dim="category").to_dict()
    assert spec["resolve"]["scale"]["y"] == "independent"
    found = list(layers(spec))
    bars = next(layer for layer in found if mark(layer) == "bar")
    assert (field(bars, "x"), field(bars, "y")) == ("dim_value", "count")
    assert bars["encoding"]["x"]["sort"] is None, "bars keep the sorted order"
    line = next(layer for layer in found if mark(layer) == "line")
    assert field(line, "y") == "cumulative"
    assert line["encoding"]["y"]["axis"]["format"] == ".0%"
    assert spec["datasets"][next(iter(spec["datasets"]))][0]["dim_value"] == "a"


def test_histogram_marks_median_and_p90() -> None:
    bins = pd.DataFrame({"start": [0.0, 1.0, 2.0], "end": [1.0, 2.0, math.nan], "count": [5, 3, 2]})
    spec = histogram_chart(bins, title="Wait", unit="hours", median=0.8, p90=2.5).to_dict()
    found = list(layers(spec))
    bars = next(layer for layer in found if mark(layer) == "bar")
    assert (field(bars, "x"), field(bars, "x2"), field(bars, "y")) == ("start", "end", "count")
    rules = next(layer for layer in found if mark(layer) == "rule")
    assert rules["encoding"]["strokeDash"]["scale"]["domain"] == ["median", "p90"]
    data = spec["datasets"][next(iter(spec["datasets"]))]
    assert data[-1]["end"] == 3.0 and data[-1]["tail"] is True
    assert "0.8 h" in spec["description"] and "2.5 h" in spec["description"]


def test_stage_chart_has_a_panel_per_stage_in_declared_order() -> None:
    stages = ["Waiting", "In work", "Closing"]
    rows = pd.DataFrame(
        {
            "x": ["2026-01"] * 3 + ["2026-02"] * 3,
            "stage": stages * 2,
            "median": [1.0, 2, 3, 1, 2, 4],
        }
    )
    spec = stage_chart(rows, title="Cycle", stages=stages, x_title="Period").to_dict()
    # One panel per stage, each on its own scale: a short stage is not a sliver under a long one.
    assert spec["facet"]["row"]["field"] == "stage"
    assert spec["facet"]["row"]["sort"] == stages
    assert spec["resolve"]["scale"]["y"] == "independent"
    bars = next(layers(spec))
    assert "stack" not in bars["encoding"]["y"]
    assert bars["encoding"]["color"]["scale"]["domain"] == stages
    assert "one panel for each stage, each on its own scale" in spec["description"]
    lines = stage_lines_chart(rows.rename(columns={"x": "period"}).assign(p90=5.0), title="Tails",
                              stages=stages).to_dict()  # fmt: skip
    assert lines["facet"]["field"] == "stage"
    assert lines["resolve"]["scale"]["y"] == "independent"


def test_colours_are_okabe_ito() -> None:
    palette = set(OKABE_ITO.values())
    assert set(PALETTE.values()) <= palette
    assert set(STATUS_COLOUR.values()) <= palette


def test_render_svg_is_labelled_and_stable() -> None:
    chart = trend_chart(trend_rows(6), title="Answered <fast>", unit="percent")
    svg = render_svg(chart)
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert 'role="img"' in svg
    assert "<title>Line chart of Answered &lt;fast&gt;" in svg
    assert render_svg(trend_chart(trend_rows(6), title="Answered <fast>", unit="percent")) == svg
    assert 'aria-label="period' not in svg, "points are not announced one by one"


def test_chart_text_follows_the_language() -> None:
    with use_language("zh"):
        spec = trend_chart(trend_rows(6), title="首次响应", unit="percent").to_dict()
    line = next(layer for layer in layers(spec) if mark(layer) == "line")
    assert line["encoding"]["color"]["scale"]["domain"][0] == "数值"
    assert line["encoding"]["x"]["title"] == "周期"
