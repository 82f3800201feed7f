"""Loading datasets: every format, renames, types, rules, and located errors for bad input."""

from __future__ import annotations

import pandas as pd
import pytest

from sqms.diagnostics import Report
from sqms.engine.coercion import Where, blank_as_missing, coerce_column
from sqms.engine.datasets import load_catalog
from sqms.project import load_project
from sqms.schema.datasets import ColumnSpec
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory

HEADER = "id,created_at,channel,wait_h,resolved,score,email\n"


def errors(files: dict[str, str], make_project: ProjectFactory) -> list[str]:
    project = load_project(make_project(files))
    return [d.format() for d in project.report.errors]


def with_tickets(rows: str) -> dict[str, str]:
    files = mini.files()
    files["data/tickets.csv"] = HEADER + rows
    return files


def test_mini_project_loads_typed(make_project: ProjectFactory) -> None:
    project = load_project(make_project(mini.files()))
    assert project.ok
    assert project.catalog is not None
    frame = project.catalog.datasets["tickets"].frame
    assert isinstance(frame["created_at"].dtype, pd.DatetimeTZDtype)
    assert str(frame["created_at"].dt.tz) == "UTC"
    # 10:00 in Shanghai is 02:00 UTC.
    assert frame["created_at"].iloc[0] == pd.Timestamp("2026-01-05 02:00", tz="UTC")
    assert frame["resolved"].dtype == "boolean"
    assert frame["score"].dtype == "Int64"
    assert frame["channel"].dtype == "category"
    assert project.catalog.datasets["tickets"].pii_columns == {"email"}


def test_bad_values_are_reported_with_row_line_and_column(make_project: ProjectFactory) -> None:
    rows = (
        "1,31/02/2026,chat,1,true,10,a@x\n"
        "2,2026-01-06 11:00:00,fax,3,maybe,11,b@x\n"
        "2,2026-01-07 12:00:00,email,soon,false,6.5,c@x\n"
    )
    assert errors(with_tickets(rows), make_project) == [
        'data/tickets.csv:2: row 1, column created_at: "31/02/2026" is not a date and time',
        'data/tickets.csv:3: row 2, column channel: "fax" is not one of the declared values: '
        "chat, email",
        'data/tickets.csv:3: row 2, column resolved: "maybe" is not true or false',
        "data/tickets.csv:3: row 2, column score: 11 is above the maximum",
        'data/tickets.csv:4: row 3, column id: "2" appears more than once (must be unique)',
        'data/tickets.csv:4: row 3, column score: "6.5" is not a whole number',
        'data/tickets.csv:4: row 3, column wait_h: "soon" is not a number',
    ]


def test_a_date_that_is_not_one_is_reported(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/customers.csv"] = (
        "customer,start,end\nA,2025-06-01,\nB,31.01.2026,\nC,2026-02-30,2026-03-01\n"
    )
    assert errors(files, make_project) == [
        'data/customers.csv:3: row 2, column start: "31.01.2026" is not a date',
        'data/customers.csv:4: row 3, column start: "2026-02-30" is not a date',
    ]


def test_required_values_and_many_bad_rows_are_summarised(make_project: ProjectFactory) -> None:
    rows = "".join(f"{i},,chat,1,true,1,x\n" for i in range(1, 9))
    found = errors(with_tickets(rows), make_project)
    assert found == [
        *(
            f"data/tickets.csv:{i + 1}: row {i}, column created_at: a value is required"
            for i in range(1, 6)
        ),
        "data/tickets.csv:7: row 6, column created_at: ... and 3 more rows with this problem",
    ]


def test_missing_column_and_missing_file(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/tickets.csv"] = "id,created_at\n1,2026-01-01 10:00:00\n"
    del files["data/complaints.csv"]
    found = errors(files, make_project)
    assert "data/complaints.csv: data file not found" in found
    assert "data/tickets.csv:1: declared column channel is not in the file" in found


def test_declaration_errors_are_located_in_datasets_yml(make_project: ProjectFactory) -> None:
    files = mini.files()
    datasets = edited(files["data/datasets.yml"], "wait_h: number", "wait_h: numbr")
    files["data/datasets.yml"] = edited(datasets, "    time: received_at", "    time: recieved_at")
    found = errors(files, make_project)
    assert found[0].startswith(
        'data/datasets.yml:11: datasets.tickets.columns.wait_h: "numbr" is not one of'
    )
    assert 'data/datasets.yml:17: column "recieved_at" is not declared' in found


def test_unknown_key_suggests_the_closest(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/datasets.yml"] = edited(
        files["data/datasets.yml"], "    key: id\n", "    kee: id\n"
    )
    assert (
        errors(files, make_project)[0]
        == 'data/datasets.yml:5: unknown key "kee" (did you mean "key"?)'
    )


def test_one_broken_declaration_does_not_hide_other_data_errors(
    make_project: ProjectFactory,
) -> None:
    files = with_tickets("1,2026-01-05 10:00:00,chat,x,true,1,a\n")
    files["data/datasets.yml"] = edited(
        files["data/datasets.yml"], "      end: date", "      end: dat"
    )
    found = errors(files, make_project)
    assert any("customers.columns.end:" in f for f in found)
    assert any('column wait_h: "x" is not a number' in f for f in found)


def test_rename_maps_an_export_as_it_comes(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/customers.csv"] = "Customer ID,Since,Until\nA,2025-06-01,\n"
    files["data/datasets.yml"] = edited(
        files["data/datasets.yml"],
        "    key: customer\n",
        '    key: customer\n    rename: {"Customer ID": customer, Since: start, Until: end}\n',
    )
    project = load_project(make_project(files))
    assert project.ok, [d.format() for d in project.report]
    assert project.catalog is not None
    assert list(project.catalog.datasets["customers"].frame.columns) == ["customer", "start", "end"]


@pytest.mark.parametrize("fmt", ["parquet", "xlsx", "jsonl"])
def test_every_file_format(fmt: str, make_project: ProjectFactory) -> None:
    root = make_project(mini.files())
    csv = pd.read_csv(root / "data/customers.csv", dtype=str, keep_default_na=False)
    target = root / f"data/customers.{fmt}"
    if fmt == "parquet":
        csv.to_parquet(target)
    elif fmt == "xlsx":
        csv.to_excel(target, index=False)
    else:
        csv.to_json(target, orient="records", lines=True)
    (root / "data/customers.csv").unlink()
    text = (root / "data/datasets.yml").read_text(encoding="utf-8")
    (root / "data/datasets.yml").write_text(
        edited(text, "customers.csv", f"customers.{fmt}"), encoding="utf-8"
    )
    project = load_project(root)
    assert project.ok, [d.format() for d in project.report]
    assert project.catalog is not None
    frame = project.catalog.datasets["customers"].frame
    assert len(frame) == 5
    assert frame["start"].iloc[1] == pd.Timestamp("2025-12-15")


def test_csv_in_another_encoding(make_project: ProjectFactory) -> None:
    root = make_project(mini.files())
    (root / "data/customers.csv").write_bytes(
        "customer,start,end\n客户甲,2025-06-01,\n".encode("gb18030")
    )
    assert any(
        "cannot read the file as utf-8" in e
        for e in [d.format() for d in load_project(root).report]
    )
    text = (root / "data/datasets.yml").read_text(encoding="utf-8")
    text = edited(
        text, "    file: customers.csv\n", "    file: customers.csv\n    encoding: gb18030\n"
    )
    (root / "data/datasets.yml").write_text(text, encoding="utf-8")
    project = load_project(root)
    assert project.ok
    assert project.catalog is not None
    assert project.catalog.datasets["customers"].frame["customer"].iloc[0] == "客户甲"


def test_derived_columns(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/datasets.yml"] = edited(
        files["data/datasets.yml"],
        "      email: {type: string, pii: true}\n",
        "      email: {type: string, pii: true}\n"
        "    derive:\n"
        "      target_h: {map: channel, values: {chat: 1, email: 4}, default: 8}\n"
        "      late: {expr: 'wait_h > target_h'}\n",
    )
    project = load_project(make_project(files))
    assert project.ok, [d.format() for d in project.report]
    assert project.catalog is not None
    frame = project.catalog.datasets["tickets"].frame
    assert frame["target_h"].tolist() == [1, 1, 4, 4, 4, 1, 1]
    assert frame["late"].fillna(False).tolist() == [False, True, True, False, False, True, True]


def test_derived_column_errors(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/datasets.yml"] = edited(
        files["data/datasets.yml"],
        "      email: {type: string, pii: true}\n",
        "      email: {type: string, pii: true}\n"
        "    derive:\n"
        "      a: {business_hours: [created_at, closed_at], calendar: office}\n"
        "      b: {hours: [created_at, channel]}\n"
        "      c: {expr: 'wait_h.__class__'}\n",
    )
    found = errors(files, make_project)
    assert 'data/datasets.yml:16: column "closed_at" is not declared' in found
    assert any(f.startswith('data/datasets.yml:16: unknown calendar "office"') for f in found)
    assert 'data/datasets.yml:17: column "channel" must be a datetime or date' in found
    assert any(f.startswith("data/datasets.yml:18: ") and "attribute" in f for f in found)


def test_derived_column_of_two_kinds(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/datasets.yml"] = edited(
        files["data/datasets.yml"],
        "      email: {type: string, pii: true}\n",
        "      email: {type: string, pii: true}\n"
        "    derive:\n"
        "      d: {hours: [created_at, created_at], expr: 'wait_h'}\n",
    )
    assert errors(files, make_project) == [
        "data/datasets.yml:16: datasets.tickets.derive.d: "
        "a derived column needs exactly one of hours, business_hours, map or expr"
    ]


def test_empty_and_missing_datasets_file(make_project: ProjectFactory) -> None:
    root = make_project({"data/datasets.yml": "\n"})
    report = Report()
    assert load_catalog(root / "data", "data", report) is None
    assert [d.format() for d in report] == ["data/datasets.yml:1: the file is empty"]


def test_empty_data_file_is_reported(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/complaints.csv"] = ""
    assert errors(files, make_project) == [
        "data/complaints.csv: cannot read the file: No columns to parse from file"
    ]


def test_ragged_csv_is_reported_at_its_line(make_project: ProjectFactory) -> None:
    files = with_tickets(
        "1,2026-01-05 10:00:00,chat,1,true,10,a\n2,2026-01-06 11:00:00,chat,1,true,10,b,extra,fields\n"
    )
    [found] = errors(files, make_project)
    assert found.startswith("data/tickets.csv:3: cannot read the file:")


# --- the words of a boolean column ----------------------------------------------------

# Written out here, not read from the code: removing or changing a word there fails a test.
TRUE_WORDS = ("true", "yes", "y", "1", "t")
FALSE_WORDS = ("false", "no", "n", "0", "f")
SPELLINGS = list(
    dict.fromkeys(
        (case(word), word in TRUE_WORDS)
        for word in (*TRUE_WORDS, *FALSE_WORDS)
        for case in (str.lower, str.upper)
    )
)
"""Every word a boolean column accepts, in lower and upper case (once for ``1`` and
``0``, which have no case), with what it reads as."""
NEAR_MISSES = ("yess", "ye", "tru", "truth", "fals", "nope", "on", "off", "2", "-1", "1.0", "t f")
"""Words close to an accepted one, refused: a boolean column reads nothing else as true or false."""


def read_booleans(*values: str) -> tuple[list[object], list[str]]:
    """``values`` read as a boolean column: what they become and the errors reported."""
    report, where = Report(), Where("data/t.csv", 1)
    text = blank_as_missing(pd.Series(values, dtype="object"))
    converted = coerce_column(text, ColumnSpec(type="boolean"), "UTC", where, report, "flag")
    return converted.tolist(), [d.format() for d in report.errors]


@pytest.mark.parametrize(("word", "value"), SPELLINGS, ids=[w for w, _ in SPELLINGS])
def test_each_boolean_word_is_read_in_either_case(word: str, value: bool) -> None:
    assert read_booleans(word) == ([value], [])
    assert read_booleans(word.capitalize(), f"  {word} ") == ([value, value], [])


@pytest.mark.parametrize("word", NEAR_MISSES)
def test_a_word_close_to_a_boolean_is_refused(word: str) -> None:
    values, problems = read_booleans(word)
    assert values == [pd.NA]
    assert problems == [f'data/t.csv:2: row 1, column flag: "{word}" is not true or false']


def test_every_boolean_word_is_read_from_a_csv_file(make_project: ProjectFactory) -> None:
    words = [word for word, _ in SPELLINGS]
    rows = "".join(
        f"{n},2026-01-05 10:00:00,chat,1,{word},9,x{n}@example.com\n"
        for n, word in enumerate(words, start=1)
    )
    project = load_project(make_project(with_tickets(rows)))
    assert project.ok, [d.format() for d in project.report]
    assert project.catalog is not None
    frame = project.catalog.datasets["tickets"].frame
    assert frame["resolved"].tolist() == [value for _, value in SPELLINGS]
