"""The diagnostic recorder (``tests/diagnostic_recorder.py``) works alike in one process and under xdist.

A small suite is run in a child pytest with the recorder loaded: one module
makes a coded diagnostic with a short message; another makes the same code
with a longer message, a diagnostic of another code and one without a code.
Under ``-n 2 --dist loadscope`` each module runs on its own worker, so the
controller knows only what the workers hand over; in one process the recorder
sees everything itself. Either way the run fails listing the uncoded message,
and the examples file holds the shortest message of each code.
"""

from __future__ import annotations

import json

import pytest

from tests.support.sites import REPO_ROOT

pytest_plugins = ["pytester"]

SHORT = """
import pandas as pd

from sqms.diagnostics import Report
from sqms.engine.coercion import Where, coerce_column
from sqms.schema.datasets import ColumnSpec


def test_a_short_coded_message():
    raw = pd.Series(["maybe"], dtype="object")
    coerce_column(raw, ColumnSpec(type="boolean"), "UTC", Where("data/a.csv", 1), Report(), "c")
"""

LONG_AND_UNCODED = """
import pandas as pd

from sqms.diagnostics import Diagnostic, Report
from sqms.engine.coercion import Where, coerce_column
from sqms.i18n import t
from sqms.schema.datasets import ColumnSpec


def test_a_longer_coded_message():
    raw = pd.Series(["perhaps not"], dtype="object")
    where = Where("data/longer.csv", 1)
    coerce_column(raw, ColumnSpec(type="boolean"), "UTC", where, Report(), "c")


def test_a_code_seen_by_this_module_only():
    raw = pd.Series(["soon"], dtype="object")
    coerce_column(raw, ColumnSpec(type="number"), "UTC", Where("data/b.csv", 1), Report(), "n")


def test_a_message_without_a_code():
    Diagnostic("data/x.csv", 1, t("expr.kind.boolean"))
"""

EXAMPLES = {
    'data/a.csv:2: row 1, column c: "maybe" is not true or false',
    'data/b.csv:2: row 1, column n: "soon" is not a number',
}
"""The shortest message of each code: of the boolean code, the short module's."""


def run_child(pytester: pytest.Pytester, *options: str) -> pytest.RunResult:
    """Run the child suite written in ``pytester``'s folder with the recorder loaded."""
    return pytester.runpytest_subprocess(
        "-p", "tests.diagnostic_recorder", "-p", "no:cacheprovider", *options
    )


@pytest.mark.parametrize("mode", [["-n", "2", "--dist", "loadscope"], ["-p", "no:xdist"]])
def test_uncoded_diagnostics_fail_the_run_and_examples_are_written(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, mode: list[str]
) -> None:
    examples = pytester.path / "examples.json"
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    monkeypatch.setenv("SQMS_RECORD_DIAGNOSTICS", str(examples))
    pytester.makepyfile(test_short=SHORT, test_long_and_uncoded=LONG_AND_UNCODED)
    result = run_child(pytester, *mode)
    result.assert_outcomes(passed=4)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, "the uncoded diagnostic fails the run"
    result.stdout.fnmatch_lines(
        [
            "Diagnostics without a code (add them to sqms/diagnostics/codes.py):",
            "  expr.kind.boolean: data/x.csv:1: a condition (true/false)",
        ]
    )
    recorded = json.loads(examples.read_text(encoding="utf-8"))
    assert {example["text"] for example in recorded.values()} == EXAMPLES
    assert all(code.startswith("SQ") and recorded[code]["code"] == code for code in recorded)


def test_a_run_with_every_diagnostic_coded_passes(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    monkeypatch.delenv("SQMS_RECORD_DIAGNOSTICS", raising=False)
    pytester.makepyfile(test_short=SHORT)
    result = run_child(pytester, "-n", "2")
    result.assert_outcomes(passed=1)
    assert result.ret == pytest.ExitCode.OK
    assert "Diagnostics without a code" not in result.stdout.str()
    assert not list(pytester.path.glob("*.json")), "no file unless asked for"
