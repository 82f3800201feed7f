"""A new SQMS project that builds on its first run: ``sqms new DIR``.

The files come from the templates in ``sqms/scaffold/templates/new/``: ``common/``
holds what every project gets (the build tasks, the CI workflow, the sample
data, the ISO 9001 clauses), ``en/`` and ``zh/`` what is written in the
project's language (the manual, the plan, the README, ``mkdocs.yml``). A
language file replaces a common file of the same path.

Template names spell a leading dot as ``dot-`` (``dot-gitignore`` becomes
``.gitignore``), because package data globs skip hidden files, and a
``.tmpl`` ending is dropped (``noxfile.py.tmpl`` becomes ``noxfile.py``), so
that the template is not taken for a module of the package. Placeholders
``{{name}}`` are filled in every file.

The project is written into a temporary folder beside the target and renamed
into place at the end: a failure leaves nothing half-written.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
import tempfile
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from sqms import __version__
from sqms.i18n import LANGUAGES, t, use_language

TEMPLATES = ("scaffold", "templates", "new")
COMMON = "common"
DOT_PREFIX = "dot-"
TEMPLATE_SUFFIX = ".tmpl"


class NotEmptyError(Exception):
    """The target folder exists and holds something: a new project never overwrites."""


def creation_date() -> dt.date:
    """The date the documents are approved on: ``SOURCE_DATE_EPOCH`` if set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def default_title(language: str) -> str:
    """The title of a manual created without ``--title``, in its language."""
    with use_language(language):
        return t("new.default_title")


def check_title(title: str) -> str:
    """The title, stripped; raises ValueError for an empty one or one spanning lines."""
    stripped = title.strip()
    if not stripped or any(ord(c) < 32 or c == "\x7f" for c in stripped):
        raise ValueError(title)
    return stripped


def output_name(template_path: str) -> str:
    """Where a template file goes in the project: ``dot-github/x.yml`` → ``.github/x.yml``."""
    parts = [
        "." + part[len(DOT_PREFIX) :] if part.startswith(DOT_PREFIX) else part
        for part in template_path.split("/")
    ]
    name = "/".join(parts)
    return name[: -len(TEMPLATE_SUFFIX)] if name.endswith(TEMPLATE_SUFFIX) else name


def _walk(folder: Traversable, prefix: str = "") -> dict[str, Traversable]:
    """Every file under ``folder`` by its path relative to it."""
    found: dict[str, Traversable] = {}
    for entry in folder.iterdir():
        relative = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.update(_walk(entry, f"{relative}/"))
        elif entry.is_file():
            found[relative] = entry
    return found


def template_files(language: str) -> dict[str, Traversable]:
    """The template files of a project in ``language``, by the path they are written to."""
    if language not in LANGUAGES:
        raise ValueError(language)
    root = files("sqms").joinpath(*TEMPLATES)
    chosen = {**_walk(root.joinpath(COMMON)), **_walk(root.joinpath(language))}
    return {output_name(path): chosen[path] for path in sorted(chosen)}


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with every ``{{name}}`` replaced by its value."""
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    return text


def project_files(title: str, language: str, created: dt.date) -> dict[str, bytes]:
    """Every file of the new project, by relative path, with its placeholders filled in."""
    # Markdown headings and themes show the title as HTML: escaped, it shows as typed.
    shown = html.escape(title, quote=False)
    values = {
        "title": shown,
        # A JSON string is a YAML double-quoted scalar: safe for any title.
        "title_yaml": json.dumps(shown, ensure_ascii=False),
        "sqms_version": __version__,
        "date": created.isoformat(),
    }
    return {
        path: fill(source.read_text(encoding="utf-8"), values).encode("utf-8")
        for path, source in template_files(language).items()
    }


def write_file(path: Path, data: bytes) -> None:
    """Write one file of the project, creating its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _umask() -> int:
    """The process's file-creation mask (read by setting it and putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _missing_parents(target: Path) -> list[Path]:
    """The ancestors of ``target`` that do not exist yet, outermost first."""
    missing = [parent for parent in target.parents if not parent.exists()]
    return list(reversed(missing))


def write_project(target: Path, contents: dict[str, bytes]) -> None:
    """Write ``contents`` into a temporary folder beside ``target``, then move it into place.

    Raises :class:`NotEmptyError` when ``target`` exists and is not an empty
    folder. On any failure, whatever was written (and any parent folder
    created for it) is removed again.
    """
    target = target.resolve()  # "." and "x/.." have a name and a parent
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise NotEmptyError(target)
    created = _missing_parents(target)
    temporary: Path | None = None
    moved: list[Path] = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent)
        )
        for relative, data in contents.items():
            write_file(temporary / relative, data)
        temporary.chmod(0o777 & ~_umask())  # mkdtemp makes an owner-only folder
        if target.exists():
            _move_into(temporary, target, moved)
            temporary.rmdir()
        else:
            temporary.rename(target)
    except BaseException:
        for path in [*moved, *([temporary] if temporary is not None else [])]:
            _remove(path)
        for parent in reversed(created):
            if parent.exists() and not any(parent.iterdir()):
                parent.rmdir()
        raise


def _remove(path: Path) -> None:
    """Remove a file or a whole folder, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _move_into(source: Path, folder: Path, moved: list[Path]) -> None:
    """Move what ``source`` holds into the empty ``folder``, which keeps its place and rights.

    Each path moved is added to ``moved``, so that a failure can take it back out.
    """
    for entry in sorted(source.iterdir()):
        destination = folder / entry.name
        entry.rename(destination)
        moved.append(destination)


def create_project(
    target: Path, title: str | None, language: str, created: dt.date | None = None
) -> list[str]:
    """Create a new project in ``target`` and return the paths written, relative to it.

    Raises ValueError for a bad title or language, :class:`NotEmptyError` for
    a folder that is in use, and OSError when writing fails.
    """
    chosen = check_title(title) if title is not None else default_title(language)
    contents = project_files(chosen, language, created or creation_date())
    write_project(target, contents)
    return list(contents)
