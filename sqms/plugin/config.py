"""Options of the ``sqms`` MkDocs plugin (schema only)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

from sqms.documents import UNCONTROLLED


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
