"""The sample-data generator: deterministic, consistent, and telling its stories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sqms.demo import DEMO_SEED, generate_demo, generate_tickets, write_demo_data
from sqms.demo.common import Period
from sqms.demo.hours import OpeningHours
from sqms.demo.output import write_atomic

SMALL = 2_000
TICKET_COLUMNS = [
    "ticket_id",
    "created_at",
    "channel",
    "priority",
    "team",
    "category",
    "customer_id",
    "customer_email",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "status",
    "reopened",
    "escalated",
]
TIMESTAMPS = ["created_at", "first_response_at", "resolved_at", "closed_at"]


@pytest.fixture(scope="module")
def small() -> dict[str, pd.DataFrame]:
    return generate_demo(tickets=SMALL, seed=7)


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    """The committed sample's size, where the textures must be visible."""
    return generate_demo()


@pytest.fixture(scope="module")
def business_minutes() -> OpeningHours:
    return OpeningHours(Period(date(2024, 11, 1), 24))


def _month(stamps: pd.Series) -> pd.Series:
    return stamps.dt.strftime("%Y-%m")


def _first_response_minutes(tickets: pd.DataFrame, hours: OpeningHours) -> pd.Series:
    period = Period(date(2024, 11, 1), 24)
    start = hours.to_business(period.to_seconds(tickets["created_at"]))
    answer = hours.to_business(period.to_seconds(tickets["first_response_at"]))
    return pd.Series(answer - start, index=tickets.index)


# --- determinism -------------------------------------------------------------


def test_same_seed_gives_identical_tables() -> None:
    first, second = generate_demo(tickets=SMALL, seed=3), generate_demo(tickets=SMALL, seed=3)
    for name, table in first.items():
        pd.testing.assert_frame_equal(table, second[name])


def test_different_seed_gives_different_tickets() -> None:
    a, b = generate_tickets(SMALL, seed=1), generate_tickets(SMALL, seed=2)
    assert not a["created_at"].equals(b["created_at"])


def test_generate_tickets_is_the_demo_ticket_table(small: dict[str, pd.DataFrame]) -> None:
    pd.testing.assert_frame_equal(generate_tickets(SMALL, seed=7), small["tickets"])


def test_written_files_are_byte_identical_on_rerun(tmp_path: Path) -> None:
    first = write_demo_data(tmp_path / "a", tickets=SMALL, seed=5)
    second = write_demo_data(tmp_path / "b", tickets=SMALL, seed=5)
    for one, other in zip(first, second, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name


# --- shape of the tables -------------------------------------------------------


def test_ticket_columns_and_dtypes(small: dict[str, pd.DataFrame]) -> None:
    tickets = small["tickets"]
    assert list(tickets.columns) == TICKET_COLUMNS
    assert len(tickets) == SMALL
    for column in TIMESTAMPS:
        assert tickets[column].dtype == "datetime64[us]"
    assert tickets["reopened"].dtype == bool and tickets["escalated"].dtype == bool
    for column in ["ticket_id", "channel", "priority", "team", "category", "status"]:
        assert tickets[column].dtype == "str"


def test_other_table_columns(small: dict[str, pd.DataFrame]) -> None:
    assert list(small["surveys"].columns) == [
        "response_id",
        "ticket_id",
        "responded_at",
        "channel",
        "team",
        "csat",
        "nps",
        "ces",
        "comment",
        "tags",
    ]
    assert list(small["customers"].columns) == [
        "customer_id",
        "segment",
        "region",
        "start_date",
        "end_date",
    ]
    assert list(small["qa_reviews"].columns) == [
        "review_id",
        "ticket_id",
        "reviewed_at",
        "team",
        "correct",
        "score",
    ]
    assert list(small["complaints"].columns) == [
        "complaint_id",
        "received_at",
        "channel",
        "customer_id",
        "ticket_id",
        "category",
        "severity",
        "description",
        "root_cause",
        "action_id",
        "action_needed",
        "decision",
        "acknowledged_at",
        "resolved_at",
        "outcome",
        "satisfied",
    ]


def test_ids_are_unique_and_well_formed(small: dict[str, pd.DataFrame]) -> None:
    patterns = {
        "tickets": ("ticket_id", r"T\d{6}"),
        "surveys": ("response_id", r"S\d{6}"),
        "customers": ("customer_id", r"C\d{5}"),
        "qa_reviews": ("review_id", r"Q\d{5}"),
        "complaints": ("complaint_id", r"CMP-\d{4}"),
    }
    for name, (column, pattern) in patterns.items():
        ids = small[name][column]
        assert ids.is_unique, name
        assert ids.str.fullmatch(pattern).all(), name
    assert small["surveys"]["ticket_id"].is_unique  # one response per ticket


def test_values_are_in_range(small: dict[str, pd.DataFrame]) -> None:
    tickets, surveys = small["tickets"], small["surveys"]
    assert set(tickets["channel"]) <= {"phone", "email", "chat", "web"}
    assert set(tickets["priority"]) == {"P1", "P2", "P3", "P4"}
    assert set(tickets["status"]) <= {"open", "resolved", "closed", "cancelled"}
    assert tickets["created_at"].min() >= pd.Timestamp("2024-11-01")
    assert tickets["created_at"].max() < pd.Timestamp("2026-11-01")
    assert surveys["csat"].between(1, 5).all()
    assert surveys["nps"].dropna().between(0, 10).all()
    assert surveys["ces"].dropna().between(1, 7).all()
    assert 0.2 < surveys["nps"].isna().mean() < 0.4
    assert 0.3 < surveys["ces"].isna().mean() < 0.5
    assert small["qa_reviews"]["score"].between(0, 100).all()
    assert (tickets["customer_email"] == tickets["customer_id"].str.lower() + "@example.com").all()


# --- consistency -------------------------------------------------------------


def test_ticket_timestamps_are_ordered(small: dict[str, pd.DataFrame]) -> None:
    t = small["tickets"]
    assert not (t["first_response_at"] < t["created_at"]).any()
    assert not (t["resolved_at"] < t["first_response_at"]).any()
    assert not (t["closed_at"] < t["resolved_at"]).any()
    assert not (t["closed_at"] < t["created_at"]).any()
    assert t.loc[t["resolved_at"].notna(), "first_response_at"].notna().all()


def test_status_matches_timestamps(small: dict[str, pd.DataFrame]) -> None:
    t = small["tickets"]
    resolved, closed = t["resolved_at"].notna(), t["closed_at"].notna()
    status = t["status"]
    assert (resolved & closed)[status == "closed"].all()
    assert (resolved & ~closed)[status == "resolved"].all()
    assert (~resolved & ~closed)[status == "open"].all()
    assert (~resolved & closed)[status == "cancelled"].all()
    gap = t["closed_at"] - t["resolved_at"]
    assert gap[status == "closed"].between(pd.Timedelta(days=1), pd.Timedelta(days=5)).all()
    assert not t.loc[~resolved, "reopened"].any()


def test_answers_happen_in_opening_hours(small: dict[str, pd.DataFrame]) -> None:
    t = small["tickets"]
    answered = t[(t["priority"] != "P1") & t["first_response_at"].notna()]
    stamp = answered["first_response_at"]
    minute = stamp.dt.hour * 60 + stamp.dt.minute
    weekday = stamp.dt.day_of_week
    in_week = (weekday < 5) & minute.between(9 * 60, 18 * 60)
    on_saturday = (weekday == 5) & minute.between(10 * 60, 14 * 60)
    assert (in_week | on_saturday).all()
    assert not stamp.dt.strftime("%m-%d").isin(["10-01", "10-02", "10-03"]).any()


def test_phone_tickets_only_while_open(small: dict[str, pd.DataFrame]) -> None:
    t = small["tickets"]
    hour = t.loc[t["channel"] == "phone", "created_at"].dt.hour
    assert hour.between(9, 17).all()


def test_references_resolve(small: dict[str, pd.DataFrame]) -> None:
    tickets, customers = small["tickets"].set_index("ticket_id"), small["customers"]
    assert tickets["customer_id"].isin(customers["customer_id"]).all()
    for name in ["surveys", "qa_reviews"]:
        assert small[name]["ticket_id"].isin(tickets.index).all(), name
    complaints = small["complaints"]
    assert complaints["ticket_id"].dropna().isin(tickets.index).all()
    assert complaints["customer_id"].isin(customers["customer_id"]).all()
    linked = complaints.dropna(subset=["ticket_id"])
    owner = tickets.loc[linked["ticket_id"], "customer_id"].to_numpy()
    assert (owner == linked["customer_id"].to_numpy()).all()


def test_tickets_come_from_active_customers(small: dict[str, pd.DataFrame]) -> None:
    customers = small["customers"].set_index("customer_id")
    t = small["tickets"]
    start = customers.loc[t["customer_id"], "start_date"].to_numpy()
    end = customers.loc[t["customer_id"], "end_date"].to_numpy()
    day = t["created_at"].dt.normalize().to_numpy()
    assert (start <= day).all()
    assert ((end >= day) | np.isnat(end)).all()


def test_feedback_follows_resolution(small: dict[str, pd.DataFrame]) -> None:
    resolved = small["tickets"].set_index("ticket_id")["resolved_at"]
    surveys, reviews = small["surveys"], small["qa_reviews"]
    assert (surveys["responded_at"] > resolved[surveys["ticket_id"]].to_numpy()).all()
    assert (reviews["reviewed_at"] > resolved[reviews["ticket_id"]].to_numpy()).all()
    assert surveys["responded_at"].is_monotonic_increasing


def test_complaint_lifecycle(small: dict[str, pd.DataFrame]) -> None:
    c = small["complaints"]
    assert not (c["acknowledged_at"] < c["received_at"]).any()
    assert not (c["resolved_at"] < c["acknowledged_at"]).any()
    open_ = c["resolved_at"].isna()
    assert c.loc[open_, "outcome"].isna().all() and c.loc[open_, "satisfied"].isna().all()
    assert c.loc[~open_, "outcome"].notna().all() and c.loc[~open_, "satisfied"].notna().all()
    assert c["received_at"].is_monotonic_increasing


def test_other_periods_and_bad_arguments(tmp_path: Path) -> None:
    quarter = generate_tickets(300, start=date(2025, 3, 1), months=3)
    assert quarter["created_at"].min() >= pd.Timestamp("2025-03-01")
    assert quarter["created_at"].max() < pd.Timestamp("2025-06-01")
    with pytest.raises(ValueError, match="1st of a month"):
        generate_tickets(10, start=date(2025, 3, 2))
    with pytest.raises(ValueError, match="unknown format"):
        write_demo_data(tmp_path, tickets=100, fmt="xlsx")


# --- files -------------------------------------------------------------------


def test_written_files(tmp_path: Path) -> None:
    paths = write_demo_data(tmp_path, tickets=SMALL, seed=DEMO_SEED)
    names = [p.relative_to(tmp_path).as_posix() for p in paths]
    assert names == [
        "tickets.csv",
        "surveys.jsonl",
        "customers.csv",
        "qa_reviews.csv",
        "registers/complaints.csv",
    ]
    for path in paths:
        raw = path.read_bytes()
        assert b"\r" not in raw and raw.endswith(b"\n")
        raw.decode("utf-8")
    assert not list(tmp_path.rglob("*.tmp"))
    header = (tmp_path / "tickets.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(TICKET_COLUMNS)


def test_ticket_csv_round_trips(tmp_path: Path) -> None:
    write_demo_data(tmp_path, tickets=SMALL, seed=11)
    expected = generate_tickets(SMALL, seed=11)
    text = (tmp_path / "tickets.csv").read_text(encoding="utf-8")
    assert ",true," in text or ",true\n" in text
    assert "2024-11-01 " in text and "True" not in text
    read = pd.read_csv(tmp_path / "tickets.csv", parse_dates=TIMESTAMPS, dtype="str")
    for column in TIMESTAMPS:
        pd.testing.assert_series_equal(read[column], expected[column], check_dtype=False)
    assert (read["reopened"] == expected["reopened"].map({True: "true", False: "false"})).all()


def test_survey_lines_are_json(tmp_path: Path) -> None:
    write_demo_data(tmp_path, tickets=SMALL, seed=11)
    lines = (tmp_path / "surveys.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(generate_demo(tickets=SMALL, seed=11)["surveys"])
    first = records[0]
    assert pd.Timestamp(first["responded_at"]).isoformat() == first["responded_at"]
    assert all(isinstance(r["tags"], list) for r in records)
    assert any(r["nps"] is None for r in records) and any(r["comment"] is None for r in records)


def test_parquet_tickets(tmp_path: Path) -> None:
    paths = write_demo_data(tmp_path, tickets=SMALL, fmt="parquet")
    assert paths[0].name == "tickets.parquet" and not (tmp_path / "tickets.csv").exists()
    read = pd.read_parquet(paths[0])
    assert list(read.columns) == TICKET_COLUMNS and len(read) == SMALL


def test_interrupted_write_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "half.csv"

    def fail(path: Path) -> None:
        path.write_text("partial", encoding="utf-8")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, fail)
    assert list(tmp_path.iterdir()) == []


# --- the stories the sample tells (default size) ------------------------------


def test_volume_follows_the_shopping_calendar(sample: dict[str, pd.DataFrame]) -> None:
    per_month = _month(sample["tickets"]["created_at"]).value_counts()
    typical = per_month.median()
    assert per_month["2024-11"] > 1.4 * typical and per_month["2025-11"] > 1.4 * typical
    assert per_month["2025-06"] > 1.1 * typical
    assert per_month["2025-02"] < typical and per_month["2026-02"] < typical
    hour = sample["tickets"]["created_at"].dt.hour
    assert (hour.between(9, 17)).mean() > 0.6


def test_chengdu_struggles_in_summer_2025(
    sample: dict[str, pd.DataFrame], business_minutes: OpeningHours
) -> None:
    t = sample["tickets"]
    chengdu = t[t["team"] == "Chengdu L1"]
    month = _month(chengdu["created_at"])
    response = _first_response_minutes(chengdu, business_minutes)
    assert response[month == "2025-07"].median() > 1.4 * response[month == "2025-03"].median()
    assert response[month == "2025-12"].median() < response[month == "2025-07"].median() / 1.4
    hard = month.isin(["2025-07", "2025-08", "2025-09"])
    assert chengdu.loc[hard, "reopened"].mean() > 1.7 * chengdu.loc[~hard, "reopened"].mean()
    surveys = sample["surveys"]
    in_chengdu = surveys[surveys["team"] == "Chengdu L1"]
    summer = _month(in_chengdu["responded_at"]).isin(["2025-07", "2025-08"])
    assert (in_chengdu.loc[summer, "csat"] >= 4).mean() < (
        in_chengdu.loc[~summer, "csat"] >= 4
    ).mean() - 0.15
    qa = sample["qa_reviews"]
    qa_chengdu = qa[qa["team"] == "Chengdu L1"]
    qa_hard = _month(qa_chengdu["reviewed_at"]).isin(["2025-07", "2025-08", "2025-09"])
    assert qa_chengdu.loc[qa_hard, "correct"].mean() < qa_chengdu.loc[~qa_hard, "correct"].mean()


def test_billing_complaint_cluster(sample: dict[str, pd.DataFrame]) -> None:
    c = sample["complaints"]
    billing = c[c["category"] == "billing error"]
    per_month = (
        _month(billing["received_at"])
        .value_counts()
        .reindex(pd.period_range("2024-11", "2026-10", freq="M").strftime("%Y-%m"), fill_value=0)
    )
    cluster = per_month[["2025-12", "2026-01"]]
    elsewhere = per_month.drop(["2025-12", "2026-01"])
    assert cluster.min() > 2 * elsewhere.mean()
    assert per_month[["2026-03", "2026-04", "2026-05"]].mean() < 2 * elsewhere.mean()
    linked = billing[_month(billing["received_at"]).isin(["2025-12", "2026-01"])]
    assert (linked["root_cause"] == "system").mean() > 0.7
    assert (linked["action_id"] == "ACT-2025-003").mean() > 0.6


def test_chat_triage_speeds_up_first_response(
    sample: dict[str, pd.DataFrame], business_minutes: OpeningHours
) -> None:
    t = sample["tickets"]
    response = _first_response_minutes(t, business_minutes)
    after = t["created_at"] >= pd.Timestamp("2026-03-01")
    for channel in ["chat", "web"]:
        mine = t["channel"] == channel
        assert response[mine & after].median() < 0.7 * response[mine & ~after].median()
    email = t["channel"] == "email"
    assert response[email & after].median() > 0.8 * response[email & ~after].median()
    qa = sample["qa_reviews"]
    qa_after = qa["reviewed_at"] >= pd.Timestamp("2026-03-15")
    assert qa.loc[qa_after, "correct"].mean() > qa.loc[~qa_after, "correct"].mean()


def test_phone_callbacks_do_not_shorten_resolution(
    sample: dict[str, pd.DataFrame], business_minutes: OpeningHours
) -> None:
    t = sample["tickets"]
    phone = t[(t["channel"] == "phone") & t["resolved_at"].notna()]
    period = Period(date(2024, 11, 1), 24)
    minutes = business_minutes.to_business(
        period.to_seconds(phone["resolved_at"])
    ) - business_minutes.to_business(period.to_seconds(phone["created_at"]))
    after = (phone["created_at"] >= pd.Timestamp("2026-06-01")).to_numpy()
    assert np.median(minutes[after]) > 0.85 * np.median(minutes[~after])


def test_churn_rises_after_the_chengdu_trouble(sample: dict[str, pd.DataFrame]) -> None:
    customers = sample["customers"]
    rates = {}
    for month in pd.period_range("2024-11", "2026-10", freq="M"):
        first, last = month.start_time, month.end_time
        active = (customers["start_date"] < first) & ~(customers["end_date"] < first)
        left = active & customers["end_date"].between(first, last)
        rates[str(month)] = left.sum() / active.sum()
    series = pd.Series(rates)
    assert series.between(0.008, 0.03).all()
    aftermath = series[["2025-09", "2025-10", "2025-11"]].mean()
    assert aftermath > 1.2 * series.drop(["2025-09", "2025-10", "2025-11"]).mean()


def test_headline_indicators_are_plausible(
    sample: dict[str, pd.DataFrame], business_minutes: OpeningHours
) -> None:
    t, surveys = sample["tickets"], sample["surveys"]
    response = _first_response_minutes(t, business_minutes).dropna()
    assert 0.90 <= (response <= 240).mean() <= 0.96
    assert 0.82 <= (surveys["csat"] >= 4).mean() <= 0.90
    nps = surveys["nps"].dropna()
    assert 20 <= 100 * ((nps >= 9).mean() - (nps <= 6).mean()) <= 40
    resolved = t[t["resolved_at"].notna()]
    assert 0.04 <= resolved["reopened"].mean() <= 0.08
    assert 0.90 <= sample["qa_reviews"]["correct"].mean() <= 0.95
    assert 0.015 <= (t["status"] == "cancelled").mean() <= 0.025
    assert 25_000 <= len(surveys) / 0.25 <= 32_000
    assert 300 <= len(sample["complaints"]) <= 500


def test_texts_exercise_escaping_and_repeats(sample: dict[str, pd.DataFrame]) -> None:
    comments = sample["surveys"]["comment"].dropna()
    assert comments.str.contains("<").any() and comments.str.contains("&").any()
    assert comments.str.contains('"').any() and (comments == "").any()
    descriptions = sample["complaints"]["description"]
    assert descriptions.str.contains("<b>").any() and descriptions.str.contains("&").any()
    c = sample["complaints"].sort_values("received_at")
    gap = c.groupby(["customer_id", "category"])["received_at"].diff()
    assert (gap <= pd.Timedelta(days=30)).sum() >= 5
    assert sample["tickets"]["status"].eq("open").sum() > 10
    old_open = sample["tickets"].query("status == 'open' and created_at < '2026-10-01'")
    assert 1 <= len(old_open) <= 60
