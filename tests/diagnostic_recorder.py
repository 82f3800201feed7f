"""Every diagnostic the suite makes must have a code; the suite also records an example of each.

A pytest plugin (loaded by ``conftest.py``): it watches every
:class:`~sqms.diagnostics.Diagnostic` created while the tests run.

- A diagnostic whose message is a catalog message (it has an id) but has no
  code fails the run at its end, listing the message ids: give them codes in
  :mod:`sqms.diagnostics.codes`.
- With ``SQMS_RECORD_DIAGNOSTICS=FILE``, the shortest English message seen
  for each code is written to FILE as JSON: the examples of the reference page
  (``python -m sqms.diagnostics.reference``).

Under pytest-xdist (``-n``) each worker watches the diagnostics of its own
tests and hands what it found to the controller when it finishes (through
``workeroutput``); the controller merges them and alone fails the run or
writes the file, so the result is the same as a run in one process.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from sqms.diagnostics import UNCODED, Diagnostic

_uncoded: dict[str, str] = {}
_examples: dict[str, dict[str, Any]] = {}

UNCODED_KEY = "sqms_uncoded_diagnostics"
EXAMPLES_KEY = "sqms_diagnostic_examples"
"""Where a worker's findings travel to the controller in ``workeroutput``."""


def _keys(message: object) -> Iterator[str]:
    """The message ids of a message and of the messages nested in its values."""
    key = getattr(message, "key", None)
    if isinstance(key, str):
        yield key
    for value in (getattr(message, "values", None) or {}).values():
        yield from _keys(value)


def _keep_example(example: dict[str, Any]) -> None:
    """Keep ``example`` when it is the shortest of its code so far (ties: the first in order)."""
    known = _examples.get(example["code"])
    if known is None or (len(example["text"]), example["text"]) < (
        len(known["text"]),
        known["text"],
    ):
        _examples[example["code"]] = example


_TEMPORARY = re.compile(r"/tmp/\S*?([^/\s:\"']+)(?=[\s:\"']|$)")
"""An absolute path inside the temporary folder; group 1 is its last part."""


def _observe(diagnostic: Diagnostic) -> None:
    """Note an uncoded diagnostic, or keep the shortest example of its code."""
    code = diagnostic.code
    if code == UNCODED:
        keys = list(_keys(diagnostic.message))
        if keys:
            _uncoded.setdefault(" > ".join(keys), diagnostic.format("en"))
        return
    # A test's temporary folder means nothing to a reader: keep a file's own name only.
    text = _TEMPORARY.sub(r"\1", diagnostic.format("en"))
    if "/tmp" in text or "pytest-" in text:
        return
    _keep_example({"code": code, "severity": str(diagnostic.severity), "text": text})


def pytest_configure(config: pytest.Config) -> None:
    """Watch every diagnostic made while the suite runs."""
    made = Diagnostic.__init__

    def watched(self: Diagnostic, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        _observe(self)

    Diagnostic.__init__ = watched  # type: ignore[method-assign]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: object) -> None:
    """On the xdist controller: merge what a finished worker found into this process's findings."""
    output: Mapping[str, Any] = getattr(node, "workeroutput", None) or {}
    for keys, example in output.get(UNCODED_KEY, {}).items():
        _uncoded.setdefault(keys, example)
    for example in output.get(EXAMPLES_KEY, {}).values():
        _keep_example(example)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run on uncoded diagnostics; write the examples when asked to.

    An xdist worker only hands its findings to the controller, which does both.
    """
    worker_output = getattr(session.config, "workeroutput", None)
    if worker_output is not None:
        worker_output[UNCODED_KEY] = dict(_uncoded)
        worker_output[EXAMPLES_KEY] = dict(_examples)
        return
    target = os.environ.get("SQMS_RECORD_DIAGNOSTICS")
    if target:
        ordered = dict(sorted(_examples.items()))
        text = json.dumps(ordered, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        Path(target).write_text(text, encoding="utf-8")
    if _uncoded:
        lines = [f"  {keys}: {example}" for keys, example in sorted(_uncoded.items())]
        print("\nDiagnostics without a code (add them to sqms/diagnostics/codes.py):")
        print("\n".join(lines))
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
