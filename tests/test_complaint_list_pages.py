"""A register with more complaints than fit on a page lists them on list pages of a fixed size.

The test project of ``test_registers_complaints`` has 15 complaints; the list
size is lowered to 4, so they take 4 list pages (4, 4, 4, 3). The sample's
387 complaints fit on the register's page, which is unchanged.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from sqms.project import load_project
from sqms.registers import RegisterContext
from sqms.registers.complaints import listing
from sqms.registers.complaints import page as page_module
from sqms.registers.complaints.listing import ListPage, list_pages, placement
from sqms.registers.complaints.register import ComplaintRegister
from tests.mini import MKDOCS_YML
from tests.support.projects import write_project
from tests.support.registers import indicator_report, register_context
from tests.test_registers_complaints import ROWS, TODAY, files

IDS = [f"C{n:02d}" for n in range(1, 16)]


def test_list_pages_cover_every_row_once() -> None:
    assert list_pages(500) == []
    pages = list_pages(1001, 500)
    assert [(p.path, p.start, p.stop) for p in pages] == [
        ("registers/complaints/list-1.md", 0, 500),
        ("registers/complaints/list-2.md", 500, 1000),
        ("registers/complaints/list-3.md", 1000, 1001),
    ]


def test_placement_sends_each_complaint_to_its_page() -> None:
    ids = pd.Series(["CMP-1", "CMP-2", "CMP/3"], dtype="str")
    assert placement(ids, 5) == {
        "CMP-1": "registers/complaints.md#cmp-1",
        "CMP-2": "registers/complaints.md#cmp-2",
        "CMP/3": "registers/complaints.md#cmp-3",
    }
    assert placement(ids, 2) == {
        "CMP-1": "registers/complaints/list-1.md#cmp-1",
        "CMP-2": "registers/complaints/list-1.md#cmp-2",
        "CMP/3": "registers/complaints/list-2.md#cmp-3",
    }


@pytest.fixture
def split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[ComplaintRegister, RegisterContext]:
    monkeypatch.setattr(listing, "LIST_ROWS", 4)
    root = write_project(tmp_path, files())
    project = load_project(root, "data", None)
    register = project.registers["complaints"]
    assert isinstance(register, ComplaintRegister)
    return register, register_context(project, indicator_report(project), today=TODAY)


def test_register_page_links_to_its_list_pages(
    split: tuple[ComplaintRegister, RegisterContext],
) -> None:
    register, context = split
    pages = register.analyse(context).pages(context)
    assert [p.path for p in pages] == [
        "registers/complaints.md",
        *(f"registers/complaints/list-{n}.md" for n in range(1, 5)),
    ]
    main = pages[0].markdown
    assert '<tr id="' not in main  # the rows are on the list pages
    assert "The 15 complaints are listed 4 to a page" in main
    for n, span in enumerate(["1–4", "5–8", "9–12", "13–15"], start=1):
        assert f"- [{span}](complaints/list-{n}.md)" in main
    # Each complaint is listed once, in the file's order, on the page placement names.
    listed = []
    for page in pages[1:]:
        rows = re.findall(r'<tr id="(c\d\d)"', page.markdown)
        listed += rows
        for row in rows:
            assert context.target("complaint", row.upper()) == f"{page.path}#{row}"
        assert "search:\n  exclude: true" in page.markdown.split("---")[1]
        assert "[complaint register](../complaints.md)" in page.markdown
    assert listed == [i.lower() for i in IDS]
    assert "# All complaints, 5–8 of 15" in pages[2].markdown


def test_small_register_keeps_its_list(tmp_path: Path) -> None:
    root = write_project(tmp_path, files())
    project = load_project(root, "data", None)
    register = project.registers["complaints"]
    context = register_context(project, indicator_report(project), today=TODAY)
    pages = register.analyse(context).pages(context)
    assert [p.path for p in pages] == ["registers/complaints.md"]
    assert pages[0].markdown.count("<tr id=") == 15
    assert context.target("complaint", "C07") == "registers/complaints.md#c07"


@pytest.mark.slow
def test_site_links_and_search(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole site: links to list pages resolve (strict build) and search skips their rows."""
    monkeypatch.setattr(listing, "LIST_ROWS", 4)
    monkeypatch.setenv("SQMS_AS_OF", TODAY.isoformat())
    rows = [row.replace("ACT-1", "").replace("ACT-2", "") for row in ROWS]  # no actions register
    complaints = "\n".join([files()["data/complaints.csv"].splitlines()[0], *rows]) + "\n"
    project = {**files(complaints=complaints), "mkdocs.yml": MKDOCS_YML.format(language="en")}
    project["manual/index.md"] = "# Home\n\nThe complaints.\n"
    root = write_project(tmp_path, project)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.strict = True
    build(config)
    site = root / "site"
    assert (site / "registers/complaints/list-4.html").is_file()
    # The dashboard's overdue complaints link to the rows on their list pages.
    dashboard = (site / "dashboard.html").read_text(encoding="utf-8")
    assert 'href="registers/complaints/list-3.html#c09"' in dashboard
    assert 'href="registers/complaints/list-4.html#c15"' in dashboard
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "registers/complaints.html" in locations
    assert not any(location.startswith("registers/complaints/") for location in locations)
    page = (site / "registers/complaints/list-2.html").read_text(encoding="utf-8")
    assert 'id="c05"' in page and 'href="list-3.html"' in page
    assert 'id="c01"' not in page


def test_list_page_dataclass_is_frozen() -> None:
    page = ListPage("registers/complaints/list-1.md", 1, 0, 4)
    with pytest.raises(AttributeError):
        page.start = 1  # type: ignore[misc]


def test_sections_link_to_rows_on_list_pages(
    split: tuple[ComplaintRegister, RegisterContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repeat and overdue lists link to each row where it is listed, not to this page."""
    register, context = split
    main = register.analyse(context).pages(context)[0].markdown
    assert "](#c" not in main  # no row of the list is on this page any more
    repeats = main.split("## Repeat complaints", 1)[1].split("\n## ", 1)[0]
    links = re.findall(r"\[(C\d\d)\]\(([^)]+)\)", repeats)
    assert links
    for item, target in links:
        assert f"registers/{target}" == context.target("complaint", item)


def test_long_sections_list_the_latest(
    split: tuple[ComplaintRegister, RegisterContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    register, context = split
    monkeypatch.setattr(page_module, "SECTION_ROWS", 1)
    main = register.analyse(context).pages(context)[0].markdown
    repeats = main.split("## Repeat complaints", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in repeats.splitlines() if line.startswith("| [C")]
    assert len(rows) == 1
    assert re.search(
        r"The latest 1 are listed; \d+ earlier repeat complaints? (is|are) marked", repeats
    )


def test_latest_rows_keeps_a_short_table_as_it_is() -> None:
    table = pd.DataFrame({"received": ["2026-01-02", "2026-01-01"], "id": ["b", "a"]})
    shown, more = page_module.latest_rows(table)
    assert more == 0 and shown is table


def test_a_list_page_links_a_bounded_number_of_list_pages() -> None:
    """The first, the last and the near ones: never every list page from every list page."""
    pages = list_pages(50 * 4, per_page=4)
    assert len(pages) == 50
    middle = page_module._neighbours(pages[24], pages)
    links = re.findall(r"\]\((list-\d+)\.md\)", middle)
    assert links == ["list-1", "list-22", "list-23", "list-24", "list-26", "list-27", "list-28",
                     "list-50"]  # fmt: skip
    assert middle.count("…") == 2
    assert "97–100" in middle and "[97–100]" not in middle  # this page: not a link
    first = page_module._neighbours(pages[0], pages)
    assert re.findall(r"\]\((list-\d+)\.md\)", first) == ["list-2", "list-3", "list-4", "list-50"]
    assert first.startswith("1–4 · ")
    every = [page_module._neighbours(page, pages).count("](") for page in pages]
    assert max(every) <= 2 * page_module.NEAR_PAGES + 2
    few = list_pages(3 * 4, per_page=4)
    assert "…" not in page_module._neighbours(few[1], few)
