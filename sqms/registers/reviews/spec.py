"""The file format of the management review register, ``data/registers/reviews.yml``.

The register is the record of every management review held (ISO 9001 9.3):
the period it reviewed, when it was held, who chaired and attended it, and
its decisions, each under one of the outputs of clause 9.3.3 and naming the
improvement actions that carry it out. The models check the form of every
value; the loader checks what the file says about itself (ids used once, no
review held after the as-of date), and the registers framework checks the
actions and minutes it names.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, Field

from sqms.engine.review_periods import parse_period
from sqms.i18n import t
from sqms.registers.training.spec import Day, DocumentId, Ident, as_text
from sqms.schema.validation import StrictModel, custom_error

Output = Literal["improvement", "qms_changes", "resources"]
OUTPUTS: tuple[Output, ...] = ("improvement", "qms_changes", "resources")
"""The outputs of ISO 9001 9.3.3, in the clause's order: a), b), c)."""


def _period_form(value: str) -> str:
    """The period reviewed, as the review pages name it: ``2026``, ``2026-Q3``, ``2026-09``."""
    if parse_period(value) is None:
        raise custom_error(t("reviews.bad_period", period=value))
    return value


Period = Annotated[str, BeforeValidator(as_text), AfterValidator(_period_form)]


def _as_attendee(value: object) -> object:
    """A bare text is a role: ``Quality Manager`` is ``{role: Quality Manager}``."""
    return {"role": value} if isinstance(value, str) else value


class Attendee(StrictModel):
    """Who took part: a role, and the person's name (shown only when names are published)."""

    role: str = Field(min_length=1)
    name: str | None = None


Person = Annotated[Attendee, BeforeValidator(_as_attendee)]


class Decision(StrictModel):
    """One decision of a review, under one output of clause 9.3.3."""

    output: Output
    text: str = Field(min_length=1)
    actions: list[Ident] = Field(default_factory=list)
    """The improvement actions that carry it out (ids of ``actions.yml``)."""


class Review(StrictModel):
    """One management review held."""

    id: Ident
    period: Period
    held_on: Day
    chair: Person
    attendees: list[Person] = Field(default_factory=list)
    decisions: list[Decision] = Field(default_factory=list)
    minutes: DocumentId | None = None
    """The controlled document holding the minutes, when there is one."""


class ReviewsSpec(StrictModel):
    """The whole management review register."""

    publish_names: bool = False
    """Whether people's names may be shown on the site; otherwise only their roles are."""
    reviews: list[Review] = Field(min_length=1)
