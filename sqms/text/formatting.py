"""Numbers and statuses as people read them: by unit, in the site's language.

A proportion stored as 0.953 is shown as ``95.3%``; hours as ``1.5 h``
(``1.5 小时``); NPS as a signed whole number. Status is always shown as a
symbol *and* a word, never by colour alone.

Numbers are written the same way in English and Chinese (``1,234.5``,
``95.3%``): both group thousands with a comma and use a decimal point. Dates
and period labels follow the language in page text: ISO 8601 in English
(``2026-10-31``, ``2026-10``), the Chinese calendar form in Chinese
(``2026年10月31日``, ``2026年10月``). Machine data (results JSON, manifests,
CSV downloads), chart axes and sortable tables keep ISO labels, which sort
as text in date order.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from sqms.i18n import t
from sqms.text.markup import escape as escape  # the one rule for untrusted text

DEFAULT_DECIMALS = {
    "percent": 1,
    "hours": 1,
    "days": 1,
    "count": 0,
    "per_1000": 1,
    "score": 1,
    "index": 1,
    "number": 2,
}

STATUS_SYMBOL = {"meets": "✔", "warning": "▲", "misses": "✖", "not_judged": "○"}


def _number(value: object) -> float | None:
    """A float, or None for missing values (None, NaN, pandas' NA)."""
    if value is None or isinstance(value, str):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def format_value(raw: object, unit: str, decimals: int | None = None) -> str:
    """A value with its unit, e.g. ``95.3%``, ``1.5 h``, ``12.0 per 1,000``; ``—`` when missing."""
    value = _number(raw)
    if value is None:
        return "—"
    places = DEFAULT_DECIMALS.get(unit, 2) if decimals is None else decimals
    if unit == "percent":
        return f"{value * 100:,.{places}f}%"
    number = f"{value:,.{places}f}"
    if unit == "score" and value > 0:
        number = "+" + number
    suffix = {"hours": "unit.hours", "days": "unit.days", "per_1000": "unit.per_1000"}.get(unit)
    return t(suffix, value=number) if suffix else number


def format_count(raw: object) -> str:
    """A count of observations (``1,234``), ``—`` when missing."""
    value = _number(raw)
    if value is None:
        return "—"
    return f"{value:,.0f}"


def format_date(day: dt.date | None) -> str:
    """A day in the current language: ``2026-10-31`` or ``2026年10月31日``; ``—`` when missing."""
    if day is None:
        return "—"
    return t("locale.date", year=day.year, month=day.month, day=day.day)


PERIOD_LABEL = re.compile(
    r"^(?P<year>\d{4})(?:-(?:(?P<month>\d{2})|Q(?P<quarter>[1-4])|W(?P<week>\d{2})))?$"
)
"""The labels of :func:`sqms.engine.periods.label`:
``2026-03``, ``2026-Q1``, ``2026-W05``, ``2026``."""


def format_period(label: object) -> str:
    """A period label in the current language, e.g. ``2026-10`` → ``2026年10月`` in Chinese.

    Labels of another form are shown as they are, so nothing is lost.
    """
    match = PERIOD_LABEL.match(str(label))
    if match is None:
        return str(label)
    year = int(match["year"])
    if match["month"]:
        return t("locale.month", year=year, month=int(match["month"]))
    if match["quarter"]:
        return t("locale.quarter", year=year, quarter=int(match["quarter"]))
    if match["week"]:
        return t("locale.week", year=year, week=int(match["week"]))
    return t("locale.year", year=year)


def format_status(status: str) -> str:
    """Symbol and word, e.g. ``✔ meets target``."""
    return f"{STATUS_SYMBOL.get(status, '')} {t('status.' + status)}".strip()


def slug(text: str) -> str:
    """A lower-case HTML id or file-name part: ``IA-2026-01/F1`` → ``ia-2026-01-f1``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
