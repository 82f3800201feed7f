"""Locate what makes a data file unreadable: the line of a bad byte, the lines not JSON.

Parsers say that a file is broken, seldom where: a decoder names a byte
offset within the block it was given, pandas' JSON reader an offset in its
own buffer. These helpers find the line (and the data row) from the file's
own text, so that a problem reads ``data/tickets.csv:7: row 6: …`` and can be
fixed where it is. They run once a parser has refused the file (or, for
decoding, while the text is made from the bytes), never on a file that reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqms.diagnostics import shorten
from sqms.i18n import nt, t

EXAMPLES = 5
"""Problems listed at most for one file; a count says how many more there are."""


@dataclass(frozen=True)
class Problem:
    """One located reason a file cannot be read."""

    message: str
    line: int | None = None
    row: int | None = None


class Unreadable(Exception):
    """A data file that cannot be read, with every located problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def decode(data: bytes, encoding: str, header_lines: int) -> str:
    """``data`` as text; the first byte that is not ``encoding`` raises :class:`Unreadable`.

    The problem names the byte's line, and its data row when the line is one
    (``header_lines`` lines come before the first row).
    """
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        row = line - header_lines if line > header_lines else None
        byte = f"{data[exc.start]:02x}"
        message = t("data.bad_byte", encoding=encoding, byte=byte)
        raise Unreadable([Problem(message, line, row)]) from None


def line_count(text: str) -> int:
    """How many lines ``text`` has (a last line without a line break counts)."""
    return text.count("\n") + (0 if not text or text.endswith("\n") else 1)


def json_line_problems(text: str) -> list[Problem]:
    """The lines of JSON Lines ``text`` that are not one JSON object, located.

    Blank lines are skipped as pandas skips them, so a line's row is the
    number of non-blank lines up to it. Only lines split at ``\\n`` count: a
    JSON text may hold other line separators inside its strings.
    """
    found: list[Problem] = []
    count, row = 0, 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        row += 1
        message = _json_line_problem(line)
        if message is None:
            continue
        count += 1
        if len(found) < EXAMPLES:
            found.append(Problem(message, number, row))
    if count > EXAMPLES:
        found.append(Problem(nt("data.json_more_lines", count - EXAMPLES)))
    return found


def _json_line_problem(line: str) -> str | None:
    """Why one line is not a JSON object; None when it is one."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return t("data.json_syntax", column=exc.colno, problem=shorten(exc.msg))
    except RecursionError:  # nested deeper than Python parses: not a row of data
        return t("data.json_too_deep")
    return None if isinstance(value, dict) else t("data.json_not_object")
