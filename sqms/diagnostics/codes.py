"""Stable codes for every kind of diagnostic: ``SQ201`` names "a key the format does not know".

A code belongs to a message id of the catalogs (:mod:`sqms.i18n`), never to its
wording: rewording a message or translating it keeps its code, so CI can
filter and count problems by kind and tools can match them. Codes are never
reused; a retired message keeps its number out of use.

The hundreds group the area a problem is found in:

====== ===============================================
SQ1xx  files and YAML: reading, bounds, confinement
SQ2xx  the format of a YAML file: keys, types, values
SQ3xx  datasets and data files: columns, values, rows
SQ4xx  the quality plan: indicators, expressions, control charts
SQ5xx  controlled documents and the manual
SQ6xx  registers: complaints, feedback, actions, training, audits, reviews, risks
SQ7xx  standards and evidence: frameworks, clauses, packs, signatures
SQ8xx  the site and the commands: directives, diff, new projects
====== ===============================================

Each code's fix is the catalog message ``fix.<code>``; the reference page of
diagnostics lists every code with its message, an example and its fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

UNCODED = "SQ000"
"""The code of a message that has none yet (a gap the test suite reports)."""

AREAS: Mapping[str, str] = {
    "SQ1": "files and YAML",
    "SQ2": "the format of a YAML file",
    "SQ3": "datasets and data files",
    "SQ4": "the quality plan and its indicators",
    "SQ5": "controlled documents and the manual",
    "SQ6": "registers",
    "SQ7": "standards and evidence",
    "SQ8": "the site and the commands",
}
"""The area of each hundred of codes, for the reference page."""


class Code(NamedTuple):
    """A code and the catalog id of its fix (``fix.SQ201``)."""

    number: str
    fix: str


TABLE: Mapping[str, Code] = {}
"""Message id → its code and fix. Append new codes; never renumber or reuse one."""

CODES: Mapping[str, str] = {key: code.number for key, code in TABLE.items()}
"""Message id → code."""


def _coded(message: object) -> tuple[str, object] | None:
    """The code and the message (itself, or the first one nested in its values) that has one."""
    key = getattr(message, "key", None)
    if isinstance(key, str) and key in CODES:
        return CODES[key], message
    values = getattr(message, "values", None)
    if isinstance(values, Mapping):
        for value in values.values():
            found = _coded(value)
            if found is not None:
                return found
    return None


def code_of(message: object) -> str:
    """The code of a diagnostic's message (a wrapper takes the code of what it wraps)."""
    found = _coded(message)
    return UNCODED if found is None else found[0]


def params_of(message: object) -> dict[str, object]:
    """The values of the coded message, JSON-ready: nested messages and other objects as text."""
    found = _coded(message)
    values = getattr(message if found is None else found[1], "values", None)
    if not isinstance(values, Mapping):
        return {}
    return {str(key): _json_value(value) for key, value in values.items()}


def _json_value(value: object) -> object:
    """A value as JSON holds it: numbers and null as they are, anything else as text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    render = getattr(value, "render", None)
    return str(render()) if render is not None else str(value)
