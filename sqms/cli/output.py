"""Diagnostics for tools: one JSON document with each problem's code, location and values.

``sqms check --format json`` prints it. Each diagnostic carries its stable code
(:mod:`sqms.diagnostics.codes`), so a CI step can count or filter problems by
kind without parsing prose; ``message`` is the text in the chosen language.
"""

from __future__ import annotations

import json

from sqms.diagnostics import Diagnostic, Severity

FORMAT_VERSION = 1
"""The version of this document's shape; it changes only when a field changes meaning."""


def diagnostics_json(diagnostics: list[Diagnostic], *, ok: bool, strict: bool) -> str:
    """The JSON document of a check: ``ok``, the counts and every diagnostic in order."""
    ordered = sorted(diagnostics, key=Diagnostic.sort_key)
    errors = sum(d.severity is Severity.ERROR for d in ordered)
    document = {
        "format": FORMAT_VERSION,
        "ok": ok,
        "strict": strict,
        "errors": errors,
        "warnings": len(ordered) - errors,
        "diagnostics": [d.as_json() for d in ordered],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
