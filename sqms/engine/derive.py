"""Derived columns: durations, business-time durations, look-ups and expressions.

Derived columns are computed in the order declared, so one may use another
declared before it. All are vectorised over the whole table.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from sqms.engine.business_time import BusinessCalendar, business_hours, wall_hours
from sqms.engine.expressions import ExpressionError, evaluate, parse_expression, unknown_columns
from sqms.i18n import t
from sqms.schema.datasets import DatasetSpec, DeriveSpec

Problem = tuple[tuple[int | str, ...], str]
AS_OF = "as_of"
"""As the end of a duration: the time the data was exported (ages of items)."""


def static_derive_problems(
    spec: DatasetSpec, calendars: Mapping[str, BusinessCalendar], calendar_names: set[str]
) -> list[Problem]:
    """Check what each derived column refers to, before any data is read."""
    problems: list[Problem] = []
    known = dict(spec.columns)
    types: dict[str, str] = {name: col.type for name, col in known.items()}
    for name, derive in spec.derive.items():
        where = ("derive", name)
        if name in types:
            problems.append((where, t("derive.shadows", column=name)))
        problems.extend((where, message) for message in _problems_of(derive, types, calendar_names))
        types[name] = "number" if derive.kind != "map" else _map_type(derive)
    return problems


def _problems_of(
    derive: DeriveSpec, types: Mapping[str, str], calendar_names: set[str]
) -> list[str]:
    problems: list[str] = []
    pair = derive.hours or derive.business_hours
    if pair is not None:
        if pair[0] == AS_OF:
            problems.append(t("derive.as_of_first"))
        for column in pair:
            if column == AS_OF:
                continue
            if column not in types:
                problems.append(t("data.undeclared_column", column=column))
            elif types[column] not in ("datetime", "date"):
                problems.append(t("data.time_not_datetime", column=column))
    if derive.calendar is not None and derive.calendar not in calendar_names:
        problems.append(
            t("derive.unknown_calendar", calendar=derive.calendar, known=_names(calendar_names))
        )
    if derive.map is not None and derive.map not in types:
        problems.append(t("data.undeclared_column", column=derive.map))
    if derive.expr is not None:
        try:
            expression = parse_expression(derive.expr)
        except ExpressionError as exc:
            problems.append(exc.message)
        else:
            problems.extend(
                t("data.undeclared_column", column=c) for c in unknown_columns(expression, types)
            )
    return problems


def sources_of(derive: DeriveSpec) -> frozenset[str]:
    """The columns a derived column is computed from (``as_of`` is not a column).

    An expression that does not parse has no known sources: its error is
    reported by :func:`static_derive_problems`, and the dataset is not loaded.
    """
    pair = derive.hours or derive.business_hours
    if pair is not None:
        return frozenset(column for column in pair if column != AS_OF)
    if derive.map is not None:
        return frozenset({derive.map})
    try:
        return parse_expression(derive.expr or "").columns
    except ExpressionError:
        return frozenset()


def _map_type(derive: DeriveSpec) -> str:
    values = list((derive.values or {}).values())
    return "number" if all(isinstance(v, int | float) for v in values) else "string"


def _names(names: set[str]) -> str:
    return ", ".join(sorted(names)) or "—"


def derive_columns(
    frame: pd.DataFrame,
    spec: DatasetSpec,
    calendars: Mapping[str, BusinessCalendar],
    as_of: pd.Timestamp | None,
    timezone: str,
) -> pd.DataFrame:
    """Add the derived columns to a typed frame, in declaration order."""
    derived = frame.copy()
    for name, derive in spec.derive.items():
        derived[name] = _derive_one(derived, derive, calendars, as_of, timezone)
    return derived


def _derive_one(
    frame: pd.DataFrame,
    derive: DeriveSpec,
    calendars: Mapping[str, BusinessCalendar],
    as_of: pd.Timestamp | None,
    timezone: str,
) -> pd.Series:
    if derive.map is not None:
        return _look_up(frame[derive.map], derive)
    if derive.expr is not None:
        return evaluate(parse_expression(derive.expr), frame, timezone)
    start_col, end_col = derive.hours or derive.business_hours or ("", "")
    start = as_instants(frame[start_col], timezone)
    if end_col == AS_OF:
        end = pd.Series(as_of, index=frame.index, dtype="datetime64[ns, UTC]")
    else:
        end = as_instants(frame[end_col], timezone)
    if derive.open_until == "as_of" and as_of is not None:
        end = end.where(end.notna() | start.isna(), as_of)
    if derive.business_hours is not None:
        return business_hours(calendars[derive.calendar or ""], start, end)
    return wall_hours(start, end)


def _look_up(source: pd.Series, derive: DeriveSpec) -> pd.Series:
    """``values[source]`` for each row, ``default`` where a present value is not listed.

    On a categorical column, the look-up runs once on each distinct value
    present (and once on a missing one, if any) and is spread back to the rows
    by their codes: the same values, and the same dtype, since the look-up
    sees the same set of values as on every row, at a fraction of the cost.
    """
    if not isinstance(source.dtype, pd.CategoricalDtype):
        return _look_up_each(source, derive)
    codes = source.cat.codes.to_numpy().astype("int64")
    present = np.flatnonzero(np.bincount(codes + 1)) - 1  # distinct codes, -1 = missing
    distinct = pd.Series(pd.Categorical.from_codes(present, dtype=source.dtype))
    position = np.zeros(len(source.cat.categories) + 1, dtype="int64")
    position[present + 1] = np.arange(len(present))
    values = _look_up_each(distinct, derive).array.take(position[codes + 1])
    return pd.Series(values, index=source.index, name=source.name)


def _look_up_each(source: pd.Series, derive: DeriveSpec) -> pd.Series:
    """The look-up, value by value."""
    lookup = {str(k): v for k, v in (derive.values or {}).items()}
    mapped = source.astype("str").map(lookup)
    if derive.default is not None:
        mapped = mapped.where(source.isna() | mapped.notna(), derive.default)
    return mapped.astype("float64") if _map_type(derive) == "number" else mapped.astype("str")


def as_instants(values: pd.Series, timezone: str) -> pd.Series:
    """Timestamps as UTC instants; a date is local midnight in ``timezone``."""
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values
    return values.dt.tz_localize(
        timezone, ambiguous="NaT", nonexistent="shift_forward"
    ).dt.tz_convert("UTC")
