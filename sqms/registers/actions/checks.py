"""Checks of ``actions.yml`` that need the whole file or the quality plan.

Each record is valid on its own (:mod:`sqms.registers.actions.spec`); here
the file is checked as a whole: ids unique, a closing date exactly when an
action is closed, dates in order, every step of a closed action done, and
each effectiveness check stated in the periods of its indicator, on a
breakdown the indicator has. Ids of other registers, indicators and
documents are checked by the registers framework, not here.

A helper of loading: :func:`~sqms.registers.actions.register.load_actions`
reports each problem at its line, and the register is still returned so that
its ids remain known to the other registers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqms.engine.datasets import Catalog
from sqms.engine.plan import CompiledIndicator, Plan
from sqms.i18n import did_you_mean, t
from sqms.registers.actions.spec import (
    LABEL_EXAMPLES,
    Action,
    ActionsFile,
    Effectiveness,
    label_kind,
    window_ends,
)
from sqms.registers.common import anchor
from sqms.schema.plan import PERIOD_WORDS
from sqms.schema.validation import allowed_list

KeyPath = tuple[Any, ...]
Problem = tuple[KeyPath, str]
LineOf = Callable[[KeyPath], int | None]


def file_problems(
    spec: ActionsFile, line: LineOf, plan: Plan | None, catalog: Catalog | None
) -> list[Problem]:
    """Every problem of the file as a whole, each with the key path it is at."""
    problems = list(_duplicates(spec, line))
    for index, action in enumerate(spec.actions):
        at: KeyPath = ("actions", index)
        problems += [((*at, *path), message) for path, message in _dates(action)]
        if action.effectiveness is not None:
            check = _effectiveness(action.effectiveness, plan, catalog)
            problems += [((*at, "effectiveness", *path), message) for path, message in check]
    return problems


def _duplicates(spec: ActionsFile, line: LineOf) -> Iterator[Problem]:
    """Ids used twice (as written, or as the page name they make: ``act-1`` and ``ACT-1``)."""
    first: dict[str, int] = {}
    for index, action in enumerate(spec.actions):
        key = anchor(action.id)
        if key in first:
            where = line(("actions", first[key], "id"))
            message = t("actions.duplicate_id", id=action.id, line=where or "?")
            yield ("actions", index, "id"), message
        else:
            first[key] = index


def _dates(action: Action) -> Iterator[Problem]:
    """Closed exactly when a closing date is given; dates in order.

    Dates are not compared with today: the reference date of a build may be
    set far in the past (``SOURCE_DATE_EPOCH=0`` for a reproducible build).
    """
    if action.status == "closed" and action.closed is None:
        yield ("status",), t("actions.closed_needs_date")
    if action.closed is not None and action.status != "closed":
        yield ("closed",), t("actions.date_needs_closed", status=action.status)
    if action.closed is not None and action.closed < action.opened:
        yield (
            ("closed",),
            t("actions.closed_before_opened", closed=action.closed, opened=action.opened),
        )
    for number, step in enumerate(action.steps):
        if action.status == "closed" and step.done is None:
            yield ("steps", number), t("actions.closed_step_open", step=number + 1)
        elif action.closed is not None and step.done is not None and step.done > action.closed:
            yield (
                ("steps", number, "done"),
                t(
                    "actions.done_after_closed",
                    step=number + 1,
                    done=step.done,
                    closed=action.closed,
                ),
            )


def _effectiveness(
    check: Effectiveness, plan: Plan | None, catalog: Catalog | None
) -> Iterator[Problem]:
    """The windows in the indicator's periods and in order; a breakdown it has; a target."""
    base_last = window_ends(check.baseline)[1]
    follow_first = window_ends(check.follow_up)[0]
    if label_kind(base_last) != label_kind(follow_first):
        yield ("follow_up",), t("actions.windows_differ")
    elif follow_first <= base_last:
        yield ("follow_up",), t("actions.follow_up_not_after", first=follow_first, last=base_last)
    indicator = None if plan is None else plan.indicators.get(check.indicator)
    if indicator is None:
        return  # an unknown indicator is reported where the registers are cross-checked
    for key in ("baseline", "follow_up"):
        kind = label_kind(window_ends(getattr(check, key))[0])
        if kind != indicator.period:
            yield (
                (key,),
                t(
                    "actions.window_period",
                    indicator=indicator.id,
                    period=t(PERIOD_WORDS[indicator.period]),
                    example=LABEL_EXAMPLES[indicator.period],
                ),
            )
    yield from _breakdown(check, indicator, catalog)
    if check.meet_target and not indicator.spec.target_steps():
        yield ("meet_target",), t("actions.no_target", indicator=indicator.id)


def _breakdown(
    check: Effectiveness, indicator: CompiledIndicator, catalog: Catalog | None
) -> Iterator[Problem]:
    """The breakdown's dimension is one the indicator is broken down by; its value is allowed."""
    dim, value = check.dimension
    if not dim:
        return
    if dim not in indicator.spec.by:
        by = ", ".join(indicator.spec.by) or "—"
        hint = did_you_mean(dim, indicator.spec.by)
        yield (
            ("breakdown", dim),
            t("actions.unknown_dimension", dim=dim, indicator=indicator.id, by=by, hint=hint),
        )
        return
    allowed = _declared_values(indicator, dim, catalog)
    if allowed is not None and value not in allowed:
        hint = did_you_mean(value, allowed)
        listed = allowed_list(allowed)
        message = t("actions.unknown_dim_value", value=value, dim=dim, hint=hint, allowed=listed)
        yield ("breakdown", dim), message


def _declared_values(
    indicator: CompiledIndicator, dim: str, catalog: Catalog | None
) -> list[str] | None:
    """The values ``datasets.yml`` allows in the indicator's column ``dim``, if it lists them."""
    if catalog is None or indicator.spec.dataset is None:
        return None
    dataset = catalog.specs.get(indicator.spec.dataset)
    column = None if dataset is None else dataset.columns.get(dim)
    if column is None or column.values is None:
        return None
    return [str(v) for v in column.values]
