"""SSH signatures of evidence: sign a pack, verify it, and every way verification must fail.

The tests make real ed25519 keys with ssh-keygen. They are skipped where
ssh-keygen is missing, except under CI (``CI`` set), which always installs it
(``.ci/run``): there a missing ssh-keygen fails them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sqms.diagnostics import Diagnostic, ProjectError
from sqms.evidence.pack import write_pack
from sqms.evidence.signing import (
    NAMESPACE,
    sign_file,
    signature_path,
    verify_signature,
)
from sqms.i18n import t, use_language

PRINCIPAL = "quality@example"


@pytest.fixture
def ssh_keygen() -> str:
    """The ssh-keygen command; skipped (or failed under CI) when it is missing."""
    found = shutil.which("ssh-keygen")
    if found is None:
        reason = "ssh-keygen is not installed (Debian: openssh-client)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI is set: the signature tests must run there", pytrace=False)
        pytest.skip(reason)
    return found


def make_key(tool: str, folder: Path, name: str, comment: str, passphrase: str = "") -> Path:
    key = folder / name
    subprocess.run(
        [tool, "-t", "ed25519", "-N", passphrase, "-C", comment, "-f", str(key), "-q"],
        check=True,
        stdin=subprocess.DEVNULL,
    )
    return key


def allowed_line(principal: str, key: Path, options: str = f'namespaces="{NAMESPACE}"') -> str:
    key_type, blob = key.with_name(key.name + ".pub").read_text().split()[:2]
    return f"{principal} {options} {key_type} {blob}\n"


@pytest.fixture
def signer(ssh_keygen: str, tmp_path: Path) -> tuple[Path, Path, Path]:
    """A key, the allowed signers file naming it, and a small evidence pack."""
    keys = tmp_path / "keys"
    keys.mkdir()
    key = make_key(ssh_keygen, keys, "id_ed25519", PRINCIPAL)
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(allowed_line(PRINCIPAL, key))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<h1>Quality manual</h1>\n")
    pack = write_pack(tmp_path / "out" / "evidence-2026-Q3.zip", site, {"SHA256SUMS": "x  y\n"})
    return key, allowed, pack


def messages(problems: list[Diagnostic]) -> list[str]:
    return [problem.format() for problem in problems]


def test_sign_then_verify_finds_the_principal(signer: tuple[Path, Path, Path]) -> None:
    key, allowed, pack = signer
    written = sign_file(pack, key)
    assert written == signature_path(pack) == pack.with_name("evidence-2026-Q3.zip.sig")
    assert written.read_text().startswith("-----BEGIN SSH SIGNATURE-----")
    # Nothing else is left beside the pack: the signature was put in place in one step.
    assert sorted(p.name for p in pack.parent.iterdir()) == [pack.name, written.name]

    problems, principal = verify_signature(pack, written, allowed, None)
    assert problems == []
    assert principal == PRINCIPAL


def test_verify_with_the_identity_given(signer: tuple[Path, Path, Path]) -> None:
    key, allowed, pack = signer
    signature = sign_file(pack, key)
    assert verify_signature(pack, signature, allowed, PRINCIPAL) == ([], PRINCIPAL)


def test_verify_as_someone_else_says_who_signed(signer: tuple[Path, Path, Path]) -> None:
    key, allowed, pack = signer
    signature = sign_file(pack, key)
    problems, principal = verify_signature(pack, signature, allowed, "director@example")
    assert principal is None
    assert messages(problems) == [
        f"{signature.as_posix()}: signed by {PRINCIPAL}, not by director@example"
    ]


def test_one_changed_byte_fails_at_the_file(signer: tuple[Path, Path, Path]) -> None:
    key, allowed, pack = signer
    signature = sign_file(pack, key)
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0x01
    pack.write_bytes(bytes(data))

    problems, principal = verify_signature(pack, signature, allowed, None)
    assert principal is None
    assert len(problems) == 1
    assert problems[0].file == pack.as_posix()
    text = problems[0].format()
    assert text.startswith(
        f"{pack.as_posix()}: the file does not match its signature {signature.as_posix()}: "
        "it was changed after it was signed"
    )
    assert "\n" not in text
    # The same with the identity given.
    problems, principal = verify_signature(pack, signature, allowed, PRINCIPAL)
    assert principal is None
    assert [problem.file for problem in problems] == [pack.as_posix()]


def test_a_key_not_in_allowed_signers_fails(
    ssh_keygen: str, signer: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, allowed, pack = signer
    stranger = make_key(ssh_keygen, tmp_path / "keys", "stranger", "stranger@example")
    signature = sign_file(pack, stranger)

    for identity in (None, PRINCIPAL):
        problems, principal = verify_signature(pack, signature, allowed, identity)
        assert principal is None
        assert len(problems) == 1
        assert problems[0].file == signature.as_posix()
        assert problems[0].message.startswith(
            f"signed by a key that is not in {allowed.as_posix()} (key SHA256:"
        )
        assert problems[0].message.endswith("(No principal matched.)")
    # A line of the allowed signers file that ssh-keygen cannot read is named.
    allowed.write_text("quality@example ssh-ed25519\n")
    problems, _ = verify_signature(pack, signature, allowed, None)
    assert problems[0].message.endswith(f"({allowed.as_posix()}:1: missing key)")


def test_a_signature_for_another_namespace_fails(
    ssh_keygen: str, signer: tuple[Path, Path, Path]
) -> None:
    key, allowed, pack = signer
    # A signature the same key made for git (a signed commit, say) is no evidence signature,
    # even when the allowed signers file does not restrict the key's namespaces.
    allowed.write_text(allowed_line(PRINCIPAL, key, options=""))
    subprocess.run(
        [ssh_keygen, "-Y", "sign", "-f", str(key), "-n", "git", str(pack)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    signature = signature_path(pack)
    problems, principal = verify_signature(pack, signature, allowed, None)
    assert principal is None
    assert messages(problems) == [
        f'{signature.as_posix()}: this signature was made for "git", not "sqms-evidence": '
        "a signature made for another purpose (a git commit, say) is no evidence signature"
    ]


def test_a_key_restricted_to_git_cannot_sign_evidence(
    signer: tuple[Path, Path, Path],
) -> None:
    key, allowed, pack = signer
    signature = sign_file(pack, key)
    allowed.write_text(allowed_line(PRINCIPAL, key, options='namespaces="git"'))
    problems, principal = verify_signature(pack, signature, allowed, None)
    assert principal is None
    assert [problem.file for problem in problems] == [signature.as_posix()]
    assert problems[0].message.startswith(
        f"the signature matches the file, but {allowed.as_posix()} does not accept its key "
        "for evidence signatures (its namespaces or validity dates; "
    )


def test_missing_files_are_located(signer: tuple[Path, Path, Path], tmp_path: Path) -> None:
    _, allowed, pack = signer
    missing = signature_path(pack)
    problems, principal = verify_signature(pack, missing, allowed, None)
    assert principal is None
    assert messages(problems) == [
        f"{missing.as_posix()}: signature file not found: the publisher's sqms evidence "
        "--sign writes it beside the pack, named as the pack plus .sig"
    ]
    nowhere = tmp_path / "nowhere"
    problems, _ = verify_signature(nowhere / "a.zip", missing, nowhere / "allowed", None)
    assert sorted(problem.file for problem in problems) == sorted(
        [(nowhere / "a.zip").as_posix(), missing.as_posix(), (nowhere / "allowed").as_posix()]
    )


def test_not_a_signature(signer: tuple[Path, Path, Path]) -> None:
    _, allowed, pack = signer
    forged = signature_path(pack)
    forged.write_text(
        "-----BEGIN SSH SIGNATURE-----\nbm90IGEgc2lnbmF0dXJl\n-----END SSH SIGNATURE-----\n"
    )
    problems, principal = verify_signature(pack, forged, allowed, None)
    assert principal is None
    assert [problem.file for problem in problems] == [forged.as_posix()]
    assert problems[0].message.startswith("not an SSH signature")


def test_signing_again_replaces_the_signature(
    ssh_keygen: str, signer: tuple[Path, Path, Path]
) -> None:
    key, allowed, pack = signer
    first = sign_file(pack, key)
    pack.write_bytes(pack.read_bytes() + b"\n")  # a rebuilt pack
    assert verify_signature(pack, first, allowed, None)[1] is None
    second = sign_file(pack, key)  # ssh-keygen alone would stop and ask before overwriting
    assert second == first
    assert verify_signature(pack, second, allowed, None) == ([], PRINCIPAL)
    assert sorted(p.name for p in pack.parent.iterdir()) == [pack.name, second.name]


def test_sign_problems_are_located_at_the_key(
    ssh_keygen: str, signer: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    key, _, pack = signer
    missing_key = key.with_name("id_missing")
    with pytest.raises(ProjectError) as raised:
        sign_file(pack, missing_key)
    assert [d.file for d in raised.value.diagnostics] == [missing_key.as_posix()]

    # A key protected by a passphrase, and no agent: an error, never a prompt or a wait.
    monkeypatch.delenv("SSH_AUTH_SOCK", raising=False)
    locked = make_key(ssh_keygen, key.parent, "locked", PRINCIPAL, passphrase="secret words")
    with pytest.raises(ProjectError) as raised:
        sign_file(pack, locked)
    assert messages(raised.value.diagnostics) == [
        f"{locked.as_posix()}: the key is protected by a passphrase and no SSH agent holds it: "
        "add it with ssh-add, then sign again"
    ]
    assert not signature_path(pack).exists()

    # A private key others can read: ssh-keygen refuses it, and the message says how to fix it.
    shared = key.with_name("shared")
    shutil.copyfile(key, shared)
    shared.chmod(0o644)
    with pytest.raises(ProjectError) as raised:
        sign_file(pack, shared)
    assert messages(raised.value.diagnostics) == [
        f"{shared.as_posix()}: others can read this private key, so ssh-keygen refuses it: "
        "make it readable by you alone (chmod 600)"
    ]

    # Not a key at all.
    pack_as_key = pack
    with pytest.raises(ProjectError) as raised:
        sign_file(pack, pack_as_key)
    assert [d.file for d in raised.value.diagnostics] == [pack.as_posix()]
    assert raised.value.diagnostics[0].message.startswith(
        "ssh-keygen could not sign with this key ("
    )
    assert not signature_path(pack).exists()


def test_without_ssh_keygen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = tmp_path / "evidence.zip"
    pack.write_bytes(b"PK\x05\x06" + bytes(18))
    key = tmp_path / "id_ed25519"
    key.write_text("not used\n")
    allowed = tmp_path / "allowed_signers"
    allowed.write_text(f"{PRINCIPAL} ssh-ed25519 AAAA\n")
    signature = signature_path(pack)
    signature.write_text("-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))

    with pytest.raises(ProjectError) as raised:
        sign_file(pack, key)
    assert messages(raised.value.diagnostics) == [
        f"{pack.as_posix()}: {t('signing.no_ssh_keygen')}"
    ]
    assert "Traceback" not in str(raised.value)

    problems, principal = verify_signature(pack, signature, allowed, PRINCIPAL)
    assert principal is None
    assert messages(problems) == [f"{signature.as_posix()}: {t('signing.no_ssh_keygen')}"]
    with use_language("zh"):
        problems, _ = verify_signature(pack, signature, allowed, None)
    assert problems[0].message.startswith("未安装 ssh-keygen")


def test_hostile_identity_is_no_command(
    signer: tuple[Path, Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    key, allowed, pack = signer
    signature = sign_file(pack, key)
    monkeypatch.chdir(tmp_path)
    hostile = "x$(touch owned); touch owned2 `touch owned3`\n" + "-" * 500
    problems, principal = verify_signature(pack, signature, allowed, hostile)
    assert principal is None
    assert not list(tmp_path.glob("owned*"))
    assert len(problems) == 1
    text = problems[0].format()
    assert "\n" not in text and len(text) < 400
    assert text.startswith(f"{signature.as_posix()}: signed by {PRINCIPAL}, not by x$(touch")

    problems, _ = verify_signature(pack, signature, allowed, "  ")
    assert [problem.file for problem in problems] == [allowed.as_posix()]


def test_messages_in_chinese(signer: tuple[Path, Path, Path]) -> None:
    key, allowed, pack = signer
    signature = sign_file(pack, key)
    pack.write_bytes(pack.read_bytes() + b"\0")
    with use_language("zh"):
        problems, _ = verify_signature(pack, signature, allowed, None)
    assert problems[0].message.startswith(f"文件与其签名 {signature.as_posix()} 不符")
