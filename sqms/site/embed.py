"""Live figures and charts inside manual pages, from directives that read well in a diff.

An author writes, on a line of its own (``value`` may also sit inside a sentence)::

    <!-- sqms:value frt_within_4h -->
    <!-- sqms:chart frt_within_4h by=channel -->
    <!-- sqms:table frt_within_4h periods=6 -->
    <!-- sqms:cycle by=team -->

and the build replaces each with the figure, chart or table, made by the same
code as the generated pages. The directives are HTML comments, so a page
still reads as plain Markdown in a pull request. Directives inside fenced code
blocks and inline code are left alone (the reference page shows them so).

Unknown directives, indicators, options, dimensions and periods are errors
located at ``page:line``, with a suggestion of the closest name. This module
is pure: it never imports MkDocs, and returns diagnostics instead of failing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

from sqms.diagnostics import Diagnostic, message_of
from sqms.engine.distributions import has_distribution
from sqms.engine.service_cycle import STAGES, STATUSES
from sqms.i18n import N_, did_you_mean, t
from sqms.schema.validation import allowed_list
from sqms.site.pages.blocks import (
    PARETO_MEASURES,
    breakdown_block,
    control_block,
    distribution_block,
    latest_by,
    pareto_block,
    trend_block,
    values_rows,
    values_table,
)
from sqms.site.pages.common import (
    bound_text,
    complete,
    html_table,
    indicator_path,
    latest,
    link,
    numbers,
    totals,
    value_text,
)
from sqms.site.pages.cycle import cycle_block
from sqms.site.reporting import ReportData
from sqms.text.formatting import escape, format_count, format_period, format_status

DIRECTIVE = re.compile(r"<!--\s*sqms:(?P<name>[\w-]*)(?P<args>(?:(?!-->).)*?)\s*-->")
FENCE = re.compile(r"^\s{0,3}(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?P<ticks>`+).*?(?P=ticks)")
CHART_KINDS = ("trend", "control", "breakdown", "pareto", "distribution")
SHOW = ("full", "value", "status", "target", "n", "period")
LABELS = ("name", "none")
"""``label=``: a value led by its indicator's name and period, or bare (inside a sentence)."""
OPTIONS: dict[str, tuple[str, ...]] = {
    "value": ("show", "period", "for", "label"),
    "chart": ("kind", "by", "periods"),
    "table": ("by", "periods"),
    "cycle": ("by", "view", "periods"),
}
"""Each directive and the options it takes."""
BLOCKS = frozenset({"chart", "table", "cycle"})
"""Directives that become blocks, and so must stand on a line of their own."""


class DirectiveError(Exception):
    """A directive that cannot be rendered; the message says why, translated."""


@dataclass(frozen=True)
class Directive:
    """One parsed directive: its name, its indicator (if any) and its options."""

    name: str
    target: str | None
    options: dict[str, str]


@dataclass(frozen=True)
class EmbedContext:
    """Where the directives are: the page's site path, how it is shown, its first line."""

    data: ReportData
    page: str
    """The page's path in the site (``procedures/qp-03.md``), for relative links."""
    display: str
    """The page's path as shown in messages (``manual/procedures/qp-03.md``)."""
    first_line: int = 1
    """The source line of the Markdown's first line (after front matter)."""


def render_directives(markdown: str, context: EmbedContext) -> tuple[str, list[Diagnostic]]:
    """Replace every directive in ``markdown``; return the new text and the problems found."""
    out: list[str] = []
    problems: list[Diagnostic] = []
    for index, line, in_code in _lines(markdown):
        if in_code:
            out.append(line)
            continue
        try:
            out.extend(_render_line(line, context))
        except DirectiveError as exc:
            problems.append(
                Diagnostic(context.display, context.first_line + index, message_of(exc))
            )
            out.append(line)
    return "\n".join(out), problems


def check_directives(markdown: str, context: EmbedContext) -> list[Diagnostic]:
    """The problems :func:`render_directives` would find, without drawing anything.

    ``sqms check`` judges every page's directives as the build does, in a
    fraction of the time: names, indicators, options, dimensions, periods and
    block directives standing on a line of their own.
    """
    problems: list[Diagnostic] = []
    for index, line, in_code in _lines(markdown):
        if in_code:
            continue
        found = _directives(line)
        try:
            parsed = [parse(m.group("name"), m.group("args"), context.data) for m in found]
            _check_placement(line, found, parsed)
        except DirectiveError as exc:
            problems.append(
                Diagnostic(context.display, context.first_line + index, message_of(exc))
            )
    return problems


def _lines(markdown: str) -> Iterator[tuple[int, str, bool]]:
    """Each line with its index, and whether it is inside (or opens or closes) a code fence."""
    fence: str | None = None
    for index, line in enumerate(markdown.split("\n")):
        opened = FENCE.match(line)
        if fence is not None or opened:
            fence = _fence_state(fence, opened.group("fence") if opened else None)
            yield index, line, True
        else:
            yield index, line, False


def _check_placement(line: str, found: list[re.Match[str]], parsed: list[Directive]) -> None:
    """A block directive (chart, table, cycle) must stand alone on its line."""
    blocks = [d for d in parsed if d.name in BLOCKS]
    if blocks and (len(found) > 1 or line.strip() != found[0].group(0)):
        raise DirectiveError(t("embed.own_line", name=blocks[0].name))


def line_offset(source: str, markdown: str) -> int:
    """The source line where ``markdown`` starts (front matter stripped before it), 1-based."""
    if markdown and source.endswith(markdown):
        return source[: len(source) - len(markdown)].count("\n") + 1
    return 1


def _fence_state(fence: str | None, marker: str | None) -> str | None:
    """Enter a fenced block at an opening fence; leave it at a matching closing fence."""
    if fence is None:
        return marker
    if marker is not None and marker[0] == fence[0] and len(marker) >= len(fence):
        return None
    return fence


def _directives(line: str) -> list[re.Match[str]]:
    """Directives in a line, except those inside inline code."""
    spans = [m.span() for m in CODE_SPAN.finditer(line)]
    return [
        m
        for m in DIRECTIVE.finditer(line)
        if not any(start <= m.start() < end for start, end in spans)
    ]


def _render_line(line: str, context: EmbedContext) -> list[str]:
    """The line with its directives replaced (a block directive becomes several lines)."""
    found = _directives(line)
    if not found:
        return [line]
    parsed = [
        (match, parse(match.group("name"), match.group("args"), context.data)) for match in found
    ]
    _check_placement(line, found, [d for _, d in parsed])
    blocks = [d for _, d in parsed if d.name in BLOCKS]
    if blocks:
        indent = line[: len(line) - len(line.lstrip())]
        rendered = render_block(blocks[0], context)
        return ["", *(indent + part if part else part for part in rendered), ""]
    text, position = "", 0
    alone = len(found) == 1 and line.strip() == found[0].group(0)
    for match, directive in parsed:
        text += line[position : match.start()] + render_value(directive, context, alone)
        position = match.end()
    return [text + line[position:]]


def parse(name: str, args: str, data: ReportData) -> Directive:
    """Parse and check one directive's name, indicator and options."""
    if name not in OPTIONS:
        hint = did_you_mean(name, OPTIONS, prefix="sqms:")
        raise DirectiveError(t("embed.unknown_directive", name=name, hint=hint))
    words = args.split()
    target = None
    if name != "cycle":
        if not words or "=" in words[0]:
            raise DirectiveError(t("embed.needs_indicator", name=name))
        target = words.pop(0)
        if target not in data.plan.indicators:
            raise DirectiveError(
                _unknown(N_("plan.unknown_indicator"), target, data.plan.indicators)
            )
    options: dict[str, str] = {}
    for word in words:
        key, equals, value = word.partition("=")
        if not equals or not value:
            raise DirectiveError(t("embed.bad_option", word=word))
        if key not in OPTIONS[name]:
            raise DirectiveError(
                _unknown(
                    N_("embed.unknown_option"),
                    key,
                    OPTIONS[name],
                    directive=name,
                    known=", ".join(OPTIONS[name]),
                )
            )
        if key in options:
            raise DirectiveError(t("embed.repeated_option", key=key))
        options[key] = value
    directive = Directive(name, target, options)
    _check(directive, data)
    return directive


def _check(directive: Directive, data: ReportData) -> None:
    """Option values: choices, dimensions, period counts and labels."""
    options = directive.options
    _choice(options, "kind", CHART_KINDS)
    _choice(options, "show", SHOW)
    _choice(options, "label", LABELS)
    _choice(options, "view", (STAGES, STATUSES))
    if "periods" in options and not (options["periods"].isdigit() and int(options["periods"]) > 0):
        raise DirectiveError(t("embed.bad_periods", value=options["periods"]))
    if directive.name == "cycle":
        _check_cycle(options, data)
        return
    indicator = data.plan.indicators[directive.target or ""]
    if "by" in options:
        _dimension(indicator.id, options["by"], indicator.spec.by)
    if directive.name == "chart":
        _check_kind(directive, data)
    if "for" in options:
        dim, _, value = options["for"].partition(":")
        _dimension(indicator.id, dim, indicator.spec.by)
        values = set(
            data.results.loc[
                (data.results["indicator"] == indicator.id) & (data.results["dim"] == dim),
                "dim_value",
            ]
        )
        if value not in values:
            raise DirectiveError(
                _unknown(N_("embed.unknown_value"), value, sorted(values), dim=dim)
            )
    if "period" in options:
        labels = list(dict.fromkeys(totals(data.results, indicator.id)["period"]))
        if options["period"] not in labels:
            raise DirectiveError(
                _unknown(N_("embed.unknown_period"), options["period"], labels, id=indicator.id)
            )


def _check_kind(directive: Directive, data: ReportData) -> None:
    """A chart's kind fits its options and its indicator."""
    indicator = data.plan.indicators[directive.target or ""]
    kind = directive.options.get("kind") or ("breakdown" if "by" in directive.options else "trend")
    needs_by = kind in ("breakdown", "pareto")
    if needs_by and "by" not in directive.options:
        raise DirectiveError(t("embed.kind_needs_by", kind=kind))
    if not needs_by and "by" in directive.options:
        raise DirectiveError(t("embed.by_not_for_kind", kind=kind))
    if kind == "pareto" and indicator.spec.measure not in PARETO_MEASURES:
        raise DirectiveError(t("embed.no_pareto", id=indicator.id, measure=indicator.spec.measure))
    if kind == "distribution" and not has_distribution(indicator):
        raise DirectiveError(t("embed.no_distribution", id=indicator.id))


def _check_cycle(options: dict[str, str], data: ReportData) -> None:
    if data.cycle is None:
        raise DirectiveError(t("embed.no_cycle"))
    if "by" in options:
        _dimension("service_cycle", options["by"], data.cycle.by)
    if not data.cycle.stages.get(options.get("view", STAGES)):
        raise DirectiveError(t("embed.no_history"))


def _choice(options: dict[str, str], key: str, allowed: Iterable[str]) -> None:
    if key in options and options[key] not in allowed:
        message = t("schema.not_one_of", key=key, value=options[key], allowed=allowed_list(allowed))
        raise DirectiveError(message)


def _dimension(owner: str, dim: str, known: list[str]) -> None:
    if dim not in known:
        raise DirectiveError(
            _unknown(
                N_("embed.unknown_dimension"), dim, known, id=owner, known=", ".join(known) or "—"
            )
        )


def _unknown(key: str, name: str, candidates: Iterable[str], **values: object) -> str:
    """An "unknown X" message with the closest known name, if any."""
    return t(key, name=name, hint=did_you_mean(name, candidates), **values)


def render_value(directive: Directive, context: EmbedContext, alone: bool = False) -> str:
    """A value, labelled when it stands alone on its line (``label=name``), bare in a sentence.

    Bare: ``**95.5%** (2026-10; ✔ meets target, target ≥ 95.0%)``, the sentence
    around it saying what it is. Labelled: ``First response within 4 business
    hours, 2026-10: **95.5%** (✔ meets target, target ≥ 95.0%)``.
    """
    data = context.data
    indicator = data.plan.indicators[directive.target or ""]
    row = _value_row(directive, data)
    if row is None:
        return t("embed.no_value")
    period = escape(format_period(row["period"]))
    parts = {
        "value": value_text(indicator, row["value"]),
        "status": format_status(str(row["status"])),
        "target": bound_text(indicator, row["target"]),
        "n": format_count(row["n"]),
        "period": period + ", " + t("page.partial") if row["partial"] else period,
    }
    show = directive.options.get("show", "full")
    href = link(indicator_path(indicator.id), context.page)
    labelled = directive.options.get("label", "name" if alone else "none") == "name"
    if show != "full":
        shown = parts[show]
    elif labelled:
        shown = t("embed.value_labelled", href=href, **parts)
    else:
        return t("embed.value_full", href=href, **parts)
    if not labelled:
        return shown
    name = _label(directive, data)
    if show == "period":
        return t("embed.label_plain", name=name, shown=shown)
    return t("embed.label", name=name, shown=shown, period=parts["period"])


def _value_row(directive: Directive, data: ReportData) -> pd.Series | None:
    """The results row a value directive shows: its period (or the latest), its breakdown."""
    ind_id = directive.target or ""
    rows = totals(data.results, ind_id)
    if "for" in directive.options:
        dim, _, value = directive.options["for"].partition(":")
        results = data.results
        rows = results[
            (results["indicator"] == ind_id)
            & (results["dim"] == dim)
            & (results["dim_value"] == value)
        ].sort_values("period_start")
    if "period" in directive.options:
        rows = rows[rows["period"] == directive.options["period"]]
        return None if rows.empty else rows.iloc[-1]
    return latest(rows)


def _label(directive: Directive, data: ReportData) -> str:
    """The indicator's name, with the breakdown value of ``for=`` (``… (Channel: chat)``)."""
    ind_id = directive.target or ""
    name = escape(data.plan.indicators[ind_id].spec.name)
    if "for" not in directive.options:
        return name
    dim, _, value = directive.options["for"].partition(":")
    label = escape(data.column_label(ind_id, dim))
    return t("embed.label_for", name=name, dim=label, value=escape(value))


def render_block(directive: Directive, context: EmbedContext) -> list[str]:
    """A chart, table or service-cycle block, as Markdown lines."""
    data, options = context.data, directive.options
    periods = int(options["periods"]) if "periods" in options else None
    if directive.name == "cycle":
        assert data.cycle is not None
        view = options.get("view", STAGES)
        return cycle_block(data.cycle, view, options.get("by", ""), periods)
    ind_id = directive.target or ""
    if directive.name == "table":
        if "by" in options:
            rows = data.results[
                (data.results["indicator"] == ind_id) & (data.results["dim"] == options["by"])
            ]
            overall = complete(totals(data.results, ind_id))
            label = data.column_label(ind_id, options["by"])
            return latest_by(data.plan.indicators[ind_id], complete(rows), overall, label)
        return [*values_table(data, ind_id, periods), ""]
    return [*_chart(directive, data, periods), _more(ind_id, context), ""]


def _chart(directive: Directive, data: ReportData, periods: int | None) -> list[str]:
    ind_id, options = directive.target or "", directive.options
    kind = options.get("kind") or ("breakdown" if "by" in options else "trend")
    if kind == "trend":
        table = html_table(*values_rows(data, ind_id, periods))
        return [*trend_block(data, ind_id, periods), numbers(table), ""]
    if kind == "control":
        return control_block(data, ind_id, periods)
    if kind == "breakdown":
        return breakdown_block(data, ind_id, options["by"], periods)
    if kind == "pareto":
        return pareto_block(data, ind_id, options["by"], *([periods] if periods else []))
    return distribution_block(data, ind_id)


def _more(ind_id: str, context: EmbedContext) -> str:
    """A link to the indicator's own page, where everything about it is."""
    indicator = context.data.plan.indicators[ind_id]
    href = link(indicator_path(ind_id), context.page)
    return t("embed.more", name=escape(indicator.spec.name), href=href)


__all__ = ["EmbedContext", "line_offset", "render_directives"]
