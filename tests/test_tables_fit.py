"""Generated tables fit their page: empty columns left out, reports marked, registers wrapped.

A column that is empty (or ``—``) in every row carries no information: the
generated tables leave it out and name it in a note. Generated pages are
marked as reports (the stylesheet gives them the width of the screen) and
may hide Material's table of contents. A register's long table is wrapped in
a ``div`` whose ``data-`` attributes hold the translated words of the
controls the site's script adds; those words are escaped like any text.
"""

from __future__ import annotations

import html

import pytest
from mkdocs.utils.meta import get_data

from sqms.i18n import use_language
from sqms.site.pages import common
from sqms.site.pages.blocks import values_rows, values_table
from sqms.site.pages.common import (
    REPORT_MARKER,
    drop_empty_columns,
    html_table,
    md_table,
    register_table,
    report_markdown,
)
from sqms.site.reporting import ReportData

# --------------------------------------------------------------------------
# Empty columns
# --------------------------------------------------------------------------


def test_columns_empty_in_every_row_are_dropped() -> None:
    header = ["Id", "A", "B", "C", "D"]
    rows = [["x", "—", "", "1", "—"], ["y", "", "—", "—", "2"]]
    kept, cells, dropped = drop_empty_columns(header, rows)
    assert kept == ["Id", "C", "D"]
    assert cells == [["x", "1", "—"], ["y", "—", "2"]]
    assert dropped == ["A", "B"]


def test_the_first_column_and_kept_columns_stay_even_when_empty() -> None:
    header = ["Id", "A", "B"]
    rows = [["—", "—", "3"], ["", " — ", "4"]]
    assert drop_empty_columns(header, rows) == (["Id", "B"], [["—", "3"], ["", "4"]], ["A"])
    kept, _, dropped = drop_empty_columns(header, rows, keep=(0, 1))
    assert kept == ["Id", "A", "B"] and dropped == []


def test_a_table_without_rows_keeps_every_column() -> None:
    assert drop_empty_columns(["Id", "A"], []) == (["Id", "A"], [], [])


def test_a_cell_with_text_keeps_its_column() -> None:
    """Only "" and "—" count as empty: a zero, a dash or a word is information."""
    header = ["Id", "Zero", "Dash", "Word"]
    rows = [["a", "0", "-", "—"], ["b", "—", "—", "no"]]
    assert drop_empty_columns(header, rows)[0] == header


def test_md_table_names_the_columns_it_left_out() -> None:
    lines = md_table(["Id", "Empty", "N"], [["a", "—", "1"], ["b", "", "2"]], drop_empty=True)
    assert lines[:4] == ["| Id | N |", "|---|---|", "| a | 1 |", "| b | 2 |"]
    assert lines[4] == ""
    assert lines[5] == (
        '<p class="sqms-table-note">Not shown, as they are empty in every row: Empty.</p>'
    )


def test_md_table_keeps_every_column_unless_asked() -> None:
    lines = md_table(["Id", "Empty"], [["a", "—"]])
    assert lines == ["| Id | Empty |", "|---|---|", "| a | — |"]


def test_md_table_without_an_empty_column_has_no_note() -> None:
    assert md_table(["Id", "N"], [["a", "1"]], drop_empty=True) == [
        "| Id | N |",
        "|---|---|",
        "| a | 1 |",
    ]


def test_html_table_drops_empty_columns_and_notes_them() -> None:
    table = html_table(["Id", "Signal", "N"], [["a", "—", "1"]], drop_empty=True)
    assert table.startswith(
        "<table><thead><tr><th>Id</th><th>N</th></tr></thead>"
        "<tbody><tr><td>a</td><td>1</td></tr></tbody></table>"
    )
    assert table.endswith("empty in every row: Signal.</p>")


def test_the_note_is_translated() -> None:
    with use_language("zh"):
        lines = md_table(["Id", "空"], [["a", "—"]], drop_empty=True)
    assert lines[-1] == '<p class="sqms-table-note">以下列在每一行都为空，故未显示：空。</p>'


# --------------------------------------------------------------------------
# The values table of an indicator
# --------------------------------------------------------------------------


def test_values_put_target_and_status_next_to_the_value(mini_report: ReportData) -> None:
    header, rows = values_rows(mini_report, "fast")
    assert header[:4] == ["Period", "Value", "Target", "Status"]
    assert rows[0][:4] == ["2026-01", "75.0%", "80.0%", "▲ warning"]


def test_a_median_shows_no_empty_column(mini_report: ReportData) -> None:
    """A median has no numerator, denominator or interval; mini's has no target either."""
    lines = values_table(mini_report, "wait_median")
    assert lines[0] == "| Period | Value | Status | n |"
    assert lines[2] == "| 2026-01 | 2.5 h | ○ not judged | 4 |"
    assert lines[-1] == (
        '<p class="sqms-table-note">Not shown, as they are empty in every row: '
        "Target, Numerator, Denominator, 95% interval.</p>"
    )


def test_a_share_keeps_every_column(mini_report: ReportData) -> None:
    lines = values_table(mini_report, "fast")
    assert lines[0] == (
        "| Period | Value | Target | Status | n | Numerator | Denominator | 95% interval |"
    )
    assert "sqms-table-note" not in "\n".join(lines)


# --------------------------------------------------------------------------
# Report pages
# --------------------------------------------------------------------------


def test_a_report_is_marked_after_its_heading() -> None:
    text = report_markdown(["# Title", "", "Text."])
    assert text.split("\n") == ["# Title", "", REPORT_MARKER, "", "", "Text."]
    assert get_data(text)[1] == {}


def test_a_report_without_table_of_contents_says_so_in_front_matter() -> None:
    text = report_markdown(["# Title", "", "Text."], toc=False)
    body, meta = get_data(text)
    assert meta == {"hide": ["toc"]}
    assert body.split("\n")[0] == "# Title"
    assert REPORT_MARKER in body


def test_a_report_without_heading_starts_with_its_marker() -> None:
    assert report_markdown(["Text."]).split("\n") == [REPORT_MARKER, "", "Text."]


# --------------------------------------------------------------------------
# Register tables
# --------------------------------------------------------------------------


def test_register_table_wraps_markdown_lines() -> None:
    lines = register_table(["| A |", "|---|", "| 1 |"], page_size=25)
    opening = lines[0]
    assert opening.startswith('<div class="sqms-sortable sqms-register" data-sqms-page-size="25"')
    assert opening.endswith(" markdown>")
    assert 'data-sqms-filter="Filter rows"' in opening
    assert 'data-sqms-rows="Rows {first}–{last} of {total}"' in opening
    assert 'data-sqms-none="No row matches the filter."' in opening
    assert 'data-sqms-previous="Previous"' in opening
    assert 'data-sqms-next="Next"' in opening
    assert lines[1:] == ["", "| A |", "|---|", "| 1 |", "", "</div>", ""]


def test_register_table_wraps_an_html_table() -> None:
    lines = register_table("<table></table>")
    assert lines[2] == "<table></table>" and lines[-2] == "</div>"
    assert 'data-sqms-page-size="50"' in lines[0]


def test_register_table_words_are_translated() -> None:
    with use_language("zh"):
        opening = register_table(["| A |"])[0]
    assert 'data-sqms-filter="筛选行"' in opening
    assert 'data-sqms-rows="第 {first}–{last} 行，共 {total} 行"' in opening
    assert 'data-sqms-previous="上一页"' in opening and 'data-sqms-next="下一页"' in opening


def test_register_table_words_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A catalog entry is text: quotes and tags in it never leave the attribute."""
    hostile = '"><script>alert(1)</script><b a="'
    monkeypatch.setattr(common, "t", lambda key, **values: hostile)
    opening = register_table(["| A |"])[0]
    assert "<script>" not in opening and '"><' not in opening
    escaped = html.escape(hostile, quote=True)
    assert opening.count(f'="{escaped}"') == 5
    assert opening.count("<") == 1 and opening.count(">") == 1
