"""Translated messages that remember what they say, so they can be said again in another language.

:func:`t` and :func:`nt` return :class:`Text`: a ``str`` in the current
language that also keeps its message id and values. Pages use it as text;
diagnostics keep it whole, so the CLI, the plugin and the JSON output render
them at the edge, in the reader's language, and tools read the id and values
instead of parsing prose.

Every id passed to :func:`t` must be a literal (or come from a table of
:func:`N_`-marked literals), so that extraction finds every message in use:
``python -m sqms.i18n.check`` fails on a missing, unused or dynamically built id.
"""

from __future__ import annotations

import difflib
import operator
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqms.i18n.catalogs import LANGUAGES, known_ids, translations

_language: ContextVar[str] = ContextVar("sqms_language", default=LANGUAGES[0])


class Text(str):
    """A message rendered in one language that keeps its id, values and count.

    ``values`` may hold other :class:`Text`, rendered again with it.
    """

    key: str
    values: Mapping[str, object]
    number: int | None
    """The count that chose the plural form (None for a message without plural forms)."""

    def __new__(
        cls, rendered: str, key: str, values: Mapping[str, object], count: int | None = None
    ) -> Text:
        """Make the text ``rendered`` of message ``key`` with ``values``."""
        made = super().__new__(cls, rendered)
        made.key, made.values, made.number = key, dict(values), count
        return made

    def __getnewargs__(self) -> tuple[Any, ...]:
        """Copy and pickle with the id and values, not only the rendered text."""
        return (str(self), self.key, self.values, self.number)

    def render(self, language: str | None = None) -> str:
        """This message in ``language`` (the current one by default), values included."""
        with use_language(language or current_language()):
            values = {k: v.render() if isinstance(v, Text) else v for k, v in self.values.items()}
            return str(_render(self.key, values, self.number))


def current_language() -> str:
    """The language messages are produced in now."""
    return _language.get()


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Produce messages in ``language`` inside the ``with`` block.

    Unknown languages fall back to English, so a site in, say, French still
    builds with English generated text rather than failing.
    """
    token = _language.set(language if language in LANGUAGES else LANGUAGES[0])
    try:
        yield
    finally:
        _language.reset(token)


def normalise_language(language: str | None) -> str:
    """Map a theme language such as ``zh-Hans`` or ``en_GB`` to a catalog language."""
    if not language:
        return LANGUAGES[0]
    base = language.replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else LANGUAGES[0]


def N_(key: str) -> str:
    """Mark ``key`` as a message id for extraction without translating it yet.

    Tables of choices (a status → its word) list their ids with it, and the
    code translates the chosen one with ``t(TABLE[value])``.
    """
    return key


def t(key: str, /, **values: object) -> str:
    """Message ``key`` in the current language, with ``values`` filled in.

    The result is a :class:`Text`; it is typed as ``str`` because callers use
    it as text, and only diagnostics look at what it keeps.
    """
    return _render(key, values, None)


def nt(key: str, count: int, /, **values: object) -> str:
    """Message ``key`` in the plural form for ``count`` (``{count}`` is filled in too).

    A NumPy integer (a count read from a frame) is taken as the plain ``int`` gettext expects.
    """
    number = operator.index(count)
    return _render(key, {"count": number, **values}, number)


def _render(key: str, values: Mapping[str, object], count: int | None) -> Text:
    """Look ``key`` up in the current language's catalog and fill in ``values``."""
    if key not in known_ids():
        raise KeyError(f"no message {key!r} in the catalogs")
    catalog = translations(_language.get())
    text = catalog.gettext(key) if count is None else catalog.ngettext(key, key, count)
    return Text(text.format(**values) if values else text, key, values, count)


def did_you_mean(name: str, known: Iterable[str], prefix: str = "") -> str:
    """A translated hint naming the known name closest to ``name``, or "" when none is close.

    Every "unknown …" message of SQMS ends with it, so a typo is fixed at a glance.
    """
    close = difflib.get_close_matches(name, list(known), n=1)
    return t("schema.did_you_mean", name=prefix + close[0]) if close else ""
