"""Tests for business time: calendar parsing and durations on the business and wall clocks.

Hand-computed cases spell out their arithmetic; instants are written with their
UTC offset so that each one is unambiguous, even inside a repeated DST hour.
Property tests check the algebra (bounds, additivity, antisymmetry) and compare
the vectorised clock with a slow, obviously-correct reference built on zoneinfo.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sqms.engine.business_time import (
    BusinessCalendar,
    CalendarError,
    DayHours,
    business_hours,
    make_calendar,
    parse_holidays,
    parse_hours,
    parse_weekdays,
    wall_hours,
)
from sqms.i18n import use_language

SUPPORT = make_calendar(
    "Asia/Shanghai",
    {"mon-fri": "09:00-18:00", "sat": "10:00-14:00"},
    [dt.date(2026, 1, 1), "2026-02-16..2026-02-22"],
)
ALL_DAY = ((0, 1440),)
CLOSED: DayHours = ()


def _calendar(
    timezone: str, hours: DayHours, days: str = "daily", holidays: tuple[str, ...] = ()
) -> BusinessCalendar:
    """A calendar open ``hours`` on ``days`` (closed otherwise)."""
    chosen = set(parse_weekdays(days))
    week = tuple(hours if day in chosen else CLOSED for day in range(7))
    return BusinessCalendar(timezone, week, parse_holidays(holidays))


def _instants(values: list[str | None]) -> pd.Series:
    """A UTC Series from ISO instants with offsets (None = missing)."""
    return pd.Series(pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601"))


def _business(calendar: BusinessCalendar, start: str, end: str) -> float:
    """Business hours of one interval given as ISO instants."""
    return float(business_hours(calendar, _instants([start]), _instants([end])).iloc[0])


# --- hand-computed durations -------------------------------------------------

# SUPPORT: Asia/Shanghai (+08:00, no DST), Mon-Fri 09-18 (9 h), Sat 10-14 (4 h),
# closed Sun, 2026-01-01 (Thu) and 2026-02-16 (Mon) .. 2026-02-22 (Sun).
SUPPORT_CASES = [
    # Mon: opens 09:00, so 09:00-10:30 = 1.5
    ("2026-01-05T08:00+08:00", "2026-01-05T10:30+08:00", 1.5),
    # the same instants written in UTC: 00:00Z = 08:00 local
    ("2026-01-05T00:00Z", "2026-01-05T02:30Z", 1.5),
    # Fri 17-18 = 1, Sat 10-14 = 4, Sun 0, Mon 09-10 = 1 -> 6
    ("2026-01-02T17:00+08:00", "2026-01-05T10:00+08:00", 6.0),
    # Wed 17-18 = 1, Thu 2026-01-01 holiday = 0, Fri 09-10 = 1 -> 2
    ("2025-12-31T17:00+08:00", "2026-01-02T10:00+08:00", 2.0),
    # Fri 02-13 17-18 = 1, Sat 10-14 = 4, holiday week 16..22 = 0, Mon 23 09:00-09:30 = 0.5
    ("2026-02-13T17:00+08:00", "2026-02-23T09:30+08:00", 5.5),
    # Mon 29, Tue 30, Wed 31 = 3 x 9 = 27, Thu holiday, Fri 9, Sat 4, Sun 0 -> 40
    ("2025-12-29T00:00+08:00", "2026-01-05T00:00+08:00", 40.0),
    # four plain weeks (no holidays in March): 4 x (5 x 9 + 4) = 196
    ("2026-03-02T00:00+08:00", "2026-03-30T00:00+08:00", 196.0),
    # both ends outside opening hours on the same day: the whole 09-18 = 9
    ("2026-01-06T06:00+08:00", "2026-01-06T23:00+08:00", 9.0),
    # inside one closed period, Sat 15:00 to Sun 20:00 -> 0
    ("2026-01-03T15:00+08:00", "2026-01-04T20:00+08:00", 0.0),
    # inside a holiday -> 0
    ("2026-02-17T10:00+08:00", "2026-02-17T17:00+08:00", 0.0),
    # zero length, during opening hours -> 0
    ("2026-01-05T11:00+08:00", "2026-01-05T11:00+08:00", 0.0),
    # seconds count: 09:00:00 to 09:00:36 = 36 s = 0.01 h
    ("2026-01-05T09:00:00+08:00", "2026-01-05T09:00:36+08:00", 0.01),
    # negative: the reverse of the 6-hour case above
    ("2026-01-05T10:00+08:00", "2026-01-02T17:00+08:00", -6.0),
]


@pytest.mark.parametrize(("start", "end", "expected"), SUPPORT_CASES)
def test_support_calendar(start: str, end: str, expected: float) -> None:
    assert _business(SUPPORT, start, end) == pytest.approx(expected, abs=1e-9)


def test_split_day() -> None:
    calendar = _calendar("UTC", parse_hours("09:00-12:00, 13:00-18:00"), "mon-fri")
    # Mon 10:00-14:00: 10-12 = 2, lunch 0, 13-14 = 1 -> 3
    assert _business(calendar, "2026-01-05T10:00Z", "2026-01-05T14:00Z") == pytest.approx(3.0)
    # within the lunch break -> 0
    assert _business(calendar, "2026-01-05T12:10Z", "2026-01-05T12:50Z") == 0.0


def test_24_hour_day() -> None:
    calendar = _calendar("UTC", ALL_DAY, "mon")
    # Sun 20:00 to Tue 06:00: only Monday counts, all 24 hours of it
    assert _business(calendar, "2026-01-04T20:00Z", "2026-01-06T06:00Z") == pytest.approx(24.0)


def test_calendar_closed_every_day() -> None:
    calendar = _calendar("Europe/London", CLOSED)
    assert _business(calendar, "2026-01-01T00:00Z", "2026-03-01T00:00Z") == 0.0


# Europe/London, 2026: clocks go 01:00 GMT -> 02:00 BST on Sun 29 March (local 01:00-02:00
# never happens) and 02:00 BST -> 01:00 GMT on Sun 25 October (local 01:00-02:00 happens twice).
LONDON_DST_CASES = [
    # spring, open 00:00-03:00: 00:00 GMT = 00:00Z to 03:00 BST = 02:00Z -> 2
    ("00:00-03:00", "2026-03-29T00:00Z", "2026-03-29T11:00Z", 2.0),
    # spring, 01:30-02:30: 01:30 does not exist -> opens 02:00 BST = 01:00Z; closes 02:30 BST
    # = 01:30Z -> 0.5
    ("01:30-02:30", "2026-03-29T00:00Z", "2026-03-29T11:00Z", 0.5),
    # autumn, 00:00-03:00: 00:00 BST = 24 Oct 23:00Z to 03:00 GMT = 03:00Z -> 4
    ("00:00-03:00", "2026-10-24T11:00Z", "2026-10-25T12:00Z", 4.0),
    # autumn, 01:30-02:30: first 01:30 (BST) = 00:30Z to 02:30 GMT = 02:30Z -> 2
    ("01:30-02:30", "2026-10-24T11:00Z", "2026-10-25T12:00Z", 2.0),
    # autumn, 00:00-01:30 closes at the first 01:30: 24 Oct 23:00Z to 00:30Z -> 1.5
    ("00:00-01:30", "2026-10-24T11:00Z", "2026-10-25T12:00Z", 1.5),
    # ... so during the second 01:00-01:30 (GMT) the desk is closed -> 0
    ("00:00-01:30", "2026-10-25T01:00+00:00", "2026-10-25T01:30+00:00", 0.0),
    # open all day: the spring day lasts 23 hours, the autumn day 25
    ("00:00-24:00", "2026-03-29T00:00+00:00", "2026-03-30T00:00+01:00", 23.0),
    ("00:00-24:00", "2026-10-25T00:00+01:00", "2026-10-26T00:00+00:00", 25.0),
    # open all day, from the first 01:15 to the second 01:15 -> 1
    ("00:00-24:00", "2026-10-25T01:15+01:00", "2026-10-25T01:15+00:00", 1.0),
]


@pytest.mark.parametrize(("hours", "start", "end", "expected"), LONDON_DST_CASES)
def test_london_daylight_saving(hours: str, start: str, end: str, expected: float) -> None:
    calendar = _calendar("Europe/London", parse_hours(hours))
    assert _business(calendar, start, end) == pytest.approx(expected, abs=1e-9)


def test_half_hour_dst_change() -> None:
    # Australia/Lord_Howe, Sun 5 Oct 2025: 02:00 (+10:30) jumps to 02:30 (+11:00) at 15:30Z.
    # Open 00:00-02:15: opens 00:00 +10:30 = 4 Oct 13:30Z; 02:15 is skipped, so it closes
    # when the clocks jump, 15:30Z -> 2 hours (not 2.25, and not 2.5 as an hour-long shift
    # would give).
    calendar = _calendar("Australia/Lord_Howe", parse_hours("00:00-02:15"))
    assert _business(calendar, "2025-10-04T12:00Z", "2025-10-04T18:00Z") == pytest.approx(2.0)


def test_two_hour_dst_change() -> None:
    # Antarctica/Troll, Sun 29 Mar 2026: 01:00 (+00:00) jumps to 03:00 (+02:00) at 01:00Z.
    # Open 01:00-04:00: 01:00 is skipped, so it opens at the jump, 01:00Z; closes 04:00 +02:00
    # = 02:00Z -> 1 hour.
    calendar = _calendar("Antarctica/Troll", parse_hours("01:00-04:00"))
    assert _business(calendar, "2026-03-28T12:00Z", "2026-03-29T12:00Z") == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("start", "end", "wall"),
    [
        # spring forward Sun 8 March: Fri 09:00 EST = 14:00Z to Mon 17:00 EDT = 21:00Z
        # -> wall 3 d + 7 h = 79 (one local hour lost)
        ("2026-03-06T09:00-05:00", "2026-03-09T17:00-04:00", 79.0),
        # fall back Sun 1 November: Fri 09:00 EDT = 13:00Z to Mon 17:00 EST = 22:00Z
        # -> wall 3 d + 9 h = 81 (one local hour repeated)
        ("2026-10-30T09:00-04:00", "2026-11-02T17:00-05:00", 81.0),
    ],
)
def test_new_york_weekend_with_dst_change(start: str, end: str, wall: float) -> None:
    calendar = _calendar("America/New_York", parse_hours("09:00-17:00"), "mon-fri")
    # Friday 8 + Monday 8 business hours, whatever happens to the clocks on Sunday
    assert _business(calendar, start, end) == pytest.approx(16.0)
    assert wall_hours(_instants([start]), _instants([end])).iloc[0] == pytest.approx(wall)


# --- input handling ----------------------------------------------------------


def test_missing_values_give_nan_and_keep_the_index() -> None:
    start = _instants(["2026-01-05T09:00+08:00", None, "2026-01-05T09:00+08:00"])
    end = _instants(["2026-01-05T10:00+08:00", "2026-01-05T10:00+08:00", None])
    start.index = end.index = pd.Index(["T-1", "T-2", "T-3"])
    for result in (business_hours(SUPPORT, start, end), wall_hours(start, end)):
        assert result.dtype == np.float64
        assert list(result.index) == ["T-1", "T-2", "T-3"]
        assert result.iloc[0] == pytest.approx(1.0)
        assert result.iloc[1:].isna().all()


def test_all_missing_and_empty() -> None:
    missing = _instants([None, None])
    assert business_hours(SUPPORT, missing, missing).isna().all()
    empty = _instants([])
    assert business_hours(SUPPORT, empty, empty).empty
    assert wall_hours(empty, empty).dtype == np.float64


def test_input_time_zone_and_unit_do_not_matter() -> None:
    start = _instants(["2026-01-02T17:00+08:00"]).dt.tz_convert("America/Los_Angeles")
    end = _instants(["2026-01-05T10:00+08:00"]).dt.tz_convert("Asia/Tokyo").dt.as_unit("s")
    assert business_hours(SUPPORT, start, end).iloc[0] == pytest.approx(6.0)


def test_naive_times_are_refused() -> None:
    naive = pd.Series(pd.to_datetime(["2026-01-05 09:00"]))
    with pytest.raises(TypeError, match="time zone"):
        business_hours(SUPPORT, naive, naive)
    with pytest.raises(TypeError, match="time zone"):
        wall_hours(naive, naive)


def test_mismatched_indexes_are_refused() -> None:
    start = _instants(["2026-01-05T09:00Z"])
    end = _instants(["2026-01-05T10:00Z"])
    end.index = pd.Index([7])
    with pytest.raises(ValueError, match="same index"):
        business_hours(SUPPORT, start, end)


# --- parsing -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("sat", (5,)),
        ("mon,wed,fri", (0, 2, 4)),
        (" Tue , THU ", (1, 3)),
        ("sat-sun", (5, 6)),
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
        ("Daily", (0, 1, 2, 3, 4, 5, 6)),
        ("monday", (0,)),
        ("Wednesday-Friday", (2, 3, 4)),
        ("fri-mon", (4, 5, 6, 0)),
        ("mon - wed, sat", (0, 1, 2, 5)),
    ],
)
def test_parse_weekdays(text: str, expected: tuple[int, ...]) -> None:
    assert parse_weekdays(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no weekday"),
        ("funday", 'unknown weekday "funday"'),
        ("mon-", "unknown weekday"),
        ("mon,,fri", "unknown weekday"),
        ("mon-fri-sat", "unknown weekday"),
        ("daily,sun", "unknown weekday"),
        ("mon-fri,wed", 'wed is named twice in "mon-fri,wed"'),
    ],
)
def test_parse_weekdays_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_weekdays(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00-18:00", ((540, 1080),)),
        ("9:00-17:30", ((540, 1050),)),
        ("09:00-12:00, 13:00-18:00", ((540, 720), (780, 1080))),
        ("13:00-18:00,09:00-12:00", ((540, 720), (780, 1080))),
        ("09:00-12:00,12:00-13:00", ((540, 720), (720, 780))),
        ("00:00-24:00", ((0, 1440),)),
        ("closed", ()),
        (" Closed ", ()),
    ],
)
def test_parse_hours(text: str, expected: DayHours) -> None:
    assert parse_hours(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "invalid opening hours"),
        ("09:00", 'invalid opening hours "09:00"'),
        ("09:00-18:00-19:00", "invalid opening hours"),
        ("09:00-12:00,", 'invalid opening hours ""'),
        ("9-17", 'invalid time "9"'),
        ("9:00am-5:00pm", 'invalid time "9:00am"'),
        ("25:00-26:00", 'invalid time "25:00"'),
        ("09:60-10:00", 'invalid time "09:60"'),
        ("10:00-24:30", 'invalid time "24:30"'),
        ("18:00-09:00", "do not end after they start"),
        ("09:00-09:00", "do not end after they start"),
        ("24:00-24:00", "do not end after they start"),
        ("09:00-12:00, 11:00-13:00", "09:00-12:00 and 11:00-13:00 overlap"),
    ],
)
def test_parse_hours_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_hours(text)


def test_parse_holidays() -> None:
    parsed = parse_holidays([dt.date(2026, 1, 1), "2026-05-01", " 2026-02-16..2026-02-18 "])
    expected = {dt.date(2026, 1, 1), dt.date(2026, 5, 1)}
    expected |= {dt.date(2026, 2, day) for day in (16, 17, 18)}
    assert parsed == frozenset(expected)
    # overlapping items are merged; a whole leap year (366 days) is allowed
    assert len(parse_holidays(["2024-01-01..2024-12-31", "2024-06-01"])) == 366
    assert parse_holidays([]) == frozenset()


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("2026-02-30", 'invalid holiday "2026-02-30"'),
        ("2026/01/01", 'invalid holiday "2026/01/01"'),
        ("20260101", 'invalid holiday "20260101"'),
        ("2026-01-01..", 'invalid holiday "2026-01-01.."'),
        (dt.datetime(2026, 1, 1, 9, 0), "invalid holiday"),
        (20260101, 'invalid holiday "20260101"'),
        (None, 'invalid holiday "None"'),
        ("2026-02-22..2026-02-16", 'range "2026-02-22..2026-02-16" ends before it starts'),
        ("2026-01-01..2027-01-02", "spans 367 days"),
    ],
)
def test_parse_holidays_errors(item: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_holidays(["2026-01-01", item])


def test_parse_holidays_refuses_a_bare_string() -> None:
    with pytest.raises(ValueError, match="list of dates"):
        parse_holidays("2026-01-01")


def test_make_calendar() -> None:
    nine_to_six = ((540, 1080),)
    assert SUPPORT.timezone == "Asia/Shanghai"
    assert SUPPORT.hours == (*[nine_to_six] * 5, ((600, 840),), ())
    assert len(SUPPORT.holidays) == 1 + 7


def test_make_calendar_collects_every_problem() -> None:
    with pytest.raises(CalendarError) as caught:
        make_calendar(
            "Mars/Olympus_Mons",
            {
                "mon-fri": "09:00-18:00",
                "fri-sun": "10:00-14:00",
                "funday": "09:00-10:00",
                "tue": "18:00-09:00",
                "sun": None,  # type: ignore[dict-item]
            },
            ["2026-01-01", "2026-13-01", "2026-02-22..2026-02-16"],
        )
    problems = caught.value.problems
    assert [key for key, _ in problems] == [
        "timezone",
        "fri-sun",
        "funday",
        "tue",
        "sun",
        "holidays[1]",
        "holidays[2]",
    ]
    assert 'unknown time zone "Mars/Olympus_Mons"' in problems[0][1]
    assert problems[1][1] == 'opening hours for fri are already given under "mon-fri"'
    assert "holidays[1]: " in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_make_calendar_reports_shapes() -> None:
    with pytest.raises(CalendarError) as caught:
        make_calendar("", ["mon"], "2026-01-01")  # type: ignore[arg-type]
    assert [key for key, _ in caught.value.problems] == ["timezone", "hours", "holidays"]


def test_messages_are_translated() -> None:
    with use_language("zh"), pytest.raises(CalendarError) as caught:
        make_calendar("Nowhere/City", {"mon": "9-17"}, [])
    assert caught.value.problems == [
        (
            "timezone",
            "未知的时区“Nowhere/City”：请使用 IANA 时区名，如 Asia/Shanghai 或 Europe/London",
        ),
        ("mon", "无效的时间“9”：请使用 00:00 至 24:00 之间的 HH:MM"),
    ]


@pytest.mark.parametrize(
    "hours",
    [
        (((540, 1080),),) * 6,
        (((540, 1080), (1000, 1100)),) + ((),) * 6,
        (((600, 540),),) + ((),) * 6,
        (((0, 1441),),) + ((),) * 6,
    ],
)
def test_calendar_refuses_a_malformed_hours_table(hours: tuple[DayHours, ...]) -> None:
    with pytest.raises(ValueError, match="opening hours"):
        BusinessCalendar("UTC", hours, frozenset())


# --- properties --------------------------------------------------------------

ZONES = (
    "UTC",
    "Asia/Shanghai",
    "Europe/London",
    "America/New_York",
    "Australia/Lord_Howe",  # DST shifts by 30 minutes
    "America/Santiago",  # DST changes at midnight: 00:00 is skipped or repeated
    "Antarctica/Troll",  # DST shifts by two hours
)
DAY = 86_400


def _transitions(zone: str) -> list[int]:
    """UTC seconds (to the hour) at which ``zone`` changes its offset in 2025-2026."""
    hours = pd.date_range("2025-01-01", "2027-01-01", freq="h", tz="UTC", unit="s")
    offsets = (hours.tz_convert(zone).tz_localize(None) - hours.tz_localize(None)).to_numpy()
    changed = np.flatnonzero(np.diff(offsets.astype(np.int64))) + 1
    return [int(stamp.timestamp()) for stamp in hours[changed]]


# Instants are drawn near the zone's DST changes (or anywhere in 2025-2026), so
# that the awkward days are exercised often rather than once a year.
TRANSITIONS = {zone: _transitions(zone) for zone in ZONES}
ANYWHERE = [int(pd.Timestamp(f"2025-{month:02d}-15", tz="UTC").timestamp()) for month in (1, 6)]


def _pairs(edges: list[int]) -> DayHours:
    """Sorted distinct minute edges, paired up into opening intervals."""
    ordered = sorted(set(edges))
    return tuple(zip(ordered[0:-1:2], ordered[1::2], strict=True))


# Edges on the quarter hour meet DST changes exactly; odd minutes catch the rest.
_edge = st.one_of(st.integers(0, 96).map(lambda quarter: quarter * 15), st.integers(0, 1440))
_day_hours = st.one_of(st.just(CLOSED), st.just(ALL_DAY), st.lists(_edge, max_size=6).map(_pairs))
_offset = st.one_of(
    st.integers(-4 * DAY, 4 * DAY),  # any second near the centre
    st.integers(-4 * 96, 4 * 96).map(lambda quarter: quarter * 900),  # exactly on a boundary
    st.integers(-60 * DAY, 60 * DAY),  # spans of many weeks
)


@st.composite
def _scenario(
    draw: st.DrawFn, all_day: bool = False, rows: int = 25
) -> tuple[BusinessCalendar, list[pd.Series]]:
    """A calendar and three equally long Series of instants a, b, c around its DST changes."""
    zone = draw(st.sampled_from(ZONES))
    centre = draw(st.sampled_from(TRANSITIONS[zone] or ANYWHERE))
    if all_day:
        calendar = BusinessCalendar(zone, (ALL_DAY,) * 7, frozenset())
    else:
        hours = draw(st.tuples(*[_day_hours] * 7))
        centre_date = dt.datetime.fromtimestamp(centre, dt.UTC).date()
        near = st.integers(-6, 6).map(lambda days: centre_date + dt.timedelta(days=days))
        calendar = BusinessCalendar(zone, hours, draw(st.frozensets(near, max_size=4)))
    size = draw(st.integers(1, rows))
    columns = []
    for _ in range(3):
        seconds = np.array(draw(st.lists(_offset, min_size=size, max_size=size))) + centre
        index = pd.DatetimeIndex(seconds.astype("datetime64[s]")).tz_localize("UTC")
        columns.append(pd.Series(index))
    return calendar, columns


PROPERTY_SETTINGS = settings(max_examples=60, deadline=None)


@PROPERTY_SETTINGS
@given(_scenario())
def test_business_time_is_between_zero_and_wall_time(
    scenario: tuple[BusinessCalendar, list[pd.Series]],
) -> None:
    calendar, (a, b, _) = scenario
    start, end = a.where(a <= b, b), a.where(a > b, b)
    business = business_hours(calendar, start, end).to_numpy()
    assert (business >= 0).all()
    assert (business <= wall_hours(start, end).to_numpy() + 1e-9).all()


@PROPERTY_SETTINGS
@given(_scenario())
def test_business_time_is_additive(scenario: tuple[BusinessCalendar, list[pd.Series]]) -> None:
    calendar, (a, b, c) = scenario
    whole = business_hours(calendar, a, c).to_numpy()
    parts = (business_hours(calendar, a, b) + business_hours(calendar, b, c)).to_numpy()
    np.testing.assert_allclose(whole, parts, rtol=0, atol=1e-9)


@PROPERTY_SETTINGS
@given(_scenario())
def test_business_time_is_antisymmetric(
    scenario: tuple[BusinessCalendar, list[pd.Series]],
) -> None:
    calendar, (a, b, _) = scenario
    forward = business_hours(calendar, a, b).to_numpy()
    np.testing.assert_array_equal(forward, -business_hours(calendar, b, a).to_numpy())


@PROPERTY_SETTINGS
@given(_scenario(all_day=True))
def test_always_open_equals_wall_time(scenario: tuple[BusinessCalendar, list[pd.Series]]) -> None:
    calendar, (a, b, _) = scenario
    business = business_hours(calendar, a, b).to_numpy()
    np.testing.assert_allclose(business, wall_hours(a, b).to_numpy(), rtol=0, atol=1e-9)


def _utc_of_wall_time(local: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant a desk opens or closes at local wall time ``local``.

    The first occurrence of a repeated time; for a time that never happens
    (skipped by a DST change) the instant the clocks jump past it.
    """
    candidates = [local.replace(tzinfo=zone, fold=fold).astimezone(dt.UTC) for fold in (0, 1)]
    real = [c for c in candidates if c.astimezone(zone).replace(tzinfo=None) == local]
    if real:
        return min(real)
    instant = min(candidates)
    while instant.astimezone(zone).replace(tzinfo=None) < local:
        instant += dt.timedelta(minutes=1)
    return instant


def _reference_hours(calendar: BusinessCalendar, start: dt.datetime, end: dt.datetime) -> float:
    """Business hours the slow, direct way: overlap with each day's opening intervals."""
    if end < start:
        return -_reference_hours(calendar, end, start)
    zone = ZoneInfo(calendar.timezone)
    total = dt.timedelta(0)
    day = start.astimezone(zone).date() - dt.timedelta(days=1)
    while day <= end.astimezone(zone).date() + dt.timedelta(days=1):
        if day not in calendar.holidays:
            midnight = dt.datetime.combine(day, dt.time())
            for open_minute, close_minute in calendar.hours[day.weekday()]:
                opens = _utc_of_wall_time(midnight + dt.timedelta(minutes=open_minute), zone)
                closes = _utc_of_wall_time(midnight + dt.timedelta(minutes=close_minute), zone)
                total += max(min(closes, end) - max(opens, start), dt.timedelta(0))
        day += dt.timedelta(days=1)
    return total / dt.timedelta(hours=1)


@settings(max_examples=40, deadline=None)
@given(_scenario(rows=6))
def test_matches_the_reference_computation(
    scenario: tuple[BusinessCalendar, list[pd.Series]],
) -> None:
    calendar, (a, b, _) = scenario
    # Give the ends in another zone: only the instants may matter.
    result = business_hours(calendar, a, b.dt.tz_convert("Asia/Kolkata")).to_numpy()
    expected = [
        _reference_hours(calendar, start.to_pydatetime(), end.to_pydatetime())
        for start, end in zip(a, b, strict=True)
    ]
    np.testing.assert_allclose(result, expected, rtol=0, atol=1e-9)
