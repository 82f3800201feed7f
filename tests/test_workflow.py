"""The CI files offered to projects: the pre-commit hook and the GitHub Actions workflow."""

from __future__ import annotations

import ast
import re
import shlex
import tomllib
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import yaml

from sqms.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "quality-manual.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@v\d+$")


def console_scripts() -> dict[str, str]:
    """The console scripts the package declares, by name."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    scripts: dict[str, str] = pyproject["project"]["scripts"]
    return scripts


def nox_sessions() -> set[str]:
    """The names of the sessions defined in ``noxfile.py``."""
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(ast.unparse(d).startswith("nox.session") for d in node.decorator_list)
    }


def assert_sqms_command(command: str) -> None:
    """``command`` runs an existing ``sqms`` subcommand through the installed script."""
    words = shlex.split(command)
    assert words[0] in console_scripts()
    assert console_scripts()[words[0]] == "sqms.cli.main:main"
    assert words[1] in main.commands


# --- pre-commit hook --------------------------------------------------------


@pytest.fixture(scope="module")
def hooks() -> list[dict[str, Any]]:
    loaded = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def test_hook_has_the_keys_pre_commit_requires(hooks: list[dict[str, Any]]) -> None:
    (hook,) = hooks
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert hook["id"] == "sqms-check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False


def test_hook_entry_is_the_installed_script(hooks: list[dict[str, Any]]) -> None:
    entry = hooks[0]["entry"]
    assert entry == "sqms check"
    assert_sqms_command(entry)
    installed = entry_points(group="console_scripts", name=shlex.split(entry)[0])
    assert [e.value for e in installed] == ["sqms.cli.main:main"]


def test_hook_runs_for_project_files_only(hooks: list[dict[str, Any]]) -> None:
    files = re.compile(hooks[0]["files"])
    for path in ("data/tickets.csv", "data/quality-plan.yml", "manual/index.md", "mkdocs.yml"):
        assert files.search(path), path
    for path in ("sqms/cli/main.py", "README.md", "tests/data/x.csv", "mkdocsXyml"):
        assert not files.search(path), path


# --- GitHub Actions workflow --------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    loaded = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    # YAML 1.1 reads the key ``on`` as the boolean true.
    if True in loaded:
        loaded["on"] = loaded.pop(True)
    return loaded


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    """Every step of every job."""
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_triggers(workflow: dict[str, Any]) -> None:
    on = workflow["on"]
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    (schedule,) = on["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("1", "*", "*")
    assert minute.isdigit() and hour.isdigit()


def test_actions_are_pinned_to_a_major_version(workflow: dict[str, Any]) -> None:
    used = [step["uses"] for step in steps(workflow) if "uses" in step]
    assert used
    for action in used:
        assert PINNED.match(action), action
    names = {action.split("@")[0] for action in used}
    assert {
        "actions/checkout",
        "actions/setup-python",
        "actions/upload-artifact",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    } <= names


def test_checkout_fetches_the_whole_history(workflow: dict[str, Any]) -> None:
    checkouts = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for step in checkouts:
        assert step["with"]["fetch-depth"] == 0


def test_permissions_are_minimal(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    for name, job in workflow["jobs"].items():
        deploys = any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"])
        if deploys:
            assert job["permissions"] == {"pages": "write", "id-token": "write"}, name
            assert job["environment"]["name"] == "github-pages"
            assert job["concurrency"]["group"] == "pages"
            assert "pull_request" in job["if"] and "refs/heads/main" in job["if"]
        else:
            assert "permissions" not in job, name


def test_commands_exist(workflow: dict[str, Any]) -> None:
    commands = [
        line.strip()
        for step in steps(workflow)
        for line in step.get("run", "").splitlines()
        if line.strip()
    ]
    sqms = [c for c in commands if c.startswith("sqms ")]
    assert sqms == ["sqms check"]
    for command in sqms:
        assert_sqms_command(command)
    nox = [shlex.split(c) for c in commands if c.startswith("python -m nox")]
    assert nox == [["python", "-m", "nox", "-s", "build"]]
    assert "build" in nox_sessions()
    assert any("pip install" in c and "nox" in c for c in commands)


def test_build_is_dated_by_the_commit(workflow: dict[str, Any]) -> None:
    runs = [step.get("run", "") for step in steps(workflow)]
    dating = next(i for i, run in enumerate(runs) if "SOURCE_DATE_EPOCH" in run)
    assert "git log -1 --format=%ct" in runs[dating]
    building = next(i for i, run in enumerate(runs) if "nox -s build" in run)
    assert dating < building


def test_the_site_is_uploaded(workflow: dict[str, Any]) -> None:
    uploads = [s for s in steps(workflow) if "upload" in s.get("uses", "")]
    assert {s["with"]["path"].rstrip("/") for s in uploads} == {"site"}
