"""The project settings the CLI shares with the MkDocs plugin, read from ``mkdocs.yml``.

``sqms check`` must judge the project exactly as the build does: the same
docs folder, data folder and uncontrolled pages. They are read from
``mkdocs.yml`` without MkDocs (the core never imports it); tags such as
``!ENV`` or ``!!python/name`` that MkDocs configurations may hold are ignored,
never executed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sqms.diagnostics import Report
from sqms.documents.manual import MANUAL_DIR, UNCONTROLLED
from sqms.io.yamlsource import FILE_LIMITS, check_yaml_limits

PLUGIN = "sqms"


class _Lenient(yaml.SafeLoader):
    """Safe loading that turns every unknown tag into None."""


def _ignore(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Lenient.add_multi_constructor("", _ignore)


@dataclass(frozen=True)
class Settings:
    """Where things are, and which pages are not controlled documents."""

    docs_dir: str = MANUAL_DIR
    data_dir: str = "data"
    uncontrolled: tuple[str, ...] = UNCONTROLLED
    language: str | None = None
    strict: bool = False
    """``strict: true`` in ``mkdocs.yml``: the build fails on warnings, and so does the check."""
    as_of: str | None = None
    """The plugin's ``as_of:`` as written (checked when the project is loaded); None when unset."""


def read_settings(root: Path) -> Settings:
    """Settings from ``root/mkdocs.yml``; defaults when there is none or it cannot be read."""
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return Settings()
    # The same bounds as every YAML file: an alias bomb or a deep nest is not expanded.
    probe = Report()
    check_yaml_limits(text, "mkdocs.yml", probe, FILE_LIMITS)
    if probe.has_errors:
        return Settings()
    try:
        config = yaml.load(text, Loader=_Lenient)  # noqa: S506 - a SafeLoader subclass
    except (yaml.YAMLError, RecursionError):
        return Settings()
    if not isinstance(config, dict):
        return Settings()
    options = _plugin_options(config.get("plugins"))
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    uncontrolled = options.get("uncontrolled")
    return Settings(
        docs_dir=str(config.get("docs_dir") or MANUAL_DIR),
        data_dir=str(options.get("data_dir") or "data"),
        uncontrolled=tuple(map(str, uncontrolled))
        if isinstance(uncontrolled, list)
        else UNCONTROLLED,
        language=options.get("language") or (theme or {}).get("language"),
        strict=config.get("strict") is True,
        as_of=_as_of_text(options.get("as_of")),
    )


def _as_of_text(value: Any) -> str | None:
    """``as_of:`` as text: a YAML date as ``2026-11-30``, anything else as written."""
    if value is None:
        return None
    return value.isoformat() if type(value) is dt.date else str(value)


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """The options of the ``sqms`` entry of ``plugins`` (a list or a mapping)."""
    if isinstance(plugins, dict):
        found = plugins.get(PLUGIN)
        return found if isinstance(found, dict) else {}
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry[PLUGIN] if isinstance(entry[PLUGIN], dict) else {}
    return {}
