"""Personal data: which columns hold it, and the one rule that keeps it off the site.

A column declared ``pii: true`` in ``datasets.yml`` holds personal data, and so
does every derived column computed from one, directly or through a chain of
derived columns: a look-up or an expression over an e-mail address carries
the person as much as the address does. Derived columns are computed within
their own dataset, so taint never crosses from one dataset to another.

Personal columns may be computed with: they may filter rows (``where``,
``among``), find repeat complaints, be counted. Their values never reach a
page: a column whose values are shown, or that breaks a figure down (every
value it groups by becomes a label), must not be personal. Every setup that
names such a column asks :func:`published_problem`, so the rule lives here
alone and the check fails ``sqms check`` and the build alike.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqms.engine.datasets import Catalog
from sqms.engine.derive import sources_of
from sqms.i18n import t
from sqms.schema.datasets import DatasetSpec


def personal_origins(spec: DatasetSpec) -> dict[str, frozenset[str]]:
    """Every personal column of a dataset, with the declared ``pii`` columns it comes from.

    Taint is carried to a fixed point rather than in declaration order alone,
    so a declaration out of order (reported elsewhere) cannot hide it.
    """
    declared = {name: frozenset({name}) for name in spec.pii_columns}
    origins = dict(declared)
    for _ in range(len(spec.derive) + 1):
        derived = {
            name: frozenset().union(*(origins[s] for s in sources_of(derive) if s in origins))
            for name, derive in spec.derive.items()
            if name not in declared and any(s in origins for s in sources_of(derive))
        }
        found = declared | derived
        if found == origins:
            break
        origins = found
    return origins


def personal_columns(catalog: Catalog) -> dict[str, frozenset[str]]:
    """The personal columns of each dataset whose declaration is valid."""
    return {name: frozenset(personal_origins(spec)) for name, spec in catalog.specs.items()}


def published_problem(spec: DatasetSpec, column: str) -> str | None:
    """Why ``column``'s values may not be published, or None when they may."""
    return _message(column, personal_origins(spec))


def _message(column: str, origins: Mapping[str, frozenset[str]]) -> str | None:
    """The message for a personal column: declared so, or computed from one that is."""
    if column not in origins:
        return None
    sources = origins[column]
    if sources == {column}:
        return t("privacy.published", column=column)
    names = t("diag.list_separator").join(f'"{name}"' for name in sorted(sources))
    return t("privacy.derived_published", column=column, sources=names)
