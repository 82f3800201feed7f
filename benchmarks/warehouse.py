"""The sample's service data as tables of a DuckDB database, declared with ``connection:``.

Used by the benchmark (the ``tables`` kind) and by the tests of datasets read
from tables: the tickets, customers, surveys and QA reviews of a project's
``data/`` (CSV, Parquet or JSON Lines, as ``sqms demo`` writes them) are
copied into typed tables, and ``datasets.yml`` is rewritten to read them
through the connection whose URL is in :data:`VARIABLE`. The QA reviews'
key is named as an export would name it (``Review ID``), renamed back in
``datasets.yml``.

What reads a dataset's rows one by one (the service cycle, the feedback
register, the complaint rate per ticket) does not read a table, so
:func:`without_row_readers` takes it out of the project.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

VARIABLE = "SQMS_TEST_WAREHOUSE"
"""The environment variable the rewritten ``datasets.yml`` takes the URL from."""

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "tickets": ("support.tickets", {
        "ticket_id": "VARCHAR", "created_at": "TIMESTAMP", "channel": "VARCHAR",
        "priority": "VARCHAR", "team": "VARCHAR", "category": "VARCHAR",
        "customer_id": "VARCHAR", "customer_email": "VARCHAR", "first_response_at": "TIMESTAMP",
        "resolved_at": "TIMESTAMP", "closed_at": "TIMESTAMP", "status": "VARCHAR",
        "reopened": "BOOLEAN", "escalated": "BOOLEAN",
    }),
    "customers": ("crm.customers", {
        "customer_id": "VARCHAR", "segment": "VARCHAR", "region": "VARCHAR",
        "start_date": "DATE", "end_date": "DATE",
    }),
    "surveys": ("survey.responses", {
        "response_id": "VARCHAR", "ticket_id": "VARCHAR", "responded_at": "TIMESTAMP",
        "channel": "VARCHAR", "team": "VARCHAR", "csat": "INTEGER", "nps": "INTEGER",
        "ces": "INTEGER", "comment": "VARCHAR", "tags": "VARCHAR[]",
    }),
    "qa_reviews": ("qa", {
        "review_id": "VARCHAR", "ticket_id": "VARCHAR", "reviewed_at": "TIMESTAMP",
        "team": "VARCHAR", "correct": "BOOLEAN", "score": "SMALLINT",
    }),
}  # fmt: skip
"""Each dataset put in a table: the table and its columns' types."""
RENAMED = {"qa_reviews": {"review_id": "Review ID"}}
"""Columns the table names as an export would: declared name → the table's."""


def make_warehouse(data: Path, database: Path) -> str:
    """The datasets of :data:`TABLES` in ``data/`` copied into a new database; its URL."""
    with duckdb.connect(str(database)) as connection:
        for name, (table, columns) in TABLES.items():
            if "." in table:
                connection.execute(f"CREATE SCHEMA IF NOT EXISTS {table.split('.')[0]}")
            source = _reader(data, name, columns)
            renamed = RENAMED.get(name, {})
            selected = ", ".join(
                f'CAST("{column}" AS {kind}) AS "{renamed.get(column, column)}"'
                for column, kind in columns.items()
            )
            # Names from this module and paths of the generated data only: nothing untrusted.
            connection.execute(f"CREATE TABLE {table} AS SELECT {selected} FROM {source}")  # noqa: S608
    return f"duckdb://{database}"


def _reader(data: Path, name: str, columns: dict[str, str]) -> str:
    """DuckDB's reader of the dataset's file, the columns read as text or typed."""
    for path in sorted(data.glob(f"{name}.*")):
        if path.suffix == ".parquet":
            return f"read_parquet('{path}')"
        if path.suffix == ".csv":
            spelled = ", ".join(f"'{c}': '{k}'" for c, k in columns.items())
            return f"read_csv('{path}', header = true, columns = {{{spelled}}})"
        if path.suffix == ".jsonl":
            spelled = ", ".join(f"'{c}': '{k}'" for c, k in columns.items())
            return f"read_json('{path}', columns = {{{spelled}}})"
    raise FileNotFoundError(f"no data file for {name} in {data}")


def as_tables(datasets: str) -> str:
    """``datasets.yml`` with the datasets of :data:`TABLES` read from the warehouse's tables."""
    header = f"connections:\n  warehouse:\n    url_from: {VARIABLE}\n\n"
    lines, current = [], ""
    for line in datasets.splitlines(keepends=True):
        if line.startswith("  ") and not line.startswith("   ") and line.strip().endswith(":"):
            current = line.strip()[:-1]
        if current in TABLES and line.startswith("    file: "):
            table = TABLES[current][0]
            line = f"    connection: warehouse\n    table: {table}\n"
            renamed = RENAMED.get(current)
            if renamed:
                pairs = ", ".join(f'"{theirs}": {ours}' for ours, theirs in renamed.items())
                line += f"    rename: {{{pairs}}}\n"
        lines.append(line)
    return header + "".join(lines)


def without_row_readers(registers: str, plan: str) -> tuple[str, str]:
    """``registers.yml`` and ``quality-plan.yml`` without what reads rows one by one.

    The feedback register (it reads the surveys), the complaint rate per
    ticket, and the service cycle (they read the tickets).
    """
    start = registers.index("# --- feedback ---")
    registers = registers[:start] + registers[registers.index("# ---", start + 1) :]
    rate = registers.index("  rate:")
    registers = registers[:rate] + registers[registers.index("  age_days:", rate) :]
    return registers, plan[: plan.index("service_cycle:\n")]


def rewrite(root: Path) -> None:
    """The project at ``root`` made to read :data:`TABLES` from the warehouse (files kept)."""
    data = root / "data"
    datasets = data / "datasets.yml"
    datasets.write_text(as_tables(datasets.read_text("utf-8")), "utf-8")
    registers, plan = data / "registers.yml", data / "quality-plan.yml"
    kept = without_row_readers(registers.read_text("utf-8"), plan.read_text("utf-8"))
    registers.write_text(kept[0], "utf-8")
    plan.write_text(kept[1], "utf-8")
