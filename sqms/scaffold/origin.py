"""Where the running SQMS was installed from, as a requirement a new project can install.

SQMS is not on a public package index, so a new project must not pin
``sqms==0.1.0``: that would ask the index for it, fail, and the day someone
registers the name, install their code in every project's CI. Instead,
``sqms new`` names the place this SQMS came from, which pip records in the
distribution's ``direct_url.json`` (PEP 610):

- ``dir_info``: a local folder, editable or not → ``sqms @ file:///abs/path``;
- ``archive_info``: a wheel or an sdist → ``sqms @ <its URL>``;
- ``vcs_info``: a repository → ``sqms @ git+<URL>@<commit>``, the exact commit.

A PEP 508 direct reference is never looked up on an index. A folder or a
``file://`` archive exists on one machine only: the project builds there, and
its CI cannot reach it (:attr:`Source.local`). Without ``direct_url.json`` (an
install from an index) or with one that cannot be used, the source is
unknown and :attr:`Source.problem` says why; the caller writes a commented
line and tells the user what to put there.

:func:`requirement_of` is pure (text in, requirement out), so every shape is
tested without installing anything; :func:`running_source` reads the
installed metadata.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqms import __version__
from sqms.i18n import N_

DISTRIBUTION = "sqms"
DIRECT_URL = "direct_url.json"

NOT_RECORDED = N_("new.origin.not_recorded")
"""No ``direct_url.json``: installed from a package index (or by hand)."""
NOT_JSON = N_("new.origin.not_json")
"""``direct_url.json`` is not a JSON object."""
UNUSABLE = N_("new.origin.unusable")
"""``direct_url.json`` has no URL, scheme or commit a requirement can name."""

_SCHEMES: Mapping[str, frozenset[str]] = {
    "dir_info": frozenset({"file"}),
    "archive_info": frozenset({"file", "http", "https"}),
    "vcs_info": frozenset({"file", "http", "https", "ssh", "git"}),
}
"""The URL schemes each kind of source may have; anything else is not written."""
_VCS = frozenset({"git", "hg", "svn", "bzr"})
_PLAIN = re.compile(r"[^\s\x00-\x1f\x7f#]+")
"""A URL or a commit that stays one requirement: no spaces, controls or fragment."""
_SUBDIRECTORY = re.compile(r"[A-Za-z0-9._/-]+")


@dataclass(frozen=True)
class Source:
    """Where SQMS comes from, as a requirement line (None when it is unknown).

    ``url`` is the place the requirement points at; ``local`` is true when it
    is a path on this machine (``file://``), which no other machine can reach;
    ``problem`` is the message id saying why the source is unknown.
    """

    requirement: str | None
    url: str | None = None
    local: bool = False
    problem: str | None = None

    @property
    def reason(self) -> str:
        """The message id saying why the source is unknown (for a known one, the default)."""
        return self.problem or NOT_RECORDED


def package_name(extras: Sequence[str] = ()) -> str:
    """``sqms``, with its extras: ``sqms[zh]``."""
    return f"{DISTRIBUTION}[{','.join(extras)}]" if extras else DISTRIBUTION


def requirement_of(direct_url: str | None, extras: Sequence[str] = ()) -> Source:
    """The requirement that installs the SQMS ``direct_url`` (a ``direct_url.json``) describes."""
    if direct_url is None:
        return Source(None, problem=NOT_RECORDED)
    try:
        data = json.loads(direct_url)
    except (ValueError, RecursionError):
        return Source(None, problem=NOT_JSON)
    if not isinstance(data, dict):
        return Source(None, problem=NOT_JSON)
    url = _reference(data)
    if url is None:
        return Source(None, problem=UNUSABLE)
    local = urlsplit(url.removeprefix(_vcs_prefix(url))).scheme == "file"
    return Source(f"{package_name(extras)} @ {url}", url=url, local=local)


def _reference(data: Mapping[str, Any]) -> str | None:
    """The URL of a PEP 508 direct reference for a ``direct_url.json`` object, or None."""
    kinds = [kind for kind in _SCHEMES if isinstance(data.get(kind), dict)]
    url = _clean_url(data.get("url"))
    if len(kinds) != 1 or url is None or urlsplit(url).scheme not in _SCHEMES[kinds[0]]:
        return None
    if kinds[0] == "vcs_info":
        url = _vcs_url(url, data["vcs_info"])
    subdirectory = data.get("subdirectory")
    if url is None or subdirectory is None:
        return url
    if not isinstance(subdirectory, str) or not _SUBDIRECTORY.fullmatch(subdirectory):
        return None
    return f"{url}#subdirectory={subdirectory}"


def _vcs_url(url: str, info: Mapping[str, Any]) -> str | None:
    """``git+<url>@<commit>``: the exact commit, never a branch that moves."""
    vcs, commit = info.get("vcs"), info.get("commit_id")
    if vcs not in _VCS or not isinstance(commit, str) or not _PLAIN.fullmatch(commit):
        return None
    if "@" in urlsplit(url).path:  # pip would take what follows the last @ as the revision
        return None
    return f"{vcs}+{url}@{commit}"


def _vcs_prefix(url: str) -> str:
    """``git+`` for ``git+https://…``, else nothing."""
    head, plus, _rest = url.partition("+")
    return head + plus if plus and head in _VCS else ""


def _clean_url(value: object) -> str | None:
    """The URL as one plain token, without credentials; None when it is not one.

    PEP 610 asks installers not to record credentials (a user name ``git`` and
    ``${VARIABLE}`` placeholders excepted); one that did must not have them
    copied into a file that is committed.
    """
    if not isinstance(value, str) or not _PLAIN.fullmatch(value):
        return None
    try:
        parts = urlsplit(value)
        password, port = parts.password, parts.port
    except ValueError:
        return None
    if not parts.scheme or (parts.scheme != "file" and not parts.hostname):
        return None
    user = parts.username
    if user is None:
        return value
    keep = user if user == "git" or user.startswith("${") else ""
    if keep and password is not None and password.startswith("${"):
        keep = f"{keep}:{password}"
    host = parts.hostname or ""
    netloc = (f"{keep}@" if keep else "") + host + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def installed_direct_url() -> str | None:
    """The ``direct_url.json`` of the installed SQMS of this version, if pip recorded one.

    A source checkout may also hold an ``sqms.egg-info`` (no ``direct_url.json``)
    that is found first on the path: every distribution of this name and
    version is asked, and the first that recorded its origin answers.
    """
    for distribution in metadata.distributions(name=DISTRIBUTION):
        if distribution.version != __version__:
            continue
        text = distribution.read_text(DIRECT_URL)
        if text is not None:
            return text
    return None


def running_source(extras: Sequence[str] = ()) -> Source:
    """Where the SQMS that runs now was installed from."""
    return requirement_of(installed_direct_url(), extras)
