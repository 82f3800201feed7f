"""Every string SQMS shows a person, in English and Simplified Chinese.

Messages, page titles, table headers, statuses, chart labels and diagnostics
come from the gettext catalogs in ``locale/`` (:mod:`sqms.i18n.catalogs`),
looked up by stable ids with :func:`t` (and :func:`nt` for plural forms).
The language is chosen per build or per command (:func:`use_language`), never
per call site. ``python -m sqms.i18n.check`` keeps the catalogs and the code
in step (:mod:`sqms.i18n.check`).
"""

from __future__ import annotations

from sqms.i18n.catalogs import LANGUAGES
from sqms.i18n.messages import (
    N_,
    Text,
    current_language,
    did_you_mean,
    normalise_language,
    nt,
    t,
    use_language,
)

__all__ = [
    "LANGUAGES",
    "N_",
    "Text",
    "current_language",
    "did_you_mean",
    "normalise_language",
    "nt",
    "t",
    "use_language",
]
