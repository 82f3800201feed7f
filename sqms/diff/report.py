"""The comparison of :mod:`sqms.diff.compare` written for people: Markdown or plain text.

Markdown is meant for a pull-request comment (or a job summary): headings,
bullet lists and tables, every text from the project escaped. Plain text is
for a terminal. Both say the same things in the same order; only the layout
differs. Values are shown in their indicator's unit, statuses by symbol and
word, periods and dates in the current language.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqms.diff.compare import ProjectDiff
from sqms.diff.documents import DocumentChange, DocumentEntry, DocumentsDiff
from sqms.diff.indicators import DefinitionChange, IndicatorsDiff, ValueChanges
from sqms.i18n import N_, nt, t
from sqms.schema.documents import STATUS_WORDS
from sqms.schema.plan import TargetStep
from sqms.text.formatting import escape, format_date, format_period, format_status, format_value

FORMATS = ("markdown", "text")
LARGEST = 3
"""Moved periods shown per indicator, largest first."""
STATUS_PERIODS = 3
"""Status changes listed per indicator, latest period first, before the earlier ones are counted."""


@dataclass(frozen=True)
class Style:
    """How text is laid out: Markdown (escaped, with emphasis) or plain text."""

    markdown: bool

    def esc(self, text: object) -> str:
        """Text from the project, safe in Markdown; as it is in plain text."""
        return escape(text) if self.markdown else str(text)

    def strong(self, text: str) -> str:
        """Emphasis for ids and warnings."""
        return f"**{text}**" if self.markdown else text

    def heading(self, text: str, level: int) -> list[str]:
        """A heading (level 2 is the report's title)."""
        if self.markdown:
            return ["#" * level + " " + text, ""]
        return [text, ("=" if level == 2 else "-") * _width(text), ""]

    def bullets(self, items: Sequence[str]) -> list[str]:
        """A bullet list followed by a blank line (nothing when empty)."""
        return [f"- {item}" for item in items] + [""] if items else []

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
        """A Markdown table, or columns aligned with spaces."""
        if self.markdown:
            lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
            return [*lines, *("| " + " | ".join(row) + " |" for row in rows), ""]
        widths = [max(map(_width, column)) for column in zip(header, *rows, strict=True)]
        return [
            "  ".join(
                cell + " " * (width - _width(cell)) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
            for row in [header, *rows]
        ] + [""]


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def render(diff: ProjectDiff, fmt: str = "markdown") -> str:
    """The whole report, ending with one newline."""
    style = Style(markdown=fmt == "markdown")
    lines = style.heading(t("diff.title", base=style.esc(diff.base)), 2)
    if diff.empty:
        lines += [t("diff.no_changes"), ""]
        return "\n".join(lines).rstrip("\n") + "\n"
    unversioned = diff.documents.unversioned
    if unversioned:
        ids = t("diag.list_separator").join(style.esc(change.id) for change in unversioned)
        warning = nt("diff.unversioned_summary", len(unversioned), ids=ids)
        lines += [f"> {style.strong('⚠ ' + warning)}" if style.markdown else f"⚠ {warning}", ""]
    lines += _documents(diff.documents, style)
    lines += _indicators(diff.indicators, style)
    lines += _values(diff.indicators, style)
    lines += _registers(diff.indicators, style)
    return "\n".join(lines).rstrip("\n") + "\n"


def _documents(docs: DocumentsDiff, style: Style) -> list[str]:
    if docs.empty:
        return []
    items = [t("diff.doc_added", document=_entry(e, style)) for e in docs.added]
    items += [t("diff.doc_removed", document=_entry(e, style)) for e in docs.removed]
    items += [_document_change(change, style) for change in docs.changed]
    return style.heading(t("diff.documents"), 3) + style.bullets(items)


def _entry(entry: DocumentEntry, style: Style) -> str:
    return t(
        "diff.doc_entry",
        id=style.strong(style.esc(entry.id)),
        title=style.esc(entry.title),
        version=style.esc(entry.version),
        status=t(STATUS_WORDS[entry.status]),
        path=style.esc(entry.display),
    )


def _document_change(change: DocumentChange, style: Style) -> str:
    """One changed document: what changed, and the version and status, old → new."""
    parts = []
    if change.unversioned:
        parts.append(
            style.strong("⚠ " + t("diff.unversioned", version=style.esc(change.new_version)))
        )
    if change.body_changed:
        parts.append(t("diff.body_changed"))
    fields = [key for key in change.fields if key not in ("version", "status")]
    if fields:
        parts.append(t("diff.fields_changed", keys=t("diag.list_separator").join(fields)))
    if change.old_version != change.new_version:
        old, new = style.esc(change.old_version), style.esc(change.new_version)
        parts.append(t("diff.version_changed", old=old, new=new))
        if change.version_lowered:
            parts.append(style.strong("⚠ " + t("diff.version_lowered")))
    if change.old_status != change.new_status:
        old, new = t(STATUS_WORDS[change.old_status]), t(STATUS_WORDS[change.new_status])
        parts.append(t("diff.status_changed", old=old, new=new))
    if change.moved:
        parts.append(
            t("diff.moved", old=style.esc(change.old_display), new=style.esc(change.display))
        )
    title = f"{style.strong(style.esc(change.id))} {style.esc(change.title)}"
    return title + t("diag.label_separator") + t("diag.list_separator").join(parts)


def _indicators(ind: IndicatorsDiff, style: Style) -> list[str]:
    if not (ind.added or ind.removed or ind.changed):
        return []
    name = "{id} {name}"
    items = [
        t("diff.indicator_added", indicator=name.format(id=style.strong(style.esc(e.id)),
                                                         name=style.esc(e.name)))
        for e in ind.added
    ]  # fmt: skip
    items += [
        t("diff.indicator_removed", indicator=name.format(id=style.strong(style.esc(e.id)),
                                                           name=style.esc(e.name)))
        for e in ind.removed
    ]  # fmt: skip
    items += [_definition_change(change, style) for change in ind.changed]
    return style.heading(t("diff.indicators"), 3) + style.bullets(items)


def _definition_change(change: DefinitionChange, style: Style) -> str:
    keys = t("diag.list_separator").join(style.esc(key) for key in change.keys)
    text = (
        f"{style.strong(style.esc(change.id))} {style.esc(change.name)}"
        + t("diag.label_separator")
        + t("diff.definition_changed", keys=keys)
    )
    if change.targets_changed:
        old = _targets(change.old_targets, change)
        new = _targets(change.new_targets, change)
        text += t("diag.list_separator") + t("diff.target_changed", old=old, new=new)
    return text


def _targets(steps: Sequence[TargetStep], change: DefinitionChange) -> str:
    """``90.0%``, ``90.0% (warning 80.0%)``, dated steps joined, or "none"."""
    if not steps:
        return t("diff.no_target")
    shown = []
    for step in steps:
        text = format_value(step.target, change.unit, change.decimals)
        if step.warning is not None:
            warning = format_value(step.warning, change.unit, change.decimals)
            text = t("diff.with_warning", target=text, warning=warning)
        if step.start != dt.date.min:
            text = t("diff.from_date", target=text, date=format_date(step.start))
        shown.append(text)
    return t("diag.list_separator").join(shown)


def _value(values: ValueChanges, raw: float | None) -> str:
    return format_value(raw, values.unit, values.decimals)


def _values(ind: IndicatorsDiff, style: Style) -> list[str]:
    moved, compared = ind.moved, len(ind.values)
    if not compared:
        return []
    lines = style.heading(t("diff.values"), 3)
    if not moved:
        return [*lines, nt("diff.no_value_changed", compared), ""]
    header = [t("diff.col.indicator"), t("diff.col.period"), t("diff.col.before"),
              t("diff.col.now"), t("diff.col.status"), t("diff.col.moved"),
              t("diff.col.largest")]  # fmt: skip
    lines += style.table(header, [_moved_row(values, style) for values in moved])
    statuses = _status_lines(moved, style)
    if statuses:
        lines += [t("diff.status_changes"), "", *style.bullets(statuses)]
    if compared > len(moved):
        lines += [nt("diff.others_unchanged", compared - len(moved)), ""]
    return lines + _latest_table(ind, style)


def _latest(values: ValueChanges) -> tuple[str, str, str]:
    """The latest complete period, the value then and now (the old period named if it differs)."""
    period = format_period(values.head_period or values.base_period or "—")
    before = _value(values, values.base_value)
    if values.base_period is not None and values.base_period != values.head_period:
        before = t("diff.value_in", value=before, period=format_period(values.base_period))
    return period, before, _value(values, values.head_value)


def _moved_row(values: ValueChanges, style: Style) -> list[str]:
    count = t("diff.moved_count", count=len(values.moved))
    if values.appeared:
        count += t("diag.list_separator") + t("diff.appeared", count=len(values.appeared))
    if values.disappeared:
        count += t("diag.list_separator") + t("diff.disappeared", count=len(values.disappeared))
    largest = t("diag.list_separator").join(
        t("diff.move", period=format_period(move.period), old=_value(values, move.old),
          new=_value(values, move.new))
        for move in values.moved[:LARGEST]
    )  # fmt: skip
    status = _latest_status(values)
    return [style.esc(values.id), *_latest(values), status, count, largest or "—"]


def _latest_status(values: ValueChanges) -> str:
    """The latest complete period's status, ``▲ warning → ✖ misses target`` when it changed."""
    old, new = values.base_status, values.head_status
    if old is None or new is None or old == new:
        either = new or old
        return format_status(either) if either else "—"
    return t("diff.status_change", old=format_status(old), new=format_status(new))


def _status_lines(moved: list[ValueChanges], style: Style) -> list[str]:
    """Each indicator's status changes, latest period first; earlier ones counted, not listed.

    Every indicator keeps its latest change in view however many periods
    changed: a new target restates the whole history, and the period a
    reviewer cares about is the one the dashboard shows now.
    """
    lines = []
    for values in moved:
        name = style.strong(style.esc(values.id))
        lines += [
            t("diff.status_line", id=name, period=format_period(change.period),
              old=format_status(change.old), new=format_status(change.new))
            for change in values.statuses[:STATUS_PERIODS]
        ]  # fmt: skip
        earlier = len(values.statuses) - STATUS_PERIODS
        if earlier > 0:
            lines.append(nt("diff.earlier_statuses", earlier, id=name))
    return lines


def _latest_table(ind: IndicatorsDiff, style: Style) -> list[str]:
    """The latest value of every indicator compared (folded away in Markdown)."""
    header = [t("diff.col.indicator"), t("diff.col.period"), t("diff.col.before"),
              t("diff.col.now")]  # fmt: skip
    rows = [[style.esc(values.id), *_latest(values)] for values in ind.values]
    title = nt("diff.all_latest", len(ind.values))
    if not style.markdown:
        return [title, "", *style.table(header, rows)]
    return [
        f"<details><summary>{title}</summary>",
        "",
        *style.table(header, rows),
        "</details>",
        "",
    ]


REGISTER_ITEMS: dict[str, str] = {
    "action": N_("diff.items.action"),
    "audit": N_("diff.items.audit"),
    "complaint": N_("diff.items.complaint"),
    "course": N_("diff.items.course"),
    "finding": N_("diff.items.finding"),
    "person": N_("diff.items.person"),
    "review": N_("diff.items.review"),
    "risk": N_("diff.items.risk"),
    "role": N_("diff.items.role"),
}
"""Each kind of register item (``Register.ids``) → its counted name, singular and plural."""


def _items(kind: str, count: int, style: Style) -> str:
    """``3 actions``: a count of items of one kind, in real plural forms."""
    if kind in REGISTER_ITEMS:
        return nt(REGISTER_ITEMS[kind], count)
    return nt("diff.items.other", count, kind=style.esc(kind))


def _registers(ind: IndicatorsDiff, style: Style) -> list[str]:
    if not ind.registers:
        return []
    items = [
        t("diff.register_count", register=style.esc(count.register),
          added=_items(count.kind, count.added, style), removed=count.removed)
        for count in ind.registers
    ]  # fmt: skip
    return style.heading(t("diff.registers"), 3) + style.bullets(items)
