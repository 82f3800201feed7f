"""Hostile YAML and front matter: refused quickly, at their line, with bounded messages.

A pull request's YAML files and Markdown front matter are untrusted and built
in CI. Alias "bombs", recursive aliases, deep nesting, oversize files and
values that would overflow date arithmetic must each end as a located error,
exit code 1 and no traceback, within seconds.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sqms.cli.annotations import annotation_message
from sqms.cli.main import main
from sqms.diagnostics import Diagnostic, shorten
from sqms.io.yamlsource import MB
from tests import mini
from tests.support.edits import edited
from tests.support.projects import ProjectFactory

QUICK = 5.0
"""Seconds a refusal may take: generous, for a slow shared machine (it takes milliseconds)."""


def laughs(indent: str = "") -> str:
    """Nine levels of nine aliases each: a billion values in under a kilobyte."""
    lines = [f"{indent}lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for level in range(1, 9):
        aliases = ", ".join([f"*l{level - 1}"] * 9)
        lines.append(f"{indent}lol{level}: &l{level} [{aliases}]")
    return "\n".join(lines) + "\n"


def controlled_page(extra: str = "", **values: str) -> str:
    """A controlled procedure page; ``values`` replace its front matter's values."""
    fields = {
        "id": "QP-01",
        "title": "Handling requests",
        "type": "procedure",
        "version": '"1.0"',
        "status": "approved",
        "owner": "Service Manager",
        "approved_by": "Quality Director",
        "approved_on": "2025-03-02",
        "review_every": "12 months",
        **values,
    }
    front = "".join(f"{key}: {value}\n" for key, value in fields.items())
    return f"---\n{front}{extra}---\n\n# Handling requests\n\nSteps.\n"


def check(root: Path) -> tuple[Result, float]:
    """Run ``sqms check`` on ``root``; the result and the seconds it took."""
    start = time.monotonic()
    result = CliRunner().invoke(main, ["check", "--project", str(root)])
    return result, time.monotonic() - start


def line_starting(root: Path, name: str, start: str) -> int:
    """The 1-based line of file ``name`` that starts with ``start`` (as written)."""
    lines = (root / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if line.startswith(start))


def assert_refused(result: Result, located: str) -> list[str]:
    """Exit 1, no traceback, and an error line starting with ``located``; the error lines."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    # The runner catches what would have been a traceback: it must be a plain exit.
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert any(line.startswith(located) for line in lines), result.stderr
    return lines


def with_manual(**pages: str) -> dict[str, str]:
    """The mini project with a manual of the given pages."""
    return {**mini.files(), **{f"manual/{name}": text for name, text in pages.items()}}


BOMB = "YAML aliases expand to more than 10,000 nodes"


def test_alias_bomb_in_datasets_yml(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/datasets.yml"] = mini.DATASETS + laughs()
    root = make_project(files)
    result, seconds = check(root)
    line = line_starting(root, "data/datasets.yml", "lol4:")
    assert_refused(result, f"data/datasets.yml:{line}: {BOMB}")
    assert seconds < QUICK


def test_alias_bomb_in_quality_plan(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/quality-plan.yml"] = mini.PLAN + laughs()
    root = make_project(files)
    result, seconds = check(root)
    line = line_starting(root, "data/quality-plan.yml", "lol4:")
    assert_refused(result, f"data/quality-plan.yml:{line}: {BOMB}")
    assert seconds < QUICK


def test_alias_bomb_in_a_register(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/registers/actions.yml"] = "actions: []\n" + laughs()
    root = make_project(files)
    result, seconds = check(root)
    line = line_starting(root, "data/registers/actions.yml", "lol4:")
    assert_refused(result, f"data/registers/actions.yml:{line}: {BOMB}")
    assert seconds < QUICK


def test_alias_bomb_in_a_controlled_page(make_project: ProjectFactory) -> None:
    root = make_project(with_manual(**{"procedures/qp-01.md": controlled_page(laughs())}))
    result, seconds = check(root)
    line = line_starting(root, "manual/procedures/qp-01.md", "lol4:")
    assert_refused(result, f"manual/procedures/qp-01.md:{line}: {BOMB}")
    assert seconds < QUICK


def test_alias_bomb_in_an_uncontrolled_page(make_project: ProjectFactory) -> None:
    # index.md is not a controlled document, yet MkDocs would build its front matter.
    page = "---\ntitle: Home\n" + laughs() + "---\n\n# Home\n"
    root = make_project(with_manual(**{"index.md": page}))
    result, seconds = check(root)
    line = line_starting(root, "manual/index.md", "lol4:")
    assert_refused(result, f"manual/index.md:{line}: {BOMB}")
    assert seconds < QUICK


def test_alias_bomb_in_front_matter_as_mkdocs_finds_it(make_project: ProjectFactory) -> None:
    # MkDocs reads pages with universal newlines and also closes front matter with "...".
    page = ("---\ntitle: Formats\n" + laughs() + "...\n\n# Formats\n").replace("\n", "\r\n")
    root = make_project(with_manual(**{"reference/formats.md": "# Formats\n"}))
    (root / "manual/reference/formats.md").write_bytes(page.encode("utf-8"))
    result, seconds = check(root)
    line = next(i for i, text in enumerate(page.split("\r\n"), 1) if text.startswith("lol4:"))
    assert_refused(result, f"manual/reference/formats.md:{line}: {BOMB}")
    assert seconds < QUICK


def test_uncontrolled_front_matter_gets_no_schema(make_project: ProjectFactory) -> None:
    # Only what it costs is checked: keys SQMS does not know, or small aliases, are fine.
    page = "---\ntitle: &t Home\nhide: [navigation]\nsearch: {boost: 2}\nalso: *t\n---\n# Home\n"
    root = make_project(with_manual(**{"index.md": page}))
    result, _ = check(root)
    assert result.exit_code == 0, result.output


def test_small_aliases_stay_allowed(make_project: ProjectFactory) -> None:
    files = mini.files()
    text = files["data/datasets.yml"]
    first = "      channel: {type: category, values: [chat, email]}\n"
    second = "      received_at: datetime\n      channel: {type: category, values: [chat, email]}\n"
    text = edited(text, second, "      received_at: datetime\n      channel: *channel\n")
    text = edited(text, first, "      channel: &channel {type: category, values: [chat, email]}\n")
    files["data/datasets.yml"] = text
    result, _ = check(make_project(files))
    assert result.exit_code == 0, result.output


def test_recursive_alias_is_an_error_not_a_hang(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/quality-plan.yml"] = mini.PLAN + "loop: &loop\n  - 1\n  - *loop\n"
    root = make_project(files)
    result, seconds = check(root)
    line = line_starting(root, "data/quality-plan.yml", "  - *loop")
    message = "alias *loop refers to a node that contains it (a recursive structure)"
    assert_refused(result, f"data/quality-plan.yml:{line}: {message}")
    assert seconds < QUICK


def test_recursive_merge_key_in_front_matter(make_project: ProjectFactory) -> None:
    page = controlled_page("self: &self\n  <<: *self\n")
    root = make_project(with_manual(**{"procedures/qp-01.md": page}))
    result, seconds = check(root)
    line = line_starting(root, "manual/procedures/qp-01.md", "  <<: *self")
    assert_refused(result, f"manual/procedures/qp-01.md:{line}: alias *self refers to a node")
    assert seconds < QUICK


def test_deep_nesting_is_refused(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/datasets.yml"] = mini.DATASETS + "deep: " + "[" * 5000 + "]" * 5000 + "\n"
    root = make_project(files)
    result, seconds = check(root)
    line = line_starting(root, "data/datasets.yml", "deep:")
    message = "mappings and lists nested more than 100 levels deep"
    assert_refused(result, f"data/datasets.yml:{line}: {message}")
    assert seconds < QUICK


def test_oversize_yaml_file_is_refused_unread(make_project: ProjectFactory) -> None:
    root = make_project(mini.files())
    (root / "data/registers").mkdir()
    padding = b"# " + b"x" * (10 * MB) + b"\n"
    (root / "data/registers/actions.yml").write_bytes(b"actions: []\n" + padding)
    result, seconds = check(root)
    message = "the file is larger than 10 MB, the most a YAML file may be"
    assert_refused(result, f"data/registers/actions.yml:1: {message}")
    assert seconds < QUICK


def test_oversize_front_matter_is_refused(make_project: ProjectFactory) -> None:
    page = controlled_page(f"description: {'x' * MB}\n")
    root = make_project(with_manual(**{"procedures/qp-01.md": page}))
    result, seconds = check(root)
    message = "the front matter is larger than 1 MB, the most it may be"
    assert_refused(result, f"manual/procedures/qp-01.md:1: {message}")
    assert seconds < QUICK


def test_yaml_file_that_is_not_a_file(make_project: ProjectFactory) -> None:
    files = mini.files()
    del files["data/datasets.yml"]
    root = make_project(files)
    (root / "data/datasets.yml").mkdir()
    result, _ = check(root)
    assert_refused(result, "data/datasets.yml: not a regular file")


def test_megabyte_value_is_shortened_in_messages(make_project: ProjectFactory) -> None:
    files = mini.files()
    plan = files["data/quality-plan.yml"]
    huge, key = "x" * MB, "k" * 1000  # YAML keys written bare stop at 1024 characters
    files["data/quality-plan.yml"] = edited(
        plan, "    measure: count\n", f"    measure: {huge}\n    {key}: 1\n"
    )
    root = make_project(files)
    result, seconds = check(root)
    line = line_starting(root, "data/quality-plan.yml", "    measure: xxx")
    lines = assert_refused(result, f'data/quality-plan.yml:{line}: indicators.volume.measure: "xxx')
    assert all(len(text) < 1100 for text in lines)
    assert "x" * 100 not in result.output and "k" * 100 not in result.output
    assert (
        f'data/quality-plan.yml:{line}: indicators.volume.measure: "{"x" * 59}…"' in result.stderr
    )
    assert f'data/quality-plan.yml:{line + 1}: unknown key "{"k" * 59}…"' in result.stderr
    assert seconds < QUICK * 2


def test_overflowing_review_interval(make_project: ProjectFactory) -> None:
    page = controlled_page(review_every="100000 years")
    root = make_project(with_manual(**{"procedures/qp-01.md": page}))
    result, _ = check(root)
    line = line_starting(root, "manual/procedures/qp-01.md", "review_every:")
    message = 'review_every: "100000 years" is longer than 10 years'
    assert_refused(result, f"manual/procedures/qp-01.md:{line}: {message}")


@pytest.mark.parametrize(
    ("key", "value"), [("approved_on", "1800-01-01"), ("approved_on", "9999-12-31")]
)
def test_review_dates_outside_plausible_years(
    make_project: ProjectFactory, key: str, value: str
) -> None:
    page = controlled_page(**{key: value})
    root = make_project(with_manual(**{"procedures/qp-01.md": page}))
    result, _ = check(root)
    line = line_starting(root, "manual/procedures/qp-01.md", f"{key}:")
    message = f"{key}: {value} is outside the years 1900 to 2200"
    assert_refused(result, f"manual/procedures/qp-01.md:{line}: {message}")


def test_too_many_related_documents(make_project: ProjectFactory) -> None:
    related = ", ".join(f"QP-{n}" for n in range(1000))
    page = controlled_page(related=f"[{related}]")
    root = make_project(with_manual(**{"procedures/qp-01.md": page}))
    result, seconds = check(root)
    line = line_starting(root, "manual/procedures/qp-01.md", "related:")
    message = "related: at most 200 entries are allowed, found 1,000"
    assert_refused(result, f"manual/procedures/qp-01.md:{line}: {message}")
    assert seconds < QUICK


def test_overlong_number_is_refused(make_project: ProjectFactory) -> None:
    # Sexagesimal integers (1:00:00…) cost quadratic time to convert; long ones fail.
    files = mini.files()
    plan = files["data/quality-plan.yml"]
    files["data/quality-plan.yml"] = edited(
        plan, "  min_n: 3\n", "  min_n: 1" + ":00" * 50000 + "\n"
    )
    root = make_project(files)
    result, seconds = check(root)
    line = line_starting(root, "data/quality-plan.yml", "  min_n:")
    message = "a number of 150,001 characters: at most 100 are allowed"
    assert_refused(result, f"data/quality-plan.yml:{line}: {message}")
    assert seconds < QUICK


def test_holidays_adding_up_beyond_a_century(make_project: ProjectFactory) -> None:
    files = mini.files()
    text = files["data/datasets.yml"]
    assert "datasets:\n" in text
    holidays = "".join(f"        - {year}-01-01..{year}-12-31\n" for year in range(1900, 2001))
    calendar = (
        "calendars:\n  desk:\n    timezone: Asia/Shanghai\n"
        '    hours: {mon-fri: "09:00-18:00"}\n    holidays:\n' + holidays
    )
    files["data/datasets.yml"] = edited(text, "datasets:\n", calendar + "datasets:\n")
    root = make_project(files)
    result, seconds = check(root)
    line = line_starting(root, "data/datasets.yml", "        - 2000-01-01..")
    message = "the holidays add up to more than 36,600 days"
    assert_refused(result, f"data/datasets.yml:{line}: {message}")
    assert seconds < QUICK


def test_shorten_keeps_messages_short_and_on_one_line() -> None:
    assert shorten("a short value") == "a short value"
    assert shorten("line one\nline two\r\nthree") == "line one line two three"
    cut = shorten("y" * MB)
    assert cut == "y" * 59 + "…" and len(cut) == 60
    assert shorten(list(range(10**6)), 20).startswith("[0, 1, 2, 3, ")
    assert len(shorten(list(range(10**6)), 20)) <= 20
    assert shorten(dt.date(2026, 3, 1)) == "2026-03-01"
    assert shorten(10**5000) == "<16,610-bit integer>"
    assert shorten("\x1b[31mred", 10) == " [31mred"


def test_a_diagnostic_is_one_bounded_line() -> None:
    text = Diagnostic("data/x.yml", 3, "start " + "z" * 5000 + "\nforged.yml:1: end").format()
    assert len(text) <= 1000
    assert text.startswith("data/x.yml:3: start zzz")
    assert text.endswith("forged.yml:1: end")
    assert "…" in text and "\n" not in text


def test_an_annotation_is_one_bounded_line() -> None:
    long = Diagnostic("data/x.yml", 3, "start " + "z" * 5000 + "\nend", row=2, column="c")
    text = annotation_message(long)
    assert len(text) <= 1000
    assert text.startswith("row 2, column c: start zzz") and text.endswith("\nend")


def test_an_alias_bomb_in_mkdocs_yml_is_not_expanded(make_project: ProjectFactory) -> None:
    files = mini.files()
    levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for depth in range(1, 10):
        name, previous = chr(97 + depth), chr(96 + depth)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    files["mkdocs.yml"] = "\n".join(levels) + "\nnested: " + "[" * 3000 + "]" * 3000 + "\n"
    root = make_project(files)
    result, seconds = check(root)
    assert seconds < QUICK
    assert "Traceback" not in result.output
    assert result.exit_code == 0, result.output  # the settings fall back to their defaults
