"""Opening hours as a table of days, for turning business time into wall time.

Agents answer and resolve tickets while the help desk is open (Mon-Fri
09:00-18:00, Sat 10:00-14:00, closed on Sundays and public holidays). The
generators therefore draw *business-time* delays and convert them to wall-clock
timestamps here. The table holds, for every day, its opening minute, its open
length and the cumulative open minutes before it; converting a whole column is
then two array look-ups and one ``searchsorted`` — no loop per ticket.
"""

from __future__ import annotations

import numpy as np

from sqms.demo.common import DAY, HOLIDAYS, BoolArray, FloatArray, IntArray, Period

_WEEKDAY_OPEN, _WEEKDAY_MINUTES = 9 * 60, 9 * 60
_SATURDAY_OPEN, _SATURDAY_MINUTES = 10 * 60, 4 * 60
_SATURDAY = 5


class OpeningHours:
    """The help desk's opening hours over a period plus a margin after it.

    The margin lets delays that end after the period be converted too; such
    events lie after the export date and are treated as "not yet happened".
    """

    def __init__(self, period: Period, margin_days: int = 120) -> None:
        n = period.n_days + margin_days
        days = period.origin + np.arange(n)
        # 1970-01-01 was a Thursday, so this makes Monday 0 and Sunday 6.
        self.weekday: IntArray = (days.astype(np.int64) + 3) % 7
        holiday = np.zeros(n, dtype=np.bool_)
        for first, last in HOLIDAYS:
            holiday |= (days >= np.datetime64(first, "D")) & (days <= np.datetime64(last, "D"))
        self.holiday: BoolArray = holiday
        saturday = self.weekday == _SATURDAY
        self.opens: FloatArray = np.where(saturday, _SATURDAY_OPEN, _WEEKDAY_OPEN).astype(
            np.float64
        )
        length = np.where(saturday, _SATURDAY_MINUTES, _WEEKDAY_MINUTES)
        length = np.where(holiday | (self.weekday == 6), 0, length)
        self.length: FloatArray = length.astype(np.float64)
        self.cumulative: FloatArray = np.concatenate(([0.0], np.cumsum(self.length)))
        self.n_days = n

    def _day_and_minute(self, seconds: FloatArray) -> tuple[IntArray, FloatArray]:
        safe = np.where(np.isfinite(seconds), seconds, 0.0)
        day = np.clip(np.floor(safe / DAY), 0, self.n_days - 1).astype(np.int64)
        return day, safe / 60.0 - day * 1440.0

    def is_open(self, seconds: FloatArray) -> BoolArray:
        """Whether the help desk is open at each wall-clock time."""
        day, minute = self._day_and_minute(seconds)
        since_open = minute - self.opens[day]
        return np.asarray((since_open >= 0) & (since_open < self.length[day]), dtype=np.bool_)

    def to_business(self, seconds: FloatArray) -> FloatArray:
        """Open minutes elapsed from the period start to each wall-clock time."""
        day, minute = self._day_and_minute(seconds)
        inside = np.clip(minute - self.opens[day], 0.0, self.length[day])
        return np.where(np.isfinite(seconds), self.cumulative[day] + inside, np.nan)

    def add(self, seconds: FloatArray, minutes: FloatArray) -> FloatArray:
        """Wall-clock times ``minutes`` of opening hours after each time.

        A time outside opening hours first moves to the next opening, which is
        how a ticket created at night gets its answer the next morning. NaN in,
        or a result past the end of the table, gives NaN.
        """
        target = self.to_business(seconds) + minutes
        ok = np.isfinite(target) & (target < self.cumulative[-1])
        safe = np.where(ok, target, 0.0)
        # The last day whose cumulative start is <= target is necessarily open:
        # closed days share their cumulative value with the next day.
        day = np.searchsorted(self.cumulative, safe, side="right") - 1
        day = np.clip(day, 0, self.n_days - 1)
        wall = (day * 1440.0 + self.opens[day] + (safe - self.cumulative[day])) * 60.0
        return np.where(ok, np.maximum(wall, seconds), np.nan)
