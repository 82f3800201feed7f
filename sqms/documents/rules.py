"""Document control without holes (ISO 9001 7.5): the rules a certification body checks.

The schema (:mod:`sqms.schema.documents`) says which keys a document needs;
these rules say what the values must mean:

* an approved or obsolete document names who approved it, and every document
  names its owner (a blank name is no name);
* an approval is not dated after the as-of date of the check or the build;
* an approved document refers (``related:`` or ``[[ID]]``) to no draft and no
  obsolete document;
* from git: the content of an approved document has not changed since the
  commit that approved it (the last one that changed its ``version`` or its
  ``approved_on``), unless each change was marked editorial with
  :data:`EDITORIAL` in its commit message; and a version never goes down.

Only committed changes are judged: a change waiting in the working folder is
judged once it is committed. From a shallow clone the history is incomplete:
the check says so once, as a warning, and judges neither git rule. Outside a
git checkout there is no history to read; every page's revision history
already says so, and the git rules are not applied.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqms.diagnostics import Report, shorten
from sqms.documents.manual import FRONT_MATTER, Document, Manual
from sqms.i18n import nt, t
from sqms.io.git import run_git
from sqms.schema.documents import STATUS_WORDS, VERSION_PATTERN

EDITORIAL = "[editorial]"
"""In a commit message: the commit changes wording only, and needs no new version."""
UNAPPROVED = ("draft", "obsolete")
"""The statuses an approved document must not refer to."""
RECORD, FIELD, END = "\x1e", "\x1f", "\x1d"
NO_BLOB = "0" * 40
MAX_COMMITS = 5_000
"""The most commits of the manual folder read: enough for decades of a manual."""


def check_rules(root: Path, manual_dir: str, manual: Manual, report: Report) -> None:
    """Apply every document-control rule to the documents of ``manual``; problems to ``report``."""
    documents = [d for d in manual.documents.values() if not d.stand_in]
    for document in documents:
        _check_names(document, report)
        _check_approval_date(document, manual.today, report)
        _check_related(document, manual, report)
    check_changes(root, manual_dir, documents, report)


def _check_names(document: Document, report: Report) -> None:
    """A blank owner, or a blank approver of an approved or obsolete document, is an error."""
    meta = document.meta
    if not meta.owner.strip():
        report.error(document.display, document.line("owner"), t("doc.blank_owner"))
    blank = meta.approved_by is not None and not meta.approved_by.strip()
    if meta.status in ("approved", "obsolete") and blank:
        report.error(
            document.display,
            document.line("approved_by"),
            t("doc.blank_approver", status=t(STATUS_WORDS[meta.status])),
        )


def _check_approval_date(document: Document, today: dt.date, report: Report) -> None:
    """An approval dated after the as-of date has not happened yet: it cannot count."""
    approved_on = document.meta.approved_on
    if approved_on is not None and approved_on > today:
        report.error(
            document.display,
            document.line("approved_on"),
            t("doc.approved_in_future", date=approved_on.isoformat(), as_of=today.isoformat()),
        )


def _check_related(document: Document, manual: Manual, report: Report) -> None:
    """An approved document's ``related`` must not name a draft or an obsolete document."""
    if document.meta.status != "approved":
        return
    for index, doc_id in enumerate(document.meta.related):
        message = unapproved_reference(doc_id, manual)
        if message is not None:
            report.error(document.display, document.line("related", index), message)


def unapproved_reference(doc_id: str, manual: Manual) -> str | None:
    """Why an approved document may not refer to ``doc_id``; None when it may."""
    target = manual.documents.get(doc_id)
    if target is None or target.stand_in or target.meta.status not in UNAPPROVED:
        return None
    status = t(STATUS_WORDS[target.meta.status])
    return t("doc.refers_to_unapproved", id=doc_id, status=status)


# --- The rules that need git -------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One commit's change to one file: the file's content before and after, as blob ids."""

    commit: str
    subject: str
    editorial: bool
    before: str
    after: str


@dataclass(frozen=True)
class Control:
    """What the rules compare in one version of a page: its control keys and its body."""

    version: str | None
    approved_on: str | None
    body: str


def check_changes(
    root: Path, manual_dir: str, documents: Iterable[Document], report: Report
) -> None:
    """No content change after an approval without a new version; no version going down."""
    documents = list(documents)
    if not documents:
        return
    top = run_git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return  # not a git checkout: each page's revision history says so
    shallow = run_git(root, "rev-parse", "--is-shallow-repository")
    if shallow is not None and shallow.strip() == b"true":
        report.warning(manual_dir, None, t("doc.changes_not_judged_shallow"))
        return
    prefix = _prefix(root, top)
    changes = _changes(root, manual_dir, prefix)
    wanted = {d.display for d in documents}
    blobs = _blobs(
        root, {b for p in wanted for c in changes.get(p, []) for b in (c.before, c.after)}
    )
    for document in documents:
        history = changes.get(document.display, [])
        if not history:
            continue
        _check_version_order(document, history, blobs, report)
        if document.meta.status == "approved":
            _check_changed_after_approval(document, history, blobs, report)


def _prefix(root: Path, top: bytes) -> str:
    """The project folder relative to the top of the git checkout (``""`` at the top)."""
    top_path = Path(top.decode("utf-8", errors="replace").strip()).resolve()
    try:
        relative = Path(root).resolve().relative_to(top_path).as_posix()
    except ValueError:
        return ""
    return "" if relative == "." else relative


def _changes(root: Path, manual_dir: str, prefix: str) -> dict[str, list[Change]]:
    """Every commit's change to every page under ``manual_dir``, newest first, by display path."""
    out = run_git(
        root, "-c", "core.quotePath=false", "log", "--topo-order", "--no-renames", "--raw",
        "--no-abbrev", f"--max-count={MAX_COMMITS}", f"--format={RECORD}%H{FIELD}%s{FIELD}%B{END}",
        "--", manual_dir,
    )  # fmt: skip
    found: dict[str, list[Change]] = defaultdict(list)
    if out is None:
        return found
    for record in out.decode("utf-8", errors="replace").split(RECORD)[1:]:
        header, _, raw = record.partition(END)
        commit, subject, message = header.split(FIELD, 2)
        editorial = EDITORIAL in message.lower()
        for line in raw.splitlines():
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if not line.startswith(":") or len(parts) < 4:
                continue
            shown = path[len(prefix) + 1 :] if prefix and path.startswith(prefix + "/") else path
            found[shown].append(Change(commit, subject, editorial, parts[2], parts[3]))
    return found


def _blobs(root: Path, ids: set[str]) -> dict[str, Control]:
    """The control keys and body of each blob, read in one ``git cat-file --batch``."""
    found: dict[str, Control] = {NO_BLOB: Control(None, None, "")}
    for blob, text in blob_texts(root, ids).items():
        found[blob] = control_of(text)
    return found


def blob_texts(root: Path, ids: set[str]) -> dict[str, str]:
    """The text of each blob, read in one ``git cat-file --batch``; missing ones are left out."""
    wanted = sorted(i for i in ids if i != NO_BLOB)
    found: dict[str, str] = {}
    if not wanted:
        return found
    out = run_git(root, "cat-file", "--batch", stdin="".join(f"{i}\n" for i in wanted).encode())
    if out is None:
        return found
    position = 0
    while position < len(out):
        end = out.index(b"\n", position)
        header = out[position:end].decode("ascii", errors="replace").split()
        position = end + 1
        if len(header) != 3 or not header[2].isdigit():
            continue  # "<id> missing": no content follows
        size = int(header[2])
        found[header[0]] = out[position : position + size].decode("utf-8", "replace")
        position += size + 1
    return found


def control_of(text: str) -> Control:
    """The ``version``, ``approved_on`` and body of one version of a page."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    match = FRONT_MATTER.match(text)
    if match is None:
        return Control(None, None, text)
    front = match.group(1) or ""
    body = text[match.end() :].lstrip("\n")
    return Control(_value(front, "version"), _value(front, "approved_on"), body)


def _value(front: str, key: str) -> str | None:
    """The text of a top-level key of front matter, without quotes or a comment."""
    match = re.search(rf"^{key}:[ \t]*(.*)$", front, re.MULTILINE)
    if match is None:
        return None
    value = match.group(1).strip()
    if value[:1] in ("'", '"'):
        closing = value.find(value[0], 1)
        return value[1:closing] if closing > 0 else value[1:]
    return value.split(" #", 1)[0].strip() or None


def version_key(version: str) -> tuple[int, ...]:
    """A version for comparing: its dotted numbers, trailing zeros dropped (``2`` = ``2.0``)."""
    parts = [int(p) for p in version.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _check_version_order(
    document: Document, history: list[Change], blobs: dict[str, Control], report: Report
) -> None:
    """The current version is not lower than any version the page had in an earlier commit."""
    current = version_key(document.meta.version)
    highest: tuple[tuple[int, ...], str, Change] | None = None
    for change in reversed(history):  # oldest first: the first commit with the highest wins
        version = blobs.get(change.after, blobs[NO_BLOB]).version
        if version is None or not VERSION_PATTERN.match(version):
            continue
        if highest is None or version_key(version) > highest[0]:
            highest = (version_key(version), version, change)
    if highest is not None and current < highest[0]:
        report.error(
            document.display,
            document.line("version"),
            t(
                "doc.version_lowered",
                version=document.meta.version,
                highest=highest[1],
                commit=highest[2].commit[:8],
            ),
        )


def _check_changed_after_approval(
    document: Document, history: list[Change], blobs: dict[str, Control], report: Report
) -> None:
    """No commit since the approval commit changed the body, unless it was editorial."""
    meta = document.meta
    newest = blobs.get(history[0].after)
    if newest is None:
        return
    approved_on = meta.approved_on.isoformat() if meta.approved_on else None
    if (newest.version, newest.approved_on) != (meta.version, approved_on):
        return  # a new version or approval, not committed yet: it covers every change before it
    approval: int | None = None
    for index, change in enumerate(history):
        before, after = blobs.get(change.before), blobs.get(change.after)
        if before is None or after is None:
            return  # a version git could not give: nothing is judged
        if (before.version, before.approved_on) != (after.version, after.approved_on):
            approval = index
            break
    if approval is None or blobs[history[approval].after].body == newest.body:
        return
    offending = [
        change
        for change in history[:approval]
        if not change.editorial and blobs[change.before].body != blobs[change.after].body
    ]
    if not offending:
        return
    first = offending[-1]  # the oldest change after the approval
    more = nt("doc.more_commits", len(offending) - 1) if len(offending) > 1 else ""
    report.error(
        document.display,
        document.line("version"),
        t(
            "doc.changed_after_approval",
            version=meta.version,
            approval=history[approval].commit[:8],
            commit=first.commit[:8],
            subject=shorten(first.subject),
            more=more,
            marker=EDITORIAL,
        ),
    )
