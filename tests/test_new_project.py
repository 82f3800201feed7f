"""``sqms new``: a new project that checks and builds on its first run."""

from __future__ import annotations

import ast
import glob
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

import tests.test_workflow as workflow_checks
from sqms.cli.main import main
from sqms.scaffold import new_project
from sqms.scaffold.new_project import create_project, extras_of
from sqms.scaffold.origin import running_source

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "sqms" / "scaffold" / "templates" / "new"
EPOCH = "1795478400"  # 2026-11-24 00:00 UTC
INDICATORS = {
    "en": (
        "First response within 4 business hours",
        "Resolution time (median)",
        "Reopened tickets",
    ),
    "zh": ("4 个工作小时内首次答复", "解决时长（中位数）", "重开工单比例"),
}
EXPECTED_FILES = {
    ".github/workflows/quality-manual.yml",
    ".sqms/schemas/actions.schema.json",
    ".sqms/schemas/applicability.schema.json",
    ".sqms/schemas/audits.schema.json",
    ".sqms/schemas/datasets.schema.json",
    ".sqms/schemas/framework.schema.json",
    ".sqms/schemas/front-matter.schema.json",
    ".sqms/schemas/quality-plan.schema.json",
    ".sqms/schemas/registers.schema.json",
    ".sqms/schemas/reviews.schema.json",
    ".sqms/schemas/risks.schema.json",
    ".sqms/schemas/training.schema.json",
    ".vscode/settings.json",
    ".gitignore",
    "README.md",
    "data/datasets.yml",
    "data/frameworks/iso9001.yml",
    "data/quality-plan.yml",
    "data/tickets.csv",
    "manual/index.md",
    "manual/policy/pol-01-quality-policy.md",
    "manual/procedures/qp-01-service-requests.md",
    "mkdocs.yml",
    "noxfile.py",
    "requirements.txt",
}


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a Python module in ``cwd``, dated like the sample project."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def page_text(site: Path, page: str) -> str:
    """The visible text of a built page's article: tags and charts dropped, spaces squeezed."""
    html = (site / page).read_text(encoding="utf-8")
    article = re.search(r"<article.*?</article>", html, re.S)
    assert article is not None, page
    text = re.sub(r"<svg.*?</svg>", " ", article.group(0), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))


@pytest.fixture(scope="module", params=["en", "zh"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project made by ``sqms new``, checked and built once per language."""
    language: str = request.param
    target = tmp_path_factory.mktemp(f"new-{language}") / "manual-project"
    result = CliRunner().invoke(
        main,
        ["new", str(target), "--lang", language, "--title", 'Acme "Care" <manual>'],
        env={"SOURCE_DATE_EPOCH": EPOCH},
    )
    assert result.exit_code == 0, result.output
    checked = run(["sqms", "check"], target)
    assert checked.returncode == 0, checked.stderr
    building = run(["mkdocs", "build", "--strict", "--site-dir", "site"], target)
    assert building.returncode == 0, building.stderr[-3000:]
    return target


def language_of(project: Path) -> str:
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    language: str = config["theme"]["language"]
    return language


def test_writes_the_whole_project(built: Path) -> None:
    written = {p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()}
    assert {w for w in written if not w.startswith("site/")} == EXPECTED_FILES
    # Nothing was left beside it.
    assert [p.name for p in built.parent.iterdir()] == ["manual-project"]


def test_mkdocs_configuration(built: Path) -> None:
    config = yaml.safe_load((built / "mkdocs.yml").read_text(encoding="utf-8"))
    language = config["theme"]["language"]
    # Themes place the site name in pages as HTML.
    assert config["site_name"] == 'Acme "Care" &lt;manual&gt;'
    assert config["theme"]["name"] == "material"
    assert config["theme"]["font"] is False
    assert config["use_directory_urls"] is False
    search = {"search": {"lang": "zh"}} if language == "zh" else "search"
    assert config["plugins"] == [search, "sqms", "offline"]
    extensions = config["markdown_extensions"]
    assert extensions[:4] == ["admonition", "attr_list", "md_in_html", "tables"]
    assert extensions[4] == {"toc": {"permalink": True}}
    nav = yaml.safe_dump(config["nav"], allow_unicode=True)
    for page in ("dashboard.md", "quality-plan.md", "document-register.md", "index.md"):
        assert page in nav


def test_dashboard_shows_the_indicators(built: Path) -> None:
    text = page_text(built / "site", "dashboard.html")
    for name in INDICATORS[language_of(built)]:
        assert name in text


def test_documents_show_a_live_number(built: Path) -> None:
    # October 2026: 31 tickets, all answered; only T0102 (09:03 → 16:34 on a
    # Tuesday, 7.5 business hours) took longer than 4 → 30 / 31 = 96.8%.
    site = built / "site"
    for page in ("policy/pol-01-quality-policy.html", "index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "sqms:value" not in html
        assert "96.8%" in page_text(site, page), page
    procedure = (site / "procedures/qp-01-service-requests.html").read_text(encoding="utf-8")
    assert "<svg" in procedure and "sqms:chart" not in procedure


def test_front_matter_is_approved_on_the_creation_day(built: Path) -> None:
    policy = (built / "manual/policy/pol-01-quality-policy.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(policy.split("---")[1])
    assert meta["id"] == "POL-01" and meta["status"] == "approved"
    assert str(meta["approved_on"]) == "2026-11-24"  # SOURCE_DATE_EPOCH 1795478400


def test_requirements_name_where_this_sqms_came_from(built: Path) -> None:
    """Never a bare ``sqms==`` pin, which an index would be asked for."""
    language = language_of(built)
    lines = (built / "requirements.txt").read_text(encoding="utf-8").splitlines()
    active = [line for line in lines if line.strip() and not line.startswith("#")]
    expected = running_source(extras_of(language)).requirement
    assert expected is not None  # the suite runs from a folder install
    assert active == [expected]
    package = {"en": "sqms @ ", "zh": "sqms[zh] @ "}[language]
    assert expected.startswith(package + "file:///")
    assert not any(line.startswith("sqms==") for line in active)
    readme = (built / "README.md").read_text(encoding="utf-8")
    assert "file:///path/to/sqms" in readme and "git+https://" in readme


def test_zh_clause_titles_are_chinese(built: Path) -> None:
    framework = yaml.safe_load((built / "data/frameworks/iso9001.yml").read_text(encoding="utf-8"))
    english = yaml.safe_load((ROOT / "data/frameworks/iso9001.yml").read_text(encoding="utf-8"))
    assert list(framework["clauses"]) == list(english["clauses"])  # the same clauses
    titles = framework["clauses"]
    matrix = page_text(built / "site", "certification/clause-matrix.html")
    if language_of(built) == "zh":
        assert titles["4.1"] == "理解组织及其环境"
        assert titles["9.1.2"] == "顾客满意"
        assert titles["10.2"] == "不合格和纠正措施"
        assert all(re.search(r"[\u4e00-\u9fff]", title) for title in titles.values())
        assert "顾客满意" in matrix and "Customer satisfaction" not in matrix
    else:
        assert titles == english["clauses"]
        assert "Customer satisfaction" in matrix


def test_pages_are_in_the_project_language(built: Path) -> None:
    policy_title = {"en": "title: Quality policy", "zh": "title: 质量方针"}[language_of(built)]
    policy = (built / "manual/policy/pol-01-quality-policy.md").read_text(encoding="utf-8")
    assert policy_title in policy
    dashboard = (built / "site/dashboard.html").read_text(encoding="utf-8")
    heading = re.search(r"<h1[^>]*>(.*?)<", dashboard)
    assert heading is not None
    assert heading.group(1) == {"en": "Dashboard", "zh": "仪表板"}[language_of(built)]


def test_the_title_shows_as_typed(built: Path) -> None:
    index = (built / "site/index.html").read_text(encoding="utf-8")
    assert '<h1 id="acme-care-manual">Acme "Care" &lt;manual&gt;<' in index
    assert '<title>Acme "Care" &lt;manual&gt;</title>' in index


# --- refusing, and failing cleanly -------------------------------------------


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    target = tmp_path / "busy"
    target.mkdir()
    (target / "notes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(target)])
    assert result.exit_code == 1
    assert "exists and is not empty" in result.output
    assert [p.name for p in target.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["busy"]


def test_refuses_a_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["new", str(target), "--lang", "zh"])
    assert result.exit_code == 1
    assert "已存在且不为空" in result.output


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    assert CliRunner().invoke(main, ["new", str(target)]).exit_code == 0
    assert (target / "mkdocs.yml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]


def test_the_current_folder_when_empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    assert CliRunner().invoke(main, ["new", "."]).exit_code == 0
    assert (here / "mkdocs.yml").is_file() and (here / ".gitignore").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["here"]


def test_a_failed_move_into_an_empty_folder_leaves_it_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "empty"
    target.mkdir()
    real_move = new_project._move_into

    def failing(source: Path, folder: Path, moved: list[Path]) -> None:
        real_move(source, folder, moved)
        assert len(moved) > 3  # several files and folders were moved…
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(new_project, "_move_into", failing)
    result = CliRunner().invoke(main, ["new", str(target)])
    assert result.exit_code == 1
    assert "Input/output error" in result.output
    assert list(target.iterdir()) == []  # …and taken out again
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]


def test_refuses_a_title_on_two_lines(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", str(tmp_path / "x"), "--title", "a\nb"])
    assert result.exit_code == 2
    assert "one line" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[Path] = []
    real_write = new_project.write_file

    def failing(path: Path, data: bytes) -> None:
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        real_write(path, data)
        written.append(path)

    monkeypatch.setattr(new_project, "write_file", failing)
    result = CliRunner().invoke(main, ["new", str(tmp_path / "deep" / "project")])
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert "nothing was written" in result.output
    assert len(written) == 5  # five files were written before the failure…
    assert list(tmp_path.iterdir()) == []  # …and are gone, with the folders made for them


def test_default_title_follows_the_language(tmp_path: Path) -> None:
    create_project(tmp_path / "en", None, "en")
    create_project(tmp_path / "zh", None, "zh")
    assert "# Service quality manual" in (tmp_path / "en/README.md").read_text(encoding="utf-8")
    assert "# 服务质量手册" in (tmp_path / "zh/manual/index.md").read_text(encoding="utf-8")


# --- the templates ---------------------------------------------------------------


def test_templates_are_package_data() -> None:
    """Every template file is matched by the package-data globs (which skip hidden names)."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["sqms"]
    package = ROOT / "sqms"
    packaged = {
        Path(match)
        for pattern in patterns
        for match in glob.glob(pattern, root_dir=package, recursive=True)
        if (package / match).is_file()
    }
    templates = {
        p.relative_to(package)
        for p in TEMPLATES.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    generated = {name for name in EXPECTED_FILES if name.startswith((".sqms/", ".vscode/"))}
    assert len(templates) > len(EXPECTED_FILES - generated)
    assert templates <= packaged


def test_frameworks_copy_matches_the_repository() -> None:
    copy = TEMPLATES / "common/data/frameworks/iso9001.yml"
    assert copy.read_bytes() == (ROOT / "data/frameworks/iso9001.yml").read_bytes()


def test_noxfile_sessions(tmp_path: Path) -> None:
    create_project(tmp_path / "p", None, "en")
    tree = ast.parse((tmp_path / "p/noxfile.py").read_text(encoding="utf-8"))
    sessions = {
        node.name: ast.unparse(node)
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(ast.unparse(d).startswith("nox.session") for d in node.decorator_list)
    }
    assert set(sessions) == {"build", "serve", "check"}
    for body in sessions.values():
        assert "session.install('-r', REQUIREMENTS)" in body
    assert "'mkdocs', 'build', '--strict'" in sessions["build"]
    assert "REQUIREMENTS = 'requirements.txt'" in ast.unparse(tree)


# --- the CI workflow: the checks of tests/test_workflow.py ------------------------


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    target = tmp_path_factory.mktemp("workflow") / "p"
    create_project(target, None, "en")
    text = (target / ".github/workflows/quality-manual.yml").read_text(encoding="utf-8")
    loaded = yaml.safe_load(text)
    assert isinstance(loaded, dict)
    if True in loaded:  # YAML 1.1 reads the key ``on`` as the boolean true.
        loaded["on"] = loaded.pop(True)
    return loaded


@pytest.mark.parametrize(
    "check",
    [
        workflow_checks.test_triggers,
        workflow_checks.test_actions_are_pinned_to_a_major_version,
        workflow_checks.test_checkout_fetches_the_whole_history,
        workflow_checks.test_permissions_are_minimal,
        workflow_checks.test_build_is_dated_by_the_commit,
        workflow_checks.test_the_site_is_uploaded,
    ],
    ids=lambda check: check.__name__.removeprefix("test_"),
)
def test_workflow_structure(workflow: dict[str, Any], check: Any) -> None:
    check(workflow)


def test_workflow_commands(workflow: dict[str, Any]) -> None:
    """As tests/test_workflow.py's ``test_commands_exist``, against the new project's files."""
    commands = [
        line.strip()
        for step in workflow_checks.steps(workflow)
        for line in step.get("run", "").splitlines()
        if line.strip()
    ]
    sqms = [c for c in commands if c.startswith("sqms ")]
    assert sqms == ["sqms check"]
    workflow_checks.assert_sqms_command(sqms[0])
    nox = [c.split() for c in commands if c.startswith("python -m nox")]
    assert nox == [["python", "-m", "nox", "-s", "build"]]
    installs = [c for c in commands if "pip install" in c and "nox" in c]
    assert installs == ["python -m pip install nox -r requirements.txt"]


def test_new_project_has_the_editor_schemas(tmp_path: Path) -> None:
    """The JSON Schemas of its YAML files, mapped for VS Code, current for `sqms schema --check`."""
    import json

    from sqms.scaffold.json_schema import SCHEMAS, yaml_schemas

    target = tmp_path / "p"
    written = create_project(target, None, "en")
    assert {f".sqms/schemas/{name}" for name in SCHEMAS} | {".vscode/settings.json"} <= set(written)
    settings = json.loads((target / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == yaml_schemas()
    assert settings["yaml.schemas"]["./.sqms/schemas/quality-plan.schema.json"] == [
        "data/quality-plan.yml"
    ]
    result = CliRunner().invoke(main, ["schema", str(target), "--check"])
    assert result.exit_code == 0, result.output


# --- where requirements.txt installs SQMS from (PEP 610 direct_url.json) -------


def direct_url(**data: Any) -> str:
    import json

    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "requirement", "local"),
    [
        (  # pip install -e /home/q/src/sqms
            direct_url(url="file:///home/q/src/sqms", dir_info={"editable": True}),
            "sqms @ file:///home/q/src/sqms",
            True,
        ),
        (  # pip install /home/q/src/sqms
            direct_url(url="file:///home/q/src/sqms", dir_info={}),
            "sqms @ file:///home/q/src/sqms",
            True,
        ),
        (  # pip install ./dist/sqms-0.1.0-py3-none-any.whl
            direct_url(
                url="file:///home/q/dist/sqms-0.1.0-py3-none-any.whl",
                archive_info={"hashes": {"sha256": "ab" * 32}},
            ),
            "sqms @ file:///home/q/dist/sqms-0.1.0-py3-none-any.whl",
            True,
        ),
        (  # pip install https://example.org/wheels/sqms-0.1.0-py3-none-any.whl
            direct_url(
                url="https://example.org/wheels/sqms-0.1.0-py3-none-any.whl", archive_info={}
            ),
            "sqms @ https://example.org/wheels/sqms-0.1.0-py3-none-any.whl",
            False,
        ),
        (  # pip install git+https://example.org/org/sqms@v0.1.0: the commit, not the tag
            direct_url(
                url="https://example.org/org/sqms",
                vcs_info={"vcs": "git", "commit_id": "0f1e2d3c", "requested_revision": "v0.1.0"},
            ),
            "sqms @ git+https://example.org/org/sqms@0f1e2d3c",
            False,
        ),
        (  # ssh keeps the user name git (PEP 610 allows it)
            direct_url(
                url="ssh://git@example.org/org/sqms.git",
                vcs_info={"vcs": "git", "commit_id": "0f1e2d3c"},
            ),
            "sqms @ git+ssh://git@example.org/org/sqms.git@0f1e2d3c",
            False,
        ),
        (  # a package in a subfolder of the repository
            direct_url(
                url="https://example.org/org/mono",
                vcs_info={"vcs": "git", "commit_id": "abc123"},
                subdirectory="python/sqms",
            ),
            "sqms @ git+https://example.org/org/mono@abc123#subdirectory=python/sqms",
            False,
        ),
    ],
    ids=["dir-editable", "dir", "wheel-file", "wheel-https", "vcs", "vcs-ssh", "subdirectory"],
)
def test_requirement_of_each_direct_url(text: str, requirement: str, local: bool) -> None:
    from sqms.scaffold.origin import requirement_of

    source = requirement_of(text)
    assert (source.requirement, source.local, source.problem) == (requirement, local, None)
    zh = requirement_of(text, ("zh",))
    assert zh.requirement == requirement.replace("sqms @", "sqms[zh] @", 1)


def test_credentials_are_never_copied() -> None:
    from sqms.scaffold.origin import requirement_of

    leaked = direct_url(
        url="https://deploy:s3cret@example.org/org/sqms",
        vcs_info={"vcs": "git", "commit_id": "abc"},
    )
    token = direct_url(url="https://ghp_token@example.org/w/sqms.whl", archive_info={})
    variable = direct_url(url="https://${USER}:${TOKEN}@example.org/w/sqms.whl", archive_info={})
    assert requirement_of(leaked).requirement == "sqms @ git+https://example.org/org/sqms@abc"
    assert requirement_of(token).requirement == "sqms @ https://example.org/w/sqms.whl"
    assert (
        requirement_of(variable).requirement
        == "sqms @ https://${USER}:${TOKEN}@example.org/w/sqms.whl"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (None, "new.origin.not_recorded"),  # installed from an index: no direct_url.json
        ("{not json", "new.origin.not_json"),
        ("[1, 2]", "new.origin.not_json"),
        (direct_url(dir_info={}), "new.origin.unusable"),  # no url
        (direct_url(url="file:///x"), "new.origin.unusable"),  # no kind
        (direct_url(url="https://e.org/x", dir_info={}), "new.origin.unusable"),  # a remote folder
        (direct_url(url="file:///a b", dir_info={}), "new.origin.unusable"),  # two tokens
        (direct_url(url="file:///a\nsqms==0.1.0", dir_info={}), "new.origin.unusable"),
        (direct_url(url="file:///a#egg=x", dir_info={}), "new.origin.unusable"),
        (direct_url(url="https://e.org/r", vcs_info={"vcs": "git"}), "new.origin.unusable"),
        (
            direct_url(url="https://e.org/r", vcs_info={"vcs": "cvs", "commit_id": "1"}),
            "new.origin.unusable",
        ),
        (
            direct_url(url="file:///x", dir_info={}, archive_info={}),  # two kinds at once
            "new.origin.unusable",
        ),
        (direct_url(url="file:///x", dir_info={}, subdirectory="a b"), "new.origin.unusable"),
        (direct_url(url="https://e.org:99999/x.whl", archive_info={}), "new.origin.unusable"),
    ],
)
def test_an_unusable_direct_url_names_no_sqms(text: str | None, problem: str) -> None:
    from sqms.scaffold.origin import requirement_of

    source = requirement_of(text, ("zh",))
    assert (source.requirement, source.url, source.problem) == (None, None, problem)


def test_an_unknown_source_writes_a_commented_line(tmp_path: Path) -> None:
    """What to change is written in requirements.txt and printed: a warning, not a crash."""
    from sqms.scaffold.origin import requirement_of

    unknown = requirement_of(None, ("zh",))
    create_project(tmp_path / "p", None, "zh", source=unknown)
    lines = (tmp_path / "p/requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.strip() and not line.startswith("#")] == []
    assert lines[-1] == "# sqms[zh] @ git+https://example.org/your-org/sqms@<commit>"
    assert any("软件包索引" in line for line in lines[-4:])  # the reason, in Chinese

    from sqms.cli import scaffold as commands

    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(commands, "running_source", lambda extras: requirement_of(None, extras))
        result = runner.invoke(main, ["new", str(tmp_path / "q")])
    assert result.exit_code == 0, result.output
    assert "warning: where this SQMS was installed from is unknown" in result.output
    assert "“# sqms @ …”" in result.output
    assert "python -m pip install -r requirements.txt" in result.output
    text = (tmp_path / "q/requirements.txt").read_text(encoding="utf-8")
    assert "\nsqms" not in text and "package index" in text


def test_a_local_source_says_ci_cannot_reach_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["new", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    source = running_source()
    assert source.local and source.url is not None
    assert f"installs SQMS from {source.url}, a path on this machine" in result.output
    assert "CI workflow and other machines cannot reach" in result.output


def test_a_remote_source_prints_no_warning(tmp_path: Path) -> None:
    from sqms.cli import scaffold as commands
    from sqms.scaffold.origin import requirement_of

    wheel = direct_url(url="https://example.org/w/sqms-0.1.0-py3-none-any.whl", archive_info={})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(commands, "running_source", lambda extras: requirement_of(wheel, extras))
        result = CliRunner().invoke(main, ["new", str(tmp_path / "p"), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "注意" not in result.output and "警告" not in result.output
    lines = (tmp_path / "p/requirements.txt").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == "sqms[zh] @ https://example.org/w/sqms-0.1.0-py3-none-any.whl"


def test_the_next_steps_quote_the_folder(tmp_path: Path) -> None:
    target = tmp_path / "my manual"
    result = CliRunner().invoke(main, ["new", str(target)])
    assert f"  cd '{target.as_posix()}'\n" in result.output
    assert "  python -m mkdocs build\n" in result.output


# --- sqms doc new: the page goes into the nav --------------------------------------


def test_doc_new_adds_the_page_after_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "p"
    create_project(target, None, "zh")
    before = (target / "mkdocs.yml").read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main, ["doc", "new", "--project", str(target), "--id", "QP-02", "--title", "Complaints"]
    )
    assert result.exit_code == 0, result.output
    assert (
        "added “- procedures/qp-02-complaints.md” to the nav of mkdocs.yml (line 54)"
        in result.output
    )
    after = (target / "mkdocs.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    expected = before.splitlines(keepends=True)
    expected.insert(53, "      - procedures/qp-02-complaints.md\n")
    assert after == expected  # one line added, nothing else touched
    nav = yaml.safe_load("".join(after))["nav"]
    assert nav[3] == {
        "程序文件": ["procedures/qp-01-service-requests.md", "procedures/qp-02-complaints.md"]
    }


def test_doc_new_keeps_tags_and_comments(tmp_path: Path) -> None:
    target = tmp_path / "p"
    create_project(target, None, "en")
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("site_dir: site\n", "site_dir: !ENV [SITE_DIR, site]\n")
    text = text.replace(
        "  - Quality policy: policy/pol-01-quality-policy.md\n",
        "  - Quality policy: policy/pol-01-quality-policy.md  # the one policy\n  # policies end here\n",
    )
    config.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    result = CliRunner().invoke(
        main,
        [
            "doc",
            "new",
            "--project",
            str(target),
            "--id",
            "POL-02",
            "--title",
            "Privacy",
            "--type",
            "policy",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = config.read_bytes().decode("utf-8").split("\r\n")
    at = lines.index("  - Quality policy: policy/pol-01-quality-policy.md  # the one policy")
    assert lines[at + 1 : at + 3] == ["  - policy/pol-02-privacy.md", "  # policies end here"]
    assert "site_dir: !ENV [SITE_DIR, site]" in lines
    assert f"line {at + 2})" in result.output


def test_doc_new_says_where_when_no_list_has_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "p"
    create_project(target, None, "en")
    before = (target / "mkdocs.yml").read_bytes()
    result = CliRunner().invoke(
        main,
        [
            "doc",
            "new",
            "--project",
            str(target),
            "--id",
            "KB-01",
            "--title",
            "Refunds",
            "--type",
            "knowledge",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (target / "manual/knowledge/kb-01-refunds.md").is_file()
    assert (target / "mkdocs.yml").read_bytes() == before
    nav_line = before.decode().splitlines().index("nav:") + 1
    assert f"mkdocs.yml:{nav_line}: add “- knowledge/kb-01-refunds.md” to the nav" in result.output


def test_doc_new_says_where_in_a_flow_style_nav(tmp_path: Path) -> None:
    target = tmp_path / "p"
    create_project(target, None, "en")
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text[: text.index("nav:")] + "nav: [index.md, procedures/qp-01-service-requests.md]\n"
    config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["doc", "new", "--project", str(target), "--id", "QP-02", "--title", "Refunds"]
    )
    assert result.exit_code == 0, result.output
    assert config.read_text(encoding="utf-8") == text
    line = text.splitlines().index("nav: [index.md, procedures/qp-01-service-requests.md]") + 1
    assert f"mkdocs.yml:{line}: add “- procedures/qp-02-refunds.md” to the nav" in result.output
    assert "could not be added safely" in result.output


def test_doc_new_without_a_nav(tmp_path: Path) -> None:
    target = tmp_path / "p"
    create_project(target, None, "en")
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("nav:")], encoding="utf-8")
    result = CliRunner().invoke(
        main, ["doc", "new", "--project", str(target), "--id", "QP-02", "--title", "Refunds"]
    )
    assert result.exit_code == 0, result.output
    assert "mkdocs.yml has no nav: MkDocs lists the new page by itself" in result.output
    assert config.read_text(encoding="utf-8") == text[: text.index("nav:")]


def test_nav_plan_refuses_what_it_cannot_edit_safely() -> None:
    from sqms.scaffold.nav import NavChange, plan_insertion

    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        for p, c in zip("abcdefg", "bcdefgh", strict=True)
    )
    cases = {
        "nav: [a.md": NavChange.MANUAL,  # not YAML
        "- a\n- b\n": NavChange.MANUAL,  # not a mapping
        "nav: procedures/a.md\n": NavChange.MANUAL,  # not a list
        bomb + "nav:\n  - procedures/a.md\n": NavChange.MANUAL,  # expands past the bounds
        "nav:\n  - procedures/b.md\n": NavChange.ADDED,
        "nav:\n  - procedures/a.md\n": NavChange.LISTED,
        "nav:\n  - A: procedures/a.md\n": NavChange.LISTED,
        "nav:\n- Home: index.md\n": NavChange.NO_SIBLING,
        "nav:\n": NavChange.NO_NAV,
        "": NavChange.NO_NAV,
    }
    for text, change in cases.items():
        assert plan_insertion(text, "procedures/a.md").change is change, text


# --- Chinese search needs a segmenter (SQ832) -------------------------------------


@pytest.mark.parametrize(
    ("enabled", "theme", "search", "installed", "warned"),
    [
        (True, "zh", None, False, True),
        (True, "en", "zh", False, True),  # the search index alone is Chinese
        (True, "zh-Hant", ["en", "ja"], False, True),
        (True, "en", ["en", "zh"], False, True),
        (True, "zh", None, True, False),  # jieba installed
        (False, "zh", None, False, False),  # no search plugin
        (True, "en", None, False, False),
        (True, None, None, False, False),
        (True, "zhx", 3, False, False),  # not Chinese; a value that is no language
    ],
)
def test_segmenter_problem(
    enabled: bool, theme: object, search: object, installed: bool, warned: bool
) -> None:
    from sqms.diagnostics import Severity
    from sqms.site.search import segmenter_problem

    problem = segmenter_problem("mkdocs.yml", enabled, theme, search, installed)
    assert (problem is not None) is warned
    if problem is not None:
        assert (problem.code, problem.severity, problem.file) == (
            "SQ832",
            Severity.WARNING,
            "mkdocs.yml",
        )
        assert "sqms[zh]" in problem.format("en") and "jieba" in problem.format("zh")


def test_segmenter_is_found_here() -> None:
    """The suite installs jieba (the test extra), so the check finds it without importing it."""
    from sqms.site.search import segmenter_installed

    assert segmenter_installed()


def test_zh_extra_installs_jieba() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    extras = pyproject["project"]["optional-dependencies"]
    assert extras["zh"] == ["jieba>=0.42.1"]
    assert "jieba>=0.42.1" in extras["test"]
    assert extras_of("zh") == ("zh",) and extras_of("en") == ()
