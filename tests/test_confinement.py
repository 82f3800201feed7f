"""Nothing outside the project is read or published, and ``sqms check`` judges as the build does.

Symbolic links that leave ``manual/`` or ``data/`` are errors at check time
(their content is never echoed), the evidence pack refuses a site holding a
link out, a directive the build would reject is reported by ``sqms check`` at
its line, and a failed build leaves no site behind that could pass for a
complete one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sqms.cli.main import main
from sqms.diagnostics import ProjectError
from sqms.evidence.pack import write_pack
from sqms.text.markup import escape, link_target, relative_link
from tests.mini import INSTRUCTION, PROCEDURE, site_files
from tests.support.edits import edited
from tests.support.projects import ProjectFactory
from tests.support.sites import build_as_of_2026_11_24

SECRET = "sk-live-0123456789-do-not-publish"


@pytest.fixture
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file of the machine, outside any project, that must never be read."""
    path = tmp_path_factory.mktemp("outside") / "secrets.md"
    path.write_text(f"# Secrets\n\n{SECRET}\n", encoding="utf-8")
    return path


def check(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--project", str(root)])
    return result.exit_code, result.output


def test_link_out_of_the_manual_is_an_error(
    make_project: ProjectFactory, secret_file: Path
) -> None:
    root = make_project(site_files())
    (root / "manual" / "leak.md").symlink_to(secret_file)
    code, output = check(root)
    assert code == 1
    assert "manual/leak.md: a symbolic link that leads outside manual/" in output
    assert SECRET not in output and "Traceback" not in output


def test_link_out_of_the_data_folder_is_an_error(
    make_project: ProjectFactory, secret_file: Path
) -> None:
    root = make_project(site_files())
    (root / "data" / "extra").symlink_to(secret_file.parent, target_is_directory=True)
    code, output = check(root)
    assert code == 1
    assert "data/extra: a symbolic link that leads outside data/" in output
    assert SECRET not in output


def test_dangling_and_looping_links_are_errors(make_project: ProjectFactory) -> None:
    root = make_project(site_files())
    (root / "manual" / "gone.md").symlink_to(root / "nowhere.md")
    (root / "manual" / "loop.md").symlink_to(root / "manual" / "loop.md")
    code, output = check(root)
    assert code == 1
    assert "manual/gone.md: a symbolic link" in output
    assert "manual/loop.md: a symbolic link" in output


def test_link_inside_the_manual_is_fine(make_project: ProjectFactory) -> None:
    root = make_project(site_files())
    (root / "manual" / "reference").mkdir()
    (root / "manual" / "reference" / "home.md").symlink_to(root / "manual" / "index.md")
    code, output = check(root)
    assert code == 0, output


@pytest.mark.slow
def test_build_refuses_a_link_out_and_leaves_no_site(
    make_project: ProjectFactory, secret_file: Path
) -> None:
    root = make_project(site_files())
    assert build_as_of_2026_11_24(root).returncode == 0
    assert (root / "site" / "index.html").is_file()
    (root / "manual" / "leak.md").symlink_to(secret_file)
    done = build_as_of_2026_11_24(root)
    assert done.returncode != 0
    assert "manual/leak.md: a symbolic link that leads outside manual/" in done.stderr
    assert "Traceback" not in done.stderr
    # The earlier, complete site is gone: nothing left could pass for this build.
    assert not any((root / "site").rglob("*"))
    assert SECRET not in done.stderr


def test_evidence_pack_never_follows_a_link_out(tmp_path: Path, secret_file: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>ok</p>", encoding="utf-8")
    (site / "leak.html").symlink_to(secret_file)
    target = tmp_path / "pack.zip"
    with pytest.raises(ProjectError) as caught:
        write_pack(target, site, {})
    assert "site/leak.html: the built site holds a symbolic link" in str(caught.value)
    assert not target.exists()


def test_check_reports_a_directive_the_build_would_reject(make_project: ProjectFactory) -> None:
    page = edited(
        PROCEDURE,
        "Use [[WI-01-01]] for the greeting.\n",
        "Use [[WI-01-01]] for the greeting.\n\n<!-- sqms:chart fsat by=channel -->\n"
        "Now <!-- sqms:value fast show=everything --> and <!-- sqms:chart fast --> inline.\n",
    )
    assert page != PROCEDURE
    root = make_project(
        site_files(
            **{"manual/procedures/qp-01.md": page, "manual/instructions/wi-01-01.md": INSTRUCTION}
        )
    )
    code, output = check(root)
    assert code == 1
    assert (
        'manual/procedures/qp-01.md:17: unknown indicator "fsat" (did you mean "fast"?)' in output
    )
    assert "manual/procedures/qp-01.md:18: " in output
    assert "Traceback" not in output


def test_check_fails_on_warnings_when_the_build_is_strict(make_project: ProjectFactory) -> None:
    files = site_files()
    files["mkdocs.yml"] = "strict: true\n" + files["mkdocs.yml"]
    root = make_project(files)
    code, output = check(root)
    assert code == 0, output  # no warning, no failure
    # A data file with a header and no rows is a warning; strict, it fails the check.
    complaints = root / "data" / "complaints.csv"
    complaints.write_text(complaints.read_text("utf-8").splitlines()[0] + "\n", "utf-8")
    code, output = check(root)
    assert "data/complaints.csv:1: warning: the file has a header but no rows" in output
    assert code == 1
    assert "strict: true" in output


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("</title><script>x</script>", "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;"),
        ("[a](javascript:x)", "&#91;a&#93;(javascript:x)"),
        ("a {: onclick=x }", "a &#123;: onclick=x &#125;"),
        ("**b** _i_ `c` # h", "&#42;&#42;b&#42;&#42; &#95;i&#95; &#96;c&#96; &#35; h"),
        ("- item", "&#45; item"),
        ("1. first", "1&#46; first"),
        ("===", "&#61;=="),
        ("a | b\nc\r\nd", "a &#124; b c d"),
        ("frt_within_4h 2.1 -5%", "frt_within_4h 2.1 -5%"),
        ("\x00\x1bnul", "nul"),
    ],
)
def test_escape_makes_text_inert(text: str, expected: str) -> None:
    assert escape(text) == expected


def test_link_targets_are_quoted() -> None:
    assert link_target("a b)/[x](javascript:y).md") == "a%20b%29/%5Bx%5D%28javascript%3Ay%29.md"
    assert relative_link("registers/actions/ACT-1.md#s", "registers/actions.md") == (
        "actions/ACT-1.md#s"
    )
