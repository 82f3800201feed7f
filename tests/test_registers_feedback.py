"""The customer feedback register: the list column type, the setup, and the page's numbers.

Every number is checked against a value worked out by hand from the ten
survey responses below (the arithmetic is in the comments).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from sqms.diagnostics import Report
from sqms.engine.coercion import Where, blank_as_missing, check_rules, coerce_column
from sqms.engine.datasets import load_catalog
from sqms.io.jsonl import read_jsonl_arrow
from sqms.project import Project, load_project
from sqms.registers import FEEDBACK_PAGE, RegisterContext
from sqms.registers.feedback.analysis import Comparison, FeedbackFacts, analyse_frame, pearson
from sqms.registers.feedback.compare import r_text
from sqms.registers.feedback.register import FeedbackRegister
from sqms.registers.feedback.spec import FeedbackSpec
from sqms.schema.datasets import ColumnSpec
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, errors, write_project
from tests.support.registers import indicator_report, register_context

TAG = "<b>bold</b> | pipe"
"""A tag with markup and a table separator in it: it must reach the page escaped."""

# Ten responses in January and February 2026 (UTC). CSAT 1–5, low ≤ 2; CES 1–7, lower
# is better, low ≥ 5. s9 gives no CSAT; s4's comment is blank (so: no comment).
RESPONSES = [
    {"id": "s1", "at": "2026-01-05 10:00:00", "channel": "chat", "csat": 5, "ces": 1,
     "comment": "Great", "tags": ["friendly", "easy"]},
    {"id": "s2", "at": "2026-01-06 10:00:00", "channel": "chat", "csat": 1, "ces": 6,
     "comment": "Agent Zhang Wei was rude", "tags": ["slow response", TAG]},
    {"id": "s3", "at": "2026-01-07 10:00:00", "channel": "email", "csat": 2, "ces": 5,
     "comment": None, "tags": ["slow response"]},
    {"id": "s4", "at": "2026-01-08 10:00:00", "channel": "email", "csat": 4, "ces": 2,
     "comment": "  ", "tags": ["friendly"]},
    {"id": "s5", "at": "2026-01-20 10:00:00", "channel": "chat", "csat": 4, "ces": None,
     "comment": None, "tags": []},
    {"id": "s6", "at": "2026-02-02 10:00:00", "channel": "email", "csat": 1, "ces": 7,
     "comment": "awful, call me on 13800000000", "tags": ["slow response", "transferred"]},
    {"id": "s7", "at": "2026-02-03 10:00:00", "channel": "chat", "csat": 5, "ces": 1,
     "comment": None, "tags": ["easy", "friendly", "easy"]},
    {"id": "s8", "at": "2026-02-04 10:00:00", "channel": "email", "csat": 2, "ces": None,
     "comment": "meh", "tags": ["transferred", "friendly"]},
    {"id": "s9", "at": "2026-02-05 10:00:00", "channel": "chat", "csat": None, "ces": 3,
     "comment": None, "tags": ["friendly"]},
    {"id": "s10", "at": "2026-02-06 10:00:00", "channel": "email", "csat": 4, "ces": 4,
     "comment": None, "tags": None},
]  # fmt: skip
COMMENTS = ("Great", "Zhang Wei", "rude", "awful", "13800000000", "meh")

DATASETS = """
timezone: UTC
datasets:
  surveys:
    file: surveys.jsonl
    key: id
    time: at
    as_of: 2026-02-28 23:59:59
    columns:
      id: {type: string, required: true}
      at: {type: datetime, required: true}
      channel: {type: category, values: [chat, email]}
      csat: {type: integer, min: 1, max: 5}
      ces: {type: integer, min: 1, max: 7}
      comment: {type: string, pii: true}
      tags: list
"""

PLAN = """
defaults: {period: month, min_n: 1}
indicators:
  sat:
    name: Satisfied
    family: service_level
    dataset: surveys
    measure: share
    where: csat >= 4
    among: csat is not null
    unit: percent
  effort:
    name: Effort
    family: quality
    dataset: surveys
    measure: mean
    column: ces
    unit: score
    better: lower
"""

REGISTERS = """
feedback:
  dataset: surveys
  scores:
    csat: {name: CSAT, scale: [1, 5], better: higher, low: 2}
    ces: {name: CES, scale: [1, 7], better: lower, low: 5}
  comment: comment
  tags: {column: tags, score: csat, top: 4}
  by: [channel]
  compare:
    - {customer: sat, service: effort}
  attention: {min_n: 2, rise: 0.5, baseline: 1}
"""


def jsonl(rows: list[dict[str, object]]) -> str:
    """``rows`` as JSON Lines."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


def files(**changes: str) -> dict[str, str]:
    """The tiny project's files; ``registers`` etc. replace a file's text."""
    texts = {
        "data/datasets.yml": DATASETS,
        "data/quality-plan.yml": PLAN,
        "data/registers.yml": REGISTERS,
        "data/surveys.jsonl": jsonl(RESPONSES),
    }
    names = {"registers": "data/registers.yml", "datasets": "data/datasets.yml"}
    texts.update({names[key]: value for key, value in changes.items()})
    return texts


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The tiny feedback project, loaded (without errors)."""
    loaded = load_project(write_project(tmp_path_factory.mktemp("feedback"), files()), "data", None)
    assert not errors(loaded), errors(loaded)
    return loaded


@pytest.fixture(scope="module")
def context(project: Project) -> RegisterContext:
    """The feedback project's register context, with its two indicators computed."""
    return register_context(project, indicator_report(project))


@pytest.fixture(scope="module")
def facts(project: Project, context: RegisterContext) -> FeedbackFacts:
    """The feedback register's figures, worked out by hand in the tests."""
    register = project.registers["feedback"]
    assert isinstance(register, FeedbackRegister)
    return register.analyse(context).facts


@pytest.fixture(scope="module")
def page(project: Project, context: RegisterContext) -> str:
    """The feedback register's page, as Markdown."""
    pages = project.registers["feedback"].analyse(context).pages(context)
    assert [p.path for p in pages] == [FEEDBACK_PAGE]
    return pages[0].markdown


# --- the list column type -----------------------------------------------------


def test_tags_load_as_lists_that_explode(project: Project) -> None:
    assert project.catalog is not None
    frame = project.catalog.datasets["surveys"].frame
    # Missing (s10) and [] (s5) are both empty; a repeated tag is kept as given.
    assert frame["tags"].tolist()[4:] == [
        [], ["slow response", "transferred"], ["easy", "friendly", "easy"],
        ["transferred", "friendly"], ["friendly"], [],
    ]  # fmt: skip
    exploded = frame[["id", "tags"]].explode("tags").dropna()
    # 2 + 2 + 1 + 1 + 0 + 2 + 3 + 2 + 1 + 0 = 14 (response, tag) rows.
    assert len(exploded) == 14
    assert exploded.loc[exploded["id"] == "s2", "tags"].tolist() == ["slow response", TAG]


LIST_LINES = [
    '{"t":["a"," b c ",""]}', '{"t":null}', "{}", '{"t":[]}', '{"t":["d","a"]}',
]  # fmt: skip
LIST_VALUES = [["a", "b c"], [], [], [], ["d", "a"]]
"""Items trimmed, empty ones dropped; null, a missing key and [] are all an empty list."""


def coerced(raw: pd.Series, spec: ColumnSpec) -> tuple[pd.Series, list[str]]:
    """``raw`` coerced to ``spec`` and checked: the values and the errors found."""
    report, where = Report(), Where("data/s.jsonl", 0)
    text = blank_as_missing(raw)
    values = coerce_column(text, spec, "UTC", where, report, "t")
    check_rules(values, text, spec, where, report, "t")
    return values, [d.format() for d in report.errors]


def test_arrow_and_pandas_read_list_columns_the_same(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(LIST_LINES) + "\n", encoding="utf-8")
    arrow = read_jsonl_arrow(path, ["t"], set(), {"t"})
    assert arrow is not None, "well-formed arrays of text take the fast path"
    plain = pd.read_json(path, lines=True, dtype=False)
    spec = ColumnSpec(type="list")
    fast, slow = coerced(arrow["t"], spec), coerced(plain["t"], spec)
    assert fast[0].tolist() == slow[0].tolist() == LIST_VALUES
    assert fast[1] == slow[1] == []
    pd.testing.assert_series_equal(fast[0], slow[0], check_names=False)


@pytest.mark.parametrize(
    "line", ['{"t":["a",3]}', '{"t":"a;b"}', '{"t":[["x"]]}', '{"t":{"k":1}}', '{"u":1}']
)
def test_arrow_leaves_anything_but_arrays_of_text_to_pandas(line: str, tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    # The last case: the column is never given, which pandas reports as a missing column.
    path.write_text(line + "\n", encoding="utf-8")
    assert read_jsonl_arrow(path, ["t"], set(), {"t"}) is None


def test_a_null_item_is_reported_on_either_path(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    path.write_text('{"t":["a"]}\n{"t":["b",null]}\n', encoding="utf-8")
    arrow = read_jsonl_arrow(path, ["t"], set(), {"t"})
    assert arrow is not None, "Arrow reads a null item as a list of text"
    plain = pd.read_json(path, lines=True, dtype=False)
    spec = ColumnSpec(type="list")
    message = "data/s.jsonl:2: row 2, column t: the list holds null, which is not text"
    assert coerced(arrow["t"], spec)[1] == coerced(plain["t"], spec)[1] == [message]


def catalog_errors(root: Path) -> list[str]:
    """The errors of loading the datasets of the project at ``root``."""
    report = Report()
    load_catalog(root / "data", "data", report)
    return [d.format() for d in report.errors]


def test_items_that_are_not_text_are_located(make_project: ProjectFactory) -> None:
    datasets = """
    datasets:
      s:
        file: s.jsonl
        columns:
          id: string
          tags: list
    """
    rows = [
        {"id": "a", "tags": ["x"]},
        {"id": "b", "tags": ["x", 3]},
        {"id": "c", "tags": 5},
        {"id": "d", "tags": [None]},
        {"id": "e", "tags": [["y"]]},
        {"id": "f", "tags": "x; y"},
    ]
    root = make_project({"data/datasets.yml": datasets, "data/s.jsonl": jsonl(rows)})
    # JSON Lines: row r is on line r. "x; y" is a text, split at the separator: fine.
    assert catalog_errors(root) == [
        "data/s.jsonl:2: row 2, column tags: the list holds 3, which is not text",
        'data/s.jsonl:3: row 3, column tags: "5" is not a list: give a JSON array of'
        " texts, or texts separated by the separator",
        "data/s.jsonl:4: row 4, column tags: the list holds null, which is not text",
        'data/s.jsonl:5: row 5, column tags: the list holds ["y"], which is not text',
    ]


def test_csv_lists_split_at_the_declared_separator(make_project: ProjectFactory) -> None:
    datasets = """
    datasets:
      s:
        file: s.csv
        columns:
          id: string
          tags: {type: list, separator: "|", values: [a, b c, d]}
          more: {type: list, required: true}
    """
    rows = "id,tags,more\n1, a |b c,x;y\n2,,z\n3,d|a|zzz,\n"
    root = make_project({"data/datasets.yml": datasets, "data/s.csv": rows})
    # Line = row + 1 (the header). Row 3: "zzz" is not allowed; "more" is empty but required.
    assert catalog_errors(root) == [
        'data/s.csv:4: row 3, column tags: "zzz" is not one of the allowed values: a, b c, d',
        "data/s.csv:4: row 3, column more: a value is required",
    ]
    spec = ColumnSpec(type="list", separator="|")
    values, problems = coerced(pd.Series([" a |b c", None, "d|a"], dtype="str"), spec)
    assert values.tolist() == [["a", "b c"], [], ["d", "a"]] and problems == []
    default = coerced(pd.Series(["x; y ;"], dtype="str"), ColumnSpec(type="list"))[0]
    assert default.tolist() == [["x", "y"]], "the default separator is ;"


def test_separator_belongs_to_list_columns(make_project: ProjectFactory) -> None:
    datasets = """
    datasets:
      s:
        file: s.csv
        columns:
          id: {type: string, separator: ";"}
          tags: {type: list, separator: ""}
    """
    root = make_project({"data/datasets.yml": datasets, "data/s.csv": "id,tags\n1,a\n"})
    assert catalog_errors(root) == [
        "data/datasets.yml:5: datasets.s.columns.id: separator is only for columns of type list",
        "data/datasets.yml:6: datasets.s.columns.tags: separator must not be empty",
    ]


# --- the numbers --------------------------------------------------------------


def test_score_distributions(facts: FeedbackFacts) -> None:
    csat, ces = facts.scores
    # CSAT answers (s9 gave none): 5,1,2,4,4,1,5,2,4 → 1:2, 2:2, 3:0, 4:3, 5:2 = 9.
    assert csat.distribution["count"].tolist() == [2, 2, 0, 3, 2]
    assert csat.distribution["low"].tolist() == [True, True, False, False, False]
    # Low (≤ 2): 2 + 2 = 4 of 9; mean 28 / 9 = 3.111.
    assert (csat.n, csat.low) == (9, 4)
    assert csat.mean == pytest.approx(28 / 9)
    # CES answers (s5, s8 gave none): 1,6,5,2,7,1,3,4 → one each of 2..7, two 1s.
    assert ces.distribution["count"].tolist() == [2, 1, 1, 1, 1, 1, 1]
    # Lower is better: low is ≥ 5, i.e. 5, 6 and 7: 3 of 8.
    assert ces.distribution["low"].tolist() == [False] * 4 + [True] * 3
    assert (ces.n, ces.low) == (8, 3)


def test_months_comments_and_latest(facts: FeedbackFacts) -> None:
    assert (facts.responses, facts.first, facts.last) == (10, "2026-01", "2026-02")
    # as_of is the last second of February: February is complete.
    assert facts.latest == "2026-02" and facts.partial == frozenset()
    # February: s6..s10. CSAT answered by s6, s7, s8, s10, low s6 (1), s8 (2).
    # CES answered by s6, s7, s9, s10, low s6 (7).
    assert facts.latest_responses == 5
    assert facts.latest_counts == {"csat": (2, 4), "ces": (1, 4)}
    # Comments: s1, s2, s6, s8 (s4's is blank) = 4 of 10; of the 4 low CSAT
    # responses (s2, s3, s6, s8), 3 have one.
    assert (facts.comments, facts.low_responses, facts.low_comments) == (4, 4, 3)


def test_monthly_trend_by_channel(facts: FeedbackFacts) -> None:
    trend = facts.trends[0]
    assert (trend.score, trend.dim) == ("csat", "channel")
    rows = {(r.period, r.dim_value): (round(r.value, 4), r.n) for r in trend.rows.itertuples()}
    # Jan chat: s1 5, s2 1, s5 4 → 10/3; Jan email: s3 2, s4 4 → 3.
    # Feb chat: s7 5 (s9 no CSAT); Feb email: s6 1, s8 2, s10 4 → 7/3.
    assert rows == {
        ("2026-01", "chat"): (round(10 / 3, 4), 3),
        ("2026-01", "email"): (3.0, 2),
        ("2026-02", "chat"): (5.0, 1),
        ("2026-02", "email"): (round(7 / 3, 4), 3),
    }
    # All: Jan 16/5 = 3.2 (n 5); Feb 12/4 = 3.0 (n 4).
    assert trend.totals["value"].tolist() == pytest.approx([3.2, 3.0])
    assert trend.totals["n"].tolist() == [5, 4]


def test_tags_ranked_by_low_scores_with_share_and_lift(facts: FeedbackFacts) -> None:
    assert facts.tags is not None
    # Among the 9 responses with a CSAT, 4 are low: overall share 4/9.
    assert facts.tag_base == (4, 9)
    table = facts.tags.set_index("tag")
    # slow response: s2, s3, s6 → 3 of 3 low; share 1, lift 1 / (4/9) = 2.25.
    # transferred: s6, s8 → 2 of 2; lift 2.25.
    # friendly: s1, s4, s7, s8 (s9 has no CSAT) → 1 of 4 (s8); share 0.25, lift 0.25 / (4/9) = 0.5625.
    # TAG: s2 → 1 of 1; lift 2.25. easy: s1, s7 (twice in s7, counted once) → 0 of 2.
    expected = {
        "slow response": (3, 3, 1.0, 2.25),
        "transferred": (2, 2, 1.0, 2.25),
        "friendly": (4, 1, 0.25, 0.5625),
        TAG: (1, 1, 1.0, 2.25),
        "easy": (2, 0, 0.0, 0.0),
    }
    for tag, (responses, low, share, lift) in expected.items():
        row = table.loc[tag]
        assert (row["responses"], row["low"]) == (responses, low), tag
        assert (row["share"], row["lift"]) == pytest.approx((share, lift)), tag
    # By low scores; ties (friendly and TAG, 1 each) by responses (4 before 1).
    assert facts.tags["tag"].tolist() == list(expected)


def test_a_tag_whose_low_share_rose_needs_attention(facts: FeedbackFacts) -> None:
    # Latest month February against January (baseline 1), at least 2 with the tag in each:
    # friendly: Feb s7, s8 → 1 of 2 = 50%; Jan s1, s4 → 0 of 2 = 0%: a rise of 50 points.
    # slow response: Feb 1 of 1 (too few). transferred: none in January.
    assert [(r.tag, r.month, r.low, r.n, r.base_low, r.base_n) for r in facts.rises] == [
        ("friendly", "2026-02", 1, 2, 0, 2)
    ]


def test_attention_item_links_to_the_tags(project: Project, context: RegisterContext) -> None:
    items = project.registers["feedback"].analyse(context).attention(context)
    assert [item.text for item in items] == [
        'Tag "friendly": 50.0% low CSAT in 2026-02 (1 of 2), up from 0.0% in 2026-01 (0 of 2)'
        " — [Customer feedback](registers/feedback.md#feedback-tags)"
    ]


def test_pearson_r_on_monthly_totals() -> None:
    results = pd.DataFrame(
        {
            "indicator": ["svc"] * 6 + ["cust"] * 5,
            "period": ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-03",
                       "2026-01", "2026-02", "2026-03", "2026-04", "2026-06"],
            "dim": ["", "", "", "", "", "channel", "", "", "", "", ""],
            "value": [1.0, 2.0, 3.0, 4.0, 9.0, 50.0, 2.0, 4.0, 5.0, 4.0, 7.0],
            "partial": [False, False, False, False, True, False, False, False, False, False, False],
        }
    )  # fmt: skip
    spec = FeedbackSpec.model_validate(
        {
            "dataset": "s",
            "scores": {"csat": {"scale": [1, 5], "low": 2}},
            "compare": [{"customer": "cust", "service": "svc"}],
        }
    )
    frame = pd.DataFrame({"at": pd.to_datetime(["2026-01-05"]).tz_localize("UTC"), "csat": [3]})
    facts = analyse_frame(spec, frame, "at", None, "UTC", results)
    (comparison,) = facts.comparisons
    # Only total rows of complete periods both have: 2026-01..04 (05 is partial, 06 has
    # no service value, the channel row is not a total).
    assert comparison.points["period"].tolist() == ["2026-01", "2026-02", "2026-03", "2026-04"]
    # x = 1, 2, 3, 4 (mean 2.5); y = 2, 4, 5, 4 (mean 3.75).
    # dx = -1.5, -0.5, 0.5, 1.5; dy = -1.75, 0.25, 1.25, 0.25.
    # Σdxdy = 2.625 - 0.125 + 0.625 + 0.375 = 3.5; Σdx² = 5; Σdy² = 4.75.
    # r = 3.5 / √(5 × 4.75) = 3.5 / 4.87340 = 0.71818.
    assert comparison.r == pytest.approx(0.71818, abs=1e-5)
    assert r_text(comparison, "months", "Service", "Customers") == (
        "Over 4 months, r = 0.72: a strong positive relation. In months when Service was"
        " higher, Customers tended to be higher."
    )
    few = Comparison("cust", "svc", comparison.points.head(2), None)
    assert r_text(few, "months", "S", "C").startswith("2 months with both values: too few")
    assert pearson(pd.Series([1.0, 1.0, 1.0]), pd.Series([1.0, 2.0, 3.0])) is None, "no spread"
    assert pearson(pd.Series([1.0, 2.0]), pd.Series([2.0, 1.0])) is None, "two points"
    assert pearson(pd.Series([1.0, 2.0, 3.0]), pd.Series([6.0, 4.0, 2.0])) == pytest.approx(-1)


# --- the page -----------------------------------------------------------------


def test_page_sections_and_numbers(page: str) -> None:
    assert page.startswith("# Customer feedback\n")
    for anchor in ("scores", "comments", "trend", "tags", "compare"):
        assert f"{{#feedback-{anchor}}}" in page
    assert (
        "**10 responses, 2026-01 to 2026-02. Latest complete month, 2026-02: 5 responses;" in page
    )
    assert "low scores: CSAT 50.0%, CES 25.0%.**" in page  # 2 of 4, 1 of 4
    assert "| CSAT | 1–5 | higher is better | ≤ 2 | 9 | 3.11 | 44.4% |" in page  # 28/9, 4/9
    assert "| CES | 1–7 | lower is better | ≥ 5 | 8 | 3.62 | 37.5% |" in page  # 29/8, 3/8
    assert "4 of 10 responses (40.0%) have a comment." in page
    assert "Of the responses with a low CSAT, 75.0% have one." in page  # 3 of 4
    assert "<td>2026-01</td><td>3.33 (n = 3)</td><td>3.00 (n = 2)</td><td>3.20 (n = 5)</td>" in page
    # top: 4 → the first four tags of the ranking.
    assert "The 4 tags with the most low scores, of 5 tags in all." in page
    assert "<td>friendly</td><td>4</td><td>1</td><td>25.0%</td><td>0.56×</td>" in page
    assert "<td>easy</td>" not in page
    # Each chart has its numbers beside it: 2 distributions, 2 trends, tags, 1 comparison.
    assert page.count('<figure class="sqms-chart"') == page.count('class="sqms-numbers"') == 6


def test_comparison_without_enough_months(page: str) -> None:
    assert "Correlation is not cause" in page
    assert "[Satisfied](../indicators/sat.md)" in page
    # Two months of results: too few for r.
    assert "2 months with both values: too few" in page


def test_tags_are_escaped(page: str) -> None:
    escaped = "&lt;b&gt;bold&lt;/b&gt; &#124; pipe"
    assert f"<td>{escaped}</td><td>1</td><td>1</td><td>100.0%</td><td>2.25×</td>" in page
    # In the charts' SVG the text is XML, escaped by the renderer; Markdown does not
    # read inside the figure. Everywhere else neither the markup nor the bar is raw.
    assert "&lt;b&gt;bold&lt;/b&gt; | pipe</text>" in page
    outside = re.sub(r"<figure .*?</figure>", "", page)
    assert "<b>" not in outside and "| pipe" not in outside


def test_comments_never_reach_the_page(page: str) -> None:
    for text in COMMENTS:
        assert text not in page


# --- a bad setup --------------------------------------------------------------


def load_with(registers: str, make_project: ProjectFactory, **changes: str) -> list[str]:
    """The errors of the tiny project with ``registers`` (and other ``changes``) in it."""
    root = make_project(files(registers=registers, **changes))
    return errors(load_project(root, "data", None))


def test_unknown_dataset_with_hint(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "dataset: surveys", "dataset: survey")
    assert load_with(registers, make_project) == [
        'data/registers.yml:2: unknown dataset "survey" (did you mean "surveys"?)'
    ]


def test_columns_must_exist_and_fit(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "csat: {name: CSAT,", "csat: {column: csta, name: CSAT,")
    registers = edited(registers, "ces: {name: CES,", "ces: {column: comment, name: CES,")
    registers = edited(registers, "comment: comment", "comment: ces")
    registers = edited(registers, "column: tags,", "column: channel,")
    registers = edited(registers, "by: [channel]", "by: [channel, comment, channel]")
    assert load_with(registers, make_project) == [
        'data/registers.yml:4: the dataset has no column "csta" (did you mean "csat"?)',
        'data/registers.yml:5: column "comment" is string, expected integer, number',
        'data/registers.yml:6: column "ces" is integer, expected category, string',
        'data/registers.yml:7: column "channel" is category, expected list',
        'data/registers.yml:8: breakdown "channel" is named twice',
        'data/registers.yml:8: column "comment" holds personal data (pii: true):'
        " its values would be published",
    ]


def test_setup_values_are_checked(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "scale: [1, 5], better: higher, low: 2", "scale: [1, 5], low: 6")
    registers = edited(registers, "scale: [1, 7]", "scale: [7, 1]")
    registers = edited(registers, "top: 4", "top: many")
    registers = edited(registers, "  by:", "  bye:")
    assert load_with(registers, make_project) == [
        "data/registers.yml:4: feedback.scores.csat: low must lie on the scale, from 1 to 5",
        "data/registers.yml:5: feedback.scores.ces: scale must be [lowest, highest], the"
        " lowest below the highest",
        'data/registers.yml:7: feedback.tags.top: expected an integer, got "many"',
        'data/registers.yml:8: unknown key "bye" (did you mean "by"?)',
    ]


def test_unknown_score_and_indicator(make_project: ProjectFactory) -> None:
    registers = edited(REGISTERS, "score: csat", "score: cast")
    registers = edited(registers, "customer: sat,", "customer: satt,")
    assert load_with(registers, make_project) == [
        'data/registers.yml:7: unknown score "cast" (did you mean "csat"?)'
    ]
    registers = edited(REGISTERS, "customer: sat,", "customer: satt,")
    # Reported by the framework, which checks every register's references.
    assert load_with(registers, make_project) == [
        'data/registers.yml:10: unknown indicator "satt" (did you mean "sat"?)'
    ]


def test_malformed_and_empty_setup(make_project: ProjectFactory) -> None:
    assert load_with("feedback:\n  dataset: [surveys\n", make_project)[0].startswith(
        "data/registers.yml:3: invalid YAML"
    )
    assert load_with("feedback:\n  dataset: surveys\n", make_project) == [
        'data/registers.yml:2: missing required key "scores"'
    ]
    assert load_with("feedback:\n  dataset: surveys\n  scores: {}\n", make_project) == [
        "data/registers.yml:3: feedback.scores: give at least one score, with its scale and"
        " what is low"
    ]
    duplicate = edited(REGISTERS, "  comment: comment\n", "  comment: comment\n  comment: x\n")
    assert load_with(duplicate, make_project) == [
        'data/registers.yml:7: duplicate key "comment" (first defined on line 6)'
    ]
