"""Workflow commands: diagnostics as GitHub Actions annotations.

GitHub Actions reads lines such as ``::error file=data/tickets.csv,line=3,title=sqms::…``
printed on standard output and shows them on the pull request's diff, next to
the line at fault. This module only formats; the CLI decides when to print.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from sqms.diagnostics import ELLIPSIS, MAX_MESSAGE, UNCODED, Diagnostic, Severity
from sqms.i18n import t

TITLE = "sqms"
"""The title GitHub shows above every annotation."""

MODES = ("auto", "github", "none")
"""Choices of ``sqms check --annotations``."""


def escape_data(text: str) -> str:
    """Escape a message as GitHub requires (``%``, carriage returns and newlines)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as a message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_message(diagnostic: Diagnostic) -> str:
    """The text of a diagnostic without its location or severity (the annotation carries both)."""
    parts = []
    if diagnostic.row is not None:
        parts.append(t("diag.row", row=diagnostic.row))
    if diagnostic.column is not None:
        parts.append(t("diag.column", column=diagnostic.column))
    message = diagnostic.text()
    if not parts:
        return _cut(message)
    prefix = t("diag.list_separator").join(parts)
    return _cut(prefix + t("diag.label_separator") + message)


def _cut(text: str) -> str:
    """At most :data:`~sqms.diagnostics.MAX_MESSAGE` characters, cut in the middle.

    Line breaks stay: a workflow command encodes them (``%0A``).
    """
    if len(text) <= MAX_MESSAGE:
        return text
    head = (MAX_MESSAGE - 1) // 2
    return text[:head] + ELLIPSIS + text[len(text) - (MAX_MESSAGE - 1 - head) :]


def github_annotation(diagnostic: Diagnostic) -> str:
    """Render a diagnostic as one GitHub Actions workflow command (``::error …::message``)."""
    command = "warning" if diagnostic.severity is Severity.WARNING else "error"
    properties = [f"file={escape_property(diagnostic.file)}"]
    if diagnostic.line is not None:
        properties.append(f"line={diagnostic.line}")
    title = TITLE if diagnostic.code == UNCODED else f"{TITLE} {diagnostic.code}"
    properties.append(f"title={escape_property(title)}")
    return f"::{command} {','.join(properties)}::{escape_data(annotation_message(diagnostic))}"


def annotations_wanted(mode: str, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to print annotations: always for ``github``, never for ``none``.

    ``auto`` prints them when running inside GitHub Actions, which sets
    ``GITHUB_ACTIONS=true`` in every step.
    """
    if mode == "github":
        return True
    if mode == "none":
        return False
    env = os.environ if environ is None else environ
    return env.get("GITHUB_ACTIONS", "").strip().lower() == "true"
