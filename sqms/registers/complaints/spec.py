"""The format of the ``complaints:`` section of ``data/registers.yml``.

The complaint register is a table declared as a dataset in ``datasets.yml``;
this section says how it is read as a register: which column plays which
role, the targets for acknowledging and resolving a complaint (ISO 10002
7.4 and 7.7), the window that makes a complaint a repeat, and the dataset
the complaint rate is taken per 1,000 of.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator

from sqms.i18n import t
from sqms.schema.validation import StrictModel, custom_error

ROLES = (
    "id",
    "received",
    "customer",
    "channel",
    "category",
    "severity",
    "description",
    "root_cause",
    "action",
    "action_needed",
    "decision",
    "acknowledged",
    "resolved",
    "outcome",
    "satisfied",
)
"""What a column of the register can hold, in the order of the published list."""

REQUIRED_ROLES = ("id", "received")
"""Roles every complaint register has: without them there is nothing to count."""

LABELS = ("string", "category")
ROLE_TYPES: dict[str, tuple[str, ...]] = {
    "id": ("string", "category", "integer"),
    "received": ("datetime",),
    "customer": ("string", "category", "integer"),
    "channel": LABELS,
    "category": LABELS,
    "severity": LABELS,
    "description": ("string",),
    "root_cause": LABELS,
    "action": LABELS,
    "action_needed": ("boolean",),
    "decision": ("string",),
    "acknowledged": ("datetime",),
    "resolved": ("datetime",),
    "outcome": LABELS,
    "satisfied": ("boolean",),
}
"""The declared column types (``datasets.yml``) each role accepts."""

HOURS_TYPES = ("number", "integer")
"""Types of a column that gives hours to acknowledge (derived columns are numbers)."""
TIME_TYPES = ("datetime",)
"""Types of the column that places the rate's denominator in a month."""


def _as_text(value: object) -> object:
    """Severity values written bare in YAML (``1: 5``) are numbers; keep them as text."""
    if isinstance(value, dict):
        return {str(k): v for k, v in value.items()}
    return value


def _positive(value: float | None) -> float | None:
    """A duration or window must be above zero."""
    if value is not None and value <= 0:
        raise custom_error(t("complaints.not_positive", value=value))
    return value


MAX_DAYS = 3660
"""The longest target, window or age group in days: about ten years."""
MAX_HOURS = MAX_DAYS * 24
"""The longest acknowledgement target in hours (87,840)."""


def _at_most(value: float, limit: int) -> None:
    """A duration or window longer than ``limit`` would only make the build work for nothing."""
    if not value <= limit:  # NaN is not at most anything
        raise custom_error(t("bounds.too_large", value=value, limit=f"{limit:,}"))


class ColumnsSpec(StrictModel):
    """Which column of the dataset holds what; each defaults to the sample's name.

    A role mapped to ``null`` is not kept; a role left to its default is not
    kept either when the dataset has no such column, or when that column holds
    personal data (``sqms.engine.privacy``): every role but ``customer`` is published.
    """

    id: str = "complaint_id"
    received: str = "received_at"
    customer: str | None = "customer_id"
    """Personal data: used to find repeat complaints, never published."""
    channel: str | None = "channel"
    category: str | None = "category"
    severity: str | None = "severity"
    description: str | None = "description"
    root_cause: str | None = "root_cause"
    action: str | None = "action_id"
    """The improvement action the complaint is linked to (an id of the actions register)."""
    action_needed: str | None = "action_needed"
    """For an upheld complaint: whether corrective action is needed (yes/no, ISO 9001
    10.2.1 b); a yes needs a linked action."""
    decision: str | None = "decision"
    """Why action is or is not needed, in a few words."""
    acknowledged: str | None = "acknowledged_at"
    resolved: str | None = "resolved_at"
    """When the final response was given: empty while the complaint is open."""
    outcome: str | None = "outcome"
    satisfied: str | None = "satisfied"
    """Whether the customer was satisfied with the handling (true/false)."""


class AcknowledgeSpec(StrictModel):
    """The target for acknowledging a complaint (ISO 10002 7.4)."""

    within_hours: float
    """Hours from receipt to acknowledgement."""
    hours: str | None = None
    """A number column with those hours (a derived business-hours column of the
    dataset); by default wall-clock hours from received to acknowledged."""

    @field_validator("within_hours")
    @classmethod
    def _within(cls, value: float) -> float:
        """A target of more than zero hours, and at most :data:`MAX_HOURS`."""
        _positive(value)
        _at_most(value, MAX_HOURS)
        return value


class ResolveSpec(StrictModel):
    """The standard for the final response, in calendar days (ISO 10002 7.7)."""

    within_days: Annotated[float | dict[str, float], BeforeValidator(_as_text)]
    """One number of days for every complaint, or days by severity value."""

    @field_validator("within_days")
    @classmethod
    def _days(cls, value: float | dict[str, float]) -> float | dict[str, float]:
        """Every standard is a positive number of days, at most :data:`MAX_DAYS`."""
        for days in value.values() if isinstance(value, dict) else [value]:
            _positive(days)
            _at_most(days, MAX_DAYS)
        return value


class RepeatSpec(StrictModel):
    """What makes a complaint a repeat: same customer, same category, within a window."""

    within_days: int = 30
    """Calendar days between the two complaints, inclusive."""
    measured_from: Literal["received", "final_response"] = "received"
    """From the earlier complaint's receipt, or from its final response (an
    earlier complaint still open makes every new one a repeat)."""

    @field_validator("within_days")
    @classmethod
    def _window(cls, value: int) -> int:
        """A window of at least one day and at most :data:`MAX_DAYS`."""
        _positive(value)
        _at_most(value, MAX_DAYS)
        return value


class RateSpec(StrictModel):
    """The complaint rate: complaints per ``per`` rows of another dataset, each month."""

    dataset: str
    """The denominator, e.g. ``tickets``."""
    per: int = 1000
    time: str | None = None
    """The column that places a row of ``dataset`` in a month; by default its ``time``."""

    @field_validator("per")
    @classmethod
    def _per(cls, value: int) -> int:
        """Rates are per a positive number of rows."""
        _positive(value)
        return value


class ComplaintsSpec(StrictModel):
    """The whole ``complaints:`` section."""

    dataset: str
    """The dataset of ``datasets.yml`` that holds the register."""
    columns: ColumnsSpec = Field(default_factory=ColumnsSpec)
    acknowledge: AcknowledgeSpec | None = None
    resolve: ResolveSpec | None = None
    repeat: RepeatSpec = Field(default_factory=RepeatSpec)
    rate: RateSpec | None = None
    age_days: list[int] = Field(default_factory=lambda: [7, 15, 30, 60])
    """Upper bounds (days) of the age groups of open complaints, increasing."""

    @field_validator("age_days")
    @classmethod
    def _increasing(cls, value: list[int]) -> list[int]:
        """Age groups need increasing, positive bounds."""
        if not value or any(b <= a for a, b in zip([0, *value], value, strict=False)):
            raise custom_error(t("complaints.age_days_increasing"))
        _at_most(value[-1], MAX_DAYS)
        return value

    def explicit(self, role: str) -> bool:
        """Whether ``role`` was written in the file (not left to its default)."""
        return role in self.columns.model_fields_set
