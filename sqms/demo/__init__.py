"""Deterministic sample service data for "Northwind Care", a fictional help desk.

The sample lets the quality manual, the indicators and the published site be
built and demonstrated without real customer data. It is generated, not
collected: every table comes from one seed, so a re-run writes byte-identical
files, and it carries the textures a service manager should be able to see in
the charts (festival peaks, a team's difficult months, a complaint cluster, an
action that worked and one that did not).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from sqms.demo.common import Period
from sqms.demo.complaints import build_complaints
from sqms.demo.customers import Customers, build_customers
from sqms.demo.feedback import TicketFacts, build_qa_reviews, build_surveys
from sqms.demo.hours import OpeningHours
from sqms.demo.output import write_csv, write_jsonl, write_parquet
from sqms.demo.tickets import build_tickets

DEMO_SEED = 20_261_124
DEMO_START = date(2024, 11, 1)
DEMO_MONTHS = 24
TICKETS_PER_CUSTOMER = 5  # about 6,000 customers for the 30,000-ticket sample
COMPLAINTS_PER_TICKET = 400 / 30_000

__all__ = ["DEMO_SEED", "generate_demo", "generate_tickets", "write_demo_data"]


@dataclass(frozen=True)
class _Base:
    """The period, its opening hours, the random streams, the customers and tickets."""

    period: Period
    hours: OpeningHours
    streams: list[np.random.Generator]
    customers: Customers
    tickets: pd.DataFrame


def _base(n: int, seed: int, start: date, months: int) -> _Base:
    """Customers and tickets: the part every sample starts from.

    Each table gets its own random stream spawned from the seed, so adding or
    changing one table never changes the draws of another.
    """
    period = Period(start, months)
    hours = OpeningHours(period)
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(5)]
    customers = build_customers(streams[0], period, max(50, n // TICKETS_PER_CUSTOMER))
    tickets = build_tickets(streams[1], period, hours, customers, n)
    return _Base(period, hours, streams, customers, tickets)


def generate_tickets(
    n: int, *, seed: int = DEMO_SEED, start: date = DEMO_START, months: int = DEMO_MONTHS
) -> pd.DataFrame:
    """n tickets over ``months`` whole months from ``start`` (the tickets.csv table).

    Timestamps are naive local ``datetime64[us]``, flags ``bool``, text ``str``.
    Identical to ``generate_demo(tickets=n, seed=seed)["tickets"]`` for the
    default period. Vectorised throughout: a million tickets take seconds.
    """
    return _base(n, seed, start, months).tickets


def generate_demo(*, tickets: int = 30_000, seed: int = DEMO_SEED) -> dict[str, pd.DataFrame]:
    """All sample tables, derived consistently from one seed.

    Keys: ``tickets``, ``surveys``, ``customers``, ``qa_reviews`` and
    ``complaints``. Timestamps and dates are naive local datetime64 columns,
    flags bool (``satisfied`` a nullable boolean), text ``str`` with missing
    values as NA.
    """
    if tickets < 1:
        raise ValueError("the sample needs at least one ticket")
    base = _base(tickets, seed, DEMO_START, DEMO_MONTHS)
    period, hours, streams, table = base.period, base.hours, base.streams, base.tickets
    facts = TicketFacts.of(table, period, hours)
    n_complaints = max(10, round(tickets * COMPLAINTS_PER_TICKET))
    return {
        "tickets": table,
        "surveys": build_surveys(streams[2], table, facts, period),
        "customers": base.customers.frame(period),
        "qa_reviews": build_qa_reviews(streams[3], table, facts, period, hours),
        "complaints": build_complaints(streams[4], table, facts, period, hours, n_complaints),
    }


def write_demo_data(
    out_dir: Path, *, tickets: int = 30_000, seed: int = DEMO_SEED, fmt: str = "csv"
) -> list[Path]:
    """Write the sample files under ``out_dir`` and return the paths written.

    ``fmt="parquet"`` writes the tickets as ``tickets.parquet`` instead of
    ``tickets.csv`` (large benchmark samples); the other files are unchanged.
    """
    if fmt not in ("csv", "parquet"):
        raise ValueError(f"unknown format {fmt!r}: use 'csv' or 'parquet'")
    tables = generate_demo(tickets=tickets, seed=seed)
    if fmt == "parquet":
        ticket_path = write_parquet(tables["tickets"], out_dir / "tickets.parquet")
    else:
        ticket_path = write_csv(tables["tickets"], out_dir / "tickets.csv")
    return [
        ticket_path,
        write_jsonl(tables["surveys"], out_dir / "surveys.jsonl"),
        write_csv(tables["customers"], out_dir / "customers.csv", dates=("start_date", "end_date")),
        write_csv(tables["qa_reviews"], out_dir / "qa_reviews.csv"),
        write_csv(tables["complaints"], out_dir / "registers" / "complaints.csv"),
    ]
