"""Document control on the page: the control block, references by id, revision history.

Each controlled page shows, under its title, who owns it, which version it is,
when and by whom it was approved and when it is due for review; a draft or an
obsolete document says so at the top (and across a printed copy). ``[[QP-05]]``
in the text becomes a link to QP-05 with its current title. The revision
history at the bottom combines the approval data with the commits from git.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from sqms.diagnostics import Diagnostic
from sqms.documents.manual import (
    Document,
    Manual,
    manual_pages,
    split_front_matter,
    unknown_document,
)
from sqms.documents.rules import unapproved_reference
from sqms.i18n import N_, did_you_mean, t
from sqms.io.history import History
from sqms.schema.documents import STATUS_WORDS
from sqms.text.formatting import escape, format_date
from sqms.text.markup import code, relative_link

REFERENCE = re.compile(r"(`+)(?:.*?)\1|\[\[([A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+)\]\]")
FENCE = re.compile(r"^\s*(```|~~~)")
STATUS_SYMBOL = {"approved": "✔", "in-review": "◐", "draft": "✎", "obsolete": "✖"}
BANNERS: dict[str, tuple[str, str, str]] = {
    "draft": ("warning", N_("doc.banner.draft"), N_("doc.banner_text.draft")),
    "in-review": ("note", N_("doc.banner.in-review"), N_("doc.banner_text.in-review")),
    "obsolete": ("danger", N_("doc.banner.obsolete"), N_("doc.banner_text.obsolete")),
}
"""Each status not in force → its admonition kind and the message ids of its title and text."""


def link_to(document: Document, from_path: str) -> str:
    """The relative link from the page at ``from_path`` to ``document``."""
    return relative_link(document.path, from_path)


def resolve_references(
    markdown: str, page_path: str, display: str, manual: Manual, first_line: int = 1
) -> tuple[str, list[Diagnostic]]:
    """Turn ``[[ID]]`` into links with the document's current title; unknown ids are errors.

    References inside code (fenced blocks and inline spans) are left alone, so a
    page can show the syntax. ``first_line`` is the file line of the first line
    of ``markdown`` (the body starts after the front matter). An approved
    document that refers to a draft or an obsolete one is an error too.
    """
    problems: list[Diagnostic] = []
    lines = markdown.split("\n")
    in_fence = False
    referrer = manual.by_path(page_path)
    approved = referrer is not None and not referrer.stand_in and referrer.meta.status == "approved"
    for number, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and "[[" in line:
            where = (display, number + first_line)
            replace = _replacer(page_path, where, manual, approved, problems)
            lines[number] = REFERENCE.sub(replace, line)
    return "\n".join(lines), problems


def _replacer(
    page_path: str,
    where: tuple[str, int],
    manual: Manual,
    approved: bool,
    problems: list[Diagnostic],
) -> Callable[[re.Match[str]], str]:
    display, line = where

    def replace(match: re.Match[str]) -> str:
        doc_id = match.group(2)
        if doc_id is None:  # inline code: keep as written
            return match.group(0)
        if doc_id in manual.records:
            return f"[{escape(doc_id)}]({relative_link(manual.records[doc_id], page_path)})"
        message = unknown_document(doc_id, manual)
        if message is not None and _may_be_record(doc_id, manual):
            return match.group(0)  # a register with errors: its ids are not known
        if message is not None:
            known = [*manual.documents, *manual.records]
            hint = did_you_mean(doc_id, known)
            problems.append(
                Diagnostic(display, line, t("doc.unknown_reference", id=doc_id, hint=hint))
            )
            return match.group(0)
        target = manual.documents[doc_id]
        refused = unapproved_reference(doc_id, manual) if approved else None
        if refused is not None:
            problems.append(Diagnostic(display, line, refused))
        obsolete = target.meta.status == "obsolete"
        suffix = " (" + t("doc.status.obsolete") + ")" if obsolete else ""
        return (
            f"[{escape(doc_id)} {escape(target.meta.title)}{suffix}]({link_to(target, page_path)})"
        )

    return replace


def _may_be_record(item_id: str, manual: Manual) -> bool:
    """Whether an unknown id may belong to a register that failed to load.

    Only then, and only for ids whose prefix no document uses (``ACT-…`` while
    documents are ``QP-…``), is an unknown ``[[ID]]`` left unreported: the
    register's own error says what to fix.
    """
    if manual.records_complete:
        return False
    prefixes = {doc_id.split("-", 1)[0] for doc_id in manual.documents}
    return item_id.split("-", 1)[0] not in prefixes


def reference_problems(root: Path, manual_dir: str, manual: Manual) -> list[Diagnostic]:
    """Every unknown ``[[ID]]`` in every page of the manual, found before any page is rendered."""
    problems: list[Diagnostic] = []
    folder = root / manual_dir
    for path in manual_pages(folder):
        relative = path.relative_to(folder).as_posix()
        text = path.read_text(encoding="utf-8", errors="replace")
        _, first_line = split_front_matter(text)
        body = "\n".join(text.split("\n")[first_line - 1 :])
        display = f"{manual_dir}/{relative}"
        problems += resolve_references(body, relative, display, manual, first_line)[1]
    return problems


def control_block(document: Document, manual: Manual) -> str:
    """The block under a page's title: status banners and the control data table."""
    meta = document.meta
    parts: list[str] = []
    if meta.status in BANNERS:
        kind, title, text = BANNERS[meta.status]
        banner, explanation = t(title), t(text)
        parts += [f'!!! {kind} "{banner}"', f"    {explanation}", ""]
        # Shown only in print, on every printed page (see sqms.css).
        mark = t(STATUS_WORDS[meta.status])
        parts += [f'<div class="sqms-watermark" aria-hidden="true">{mark}</div>', ""]
    if document.overdue(manual.today):
        due, overdue = meta.review_due(), t("doc.overdue_title")
        parts += [
            f'!!! warning "{overdue}"',
            "    "
            + t("asof.document_overdue", date=format_date(due), as_of=format_date(manual.today)),
            "",
        ]
    parts += [
        '<div class="sqms-doc-control" markdown>',
        "",
        *_control_table(document, manual),
        "",
        "</div>",
        "",
    ]
    return "\n".join(parts)


def _control_table(document: Document, manual: Manual) -> list[str]:
    meta = document.meta
    approved = (
        t("locale.date_by", date=format_date(meta.approved_on), name=escape(meta.approved_by))
        if meta.approved_on and meta.approved_by
        else "—"
    )
    due = meta.review_due()
    review = format_date(due)
    if due is not None and document.overdue(manual.today):
        review = f"**{review}** ⚠"
    cells = [
        (t("doc.col.id"), code(meta.id)),
        (t("doc.col.version"), escape(meta.version)),
        (t("doc.col.status"), STATUS_SYMBOL[meta.status] + " " + t(STATUS_WORDS[meta.status])),
        (t("doc.col.owner"), escape(meta.owner)),
        (t("doc.col.approved"), approved),
        (t("doc.col.effective"), format_date(meta.effective_on)),
        (t("doc.col.next_review"), review),
    ]
    rows = ["| " + " | ".join(name for name, _ in cells) + " |", "|" + "---|" * len(cells)]
    rows.append("| " + " | ".join(value for _, value in cells) + " |")
    extra = []
    if meta.clauses:
        extra.append(t("doc.col.clauses") + ": " + escape(", ".join(meta.clauses)))
    if meta.related:
        links = [_related_link(i, document, manual) for i in meta.related]
        extra.append(t("doc.col.related") + ": " + ", ".join(links))
    return rows + (["", "  \n".join(extra)] if extra else [])


def _related_link(doc_id: str, document: Document, manual: Manual) -> str:
    target = manual.documents.get(doc_id)
    if target is None:
        return escape(doc_id)
    return f"[{escape(doc_id)} {escape(target.meta.title)}]({link_to(target, document.path)})"


def revision_history(document: Document, history: History) -> str:
    """The revision history section: approvals from the front matter, changes from git."""
    meta = document.meta
    lines = ["## " + t("doc.history"), ""]
    rows: list[tuple[dt.date, str, str, str, str]] = []
    if meta.approved_on and meta.approved_by:
        what = t("doc.history_approved", version=escape(meta.version))
        rows.append((meta.approved_on, escape(meta.version), what, escape(meta.approved_by), "—"))
    for revision in history.of(document.display):
        short = revision.commit[:8]
        rows.append(
            (
                revision.date,
                "",
                escape(revision.subject),
                escape(revision.author),
                f"`{short}`",
            )
        )
    if not history.available:
        lines += [t("doc.history_unavailable"), ""]
    elif history.shallow:
        lines += [t("doc.history_shallow"), ""]
    header = [
        t("doc.col.date"),
        t("doc.col.version"),
        t("doc.col.change"),
        t("doc.col.by"),
        t("doc.col.commit"),
    ]
    lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    # Newest first; a stable sort keeps the approval above changes of the same day.
    for day, *cells in sorted(rows, key=lambda r: r[0], reverse=True):
        lines.append("| " + " | ".join([format_date(day), *cells]) + " |")
    return "\n".join(lines) + "\n"


def insert_after_title(markdown: str, block: str) -> str:
    """Place ``block`` after the page's first level-1 heading (or at the top without one)."""
    lines = markdown.split("\n")
    in_fence = False
    for number, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("# "):
            return "\n".join([*lines[: number + 1], "", block, *lines[number + 1 :]])
    return block + "\n" + markdown


def decorate(
    markdown: str, document: Document, manual: Manual, history: History, first_line: int
) -> tuple[str, list[Diagnostic]]:
    """The page body with its control block, resolved references and revision history."""
    body, problems = resolve_references(
        markdown, document.path, document.display, manual, first_line
    )
    body = insert_after_title(body, control_block(document, manual))
    return body.rstrip("\n") + "\n\n" + revision_history(document, history), problems
