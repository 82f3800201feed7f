"""Diagnostics: located problems found while loading and checking a project.

The core never prints, logs or exits. Every loader appends what it finds to a
:class:`Report`, so one pass collects every problem of a project; the adapters
(the CLI and the MkDocs plugin) decide how to show them and whether to fail.

Values quoted in messages come from untrusted files: :func:`shorten` makes them
short and single-line, and :meth:`Diagnostic.format` bounds every message, so a
megabyte-long value cannot flood a CI log or forge a ``file:line:`` line.
"""

from __future__ import annotations

import datetime as dt
import reprlib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from sqms.i18n import t

MAX_MESSAGE = 1000
"""The most characters one formatted diagnostic may have (longer ones are cut in the middle)."""
ELLIPSIS = "…"


class _BoundedRepr(reprlib.Repr):
    """A ``repr`` that looks at a few items and characters only, however large the value."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.maxlevel = 2
        self.maxstring = self.maxother = self.maxlong = limit
        self.maxdict = self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = 4

    def repr_int(self, x: int, level: int) -> str:
        """An integer, even one too long for Python to turn into text."""
        try:
            return super().repr_int(x, level)
        except ValueError:
            return f"<{x.bit_length():,}-bit integer>"


def shorten(value: object, limit: int = 60) -> str:
    """The text of ``value`` in at most ``limit`` characters, on one line, for a message.

    Strings are taken as they are, dates and errors as their text, anything
    else as a bounded ``repr`` (a huge list is never rendered whole). Newlines
    and other control characters become spaces; a longer text is cut and ends
    with "…".
    """
    if isinstance(value, str):
        text = value[: limit + 1]
    elif isinstance(value, dt.date | BaseException):
        text = str(value)[: limit + 1]
    else:
        text = _BoundedRepr(limit).repr(value)[: limit + 1]
    text = _one_line(text.replace("\r\n", " "))
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + ELLIPSIS


def _one_line(text: str) -> str:
    """``text`` with control characters and line or paragraph separators shown as spaces."""
    if text.isprintable():
        return text
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


def bounded(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` on one line and cut in the middle to at most ``limit`` characters."""
    text = _one_line(text)
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + ELLIPSIS + text[len(text) - (limit - 1 - head) :]


class Severity(StrEnum):
    """How bad a diagnostic is: errors fail a check or a build, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem, located as precisely as the source allows.

    ``file`` is the path relative to the project root, in POSIX form, so that
    messages read the same on every machine. ``line`` is 1-based; ``row`` is the
    1-based data row of a table (the header is not a row) and ``column`` its
    column name, for problems found in data files.
    """

    file: str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR
    row: int | None = None
    column: str | None = None

    def format(self) -> str:
        """Render as ``file:line: message`` (the form editors and CI understand)."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = []
        if self.row is not None:
            parts.append(t("diag.row", row=self.row))
        if self.column is not None:
            parts.append(t("diag.column", column=self.column))
        # The location stays ``file:line:`` in every language (editors and CI parse it).
        colon = t("diag.label_separator")
        prefix = t("diag.list_separator").join(parts)
        message = f"{prefix}{colon}{self.message}" if prefix else self.message
        if self.severity is Severity.WARNING:
            message = f"{t('diag.warning')}{colon}{message}"
        # A backstop: whatever a message quotes, it stays one bounded line.
        return bounded(f"{where}: {message}")

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order by file, then position, so output is stable between runs."""
        return (self.file, self.line or 0, self.row or 0, self.message)


@dataclass
class Report:
    """Collects diagnostics from every stage of loading and checking."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error(self, file: str, line: int | None, message: str, **where: int | str | None) -> None:
        """Record an error at ``file:line`` (``row=`` and ``column=`` optional)."""
        self.diagnostics.append(Diagnostic(file, line, message, Severity.ERROR, **where))  # type: ignore[arg-type]

    def warning(self, file: str, line: int | None, message: str, **where: int | str | None) -> None:
        """Record a warning at ``file:line`` (``row=`` and ``column=`` optional)."""
        self.diagnostics.append(Diagnostic(file, line, message, Severity.WARNING, **where))  # type: ignore[arg-type]

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Add diagnostics found elsewhere."""
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        """The errors, in stable order."""
        return sorted(
            (d for d in self.diagnostics if d.severity is Severity.ERROR), key=Diagnostic.sort_key
        )

    @property
    def warnings(self) -> list[Diagnostic]:
        """The warnings, in stable order."""
        return sorted(
            (d for d in self.diagnostics if d.severity is Severity.WARNING), key=Diagnostic.sort_key
        )

    @property
    def has_errors(self) -> bool:
        """Whether any error was recorded."""
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(sorted(self.diagnostics, key=Diagnostic.sort_key))

    def __len__(self) -> int:
        return len(self.diagnostics)


class ProjectError(Exception):
    """Raised by the core when a project has errors and work cannot go on.

    It carries every diagnostic collected so far, so the adapter can show all
    of them at once.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
