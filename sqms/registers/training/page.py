"""The training register's page, its items under "needs attention" and its summary line.

Made from the register's analysis (:class:`~sqms.registers.training.analysis.TrainingFacts`):
the page answers an auditor's questions about competence and awareness
(ISO 9001 clauses 7.2 and 7.3): which roles need which course, who is
trained on the version in force, whose training a document revision made
stale, and which gaps are open. People are shown by id unless the register
declares their names publishable.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from sqms.i18n import N_, nt, t
from sqms.registers.common import DASHBOARD, TRAINING_PAGE, RegisterContext, anchor
from sqms.registers.training.analysis import STATUSES, TrainingFacts, coverage
from sqms.registers.training.labels import SYMBOL, course_link, person_labels, status_text
from sqms.registers.training.spec import TrainingSpec
from sqms.site.pages.common import Page, md_table, register_table, report_markdown
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import escape, format_date, format_day, format_value

ATTENTION_WORDS: dict[str, str] = {
    "stale": N_("training.attention_stale"),
    "expired": N_("training.attention_expired"),
    "missing": N_("training.attention_missing"),
}
"""Each gap (``GAPS`` of the analysis) → the message id of its line under "needs attention"."""


def _missing(value: Any) -> bool:
    """Whether a cell of a table is empty (None, NaN, NaT or NA)."""
    return value is None or bool(pd.isna(value))


def _date(value: Any) -> str:
    """A date as ``2026-03-09``; ``—`` when missing."""
    return "—" if _missing(value) else str(pd.Timestamp(value).date())


def _titles(spec: TrainingSpec) -> dict[str, str]:
    """Each course's title by its id."""
    return {course.id: course.title for course in spec.courses}


def register_page(facts: TrainingFacts, spec: TrainingSpec, context: RegisterContext) -> Page:
    """The one training page."""
    labels = person_labels(facts.judgement.people, spec.publish_names)
    titles = _titles(spec)
    lines = [
        "# " + t("training.title"),
        "",
        t("training.intro", date=format_date(context.today)),
        "",
    ]
    lines += [summary_line(facts), ""]
    lines += _courses(facts, spec, context) + _role_matrix(facts, spec)
    lines += _person_matrix(facts, spec, labels)
    lines += _stale_list(facts, labels, titles, context) + _gap_list(facts, labels)
    return Page(TRAINING_PAGE, report_markdown(lines))


def summary_line(facts: TrainingFacts) -> str:
    """People, courses, the share of required trainings that are current, and the gaps."""
    totals = facts.totals
    return t(
        "training.summary",
        people=nt("count.people", len(facts.judgement.people)),
        courses=nt("count.courses", len(facts.judgement.courses)),
        coverage=format_value(coverage(totals), "percent"),
        current=totals["current"],
        required=totals["required"],
        stale=totals["stale"],
        expired=totals["expired"],
        missing=totals["missing"],
    )


def attention_items(
    facts: TrainingFacts, spec: TrainingSpec, context: RegisterContext
) -> list[AttentionItem]:
    """Stale, expired and missing training, one line per course (and revised document)."""
    group = t("training.attention_group")
    titles = _titles(spec)
    items = []
    for row in facts.groups.itertuples(index=False):  # one per course and gap
        course = str(row.course)
        values = {
            "course": course_link(context, course, titles.get(course, ""), DASHBOARD),
            "count": row.people,
            "required": facts.required[course],
        }
        if row.status == "stale":
            values |= _stale_by(context, row, DASHBOARD)
        text = nt(ATTENTION_WORDS[str(row.status)], int(facts.required[course]), **values)
        items.append(AttentionItem(group, text))
    return items


def _with_who(groups: pd.DataFrame, facts: TrainingFacts, labels: dict[str, str]) -> pd.DataFrame:
    """Gap groups with ``who``: their people, with the date of their last training if any."""
    gaps = facts.gaps
    trained = gaps["date"].dt.strftime("%Y-%m-%d")
    label = gaps["person"].map(labels).astype("string")
    who = (label + " (" + trained + ")").fillna(label)
    joined = who.groupby(gaps["group"], sort=False).agg(", ".join)
    return groups.assign(who=groups["group"].map(joined))


def _stale_by(context: RegisterContext, row: Any, page: str) -> dict[str, str]:
    """The document, version and effective date that made a training stale."""
    return {
        "document": context.link("document", str(row.stale_document), page),
        "version": escape(row.stale_version),
        "date": format_day(row.stale_effective),
    }


def _courses(facts: TrainingFacts, spec: TrainingSpec, context: RegisterContext) -> list[str]:
    """Every course: what it teaches, to whom, how often, and its coverage."""
    documents = facts.judgement.documents
    header = [t("training.col.course"), t("training.col.title"), t("training.col.documents"),
              t("training.col.roles"), t("training.col.renew"), t("training.col.required"),
              t("training.col.coverage")]  # fmt: skip
    by_course = facts.judgement.courses.set_index("course")
    rows = []
    for course in spec.courses:  # one row per course
        counts = by_course.loc[course.id]
        taught = documents[documents["course"] == course.id]
        links = [
            context.link("document", str(d.document), TRAINING_PAGE, _versioned(d))
            for d in taught.itertuples(index=False)
        ]
        shown = format_value(counts["coverage"], "percent")
        rows.append([
            f'<span id="{anchor(course.id)}"></span>{escape(course.id)}',
            escape(course.title),
            ", ".join(links) or "—",
            ", ".join(escape(r) for r in course.roles) or "—",
            escape(course.renew_every) if course.renew_every else "—",
            str(counts["required"]),
            f"{shown} ({counts['current']}/{counts['required']})",
        ])  # fmt: skip
    lines = ["## " + t("training.courses"), "", t("training.courses_intro"), ""]
    return [*lines, *_sortable(md_table(header, rows))]


def _role_matrix(facts: TrainingFacts, spec: TrainingSpec) -> list[str]:
    """Which roles need which course."""
    courses = [c.id for c in spec.courses]
    header = [t("training.col.role"), *(escape(c) for c in courses)]
    marks = np.where(facts.needs.to_numpy(dtype=bool), "● " + t("training.needed"), "—")
    rows = [
        [f"{escape(role)} — {escape(title)}", *cells]
        for (role, title), cells in zip(spec.roles.items(), marks.tolist(), strict=True)
    ]
    return ["## " + t("training.role_matrix"), "", *md_table(header, rows), ""]


def _person_matrix(facts: TrainingFacts, spec: TrainingSpec, labels: dict[str, str]) -> list[str]:
    """Every current person against every course: the status by symbol and word."""
    courses = [c.id for c in spec.courses]
    words = {s: status_text(s) for s in STATUSES} | {"not_required": SYMBOL["not_required"]}
    matrix = facts.matrix.replace(words).fillna("—")
    teams = facts.judgement.people.set_index("person")["team"].fillna("—").map(escape)
    roles = {p.id: ", ".join(escape(r) for r in p.roles) for p in spec.people}
    header = [t("training.col.person"), t("training.col.team"), t("training.col.roles")]
    header += [f"[{escape(c)}](#{anchor(c)})" for c in courses]
    rows = [
        [labels[str(person)], teams[str(person)], roles[str(person)], *cells]
        for person, *cells in matrix.itertuples(name=None)  # one line of Markdown each
    ]
    legend = " · ".join(status_text(s) for s in STATUSES)
    lines = ["## " + t("training.person_matrix"), "", t("training.legend", legend=legend), ""]
    return [*lines, *_sortable(md_table(header, rows))]


def _stale_list(
    facts: TrainingFacts, labels: dict[str, str], titles: dict[str, str], context: RegisterContext
) -> list[str]:
    """Training made stale by a revised document: which course, which version, who."""
    stale = _with_who(facts.stale, facts, labels)
    lines = ["## " + t("training.stale"), "", t("training.stale_intro"), ""]
    if stale.empty:
        return [*lines, t("training.none"), ""]
    header = [t("training.col.course"), t("training.col.stale_by"), t("training.col.people"),
              t("training.col.who")]  # fmt: skip
    rows = [
        [
            course_link(context, str(row.course), titles.get(str(row.course), ""), TRAINING_PAGE),
            t("training.stale_by", **_stale_by(context, row, TRAINING_PAGE)),
            str(row.people),
            str(row.who),
        ]
        for row in stale.itertuples(index=False)  # one row per course and document
    ]
    return [*lines, *_sortable(md_table(header, rows))]


def _gap_list(facts: TrainingFacts, labels: dict[str, str]) -> list[str]:
    """Required training never done or past its renewal date, per course."""
    gaps = _with_who(facts.lapsed, facts, labels)
    lines = ["## " + t("training.gaps"), "", t("training.gaps_intro"), ""]
    if gaps.empty:
        return [*lines, t("training.none"), ""]
    header = [t("training.col.course"), t("training.col.status"), t("training.col.people"),
              t("training.col.who")]  # fmt: skip
    rows = [
        [
            f"[{escape(row.course)}](#{anchor(str(row.course))})",
            status_text(str(row.status)),
            str(row.people),
            str(row.who),
        ]
        for row in gaps.itertuples(index=False)  # one row per course and status
    ]
    return [*lines, *_sortable(md_table(header, rows))]


def _versioned(document: Any) -> str:
    """``QP-05 v2.1``: a document with its current version (just the id without one)."""
    doc_id, version = document.document, document.version
    return str(doc_id) if _missing(version) else f"{doc_id} v{version}"


def _sortable(table: list[str]) -> list[str]:
    """A table the reader can sort by clicking a column header, filter and page through."""
    return register_table(table)
