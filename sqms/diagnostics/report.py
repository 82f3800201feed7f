"""Diagnostics: located problems found while loading and checking a project.

The core never prints, logs or exits. Every loader appends what it finds to a
:class:`Report`, so one pass collects every problem of a project; the adapters
(the CLI and the MkDocs plugin) decide how to show them and whether to fail.

Each diagnostic keeps its message id and values (:mod:`sqms.i18n`), so it has
a stable code (:mod:`sqms.diagnostics.codes`) and is rendered to text only at
the edge, in the reader's language. Every rendered message is bounded
(:mod:`sqms.diagnostics.quoting`), so a megabyte-long value cannot flood a CI
log or forge a ``file:line:`` line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from sqms.diagnostics.codes import code_of, params_of
from sqms.diagnostics.quoting import bounded
from sqms.i18n import current_language, t, use_language


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

    ``message`` is made with :func:`sqms.i18n.t`, so it keeps its message id and
    values: :attr:`code` and :attr:`params` give them to tools, and
    :meth:`format` renders the message in the reader's language at the edge.
    """

    file: str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR
    row: int | None = None
    column: str | None = None

    @property
    def code(self) -> str:
        """The stable code of this kind of problem (``SQ201``), listed in the reference."""
        return code_of(self.message)

    @property
    def params(self) -> dict[str, object]:
        """The values the message was made with, for tools (nested messages as text)."""
        return params_of(self.message)

    def text(self, language: str | None = None) -> str:
        """The message alone, in ``language`` (the current one by default)."""
        render = getattr(self.message, "render", None)
        return str(render(language)) if render is not None else str(self.message)

    def format(self, language: str | None = None) -> str:
        """Render as ``file:line: message`` (the form editors and CI understand)."""
        with use_language(language or current_language()):
            return bounded(f"{self.location()}: {self.described()}")

    def location(self) -> str:
        """``file:line`` (or ``file`` alone): the same in every language, for tools."""
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def described(self) -> str:
        """The message with its row, column and severity, in the current language."""
        parts = []
        if self.row is not None:
            parts.append(t("diag.row", row=self.row))
        if self.column is not None:
            parts.append(t("diag.column", column=self.column))
        colon = t("diag.label_separator")
        prefix = t("diag.list_separator").join(parts)
        message = self.text()
        message = f"{prefix}{colon}{message}" if prefix else message
        if self.severity is Severity.WARNING:
            message = t("diag.warning") + colon + message
        return message

    def as_json(self, language: str | None = None) -> dict[str, object]:
        """The diagnostic for tools: code, severity, location, parameters and message."""
        with use_language(language or current_language()):
            return {
                "code": self.code,
                "severity": str(self.severity),
                "file": self.file,
                "line": self.line,
                "row": self.row,
                "column": self.column,
                "params": self.params,
                "message": bounded(self.text()),
            }

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, then position, so output is stable between runs.

        Two messages alike at one row (``... and 3 more rows``) are ordered by
        column, so the order never depends on which check found one first.
        """
        return (self.file, self.line or 0, self.row or 0, str(self.message), self.column or "")


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


def message_of(error: BaseException) -> str:
    """The message an exception was raised with, kept whole (a catalog message keeps its id).

    ``str(error)`` would flatten a :class:`~sqms.i18n.Text` to plain text and
    lose the code of the diagnostic made from it.
    """
    first = error.args[0] if error.args else None
    return first if isinstance(first, str) else str(error)


class ProjectError(Exception):
    """Raised by the core when a project has errors and work cannot go on.

    It carries every diagnostic collected so far, so the adapter can show all
    of them at once.
    """

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
