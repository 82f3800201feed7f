"""What a build says: its stages as they end, and only the hand-written pages missing from ``nav``.

MkDocs lists at INFO every page of the docs folder that ``nav`` leaves out.
SQMS's generated pages (indicators, actions, management reviews…) are reached
from the pages that list them, so they are kept out of that list; a
hand-written page someone forgot to add to ``nav`` must still be named. The
progress lines are read for their stages and format, never their durations.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from sqms.plugin.plugin import exact_path_pattern, progress_sink
from tests.mini import site_files
from tests.support.edits import edited
from tests.support.projects import ProjectFactory, computed_line
from tests.support.sites import build_as_of_2026_11_24, copy_sample, mkdocs_build

NOT_IN_NAV = 'The following pages exist in the docs directory, but are not included in the "nav"'
PROGRESS = re.compile(r"^INFO +- +sqms: (?P<summary>.+) \(\d+\.\d s\)$", re.MULTILINE)
STRAY = "reference/stray [draft].md"
"""A hand-written page left out of ``nav``, its name full of gitignore's special characters."""
STRAY_TEXT = "# Notes\n\nNot in the navigation.\n"


def not_in_nav(log: str) -> list[str] | None:
    """The pages MkDocs lists as missing from ``nav``; None when it lists none."""
    lines = log.splitlines()
    start = next((i for i, text in enumerate(lines) if NOT_IN_NAV in text), None)
    if start is None:
        return None
    listed = []
    for text in lines[start + 1 :]:
        if not text.startswith("  - "):
            break
        listed.append(text[4:])
    return listed


def build(root: Path, monkeypatch: pytest.MonkeyPatch, progress: str | None) -> str:
    """Build ``root`` as of 2026-11-24 with ``SQMS_PROGRESS`` set (or not) and ``CI`` unset; its log."""
    monkeypatch.delenv("CI", raising=False)
    if progress is None:
        monkeypatch.delenv("SQMS_PROGRESS", raising=False)
    else:
        monkeypatch.setenv("SQMS_PROGRESS", progress)
    done = build_as_of_2026_11_24(root)
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stderr


def test_only_hand_written_pages_are_listed_missing_from_nav(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = site_files(**{f"manual/{STRAY}": STRAY_TEXT, "manual/reference/known.md": "# Known\n"})
    # A page the project itself declares out of the navigation stays unlisted too.
    files["mkdocs.yml"] += "not_in_nav: |\n  /reference/known.md\n"
    root = make_project(files)
    log = build(root, monkeypatch, progress="1")
    # The mini site's nav names the home page and the plan only: the
    # dashboard, the ten indicator pages, the registers… are all generated.
    assert not_in_nav(log) == [STRAY]
    assert (root / "site/indicators/fast.html").is_file()
    assert (root / "site/dashboard.html").is_file()
    assert (root / "site/reference/known.html").is_file()
    # Every stage of the build's computing, in order, each with its duration.
    assert [match["summary"] for match in PROGRESS.finditer(log)] == [
        "loaded and checked 3 datasets, 0 documents and 0 registers",
        computed_line(10, "1 MB"),
        "computed the control charts and judged 0 registers",
        "wrote 12 pages of indicators and charts",
        "wrote 6 register, certification and review pages",
    ]


def test_without_nav_generated_pages_stay_in_the_navigation(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = site_files(**{f"manual/{STRAY}": STRAY_TEXT})
    files["mkdocs.yml"] = edited(
        files["mkdocs.yml"], "nav:\n  - Home: index.md\n  - Quality plan: quality-plan.md\n", ""
    )
    root = make_project(files)
    # No SQMS_PROGRESS, no terminal (the log is a pipe): no progress lines.
    log = build(root, monkeypatch, progress=None)
    assert not_in_nav(log) is None
    assert PROGRESS.search(log) is None and "sqms:" not in log
    # MkDocs builds the navigation from every page: the generated ones are in it.
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert 'href="indicators/fast.html"' in home
    assert 'href="dashboard.html"' in home


def test_progress_can_be_turned_off(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = build(make_project(site_files()), monkeypatch, progress="0")
    assert "sqms:" not in log
    assert not_in_nav(log) is None  # the mini site's hand-written pages are all in nav


def test_the_build_decides_as_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.delenv("SQMS_PROGRESS", raising=False)
    assert progress_sink() is None
    monkeypatch.setenv("SQMS_PROGRESS", "yes")
    assert progress_sink() is not None
    monkeypatch.delenv("CI")
    monkeypatch.setenv("SQMS_PROGRESS", "off")
    assert progress_sink() is None


@pytest.mark.parametrize(
    ("path", "pattern"),
    [
        ("indicators/csat.md", "/indicators/csat.md"),
        ("a[1]*?.md", r"/a\[1\]\*\?.md"),
        ("!draft #2.md", r"/\!draft\ \#2.md"),
    ],
)
def test_exact_path_patterns(path: str, pattern: str) -> None:
    assert exact_path_pattern(path) == pattern


@pytest.mark.slow
def test_the_sample_build_lists_only_a_forgotten_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = copy_sample(tmp_path / "sample")
    (root / "manual" / STRAY).write_text(STRAY_TEXT, encoding="utf-8")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("SQMS_PROGRESS", "1")
    done: subprocess.CompletedProcess[str] = mkdocs_build(root, SQMS_AS_OF="2026-12-01")
    assert done.returncode == 0, done.stderr[-4000:]
    # Before, 28 generated pages were listed: 17 indicators, 7 actions, 4 reviews.
    assert not_in_nav(done.stderr) == [STRAY]
    stages = [match["summary"] for match in PROGRESS.finditer(done.stderr)]
    assert stages[:3] == [
        "loaded and checked 5 datasets, 27 documents and 7 registers",
        computed_line(17, "23 MB"),  # the sample's 6.6 MB of CSV and JSON Lines
        "computed the control charts and judged 7 registers",
    ]
    assert re.fullmatch(r"wrote \d+ pages of indicators and charts", stages[3])
    assert re.fullmatch(r"wrote \d+ register, certification and review pages", stages[4])
    assert len(stages) == 5
