"""Business time: durations counted only while a help desk is open.

Service-level indicators such as "first response within 4 hours" mean four
*business* hours: hours in which the desk is open according to a declared
calendar (weekly opening hours, a time zone and holidays). This module parses
such calendars and measures durations on both clocks, business and wall.

How durations are measured, and why it is fast: instead of walking each ticket
through the calendar, we build one table of the desk's opening intervals, as UTC
instants, for the local days the data spans, together with the business time
accumulated before each interval. The business time elapsed up to an instant
``t`` is then ``B(t) = cumulative[i] + min(t - open[i], length[i])`` for the last
interval ``i`` opening at or before ``t`` (one ``numpy.searchsorted``), and a
duration is ``B(end) - B(start)``. Defined this way durations are additive and
antisymmetric by construction, and a million tickets take a fraction of a second.

Daylight saving time is handled when the table is built: each local opening and
closing time is localised in the calendar's time zone, so a local day may last 23
or 25 hours. A wall time that does not exist (it falls in the spring-forward gap)
moves forward to the end of the gap; a wall time that occurs twice (fall-back)
means its first occurrence.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import numpy.typing as npt
import pandas as pd

from sqms.diagnostics import message_of, shorten
from sqms.i18n import nt, t

Interval = tuple[int, int]
"""An opening interval of a local day: (start minute, end minute), end 1440 = 24:00."""

DayHours = tuple[Interval, ...]
"""The opening intervals of one weekday, sorted and non-overlapping; () = closed."""

Int64Array = npt.NDArray[np.int64]
_In = TypeVar("_In")
_Out = TypeVar("_Out")

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Short weekday names, Monday first (the order of :attr:`BusinessCalendar.hours`)."""

MINUTES_PER_DAY = 24 * 60
MAX_HOLIDAY_RANGE_DAYS = 366
MAX_HOLIDAY_DAYS = 100 * 366
"""All holiday items of a calendar together: a century of closed days, ranges written out."""
MAX_INTERVALS_PER_DAY = 24
"""Opening intervals of one weekday: each becomes one table entry for every day measured."""

_WEEKDAY_ALIASES: dict[str, int] = {
    alias: day
    for day, aliases in enumerate(
        [
            ("mon", "monday"),
            ("tue", "tues", "tuesday"),
            ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        ]
    )
    for alias in aliases
}
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NS_PER_MINUTE = 60 * 10**9
NS_PER_HOUR = 60 * _NS_PER_MINUTE
"""Durations are whole nanoseconds divided by this, once, into hours (on every engine)."""
# 1970-01-01, day 0 of numpy's datetime64[D], was a Thursday (weekday 3).
_EPOCH_WEEKDAY = 3


@dataclass(frozen=True)
class BusinessCalendar:
    """When a help desk is open: weekly hours, in a time zone, minus holidays.

    ``hours`` has exactly seven entries, Monday to Sunday, each a sorted tuple of
    non-overlapping ``(start_minute, end_minute)`` intervals of the local day
    (``0 <= start < end <= 1440``; 1440 means 24:00). ``holidays`` are local dates
    on which the desk is closed all day. Build calendars from project YAML with
    :func:`make_calendar`, which reports every problem at once.
    """

    timezone: str
    hours: tuple[DayHours, ...]
    holidays: frozenset[dt.date]

    def __post_init__(self) -> None:
        """Refuse a malformed hours table, which would silently miscount time."""
        if len(self.hours) != len(WEEKDAYS):
            raise ValueError(t("calendar.bad_table", count=len(self.hours)))
        for day in self.hours:
            _check_day_hours(day)


class CalendarError(ValueError):
    """A calendar definition with problems, all of them, as ``(key, message)`` pairs.

    ``key`` names where the problem is: an ``hours`` key such as ``"mon-fri"``,
    ``"timezone"``, ``"hours"`` or ``"holidays[2]"``, so the caller can point at
    the offending line of the YAML.
    """

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__(
            "\n".join(t("calendar.problem", key=key, message=message) for key, message in problems)
        )


# --- parsing -----------------------------------------------------------------


def parse_weekdays(text: str) -> tuple[int, ...]:
    """Parse a weekday spec into weekday numbers (Monday = 0), in the order given.

    Accepts names (``"sat"``, ``"saturday"``, any case), comma lists
    (``"mon,wed,fri"``), ranges (``"mon-fri"``; ``"fri-mon"`` wraps over the
    weekend) and ``"daily"``. A day named twice is an error, because it is almost
    always a typo for another day.
    """
    spec = text.strip().lower()
    if not spec:
        raise ValueError(t("calendar.no_weekdays"))
    if spec == "daily":
        return tuple(range(len(WEEKDAYS)))
    days: list[int] = []
    for part in spec.split(","):
        for day in _weekday_part(part.strip(), text):
            if day in days:
                raise ValueError(
                    t("calendar.weekday_repeated", day=WEEKDAYS[day], value=shorten(text))
                )
            days.append(day)
    return tuple(days)


def _weekday_part(part: str, text: str) -> list[int]:
    """One comma-separated piece of a weekday spec: a day or a (wrapping) range."""
    first, dash, last = part.partition("-")
    start = _weekday(first.strip(), text)
    if not dash:
        return [start]
    stop = _weekday(last.strip(), text)
    return [(start + step) % 7 for step in range((stop - start) % 7 + 1)]


def _weekday(name: str, text: str) -> int:
    """The number of a weekday name; the error quotes the whole spec for context."""
    try:
        return _WEEKDAY_ALIASES[name]
    except KeyError:
        raise ValueError(t("calendar.bad_weekday", value=shorten(text))) from None


def parse_hours(text: str) -> DayHours:
    """Parse opening hours such as ``"09:00-12:00, 13:00-18:00"`` into minute intervals.

    ``"closed"`` gives ``()``; ``"00:00-24:00"`` is open all day. Intervals are
    returned sorted; overlapping ones are refused, since they would count the same
    time twice.
    """
    spec = text.strip()
    if spec.lower() == "closed":
        return ()
    if not spec:
        raise ValueError(t("calendar.bad_interval", value=shorten(text)))
    parts = spec.split(",")
    if len(parts) > MAX_INTERVALS_PER_DAY:
        raise ValueError(
            nt("calendar.too_many_intervals", MAX_INTERVALS_PER_DAY, limit=MAX_INTERVALS_PER_DAY)
        )
    intervals = sorted(_parse_interval(part.strip()) for part in parts)
    for before, after in itertools.pairwise(intervals):
        if after[0] < before[1]:
            raise ValueError(t("calendar.overlap", first=_format(before), second=_format(after)))
    return tuple(intervals)


def _parse_interval(part: str) -> Interval:
    """Parse one ``HH:MM-HH:MM`` interval."""
    pieces = part.split("-")
    if len(pieces) != 2:
        raise ValueError(t("calendar.bad_interval", value=shorten(part)))
    start, end = (_minute(piece.strip()) for piece in pieces)
    if end <= start:
        raise ValueError(t("calendar.empty_interval", value=shorten(part)))
    return (start, end)


def _minute(text: str) -> int:
    """Minutes since local midnight of ``HH:MM``; 24:00 is allowed (end of day)."""
    match = _TIME.fullmatch(text)
    if match is None:
        raise ValueError(t("calendar.bad_time", value=text))
    hour, minute = int(match[1]), int(match[2])
    if minute > 59 or hour * 60 + minute > MINUTES_PER_DAY:
        raise ValueError(t("calendar.bad_time", value=text))
    return hour * 60 + minute


def _format(interval: Interval) -> str:
    """Render an interval the way it is written in YAML, e.g. ``09:00-18:00``."""
    return "-".join(f"{minute // 60:02d}:{minute % 60:02d}" for minute in interval)


def _check_day_hours(day: DayHours) -> None:
    """Check one weekday's intervals: in range, non-empty, sorted, not overlapping."""
    previous_end = 0
    for start, end in day:
        if not 0 <= start < end <= MINUTES_PER_DAY or start < previous_end:
            raise ValueError(t("calendar.bad_interval", value=repr(day)))
        previous_end = end


def parse_holidays(items: Iterable[object]) -> frozenset[dt.date]:
    """Parse holidays: dates, ``"YYYY-MM-DD"`` strings or inclusive ``"A..B"`` ranges.

    YAML turns unquoted dates into :class:`datetime.date` already; ranges arrive as
    strings. The first bad item raises a :class:`ValueError` that quotes it.
    """
    if isinstance(items, str | bytes):
        raise ValueError(t("calendar.holidays_not_list"))
    dates: set[dt.date] = set()
    written_out = 0
    for item in items:
        found = _holiday_dates(item)
        written_out += len(found)
        if written_out > MAX_HOLIDAY_DAYS:
            raise ValueError(_too_many_holidays())
        dates.update(found)
    return frozenset(dates)


def _too_many_holidays() -> str:
    """The message for holidays that add up to more than :data:`MAX_HOLIDAY_DAYS`."""
    return nt("calendar.too_many_holidays", MAX_HOLIDAY_DAYS, limit=f"{MAX_HOLIDAY_DAYS:,}")


def _holiday_dates(item: object) -> list[dt.date]:
    """The dates one holiday item stands for."""
    # A datetime is a date too, but a holiday at a time of day means nothing here.
    if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
        return [item]
    if not isinstance(item, str):
        raise ValueError(t("calendar.bad_date", value=shorten(item)))
    first_text, dots, last_text = item.strip().partition("..")
    first = _date(first_text.strip(), item)
    if not dots:
        return [first]
    last = _date(last_text.strip(), item)
    if last < first:
        raise ValueError(t("calendar.reversed_range", value=shorten(item)))
    days = (last - first).days + 1
    if days > MAX_HOLIDAY_RANGE_DAYS:
        raise ValueError(nt("calendar.range_too_long", days, value=shorten(item), days=days))
    return [first + dt.timedelta(days=offset) for offset in range(days)]


def _date(text: str, item: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` strictly (``fromisoformat`` alone also takes other forms)."""
    try:
        if _DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(t("calendar.bad_date", value=shorten(item)))


def make_calendar(
    timezone: str, hours: Mapping[str, str], holidays: Iterable[object]
) -> BusinessCalendar:
    """Build a calendar from its YAML values, reporting all problems at once.

    ``hours`` maps weekday specs (:func:`parse_weekdays`) to opening hours
    (:func:`parse_hours`); days not mentioned are closed. Raises
    :class:`CalendarError` listing every problem, so one run shows them all.
    """
    problems: list[tuple[str, str]] = []
    _check_timezone(timezone, problems)
    week = _week_hours(hours, problems)
    closed_dates = _collect_holidays(holidays, problems)
    if problems:
        raise CalendarError(problems)
    return BusinessCalendar(timezone=timezone, hours=week, holidays=closed_dates)


def _check_timezone(timezone: object, problems: list[tuple[str, str]]) -> None:
    """Record a problem unless ``timezone`` names an IANA time zone."""
    try:
        if isinstance(timezone, str) and timezone:
            ZoneInfo(timezone)
            return
    except (ZoneInfoNotFoundError, ValueError):
        pass
    problems.append(("timezone", t("calendar.unknown_timezone", value=shorten(timezone))))


def _week_hours(hours: object, problems: list[tuple[str, str]]) -> tuple[DayHours, ...]:
    """Spread the ``hours`` mapping over the seven weekdays, noting problems."""
    week: list[DayHours] = [() for _ in WEEKDAYS]
    if not isinstance(hours, Mapping):
        problems.append(("hours", t("calendar.hours_not_mapping")))
        return tuple(week)
    owner: dict[int, str] = {}
    for key, spec in hours.items():
        name = str(key)
        days = _collect(name, parse_weekdays, name, problems)
        if not isinstance(spec, str):
            problems.append((name, t("calendar.hours_not_text", value=shorten(spec))))
            continue
        intervals = _collect(name, parse_hours, spec, problems)
        if days is None or intervals is None:
            continue
        taken: dict[str, list[str]] = {}
        for day in days:
            if day in owner:
                taken.setdefault(owner[day], []).append(WEEKDAYS[day])
            else:
                owner[day] = name
                week[day] = intervals
        for other, names in taken.items():
            message = t("calendar.weekday_twice", days=", ".join(names), other=other)
            problems.append((name, message))
    return tuple(week)


def _collect(
    key: str, parse: Callable[[_In], _Out], value: _In, problems: list[tuple[str, str]]
) -> _Out | None:
    """Return ``parse(value)``; on a ValueError record ``(key, message)`` and return None."""
    try:
        return parse(value)
    except ValueError as error:
        problems.append((key, message_of(error)))
        return None


def _collect_holidays(holidays: object, problems: list[tuple[str, str]]) -> frozenset[dt.date]:
    """Parse every holiday item, recording each bad one under ``holidays[i]``."""
    if holidays is None:
        return frozenset()
    if isinstance(holidays, str | bytes) or not isinstance(holidays, Iterable):
        problems.append(("holidays", t("calendar.holidays_not_list")))
        return frozenset()
    dates: set[dt.date] = set()
    written_out = 0
    for index, item in enumerate(holidays):
        key = f"holidays[{index}]"
        found = _collect(key, _holiday_dates, item, problems) or []
        written_out += len(found)
        if written_out > MAX_HOLIDAY_DAYS:
            problems.append((key, _too_many_holidays()))
            break  # one message is enough: every later item is over the limit too
        dates.update(found)
    return frozenset(dates)


# --- measuring ---------------------------------------------------------------


def business_hours(calendar: BusinessCalendar, start: pd.Series, end: pd.Series) -> pd.Series:
    """Business hours from ``start`` to ``end``, row by row, in the calendar's opening hours.

    ``start`` and ``end`` are time-zone-aware datetime Series (any zone) with the
    same index. The result is a float64 Series of hours on that index: NaN where
    either end is missing, and negative when ``end`` is before ``start``, so that
    durations add up (business time from a to c = a to b + b to c).
    """
    start_ns, end_ns, missing = _paired_instants(start, end)
    hours = np.full(start_ns.shape, np.nan, dtype=np.float64)
    if not missing.all():
        known = np.concatenate([start_ns[~missing], end_ns[~missing]])
        first, last = int(known.min()), int(known.max())
        clock = BusinessClock.covering(calendar, first, last)
        # Missing rows get a harmless in-range instant; their result stays NaN.
        elapsed = clock.elapsed(np.where(missing, first, end_ns)) - clock.elapsed(
            np.where(missing, first, start_ns)
        )
        hours[~missing] = elapsed[~missing] / NS_PER_HOUR
    return pd.Series(hours, index=start.index, dtype="float64")


def wall_hours(start: pd.Series, end: pd.Series) -> pd.Series:
    """Elapsed (wall-clock) hours from ``start`` to ``end``: NaN if either is missing.

    Kept next to :func:`business_hours` so that both clocks take the same input
    and are measured the same way (in UTC, so a DST change is never an hour lost).
    """
    start_ns, end_ns, missing = _paired_instants(start, end)
    hours = np.full(start_ns.shape, np.nan, dtype=np.float64)
    hours[~missing] = (end_ns[~missing] - start_ns[~missing]) / NS_PER_HOUR
    return pd.Series(hours, index=start.index, dtype="float64")


def _paired_instants(
    start: pd.Series, end: pd.Series
) -> tuple[Int64Array, Int64Array, npt.NDArray[np.bool_]]:
    """UTC nanoseconds of both Series, and which rows miss either value."""
    if not start.index.equals(end.index):
        raise ValueError(t("calendar.index_mismatch"))
    start_ns, start_missing = _utc_nanoseconds(start)
    end_ns, end_missing = _utc_nanoseconds(end)
    return start_ns, end_ns, start_missing | end_missing


def _utc_nanoseconds(series: pd.Series) -> tuple[Int64Array, npt.NDArray[np.bool_]]:
    """Integer UTC nanoseconds of a tz-aware Series (exact, unlike float seconds).

    Naive times are refused: without a zone we cannot tell which instant they
    mean, and guessing would shift every duration across a DST change.
    """
    if not isinstance(series.dtype, pd.DatetimeTZDtype):
        raise TypeError(t("calendar.naive_times", dtype=series.dtype))
    instants = pd.DatetimeIndex(series).as_unit("ns")
    return instants.asi8.astype(np.int64), np.asarray(instants.isna(), dtype=np.bool_)


@dataclass(frozen=True)
class BusinessClock:
    """The opening intervals of a span of days as UTC nanoseconds.

    ``opens`` is strictly increasing and ``closes[i] > opens[i]``; ``before[i]``
    is the business time in all intervals before interval ``i``.
    """

    opens: Int64Array
    closes: Int64Array
    before: Int64Array

    @classmethod
    def covering(cls, calendar: BusinessCalendar, first: int, last: int) -> BusinessClock:
        """The clock for every local day touched by instants ``first`` .. ``last``.

        One spare day on each side keeps instants near midnight safely inside the
        table whatever the zone's offset.
        """
        zone = ZoneInfo(calendar.timezone)
        bounds = pd.DatetimeIndex(np.array([first, last], dtype="datetime64[ns]"), tz="UTC")
        local_days = bounds.tz_convert(zone).tz_localize(None).to_numpy().astype("datetime64[D]")
        one_day = np.timedelta64(1, "D")
        days = np.arange(local_days[0] - one_day, local_days[1] + 2 * one_day)
        opens, closes = _opening_instants(calendar, days, zone)
        lengths = closes - opens
        before = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths)[:-1]])
        return cls(opens=opens, closes=closes, before=before)

    def elapsed(self, instants: Int64Array) -> Int64Array:
        """Business nanoseconds from the start of the table up to each instant."""
        if self.opens.size == 0:
            return np.zeros(instants.shape, dtype=np.int64)
        current = np.searchsorted(self.opens, instants, side="right") - 1
        index = np.maximum(current, 0)
        opened = self.opens[index]
        inside = np.minimum(instants - opened, self.closes[index] - opened)
        return np.where(current >= 0, self.before[index] + inside, 0).astype(np.int64)


def _opening_instants(
    calendar: BusinessCalendar, days: npt.NDArray[np.datetime64], zone: ZoneInfo
) -> tuple[Int64Array, Int64Array]:
    """UTC open and close instants of every opening interval on ``days`` (local dates).

    Vectorised over days: each day is expanded into as many slots as its weekday
    has intervals (none on holidays), then all local times are localised at once.
    """
    day_numbers = days.astype(np.int64)
    weekdays = (day_numbers + _EPOCH_WEEKDAY) % 7
    holidays = np.array(sorted(calendar.holidays), dtype="datetime64[D]")
    per_weekday = np.array([len(day) for day in calendar.hours], dtype=np.int64)
    slots_per_day = np.where(np.isin(days, holidays), 0, per_weekday[weekdays])

    # Slot k of day d uses interval (first interval of d's weekday + rank of k within d).
    day_of_slot = np.repeat(np.arange(days.size), slots_per_day)
    first_slot = np.cumsum(slots_per_day) - slots_per_day
    rank = np.arange(day_of_slot.size) - first_slot[day_of_slot]
    first_interval = np.cumsum(per_weekday) - per_weekday
    interval = first_interval[weekdays[day_of_slot]] + rank
    starts = np.array([s for day in calendar.hours for s, _ in day], dtype=np.int64)
    ends = np.array([e for day in calendar.hours for _, e in day], dtype=np.int64)

    midnight = day_numbers[day_of_slot] * (MINUTES_PER_DAY * _NS_PER_MINUTE)
    local = np.concatenate(
        [midnight + starts[interval] * _NS_PER_MINUTE, midnight + ends[interval] * _NS_PER_MINUTE]
    )
    utc = _localise(local, zone)
    opens, closes = utc[: day_of_slot.size], utc[day_of_slot.size :]
    # Intervals that fall wholly in a DST gap collapse to nothing; drop them so
    # that opening instants stay strictly increasing for searchsorted.
    keep = closes > opens
    return opens[keep], closes[keep]


def _localise(local: Int64Array, zone: ZoneInfo) -> Int64Array:
    """UTC nanoseconds at which the wall clock in ``zone`` first shows each ``local`` time.

    ``local`` holds naive wall times as nanoseconds. A time that occurs twice
    (fall-back) gives its first occurrence; a time that never occurs (it falls in
    a spring-forward gap) gives the instant the clocks jump past it. That is how
    a desk behaves: it opens the first time the clock reads opening time or later.

    We do not use ``DatetimeIndex.tz_localize(nonexistent="shift_forward")``: it
    assumes clocks move by one hour and gets zones that move by 30 minutes
    (Australia/Lord_Howe) or two hours (Antarctica/Troll) wrong. Instead we only
    convert UTC to local time, which is exact, and search from there.
    """
    day = MINUTES_PER_DAY * _NS_PER_MINUTE
    # Offsets a day either side (and at) the time cover any single DST change:
    # the answer is ``local - offset`` for one of them, unless ``local`` is skipped.
    offsets = [_wall_clock(local + shift, zone) - (local + shift) for shift in (-day, 0, day)]
    candidates = np.stack([local - offset for offset in offsets])
    exact = _wall_clock(candidates.ravel(), zone).reshape(candidates.shape) == local
    never = np.iinfo(np.int64).max
    first: Int64Array = np.where(exact, candidates, never).min(axis=0)
    skipped = ~exact.any(axis=0)
    if skipped.any():
        first[skipped] = _end_of_gap(
            local[skipped],
            candidates[:, skipped].min(axis=0),
            candidates[:, skipped].max(axis=0),
            zone,
        )
    return first


def _end_of_gap(
    local: Int64Array, before: Int64Array, after: Int64Array, zone: ZoneInfo
) -> Int64Array:
    """The instant the clocks jump past skipped wall times ``local``, by bisection.

    On entry the wall clock shows less than ``local`` at ``before`` and at least
    ``local`` at ``after``. Each vectorised halving runs over the few skipped times
    only; under 50 of them pin a gap of up to a day to the nanosecond.
    """
    while (wide := after - before > 1).any():
        middle = before + (after - before) // 2
        reached = _wall_clock(middle, zone) >= local
        after = np.where(wide & reached, middle, after)
        before = np.where(wide & ~reached, middle, before)
    return after


def _wall_clock(instants: Int64Array, zone: ZoneInfo) -> Int64Array:
    """Naive local wall-clock nanoseconds in ``zone`` of UTC nanosecond ``instants``."""
    utc = pd.DatetimeIndex(instants.view("datetime64[ns]")).tz_localize("UTC")
    return utc.tz_convert(zone).tz_localize(None).asi8.astype(np.int64)
