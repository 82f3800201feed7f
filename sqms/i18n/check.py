"""The catalog check run by ``nox -s lint``: every message in use is translated, none is dead.

``python -m sqms.i18n.check`` extracts the ids the code uses with Babel (the
keywords ``t``, ``nt`` and ``N_``) and compares them with the catalogs:

- an id used in the code but missing from a catalog, or left untranslated;
- an id in a catalog that no code uses;
- a call of ``t``/``nt`` whose id is built at run time (an f-string or a
  concatenation), which no extraction can follow: list the choices with
  ``N_`` instead;
- a plural message used with ``t`` or a singular one with ``nt``;
- a translation whose ``{placeholders}`` differ from the English text's;
- an English message without plural forms that puts a number before a plural
  noun (``{count} more rows``), which reads wrong for 1: it becomes a plural
  entry used with ``nt``, or each counted noun a plural piece of its own.

Each problem is printed as ``file:line: message``; the exit status is 1 if any.
"""

from __future__ import annotations

import ast
import contextlib
import io
import re
import string
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir

from sqms.i18n.catalogs import LANGUAGES, catalog, catalog_file

KEYWORDS = {"t": (1,), "nt": (1,), "N_": (1,)}
"""The functions whose first argument is a message id."""
PACKAGE = Path(__file__).resolve().parent.parent


def _words(text: str) -> frozenset[str]:
    """The set of the space-separated words of ``text``: long word lists read best as text."""
    return frozenset(text.split())


COUNTED_NOUNS = _words(
    "actions answers arguments audits categories characters clauses complaints courses days "
    "decisions documents drafts entries files findings indicators intervals items levels lines "
    "months nodes observations outcomes people periods points responses reviews risks rows "
    "seconds steps tags times values years"
)
"""Plural nouns the catalogs count: after a number they need the message's plural forms."""
COUNT_NAMES = _words("count n total got need needed limit length periods shown days months steps")
"""Placeholder names that always hold a count: any plural-looking word after them is counted."""
COUNT_MODIFIERS = _words(
    "more other open repeat different complete calendar baseline applicable improvement "
    "input published percentage opening"
)
"""Words that may stand between a count and its noun: ``{count} more rows``."""
NOT_COUNTS = _words("dataset column score value points period title name id file repeat")
"""Placeholder names that hold a label, a decimal or a share, never a count: ``{dataset} rows``."""
NOT_NOUNS = _words("is has was does its this as")
"""Words ending in "s" that follow a count without being a counted noun."""
_AFTER_PLACEHOLDER = re.compile(r"\{(\w+)(?:[:!][^}]*)?\}\**\)?\s+([a-z]+(?: [a-z]+){0,2})")


@dataclass(frozen=True)
class Use:
    """Where the code names a message id, and with which function."""

    key: str
    file: str
    line: int
    function: str


def extracted(root: Path = PACKAGE) -> list[Use]:
    """Every literal message id under ``root``, found by Babel's Python extractor."""
    uses: list[Use] = []
    # Babel warns of each f-string on standard error; _dynamic_ids reports what matters.
    with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
        warnings.simplefilter("ignore")
        found = list(
            extract_from_dir(str(root), method_map=[("**.py", "python")], keywords=KEYWORDS)
        )
    for filename, line, message, _comments, _context in found:
        key = message if isinstance(message, str) else message[0]
        uses.append(Use(key, f"{root.name}/{filename}", line, ""))
    return uses


def calls(root: Path = PACKAGE) -> Iterator[tuple[str, int, str, ast.expr]]:
    """Every call of ``t``/``nt`` under ``root``: file, line, function and first argument."""
    for shown, node in _message_calls(root):
        yield shown, node.lineno, node.func.id, node.args[0]  # type: ignore[attr-defined]


def _message_calls(
    root: Path, names: tuple[str, ...] = ("t", "nt")
) -> Iterator[tuple[str, ast.Call]]:
    """Every call of one of ``names`` under ``root``, with the file it is in."""
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        shown = f"{root.name}/{path.relative_to(root).as_posix()}"
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in names
                and node.args
            ):
                yield shown, node


def _inside_fstrings(root: Path) -> list[str]:
    """Calls written inside an f-string: Babel's extractor does not look there."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        shown = f"{root.name}/{path.relative_to(root).as_posix()}"
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in KEYWORDS
                ):
                    found.append(
                        f"{shown}:{inner.lineno}: {inner.func.id}() inside an f-string is not "
                        "extracted: call it outside and put the result in the f-string"
                    )
    return found


def problems(root: Path = PACKAGE) -> list[str]:
    """Every problem of the catalogs and their use, as ``file:line: message`` lines."""
    source = catalog(LANGUAGES[0])
    entries = {_id(m): m for m in source if m.id}
    used = extracted(root)
    found: list[str] = []
    found += _dynamic_ids(root)
    found += _inside_fstrings(root)
    found += _plural_mismatch(root, entries)
    for use in used:
        if use.key not in entries:
            found.append(f"{use.file}:{use.line}: message {use.key!r} is not in the catalogs")
    keys = {use.key for use in used}
    english = _display(LANGUAGES[0])
    for key, message in entries.items():
        if key not in keys:
            found.append(f"{english}:{message.lineno}: message {key!r} is used by no code")
    for language in LANGUAGES:
        found += _translation_problems(language, catalog(language), entries)
    found += uncounted_plurals(source, english)
    return found


def _dynamic_ids(root: Path) -> list[str]:
    """Calls whose message id is not a literal or a name (f-strings, ``+``, ``if``, calls).

    A name or a table look-up (``t(WORDS[status])``) is fine: its choices are
    literals marked with ``N_`` where the table is made.
    """
    return [
        f"{file}:{line}: the id of {function}() is built at run time; name the choices with N_()"
        for file, line, function, first in calls(root)
        if not isinstance(first, ast.Constant | ast.Name | ast.Subscript | ast.Attribute)
    ]


def _plural_mismatch(root: Path, entries: dict[str, Message]) -> list[str]:
    """``t`` used with a plural message, or ``nt`` with a singular one."""
    found = []
    for file, line, function, first in calls(root):
        if not isinstance(first, ast.Constant) or first.value not in entries:
            continue
        plural = entries[first.value].pluralizable
        if plural and function == "t":
            found.append(f"{file}:{line}: {first.value!r} has plural forms: use nt(key, count)")
        elif not plural and function == "nt":
            found.append(f"{file}:{line}: {first.value!r} has no plural forms: use t(key)")
    return found


def _translation_problems(language: str, found: Catalog, entries: dict[str, Message]) -> list[str]:
    """Ids missing from or extra in ``language``, empty entries, and placeholders that differ."""
    shown = _display(language)
    messages = {_id(m): m for m in found if m.id}
    problems = [f"{shown}:1: message {key!r} is missing" for key in entries if key not in messages]
    for key, message in messages.items():
        if key not in entries:
            problems.append(
                f"{shown}:{message.lineno}: message {key!r} is not in the English catalog"
            )
            continue
        texts = message.string if isinstance(message.string, tuple | list) else (message.string,)
        if not all(texts):
            problems.append(f"{shown}:{message.lineno}: message {key!r} is not translated")
        english = entries[key].string
        reference = english if isinstance(english, str) else (english or ("",))[-1]
        for text in texts:
            if text and _fields(text) != _fields(reference):
                problems.append(
                    f"{shown}:{message.lineno}: message {key!r} has placeholders "
                    f"{sorted(_fields(text))}, the English text {sorted(_fields(reference))}"
                )
    return problems


def uncounted_plurals(found: Catalog, shown: str) -> list[str]:
    """English messages without plural forms that put a number before a plural noun.

    "... and {count} more rows" reads "1 more rows" when the count is 1: such a
    message needs plural forms (``nt``), or each count a plural piece of its own
    when it holds several (``{documents}; {drafts}`` with ``nt("count.documents", n)``).
    """
    problems = []
    for message in found:
        if not message.id or message.pluralizable or not isinstance(message.string, str):
            continue
        for counted in counted_phrases(message.string):
            problems.append(
                f"{shown}:{message.lineno}: message {_id(message)!r} says {counted!r} without "
                "plural forms: make it a plural entry used with nt(key, count), or count each "
                "noun in a plural piece of its own"
            )
    return problems


def counted_phrases(text: str) -> list[str]:
    """The ``{placeholder} noun`` phrases of ``text`` that count a plural noun.

    A heuristic tuned on the catalogs: a placeholder, then up to two modifiers
    (``more``, ``open``…), then a known counted noun; or, after a placeholder
    that always holds a count (``{count}``, ``{n}``…), any word ending in "s".
    """
    found = []
    for match in _AFTER_PLACEHOLDER.finditer(text):
        name, words = match.group(1), match.group(2).split()
        if name in NOT_COUNTS or not words:
            continue
        noun = next((w for w in words[:3] if w not in COUNT_MODIFIERS), "")
        before = words[: words.index(noun)] if noun in words else words
        if len(before) > 2:
            continue
        phrase = " ".join(["{" + name + "}", *before, noun])
        always = name in COUNT_NAMES and not before and noun.endswith("s")
        if noun in COUNTED_NOUNS or (always and noun not in NOT_NOUNS):
            found.append(phrase)
    return found


def _fields(text: str) -> set[str]:
    """The ``{placeholders}`` of a message text (without format specs)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return {"<unbalanced braces>"}
    return {name for _, name, _, _ in parsed if name is not None}


def _id(message: Message) -> str:
    """A catalog entry's id (the singular id of a plural entry)."""
    return message.id if isinstance(message.id, str) else message.id[0]


def _display(language: str) -> str:
    """A catalog's file as shown in messages: ``sqms/i18n/locale/en/LC_MESSAGES/sqms.po``."""
    path = Path(str(catalog_file(language)))
    return path.relative_to(PACKAGE.parent).as_posix()


def main() -> int:
    """Print every problem; 1 if there is any, 0 otherwise."""
    found = problems()
    for line in found:
        print(line)
    if found:
        print(f"catalog problems: {len(found)}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
