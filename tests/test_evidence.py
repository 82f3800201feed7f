"""The evidence manifest, provenance lines and ``sqms verify`` (tampered inputs are caught)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from click.testing import CliRunner

from sqms.cli.main import main
from sqms.diagnostics import Report
from sqms.evidence.manifest import (
    build_manifest,
    definition_sha256,
    manifest_json,
    provenance_lines,
)
from sqms.evidence.verify import load_manifest, verify_manifest
from sqms.project import compute_results, load_project
from tests import mini
from tests.support.edits import edit_file
from tests.support.projects import ProjectFactory

INPUTS = ["data"]


def _project(make_project: ProjectFactory) -> Path:
    files = mini.files()
    files["mkdocs.yml"] = "site_name: Mini\n"
    return make_project(files)


def _manifest(root: Path) -> dict:
    project = load_project(root, manual_dir=None)
    assert project.ok, [d.format() for d in project.report]
    return build_manifest(project, compute_results(project), INPUTS, ["mkdocs.yml"])


def _write(root: Path, document: dict) -> Path:
    path = root / "site" / "sqms" / "manifest.json"
    path.parent.mkdir(parents=True)
    path.write_text(manifest_json(document), encoding="utf-8")
    return path


def test_manifest_lists_every_input_with_its_sha256(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    document = _manifest(root)
    paths = [item["path"] for item in document["inputs"]]
    assert paths == sorted(paths)
    assert "mkdocs.yml" in paths and "data/tickets.csv" in paths
    tickets = (root / "data" / "tickets.csv").read_bytes()
    listed = {item["path"]: item["sha256"] for item in document["inputs"]}
    assert listed["data/tickets.csv"] == hashlib.sha256(tickets).hexdigest()
    assert document["software"]["sqms"]
    assert document["commit"] is None  # not a git checkout
    assert document["as_of"]


def test_manifest_keeps_each_indicators_definition_and_values(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    document = _manifest(root)
    entry = document["indicators"]["fast"]
    assert entry["definition"]["measure"] == "share"
    assert entry["definition_sha256"] == definition_sha256(entry["definition"])
    assert entry["inputs"] == ["data/tickets.csv"]
    # January: tickets 1-4 have waits 1, 3, 5, 2 h (5 has none) → 3 of 4 within 3 h.
    january = [v for v in entry["values"] if v[0] == "2026-01" and v[1] == ""]
    assert january == [["2026-01", "", "", 0.75, 4]]


def test_the_same_inputs_give_the_same_bytes(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    assert manifest_json(_manifest(root)) == manifest_json(_manifest(root))


def test_provenance_names_file_hash_prefix_and_definition(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    document = _manifest(root)
    line = provenance_lines(document)["fast"]
    digest = hashlib.sha256((root / "data" / "tickets.csv").read_bytes()).hexdigest()
    assert f"data/tickets.csv (sha256 {digest[:8]})" in line
    assert document["indicators"]["fast"]["definition_sha256"][:8] in line
    assert "built outside git" in line


def _verify(root: Path, manifest: Path) -> Report:
    report = Report()
    loaded = load_manifest(manifest, "site/sqms/manifest.json", report)
    assert loaded is not None, [d.format() for d in report]
    return verify_manifest(load_project(root, manual_dir=None), loaded)


def test_verify_passes_on_the_inputs_it_was_built_from(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    manifest = _write(root, _manifest(root))
    report = _verify(root, manifest)
    assert not report.has_errors, [d.format() for d in report]


def test_verify_catches_a_tampered_data_file(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    manifest = _write(root, _manifest(root))
    tickets = root / "data" / "tickets.csv"
    # Ticket 3 (5 h) edited to 2 h: January becomes 4 of 4.
    edit_file(tickets, ",email,5,", ",email,2,")
    messages = [d.format() for d in _verify(root, manifest).errors]
    assert any(m.startswith("data/tickets.csv: changed since the manifest") for m in messages)
    assert (
        "site/sqms/manifest.json: fast, 2026-01: published 0.75 (n = 4), recomputed 1 (n = 4)"
        in messages
    )


def test_verify_catches_a_changed_definition_and_added_files(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    manifest = _write(root, _manifest(root))
    plan = root / "data" / "quality-plan.yml"
    edit_file(plan, "wait_h <= 3", "wait_h <= 4")
    (root / "data" / "extra.csv").write_text("a\n1\n", encoding="utf-8")
    messages = [d.format() for d in _verify(root, manifest).errors]
    assert any('the definition of indicator "fast" differs' in m for m in messages)
    assert "data/extra.csv: not in the manifest: added since it was published" in messages
    assert any(m.startswith("data/quality-plan.yml: changed since the manifest") for m in messages)


def test_verify_command_exit_codes(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    manifest = _write(root, _manifest(root))
    runner = CliRunner()
    ok = runner.invoke(main, ["verify", str(manifest), "--project", str(root), "--data", "data"])
    assert ok.exit_code == 0, ok.output
    assert "manifest verified" in ok.output
    (root / "data" / "customers.csv").write_text("customer,start,end\n", encoding="utf-8")
    bad = runner.invoke(main, ["verify", str(manifest), "--project", str(root), "--data", "data"])
    assert bad.exit_code == 1
    assert "data/customers.csv: changed since the manifest" in bad.output
    assert "Traceback" not in bad.output


def test_verify_rejects_what_is_not_a_manifest(make_project: ProjectFactory) -> None:
    root = _project(make_project)
    broken = root / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    other = root / "other.json"
    other.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    runner = CliRunner()
    for path, text in (
        (broken, "not a readable manifest"),
        (other, "not an sqms evidence manifest"),
    ):
        result = runner.invoke(
            main, ["verify", str(path), "--project", str(root), "--data", "data"]
        )
        assert result.exit_code == 1
        assert text in result.output
