"""Parquet files read by DuckDB itself (``engine: duckdb``): the numbers and the errors of pandas.

With the DuckDB engine, a Parquet file is read, checked and computed on where
DuckDB holds it: only aggregates come back. The results table must equal the
pandas engine's from the same data, column for column; each broken rule is
reported at the file's row and column, as pandas reports it; the engine may
read the declared Parquet files and nothing else; a file whose column types
do not hold the declared ones is read by pandas instead.
"""

from __future__ import annotations

import shutil
import tempfile
import textwrap
from pathlib import Path
from typing import Any
from unittest import mock

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks import warehouse
from sqms.engine.compute import compute
from sqms.engine.sql import files as engine_files
from sqms.engine.sql import sources
from sqms.engine.sql.engine import DuckDBEngine, SqlEngine
from sqms.engine.sql.files import FILES
from sqms.engine.sql.sources import read_table_dataset
from sqms.evidence.manifest import build_manifest
from sqms.project import Project, load_project
from tests.support.projects import errors, output_of, run_check, write_project
from tests.test_engine_differential import projects
from tests.test_table_datasets import loaded
from tests.test_table_differential import TYPES, make_tables

ROOT = Path(__file__).resolve().parent.parent
AS_PARQUET = ("tickets", "customers", "qa_reviews")
"""The sample's datasets written as Parquet (the surveys stay JSON Lines, typed in blocks)."""


def to_parquet(data: Path, name: str) -> None:
    """``data/<name>.csv`` as ``data/<name>.parquet`` in the types DuckDB finds, and declared so."""
    csv, parquet = data / f"{name}.csv", data / f"{name}.parquet"
    duckdb.sql(
        f"COPY (SELECT * FROM read_csv('{csv}', header = true)) TO '{parquet}' (FORMAT parquet)"
    )
    csv.unlink()
    declared = data / "datasets.yml"
    text = declared.read_text("utf-8").replace(f"file: {name}.csv", f"file: {name}.parquet")
    declared.write_text(text, "utf-8")


def choose_duckdb(data: Path, memory_limit: str = "1GiB") -> None:
    """``datasets.yml`` choosing the DuckDB engine."""
    declared = data / "datasets.yml"
    engine = f"engine: {{name: duckdb, memory_limit: {memory_limit}}}\n"
    declared.write_text(engine + declared.read_text("utf-8"), "utf-8")


def copy_sample(root: Path, *, row_readers: bool) -> Path:
    """The sample project at ``root``; without what reads rows one by one unless ``row_readers``."""
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "manual", root / "manual")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    if not row_readers:
        registers, plan = root / "data" / "registers.yml", root / "data" / "quality-plan.yml"
        kept = warehouse.without_row_readers(registers.read_text("utf-8"), plan.read_text("utf-8"))
        registers.write_text(kept[0], "utf-8")
        plan.write_text(kept[1], "utf-8")
    return root


def count_plan(dataset: str) -> str:
    """A plan with no indicator: the datasets are loaded and checked all the same."""
    del dataset
    return "indicators: {}\n"


def scores_project(
    root: Path, file: str, files: dict[str, str], memory_limit: str | None = None
) -> Path:
    """One dataset, ``scores``: an integer column of ``file``, on DuckDB; ``files`` beside it."""
    limit = "" if memory_limit is None else f", memory_limit: {memory_limit}"
    datasets = f"engine: {{name: duckdb{limit}}}\n"
    datasets += f"datasets:\n  scores:\n    file: {file}\n    columns: {{score: integer}}\n"
    declared = {"data/datasets.yml": datasets, "data/quality-plan.yml": count_plan("scores")}
    return write_project(root, {**declared, **files})


def results(project: Project) -> pd.DataFrame:
    assert project.plan is not None and project.catalog is not None
    try:
        return compute(project.plan, project.catalog)
    finally:
        project.catalog.close()


def on_engine(project: Project) -> set[str]:
    assert project.catalog is not None
    return {n for n, d in project.catalog.datasets.items() if d.source is not None}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample (without row readers) from CSV files on pandas, and from Parquet on DuckDB."""
    base = tmp_path_factory.mktemp("engine-files")
    files = copy_sample(base / "files", row_readers=False)
    engine = copy_sample(base / "engine", row_readers=False)
    for name in AS_PARQUET:
        to_parquet(engine / "data", name)
    choose_duckdb(engine / "data")
    return files, engine


def test_duckdb_reads_parquet_itself_to_the_pandas_numbers(
    sample: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    files, engine = sample

    def second(*_: object, **__: object) -> None:
        raise AssertionError("a second DuckDB was opened")

    # One DuckDB reads the Parquet files and the surveys' JSON Lines, and computes.
    monkeypatch.setattr(DuckDBEngine, "__init__", second)
    from_engine = loaded(engine)
    assert on_engine(from_engine) == {*AS_PARQUET, "surveys"}
    got, expected = results(from_engine), results(loaded(files))
    assert len(set(got["indicator"])) > 10
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_a_parquet_file_is_in_the_manifest_as_a_file(sample: tuple[Path, Path]) -> None:
    _, engine = sample
    project = loaded(engine)
    document = build_manifest(project, results(project), ["data"])
    assert document["tables"] == []
    recorded = {item["path"] for item in document["inputs"]}
    assert {f"data/{name}.parquet" for name in AS_PARQUET} <= recorded
    assert document["indicators"]["frt_median"]["inputs"] == ["data/tickets.parquet"]


def test_what_reads_rows_gets_them_from_pandas_to_the_same_numbers(tmp_path: Path) -> None:
    files = copy_sample(tmp_path / "files", row_readers=True)
    engine = copy_sample(tmp_path / "engine", row_readers=True)
    to_parquet(engine / "data", "tickets")
    choose_duckdb(engine / "data")
    project = loaded(engine)  # the service cycle reads the tickets row by row
    assert "tickets" not in on_engine(project)
    pd.testing.assert_frame_equal(results(project), results(loaded(files)), check_exact=True)
    assert run_check(engine).exit_code == 0


BROKEN = textwrap.dedent("""\
    engine: {name: duckdb}
    timezone: Europe/Berlin
    datasets:
      tickets:
        file: tickets.parquet
        key: id
        time: opened
        order: [opened, closed]
        rename: {E-mail: email}
        columns:
          id: string
          opened: {type: datetime, required: true}
          closed: datetime
          channel: {type: category, values: [chat, mail]}
          wait: {type: number, min: 0}
          email: {type: string, pii: true, unique: true}
    """)


def broken_tickets(path: Path) -> None:
    """Seven rows breaking each rule: in rows 2 to 7 (row 1 is right); one column renamed."""
    frame = pd.DataFrame(
        {
            "id": ["T1", "T2", "T1", "T4", "T5", "T6", "T7"],
            "opened": pd.to_datetime(["2026-01-05 09:00", None, "2026-01-05 10:00",
                                      "2026-01-05 11:00", "2026-01-06 09:00",
                                      "2026-01-06 10:00", "2026-01-06 11:00"]),
            "closed": pd.to_datetime(["2026-01-05 12:00", None, None, "2026-01-05 10:00",
                                      None, None, None]),
            "channel": ["chat", "mail", "chat", "chat", "fax", "chat", None],
            "wait": [1.0, 2.0, 3.0, 4.0, 5.0, -1.5, float("nan")],
            "E-mail": ["a@x", "b@x", "c@x", "d@x", "e@x", "f@x", "a@x"],
        }
    )  # fmt: skip
    frame.to_parquet(path, index=False)


def test_each_broken_rule_is_reported_at_its_row_and_column_as_pandas_does(tmp_path: Path) -> None:
    reports = {}
    for engine in ("duckdb", "pandas"):
        datasets = BROKEN.replace("{name: duckdb}", f"{{name: {engine}}}")
        root = write_project(
            tmp_path / engine,
            {"data/datasets.yml": datasets, "data/quality-plan.yml": count_plan("tickets")},
        )
        broken_tickets(root / "data" / "tickets.parquet")
        project = load_project(root)
        reports[engine] = errors(project)
        if project.catalog is not None:
            project.catalog.close()
    assert reports["duckdb"] == [
        "data/tickets.parquet: row 2, column opened: a value is required",
        'data/tickets.parquet: row 3, column id: "T1" appears more than once (must be unique)',
        "data/tickets.parquet: row 4, column closed: closed is before opened "
        "(2026-01-05 10:00:00 < 2026-01-05 11:00:00)",
        'data/tickets.parquet: row 5, column channel: "fax" is not one of the declared values: '
        "chat, mail",
        "data/tickets.parquet: row 6, column wait: -1.5 is below the minimum",
        'data/tickets.parquet: row 7, column email: "(personal data, not shown)" appears more '
        "than once (must be unique)",
    ]
    assert reports["duckdb"] == reports["pandas"]


def test_many_broken_rows_give_five_examples_and_a_count(tmp_path: Path) -> None:
    datasets = textwrap.dedent("""\
        engine: {name: duckdb}
        datasets:
          scores:
            file: scores.parquet
            columns:
              score: {type: integer, max: 5}
        """)
    root = write_project(
        tmp_path, {"data/datasets.yml": datasets, "data/quality-plan.yml": count_plan("scores")}
    )
    pd.DataFrame({"score": [1, 9, 2, 9, 9, 9, 9, 9, 9, 3]}).to_parquet(
        root / "data" / "scores.parquet"
    )
    assert errors(load_project(root)) == [
        *(f"data/scores.parquet: row {row}, column score: 9 is above the maximum"
          for row in (2, 4, 5, 6, 7)),
        "data/scores.parquet: row 8, column score: ... and 2 more rows with this problem",
    ]  # fmt: skip


def test_a_parquet_file_with_text_where_times_are_declared_is_read_by_pandas(
    tmp_path: Path,
) -> None:
    datasets = textwrap.dedent("""\
        engine: {name: duckdb}
        datasets:
          tickets:
            file: tickets.parquet
            time: opened
            columns:
              opened: {type: datetime, required: true}
              score: {type: integer, values: [1, 2, 3]}
        """)
    plan = "indicators:\n  mean: {name: Mean, family: quality, measure: mean, dataset: tickets,"
    plan += " column: score, unit: score, period: month}\n"
    root = write_project(tmp_path, {"data/datasets.yml": datasets, "data/quality-plan.yml": plan})
    frame = pd.DataFrame({"opened": ["2026-01-05 09:00", "05.01.2026", "2026-02-01"],
                          "score": [1, 2, 3]})  # fmt: skip
    frame.to_parquet(root / "data" / "tickets.parquet", index=False)
    project = load_project(root)
    assert errors(project) == [
        'data/tickets.parquet: row 2, column opened: "05.01.2026" is not a date and time'
    ]


def test_the_engine_may_read_the_declared_parquet_files_and_nothing_else(tmp_path: Path) -> None:
    root = scores_project(tmp_path, "scores.parquet", {"data/other.csv": "a\n1\n"}, "300MiB")
    pd.DataFrame({"score": [1, 2]}).to_parquet(root / "data" / "scores.parquet", index=False)
    project = loaded(root)
    assert project.catalog is not None
    connection = project.catalog.connections[FILES]
    assert connection is not None
    run = connection.backend.con.execute
    assert run("SELECT current_setting('memory_limit')").fetchone() == ("300.0 MiB",)
    assert run(f"SELECT count(*) FROM '{root / 'data' / 'scores.parquet'}'").fetchone() == (2,)
    for query in (
        f"SELECT * FROM read_csv('{root / 'data' / 'other.csv'}')",
        f"COPY (SELECT 1) TO '{root / 'data' / 'written.csv'}'",
        "SET enable_external_access = true",
    ):
        with pytest.raises(duckdb.Error):
            run(query)
    assert not (root / "data" / "written.csv").exists()
    project.catalog.close()


def test_a_file_that_is_not_parquet_is_reported_as_by_pandas(tmp_path: Path) -> None:
    root = scores_project(tmp_path, "scores.parquet", {"data/scores.parquet": "score\n1\n"})
    result = run_check(root)
    assert result.exit_code == 1
    assert "data/scores.parquet: cannot read the file" in output_of(result)
    assert "Traceback" not in output_of(result)


def test_a_time_a_clock_change_skips_is_an_error_when_the_engine_reads_the_file(
    tmp_path: Path,
) -> None:
    datasets = "engine: {name: duckdb}\ntimezone: Europe/Berlin\n"
    datasets += "datasets:\n  t:\n    file: t.parquet\n    columns: {at: datetime}\n"
    root = write_project(
        tmp_path, {"data/datasets.yml": datasets, "data/quality-plan.yml": count_plan("t")}
    )
    stamps = pd.to_datetime(["2026-03-29 01:30", "2026-03-29 02:30", "2026-10-25 02:30"])
    pd.DataFrame({"at": stamps}).to_parquet(root / "data" / "t.parquet", index=False)
    assert errors(load_project(root)) == [
        'data/t.parquet: row 2, column at: "2026-03-29 02:30:00" does not exist in '
        "Europe/Berlin: a daylight-saving change skips it",
        'data/t.parquet: row 3, column at: "2026-10-25 02:30:00" happens twice in '
        "Europe/Berlin: a daylight-saving change repeats it",
    ]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_generated_plans_from_parquet_on_duckdb_equal_pandas(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        from_files = write_project(base / "files", files)
        datasets = files["data/datasets.yml"]
        for name in TYPES:
            datasets = datasets.replace(f"file: {name}.csv", f"file: {name}.parquet")
        engine = write_project(base / "engine", {**files, "data/datasets.yml": datasets})
        choose_duckdb(engine / "data", "200MiB")
        make_tables(from_files, base / "typed.duckdb")
        with duckdb.connect(str(base / "typed.duckdb")) as typed:
            for name in TYPES:
                parquet = engine / "data" / f"{name}.parquet"
                typed.execute(f"COPY data.{name} TO '{parquet}' (FORMAT parquet)")
                (engine / "data" / f"{name}.csv").unlink()
        expected = results(loaded(from_files))
        project = loaded(engine)
        assert on_engine(project) == set(TYPES)
        got = results(project)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


def small_plan() -> str:
    """One indicator on the Parquet tickets of :func:`small_tickets`, computed by DuckDB."""
    return textwrap.dedent(
        """\
        indicators:
          tickets:
            name: Tickets
            family: efficiency
            measure: count
            dataset: t
            unit: count
        """
    )


def small_tickets(tmp_path: Path) -> Path:
    """A project whose tickets DuckDB reads from Parquet and computes on."""
    datasets = "engine: {name: duckdb}\ntimezone: Europe/Berlin\n"
    datasets += "datasets:\n  t:\n    file: t.parquet\n    time: at\n    columns: {at: datetime}\n"
    root = write_project(
        tmp_path, {"data/datasets.yml": datasets, "data/quality-plan.yml": small_plan()}
    )
    stamps = pd.to_datetime(["2026-03-29 01:30", "2026-04-02 09:00"])
    pd.DataFrame({"at": stamps}).to_parquet(root / "data" / "t.parquet", index=False)
    return root


@pytest.mark.parametrize(
    ("raised", "said"),
    [
        (
            duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block"),
            "DuckDB ran out of memory or of temporary disk space: Out of Memory Error",
        ),
        (
            duckdb.IOException('IO Error: Could not write file "x.tmp": No space left on device'),
            "DuckDB ran out of memory or of temporary disk space: IO Error",
        ),
        (
            duckdb.BinderException("Binder Error: no such function"),
            "the engine could not compute it: Binder Error: no such function",
        ),
    ],
)
def test_an_engine_that_stops_computing_is_an_error_at_the_indicator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, raised: Exception, said: str
) -> None:
    root = small_tickets(tmp_path)

    def stop(*_: object) -> None:
        raise raised

    monkeypatch.setattr(SqlEngine, "_execute", stop)
    result = run_check(root)
    assert result.exit_code == 1
    assert f"data/quality-plan.yml:2: {said}" in output_of(result)
    assert "Traceback" not in output_of(result)


def test_an_engine_out_of_disk_while_reading_is_an_error_at_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small_tickets(tmp_path)

    def full(*_: object, **__: object) -> None:
        raise duckdb.IOException('IO Error: Could not write file "x.tmp": No space left on device')

    monkeypatch.setattr(sources, "report_checks", full)
    result = run_check(root)
    assert result.exit_code == 1
    assert (
        "data/t.parquet: DuckDB ran out of memory or of temporary disk space: IO Error"
        in output_of(result)
    )
    assert "Traceback" not in output_of(result)


RULES = textwrap.dedent("""\
    engine: {name: engine}
    timezone: Europe/Berlin
    datasets:
      t:
        file: t.parquet
        key: id
        order: [opened, answered, closed]
        columns:
          id: string
          opened: {type: datetime, required: true}
          answered: datetime
          closed: date
          n: {type: integer, min: 0, max: 5}
          x: {type: number, min: 0.5, required: true}
          channel: {type: category, values: [chat, mail], required: true}
          code: {type: string, unique: true}
          email: {type: string, pii: true, unique: true}
    """)
"""Every rule a generated row may break: a repeated key, a personal column, the order of
events around both daylight-saving changes of the dataset's zone, instants and a date mixed."""


ROW_TYPES = pa.schema(
    [("id", pa.string()), ("opened", pa.timestamp("us", "UTC")),
     ("answered", pa.timestamp("us", "UTC")), ("closed", pa.date32()), ("n", pa.int64()),
     ("x", pa.float64()), ("channel", pa.string()), ("code", pa.string()), ("email", pa.string())]
)  # fmt: skip
"""The Parquet types of the generated rows: each holds its declared type, empty or not."""


@st.composite
def broken_rows(draw: st.DrawFn) -> pd.DataFrame:
    """Up to a dozen rows, each value drawn from right ones, wrong ones, blanks and nulls."""
    size = draw(st.integers(0, 12))

    def column(values: st.SearchStrategy[Any]) -> list[Any]:
        return draw(st.lists(values, min_size=size, max_size=size))

    texts = st.sampled_from(["T1", "T2", "T3", "", " ", None])
    times = st.sampled_from(
        [None, *pd.to_datetime(["2026-03-28 23:30", "2026-03-29 00:30", "2026-03-29 02:00",
                                "2026-10-25 00:30", "2026-10-25 01:30"], utc=True)]
    )  # fmt: skip
    days = st.sampled_from([None, *pd.to_datetime(["2026-03-28", "2026-03-29", "2026-10-25"])])
    return pd.DataFrame(
        {
            "id": pd.Series(column(texts), dtype="string"),
            "opened": pd.Series(column(times), dtype="datetime64[us, UTC]"),
            "answered": pd.Series(column(times), dtype="datetime64[us, UTC]"),
            "closed": pd.Series(column(days), dtype="datetime64[us]").dt.date,
            "n": pd.Series(column(st.one_of(st.none(), st.integers(-2, 8))), dtype="Int64"),
            "x": pd.Series(
                column(st.sampled_from([0.0, 0.5, 2.5, float("nan"), None])), dtype="float64"
            ),
            "channel": pd.Series(
                column(st.sampled_from(["chat", "mail", "fax", "", None])), dtype="string"
            ),
            "code": pd.Series(column(texts), dtype="string"),
            "email": pd.Series(column(st.sampled_from(["a@x", "b@x", None])), dtype="string"),
        }
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=broken_rows())
def test_generated_broken_rows_are_reported_by_duckdb_as_by_pandas(rows: pd.DataFrame) -> None:
    """The same errors, at the same rows and columns, in the same words, from either reader."""
    reports = {}
    with tempfile.TemporaryDirectory() as folder:
        for engine in ("duckdb", "pandas"):
            root = write_project(
                Path(folder) / engine,
                {"data/datasets.yml": RULES.replace("{name: engine}", f"{{name: {engine}}}"),
                 "data/quality-plan.yml": count_plan("t")},
            )  # fmt: skip
            table = pa.Table.from_pandas(rows, schema=ROW_TYPES, preserve_index=False)
            pq.write_table(table, root / "data" / "t.parquet")
            checked = mock.patch.object(
                engine_files, "read_table_dataset", wraps=read_table_dataset
            )
            with checked as by_duckdb:
                project = load_project(root)
            assert by_duckdb.call_count == (engine == "duckdb")  # checked where DuckDB reads it
            reports[engine] = errors(project)
            if project.catalog is not None:
                project.catalog.close()
    assert reports["duckdb"] == reports["pandas"]
