"""The live preview computes the site again only when something it depends on changed.

Builds run in one process, as ``mkdocs serve`` runs them: the configuration
is loaded again for every build while the plugin instance lives on. Whether
the site was computed again is read from the number of calls of
``build_site``; what a reused site publishes is compared with a fresh one.
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
from sqms.io.hashing import RACY
from sqms.io.hashing import content_sha256 as content_hash
from sqms.publish.fingerprint import build_fingerprint
from tests.mini import site_files
from tests.support.dates import NOV_24_2026_EPOCH
from tests.support.edits import edit_file
from tests.support.projects import ProjectFactory

Builder = Callable[[], None]


@pytest.fixture
def serve(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Builder, list[int]]:
    """A mini project, a builder that rebuilds it as serve does, and the count of computations."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_24_2026_EPOCH)
    root = make_project(site_files())
    computed = [0]
    original = plugin_module.build_site

    def counting(*args: Any, **kwargs: Any) -> Any:
        computed[0] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(plugin_module, "build_site", counting)
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


def test_a_changed_data_file_computes_again(serve: tuple[Path, Builder, list[int]]) -> None:
    root, rebuild, computed = serve
    rebuild()
    edit_file(root / "data" / "tickets.csv", ",email,5,", ",email,2,")
    rebuild()
    assert computed[0] == 2


def test_a_prose_edit_computes_again(serve: tuple[Path, Builder, list[int]]) -> None:
    root, rebuild, computed = serve
    rebuild()
    page = root / "manual" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    rebuild()
    assert computed[0] == 2
    assert "One more line." in _page(root, "index.html")


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

    def fingerprint(**overrides: Any) -> str:
        options: dict[str, Any] = {"environ": {}, "now": noon, "settings": {"as_of": None}}
        options.update(overrides)
        return build_fingerprint(tmp_path, ["data"], ["mkdocs.yml"], **options)

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
