"""Shared fixtures: small projects in a temporary folder, the mini project's indicators,
the day register tests are judged on, and the repository's sample site, built once.

The helpers these build on are in :mod:`tests.support`; a new test imports
helpers from there and asks for fixtures from here by name.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks import postgres, warehouse
from sqms.plugin.plugin import _release_build_date
from sqms.project import load_project
from sqms.site.reporting import ReportData
from tests import mini
from tests.support.dates import NOV_24_2026_EPOCH
from tests.support.projects import ProjectFactory, write_project
from tests.support.registers import indicator_report
from tests.support.sites import build_sample, built_once

pytest_plugins = ["tests.diagnostic_recorder"]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def no_build_date_left_behind() -> Iterator[None]:
    """Forget the build date a test's build pinned (``SOURCE_DATE_EPOCH``) once the test ends.

    A build dates the site by its as-of day and keeps that date in the
    environment until the next build of the process, as ``mkdocs serve``
    needs; left in place, it would judge the next test of the same worker as
    of the day this one built.
    """
    yield
    _release_build_date()


@pytest.fixture
def make_project(tmp_path: Path) -> ProjectFactory:
    """Write a project from a mapping of relative paths to file contents (see ``write_project``).

    Each test gets its own folder, so a test may change the files it wrote.
    """

    def factory(files: dict[str, str]) -> Path:
        return write_project(tmp_path, files)

    return factory


@pytest.fixture
def as_of_2026_11_24(monkeypatch: pytest.MonkeyPatch) -> None:
    """Judge every project the test loads as of 2026-11-24 (through ``SOURCE_DATE_EPOCH``).

    The register tests work out ages and overdue days by hand from that day;
    a module asks for it with ``pytestmark = pytest.mark.usefixtures("as_of_2026_11_24")``.
    """
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NOV_24_2026_EPOCH)


@pytest.fixture(scope="session")
def mini_report(tmp_path_factory: pytest.TempPathFactory) -> ReportData:
    """The indicators of the mini project (:mod:`tests.mini`), computed once per session.

    What a register context carries besides registers: the register tests
    analyse their registers next to these indicators. Read it, never change it.
    """
    root = write_project(tmp_path_factory.mktemp("mini"), mini.files())
    return indicator_report(load_project(root, "data", None))


@pytest.fixture(scope="session")
def sample_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's sample site, built strictly once per session; its folder.

    The sample (``mkdocs.yml``, ``manual/``, ``data/`` of the working tree) is
    checked out in a temporary folder with the repository's history and built
    as CI builds it: ``SOURCE_DATE_EPOCH`` is the commit's time, so it is judged
    as of the commit's day (see :func:`tests.support.sites.build_sample`).
    Every test that only reads the built sample shares this build; a test that
    changes the sample or builds it otherwise makes its own (or changes a
    copy). Under pytest-xdist the first worker that needs it builds it in the
    run's folder and the others share it (:func:`tests.support.sites.built_once`).
    A failing build fails every test that uses it.
    """
    if not hasattr(request.config, "workerinput"):  # one process: this session's own folder
        return build_sample(tmp_path_factory.mktemp("sample") / "project")
    run_folder = tmp_path_factory.getbasetemp().parent  # shared by the run's workers
    return built_once(run_folder / "sample", build_sample)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server of this test process, started on first use.

    Its folder is made in the system's temporary folder, which the server's
    user (``postgres``, as root) can reach. Skipped where PostgreSQL's server
    is not installed (``.ci/run`` installs it).
    """
    if postgres.programs() is None:
        pytest.skip("PostgreSQL's server is not installed (Debian: apt-get install postgresql)")
    made = tempfile.TemporaryDirectory(prefix="sqms-test-postgres-")
    with made as folder, postgres.server(Path(folder)) as url:
        yield url


@pytest.fixture
def postgres_database(postgres_server: str, request: pytest.FixtureRequest) -> str:
    """The URL of a new, empty database on :func:`postgres_server`, for one test."""
    name = "t_" + hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:16]
    return postgres.new_database(postgres_server, name)


@pytest.fixture(scope="module")
def sample_on_tables(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """The sample's data twice, from files and from tables: (files' root, tables' root, URL).

    Both without what reads rows one by one (:func:`benchmarks.warehouse.without_row_readers`).
    """
    base = tmp_path_factory.mktemp("tables")
    files, tables = base / "files", base / "tables"
    for root in (files, tables):
        shutil.copytree(ROOT / "data", root / "data")
        shutil.copytree(ROOT / "manual", root / "manual")
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    warehouse.rewrite(tables)
    registers, plan = warehouse.without_row_readers(
        (files / "data" / "registers.yml").read_text("utf-8"),
        (files / "data" / "quality-plan.yml").read_text("utf-8"),
    )
    (files / "data" / "registers.yml").write_text(registers, "utf-8")
    (files / "data" / "quality-plan.yml").write_text(plan, "utf-8")
    url = warehouse.make_warehouse(ROOT / "data", base / "warehouse.duckdb")
    for name in ("tickets.csv", "customers.csv", "surveys.jsonl", "qa_reviews.csv"):
        (tables / "data" / name).unlink()  # the tables are all there is
    return files, tables, url
