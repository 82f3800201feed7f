"""Safe YAML loading: lines remembered, duplicates and code-running tags refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqms.diagnostics import Report
from sqms.io.yamlsource import line_of, load_yaml, parse_yaml


def messages(report: Report) -> list[str]:
    return [d.format() for d in report]


def test_lines_of_nested_keys_and_items() -> None:
    report = Report()
    data = parse_yaml("a: 1\nb:\n  c: [1, 2]\n  d:\n    - x: 1\n    - y: 2\n", "f.yml", report)
    assert data == {"a": 1, "b": {"c": [1, 2], "d": [{"x": 1}, {"y": 2}]}}
    assert line_of(data, ("b", "d", 1, "y")) == 6
    # A missing key points at the mapping that should hold it.
    assert line_of(data, ("b", "missing")) == 2


def test_duplicate_keys_are_errors() -> None:
    report = Report()
    parse_yaml("a: 1\nb: 2\na: 3\n", "f.yml", report)
    assert messages(report) == ['f.yml:3: duplicate key "a" (first defined on line 1)']


def test_python_tags_cannot_run_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    report = Report()
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    assert parse_yaml(text, "f.yml", report) is None
    assert not marker.exists()
    [message] = messages(report)
    assert message.startswith("f.yml:1: unsupported YAML tag")


def test_syntax_error_is_located() -> None:
    report = Report()
    parse_yaml("a: [1,\nb: 2\n", "f.yml", report)
    [message] = messages(report)
    assert message.startswith("f.yml:") and "invalid YAML" in message


def test_missing_empty_and_non_utf8_files(tmp_path: Path) -> None:
    report = Report()
    assert load_yaml(tmp_path / "none.yml", "none.yml", report) is None
    (tmp_path / "empty.yml").write_text("# only a comment\n", encoding="utf-8")
    assert load_yaml(tmp_path / "empty.yml", "empty.yml", report) is None
    (tmp_path / "latin.yml").write_bytes("a: 1\nname: caf\xe9\n".encode("latin-1"))
    assert load_yaml(tmp_path / "latin.yml", "latin.yml", report) is None
    assert messages(report) == [
        "empty.yml:1: the file is empty",
        "latin.yml:2: not UTF-8 text (byte 14): save the file as UTF-8",
        "none.yml: file not found",
    ]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "bom.yml").write_bytes("\ufeffa: 1\n".encode())
    report = Report()
    assert load_yaml(tmp_path / "bom.yml", "bom.yml", report) == {"a": 1}
    assert not report.diagnostics


def test_impossible_dates_are_located_errors() -> None:
    report = Report()
    assert parse_yaml("a: 1\nreview: 2026-02-30\n", "f.yml", report) is None
    assert messages(report) == [
        'f.yml:2: no such date or time: "2026-02-30" (day is out of range for month)'
    ]
    assert parse_yaml("due: 2026-02-28\n", "f.yml", Report()) == {"due": dt.date(2026, 2, 28)}
