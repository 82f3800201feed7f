"""The reference of every diagnostic code: its message, an example and how to fix it.

``python -m sqms.diagnostics.reference`` writes ``manual/reference/diagnostics.md``
from the codes (:mod:`sqms.diagnostics.codes`), the catalogs (each code's
message and its ``fix.<code>`` entry) and the examples the test suite records
(``examples.json`` beside this module, written by running the suite with
``SQMS_RECORD_DIAGNOSTICS``). A test keeps the page current, so the reference
never lists a code that no longer exists or misses a new one.

``sqms explain CODE`` prints the same entry in the reader's language.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from sqms.diagnostics.codes import AREAS, TABLE
from sqms.i18n import t, use_language
from sqms.i18n.catalogs import LANGUAGES, catalog
from sqms.text.markup import code

PAGE = Path("manual") / "reference" / "diagnostics.md"
"""Where the reference page lives in this repository's manual."""


@dataclass(frozen=True)
class Entry:
    """What the reference says of one code."""

    code: str
    key: str
    message: str
    """The message as the catalog has it, with its ``{placeholders}``."""
    example: str | None
    """A real message of this code, as the test suite saw it (None if none was seen)."""
    fix: str


def examples() -> dict[str, str]:
    """The recorded example of each code (English)."""
    path = files("sqms.diagnostics").joinpath("examples.json")
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {code: str(item["text"]) for code, item in data.items()}


def template(key: str, language: str) -> str:
    """The catalog text of ``key`` in ``language`` (the plural form for a plural message)."""
    message = catalog(language).get(key) or catalog(language).get((key, key))
    if message is None:
        return key
    text = message.string
    if isinstance(text, str):
        return text
    return text[-1] if text else key


def entries(language: str = LANGUAGES[0]) -> list[Entry]:
    """Every code in order, with its message, example and fix in ``language``."""
    seen = examples() if language == LANGUAGES[0] else {}
    with use_language(language):
        return [
            Entry(c.number, key, template(key, language), seen.get(c.number), t(c.fix))
            for key, c in sorted(TABLE.items(), key=lambda item: item[1].number)
        ]


def entry_markdown(entry: Entry) -> list[str]:
    """One code's section of the page."""
    lines = [
        f"### {entry.code}",
        "",
        f"Message: {code(entry.message)}",
        "",
    ]
    if entry.example is not None:
        lines += [f"Example: {code(entry.example)}", ""]
    else:
        lines += ["Example: none recorded yet (no test of the suite produces this problem).", ""]
    lines += [f"Fix: {entry.fix}", ""]  # SQMS's own catalog text, written as Markdown
    return lines


def page_markdown() -> str:
    """The whole reference page, in English."""
    by_area: dict[str, list[Entry]] = {}
    for entry in entries():
        by_area.setdefault(entry.code[:3], []).append(entry)
    lines = [
        "# Diagnostics",
        "",
        "Every problem SQMS reports carries a stable code, its location and its values.",
        "The code names the kind of problem and never changes when the wording does,",
        "so CI can filter and count problems by kind and tools can match them:",
        "`sqms check --format json` prints them for tools, and `sqms explain CODE`",
        "prints an entry of this page in the chosen language (`--lang zh`).",
        "",
        "This page is generated from the codes and the message catalogs",
        "(`python -m sqms.diagnostics.reference`); each example is a real message",
        "produced by the test suite (recorded with `SQMS_RECORD_DIAGNOSTICS`).",
        "",
    ]
    for area, found in by_area.items():
        lines += [f"## {area}xx — {AREAS[area]}", ""]
        for entry in found:
            lines += entry_markdown(entry)
    return "\n".join(lines).rstrip() + "\n"


def explain(code_name: str, language: str) -> str | None:
    """A code's entry as plain text in ``language``; None for an unknown code."""
    found = [e for e in entries(language) if e.code == code_name.upper()]
    if not found:
        return None
    entry = found[0]
    with use_language(language):
        parts = [entry.code, t("diag.explain.message", message=entry.message)]
        if entry.example is not None:
            parts.append(t("diag.explain.example", example=entry.example))
        parts.append(t("diag.explain.fix", fix=entry.fix))
    return "\n".join(parts)


def main() -> int:
    """Write the page (``--check``: only say whether it is current)."""
    current = PAGE.read_text(encoding="utf-8") if PAGE.is_file() else ""
    wanted = page_markdown()
    if "--check" in sys.argv[1:]:
        if current != wanted:
            print(f"{PAGE}: out of date: run python -m sqms.diagnostics.reference")
            return 1
        return 0
    PAGE.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
