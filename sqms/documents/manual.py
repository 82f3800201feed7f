"""The controlled documents of the manual: front matter read, checked and indexed by id.

Every Markdown page of the manual is a controlled document, except the pages
a project declares uncontrolled (by default the home page and the reference
pages about SQMS itself). Problems are reported at their line in the page.

The front matter of *every* page is read here with the bounded YAML loader,
controlled or not, before MkDocs reads it: a page is untrusted, and MkDocs
would build whatever its front matter describes (an alias "bomb" included).
Uncontrolled pages get the safety checks only (size, aliases, depth), on the
block exactly as MkDocs finds it; their content is MkDocs' business.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqms.diagnostics import Report, shorten
from sqms.i18n import N_, did_you_mean, t
from sqms.io.confine import is_inside
from sqms.io.yamlsource import (
    MB,
    YamlLimits,
    check_yaml_limits,
    decode_utf8,
    line_of,
    parse_yaml,
)
from sqms.schema.documents import ID_PATTERN, DocumentMeta
from sqms.schema.validation import validate

MANUAL_DIR = "manual"
UNCONTROLLED = ("index.md", "reference/*")
"""Pages that are not controlled documents, unless a project says otherwise."""

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)

MKDOCS_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
"""The front matter as MkDocs finds it (``mkdocs.utils.meta``), in text with ``\\n`` newlines."""
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""The files MkDocs reads as pages (``mkdocs.utils.markdown_extensions``)."""
FRONT_MATTER_LIMITS = YamlLimits(
    max_bytes=MB, max_nodes=10_000, too_large=N_("yaml.front_matter_too_large")
)
"""A page's front matter is a few keys: far less may be in it than in a data file."""


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
    stand_in: bool = False
    """True for a page that failed to load (bad front matter, a duplicate id): it holds
    its id so that references to it are not reported again; its own error says what to fix."""

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


def load_page(
    path: Path, relative: str, display: str, controlled: bool, manual: Manual, report: Report
) -> None:
    """Add a controlled page's document to ``manual``; check any page's front matter's cost."""
    text = _read_page(path, display, report, controlled=controlled)
    if text is None:
        return
    front: str | None = None
    if controlled:
        front, body_line = split_front_matter(text)
        document = _load_document(front, body_line, relative, display, report)
        if document is not None:
            _add(manual, document, report)
    _check_as_mkdocs_reads(text, front, display, report)


def manual_pages(folder: Path) -> list[Path]:
    """Every file under ``folder`` that MkDocs would read as a page, in a stable order."""
    if not folder.is_dir():
        return []
    found = (p for p in folder.rglob("*") if p.name.endswith(MARKDOWN_SUFFIXES))
    # ``is_file`` follows links: a folder, a device or a named pipe is never read.
    # A link that leaves the folder is never read either: it is reported as an
    # error by the project's confinement check (:func:`sqms.io.confine.escaping_links`).
    return sorted(p for p in found if p.is_file() and is_inside(p, folder))


def _read_page(path: Path, display: str, report: Report, *, controlled: bool) -> str | None:
    """The text of a page, or None when it cannot be read.

    A file that cannot be opened is reported; text that is not UTF-8 only on a
    controlled page (MkDocs says so itself for the others).
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        report.error(display, None, t("yaml.unreadable", problem=shorten(exc.strerror or str(exc))))
        return None
    if controlled:
        return decode_utf8(raw, display, report)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _check_as_mkdocs_reads(text: str, parsed: str | None, display: str, report: Report) -> None:
    """Check the cost of the front matter MkDocs will find, unless it was just parsed.

    MkDocs reads pages with universal newlines and also ends front matter at a
    ``...`` line, so the block it takes can differ from the one read above.
    """
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    match = MKDOCS_FRONT_MATTER.match(normalised)
    if match is None or match.group(1) == parsed:
        return
    # A leading newline keeps YAML line numbers equal to the page's (line 1 is "---").
    check_yaml_limits("\n" + match.group(1), display, report, FRONT_MATTER_LIMITS)


def _load_document(
    front: str | None, body_line: int, relative: str, display: str, report: Report
) -> Document | None:
    """The controlled document a page's front matter describes, or None (problems reported)."""
    if front is None:
        report.error(display, 1, t("doc.no_front_matter"))
        return None
    # A leading newline keeps YAML line numbers equal to the page's (line 1 is "---").
    data = parse_yaml("\n" + front, display, report, limits=FRONT_MATTER_LIMITS)
    if data is None:
        if not front.strip():
            report.error(display, 1, t("doc.no_front_matter"))
        return None
    meta = validate(DocumentMeta, data, display, report)
    if meta is None:
        raw = data.get("id") if isinstance(data, dict) else None
        doc_id = raw if isinstance(raw, str) and ID_PATTERN.match(raw) else None
        title = data.get("title") if isinstance(data, dict) else None
        return stand_in(doc_id, title, relative, display)
    return Document(meta, relative, display, body_line, data)


def stand_in(doc_id: str | None, title: object, relative: str, display: str) -> Document | None:
    """A document standing in for a page that failed to load, under the id it has or seems to have.

    The id is the page's own when it is well formed, else the one its file
    name starts with (:func:`id_from_file_name`); None when neither gives one.
    """
    doc_id = doc_id or id_from_file_name(relative)
    if doc_id is None:
        return None
    meta = DocumentMeta.model_construct(
        id=doc_id,
        title=title if isinstance(title, str) else doc_id,
        type="procedure",
        version="0",
        status="in-review",
        owner="",
        clauses=[],
        related=[],
    )
    return Document(meta, relative, display, stand_in=True)


def id_from_file_name(relative: str) -> str | None:
    """The document id a file name starts with: ``wi-05-01-x.md`` → ``WI-05-01``.

    That is the first part and the parts with digits after it; None when no
    such part follows (``quality-manual.md``).
    """
    first, *rest = Path(relative).stem.upper().split("-")
    numbered: list[str] = []
    for part in rest:
        if not any(c.isdigit() for c in part):
            break
        numbered.append(part)
    candidate = "-".join([first, *numbered])
    return candidate if numbered and ID_PATTERN.match(candidate) else None


def _add(manual: Manual, document: Document, report: Report) -> None:
    """Index a document by id; a second document with the same id is an error.

    Each of the two pages then also stands in under the id its file name gives
    (when no document has it), so that references to the id one of them had
    before are not reported as unknown.
    A stand-in never takes the place of a document, and gives way to one.
    """
    first = manual.documents.get(document.meta.id)
    if first is not None and document.stand_in:
        return
    if first is not None and not first.stand_in:
        report.error(
            document.display, 2, t("doc.duplicate_id", id=document.meta.id, other=first.display)
        )
        # Either page may be the one whose id was mistyped: each stands in under its file name's.
        for page in (first, document):
            replacement = stand_in(None, None, page.path, page.display)
            if replacement is not None and replacement.meta.id not in manual.documents:
                manual.documents[replacement.meta.id] = replacement
        return
    manual.documents[document.meta.id] = document


def check_related(manual: Manual, report: Report) -> None:
    """``related`` ids must name existing documents."""
    for document in list(manual.documents.values()):
        for index, related in enumerate(document.meta.related):
            message = unknown_document(related, manual)
            if message is not None:
                report.error(document.display, document.line("related", index), message)


def unknown_document(doc_id: str, manual: Manual) -> str | None:
    """A message if ``doc_id`` names no document, with the closest id as a hint."""
    if doc_id in manual.documents:
        return None
    return t("doc.unknown_reference", id=doc_id, hint=did_you_mean(doc_id, manual.documents))
