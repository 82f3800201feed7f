"""Options of the ``sqms`` MkDocs plugin (schema only)."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as opt
from mkdocs.config.base import BaseConfigOption, Config, ValidationError

from sqms.documents.manual import UNCONTROLLED
from sqms.io.history import bad_as_of, parse_as_of


class AsOfDate(BaseConfigOption[dt.date | None]):
    """A day (``2026-11-30``) to judge the build as of; None when unset."""

    def run_validation(self, value: object, /) -> dt.date | None:
        if value is None:
            return None
        day = parse_as_of(value)
        if day is None:
            raise ValidationError(bad_as_of(value))
        return day


class SqmsConfig(Config):
    """``plugins: [sqms: {...}]`` in ``mkdocs.yml``."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off (for a quick build of the prose only)."""

    # Where the project's data lives.
    data_dir = opt.Type(str, default="data")
    """The data folder, relative to ``mkdocs.yml``: ``datasets.yml``, ``quality-plan.yml``, data."""

    # Document control.
    uncontrolled = opt.ListOfItems(opt.Type(str), default=list(UNCONTROLLED))
    """Pages (glob patterns relative to the docs folder) that are not controlled documents."""

    # Language of generated pages.
    language = opt.Optional(opt.Type(str))
    """``en`` or ``zh``; by default the theme's language."""

    # Management reviews besides the plan's latest quarters.
    review_periods = opt.ListOfItems(opt.Type(str), default=[])
    """Periods (``2026``, ``2026-Q3``, ``2026-09``) that also get a management-review page."""

    # The date reviews, due dates and overdue items are judged as of.
    as_of = AsOfDate()
    """A fixed as-of date; ``SQMS_AS_OF`` overrides it. Unset: ``SOURCE_DATE_EPOCH``, else today."""
