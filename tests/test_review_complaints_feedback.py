"""The complaint and feedback registers' inputs to a management review.

The registers are the small hand-written ones of ``test_registers_complaints``
(15 complaints, local Shanghai times, judged on 2026-03-20) and
``test_registers_feedback`` (10 survey responses in January and February
2026, exported on 2026-02-28). The complaints are changed in three places
to give the review something to find: C11 and C09 are caused by a supplier,
and C12 is partly upheld. Every expected line is worked out by hand in the
comments beside it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from sqms.i18n import use_language
from sqms.project import Project, load_project
from tests.support.dates import NOV_24_2026
from tests.support.edits import edited
from tests.support.projects import write_project
from tests.support.registers import indicator_report, register_context, review_period
from tests.test_registers_complaints import COMPLAINTS, DATASETS, TODAY, files
from tests.test_registers_feedback import files as feedback_files

COMPLAINT_CHANGES = [
    (",Parcel lost,system,", ",Parcel lost,supplier,"),
    (",Still late,process,ACT-2,", ",Still late,supplier,ACT-2,"),
    ("2026-01-22 10:00:00,upheld,false", "2026-01-22 10:00:00,partly upheld,false"),
]
DATASET_CHANGES = [
    ("values: [process, people, system]", "values: [process, people, system, supplier]"),
    ("values: [upheld, not upheld]", "values: [upheld, partly upheld, not upheld]"),
]


def changed(text: str, changes: list[tuple[str, str]]) -> str:
    """``text`` with each of ``changes`` made (each must apply exactly once)."""
    for old, new in changes:
        text = edited(text, old, new)
    return text


def test_changes_apply() -> None:
    assert changed(COMPLAINTS, COMPLAINT_CHANGES).count("supplier") == 2
    assert "partly upheld" in changed(COMPLAINTS, COMPLAINT_CHANGES)
    assert changed(DATASETS, DATASET_CHANGES).count("supplier") == 1


@pytest.fixture(scope="module")
def complaints(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The complaint register with C11 and C09 caused by a supplier and C12 partly upheld."""
    texts = files(
        complaints=changed(COMPLAINTS, COMPLAINT_CHANGES),
        datasets=changed(DATASETS, DATASET_CHANGES),
    )
    return load_project(write_project(tmp_path_factory.mktemp("review-cmp"), texts), "data", None)


def complaint_lines(project: Project, label: str, today: dt.date = TODAY) -> dict[str, list[str]]:
    """The complaint register's review of ``label``, judged on ``today``."""
    context = register_context(project, indicator_report(project), today=today)
    analysis = project.registers["complaints"].analyse(context)
    return analysis.review(context, review_period(label))  # type: ignore[attr-defined,no-any-return]


LINK = "../../registers/complaints.md"
"""From ``certification/management-review/<label>.md`` to the register's page."""


# --- complaints: a month with the month before it -----------------------------


@pytest.fixture(scope="module")
def february(complaints: Project) -> dict[str, list[str]]:
    """The complaint register's review of February 2026."""
    return complaint_lines(complaints, "2026-02")


def test_c1_volume_rate_and_satisfaction(february: dict[str, list[str]]) -> None:
    assert february["c1"] == [
        # Received (local day): February C07 (07:00 on 1 Feb), C08 = 2; January C01-C06, C10,
        # C11, C12, C15 = 10: 8 fewer.
        "- Complaints received in 2026-02: **2** (2026-01: 10, 8 fewer).",
        # Tickets: February T6-T9 = 4 → 2 / 4 × 1000 = 500.00; January T1-T5 = 5 → 10 / 5 ×
        # 1000 = 2,000.00.
        "- Complaint rate in 2026-02: 500.00 per 1,000 tickets (2026-01: 2,000.00).",
        # Final responses in February: C03 (5 Feb, yes), C05 (3 Feb, no), C07 (10 Feb, yes),
        # C08 (20 Feb, no answer) → 2 of 3 = 66.7%. January: C01 yes, C02 no, C04 yes, C06 no,
        # C10 yes, C11 yes, C12 no → 4 of 7 = 57.1%.
        "- Customers satisfied with the resolution, among the complaints given their final "
        "response in 2026-02 whose customer answered: 66.7%, 2 of 3 (2026-01: 57.1%).",
    ]


def test_c4_upheld_targets_and_open(february: dict[str, list[str]]) -> None:
    assert february["c4"] == [
        # Final response in February and upheld: C03, C05, C07, C08 = 4. January: C01, C04,
        # C10 upheld and C12 partly upheld = 4 (C02, C06, C11 not upheld): no change.
        "- Complaints upheld or partly upheld (final response in 2026-02): **4** "
        "(2026-01: 4, no change).",
        # C03 billing, C05 staff, C07 staff, C08 delivery: staff 2, then the ties by name.
        "- Categories most often upheld: staff (2), billing (1), delivery (1).",
        # Within 24 h: C07 took 48 h (missed), C08 1 h → 1 of 2 = 50.0%. January: only C02
        # (48 h) missed → 9 of 10 = 90.0%.
        "- Complaints received in 2026-02 acknowledged within 24 hours: 50.0%, 1 of 2 judged "
        "on 2026-03-20 (2026-01: 90.0%).",
        # Low = 15 days: C07 1→10 Feb, 9 days (in); C08 1→20 Feb, 19 days (out) → 50.0%.
        # January in: C01 (5 d of 10), C04, C05, C06, C10, C11, C12 (10 d of 10) = 7; out: C02
        # (24 d of 15), C03 (16 d of 10), C15 (open past 18 Jan) → 7 of 10 = 70.0%.
        "- Complaints received in 2026-02 given their final response within the standard: "
        "50.0%, 1 of 2 judged on 2026-03-20 (2026-01: 70.0%).",
        # Open at the end of 28 Feb: received by then, no final response by then: C15 only
        # (due 18 Jan: past it). On 31 Jan: C03 (answered 5 Feb), C05 (3 Feb), C15 = 3.
        "- Complaints open on 2026-02-28: **1** (2026-01: 3, 2 fewer), of which past their "
        f"resolution standard: **1** ([C15]({LINK}#c15)).",
    ]


def test_c7_supplier_and_missing_causes(february: dict[str, list[str]]) -> None:
    assert february["c7"] == [
        # Supplier: C11 (January) and C09 (March); none in February.
        "- No complaint received in 2026-02 has a supplier as its root cause "
        "(2026-01: 1, 1 fewer).",
        # C08 has no root cause.
        "- Complaints received in 2026-02 without a root cause recorded yet: 1.",
    ]


def test_f_top_categories_tied_and_repeats(february: dict[str, list[str]]) -> None:
    assert february["f"] == [
        # C07 staff, C08 delivery: a tie at 1 each of 2 = 50.0%, named in alphabetical order.
        "- Opportunity: delivery, staff are the categories with the most complaints received "
        "in 2026-02: 1 each of 2 (50.0% each).",
        # February: C07 repeats C06 after 31 days (no), C08 is D's first delivery complaint.
        # January: C03 (C01 + 15 days) and C05 (C04 + 30 days) = 2.
        "- Repeat complaints received in 2026-02 (same customer and category within 30 days): "
        "**0** (2026-01: 2, 2 fewer).",
    ]


# --- complaints: the first month (nothing before it to compare) -------------------


def test_the_first_month_has_no_comparison(complaints: Project) -> None:
    lines = complaint_lines(complaints, "2026-01")
    # The register starts on 1 January: December is not covered, so no "(2025-12: …)".
    assert lines["c1"][0] == "- Complaints received in 2026-01: **10**."
    assert lines["c7"] == [
        f"- Complaints received in 2026-01 whose root cause is a supplier: **1**: [C11]({LINK}#c11)."
    ]
    # January: billing C01, C03, C10, C12 = 4 of 10 (40.0%); staff C04, C05, C06, C15 = 4 too.
    assert lines["f"][0] == (
        "- Opportunity: billing, staff are the categories with the most complaints received in "
        "2026-01: 4 each of 10 (40.0% each)."
    )


# --- complaints: the "as of" day -----------------------------------------------------


OPEN_ON_MARCH_20 = (
    # Received by 20 March, no final response: C09 (2 Mar, high: due 12 Mar, past), C13
    # (15 Mar, low: due 30 Mar), C14 (20 Mar, due 4 Apr), C15 (due 18 Jan, past) = 4;
    # most overdue first: C15, then C09. 2025-Q4 is before the register: no comparison.
    "- Complaints open on 2026-03-20: **4**, of which past their resolution standard: **2** "
    f"([C15]({LINK}#c15), [C09]({LINK}#c09))."
)


def test_the_quarter_is_judged_on_the_reference_date(complaints: Project) -> None:
    # min(31 March, export 20 March, today 20 March) = 20 March.
    lines = complaint_lines(complaints, "2026-Q1")
    assert lines["c1"][:2] == [
        "The complaint register is counted up to 2026-03-20: 2026-Q1 is not complete.",
        "",
    ]
    assert lines["c4"][-1] == OPEN_ON_MARCH_20
    # C09 and C11 (supplier), in the order received: C11 on 15 Jan, C09 on 2 Mar.
    assert lines["c7"][0] == (
        "- Complaints received in 2026-Q1 whose root cause is a supplier: **2**: "
        f"[C11]({LINK}#c11), [C09]({LINK}#c09)."
    )


def test_the_export_bounds_the_as_of_day(complaints: Project) -> None:
    # Today 30 April, but the register's latest time (its export) is C14's, 20 March: the
    # register knows nothing later, so March is judged on 20 March, not 31 March.
    lines = complaint_lines(complaints, "2026-Q1", today=dt.date(2026, 4, 30))
    assert lines["c4"][-1] == OPEN_ON_MARCH_20
    march = complaint_lines(complaints, "2026-03", today=dt.date(2026, 4, 30))
    # February's end: only C15 open (as in the February review): 4 − 1 = 3 more.
    assert march["c4"][-1] == (
        "- Complaints open on 2026-03-20: **4** (2026-02: 1, 3 more), of which past their "
        f"resolution standard: **2** ([C15]({LINK}#c15), [C09]({LINK}#c09))."
    )


def test_an_earlier_reference_date_comes_first(complaints: Project) -> None:
    # Today 10 March: C09 (received 2 March, due 12 March) is open but not yet past its
    # standard; C13 and C14 are not received yet. Open: C09, C15 = 2; past: C15.
    lines = complaint_lines(complaints, "2026-Q1", today=dt.date(2026, 3, 10))
    assert lines["c4"][-1] == (
        "- Complaints open on 2026-03-10: **2**, of which past their resolution standard: "
        f"**1** ([C15]({LINK}#c15))."
    )


# --- complaints: a period without any ----------------------------------------------


def test_an_empty_period_says_so(complaints: Project) -> None:
    lines = complaint_lines(complaints, "2025-12")
    assert lines == {
        "c1": [
            "- No complaint was received in 2025-12.",
            "- No complaint given its final response in 2025-12 records whether the customer "
            "was satisfied.",
        ],
        "c4": [
            "- No complaint was upheld or partly upheld in 2025-12.",
            "- No complaint was open on 2025-12-31.",
        ],
        "c7": ["- No complaint received in 2025-12 has a supplier as its root cause."],
        "f": ["- No complaint was received in 2025-12."],
    }


def test_chinese(complaints: Project) -> None:
    with use_language("zh"):
        lines = complaint_lines(complaints, "2026-02")
    assert lines["c1"][0] == "- 2026年2月 收到投诉：**2** 件（2026年1月：10，少 8）。"


# --- feedback ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def feedback(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The feedback register of ``test_registers_feedback``, loaded (without errors)."""
    loaded = load_project(
        write_project(tmp_path_factory.mktemp("review-fb"), feedback_files()), "data", None
    )
    assert not loaded.report.errors
    return loaded


def feedback_lines(
    project: Project, label: str, today: dt.date = NOV_24_2026
) -> dict[str, list[str]]:
    """The feedback register's review of ``label``, judged on ``today``."""
    context = register_context(project, indicator_report(project), today=today)
    analysis = project.registers["feedback"].analyse(context)
    return analysis.review(context, review_period(label))  # type: ignore[attr-defined,no-any-return]


def test_feedback_month_against_the_month_before(feedback: Project) -> None:
    lines = feedback_lines(feedback, "2026-02")
    assert lines["c1"] == [
        # February s6-s10 = 5; January s1-s5 = 5.
        "- Survey responses in 2026-02: **5** (2026-01: 5, no change).",
        # Comments: February s6, s8 = 2 of 5; January s1, s2 (s4's is blank) = 2 of 5.
        "- Responses with a comment: 40.0%, 2 of 5 (2026-01: 40.0%).",
        "",
        "| Score | Low score | Answers | Share low | Mean | Share low 2026-01 | Mean 2026-01 |",
        "|---|---|---|---|---|---|---|",
        # CSAT February 1, 5, 2, 4 (s9 none): low ≤ 2 → 2 of 4 = 50.0%, mean 12 / 4 = 3.00.
        # January 5, 1, 2, 4, 4: 2 of 5 = 40.0%, mean 16 / 5 = 3.20.
        "| CSAT | ≤ 2 | 4 | 50.0% | 3.00 | 40.0% | 3.20 |",
        # CES February 7, 1, 3, 4 (s8 none): low ≥ 5 → 1 of 4 = 25.0%, mean 15 / 4 = 3.75.
        # January 1, 6, 5, 2 (s5 none): 2 of 4 = 50.0%, mean 14 / 4 = 3.50.
        "| CES | ≥ 5 | 4 | 25.0% | 3.75 | 50.0% | 3.50 |",
    ]
    # Tags of February's responses with a CSAT (s9 has none): low s6 {slow response,
    # transferred}, s8 {transferred, friendly}; not low s7 {easy, friendly}. Low / responses:
    # transferred 2/2, friendly 1/2, slow response 1/1, easy 0/1. Ranked by low, then
    # responses: transferred, friendly, slow response.
    assert lines["f"] == [
        "- Opportunity: the tags most often given with a low CSAT in 2026-02: transferred "
        "(2 low of 2, 100.0%), friendly (1 low of 2, 50.0%), slow response (1 low of 1, 100.0%)."
    ]


def test_feedback_first_month_escapes_tags(feedback: Project) -> None:
    lines = feedback_lines(feedback, "2026-01")
    # Nothing before January: no comparison and no previous columns.
    assert lines["c1"][3] == "| Score | Low score | Answers | Share low | Mean |"
    # January low CSAT: s2 {slow response, TAG}, s3 {slow response}; friendly and easy only
    # with high scores (not listed: no low answer).
    assert lines["f"] == [
        "- Opportunity: the tags most often given with a low CSAT in 2026-01: slow response "
        "(2 low of 2, 100.0%), &lt;b&gt;bold&lt;/b&gt; &#124; pipe (1 low of 1, 100.0%)."
    ]


def test_feedback_partial_and_empty_periods(feedback: Project) -> None:
    # Export 28 February: March has no responses and is counted to min(31 Mar, 28 Feb).
    lines = feedback_lines(feedback, "2026-03")
    assert lines == {
        "c1": [
            "The survey responses are counted up to 2026-02-28: 2026-03 is not complete.",
            "",
            "- No survey response was received in 2026-03 (2026-02: 5, 5 fewer).",
        ],
        "f": ["- No survey response was received in 2026-03."],
    }
    # The reference date comes first when earlier than the export.
    early = feedback_lines(feedback, "2026-Q1", today=dt.date(2026, 2, 10))
    assert early["c1"][0] == (
        "The survey responses are counted up to 2026-02-10: 2026-Q1 is not complete."
    )
    # The quarter: January 5 + February 5 = 10 responses; 2025-Q4 is not covered.
    quarter = feedback_lines(feedback, "2026-Q1")
    assert quarter["c1"][2] == "- Survey responses in 2026-Q1: **10**."


def test_no_personal_data(feedback: Project, complaints: Project) -> None:
    text = str(feedback_lines(feedback, "2026-Q1")) + str(complaint_lines(complaints, "2026-Q1"))
    # Comments and customer ids never reach a review.
    for secret in ("Zhang Wei", "13800000000", "meh", "CUST-"):
        assert secret not in text
