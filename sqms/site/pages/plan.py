"""The quality plan page: objectives → indicators → where each stands now."""

from __future__ import annotations

from sqms.i18n import t
from sqms.site.pages.common import (
    DASHBOARD_PAGE,
    FAMILIES,
    FAMILY_WORDS,
    PLAN_PAGE,
    RESULTS_FILE,
    Page,
    indicator_link,
    latest,
    link,
    md_table,
    report_markdown,
    target_text,
    totals,
    value_text,
)
from sqms.site.reporting import ReportData
from sqms.text.formatting import escape, format_count, format_status, slug


def plan_page(data: ReportData) -> Page:
    """The quality plan: objectives, their indicators, latest values and status."""
    plan = data.plan
    lines = ["# " + t("page.plan.title"), "", t("page.plan.intro"), ""]
    lines += [t("page.plan.see_dashboard", link=link(DASHBOARD_PAGE, PLAN_PAGE)), ""]
    for objective in plan.spec.objectives:
        heading = f"## {escape(objective.id)} — {escape(objective.title)}"
        lines += [f"{heading} {{#{objective_anchor(objective.id)}}}", ""]
        if objective.description:
            lines += [escape(objective.description), ""]
        if objective.owner:
            lines += [t("page.owner") + ": " + escape(objective.owner), ""]
        ids = [i for i in objective.indicators if i in plan.indicators]
        lines += [*status_table(data, ids, PLAN_PAGE), ""]
    lines += ["## " + t("page.plan.all_indicators"), ""]
    for family in FAMILIES:
        ids = [i for i, ind in plan.indicators.items() if ind.spec.family == family]
        if ids:
            heading = "### " + t(FAMILY_WORDS[family])
            lines += [heading, "", *status_table(data, ids, PLAN_PAGE), ""]
    lines += [
        t("page.plan.machine_readable", path=RESULTS_FILE.split("/")[-1], link=RESULTS_FILE),
        "",
    ]
    return Page(PLAN_PAGE, report_markdown(lines))


def objective_anchor(objective_id: str) -> str:
    """The HTML id of an objective's section on the plan page: ``OBJ-1`` → ``obj-1``."""
    return slug(objective_id)


def status_table(data: ReportData, ids: list[str], page: str) -> list[str]:
    """Each indicator's latest complete period, value, target, status and n."""
    header = [
        t("col.indicator"),
        t("col.period"),
        t("col.latest"),
        t("col.target"),
        t("col.status"),
        "n",
    ]
    rows = []
    for ind_id in ids:
        indicator = data.plan.indicators[ind_id]
        last = latest(totals(data.results, ind_id))
        name = indicator_link(indicator, page)
        if last is None:
            rows.append([name, "—", "—", target_text(indicator), format_status("not_judged"), "—"])
            continue
        rows.append(
            [
                name,
                escape(last["period"]),
                value_text(indicator, last["value"]),
                target_text(indicator),
                format_status(str(last["status"])),
                format_count(last["n"]),
            ]
        )
    return md_table(header, rows)
