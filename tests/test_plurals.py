"""Real plural forms: a number before a counted noun reads right for 1 and for more.

Each counted message is a plural entry used with ``nt`` (English has two forms,
Chinese one); a message with several counts holds a plural piece per count. The
catalog check reports a plain message that puts a number before a plural noun.
"""

from __future__ import annotations

import io

import pytest
from babel.messages.pofile import read_po

from sqms.i18n import nt, t, use_language
from sqms.i18n.catalogs import catalog
from sqms.i18n.check import counted_phrases, uncounted_plurals
from sqms.io.text_problems import json_line_problems
from sqms.project import load_project
from tests import mini
from tests.support.projects import ProjectFactory

# key, values besides the count, English for 1, English for 2, Chinese for 1
COUNTED = [
    ("data.more_rows", {}, "... and 1 more row with this problem",
     "... and 2 more rows with this problem", "……另有 1 行存在同样问题"),
    ("data.json_more_lines", {}, "... and 1 more line that is not a JSON object",
     "... and 2 more lines that are not JSON objects", "……另有 1 行不是 JSON 对象"),
    ("evidence.more_values", {"id": "frt"}, "frt: 1 more value differs",
     "frt: 2 more values differ", "frt：另有 1 个数值不一致"),
    ("page.indicator.no_recent_signal", {"periods": "{count}"},
     "Control chart: no signal in the latest 1 period.",
     "Control chart: no signal in the latest 2 periods.", "控制图：最近 1 个周期无判异信号。"),
    ("diff.all_latest", {}, "Latest complete value of the 1 indicator",
     "Latest complete value of all 2 indicators", "全部 1 个指标的最近完整期间数值"),
    ("diff.no_value_changed", {}, "No value or status changed (1 indicator compared).",
     "No value or status changed (2 indicators compared).", "数值和状态均无变化（比较了 1 个指标）。"),
    ("cli.check_ok", {"indicators": "{count}"}, "project is valid: 1 indicator checked",
     "project is valid: 2 indicators checked", "项目有效：已检查 1 个指标"),
    ("spc.length_mismatch", {"what": "values", "got": "{count}", "expected": 3},
     "values has 1 value, expected 3", "values has 2 values, expected 3", "values 有 1 个值，应为 3 个"),
    ("expr.arity_min", {"name": "f", "expected": "{count}", "got": 0},
     "f() takes at least 1 argument, got 0", "f() takes at least 2 arguments, got 0",
     "f() 至少需要 1 个参数，实际为 0 个"),
    ("review.actions.stage_steps", {"stage": "open", "done": 0, "steps": "{count}"},
     "open, 0 of 1 step done", "open, 0 of 2 steps done", "open，1 个步骤中已完成 0 个"),
    ("risks.overdue_by", {"days": "{count}"}, "overdue by 1 day", "overdue by 2 days",
     "已逾期 1 天"),
    ("new.created", {"path": "qms", "files": "{count}"}, "created qms (1 file)",
     "created qms (2 files)", "已创建 qms（1 个文件）"),
    ("page.dashboard.provisional", {"got": 0, "need": "{count}"},
     "limits provisional (0 of 1 point)", "limits provisional (0 of 2 points)",
     "控制限为临时（0/1 个点）"),
    ("chart.provisional", {"got": "{count}", "need": 8},
     "provisional limits (1 point; 8 needed)", "provisional limits (2 points; 8 needed)",
     "临时控制限（1 个点；需要 8 个）"),
    ("page.excluded_out_of_order",
     {"dataset": "`t`", "order": "a ≤ b", "file": "datasets.yml"},
     "1 row of `t` whose events are out of order (order: a ≤ b) is excluded, as datasets.yml "
     "declares.",
     "2 rows of `t` whose events are out of order (order: a ≤ b) are excluded, as datasets.yml "
     "declares.",
     "`t` 中有 1 行的事件顺序不符（顺序：a ≤ b），已按 datasets.yml 的声明排除。"),
    ("count.people", {}, "1 person", "2 people", "1 人"),
    ("count.percentage_points", {}, "1 percentage point", "2 percentage points", "1 个百分点"),
]  # fmt: skip


def _filled(values: dict[str, object], count: int) -> dict[str, object]:
    """``values`` with each ``"{count}"`` stand-in replaced by ``count``."""
    return {key: count if value == "{count}" else value for key, value in values.items()}


@pytest.mark.parametrize(("key", "values", "one", "two", "chinese"), COUNTED)
def test_counted_messages_agree_with_their_count(
    key: str, values: dict[str, object], one: str, two: str, chinese: str
) -> None:
    assert nt(key, 1, **_filled(values, 1)) == one
    assert nt(key, 2, **_filled(values, 2)) == two
    with use_language("zh"):
        assert nt(key, 1, **_filled(values, 1)) == chinese


def test_zero_takes_the_plural_form_in_english() -> None:
    assert nt("data.more_rows", 0) == "... and 0 more rows with this problem"


def test_several_counts_each_take_their_own_form() -> None:
    """``1 document; 2 overdue for review; 1 draft.``: each noun follows its own count."""
    for documents, drafts, english, chinese in [
        (1, 1, "1 document; 2 overdue for review; 1 draft.", "共 1 份文件；2 份评审逾期；1 份草稿。"),
        (3, 2, "3 documents; 2 overdue for review; 2 drafts.", "共 3 份文件；2 份评审逾期；2 份草稿。"),
    ]:  # fmt: skip
        text = t(
            "doc.register.summary",
            documents=nt("count.documents", documents),
            overdue=2,
            drafts=nt("count.drafts", drafts),
        )
        assert text == english
        # The pieces are said again in the other language with the whole.
        assert text.render("zh") == chinese  # type: ignore[attr-defined]


def test_training_summary_counts_people_and_courses_apart() -> None:
    text = t(
        "training.summary",
        people=nt("count.people", 1),
        courses=nt("count.courses", 2),
        coverage="50.0%",
        current=1,
        required=2,
        stale=0,
        expired=0,
        missing=1,
    )
    assert text.startswith("1 person, 2 courses: 50.0% of required training current (1 of 2)")
    assert text.render("zh").startswith("1 人，2 门课程：")  # type: ignore[attr-defined]


def test_evidence_summary_counts_each_kind() -> None:
    text = t(
        "evidence.verified_site",
        pages=nt("count.published_files", 1),
        files=nt("count.input_files", 2),
        values=nt("count.values", 1),
        indicators=nt("count.indicators", 1),
    )
    assert (
        text
        == "manifest verified: 1 published file, 2 input files and 1 value of 1 indicator match"
    )
    assert (
        text.render("zh") == "清单验证通过：1 个已发布文件、2 个输入文件及 1 个指标的 1 个数值一致"
    )  # type: ignore[attr-defined]


# --- through the loaders ----------------------------------------------------------


def _required_missing(rows: int, make_project: ProjectFactory) -> list[str]:
    """The errors of a tickets file whose ``rows`` rows all lack their required date."""
    files = mini.files()
    header = "id,created_at,channel,wait_h,resolved,score,email\n"
    files["data/tickets.csv"] = header + "".join(f"{i},,chat,1,true,1,x\n" for i in range(rows))
    project = load_project(make_project(files))
    return [d.format() for d in project.report.errors]


def test_one_row_past_the_examples_is_one_more_row(make_project: ProjectFactory) -> None:
    """Five rows are listed (EXAMPLES_PER_PROBLEM); the sixth is counted as 1 more row."""
    found = _required_missing(6, make_project)
    assert len(found) == 6
    assert found[-1] == (
        "data/tickets.csv:7: row 6, column created_at: ... and 1 more row with this problem"
    )


def test_one_more_row_in_chinese(make_project: ProjectFactory) -> None:
    files = mini.files()
    header = "id,created_at,channel,wait_h,resolved,score,email\n"
    files["data/tickets.csv"] = header + "".join(f"{i},,chat,1,true,1,x\n" for i in range(6))
    project = load_project(make_project(files))
    last = project.report.errors[-1]
    assert last.format("zh").endswith("……另有 1 行存在同样问题")


def test_two_rows_past_the_examples_are_two_more_rows(make_project: ProjectFactory) -> None:
    found = _required_missing(7, make_project)
    assert found[-1].endswith("... and 2 more rows with this problem")


def test_json_lines_past_the_examples_are_counted() -> None:
    one = json_line_problems("[1]\n" * 6)
    assert len(one) == 6
    assert str(one[-1].message) == "... and 1 more line that is not a JSON object"
    two = json_line_problems("[1]\n" * 7)
    assert str(two[-1].message) == "... and 2 more lines that are not JSON objects"


# --- the catalog check ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("... and {count} more rows with this problem", ["{count} more rows"]),
        ("appears {count} times in the header", ["{count} times"]),
        ("**{total}** complaints from {first}", ["{total} complaints"]),
        ("{title}: {open} open complaints by age", ["{open} open complaints"]),
        ("within {days} calendar days of", ["{days} calendar days"]),
        ("more than {limit} years", ["{limit} years"]),
        ("({got} points; {need} needed)", ["{got} points"]),
        ("{people} people, {courses} courses", ["{people} people", "{courses} courses"]),
        ("the latest {n} widgets", ["{n} widgets"]),  # a count's name is enough
        ("count of {dataset} rows where {where}", []),  # a name, not a number
        ("{value} points", []),  # a decimal: "1.5 points"
        ("{count} is above the maximum", []),
        ("{id} has no breakdown", []),
        ("{documents}; {overdue} overdue for review; {drafts}.", []),
        ("the {count} others", ["{count} others"]),
        ("{name} widgets", []),  # neither a counted noun nor a count's name
    ],
)
def test_counted_phrases(text: str, found: list[str]) -> None:
    assert counted_phrases(text) == found


MADE_UP = """\
msgid ""
msgstr ""
"Language: en\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "x.more"
msgstr "... and {count} more rows with this problem"

msgid "x.plural"
msgid_plural "x.plural"
msgstr[0] "... and {count} more row with this problem"
msgstr[1] "... and {count} more rows with this problem"

msgid "x.name"
msgstr "count of {dataset} rows"

msgid "x.pieces"
msgstr "{documents}; {drafts}."
"""


def test_the_check_reports_plain_messages_with_a_counted_noun() -> None:
    made_up = read_po(io.BytesIO(MADE_UP.encode()), locale="en")
    assert uncounted_plurals(made_up, "en.po") == [
        "en.po:6: message 'x.more' says '{count} more rows' without plural forms: make it a "
        "plural entry used with nt(key, count), or count each noun in a plural piece of its own"
    ]


def test_the_catalogs_have_no_uncounted_plural() -> None:
    assert uncounted_plurals(catalog("en"), "en.po") == []
