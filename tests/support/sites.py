"""Sites built with ``mkdocs build --strict``, and this repository's sample project to build.

The build runs in a child process, as a user runs it, and is dated by the
variables a test gives alone (``SOURCE_DATE_EPOCH``, ``SQMS_AS_OF``): those of
the machine running the tests never leak in.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.dates import NOV_24_2026_EPOCH

REPO_ROOT = Path(__file__).resolve().parents[2]
"""The repository root: the sample project (``mkdocs.yml``, ``manual/``, ``data/``) lives here."""
SAMPLE_PARTS = ("mkdocs.yml", "manual", "data")
"""What the sample project is made of, besides the package that builds it."""
DATING = ("SOURCE_DATE_EPOCH", "SQMS_AS_OF")
"""The variables that fix the day a build is judged as of: only those a test gives are set."""
SAMPLE_TZ, SAMPLE_LANG = "Asia/Shanghai", "C.UTF-8"
"""The time zone and locale the shared sample site is built in (another build may differ)."""


def mkdocs_build(
    root: Path,
    site_dir: Path | str = "site",
    *,
    tz: str | None = None,
    lang: str | None = None,
    **dating: str,
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project at ``root`` into ``site_dir`` (relative to it).

    ``dating`` (``SOURCE_DATE_EPOCH=...``, ``SQMS_AS_OF=...``) alone dates the
    build; ``tz`` and ``lang`` set ``TZ`` and ``LANG``/``LC_ALL``. The result
    is returned whatever it is: a test of a failing build reads its output.
    """
    env = {k: v for k, v in os.environ.items() if k not in DATING}
    if tz is not None:
        env["TZ"] = tz
    if lang is not None:
        env["LANG"] = env["LC_ALL"] = lang
    env.update(dating)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=root, env=env, capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip


def built_site(
    root: Path, *, tz: str | None = None, lang: str | None = None, **dating: str
) -> Path:
    """Build the project at ``root`` into ``root/site`` (see :func:`mkdocs_build`) and return it.

    A failing build fails the test, with the end of the build's own messages.
    """
    __tracebackhide__ = True
    done = mkdocs_build(root, tz=tz, lang=lang, **dating)
    if done.returncode != 0:
        pytest.fail(
            f"mkdocs build --strict failed (exit {done.returncode}):\n{done.stderr[-4000:]}",
            pytrace=False,
        )
    return root / "site"


def digests(site: Path) -> dict[str, str]:
    """The SHA-256 of every file of a built site, by path relative to it."""
    return {
        path.relative_to(site).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def can_clone_sample(source: Path = REPO_ROOT) -> bool:
    """Whether ``source`` can be cloned with its history: git is installed and it is a checkout."""
    return shutil.which("git") is not None and (source / ".git").exists()


def require_git_checkout(why: str) -> None:
    """Skip the test when the repository cannot be cloned; under CI, fail it instead."""
    __tracebackhide__ = True
    if not can_clone_sample():
        if os.environ.get("CI"):
            pytest.fail(f"{why} needs git and a git checkout (CI is set)")
        pytest.skip(f"{why} needs git and a git checkout")


def copy_sample(target: Path, source: Path = REPO_ROOT) -> Path:
    """Copy the sample project (``mkdocs.yml``, ``manual/``, ``data/``) of ``source`` to ``target``.

    ``source`` is the working tree by default. What is already there under
    those names is replaced; ``target`` is returned. A test that changes the
    sample changes such a copy, never the repository.
    """
    target.mkdir(parents=True, exist_ok=True)
    junk = shutil.ignore_patterns("__pycache__", ".sqms-cache")
    for part in SAMPLE_PARTS:
        original, copy = source / part, target / part
        if copy.is_dir():
            shutil.rmtree(copy)
        if original.is_dir():
            shutil.copytree(original, copy, ignore=junk)
        else:
            shutil.copy2(original, copy)
    return target


def sample_checkout(target: Path, source: Path = REPO_ROOT) -> Path:
    """A copy of the repository ``source`` at ``target``, sample project as in its working tree.

    ``source`` (this repository by default) is cloned, so the copy has the
    sample's git history, as a build in CI has; then its ``mkdocs.yml``,
    ``manual/`` and ``data/`` are replaced by those of ``source``'s working
    tree (:func:`copy_sample`): the sample a developer is editing is the one
    built. Without git, the sample alone is copied, with no history. To check
    out exactly what another checkout holds, even while commits are being
    made here, give that checkout as ``source``.
    """
    if can_clone_sample(source):
        git = ["git", "clone", "-q", "--no-hardlinks", str(source), str(target)]
        subprocess.run(git, check=True, capture_output=True)
    return copy_sample(target, source)


def commit_time(root: Path) -> str | None:
    """The time of the commit checked out at ``root``, in seconds; None outside a git checkout."""
    if shutil.which("git") is None or not (root / ".git").exists():
        return None
    done = subprocess.run(
        ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False
    )
    text = done.stdout.strip()
    return text if done.returncode == 0 and text.isdigit() else None


def build_sample(
    target: Path, *, tz: str = SAMPLE_TZ, lang: str = SAMPLE_LANG, source: Path = REPO_ROOT
) -> Path:
    """Check the sample of ``source`` out at ``target``, build it as of its commit's day; the site.

    ``SOURCE_DATE_EPOCH`` is the commit's time (as CI builds a pull request),
    so the build is judged as of the commit's day, whoever builds it where.
    Outside a git checkout the build is judged as of today.
    """
    __tracebackhide__ = True
    root = sample_checkout(target, source)
    epoch = commit_time(root)
    dating = {"SOURCE_DATE_EPOCH": epoch} if epoch is not None else {}
    return built_site(root, tz=tz, lang=lang, **dating)


def build_as_of_2026_11_24(root: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project at ``root`` into ``root/site``, as of 2026-11-24.

    The day most tests judge reviews, actions and audits against (see
    :mod:`tests.support.dates`); the result is returned whatever it is.
    """
    return mkdocs_build(root, SOURCE_DATE_EPOCH=NOV_24_2026_EPOCH)


def built_once(folder: Path, build: Callable[[Path], Path], wait: float = 900.0) -> Path:
    """``build(folder / "project")`` made by one process, shared by every process that asks.

    For a build that several pytest-xdist workers need: ``folder`` is in the
    run's temporary folder, which the workers share. The first to ask makes
    the build; the others wait (up to ``wait`` seconds) and return the same
    folder, or fail as it failed. What is built this way must only be read.
    """
    __tracebackhide__ = True
    done, failed = folder / "done", folder / "failed"
    try:
        folder.mkdir()
    except FileExistsError:  # another process builds it
        deadline = time.monotonic() + wait
        while not done.exists() and not failed.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"{folder} was not built within {wait:.0f} s", pytrace=False)
            time.sleep(0.5)
        if failed.exists():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        return Path(done.read_text(encoding="utf-8"))
    try:
        built = build(folder / "project")
    except BaseException as error:  # pytest.fail's exception, an interrupt: the others must know
        failed.write_text(f"the build failed in another worker: {error}", encoding="utf-8")
        raise
    ready = folder / "done.tmp"
    ready.write_text(str(built), encoding="utf-8")
    ready.replace(done)  # the others see the whole path or nothing
    return built
