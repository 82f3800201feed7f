"""Benchmark what users wait for, on N generated tickets, against the strongest honest baselines.

A project is prepared once per data format: the sample's ``mkdocs.yml``,
``manual/`` and ``data/``, with the service data replaced by ``sqms demo`` at
N tickets (reused while N is unchanged). Then each measurement runs in a fresh
process, ``--repeat`` rounds interleaved so that drift of a busy machine hits
every kind alike, each with its peak memory (RSS):

``read``
    pandas reading every declared file with Arrow's engine, declared columns
    only: the fastest way to hold the same data in memory.
``sqms``
    SQMS loading the project and computing every indicator (what the build
    needs before any page), with a per-phase breakdown, on the engine the
    sample's ``engine: auto`` chooses on this machine (pandas unless the
    data would not fit; the report names it).
``duckdb``
    the same, the indicators computed by the DuckDB engine under a memory
    limit (4 GiB; ``SQMS_BENCH_DUCKDB_MEMORY`` sets another), the results
    equal to pandas'. Its compute time is reported beside pandas'.
``tables``
    the same, the tickets, customers, surveys and QA reviews read from the
    tables of a DuckDB database instead of the files (``connection:`` and
    ``table:``; :mod:`benchmarks.warehouse`), DuckDB under the same memory
    limit: checks, fingerprint, derived columns (business hours included)
    and every indicator computed where the tables are: the indicators of the
    ``sqms`` kind. What reads rows one by one (the service cycle, the
    feedback register, the complaint rate) is left out of this project.
``postgres``
    the ``tables`` kind with the same tables copied into PostgreSQL (a
    server the benchmark starts in a temporary folder and stops; Debian's
    ``postgresql``): everything computed by PostgreSQL. Its peak RSS is
    SQMS's process alone; the server's memory is its own.
``engine``
    SQMS with ``engine: duckdb``, DuckDB reading the service data's files
    itself (a Parquet file where it lies, a CSV file typed a block at a
    time) under the same memory limit; what reads rows one by one is left
    out, as for ``tables``.
``scan``
    DuckDB alone reading every declared ticket column once: the baseline of
    ``engine``.
``bare``
    ``mkdocs build`` of the same manual with the SQMS plugin removed: what a
    plain documentation build of these pages costs.
``build``
    ``mkdocs build --strict`` of the whole project, and the size of its
    largest page and of its search index.
``serve``
    one process, as ``mkdocs serve`` works: a first build, a rebuild with
    nothing changed, a rebuild after a one-line edit of a hand-written page.

Wall-clock seconds are what users wait for and are the verdicts' basis; CPU
seconds are reported alongside. The targets (issue "build at the speed of a
plain docs build") are ratios, so they hold on any machine:

* full build ≤ 1.5 × (bare build + read);
* (SQMS load and compute − read) ÷ read ≤ 1.0;
* rebuild with nothing changed ≤ 1.2 × bare build;
* rebuild after a prose edit ≤ 1.5 × bare build;
* no page over 500 KB.

The report is printed as Markdown and written as JSON to
``<out>/bench-report.json``. Run from the repository:
``python benchmarks/bench.py --tickets 1000000`` (``nox -s bench``).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import importlib
import io
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any, cast

import pandas as pd
import yaml

if not __package__:  # run as a script (nox -s bench): its package importable, as in the tests
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FORMATS = ("csv", "parquet")
KINDS = (
    "read", "sqms", "duckdb", "tables", "postgres", "engine", "scan", "bare", "build", "serve",
)  # fmt: skip
DUCKDB_MEMORY = "4GiB"
"""The DuckDB engine's memory limit in the benchmark (``SQMS_BENCH_DUCKDB_MEMORY`` sets another)."""
MARKER = "bench-tickets.txt"
WAREHOUSE = "warehouse.duckdb"
"""The database of the ``tables`` kind, beside its project."""
REPORT = "bench-report.json"
PROJECT_PARTS = ("mkdocs.yml", "manual", "data")
SQMS_PLUGIN = "sqms"
PROSE_PAGE = "quality-manual.md"
"""The hand-written page the prose-edit rebuild changes (one line appended)."""
SERVE_URL = "http://127.0.0.1:8000/"
PAGE_LIMIT_KB = 500.0
TOP = 20
LOAD_PHASES = frozenset({"read", "coerce", "check", "derive"})
Run = dict[str, Any]


# --- targets -------------------------------------------------------------------------------

TARGETS: dict[str, tuple[str, float]] = {
    "build": ("full build ÷ (bare build + read)", 1.5),
    "compute": ("(SQMS load and compute − read) ÷ read", 1.0),
    "unchanged": ("rebuild, nothing changed ÷ bare build", 1.2),
    "prose": ("rebuild after a prose edit ÷ bare build", 1.5),
}
"""Each ratio the benchmark judges: what it divides, and the most it may be."""


def ratios(medians: dict[str, float]) -> dict[str, float | None]:
    """Each target's ratio from the median wall-clock seconds of the measured kinds.

    A ratio whose measurements were not taken (``--only``) is None.
    """
    got = medians.get
    read, bare = got("read"), got("bare")
    found: dict[str, float | None] = dict.fromkeys(TARGETS)
    if read and bare and got("build") is not None:
        found["build"] = cast(float, got("build")) / (bare + read)
    if read and got("sqms") is not None:
        found["compute"] = (cast(float, got("sqms")) - read) / read
    if bare and got("unchanged") is not None:
        found["unchanged"] = cast(float, got("unchanged")) / bare
    if bare and got("prose") is not None:
        found["prose"] = cast(float, got("prose")) / bare
    return found


# --- measuring inside a child process ------------------------------------------------------


def _describe_derive(derive: Any) -> str:
    """``business_hours(created_at, resolved_at)``: a derived column by what it computes."""
    pair = derive.hours or derive.business_hours
    return f"{derive.kind}({', '.join(pair) if pair else derive.map or derive.expr})"


_PROBES: tuple[tuple[str, str, str, Callable[..., str]], ...] = (
    ("sqms.engine.datasets", "read_table", "read", lambda *a: a[1]),
    ("sqms.engine.typed_frame", "coerce_column", "coerce", lambda *a: a[3].display),
    ("sqms.engine.typed_frame", "check_rules", "check", lambda *a: a[3].display),
    ("sqms.engine.derive", "_derive_one", "derive", lambda *a: _describe_derive(a[1])),
    ("sqms.engine.compute", "_compute_one", "indicator", lambda *a: a[0].id),
    ("sqms.engine.compute", "_composite", "indicator", lambda *a: a[0].id),
    ("sqms.engine.compute", "_finish", "indicator", lambda *a: a[0].id),
)
"""Core functions timed for the breakdown, and how to name a call: (module, function,
phase, label). Wrapping costs one clock read per call, a few dozen calls a run."""


def _install_probes(phases: dict[str, float]) -> None:
    """Wrap each probed function so its time adds up in ``phases["<phase> <label>"]``."""
    for module_name, name, phase, label in _PROBES:
        module = importlib.import_module(module_name)
        original = getattr(module, name)

        def timed(*args: Any, _f: Any = original, _p: str = phase, _l: Any = label) -> Any:
            start = time.perf_counter()
            try:
                return _f(*args)
            finally:
                key = f"{_p} {_l(*args)}"
                phases[key] = phases.get(key, 0.0) + time.perf_counter() - start

        setattr(module, name, timed)


def _peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """The resident-memory high-water mark of this process or of its children, in MB.

    Linux keeps a process's ``ru_maxrss`` across ``exec``: a measurement
    started by a parent that once held a large frame (the generated data)
    would report the parent's peak. Its own is ``VmHWM``, which belongs to
    the memory the process has since ``exec``.
    """
    if who == resource.RUSAGE_SELF:
        status = Path("/proc/self/status")
        if status.is_file():
            for line in status.read_text(encoding="ascii").splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 2**10
    peak = resource.getrusage(who).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 2**10)


def _cpu_seconds() -> float:
    """User and system CPU seconds of this process and its finished children."""
    mine, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return mine.ru_utime + mine.ru_stime + kids.ru_utime + kids.ru_stime


@contextmanager
def _clock(into: Run, key: str) -> Iterator[None]:
    """Record the wall-clock and CPU seconds of the block as ``into[key]``, ``into[key+"_cpu"]``."""
    wall, cpu = time.perf_counter(), _cpu_seconds()
    yield
    into[key] = time.perf_counter() - wall
    into[f"{key}_cpu"] = _cpu_seconds() - cpu


def declared_columns(data: Path) -> dict[str, list[str]]:
    """Every file ``datasets.yml`` declares, with the columns declared for it."""
    spec = yaml.safe_load((data / "datasets.yml").read_text(encoding="utf-8"))
    return {str(d["file"]): [str(c) for c in d["columns"]] for d in spec["datasets"].values()}


def arrow_read(path: Path, columns: list[str]) -> pd.DataFrame:
    """pandas with Arrow's engine, the declared columns only: the fastest honest reader."""
    if path.suffix == ".parquet":
        return pd.read_parquet(path, columns=columns)
    if path.suffix == ".jsonl":
        frame = pd.read_json(path, lines=True, engine="pyarrow")
        return frame[[c for c in columns if c in frame.columns]]
    return pd.read_csv(path, engine="pyarrow", usecols=columns)


def child_read(root: Path) -> Run:
    """Time the Arrow read of every declared file; all frames stay held, as SQMS holds them."""
    data, files, rows, frames = root / "data", {}, {}, []
    run: Run = {}
    with _clock(run, "seconds"):
        for name, columns in declared_columns(data).items():
            start = time.perf_counter()
            frame = arrow_read(data / name, columns)
            files[name] = time.perf_counter() - start
            frames.append(frame)
            rows[name] = len(frame)
    return {**run, "files": files, "rows": rows, "rss_mb": _peak_rss_mb()}


def child_sqms(root: Path) -> Run:
    """Time ``load_project`` and ``compute_results``, with the per-phase breakdown."""
    from sqms.project import compute_results, load_project

    phases: dict[str, float] = {}
    _install_probes(phases)
    run: Run = {}
    with _clock(run, "seconds"):
        with _clock(run, "load"):
            project = load_project(root)
        if not project.ok:
            raise SystemExit("\n".join(d.format() for d in project.report.errors))
        with _clock(run, "compute"):
            results = compute_results(project)
    assert project.catalog is not None
    engine = project.catalog.engine
    return {**run, "results": len(results), "engine": engine, "phases": phases,
            "rss_mb": _peak_rss_mb()}  # fmt: skip


def child_duckdb(root: Path) -> Run:
    """Time ``load_project`` and the computation on the DuckDB engine, with its memory limit.

    The limit bounds DuckDB's own memory; the peak RSS also holds the loaded
    datasets, which the engine reads from pandas.
    """
    from sqms.engine.compute import compute
    from sqms.engine.sql.engine import open_engine
    from sqms.engine.sql.files import FILES
    from sqms.project import load_project
    from sqms.schema.datasets import EngineSpec

    limit = os.environ.get("SQMS_BENCH_DUCKDB_MEMORY", DUCKDB_MEMORY)
    run: Run = {}
    with _clock(run, "seconds"):
        with _clock(run, "load"):
            project = load_project(root)
        if not project.ok or project.plan is None or project.catalog is None:
            raise SystemExit("\n".join(d.format() for d in project.report.errors))
        spec = EngineSpec(name="duckdb", memory_limit=limit)
        files = project.catalog.connections.get(FILES)  # compute on it too, as a build does
        with _clock(run, "compute"), open_engine(spec, files) as engine:
            results = compute(project.plan, project.catalog, engine)
    return {**run, "results": len(results), "memory_limit": limit, "rss_mb": _peak_rss_mb()}


def tables_root(root: Path) -> Path:
    """The variant at ``root``, its service data in a DuckDB database (:func:`prepare_tables`)."""
    return root.parent / f"{root.name}-tables"


def prepare_tables(root: Path) -> Path:
    """The variant at ``root`` copied, its service data put in tables (remade when it changed)."""
    from benchmarks import warehouse

    tables = tables_root(root)
    marker = (root / MARKER).read_text(encoding="utf-8") if (root / MARKER).is_file() else ""
    made = tables / MARKER
    if not made.is_file() or made.read_text(encoding="utf-8") != marker:
        shutil.rmtree(tables, ignore_errors=True)
        _say(f"copying the service data of {root} into tables of {tables / WAREHOUSE} …")
        tables.mkdir(parents=True)
        warehouse.make_warehouse(root / "data", tables / WAREHOUSE)
        made.write_text(marker, encoding="utf-8")
    for name in ("manual", "data"):
        shutil.rmtree(tables / name, ignore_errors=True)
        in_tables = shutil.ignore_patterns(*(f"{dataset}.*" for dataset in warehouse.TABLES))
        shutil.copytree(root / name, tables / name, ignore=in_tables)
    shutil.copy(root / "mkdocs.yml", tables / "mkdocs.yml")
    warehouse.rewrite(tables)
    return tables


def child_tables(root: Path) -> Run:
    """:func:`child_sqms` on the variant whose service data is in tables (:func:`prepare_tables`).

    DuckDB's memory limit (the URL's ``memory_limit``) is the ``duckdb`` kind's.
    The peak RSS is the whole process: DuckDB's memory and the rest of SQMS.
    """
    from benchmarks import warehouse

    limit = os.environ.get("SQMS_BENCH_DUCKDB_MEMORY", DUCKDB_MEMORY)
    tables = tables_root(root)
    os.environ[warehouse.VARIABLE] = f"duckdb://{tables / WAREHOUSE}?memory_limit={limit}"
    return {**child_sqms(tables), "memory_limit": limit}


POSTGRES_URL = "postgres.url"
"""The file beside the tables' database naming the PostgreSQL database holding their copy."""


@contextmanager
def postgres_copies(roots: Iterable[Path]) -> Iterator[None]:
    """A PostgreSQL server while the measurements run, holding each variant's tables.

    The ``tables`` variant's DuckDB database is copied into a database of its
    own, whose URL is written beside it for the children (:func:`child_postgres`).
    """
    import tempfile

    from benchmarks import postgres

    made = tempfile.TemporaryDirectory(prefix="sqms-bench-postgres-")
    with made as folder, postgres.server(Path(folder)) as url:
        for number, root in enumerate(roots):
            tables = prepare_tables(root)
            _say(f"copying the tables of {tables / WAREHOUSE} into PostgreSQL …")
            copy = postgres.new_database(url, f"bench_{number}")
            postgres.copy_from_duckdb(tables / WAREHOUSE, copy)
            (tables / POSTGRES_URL).write_text(copy, encoding="utf-8")
        yield


def child_postgres(root: Path) -> Run:
    """:func:`child_sqms` on the tables' variant read from PostgreSQL (:func:`postgres_copies`)."""
    from benchmarks import warehouse

    tables = tables_root(root)
    os.environ[warehouse.VARIABLE] = (tables / POSTGRES_URL).read_text(encoding="utf-8")
    return child_sqms(tables)


def engine_root(root: Path) -> Path:
    """The variant at ``root`` computed by DuckDB (:func:`prepare_engine`)."""
    return root.parent / f"{root.name}-engine"


def prepare_engine(root: Path) -> Path:
    """The variant at ``root`` with ``engine: duckdb`` and its memory limit, remade every run.

    The data files are hard links to the variant's, not copies. What reads
    the tickets row by row in memory (the service cycle, the complaint rate,
    the feedback register) is left out, as for the ``tables`` kind: with
    it, pandas would read the tickets too.
    """
    from benchmarks import warehouse

    engine = engine_root(root)
    shutil.rmtree(engine, ignore_errors=True)
    shutil.copytree(root / "manual", engine / "manual")
    shutil.copytree(root / "data", engine / "data", copy_function=os.link)
    shutil.copy(root / "mkdocs.yml", engine / "mkdocs.yml")
    data = engine / "data"
    for name in ("datasets.yml", "registers.yml", "quality-plan.yml"):  # edited: not linked
        text = (data / name).read_text(encoding="utf-8")
        (data / name).unlink()
        (data / name).write_text(text, encoding="utf-8")
    spec = yaml.safe_load((data / "datasets.yml").read_text(encoding="utf-8"))
    limit = os.environ.get("SQMS_BENCH_DUCKDB_MEMORY", DUCKDB_MEMORY)
    spec["engine"] = {"name": "duckdb", "memory_limit": limit}
    text = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)
    (data / "datasets.yml").write_text(text, encoding="utf-8")
    registers, plan = data / "registers.yml", data / "quality-plan.yml"
    kept = warehouse.without_row_readers(registers.read_text("utf-8"), plan.read_text("utf-8"))
    registers.write_text(kept[0], "utf-8")
    plan.write_text(kept[1], "utf-8")
    return engine


def child_engine(root: Path) -> Run:
    """:func:`child_sqms` on the variant that chooses DuckDB (:func:`prepare_engine`).

    A Parquet or CSV file is then read by DuckDB itself, within the memory limit;
    the peak RSS is the whole process.
    """
    limit = os.environ.get("SQMS_BENCH_DUCKDB_MEMORY", DUCKDB_MEMORY)
    return {**child_sqms(engine_root(root)), "memory_limit": limit}


def child_scan(root: Path) -> Run:
    """The baseline of the ``engine`` kind: DuckDB alone reading every declared ticket column once.

    Each value is hashed, under the same memory limit, so that every column
    is decoded in full; nothing is checked or computed.
    """
    import duckdb

    limit = os.environ.get("SQMS_BENCH_DUCKDB_MEMORY", DUCKDB_MEMORY)
    spec = yaml.safe_load((root / "data" / "datasets.yml").read_text(encoding="utf-8"))
    path = root / "data" / spec["datasets"]["tickets"]["file"]
    columns = declared_columns(root / "data")[path.name]
    reader = "read_parquet" if path.suffix == ".parquet" else "read_csv"
    hashed = ", ".join(f'"{c}"' for c in columns)
    run: Run = {}
    with _clock(run, "seconds"), duckdb.connect(config={"memory_limit": limit}) as connection:
        query = f"SELECT count(*), sum(hash({hashed})) FROM {reader}(?)"  # noqa: S608
        rows = connection.execute(query, [str(path)]).fetchone()
    return {**run, "rows": rows[0] if rows else 0, "rss_mb": _peak_rss_mb()}


def bare_config(root: Path) -> Path:
    """A copy of the project's ``mkdocs.yml`` without the SQMS plugin, beside it."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    plugins = config.get("plugins", [])
    config["plugins"] = [p for p in plugins if p != SQMS_PLUGIN and SQMS_PLUGIN not in p]
    path = root / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return path


def _mkdocs(args: list[str], root: Path) -> None:
    """Run the ``mkdocs`` command in ``root``; a failed build stops the benchmark."""
    command = [sys.executable, "-m", "mkdocs", *args, "--quiet"]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SystemExit(f"mkdocs {' '.join(args)} in {root} failed:\n{done.stderr[-4000:]}")


def child_bare(root: Path) -> Run:
    """Time a plain ``mkdocs build`` of the manual, SQMS plugin removed (not strict)."""
    config, site = bare_config(root), root / "site-bare"
    run: Run = {}
    with _clock(run, "seconds"):
        _mkdocs(["build", "-f", config.name, "--site-dir", str(site)], root)
    return {**run, "rss_mb": _peak_rss_mb(resource.RUSAGE_CHILDREN)}


def largest_pages(site: Path, count: int = 5) -> list[dict[str, Any]]:
    """The ``count`` largest HTML pages of a built site, with their size in KB."""
    pages = sorted(site.rglob("*.html"), key=lambda p: -p.stat().st_size)[:count]
    return [{"page": p.relative_to(site).as_posix(), "kb": p.stat().st_size / 1024} for p in pages]


def child_build(root: Path) -> Run:
    """Time ``mkdocs build --strict`` of the whole project; the largest pages and search index."""
    site = root / "site"
    run: Run = {}
    with _clock(run, "seconds"):
        _mkdocs(["build", "--strict", "--site-dir", str(site)], root)
    index = site / "search" / "search_index.json"
    search_kb = index.stat().st_size / 1024 if index.is_file() else 0.0
    return {
        **run,
        "rss_mb": _peak_rss_mb(resource.RUSAGE_CHILDREN),
        "largest": largest_pages(site),
        "search_index_kb": search_kb,
    }


def child_serve(root: Path) -> Run:
    """One process as ``mkdocs serve``: first build, nothing changed, one prose line changed.

    As ``mkdocs serve`` does, the configuration is loaded again for every
    rebuild while plugin instances that keep state (``on_startup``) live on.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site, page = root / "site-serve", root / "manual" / PROSE_PAGE
    original = page.read_text(encoding="utf-8")

    def rebuild(first: bool = False) -> None:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
        if first:
            config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=False)

    run: Run = {}
    try:
        with _clock(run, "first"):
            rebuild(first=True)
        with _clock(run, "unchanged"):
            rebuild()
        page.write_text(original + "\nOne line added by the benchmark.\n", encoding="utf-8")
        with _clock(run, "prose"):
            rebuild()
    finally:
        page.write_text(original, encoding="utf-8")
    return {**run, "seconds": run["first"], "rss_mb": _peak_rss_mb()}


def child_profile(root: Path) -> Run:
    """The 25 costliest calls (cumulative) of a whole build, under cProfile."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site-prof"))
    config.plugins.on_startup(command="build", dirty=False)
    profiler = cProfile.Profile()
    profiler.enable()
    build(config)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).strip_dirs().sort_stats("cumulative").print_stats(25)
    return {"profile": text.getvalue().strip()}


CHILDREN: dict[str, Callable[[Path], Run]] = {
    "read": child_read,
    "sqms": child_sqms,
    "duckdb": child_duckdb,
    "tables": child_tables,
    "postgres": child_postgres,
    "engine": child_engine,
    "scan": child_scan,
    "bare": child_bare,
    "build": child_build,
    "serve": child_serve,
    "profile": child_profile,
}


# --- preparing and driving -----------------------------------------------------------------


def prepare(out: Path, fmt: str, tickets: int, project: Path, *, fresh: bool = False) -> Path:
    """The project of one variant: the sample's manual and data, service data at N tickets.

    The generated service data is reused while N is unchanged; the manual, the
    configuration and every hand-kept data file are copied afresh each run.
    """
    from benchmarks import large_parquet
    from sqms.demo import write_demo_data

    root, marker = out / fmt, out / fmt / MARKER
    data = root / "data"
    known = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    generate = fresh or known != str(tickets)
    if generate:
        shutil.rmtree(root, ignore_errors=True)
    _copy_project(project, root, keep_generated=not generate)
    if generate:
        _say(f"generating {tickets:,} tickets ({fmt}) into {data} …")
        for stale in ("tickets.csv", "tickets.parquet"):
            (data / stale).unlink(missing_ok=True)
        if fmt == "parquet" and tickets > large_parquet.PART:
            large_parquet.write_large_sample(data, tickets, say=_say)
        else:
            write_demo_data(data, tickets=tickets, fmt=fmt)
        marker.write_text(f"{tickets}\n", encoding="utf-8")
    if fmt == "parquet":
        spec = yaml.safe_load((data / "datasets.yml").read_text(encoding="utf-8"))
        spec["datasets"]["tickets"]["file"] = "tickets.parquet"
        text = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)
        (data / "datasets.yml").write_text(text, encoding="utf-8")
    return root


GENERATED = frozenset(
    {"tickets.csv", "surveys.jsonl", "customers.csv", "qa_reviews.csv", "complaints.csv"}
)
"""Data files ``sqms demo`` writes: kept from the generated sample, not copied over it."""


def _copy_project(project: Path, root: Path, *, keep_generated: bool) -> None:
    """Copy the sample's configuration, manual and data files into ``root``.

    With ``keep_generated``, the service data generated earlier stays as it is.
    """
    root.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source, target = project / part, root / part
        if source.is_file():
            shutil.copyfile(source, target)
            continue
        for path in source.rglob("*"):
            keep = keep_generated and part == "data" and path.name in GENERATED
            if path.is_file() and "__pycache__" not in path.parts and not keep:
                copy = target / path.relative_to(source)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, copy)


def _spawn(kind: str, root: Path) -> Run:
    """Run one measurement in a fresh interpreter; its JSON result is the last stdout line."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--out", str(root)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"the {kind} measurement of {root} failed (exit {done.returncode})")
    return cast(Run, json.loads(done.stdout.strip().splitlines()[-1]))


def _measure(roots: dict[str, Path], kinds: tuple[str, ...], repeat: int) -> dict[str, Any]:
    """Each variant's runs of each kind, ``repeat`` rounds interleaved so drift hits all alike."""
    runs: dict[str, dict[str, list[Run]]] = {fmt: {kind: [] for kind in kinds} for fmt in roots}
    for number in range(1, repeat + 1):
        for fmt, root in roots.items():
            for kind in kinds:
                result = _spawn(kind, root)
                runs[fmt][kind].append(result)
                _say(f"{fmt} {number}/{repeat}: {kind} {result['seconds']:.2f} s")
    return runs


# --- summarising ---------------------------------------------------------------------------


def _stat(values: Iterable[float]) -> dict[str, float]:
    """Median and minimum: the typical run, and the least disturbed one."""
    numbers = list(values)
    return {"median": statistics.median(numbers), "min": min(numbers)}


def _breakdown(runs: list[Run]) -> list[dict[str, Any]]:
    """Median seconds per probed call site, plus what the probes leave out, costliest first."""
    keys = sorted({key for run in runs for key in run["phases"]})
    rows = {key: statistics.median(run["phases"].get(key, 0.0) for run in runs) for key in keys}
    loading = sum(s for key, s in rows.items() if key.split(" ")[0] in LOAD_PHASES)
    computing = sum(s for key, s in rows.items() if key.split(" ")[0] == "indicator")
    rows["load other: YAML, plan, frame assembly"] = (
        statistics.median(r["load"] for r in runs) - loading
    )
    rows["compute other: concatenating, sorting results"] = (
        statistics.median(r["compute"] for r in runs) - computing
    )
    ordered = sorted(rows.items(), key=lambda item: -item[1])
    return [
        {"phase": key.split(" ", 1)[0], "what": key.split(" ", 1)[1], "seconds": seconds}
        for key, seconds in ordered
    ]


STEPS: dict[str, tuple[str, str]] = {
    "read": ("read", "seconds"),
    "sqms": ("sqms", "seconds"),
    "compute": ("sqms", "compute"),
    "duckdb": ("duckdb", "seconds"),
    "duckdb_compute": ("duckdb", "compute"),
    "tables": ("tables", "seconds"),
    "tables_load": ("tables", "load"),
    "tables_compute": ("tables", "compute"),
    "postgres": ("postgres", "seconds"),
    "postgres_load": ("postgres", "load"),
    "postgres_compute": ("postgres", "compute"),
    "engine": ("engine", "seconds"),
    "engine_load": ("engine", "load"),
    "engine_compute": ("engine", "compute"),
    "scan": ("scan", "seconds"),
    "bare": ("bare", "seconds"),
    "build": ("build", "seconds"),
    "first": ("serve", "first"),
    "unchanged": ("serve", "unchanged"),
    "prose": ("serve", "prose"),
}
"""Each reported step: the kind of run it comes from, and its key in that run."""


def summarise(runs: dict[str, list[Run]]) -> dict[str, Any]:
    """Median and minimum wall-clock and CPU seconds of every step, the ratios and verdicts."""
    steps: dict[str, Any] = {}
    for step, (kind, key) in STEPS.items():
        if runs.get(kind):
            steps[step] = {
                "wall": _stat(r[key] for r in runs[kind]),
                "cpu": _stat(r[f"{key}_cpu"] for r in runs[kind]),
                "rss_mb": max(r["rss_mb"] for r in runs[kind]),
            }
    found = ratios({step: s["wall"]["median"] for step, s in steps.items()})
    on_cpu = ratios({step: s["cpu"]["median"] for step, s in steps.items()})
    variant: dict[str, Any] = {"steps": steps, "ratios": found, "ratios_cpu": on_cpu}
    variant["verdicts"] = {
        name: None if value is None else value <= TARGETS[name][1] for name, value in found.items()
    }
    if runs.get("read"):
        first = runs["read"][0]
        variant["files"] = {
            name: {**_stat(r["files"][name] for r in runs["read"]), "rows": first["rows"][name]}
            for name in first["files"]
        }
    if runs.get("sqms"):
        variant["results"] = runs["sqms"][0]["results"]
        variant["engine_chosen"] = runs["sqms"][0]["engine"]
        variant["breakdown"] = _breakdown(runs["sqms"])
    if runs.get("duckdb"):
        first = runs["duckdb"][0]
        variant["duckdb"] = {"results": first["results"], "memory_limit": first["memory_limit"]}
    for kind in ("tables", "postgres"):  # the same tables, read where each engine keeps them
        if runs.get(kind):
            variant[kind] = {"results": runs[kind][0]["results"]}
    if runs.get("engine"):
        first = runs["engine"][0]
        variant["engine"] = {"results": first["results"], "memory_limit": first["memory_limit"]}
    if runs.get("scan"):
        variant["scan"] = {"rows": runs["scan"][0]["rows"]}
    if runs.get("build"):
        last = runs["build"][-1]
        largest = last["largest"][0]["kb"] if last["largest"] else 0.0
        variant.update(largest=last["largest"], search_index_kb=last["search_index_kb"])
        variant["verdicts"]["pages"] = largest <= PAGE_LIMIT_KB
    return variant


def machine() -> dict[str, Any]:
    """The facts needed to compare reports between machines."""
    libraries = ("pandas", "numpy", "pyarrow", "mkdocs", "mkdocs-material", "altair")
    return {
        "cpus": os.cpu_count(),
        "processor": platform.processor() or _cpu_model(),
        "machine": platform.machine(),
        "system": platform.system(),
        "python": platform.python_version(),
        **{lib: version(lib) for lib in libraries},
    }


def _cpu_model() -> str:
    """The CPU model from ``/proc/cpuinfo`` (where ``platform.processor()`` is empty: Linux)."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text(encoding="utf-8").splitlines() if cpuinfo.is_file() else []
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return models[0] if models else "unknown"


# --- the report ----------------------------------------------------------------------------


def _table(head: str, rows: list[list[str]]) -> list[str]:
    """A Markdown table; ``head`` is ``"name|>number|…"`` (``>`` aligns right)."""
    names = head.split("|")
    rule = "|".join("--:" if n.startswith(">") else "---" for n in names)
    lines = ["| " + " | ".join(n.lstrip(">") for n in names) + " |", f"|{rule}|"]
    return ["", *lines, *("| " + " | ".join(row) + " |" for row in rows), ""]


def _s(stat: dict[str, float]) -> str:
    return f"{stat['median']:.2f} ({stat['min']:.2f})"


STEP_NAMES = {
    "read": "pandas read, Arrow engine, declared columns",
    "sqms": "SQMS load and compute",
    "compute": "… of which compute (pandas)",
    "duckdb": "SQMS load and compute, DuckDB engine",
    "duckdb_compute": "… of which compute (DuckDB)",
    "tables": "SQMS load and compute, data in DuckDB tables",
    "tables_load": "… of which load: checks, fingerprint, derived columns",
    "tables_compute": "… of which compute (where the tables are)",
    "postgres": "SQMS load and compute, the same tables in PostgreSQL",
    "postgres_load": "… of which load: checks, fingerprint, derived columns",
    "postgres_compute": "… of which compute (by PostgreSQL)",
    "engine": "SQMS load and compute, `engine: duckdb` (reads the files itself)",
    "engine_load": "… of which load: typing, checks, derived columns",
    "engine_compute": "… of which compute (DuckDB)",
    "scan": "DuckDB alone: every declared ticket column read once",
    "bare": "bare `mkdocs build` (plugin removed)",
    "build": "full `mkdocs build --strict`",
    "first": "serve: first build",
    "unchanged": "serve: rebuild, nothing changed",
    "prose": "serve: rebuild after a prose edit",
}


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("met" if ok else "**missed**")


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: per variant the steps, the ratios, the pages and hot spots."""
    m = report["machine"]
    lines = [
        f"# SQMS benchmark: {report['tickets']:,} tickets",
        "",
        f"{m['cpus']} CPUs, {m['processor']} ({m['machine']}, {m['system']}); Python "
        f"{m['python']}, pandas {m['pandas']}, pyarrow {m['pyarrow']}, mkdocs {m['mkdocs']}, "
        f"mkdocs-material {m['mkdocs-material']}. {report['repeat']} interleaved rounds, "
        "each measurement in a fresh process; seconds as median (min). Ratios and verdicts "
        "are on the wall-clock medians; the same ratios on CPU seconds are shown beside "
        "them, steadier on a busy machine.",
    ]
    for fmt, v in report["variants"].items():
        lines.append(f"## {fmt}")
        rows = [
            [STEP_NAMES[step], _s(s["wall"]), _s(s["cpu"]), f"{s['rss_mb']:,.0f} MB"]
            for step, s in v["steps"].items()
        ]
        lines += _table("step|>wall s|>CPU s|>peak RSS", rows)
        rows = [
            [what, _ratio(v["ratios"][name]), f"≤ {limit:g}", _verdict(v["verdicts"][name]),
             _ratio(v["ratios_cpu"][name])]
            for name, (what, limit) in TARGETS.items()
        ]  # fmt: skip
        if "largest" in v:
            top = v["largest"][0] if v["largest"] else {"page": "—", "kb": 0.0}
            verdict = _verdict(v["verdicts"]["pages"])
            rows.append([f"largest page: `{top['page']}`", f"{top['kb']:,.0f} KB",
                         f"≤ {PAGE_LIMIT_KB:g} KB", verdict, ""])  # fmt: skip
            rows.append(["search index", f"{v['search_index_kb']:,.0f} KB", "", "", ""])
        lines += _table("target|>measured (wall)|>limit|verdict|>on CPU seconds", rows)
        if "files" in v:
            rows = [[n, f"{f['rows']:,}", _s(f)] for n, f in v["files"].items()]
            lines += _table("file read|>rows|>seconds", rows)
        if "engine_chosen" in v:
            lines += [f"SQMS computed with {v['engine_chosen']} (`engine: auto`).", ""]
        if "breakdown" in v:
            lines.append(f"### where SQMS load and compute spend their time (top {TOP})")
            rows = [[b["phase"], b["what"], f"{b['seconds']:.2f}"] for b in v["breakdown"][:TOP]]
            lines += _table("phase|what|>seconds", rows)
        if "profile" in v:
            lines += ["### cProfile of a full build, top 25 cumulative", "", "```", v["profile"]]
            lines += ["```", ""]
    return "\n".join(lines)


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Prepare the variants, measure them, write ``bench-report.json`` and return the report."""
    out, project = Path(args.out), Path(args.project)
    formats = FORMATS if args.format == "both" else (args.format,)
    kinds = tuple(k for k in KINDS if k in args.only) if args.only else KINDS
    roots = {fmt: prepare(out, fmt, args.tickets, project, fresh=args.fresh) for fmt in formats}
    for root in roots.values() if "tables" in kinds else ():
        prepare_tables(root)
    for root in roots.values() if "engine" in kinds else ():
        prepare_engine(root)
    with postgres_copies(roots.values()) if "postgres" in kinds else contextlib.nullcontext():
        runs = _measure(roots, kinds, args.repeat)
    variants = {fmt: summarise(r) for fmt, r in runs.items()}
    for fmt, root in roots.items() if args.profile else ():
        variants[fmt]["profile"] = _spawn("profile", root)["profile"]
    report = {"tickets": args.tickets, "repeat": args.repeat, "kinds": list(kinds)}
    report.update(
        targets={name: limit for name, (_, limit) in TARGETS.items()},
        page_limit_kb=PAGE_LIMIT_KB,
        machine=machine(),
        variants=variants,
    )
    (out / REPORT).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def sample_tickets(project: Path) -> int:
    """How many tickets the project's own sample holds (0 when it has none).

    The hand-kept registers copied from it (actions, audits) name its
    complaints, which ``sqms demo`` writes only at this size or more.
    """
    path = project / "data" / "tickets.csv"
    if not path.is_file():
        return 0
    with path.open("rb") as rows:
        return max(0, sum(1 for _ in rows) - 1)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    about = "Time what SQMS users wait for on N tickets, against a bare build and an Arrow read."
    parser = argparse.ArgumentParser(prog="python benchmarks/bench.py", description=about)
    parser.add_argument("--tickets", type=int, default=1_000_000, help="tickets to generate")
    parser.add_argument("--out", default="bench-data", help="work folder (default: bench-data)")
    parser.add_argument("--format", choices=[*FORMATS, "both"], default="csv")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--only", nargs="+", choices=KINDS, help="measure only these kinds")
    parser.add_argument("--fresh", action="store_true", help="regenerate the sample data")
    parser.add_argument("--profile", action="store_true", help="add a cProfile of a build")
    parser.add_argument("--project", default=".", help="the project whose manual and data to use")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    least = 0 if args.child else sample_tickets(Path(args.project))
    if args.tickets < least:
        parser.error(
            f"--tickets {args.tickets:,} is fewer than the sample's own {least:,} tickets: "
            "its registers name complaints that only exist from that size on"
        )
    return args


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: a child measurement (internal), or the whole benchmark."""
    args = _arguments(argv)
    if args.child:
        print(json.dumps(CHILDREN[args.child](Path(args.out))))
        return 0
    print(markdown(run(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
