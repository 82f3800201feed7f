"""Charts built with Altair and rendered at build time to inline SVG.

Every chart function takes aggregated rows only (one per period, breakdown
value, stage or bin), never data rows, and returns an Altair chart with a
title and a text description; :func:`render_svg` turns it into SVG text.
"""

from __future__ import annotations

from sqms.site.charts.base import PALETTE, render_svg
from sqms.site.charts.breakdown import breakdown_chart, pareto_chart, pareto_table
from sqms.site.charts.control import control_chart
from sqms.site.charts.durations import histogram_chart, stage_chart, stage_lines_chart
from sqms.site.charts.trend import sparkline, trend_chart

__all__ = [
    "PALETTE",
    "breakdown_chart",
    "control_chart",
    "histogram_chart",
    "pareto_chart",
    "pareto_table",
    "render_svg",
    "sparkline",
    "stage_chart",
    "stage_lines_chart",
    "trend_chart",
]
