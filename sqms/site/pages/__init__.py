"""Generated pages, as Markdown: the dashboard, the quality plan, the service cycle
and one page per indicator.

Pages are built from the plan and the aggregated results only (see
:mod:`sqms.site.reporting`). Every text from YAML or data is escaped; every chart
comes with a title, a description and its numbers in a table.
"""

from __future__ import annotations

import pandas as pd

from sqms.engine.plan import Plan
from sqms.site.pages.common import (
    CYCLE_PAGE,
    DASHBOARD_PAGE,
    FAMILIES,
    INDICATOR_DIR,
    PLAN_PAGE,
    RESULTS_FILE,
    Page,
    indicator_path,
)
from sqms.site.pages.cycle import cycle_page
from sqms.site.pages.dashboard import dashboard_page
from sqms.site.pages.indicator import indicator_page
from sqms.site.pages.plan import plan_page
from sqms.site.reporting import ReportData, build_report

__all__ = [
    "CYCLE_PAGE",
    "DASHBOARD_PAGE",
    "FAMILIES",
    "INDICATOR_DIR",
    "PLAN_PAGE",
    "RESULTS_FILE",
    "Page",
    "cycle_page",
    "dashboard_page",
    "generated_pages",
    "indicator_page",
    "indicator_path",
    "plan_page",
]


def generated_pages(
    plan: Plan, results: pd.DataFrame, data: ReportData | None = None
) -> list[Page]:
    """Every page SQMS adds to the site.

    ``data`` carries what only the datasets can give (the service cycle,
    histograms, data sources); without it the pages show what the results
    table holds.
    """
    report = data if data is not None else build_report(plan, results)
    pages = [dashboard_page(report), plan_page(report)]
    cycle = cycle_page(report)
    if cycle is not None:
        pages.append(cycle)
    return [*pages, *(indicator_page(report, ind_id) for ind_id in plan.indicators)]
