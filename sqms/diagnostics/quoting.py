"""Quoting untrusted values in messages: short, single-line and bounded.

Values quoted in messages come from untrusted files: :func:`shorten` makes them
short and single-line, and :func:`bounded` cuts a whole message, so a
megabyte-long value cannot flood a CI log or forge a ``file:line:`` line.
"""

from __future__ import annotations

import datetime as dt
import reprlib
import unicodedata

import numpy as np

MAX_MESSAGE = 1000
"""The most characters one formatted diagnostic may have (longer ones are cut in the middle)."""
ELLIPSIS = "…"


class _BoundedRepr(reprlib.Repr):
    """A ``repr`` that looks at a few items and characters only, however large the value."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.maxlevel = 2
        self.maxstring = self.maxother = self.maxlong = limit
        self.maxdict = self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = 4

    def repr_int(self, x: int, level: int) -> str:
        """An integer, even one too long for Python to turn into text."""
        try:
            return super().repr_int(x, level)
        except ValueError:
            return f"<{x.bit_length():,}-bit integer>"


def shorten(value: object, limit: int = 60) -> str:
    """The text of ``value`` in at most ``limit`` characters, on one line, for a message.

    Strings are taken as they are, dates and errors as their text, NumPy's
    numbers as Python's (``-1.5``, not ``np.float64(-1.5)``), anything
    else as a bounded ``repr`` (a huge list is never rendered whole). Newlines
    and other control characters become spaces; a longer text is cut and ends
    with "…".
    """
    if isinstance(value, np.generic):  # a value read from a typed file: shown as Python's
        value = value.item()
    if isinstance(value, str):
        text = value[: limit + 1]
    elif isinstance(value, dt.date | BaseException):
        text = str(value)[: limit + 1]
    else:
        text = _BoundedRepr(limit).repr(value)[: limit + 1]
    text = _one_line(text.replace("\r\n", " "))
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + ELLIPSIS


def _one_line(text: str) -> str:
    """``text`` with control characters and line or paragraph separators shown as spaces."""
    if text.isprintable():
        return text
    return "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)


def bounded(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` on one line and cut in the middle to at most ``limit`` characters."""
    text = _one_line(text)
    if len(text) <= limit:
        return text
    head = (limit - 1) // 2
    return text[:head] + ELLIPSIS + text[len(text) - (limit - 1 - head) :]
