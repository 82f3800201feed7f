"""The MkDocs plugin end to end: a strict build of a small project into a temporary folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.mini import INSTRUCTION, PROCEDURE, site_files
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, write_project
from tests.support.sites import build_as_of_2026_11_24


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The mini project built as a site, once for the module (the tests only read it)."""
    root = tmp_path_factory.mktemp("mini-site")
    write_project(root, site_files())
    done = build_as_of_2026_11_24(root)
    assert done.returncode == 0, done.stderr
    return root


def test_generated_pages_are_published(built_site: Path) -> None:
    site = built_site / "site"
    plan = (site / "quality-plan.html").read_text(encoding="utf-8")
    assert "Fast answers" in plan
    assert 'href="indicators/fast.html"' in plan
    page = (site / "indicators/fast.html").read_text(encoding="utf-8")
    assert '<figure class="sqms-chart"' in page
    assert "<svg" in page
    assert "75.0%" in page  # January: 3 of 4


def test_generated_pages_are_not_written_into_the_manual(built_site: Path) -> None:
    assert sorted(p.name for p in (built_site / "manual").iterdir()) == ["index.md"]


def test_results_json_is_published(built_site: Path) -> None:
    document = json.loads((built_site / "site/sqms/indicators.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in document["indicators"]][:2] == ["volume", "fast"]


def test_personal_data_never_reaches_the_site(built_site: Path) -> None:
    for path in (built_site / "site").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".js"}:
            assert "@example.com" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_project_errors_fail_the_build_with_every_error(make_project: ProjectFactory) -> None:
    files = site_files()
    files["data/tickets.csv"] = edited(
        files["data/tickets.csv"], "2026-01-06 11:00:00", "yesterday"
    )
    # The first indicator to read wait_h, wait_sum, names it wrongly.
    files["data/quality-plan.yml"] = edited(
        files["data/quality-plan.yml"],
        "measure: sum\n    column: wait_h",
        "measure: sum\n    column: wiat_h",
    )
    done = build_as_of_2026_11_24(make_project(files))
    assert done.returncode != 0
    assert (
        'data/tickets.csv:3: row 2, column created_at: "yesterday" is not a date and time'
        in done.stderr
    )
    assert 'unknown column "wiat_h" (did you mean "wait_h"?)' in done.stderr
    assert "Traceback" not in done.stderr


def test_chinese_site(make_project: ProjectFactory) -> None:
    root = make_project(site_files(language="zh"))
    done = build_as_of_2026_11_24(root)
    assert done.returncode == 0, done.stderr
    plan = (root / "site/quality-plan.html").read_text(encoding="utf-8")
    assert "质量计划" in plan
    assert "达标" in plan or "预警" in plan or "未达标" in plan


def test_document_control_on_pages(make_project: ProjectFactory) -> None:
    files = site_files(
        **{"manual/procedures/qp-01.md": PROCEDURE, "manual/instructions/wi-01-01.md": INSTRUCTION}
    )
    root = make_project(files)
    done = build_as_of_2026_11_24(root)
    assert done.returncode == 0, done.stderr
    page = (root / "site/procedures/qp-01.html").read_text(encoding="utf-8")
    assert 'href="../instructions/wi-01-01.html">WI-01-01 Greeting a caller</a>' in page
    assert "Review overdue" in page  # approved 2020 with a yearly review
    assert "Revision history" in page
    # An approved procedure may refer to a document in review, not to a draft.
    draft = (root / "site/instructions/wi-01-01.html").read_text(encoding="utf-8")
    assert "In review" in draft
    register = (root / "site/document-register.html").read_text(encoding="utf-8")
    assert "QP-01" in register and "WI-01-01" in register
    assert (root / "site/assets/sqms/tablesort.min.js").is_file()


def test_unknown_document_reference_fails_the_build(make_project: ProjectFactory) -> None:
    broken = edited(PROCEDURE, "[[WI-01-01]]", "[[WI-01-09]]")
    root = make_project(
        site_files(
            **{"manual/procedures/qp-01.md": broken, "manual/instructions/wi-01-01.md": INSTRUCTION}
        )
    )
    done = build_as_of_2026_11_24(root)
    assert done.returncode != 0
    assert (
        'manual/procedures/qp-01.md:15: unknown document "WI-01-09" (did you mean "WI-01-01"?)'
        in done.stderr
    )


EMBEDDED = """
Answered fast this month: <!-- sqms:value fast -->

<!-- sqms:chart fast by=channel -->

```markdown
<!-- sqms:chart not_an_indicator -->
```
"""


def test_reports_are_generated_and_embedded(make_project: ProjectFactory) -> None:
    page = edited(PROCEDURE, "Use [[WI-01-01]] for the greeting.\n", EMBEDDED)
    files = site_files(
        **{"manual/procedures/qp-01.md": page, "manual/instructions/wi-01-01.md": INSTRUCTION}
    )
    root = make_project(files)
    done = build_as_of_2026_11_24(root)
    assert done.returncode == 0, done.stderr
    site = root / "site"
    dashboard = (site / "dashboard.html").read_text(encoding="utf-8")
    assert "Needs attention" in dashboard and 'class="sqms-sparkline"' in dashboard
    assert 'href="indicators/fast.html"' in dashboard
    procedure = (site / "procedures/qp-01.html").read_text(encoding="utf-8")
    assert '<a href="../indicators/fast.html"><strong>75.0%</strong></a>' in procedure
    assert procedure.count('<figure class="sqms-chart"') == 1 and "<svg" in procedure
    assert "&lt;!-- sqms:chart not_an_indicator --&gt;" in procedure, "code is left alone"
    assert (site / "assets/sqms/reports.css").is_file()
    assert not (root / "manual/dashboard.md").exists()


def test_unknown_indicator_in_a_directive_fails_the_build_at_its_line(
    make_project: ProjectFactory,
) -> None:
    page = edited(
        PROCEDURE,
        "Use [[WI-01-01]] for the greeting.\n",
        "Use [[WI-01-01]] for the greeting.\n\n<!-- sqms:chart fsat by=channel -->\n",
    )
    files = site_files(
        **{"manual/procedures/qp-01.md": page, "manual/instructions/wi-01-01.md": INSTRUCTION}
    )
    done = build_as_of_2026_11_24(make_project(files))
    assert done.returncode != 0
    assert (
        'manual/procedures/qp-01.md:17: unknown indicator "fsat" (did you mean "fast"?)'
        in done.stderr
    )
    assert "Traceback" not in done.stderr
