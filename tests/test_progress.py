"""Progress of long stages: when it is shown, what a line says, and where it goes.

The lines go to standard error (the CLI) or the MkDocs log (the build), never
to standard output, which carries JSON, CSV or Markdown for tools. No test
reads a duration: only that each line has one, in its place.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from sqms.i18n import use_language
from sqms.progress import in_ci, line, progress_wanted, reporting, stage, switch
from tests import mini
from tests.support.projects import MEMORY, ProjectFactory, computed_line

LINE = re.compile(r"^sqms: (?P<summary>.+) \((?P<seconds>\d+\.\d) s\)$")
"""A progress line in English: what the stage did, and its seconds to one decimal."""
MINI_STAGES = [
    # tickets, complaints and customers; no manual, no registers; a few kilobytes of data.
    "loaded and checked 3 datasets, 0 documents and 0 registers",
    computed_line(10, "1 MB"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", True), ("true", True), (" TRUE ", True), ("yes", True), ("on", True),
        ("0", False), ("false", False), ("No", False), ("off", False),
        (None, None), ("", None), ("  ", None), ("maybe", None), ("2", None), ("tru", None),
    ],
)  # fmt: skip
def test_switch_reads_on_and_off_and_nothing_else(text: str | None, expected: bool | None) -> None:
    assert switch(text) is expected


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"CI": "true"}, True),  # GitHub Actions
        ({"CI": "1"}, True),
        ({"CI": "woodpecker"}, True),  # any value but a "false"
        ({"CI": "false"}, False),
        ({"CI": "0"}, False),
        ({"CI": ""}, False),
        ({}, False),
    ],
)
def test_in_ci(environ: dict[str, str], expected: bool) -> None:
    assert in_ci(environ) is expected


def test_progress_is_for_a_person_at_a_terminal_by_default() -> None:
    assert progress_wanted(None, {}, terminal=True)
    assert not progress_wanted(None, {}, terminal=False)  # a pipe, a log file
    assert not progress_wanted(None, {"CI": "true"}, terminal=True)  # a CI log, even a TTY one


def test_the_variable_overrides_the_default_and_the_option_overrides_both() -> None:
    assert progress_wanted(None, {"SQMS_PROGRESS": "1", "CI": "true"}, terminal=False)
    assert not progress_wanted(None, {"SQMS_PROGRESS": "0"}, terminal=True)
    # A value that is neither on nor off is as if unset.
    assert progress_wanted(None, {"SQMS_PROGRESS": "loud"}, terminal=True)
    assert not progress_wanted(None, {"SQMS_PROGRESS": "loud"}, terminal=False)
    assert progress_wanted(True, {"SQMS_PROGRESS": "0", "CI": "true"}, terminal=False)
    assert not progress_wanted(False, {"SQMS_PROGRESS": "1"}, terminal=True)


def test_a_stage_reports_what_it_did_when_it_ends() -> None:
    lines: list[str] = []
    with reporting(lines.append):
        with stage() as first:
            assert lines == []  # nothing while it runs
            first.done("computed 3 indicators")
        with stage() as outer:
            with stage() as inner:
                inner.done("inner")
            outer.done("outer")
    assert [LINE.match(text)["summary"] for text in lines] == [  # type: ignore[index]
        "computed 3 indicators",
        "inner",
        "outer",
    ]


def test_no_reporter_no_summary_or_a_failure_report_nothing() -> None:
    lines: list[str] = []
    with stage() as alone:  # no reporter: the work runs, nothing is said
        alone.done("unheard")
    with reporting(lines.append):
        with stage():
            pass  # said nothing it did
        with pytest.raises(ValueError, match="broken"), stage() as failing:
            failing.done("never shown")
            raise ValueError("broken")
        with reporting(None), stage() as silenced:  # an inner "no progress" wins
            silenced.done("silenced")
    with stage() as after:  # the reporter ended with its block
        after.done("after")
    assert lines == []


def test_a_line_in_each_language() -> None:
    assert line("computed 17 indicators", 3.24) == "sqms: computed 17 indicators (3.2 s)"
    with use_language("zh"):
        assert line("已计算 17 个指标", 61.05) == "sqms：已计算 17 个指标（61.0 秒）"


# --- the command line --------------------------------------------------------


def invoke(project: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run ``sqms`` on ``project``; its exit code, standard output and standard error.

    ``CI`` and ``SQMS_PROGRESS`` are unset unless ``env`` sets them; the
    runner's streams are not terminals.
    """
    variables: dict[str, str | None] = {"CI": None, "SQMS_PROGRESS": None, **(env or {})}
    result = CliRunner().invoke(main, [*args, "--project", str(project)], env=variables)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def stages(stderr: str) -> list[str]:
    """The summaries of the progress lines on standard error, each checked for its format."""
    found = []
    for text in stderr.splitlines():
        if text.startswith("sqms"):
            match = LINE.match(text)
            assert match is not None, text
            found.append(match["summary"])
    return found


@pytest.fixture
def mini_project(make_project: ProjectFactory) -> Path:
    return make_project(mini.files())


def test_check_reports_its_stages_on_standard_error(mini_project: Path) -> None:
    code, out, err = invoke(mini_project, "check", "--progress")
    assert code == 0
    assert stages(err) == MINI_STAGES
    assert "sqms:" not in out


def test_json_on_standard_output_stays_json(mini_project: Path) -> None:
    code, out, err = invoke(mini_project, "check", "--format", "json", "--progress")
    assert code == 0
    assert json.loads(out)["ok"] is True
    assert stages(err) == MINI_STAGES


def test_csv_on_standard_output_stays_csv(mini_project: Path) -> None:
    code, out, err = invoke(mini_project, "indicators", "--format", "csv", "--progress")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and all(not row["indicator"].startswith("sqms") for row in rows)
    assert stages(err) == MINI_STAGES


def test_quiet_by_default_off_a_terminal_and_in_ci(mini_project: Path) -> None:
    assert stages(invoke(mini_project, "check")[2]) == []
    assert stages(invoke(mini_project, "check", env={"CI": "true"})[2]) == []
    assert stages(invoke(mini_project, "check", env={"SQMS_PROGRESS": "maybe"})[2]) == []


def test_the_variable_and_the_switches(mini_project: Path) -> None:
    forced = invoke(mini_project, "check", env={"SQMS_PROGRESS": "1", "CI": "true"})
    assert stages(forced[2]) == MINI_STAGES
    silenced = invoke(mini_project, "check", "--no-progress", env={"SQMS_PROGRESS": "1"})
    assert silenced[0] == 0 and stages(silenced[2]) == []


def test_progress_in_chinese(mini_project: Path) -> None:
    _, _, err = invoke(mini_project, "check", "--progress", "--lang", "zh")
    computed = f"已计算 10 个指标（引擎：pandas；engine: auto：pandas 约需 1 MB，内存共 {MEMORY}）"
    assert re.search(rf"^sqms：{re.escape(computed)}（\d+\.\d 秒）$", err, re.MULTILINE), err


def test_a_failed_load_reports_no_stage_after_it(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/quality-plan.yml"] = files["data/quality-plan.yml"].replace(
        "    measure: count\n", "    measure: cont\n", 1
    )
    code, _, err = invoke(make_project(files), "check", "--progress")
    assert code == 1
    # Loading ends (with its problems); nothing is computed from a broken plan.
    assert stages(err) == [MINI_STAGES[0]]
    assert "indicators.volume.measure" in err
