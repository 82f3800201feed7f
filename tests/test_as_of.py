"""The as-of date: every build is judged as of one day, declared or its own.

QP-01 was approved on 2025-12-15 and is reviewed every 12 months, so its
review falls due on 2026-12-15; ACT-1's only step is due the same day. As of
30 November 2026 nothing is overdue; a month later, on 31 December, both are.
The day is ``--as-of``, else ``SQMS_AS_OF``, else ``as_of:`` in ``mkdocs.yml``,
else the UTC day of ``SOURCE_DATE_EPOCH``, else today in the plan's time zone
(never the date of the last commit).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from sqms.i18n import use_language
from sqms.io.history import (
    AS_OF_VARIABLE,
    EPOCH_VARIABLE,
    AsOfError,
    as_of_epoch,
    judgement_date,
    today_in,
)
from sqms.project import Project, load_project
from sqms.publish.site import build_site
from sqms.registers.common import action_path
from tests import mini
from tests.mini import MKDOCS_YML, site_files
from tests.support.edits import edit_file, edited, with_edit
from tests.support.projects import ProjectFactory, write_project
from tests.support.sites import built_site, digests, mkdocs_build

BEFORE = dt.date(2026, 11, 30)
AFTER = dt.date(2026, 12, 31)
"""One month later: QP-01's review and ACT-1's step (both due 2026-12-15) are overdue."""

QP_01 = """\
---
id: QP-01
title: The procedure
type: procedure
version: "1.0"
status: approved
owner: Quality Manager
approved_by: Quality Director
approved_on: 2025-12-15
review_every: 12 months
---

# The procedure

What is done, by whom.
"""

ACTIONS = """\
actions:
  - id: ACT-1
    title: Shorter waits
    kind: corrective
    source: {type: review, refs: [minutes]}
    opened: 2026-11-01
    owner: Quality Manager
    problem: Customers wait too long
    status: do
    steps:
      - {what: Add a second shift, owner: Service Desk Manager, due: 2026-12-15}
"""

AUDIT_HELD_IN_DECEMBER = """\
audits:
  - id: A-1
    title: Documents
    planned: 2026-12-01
    held: 2026-12-03
    scope: ["7.5"]
    auditor: Quality Manager
"""


def project_files(**extra: str) -> dict[str, str]:
    return {
        **mini.files(),
        "manual/index.md": "# Home\n\nSee [[QP-01]].\n",
        "manual/procedures/qp-01.md": QP_01,
        "data/registers/actions.yml": ACTIONS,
        **extra,
    }


@pytest.fixture(autouse=True)
def undated(monkeypatch: pytest.MonkeyPatch) -> None:
    """No as-of date from the machine running the tests: each test sets its own."""
    monkeypatch.delenv(AS_OF_VARIABLE, raising=False)
    monkeypatch.delenv(EPOCH_VARIABLE, raising=False)


def page(project: Project, path: str) -> str:
    """One generated page of the project's site, as Markdown."""
    site = build_site(project, ["manual", "data"])
    [found] = [p.markdown for p in site.pages if p.path == path]
    return found


def control_block(project: Project) -> str:
    from sqms.documents.control import control_block as block

    return block(project.manual.documents["QP-01"], project.manual)


# --- (a) the same project, a month apart ---------------------------------------


@pytest.mark.parametrize("variable", [AS_OF_VARIABLE, EPOCH_VARIABLE])
def test_a_review_falls_overdue_a_month_later(
    variable: str, make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(project_files())
    registers = {}
    for day in (BEFORE, AFTER):
        # SOURCE_DATE_EPOCH at noon UTC: its UTC day is the as-of date.
        value = day.isoformat() if variable == AS_OF_VARIABLE else str(as_of_epoch(day) + 43200)
        monkeypatch.setenv(variable, value)
        project = load_project(root)
        assert [d.format() for d in project.report.errors] == []
        assert project.today == day
        registers[day] = page(project, "document-register.md")
    assert "Reviews are judged as of 2026-11-30." in registers[BEFORE]
    assert "1 document; 0 overdue for review; 0 drafts." in registers[BEFORE]
    assert "| 2025-12-15 | 2026-12-15 |" in registers[BEFORE]
    assert "Reviews are judged as of 2026-12-31." in registers[AFTER]
    assert "1 document; 1 overdue for review; 0 drafts." in registers[AFTER]
    assert "| 2025-12-15 | **2026-12-15** ⚠ review overdue |" in registers[AFTER]


def test_pages_that_judge_dates_state_the_as_of_date(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(project_files())
    monkeypatch.setenv(AS_OF_VARIABLE, "2026-11-30")
    project = load_project(root)
    assert "overdue" not in control_block(project).lower()
    action = page(project, action_path("ACT-1"))
    assert "| 2026-12-15 | — |" in action
    assert "Steps not done are judged overdue as of 2026-11-30." in action

    monkeypatch.setenv(AS_OF_VARIABLE, "2026-12-31")
    project = load_project(root)
    block = control_block(project)
    assert '!!! warning "Review overdue"' in block
    assert (
        "This document was due for review on 2026-12-15. Reviews are judged as of 2026-12-31."
        in block
    )
    action = page(project, action_path("ACT-1"))
    assert "| **2026-12-15** ⚠ overdue | — |" in action
    assert "Steps not done are judged overdue as of 2026-12-31." in action
    dashboard = page(project, "dashboard.md")
    attention = dashboard.split("## Needs attention", 1)[1]
    assert attention.lstrip().startswith(
        "Due dates (document reviews, action steps, training, audits, complaints) are judged"
        " as of 2026-12-31."
    )
    assert "### Documents overdue for review" in attention
    assert "### Overdue action steps" in attention
    assert build_site(project, ["manual", "data"]).manifest["as_of"] == "2026-12-31"

    with use_language("zh"):
        block = control_block(project)
        dashboard = page(project, "dashboard.md")
        action = page(project, action_path("ACT-1"))
    assert "本文件应于 2026年12月15日 评审。评审状态以 2026年12月31日 为准。" in block
    assert "到期情况（文件评审、措施步骤、培训、审核、投诉）以 2026年12月31日 为准。" in dashboard
    assert "未完成的步骤是否逾期以 2026年12月31日 为准。" in action


def test_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    """--as-of, then SQMS_AS_OF, then as_of: in mkdocs.yml, then SOURCE_DATE_EPOCH, then today."""
    monkeypatch.setenv(EPOCH_VARIABLE, str(as_of_epoch(dt.date(2026, 1, 1))))
    assert judgement_date() == dt.date(2026, 1, 1)
    assert judgement_date(setting="2026-02-01") == dt.date(2026, 2, 1)
    assert judgement_date(setting=dt.date(2026, 2, 1)) == dt.date(2026, 2, 1)
    monkeypatch.setenv(AS_OF_VARIABLE, "2026-03-01")
    assert judgement_date(setting="2026-02-01") == dt.date(2026, 3, 1)
    assert judgement_date(dt.date(2026, 4, 1), "2026-02-01") == dt.date(2026, 4, 1)
    # An empty variable is an unset one.
    monkeypatch.setenv(AS_OF_VARIABLE, "")
    monkeypatch.setenv(EPOCH_VARIABLE, " ")
    assert judgement_date(timezone="UTC") == dt.datetime.now(dt.UTC).date()


# --- (b) nothing declared: today ------------------------------------------------


def test_without_a_date_the_build_is_judged_as_of_today(
    make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(project_files())
    git = shutil.which("git")
    if git is not None:
        # A commit of January: its date is no longer the as-of date.
        dated = {
            "GIT_COMMITTER_DATE": "2026-01-15T12:00:00Z",
            "GIT_AUTHOR_DATE": "2026-01-15T12:00:00Z",
        }
        for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "January"]):
            subprocess.run(
                [git, "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
                cwd=root, env={**dated, "PATH": "/usr/bin:/bin", "HOME": str(root)}, check=True,
            )  # fmt: skip
    project = load_project(root)
    assert [d.format() for d in project.report.errors] == []
    assert project.plan is not None and project.plan.timezone == "Asia/Shanghai"
    assert project.today == dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    assert project.today != dt.date(2026, 1, 15)
    assert f"Reviews are judged as of {project.today.isoformat()}." in page(
        project, "document-register.md"
    )


def test_today_is_taken_in_the_plans_time_zone(
    make_project: ProjectFactory, tmp_path: Path
) -> None:
    # UTC+14 and UTC−11 are 25 hours apart: their dates always differ.
    days = {}
    for zone in ("Pacific/Kiritimati", "Pacific/Pago_Pago"):
        files = project_files()
        files = with_edit(
            files, "data/datasets.yml", "timezone: Asia/Shanghai", f"timezone: {zone}"
        )
        project = load_project(write_project(tmp_path / zone.replace("/", "-"), files))
        assert project.today == dt.datetime.now(ZoneInfo(zone)).date()
        days[zone] = project.today
    assert days["Pacific/Kiritimati"] > days["Pacific/Pago_Pago"]
    assert today_in("Nowhere/Atlantis") == dt.datetime.now(dt.UTC).date()


# --- (c) the command line ---------------------------------------------------------


def runner(**env: str | None) -> CliRunner:
    return CliRunner(env={AS_OF_VARIABLE: None, EPOCH_VARIABLE: None, **env})


def test_check_judges_as_of_the_as_of_option(make_project: ProjectFactory) -> None:
    root = make_project(project_files(**{"data/registers/audits.yml": AUDIT_HELD_IN_DECEMBER}))
    check = ["check", "--project", str(root)]
    early = runner().invoke(main, [*check, "--as-of", "2026-11-30"])
    assert early.exit_code == 1
    assert (
        "data/registers/audits.yml:5: held on 2026-12-03, after the as-of date (2026-11-30):"
        " record the date once the audit is done"
    ) in early.output
    late = runner().invoke(main, [*check, "--as-of", "2026-12-31"])
    assert late.exit_code == 0, late.output
    # The option comes before SQMS_AS_OF, which comes before SOURCE_DATE_EPOCH.
    assert runner(SQMS_AS_OF="2026-11-30").invoke(main, check).exit_code == 1
    assert (
        runner(SQMS_AS_OF="2026-11-30").invoke(main, [*check, "--as-of", "2026-12-31"]).exit_code
        == 0
    )
    epoch = str(as_of_epoch(AFTER))
    assert runner(SOURCE_DATE_EPOCH=epoch).invoke(main, check).exit_code == 0
    assert (
        runner(SOURCE_DATE_EPOCH=epoch, SQMS_AS_OF="2026-11-30").invoke(main, check).exit_code == 1
    )


def test_check_reads_as_of_from_mkdocs_yml(make_project: ProjectFactory) -> None:
    yml = MKDOCS_YML.format(language="en")
    yml = edited(yml, "  - sqms\n", "  - sqms:\n      as_of: 2026-11-30\n")
    files = project_files(
        **{"data/registers/audits.yml": AUDIT_HELD_IN_DECEMBER, "mkdocs.yml": yml}
    )
    check = ["check", "--project", str(make_project(files))]
    assert runner().invoke(main, check).exit_code == 1
    # SQMS_AS_OF comes before the setting, and --as-of before both.
    assert runner(SQMS_AS_OF="2026-12-31").invoke(main, check).exit_code == 0
    assert runner().invoke(main, [*check, "--as-of", "2026-12-31"]).exit_code == 0
    # The setting comes before SOURCE_DATE_EPOCH.
    epoch = str(as_of_epoch(AFTER))
    assert runner(SOURCE_DATE_EPOCH=epoch).invoke(main, check).exit_code == 1


def test_review_is_judged_as_of_the_as_of_option(make_project: ProjectFactory) -> None:
    review = ["review", "--period", "2026-Q4", "--project", str(make_project(project_files()))]
    early = runner().invoke(main, [*review, "--as-of", "2026-11-30"])
    assert early.exit_code == 0, early.output
    assert "for 2026-10-01 to 2026-12-31, filled from" in early.output
    assert "the registers, as of 2026-11-30." in early.output
    late = runner().invoke(main, [*review, "--as-of", "2026-12-31"])
    assert "the registers, as of 2026-12-31." in late.output


# --- (e) a date that is not one ---------------------------------------------------


@pytest.mark.parametrize(
    "value", ["30/11/2026", "2026-11-31", "tomorrow", "2026-11-30T10:00", "1969-12-31"]
)
def test_a_bad_sqms_as_of_is_a_clear_error(make_project: ProjectFactory, value: str) -> None:
    root = make_project(project_files())
    result = runner(SQMS_AS_OF=value).invoke(main, ["check", "--project", str(root)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (
        f'SQMS_AS_OF: "{value}" is not a date to judge the build as of: write it as'
        in result.output
    )
    assert "Traceback" not in result.output
    with pytest.raises(AsOfError, match="is not a date"):
        judgement_date(setting=value)


def test_other_bad_dates_are_clear_errors(make_project: ProjectFactory) -> None:
    root = make_project(project_files())
    check = ["check", "--project", str(root)]
    bad_epoch = runner(SOURCE_DATE_EPOCH="yesterday").invoke(main, check)
    assert bad_epoch.exit_code == 1
    assert 'SOURCE_DATE_EPOCH: "yesterday" is not a build time' in bad_epoch.output
    bad_option = runner().invoke(main, [*check, "--as-of", "30.11.2026"])
    assert bad_option.exit_code == 2  # a usage error
    assert '"30.11.2026" is not a date to judge the build as of' in bad_option.output
    yml = "site_name: X\ndocs_dir: manual\nplugins:\n  - sqms:\n      as_of: end of November\n"
    (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    bad_setting = runner().invoke(main, check)
    assert bad_setting.exit_code == 1
    assert 'mkdocs.yml: as_of: "end of November" is not a date' in bad_setting.output
    assert "Traceback" not in bad_epoch.output + bad_option.output + bad_setting.output


def test_a_bad_sqms_as_of_fails_the_build_cleanly(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", site_files(**project_files()))
    done = mkdocs_build(root, tz="UTC", lang="C.UTF-8", SQMS_AS_OF="2026-13-01")
    assert done.returncode == 1
    assert 'SQMS_AS_OF: "2026-13-01" is not a date to judge the build as of' in done.stderr
    assert "Traceback" not in done.stderr
    edit_file(root / "mkdocs.yml", "  - sqms\n", "  - sqms:\n      as_of: soon\n")
    done = mkdocs_build(root, tz="UTC", lang="C.UTF-8")
    assert done.returncode == 1
    assert '"soon" is not a date to judge the build as of' in done.stderr
    assert "Traceback" not in done.stderr


# --- (d) builds: the same as-of gives the same bytes ------------------------------


def gzip_time(path: Path) -> int:
    """The modification time a gzip file's header holds (bytes 4–7, little-endian)."""
    return int.from_bytes(path.read_bytes()[4:8], "little")


def manifest_as_of(site: Path) -> str:
    return str(json.loads((site / "sqms/manifest.json").read_text(encoding="utf-8"))["as_of"])


def test_builds_as_of_the_same_day_are_byte_identical(tmp_path: Path) -> None:
    files = site_files(**project_files())
    first = built_site(write_project(tmp_path / "first", files), tz="Asia/Shanghai",
                       lang="C.UTF-8", SQMS_AS_OF="2026-11-30")  # fmt: skip
    second = built_site(write_project(tmp_path / "elsewhere" / "second", files),
                        tz="America/New_York", lang="C", SQMS_AS_OF="2026-11-30")  # fmt: skip
    one, two = digests(first), digests(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert {"sqms/manifest.json", "sitemap.xml.gz", "document-register.html"} <= set(one)
    # Dated by the as-of day: the sitemap's gzip header holds its midnight (UTC).
    assert gzip_time(first / "sitemap.xml.gz") == as_of_epoch(BEFORE) == 1795996800
    assert manifest_as_of(first) == "2026-11-30"
    register = (first / "document-register.html").read_text(encoding="utf-8")
    assert "Reviews are judged as of 2026-11-30." in register
    assert "⚠ review overdue" not in register

    # A month later the same files are judged otherwise.
    later = built_site(write_project(tmp_path / "later", files), tz="Asia/Shanghai",
                       lang="C.UTF-8", SQMS_AS_OF="2026-12-31")  # fmt: skip
    three = digests(later)
    changed = {name for name in one if one[name] != three[name]}
    assert {"document-register.html", "dashboard.html", "sqms/manifest.json"} <= changed
    register = (later / "document-register.html").read_text(encoding="utf-8")
    assert "Reviews are judged as of 2026-12-31." in register
    assert "2026-12-15** ⚠ review overdue" in register
    assert gzip_time(later / "sitemap.xml.gz") == as_of_epoch(AFTER)


def test_a_build_as_of_today_is_rebuilt_from_its_manifest(tmp_path: Path) -> None:
    files = site_files(**project_files())
    today = built_site(write_project(tmp_path / "today", files), tz="America/New_York", lang="C")
    as_of = manifest_as_of(today)
    assert dt.date.fromisoformat(as_of) == dt.datetime.now(ZoneInfo("Asia/Shanghai")).date()
    again = built_site(write_project(tmp_path / "again", files), tz="Asia/Shanghai",
                       lang="C.UTF-8", SQMS_AS_OF=as_of)  # fmt: skip
    one, two = digests(today), digests(again)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


def test_the_as_of_option_of_mkdocs_yml(tmp_path: Path) -> None:
    files = site_files(**project_files())
    files["mkdocs.yml"] = edited(
        files["mkdocs.yml"], "  - sqms\n", "  - sqms:\n      as_of: 2026-11-30\n"
    )
    # The setting comes before SOURCE_DATE_EPOCH (of 31 December), which dates the sitemap.
    site = built_site(write_project(tmp_path / "p", files), tz="UTC", lang="C.UTF-8",
                      SOURCE_DATE_EPOCH=str(as_of_epoch(AFTER)))  # fmt: skip
    assert manifest_as_of(site) == "2026-11-30"
    register = (site / "document-register.html").read_text(encoding="utf-8")
    assert "Reviews are judged as of 2026-11-30." in register
    assert "⚠ review overdue" not in register
    assert gzip_time(site / "sitemap.xml.gz") == as_of_epoch(AFTER)
