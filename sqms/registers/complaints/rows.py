"""The list of every complaint, without personal data, as one sortable HTML table.

Each row is ``<tr id="cmp-0001">`` so that a link to a complaint from any
page (an action, the dashboard) lands on its row. The table is built a column
at a time with vectorised string operations; every text from the register is
escaped by :func:`sqms.text.markup.escape_series`, the column form of the one rule
for untrusted text. The table is finished HTML, never read by Markdown (a
register of thousands of complaints would cost more to parse than the rest of
the site): a link to an improvement action names the action's Markdown file,
and the site builder checks it and gives it the page's address when it puts
the table into the page (:mod:`sqms.site.stash`).
A part of the page (:mod:`sqms.registers.complaints.page` ends with it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from sqms.i18n import N_, t
from sqms.registers.common import COMPLAINTS_PAGE, RegisterContext
from sqms.registers.complaints.analysis import ComplaintFigures
from sqms.text.markup import escape, escape_series, relative_link

if TYPE_CHECKING:
    from sqms.registers.complaints.register import ComplaintRegister

MISSING = "—"
WIDE = {"description": ' style="min-width: 24em"', "decision": ' style="min-width: 16em"'}
"""Columns kept wide enough to read: the table scrolls sideways rather than
wrapping a description into a tall, narrow column."""
COLUMN_NAMES: dict[str, str] = {
    "id": N_("complaints.col.id"),
    "received": N_("complaints.col.received"),
    "channel": N_("complaints.col.channel"),
    "category": N_("complaints.col.category"),
    "severity": N_("complaints.col.severity"),
    "root_cause": N_("complaints.col.root_cause"),
    "action": N_("complaints.col.action"),
    "action_needed": N_("complaints.col.action_needed"),
    "decision": N_("complaints.col.decision"),
    "acknowledged": N_("complaints.col.acknowledged"),
    "resolved": N_("complaints.col.resolved"),
    "outcome": N_("complaints.col.outcome"),
    "satisfied": N_("complaints.col.satisfied"),
    "repeat": N_("complaints.col.repeat"),
    "description": N_("complaints.col.description"),
}
"""Each column of the list of complaints → the id of its heading."""


def anchors(ids: pd.Series) -> pd.Series:
    """Each id's HTML id, as :func:`sqms.registers.common.anchor` gives it."""
    lowered = ids.astype("str").str.lower()
    return lowered.str.replace(r"[^a-z0-9]+", "-", regex=True).str.strip("-")


def _label(values: pd.Series | None, index: pd.Index) -> pd.Series:
    """Escaped text of a column, ``—`` where it is empty or not kept."""
    if values is None:
        return pd.Series(MISSING, index=index, dtype="str")
    return escape_series(values.astype("str")).where(values.notna(), MISSING)


def _number(values: pd.Series, decimals: int) -> pd.Series:
    """Numbers rounded to ``decimals`` places, ``—`` where missing.

    No thousands separators: the table sorts these cells as numbers.
    """
    rounded = values.round(decimals)
    text = rounded.astype("Int64") if decimals == 0 else rounded
    return text.astype("str").where(values.notna(), MISSING)


def _actions(register: ComplaintRegister, context: RegisterContext, page: str) -> pd.Series:
    """The linked action as an HTML link from ``page`` (one per distinct id), else empty.

    The link names the action page's Markdown file, as every link SQMS
    writes does; the site builder checks it and turns it into the page's
    address when it puts the finished table back into the page
    (:mod:`sqms.site.stash`).
    """
    values = register.column("action")
    index = register.frame.index
    if values is None:
        return pd.Series("", index=index, dtype="str")
    text = values.astype("str").str.strip()
    present = values.notna() & text.ne("")
    links = {i: _action_link(context, i, page) for i in text[present].unique()}
    return text.map(links).where(present, "").astype("str")


def _action_link(context: RegisterContext, action_id: str, page: str) -> str:
    """``<a href="actions/ACT-1.md">ACT-1</a>``, or the escaped id when it has no page."""
    target = context.target("action", action_id)
    shown = escape(action_id)
    return shown if target is None else f'<a href="{relative_link(target, page)}">{shown}</a>'


def _resolved(figures: ComplaintFigures) -> pd.Series:
    """Days to the final response, or "open" (marked when past the standard)."""
    timing = figures.timing
    days = _number(timing.res_days, 0)
    still = t("complaints.open")
    late = f"{still} ⚠ " + t("complaints.past_standard")
    return days.where(~timing.open, still).where(~timing.overdue, late)


def _satisfied(register: ComplaintRegister, index: pd.Index) -> pd.Series:
    """``yes`` / ``no`` / ``—``."""
    values = register.column("satisfied")
    if values is None:
        return pd.Series(MISSING, index=index, dtype="str")
    answer = values.astype("boolean")
    words = answer.map({True: t("complaints.satisfied.yes"), False: t("complaints.satisfied.no")})
    return words.astype("str").where(answer.notna(), MISSING)


def _action_needed(register: ComplaintRegister, index: pd.Index) -> pd.Series:
    """The decision whether corrective action is needed: ``yes`` / ``no`` / ``—``."""
    values = register.column("action_needed")
    if values is None:
        return pd.Series(MISSING, index=index, dtype="str")
    answer = values.astype("boolean")
    words = answer.map(
        {True: t("complaints.action_needed.yes"), False: t("complaints.action_needed.no")}
    )
    return words.astype("str").where(answer.notna(), MISSING)


def complaint_table(
    register: ComplaintRegister, figures: ComplaintFigures, context: RegisterContext
) -> str:
    """The sortable table of every complaint (no column holding personal data)."""
    head, rows = complaint_rows(register, figures, context, COMPLAINTS_PAGE)
    return table_html(head, rows)


def table_html(head: str, rows: pd.Series) -> str:
    """The table of complaints from its heading row and some of its rows: finished HTML."""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows.tolist())}</tbody></table>"


def complaint_rows(
    register: ComplaintRegister, figures: ComplaintFigures, context: RegisterContext, page: str
) -> tuple[str, pd.Series]:
    """The heading cells and one ``<tr>`` per complaint, in file order, linking from ``page``."""
    frame = register.frame
    index = frame.index
    timing = figures.timing
    personal = register.dataset.pii_columns
    ids = frame[register.columns["id"]].astype("str")
    earlier = figures.repeat_earlier
    cells: dict[str, pd.Series] = {
        "id": escape_series(ids),
        "received": timing.day.dt.strftime("%Y-%m-%d"),
        "channel": _label(register.column("channel"), index),
        "category": _label(register.column("category"), index),
        "severity": _label(register.column("severity"), index),
        "root_cause": _label(register.column("root_cause"), index),
        "action": _actions(register, context, page),
        "action_needed": _action_needed(register, index),
        "decision": _label(register.column("decision"), index),
        "acknowledged": _number(timing.ack_hours, 1),
        "resolved": _resolved(figures),
        "outcome": _label(register.column("outcome"), index),
        "satisfied": _satisfied(register, index),
        "repeat": escape_series(earlier).where(figures.repeat_mask, ""),
        "description": _label(register.column("description"), index),
    }
    roles = {"acknowledged", "resolved", "repeat"}
    shown = [
        name
        for name in cells
        if name in roles
        or name in ("id", "received")
        or (name in register.columns and register.columns[name] not in personal)
    ]
    has_link = cells["action"].ne("")
    body = pd.Series("", index=index, dtype="str")
    for name in shown:
        if name == "action":
            cell = ("<td>" + cells[name] + "</td>").where(has_link, "<td>—</td>")
        else:
            cell = "<td>" + cells[name] + "</td>"
        body = body + cell
    rows = '<tr id="' + anchors(ids) + '">' + body + "</tr>"
    head = "".join(f"<th{WIDE.get(name, '')}>" + t(COLUMN_NAMES[name]) + "</th>" for name in shown)
    return head, rows.reset_index(drop=True)
