"""The version in force (ISO 9001 7.5.3): the approved text stays in use while a new one is made.

A document whose status is ``in-review`` or ``draft`` is a proposed change.
When git holds an earlier commit of the same file whose front matter had
``status: approved`` (and the same id), that approved version is the one in
force: the site publishes it as the document's page, and the current text as
a page of its own beside it (:func:`proposed_path`), marked as proposed.

Only the last :data:`MAX_FILE_COMMITS` commits of each file are read, with one
``git log`` per proposed document and one ``git cat-file --batch`` for its
versions. Outside a git checkout, or from a shallow clone, no version in force
is known: the page then shows the current text and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqms.diagnostics import Report
from sqms.documents.control import decorate, insert_after_title
from sqms.documents.manual import FRONT_MATTER_LIMITS, Document, Manual, split_front_matter
from sqms.documents.rules import NO_BLOB, blob_texts
from sqms.i18n import t
from sqms.io.git import run_git
from sqms.io.history import History
from sqms.io.yamlsource import parse_yaml
from sqms.schema.documents import DocumentMeta
from sqms.schema.validation import validate
from sqms.text.formatting import escape, format_date
from sqms.text.markup import relative_link

PROPOSED_STATUSES = ("in-review", "draft")
"""The statuses of a document whose text is not (yet) in force."""
MAX_FILE_COMMITS = 200
"""The most commits of one file read to find its version in force."""
PROPOSED_SUFFIX = ".proposed.md"


@dataclass(frozen=True)
class InForce:
    """The approved version of a document that stays in force while a new one is proposed."""

    commit: str
    meta: DocumentMeta
    """Its control data, from the front matter of that commit."""
    text: str
    """The whole file as committed."""
    body: str
    """The text after the front matter, as MkDocs hands a page's Markdown over."""
    body_line: int
    """The line of the file where ``body`` starts."""


def proposed_path(path: str) -> str:
    """Where the proposed version of the page at ``path`` is published: ``qp-04.proposed.md``."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    return stem + PROPOSED_SUFFIX


def proposed_pages(manual: Manual, versions: dict[str, InForce]) -> dict[str, Document]:
    """The documents whose proposed version gets a page of its own, by that page's path."""
    return {
        proposed_path(document.path): document
        for document in manual.documents.values()
        if document.path in versions
    }


def is_proposed(document: Document) -> bool:
    """Whether the document's current text is a proposal, not (yet) approved."""
    return not document.stand_in and document.meta.status in PROPOSED_STATUSES


def versions_in_force(root: Path, manual: Manual) -> dict[str, InForce]:
    """For each document in review or draft, its last approved version in git, by page path.

    Documents without one are left out, as is every document outside a git
    checkout or in a shallow clone (whose history may miss the approval).
    """
    proposed = [d for d in manual.documents.values() if is_proposed(d)]
    if not proposed or run_git(root, "rev-parse", "--show-toplevel") is None:
        return {}
    shallow = run_git(root, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.strip() == b"true":
        return {}
    found: dict[str, InForce] = {}
    for document in proposed:
        version = last_approved(root, document)
        if version is not None:
            found[document.path] = version
    return found


def last_approved(root: Path, document: Document) -> InForce | None:
    """The newest committed version of the document's file that was approved, if any."""
    commits = _file_versions(root, document.display)
    texts = blob_texts(root, {blob for _, blob in commits})
    for commit, blob in commits:
        text = texts.get(blob)
        if text is None:
            continue
        version = _approved_version(commit, text, document)
        if version is not None:
            return version
    return None


def _file_versions(root: Path, display: str) -> list[tuple[str, str]]:
    """The commits that changed the file (newest first), each with the file's blob after it."""
    out = run_git(
        root, "-c", "core.quotePath=false", "log", "--topo-order", "--no-renames", "--raw",
        "--no-abbrev", f"--max-count={MAX_FILE_COMMITS}", "--format=\x1e%H", "--", display,
    )  # fmt: skip
    if out is None:
        return []
    found: list[tuple[str, str]] = []
    for record in out.decode("utf-8", errors="replace").split("\x1e")[1:]:
        commit, *lines = record.strip().splitlines()
        for line in lines:
            parts = line.partition("\t")[0].split()
            if line.startswith(":") and len(parts) >= 4 and parts[3] != NO_BLOB:
                found.append((commit.strip(), parts[3]))
                break
    return found


def _approved_version(commit: str, text: str, document: Document) -> InForce | None:
    """The version in ``text`` when its front matter is valid, approved and of the same id."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    front, body_line = split_front_matter(text)
    if front is None:
        return None
    scratch = Report()  # an old version's problems were judged when it was committed
    where = f"{document.display}@{commit[:8]}"
    data = parse_yaml("\n" + front, where, scratch, limits=FRONT_MATTER_LIMITS)
    meta = validate(DocumentMeta, data, where, scratch) if isinstance(data, dict) else None
    if meta is None or meta.status != "approved" or meta.id != document.meta.id:
        return None
    body = "\n".join(text.split("\n")[body_line - 1 :])
    return InForce(commit, meta, text, body, body_line)


# --- On the site ------------------------------------------------------------------------


def published_manual(manual: Manual, versions: dict[str, InForce]) -> Manual:
    """The manual as the site shows it: each proposed document with the control data in force.

    ``[[ID]]`` references and related documents then name the title in force,
    and link to the page in force.
    """
    documents = {
        doc_id: replace(document, meta=versions[document.path].meta)
        if document.path in versions
        else document
        for doc_id, document in manual.documents.items()
    }
    return replace(manual, documents=documents)


def document_page(
    markdown: str,
    document: Document,
    manual: Manual,
    history: History,
    versions: dict[str, InForce],
) -> str:
    """A controlled page, decorated; for a proposed document, ``markdown`` is the version in force.

    ``document`` is the document as it is now (from ``Manual.by_path`` of the
    manual loaded); ``manual`` is the one :func:`published_manual` gives.
    """
    in_force = versions.get(document.path)
    if in_force is None:
        body = decorate(markdown, document, manual, history, document.body_line)[0]
        if not is_proposed(document):
            return body
        return insert_after_title(
            body, _admonition("note", t("doc.no_version_title"), t("doc.no_version_text"))
        )
    shown = replace(document, meta=in_force.meta, body_line=in_force.body_line)
    body = decorate(markdown, shown, manual, history, in_force.body_line)[0]
    text = t(
        "doc.in_force_text",
        version=escape(in_force.meta.version),
        date=format_date(in_force.meta.approved_on),
        proposed=escape(document.meta.version),
        link=relative_link(proposed_path(document.path), document.path),
    )
    title = t("doc.in_force_title", version=escape(in_force.meta.version))
    return insert_after_title(body, _admonition("info", title, text))


def proposed_page(
    markdown: str, document: Document, in_force: InForce, manual: Manual, history: History
) -> str:
    """The page of the proposed version: its own control block, a link to the version in force."""
    body = decorate(markdown, document, manual, history, document.body_line)[0]
    text = t(
        "doc.proposed_text",
        version=escape(in_force.meta.version),
        date=format_date(in_force.meta.approved_on),
        link=relative_link(document.path, proposed_path(document.path)),
    )
    title = t("doc.proposed_title", version=escape(document.meta.version))
    return insert_after_title(body, _admonition("warning", title, text))


def _admonition(kind: str, title: str, text: str) -> str:
    return "\n".join([f'!!! {kind} "{title}"', f"    {text}", ""])
