"""Hostile and malformed data files: located errors, never a traceback, never a file outside.

A pull request controls every data file and every path ``datasets.yml``
names, and the CI runner that checks it holds secrets. Each test runs
``sqms check`` on the mini project with one thing broken, and asserts the
located message, the exit code and that no traceback reached the output.
Files outside the project hold a secret that must never be printed.
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from sqms.cli.main import main
from sqms.project import load_project
from tests import mini
from tests.support.edits import edited, with_edit
from tests.support.projects import ProjectFactory

SECRET = "TOPSECRET-4f9c1e"
TICKETS_LINE = 4
"""The line of ``file: tickets.csv`` in the mini project's ``datasets.yml``."""
HEADER = "id,created_at,channel,wait_h,resolved,score,email"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder beside the project holding files with a secret in every value."""
    folder = tmp_path_factory.mktemp("outside")
    rows = f"{HEADER}\n{SECRET},{SECRET},{SECRET},{SECRET},{SECRET},{SECRET},{SECRET}\n"
    (folder / "tickets.csv").write_text(rows, encoding="utf-8")
    # Valid YAML with unknown keys: a loader that opened them would name the keys.
    (folder / "actions.yml").write_text(f"{SECRET}: 1\n", encoding="utf-8")
    (folder / "iso.yml").write_text(f"id: ISO\ntitle: T\n{SECRET}: 1\n", encoding="utf-8")
    return folder


def check(runner: CliRunner, root: Path, *args: str) -> Result:
    command = list(args) or ["check"]
    return runner.invoke(main, [*command, "--project", str(root)])


def assert_refused(result: Result, *fragments: str) -> None:
    """Exit 1, each fragment on some line of the output, no traceback, no secret."""
    assert result.exit_code == 1, result.output
    for fragment in fragments:
        assert any(fragment in line for line in result.output.splitlines()), result.output
    assert "Traceback" not in result.output
    assert SECRET not in result.output


def with_tickets_file(name: str) -> dict[str, str]:
    """The mini project with the tickets dataset read from ``name``."""
    return with_edit(mini.files(), "data/datasets.yml", "file: tickets.csv", f"file: {name}")


def tickets(*rows: str) -> dict[str, str]:
    """The mini project with these rows (after the header) as its tickets."""
    return {**mini.files(), "data/tickets.csv": "\n".join([HEADER, *rows]) + "\n"}


def tickets_frame(root: Path) -> pd.DataFrame:
    project = load_project(root)
    assert project.catalog is not None, [d.format() for d in project.report]
    return project.catalog.datasets["tickets"].frame


# --- confinement --------------------------------------------------------------


def test_a_data_file_above_the_data_folder_is_refused_unread(
    runner: CliRunner, make_project: ProjectFactory, outside: Path, tmp_path: Path
) -> None:
    relative = Path(os.path.relpath(outside / "tickets.csv", tmp_path / "data")).as_posix()
    assert relative.startswith("../")
    root = make_project(with_tickets_file(relative))  # the project is written in tmp_path
    assert root == tmp_path
    result = check(runner, root)
    assert_refused(result, f"data/datasets.yml:{TICKETS_LINE}: the data file must lie inside data/")


def test_an_absolute_data_file_is_refused_unread(
    runner: CliRunner, make_project: ProjectFactory, outside: Path
) -> None:
    absolute = (outside / "tickets.csv").as_posix()
    result = check(runner, make_project(with_tickets_file(absolute)))
    assert_refused(
        result,
        f"data/datasets.yml:{TICKETS_LINE}: the data file must lie inside data/:",
        'through "..", an absolute path or a symbolic link',
    )


def test_a_link_out_of_the_data_folder_is_refused_unread(
    runner: CliRunner, make_project: ProjectFactory, outside: Path
) -> None:
    root = make_project(mini.files())
    (root / "data/tickets.csv").unlink()
    (root / "data/tickets.csv").symlink_to(outside / "tickets.csv")
    result = check(runner, root)
    assert_refused(
        result,
        f'data/datasets.yml:{TICKETS_LINE}: the data file must lie inside data/: "tickets.csv"',
    )


def test_a_linked_folder_on_the_way_is_refused_unread(
    runner: CliRunner, make_project: ProjectFactory, outside: Path
) -> None:
    root = make_project(with_tickets_file("exports/tickets.csv"))
    (root / "data/exports").symlink_to(outside, target_is_directory=True)
    result = check(runner, root)
    assert_refused(
        result,
        f'data/datasets.yml:{TICKETS_LINE}: the data file must lie inside data/: "exports/tickets.csv"',
    )


def test_register_and_framework_files_linked_out_are_refused_unread(
    runner: CliRunner, make_project: ProjectFactory, outside: Path
) -> None:
    root = make_project(mini.files())
    (root / "data/registers").mkdir()
    (root / "data/registers/actions.yml").symlink_to(outside / "actions.yml")
    (root / "data/frameworks").mkdir()
    (root / "data/frameworks/iso.yml").symlink_to(outside / "iso.yml")
    result = check(runner, root)
    assert_refused(
        result,
        "data/registers/actions.yml: a symbolic link that leads outside data/",
        "data/frameworks/iso.yml: a symbolic link that leads outside data/",
    )
    # One problem, one message: the loaders do not repeat what the link check says.
    assert result.output.count("data/registers/actions.yml") == 1


def test_a_linked_frameworks_folder_is_not_even_listed(
    runner: CliRunner, make_project: ProjectFactory, outside: Path
) -> None:
    root = make_project(mini.files())
    (root / "data/frameworks").symlink_to(outside, target_is_directory=True)
    result = check(runner, root)
    assert_refused(result, "data/frameworks: a symbolic link that leads outside data/")
    assert "iso.yml" not in result.output
    assert result.output.count("data/frameworks") == 1


def test_a_folder_as_data_file_is_an_error(runner: CliRunner, make_project: ProjectFactory) -> None:
    root = make_project(with_tickets_file("folder.csv"))
    (root / "data/folder.csv").mkdir()
    assert_refused(check(runner, root), "data/folder.csv: not a regular file")


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail, rather than hang, a test that blocks for more than 20 seconds."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError("blocked reading a pipe")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_named_pipe_as_data_file_is_an_error_not_a_hang(
    runner: CliRunner, make_project: ProjectFactory, deadline: None
) -> None:
    root = make_project(with_tickets_file("pipe.csv"))
    os.mkfifo(root / "data/pipe.csv")
    assert_refused(check(runner, root), "data/pipe.csv: not a regular file")


# --- time stamps ----------------------------------------------------------------


def test_offsets_that_change_within_a_file_give_the_instants_they_name(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = tickets(
        "1,2026-03-28T10:00:00+01:00,chat,1,true,10,a",  # before Europe's DST change: 09:00Z
        "2,2026-03-30T10:00:00+02:00,chat,1,true,10,b",  # after it: 08:00Z
        "3,2026-01-07 12:00:00,email,5,false,6,c",  # naive, Asia/Shanghai (+08:00): 04:00Z
        "4,2026-01-08T13:00:00Z,email,2,true,7,d",  # UTC
        "5,2026-01-09 23:30:00 -05:30,email,2,true,7,e",  # 10 January, 05:00Z
    )
    root = make_project(files)
    result = check(runner, root)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    expected = [
        "2026-03-28 09:00:00", "2026-03-30 08:00:00", "2026-01-07 04:00:00",
        "2026-01-08 13:00:00", "2026-01-10 05:00:00",
    ]  # fmt: skip
    created = tickets_frame(root)["created_at"]
    assert created.tolist() == [pd.Timestamp(t, tz="UTC") for t in expected]


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("1200-01-01 10:00:00", "1200-01-01 10:00:00"),
        ("3000-06-01T00:00:00+02:00", "3000-06-01T00:00:00+02:00"),
        ("9999-12-31", "9999-12-31"),
    ],
)
def test_times_beyond_the_years_computed_with_are_located_errors(
    runner: CliRunner, make_project: ProjectFactory, stamp: str, shown: str
) -> None:
    files = tickets("1,2026-01-05 10:00:00,chat,1,true,10,a", f"2,{stamp},chat,1,true,10,b")
    assert_refused(
        check(runner, make_project(files)),
        f'data/tickets.csv:3: row 2, column created_at: "{shown}" is outside the years 1700 to 2200',
    )


def test_dates_beyond_the_years_computed_with_are_located_errors(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = with_edit(
        mini.files(), "data/customers.csv", "A,2025-06-01,", "A,2025-06-01,9999-12-31"
    )
    assert_refused(
        check(runner, make_project(files)),
        'data/customers.csv:2: row 1, column end: "9999-12-31" is outside the years 1700 to 2200',
    )


# --- bytes, lines and cells ---------------------------------------------------


def test_a_byte_not_utf8_in_a_csv_is_located_at_its_line(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    root = make_project(mini.files())
    path = root / "data/tickets.csv"
    path.write_bytes(edited(path.read_bytes(), b"c@example.com", b"c\xff@example.com"))
    assert_refused(
        check(runner, root),
        "data/tickets.csv:4: row 3: cannot read the file as utf-8: byte 0xff is not utf-8 text",
    )


def jsonl_tickets(*lines: str) -> dict[str, str]:
    """The mini project with its tickets as JSON Lines."""
    files = with_tickets_file("tickets.jsonl")
    del files["data/tickets.csv"]
    return {**files, "data/tickets.jsonl": "\n".join(lines) + "\n"}


def ticket(number: int, created: str = "2026-01-05 10:00:00", **extra: object) -> str:
    values = {
        "id": str(number), "created_at": created, "channel": "chat", "wait_h": 1,
        "resolved": True, "score": 9, **extra,
    }  # fmt: skip
    return json.dumps(values)


def test_a_byte_not_utf8_in_json_lines_is_located_at_its_line(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    root = make_project(jsonl_tickets(ticket(1), ticket(2), ticket(3, email="c@example.com")))
    path = root / "data/tickets.jsonl"
    path.write_bytes(edited(path.read_bytes(), b"c@example.com", b"c\xc3\x28@example.com"))
    assert_refused(
        check(runner, root),
        "data/tickets.jsonl:3: row 3: cannot read the file as utf-8: byte 0xc3 is not utf-8 text",
    )


def test_a_broken_json_line_is_located(runner: CliRunner, make_project: ProjectFactory) -> None:
    files = jsonl_tickets(ticket(1), ticket(2)[:-1], ticket(3))
    assert_refused(
        check(runner, make_project(files)),
        "data/tickets.jsonl:2: row 2: this line is not valid JSON (column ",
    )


def test_a_json_line_that_is_not_an_object_is_located(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = jsonl_tickets(ticket(1), "[1, 2]", ticket(3), "", '"text"')
    assert_refused(
        check(runner, make_project(files)),
        "data/tickets.jsonl:2: row 2: this line is not a JSON object",
        "data/tickets.jsonl:5: row 4: this line is not a JSON object",
    )


def test_a_json_line_nested_too_deeply_is_located(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = jsonl_tickets(ticket(1), '{"id": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert_refused(
        check(runner, make_project(files)),
        "data/tickets.jsonl:2: row 2: this line ",
    )


BIG = 2_000_000


def test_a_very_long_cell_in_a_csv_is_read(runner: CliRunner, make_project: ProjectFactory) -> None:
    comment = "x" * BIG
    files = with_edit(
        tickets(*(f"{n},2026-01-05 10:00:00,chat,1,true,10,a" for n in range(1, 2000)), ""),
        "data/tickets.csv",
        "1999,2026-01-05 10:00:00,chat,1,true,10,a",
        f"1999,2026-01-05 10:00:00,chat,1,true,10,{comment}",
    )
    root = make_project(files)
    result = check(runner, root)
    assert result.exit_code == 0, result.output[:2000]
    emails = tickets_frame(root)["email"]
    assert len(emails) == 1999
    assert emails.str.len().tolist() == [1] * 1998 + [BIG]


def test_a_very_long_cell_in_json_lines_is_read(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    lines = [ticket(n, email="a") for n in range(1, 2000)] + [ticket(2000, email="y" * BIG)]
    root = make_project(jsonl_tickets(*lines))
    result = check(runner, root)
    assert result.exit_code == 0, result.output[:2000]
    emails = tickets_frame(root)["email"]
    assert emails.str.len().tolist() == [1] * 1999 + [BIG]


def test_a_long_value_is_shortened_in_its_message(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    value = "9" * 59 + "z" * 10_000
    result = check(runner, make_project(tickets(f"1,2026-01-05 10:00:00,chat,{value},true,10,a")))
    assert_refused(
        result, f'data/tickets.csv:2: row 1, column wait_h: "{"9" * 59}…" is not a number'
    )
    assert "z" not in result.output.split("column wait_h:")[1].split("\n")[0]


# --- headers, formulas, empty files ------------------------------------------------


def test_a_declared_column_named_twice_in_the_header_is_an_error(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = with_edit(mini.files(), "data/tickets.csv", "resolved,score,email", "resolved,score,id")
    assert_refused(
        check(runner, make_project(files)),
        'data/tickets.csv:1: column "id" appears 2 times in the header',
    )


def test_an_undeclared_column_named_twice_does_no_harm(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = tickets(
        "1,2026-01-05 10:00:00,chat,1,true,10,a,x,y",
        "2,2026-01-06 11:00:00,email,3,true,9,b,x,y",
    )
    files = with_edit(files, "data/tickets.csv", HEADER, f"{HEADER},note,note")
    root = make_project(files)
    result = check(runner, root)
    assert result.exit_code == 0, result.output
    assert tickets_frame(root)["channel"].tolist() == ["chat", "email"]


def test_a_declared_column_named_twice_in_a_worksheet_is_an_error(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    from openpyxl import Workbook

    root = make_project(with_tickets_file("tickets.xlsx"))
    book = Workbook()
    book.active.append([*HEADER.split(","), "wait_h"])
    book.active.append([1, "2026-01-05 10:00:00", "chat", 2, "true", 10, "a", 3])
    book.save(root / "data/tickets.xlsx")
    assert_refused(
        check(runner, root), 'data/tickets.xlsx:1: column "wait_h" appears 2 times in the header'
    )


def test_formulas_never_calculated_are_located_errors(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    from openpyxl import Workbook

    root = make_project(with_tickets_file("tickets.xlsx"))
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append([1, "2026-01-05 10:00:00", "chat", 2, "true", 10, "a"])
    sheet.append([2, "2026-01-06 11:00:00", "chat", "=D2+1", "true", 9, "b"])
    sheet.append([3, "2026-01-07 12:00:00", "email", None, "true", "=F3-1", "c"])
    book.save(root / "data/tickets.xlsx")
    result = check(runner, root)
    assert_refused(
        result,
        'data/tickets.xlsx:3: row 2, column wait_h: the formula "=D2+1" was never calculated',
        'data/tickets.xlsx:4: row 3, column score: the formula "=F3-1" was never calculated',
    )
    assert "row 3, column wait_h" not in result.output  # an empty cell is just empty


def test_a_file_with_a_header_and_no_rows_is_a_warning_and_no_data(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = with_edit(
        tickets(),
        "data/datasets.yml",
        "      email: {type: string, pii: true}\n",
        "      email: {type: string, pii: true}\n    derive:\n      late: {expr: 'wait_h > 2'}\n",
    )
    root = make_project(files)
    result = check(runner, root)
    assert result.exit_code == 0, result.output
    assert "data/tickets.csv:1: warning: the file has a header but no rows" in result.output
    assert "Traceback" not in result.output
    shown = check(runner, root, "indicators", "--format", "json")
    assert shown.exit_code == 0, shown.output
    indicators = {i["id"]: i for i in json.loads(shown.stdout)["indicators"]}
    assert indicators["volume"]["series"] == []
    assert indicators["wait_mean"]["series"] == []
    ratio = indicators["complaints_per_1000"]["series"]
    assert ratio and all(s["value"] is None and s["denominator"] is None for s in ratio)


# --- hostile declarations and broken files -----------------------------------------


def test_an_encoding_that_is_not_text_is_a_declaration_error(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = with_edit(
        mini.files(),
        "data/datasets.yml",
        "file: tickets.csv\n",
        "file: tickets.csv\n    encoding: zlib\n",
    )
    assert_refused(
        check(runner, make_project(files)),
        f'data/datasets.yml:{TICKETS_LINE + 1}: datasets.tickets.encoding: unknown text encoding "zlib"',
    )


def test_a_delimiter_of_several_characters_is_a_declaration_error(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = with_edit(
        mini.files(),
        "data/datasets.yml",
        "file: tickets.csv\n",
        "file: tickets.csv\n    delimiter: '(a+)+$'\n",
    )
    assert_refused(
        check(runner, make_project(files)),
        f"data/datasets.yml:{TICKETS_LINE + 1}: datasets.tickets.delimiter: delimiter must be one character",
    )


def test_a_workbook_that_is_not_one_is_unreadable_not_a_traceback(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = {**with_tickets_file("tickets.xlsx"), "data/tickets.xlsx": "id,created_at\n1,2\n"}
    assert_refused(check(runner, make_project(files)), "data/tickets.xlsx: cannot read the file:")


def test_an_export_time_beyond_the_years_computed_with_is_a_declaration_error(
    runner: CliRunner, make_project: ProjectFactory
) -> None:
    files = with_edit(
        mini.files(),
        "data/datasets.yml",
        "file: tickets.csv\n",
        "file: tickets.csv\n    as_of: 3000-01-01T00:00:00Z\n",
    )
    assert_refused(
        check(runner, make_project(files)),
        f'data/datasets.yml:{TICKETS_LINE + 1}: "3000-01-01T00:00:00+00:00" is outside the years 1700 to 2200',
    )


def test_a_plan_linked_out_is_refused_unread(
    runner: CliRunner, make_project: ProjectFactory, outside: Path
) -> None:
    root = make_project(mini.files())
    plan = root / "data/quality-plan.yml"
    (outside / "plan.yml").write_text(f"objectives: [{SECRET}\n", encoding="utf-8")
    plan.unlink()
    plan.symlink_to(outside / "plan.yml")
    result = check(runner, root)
    assert_refused(result, "data/quality-plan.yml: a symbolic link that leads outside data/")
    assert result.output.count("data/quality-plan.yml") == 1
