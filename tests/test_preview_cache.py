"""The live preview recomputes only what changed: unchanged data files are not read again."""

from __future__ import annotations

from pathlib import Path

from sqms.project import compute_results, load_project
from tests import mini
from tests.support.edits import edit_file, edited
from tests.support.projects import ProjectFactory


def _tickets(root: Path):  # type: ignore[no-untyped-def]
    project = load_project(root, manual_dir=None)
    assert project.ok, [d.format() for d in project.report]
    assert project.catalog is not None
    return project, project.catalog.datasets["tickets"]


def test_an_unchanged_data_file_is_not_read_again(make_project: ProjectFactory) -> None:
    root = make_project(mini.files())
    _, first = _tickets(root)
    _, second = _tickets(root)
    assert second is first


def test_a_changed_file_or_declaration_is_read_again(make_project: ProjectFactory) -> None:
    root = make_project(mini.files())
    _, first = _tickets(root)
    tickets = root / "data" / "tickets.csv"
    edit_file(tickets, ",email,5,", ",email,2,")
    project, second = _tickets(root)
    assert second is not first
    results = compute_results(project)
    january = results[(results["indicator"] == "fast") & (results["dim"] == "")].iloc[0]
    assert january["value"] == 1.0  # 4 of 4 within 3 h once ticket 3 waits 2 h
    datasets = root / "data" / "datasets.yml"
    edit_file(datasets, "wait_h: number", "wait_h: {type: number, min: 0}")
    _, third = _tickets(root)
    assert third is not second


def test_a_load_with_problems_is_never_kept(make_project: ProjectFactory) -> None:
    root = make_project(mini.files())
    tickets = root / "data" / "tickets.csv"
    good = tickets.read_text()
    tickets.write_text(edited(good, "2026-01-05 10:00:00", "yesterday"), encoding="utf-8")
    broken = load_project(root, manual_dir=None)
    assert not broken.ok
    again = load_project(root, manual_dir=None)
    assert [d.format() for d in again.report.errors] == [d.format() for d in broken.report.errors]
