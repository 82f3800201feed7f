"""Load ``quality-plan.yml`` and check every reference it makes.

The plan refers to datasets, columns, other indicators and expressions. Each
reference is checked against the declared datasets before anything is
computed, and every problem is reported at its line in the plan.

A breakdown (``by``) puts every value of its column on a page, so it may not
name personal data (:mod:`sqms.engine.privacy`) nor a column with more values than
a page can show (:mod:`sqms.engine.breakdowns`). Filters (``where``, ``among``) may
use any column: only the aggregates they select leave the core.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqms.diagnostics import Report
from sqms.engine.breakdowns import too_many_values
from sqms.engine.datasets import Catalog
from sqms.engine.expressions import (
    Expression,
    ExpressionError,
    check_condition,
    parse_expression,
    unknown_columns,
)
from sqms.engine.privacy import published_problem
from sqms.i18n import N_, did_you_mean, t
from sqms.io.data_paths import may_open
from sqms.io.yamlsource import line_of
from sqms.schema.datasets import DatasetSpec
from sqms.schema.plan import PERIOD_WORDS, Aggregate, Indicator, QualityPlan, ServiceCycle
from sqms.schema.validation import load_validated

PLAN_FILE = "quality-plan.yml"
LABEL_FORMS = {
    "week": (re.compile(r"\d{4}-W\d{2}"), "2025-W27"),
    "month": (re.compile(r"\d{4}-(0[1-9]|1[0-2])"), "2025-07"),
    "quarter": (re.compile(r"\d{4}-Q[1-4]"), "2025-Q3"),
    "year": (re.compile(r"\d{4}"), "2025"),
}
"""What a period label looks like for each period, and an example (for baselines)."""
CHART_MEASURES = {
    "p": frozenset({"share", "churn"}),
    "laney_p": frozenset({"share", "churn"}),
    "u": frozenset({"count", "ratio"}),
}
"""The measures each attribute control chart can chart (XmR charts any)."""
NUMERIC = frozenset({"integer", "number"})
TIMES = frozenset({"datetime", "date"})
Path_ = tuple[int | str, ...]


@dataclass(frozen=True)
class CompiledIndicator:
    """An indicator whose references are checked and whose expressions are parsed."""

    id: str
    spec: Indicator
    period: str
    min_n: int
    where: Expression | None = None
    among: Expression | None = None
    sides: dict[str, Expression | None] = field(default_factory=dict)
    """Parsed ``where`` of a ratio's numerator and denominator."""


@dataclass(frozen=True)
class CompiledCycle:
    """The service-cycle declaration, checked, with its condition parsed."""

    spec: ServiceCycle
    period: str
    where: Expression | None = None


@dataclass
class Plan:
    """The quality plan, checked, with indicators in the order they can be computed."""

    spec: QualityPlan
    timezone: str
    indicators: dict[str, CompiledIndicator]
    display: str
    source: Any = None
    cycle: CompiledCycle | None = None
    """The service cycle, when the plan declares one and it checks out."""

    def line(self, *path: int | str) -> int | None:
        """The line in the plan of a key path."""
        return line_of(self.source, path)

    def datasets_read(self, ind_id: str) -> list[str]:
        """The datasets an indicator is computed from, a composite's through its components.

        Sorted, each once. What its numbers rest on: the manifest names their
        files, and its periods are complete only when all of them are.
        """
        names: set[str] = set()
        pending, seen = [ind_id], set()
        while pending:
            current = pending.pop()
            if current in seen or current not in self.spec.indicators:
                continue
            seen.add(current)
            spec = self.spec.indicators[current]
            names.update([spec.dataset] if spec.dataset else [])
            names.update(side.dataset for side in (spec.numerator, spec.denominator) if side)
            pending += [component.indicator for component in spec.components or []]
        return sorted(names)


def load_plan(
    data_dir: Path, display_dir: str, catalog: Catalog | None, report: Report
) -> Plan | None:
    """Load and check the plan; None when it cannot be used."""
    display = f"{display_dir}/{PLAN_FILE}"
    plan_file = data_dir / PLAN_FILE
    if plan_file.is_symlink() and not may_open(plan_file, data_dir, display, display_dir, report):
        return None  # a link out of the data folder: never opened, so nothing of it is echoed
    loaded = load_validated(plan_file, display, QualityPlan, report)
    if loaded is None:
        return None
    source, spec = loaded
    timezone = spec.defaults.timezone or (catalog.spec.timezone if catalog else "UTC")
    plan = Plan(spec, timezone, {}, display, source)
    problems: list[tuple[Path_, str]] = []
    for ind_id, indicator in spec.indicators.items():
        compiled, found = _compile(ind_id, indicator, spec, catalog)
        problems.extend((("indicators", ind_id, *path), message) for path, message in found)
        if compiled is not None and not found:
            plan.indicators[ind_id] = compiled
    problems.extend(_objective_problems(spec))
    problems.extend(_composite_problems(spec))
    if spec.service_cycle is not None:
        _rows_in_memory(spec.service_cycle, catalog, report)
        plan.cycle, found = _compile_cycle(spec.service_cycle, spec, catalog)
        problems.extend((("service_cycle", *path), message) for path, message in found)
    for path, message in problems:
        report.error(display, plan.line(*path), message)
    plan.indicators = _composites_last(plan.indicators)
    return plan


def _compile(
    ind_id: str, spec: Indicator, plan: QualityPlan, catalog: Catalog | None
) -> tuple[CompiledIndicator | None, list[tuple[Path_, str]]]:
    """Check one indicator's references and parse its expressions."""
    problems: list[tuple[Path_, str]] = []
    problems.extend(_target_problems(spec))
    problems.extend(_control_problems(spec, spec.period or plan.defaults.period))
    exprs: dict[str, Expression | None] = {}
    if spec.measure == "ratio":
        for side in ("numerator", "denominator"):
            aggregate: Aggregate = getattr(spec, side)
            dataset = _dataset(aggregate.dataset, catalog, (side, "dataset"), problems)
            exprs[side] = _check_aggregate(aggregate, dataset, (side,), problems)
        for dim in spec.by:
            for side in ("numerator", "denominator"):
                dataset = _dataset(getattr(spec, side).dataset, catalog, (side, "dataset"), [])
                _check_column(dim, dataset, ("by",), problems)
        sides = [getattr(spec, side).dataset for side in ("numerator", "denominator")]
        _check_breakdowns(spec.by, sides, catalog, problems)
    elif spec.measure != "composite":
        dataset = _dataset(spec.dataset or "", catalog, ("dataset",), problems)
        exprs["where"] = _parse(spec.where, dataset, ("where",), problems)
        exprs["among"] = _parse(spec.among, dataset, ("among",), problems)
        _check_columns_of(spec, dataset, problems)
        _check_breakdowns(spec.by, [spec.dataset or ""], catalog, problems)
    compiled = CompiledIndicator(
        ind_id,
        spec,
        spec.period or plan.defaults.period,
        plan.defaults.min_n if spec.min_n is None else spec.min_n,
        exprs.get("where"),
        exprs.get("among"),
        {k: v for k, v in exprs.items() if k in ("numerator", "denominator")},
    )
    return compiled, problems


def _dataset(
    name: str, catalog: Catalog | None, path: Path_, problems: list[tuple[Path_, str]]
) -> DatasetSpec | None:
    """The declared dataset ``name``; reports an unknown one."""
    if catalog is None:
        return None
    if name not in catalog.spec.datasets:
        problems.append((path, _unknown(N_("plan.unknown_dataset"), name, catalog.spec.datasets)))
    # A declared dataset whose declaration is broken has been reported already.
    return catalog.specs.get(name)


def _columns(dataset: DatasetSpec) -> dict[str, str]:
    """Every column an indicator may use: declared and derived, with its type."""
    types: dict[str, str] = {name: col.type for name, col in dataset.columns.items()}
    types.update(
        {name: "number" if d.kind != "map" else "string" for name, d in dataset.derive.items()}
    )
    return types


def _check_column(
    column: str | None,
    dataset: DatasetSpec | None,
    path: Path_,
    problems: list[tuple[Path_, str]],
    kinds: frozenset[str] | None = None,
) -> None:
    """Report a column missing from the dataset, or of the wrong type."""
    if column is None or dataset is None:
        return
    types = _columns(dataset)
    if column not in types:
        problems.append((path, _unknown(N_("plan.unknown_column"), column, types)))
    elif kinds is not None and types[column] not in kinds:
        problems.append(
            (
                path,
                t(
                    "plan.column_type",
                    column=column,
                    type=types[column],
                    expected=", ".join(sorted(kinds)),
                ),
            )
        )


def _check_columns_of(
    spec: Indicator, dataset: DatasetSpec | None, problems: list[tuple[Path_, str]]
) -> None:
    """The columns an indicator names: its value column, time, churn dates and breakdowns."""
    _check_column(spec.column, dataset, ("column",), problems, NUMERIC)
    _check_column(spec.time, dataset, ("time",), problems, TIMES)
    _check_column(spec.start, dataset, ("start",), problems, TIMES)
    _check_column(spec.end, dataset, ("end",), problems, TIMES)
    for index, dim in enumerate(spec.by):
        _check_column(dim, dataset, ("by", index), problems)
    if (
        dataset is not None
        and spec.measure != "churn"
        and spec.time is None
        and dataset.time is None
    ):
        problems.append(((), t("plan.no_time", dataset=spec.dataset)))


def _check_breakdowns(
    by: list[str], datasets: list[str], catalog: Catalog | None, problems: list[tuple[Path_, str]]
) -> None:
    """A breakdown publishes every value of its column: none personal, and few enough to show.

    A ratio breaks both its datasets down by the same column: each is checked,
    a problem they share said once.
    """
    if catalog is None:
        return
    for index, dim in enumerate(by):
        found = dict.fromkeys(_breakdown_problem(dim, name, catalog) for name in datasets)
        problems.extend((("by", index), message) for message in found if message is not None)


def _breakdown_problem(column: str, dataset: str, catalog: Catalog) -> str | None:
    """Why ``dataset`` cannot be broken down by ``column``; None when it can (or is unknown)."""
    spec = catalog.specs.get(dataset)
    if spec is None:
        return None  # an unknown or broken dataset is reported already
    problem = published_problem(spec, column)
    loaded = catalog.datasets.get(dataset)
    if problem is None and loaded is not None:
        problem = too_many_values(loaded, column)
    return problem


def _check_shown(
    column: str, dataset: DatasetSpec | None, path: Path_, problems: list[tuple[Path_, str]]
) -> None:
    """A column whose values are shown must not hold personal data."""
    problem = None if dataset is None else published_problem(dataset, column)
    if problem is not None:
        problems.append((path, problem))


def _check_aggregate(
    aggregate: Aggregate,
    dataset: DatasetSpec | None,
    path: Path_,
    problems: list[tuple[Path_, str]],
) -> Expression | None:
    """One side of a ratio: its column, time and condition."""
    if aggregate.measure == "sum" and aggregate.column is None:
        problems.append(((*path, "measure"), t("plan.measure_needs", measure="sum", keys="column")))
    _check_column(aggregate.column, dataset, (*path, "column"), problems, NUMERIC)
    _check_column(aggregate.time, dataset, (*path, "time"), problems, TIMES)
    if dataset is not None and aggregate.time is None and dataset.time is None:
        problems.append((path, t("plan.no_time", dataset=aggregate.dataset)))
    return _parse(aggregate.where, dataset, (*path, "where"), problems)


def _parse(
    source: str | None, dataset: DatasetSpec | None, path: Path_, problems: list[tuple[Path_, str]]
) -> Expression | None:
    """Parse an expression and check the columns it uses."""
    if source is None:
        return None
    try:
        expression = parse_expression(source)
        check_condition(expression)
    except ExpressionError as exc:
        problems.append((path, exc.message))
        return None
    if dataset is not None:
        types = _columns(dataset)
        for column in unknown_columns(expression, types):
            problems.append((path, _unknown(N_("plan.unknown_column"), column, types)))
    return expression


def _target_problems(spec: Indicator) -> list[tuple[Path_, str]]:
    """A warning threshold must lie on the worse side of its target."""
    problems: list[tuple[Path_, str]] = []
    for index, step in enumerate(spec.target_steps()):
        if step.warning is None:
            continue
        wrong = (
            step.warning > step.target if spec.better == "higher" else step.warning < step.target
        )
        if wrong:
            path: Path_ = ("targets", index, "warning") if spec.targets else ("warning",)
            problems.append((path, t("plan.warning_side", better=spec.better)))
    return problems


def _control_problems(spec: Indicator, period: str) -> list[tuple[Path_, str]]:
    """The control chart suits the measure; baseline periods are labels of the right form."""
    problems: list[tuple[Path_, str]] = []
    allowed = CHART_MEASURES.get(spec.control_chart)
    if allowed is not None and spec.measure not in allowed:
        message = t(
            "plan.chart_measure",
            chart=spec.control_chart,
            measure=spec.measure,
            measures=", ".join(sorted(allowed)),
        )
        problems.append((("control_chart",), message))
    if spec.baseline is None:
        return problems
    form, example = LABEL_FORMS[period]
    ends: list[tuple[Path_, str | None]] = [
        (("from",), spec.baseline.start),
        (("to",), spec.baseline.end),
        *((("exclude", i), label) for i, label in enumerate(spec.baseline.exclude)),
    ]
    for key, label in ends:
        if label is not None and not form.fullmatch(label):
            message = t(
                "plan.bad_label", label=label, period=t(PERIOD_WORDS[period]), example=example
            )
            problems.append((("baseline", *key), message))
    if spec.baseline.end is not None and spec.baseline.end < spec.baseline.start:
        problems.append((("baseline", "to"), t("plan.baseline_reversed")))
    return problems


def _rows_in_memory(cycle: ServiceCycle, catalog: Catalog | None, report: Report) -> None:
    """The service cycle's datasets with their rows in memory: it follows items row by row."""
    if catalog is None:
        return
    names = [cycle.dataset] + ([cycle.history.dataset] if cycle.history is not None else [])
    for name in names:
        catalog.in_memory(name, report)


def _compile_cycle(
    cycle: ServiceCycle, plan: QualityPlan, catalog: Catalog | None
) -> tuple[CompiledCycle | None, list[tuple[Path_, str]]]:
    """Check the service cycle's dataset, columns, calendars and status history."""
    problems: list[tuple[Path_, str]] = []
    dataset = _dataset(cycle.dataset, catalog, ("dataset",), problems)
    if dataset is not None and dataset.table is not None:
        problems.append((("dataset",), t("plan.cycle_table", dataset=cycle.dataset)))
    where = _parse(cycle.where, dataset, ("where",), problems)
    _check_column(cycle.time, dataset, ("time",), problems, TIMES)
    if dataset is not None and cycle.time is None and dataset.time is None:
        problems.append(((), t("plan.no_time", dataset=cycle.dataset)))
    for index, dim in enumerate(cycle.by):
        _check_column(dim, dataset, ("by", index), problems)
    _check_breakdowns(cycle.by, [cycle.dataset], catalog, problems)
    calendars = set(catalog.spec.calendars) if catalog is not None else None
    _check_calendar(cycle.clock, cycle.calendar, calendars, (), problems)
    for index, stage in enumerate(cycle.stages):
        for key in ("from", "to"):
            column = stage.start if key == "from" else stage.end
            _check_column(column, dataset, ("stages", index, key), problems, TIMES)
        clock = stage.clock or cycle.clock
        calendar = stage.calendar or cycle.calendar
        _check_calendar(clock, calendar, calendars, ("stages", index), problems)
    if cycle.history is not None:
        _check_history(cycle, dataset, catalog, problems)
    compiled = CompiledCycle(cycle, cycle.period or plan.defaults.period, where)
    return (None if problems else compiled), problems


def _check_calendar(
    clock: str,
    calendar: str | None,
    known: set[str] | None,
    path: Path_,
    problems: list[tuple[Path_, str]],
) -> None:
    """A business clock needs a calendar, and a named calendar must exist."""
    if clock == "business" and calendar is None:
        problems.append(((*path, "calendar"), t("plan.cycle_needs_calendar")))
    elif calendar is not None and known is not None and calendar not in known:
        problems.append(
            ((*path, "calendar"), _unknown(N_("plan.unknown_calendar"), calendar, known))
        )


def _check_history(
    cycle: ServiceCycle,
    dataset: DatasetSpec | None,
    catalog: Catalog | None,
    problems: list[tuple[Path_, str]],
) -> None:
    """The status history: its dataset and columns, and a key to join it to the items."""
    history = cycle.history
    assert history is not None
    path: Path_ = ("history",)
    if dataset is not None and dataset.key is None:
        problems.append((path, t("plan.cycle_needs_key", dataset=cycle.dataset)))
    changes = _dataset(history.dataset, catalog, (*path, "dataset"), problems)
    if changes is not None and changes.table is not None:
        problems.append(((*path, "dataset"), t("plan.cycle_table", dataset=history.dataset)))
    _check_column(history.key, changes, (*path, "key"), problems)
    _check_column(history.time, changes, (*path, "time"), problems, TIMES)
    _check_column(history.status, changes, (*path, "status"), problems)
    # The statuses are named on the page, as the stages of the statuses view.
    _check_shown(history.status, changes, (*path, "status"), problems)


def _objective_problems(spec: QualityPlan) -> list[tuple[Path_, str]]:
    """Objectives refer to indicators that exist, and have unique ids."""
    problems: list[tuple[Path_, str]] = []
    seen: set[str] = set()
    for index, objective in enumerate(spec.objectives):
        if objective.id in seen:
            problems.append(
                (("objectives", index, "id"), t("plan.duplicate_objective", id=objective.id))
            )
        seen.add(objective.id)
        for position, ind_id in enumerate(objective.indicators):
            if ind_id not in spec.indicators:
                path: Path_ = ("objectives", index, "indicators", position)
                problems.append(
                    (path, _unknown(N_("plan.unknown_indicator"), ind_id, spec.indicators))
                )
    return problems


def _composite_problems(spec: QualityPlan) -> list[tuple[Path_, str]]:
    """Components exist, are not composites, and have a non-zero target to be scored against."""
    problems: list[tuple[Path_, str]] = []
    for ind_id, indicator in spec.indicators.items():
        for index, component in enumerate(indicator.components or []):
            path: Path_ = ("indicators", ind_id, "components", index, "indicator")
            other = spec.indicators.get(component.indicator)
            if other is None:
                problems.append(
                    (
                        path,
                        _unknown(
                            N_("plan.unknown_indicator"), component.indicator, spec.indicators
                        ),
                    )
                )
            elif other.measure == "composite":
                problems.append((path, t("plan.nested_composite", id=component.indicator)))
            elif not other.target_steps() or any(step.target == 0 for step in other.target_steps()):
                problems.append((path, t("plan.component_needs_target", id=component.indicator)))
    return problems


def _unknown(key: str, name: str, known: Iterable[str]) -> str:
    """ "unknown X" with a suggestion of the closest known name."""
    return t(key, name=name, hint=did_you_mean(name, known))


def _composites_last(indicators: dict[str, CompiledIndicator]) -> dict[str, CompiledIndicator]:
    """Order indicators so that composites come after the indicators they combine."""
    plain = {k: v for k, v in indicators.items() if v.spec.measure != "composite"}
    composite = {k: v for k, v in indicators.items() if v.spec.measure == "composite"}
    return plain | composite
