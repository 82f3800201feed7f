"""The format of ``data/quality-plan.yml``: objectives, indicators, targets.

An indicator says what is measured (a dataset, a measure, conditions), how it
is judged (direction, target, warning band, minimum n) and who answers for it
(owner, governing procedure, standard clauses).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from sqms.i18n import N_, nt, t
from sqms.schema.validation import StrictModel, custom_error

Measure = Literal[
    "count", "sum", "share", "mean", "median", "quantile", "ratio", "nps", "churn", "composite"
]
Family = Literal["service_level", "efficiency", "quality"]
Period = Literal["week", "month", "quarter", "year"]
Unit = Literal["percent", "hours", "days", "count", "per_1000", "score", "index", "number"]
Better = Literal["higher", "lower"]
RULE_SET_NAMES = ("basic", "western_electric", "nelson")
RULE_IDS = ("WE1", "WE2", "WE3", "WE4", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")
Clock = Literal["business", "wall"]

QuantileMethod = Literal["nearest_rank", "linear"]
"""How a median or percentile is taken (see ``sqms.engine.quantiles``)."""

PERIOD_WORDS: dict[str, str] = {
    "week": N_("period.week"),
    "month": N_("period.month"),
    "quarter": N_("period.quarter"),
    "year": N_("period.year"),
}
"""Each :data:`Period` → the message id naming it in words ("week", "month", ...)."""
QUANTILE_METHOD_WORDS: dict[str, str] = {
    "nearest_rank": N_("quantile.method.nearest_rank"),
    "linear": N_("quantile.method.linear"),
}
"""Each :data:`QuantileMethod` → the message id naming it in words."""


def _as_text(value: object) -> object:
    """Clause numbers written bare in YAML (``8.2``) are numbers; keep them as text."""
    if isinstance(value, list):
        return [str(v) for v in value]
    return value


ClauseList = Annotated[list[str], BeforeValidator(_as_text)]

REPORTING_YEARS = (1900, 2200)
"""The years ``reporting.start`` and ``reporting.end`` must fall in (both included)."""
MAX_REPORTING_YEARS = 50
"""The longest reporting window: every period of it is computed for every indicator."""


def _as_label(value: object) -> object:
    """A period label written bare in YAML (``2025``) is a number; keep it as text."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


PeriodLabel = Annotated[str, BeforeValidator(_as_label)]
"""A period as labelled in the results: ``2025-07``, ``2025-Q3``, ``2025-W27``, ``2025``."""

# Which keys each measure needs (beyond dataset), checked after parsing.
MEASURE_NEEDS: dict[str, tuple[str, ...]] = {
    "count": (),
    "sum": ("column",),
    "share": ("where",),
    "mean": ("column",),
    "median": ("column",),
    "quantile": ("column", "q"),
    "ratio": ("numerator", "denominator"),
    "nps": ("column",),
    "churn": ("start", "end"),
    "composite": ("components",),
}


class Aggregate(StrictModel):
    """One side of a ratio: a count or a sum of rows of a dataset."""

    dataset: str
    measure: Literal["count", "sum"] = "count"
    column: str | None = None
    where: str | None = None
    time: str | None = None


class TargetStep(StrictModel):
    """A target in force from a date on (targets change as the service matures)."""

    start: dt.date = Field(alias="from")
    target: float
    warning: float | None = None


class Component(StrictModel):
    """One indicator inside a composite index, with its weight."""

    indicator: str
    weight: float = Field(gt=0)


class Benchmark(StrictModel):
    """A peer value to compare with (external benchmarking)."""

    value: float
    source: str


class Baseline(StrictModel):
    """The stretch of periods control limits are computed from (both ends included)."""

    start: PeriodLabel = Field(alias="from")
    end: PeriodLabel | None = Field(default=None, alias="to")
    """The last baseline period; by default the latest period."""
    exclude: list[PeriodLabel] = Field(default_factory=list)
    """Baseline periods with a known special cause, left out of the limits."""


class Indicator(StrictModel):
    """One service-quality indicator."""

    name: str
    description: str | None = None
    """What it means, in words a service manager understands."""
    family: Family
    dataset: str | None = None
    measure: Measure
    column: str | None = None
    q: float | None = Field(default=None, gt=0, le=1)
    """The quantile, for ``measure: quantile`` (0.9 is p90)."""
    method: QuantileMethod | None = None
    """For ``measure: quantile``: ``nearest_rank`` (the ⌈q·n⌉-th smallest value, the default)
    or ``linear`` (the interpolation of Excel's PERCENTILE.INC); see ``sqms.engine.quantiles``."""
    where: str | None = None
    """Rows counted (``count``, ``sum``…), or rows that succeed (``share``)."""
    among: str | None = None
    """For ``share``: the rows that count at all (the denominator)."""
    time: str | None = None
    """The timestamp column that places a row in a period (default: the dataset's)."""
    numerator: Aggregate | None = None
    denominator: Aggregate | None = None
    scale: float = 1.0
    """Multiplies a ratio (1000 for "per 1,000 tickets")."""
    start: str | None = None
    end: str | None = None
    """For ``churn``: the columns of a customer's first and last day."""
    components: list[Component] | None = None
    score: Literal["shortfall", "attainment"] = "shortfall"
    """For ``composite``: average shortfall from target (a pain index) or attainment."""
    unit: Unit = "number"
    decimals: int | None = Field(default=None, ge=0, le=6)
    better: Better = "higher"
    target: float | None = None
    warning: float | None = None
    targets: list[TargetStep] | None = None
    period: Period | None = None
    by: list[str] = Field(default_factory=list)
    """Columns the indicator is broken down by: every value is published, so none may hold
    personal data, nor have more values than a page shows (``sqms.engine.breakdowns``)."""
    min_n: int | None = Field(default=None, ge=0)
    control_chart: Literal["auto", "xmr", "p", "u", "laney_p", "none"] = "auto"
    rules: str | list[str] = "basic"
    """The run rules: a named set (``basic``: WE1 and WE4, ``western_electric``, ``nelson``),
    or a list of rule ids such as ``[WE1, WE2, N3]``."""
    baseline: Baseline | None = None
    """Periods the control limits are computed from; by default every complete period."""
    min_baseline_points: int = Field(default=20, ge=2, le=1000)
    """Limits from fewer baseline points are provisional: drawn, but no signal claimed."""
    owner: str | None = None
    procedure: str | None = None
    clauses: ClauseList = Field(default_factory=list)
    benchmark: Benchmark | None = None

    @field_validator("rules")
    @classmethod
    def _known_rules(cls, value: str | list[str]) -> str | list[str]:
        """A named rule set, or rule ids; one message naming what is allowed."""
        unknown = [value] if isinstance(value, str) and value not in RULE_SET_NAMES else []
        unknown += (
            [rule for rule in value if rule not in RULE_IDS] if isinstance(value, list) else []
        )
        if unknown:
            raise custom_error(
                t("plan.unknown_rule", rule=unknown[0], sets=", ".join(RULE_SET_NAMES),
                  rules=", ".join(RULE_IDS))
            )  # fmt: skip
        return value

    @model_validator(mode="after")
    def _complete_for_measure(self) -> Indicator:
        missing = [key for key in MEASURE_NEEDS[self.measure] if getattr(self, key) is None]
        if self.measure not in ("ratio", "composite") and self.dataset is None:
            missing.insert(0, "dataset")
        if missing:
            raise custom_error(
                t("plan.measure_needs", measure=self.measure, keys=", ".join(missing))
            )
        if self.target is not None and self.targets is not None:
            raise custom_error(t("plan.target_or_targets"))
        return self

    @field_validator("method")
    @classmethod
    def _method_of_quantile(
        cls, value: QuantileMethod | None, info: ValidationInfo
    ) -> QuantileMethod | None:
        """Only a quantile has a method: a median is always the conventional median."""
        measure = info.data.get("measure")
        if value is not None and measure is not None and measure != "quantile":
            raise custom_error(t("plan.method_only_quantile", measure=measure))
        return value

    def target_steps(self) -> list[TargetStep]:
        """The targets as effective-dated steps (a single target applies from the start)."""
        if self.targets is not None:
            return sorted(self.targets, key=lambda s: s.start)
        if self.target is None:
            return []
        return [
            TargetStep.model_validate(
                {"from": dt.date.min, "target": self.target, "warning": self.warning}
            )
        ]


class Objective(StrictModel):
    """A quality objective, measured by indicators."""

    id: str
    title: str
    description: str | None = None
    indicators: list[str] = Field(default_factory=list)
    owner: str | None = None
    clauses: ClauseList = Field(default_factory=list)


class Defaults(StrictModel):
    """Values every indicator takes unless it says otherwise."""

    period: Period = "month"
    min_n: int = Field(default=30, ge=0)
    timezone: str | None = None
    """Time zone of period boundaries; by default that of ``datasets.yml``."""


class Reporting(StrictModel):
    """The window of periods reported on."""

    start: dt.date | None = None
    end: dt.date | None = None
    recent_periods: int = Field(default=3, ge=1, le=24)
    """Control-chart signals ending in this many latest complete periods need attention."""
    reviews: int = Field(default=4, ge=0, le=40)
    """How many latest complete quarters get a management-review page."""

    @field_validator("start", "end")
    @classmethod
    def _plausible_year(cls, value: dt.date | None) -> dt.date | None:
        if value is not None and not REPORTING_YEARS[0] <= value.year <= REPORTING_YEARS[1]:
            raise custom_error(
                t(
                    "doc.date_out_of_range",
                    value=value.isoformat(),
                    first=REPORTING_YEARS[0],
                    last=REPORTING_YEARS[1],
                )
            )
        return value

    @model_validator(mode="after")
    def _not_too_long(self) -> Reporting:
        start, end = self.start, self.end
        if start is not None and end is not None:
            latest = (start.year + MAX_REPORTING_YEARS, start.month, start.day)
            if (end.year, end.month, end.day) > latest:
                raise custom_error(
                    nt(
                        "plan.reporting_too_long",
                        MAX_REPORTING_YEARS,
                        start=start,
                        end=end,
                        limit=MAX_REPORTING_YEARS,
                    )
                )
        return self


class CycleStage(StrictModel):
    """One stage of the service cycle: the time between two timestamps of an item."""

    name: str
    start: str = Field(alias="from")
    """The timestamp column where the stage begins."""
    end: str = Field(alias="to")
    """The timestamp column where the stage ends."""
    clock: Clock | None = None
    """``business`` (opening hours of ``calendar``) or ``wall``; by default the cycle's."""
    calendar: str | None = None


class StatusHistory(StrictModel):
    """A status-history dataset: one row per status change of an item."""

    dataset: str
    key: str
    """The column holding the item's key (the cycle dataset's ``key``)."""
    time: str
    """When the item entered the status."""
    status: str
    """The column holding the status entered."""
    statuses: list[str] | None = None
    """The statuses shown, in this order; by default every status, in order of first use."""


class ServiceCycle(StrictModel):
    """Where the time goes in an item's life: stages between its timestamps."""

    dataset: str
    time: str | None = None
    """The timestamp that places an item in a period (default: the dataset's ``time``)."""
    where: str | None = None
    """The items tracked (an expression); by default all."""
    period: Period | None = None
    by: list[str] = Field(default_factory=list)
    """Columns the stages are broken down by, as for an indicator's ``by``."""
    clock: Clock = "business"
    calendar: str | None = None
    """The calendar of business-hour stages (a calendar of ``datasets.yml``)."""
    stages: list[CycleStage] = Field(default_factory=list)
    history: StatusHistory | None = None

    @model_validator(mode="after")
    def _has_stages(self) -> ServiceCycle:
        if not self.stages and self.history is None:
            raise custom_error(t("plan.cycle_needs_stages"))
        return self


class QualityPlan(StrictModel):
    """The whole ``quality-plan.yml``."""

    defaults: Defaults = Field(default_factory=Defaults)
    reporting: Reporting = Field(default_factory=Reporting)
    objectives: list[Objective] = Field(default_factory=list)
    indicators: dict[str, Indicator]
    service_cycle: ServiceCycle | None = None
