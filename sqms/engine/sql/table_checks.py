"""A table's rows checked against their declaration, as aggregate queries.

The rules a file's rows are checked against — ``required``, ``unique``,
allowed ``values`` (each item of a list too), ``min`` and ``max``, the years a
time may fall in, and the declared ``order`` of a row's events — are checked
here on the engine: one query counts the rows that break each rule, and
only for a rule some row breaks, a second one fetches a few examples. No
other row leaves the engine.

A table has no line numbers, so a problem is located at the declaration of
its column in ``datasets.yml`` and names the row by the dataset's ``key``
(``ticket_id "T-7"``), or says only how many rows break the rule when the
dataset declares no key. A Parquet file the engine reads itself
(:mod:`sqms.engine.sql.files`) has rows: its problems are located at their
row and column, as a file's reader locates them. A personal column's value
is never quoted.

A timestamp without a zone that a daylight-saving change skips or repeats
names no instant, or two: it is an error here. (A file's reader moves a
skipped time forward and reports a repeated one.) Store such times with
their offset, or in UTC.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from sqms.diagnostics import Report, shorten
from sqms.engine.coercion import EXAMPLES_PER_PROBLEM, FIRST_YEAR, LAST_YEAR
from sqms.engine.event_order import DAY_SHOWN, TIME_SHOWN
from sqms.engine.sql.dialects import Dialect
from sqms.engine.sql.measures import flag
from sqms.engine.sql.table_columns import typed
from sqms.engine.sql.zones import REPEATED, SKIPPED
from sqms.engine.typed_frame import column_rules
from sqms.i18n import N_, nt, t
from sqms.schema.datasets import ColumnSpec, DatasetSpec
from sqms.schema.validation import allowed_list


@dataclass(frozen=True)
class Check:
    """One rule over one column: the rows that break it, and the text a message quotes."""

    column: str
    bad: ir.BooleanValue
    message: str
    """The message id, formatted with ``value`` (the quoted value) and ``values``."""
    shown: ir.Value
    values: Mapping[str, object] = field(default_factory=dict)
    suspect: ir.BooleanScalar | None = None
    """An aggregate true when some row may break the rule; ``bad`` is asked only then.

    For a rule whose ``bad`` needs a window over the rows (``unique``): the
    window sorts every row, the aggregate counts distinct values.
    """


@dataclass(frozen=True)
class TableWhere:
    """Where a table's problems are reported: at each column's declaration, by key."""

    display: str
    table: str
    key: str | None
    personal: frozenset[str]
    line: Callable[[str], int | None]
    """The line of a column's declaration."""
    row: str | None = None
    """A file's: the column numbering its rows from 0, to report each at its row and column."""
    header_lines: int | None = None
    """A text file's: the lines before its first row, to report each row at its line too."""


def rule_checks(
    spec: DatasetSpec,
    rows: ir.Table,
    zone: str,
    dialect: Dialect,
    row: str | None = None,
    *,
    across_rows_only: bool = False,
) -> list[Check]:
    """Every rule the declaration sets, over ``rows`` as the table holds them.

    With ``row`` (a file's row numbers), a repeated value breaks ``unique`` on
    each row after its first, as a file's reader reports it; a table's rows
    have no order, so there every row holding it does. With
    ``across_rows_only``, only ``unique`` is checked: a file typed block by
    block (:mod:`sqms.engine.typed_blocks`) had every rule of one row
    checked as it was typed.
    """
    checks: list[Check] = []
    for name, declared in spec.columns.items():
        rules = column_rules(spec, name, declared)
        value = typed(rows[name], rules, rules.timezone or zone, dialect)
        order = rows[row] if row is not None else None
        if across_rows_only:
            checks.extend([_repeated(name, rules, value, order)] if rules.unique else [])
            continue
        checks.extend(
            _column_checks(name, rules, rows[name], value, rules.timezone or zone, dialect, order)
        )
    return checks


def _column_checks(
    name: str,
    rules: ColumnSpec,
    raw: ir.Value,
    value: ir.Value,
    zone: str,
    dialect: Dialect,
    order: ir.Value | None,
) -> Iterator[Check]:
    """The checks of one column's rules."""
    present = value.notnull()
    text = value.cast("string")
    if rules.required:  # a list's value is required to have an item
        missing = value.length() == 0 if rules.type == "list" else value.isnull()
        yield Check(name, missing, N_("data.required"), ibis.literal(""))
    if rules.type == "datetime" and raw.type().is_timestamp() and raw.type().timezone is None:
        yield from _wall_clock_checks(name, raw, zone, dialect)
    if rules.type in ("datetime", "date"):
        year = (local(raw, value, zone, dialect) if rules.type == "datetime" else value).year()
        outside = present & ((year < FIRST_YEAR) | (year > LAST_YEAR))
        yield Check(name, outside, N_("data.time_out_of_range"), raw.cast("string"),
                    {"first": FIRST_YEAR, "last": LAST_YEAR})  # fmt: skip
    if rules.unique:
        yield _repeated(name, rules, value, order)
    if rules.values is not None:
        yield _allowed(name, rules, value)
    if rules.type in ("integer", "number"):
        if rules.min is not None:
            yield Check(name, present & (value < rules.min), N_("data.below_min"), text)
        if rules.max is not None:
            yield Check(name, present & (value > rules.max), N_("data.above_max"), text)


def _repeated(name: str, rules: ColumnSpec, value: ir.Value, order: ir.Value | None) -> Check:
    """Values on more than one row (a list: the same items; an empty list is no value).

    Every row holding one, or with ``order`` each row after the first.
    """
    if rules.type == "list":
        present, compared = value.length() > 0, value.join("\x1f")
    else:
        present, compared = value.notnull(), value
    if order is None:
        again = compared.count().over(group_by=compared) > 1
    else:
        again = ibis.row_number().over(group_by=compared, order_by=order) > 0
    some_again = compared.nunique(where=present) < compared.count(where=present)
    return Check(name, present & again, N_("data.duplicate"), compared.cast("string"),
                 suspect=some_again)  # fmt: skip


def _allowed(name: str, rules: ColumnSpec, value: ir.Value) -> Check:
    """Values (a list's items) outside the declared ones."""
    assert rules.values is not None
    listed = {"allowed": allowed_list(rules.values)}
    if rules.type == "list":
        allowed = [str(v) for v in rules.values]
        outside = value.filter(lambda item: ~item.isin(allowed))
        bad = outside.length().fill_null(0) > 0
        return Check(name, bad, N_("data.not_allowed"), outside[0], listed)
    if rules.type == "boolean":
        allowed_values: list[Any] = [v for v in rules.values if isinstance(v, bool)]
    elif rules.type == "integer":
        allowed_values = [int(v) for v in rules.values if str(v).lstrip("-").isdigit()]
    else:
        allowed_values = [str(v) for v in rules.values]
    bad = value.notnull() & ~value.isin(allowed_values)
    # A category's values are its declared ones (a file's reader says so in these words).
    message = N_("data.not_category") if rules.type == "category" else N_("data.not_allowed")
    return Check(name, bad, message, value.cast("string"), listed)


def _wall_clock_checks(name: str, raw: ir.Value, zone: str, dialect: Dialect) -> Iterator[Check]:
    """Wall-clock times a daylight-saving change skips (no instant) or repeats (two)."""
    assert dialect.wall_clock_kind is not None  # a connection's engine has one
    shown = raw.strftime(TIME_SHOWN)
    kind = dialect.wall_clock_kind(zone, raw)
    skipped = raw.notnull() & (kind == SKIPPED)
    yield Check(name, skipped, N_("data.table_time_skipped"), shown, {"zone": zone})
    repeated = raw.notnull() & (kind == REPEATED)
    yield Check(name, repeated, N_("data.table_time_repeated"), shown, {"zone": zone})


def order_checks(spec: DatasetSpec, rows: ir.Table, zone: str, dialect: Dialect) -> list[Check]:
    """Each pair of the declared ``order`` a row's times break (see :mod:`sqms.engine.event_order`).

    A time is compared with the nearest earlier one present; dates and
    timestamps mixed are compared by local day.
    """
    if spec.order is None:
        return []
    mixed = len({spec.columns[c].type for c in spec.order}) > 1
    times = {c: _comparable(spec, rows, c, zone, dialect, mixed) for c in spec.order}
    checks: list[Check] = []
    for k in range(1, len(spec.order)):
        later = spec.order[k]
        nothing_between: ir.BooleanValue = ibis.literal(True)
        for j in range(k - 1, -1, -1):
            earlier = spec.order[j]
            broken = nothing_between & (times[later] < times[earlier]).fill_null(False)
            shown = (
                _local_text(spec, rows, later, zone, dialect)
                + " < "
                + _local_text(spec, rows, earlier, zone, dialect)
            )
            checks.append(Check(later, broken, N_("data.out_of_order"), shown,
                                {"later": later, "earlier": earlier}))  # fmt: skip
            nothing_between = nothing_between & times[earlier].isnull()
    return checks


def _comparable(
    spec: DatasetSpec, rows: ir.Table, column: str, zone: str, dialect: Dialect, mixed: bool
) -> ir.Value:
    """A column of the order as values that compare: instants, or local days when ``mixed``."""
    declared = spec.columns[column]
    value = typed(rows[column], declared, declared.timezone or zone, dialect)
    if mixed and declared.type == "datetime":
        return local(rows[column], value, declared.timezone or zone, dialect).date()
    return value


def _local_text(
    spec: DatasetSpec, rows: ir.Table, column: str, zone: str, dialect: Dialect
) -> ir.StringValue:
    """A time as text in its column's zone (a date as its day), as a file's reader shows it."""
    declared = spec.columns[column]
    value = typed(rows[column], declared, declared.timezone or zone, dialect)
    if declared.type == "datetime":
        shown = local(rows[column], value, declared.timezone or zone, dialect)
        return shown.strftime(TIME_SHOWN)
    return value.strftime(DAY_SHOWN)


def local(raw: ir.Value, value: ir.Value, zone: str, dialect: Dialect) -> ir.TimestampValue:
    """The wall-clock time in ``zone`` of a time column as read (``raw``) and typed (``value``).

    A timestamp without a zone is the wall-clock time already: converting it
    to an instant and back would put one conversion inside the other in the
    query, each comparison of the outer repeating the inner whole.
    """
    if raw.type().is_timestamp() and raw.type().timezone is None:
        return raw
    return dialect.local_time(zone, value)


def report_checks(
    checks: list[Check],
    rows: ir.Table,
    where: TableWhere,
    run: Callable[[Any], Any],
    report: Report,
) -> None:
    """Report each broken rule with a few examples and then how many more.

    One query counts the rows breaking each rule; a rule broken somewhere
    gets a second query for its first examples (by key, when there is one).
    """
    for check, broken in zip(checks, _broken(checks, rows, run), strict=True):
        if broken:
            flagged = rows.mutate(_sqms_bad=check.bad.fill_null(False))
            _report_one(check, broken, flagged.filter(flagged["_sqms_bad"]), where, run, report)


def _broken(checks: list[Check], rows: ir.Table, run: Callable[[Any], Any]) -> list[int]:
    """How many rows break each check.

    One query counts the rows breaking each rule without a window, and asks
    each other rule's :attr:`Check.suspect`; only a rule found suspect is
    counted by a second query, with its window. A file's key is almost
    always unique: its window (a sort of every row) is then never run.
    """
    if not checks:
        return []
    counted = {f"_sqms_check_{i}": flag(c.bad.fill_null(False)).sum()
               for i, c in enumerate(checks) if c.suspect is None}  # fmt: skip
    suspects = {f"_sqms_suspect_{i}": c.suspect
                for i, c in enumerate(checks) if c.suspect is not None}  # fmt: skip
    found: dict[str, Any] = run(rows.aggregate(**counted, **suspects)).iloc[0].to_dict()
    windowed = [i for i, c in enumerate(checks)
                if c.suspect is not None and _true(found[f"_sqms_suspect_{i}"])]  # fmt: skip
    if windowed:  # the flags are columns first: no aggregate may hold a window
        flagged = rows.mutate(**{f"_sqms_check_{i}": checks[i].bad.fill_null(False)
                                 for i in windowed})  # fmt: skip
        names = [f"_sqms_check_{i}" for i in windowed]
        again = run(flagged.aggregate(**{n: flag(flagged[n]).sum() for n in names}))
        found |= again.iloc[0].to_dict()
    counts = (found.get(f"_sqms_check_{i}") for i in range(len(checks)))
    return [0 if pd.isna(n) else int(n) for n in counts]


def _true(value: Any) -> bool:
    """Whether an aggregate's answer is true (a missing one is not)."""
    return not pd.isna(value) and bool(value)


def _report_one(
    check: Check, broken: int, picked: ir.Table, where: TableWhere, run: Callable[[Any], Any],
    report: Report,
) -> None:  # fmt: skip
    """Up to :data:`EXAMPLES_PER_PROBLEM` examples of one broken rule, then how many more."""
    if where.row is not None:
        _report_rows(check, broken, picked, where, run, report)
        return
    key = picked[where.key] if where.key else ibis.literal("")
    # Two rows with one key (a key repeated) and one value are one example.
    shown = picked.select(_key=key, _shown=check.shown).distinct()
    examples = run(shown.order_by(["_key", "_shown"]).limit(EXAMPLES_PER_PROBLEM))
    if broken > len(examples):
        broken = int(run(shown.count()))
    line = where.line(check.column)
    for found, value in zip(examples["_key"], examples["_shown"], strict=True):
        problem = _problem(check, value, where)
        report.error(where.display, line, _in_table(where, found, problem), column=check.column)
    if broken > len(examples):
        more = nt("data.more_rows", broken - len(examples))
        report.error(where.display, line, t("data.in_table", table=where.table, problem=more),
                     column=check.column)  # fmt: skip


def _report_rows(
    check: Check, broken: int, picked: ir.Table, where: TableWhere, run: Callable[[Any], Any],
    report: Report,
) -> None:  # fmt: skip
    """A file's broken rule at its first rows and column, then how many more, as pandas reports.

    The count is located at the first row not listed, so it sorts after the examples.
    """
    assert where.row is not None
    shown = picked.select(_row=picked[where.row], _shown=check.shown)
    first = run(shown.order_by("_row").limit(EXAMPLES_PER_PROBLEM + 1))
    rows = [int(r) + 1 for r in first["_row"]]
    for row, value in zip(rows, first["_shown"].iloc[:EXAMPLES_PER_PROBLEM], strict=False):
        report.error(where.display, _line(where, row), _problem(check, value, where), row=row,
                     column=check.column)  # fmt: skip
    if broken > EXAMPLES_PER_PROBLEM:
        more = nt("data.more_rows", broken - EXAMPLES_PER_PROBLEM)
        following = rows[EXAMPLES_PER_PROBLEM]
        report.error(where.display, _line(where, following), more, row=following,
                     column=check.column)  # fmt: skip


def _line(where: TableWhere, row: int) -> int | None:
    """The line of a text file's row (1-based); None for a file without lines."""
    return None if where.header_lines is None else row + where.header_lines


def _problem(check: Check, value: object, where: TableWhere) -> str:
    """The message of a broken rule, quoting the value unless its column is personal."""
    personal = check.column in where.personal
    shown = t("data.personal_value") if personal else shorten("" if value is None else value)
    return t(check.message, value=shown, **check.values)


def _in_table(where: TableWhere, key: object, problem: str) -> str:
    """``problem`` prefixed with the table and the row's key, if the dataset has one."""
    if not where.key:
        return t("data.in_table", table=where.table, problem=problem)
    shown = t("data.personal_value") if where.key in where.personal else shorten(str(key))
    return t("data.in_table_key", table=where.table, key=where.key, value=shown, problem=problem)
