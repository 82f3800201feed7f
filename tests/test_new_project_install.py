"""``sqms new`` builds first time on a fresh machine, with only the commands it prints.

The machine is imitated: SQMS is built into a wheel from a copy of this
source tree and installed into a virtual environment of its own, as a user
would install it; that SQMS runs ``sqms new``. The commands it prints are then
run, as printed, by a shell in the new folder, with no package index: pip
may install only what ``requirements.txt`` names by its place (the wheel) and
jieba, which the ``zh`` extra asks for, from a folder of wheels. A bare
``sqms==`` pin would need an index and fail.

SQMS's other dependencies (pandas, MkDocs …) are not downloaded: they are
lent from this test environment through ``PYTHONPATH``, from a folder that
links to everything installed here except SQMS, jieba and pip, so none of those
can be taken from there by mistake.

A Chinese site built without jieba warns (SQ832), and a strict build fails.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

from sqms import __version__
from sqms.scaffold.new_project import create_project

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795478400"  # 2026-11-24 00:00 UTC: the documents' approval day and the as-of day
HIDDEN = ("sqms", "__editable__", "_sqms", "jieba", "pip", "pip-")
"""What the borrowed packages leave out: this SQMS, the segmenter and the installer."""
TIMEOUT = 600


def borrowed_packages(folder: Path) -> Path:
    """A folder linking to every package installed here but SQMS, jieba and pip."""
    folder.mkdir()
    site = Path(sysconfig.get_paths()["purelib"])
    for entry in site.iterdir():
        name = entry.name.lower()
        if name.startswith(HIDDEN) or name.endswith(".pth"):
            continue
        (folder / entry.name).symlink_to(entry)
    return folder


def clean_env(borrowed: Path, bin_dir: Path, wheels: Path) -> dict[str, str]:
    """The environment of a fresh machine: no index, no pip configuration, our python3."""
    keep = {
        k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))
    }
    return {
        **keep,
        "PATH": f"{bin_dir}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "PYTHONPATH": str(borrowed),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheels),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
    }


def run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT
    )
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def sqms_wheel(tmp: Path, wheels: Path) -> Path:
    """SQMS built into a wheel from a copy of the source tree (the tree itself is not touched).

    This is the maintainers' step, not the fresh machine's: the build backend
    comes from wherever this environment's pip finds it. Where it finds none
    (no index for setuptools), the test is skipped, saying so.
    """
    source = tmp / "sqms-source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "sqms", source / "sqms", ignore=shutil.ignore_patterns("__pycache__"))
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(wheels),
               str(source)]  # fmt: skip
    built = subprocess.run(command, capture_output=True, text=True, check=False, timeout=TIMEOUT)
    if built.returncode != 0:
        pytest.skip(f"the SQMS wheel cannot be built here: {built.stderr[-500:]}")
    (wheel,) = wheels.glob(f"sqms-{__version__}-*.whl")
    return wheel


def record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode()}"


def jieba_wheel(wheels: Path) -> Path:
    """A wheel of the jieba installed here, so pip can install it with no index."""
    distribution = metadata.distribution("jieba")
    info = f"jieba-{distribution.version}.dist-info"
    files = [
        path
        for path in distribution.files or []
        if path.parts[0] in ("jieba", info)
        and "__pycache__" not in path.parts
        and path.name not in ("RECORD", "INSTALLER", "REQUESTED", "direct_url.json")
    ]
    target = wheels / f"jieba-{distribution.version}-py3-none-any.whl"
    records = []
    with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as archive:
        for path in files:
            data = Path(str(distribution.locate_file(path))).read_bytes()
            archive.writestr(path.as_posix(), data)
            records.append(f"{path.as_posix()},{record_hash(data)},{len(data)}")
        records.append(f"{info}/RECORD,,")
        archive.writestr(f"{info}/RECORD", "\n".join(records) + "\n")
    return target


def printed_commands(output: str) -> list[str]:
    """The indented command lines ``sqms new`` printed, in order."""
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


@pytest.fixture(scope="module")
def machine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A fresh machine with SQMS installed from a wheel, in an environment of its own."""
    pytest.importorskip("jieba")
    tmp = tmp_path_factory.mktemp("fresh-machine")
    wheels = tmp / "wheels"
    wheels.mkdir()
    wheel = sqms_wheel(tmp, wheels)
    jieba_wheel(wheels)
    bin_dir = tmp / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys._base_executable)
    borrowed = borrowed_packages(tmp / "borrowed")
    # The wheel is moved out of the folder pip may search: only its URL can find it.
    published = tmp / "published"
    published.mkdir()
    wheel = wheel.rename(published / wheel.name)
    env = clean_env(borrowed, bin_dir, wheels)
    tool = tmp / "tool"
    run(["python3", "-m", "venv", str(tool)], tmp, env)
    run([str(tool / "bin/python"), "-m", "pip", "install", str(wheel)], tmp, env)
    return {"tmp": tmp, "tool": tool, "wheel": wheel, "borrowed": borrowed,
            "bin": bin_dir, "wheels": wheels}  # fmt: skip


def test_the_printed_commands_build_a_chinese_project(machine: dict[str, Path]) -> None:
    tmp, wheel = machine["tmp"], machine["wheel"]
    env = clean_env(machine["borrowed"], machine["bin"], machine["wheels"])
    created = run([str(machine["tool"] / "bin/sqms"), "new", "质量手册", "--lang", "zh"], tmp, env)
    project = tmp / "质量手册"

    # requirements.txt names the wheel by its URL, with the zh extra: nothing for an index.
    lines = (project / "requirements.txt").read_text(encoding="utf-8").splitlines()
    active = [line for line in lines if line.strip() and not line.startswith("#")]
    assert active == [f"sqms[zh] @ {wheel.as_uri()}"]
    assert not any(re.match(r"\s*sqms\s*(\[[^]]*\])?\s*[=<>~!]", line) for line in active)
    # A file:// wheel is on this machine only: sqms new says the CI cannot reach it.
    assert "CI 工作流和其他机器无法访问该路径" in created.stderr

    commands = printed_commands(created.stdout)
    assert commands == [
        "cd '质量手册'",
        "python3 -m venv .venv && . .venv/bin/activate",
        "python -m pip install -r requirements.txt",
        "python -m mkdocs build",
    ]
    built = run(["bash", "-euc", "\n".join(commands)], tmp, env)
    log = built.stdout + built.stderr

    site = project / "site"
    assert (site / "index.html").is_file() and (site / "dashboard.html").is_file()
    assert "SQ832" not in log
    # The extra installed jieba into the project's environment, and search used it.
    packages = next((project / ".venv/lib").glob("python3*/site-packages"))
    assert (packages / "jieba/__init__.py").is_file()
    installed = json.loads(
        (packages / f"sqms-{__version__}.dist-info/direct_url.json").read_text(encoding="utf-8")
    )
    assert installed["url"] == wheel.as_uri()
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    policy = next(doc for doc in index["docs"] if doc["location"].startswith("policy/pol-01"))
    assert "\u200b" in policy["text"]  # words cut apart by jieba
    matrix = (site / "certification/clause-matrix.html").read_text(encoding="utf-8")
    assert "顾客满意" in matrix


def test_a_bare_pin_would_need_an_index(machine: dict[str, Path]) -> None:
    """The old ``sqms==`` line fails here: the test's machine really has no index."""
    env = clean_env(machine["borrowed"], machine["bin"], machine["wheels"])
    venv = machine["tmp"] / "pinned"
    run(["python3", "-m", "venv", str(venv)], machine["tmp"], env)
    pinned = subprocess.run(
        [str(venv / "bin/python"), "-m", "pip", "install", f"sqms=={__version__}"],
        env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT,
    )  # fmt: skip
    assert pinned.returncode != 0
    assert "No matching distribution found for sqms" in pinned.stderr


def test_a_chinese_site_without_jieba_warns_and_a_strict_build_fails(tmp_path: Path) -> None:
    project = tmp_path / "p"
    create_project(project, None, "zh", created=dt.date(2026, 11, 24))
    hide = "import sys; sys.modules['jieba'] = None; from mkdocs.__main__ import cli; cli()"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}

    def build(*flags: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", hide, "build", "--site-dir", "site", *flags],
            cwd=project, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT,
        )  # fmt: skip

    strict = build()  # strict: true in the new project's mkdocs.yml
    assert strict.returncode == 1
    assert "mkdocs.yml: 警告：站点是中文的，但没有安装 jieba" in strict.stderr
    assert "sqms[zh]" in strict.stderr
    # That warning alone: nothing else in the new project is wrong.
    assert "Aborted with 1 warnings in strict mode!" in strict.stdout + strict.stderr
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("strict: true", "strict: false"),
        encoding="utf-8",
    )
    lenient = build()
    assert lenient.returncode == 0, lenient.stderr[-2000:]
    assert lenient.stderr.count("没有安装 jieba") == 1
