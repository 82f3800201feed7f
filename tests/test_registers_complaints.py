"""The complaint register: loading, checks, the figures of its page, and its page.

A hand-written register of 15 complaints (local Shanghai times) is judged on
2026-03-20 against: acknowledge within 24 wall-clock hours; final response
within 10 calendar days (high) or 15 (low); repeats = same customer and
category within 30 days. Every expected number below is worked out by hand
in the comment beside it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from html import unescape
from pathlib import Path

import markdown
import pandas as pd
import pytest

from sqms.i18n import use_language
from sqms.project import Project, load_project
from sqms.registers import RegisterContext
from sqms.registers.common import Reference, anchor
from sqms.registers.complaints.analysis import ComplaintFigures, analyse_complaints
from sqms.registers.complaints.charts import (
    age_chart,
    outcome_chart,
    repeat_chart,
    volume_chart,
    within_chart,
)
from sqms.registers.complaints.register import ComplaintRegister
from sqms.registers.complaints.rows import anchors
from sqms.registers.complaints.spec import RepeatSpec, ResolveSpec
from sqms.text.formatting import escape
from sqms.text.markup import escape_series
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, data_errors, errors, write_project
from tests.support.registers import indicator_report, register_context

TODAY = dt.date(2026, 3, 20)

DATASETS = """
timezone: Asia/Shanghai
datasets:
  tickets:
    file: tickets.csv
    key: ticket_id
    time: created_at
    columns:
      ticket_id: string
      created_at: {type: datetime, required: true}
  complaints:
    file: complaints.csv
    key: complaint_id
    time: received_at
    columns:
      complaint_id: {type: string, required: true}
      received_at: {type: datetime, required: true}
      channel: {type: category, values: [phone, email]}
      customer_id: {type: string, pii: true}
      category: {type: category, values: [billing, delivery, staff]}
      severity: {type: category, values: [low, high]}
      description: string
      root_cause: {type: category, values: [process, people, system]}
      action_id: string
      acknowledged_at: datetime
      resolved_at: datetime
      outcome: {type: category, values: [upheld, not upheld]}
      satisfied: boolean
"""

HEADER = (
    "complaint_id,received_at,channel,customer_id,category,severity,description,"
    "root_cause,action_id,acknowledged_at,resolved_at,outcome,satisfied"
)
EVIL = '"<script>alert(1)</script> | # not a heading _x_"'
ROWS = [
    'C01,2026-01-05 10:00:00,phone,CUST-A,billing,high,"Charged *twice*, see [refund]'
    '(http://example.com) `now`",system,ACT-1,2026-01-05 12:00:00,2026-01-10 09:00:00,upheld,true',
    f"C02,2026-01-06 10:00:00,email,CUST-B,delivery,low,{EVIL},process,,"
    "2026-01-08 10:00:00,2026-01-30 10:00:00,not upheld,false",
    "C03,2026-01-20 10:00:00,email,CUST-A,billing,high,Charged twice again,system,ACT-1,"
    "2026-01-20 11:00:00,2026-02-05 10:00:00,upheld,true",
    "C04,2026-01-01 00:30:00,phone,CUST-E,staff,low,Rude agent,people,,"
    "2026-01-01 09:00:00,2026-01-05 10:00:00,upheld,true",
    "C05,2026-01-31 10:00:00,phone,CUST-E,staff,low,Rude again,people,,"
    "2026-01-31 12:00:00,2026-02-03 10:00:00,upheld,false",
    "C06,2026-01-01 10:00:00,email,CUST-F,staff,low,Impolite,people,,"
    "2026-01-02 09:00:00,2026-01-06 10:00:00,not upheld,false",
    "C07,2026-02-01 07:00:00,email,CUST-F,staff,low,Impolite again,people,,"
    "2026-02-03 07:00:00,2026-02-10 10:00:00,upheld,true",
    "C08,2026-02-01 09:00:00,phone,CUST-D,delivery,low,Late parcel,,,"
    "2026-02-01 10:00:00,2026-02-20 10:00:00,upheld,",
    "C09,2026-03-02 10:00:00,email,CUST-D,delivery,high,Still late,process,ACT-2,"
    "2026-03-02 11:00:00,,,",
    "C10,2026-01-10 10:00:00,phone,CUST-G,billing,low,Wrong invoice,process,,"
    "2026-01-10 11:00:00,2026-01-12 10:00:00,upheld,true",
    "C11,2026-01-15 10:00:00,phone,CUST-G,delivery,low,Parcel lost,system,,"
    "2026-01-15 12:00:00,2026-01-20 10:00:00,not upheld,true",
    "C12,2026-01-12 10:00:00,email,CUST-H,billing,high,Refund missing,system,,"
    "2026-01-12 15:00:00,2026-01-22 10:00:00,upheld,false",
    "C13,2026-03-15 10:00:00,phone,CUST-I,billing,low,Price changed,process,,,,,",
    "C14,2026-03-20 09:00:00,email,CUST-K,staff,low,Nobody called back,,,,,,",
    "C15,2026-01-08 10:00:00,email,CUST-K,staff,high,Manager never called,people,,"
    "2026-01-08 12:00:00,,,",
]
COMPLAINTS = "\n".join([HEADER, *ROWS]) + "\n"

# Shanghai local times. T10 is 07:00 on 1 March locally, still 28 February in UTC.
TICKETS = """
ticket_id,created_at
T1,2026-01-02 10:00:00
T2,2026-01-09 10:00:00
T3,2026-01-15 10:00:00
T4,2026-01-21 10:00:00
T5,2026-01-28 10:00:00
T6,2026-02-03 10:00:00
T7,2026-02-10 10:00:00
T8,2026-02-17 10:00:00
T9,2026-02-24 10:00:00
T10,2026-03-01 07:00:00
T11,2026-03-03 10:00:00
T12,2026-03-10 10:00:00
T13,2026-03-17 10:00:00
T14,2026-03-19 10:00:00
"""

PLAN = """
indicators:
  volume:
    name: Tickets
    family: efficiency
    dataset: tickets
    measure: count
    unit: count
"""

REGISTERS = """
complaints:
  dataset: complaints
  acknowledge:
    within_hours: 24
  resolve:
    within_days: {high: 10, low: 15}
  repeat:
    within_days: 30
  rate:
    dataset: tickets
    per: 1000
"""


def files(**changes: str) -> dict[str, str]:
    """The test project's files; keyword arguments replace one (``registers=...``)."""
    found = {
        "data/datasets.yml": DATASETS,
        "data/quality-plan.yml": PLAN,
        "data/tickets.csv": TICKETS,
        "data/complaints.csv": COMPLAINTS,
        "data/registers.yml": REGISTERS,
    }
    names = {"registers": "data/registers.yml", "complaints": "data/complaints.csv",
             "datasets": "data/datasets.yml"}  # fmt: skip
    for key, text in changes.items():
        found[names[key]] = text
    return found


UNKNOWN_ACTIONS = [
    'data/complaints.csv:2: row 1, column action_id: unknown improvement action "ACT-1"',
    'data/complaints.csv:4: row 3, column action_id: unknown improvement action "ACT-1"',
    'data/complaints.csv:10: row 9, column action_id: unknown improvement action "ACT-2"',
]
"""The project keeps no actions register: every action the complaints name is unknown."""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    root = write_project(tmp_path_factory.mktemp("complaints"), files())
    loaded = load_project(root, "data", None)
    assert errors(loaded) == UNKNOWN_ACTIONS
    return loaded


@pytest.fixture(scope="module")
def register(project: Project) -> ComplaintRegister:
    """The complaint register of the test project."""
    found = project.registers["complaints"]
    assert isinstance(found, ComplaintRegister)
    return found


@pytest.fixture(scope="module")
def context(project: Project) -> RegisterContext:
    """The test project's register context, judged on :data:`TODAY`."""
    return register_context(project, indicator_report(project), today=TODAY)


@pytest.fixture(scope="module")
def figures(register: ComplaintRegister, context: RegisterContext) -> ComplaintFigures:
    """The figures of the complaint page, worked out by hand in the tests."""
    return analyse_complaints(register, context)


@pytest.fixture(scope="module")
def page(register: ComplaintRegister, context: RegisterContext) -> str:
    """The complaint register's page, as Markdown."""
    pages = register.analyse(context).pages(context)
    assert [p.path for p in pages] == ["registers/complaints.md"]
    return pages[0].markdown


def _cells(*cells: str) -> str:
    """One row of a "numbers" HTML table."""
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


# --- ids and references -------------------------------------------------------


def test_ids(register: ComplaintRegister) -> None:
    assert list(register.ids()["complaint"]) == [f"C{i:02d}" for i in range(1, 16)]


def test_references_are_located_at_rows_and_lines(register: ComplaintRegister) -> None:
    # Data row r is on line r + 1 (one header line); rows 1, 3 and 9 name actions.
    assert list(register.references()) == [
        Reference("action", "ACT-1", "data/complaints.csv", 2, 1, "action_id"),
        Reference("action", "ACT-1", "data/complaints.csv", 4, 3, "action_id"),
        Reference("action", "ACT-2", "data/complaints.csv", 10, 9, "action_id"),
    ]


# --- volume and rate --------------------------------------------------------------


def test_volume_and_rate_per_local_month(figures: ComplaintFigures) -> None:
    months = figures.months
    assert months["period"].tolist() == ["2026-01", "2026-02", "2026-03"]
    # C04 at 00:30 on 1 January is January locally (31 December in UTC).
    # January: C01-C06, C10, C11, C12, C15 = 10; February: C07 (07:00 local), C08 = 2;
    # March: C09, C13, C14 = 3.
    assert months["complaints"].tolist() == [10, 2, 3]
    # Tickets: January T1-T5 = 5; February T6-T9 = 4; March T10 (local 1 March) - T14 = 5.
    assert months["base"].tolist() == [5, 4, 5]
    # 10/5 × 1000 = 2000; 2/4 × 1000 = 500; 3/5 × 1000 = 600.
    assert months["rate"].tolist() == pytest.approx([2000.0, 500.0, 600.0])


def test_volume_numbers_on_the_page(page: str) -> None:
    assert _cells("2026-02", "2", "4", "500.00") in page
    assert "<th>Complaints per 1,000 tickets</th>" in page


# --- Pareto -------------------------------------------------------------------------


def test_pareto_of_categories(figures: ComplaintFigures, page: str) -> None:
    table = figures.categories
    assert table is not None
    # staff: C04 C05 C06 C07 C14 C15 = 6; billing: C01 C03 C10 C12 C13 = 5;
    # delivery: C02 C08 C09 C11 = 4 (15 in all).
    assert table["dim_value"].tolist() == ["staff", "billing", "delivery"]
    assert table["count"].tolist() == [6, 5, 4]
    # Cumulative: 6/15 = 40%, 11/15 = 73.3%, 15/15 = 100%.
    assert table["cumulative"].tolist() == pytest.approx([0.4, 11 / 15, 1.0])
    assert _cells("billing", "5", "33.3%", "73.3%") in page


def test_pareto_of_root_causes_ties_by_name_and_missing_counted(
    figures: ComplaintFigures, page: str
) -> None:
    table = figures.causes
    assert table is not None
    # people: C04 C05 C06 C07 C15 = 5; process: C02 C09 C10 C13 = 4; system: C01 C03
    # C11 C12 = 4 (the tie is broken by name); C08 and C14 have none: 13 counted.
    assert table["dim_value"].tolist() == ["people", "process", "system"]
    assert table["count"].tolist() == [5, 4, 4]
    assert figures.causes_missing == 2
    # 5/13 = 38.5%; 4/13 = 30.8%, cumulative 9/13 = 69.2%.
    assert _cells("process", "4", "30.8%", "69.2%") in page
    assert "2 complaints have no root cause recorded yet" in page


# --- targets ----------------------------------------------------------------------


def test_acknowledged_within_target(figures: ComplaintFigures, page: str) -> None:
    months = figures.months
    # Hours: C02 48 and C07 48 miss 24; C13, never acknowledged, has waited from
    # 15 March 10:00 to the end of 20 March = 134 h: missed. C14 (20 March 09:00)
    # has waited 15 h: not judged yet. Judged 14, within 11.
    assert months["ack_judged"].tolist() == [10, 2, 2]
    assert months["ack_within"].tolist() == [9, 1, 1]
    # 11/14 = 78.57%.
    assert "Acknowledge within **24 hours** of receipt: 78.6% (11 of 14)." in page


def _page_of(root: Path) -> str:
    """The complaint page of the project at ``root`` (only unknown actions reported)."""
    project = load_project(root, "data", None)
    assert errors(project) == UNKNOWN_ACTIONS
    context = register_context(project, indicator_report(project), today=TODAY)
    return project.registers["complaints"].analyse(context).pages(context)[0].markdown


@pytest.mark.parametrize(
    ("derive", "clock"),
    [
        ("ack_h: {hours: [received_at, acknowledged_at]}", "hours"),
        ("ack_h: {business_hours: [received_at, acknowledged_at], calendar: always}",
         "business hours"),
    ],
)  # fmt: skip
def test_acknowledged_hours_from_a_column(
    make_project: ProjectFactory, derive: str, clock: str
) -> None:
    # A derived column has no hours for C13 and C14, never acknowledged: neither is
    # judged. Judged 13, within 11 (C02 and C07 took 48 h): 11/13 = 84.6%. On a
    # calendar open around the clock, business hours are wall-clock hours.
    datasets = (
        edited(
            DATASETS,
            "\ndatasets:\n",
            "\ncalendars:\n  always:\n    timezone: Asia/Shanghai\n"
            '    hours: {daily: "00:00-24:00"}\ndatasets:\n',
        )
        + f"    derive:\n      {derive}\n"
    )
    registers = edited(REGISTERS, "within_hours: 24", "within_hours: 24\n    hours: ack_h")
    page = _page_of(make_project(files(datasets=datasets, registers=registers)))
    assert f"Acknowledge within **24 {clock}** of receipt: 84.6% (11 of 13)." in page


def test_resolved_within_standard(figures: ComplaintFigures, page: str) -> None:
    months = figures.months
    # Calendar days: C01 5/10 ✓, C02 24/15 ✗, C03 16/10 ✗, C04 4 ✓, C05 3 ✓, C06 5 ✓,
    # C07 9 ✓, C08 19/15 ✗, C10 2 ✓, C11 5 ✓, C12 10/10 ✓ (on the due day);
    # open past due: C09 (due 12 March) ✗, C15 (due 18 January) ✗;
    # open not yet due: C13 (due 30 March), C14: not judged. 8 within of 13.
    assert months["res_judged"].tolist() == [10, 2, 1]
    assert months["res_within"].tolist() == [7, 1, 0]
    assert "(high 10 d, low 15 d): 61.5% (8 of 13)." in page
    standards = figures.standards
    assert standards is not None
    # high: C01 ✓ C03 ✗ C09 ✗ C12 ✓ C15 ✗ → 2 of 5, 2 open past due;
    # low: C02 ✗ C04 C05 C06 C07 ✓ C08 ✗ C10 C11 ✓ → 6 of 8.
    assert standards.to_dict("list") == {
        "severity": ["high", "low"],
        "days": [10.0, 15.0],
        "judged": [5, 8],
        "within": [2, 6],
        "overdue": [2, 0],
    }
    assert "| high | 10 d | 5 | 2 | 40.0% | 2 |" in page


# --- open complaints --------------------------------------------------------------


def test_open_complaints_by_age(figures: ComplaintFigures) -> None:
    # Open on 20 March: C13 (5 days), C14 (0), C09 (18, past its 10 days), C15 (71, past).
    assert figures.ages.to_dict("list") == {
        "group": ["0–7", "8–15", "16–30", "31–60", "> 60"],
        "open": [2, 0, 1, 0, 1],
        "overdue": [0, 0, 1, 0, 1],
    }
    assert (figures.open_count, figures.overdue_count) == (4, 2)


def test_overdue_most_late_first(figures: ComplaintFigures) -> None:
    # C15: 71 days open - 10 = 61 late; C09: 18 - 10 = 8 late.
    overdue = figures.overdue
    assert overdue["id"].tolist() == ["C15", "C09"]
    assert overdue["late"].tolist() == [61, 8]


def test_attention_lists_overdue_with_links(
    register: ComplaintRegister, context: RegisterContext
) -> None:
    items = register.analyse(context).attention(context)
    assert [item.group for item in items] == ["Complaints", "Complaints"]
    assert items[0].text == (
        "[C15](registers/complaints.md#c15) (high, received 2026-01-08) is open 61 days"
        " past its 10 d standard"
    )


def test_attention_lists_a_few_then_counts(
    register: ComplaintRegister, context: RegisterContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With a 1-day standard for every complaint, C15 (70 days late), C09 (17) and
    # C13 (received 15 March: 4) are open past it; C14 was received on the day.
    spec = register.spec.model_copy(update={"resolve": ResolveSpec(within_days=1)})
    analysis = dataclasses.replace(register, spec=spec).analyse(context)
    assert len(analysis.attention(context)) == 3
    monkeypatch.setattr("sqms.registers.complaints.page.ATTENTION_LISTED", 2)
    items = analysis.attention(context)
    assert [item.text.split("]")[0] for item in items[:2]] == ["[C15", "[C09"]
    assert items[-1].text == (
        "and 1 more complaint open past its standard: [see the register](registers/complaints.md)"
    )
    assert len(items) == 3


# --- repeats ----------------------------------------------------------------------


def test_repeats_at_the_window_edge(figures: ComplaintFigures) -> None:
    # CUST-A billing: C01 5 Jan → C03 20 Jan, 15 days: repeat.
    # CUST-E staff: C04 1 Jan 00:30 → C05 31 Jan, 30 local days: repeat (31 in UTC).
    # CUST-D delivery: C08 1 Feb → C09 2 Mar, 29 days: repeat.
    # CUST-F staff: C06 1 Jan → C07 1 Feb 07:00, 31 local days: not (30 in UTC).
    # CUST-G: C10 billing, C11 delivery — another category: not.
    # C12 billing is CUST-H, not CUST-A: not. CUST-K staff: C15 → C14, 71 days: not.
    repeats = figures.repeats
    assert repeats is not None
    assert repeats["id"].tolist() == ["C03", "C05", "C09"]
    assert repeats["earlier"].tolist() == ["C01", "C04", "C08"]
    assert figures.months["repeats"].tolist() == [2, 0, 1]


def test_repeats_from_the_final_response(
    register: ComplaintRegister, context: RegisterContext
) -> None:
    # From the earlier final response: C01 resolved 10 Jan → C03 (10 days); C04 5 Jan →
    # C05 (26); C06 6 Jan → C07 1 Feb (26); C08 20 Feb → C09 (10); C15 still open → C14.
    spec = register.spec.model_copy(
        update={"repeat": RepeatSpec(within_days=30, measured_from="final_response")}
    )
    figures = analyse_complaints(dataclasses.replace(register, spec=spec), context)
    assert figures.repeats is not None
    assert figures.repeats["id"].tolist() == ["C03", "C05", "C07", "C09", "C14"]
    assert figures.repeats["earlier"].tolist() == ["C01", "C04", "C06", "C08", "C15"]


def test_repeat_list_on_the_page(page: str) -> None:
    assert "| [C05](#c05) | [C04](#c04) | 2026-01-31 | staff |" in page
    # 3 of 15 = 20.0%.
    assert "3 repeat complaints, 20.0% of all complaints." in page


# --- outcome and satisfaction ------------------------------------------------------


def test_outcome_and_satisfaction(figures: ComplaintFigures, page: str) -> None:
    outcomes = figures.outcomes
    assert outcomes is not None
    # Closed: 11. upheld C01 C03 C04 C05 C07 C08 C10 C12: yes C01 C03 C04 C07 C10,
    # no C05 C12, not recorded C08; not upheld C02 C06 C11: yes C11, no C02 C06.
    assert outcomes.to_dict("list") == {
        "outcome": ["upheld", "not upheld"],
        "yes": [5, 1],
        "no": [2, 2],
        "unknown": [1, 0],
        "total": [8, 3],
    }
    # 5/7 = 71.4%; 6 of 10 answers = 60.0%.
    assert _cells("upheld", "8", "5", "2", "1", "71.4%") in page
    assert "handling of their complaint: 60.0% (6 of 10 who answered)." in page


# --- summary, page, list ------------------------------------------------------------


def test_summary(register: ComplaintRegister, context: RegisterContext) -> None:
    assert register.analyse(context).summary(context) == (
        "**15** complaints from 2026-01 to 2026-03: **4** open, **2** past their resolution"
        " standard; 20.0% repeat complaints (same customer and category within 30 days)."
    )


def test_page_sections_each_with_chart_and_numbers(page: str) -> None:
    headings = re.findall(r"^## (.+)$", page, re.MULTILINE)
    assert headings == [
        "Volume and rate",
        "Categories",
        "Root causes",
        "Acknowledgement and resolution against target",
        "Open complaints by age",
        "Repeat complaints",
        "Outcome and satisfaction",
        "Upheld complaints without a decision",
        "All complaints",
    ]
    assert page.count('<figure class="sqms-chart"') == 7
    assert page.count('<details class="sqms-numbers"') == 7


def test_list_rows_are_anchored_and_link_their_action(page: str) -> None:
    assert page.count('<tr id="c') == 15
    assert '<th style="min-width: 24em">Description</th>' in page
    assert '<tr id="c09">' in page
    assert '<td><a href="actions/ACT-2.md">ACT-2</a></td>' in page
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "tables"])
    assert '<a href="actions/ACT-2.md">ACT-2</a>' in html
    assert html.count('<tr id="c') == 15


def test_text_from_the_register_is_escaped(page: str) -> None:
    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#124; &#35; not a heading &#95;x&#95;" in page
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "tables"])
    # Markdown in a description stays as typed (as the browser shows the text),
    # also on a row that links an action.
    assert "Charged *twice*, see [refund](http://example.com) `now`" in unescape(html)
    assert "<em>twice</em>" not in html
    assert 'href="http://example.com"' not in html
    assert "<script>" not in html


def test_personal_data_never_published(
    register: ComplaintRegister, context: RegisterContext, page: str
) -> None:
    analysis = register.analyse(context)
    published = [page, analysis.summary(context), *(i.text for i in analysis.attention(context))]
    for text in published:
        assert "CUST-" not in text
    assert "customer_id" not in page


def test_pii_description_is_not_listed(make_project: ProjectFactory) -> None:
    datasets = edited(DATASETS, "description: string", "description: {type: string, pii: true}")
    page = _page_of(make_project(files(datasets=datasets)))
    assert "Rude agent" not in page
    assert ">Description</th>" not in page


def test_page_in_chinese(register: ComplaintRegister, context: RegisterContext) -> None:
    with use_language("zh"):
        page = register.analyse(context).pages(context)[0].markdown
    assert "## 重复投诉" in page
    assert "CUST-" not in page


def test_vectorised_escape_and_anchor_match_the_shared_helpers() -> None:
    texts = ["a<b>&\"c'|d\ne", "IA-2026-01/F1", "  CMP 0001 ", "ok"]
    assert escape_series(pd.Series(texts, dtype="str")).tolist() == [escape(x) for x in texts]
    assert anchors(pd.Series(texts, dtype="str")).tolist() == [anchor(x) for x in texts]


def test_charts_are_valid_vega_lite(figures: ComplaintFigures) -> None:
    series = {"ack": ("ack_within", "ack_judged"), "res": ("res_within", "res_judged")}
    assert figures.outcomes is not None
    charts = [
        volume_chart(figures.months, title="v", rate_title="r"),
        within_chart(figures.months, title="w", series=series),
        age_chart(figures.ages, title="a"),
        repeat_chart(figures.months, title="r"),
        outcome_chart(figures.outcomes, title="o"),
    ]
    for chart in charts:
        assert chart.to_dict()["description"]  # validates against the Vega-Lite schema


def test_unmapped_roles_leave_their_sections_out(make_project: ProjectFactory) -> None:
    registers = REGISTERS + "  columns:\n    customer: null\n    root_cause: null\n"
    page = _page_of(make_project(files(registers=registers)))
    assert "## Repeat complaints" not in page
    assert "## Root causes" not in page
    assert "<th>Root cause</th>" not in page
    assert "<th>Channel</th>" in page


def test_a_column_of_another_name_is_mapped(make_project: ProjectFactory) -> None:
    datasets = edited(DATASETS, "category: {type", "topic: {type")
    complaints = edited(COMPLAINTS, "customer_id,category,", "customer_id,topic,")
    registers = REGISTERS + "  columns:\n    category: topic\n"
    root = make_project(files(datasets=datasets, complaints=complaints, registers=registers))
    assert data_errors(root) == UNKNOWN_ACTIONS


# --- bad input ----------------------------------------------------------------------


def _errors_with(make_project: ProjectFactory, **changes: str) -> list[str]:
    """The data errors of the test project with the files in ``changes`` changed."""
    return data_errors(make_project(files(**changes)))


def test_unknown_dataset(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "dataset: complaints", "dataset: complaint")
    assert _errors_with(make_project, registers=registers) == [
        'data/registers.yml:2: complaints.dataset: unknown dataset "complaint": declare it in'
        ' datasets.yml (did you mean "complaints"?)'
    ]


def test_unknown_column_with_hint(make_project: ProjectFactory) -> None:
    registers = REGISTERS + "  columns:\n    category: categry\n"
    assert _errors_with(make_project, registers=registers) == [
        'data/registers.yml:13: complaints.columns.category: the dataset "complaints" has no'
        ' column "categry" for the role category (did you mean "category"?)'
    ]


def test_required_role_missing_from_the_dataset(make_project: ProjectFactory) -> None:
    datasets = edited(DATASETS, "complaint_id: {type", "ref: {type")
    datasets = edited(datasets, "key: complaint_id", "key: ref")
    complaints = edited(COMPLAINTS, "complaint_id,", "ref,")
    errors = _errors_with(make_project, datasets=datasets, complaints=complaints)
    assert errors == [
        'data/registers.yml:2: complaints.columns.id: the dataset "complaints" has no column'
        ' "complaint_id" for the role id'
    ]


def test_wrong_column_type(make_project: ProjectFactory) -> None:
    registers = REGISTERS + "  columns:\n    received: channel\n"
    assert _errors_with(make_project, registers=registers) == [
        'data/registers.yml:13: complaints.columns.received: column "channel" (role received)'
        " is of type category; the role needs datetime"
    ]


def test_unknown_key_with_hint(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "  repeat:", "  repeats:")
    assert _errors_with(make_project, registers=registers) == [
        'data/registers.yml:7: unknown key "repeats" (did you mean "repeat"?)'
    ]


def test_unknown_role_with_hint(make_project: ProjectFactory) -> None:
    registers = REGISTERS + "  columns:\n    rootcause: root_cause\n"
    assert _errors_with(make_project, registers=registers) == [
        'data/registers.yml:13: unknown key "rootcause" (did you mean "root_cause"?)'
    ]


def test_wrong_value_types(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "within_hours: 24", "within_hours: soon")
    registers = edited(registers, "per: 1000", "per: 0")
    assert _errors_with(make_project, registers=registers) == [
        'data/registers.yml:4: complaints.acknowledge.within_hours: expected a number, got "soon"',
        "data/registers.yml:11: complaints.rate.per: must be more than 0, got 0",
    ]


def test_not_a_mapping(make_project: ProjectFactory) -> None:
    assert _errors_with(make_project, registers="complaints: yes\n") == [
        "data/registers.yml: complaints: expected a mapping, got True"
    ]


def test_malformed_yaml(make_project: ProjectFactory) -> None:
    errors = _errors_with(make_project, registers="complaints:\n  dataset: [complaints\n")
    assert len(errors) == 1
    assert errors[0].startswith("data/registers.yml:3: invalid YAML")


def test_standards_by_unknown_and_missing_severity(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "{high: 10, low: 15}", "{high: 10, lo: 15}")
    assert _errors_with(make_project, registers=registers) == [
        'data/registers.yml:6: complaints.resolve.within_days.lo: unknown severity "lo"'
        ' (did you mean "low"?); severities: low, high',
        "data/registers.yml:6: complaints.resolve.within_days: no standard for severity low",
    ]


def test_bad_age_groups(make_project: ProjectFactory) -> None:
    registers = REGISTERS + "  age_days: [7, 7, 30]\n"
    assert _errors_with(make_project, registers=registers) == [
        "data/registers.yml:12: complaints.age_days: age_days must be increasing whole numbers"
        " of days above 0, e.g. [7, 15, 30, 60]"
    ]


def test_bad_rate_and_hours_columns(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "dataset: tickets", "dataset: ticket")
    registers = edited(registers, "within_hours: 24", "within_hours: 24\n    hours: ack_bh")
    assert _errors_with(make_project, registers=registers) == [
        'data/registers.yml:5: complaints.acknowledge.hours: the dataset "complaints" has no'
        ' column "ack_bh"',
        'data/registers.yml:11: complaints.rate.dataset: unknown dataset "ticket": declare it in'
        ' datasets.yml (did you mean "tickets"?)',
    ]


def test_rate_time_column_must_be_a_datetime(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "per: 1000", "per: 1000\n    time: ticket_id")
    assert _errors_with(make_project, registers=registers) == [
        'data/registers.yml:12: complaints.rate.time: column "ticket_id" is of type string;'
        " it must be a datetime"
    ]


def test_dates_before_received_at_their_row(make_project: ProjectFactory) -> None:
    complaints = edited(
        COMPLAINTS,
        "2026-01-08 10:00:00,2026-01-30 10:00:00",
        "2026-01-08 10:00:00,2026-01-05 10:00:00",
    )
    assert _errors_with(make_project, complaints=complaints) == [
        "data/complaints.csv:3: row 2, column resolved_at: 2026-01-05 10:00 is earlier than"
        " the time the complaint was received"
    ]


def test_duplicate_ids_when_the_id_is_not_the_key(make_project: ProjectFactory) -> None:
    datasets = edited(DATASETS, "    key: complaint_id\n", "")
    complaints = edited(COMPLAINTS, "\nC03,", "\nC01,")
    assert _errors_with(make_project, datasets=datasets, complaints=complaints) == [
        'data/complaints.csv:4: row 3, column complaint_id: "C01" appears more than once'
        " (must be unique)"
    ]


def test_unknown_action_reported_by_the_framework(make_project: ProjectFactory) -> None:
    # No actions register: the framework reports every action id the rows name.
    assert _errors_with(make_project) == UNKNOWN_ACTIONS


def test_no_catalog_means_no_second_error(make_project: ProjectFactory) -> None:
    errors = _errors_with(make_project, datasets="datasets: 5\n")
    assert errors and not any("registers.yml" in e for e in errors)


def test_a_dataset_with_data_errors_is_not_reported_again(make_project: ProjectFactory) -> None:
    complaints = edited(COMPLAINTS, "C02,2026-01-06 10:00:00", "C02,not a date")
    errors = _errors_with(make_project, complaints=complaints)
    assert errors and all(e.startswith("data/complaints.csv:3: row 2,") for e in errors)


def test_an_empty_register(make_project: ProjectFactory) -> None:
    root = make_project(files(complaints=HEADER + "\n"))
    project = load_project(root, "data", None)
    assert not project.report.errors
    context = register_context(project, indicator_report(project), today=TODAY)
    analysis = project.registers["complaints"].analyse(context)
    assert analysis.summary(context) == "No complaints recorded."
    assert list(analysis.attention(context)) == []
    page = analysis.pages(context)[0].markdown
    assert "<figure" not in page
    assert "0 repeat complaints" in page
