"""The training register: who must know which documents, and who was trained on which version.

``data/registers/training.yml`` lists the roles, the people who hold them,
the courses (each teaching some controlled documents to some roles) and the
training records. Loading checks the file's form and everything it says about
itself (a record's person and course, a person's roles, duplicate ids, dates
in order) at its line; the documents a course teaches are named as references,
which the registers framework checks against the manual.

This module is the top of the package: :meth:`TrainingRegister.analyse`
judges the register (:mod:`~sqms.registers.training.analysis`, on the tables
of :mod:`~sqms.registers.training.frames`) and gives a
:class:`TrainingAnalysis` that publishes it through
:mod:`~sqms.registers.training.page` and :mod:`~sqms.registers.training.review`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqms.i18n import did_you_mean, t
from sqms.io.yamlsource import line_of
from sqms.registers.common import KIND_WORDS, LoadContext, Reference, RegisterContext
from sqms.registers.training.analysis import TrainingFacts, TrainingJudgement, analyse_training
from sqms.registers.training.frames import TrainingFrames, training_frames
from sqms.registers.training.page import attention_items, register_page, summary_line
from sqms.registers.training.review import training_review
from sqms.registers.training.spec import TrainingSpec
from sqms.schema.validation import load_validated
from sqms.site.pages.common import Page
from sqms.site.reporting import AttentionItem

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod


@dataclass
class TrainingRegister:
    """The training register, loaded and checked; :meth:`analyse` judges it on a date."""

    name: str
    display: str
    spec: TrainingSpec
    source: Any
    """The file as loaded, with lines."""

    def ids(self) -> Mapping[str, Iterable[str]]:
        """The courses, people and roles this register defines."""
        return {
            "course": [course.id for course in self.spec.courses],
            "person": [person.id for person in self.spec.people],
            "role": list(self.spec.roles),
        }

    def references(self) -> Iterable[Reference]:
        """The documents every course teaches, at their lines."""
        for index, course in enumerate(self.spec.courses):
            for position, document in enumerate(course.documents):
                line = line_of(self.source, ("courses", index, "documents", position))
                yield Reference("document", document, self.display, line)

    def analyse(self, context: RegisterContext) -> TrainingAnalysis:
        """The training status of every current person on every course, as of ``context.today``."""
        return TrainingAnalysis(self.spec, analyse_training(self.spec, self.frames(), context))

    def frames(self) -> TrainingFrames:
        """The register as tables, for vectorised judgement."""
        return training_frames(self.spec)


@dataclass
class TrainingAnalysis:
    """The judged training register: its page, attention items, summary and review lines."""

    spec: TrainingSpec
    facts: TrainingFacts

    @property
    def judgement(self) -> TrainingJudgement:
        """The status of every current person on every course, as of the reference date."""
        return self.facts.judgement

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The one training page."""
        return [register_page(self.facts, self.spec, context)]

    def summary(self, context: RegisterContext) -> str:
        """People, courses, the share of required trainings that are current, and the gaps."""
        return summary_line(self.facts)

    def review(self, context: RegisterContext, period: ReviewPeriod) -> dict[str, list[str]]:
        """Section d) of a management review: competence at the end of ``period``."""
        return training_review(self.facts, self.spec, context, period)

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Stale, expired and missing training, one line per course (and revised document)."""
        return attention_items(self.facts, self.spec, context)


def load_training(path: Path, display: str, context: LoadContext) -> TrainingRegister | None:
    """Load ``training.yml``, check it, and report every problem at its line.

    Returns None when the file cannot be read or does not match the format;
    a register whose internal references are wrong is still returned (its
    ids stay known to the other registers) after its errors are reported.
    """
    loaded = load_validated(path, display, TrainingSpec, context.report)
    if loaded is None:
        return None
    source, spec = loaded
    _TrainingChecks(spec, source, display, context).run()
    return TrainingRegister("training", display, spec, source)


@dataclass(frozen=True)
class _TrainingChecks:
    """What the file says about itself, checked at the lines that say it."""

    spec: TrainingSpec
    source: Any
    display: str
    context: LoadContext

    def run(self) -> None:
        """Every check, all problems reported."""
        self._unique("people", [p.id for p in self.spec.people], "person")
        self._unique("courses", [c.id for c in self.spec.courses], "course")
        roles = list(self.spec.roles)
        for index, person in enumerate(self.spec.people):
            self._known(("people", index, "roles"), person.roles, roles, "role")
        for index, course in enumerate(self.spec.courses):
            self._known(("courses", index, "roles"), course.roles, roles, "role")
            self._unique(("courses", index, "documents"), course.documents, "document")
        self._records()

    def _error(self, path: Sequence[Any], message: str) -> None:
        self.context.report.error(self.display, line_of(self.source, path), message)

    def _unique(self, path: str | tuple[Any, ...], ids: Sequence[str], kind: str) -> None:
        """Each id once; a repeat is reported at its own line, naming the first."""
        prefix = (path,) if isinstance(path, str) else path
        first: dict[str, int] = {}
        for index, item_id in enumerate(ids):
            if item_id in first:
                line = line_of(self.source, (*prefix, first[item_id]))
                message = t(
                    "training.duplicate",
                    kind=t(KIND_WORDS[kind]),
                    id=item_id,
                    line=line,
                )
                self._error((*prefix, index), message)
            first.setdefault(item_id, index)

    def _known(
        self, path: tuple[Any, ...], named: Sequence[str], known: Sequence[str], kind: str
    ) -> None:
        """Each id named at ``path`` must be defined in this file."""
        for index, item_id in enumerate(named):
            if item_id not in known:
                self._error((*path, index), self._unknown(kind, item_id, known))

    def _records(self) -> None:
        """A record names a person and a course of this file, once, not in the future."""
        people = [p.id for p in self.spec.people]
        courses = [c.id for c in self.spec.courses]
        seen: dict[tuple[str, str, object], int] = {}
        for index, record in enumerate(self.spec.records):
            at = ("records", index)
            if record.person not in people:
                self._error((*at, "person"), self._unknown("person", record.person, people))
            if record.course not in courses:
                self._error((*at, "course"), self._unknown("course", record.course, courses))
            if record.date > self.context.today:
                message = t("training.future_record", date=record.date, today=self.context.today)
                self._error((*at, "date"), message)
            key = (record.person, record.course, record.date)
            if key in seen:
                first = line_of(self.source, ("records", seen[key]))
                self._error(at, t("training.duplicate_record", line=first))
            seen.setdefault(key, index)

    @staticmethod
    def _unknown(kind: str, item_id: str, known: Sequence[str]) -> str:
        return t(
            "training.unknown",
            kind=t(KIND_WORDS[kind]),
            id=item_id,
            hint=did_you_mean(item_id, known),
        )
