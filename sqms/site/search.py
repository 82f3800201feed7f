"""Whether the site's search can find Chinese words, which it cannot without a segmenter.

Chinese is written without spaces between words. Material's search index
splits text at spaces, so without help a whole Chinese sentence is one
"word" and searching for a word inside it finds little (登记: one page instead
of three). At build time Material cuts Chinese text into words with jieba,
but only if jieba is installed, and says nothing when it is not. SQMS makes it
installable as its ``zh`` extra (``sqms[zh]``, which a new Chinese project's
``requirements.txt`` asks for) and warns when a Chinese site is built without
it (SQ832).

The warning goes to the build log like every other, so a ``--strict`` build
(and ``strict: true`` in ``mkdocs.yml``) fails on it: a published manual whose
search misses most Chinese words is a defect worth stopping for, and the fix
is one install.
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib.util import find_spec

from sqms.diagnostics import Diagnostic, Severity
from sqms.i18n import t

SEGMENTER = "jieba"
"""The module Material's search imports to cut Chinese text into words."""
EXTRA = "sqms[zh]"
"""The SQMS extra that installs it."""


def segmenter_installed() -> bool:
    """Whether the segmenter can be imported here (found, not imported: it is slow to load)."""
    return find_spec(SEGMENTER) is not None


def _languages(value: object) -> list[str]:
    """The language codes a setting holds: one code, or a list of them (search's ``lang``)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable) and not isinstance(value, bytes):
        return [item for item in value if isinstance(item, str)]
    return []


def is_chinese_search(theme_language: object, search_languages: object) -> bool:
    """Whether the site (its theme) or its search index is in Chinese (``zh``, ``zh-Hant`` …)."""
    codes = _languages(theme_language) + _languages(search_languages)
    return any(code.replace("_", "-").lower().split("-")[0] == "zh" for code in codes)


def segmenter_problem(
    config_file: str,
    search_enabled: bool,
    theme_language: object,
    search_languages: object,
    installed: bool | None = None,
) -> Diagnostic | None:
    """The warning for a Chinese site whose search has no segmenter; None when all is well.

    ``installed`` defaults to whether jieba can be imported here.
    """
    if not search_enabled or not is_chinese_search(theme_language, search_languages):
        return None
    if segmenter_installed() if installed is None else installed:
        return None
    message = t("search.no_segmenter", module=SEGMENTER, extra=EXTRA)
    return Diagnostic(config_file, None, message, Severity.WARNING)
