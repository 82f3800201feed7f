"""Benchmark the sample plan on N generated tickets against plain pandas reading the same files.

The performance target of SQMS: computing every indicator of the sample plan
costs at most 1× the time pandas needs only to read the data, on top of that
read. The sample is generated once (tickets as CSV and as Parquet) and reused.
Each measurement runs in a fresh process, so runs share neither memory nor
caches, and reports its peak memory: pandas reading every declared file with
default options (the baseline of the target), pandas reading them with the
quicker of its parsers per file (a stricter baseline, reported alongside), and
SQMS loading the project and computing the plan. The report is printed as
Markdown and written as JSON to ``<out>/bench-report.json``.

Run from a project folder: ``python benchmarks/bench.py --tickets 1000000``.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import io
import json
import operator
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any, cast

import pandas as pd
import yaml

FORMATS = ("csv", "parquet")
TARGET = 1.0
"""The most SQMS may cost on top of the pandas read, as a multiple of that read."""
MARKER = "bench-tickets.txt"
REPORT = "bench-report.json"
PLAN_FILES = ("datasets.yml", "quality-plan.yml")
TOP = 20
LOAD_PHASES = frozenset({"read", "coerce", "check", "derive"})
Run = dict[str, Any]


def _describe_derive(derive: Any) -> str:
    """``business_hours(created_at, resolved_at)``: a derived column by what it computes."""
    pair = derive.hours or derive.business_hours
    return f"{derive.kind}({', '.join(pair) if pair else derive.map or derive.expr})"


_PROBES: tuple[tuple[str, str, str, Callable[..., str]], ...] = (
    ("sqms.engine.datasets", "read_table", "read", lambda *a: a[1]),
    ("sqms.engine.datasets", "coerce_column", "coerce", lambda *a: a[3].display),
    ("sqms.engine.datasets", "check_rules", "check", lambda *a: a[3].display),
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


def _peak_rss_mb() -> float:
    """This process's resident-memory high-water mark (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (2**20 if sys.platform == "darwin" else 2**10)


def _declared_files(data: Path) -> list[str]:
    """The file of every dataset ``datasets.yml`` declares."""
    spec = yaml.safe_load((data / "datasets.yml").read_text(encoding="utf-8"))
    return [str(dataset["file"]) for dataset in spec["datasets"].values()]


def _pandas_read(path: Path, engine: str | None = None) -> pd.DataFrame:
    """Plain pandas, with default options (the baseline of the target) or another ``engine``."""
    options: dict[str, Any] = {} if engine is None else {"engine": engine}
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".jsonl":
        return pd.read_json(path, lines=True, **options)
    return pd.read_csv(path, **options)


def _timed_read(path: Path, engine: str | None) -> tuple[float, pd.DataFrame]:
    start = time.perf_counter()
    frame = _pandas_read(path, engine)
    return time.perf_counter() - start, frame


def child_read(root: Path, *, fastest: bool = False) -> Run:
    """Time pandas reading every declared file; all frames stay held, as SQMS holds them.

    ``fastest``: each text file is read with the default parser and with Arrow's
    (``engine="pyarrow"``), and the quicker read counts. Neither wins everywhere:
    Arrow's is far faster on JSON Lines, the default can be faster on CSV.
    """
    data, files, rows, frames = root / "data", {}, {}, []
    for name in _declared_files(data):
        engines = [None, "pyarrow"] if fastest and not name.endswith(".parquet") else [None]
        reads = (_timed_read(data / name, engine) for engine in engines)
        files[name], frame = min(reads, key=operator.itemgetter(0))
        frames.append(frame)
        rows[name] = len(frame)
    return {"seconds": sum(files.values()), "files": files, "rows": rows, "rss_mb": _peak_rss_mb()}


def child_sqms(root: Path) -> Run:
    """Time ``load_project`` and ``compute_results``, with the per-phase breakdown."""
    from sqms.project import compute_results, load_project

    phases: dict[str, float] = {}
    _install_probes(phases)
    start = time.perf_counter()
    project = load_project(root)
    loaded = time.perf_counter()
    if not project.ok:
        raise SystemExit("\n".join(d.format() for d in project.report.errors))
    results = compute_results(project)
    done = time.perf_counter()
    times = {"load": loaded - start, "compute": done - loaded, "seconds": done - start}
    return {**times, "results": len(results), "phases": phases, "rss_mb": _peak_rss_mb()}


def child_profile(root: Path) -> Run:
    """The 15 costliest calls (cumulative) of loading and computing, under cProfile."""
    from sqms.project import compute_results, load_project

    profiler = cProfile.Profile()
    profiler.enable()
    compute_results(load_project(root))
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).strip_dirs().sort_stats("cumulative").print_stats(15)
    return {"profile": text.getvalue().strip()}


CHILDREN: dict[str, Callable[[Path], Run]] = {"read": child_read, "sqms": child_sqms}
CHILDREN.update(fast=functools.partial(child_read, fastest=True), profile=child_profile)
BASELINES = ("read", "fast")
"""The two pandas reads: default options (the target's baseline) and fastest readers."""


def prepare(out: Path, fmt: str, tickets: int, project: Path, *, fresh: bool = False) -> Path:
    """The project folder of one variant: sample data (reused if N matches) and the plan files."""
    from sqms.demo import write_demo_data

    root, marker = out / fmt, out / fmt / MARKER
    data = root / "data"
    known = marker.read_text(encoding="utf-8").strip() if marker.is_file() else ""
    if fresh or known != str(tickets):
        marker.unlink(missing_ok=True)
        shutil.rmtree(data, ignore_errors=True)
        _say(f"generating {tickets:,} tickets ({fmt}) into {data} …")
        write_demo_data(data, tickets=tickets, fmt=fmt)
        marker.write_text(f"{tickets}\n", encoding="utf-8")
    for name in PLAN_FILES:
        shutil.copyfile(project / "data" / name, data / name)
    if fmt == "parquet":
        spec = yaml.safe_load((data / "datasets.yml").read_text(encoding="utf-8"))
        spec["datasets"]["tickets"]["file"] = "tickets.parquet"
        text = yaml.safe_dump(spec, sort_keys=False, allow_unicode=True)
        (data / "datasets.yml").write_text(text, encoding="utf-8")
    return root


def _spawn(kind: str, root: Path) -> Run:
    """Run one measurement in a fresh interpreter; its JSON result is the last stdout line."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--out", str(root)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    sys.stderr.write(done.stderr)
    if done.returncode != 0:
        raise SystemExit(f"the {kind} measurement of {root} failed (exit {done.returncode})")
    return cast(Run, json.loads(done.stdout.strip().splitlines()[-1]))


def _stat(values: Iterable[float]) -> dict[str, float]:
    """Median and minimum: the typical run, and the least disturbed one."""
    numbers = list(values)
    return {"median": statistics.median(numbers), "min": min(numbers)}


def _of(runs: list[Run], key: str) -> dict[str, float]:
    return _stat(run[key] for run in runs)


def _breakdown(runs: list[Run]) -> list[dict[str, Any]]:
    """Median seconds per probed call site, plus what the probes leave out, costliest first."""
    keys = sorted({key for run in runs for key in run["phases"]})
    rows = {key: statistics.median(run["phases"].get(key, 0.0) for run in runs) for key in keys}
    loading = sum(s for key, s in rows.items() if key.split(" ")[0] in LOAD_PHASES)
    computing = sum(s for key, s in rows.items() if key.split(" ")[0] == "indicator")
    rows["load other: YAML, plan, frame assembly"] = _of(runs, "load")["median"] - loading
    rows["compute other: concatenating, sorting results"] = (
        _of(runs, "compute")["median"] - computing
    )
    ordered = sorted(rows.items(), key=lambda item: -item[1])
    return [
        {"phase": key.split(" ", 1)[0], "what": key.split(" ", 1)[1], "seconds": seconds}
        for key, seconds in ordered
    ]


def _read_summary(reads: list[Run]) -> dict[str, Any]:
    """Seconds, peak memory and per-file seconds of one kind of pandas read."""
    files = {
        name: {**_stat(r["files"][name] for r in reads), "rows": reads[0]["rows"][name]}
        for name in reads[0]["files"]
    }
    return {**_of(reads, "seconds"), "rss_mb": _of(reads, "rss_mb"), "files": files}


def _ratio(total: dict[str, float], read: dict[str, Any], key: str) -> float:
    """(SQMS total − read) ÷ read, on the medians or on the minima (``key``)."""
    return (total[key] - read[key]) / read[key]


def summarise(reads: list[Run], fasts: list[Run], runs: list[Run]) -> dict[str, Any]:
    """Median and minimum of every measurement of one variant, and the verdict.

    The verdict is on the default read, the baseline the target names; the
    ratio to pandas' fastest readers is reported alongside, as a stricter view.
    """
    read, fast, total = _read_summary(reads), _read_summary(fasts), _of(runs, "seconds")
    ratio = _ratio(total, read, "median")
    return {
        "read": read,
        "fast_read": fast,
        "load": _of(runs, "load"),
        "compute": _of(runs, "compute"),
        "total": {**total, "rss_mb": _of(runs, "rss_mb")},
        "results": runs[0]["results"],
        "overhead_ratio": ratio,
        "overhead_ratio_min": _ratio(total, read, "min"),
        "fast_overhead_ratio": _ratio(total, fast, "median"),
        "fast_overhead_ratio_min": _ratio(total, fast, "min"),
        "target_met": ratio <= TARGET,
        "breakdown": _breakdown(runs),
    }


def machine() -> dict[str, Any]:
    """The facts needed to compare reports between machines."""
    return {
        "cpus": os.cpu_count(),
        "processor": platform.processor() or _cpu_model(),
        "machine": platform.machine(),
        "system": platform.system(),
        "python": platform.python_version(),
        **{lib: version(lib) for lib in ("pandas", "numpy", "pyarrow")},
    }


def _cpu_model() -> str:
    """The CPU model from ``/proc/cpuinfo`` (where ``platform.processor()`` is empty: Linux)."""
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text(encoding="utf-8").splitlines() if cpuinfo.is_file() else []
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return models[0] if models else "unknown"


def _table(head: str, rows: list[list[str]]) -> list[str]:
    """A Markdown table; ``head`` is ``"name|>number|…"`` (``>`` aligns right)."""
    names = head.split("|")
    rule = "|".join("--:" if n.startswith(">") else "---" for n in names)
    lines = ["| " + " | ".join(n.lstrip(">") for n in names) + " |", f"|{rule}|"]
    return ["", *lines, *("| " + " | ".join(row) + " |" for row in rows), ""]


def _s(stat: dict[str, float]) -> str:
    return f"{stat['median']:.2f} ({stat['min']:.2f})"


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: a summary table, then reading and hot spots per variant."""
    m, variants = report["machine"], report["variants"]
    lines = [
        f"# SQMS benchmark: {report['tickets']:,} tickets",
        "",
        f"{m['cpus']} CPUs, {m['processor']} ({m['machine']}, {m['system']}); Python "
        f"{m['python']}, pandas {m['pandas']}, numpy {m['numpy']}, pyarrow {m['pyarrow']}. "
        f"{report['repeat']} runs per measurement, each in a fresh process; seconds as "
        f"median (min). Target: (SQMS total − read) ÷ read ≤ {TARGET:g}, on the medians, "
        "where read is pandas with default options. Fastest is pandas with the quicker of "
        "its default and Arrow's parsers for each text file: a stricter baseline, shown for "
        "reference; the verdict is on the default read.",
    ]
    head = "variant|>pandas read|>SQMS load|>SQMS compute|>SQMS total|>(total − read) ÷ read"
    head += "|target|>pandas fastest|>(total − fastest) ÷ fastest|>peak RSS read|>peak RSS SQMS"
    lines += _table(head, [_summary_row(fmt, v) for fmt, v in variants.items()])
    for fmt, v in variants.items():
        lines.append(f"## {fmt}: pandas read per file, default and fastest")
        files, fast = v["read"]["files"].items(), v["fast_read"]["files"]
        rows = [[n, f"{f['rows']:,}", _s(f), _s(fast[n])] for n, f in files]
        lines += _table("file|>rows|>default|>fastest", rows)
        lines.append(f"## {fmt}: where SQMS spends its time (top {TOP}, median of runs)")
        total = v["total"]["median"]
        rows = [
            [b["phase"], b["what"], f"{b['seconds']:.2f}", f"{b['seconds'] / total:.0%}"]
            for b in v["breakdown"][:TOP]
        ]
        lines += _table("phase|what|>seconds|>share of SQMS total", rows)
        if "profile" in v:
            lines += [f"## {fmt}: cProfile, top 15 cumulative", "", "```", v["profile"], "```", ""]
    lines.append("Indicators share the periods worked out once: the first to need them pays.")
    return "\n".join(lines)


def _summary_row(fmt: str, v: dict[str, Any]) -> list[str]:
    verdict = "met" if v["target_met"] else "**missed**"
    peaks = [f"{v[k]['rss_mb']['median']:,.0f} MB" for k in ("read", "total")]
    steps = [_s(v[k]) for k in ("read", "load", "compute", "total")]
    ratio = f"{v['overhead_ratio']:.2f} ({v['overhead_ratio_min']:.2f})"
    fast = f"{v['fast_overhead_ratio']:.2f} ({v['fast_overhead_ratio_min']:.2f})"
    return [fmt, *steps, ratio, verdict, _s(v["fast_read"]), fast, *peaks]


def _say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _measure(roots: dict[str, Path], repeat: int) -> dict[str, dict[str, list[Run]]]:
    """Each variant's reads and SQMS runs, ``repeat`` rounds interleaved so drift hits all alike."""
    kinds = (*BASELINES, "sqms")
    runs: dict[str, dict[str, list[Run]]] = {fmt: {kind: [] for kind in kinds} for fmt in roots}
    for number in range(1, repeat + 1):
        for fmt, root in roots.items():
            done = {kind: _spawn(kind, root) for kind in kinds}
            for kind, result in done.items():
                runs[fmt][kind].append(result)
            times = ", ".join(f"{kind} {r['seconds']:.2f} s" for kind, r in done.items())
            _say(f"{fmt} {number}/{repeat}: {times}")
    return runs


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Prepare the variants, measure them, write ``bench-report.json`` and return the report."""
    out, project = Path(args.out), Path(args.project)
    formats = FORMATS if args.format == "both" else (args.format,)
    roots = {fmt: prepare(out, fmt, args.tickets, project, fresh=args.fresh) for fmt in formats}
    runs = _measure(roots, args.repeat)
    variants = {fmt: summarise(r["read"], r["fast"], r["sqms"]) for fmt, r in runs.items()}
    for fmt, root in roots.items() if args.profile else ():
        variants[fmt]["profile"] = _spawn("profile", root)["profile"]
    report = {"tickets": args.tickets, "repeat": args.repeat, "target": TARGET}
    report.update(machine=machine(), variants=variants)
    (out / REPORT).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    about = "Time computing the sample plan on N tickets against pandas reading the files."
    parser = argparse.ArgumentParser(prog="python benchmarks/bench.py", description=about)
    parser.add_argument("--tickets", type=int, default=1_000_000, help="tickets to generate")
    parser.add_argument("--out", default="bench-data", help="work folder (default: bench-data)")
    parser.add_argument("--format", choices=[*FORMATS, "both"], default="both")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement")
    parser.add_argument("--fresh", action="store_true", help="regenerate the sample data")
    parser.add_argument("--profile", action="store_true", help="add a cProfile top 15")
    parser.add_argument("--project", default=".", help="project whose data/*.yml to use")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


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
