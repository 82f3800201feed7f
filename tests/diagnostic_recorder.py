"""Every diagnostic the suite makes must have a code; the suite also records an example of each.

A pytest plugin (loaded by ``conftest.py``): it watches every
:class:`~sqms.diagnostics.Diagnostic` created while the tests run.

- A diagnostic whose message is a catalog message (it has an id) but has no
  code fails the run at its end, listing the message ids: give them codes in
  :mod:`sqms.diagnostics.codes`.
- With ``SQMS_RECORD_DIAGNOSTICS=FILE``, the shortest English message seen
  for each code is written to FILE as JSON: the examples of the reference page
  (``python -m sqms.diagnostics.reference``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sqms.diagnostics import UNCODED, Diagnostic

_uncoded: dict[str, str] = {}
_examples: dict[str, dict[str, Any]] = {}


def _keys(message: object) -> Iterator[str]:
    """The message ids of a message and of the messages nested in its values."""
    key = getattr(message, "key", None)
    if isinstance(key, str):
        yield key
    for value in (getattr(message, "values", None) or {}).values():
        yield from _keys(value)


def _observe(diagnostic: Diagnostic) -> None:
    """Note an uncoded diagnostic, or keep the shortest example of its code."""
    code = diagnostic.code
    if code == UNCODED:
        keys = list(_keys(diagnostic.message))
        if keys:
            _uncoded.setdefault(" > ".join(keys), diagnostic.format("en"))
        return
    example = {"code": code, "severity": str(diagnostic.severity), "text": diagnostic.format("en")}
    if "/tmp" in example["text"] or "pytest-" in example["text"]:
        return  # a temporary path is not an example anyone can read
    known = _examples.get(code)
    if known is None or (len(example["text"]), example["text"]) < (
        len(known["text"]),
        known["text"],
    ):
        _examples[code] = example


def pytest_configure(config: pytest.Config) -> None:
    """Watch every diagnostic made while the suite runs."""
    made = Diagnostic.__init__

    def watched(self: Diagnostic, *args: Any, **kwargs: Any) -> None:
        made(self, *args, **kwargs)
        _observe(self)

    Diagnostic.__init__ = watched  # type: ignore[method-assign]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run on uncoded diagnostics; write the examples when asked to."""
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
