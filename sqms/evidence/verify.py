"""``sqms verify``: recompute a published site's numbers and confirm its manifest.

Every difference is reported at once, one line naming the file and what differs:

1. the manifest agrees with itself: every definition it holds has the hash
   it states (a definition edited inside the manifest is caught here);
2. every published file of the site — page, chart, script, results JSON —
   has the SHA-256 the manifest lists, none is missing and none was added;
3. the checkout is at the manifest's commit (or the report says plainly that
   there is no checkout to compare, as for an evidence pack);
4. every input file listed in the manifest still has the same SHA-256, none
   is missing and none was added (a tampered data file is caught here), and
   every table a dataset reads still has the rows and checksum recorded
   (its engine is asked again);
5. every indicator is still defined as the manifest says (its definition
   hash), and no indicator was added or removed;
6. the indicators recomputed from the inputs give the published values and
   n, period by period and breakdown by breakdown.

Different library versions than the manifest's are a warning: the numbers
are then expected, not guaranteed, to match.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from sqms.diagnostics import Report
from sqms.evidence.manifest import (
    Manifest,
    definition_sha256,
    indicator_definition,
    input_files,
    site_files,
    software_versions,
    table_sources,
)
from sqms.i18n import nt, t
from sqms.io.hashing import file_sha256
from sqms.project import Project, compute_results
from sqms.site.results import json_number

EXAMPLES = 5
"""Differing values reported per indicator before the rest are counted."""
RELATIVE_TOLERANCE = 1e-9


def load_manifest(path: Path, display: str, report: Report) -> Manifest | None:
    """Read a manifest file; a missing or malformed one is an error at its path."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        report.error(display, None, t("yaml.not_found"))
        return None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        report.error(display, line, t("evidence.bad_manifest", problem=str(exc)))
        return None
    if not isinstance(document, dict) or document.get("sqms_manifest") != 1:
        report.error(display, None, t("evidence.not_manifest"))
        return None
    return Manifest(document, display)


def verify_manifest(
    project: Project, manifest: Manifest, site_dir: Path | None = None, *, checkout: bool = True
) -> Report:
    """Every difference between ``project`` (and the site in ``site_dir``) and ``manifest``.

    ``checkout`` false says the project is not a repository (an evidence pack's
    inputs): its commit is then not compared, and the report says so.
    """
    report = Report()
    _check_software(manifest, report)
    check_consistent(manifest, report)
    if site_dir is not None:
        check_site(manifest, site_dir, report)
    _check_commit(project, manifest, report, checkout=checkout)
    _check_inputs(project, manifest, report)
    _check_tables(project, manifest, report)
    if not project.ok:
        report.extend(project.report.errors)
        return report
    _check_definitions(project, manifest, report)
    _check_values(project, manifest, compute_results(project), report)
    return report


def check_consistent(manifest: Manifest, report: Report) -> None:
    """Every hash the manifest holds for something it also holds matches that thing."""
    for ind_id, entry in sorted(manifest.indicators.items()):
        definition = entry.get("definition")
        stated = entry.get("definition_sha256")
        if not isinstance(definition, dict) or definition_sha256(definition) != stated:
            report.error(manifest.display, None, t("evidence.self_contradicts", id=ind_id))


def check_site(manifest: Manifest, site_dir: Path, report: Report) -> None:
    """Every published file against the manifest: changed, missing or added files."""
    listed = manifest.site
    if listed is None:
        report.error(manifest.display, None, t("evidence.no_site_list"))
        return
    # Each file is read and hashed once; a link is never followed (site_files skips it).
    present = {item["path"]: item["sha256"] for item in site_files(site_dir)}
    for name, then in sorted(listed.items()):
        shown = f"site/{name}"
        now = present.get(name)
        if now is None:
            report.error(shown, None, t("evidence.site_missing"))
        elif now != then:
            report.error(shown, None, t("evidence.site_changed", now=now[:12], then=then[:12]))
    for name in sorted(present.keys() - listed.keys()):
        report.error(f"site/{name}", None, t("evidence.site_added"))


def _check_commit(project: Project, manifest: Manifest, report: Report, *, checkout: bool) -> None:
    """The checkout is at the manifest's commit, with no uncommitted change."""
    then = manifest.document.get("commit")
    history = project.history
    if not checkout or not history.available or history.head is None:
        report.warning(manifest.display, None, t("evidence.no_checkout", commit=then or "—"))
        return
    if then is None:
        report.warning(manifest.display, None, t("evidence.built_outside_git"))
    elif history.head != then:
        now = history.head
        report.error(manifest.display, None, t("evidence.commit_differs", now=now, then=then))
    if history.clean is False:
        report.warning(manifest.display, None, t("evidence.checkout_dirty"))


def _check_software(manifest: Manifest, report: Report) -> None:
    here = software_versions()
    for name, then in sorted(manifest.document.get("software", {}).items()):
        now = here.get(name, "not installed")
        if name != "python" and now != then:
            report.warning(
                manifest.display, None, t("evidence.software", name=name, then=then, now=now)
            )


def _check_inputs(project: Project, manifest: Manifest, report: Report) -> None:
    listed = manifest.inputs
    folders = manifest.document.get("folders", [])
    present = set(input_files(project.root, folders, manifest.document.get("files", [])))
    for name, then in sorted(listed.items()):
        path = project.root / name
        if not path.is_file():
            report.error(name, None, t("evidence.input_missing"))
            continue
        now = file_sha256(path)
        if now != then:
            report.error(name, None, t("evidence.input_changed", now=now[:12], then=then[:12]))
    for name in sorted(present - set(listed)):
        report.error(name, None, t("evidence.input_added"))


def _check_tables(project: Project, manifest: Manifest, report: Report) -> None:
    """Each table read now against the manifest's record: rows and checksum, none added or gone.

    A table that could not be read is reported by the project's own errors.
    """
    then = {item["dataset"]: item for item in manifest.document.get("tables", [])}
    now = {item["dataset"]: item for item in table_sources(project)}
    declared = project.catalog.specs if project.catalog is not None else {}
    for name, recorded in sorted(then.items()):
        found = now.get(name)
        if found is None:
            if name not in declared or declared[name].table is None:
                report.error(
                    manifest.display, None, t("evidence.table_gone", table=recorded["name"])
                )
            continue
        if (found["rows"], found["checksum"]) != (recorded["rows"], recorded["checksum"]):
            message = t(
                "evidence.table_changed",
                table=recorded["name"],
                now=nt("evidence.table_fingerprint", found["rows"], checksum=found["checksum"]),
                then=nt(
                    "evidence.table_fingerprint", recorded["rows"], checksum=recorded["checksum"]
                ),
            )
            report.error(manifest.display, None, message)
    for name in sorted(now.keys() - then.keys()):
        report.error(manifest.display, None, t("evidence.table_added", table=now[name]["name"]))


def _check_definitions(project: Project, manifest: Manifest, report: Report) -> None:
    assert project.plan is not None
    plan, published = project.plan, manifest.indicators
    for ind_id in plan.indicators:
        line = plan.line("indicators", ind_id)
        entry = published.get(ind_id)
        if entry is None:
            report.error(plan.display, line, t("evidence.indicator_added", id=ind_id))
        elif definition_sha256(indicator_definition(plan, ind_id)) != entry["definition_sha256"]:
            report.error(plan.display, line, t("evidence.definition_changed", id=ind_id))
    for ind_id in sorted(set(published) - set(plan.indicators)):
        report.error(manifest.display, None, t("evidence.indicator_removed", id=ind_id))


def _check_values(
    project: Project, manifest: Manifest, results: pd.DataFrame, report: Report
) -> None:
    for ind_id, entry in sorted(manifest.indicators.items()):
        rows = results[results["indicator"] == ind_id]
        now = {
            (str(row.period), str(row.dim), str(row.dim_value)): (
                json_number(row.value),
                json_number(row.n),
            )
            for row in rows.itertuples(index=False)
        }
        then = {
            (str(p), str(d), str(v)): (value, n) for p, d, v, value, n in entry.get("values", [])
        }
        differences = [
            (key, then.get(key), now.get(key))
            for key in sorted(set(now) | set(then))
            if not _same(then.get(key), now.get(key))
        ]
        for key, published, recomputed in differences[:EXAMPLES]:
            report.error(
                manifest.display,
                None,
                t(
                    "evidence.value_differs",
                    id=ind_id,
                    where=_where(key),
                    published=_shown(published),
                    recomputed=_shown(recomputed),
                ),
            )
        if len(differences) > EXAMPLES:
            more = len(differences) - EXAMPLES
            report.error(manifest.display, None, nt("evidence.more_values", more, id=ind_id))


def _same(first: Any, second: Any) -> bool:
    """Whether two ``(value, n)`` pairs agree (to a relative 1e-9; missing equals missing)."""
    if first is None or second is None:
        return first is None and second is None
    return all(_close(a, b) for a, b in zip(first, second, strict=True))


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=RELATIVE_TOLERANCE, abs_tol=1e-12)


def _where(key: tuple[str, str, str]) -> str:
    period, dim, value = key
    return f"{period} ({dim} = {value})" if dim else period


def _shown(pair: Any) -> str:
    if pair is None:
        return t("evidence.absent")
    value, n = pair
    return f"{value} (n = {n})"
