"""Developer and CI tasks: ``python3 -m nox -s build|serve|tests|lint|bench``.

Each session installs what it needs into its own virtual environment, so a
fresh machine needs only Python 3.11+ and nox.
"""

from __future__ import annotations

import os

import nox

nox.options.sessions = ["lint", "tests", "build"]
nox.options.reuse_existing_virtualenvs = True


@nox.session
def build(session: nox.Session) -> None:
    """Build the quality-manual site into ``site/``, failing on any warning."""
    session.install(".")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site", *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000; rebuilds when the manual or data change."""
    session.install("-e", ".")
    session.run("mkdocs", "serve", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite, including the headless-browser test of the built site.

    On every core (pytest-xdist): each module runs whole on one worker, so its
    module-scoped fixtures (a built site, a browser) are made once. ``nox -s
    tests -- -n 0`` runs it in one process; a plain ``pytest`` does too.
    """
    session.install("-e", ".[test]")
    env = {"PYTHONHASHSEED": "0"}
    args = ["-n", "auto", "--dist", "loadscope", "-m", "not spark"]
    session.run("pytest", *args, *session.posargs, env=env)


@nox.session
def spark(session: nox.Session) -> None:
    """The sample plan and generated plans computed on Spark in local mode, against DuckDB
    and pandas (tests/test_spark_engine.py). Needs Java 17 or 21 (Debian's
    ``default-jre-headless``; ``.ci/run`` installs it)."""
    session.install("-e", ".[test,spark]")
    session.run("pytest", "-m", "spark", "-p", "no:cacheprovider", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Ruff, mypy (strict), no import cycles, catalogs and codes in step, editor schemas current."""
    session.install("-e", ".[lint,test]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy", "sqms")
    # Import cycles between modules or packages at any level (contracts in pyproject.toml).
    session.run("lint-imports")
    # Every message id the code uses is in both catalogs, translated; none is unused.
    session.run("python", "-m", "sqms.i18n.check")
    # The reference page of diagnostic codes matches the codes and the catalogs.
    session.run("python", "-m", "sqms.diagnostics.reference", "--check")
    # The project's .sqms/schemas/ and .vscode/settings.json; the package's copies
    # (sqms/scaffold/schemas/) are checked by tests/test_json_schema.py.
    session.run("sqms", "schema", "--check")


@nox.session
def bench(session: nox.Session) -> None:
    """Time the build, rebuilds and computing on 1,000,000 tickets against a bare build and a read.

    ``SQMS_BENCH_TICKETS`` sets the size; arguments after ``--`` go to the
    benchmark (``--repeat``, ``--format both``, ``--only build``, ``--profile``).
    """
    session.install("-e", ".[postgres]")
    size = os.environ.get("SQMS_BENCH_TICKETS", "1000000")
    session.run("python", "benchmarks/bench.py", "--tickets", size, *session.posargs)
