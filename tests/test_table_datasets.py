"""Datasets read from a connection's table: the same numbers as from a file, checked alike.

The sample's tickets, customers, surveys and QA reviews are put in a DuckDB database
and declared as tables: every indicator is then computed where the tables
are, and the results table must equal the one computed from the files,
column for column. The manifest records each table's query, rows and
checksum (never the URL), and ``sqms verify`` finds a changed row. Every
mistake — in the declaration, the connection or the rows — is an error at
its line of ``datasets.yml``, all at once, with no traceback; a row is named
by its key.
"""

from __future__ import annotations

import json
import math
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmarks import postgres, warehouse
from sqms.engine.compute import compute
from sqms.evidence.manifest import Manifest, build_manifest
from sqms.evidence.verify import verify_manifest
from sqms.project import Project, load_project
from sqms.registers.actions.effectiveness import to_period
from tests.support.projects import errors, line_of, output_of, run_check, write_project

ROOT = Path(__file__).resolve().parent.parent
VARIABLE = warehouse.VARIABLE


def make_warehouse(path: Path, *statements: str) -> str:
    """A DuckDB database at ``path`` made by ``statements``; its connection URL."""
    with duckdb.connect(str(path)) as connection:
        for statement in statements:
            connection.execute(statement)
    return f"duckdb://{path}"


@pytest.fixture(params=["duckdb", "postgres"])
def served(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Callable[[str], None]:
    """Point the connection at a test's DuckDB warehouse, or at a PostgreSQL copy of it.

    The same rows must give the same numbers and the same errors, word for word.
    """
    database = request.getfixturevalue("postgres_database") if request.param == "postgres" else ""

    def serve(url: str) -> None:
        if database:
            postgres.copy_from_duckdb(Path(url.removeprefix("duckdb://")), database)
        monkeypatch.setenv(VARIABLE, database or url)

    return serve


def loaded(root: Path) -> Project:
    project = load_project(root)
    assert errors(project) == []
    return project


def results(project: Project) -> pd.DataFrame:
    assert project.plan is not None and project.catalog is not None
    return compute(project.plan, project.catalog)


def test_tables_give_the_files_numbers_exactly(
    sample_on_tables: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files, tables, url = sample_on_tables
    monkeypatch.setenv(VARIABLE, url)
    tables_give_the_files_numbers(files, tables, "duckdb")


def tables_give_the_files_numbers(files: Path, tables: Path, engine: str) -> None:
    """The sample's results from its files and from its tables on ``engine``: equal exactly."""
    from_files, from_tables = loaded(files), loaded(tables)
    catalog = from_tables.catalog
    assert catalog is not None
    sources = {n: d.source for n, d in catalog.datasets.items() if d.source is not None}
    assert set(sources) == {"tickets", "customers", "surveys", "qa_reviews"}
    assert {source.connection.engine for source in sources.values()} == {engine}
    try:
        expected, got = results(from_files), results(from_tables)
    finally:
        catalog.close()
    indicators = set(got["indicator"])
    assert {"csat", "churn_rate", "qa_accuracy"} <= indicators or len(indicators) > 10
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_the_manifest_records_each_table_and_verify_finds_a_changed_row(
    sample_on_tables: tuple[Path, Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, tables, url = sample_on_tables
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(url.removeprefix("duckdb://"), copy)
    monkeypatch.setenv(VARIABLE, f"duckdb://{copy}")
    project = loaded(tables)
    assert project.catalog is not None
    document = build_manifest(project, results(project), ["data"])
    recorded = {item["dataset"]: item for item in document["tables"]}
    assert set(recorded) == {"tickets", "customers", "surveys", "qa_reviews"}
    customers = recorded["customers"]
    assert customers["name"] == "warehouse:crm.customers"
    assert customers["engine"] == "duckdb"
    assert customers["rows"] == len(pd.read_csv(ROOT / "data" / "customers.csv"))
    assert '"crm"."customers"' in customers["query"]
    assert str(copy) not in json.dumps(document)  # the URL names a place: never recorded
    survey_inputs = document["indicators"]["csat"]["inputs"]
    assert survey_inputs == ["warehouse:survey.responses"]
    manifest = Manifest(document, "site/sqms/manifest.json")
    project.catalog.close()  # for the database to be changed below
    assert _verify_errors(tables, manifest) == []

    # The same rows in another order: the same fingerprint.
    _rewrite(copy, "CREATE TABLE crm.c2 AS SELECT * FROM crm.customers ORDER BY random()",
             "DROP TABLE crm.customers", "ALTER TABLE crm.c2 RENAME TO customers")  # fmt: skip
    assert _verify_errors(tables, manifest) == []

    # One value changed: caught, with the rows and checksums then and now.
    _rewrite(copy, "UPDATE crm.customers SET region = 'North' WHERE customer_id = 'C00001'")
    found = _verify_errors(tables, manifest)
    assert len(found) == 1
    assert "table warehouse:crm.customers changed" in found[0]
    assert customers["checksum"] in found[0]


def _rewrite(path: Path, *statements: str) -> None:
    with duckdb.connect(str(path)) as connection:
        for statement in statements:
            connection.execute(statement)


def _verify_errors(root: Path, manifest: Manifest) -> list[str]:
    """The errors of verifying the project at ``root`` against ``manifest``."""
    project = load_project(root)
    report = verify_manifest(project, manifest, checkout=False)
    assert project.catalog is not None
    project.catalog.close()
    return [d.format() for d in report.errors]


DECLARED = """\
    timezone: Europe/Berlin
    connections:
      warehouse:
        url_from: SQMS_TEST_WAREHOUSE
    datasets:
      tickets:
        connection: warehouse
        table: support.tickets
        key: id
        time: created
        order: [created, resolved]
        columns:
          id: {type: string, required: true}
          created: {type: datetime, required: true}
          resolved: datetime
          channel: {type: category, values: [chat, mail]}
          score: {type: integer, min: 0, max: 10}
          email: {type: string, pii: true, unique: true}
          tags: {type: list, values: [fast, slow]}
    """
PLAN = """\
    indicators:
      tickets:
        name: Tickets
        family: efficiency
        measure: count
        dataset: tickets
        unit: count
    """
TICKETS = """CREATE TABLE support.tickets (id VARCHAR, created TIMESTAMP, resolved TIMESTAMP,
    channel VARCHAR, score INTEGER, email VARCHAR, tags VARCHAR[])"""


def _project(make_project: object, datasets: str = DECLARED, plan: str = PLAN) -> Path:
    assert callable(make_project)
    root = make_project({"data/datasets.yml": datasets, "data/quality-plan.yml": plan})
    assert isinstance(root, Path)
    return root


def _warehouse(tmp_path: Path, *rows: str) -> str:
    inserts = [f"INSERT INTO support.tickets VALUES {row}" for row in rows]
    return make_warehouse(tmp_path / "w.duckdb", "CREATE SCHEMA support", TICKETS, *inserts)


def test_broken_rows_are_reported_by_key_at_their_column(
    make_project: object, tmp_path: Path, served: Callable[[str], None]
) -> None:
    served(_warehouse(
        tmp_path,
        "('T1', '2026-03-02 10:00', '2026-03-02 11:00', 'chat', 3, 'a@x.org', ['fast'])",
        "('T2', NULL, NULL, 'fax', 11, 'a@x.org', ['fast', 'lost'])",
        "('T2', '2026-03-29 02:30', NULL, '  ', -1, NULL, NULL)",  # skipped by DST in Berlin
        "('T4', '2026-10-25 02:30', '2026-10-25 01:00', NULL, NULL, NULL, [])",  # repeated
        "('T5', '1600-01-01 00:00', NULL, NULL, NULL, NULL, NULL)",
    ))  # fmt: skip
    root = _project(make_project)
    found = errors(load_project(root, "data", None))
    table = "table support.tickets"
    at = {c: f"data/datasets.yml:{line_of(DECLARED, f'  {c}: ')}: column {c}: {table}" for c in
          ("id", "created", "resolved", "channel", "score", "email", "tags")}  # fmt: skip
    personal = "(personal data, not shown)"
    assert found == [
        f'{at["id"]}, id "T2": "T2" appears more than once (must be unique)',
        f'{at["created"]}, id "T2": "2026-03-29 02:30:00" does not exist in Europe/Berlin: '
        "a daylight-saving change skips it",
        f'{at["created"]}, id "T2": a value is required',
        f'{at["created"]}, id "T4": "2026-10-25 02:30:00" happens twice in Europe/Berlin: '
        "a daylight-saving change repeats it",
        f'{at["created"]}, id "T5": "1600-01-01 00:00:00" is outside the years 1700 to 2200, '
        "the times SQMS computes with",
        f'{at["resolved"]}, id "T4": resolved is before created '
        "(2026-10-25 01:00:00 < 2026-10-25 02:30:00)",
        f'{at["channel"]}, id "T2": "fax" is not one of the declared values: chat, mail',
        f'{at["score"]}, id "T2": -1 is below the minimum',
        f'{at["score"]}, id "T2": 11 is above the maximum',
        f'{at["email"]}, id "T1": "{personal}" appears more than once (must be unique)',
        f'{at["email"]}, id "T2": "{personal}" appears more than once (must be unique)',
        f'{at["tags"]}, id "T2": "lost" is not one of the allowed values: fast, slow',
    ]


def test_many_broken_rows_give_examples_then_a_count(
    make_project: object, tmp_path: Path, served: Callable[[str], None]
) -> None:
    rows = [f"('T{n}', '2026-03-02 10:00', NULL, 'fax', 1, NULL, NULL)" for n in range(12)]
    served(_warehouse(tmp_path, *rows))
    found = errors(load_project(_project(make_project), "data", None))
    assert len(found) == 6
    assert [f.split(", id ")[1].split(":")[0] for f in found[:5]] == [
        '"T0"',
        '"T1"',
        '"T10"',
        '"T11"',
        '"T2"',
    ]
    assert found[5].endswith(
        "column channel: table support.tickets: ... and 7 more rows with this problem"
    )


def test_a_dataset_without_a_key_counts_its_broken_rows(
    make_project: object, tmp_path: Path, served: Callable[[str], None]
) -> None:
    served(_warehouse(
        tmp_path, "('T1', '2026-03-02 10:00', NULL, 'fax', 1, NULL, NULL)"
    ))  # fmt: skip
    datasets = DECLARED.replace("        key: id\n", "")
    found = errors(load_project(_project(make_project, datasets), "data", None))
    assert found == [
        f"data/datasets.yml:{line_of(datasets, '  channel: ')}: column channel: "
        'table support.tickets: "fax" is not one of the declared values: chat, mail'
    ]


def test_a_table_s_rows_out_of_order_are_left_out_when_declared_so(
    make_project: object, tmp_path: Path, served: Callable[[str], None]
) -> None:
    served(_warehouse(
        tmp_path,
        "('T1', '2026-03-02 10:00', '2026-03-02 11:00', 'chat', 3, NULL, NULL)",
        "('T2', '2026-03-03 10:00', '2026-03-03 09:00', 'chat', 3, NULL, NULL)",
        "('T3', '2026-03-04 10:00', NULL, 'mail', 3, NULL, NULL)",
    ))  # fmt: skip
    datasets = DECLARED.replace(
        "order: [created, resolved]", "order: [created, resolved]\n        out_of_order: exclude"
    )
    project = loaded_at(_project(make_project, datasets))
    assert project.catalog is not None
    tickets = project.catalog.datasets["tickets"]
    assert tickets.excluded_out_of_order == 1
    table = results(project)
    assert table.loc[table["dim"] == "", "value"].tolist() == [2.0]


def loaded_at(root: Path) -> Project:
    return loaded(root)


def test_every_mistake_in_declaring_tables_is_reported_at_once(make_project: object) -> None:
    datasets = """\
        connections:
          warehouse:
            url_from: SQMS_TEST_WAREHOUSE
        datasets:
          both:
            file: a.csv
            connection: warehouse
            table: a
            columns: {id: string}
          alone:
            table: a
            columns: {id: string}
          unknown:
            connection: elsewhere
            table: a
            columns: {id: string}
          path:
            connection: warehouse
            table: "'/etc/passwd'"
            columns: {id: string}
          file_keys:
            connection: warehouse
            table: a
            encoding: gb18030
            delimiter: ";"
            columns: {id: string}
        """
    root = _project(make_project, datasets, plan="indicators: {}\n")
    found = errors(load_project(root, "data", None))
    # A dataset's own problems are at its first key; a key's, at the key.
    inside = lambda name: f"data/datasets.yml:{line_of(datasets, f'  {name}:') + 1}:"  # noqa: E731
    at = lambda fragment: f"data/datasets.yml:{line_of(datasets, fragment)}:"  # noqa: E731
    assert found == [
        f"{inside('both')} a dataset reads either a `file:` or a `table:` of a connection: "
        "give one of the two",
        f"{inside('alone')} `table:` and `connection:` go together: a table is read through a "
        "connection declared under `connections:`",
        f'{at("connection: elsewhere")} no connection "elsewhere" is declared under '
        "`connections:` (declared: warehouse)",
        f"{inside('path')} \"'/etc/passwd'\" is not a table name: write `name`, `schema.name` "
        "or `catalog.schema.name` with letters, digits, `_`, `$` and `-`",
        f"{inside('file_keys')} delimiter, encoding: these say how to read a file, and a table "
        "is not read as a file",
    ]


def test_a_connection_names_an_environment_variable(make_project: object) -> None:
    datasets = DECLARED.replace("url_from: SQMS_TEST_WAREHOUSE", "url_from: duckdb:///w.duckdb")
    found = errors(load_project(_project(make_project, datasets), "data", None))
    assert found == [
        f"data/datasets.yml:{line_of(datasets, 'url_from')}: connections.warehouse.url_from: "
        '"duckdb:///w.duckdb" is not the name of an environment variable: use upper-case '
        "letters, digits and `_`, starting with a letter"
    ]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (None, "the environment variable SQMS_TEST_WAREHOUSE is not set: it must hold the "
               "connection's URL where the site is built"),
        ("snowflake://ann:s3cret@acme/support",
         'the URL in SQMS_TEST_WAREHOUSE is for "snowflake", which SQMS does not read tables '
         "from; it reads them from: duckdb://, postgres://"),
        ("postgresql://ann:s3cret@127.0.0.1:1/support?password=s3cret",
         "the connection in SQMS_TEST_WAREHOUSE does not open: connection failed: connection "
         'to server at "…", port 1 failed: Connection refused'),
        ("duckdb:///no/such/folder/s3cret.duckdb",
         'the connection in SQMS_TEST_WAREHOUSE does not open: IO Error: Cannot open database "…"'
         " in read-only mode: database does not exist"),
    ],
)  # fmt: skip
def test_a_connection_that_cannot_open_is_one_error_naming_no_secret(
    make_project: object, monkeypatch: pytest.MonkeyPatch, url: str | None, expected: str
) -> None:
    if url is None:
        monkeypatch.delenv(VARIABLE, raising=False)
    else:
        monkeypatch.setenv(VARIABLE, url)
    found = errors(load_project(_project(make_project), "data", None))
    assert len(found) == 1  # the connection, once: not every dataset that uses it
    assert found[0].startswith(f"data/datasets.yml:{line_of(DECLARED, 'url_from')}: ")
    assert expected in found[0]
    assert "s3cret" not in found[0]


def test_the_table_and_its_columns_must_be_there_as_declared(
    make_project: object, tmp_path: Path, served: Callable[[str], None]
) -> None:
    served(make_warehouse(
        tmp_path / "w.duckdb", "CREATE SCHEMA support",
        "CREATE TABLE support.tickets (id INTEGER, created VARCHAR, channel VARCHAR)",
        "CREATE TABLE support.other (id VARCHAR)",
    ))  # fmt: skip
    found = errors(load_project(_project(make_project), "data", None))
    table = "table support.tickets"
    line = lambda column: line_of(DECLARED, f"  {column}: ")  # noqa: E731
    assert found == [
        f'data/datasets.yml:{line("id")}: {table} holds column "id" as int32, which is not read '
        "as string",
        f'data/datasets.yml:{line("created")}: {table} holds column "created" as string, which '
        "is not read as datetime",
        f'data/datasets.yml:{line("resolved")}: {table} has no column "resolved"',
        f'data/datasets.yml:{line("score")}: {table} has no column "score"',
        f'data/datasets.yml:{line("email")}: {table} has no column "email"',
        f'data/datasets.yml:{line("tags")}: {table} has no column "tags"',
    ]
    unknown = DECLARED.replace("table: support.tickets", "table: support.ticket")
    found = errors(load_project(_project(make_project, unknown), "data", None))
    assert found == [
        f"data/datasets.yml:{line_of(unknown, 'table:')}: connection warehouse has no table "
        '"support.ticket" (it has: other, tickets)'
    ]


def test_a_table_never_reads_a_file_and_the_database_is_never_written(
    make_project: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.csv"
    secret.write_text("id\nsecret-value\n", encoding="utf-8")
    database = tmp_path / "w.duckdb"
    monkeypatch.setenv(VARIABLE, make_warehouse(
        database, "CREATE SCHEMA support",
        f"CREATE VIEW support.tickets AS SELECT * FROM read_csv('{secret}')",
    ))  # fmt: skip
    before = database.read_bytes()
    datasets = """\
        connections:
          warehouse: {url_from: SQMS_TEST_WAREHOUSE}
        datasets:
          tickets:
            connection: warehouse
            table: support.tickets
            columns: {id: string}
        """
    result = run_check(_project(make_project, datasets))
    output = output_of(result)
    assert result.exit_code != 0
    where = f"data/datasets.yml:{line_of(datasets, 'table:')}: "
    assert f"{where}reading table support.tickets failed: " in output
    assert "Traceback" not in output and "secret-value" not in output
    assert database.read_bytes() == before


DERIVED = """\
    timezone: America/New_York
    connections:
      warehouse: {{url_from: SQMS_TEST_WAREHOUSE}}
    calendars:
      desk:
        timezone: America/New_York
        hours: {{mon-fri: "08:00-12:00, 13:00-17:30", sat: "10:00-14:00"}}
        holidays: [2026-04-03, 2026-04-13..2026-04-14]
    datasets:
      tickets:
        {source}
        key: id
        time: created
        as_of: 2026-04-30 18:00:00
        order: [created, answered, resolved]
        out_of_order: exclude
        columns:
          id: string
          created: {{type: datetime, required: true}}
          answered: datetime
          resolved: datetime
          due: date
          channel: {{type: category, values: [chat, mail, phone]}}
          urgent: boolean
          cost: number
        derive:
          answer_h: {{hours: [created, answered]}}
          resolution_h: {{hours: [created, resolved], open_until: as_of}}
          age_h: {{hours: [created, as_of]}}
          due_h: {{hours: [created, due]}}
          weight: {{map: channel, values: {{chat: 1, mail: 2.5}}, default: 4}}
          priority: {{map: urgent, values: {{true: high, false: low}}}}
          cost_eur: {{expr: "cost * 0.9 + weight"}}
          answer_bh: {{business_hours: [created, answered], calendar: desk}}
          resolution_bh: {{business_hours: [created, resolved], calendar: desk, open_until: as_of}}
          age_bh: {{business_hours: [created, as_of], calendar: desk}}
    """
DERIVED_PLAN = """\
    indicators:
      answer:
        name: Answer
        family: service_level
        measure: mean
        dataset: tickets
        column: answer_h
        unit: hours
        by: [channel]
      resolution:
        name: Resolution
        family: service_level
        measure: median
        dataset: tickets
        column: resolution_h
        unit: hours
        by: [channel, urgent]
      age:
        name: Age
        family: efficiency
        measure: quantile
        q: 0.9
        dataset: tickets
        column: age_h
        unit: hours
        period: week
      due:
        name: Due
        family: efficiency
        measure: sum
        dataset: tickets
        column: due_h
        unit: hours
      answer_bh:
        name: Answer in business hours
        family: service_level
        measure: sum
        dataset: tickets
        column: answer_bh
        unit: hours
        by: [channel]
      resolution_bh:
        name: Resolution in business hours
        family: service_level
        measure: median
        dataset: tickets
        column: resolution_bh
        unit: hours
      age_bh:
        name: Age in business hours
        family: service_level
        measure: mean
        dataset: tickets
        column: age_bh
        unit: hours
        period: week
      weighted:
        name: Weighted
        family: efficiency
        measure: sum
        dataset: tickets
        column: cost_eur
        where: "priority == 'high'"
        unit: count
        by: [priority]
    """
DERIVED_ROWS = [
    ("T1", "2026-03-07 23:30:00", "2026-03-08 03:30:00", "2026-03-09 10:00:00", "2026-03-10",
     "chat", True, 10.5),  # a DST night in New York: 3 hours, not 4
    ("T2", "2026-03-31 16:00:00", None, None, "2026-04-02", "mail", False, 0.1),
    ("T3", "2026-04-01 09:00:00", "2026-04-01 08:00:00", None, None, "phone", None, None),
    ("T4", "2026-04-12 10:15:30.25", "2026-04-12 10:16:00", "2026-04-29 17:00:00", None,
     None, True, 7.25),
    ("T5", "2026-04-29 08:00:00", "2026-04-29 08:00:00", None, "2026-04-28", "chat", False, 3),
]  # fmt: skip


@pytest.fixture
def derived(
    make_project: object, tmp_path: Path, served: Callable[[str], None]
) -> tuple[Project, Project]:
    """The tickets of :data:`DERIVED_ROWS` from a file and from a table, loaded."""
    frame = pd.DataFrame(DERIVED_ROWS, columns=["id", "created", "answered", "resolved", "due",
                                                "channel", "urgent", "cost"])  # fmt: skip
    files = _project(make_project, DERIVED.format(source="file: tickets.csv"), DERIVED_PLAN)
    frame.to_csv(files / "data" / "tickets.csv", index=False)
    source = "connection: warehouse\n        table: tickets"
    tables = write_project(tmp_path / "tables", {
        "data/datasets.yml": DERIVED.format(source=source), "data/quality-plan.yml": DERIVED_PLAN,
    })  # fmt: skip
    with duckdb.connect(str(tmp_path / "w.duckdb")) as connection:
        connection.register("rows", frame)
        connection.execute(
            "CREATE TABLE tickets AS SELECT id, created::TIMESTAMP AS created, answered::TIMESTAMP"
            " AS answered, resolved::TIMESTAMP AS resolved, due::DATE AS due, channel, urgent,"
            " cost::DOUBLE AS cost FROM rows"
        )
    served(f"duckdb://{tmp_path / 'w.duckdb'}")
    from_file = load_project(files, "data", None)
    from_table = load_project(tables, "data", None)
    assert errors(from_file) == errors(from_table) == []
    return from_file, from_table


def test_derived_columns_of_a_table_equal_a_file_s(derived: tuple[Project, Project]) -> None:
    """Hours (across a DST change, to ``as_of``, to a date), look-ups and expressions."""
    from_file, from_table = derived
    expected, got = results(from_file), results(from_table)
    assert len(expected) > 10
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    answer = got[(got["indicator"] == "answer") & (got["dim"] == "") & (got["period"] == "2026-03")]
    assert answer["value"].tolist() == [3.0]  # 23:30 EST to 03:30 EDT


def test_a_caller_that_reads_files_only_says_a_table_is_not_read(make_project: object) -> None:
    from sqms.diagnostics import Report
    from sqms.engine.datasets import load_catalog

    root = _project(make_project)
    report = Report()
    catalog = load_catalog(root / "data", "data", report)
    assert catalog is not None and catalog.datasets == {}
    assert [d.format() for d in report.errors] == [
        f"data/datasets.yml:{line_of(DECLARED, 'table:')}: the dataset is a table of a "
        "database, and tables are not read here"
    ]


def test_what_reads_rows_one_by_one_refuses_a_table(
    make_project: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service cycle (its status history too) and the registers read rows: a table is an error."""
    monkeypatch.setenv(VARIABLE, _warehouse(
        tmp_path, "('T1', '2026-03-02 10:00', '2026-03-02 11:00', 'chat', 3, NULL, NULL)"
    ))  # fmt: skip
    plan = PLAN.rstrip(" ") + textwrap.indent(
        "service_cycle:\n  dataset: tickets\n  clock: wall\n  stages:\n"
        "    - {name: Waiting, from: created, to: resolved}\n"
        "  history: {dataset: tickets, key: id, time: created, status: channel}\n",
        "    ",
    )
    registers = """\
        feedback:
          dataset: tickets
          scores:
            score: {name: Score, scale: [0, 10], better: higher, low: 6}
        """
    root = _project(make_project, DECLARED, plan)
    write_project(root, {"data/registers.yml": registers})
    found = errors(load_project(root, "data", None))
    assert found == [
        f"data/quality-plan.yml:{line_of(plan, 'dataset: tickets', 2)}: "
        'the service cycle reads dataset "tickets" row by row, and a dataset read from a table '
        "is not yet",
        f"data/quality-plan.yml:{line_of(plan, 'history:')}: "
        'the service cycle reads dataset "tickets" row by row, and a dataset read from a table '
        "is not yet",
        f"data/registers.yml:{line_of(registers, 'dataset:')}: this register reads dataset "
        '"tickets" row by row, and a dataset read from a table is not yet',
    ]


def test_verify_finds_a_table_added_or_no_longer_read(
    sample_on_tables: tuple[Path, Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    files, tables, url = sample_on_tables
    monkeypatch.setenv(VARIABLE, url)
    from_files, from_tables = loaded(files), loaded(tables)
    read_files = Manifest(build_manifest(from_files, results(from_files), ["data"]), "m.json")
    read_tables = Manifest(build_manifest(from_tables, results(from_tables), ["data"]), "m.json")
    added = [e for e in _verify_errors(tables, read_files) if "table" in e]
    assert added == [
        f"m.json: table warehouse:{name} is read now but was not for the published site"
        for name in ("crm.customers", "qa", "support.tickets", "survey.responses")
    ]
    gone = [e for e in _verify_errors(files, read_tables) if "table" in e]
    assert gone == [
        f"m.json: table warehouse:{name} was read for the published site and is no longer declared"
        for name in ("crm.customers", "qa", "support.tickets", "survey.responses")
    ]


@pytest.mark.parametrize("indicator", ["resolution", "age"])
def test_an_action_s_window_is_pooled_on_a_table_as_from_a_file(
    derived: tuple[Project, Project], indicator: str
) -> None:
    """An improvement action's effectiveness pools a median or quantile over its window."""
    from sqms.registers.actions.analysis import _TableRows
    from sqms.registers.actions.effectiveness import Rows

    from_file, from_table = derived
    assert from_file.catalog and from_file.plan and from_table.catalog and from_table.plan
    compiled = from_file.plan.indicators[indicator]
    tickets = from_file.catalog.datasets["tickets"]
    in_memory = Rows(tickets.frame, "created", from_file.plan.timezone)
    table = _TableRows(from_table.catalog.datasets["tickets"], from_table.plan, from_table.catalog)
    period = compiled.period
    windows = [("2026-03", "2026-04"), ("2026-03", "2026-03"), ("2026-05", "2026-06")]
    if period == "week":
        windows = [("2026-W10", "2026-W16"), ("2026-W15", "2026-W15"), ("2026-W30", "2026-W31")]
    checked = 0
    for first, last in windows:
        for dim, value in [("", ""), ("channel", "chat"), ("urgent", "True"), ("channel", "fax")]:
            window = [to_period(first, period), to_period(last, period)]
            expected = in_memory.pooled(compiled, *window, dim, value)
            got = table.pooled(from_table.plan.indicators[indicator], *window, dim, value)
            assert got == expected or (
                math.isnan(got[0]) and math.isnan(expected[0]) and got[1] == expected[1]
            ), (first, last, dim, value)
            checked += expected[1] > 0
    assert checked >= 4


WAITS = """\
    connections:
      warehouse: {{url_from: SQMS_TEST_WAREHOUSE}}
    datasets:
      waits:
        {source}
        time: created
        as_of: 2026-04-30 00:00:00
        columns:
          created: datetime
          wait_h: number
          channel: string
    """
WAITS_PLAN = """\
    indicators:
      wait:
        name: Wait
        family: service_level
        measure: quantile
        q: 0.9
        method: {method}
        dataset: waits
        column: wait_h
        where: "channel != 'mail'"
        unit: hours
    """
EDGES = [0.0, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 7.5, 12.0, 25.0, 1e3, 1e300, -1.0]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])  # fmt: skip
@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.sampled_from(EDGES),
                st.floats(0, 100, allow_nan=False),
                st.sampled_from([math.nan, math.inf, None]),
            ),
            st.sampled_from(["chat", "mail", None]),
        ),
        min_size=1,
        max_size=80,
    ),
    st.sampled_from(["nearest_rank", "linear"]),
)
# Values whose division by the bin width rounds across an edge: 1.7 / 0.1 is 17.0, yet
# 1.7 < 17 × 0.1 = 1.7000000000000002, so numpy puts 1.7 in bin 16 (widths 0.1, 0.2).
@example(rows=[(1.7, "chat"), (2.3, "chat")], method="linear")
@example(rows=[(3.4, "chat"), (4.0, "chat"), (0.2, "chat")], method="nearest_rank")
# A p90 between two infinite durations: infinite, on both engines (not NaN, and so drawn).
@example(rows=[(0.0, "chat")] * 7 + [(math.inf, "chat")] * 2, method="linear")
def test_a_table_s_histogram_is_binned_as_a_file_s(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[float | None, str | None]],
    method: str,
) -> None:
    """Bins (values on their edges included), n, median and p90 of a duration's histogram."""
    from sqms.engine.distributions import indicator_histograms

    base = tmp_path_factory.mktemp("waits")
    frame = pd.DataFrame(
        {
            "created": [f"2026-03-{1 + n % 28:02d} 10:00:00" for n in range(len(rows))],
            "wait_h": pd.Series([w for w, _ in rows], dtype="float64"),
            "channel": pd.Series([c for _, c in rows], dtype="str"),
        }
    )
    plan = WAITS_PLAN.format(method=method)
    files = write_project(base / "files", {
        "data/datasets.yml": WAITS.format(source="file: waits.parquet"),
        "data/quality-plan.yml": plan,
    })  # fmt: skip
    frame.to_parquet(files / "data" / "waits.parquet")
    tables = write_project(base / "tables", {
        "data/datasets.yml": WAITS.format(source="connection: warehouse\n        table: waits"),
        "data/quality-plan.yml": plan,
    })  # fmt: skip
    with duckdb.connect(str(base / "w.duckdb")) as connection:
        connection.register("rows", frame)
        connection.execute(
            "CREATE TABLE waits AS SELECT created::TIMESTAMP AS created, wait_h,"
            " channel::VARCHAR AS channel FROM rows"
        )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(VARIABLE, f"duckdb://{base / 'w.duckdb'}")
        found = []
        for root in (files, tables):
            project = loaded_at(root)
            assert project.plan is not None and project.catalog is not None
            computed = results(project)
            found.append(indicator_histograms(project.plan, project.catalog, computed))
            project.catalog.close()
    expected, got = found
    binned = [w for w, c in rows if c == "chat" and w is not None and 0 <= w < math.inf]
    assert expected.keys() == got.keys() == ({"wait"} if binned else set())
    for ind_id, shown in expected.items():
        pd.testing.assert_frame_equal(got[ind_id].bins, shown.bins, check_exact=True)
        assert (got[ind_id].n, got[ind_id].period) == (shown.n, shown.period)
        for a, b in [(got[ind_id].median, shown.median), (got[ind_id].p90, shown.p90)]:
            assert a == b or (math.isnan(a) and math.isnan(b))


def test_a_table_s_lists_are_read_as_a_file_s(
    make_project: object, tmp_path: Path, served: Callable[[str], None]
) -> None:
    """Items trimmed, blank ones dropped, missing is empty: then required, unique and values."""
    served(make_warehouse(
        tmp_path / "w.duckdb",
        "CREATE TABLE answers (id VARCHAR, tags VARCHAR[])",
        "INSERT INTO answers VALUES ('A1', [' fast ', '']), ('A2', []), ('A3', NULL),"
        " ('A4', ['fast']), ('A5', ['slow', 'lost'])",
    ))  # fmt: skip
    datasets = """\
        connections:
          warehouse: {url_from: SQMS_TEST_WAREHOUSE}
        datasets:
          answers:
            connection: warehouse
            table: answers
            key: id
            columns:
              id: string
              tags: {type: list, required: true, unique: true, values: [fast, slow]}
        """
    found = errors(load_project(_project(make_project, datasets, "indicators: {}\n"), "data", None))
    at = f"data/datasets.yml:{line_of(datasets, 'tags:')}: column tags: table answers"
    assert found == [
        f'{at}, id "A1": "fast" appears more than once (must be unique)',
        f'{at}, id "A2": a value is required',
        f'{at}, id "A3": a value is required',
        f'{at}, id "A4": "fast" appears more than once (must be unique)',
        f'{at}, id "A5": "lost" is not one of the allowed values: fast, slow',
    ]


def test_a_uuid_is_read_as_text(
    make_project: object, tmp_path: Path, served: Callable[[str], None]
) -> None:
    """A help desk's keys are often UUIDs: declared `string`, checked and counted as their text."""
    served(make_warehouse(
        tmp_path / "w.duckdb",
        "CREATE TABLE calls (id UUID, team UUID, minutes INTEGER)",
        "INSERT INTO calls VALUES ('6f1c2d3e-0000-4000-8000-00000000000a', NULL, 3),"
        " ('6F1C2D3E-0000-4000-8000-00000000000A', '00000000-0000-4000-8000-000000000001', 4),"
        " ('6f1c2d3e-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-000000000001', 5)",
    ))  # fmt: skip
    datasets = """\
        connections:
          warehouse: {url_from: SQMS_TEST_WAREHOUSE}
        datasets:
          calls:
            connection: warehouse
            table: calls
            key: id
            columns:
              id: string
              team: {type: category, values: ["00000000-0000-4000-8000-000000000001"]}
              minutes: integer
        """
    found = errors(load_project(_project(make_project, datasets, "indicators: {}\n"), "data", None))
    at = f"data/datasets.yml:{line_of(datasets, 'id: string')}: column id: table calls"
    key = "6f1c2d3e-0000-4000-8000-00000000000a"  # a UUID written in capitals is the same one
    assert found == [f'{at}, id "{key}": "{key}" appears more than once (must be unique)']


@pytest.mark.parametrize(
    ("table", "schema"),
    [
        ("information_schema.tables", "information_schema"),
        ("pg_catalog.pg_settings", "pg_catalog"),
        ("pg_settings", "pg_settings"),
        ("system.main.duckdb_settings", "system"),
        ("Information_Schema.columns", "Information_Schema"),
    ],
)
def test_a_table_of_the_engine_s_own_schemas_is_never_read(
    make_project: object,
    tmp_path: Path,
    served: Callable[[str], None],
    table: str,
    schema: str,
) -> None:
    """Settings, roles and sessions are readable by the role, but no build's business."""
    served(make_warehouse(tmp_path / "w.duckdb", "CREATE TABLE t (id VARCHAR)"))
    datasets = f"""\
        connections:
          warehouse: {{url_from: SQMS_TEST_WAREHOUSE}}
        datasets:
          leak:
            connection: warehouse
            table: {table}
            columns: {{table_name: {{type: string, values: [none]}}}}
        """
    found = errors(load_project(_project(make_project, datasets, "indicators: {}\n"), "data", None))
    assert found == [
        f"data/datasets.yml:{line_of(datasets, 'table:')}: table {table} belongs to the "
        f"database itself ({schema}): SQMS reads the tables of the data's own schemas only"
    ]
