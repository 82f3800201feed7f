"""The management-review pages: one per period, and their index."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence

import pandas as pd

from sqms.engine.review_periods import REVIEW_DIR, ReviewPeriod, latest_quarters
from sqms.i18n import t
from sqms.registers.common import RegisterAnalysis, RegisterContext
from sqms.registers.reviews.review import no_review_held
from sqms.review.plan_inputs import plan_review
from sqms.review.sections import (
    SECTION_MISSING,
    SECTION_SHORT,
    SECTION_TITLES,
    SECTIONS,
    ReviewLines,
)
from sqms.site.pages.common import Page, link
from sqms.text.formatting import format_date, format_period

INDEX_PAGE = f"{REVIEW_DIR}/index.md"


def review_inputs(
    period: ReviewPeriod,
    context: RegisterContext,
    analyses: Mapping[str, RegisterAnalysis],
) -> dict[str, list[str]]:
    """Every contributor's lines for ``period``, by section: the plan first, then each register."""
    found: dict[str, list[str]] = defaultdict(list)
    contributions: list[ReviewLines] = [plan_review(context.report, context.manual, period)]
    for analysis in analyses.values():
        review = getattr(analysis, "review", None)
        if callable(review):
            contributions.append(review(context, period))
    for contribution in contributions:
        for section, lines in contribution.items():
            if lines:
                found[section] += [*lines, ""]
    return dict(found)


def review_page(
    period: ReviewPeriod, context: RegisterContext, analyses: Mapping[str, RegisterAnalysis]
) -> Page:
    """The management review of ``period``: every 9.3.2 input, then the outputs to record."""
    inputs = review_inputs(period, context, analyses)
    as_of = min(period.end, context.today)
    lines = ["# " + t("review.title", period=format_period(period.label)), ""]
    days = {"start": period.start, "end": period.end, "as_of": as_of}
    lines += [t("review.intro", **{key: format_date(day) for key, day in days.items()}), ""]
    missing = [section for section in SECTIONS[:-1] if section not in inputs]
    if missing:
        names = ", ".join(t(SECTION_SHORT[section]) for section in missing)
        warning = t("review.missing_title")
        lines += [f'!!! warning "{warning}"', "", f"    {names}", ""]
    for section in SECTIONS:
        lines += ["## " + t(SECTION_TITLES[section]), ""]
        if section == "outputs":
            lines += [t("review.outputs"), ""]
            lines += review_held(period, context, analyses)
        elif section in inputs:
            lines += inputs[section]
        else:
            warning, missing_text = t("review.no_input"), t(SECTION_MISSING[section])
            lines += [f'!!! warning "{warning}"', "", f"    {missing_text}", ""]
    back, back_text = link(INDEX_PAGE, period.path), t("review.all_reviews")
    lines += [f"[{back_text}]({back})", ""]
    return Page(period.path, "\n".join(lines))


def review_held(
    period: ReviewPeriod, context: RegisterContext, analyses: Mapping[str, RegisterAnalysis]
) -> list[str]:
    """The review held for ``period`` (the management review register), or that none is."""
    held = getattr(analyses.get("reviews"), "held", None)
    return list(held(context, period)) if callable(held) else no_review_held(period)


def index_page(periods: Sequence[ReviewPeriod]) -> Page:
    """The list of management reviews, newest first."""
    lines = ["# " + t("review.index_title"), "", t("review.index_intro"), ""]
    for period in periods:
        target = link(period.path, INDEX_PAGE)
        title = t("review.title", period=format_period(period.label))
        lines.append(f"- [{title}]({target})")
    if not periods:
        lines.append(t("review.none"))
    return Page(INDEX_PAGE, "\n".join([*lines, ""]))


def review_periods(
    results: pd.DataFrame, count: int, extra: Sequence[ReviewPeriod] = ()
) -> list[ReviewPeriod]:
    """The latest ``count`` complete quarters of the results, plus ``extra`` periods asked for."""
    totals = results[(results["dim"] == "") & ~results["partial"].astype("bool")]
    last: dt.date | None = None
    if not totals.empty:
        month = pd.Period(max(totals["period_start"]), freq="M")
        last = month.end_time.date()
    periods = latest_quarters(last, count)
    known = {period.label for period in periods}
    periods += [period for period in extra if period.label not in known]
    return sorted(periods, key=lambda period: (period.start, period.end), reverse=True)


def review_pages(
    context: RegisterContext,
    analyses: Mapping[str, RegisterAnalysis],
    count: int,
    extra: Sequence[ReviewPeriod] = (),
) -> list[Page]:
    """The index and one page per review period."""
    periods = review_periods(context.results, count, extra)
    return [index_page(periods), *(review_page(p, context, analyses) for p in periods)]
