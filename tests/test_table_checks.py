"""The rule checks of a table or an engine-read file, as the queries they run.

``unique`` needs a window over the rows (each row's rank among its equals):
a sort of every row. The checks first ask, with the other rules' counts,
whether any value is repeated at all; the window is run only then. The
errors must be those of the window alone: every repeat, by row or by key.
"""

from __future__ import annotations

from typing import Any

import ibis
import pyarrow as pa
import pytest

from sqms.diagnostics import Report
from sqms.engine.sql.dialects import DUCKDB
from sqms.engine.sql.quiet import quiet_library
from sqms.engine.sql.table_checks import TableWhere, report_checks, rule_checks
from sqms.schema.datasets import DatasetSpec

SPEC = DatasetSpec.model_validate(
    {
        "connection": "warehouse",
        "table": "tickets",
        "key": "id",
        "columns": {
            "id": {"type": "string"},
            "tags": {"type": "list", "unique": True},
            "channel": {"type": "category", "values": ["chat", "mail"]},
        },
    }
)


def check(frame: pa.Table, row: str | None = None) -> tuple[list[str], list[str]]:
    """The errors the checks of ``frame`` report, and the SQL of every query they ran."""
    queries: list[str] = []
    report = Report()
    with quiet_library():
        connection = ibis.duckdb.connect()
        rows = connection.create_table("tickets", frame)

        def run(query: Any) -> Any:
            queries.append(str(connection.compile(query)))
            return connection.execute(query)

        where = TableWhere("data/datasets.yml", "tickets", "id", frozenset(), lambda _: 7, row)
        report_checks(rule_checks(SPEC, rows, "UTC", DUCKDB, row), rows, where, run, report)
        connection.disconnect()
    return [d.format() for d in report.errors], queries


SCHEMA = pa.schema([("id", pa.string()), ("tags", pa.list_(pa.string())), ("channel", pa.string())])


def tickets(ids: list[str | None], tags: list[list[str]] | None = None) -> pa.Table:
    listed = tags if tags is not None else [[f"t{i}"] for i in range(len(ids))]
    return pa.table({"id": ids, "tags": listed, "channel": ["chat"] * len(ids)}, schema=SCHEMA)


def windows(queries: list[str]) -> list[str]:
    return [q for q in queries if " OVER " in q.upper()]


def test_unique_values_are_checked_without_a_window() -> None:
    found, queries = check(tickets(["T1", "T2", "T3"]))
    assert found == []
    assert len(queries) == 1
    assert windows(queries) == []


def test_a_repeated_key_is_found_by_its_window_by_key() -> None:
    found, queries = check(tickets(["T1", "T2", "T2", "T3", "T1"]))
    assert found == [
        'data/datasets.yml:7: column id: table tickets, id "T1": "T1" appears more than once (must be unique)',
        'data/datasets.yml:7: column id: table tickets, id "T2": "T2" appears more than once (must be unique)',
    ]
    assert len(windows(queries)) >= 1


def test_a_repeated_key_is_found_at_each_row_after_its_first_in_a_file() -> None:
    frame = tickets(["T1", "T2", "T2", "T3", "T1"]).append_column("_row", pa.array(range(5)))
    found, _ = check(frame, row="_row")
    assert found == [
        'data/datasets.yml: row 3, column id: "T2" appears more than once (must be unique)',
        'data/datasets.yml: row 5, column id: "T1" appears more than once (must be unique)',
    ]


def test_a_repeated_list_is_found_when_the_key_is_unique() -> None:
    found, queries = check(tickets(["T1", "T2", "T3"], [["a", "b"], [], ["a", "b"]]))
    assert found == [
        'data/datasets.yml:7: column tags: table tickets, id "T1": "a b" appears more than once (must be unique)',
        'data/datasets.yml:7: column tags: table tickets, id "T3": "a b" appears more than once (must be unique)',
    ]
    assert len(windows(queries)) >= 1


@pytest.mark.parametrize("ids", [[], [None, None]])
def test_no_rows_or_no_values_break_no_uniqueness(ids: list[str | None]) -> None:
    found, queries = check(tickets(ids))
    assert all("more than once" not in f for f in found)
    assert windows(queries) == []
