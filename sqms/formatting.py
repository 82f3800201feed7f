"""Numbers and statuses as people read them: by unit, in the site's language.

A proportion stored as 0.953 is shown as ``95.3%``; hours as ``1.5 h``
(``1.5 小时``); NPS as a signed whole number. Status is always shown as a
symbol *and* a word, never by colour alone.
"""

from __future__ import annotations

import html
import math

from sqms.i18n import t

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


def format_status(status: str) -> str:
    """Symbol and word, e.g. ``✔ meets target``."""
    return f"{STATUS_SYMBOL.get(status, '')} {t('status.' + status)}".strip()


def escape(text: object) -> str:
    """Text from data or YAML made safe to place in Markdown and HTML (tables included)."""
    return html.escape(str(text), quote=True).replace("|", "&#124;").replace("\n", " ")
