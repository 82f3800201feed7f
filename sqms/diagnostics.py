"""Diagnostics: located problems found while loading and checking a project.

The core never prints, logs or exits. Every loader appends what it finds to a
:class:`Report`, so one pass collects every problem of a project; the adapters
(the CLI and the MkDocs plugin) decide how to show them and whether to fail.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from sqms.i18n import t


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
        return f"{where}: {message}"

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
