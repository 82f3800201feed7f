"""Labelled values, real plurals, allowed values in errors, one date style, column labels.

Each part is checked against hand-written expectations on the tiny project of
``tests/mini.py`` (whose January values are computed by hand in
``test_compute``), and the last one on a strict build of the Chinese sample.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sqms.diagnostics import Report
from sqms.diff.indicators import IndicatorsDiff, RegisterCount
from sqms.diff.report import Style, _registers
from sqms.engine.datasets import column_label, load_catalog
from sqms.i18n import nt, use_language
from sqms.project import compute_results, load_project
from sqms.schema.datasets import ColumnSpec, DatasetSpec
from sqms.schema.validation import allowed_list
from sqms.site.embed import EmbedContext, render_directives
from sqms.site.pages.indicator import indicator_page
from sqms.site.reporting import ReportData, build_report
from tests import mini
from tests.support.dates import NOV_24_2026_EPOCH
from tests.support.projects import ProjectFactory, write_project
from tests.support.sites import built_site

PAGE = "procedures/qp-03.md"
DISPLAY = "manual/procedures/qp-03.md"
ZH_SAMPLE = Path(__file__).resolve().parent / "zh_sample"
SHIPPED_SCHEMA = Path(__file__).resolve().parents[1] / "sqms/scaffold/schemas"


def labelled_files(label: str = "contact channel") -> dict[str, str]:
    """The mini project with a label on the tickets' ``channel`` column."""
    files = mini.files()
    plain = "      channel: {type: category, values: [chat, email]}\n"
    assert plain in files["data/datasets.yml"]
    files["data/datasets.yml"] = files["data/datasets.yml"].replace(
        plain, f"      channel: {{type: category, values: [chat, email], label: {label}}}\n", 1
    )
    return files


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    root = write_project(tmp_path_factory.mktemp("mini"), labelled_files())
    project = load_project(root, "data", None)
    assert project.ok, [d.format() for d in project.report.errors]
    assert project.plan is not None
    return build_report(project.plan, compute_results(project), project.catalog)


def render(data: ReportData, markdown: str) -> tuple[str, list[str]]:
    text, problems = render_directives(markdown, EmbedContext(data, PAGE, DISPLAY))
    return text, [p.format() for p in problems]


# --- 1. labelled values -------------------------------------------------------------


def test_a_value_alone_on_its_line_is_labelled_with_name_and_period(data: ReportData) -> None:
    text, problems = render(data, "Intro.\n\n<!-- sqms:value fast -->\n")
    assert not problems
    # January: 3 of 4 answered within 3 hours, against the 80% target then.
    assert text == (
        "Intro.\n\nAnswered within 3 hours, 2026-01: [**75.0%**](../indicators/fast.md) "
        "(▲ warning, target ≥ 80.0%)\n"
    )


def test_a_value_inside_a_sentence_stays_bare(data: ReportData) -> None:
    text, problems = render(data, "Now <!-- sqms:value fast --> it is.")
    assert not problems
    assert text == (
        "Now [**75.0%**](../indicators/fast.md) (2026-01; ▲ warning, target ≥ 80.0%) it is."
    )


@pytest.mark.parametrize(
    ("directive", "expected"),
    [
        (
            "<!-- sqms:value fast label=none -->",
            "[**75.0%**](../indicators/fast.md) (2026-01; ▲ warning, target ≥ 80.0%)",
        ),
        ("<!-- sqms:value fast show=value -->", "Answered within 3 hours, 2026-01: 75.0%"),
        ("<!-- sqms:value fast show=period -->", "Answered within 3 hours: 2026-01"),
        # The breakdown is named by the column's label, not its name.
        (
            "<!-- sqms:value fast show=value for=channel:chat -->",
            "Answered within 3 hours (contact channel: chat), 2026-01: 100.0%",
        ),
    ],
)
def test_label_options(data: ReportData, directive: str, expected: str) -> None:
    text, problems = render(data, directive)
    assert not problems
    assert text == expected


def test_label_name_inside_a_sentence(data: ReportData) -> None:
    text, _ = render(data, "See: <!-- sqms:value fast show=n label=name -->.")
    assert text == "See: Answered within 3 hours, 2026-01: 4."


def test_a_bad_label_lists_the_choices(data: ReportData) -> None:
    _, problems = render(data, "<!-- sqms:value fast label=title -->")
    assert problems == [f'{DISPLAY}:1: label: "title" is not one of name, none']


def test_a_labelled_value_in_chinese_writes_the_period_in_chinese(data: ReportData) -> None:
    with use_language("zh"):
        text, problems = render(data, "<!-- sqms:value fast -->")
    assert not problems
    assert text == (
        "Answered within 3 hours，2026年1月：[**75.0%**](../indicators/fast.md)"
        "（▲ 预警，目标 ≥ 80.0%）"
    )


# --- 2. plurals -----------------------------------------------------------------------


def test_stale_summary_has_real_plurals() -> None:
    assert nt("schema.cli.stale_summary", 1) == "1 editor file missing or out of date"
    assert nt("schema.cli.stale_summary", 2) == "2 editor files missing or out of date"


def test_register_counts_in_a_diff_have_real_plurals() -> None:
    diff = IndicatorsDiff(
        registers=[
            RegisterCount("actions", "action", 1, 0),
            RegisterCount("training", "person", 2, 1),
            RegisterCount("x", "widget", 3, 0),
        ]
    )
    text = "\n".join(_registers(diff, Style(markdown=True)))
    assert "actions: 1 action added, 0 removed" in text
    assert "training: 2 people added, 1 removed" in text
    assert "x: 3 items (widget) added, 0 removed" in text
    assert "(s)" not in text
    with use_language("zh"):
        assert "training：新增 2 名人员，删除 1 条" in "\n".join(
            _registers(diff, Style(markdown=True))
        )


def test_no_fake_plurals_left_in_the_english_catalog() -> None:
    catalog = Path(__file__).resolve().parents[1] / "sqms/i18n/locale/en/LC_MESSAGES/sqms.po"
    texts = [line for line in catalog.read_text(encoding="utf-8").splitlines() if "msgstr" in line]
    # ``lower(s)`` is a call in the expression language, not a plural.
    assert [line for line in texts if re.search(r"\b(?!lower\b)[a-z]+\(s\)", line)] == []


# --- 3. allowed values in category errors ---------------------------------------------


def test_allowed_list_shortens_long_lists() -> None:
    assert allowed_list(["P1", "P2"]) == "P1, P2"
    assert allowed_list([]) == "—"
    many = [f"v{i}" for i in range(25)]
    assert allowed_list(many) == ", ".join(many[:20]) + " and 5 more"
    assert allowed_list(["x" * 100]) == "x" * 39 + "…"
    with use_language("zh"):
        assert allowed_list(many).endswith("v19 等（另有 5 个）")


def catalog_errors(root: Path) -> list[str]:
    report = Report()
    load_catalog(root / "data", "data", report)
    return [d.format() for d in report.errors]


def test_a_category_error_lists_the_declared_values(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/tickets.csv"] = files["data/tickets.csv"].replace(",chat,1,", ",fax,1,", 1)
    errors = catalog_errors(make_project(files))
    assert errors == [
        'data/tickets.csv:2: row 1, column channel: "fax" is not one of the declared values: '
        "chat, email"
    ]


def test_many_declared_values_are_shortened(make_project: ProjectFactory) -> None:
    values = ", ".join(f"c{i:02}" for i in range(30))
    datasets = f"datasets:\n  s:\n    file: s.csv\n    columns:\n      c: {{type: category, values: [{values}]}}\n      t: {{type: string, values: [a, b]}}\n"
    root = make_project({"data/datasets.yml": datasets, "data/s.csv": "c,t\nzz,q\n"})
    listed = ", ".join(f"c{i:02}" for i in range(20)) + " and 10 more"
    assert sorted(catalog_errors(root)) == [
        f'data/s.csv:2: row 1, column c: "zz" is not one of the declared values: {listed}',
        'data/s.csv:2: row 1, column t: "q" is not one of the allowed values: a, b',
    ]


def test_a_yaml_choice_lists_its_values_in_the_language(make_project: ProjectFactory) -> None:
    files = mini.files()
    files["data/datasets.yml"] = files["data/datasets.yml"].replace(
        "    key: id\n", "    key: id\n    out_of_order: drop\n", 1
    )
    root = make_project(files)
    assert catalog_errors(root) == [
        'data/datasets.yml:6: datasets.tickets.out_of_order: "drop" is not one of error, exclude'
    ]
    with use_language("zh"):
        (zh,) = catalog_errors(root)
    assert zh.endswith("可选值：error, exclude") and " or " not in zh


# --- 5. column labels -------------------------------------------------------------------


def test_column_label_defaults_to_the_name() -> None:
    spec = DatasetSpec.model_validate(
        {
            "file": "t.csv",
            "columns": {"channel": {"type": "category", "label": "渠道"}, "team": "string"},
            "derive": {"band": {"expr": "1", "label": "档位"}},
        }
    )
    assert column_label({"t": spec}, "t", "channel") == "渠道"
    assert column_label({"t": spec}, "t", "band") == "档位"
    assert column_label({"t": spec}, "t", "team") == "team"
    assert column_label({"t": {"team": "Team"}}, "t", "team") == "Team"
    assert column_label(None, "t", "channel") == "channel"
    assert column_label({"t": spec}, "other", "channel") == "channel"
    assert ColumnSpec().label is None


def test_the_shipped_json_schema_knows_label() -> None:
    schema = json.loads((SHIPPED_SCHEMA / "datasets.schema.json").read_text(encoding="utf-8"))
    found = re.findall(r'"label": \{', json.dumps(schema))
    assert len(found) >= 2  # columns and derived columns


def test_the_indicator_page_names_the_breakdown_by_its_label(data: ReportData) -> None:
    page = indicator_page(data, "fast")
    assert "## Breakdown by contact channel" in page.markdown
    assert "Breakdown by channel" not in page.markdown


def test_a_hostile_label_is_escaped(make_project: ProjectFactory) -> None:
    root = make_project(labelled_files('"<b>x</b> *y*"'))
    project = load_project(root, "data", None)
    assert project.plan is not None
    data = build_report(project.plan, compute_results(project), project.catalog)
    page = indicator_page(data, "fast").markdown
    # Charts are inline SVG, which escapes its own text and is never read as Markdown.
    page = re.sub(r"<svg.*?</svg>", "", page, flags=re.DOTALL)
    assert "<b>x</b>" not in page and "*y*" not in page
    assert "## Breakdown by &lt;b&gt;x&lt;/b&gt; &#42;y&#42;" in page
    text, _ = render(data, "<!-- sqms:value fast show=n for=channel:chat -->")
    assert "<b>" not in text and "*y*" not in text


# --- 4. one date style per language: the Chinese sample, built --------------------------

ISO_DATE = re.compile(r"\b\d{4}-(?:0[1-9]|1[0-2])(?:-\d{2})?\b|\b\d{4}-Q[1-4]\b")
"""An ISO day (``2026-10-13``), month (``2026-10``) or quarter (``2026-Q3``)."""
SENTENCE_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "dd", "figcaption", "summary"})
SKIPPED_TAGS = frozenset({"table", "code", "pre", "script", "style", "svg", "head"})
VOID_TAGS = frozenset({"br", "img", "meta", "link", "input", "hr", "source", "wbr"})


class SentenceDates(HTMLParser):
    """ISO dates in the text of paragraphs, list items and headings outside tables and code."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if SKIPPED_TAGS.intersection(self.open) or not SENTENCE_TAGS.intersection(self.open):
            return
        self.found += [data.strip() for _ in ISO_DATE.finditer(data)]


def sentence_dates(html: str) -> list[str]:
    parser = SentenceDates()
    parser.feed(html)
    return parser.found


def test_the_checker_finds_iso_dates_in_sentences_only() -> None:
    html = (
        "<p>截至 2026-10-13。</p><table><tr><td>2026-10-13</td></tr></table>"
        "<ul><li>期间 2026-Q3</li></ul><p><code>2026-10</code> 2026年10月31日</p>"
    )
    assert sentence_dates(html) == ["截至 2026-10-13。", "期间 2026-Q3"]


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("zh-loose-ends") / "project"
    shutil.copytree(ZH_SAMPLE, root, ignore=shutil.ignore_patterns("site"))
    return built_site(root, SOURCE_DATE_EPOCH=NOV_24_2026_EPOCH)


@pytest.mark.slow
def test_the_chinese_site_writes_no_iso_date_in_a_sentence(zh_site: Path) -> None:
    found = {
        str(path.relative_to(zh_site)): hits
        for path in sorted(zh_site.rglob("*.html"))
        if "assets" not in path.parts and (hits := sentence_dates(path.read_text(encoding="utf-8")))
    }
    assert found == {}
    review = (zh_site / "certification/management-review/2025-Q4.html").read_text("utf-8")
    assert "管理评审 2025年第4季度" in review and "2025年10月1日" in review


@pytest.mark.slow
def test_the_chinese_site_shows_column_labels_and_labelled_values(zh_site: Path) -> None:
    fast = (zh_site / "indicators/fast.html").read_text(encoding="utf-8")
    assert "按渠道细分" in fast and "按channel细分" not in fast
    index = (zh_site / "index.html").read_text(encoding="utf-8")
    assert "3 小时内答复率，2026年1月：" in index
    assert "3 小时内答复率（渠道：在线），2026年1月：" in index
