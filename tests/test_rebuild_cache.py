"""The live preview computes again only what depends on what changed.

Builds run in one process, as ``mkdocs serve`` runs them: the configuration
is loaded again for every build while the plugin instance lives on. Whether
the site was computed again is read from the number of calls of
``build_site``, whether the data was read and the indicators computed again
from those of ``load_catalog`` and ``compute_results``; what a reused site
publishes is compared with a fresh one.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import sqms.plugin.plugin as plugin_module
import sqms.project as project_module
import sqms.publish.site as site_module
from sqms.io.hashing import RACY
from sqms.io.hashing import content_sha256 as content_hash
from sqms.publish.fingerprint import Fingerprints, build_fingerprints
from tests.mini import INSTRUCTION, PROCEDURE, site_files
from tests.support.dates import NOV_24_2026_EPOCH
from tests.support.edits import edit_file
from tests.support.projects import ProjectFactory

Builder = Callable[[], None]
DOCUMENTS = {"manual/procedures/answering.md": PROCEDURE, "manual/work/greeting.md": INSTRUCTION}


def _count(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    """Count the calls of ``module.name`` from now on."""
    calls = [0]
    original = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


@pytest.fixture
def counts(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[int]]:
    """The calls of the stages a rebuild may skip: reading the data, computing, the whole site."""
    return {
        "read": _count(monkeypatch, project_module, "load_catalog"),
        "computed": _count(monkeypatch, site_module, "compute_results"),
        "site": _count(monkeypatch, plugin_module, "build_site"),
    }


@pytest.fixture
def serve(
    make_project: ProjectFactory,
    monkeypatch: pytest.MonkeyPatch,
    counts: dict[str, list[int]],
) -> tuple[Path, Builder, list[int]]:
    """A mini project, a builder that rebuilds it as serve does, and the count of computations."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_24_2026_EPOCH)
    root = make_project(site_files(**DOCUMENTS))
    computed = counts["site"]
    started = [False]

    def rebuild() -> None:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
        if not started[0]:
            config.plugins.on_startup(command="serve", dirty=False)
            started[0] = True
        build(config, dirty=False)

    return root, rebuild, computed


def _page(root: Path, name: str) -> str:
    return (root / "site" / name).read_text(encoding="utf-8")


def test_nothing_changed_reuses_the_computed_site(
    serve: tuple[Path, Builder, list[int]],
) -> None:
    root, rebuild, computed = serve
    rebuild()
    first = {name: _page(root, name) for name in ("dashboard.html", "indicators/fast.html")}
    rebuild()
    assert computed[0] == 1
    assert {name: _page(root, name) for name in first} == first


def test_a_reuse_is_reported_as_progress(
    serve: tuple[Path, Builder, list[int]],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, rebuild, computed = serve
    monkeypatch.setenv("SQMS_PROGRESS", "1")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.sqms"):
        rebuild()
        assert not any("reused it" in r.getMessage() for r in caplog.records)
        caplog.clear()
        rebuild()
    lines = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.sqms"]
    assert computed[0] == 1
    assert [line for line in lines if "reused it" in line] == [
        next(line for line in lines if line.startswith("sqms: nothing the computed site"))
    ]


def test_a_changed_data_file_computes_again(
    serve: tuple[Path, Builder, list[int]], counts: dict[str, list[int]]
) -> None:
    root, rebuild, computed = serve
    rebuild()
    before = _page(root, "indicators/fast.html")
    edit_file(root / "data" / "tickets.csv", ",email,5,", ",email,2,")
    rebuild()
    assert computed[0] == 2
    assert counts["read"][0] == counts["computed"][0] == 2
    assert _page(root, "indicators/fast.html") != before


def test_a_prose_edit_keeps_the_data_and_indicators(
    serve: tuple[Path, Builder, list[int]], counts: dict[str, list[int]]
) -> None:
    """The site is made again, from the datasets and the indicators computed before."""
    root, rebuild, computed = serve
    rebuild()
    page = root / "manual" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    rebuild()
    assert computed[0] == 2
    assert counts["read"][0] == counts["computed"][0] == 1
    assert "One more line." in _page(root, "index.html")


def test_a_manual_edit_reaches_the_generated_pages(
    serve: tuple[Path, Builder, list[int]], counts: dict[str, list[int]]
) -> None:
    """What the generated pages take from the manual is read again, although the data is kept."""
    root, rebuild, _ = serve
    rebuild()
    assert "Greeting a caller" in _page(root, "document-register.html")
    edit_file(
        root / "manual" / "work" / "greeting.md",
        "title: Greeting a caller",
        "title: Welcoming a caller",
    )
    rebuild()
    assert counts["computed"][0] == 1
    register = _page(root, "document-register.html")
    assert "Welcoming a caller" in register
    assert "Greeting a caller" not in register


def test_a_site_made_from_kept_data_equals_a_fresh_one(
    serve: tuple[Path, Builder, list[int]], counts: dict[str, list[int]]
) -> None:
    """After a prose edit, every generated page is what a fresh build of the project makes."""
    root, rebuild, _ = serve
    rebuild()
    edit_file(root / "manual" / "work" / "greeting.md", "Say hello.", "Say hello warmly.")
    rebuild()
    kept = {path: path.read_bytes() for path in sorted((root / "site").rglob("*.html"))}
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "fresh"))
    config.plugins.on_startup(command="build", dirty=False)  # a one-off build computes all
    build(config, dirty=False)
    assert counts["computed"][0] == 2
    fresh = {path: (root / "fresh" / path.relative_to(root / "site")).read_bytes() for path in kept}
    assert [p for p in kept if kept[p] != fresh[p]] == []


def test_a_changed_setting_computes_again(serve: tuple[Path, Builder, list[int]]) -> None:
    root, rebuild, computed = serve
    rebuild()
    with open(root / "mkdocs.yml", "a", encoding="utf-8") as config:
        config.write("\n# a comment is a change too\n")
    rebuild()
    assert computed[0] == 2


def test_a_reused_site_warns_again(
    serve: tuple[Path, Builder, list[int]], caplog: pytest.LogCaptureFixture
) -> None:
    root, rebuild, computed = serve
    # A warning from the plan: an indicator whose breakdown column is unknown
    # is an error, so take one the loader warns about: an empty data file.
    tickets = root / "data" / "tickets.csv"
    header = tickets.read_text(encoding="utf-8").splitlines()[0]
    tickets.write_text(header + "\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.sqms"):
        rebuild()
        first = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.sqms"]
        caplog.clear()
        rebuild()
        second = [r.getMessage() for r in caplog.records if r.name == "mkdocs.plugins.sqms"]
    assert computed[0] == 1
    assert first and second == first


def test_fingerprint_follows_content_not_time(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    data = tmp_path / "data" / "a.csv"
    data.write_text("x\n1\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    noon = dt.datetime(2026, 12, 5, 12, tzinfo=dt.UTC)

    def fingerprints(**overrides: Any) -> Fingerprints:
        options: dict[str, Any] = {"environ": {}, "now": noon, "settings": {"as_of": None}}
        options.update(overrides)
        return build_fingerprints(tmp_path, ["data"], ["manual"], ["mkdocs.yml"], **options)

    def fingerprint(**overrides: Any) -> str:
        return fingerprints(**overrides).whole

    base = fingerprint()
    assert fingerprint() == base
    data.write_text("x\n1\n", encoding="utf-8")  # the same bytes, written again
    assert fingerprint() == base
    data.write_text("x\n2\n", encoding="utf-8")
    changed = fingerprint()
    assert changed != base
    assert fingerprint(environ={"SQMS_AS_OF": "2026-11-30"}) != changed
    assert fingerprint(settings={"as_of": "2026-11-30"}) != changed
    # The same hour is the same day everywhere; the next day is not.
    assert fingerprint(now=noon + dt.timedelta(minutes=30)) == changed
    assert fingerprint(now=noon + dt.timedelta(days=1)) != changed
    (tmp_path / "data" / "b.csv").write_text("y\n", encoding="utf-8")
    assert fingerprint() != changed


def test_a_manual_edit_changes_the_whole_fingerprint_only(tmp_path: Path) -> None:
    for folder in ("data", "manual"):
        (tmp_path / folder).mkdir()
    (tmp_path / "data" / "a.csv").write_text("x\n1\n", encoding="utf-8")
    page = tmp_path / "manual" / "index.md"
    page.write_text("# Home\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")

    def fingerprints() -> Fingerprints:
        return build_fingerprints(tmp_path, ["data"], ["manual"], ["mkdocs.yml"], {}, environ={})

    base = fingerprints()
    page.write_text("# Home\n\nMore.\n", encoding="utf-8")
    prose = fingerprints()
    assert prose.data == base.data
    assert prose.whole != base.whole
    (tmp_path / "data" / "a.csv").write_text("x\n2\n", encoding="utf-8")
    data = fingerprints()
    assert data.data != prose.data
    assert data.whole != prose.whole


def test_content_hash_reads_again_when_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    first = content_hash(path)
    path.write_text("two, longer", encoding="utf-8")
    assert content_hash(path) != first


def test_content_hash_of_a_racy_file_is_not_remembered(tmp_path: Path) -> None:
    """Same size, same modification time, other bytes: a write within one clock tick."""
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    stamp = path.stat().st_mtime_ns
    first = content_hash(path)
    path.write_text("two", encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))
    assert content_hash(path) != first
    # Once the file is older than the tick, its hash is remembered.
    old = stamp - 10 * RACY
    os.utime(path, ns=(old, old))
    assert content_hash(path) == content_hash(path)
