"""Numbers and statuses as people read them: by unit, in the site's language.

A proportion stored as 0.953 is shown as ``95.3%``; hours as ``1.5 h``
(``1.5 小时``); NPS as a signed whole number. Status is always shown as a
symbol *and* a word, never by colour alone.

Numbers and dates are written by Babel in the locale of the current language
(:func:`sqms.i18n.current_language`). Numbers look the same in English and
Chinese (``1,234.5``, ``95.3%``): both locales group thousands with a comma
and use a decimal point. Dates and period labels follow the language in page
text, by the CLDR date patterns the catalogs hold (``locale.date``,
``locale.month``, ``locale.quarter``, ``locale.year``), which translators own:
ISO 8601 in English (``2026-10-31``, ``2026-10``, ``2026-Q4``), the Chinese
calendar form in Chinese (``2026年10月31日``, ``2026年10月``, ``2026年第4季度``).
An ISO week is no calendar field of a date in Babel's locale rules, so its
label stays a message (``locale.week``). Machine data (results JSON,
manifests, CSV downloads), chart axes and sortable tables keep ISO labels,
which sort as text in date order.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal

from babel.dates import format_date as babel_date
from babel.numbers import format_decimal, format_percent

from sqms.i18n import N_, current_language, t
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
"""The decimal places of a value in each unit, unless the indicator declares its own."""
UNIT_NAMES: dict[str, str] = {
    "percent": N_("unit.name.percent"),
    "hours": N_("unit.name.hours"),
    "days": N_("unit.name.days"),
    "count": N_("unit.name.count"),
    "per_1000": N_("unit.name.per_1000"),
    "score": N_("unit.name.score"),
    "index": N_("unit.name.index"),
    "number": N_("unit.name.number"),
}
"""Each unit (``sqms.schema.plan.Unit``) → the message id of its name (axis titles, definitions)."""
UNIT_SUFFIXES: dict[str, str] = {
    "hours": N_("unit.hours"),
    "days": N_("unit.days"),
    "per_1000": N_("unit.per_1000"),
}
"""Each unit written after its number → the message id placing it (``{value} h``)."""

STATUS_SYMBOL = {"meets": "✔", "warning": "▲", "misses": "✖", "not_judged": "○"}
STATUS_WORDS: dict[str, str] = {
    "meets": N_("status.meets"),
    "warning": N_("status.warning"),
    "misses": N_("status.misses"),
    "not_judged": N_("status.not_judged"),
}
"""Each status of a value against its target → the message id of its word (``meets target``)."""


def _number(value: object) -> float | None:
    """A float, or None for missing values (None, NaN, pandas' NA)."""
    if value is None or isinstance(value, str):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _exact(number: float) -> Decimal:
    """The float exactly as stored, so Babel rounds it as Python's ``format`` does.

    Babel reads a float through its shortest text (``2.675`` → ``2.68``);
    the binary value is 2.67499…, which rounds half to even to ``2.67``, as
    the figures have always been written.
    """
    return Decimal(number)


def _pattern(places: int) -> str:
    """The CLDR number pattern with grouping and ``places`` decimals: ``#,##0.0``."""
    return "#,##0." + "0" * places if places > 0 else "#,##0"


def format_value(raw: object, unit: str, decimals: int | None = None) -> str:
    """A value with its unit, e.g. ``95.3%``, ``1.5 h``, ``12.0 per 1,000``; ``—`` when missing."""
    value = _number(raw)
    if value is None:
        return "—"
    places = DEFAULT_DECIMALS.get(unit, 2) if decimals is None else decimals
    locale = current_language()
    if unit == "percent":
        # The percentage is taken in floating point (value × 100) and Babel's
        # own × 100 undone exactly, so a share such as 1/80 still shows as 1.2%.
        percentage = _exact(value * 100).scaleb(-2)
        return format_percent(percentage, _pattern(places) + "%", locale=locale)
    number = format_decimal(_exact(value), _pattern(places), locale=locale)
    if unit == "score" and value > 0:
        number = "+" + number
    return t(UNIT_SUFFIXES[unit], value=number) if unit in UNIT_SUFFIXES else number


def format_count(raw: object) -> str:
    """A count of observations (``1,234``), ``—`` when missing."""
    value = _number(raw)
    if value is None:
        return "—"
    return format_decimal(_exact(value), _pattern(0), locale=current_language())


def format_date(day: dt.date | None) -> str:
    """A day in the current language: ``2026-10-31`` or ``2026年10月31日``; ``—`` when missing."""
    if day is None:
        return "—"
    return _calendar(N_("locale.date"), day)


def format_day(value: object) -> str:
    """A day read from a table in the current language, as :func:`format_date` writes it.

    Tables hold days as dates, pandas timestamps or ISO text (``2026-10-31``);
    a missing one (None, NaT, empty) is ``—``, and text that is no ISO day is
    shown as it is, so nothing is lost.
    """
    if isinstance(value, dt.datetime):  # pandas' Timestamp and NaT are datetimes
        return "—" if value != value else format_date(value.date())
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, str) and value:
        try:
            return format_date(dt.date.fromisoformat(value[:10]))
        except ValueError:
            return value
    return "—"


def _calendar(key: str, date: dt.date) -> str:
    """``date`` written with the CLDR date pattern (``yyyy-MM-dd``) held by the message ``key``.

    Translators own the date forms: the pattern is a catalog message.
    """
    return babel_date(date, t(key), locale=current_language())


PERIOD_LABEL = re.compile(
    r"^(?P<year>(?!0000)\d{4})"
    r"(?:-(?:(?P<month>0[1-9]|1[0-2])|Q(?P<quarter>[1-4])|W(?P<week>\d{2})))?$"
)
"""The labels of :func:`sqms.engine.periods.label`:
``2026-03``, ``2026-Q1``, ``2026-W05``, ``2026``."""


def format_period(label: object) -> str:
    """A period label in the current language, e.g. ``2026-10`` → ``2026年10月`` in Chinese.

    A month, quarter or year is written from its first day by the catalog's
    date pattern; a week by its message. Labels of another form are shown as
    they are, so nothing is lost.
    """
    match = PERIOD_LABEL.match(str(label))
    if match is None:
        return str(label)
    year = int(match["year"])
    if match["month"]:
        month = int(match["month"])
        return _calendar(N_("locale.month"), dt.date(year, month, 1))
    if match["quarter"]:
        quarter = int(match["quarter"])
        first = dt.date(year, 3 * quarter - 2, 1)
        return _calendar(N_("locale.quarter"), first)
    if match["week"]:
        return t("locale.week", year=year, week=int(match["week"]))
    return _calendar(N_("locale.year"), dt.date(year, 1, 1))


def format_span(first: object, last: object) -> str:
    """Two periods (labels or days) as one span in the current language; one when they agree.

    ``2026-03 – 2026-10`` in English, ``2026年3月至2026年10月`` in Chinese: a span
    in a sentence follows the language as its ends do (``locale.span``).
    """
    ends = [format_date(end) if isinstance(end, dt.date) else format_period(end)
            for end in (first, last)]  # fmt: skip
    return ends[0] if first == last else t("locale.span", first=ends[0], last=ends[1])


def format_status(status: str) -> str:
    """Symbol and word, e.g. ``✔ meets target``."""
    word = t(STATUS_WORDS[status])
    return f"{STATUS_SYMBOL.get(status, '')} {word}".strip()


def slug(text: str) -> str:
    """A lower-case HTML id or file-name part: ``IA-2026-01/F1`` → ``ia-2026-01-f1``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
