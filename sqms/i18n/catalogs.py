"""The gettext catalogs: one ``.po`` file per language under ``locale/<lang>/LC_MESSAGES/``.

Message ids are stable keys (``diff.no_project``), never English sentences, so a
reworded English text is a change to ``en/…/sqms.po`` only. The English
catalog is the source language; the Chinese one is a translation of it. Both
are plain gettext files that translators edit in standard tools (Poedit,
Weblate, Lokalize), with the English text beside each Chinese entry as an
extracted comment.

Catalogs are read with Babel once per process and compiled in memory to
:class:`gettext.GNUTranslations`, so plural forms follow each catalog's
``Plural-Forms`` header exactly as gettext does.
"""

from __future__ import annotations

import functools
import gettext
import io
from importlib.resources import files
from importlib.resources.abc import Traversable

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES = ("en", "zh")
"""The languages SQMS speaks; the first is the source language and the fallback."""
DOMAIN = "sqms"
"""The gettext domain: the catalogs' file name."""


def catalog_file(language: str) -> Traversable:
    """The ``.po`` file of ``language`` inside the installed package."""
    return files("sqms.i18n").joinpath("locale", language, "LC_MESSAGES", f"{DOMAIN}.po")


@functools.cache
def catalog(language: str) -> Catalog:
    """The parsed catalog of ``language`` (Babel's model of a ``.po`` file)."""
    with catalog_file(language).open("rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


@functools.cache
def translations(language: str) -> gettext.GNUTranslations:
    """The compiled catalog of ``language``, falling back to English for an empty entry."""
    compiled = io.BytesIO()
    write_mo(compiled, catalog(language))
    compiled.seek(0)
    found = gettext.GNUTranslations(compiled)
    if language != LANGUAGES[0]:
        found.add_fallback(translations(LANGUAGES[0]))
    return found


@functools.cache
def known_ids() -> frozenset[str]:
    """Every message id of the source catalog (a plural entry by its singular id)."""
    return frozenset(_singular(message.id) for message in catalog(LANGUAGES[0]) if message.id)


def _singular(message_id: str | tuple[str, ...] | list[str]) -> str:
    """The singular id of an entry (plural entries have a tuple of ids)."""
    return message_id if isinstance(message_id, str) else message_id[0]
