"""The training register's page, its items under "needs attention" and its summary line.

The page answers an auditor's questions about competence and awareness
(ISO 9001 clauses 7.2 and 7.3): which roles need which course, who is
trained on the version in force, whose training a document revision made
stale, and which gaps are open. People are shown by id unless the register
declares their names publishable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sqms.engine.review_periods import ReviewPeriod
from sqms.i18n import t
from sqms.registers.common import DASHBOARD, TRAINING_PAGE, RegisterContext, anchor
from sqms.registers.training.analysis import GAPS, STATUSES, TrainingJudgement
from sqms.registers.training.review import person_labels, training_review
from sqms.registers.training.spec import TrainingSpec
from sqms.site.pages.common import Page, md_table
from sqms.site.reporting import AttentionItem
from sqms.text.formatting import escape, format_value

SYMBOL = {"current": "✔", "stale": "▲", "expired": "▼", "missing": "✖", "not_required": "—"}
"""Statuses are shown by symbol and word, never by colour alone."""


def status_text(status: str) -> str:
    """``✔ current``: the symbol and the word of a status."""
    return f"{SYMBOL[status]} {t(f'training.status.{status}')}"


def _missing(value: Any) -> bool:
    """Whether a cell of a table is empty (None, NaN, NaT or NA)."""
    return value is None or bool(pd.isna(value))


def _date(value: Any) -> str:
    """A date as ``2026-03-09``; ``—`` when missing."""
    return "—" if _missing(value) else str(pd.Timestamp(value).date())


@dataclass
class TrainingAnalysis:
    """The judged training register and what it publishes."""

    spec: TrainingSpec
    judgement: TrainingJudgement
    _labels: dict[str, str] = field(init=False)
    _titles: dict[str, str] = field(init=False)
    _required: dict[str, int] = field(init=False)

    def __post_init__(self) -> None:
        self._labels = person_labels(self.judgement.people, self.spec.publish_names)
        self._titles = {course.id: course.title for course in self.spec.courses}
        courses = self.judgement.courses
        self._required = dict(zip(courses["course"], courses["required"].astype(int), strict=True))

    # --- what the register publishes ---

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The one training page."""
        lines = [f"# {t('training.title')}", "", t("training.intro", date=context.today), ""]
        lines += [self.summary(context), ""]
        lines += self._courses(context) + self._role_matrix() + self._person_matrix()
        lines += self._stale_list(context) + self._gap_list()
        return [Page(TRAINING_PAGE, "\n".join(lines))]

    def summary(self, context: RegisterContext) -> str:
        """People, courses, the share of required trainings that are current, and the gaps."""
        courses = self.judgement.courses
        required, current = int(courses["required"].sum()), int(courses["current"].sum())
        coverage = format_value(current / required if required else None, "percent")
        return t(
            "training.summary",
            people=len(self.judgement.people),
            courses=len(courses),
            coverage=coverage,
            current=current,
            required=required,
            stale=int(courses["stale"].sum()),
            expired=int(courses["expired"].sum()),
            missing=int(courses["missing"].sum()),
        )

    def review(self, context: RegisterContext, period: ReviewPeriod) -> dict[str, list[str]]:
        """Section d) of a management review: competence at the end of ``period``."""
        return training_review(self.spec, context, period)

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Stale, expired and missing training, one line per course (and revised document)."""
        group = t("training.attention_group")
        items = []
        for row in self._gap_groups().itertuples(index=False):  # one per course and gap
            values = {
                "course": self._course_link(context, str(row.course), DASHBOARD),
                "count": row.people,
                "required": self._required[str(row.course)],
            }
            if row.status == "stale":
                values |= self._stale_by(context, row, DASHBOARD)
            items.append(AttentionItem(group, t(f"training.attention_{row.status}", **values)))
        return items

    def _gap_groups(self) -> pd.DataFrame:
        """Required training not current, one row per course and gap (and revised document).

        ``people`` counts them; ``who`` lists them with their last training date.
        """
        status = self.judgement.status
        gaps = status[status["required"] & status["status"].isin(GAPS)]
        trained = gaps["date"].dt.strftime("%Y-%m-%d")
        label = gaps["person"].map(self._labels).astype("string")
        who = (label + " (" + trained + ")").fillna(label)
        keys = ["course", "status", "stale_document", "stale_version", "stale_effective"]
        groups = (
            gaps.assign(who=who, rank=gaps["status"].map(GAPS.index))
            .sort_values(["course", "rank", "stale_effective", "person"], kind="stable")
            .groupby([*keys, "rank"], dropna=False, sort=False)
            .agg(people=("person", "size"), who=("who", ", ".join))
            .reset_index()
        )
        return groups.sort_values(["course", "rank", "stale_effective"], kind="stable")

    @staticmethod
    def _stale_by(context: RegisterContext, row: Any, page: str) -> dict[str, str]:
        """The document, version and effective date that made a training stale."""
        return {
            "document": context.link("document", str(row.stale_document), page),
            "version": escape(row.stale_version),
            "date": _date(row.stale_effective),
        }

    # --- page sections ---

    def _course_link(self, context: RegisterContext, course: str, page: str) -> str:
        """``[TRN-02 Complaint handling](…#trn-02)`` from ``page``."""
        return context.link("course", course, page, f"{course} {self._titles.get(course, '')}")

    def _courses(self, context: RegisterContext) -> list[str]:
        """Every course: what it teaches, to whom, how often, and its coverage."""
        documents = self.judgement.documents
        header = [t(f"training.col.{k}") for k in ("course", "title", "documents", "roles",
                  "renew", "required", "coverage")]  # fmt: skip
        by_course = self.judgement.courses.set_index("course")
        rows = []
        for course in self.spec.courses:  # one row per course
            counts = by_course.loc[course.id]
            taught = documents[documents["course"] == course.id]
            links = [
                context.link("document", str(d.document), TRAINING_PAGE, _versioned(d))
                for d in taught.itertuples(index=False)
            ]
            coverage = format_value(counts["coverage"], "percent")
            rows.append([
                f'<span id="{anchor(course.id)}"></span>{escape(course.id)}',
                escape(course.title),
                ", ".join(links) or "—",
                ", ".join(escape(r) for r in course.roles) or "—",
                escape(course.renew_every) if course.renew_every else "—",
                str(counts["required"]),
                f"{coverage} ({counts['current']}/{counts['required']})",
            ])  # fmt: skip
        lines = [f"## {t('training.courses')}", "", t("training.courses_intro"), ""]
        return [*lines, *_sortable(md_table(header, rows))]

    def _role_matrix(self) -> list[str]:
        """Which roles need which course."""
        courses = [c.id for c in self.spec.courses]
        needs = {(r, c.id) for c in self.spec.courses for r in c.roles}
        header = [t("training.col.role"), *(escape(c) for c in courses)]
        rows = [
            [f"{escape(role)} — {escape(title)}"]
            + [f"● {t('training.needed')}" if (role, c) in needs else "—" for c in courses]
            for role, title in self.spec.roles.items()
        ]
        return [f"## {t('training.role_matrix')}", "", *md_table(header, rows), ""]

    def _person_matrix(self) -> list[str]:
        """Every current person against every course: the status by symbol and word."""
        status = self.judgement.status
        courses = [c.id for c in self.spec.courses]
        words = {s: status_text(s) for s in STATUSES} | {"not_required": SYMBOL["not_required"]}
        cells = status.assign(cell=status["status"].map(words))
        matrix = cells.pivot(index="person", columns="course", values="cell")
        matrix = matrix.reindex(index=self.judgement.people["person"], columns=courses).fillna("—")
        teams = self.judgement.people.set_index("person")["team"].fillna("—").map(escape)
        roles = {p.id: ", ".join(escape(r) for r in p.roles) for p in self.spec.people}
        header = [t("training.col.person"), t("training.col.team"), t("training.col.roles")]
        header += [f"[{escape(c)}](#{anchor(c)})" for c in courses]
        rows = [
            [self._labels[str(person)], teams[str(person)], roles[str(person)], *cells]
            for person, *cells in matrix.itertuples(name=None)  # one line of Markdown each
        ]
        legend = " · ".join(status_text(s) for s in STATUSES)
        lines = [f"## {t('training.person_matrix')}", "", t("training.legend", legend=legend), ""]
        return [*lines, *_sortable(md_table(header, rows))]

    def _stale_list(self, context: RegisterContext) -> list[str]:
        """Training made stale by a revised document: which course, which version, who."""
        groups = self._gap_groups()
        stale = groups[groups["status"] == "stale"]
        lines = [f"## {t('training.stale')}", "", t("training.stale_intro"), ""]
        if stale.empty:
            return [*lines, t("training.none"), ""]
        header = [t(f"training.col.{k}") for k in ("course", "stale_by", "people", "who")]
        rows = [
            [
                self._course_link(context, str(row.course), TRAINING_PAGE),
                t("training.stale_by", **self._stale_by(context, row, TRAINING_PAGE)),
                str(row.people),
                str(row.who),
            ]
            for row in stale.itertuples(index=False)  # one row per course and document
        ]
        return [*lines, *_sortable(md_table(header, rows))]

    def _gap_list(self) -> list[str]:
        """Required training never done or past its renewal date, per course."""
        groups = self._gap_groups()
        gaps = groups[groups["status"] != "stale"]
        lines = [f"## {t('training.gaps')}", "", t("training.gaps_intro"), ""]
        if gaps.empty:
            return [*lines, t("training.none"), ""]
        header = [t(f"training.col.{k}") for k in ("course", "status", "people", "who")]
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
    """A table the reader can sort by clicking a column header."""
    return ['<div class="sqms-sortable" markdown>', "", *table, "", "</div>", ""]
