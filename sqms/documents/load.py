"""The manual loaded: every page's front matter read, then the document-control rules applied.

Reading (:mod:`sqms.documents.manual`) and judging (:mod:`sqms.documents.rules`)
are separate modules; this one runs them in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from sqms.diagnostics import Report
from sqms.documents.manual import (
    UNCONTROLLED,
    Manual,
    check_related,
    is_controlled,
    load_page,
    manual_pages,
)
from sqms.documents.rules import check_rules


def load_manual(
    root: Path,
    manual_dir: str,
    report: Report,
    *,
    today: dt.date,
    uncontrolled: Sequence[str] = UNCONTROLLED,
) -> Manual:
    """Read the front matter of every page under ``manual_dir``.

    Controlled pages become documents; the others are only checked for what
    their front matter would cost to build.
    """
    manual = Manual(today=today)
    folder = root / manual_dir
    for path in manual_pages(folder):
        relative = path.relative_to(folder).as_posix()
        controlled = path.suffix == ".md" and is_controlled(relative, uncontrolled)
        load_page(path, relative, f"{manual_dir}/{relative}", controlled, manual, report)
    check_related(manual, report)
    check_rules(root, manual_dir, manual, report)
    return manual
