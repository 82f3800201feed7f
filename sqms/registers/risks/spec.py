"""The file format of the register of risks and opportunities, ``data/registers/risks.yml``.

ISO 9001 clause 6.1 asks the organisation to determine the risks and
opportunities that need addressing, plan actions to address them and evaluate
how effective those actions were. Each entry of the register is one risk
(``RSK-…``) or opportunity (``OPP-…``), scored by likelihood and impact (1 to
5 each), with its owner, its treatment, the improvement actions and documents
that carry the treatment out, its status and the date of its next review. The
models check the form of every value; the loader checks what the file says
about itself (duplicate ids, an id's prefix matching its kind).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from sqms.i18n import t
from sqms.registers.audits.spec import Clause
from sqms.registers.training.spec import Day, DocumentId, Ident
from sqms.schema.validation import StrictModel, custom_error

RiskKind = Literal["risk", "opportunity"]
KINDS: tuple[RiskKind, ...] = ("risk", "opportunity")
PREFIX = {"risk": "RSK-", "opportunity": "OPP-"}
"""The prefix every id of each kind starts with."""
RiskStatus = Literal["open", "treated", "closed"]
STATUSES: tuple[RiskStatus, ...] = ("open", "treated", "closed")
SCALE = range(1, 6)
"""Likelihood and impact are scored 1 (lowest) to 5 (highest)."""
DEFAULT_CLAUSES = ("6.1",)


def _score(value: int) -> int:
    """A likelihood or an impact: a whole number from 1 to 5."""
    if value not in SCALE:
        raise custom_error(t("risks.bad_score", value=value))
    return value


Score = Annotated[int, AfterValidator(_score)]


class Risk(StrictModel):
    """One risk or opportunity, scored, owned and treated."""

    id: Ident
    kind: RiskKind
    title: str
    description: str
    likelihood: Score
    impact: Score
    owner: str
    """A person id or a role: shown on the page as written."""
    treatment: str
    """What is done about it: reduce, accept, transfer, avoid; pursue or not."""
    actions: list[Ident] = Field(default_factory=list)
    """The improvement actions carrying out the treatment."""
    procedures: list[DocumentId] = Field(default_factory=list)
    """The documents of the manual that control it."""
    status: RiskStatus
    review_on: Day
    """When the entry is next reviewed; before today: the review is overdue."""
    clauses: list[Clause] = Field(default_factory=lambda: list(DEFAULT_CLAUSES), min_length=1)

    @property
    def score(self) -> int:
        """Likelihood × impact, 1 to 25."""
        return self.likelihood * self.impact


class RisksSpec(StrictModel):
    """The whole register."""

    risks: list[Risk] = Field(min_length=1)


__all__ = ["KINDS", "PREFIX", "SCALE", "STATUSES", "Risk", "RisksSpec"]
