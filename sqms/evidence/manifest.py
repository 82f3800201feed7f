"""The evidence manifest: every input, the commit, the software and each value's definition.

An auditor who holds the manifest of a published site can tell exactly what
the site was made from: the SHA-256 of every file of the manual and the data
folder (and ``mkdocs.yml``), the git commit and whether the working tree was
clean, the versions of sqms and the libraries that computed the numbers, and
for every indicator the definition (as declared in the plan, hashed) and the
values published with it, and — written once the site is complete — the
SHA-256 of every file the site publishes (:func:`seal`). ``sqms verify``
checks a checkout, a site folder or an evidence pack against it.

The manifest is built from the inputs only, sorted, with no build-machine
timestamp, so the same commit and data give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from sqms import __version__
from sqms.engine.plan import Plan
from sqms.i18n import nt, t
from sqms.io.hashing import content_sha256, file_sha256
from sqms.project import Project, display_path
from sqms.site.results import json_number

MANIFEST_FILE = "sqms/manifest.json"
"""Where the manifest is published in the site."""
FORMAT_VERSION = 1
SOFTWARE = ("pandas", "numpy", "pyarrow", "pydantic", "pyyaml", "altair", "vl-convert-python",
            "mkdocs", "mkdocs-material", "ibis-framework", "duckdb", "sqlglot")  # fmt: skip
"""The libraries whose versions can change a published number or page."""


@dataclass(frozen=True)
class Manifest:
    """A manifest as loaded (or built): the JSON document and where it came from."""

    document: dict[str, Any]
    display: str

    @property
    def inputs(self) -> dict[str, str]:
        """Input file (relative to the project root) → SHA-256."""
        return {item["path"]: item["sha256"] for item in self.document.get("inputs", [])}

    @property
    def site(self) -> dict[str, str] | None:
        """Published file (relative to the site) → SHA-256; None for a manifest without them."""
        entries = self.document.get("site")
        if not isinstance(entries, list):
            return None
        return {item["path"]: item["sha256"] for item in entries}

    @property
    def indicators(self) -> dict[str, Any]:
        """Indicator id → its definition, hash, input files and values."""
        return dict(self.document.get("indicators", {}))


def input_files(root: Path, folders: Iterable[str], extra: Iterable[str] = ()) -> list[str]:
    """Every file under ``folders`` plus ``extra`` files, relative to ``root``, sorted.

    Hidden files and folders (``.git``, editor files) are left out: they are
    not inputs of the site.
    """
    found: set[str] = set()
    for folder in folders:
        base = root / folder
        if not base.is_dir():
            continue
        for path in base.rglob("*"):
            relative = path.relative_to(root)
            if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                found.add(relative.as_posix())
    found.update(name for name in extra if (root / name).is_file())
    return sorted(found)


def definition_sha256(definition: dict[str, Any]) -> str:
    """The hash of an indicator's definition as canonical JSON (sorted keys, no spaces)."""
    text = json.dumps(definition, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def indicator_definition(plan: Plan, ind_id: str) -> dict[str, Any]:
    """The indicator's definition as the plan declares it, in JSON form."""
    return plan.indicators[ind_id].spec.model_dump(mode="json", exclude_none=True)


def indicator_inputs(project: Project, ind_id: str) -> list[str]:
    """The data files (and tables) an indicator is computed from (through composites too), sorted.

    A table is named ``connection:table``, as in :func:`table_sources`.
    """
    assert project.plan is not None and project.catalog is not None
    datasets = [project.catalog.datasets.get(name) for name in project.plan.datasets_read(ind_id)]
    return sorted(
        display_path(d.path, project.root) if d.path is not None else d.spec.source_name
        for d in {d.name: d for d in datasets if d is not None}.values()
    )


def table_sources(project: Project) -> list[dict[str, Any]]:
    """Each dataset read from a table: where, the query, its rows and its checksum, by dataset.

    The table's content is not a file the manifest can hash: its engine gives
    the number of rows and an order-independent checksum of the declared
    columns (:func:`sqms.engine.sql.sources.fingerprint`), which ``sqms
    verify`` asks for again. The connection's URL is never recorded.
    """
    if project.catalog is None:
        return []
    return [
        {
            "dataset": name,
            "name": dataset.spec.source_name,
            "engine": dataset.source.connection.engine,
            "query": dataset.source.query,
            "rows": dataset.source.count,
            "checksum": dataset.source.checksum,
        }
        for name, dataset in sorted(project.catalog.datasets.items())
        if dataset.source is not None and dataset.path is None  # a file is hashed as a file
    ]


def _values(results: pd.DataFrame, ind_id: str) -> list[list[Any]]:
    """``[period, dimension, dimension value, value, n]`` for each published row, in order."""
    rows = results[results["indicator"] == ind_id]
    return [
        [row.period, row.dim, row.dim_value, json_number(row.value), json_number(row.n)]
        for row in rows.itertuples(index=False)
    ]


def software_versions() -> dict[str, str]:
    """The versions of sqms, Python and the libraries that shape the numbers and pages."""
    versions = {"sqms": __version__, "python": platform.python_version()}
    for name in SOFTWARE:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def build_manifest(
    project: Project, results: pd.DataFrame, folders: Iterable[str], extra: Iterable[str] = ()
) -> dict[str, Any]:
    """The manifest of a build of ``project`` whose indicators are ``results``."""
    assert project.plan is not None
    folders, extra = sorted(folders), sorted(extra)
    inputs = input_files(project.root, folders, extra)
    history = project.history
    indicators = {}
    for ind_id in project.plan.indicators:
        definition = indicator_definition(project.plan, ind_id)
        indicators[ind_id] = {
            "definition_sha256": definition_sha256(definition),
            "inputs": indicator_inputs(project, ind_id),
            "definition": definition,
            "values": _values(results, ind_id),
        }
    return {
        "sqms_manifest": FORMAT_VERSION,
        "commit": history.head if history.available else None,
        "tree_clean": history.clean if history.available else None,
        "as_of": project.today.isoformat(),
        "software": software_versions(),
        "folders": folders,
        "files": extra,
        "value_columns": ["period", "dimension", "dimension_value", "value", "n"],
        "inputs": [
            {"path": name, "sha256": content_sha256(project.root / name)} for name in inputs
        ],
        "tables": table_sources(project),
        "indicators": indicators,
    }


def site_files(site_dir: Path) -> list[dict[str, str]]:
    """Path (in the site) and SHA-256 of every file the site publishes but the manifest itself.

    Links are not followed: a built site holds none (the evidence pack and the
    confinement checks refuse them), and a file's bytes are what is hashed.
    """
    entries = []
    for path in sorted(site_dir.rglob("*")):
        name = path.relative_to(site_dir).as_posix()
        if name != MANIFEST_FILE and path.is_file() and not path.is_symlink():
            entries.append({"path": name, "sha256": file_sha256(path)})
    return entries


def seal(document: dict[str, Any], site_dir: Path) -> dict[str, Any]:
    """The manifest with every published file of ``site_dir`` listed and hashed (``site``).

    Written once the site is complete, so what an auditor reads — every page,
    chart, script and the results JSON — is covered, not only what it was made from.
    """
    return {**document, "site": site_files(site_dir)}


def manifest_json(document: dict[str, Any]) -> str:
    """The manifest as stable JSON text (same document, same bytes)."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def provenance_lines(document: dict[str, Any]) -> dict[str, str]:
    """Indicator id → one line saying what its numbers were computed from.

    ``Data: data/tickets.csv (sha256 1a2b3c4d) · definition 9f8e7d6c · commit 6dd6b40``.
    """
    hashes = {item["path"]: f"sha256 {item['sha256'][:8]}" for item in document["inputs"]}
    for table in document.get("tables", []):
        hashes[table["name"]] = nt(
            "evidence.table_fingerprint", table["rows"], checksum=table["checksum"][:8]
        )
    commit = document.get("commit")
    if commit is None:
        built = t("evidence.no_commit")
    else:
        state = t("evidence.clean") if document.get("tree_clean") else t("evidence.dirty")
        built = t("evidence.commit", commit=commit[:7], state=state)
    lines = {}
    for ind_id, entry in document["indicators"].items():
        files = ", ".join(f"{name} ({hashes.get(name, '?')})" for name in entry["inputs"])
        lines[ind_id] = t(
            "evidence.provenance",
            files=files or "—",
            definition=entry["definition_sha256"][:8],
            built=built,
        )
    return lines
