"""What customers say against what the indicators show: the comparison section.

Each pair of indicators is shown as a scatter of their values in the
periods both have, with Pearson's r and the number of periods in words, and
a caution, once, that a correlation is not a cause.
"""

from __future__ import annotations

from sqms.engine.plan import CompiledIndicator
from sqms.i18n import N_, t
from sqms.registers.common import FEEDBACK_PAGE, RegisterContext
from sqms.registers.feedback.analysis import Comparison, FeedbackFacts
from sqms.registers.feedback.charts import scatter_chart
from sqms.site.pages.common import figure, html_table, numbers
from sqms.text.formatting import UNIT_NAMES, escape, format_value

STRENGTHS = ((0.1, "none"), (0.3, "weak"), (0.5, "moderate"))
"""Below each bound of |r|, the relation is called this; from 0.5 on, strong."""
STRENGTH_WORDS: dict[str, str] = {
    "none": N_("feedback.strength.none"),
    "weak": N_("feedback.strength.weak"),
    "moderate": N_("feedback.strength.moderate"),
    "strong": N_("feedback.strength.strong"),
}
"""Each strength of a correlation (:data:`STRENGTHS`, then strong) → the id of its words."""
PERIOD_WORDS: dict[str, str] = {
    "week": N_("feedback.periods.week"),
    "month": N_("feedback.periods.month"),
    "quarter": N_("feedback.periods.quarter"),
    "year": N_("feedback.periods.year"),
}
"""Each kind of period an indicator is computed in → the id of its plural word (``months``)."""


def comparisons_section(facts: FeedbackFacts, context: RegisterContext) -> list[str]:
    """The section, or nothing when no pair is set up."""
    if not facts.comparisons:
        return []
    lines = ["## " + t("feedback.compare_title") + " {#feedback-compare}", ""]
    caution = t("feedback.caution_title")
    lines += [t("feedback.compare_intro"), "", f'!!! note "{caution}"', ""]
    lines += ["    " + t("feedback.caution"), ""]
    for comparison in facts.comparisons:
        lines += _comparison(comparison, context)
    return lines


def _comparison(comparison: Comparison, context: RegisterContext) -> list[str]:
    """One pair: the indicators linked, r in words, the scatter and its numbers."""
    plan = context.plan.indicators
    customer, service = plan.get(comparison.customer), plan.get(comparison.service)
    if customer is None or service is None:
        return []  # an unknown indicator has been reported when the project was loaded
    y_name, x_name = customer.spec.name, service.spec.name
    title = t("feedback.compare_chart_title", customer=y_name, service=x_name)
    links = t(
        "feedback.compare_links",
        customer=context.link("indicator", comparison.customer, FEEDBACK_PAGE, y_name),
        service=context.link("indicator", comparison.service, FEEDBACK_PAGE, x_name),
    )
    periods = t(PERIOD_WORDS[customer.period])
    text = r_text(comparison, periods, escape(x_name), escape(y_name))
    lines = [f"### {escape(title)}", "", links, "", text, ""]
    if comparison.points.empty:
        return lines
    chart = scatter_chart(
        comparison.points,
        title=title,
        x_title=_axis_title(service),
        y_title=_axis_title(customer),
        x_unit=service.spec.unit,
        y_unit=customer.spec.unit,
    )
    header = [t("feedback.col.period"), escape(x_name), escape(y_name)]
    points = comparison.points
    rows = [
        [str(period), _value(service, x), _value(customer, y)]
        for period, x, y in zip(points["period"], points["x"], points["y"], strict=True)
    ]
    caption = t("feedback.compare_caption", customer=y_name, service=x_name)
    return [*lines, figure(chart, caption), numbers(html_table(header, rows)), ""]


def _axis_title(indicator: CompiledIndicator) -> str:
    """An axis named by its indicator and unit: ``First contact resolution (percent)``."""
    unit = t(UNIT_NAMES[indicator.spec.unit])
    return f"{indicator.spec.name} ({unit})"


def _value(indicator: CompiledIndicator, value: object) -> str:
    return format_value(value, indicator.spec.unit, indicator.spec.decimals)


def strength(r: float) -> str:
    """How strong a correlation is called: ``none``, ``weak``, ``moderate`` or ``strong``."""
    return next((name for bound, name in STRENGTHS if abs(r) < bound), "strong")


def r_text(comparison: Comparison, periods: str, service: str, customer: str) -> str:
    """Pearson's r and the number of periods, in words (names already escaped)."""
    n = len(comparison.points)
    r = comparison.r
    if r is None:
        return t("feedback.r_unknown", n=n, periods=periods)
    word = strength(r)
    sign = t("feedback.sign.positive") if r > 0 else t("feedback.sign.negative")
    shown = f"{r:.2f}".replace("-", "−")
    text = t(
        "feedback.r_text",
        r=shown,
        n=n,
        periods=periods,
        strength=t(STRENGTH_WORDS[word], sign=sign),
    )
    if word == "none":
        return text
    relation = t(
        "feedback.r_relation",
        periods=periods,
        service=service,
        customer=customer,
        direction=t("feedback.direction.higher") if r > 0 else t("feedback.direction.lower"),
    )
    return f"{text} {relation}"
