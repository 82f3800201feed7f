"""Evidence that verifies itself: every published byte, the commit, and a pack checked on its own.

A small project is committed to git and built strictly; ``sqms verify``
must then name each kind of tampering — a page, the results JSON, a field of
the manifest, the manifest's commit, a checkout at another commit, a member
of an evidence pack — on its own line, exit 1, and accept the untouched
site and pack. The pack is verified in another folder with no repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sqms.cli.main import main
from tests.mini import site_files
from tests.support.edits import edit_file, edited
from tests.support.projects import write_project
from tests.support.sites import build_as_of_2026_11_24

pytestmark = pytest.mark.slow


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Q",
        "GIT_AUTHOR_EMAIL": "q@example.com",
        "GIT_COMMITTER_NAME": "Q",
        "GIT_COMMITTER_EMAIL": "q@example.com",
    }
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def committed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed project, built strictly into ``site/`` (ignored by git), once per module.

    Never handed to a test as it is: the tests tamper with what they get, so
    each gets its own copy (the ``built`` fixture).
    """
    files = site_files()
    files[".gitignore"] = "site/\n*.zip\n"
    root = write_project(tmp_path_factory.mktemp("committed") / "project", files)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Quality manual")
    done = build_as_of_2026_11_24(root)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def built(committed_build: Path, tmp_path: Path) -> Path:
    """This test's own copy of the committed, built project (repository and site), to tamper with.

    A copy costs far less than a build, and is the same bytes: the same
    commit, the same site, the same manifest.
    """
    return Path(shutil.copytree(committed_build, tmp_path / "project", symlinks=True))


def verify(root: Path, target: str, *extra: str) -> Result:
    return CliRunner().invoke(main, ["verify", target, "--project", str(root), *extra])


def manifest_of(root: Path) -> Path:
    return root / "site" / "sqms" / "manifest.json"


def assert_names(result: Result, *fragments: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    for fragment in fragments:
        assert any(fragment in line for line in lines), result.output
    assert "Traceback" not in result.output


def test_manifest_lists_every_published_file(built: Path) -> None:
    site = built / "site"
    listed = {item["path"] for item in json.loads(manifest_of(built).read_text())["site"]}
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert listed == on_disk - {"sqms/manifest.json"}
    assert {"index.html", "quality-plan.html", "sqms/indicators.json"} <= listed
    result = verify(built, str(manifest_of(built)))
    assert result.exit_code == 0, result.output
    assert "published files" in result.output


@pytest.mark.parametrize(
    ("target", "old", "new"),
    [
        ("quality-plan.html", ">Quality plan</h1>", ">Quality plam</h1>"),
        ("sqms/indicators.json", '"name": "Tickets"', '"name": "Tickats"'),
    ],
)
def test_a_changed_published_file_is_named(built: Path, target: str, old: str, new: str) -> None:
    edit_file(built / "site" / target, old, new)
    assert_names(
        verify(built, str(manifest_of(built))),
        f"site/{target}: the published file differs from the manifest",
    )


def test_removed_and_added_files_are_named(built: Path) -> None:
    (built / "site" / "quality-plan.html").unlink()
    (built / "site" / "extra.html").write_text("<p>not published by the build</p>", "utf-8")
    assert_names(
        verify(built, str(manifest_of(built))),
        "site/quality-plan.html: a published file listed in the manifest is missing",
        "site/extra.html: a file that the manifest does not list was added to the site",
    )


def test_a_manifest_that_contradicts_itself_is_named(built: Path) -> None:
    path = manifest_of(built)
    document = json.loads(path.read_text("utf-8"))
    document["indicators"]["fast"]["definition"]["name"] = "Answered at once"
    path.write_text(json.dumps(document), "utf-8")
    assert_names(
        verify(built, str(path)),
        "the manifest contradicts itself: the definition of fast does not have the hash",
    )


def test_the_commit_is_checked(built: Path) -> None:
    path = manifest_of(built)
    document = json.loads(path.read_text("utf-8"))
    head = git(built, "rev-parse", "HEAD")
    assert document["commit"] == head and document["tree_clean"] is True
    document["commit"] = "0" * 40
    path.write_text(json.dumps(document), "utf-8")
    assert_names(
        verify(built, str(path)),
        f"the checkout is at commit {head}, the manifest was built from {'0' * 40}",
    )


def test_a_checkout_at_another_commit_is_named(built: Path) -> None:
    built_from = git(built, "rev-parse", "HEAD")
    git(built, "commit", "-q", "--allow-empty", "-m", "Later")
    head = git(built, "rev-parse", "HEAD")
    assert_names(
        verify(built, str(manifest_of(built))),
        f"the checkout is at commit {head}, the manifest was built from {built_from}",
    )


def test_an_evidence_pack_verifies_on_its_own_and_names_a_changed_member(
    built: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    made = CliRunner().invoke(
        main, ["evidence", "--project", str(built), "--out", str(built / "pack.zip")]
    )
    assert made.exit_code == 0, made.output
    elsewhere = tmp_path_factory.mktemp("auditor")
    pack = elsewhere / "pack.zip"
    shutil.copy(built / "pack.zip", pack)
    assert not (elsewhere / ".git").exists()
    good = CliRunner().invoke(main, ["verify", str(pack), "--project", str(elsewhere)])
    assert good.exit_code == 0, good.output
    assert "verifying without a git checkout" in good.output
    # An auditor's copy with one page changed inside the pack.
    forged = elsewhere / "forged.zip"
    with zipfile.ZipFile(pack) as source, zipfile.ZipFile(forged, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "site/quality-plan.html":
                data = edited(data, b">Quality plan</h1>", b">Quality plam</h1>")
            target.writestr(entry, data)
    bad = CliRunner().invoke(main, ["verify", str(forged), "--project", str(elsewhere)])
    assert_names(bad, "forged.zip:site/quality-plan.html: the published file differs")


def test_a_pack_entry_outside_the_pack_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "evil.zip"
    with zipfile.ZipFile(pack, "w") as archive:
        archive.writestr("manifest.json", "{}")
        archive.writestr("../outside.txt", "escaped")
    result = CliRunner().invoke(main, ["verify", str(pack), "--project", str(tmp_path)])
    assert_names(result, 'evil.zip: the entry "../outside.txt" would unpack outside the pack')
    assert not (tmp_path.parent / "outside.txt").exists()


def test_a_signed_pack_names_its_publisher_and_refuses_a_forgery(
    built: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    if shutil.which("ssh-keygen") is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set: ssh-keygen must be installed (.ci/run does)")
        pytest.skip("ssh-keygen is not installed")
    keys = tmp_path_factory.mktemp("keys")
    key = keys / "publisher"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "quality@example", "-f", str(key)],
        check=True,
        capture_output=True,
    )
    public = (keys / "publisher.pub").read_text().split()
    allowed = keys / "allowed_signers"
    allowed.write_text(f'quality@example namespaces="sqms-evidence" {public[0]} {public[1]}\n')
    pack = built / "pack.zip"
    made = CliRunner().invoke(
        main, ["evidence", "--project", str(built), "--out", str(pack), "--sign", str(key)]
    )
    assert made.exit_code == 0, made.output
    signature = built / "pack.zip.sig"
    assert signature.is_file()
    check = ["--signature", str(signature), "--allowed-signers", str(allowed)]
    good = CliRunner().invoke(main, ["verify", str(pack), "--project", str(built), *check])
    assert good.exit_code == 0, good.output
    assert "signed by quality@example" in good.output
    with pack.open("ab") as handle:  # one byte more: not the bytes that were signed
        handle.write(b"\0")
    bad = CliRunner().invoke(main, ["verify", str(pack), "--project", str(built), *check])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
