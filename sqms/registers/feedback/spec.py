"""The format of the ``feedback:`` section of ``data/registers.yml``.

The survey responses are a dataset like any export (``datasets.yml``); this
section says how to read them as the customer feedback register: which
columns hold the scores, on what scale, which end is good and what counts as
a low score; where the comment and the tags are; the breakdowns; and which
indicators to set side by side (what customers say against what the service
indicators show).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from sqms.i18n import nt, t
from sqms.schema.validation import StrictModel, custom_error

MAX_SCALE_WIDTH = 100
"""The most points between the lowest and the highest answer (a distribution is kept per point)."""


class ScoreSpec(StrictModel):
    """One survey score (CSAT, NPS, effort): its column, scale and the side that is good."""

    column: str | None = None
    """The dataset's column holding it; by default the score's own key."""
    name: str | None = None
    """How the page names it; by default the key (``CSAT``, ``NPS``…)."""
    scale: tuple[int, int]
    """The lowest and the highest answer, e.g. ``[1, 5]``."""
    better: Literal["higher", "lower"] = "higher"
    """Which end of the scale is good."""
    low: float
    """A low (poor) answer: at most this when higher is better, at least this when lower is."""

    @field_validator("scale")
    @classmethod
    def _not_too_wide(cls, value: tuple[int, int]) -> tuple[int, int]:
        lowest, highest = value
        if highest - lowest > MAX_SCALE_WIDTH:
            raise custom_error(
                nt(
                    "feedback.scale_too_wide",
                    MAX_SCALE_WIDTH,
                    lowest=lowest,
                    highest=highest,
                    limit=MAX_SCALE_WIDTH,
                )
            )
        return value

    @model_validator(mode="after")
    def _low_on_the_scale(self) -> ScoreSpec:
        lowest, highest = self.scale
        if lowest >= highest:
            raise custom_error(t("feedback.bad_scale"))
        if not lowest <= self.low <= highest:
            raise custom_error(t("feedback.low_outside", lowest=lowest, highest=highest))
        return self


class TagsSpec(StrictModel):
    """The tags column, and the score that tags are judged by."""

    column: str
    """A column of type ``list``."""
    score: str | None = None
    """The score whose low answers the tags are ranked by; by default the first score."""
    top: int = Field(default=15, ge=1, le=100)
    """How many tags the ranking shows."""


class CompareSpec(StrictModel):
    """Two indicators of the quality plan set side by side, period by period."""

    customer: str
    """What customers say: an indicator computed from the surveys (``csat``)."""
    service: str
    """What the service indicators show (``frt_median``)."""


class AttentionSpec(StrictModel):
    """When a tag's low-score share has risen enough to need attention."""

    min_n: int = Field(default=20, ge=1)
    """Responses with the tag needed in the latest month, and in the months before it."""
    rise: float = Field(default=0.10, gt=0, le=1)
    """The rise of the low-score share that needs attention (0.10: ten percentage points)."""
    baseline: int = Field(default=3, ge=1, le=24)
    """How many months before the latest one the share is compared with."""


class FeedbackSpec(StrictModel):
    """The whole ``feedback:`` section."""

    dataset: str
    """The dataset of ``datasets.yml`` holding the survey responses."""
    time: str | None = None
    """The column placing a response in a month; by default the dataset's ``time``."""
    scores: dict[str, ScoreSpec]
    """At least one score, by a key of the user's choice."""
    comment: str | None = None
    """The free-text comment column: only counted, never published."""
    tags: TagsSpec | None = None
    by: list[str] = Field(default_factory=list)
    """Columns the monthly trend is broken down by (``channel``, ``team``)."""
    compare: list[CompareSpec] = Field(default_factory=list)
    attention: AttentionSpec = Field(default_factory=AttentionSpec)

    @field_validator("scores")
    @classmethod
    def _some_score(cls, value: dict[str, ScoreSpec]) -> dict[str, ScoreSpec]:
        if not value:
            raise custom_error(t("feedback.no_scores"))
        return value

    @field_validator("tags", mode="before")
    @classmethod
    def _tags_shorthand(cls, value: Any) -> Any:
        """Allow ``tags: tags`` as short for ``tags: {column: tags}``."""
        return {"column": value} if isinstance(value, str) else value

    def column_of(self, score: str) -> str:
        """The column holding a score."""
        return self.scores[score].column or score

    def name_of(self, score: str) -> str:
        """How the page names a score."""
        return self.scores[score].name or score

    @property
    def tag_score(self) -> str:
        """The score the tags are judged by."""
        if self.tags is not None and self.tags.score is not None:
            return self.tags.score
        return next(iter(self.scores))
