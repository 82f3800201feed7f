"""The sentence that tells a reader which rows a page's figures leave out, and why.

Rows whose events break a dataset's declared order are either an error or,
when ``datasets.yml`` says ``out_of_order: exclude``, left out of every
figure. Every page that reads such a dataset says so in the same words, so an
auditor recomputing a figure by hand knows which rows to leave out.
"""

from __future__ import annotations

from sqms.i18n import nt
from sqms.site.reporting import ReportData
from sqms.text.formatting import escape, format_count
from sqms.text.markup import code


def excluded_sentence(data: ReportData, dataset: str) -> str | None:
    """How many rows of ``dataset`` are out of order and excluded, or None when none are."""
    excluded = data.excluded.get(dataset)
    if excluded is None or excluded.rows == 0:
        return None
    values = {
        "count": format_count(excluded.rows),
        "dataset": code(dataset),
        "order": " ≤ ".join(escape(column) for column in excluded.order),
        "file": escape(excluded.declared_in),
    }
    return nt("page.excluded_out_of_order", excluded.rows, **values)
