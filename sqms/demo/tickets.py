"""Help-desk tickets: when they arrive, what they are about, how fast they are handled.

Volume follows the calendar (the 11.11 and 618 shopping festivals, the Chinese
New Year dip, weekdays and office hours). Handling times are drawn in business
minutes and walked through the opening hours, so night-time tickets are
answered the next opening morning. The storyline tables in
:mod:`sqms.demo.common` bend these draws: Chengdu's difficult summer of 2025 and
the faster chat and web answers after ACT-2026-002.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sqms.demo.common import (
    BILLING_CHANGE,
    BUSINESS_DAY,
    CATEGORIES,
    CHANNELS,
    CHAT,
    CHENGDU,
    CHENGDU_STRAIN,
    DAY,
    DELIVERY,
    L2,
    PRIORITIES,
    RETURNS,
    STATUSES,
    TEAMS,
    TECHNICAL,
    TRIAGE_FROM,
    WEB,
    BoolArray,
    FloatArray,
    IntArray,
    Period,
    labels,
    lognormal,
    numbered,
    pick,
)
from sqms.demo.customers import Customers, customer_ids
from sqms.demo.hours import OpeningHours

_WEEKDAY_VOLUME = np.array([1.15, 1.05, 1.0, 1.0, 0.95, 0.6, 0.45])
# Share of the day's tickets per hour: office hours on working days, flatter otherwise.
# Rows are hours 00-05, 06-11, 12-17 and 18-23.
_HOURS_WORKDAY = np.array(
    [
        [0.4, 0.25, 0.15, 0.1, 0.1, 0.2],
        [0.5, 1.2, 2.5, 6.0, 8.0, 8.0],
        [6.0, 7.0, 7.5, 7.0, 6.0, 5.0],
        [3.5, 3.5, 3.0, 2.5, 1.6, 0.8],
    ]
).ravel()
_HOURS_OFFDAY = np.array(
    [
        [0.6, 0.3, 0.2, 0.1, 0.1, 0.2],
        [0.4, 0.8, 1.6, 3.0, 4.5, 5.0],
        [5.0, 5.0, 5.0, 4.5, 4.0, 4.0],
        [4.0, 4.5, 4.5, 4.0, 2.5, 1.2],
    ]
).ravel()
_CHANNEL_OPEN = (0.30, 0.18, 0.32, 0.20)
_CHANNEL_CLOSED = (0.0, 0.40, 0.25, 0.35)  # no phone line when closed
_PRIORITY = (0.02, 0.13, 0.55, 0.30)
_CATEGORY = np.array([0.18, 0.15, 0.25, 0.14, 0.16, 0.12])
# Home team by customer region (North, East, South, West) among the three L1 teams.
_L1_BY_REGION = np.array(
    [[0.80, 0.12, 0.08], [0.10, 0.82, 0.08], [0.20, 0.45, 0.35], [0.08, 0.07, 0.85]]
)
_L2_DIRECT = np.array([0.04, 0.08, 0.03, 0.30, 0.03, 0.04])  # by category

# First response, business minutes: median and spread by channel.
_FR_MEDIAN = np.array([1.5, 70.0, 6.0, 85.0])
_FR_SIGMA = np.array([0.8, 0.95, 1.0, 0.95])
_FR_PRIORITY = np.array([0.3, 0.6, 1.0, 1.25])
# Resolution after first response, business minutes.
_RES_MEDIAN = np.array([25.0, 400.0, 40.0, 460.0])
_RES_CATEGORY = np.array([1.2, 0.8, 1.6, 2.2, 1.7, 0.9])
_RES_PRIORITY = np.array([0.3, 0.6, 1.0, 1.3])


@dataclass
class _Draft:
    """The drawn attributes of all tickets, as arrays in creation order."""

    created: FloatArray
    day: IntArray
    month: IntArray
    load: FloatArray
    channel: IntArray
    priority: IntArray
    category: IntArray
    customer: IntArray
    team: IntArray
    escalated: BoolArray


def _day_weights(period: Period, hours: OpeningHours) -> FloatArray:
    """Relative ticket volume of each day of the period."""
    n = period.n_days
    day = np.arange(n, dtype=np.float64)
    weight = _WEEKDAY_VOLUME[hours.weekday[:n]] * np.where(hours.holiday[:n], 0.5, 1.0)
    dates = period.origin + np.arange(n)
    month = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    # Chinese New Year: the holiday week and the fortnight after it are quiet.
    weight *= np.where(hours.holiday[:n] & (month <= 2), 0.7, 1.0)
    for year in range(period.start.year, period.start.year + period.months // 12 + 2):
        nov11 = float((np.datetime64(f"{year}-11-11") - period.origin).astype(np.int64))
        jun18 = float((np.datetime64(f"{year}-06-18") - period.origin).astype(np.int64))
        weight *= 1 + 1.6 * np.exp(-0.5 * ((day - nov11 - 1.5) / 3.5) ** 2)
        weight *= 1 + 0.35 * np.exp(-0.5 * ((day - nov11) / 12) ** 2)  # pre-sales and deliveries
        weight *= 1 + 0.9 * np.exp(-0.5 * ((day - jun18 - 1.5) / 3.5) ** 2)
    return np.asarray(weight * (1 + 0.15 * day / n), dtype=np.float64)  # a growing business


def _creation(
    rng: np.random.Generator, period: Period, hours: OpeningHours, n: int
) -> tuple[FloatArray, IntArray, FloatArray]:
    """Sorted creation times, their day offsets and each day's relative load."""
    weights = _day_weights(period, hours)
    cumulative = np.cumsum(weights)
    day = np.searchsorted(cumulative, rng.random(n) * cumulative[-1], side="right")
    day = np.minimum(day, period.n_days - 1).astype(np.int64)
    workday = (hours.weekday[day] < 5) & ~hours.holiday[day]
    hour = np.empty(n, dtype=np.int64)
    for mask, profile in ((workday, _HOURS_WORKDAY), (~workday, _HOURS_OFFDAY)):
        hour_cum = np.cumsum(profile)
        hour[mask] = np.searchsorted(hour_cum, rng.random(int(mask.sum())) * hour_cum[-1], "right")
    created = np.sort(day * DAY + hour * 3600.0 + np.floor(rng.random(n) * 3600.0))
    day = (created // DAY).astype(np.int64)
    return created, day, weights[day] / weights.mean()


def _categories(rng: np.random.Generator, period: Period, month: IntArray) -> IntArray:
    """Ticket categories, month by month: festivals bring delivery and returns questions."""
    category = np.empty(month.size, dtype=np.int64)
    billing = period.table(BILLING_CHANGE)
    for m, (_, number) in enumerate(period.calendar_months):
        rows = np.flatnonzero(month == m)
        probs = _CATEGORY.copy()
        if number in (6, 11, 12):
            probs[[DELIVERY, RETURNS]] *= 1.4
        probs[0] *= 1 + 0.8 * billing[m]
        category[rows] = pick(rng, probs, rows.size)
    return category


def _teams(
    rng: np.random.Generator, region: IntArray, category: IntArray, priority: IntArray
) -> IntArray:
    """The home L1 team of the customer's region, or L2 for specialist topics."""
    team = np.empty(region.size, dtype=np.int64)
    for r in range(len(_L1_BY_REGION)):
        rows = np.flatnonzero(region == r)
        team[rows] = pick(rng, _L1_BY_REGION[r], rows.size)
    direct = rng.random(region.size) < _L2_DIRECT[category] + 0.3 * (priority == 0)
    return np.where(direct, L2, team).astype(np.int64)


def _draft(
    rng: np.random.Generator, period: Period, hours: OpeningHours, customers: Customers, n: int
) -> _Draft:
    created, day, load = _creation(rng, period, hours, n)
    month = period.month_of_day(day)
    channel = np.where(
        hours.is_open(created), pick(rng, _CHANNEL_OPEN, n), pick(rng, _CHANNEL_CLOSED, n)
    ).astype(np.int64)
    priority = pick(rng, _PRIORITY, n)
    category = _categories(rng, period, month)
    customer = customers.assign(rng, period, day)
    team = _teams(rng, customers.region[customer], category, priority)
    escalate = np.where(team == L2, 0.05, np.where(category == TECHNICAL, 0.16, 0.045))
    escalated = rng.random(n) < escalate + 0.3 * (priority == 0)
    return _Draft(created, day, month, load, channel, priority, category, customer, team, escalated)


def _first_response(
    rng: np.random.Generator, period: Period, hours: OpeningHours, d: _Draft, strain: FloatArray
) -> FloatArray:
    """First-response times: business minutes walked through opening hours (P1 on call)."""
    n = d.created.size
    triage = period.since(TRIAGE_FROM)[d.month] * ((d.channel == CHAT) | (d.channel == WEB))
    median = _FR_MEDIAN[d.channel] * _FR_PRIORITY[d.priority] * np.sqrt(d.load)
    median = median * (1 + 2.2 * strain) * (1 - 0.55 * triage)
    minutes = median * np.exp(_FR_SIGMA[d.channel] * rng.standard_normal(n))
    response = hours.add(d.created, minutes)
    # P1 incidents are picked up by the on-call agent at any hour.
    on_call = d.created + 60.0 * lognormal(rng, 12.0, 0.6, n)
    return np.where(d.priority == 0, on_call, response)


@dataclass
class _Timings:
    """What happened to each ticket and when (NaN: not before the export)."""

    first_response: FloatArray
    resolved: FloatArray
    closed: FloatArray
    cancelled: BoolArray
    reopened: BoolArray
    escalated: BoolArray


def _timings(rng: np.random.Generator, period: Period, hours: OpeningHours, d: _Draft) -> _Timings:
    """Response, resolution and closure times, reopen and cancel flags."""
    n = d.created.size
    strain = period.table(CHENGDU_STRAIN)[d.month] * (d.team == CHENGDU)
    response = _first_response(rng, period, hours, d, strain)
    work = _RES_MEDIAN[d.channel] * _RES_CATEGORY[d.category] * _RES_PRIORITY[d.priority]
    work = work * (1 + 2.5 * d.escalated) * (1 + 0.5 * strain)
    minutes = work * np.exp(1.0 * rng.standard_normal(n))
    reopened = rng.random(n) < 0.045 * (1 + 1.8 * strain) * (1 + 0.6 * d.escalated)
    minutes += reopened * lognormal(rng, 600.0, 0.8, n)
    # A few tickets get stuck for weeks or months: the backlog.
    minutes += (rng.random(n) < 0.0025) * rng.uniform(15, 200, n) * BUSINESS_DAY
    resolved = hours.add(response, minutes)
    closed = resolved + rng.uniform(1.0, 5.0, n) * DAY
    cancelled = rng.random(n) < 0.02
    response = np.where(cancelled & (rng.random(n) < 0.4), np.nan, response)
    cancel_at = np.fmax(d.created, response) + rng.uniform(0.05, 3.0, n) * DAY
    resolved = np.where(cancelled, np.nan, resolved)
    closed = np.where(cancelled, cancel_at, closed)
    # Nothing after the export moment has happened yet.
    response, resolved, closed = (
        np.where(t < period.end, t, np.nan) for t in (response, resolved, closed)
    )
    return _Timings(
        first_response=response,
        resolved=resolved,
        closed=closed,
        cancelled=cancelled & np.isfinite(closed),
        reopened=reopened & np.isfinite(resolved),
        escalated=d.escalated & ~cancelled,
    )


def build_tickets(
    rng: np.random.Generator, period: Period, hours: OpeningHours, customers: Customers, n: int
) -> pd.DataFrame:
    """n tickets over the period, in creation order, as the tickets.csv columns."""
    d = _draft(rng, period, hours, customers, n)
    t = _timings(rng, period, hours, d)
    resolved, closed = np.isfinite(t.resolved), np.isfinite(t.closed)
    status = np.select([t.cancelled, closed, resolved], [3, 2, 1], 0).astype(np.int64)
    ids = customer_ids(len(customers.segment))
    customer_id = ids.to_numpy()[d.customer]
    return pd.DataFrame(
        {
            "ticket_id": numbered("T", n, 6),
            "created_at": period.to_datetime(d.created),
            "channel": labels(d.channel, CHANNELS),
            "priority": labels(d.priority, PRIORITIES),
            "team": labels(d.team, TEAMS),
            "category": labels(d.category, CATEGORIES),
            "customer_id": pd.Series(customer_id, dtype="str"),
            "customer_email": pd.Series(customer_id, dtype="str").str.lower() + "@example.com",
            "first_response_at": period.to_datetime(t.first_response),
            "resolved_at": period.to_datetime(t.resolved),
            "closed_at": period.to_datetime(t.closed),
            "status": labels(status, STATUSES),
            "reopened": t.reopened,
            "escalated": t.escalated,
        }
    )
