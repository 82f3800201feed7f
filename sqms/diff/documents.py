"""What a change does to the controlled documents: added, removed, edited, re-versioned.

Document control asks that every change to a controlled document's content
comes with a new version. A document whose body, or whose front matter other
than its control fields, changed while its version stayed the same is
flagged: a reviewer should ask for a version bump before merging.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqms.documents.manual import Document, Manual, split_front_matter

CONTROL_FIELDS = frozenset(
    {"version", "status", "approved_by", "approved_on", "effective_on", "next_review"}
)
"""Front-matter keys that record the control of a document, not its content.

Changing them alone (approving, making obsolete, recording a review) needs no
new version.
"""


@dataclass(frozen=True)
class DocumentEntry:
    """A document added or removed: what identifies it."""

    id: str
    title: str
    version: str
    status: str
    display: str


@dataclass(frozen=True)
class DocumentChange:
    """A document present on both sides whose file differs."""

    id: str
    title: str
    display: str
    old_display: str
    body_changed: bool
    fields: tuple[str, ...]
    """Front-matter keys that changed, in the order they are declared."""
    old_version: str
    new_version: str
    old_status: str
    new_status: str

    @property
    def content_changed(self) -> bool:
        """Whether the body or a front-matter key other than the control fields changed."""
        return self.body_changed or any(key not in CONTROL_FIELDS for key in self.fields)

    @property
    def unversioned(self) -> bool:
        """Content changed but the version did not."""
        return self.content_changed and self.old_version == self.new_version

    @property
    def version_lowered(self) -> bool:
        """The new version is lower than the old one (a likely typo)."""
        return _version_key(self.new_version) < _version_key(self.old_version)

    @property
    def moved(self) -> bool:
        """The document lives in another file now."""
        return self.display != self.old_display


@dataclass
class DocumentsDiff:
    """Every document added, removed or changed, by id."""

    added: list[DocumentEntry] = field(default_factory=list)
    removed: list[DocumentEntry] = field(default_factory=list)
    changed: list[DocumentChange] = field(default_factory=list)

    @property
    def unversioned(self) -> list[DocumentChange]:
        """The documents whose content changed without a new version."""
        return [change for change in self.changed if change.unversioned]

    @property
    def empty(self) -> bool:
        """Whether no document changed at all."""
        return not (self.added or self.removed or self.changed)


def _version_key(version: str) -> tuple[int, ...]:
    """``2.10`` after ``2.9``: versions compare as numbers, part by part."""
    return tuple(int(part) for part in re.findall(r"\d+", version))


def _entry(document: Document) -> DocumentEntry:
    meta = document.meta
    return DocumentEntry(meta.id, meta.title, meta.version, meta.status, document.display)


def _body(root: Path, document: Document) -> str:
    """The page's text after its front matter (empty when the file cannot be read)."""
    try:
        text = (root / document.display).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    _, body_line = split_front_matter(text)
    return "".join(text.splitlines(keepends=True)[body_line - 1 :])


def _change(
    base_root: Path, old: Document, head_root: Path, new: Document
) -> DocumentChange | None:
    """How ``old`` became ``new``; None when nothing differs."""
    before = old.meta.model_dump(mode="json", exclude_none=True)
    after = new.meta.model_dump(mode="json", exclude_none=True)
    keys = [*after, *(key for key in before if key not in after)]
    fields = tuple(key for key in keys if before.get(key) != after.get(key))
    body_changed = _body(base_root, old) != _body(head_root, new)
    if not fields and not body_changed and old.display == new.display:
        return None
    return DocumentChange(
        id=new.meta.id,
        title=new.meta.title,
        display=new.display,
        old_display=old.display,
        body_changed=body_changed,
        fields=fields,
        old_version=old.meta.version,
        new_version=new.meta.version,
        old_status=old.meta.status,
        new_status=new.meta.status,
    )


def compare_documents(
    base_root: Path, base: Manual, head_root: Path, head: Manual
) -> DocumentsDiff:
    """The documents of ``head`` compared with those of ``base``, by id, sorted by id."""
    diff = DocumentsDiff()
    diff.added = [
        _entry(head.documents[i]) for i in sorted(set(head.documents) - set(base.documents))
    ]
    diff.removed = [
        _entry(base.documents[i]) for i in sorted(set(base.documents) - set(head.documents))
    ]
    for doc_id in sorted(set(base.documents) & set(head.documents)):
        change = _change(base_root, base.documents[doc_id], head_root, head.documents[doc_id])
        if change is not None:
            diff.changed.append(change)
    return diff
