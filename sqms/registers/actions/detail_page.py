"""One page per improvement action: the problem, its cause, the plan, and whether it worked.

The page follows the action through PDCA (QP-08): what it is and where it
came from, the problem, the root cause (the 5 whys as a numbered list), the
steps with their owners and due dates (overdue steps flagged), the linked
complaints, indicators and documents, and the effectiveness check: the
indicator before and after in a chart with the numbers behind it, the two
pooled values, each criterion met or not, and the verdict.

Made from the register's facts (:class:`~sqms.registers.actions.analysis.ActionsFacts`)
and the effectiveness judgement (:mod:`sqms.registers.actions.effectiveness`);
the words it shares with the register page and the review (stage, verdict,
source, a change) come from :mod:`sqms.registers.actions.labels`, the chart
from :mod:`sqms.registers.actions.charts`.
"""

from __future__ import annotations

import math

from sqms.engine.plan import CompiledIndicator
from sqms.i18n import N_, nt, t
from sqms.registers.actions.analysis import ActionsFacts
from sqms.registers.actions.charts import effectiveness_chart
from sqms.registers.actions.effectiveness import Check, Judgement, Window, target_required
from sqms.registers.actions.labels import (
    VERDICT_SYMBOL,
    change_text,
    kind_word,
    overdue_due_text,
    source_text,
    status_text,
    verdict_text,
    window_word,
)
from sqms.registers.actions.spec import Action, Effectiveness
from sqms.registers.common import ACTIONS_PAGE, RegisterContext, action_path, relative
from sqms.site.pages.common import (
    Page,
    bound_text,
    figure,
    html_table,
    md_table,
    numbers,
    value_text,
)
from sqms.text.formatting import (
    escape,
    format_count,
    format_date,
    format_period,
    format_span,
    format_status,
)

CHECK_SYMBOL = {
    "unreached": "pending",
    "before_data": "not_judged",
    "no_value": "not_judged",
    "small_n": "not_judged",
}
"""What stops a verdict is marked as the verdict it leads to, not as a failure."""
CHECK_TEXTS: dict[tuple[str, str], str] = {
    ("unreached", "fail"): N_("actions.check.unreached.fail"),
    ("before_data", "fail"): N_("actions.check.before_data.fail"),
    ("no_value", "fail"): N_("actions.check.no_value.fail"),
    ("small_n", "fail"): N_("actions.check.small_n.fail"),
    ("direction", "ok"): N_("actions.check.direction.ok"),
    ("direction", "fail"): N_("actions.check.direction.fail"),
    ("min_change", "ok"): N_("actions.check.min_change.ok"),
    ("min_change", "fail"): N_("actions.check.min_change.fail"),
    ("significance", "ok"): N_("actions.check.significance.ok"),
    ("significance", "fail"): N_("actions.check.significance.fail"),
    ("target", "ok"): N_("actions.check.target.ok"),
    ("target", "fail"): N_("actions.check.target.fail"),
    ("target", "none"): N_("actions.check.target.none"),
}
"""Each criterion of a check and its outcome (``ok``, ``fail``, ``none``) → the id of its text.

What stops a verdict (``unreached``, ``before_data``, ``no_value``,
``small_n``) never passes, so it has only a ``fail`` text.
"""
CATEGORY_WORDS: dict[str, str] = {
    "process": N_("actions.category.process"),
    "people": N_("actions.category.people"),
    "system": N_("actions.category.system"),
    "supplier": N_("actions.category.supplier"),
    "policy": N_("actions.category.policy"),
    "unknown": N_("actions.category.unknown"),
}
"""Each category of root cause → the id of its word."""
STATE_WORDS: dict[str, str] = {
    "before": N_("actions.state.before"),
    "unreached": N_("actions.state.unreached"),
}
"""A period outside the data (before it starts, not reached yet) → the id of its word.

A period ``in`` the data shows its status instead.
"""
LINKED = (
    ("complaints", "complaint", N_("actions.linked.complaints")),
    ("indicators", "indicator", N_("actions.linked.indicators")),
    ("documents", "document", N_("actions.linked.documents")),
)
"""Each list of linked items: the action's field, the kind of item, and the id of its heading."""


def action_page(action: Action, facts: ActionsFacts, context: RegisterContext) -> Page:
    """The page of one action."""
    page = action_path(action.id)
    lines = [f"# {escape(action.id)} — {escape(action.title)}", ""]
    back = t("actions.title")
    lines += [f"[← {back}]({relative(ACTIONS_PAGE, page)})", ""]
    lines += [*_fields(action, facts, context, page), ""]
    lines += ["## " + t("actions.problem"), "", escape(action.problem), ""]
    lines += [*_root_cause(action), *_steps(action, facts), *_links(action, context, page)]
    if action.notes:
        lines += ["## " + t("actions.notes"), "", escape(action.notes), ""]
    lines += ["## " + t("actions.effectiveness"), ""]
    check = action.effectiveness
    judgement = facts.judgements.get(action.id)
    if check is None:
        lines += [t("actions.no_check"), ""]
    elif judgement is None:
        lines += [_criterion(check, None, context, page), "", t("actions.no_results"), ""]
    else:
        indicator = context.plan.indicators[check.indicator]
        lines += [_criterion(check, indicator, context, page), ""]
        lines += _effect(judgement, indicator, target_required(check, indicator))
    return Page(page, "\n".join(lines))


def _fields(action: Action, facts: ActionsFacts, context: RegisterContext, page: str) -> list[str]:
    """Kind, stage, source, dates and owner, as a two-column table."""
    source = source_text(action, context, page, None)
    if action.source.note:
        source += f" — {escape(action.source.note)}"
    rows = [
        [t("actions.col.kind"), kind_word(action)],
        [t("actions.col.status"), status_text(action)],
        [t("actions.col.source"), source],
        [t("actions.col.opened"), str(action.opened)],
        [t("actions.col.owner"), escape(action.owner)],
        [t("actions.col.effectiveness"), verdict_text(facts.verdict(action))],
    ]
    return md_table([t("actions.col.field"), t("actions.col.value")], rows)


def _root_cause(action: Action) -> list[str]:
    """The cause's category and the 5 whys, numbered."""
    lines = ["## " + t("actions.root_cause"), ""]
    cause = action.root_cause
    if cause is None:
        return [*lines, t("actions.no_root_cause"), ""]
    if cause.category is not None:
        category = t(CATEGORY_WORDS[cause.category])
        lines += [t("actions.category", category=category), ""]
    if cause.whys:
        lines += [*(f"{i}. {escape(why)}" for i, why in enumerate(cause.whys, start=1)), ""]
    return lines


def _steps(action: Action, facts: ActionsFacts) -> list[str]:
    """The plan's steps: what, who, due and done; overdue steps flagged in words."""
    lines = ["## " + t("actions.steps"), ""]
    if not action.steps:
        return [*lines, t("actions.no_steps"), ""]
    rows = []
    for number, step in enumerate(action.steps, start=1):
        due = str(step.due)
        if step.done is None and action.status != "closed" and step.due < facts.today:
            due = overdue_due_text(step.due)
        done = "—" if step.done is None else str(step.done)
        rows.append([str(number), escape(step.what), escape(step.owner), due, done])
    header = [
        t("actions.col.number"),
        t("actions.col.what"),
        t("actions.col.owner"),
        t("actions.col.due"),
        t("actions.col.done"),
    ]
    lines += [*md_table(header, rows), ""]
    if action.status != "closed" and any(step.done is None for step in action.steps):
        lines += [t("asof.action_steps", date=format_date(facts.today)), ""]
    return lines


def _links(action: Action, context: RegisterContext, page: str) -> list[str]:
    """The complaints, indicators and documents linked to the action."""
    found = []
    for key, kind, heading in LINKED:
        ids = getattr(action, key)
        if ids:
            links = ", ".join(context.link(kind, i, page, _name(kind, i, context)) for i in ids)
            title = t(heading)
            found.append(f"- **{title}:** {links}")
    if not found:
        return []
    return ["## " + t("actions.linked"), "", *found, ""]


def _name(kind: str, item_id: str, context: RegisterContext) -> str:
    """An indicator by its name, a document as ``QP-03 Title``, other ids as they are."""
    if kind == "indicator" and item_id in context.plan.indicators:
        return context.plan.indicators[item_id].spec.name
    document = context.manual.documents.get(item_id) if kind == "document" else None
    return item_id if document is None else f"{item_id} {document.meta.title}"


def _criterion(
    check: Effectiveness, indicator: CompiledIndicator | None, context: RegisterContext, page: str
) -> str:
    """What the check compares and requires, in one sentence."""
    name = indicator.spec.name if indicator is not None else check.indicator
    subject = context.link("indicator", check.indicator, page, name)
    dim, value = check.dimension
    if dim:
        subject += " " + t("actions.breakdown", dim=escape(dim), value=escape(value))
    parts = [
        t(
            "actions.criterion",
            indicator=subject,
            baseline=escape(_span(check.baseline, said=True)),
            follow_up=escape(_span(check.follow_up, said=True)),
        )
    ]
    if check.min_change is not None and indicator is not None:
        parts.append(t("actions.criterion_min", change=change_text(check.min_change, indicator)))
    if indicator is not None and indicator.spec.measure == "share":
        parts.append(t("actions.criterion_significance"))
    if indicator is not None and target_required(check, indicator):
        parts.append(t("actions.criterion_target"))
    return " ".join(parts)


def _span(window: str, said: bool = False) -> str:
    """``2025-09..2026-02`` as ``2025-09 – 2026-02``; ``said``: in a sentence's language."""
    first, _, last = window.partition("..")
    if said:
        return format_span(first, last or first)
    return first if not last or last == first else f"{first} – {last}"


def _effect(judgement: Judgement, indicator: CompiledIndicator, target: bool) -> list[str]:
    """The chart with its numbers, the pooled windows, each criterion and the verdict."""
    title = t("actions.chart.title", name=indicator.spec.name)
    unit = indicator.spec.unit
    chart = effectiveness_chart(judgement, title=title, unit=unit, show_target=target)
    lines = [figure(chart, title), "", numbers(_period_numbers(judgement, indicator)), ""]
    header = [
        t("actions.col.window"),
        t("actions.col.periods"),
        t("actions.col.value"),
        t("actions.col.n"),
    ]
    rows = [_window_row(w, indicator) for w in (judgement.baseline, judgement.follow_up)]
    if judgement.change is not None:
        rows.append([t("actions.change"), "", change_text(judgement.change, indicator), ""])
    lines += [*md_table(header, rows), ""]
    lines += [t("actions.verdict_line", verdict=verdict_text(judgement.verdict)), ""]
    lines += [*(f"- {check_text(c, indicator)}" for c in judgement.checks), ""]
    return lines


def _window_row(window: Window, indicator: CompiledIndicator) -> list[str]:
    """One window: its name, periods, pooled value and n."""
    periods = f"{_span(f'{window.first}..{window.last}')} ({window.periods})"
    return [
        window_word(window.name),
        periods,
        value_text(indicator, window.value),
        format_count(window.n),
    ]


def _period_numbers(judgement: Judgement, indicator: CompiledIndicator) -> str:
    """The numbers behind the chart: each period's window, value, n, target and status."""
    header = [
        t("actions.col.period"),
        t("actions.col.window"),
        t("actions.col.value"),
        t("actions.col.n"),
        t("actions.col.target"),
        t("actions.col.status"),
    ]
    series = judgement.series
    rows = [
        [
            escape(period),
            window_word(window) if window else "—",
            value_text(indicator, value),
            format_count(n),
            bound_text(indicator, target),
            format_status(status) if state == "in" else t(STATE_WORDS[state]),
        ]
        for period, window, value, n, target, status, state in zip(
            series["period"].astype("str"),
            series["window"].astype("str"),
            series["value"],
            series["n"],
            series["target"],
            series["status"].astype("str"),
            series["state"].astype("str"),
            strict=True,
        )
    ]
    return html_table(header, rows)


def check_text(check: Check, indicator: CompiledIndicator) -> str:
    """One criterion, met (✔) or not (✖), in words with its numbers."""
    values = dict(check.values)
    for key in ("change", "minimum"):
        if key in values:
            values[key] = change_text(float(values[key]), indicator)
    for key in ("value", "target"):
        if key in values and values[key] is not None:
            values[key] = value_text(indicator, values[key])
    if "window" in values:
        values["window"] = window_word(values["window"])
    if values.get("period") is not None:
        values["period"] = format_period(values["period"])
    if "periods" in values:  # period labels joined by ", " (they hold no comma)
        periods = str(values["periods"]).split(", ")
        values["periods"] = t("diag.list_separator").join(map(format_period, periods))
    if "n" in values:
        values["n"] = nt("count.observations", round(values["n"]), count=format_count(values["n"]))
    if check.name == "significance":
        values["z"] = "—" if values["z"] is None else f"{values['z']:.2f}"
        values["p"] = p_text(values["p"])
    outcome = "ok" if check.passed else "fail"
    if check.name == "target" and values.get("target") is None:
        outcome = "none"
    symbol = VERDICT_SYMBOL[CHECK_SYMBOL.get(check.name, "passed" if check.passed else "failed")]
    text = t(CHECK_TEXTS[check.name, outcome], **values)
    return f"{symbol} {text}"


def p_text(p: float | None) -> str:
    """A p-value with its relation, as shown after "p": ``= 0.238``; ``< 0.001`` when smaller."""
    if p is None or math.isnan(p):
        return "= —"
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"
