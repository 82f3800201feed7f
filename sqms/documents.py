"""The controlled documents of the manual: front matter read, checked and indexed by id.

Every Markdown page of the manual is a controlled document, except the pages
a project declares uncontrolled (by default the home page and the reference
pages about SQMS itself). Problems are reported at their line in the page.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqms.diagnostics import Report
from sqms.documents_spec import DocumentMeta
from sqms.i18n import did_you_mean, t
from sqms.validation import validate
from sqms.yamlsource import decode_utf8, line_of, parse_yaml

MANUAL_DIR = "manual"
UNCONTROLLED = ("index.md", "reference/*")
"""Pages that are not controlled documents, unless a project says otherwise."""

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Document:
    """A controlled document: its control data and where it lives."""

    meta: DocumentMeta
    path: str
    """Relative to the manual folder, e.g. ``procedures/qp-05.md`` (how MkDocs names it)."""
    display: str
    """Relative to the project root, e.g. ``manual/procedures/qp-05.md`` (how messages name it)."""
    body_line: int = 1
    """The file line where the body (after the front matter) starts."""
    source: Any = field(default=None, compare=False, repr=False)
    """The front matter as loaded, with lines, to locate later problems."""

    def line(self, *path: int | str) -> int | None:
        """The line in the page of a front-matter key path."""
        return line_of(self.source, path)

    def overdue(self, today: dt.date) -> bool:
        """Whether its review date has passed."""
        due = self.meta.review_due()
        return due is not None and due < today


@dataclass
class Manual:
    """Every controlled document, by id and by path."""

    documents: dict[str, Document] = field(default_factory=dict)
    today: dt.date = dt.date(1970, 1, 1)
    """The date reviews are judged against."""
    records: dict[str, str] = field(default_factory=dict)
    """Register items a page may name as ``[[ID]]`` (an action, a finding): id → site path."""
    records_complete: bool = True
    """False when a register failed to load: its items are then not known."""

    def by_path(self, path: str) -> Document | None:
        """The document at ``path`` (relative to the manual folder), if controlled."""
        return next((d for d in self.documents.values() if d.path == path), None)


def split_front_matter(text: str) -> tuple[str | None, int]:
    """The front matter YAML (or None) and the 1-based line where the body starts.

    Blank lines after the front matter are skipped, as MkDocs skips them: the
    line returned is that of the body's first line as MkDocs hands it over.
    """
    match = FRONT_MATTER.match(text)
    if match is None:
        return None, 1
    rest = text[match.end() :]
    blank = len(rest) - len(rest.lstrip("\n"))
    return match.group(1) or "", match.group(0).count("\n") + 1 + blank


def is_controlled(path: str, uncontrolled: Sequence[str]) -> bool:
    """Whether a page (path relative to the manual folder) is a controlled document."""
    return not any(fnmatch.fnmatchcase(path, pattern) for pattern in uncontrolled)


def load_manual(
    root: Path,
    manual_dir: str,
    report: Report,
    *,
    today: dt.date,
    uncontrolled: Sequence[str] = UNCONTROLLED,
) -> Manual:
    """Read the front matter of every controlled page under ``manual_dir``."""
    manual = Manual(today=today)
    folder = root / manual_dir
    paths = sorted(folder.rglob("*.md")) if folder.is_dir() else []
    for path in paths:
        relative = path.relative_to(folder).as_posix()
        if is_controlled(relative, uncontrolled):
            document = _load_document(path, relative, f"{manual_dir}/{relative}", report)
            if document is not None:
                _add(manual, document, report)
    _check_related(manual, report)
    return manual


def _load_document(path: Path, relative: str, display: str, report: Report) -> Document | None:
    text = decode_utf8(path.read_bytes(), display, report)
    if text is None:
        return None
    front, body_line = split_front_matter(text)
    if front is None:
        report.error(display, 1, t("doc.no_front_matter"))
        return None
    # A leading newline keeps YAML line numbers equal to the page's (line 1 is "---").
    data = parse_yaml("\n" + front, display, report)
    if data is None:
        if not front.strip():
            report.error(display, 1, t("doc.no_front_matter"))
        return None
    meta = validate(DocumentMeta, data, display, report)
    if meta is None:
        return None
    return Document(meta, relative, display, body_line, data)


def _add(manual: Manual, document: Document, report: Report) -> None:
    """Index a document by id; a second document with the same id is an error."""
    first = manual.documents.get(document.meta.id)
    if first is not None:
        report.error(
            document.display, 2, t("doc.duplicate_id", id=document.meta.id, other=first.display)
        )
        return
    manual.documents[document.meta.id] = document


def _check_related(manual: Manual, report: Report) -> None:
    """``related`` ids must name existing documents."""
    for document in manual.documents.values():
        for index, related in enumerate(document.meta.related):
            message = unknown_document(related, manual)
            if message is not None:
                report.error(document.display, document.line("related", index), message)


def unknown_document(doc_id: str, manual: Manual) -> str | None:
    """A message if ``doc_id`` names no document, with the closest id as a hint."""
    if doc_id in manual.documents:
        return None
    return t("doc.unknown_reference", id=doc_id, hint=did_you_mean(doc_id, manual.documents))
