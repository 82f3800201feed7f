"""Diagnostics: located problems found while loading and checking a project, each with a code.

:mod:`~sqms.diagnostics.report` collects them, :mod:`~sqms.diagnostics.codes`
names each kind with a stable code, and :mod:`~sqms.diagnostics.quoting` keeps
quoted values short and every message bounded.
"""

from __future__ import annotations

from sqms.diagnostics.codes import CODES, UNCODED, code_of
from sqms.diagnostics.quoting import ELLIPSIS, MAX_MESSAGE, bounded, shorten
from sqms.diagnostics.report import Diagnostic, ProjectError, Report, Severity, message_of

__all__ = [
    "CODES",
    "ELLIPSIS",
    "MAX_MESSAGE",
    "UNCODED",
    "Diagnostic",
    "ProjectError",
    "Report",
    "Severity",
    "bounded",
    "code_of",
    "message_of",
    "shorten",
]
