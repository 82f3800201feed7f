"""Whole plans on generated data: the DuckDB engine's results equal the pandas path's exactly.

Hypothesis writes a project (a tickets export and a complaints export with
nulls, NaN, ties, empty groups, times around midnight and DST nights, and a
plan of indicators with conditions, breakdowns and periods drawn at random),
loads it once and computes it on each engine. Every column of the results
table must be equal — value, n, numerator, denominator, interval, target and
status — not merely close.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sqms.engine.compute import compute
from sqms.engine.sql.engine import open_engine
from sqms.project import load_project
from sqms.schema.datasets import EngineSpec
from tests.support.projects import write_project

ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Shanghai", "Australia/Lord_Howe"]
CONDITIONS = [
    "wait_h <= {c}",
    "wait_h > {c} or resolved",
    "not resolved",
    "channel == 'chat'",
    "channel != 'chat'",
    "channel in ['mail', 'phone']",
    "score >= 9",
    "score in [0, 6, 10]",
    "wait_h % 3 == {i}",
    "wait_h / score > {c}",
    "coalesce(wait_h, 0) < {c}",
    "month(created_at) == {m}",
    "weekday(created_at) < 5 and hour(created_at) >= 9",
    "abs(wait_h - {c}) < 2",
    "wait_h is null",
    "score is not null and resolved",
]
CHURN_CONDITIONS = ["channel == 'chat'", "end is null", "month(start) != 12", "hour(start) < 12"]
MEASURES = ["count", "share", "sum", "mean", "median", "quantile", "nps", "ratio", "churn"]


@st.composite
def conditions(draw: Any) -> str:
    template = draw(st.sampled_from(CONDITIONS))
    return template.format(
        c=draw(st.sampled_from([0, 1, 2.5, 4, 7])),
        i=draw(st.integers(0, 2)),
        m=draw(st.integers(1, 12)),
    )


def wall_clock(stamp: pd.Timestamp, zone: str) -> str:
    """``stamp`` as a local time that exists once in ``zone``; moved on 3 hours if not.

    A time skipped or repeated by a daylight-saving change is an error in the
    data (tested elsewhere), not a plan to compare.
    """
    try:
        stamp.tz_localize(zone, ambiguous="raise", nonexistent="raise")
    except (ValueError, OverflowError):  # pytz-style AmbiguousTimeError, NonExistentTimeError
        stamp += pd.Timedelta(hours=3)
    return stamp.strftime("%Y-%m-%d %H:%M:%S")


@st.composite
def tickets(draw: Any, zone: str) -> str:
    size = draw(st.integers(0, 40))
    start = pd.Timestamp("2025-12-20")
    minutes = draw(st.lists(st.integers(0, 60 * 24 * 120), min_size=size, max_size=size))
    wait = st.one_of(
        st.none(),
        st.sampled_from([0, 1, 2.5, 3, 4, 10]),
        st.floats(0, 1e3, allow_nan=False, allow_infinity=False, width=32),
    )
    lines = ["id,created_at,channel,wait_h,resolved,score"]
    for number, minute in enumerate(minutes):
        created = wall_clock(start + pd.Timedelta(minutes=minute), zone)
        channel = draw(st.sampled_from(["chat", "mail", "phone", ""]))
        hours = draw(wait)
        resolved = draw(st.sampled_from(["true", "false", ""]))
        score = draw(st.sampled_from(["", *map(str, range(11))]))
        text = "" if hours is None else repr(hours)
        lines.append(f"{number},{created},{channel},{text},{resolved},{score}")
    return "\n".join(lines) + "\n"


@st.composite
def complaints(draw: Any) -> str:
    size = draw(st.integers(0, 12))
    days = draw(st.lists(st.integers(0, 120), min_size=size, max_size=size))
    lines = ["received_at,channel,cost"]
    for day in days:
        received = (pd.Timestamp("2025-12-20") + pd.Timedelta(days=day)).strftime("%Y-%m-%d")
        channel = draw(st.sampled_from(["chat", "mail", "phone", ""]))
        cost = draw(st.sampled_from(["", "0", "12.5", "0.1", "3"]))
        lines.append(f"{received} 10:00:00,{channel},{cost}")
    return "\n".join(lines) + "\n"


@st.composite
def customers(draw: Any, zone: str) -> str:
    size = draw(st.integers(0, 25))
    lines = ["customer,start,end,channel"]
    for number in range(size):
        start = pd.Timestamp("2025-11-01") + pd.Timedelta(
            minutes=draw(st.integers(0, 60 * 24 * 150))
        )
        end = draw(st.one_of(st.none(), st.integers(-30, 150)))
        ended = "" if end is None else (start + pd.Timedelta(days=end)).strftime("%Y-%m-%d")
        started = "" if draw(st.integers(0, 9)) == 0 else wall_clock(start, zone)
        channel = draw(st.sampled_from(["chat", "mail", ""]))
        lines.append(f"c{number},{started},{ended},{channel}")
    return "\n".join(lines) + "\n"


@st.composite
def indicators(draw: Any, number: int) -> str:
    measure = draw(st.sampled_from(MEASURES))
    lines = [f"  i{number}:", f"    name: Indicator {number}", "    family: quality"]
    lines.append(f"    measure: {measure}")
    if measure == "ratio":
        side = draw(
            st.sampled_from(
                ["{dataset: complaints}", "{dataset: complaints, measure: sum, column: cost}"]
            )
        )
        lines.append(f"    numerator: {side}")
        where = draw(st.one_of(st.none(), conditions()))
        bottom = "{dataset: tickets" + (f', where: "{where}"' if where else "") + "}"
        lines.append(f"    denominator: {bottom}")
        lines.append(f"    scale: {draw(st.sampled_from([1, 100, 1000]))}")
    elif measure == "churn":
        lines += ["    dataset: customers", "    start: start", "    end: end"]
        if draw(st.booleans()):
            lines.append(f'    where: "{draw(st.sampled_from(CHURN_CONDITIONS))}"')
    else:
        lines.append("    dataset: tickets")
        if measure in ("sum", "mean", "median", "quantile"):
            lines.append(f"    column: {draw(st.sampled_from(['wait_h', 'score']))}")
        if measure == "nps":
            lines.append("    column: score")
        if measure == "quantile":
            lines.append(f"    q: {draw(st.sampled_from([0.07, 0.1, 0.25, 0.5, 0.9, 0.95, 1.0]))}")
            lines.append(f"    method: {draw(st.sampled_from(['nearest_rank', 'linear']))}")
        if measure == "share" or draw(st.booleans()):
            lines.append(f'    where: "{draw(conditions())}"')
        if measure == "share":
            lines.append(f'    among: "{draw(conditions())}"')
    if draw(st.booleans()):
        lines.append("    by: [channel]")
    lines.append(f"    period: {draw(st.sampled_from(['week', 'month', 'quarter']))}")
    if draw(st.booleans()):
        lines.append(f"    target: {draw(st.sampled_from([0.5, 3, 50]))}")
    units = {"count": "count", "sum": "count", "ratio": "count", "churn": "percent"}
    lines.append(f"    unit: {units.get(measure, 'score')}")
    return "\n".join(lines)


@st.composite
def projects(draw: Any) -> dict[str, str]:
    zone = draw(st.sampled_from(ZONES))
    datasets = f"""\
timezone: {zone}
datasets:
  tickets:
    file: tickets.csv
    key: id
    time: created_at
    columns:
      id: string
      created_at: {{type: datetime, required: true}}
      channel: {{type: category, values: [chat, mail, phone]}}
      wait_h: number
      resolved: boolean
      score: {{type: integer, min: 0, max: 10}}
  complaints:
    file: complaints.csv
    time: received_at
    columns:
      received_at: datetime
      channel: string
      cost: number
  customers:
    file: customers.csv
    key: customer
    columns:
      customer: string
      start: datetime
      end: date
      channel: string
"""
    count = draw(st.integers(1, 4))
    plan = "indicators:\n" + "\n".join(draw(indicators(n)) for n in range(count)) + "\n"
    return {
        "data/datasets.yml": datasets,
        "data/quality-plan.yml": plan,
        "data/tickets.csv": draw(tickets(zone)),
        "data/complaints.csv": draw(complaints()),
        "data/customers.csv": draw(customers(zone)),
    }


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_duckdb_computes_every_plan_as_pandas_does(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = load_project(write_project(Path(folder), files))
        assert [d.format() for d in project.report.errors] == []
        assert project.plan is not None and project.catalog is not None
        expected = compute(project.plan, project.catalog)
        with open_engine(EngineSpec(name="duckdb")) as engine:
            got = compute(project.plan, project.catalog, engine)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
