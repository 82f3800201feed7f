"""Building the site for an evidence pack: the MkDocs side of ``sqms evidence``.

The core never imports MkDocs; this module is used by the ``sqms evidence``
command only. It builds the site strictly into a temporary folder, then
writes the pack; if the build fails, no archive is written at all.
"""

from __future__ import annotations

import json
import logging
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from sqms.diagnostics import Diagnostic, ProjectError
from sqms.evidence.manifest import MANIFEST_FILE
from sqms.evidence.pack import CHECKSUMS_NAME, MANIFEST_NAME, checksums, write_pack
from sqms.i18n import t
from sqms.io.history import build_epoch

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

README_NAME = "README.txt"


class _Collect(logging.Handler):
    """Keeps the warnings and errors MkDocs logs, to report them if the strict build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _ask_review(config: MkDocsConfig, period: str | None) -> None:
    """Have the sqms plugin add the management review of the pack's period to the site."""
    plugin = config.plugins.get("sqms")
    if period is None or plugin is None:
        return
    wanted = list(plugin.config.review_periods)
    if period not in wanted:
        plugin.config.review_periods = [*wanted, period]


def build_pack(project_dir: Path, period: str | None, out: Path | None) -> Path:
    """Build the site of ``project_dir`` strictly and write its evidence pack; the pack's path.

    Raises :class:`ProjectError` (with MkDocs' messages) when the build fails.
    """
    config_file = project_dir / "mkdocs.yml"
    name = f"evidence-{period}.zip" if period else "evidence.zip"
    target = out if out is not None else project_dir / name
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        with tempfile.TemporaryDirectory(prefix="sqms-evidence-") as folder:
            site = Path(folder) / "site"
            try:
                config = load_config(str(config_file), site_dir=str(site), strict=True)
                _ask_review(config, period)
                build(config)
            except (MkDocsException, SystemExit) as exc:
                messages = [*collector.messages, str(exc)]
                raise ProjectError(
                    Diagnostic(config_file.name, None, m) for m in messages if m
                ) from exc
            manifest_text = (site / MANIFEST_FILE).read_text(encoding="utf-8")
            manifest = json.loads(manifest_text)
            extra = {
                MANIFEST_NAME: manifest_text,
                CHECKSUMS_NAME: checksums(manifest),
                README_NAME: t("evidence.readme", period=period or "—") + "\n",
            }
            # The inputs exactly as the manifest lists (and hashes) them.
            inputs = {item["path"]: project_dir / item["path"] for item in manifest["inputs"]}
            return write_pack(target, site, extra, build_epoch(project_dir), inputs)
    finally:
        logger.removeHandler(collector)
