"""CSV and JSON Lines files read by the DuckDB engine, typed a block at a time: pandas' results.

With ``engine: duckdb`` a CSV or JSON Lines file is never loaded whole:
Arrow reads it in blocks, each block is typed by pandas' rules and written
to a Parquet file in the engine's private folder, and DuckDB checks the
rules spanning rows and computes. Blocks here are a few hundred bytes, so
every file is many blocks: the results and the errors must still be those
of reading the whole file with pandas, word for word.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sqms.diagnostics import Report
from sqms.engine.sql import files as engine_files
from sqms.engine.sql.files import FILES
from sqms.engine.typed_blocks import BlockWhere, write_typed
from sqms.project import load_project
from sqms.schema.datasets import DatasetSpec
from tests.support.projects import errors, write_project
from tests.test_engine_differential import projects
from tests.test_engine_files import (
    choose_duckdb,
    copy_sample,
    count_plan,
    on_engine,
    results,
    scores_project,
)

ROOT = Path(__file__).resolve().parent.parent
SMALL_BLOCK = 256
"""Bytes of text a block holds in these tests: a row or two."""


@contextmanager
def small_blocks(block: int = SMALL_BLOCK) -> Iterator[list[int | None]]:
    """Blocks of ``block`` bytes; yields what each typing of a CSV file returned (None: pandas)."""
    typed: list[int | None] = []

    def recorded(*args: Any, **kwargs: Any) -> int | None:
        found = write_typed(*args, **kwargs, block=block)
        typed.append(found)
        return found

    with mock.patch.object(engine_files, "write_typed", recorded):
        yield typed


def test_the_sample_from_text_files_in_blocks_gives_the_pandas_numbers(tmp_path: Path) -> None:
    pandas_root = copy_sample(tmp_path / "pandas", row_readers=False)
    engine_root = copy_sample(tmp_path / "engine", row_readers=False)
    choose_duckdb(engine_root / "data")
    expected = results(load_project(pandas_root))
    with small_blocks(1 << 16) as typed:  # the tickets in some 40 blocks
        project = load_project(engine_root)
    assert errors(project) == []
    # the complaints too, then read again by pandas for the register that reads their rows
    assert len(typed) == 5 and None not in typed
    assert on_engine(project) == {"tickets", "surveys", "customers", "qa_reviews"}
    pd.testing.assert_frame_equal(results(project), expected, check_exact=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_generated_plans_from_csv_in_blocks_equal_pandas(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        expected = results(load_project(write_project(Path(folder) / "pandas", files)))
        engine_root = write_project(Path(folder) / "engine", files)
        choose_duckdb(engine_root / "data")
        with small_blocks() as typed:
            project = load_project(engine_root)
        assert errors(project) == []
        rows = {name: len(files[f"data/{name}.csv"].splitlines()) - 1
                for name in ("tickets", "complaints", "customers")}  # fmt: skip
        assert typed == [n or None for n in rows.values()]  # a file without rows: pandas
        assert on_engine(project) == {name for name, n in rows.items() if n}
        got = results(project)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


RULES = textwrap.dedent("""\
    engine: {name: engine}
    timezone: Europe/Berlin
    datasets:
      t:
        file: t.csv
        key: id
        order: [opened, answered, closed]
        rename: {E-mail: email}
        columns:
          id: string
          opened: {type: datetime, required: true}
          answered: datetime
          closed: date
          n: {type: integer, min: 0, max: 5}
          x: {type: number, min: 0.5, required: true}
          ok: boolean
          channel: {type: category, values: [chat, mail], required: true}
          tags: {type: list, values: [a, b, c]}
          code: {type: string, unique: true}
          email: {type: string, pii: true, unique: true}
    """)
"""Every rule a generated row may break, every type a CSV cell is read as."""

# fmt: off
CELLS: dict[str, list[str]] = {
    "id": ["T1", "T2", "T3", "", " "],
    "opened": ["2026-03-29 01:30", "2026-03-29 02:30", "2026-10-25 02:30",
               "2026-03-29T01:30:00+01:00", "2026-10-25 01:30:00Z", "05.01.2026",
               "1650-01-01 00:00", ""],
    "answered": ["2026-03-29 03:00", "2026-10-25 00:30", "2026-10-25T02:30:00+01:00", "x", ""],
    "closed": ["2026-03-29", "2026-10-25", "29.03.2026", "2301-01-01", ""],
    "n": ["1", "7", "-1", "2.5", "x", "3.0", ""],
    "x": ["0.5", "0", "2.5", "1e3", "abc", ""],
    "ok": ["yes", "NO", "1", "maybe", ""],
    "channel": ["chat", "mail", "fax", "", " "],
    "tags": ["a;b", "a;;c", "z", "", " ; "],
    "code": ["K1", "K2", "K,3", "", "K1"],
    "E-mail": ["a@x", "b@x", ""],
}
# fmt: on
"""What a cell of each column may hold: right values, wrong ones, blanks."""


@st.composite
def broken_csv(draw: st.DrawFn) -> str:
    """Up to fifteen rows, each cell drawn from :data:`CELLS`, written by Python's CSV writer."""
    size = draw(st.integers(1, 15))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CELLS)
    for _ in range(size):
        writer.writerow([draw(st.sampled_from(values)) for values in CELLS.values()])
    return out.getvalue()


def on_each_engine(
    folder: Path, datasets: str, files: dict[str, str]
) -> Iterator[tuple[str, Path]]:
    """The project written once per engine, ``{name: engine}`` in ``datasets`` naming it."""
    for engine in ("duckdb", "pandas"):
        named = datasets.replace("{name: engine}", f"{{name: {engine}}}")
        yield engine, write_project(folder / engine, {"data/datasets.yml": named, **files})


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=broken_csv())
def test_generated_broken_csv_is_reported_in_blocks_as_by_pandas(text: str) -> None:
    """The same errors, at the same lines, rows and columns, in the same words."""
    reports = {}
    with tempfile.TemporaryDirectory() as folder:
        files = {"data/quality-plan.yml": count_plan("t"), "data/t.csv": text}
        for engine, root in on_each_engine(Path(folder), RULES, files):
            with small_blocks() as typed:
                project = load_project(root)
            assert typed == ([len(text.splitlines()) - 1] if engine == "duckdb" else [])
            reports[engine] = errors(project)
            if project.catalog is not None:
                project.catalog.close()
    assert reports["duckdb"] == reports["pandas"]


def test_problems_are_tallied_across_blocks_as_one_reading_reports_them(tmp_path: Path) -> None:
    """Five examples from the file's first rows, then the count at the sixth, each at its line."""
    spec = DatasetSpec.model_validate({"file": "s.csv", "columns": {"score": {"type": "integer",
                                       "max": 5}}})  # fmt: skip
    scores = ["1", "9", "2", "9", "x", "9", "9", "3", "9", "9", "9", "4"] * 20
    path = tmp_path / "s.csv"
    path.write_text("score\n" + "\n".join(scores) + "\n", "utf-8")
    report = Report()
    written = write_typed(path, spec, "UTC", "data/s.csv", tmp_path / "t.parquet", report,
                              block=16)  # fmt: skip
    assert written == len(scores)
    nines = [i + 1 for i, s in enumerate(scores) if s == "9"]
    bad = [i + 1 for i, s in enumerate(scores) if s == "x"]
    assert [d.format() for d in report] == sorted(
        [*(f"data/s.csv:{r + 1}: row {r}, column score: 9 is above the maximum" for r in nines[:5]),
         f"data/s.csv:{nines[5] + 1}: row {nines[5]}, column score: ... and {len(nines) - 5} "
         "more rows with this problem",
         *(f'data/s.csv:{r + 1}: row {r}, column score: "x" is not a whole number'
           for r in bad[:5]),
         f"data/s.csv:{bad[5] + 1}: row {bad[5]}, column score: ... and {len(bad) - 5} more "
         "rows with this problem"],
        key=lambda line: int(line.split(":")[1]),
    )  # fmt: skip
    typed = pq.read_table(tmp_path / "t.parquet").column("score").to_pylist()
    assert typed == [None if s == "x" else int(s) for s in scores]


def test_a_block_reports_nothing_itself() -> None:
    where = BlockWhere("data/s.csv", 1)
    report = Report()
    where.report_rows(report, "score", pd.Series(["9"]), pd.Series([True]), "data.above_max")
    assert len(report) == 0
    where.flush(report)
    assert [d.format() for d in report] == [
        "data/s.csv:2: row 1, column score: 9 is above the maximum"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("id,score\nT1,1\nT2,2,3\nT3,3\n",
                     "data/s.csv:3: cannot read the file: Error tokenizing data. C error: "
                     "Expected 2 fields in line 3, saw 3", id="malformed row"),
        pytest.param("id,score,score\nT1,1,2\n",
                     'data/s.csv:1: column "score" appears 2 times in the header: rename the '
                     "columns so that each name is used once", id="header names a column twice"),
        pytest.param("id,points\nT1,1\n",
                     "data/s.csv:1: declared column score is not in the file",
                     id="column missing"),
        pytest.param("id,score\n", "data/s.csv:1: warning: the file has a header but no rows",
                     id="no rows"),
    ],
)  # fmt: skip
def test_a_file_arrow_cannot_read_in_blocks_is_read_and_reported_by_pandas(
    tmp_path: Path, text: str, expected: str
) -> None:
    datasets = "engine: {name: duckdb}\ndatasets:\n  s:\n    file: s.csv\n    key: id\n"
    datasets += "    columns: {id: string, score: integer}\n"
    root = write_project(
        tmp_path,
        {"data/datasets.yml": datasets, "data/quality-plan.yml": count_plan("s"),
         "data/s.csv": text},
    )  # fmt: skip
    with small_blocks() as typed:
        project = load_project(root)
    assert typed == [None]
    found = [d.format() for d in project.report]
    assert expected in found, found
    if project.catalog is not None:
        project.catalog.close()


def test_values_spanning_lines_are_read_in_blocks_to_the_pandas_values(tmp_path: Path) -> None:
    """A help desk's export quotes descriptions with line breaks; one may look like a row."""
    rows = [f'T{i},2026-0{1 + i % 3}-05,"line one\nZ{i},2026-01-01,forged,99",{i}'
            for i in range(40)]  # fmt: skip
    text = "id,at,note,score\n" + "\n".join(rows) + "\n"
    datasets = "engine: {name: duckdb}\ndatasets:\n  s:\n    file: s.csv\n    key: id\n"
    datasets += "    time: at\n    columns: {id: string, at: date, note: string, score: integer}\n"
    plan = "indicators:\n  total: {name: Total, family: quality, measure: sum, dataset: s,"
    plan += " column: score, unit: count, period: month}\n"
    files = {"data/datasets.yml": datasets, "data/quality-plan.yml": plan, "data/s.csv": text}
    root = write_project(tmp_path / "engine", files)
    with small_blocks() as typed:
        project = load_project(root)
    assert typed == [40] and errors(project) == []
    pandas = {**files, "data/datasets.yml": datasets.replace("duckdb", "pandas")}
    expected = results(load_project(write_project(tmp_path / "pandas", pandas)))
    got = results(project)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got["value"].tolist() == [sum(range(0, 40, 3)), sum(range(1, 40, 3)),
                                     sum(range(2, 40, 3))]  # fmt: skip


@pytest.mark.parametrize("period", ["week", "month", "quarter", "year"])
def test_a_date_placing_rows_in_periods_gives_the_pandas_periods(
    tmp_path: Path, period: str
) -> None:
    """A dataset's ``time`` may be a date: the engine's periods begin on its days, as pandas'."""
    days = pd.date_range("2025-12-20", "2026-04-10", freq="3D")
    text = "id,day,score\n" + "".join(f"T{i},{d:%Y-%m-%d},{i % 7}\n" for i, d in enumerate(days))
    datasets = "engine: {name: duckdb}\ndatasets:\n  s:\n    file: s.csv\n    key: id\n"
    datasets += "    time: day\n    columns: {id: string, day: date, score: integer}\n"
    plan = "indicators:\n  total: {name: Total, family: quality, measure: sum, dataset: s,"
    plan += f" column: score, unit: count, period: {period}}}\n"
    files = {"data/datasets.yml": datasets, "data/quality-plan.yml": plan, "data/s.csv": text}
    project = load_project(write_project(tmp_path / "engine", files))
    assert on_engine(project) == {"s"}
    pandas = {**files, "data/datasets.yml": datasets.replace("duckdb", "pandas")}
    expected = results(load_project(write_project(tmp_path / "pandas", pandas)))
    got = results(project)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got["value"].sum() == sum(i % 7 for i in range(len(days)))


def test_a_row_longer_than_a_block_is_read_by_pandas_to_the_same_values(tmp_path: Path) -> None:
    datasets = "engine: {name: duckdb}\ndatasets:\n  s:\n    file: s.csv\n    key: id\n"
    datasets += "    time: at\n    columns: {id: string, at: date, note: string, score: integer}\n"
    plan = "indicators:\n  total: {name: Total, family: quality, measure: sum, dataset: s,"
    plan += " column: score, unit: count, period: year}\n"
    long_note = "word " * 200
    root = write_project(
        tmp_path,
        {"data/datasets.yml": datasets, "data/quality-plan.yml": plan,
         "data/s.csv": f"id,at,note,score\nT1,2026-01-05,short,1\nT2,2026-02-05,{long_note},2\n"
                       "T3,2026-03-05,,4\n"},
    )  # fmt: skip
    with small_blocks() as typed:
        project = load_project(root)
    assert typed == [None] and errors(project) == []
    assert on_engine(project) == set()  # pandas read it; the engine computes on what it read
    assert results(project)["value"].tolist() == [7.0]


def test_the_engine_may_read_the_typed_file_and_not_the_csv(tmp_path: Path) -> None:
    root = scores_project(tmp_path, "scores.csv", {"data/scores.csv": "score\n1\n2\n"}, "300MiB")
    project = load_project(root)
    assert errors(project) == [] and project.catalog is not None
    connection = project.catalog.connections[FILES]
    assert connection is not None and connection.spill is not None
    run = connection.backend.con.execute
    typed = engine_files.typed_file(connection, "scores")
    assert typed.parent == connection.spill.path and root not in typed.parents
    assert run(f"SELECT sum(score) FROM '{typed}'").fetchone() == (3,)
    with pytest.raises(duckdb.Error):
        run(f"SELECT * FROM read_csv('{root / 'data' / 'scores.csv'}')")
    project.catalog.close()
    assert not typed.exists()


def test_typed_columns_are_written_in_the_types_the_engine_holds(tmp_path: Path) -> None:
    spec = DatasetSpec.model_validate(
        {"file": "a.csv", "rename": {"When": "at"},
         "columns": {"at": "datetime", "day": "date", "n": "integer", "x": "number",
                     "ok": "boolean", "c": {"type": "category", "values": ["a", "b"]},
                     "s": "string", "l": "list"}}
    )  # fmt: skip
    path = tmp_path / "a.csv"
    path.write_text("When,day,n,x,ok,c,s,l\n2026-01-05 09:00,2026-01-05,3,0.25,yes,b,hi,p;q\n"
                    ",,,,,,,\n", "utf-8")  # fmt: skip
    report = Report()
    assert write_typed(path, spec, "Europe/Berlin", "a.csv", tmp_path / "t.parquet",
                           report) == 2  # fmt: skip
    assert len(report) == 0
    typed = duckdb.sql(f"SELECT * FROM '{tmp_path / 't.parquet'}'")
    assert dict(zip(typed.columns, map(str, typed.types), strict=True)) == {
        "When": "TIMESTAMP WITH TIME ZONE", "day": "DATE", "n": "BIGINT", "x": "DOUBLE",
        "ok": "BOOLEAN", "c": "VARCHAR", "s": "VARCHAR", "l": "VARCHAR[]",
    }  # fmt: skip
    first, empty = duckdb.sql(
        f"SELECT epoch_us(\"When\"), day::VARCHAR, n, x, ok, c, s, l FROM '{tmp_path / 't.parquet'}'"
    ).fetchall()
    assert first == (1767600000000000, "2026-01-05", 3, 0.25, True, "b", "hi", ["p", "q"])
    assert empty == (None, None, None, None, None, None, None, [])


def test_a_full_disk_while_typing_is_an_error_at_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not a silent fall back to pandas: reading the whole file could exhaust the memory."""
    datasets = "engine: {name: duckdb}\ndatasets:\n  s:\n    file: s.csv\n"
    datasets += "    columns: {score: integer}\n"
    root = write_project(
        tmp_path,
        {"data/datasets.yml": datasets, "data/quality-plan.yml": count_plan("s"),
         "data/s.csv": "score\n1\n2\n"},
    )  # fmt: skip

    def full(*_: object, **__: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    project = load_project(root)
    assert errors(project) == [
        "data/s.csv: DuckDB ran out of memory or of temporary disk space: "
        "[Errno 28] No space left on device"
    ]
    if project.catalog is not None:
        project.catalog.close()


JSON_RULES = textwrap.dedent("""\
    engine: {name: engine}
    timezone: Europe/Berlin
    datasets:
      j:
        file: j.jsonl
        key: id
        time: at
        rename: {E-mail: email}
        columns:
          id: string
          at: {type: datetime, required: true}
          day: date
          n: {type: integer, min: 0, max: 5}
          x: number
          ok: boolean
          channel: {type: category, values: [chat, mail]}
          tags: {type: list, values: [a, b, c]}
          email: {type: string, pii: true, unique: true}
    """)
"""Every type a JSON line's value is read as, and the rules a generated line may break."""

# fmt: off
VALUES: dict[str, list[Any]] = {
    "id": ["J1", "J2", "J3", "J4", "", " "],
    "at": ["2026-03-29 01:30", "2026-03-29T02:30:00", "2026-10-25T01:30:00+02:00",
           "2026-10-25 02:30", "05.01.2026", "1650-01-01 00:00", ""],
    "day": ["2026-03-29", "2026-10-25", "29.03.2026", "2026-02-30"],
    "n": [1, 7, -1, 3, 0, None],
    "x": [0, 3, -2, 10, None],
    "ok": [True, False, None],
    "channel": ["chat", "mail", "fax", "", "chat"],
    "tags": [["a", "b"], [], ["z"], [" a ", ""], ["c"]],
    "E-mail": ["a@x", "b@x", "c@x", "d@x", None],
}
ODD: dict[str, list[Any]] = {
    "id": [7], "x": [2.5], "ok": [1], "tags": ["a;c", ["a", 3], None], "channel": [3],
    "day": [None], "at": [None],
}
# fmt: on
"""What a line may hold for each key: right values, wrong ones, nulls; a key may be absent.

Lines of :data:`VALUES` alone are what Arrow reads exactly as pandas; one value of
:data:`ODD` (a number where text is declared, a fraction, a number for true) makes
the file one pandas reads whole."""


@st.composite
def json_lines(draw: st.DrawFn) -> str:
    """Up to fifteen lines of :data:`VALUES`, some keys absent, sometimes one value of :data:`ODD`."""
    size = draw(st.integers(1, 15))
    lines = []
    for _ in range(size):
        line = {key: draw(st.sampled_from(values)) for key, values in VALUES.items()
                if draw(st.integers(0, 24))}  # fmt: skip
        lines.append(line)
    if draw(st.integers(0, 3)) == 0:
        key = draw(st.sampled_from(sorted(ODD)))
        lines[draw(st.integers(0, size - 1))][key] = draw(st.sampled_from(ODD[key]))
    return "".join(json.dumps(line) + "\n" for line in lines)


def test_generated_json_lines_in_blocks_are_read_as_by_pandas() -> None:
    """The same errors and the same numbers, whether the blocks are typed or pandas reads it."""
    plan = "indicators:\n  total: {name: Total, family: quality, measure: sum, dataset: j,"
    plan += " column: n, unit: count, period: month}\n"
    in_blocks: list[bool] = []

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(text=json_lines())
    def same(text: str) -> None:
        found = {}
        with tempfile.TemporaryDirectory() as folder:
            files = {"data/quality-plan.yml": plan, "data/j.jsonl": text}
            for engine, root in on_each_engine(Path(folder), JSON_RULES, files):
                with small_blocks(400) as typed:
                    project = load_project(root)
                in_blocks.extend(n is not None for n in typed)
                got = errors(project)
                found[engine] = (got, None if got else results(project))
                if got and project.catalog is not None:
                    project.catalog.close()
        assert found["duckdb"][0] == found["pandas"][0]
        if found["pandas"][1] is not None:
            pd.testing.assert_frame_equal(found["duckdb"][1], found["pandas"][1], check_exact=True)

    same()
    assert sum(in_blocks) >= len(in_blocks) / 4, in_blocks  # most files are typed in blocks


def test_json_lines_typed_in_blocks_give_the_pandas_numbers_and_errors(tmp_path: Path) -> None:
    lines = [{"id": f"J{i}", "at": f"2026-0{1 + i % 3}-05T10:00:00", "day": "2026-01-05",
              "n": i % 6 if i % 9 else 9,
              "x": i, "ok": i % 2 == 0, "channel": "chat", "tags": ["a"],
              "E-mail": f"{i}@x"} for i in range(60)]  # fmt: skip
    text = "".join(json.dumps(line) + "\n" for line in lines)
    plan = "indicators:\n  total: {name: Total, family: quality, measure: sum, dataset: j,"
    plan += " column: x, unit: count, period: month}\n"
    files = {"data/datasets.yml": JSON_RULES.replace("{name: engine}", "{name: duckdb}"),
             "data/quality-plan.yml": plan, "data/j.jsonl": text}  # fmt: skip
    with small_blocks() as typed:
        project = load_project(write_project(tmp_path / "engine", files))
    assert typed == [60]
    nines = [i for i in range(60) if i % 9 == 0]
    assert errors(project) == [
        *(f"data/j.jsonl:{i + 1}: row {i + 1}, column n: 9 is above the maximum"
          for i in nines[:5]),
        f"data/j.jsonl:{nines[5] + 1}: row {nines[5] + 1}, column n: ... and {len(nines) - 5} "
        "more rows with this problem",
    ]  # fmt: skip
    fixed = text.replace('"n": 9,', '"n": 0,')
    with small_blocks() as typed:
        project = load_project(write_project(tmp_path / "fixed", {**files, "data/j.jsonl": fixed}))
    assert typed == [60] and errors(project) == []
    assert on_engine(project) == {"j"}
    assert results(project)["value"].tolist() == [float(sum(range(m, 60, 3))) for m in range(3)]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"id": "J1", "at": "2026-01-05", "x": 2.5}\n', id="a fraction"),
        pytest.param('\ufeff{"id": "J1", "at": "2026-01-05"}\n', id="a byte-order mark"),
        pytest.param('{"id": "J1", "at": "2026-01-05"}\n\n{"id": "J2", "at": "2026-01-06"}\n',
                     id="a blank line"),
        pytest.param('{"id": "J1", "at": "2026-01-05", "ok": 1}\n', id="a number for true"),
        pytest.param('{"id": "J1"}\n', id="a column in no line"),
        pytest.param("[1, 2]\n", id="not an object"),
    ],
)  # fmt: skip
def test_json_lines_arrow_does_not_read_as_pandas_are_read_whole(tmp_path: Path, text: str) -> None:
    files = {"data/datasets.yml": JSON_RULES.replace("{name: engine}", "{name: duckdb}"),
             "data/quality-plan.yml": count_plan("j"), "data/j.jsonl": text}  # fmt: skip
    with small_blocks() as typed:
        project = load_project(write_project(tmp_path / "engine", files))
    assert typed == [None]
    pandas = {**files, "data/datasets.yml": files["data/datasets.yml"].replace("duckdb", "pandas")}
    expected = load_project(write_project(tmp_path / "pandas", pandas))
    assert [d.format() for d in project.report] == [d.format() for d in expected.report]
    if project.catalog is not None:
        project.catalog.close()
