"""Diagnostics carry stable codes and their values; they are rendered in the reader's language at the edge."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from sqms.diagnostics import CODES, UNCODED, Diagnostic, Report
from sqms.diagnostics.codes import AREAS, TABLE
from sqms.diagnostics.reference import PAGE, page_markdown
from sqms.i18n import t, use_language
from sqms.i18n.catalogs import known_ids
from sqms.project import load_project
from tests import mini
from tests.conftest import ProjectFactory
from tests.support.edits import with_edit

ROOT = Path(__file__).resolve().parent.parent


def broken(files: dict[str, str], name: str, old: str, new: str) -> dict[str, str]:
    """``files`` with ``old`` replaced by ``new`` once in ``name`` (which must hold it)."""
    assert files[name].count(old) >= 1, f"{old!r} not in {name}"
    return {**files, name: files[name].replace(old, new, 1)}


def test_codes_are_unique_well_formed_and_in_their_area() -> None:
    numbers = [code.number for code in TABLE.values()]
    assert len(numbers) == len(set(numbers))
    for key, code in TABLE.items():
        assert re.fullmatch(r"SQ[1-8]\d\d", code.number), code
        assert code.number[:3] in AREAS
        assert code.fix == f"fix.{code.number}"
        assert key in known_ids() and code.fix in known_ids()
    assert {key: code.number for key, code in TABLE.items()} == CODES


def test_the_reference_page_is_current() -> None:
    page = (ROOT / PAGE).read_text(encoding="utf-8")
    assert page == page_markdown(), "run: python -m sqms.diagnostics.reference"
    for code in TABLE.values():
        assert f"\n### {code.number}\n" in page


def test_a_diagnostic_has_its_code_and_values_and_renders_late() -> None:
    with use_language("en"):
        message = t(
            "schema.unknown_key", key="indicatorz", hint=t("schema.did_you_mean", name="indicators")
        )
    found = Diagnostic("data/quality-plan.yml", 4, message)
    assert found.code == TABLE["schema.unknown_key"].number
    assert found.params["key"] == "indicatorz"
    assert "indicators" in str(found.params["hint"])
    english = found.format("en")
    chinese = found.format("zh")
    assert english.startswith("data/quality-plan.yml:4: ") and "indicatorz" in english
    assert chinese.startswith("data/quality-plan.yml:4: ") and chinese != english
    with use_language("zh"):  # the nested hint is rendered in Chinese too
        assert t("schema.did_you_mean", name="indicators") in found.text()


def test_a_wrapped_message_takes_the_code_of_what_it_wraps() -> None:
    inner = t("doc.bad_version", version="x")
    wrapped = t("schema.at_key", key="version", message=inner)
    assert Diagnostic("manual/a.md", 2, wrapped).code == TABLE["doc.bad_version"].number


def test_plain_text_has_no_code() -> None:
    assert Diagnostic("a", 1, "plain words").code == UNCODED
    assert Diagnostic("a", 1, "plain words").params == {}


def test_check_json_lists_codes_values_and_locations(
    make_project: ProjectFactory,
) -> None:
    files = broken(mini.files(), "data/tickets.csv", "2026-01-06 11:00:00", "yesterday")
    files = broken(files, "data/quality-plan.yml", "dataset: tickets", "dataset: tikets")
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--project", str(make_project(files))]
    )
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False and document["errors"] == 2 and document["format"] == 1
    by_file = {d["file"]: d for d in document["diagnostics"]}
    value = by_file["data/tickets.csv"]
    assert value["code"] == TABLE["data.not_datetime"].number
    assert (value["line"], value["row"], value["column"]) == (3, 2, "created_at")
    assert value["params"]["value"] == "yesterday"
    plan = by_file["data/quality-plan.yml"]
    assert plan["code"] == TABLE["plan.unknown_dataset"].number
    assert plan["params"]["name"] == "tikets"
    assert "Traceback" not in result.output


def test_check_json_in_chinese_keeps_codes(make_project: ProjectFactory) -> None:
    files = broken(mini.files(), "data/tickets.csv", "2026-01-06 11:00:00", "yesterday")
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--lang", "zh", "--project", str(make_project(files))]
    )
    document = json.loads(result.stdout)
    (found,) = document["diagnostics"]
    assert found["code"] == TABLE["data.not_datetime"].number
    assert "不是有效的日期时间" in found["message"]


def test_check_json_of_a_valid_project(make_project: ProjectFactory) -> None:
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--project", str(make_project(mini.files()))]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["ok"] is True and document["diagnostics"] == []


@pytest.mark.parametrize("language", ["en", "zh"])
def test_explain_prints_the_entry(language: str) -> None:
    code = TABLE["plan.unknown_dataset"].number
    result = CliRunner().invoke(main, ["explain", code.lower(), "--lang", language])
    assert result.exit_code == 0, result.output
    with use_language(language):
        assert t(TABLE["plan.unknown_dataset"].fix) in result.stdout
    assert result.stdout.startswith(code)


def test_explain_refuses_an_unknown_code() -> None:
    result = CliRunner().invoke(main, ["explain", "SQ999"])
    assert result.exit_code == 2
    assert "SQ999" in result.stderr and "Traceback" not in result.output


def test_a_report_keeps_codes_through_sorting() -> None:
    report = Report()
    report.error("b.yml", 2, t("yaml.empty"))
    report.error("a.yml", 1, t("yaml.not_found"))
    assert [d.code for d in report.errors] == [
        TABLE["yaml.not_found"].number,
        TABLE["yaml.empty"].number,
    ]


EXPRESSION_CODES = [
    ("wait_h <= ", "expr.syntax"),
    (" ", "expr.empty"),
    ("wait_h > 1 and " * 200 + "wait_h > 1", "expr.too_long"),
    ("wait_h > 1 # note", "expr.comment"),
    ("channel in channel", "expr.in_needs_list"),
    ("channel in ['chat', 1]", "expr.list_mixed"),
    ("lower(channel, channel) == 'x'", "expr.arity"),
    ("coalesce() == 1", "expr.arity_min"),
    ("wait_h == null", "expr.null_usage"),
    ("wait_h is 3", "expr.is_non_null"),
    ("wait_h > 1e999", "expr.number_range"),
    ("['chat'] == channel", "expr.list_position"),
    ("channel in [lower(channel)]", "expr.list_items"),
    ("wait_h.__class__ == 1", "expr.not_allowed"),
    ("wait_h + 1", "expr.not_condition"),
]


@pytest.mark.parametrize(("source", "key"), EXPRESSION_CODES, ids=[k for _, k in EXPRESSION_CODES])
def test_a_refused_expression_is_reported_with_its_code_at_its_line(
    make_project: ProjectFactory, source: str, key: str
) -> None:
    quoted = "'" + source.replace("'", "''") + "'"
    files = with_edit(
        mini.files(), "data/quality-plan.yml", "where: wait_h <= 3", f"where: {quoted}"
    )
    found = load_project(make_project(files)).report.errors
    assert [(d.file, d.line, d.code) for d in found] == [
        ("data/quality-plan.yml", 20, TABLE[key].number)
    ]
