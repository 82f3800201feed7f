"""SSH signatures of evidence: who published exactly these bytes.

An evidence pack (``sqms evidence``) or a site's ``sqms/manifest.json`` is
signed with an SSH key, exactly as git signs commits: ``ssh-keygen -Y sign``
makes a detached signature beside the file (``evidence-2026-Q3.zip.sig``), and
``ssh-keygen -Y verify`` checks it against an *allowed signers* file, the list
of the keys an auditor trusts and the person or role each belongs to. The tool
is OpenSSH's own, works offline and needs no key server.

What a good signature proves: the holder of a key listed in the allowed
signers file, under the principal the check names (for example
``quality@northwind.example``), signed exactly these bytes; one changed byte
and the check fails. What it does not prove: that the numbers in the pack are
right, that the data behind them is complete or true, or that the key was
kept safe. Recomputing every number from the inputs is ``sqms verify``'s
other job (:mod:`sqms.evidence.verify`); the signature tells who vouches for
what was recomputed.

Every signature is made in the namespace :data:`NAMESPACE`. An SSH signature
covers its namespace as well as the file, so a signature the same key made for
another purpose — a git commit or tag (namespace ``git``), a file signed by
hand — can never be replayed as an evidence signature, and an evidence signature
cannot pass for a commit's. The allowed signers file can also restrict a key
to this namespace (``namespaces="sqms-evidence"``).

ssh-keygen always runs without a shell, with its arguments as a list, no
terminal, no password prompt and a time limit: a key protected by a passphrase
must be held by an SSH agent. Problems are located diagnostics, never a
traceback: :func:`sign_file` raises :class:`~sqms.diagnostics.ProjectError`,
:func:`verify_signature` returns them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqms.diagnostics import Diagnostic, ProjectError, shorten
from sqms.i18n import nt, t

NAMESPACE = "sqms-evidence"
"""The ``-n`` namespace of every evidence signature (see the module's description)."""
SSH_KEYGEN = "ssh-keygen"
SUFFIX = ".sig"
"""The signature of ``evidence-2026-Q3.zip`` is ``evidence-2026-Q3.zip.sig`` (ssh-keygen's name)."""
TIMEOUT = 60
"""Seconds one run of ssh-keygen may take (a hardware key may wait for a touch)."""
MAX_SIGNATURE = 64 * 1024
"""The largest signature file read: a real one is under 2 KB, whatever the key."""
DETAIL = 160
"""The most characters of ssh-keygen's own words quoted in a message."""

_ARMOUR_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_ARMOUR_END = "-----END SSH SIGNATURE-----"
_MAGIC = b"SSHSIG"

_Outcome = subprocess.CompletedProcess[str] | Diagnostic
"""What running ssh-keygen gave: its result, or why it could not run (not yet located)."""


def signature_path(path: Path) -> Path:
    """Where the signature of ``path`` is written and looked for: ``path`` plus ``.sig``."""
    return path.with_name(path.name + SUFFIX)


def ssh_keygen_available() -> bool:
    """Whether ``ssh-keygen`` is on the path."""
    return shutil.which(SSH_KEYGEN) is not None


# --- signing ---------------------------------------------------------------


def sign_file(path: Path, key: Path) -> Path:
    """Sign ``path`` with the SSH ``key`` and return the signature file, ``path`` + ``.sig``.

    ``key`` is a private key file, or a public key whose private key an SSH
    agent holds (as git's ``user.signingkey``). The signature is made by
    ``ssh-keygen -Y sign -f KEY -n sqms-evidence FILE`` and put in place whole
    or not at all, replacing an older one: a failed run leaves the previous
    signature, or none, never a partial file.

    Raises :class:`~sqms.diagnostics.ProjectError` located at the key or the
    file when ssh-keygen is missing, the file or the key is missing, the key
    cannot be used (unreadable, too open, or protected by a passphrase with no
    agent holding it) or ssh-keygen fails or takes too long.
    """
    target = signature_path(path)
    where, key_where = path.as_posix(), key.as_posix()
    tool = shutil.which(SSH_KEYGEN)
    problems: list[Diagnostic] = []
    if tool is None:
        problems.append(Diagnostic(where, None, t("signing.no_ssh_keygen")))
    if not path.is_file():
        problems.append(Diagnostic(where, None, t("signing.file_missing")))
    if not key.is_file():
        problems.append(Diagnostic(key_where, None, t("signing.key_missing")))
    if problems or tool is None:
        raise ProjectError(problems)
    try:
        with tempfile.TemporaryDirectory(prefix=f".{target.name}.", dir=target.parent) as folder:
            # ssh-keygen writes FILE.sig itself, and asks before replacing one: it signs a
            # stand-in for the file in a private folder beside it, and the signature is
            # then renamed into place in one step.
            stand_in = Path(folder) / path.name
            try:
                stand_in.hardlink_to(path)
            except OSError:  # a file system without hard links
                stand_in.symlink_to(path.resolve())
            arguments = ["-Y", "sign", "-f", _argument(key), "-n", NAMESPACE, str(stand_in)]
            done = _run(tool, arguments, subprocess.DEVNULL)
            produced = signature_path(stand_in)
            if isinstance(done, Diagnostic) or done.returncode != 0 or not produced.is_file():
                raise ProjectError([_sign_problem(done, key_where)])
            produced.chmod(0o644)
            produced.replace(target)
    except OSError as exc:
        raise ProjectError(
            [Diagnostic(target.as_posix(), None, t("signing.cannot_write", problem=shorten(exc)))]
        ) from None
    return target


def _sign_problem(done: _Outcome, key_where: str) -> Diagnostic:
    """The diagnostic for a signing run that failed, located at the key."""
    if isinstance(done, Diagnostic):
        return Diagnostic(key_where, None, done.message)
    said = done.stderr.lower()
    if "passphrase" in said:
        return Diagnostic(key_where, None, t("signing.key_passphrase"))
    if "too open" in said:
        return Diagnostic(key_where, None, t("signing.key_too_open"))
    return Diagnostic(key_where, None, t("signing.sign_failed", detail=_detail(done)))


# --- verifying -------------------------------------------------------------


def verify_signature(
    path: Path, signature: Path, allowed_signers: Path, identity: str | None
) -> tuple[list[Diagnostic], str | None]:
    """Check that ``signature`` is a good evidence signature of ``path`` by an allowed signer.

    ``allowed_signers`` is in the format of git's ``gpg.ssh.allowedSignersFile``
    (one ``principal [options] key-type key`` per line). With ``identity``,
    the signature must be that principal's; without, the principal is looked
    up by the signing key (``ssh-keygen -Y find-principals``). The file is
    then checked by ``ssh-keygen -Y verify -f ALLOWED -I PRINCIPAL -n
    sqms-evidence -s SIGNATURE``, reading it on its standard input.

    Returns the problems found (empty when the signature is good) and the
    principal that signed, or None when it could not be verified.
    """
    where, signature_where = path.as_posix(), signature.as_posix()
    allowed_where = allowed_signers.as_posix()
    problems: list[Diagnostic] = []
    tool = shutil.which(SSH_KEYGEN)
    if tool is None:
        problems.append(Diagnostic(signature_where, None, t("signing.no_ssh_keygen")))
    if not path.is_file():
        problems.append(Diagnostic(where, None, t("signing.file_missing")))
    if not signature.is_file():
        problems.append(Diagnostic(signature_where, None, t("signing.signature_missing")))
    if not allowed_signers.is_file():
        problems.append(Diagnostic(allowed_where, None, t("signing.allowed_missing")))
    if identity is not None and not identity.strip():
        problems.append(Diagnostic(allowed_where, None, t("signing.empty_identity")))
    if problems or tool is None:
        return problems, None

    parsed = _read_signature(signature)
    if parsed is None:
        return [Diagnostic(signature_where, None, t("signing.not_signature"))], None
    if parsed.namespace != NAMESPACE:
        message = t(
            "signing.namespace", namespace=shorten(parsed.namespace, 40), expected=NAMESPACE
        )
        return [Diagnostic(signature_where, None, message)], None

    found = _run(
        tool,
        ["-Y", "find-principals", "-s", _argument(signature), "-f", _argument(allowed_signers)],
        subprocess.DEVNULL,
    )
    if isinstance(found, Diagnostic):
        return [Diagnostic(signature_where, None, found.message)], None
    principals = [line.strip() for line in found.stdout.splitlines() if line.strip()]
    if found.returncode != 0 or not principals:
        message = t(
            "signing.unknown_signer",
            key=parsed.fingerprint,
            allowed=allowed_where,
            detail=_detail(found, skip=("No principal matched",)),
        )
        return [Diagnostic(signature_where, None, message)], None

    candidates = [identity] if identity is not None else principals
    failed: subprocess.CompletedProcess[str] | None = None
    for principal in candidates:
        outcome = _verify_as(tool, path, signature, allowed_signers, principal)
        if isinstance(outcome, Diagnostic):
            return [Diagnostic(signature_where, None, outcome.message)], None
        if outcome.returncode == 0:
            return [], principal
        failed = failed or outcome
    assert failed is not None

    # Why not? First: do these bytes match the signature at all, whoever made it?
    arguments = ["-Y", "check-novalidate", "-n", NAMESPACE, "-s", _argument(signature)]
    matched = _run_on(tool, path, arguments)
    if isinstance(matched, Diagnostic):
        return [Diagnostic(signature_where, None, matched.message)], None
    if matched.returncode != 0:
        message = t("signing.bad_signature", signature=signature_where, detail=_detail(matched))
        return [Diagnostic(where, None, message)], None
    if identity is not None:
        # Told whose signature to expect: is it a good signature of someone else?
        for principal in principals:
            outcome = _verify_as(tool, path, signature, allowed_signers, principal)
            if not isinstance(outcome, Diagnostic) and outcome.returncode == 0:
                message = t(
                    "signing.wrong_identity",
                    principal=shorten(principal),
                    identity=shorten(identity),
                )
                return [Diagnostic(signature_where, None, message)], None
    # The bytes are the signed ones, but the allowed signers file does not accept the key for
    # this use now (a namespaces= restriction, valid-after / valid-before dates).
    message = t("signing.not_allowed", allowed=allowed_where, detail=_detail(failed))
    return [Diagnostic(signature_where, None, message)], None


def _verify_as(
    tool: str, path: Path, signature: Path, allowed_signers: Path, principal: str
) -> _Outcome:
    """One ``ssh-keygen -Y verify`` of ``path`` as signed by ``principal``."""
    arguments = ["-Y", "verify", "-f", _argument(allowed_signers), "-I", principal]
    arguments += ["-n", NAMESPACE, "-s", _argument(signature)]
    return _run_on(tool, path, arguments)


def _run_on(tool: str, path: Path, arguments: list[str]) -> _Outcome:
    """Run ssh-keygen with the bytes of ``path`` on its standard input."""
    try:
        with path.open("rb") as content:
            return _run(tool, arguments, content)
    except OSError as exc:
        return Diagnostic(path.as_posix(), None, t("signing.run_failed", problem=shorten(exc)))


@dataclass(frozen=True)
class _Signature:
    """What a signature file says about itself (PROTOCOL.sshsig): no trust in it yet."""

    namespace: str
    fingerprint: str


def _read_signature(signature: Path) -> _Signature | None:
    """The namespace and key fingerprint of an armoured SSH signature, or None if it is none."""
    try:
        with signature.open("rb") as handle:
            raw = handle.read(MAX_SIGNATURE + 1)
    except OSError:
        return None
    if len(raw) > MAX_SIGNATURE:
        return None
    text = raw.decode("ascii", errors="replace").strip()
    if not (text.startswith(_ARMOUR_BEGIN) and text.endswith(_ARMOUR_END)):
        return None
    body = "".join(text[len(_ARMOUR_BEGIN) : len(text) - len(_ARMOUR_END)].split())
    try:
        blob = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return None
    if not blob.startswith(_MAGIC) or len(blob) < len(_MAGIC) + 4:
        return None
    offset = len(_MAGIC) + 4  # the magic, then the version
    fields: list[bytes] = []
    for _ in range(2):  # the public key, then the namespace
        if offset + 4 > len(blob):
            return None
        (size,) = struct.unpack_from(">I", blob, offset)
        offset += 4
        if offset + size > len(blob):
            return None
        fields.append(blob[offset : offset + size])
        offset += size
    key, namespace = fields
    digest = base64.b64encode(hashlib.sha256(key).digest()).decode("ascii").rstrip("=")
    return _Signature(namespace.decode("utf-8", errors="replace"), f"SHA256:{digest}")


# --- running ssh-keygen ----------------------------------------------------


def _run(tool: str, arguments: list[str], stdin: int | IO[bytes]) -> _Outcome:
    """Run ssh-keygen with no shell, no terminal and no prompt, within :data:`TIMEOUT`.

    The diagnostic it may return has no location yet: the caller knows which
    file the problem belongs to.
    """
    environment = dict(os.environ)
    environment["SSH_ASKPASS_REQUIRE"] = "never"  # no graphical password prompt either
    try:
        return subprocess.run(  # noqa: S603 - ssh-keygen with arguments as a list, no shell
            [tool, *arguments], stdin=stdin, capture_output=True, text=True,
            encoding="utf-8", errors="replace", env=environment, timeout=TIMEOUT,
            check=False, start_new_session=True,  # no controlling terminal: nothing can prompt
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return Diagnostic("", None, nt("signing.timeout", TIMEOUT, seconds=TIMEOUT))
    except OSError as exc:
        return Diagnostic("", None, t("signing.run_failed", problem=shorten(exc)))


def _argument(path: Path) -> str:
    """``path`` as an argument ssh-keygen cannot take for an option or for standard input."""
    text = str(path)
    return text if not text.startswith("-") else str(Path.cwd() / path)


_CHATTER = ("Signing file ", "Write signature to ", 'Good "')


def _detail(done: subprocess.CompletedProcess[str], skip: tuple[str, ...] = ()) -> str:
    """ssh-keygen's own explanation of a failure: its last line that says something.

    Lines starting with one of ``skip`` are quoted only when nothing else is said.
    """
    for ignored in (_CHATTER + skip, _CHATTER):
        for stream in (done.stderr, done.stdout):
            told = [line.strip() for line in stream.splitlines() if line.strip()]
            told = [line for line in told if not line.startswith(ignored)]
            if told:
                return shorten(told[-1], DETAIL)
    return t("signing.no_detail", code=done.returncode)
