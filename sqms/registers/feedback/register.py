"""The customer feedback register: survey responses read as the voice of the customer.

The responses are a dataset of ``datasets.yml`` (a survey tool's export);
the ``feedback:`` section of ``data/registers.yml`` says how to read them:
the scores with their scale, good end and what counts as a low score, the
comment and tags columns, the breakdowns, and which indicators to compare.
This module checks that setup against the datasets (every problem at its
line, with the closest name as a hint) and gives the register the
framework judges and publishes. The analysis is in ``feedback_analysis``,
the page in ``feedback_page``.

The tags and the breakdowns put their values on the page, so they may not
hold personal data (:mod:`sqms.engine.privacy`); the comment may, being only counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqms.engine.breakdowns import too_many_values
from sqms.engine.datasets import Dataset
from sqms.engine.privacy import published_problem
from sqms.i18n import did_you_mean, t
from sqms.io.yamlsource import line_of
from sqms.registers.common import LoadContext, Reference, RegisterContext
from sqms.registers.feedback.analysis import FeedbackFacts, analyse_frame, no_facts
from sqms.registers.feedback.page import attention_items, feedback_page, summary_line
from sqms.registers.feedback.review import review_feedback
from sqms.registers.feedback.spec import FeedbackSpec
from sqms.schema.datasets import DatasetSpec
from sqms.schema.validation import validate
from sqms.site.pages.common import Page
from sqms.site.reporting import AttentionItem

if TYPE_CHECKING:
    from sqms.engine.review_periods import ReviewPeriod

NUMERIC = frozenset({"integer", "number"})
TIMES = frozenset({"datetime", "date"})
TEXTS = frozenset({"string", "category"})
BREAKDOWNS = frozenset({"string", "category", "boolean"})

Problem = tuple[tuple[int | str, ...], str]


@dataclass
class FeedbackRegister:
    """The survey responses, set up as the customer feedback register."""

    spec: FeedbackSpec
    display: str
    time: str
    """The column placing a response in a month."""
    compared: tuple[Reference, ...] = ()
    """The indicators named in ``compare``, located, for the framework to check."""
    name: str = "feedback"

    def ids(self) -> Mapping[str, Iterable[str]]:
        """The register defines no ids: responses are not referred to one by one."""
        return {}

    def references(self) -> Iterable[Reference]:
        """The indicators it compares."""
        return self.compared

    def analyse(self, context: RegisterContext) -> FeedbackAnalysis:
        """Every aggregate of the page, computed once."""
        catalog = context.catalog
        dataset = None if catalog is None else catalog.datasets.get(self.spec.dataset)
        if dataset is None:
            return FeedbackAnalysis(no_facts(), self.spec)
        facts = analyse_frame(
            self.spec, dataset.frame, self.time, dataset.as_of, context.plan.timezone,
            context.results,
        )  # fmt: skip
        return FeedbackAnalysis(facts, self.spec)


@dataclass
class FeedbackAnalysis:
    """The register judged against the data: its page, attention items and summary."""

    facts: FeedbackFacts
    spec: FeedbackSpec
    _made: tuple[RegisterContext, list[Page]] | None = field(default=None, repr=False)

    def pages(self, context: RegisterContext) -> Sequence[Page]:
        """The register's one page (made once per context: the index asks for it too)."""
        if self._made is None or self._made[0] is not context:
            self._made = (context, [feedback_page(self.facts, self.spec, context)])
        return self._made[1]

    def attention(self, context: RegisterContext) -> Sequence[AttentionItem]:
        """Tags whose share of low scores rose in the latest complete month."""
        return attention_items(self.facts, self.spec)

    def summary(self, context: RegisterContext) -> str:
        """Responses, the months they span, and the latest month's share of low scores."""
        return summary_line(self.facts, self.spec)

    def review(self, context: RegisterContext, period: ReviewPeriod) -> dict[str, list[str]]:
        """Lines for the management review of ``period``: sections c1 and f."""
        return review_feedback(self.facts, self.spec, context, period)


def load_feedback(section: Any, display: str, context: LoadContext) -> FeedbackRegister | None:
    """The ``feedback:`` section validated and checked against the datasets; None on errors.

    Without datasets (``datasets.yml`` failed to load) nothing can be checked:
    None, the datasets' own errors having been reported.
    """
    spec = validate(FeedbackSpec, section, display, context.report, at=("feedback",))
    if spec is None or context.catalog is None:
        return None
    if spec.dataset not in context.catalog.spec.datasets:
        hint = did_you_mean(spec.dataset, context.catalog.spec.datasets)
        message = t("feedback.unknown_dataset", name=spec.dataset, hint=hint)
        context.report.error(display, line_of(section, ("dataset",)), message)
        return None
    dataset = context.catalog.specs.get(spec.dataset)
    if dataset is None:
        return None  # its declaration has errors, reported in datasets.yml
    if dataset.table is not None:
        message = t("registers.table_dataset", dataset=spec.dataset)
        context.report.error(display, line_of(section, ("dataset",)), message)
        return None
    time = spec.time or dataset.time
    problems = setup_problems(spec, dataset, time)
    loaded = context.catalog.in_memory(spec.dataset, context.report)  # read row by row
    if not problems and loaded is not None:
        problems = breakdown_size_problems(spec, loaded)
    for path, message in problems:
        context.report.error(display, line_of(section, path), message)
    if problems or time is None:
        return None
    compared = tuple(
        Reference("indicator", getattr(pair, side), display, line_of(section, ("compare", i, side)))
        for i, pair in enumerate(spec.compare)
        for side in ("customer", "service")
    )
    return FeedbackRegister(spec, display, time, compared)


def breakdown_size_problems(spec: FeedbackSpec, dataset: Dataset) -> list[Problem]:
    """Each breakdown must have few enough values to be shown (``sqms.engine.breakdowns``)."""
    found = [(("by", index), too_many_values(dataset, dim)) for index, dim in enumerate(spec.by)]
    return [(path, message) for path, message in found if message is not None]


def setup_problems(spec: FeedbackSpec, dataset: DatasetSpec, time: str | None) -> list[Problem]:
    """Every column the setup names must exist in the dataset, with a type that fits its use."""
    types = {name: column.type for name, column in dataset.columns.items()}
    types |= {name: "string" if d.kind == "map" else "number" for name, d in dataset.derive.items()}
    problems: list[Problem] = []

    def check(column: str, path: tuple[int | str, ...], kinds: frozenset[str]) -> None:
        if column not in types:
            hint = did_you_mean(column, types)
            problems.append((path, t("feedback.unknown_column", column=column, hint=hint)))
        elif types[column] not in kinds:
            expected = ", ".join(sorted(kinds))
            problems.append(
                (
                    path,
                    t("feedback.column_type", column=column, type=types[column], expected=expected),
                )
            )

    def published(column: str, path: tuple[int | str, ...]) -> None:
        problem = published_problem(dataset, column)
        if problem is not None:
            problems.append((path, problem))

    if time is None:
        problems.append((("dataset",), t("feedback.no_time", dataset=spec.dataset)))
    else:
        check(time, ("time",) if spec.time else ("dataset",), TIMES)
    for key in spec.scores:
        check(spec.column_of(key), ("scores", key, "column"), NUMERIC)
    if spec.comment is not None:
        check(spec.comment, ("comment",), TEXTS)
    if spec.tags is not None:
        check(spec.tags.column, ("tags", "column"), frozenset({"list"}))
        published(spec.tags.column, ("tags", "column"))
        if spec.tags.score is not None and spec.tags.score not in spec.scores:
            hint = did_you_mean(spec.tags.score, spec.scores)
            problems.append(
                (("tags", "score"), t("feedback.unknown_score", name=spec.tags.score, hint=hint))
            )
    for index, dim in enumerate(spec.by):
        check(dim, ("by", index), BREAKDOWNS)
        published(dim, ("by", index))
        if dim in spec.by[:index]:
            problems.append((("by", index), t("feedback.by_twice", column=dim)))
    return problems
