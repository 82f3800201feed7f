"""New documents with valid front matter, so that teams never copy and paste control data.

``sqms doc new`` writes a draft with every key document control needs and
the sections a controlled document of its type usually has. The new file is
written whole or not at all.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from sqms.schema.documents import DocType
from sqms.text.formatting import slug

FOLDERS: dict[str, str] = {
    "policy": "policy",
    "manual": "",
    "procedure": "procedures",
    "instruction": "instructions",
    "form": "forms",
    "knowledge": "knowledge",
}

SECTIONS: dict[str, tuple[str, ...]] = {
    "policy": ("Purpose", "Policy", "Responsibilities"),
    "manual": ("Purpose", "Scope", "Contents"),
    "procedure": (
        "Purpose",
        "Scope",
        "Definitions",
        "Responsibilities",
        "Procedure",
        "Records",
        "Indicators",
    ),
    "instruction": ("Purpose", "When to use it", "Steps", "Records"),
    "form": ("Purpose", "Fields"),
    "knowledge": ("Question", "Answer", "When it does not apply"),
}


def title_slug(title: str) -> str:
    """A file-name-safe form of a title: ``Complaint handling`` → ``complaint-handling``."""
    return slug(title)[:60] or "document"


def document_path(doc_id: str, title: str, doc_type: DocType) -> str:
    """Where a new document goes, relative to the manual folder."""
    name = f"{doc_id.lower()}-{title_slug(title)}.md"
    folder = FOLDERS[doc_type]
    return f"{folder}/{name}" if folder else name


def document_text(doc_id: str, title: str, doc_type: DocType, owner: str) -> str:
    """The text of a new draft: front matter, title and the usual sections."""
    quoted = title.replace('"', '\\"')
    front = [
        "---",
        f"id: {doc_id}",
        f'title: "{quoted}"',
        f"type: {doc_type}",
        'version: "0.1"',
        "status: draft",
        f'owner: "{owner}"',
        "review_every: 12 months",
        "clauses: []",
        "related: []",
        "---",
        "",
        f"# {title}",
        "",
    ]
    for section in SECTIONS[doc_type]:
        front += [f"## {section}", "", "", ""]
    return "\n".join(front).rstrip("\n") + "\n"


def write_new(path: Path, text: str) -> None:
    """Write a new file atomically; refuse to overwrite one that exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".new-", suffix=".md")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.link(temporary, path)  # fails if the file appeared meanwhile
    finally:
        Path(temporary).unlink(missing_ok=True)
