"""The ``sqms`` MkDocs plugin.

It loads and computes the project once per build (``on_config``), adds the
generated pages as virtual files (``on_files``: nothing is written into the
manual folder), and watches the data folder when serving. Problems found in the
project become one ``PluginError`` listing all of them; warnings go to the
``mkdocs.plugins.sqms`` logger, so ``--strict`` counts them.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from sqms.diagnostics import ProjectError
from sqms.i18n import normalise_language, use_language
from sqms.pages import RESULTS_FILE, Page, generated_pages
from sqms.plugin.config import SqmsConfig
from sqms.project import compute_results, load_project
from sqms.results import results_json

log = logging.getLogger("mkdocs.plugins.sqms")

ASSETS = Path(__file__).resolve().parent.parent / "assets"
IFRAME_WORKER = "assets/sqms/iframe-worker-shim.js"
"""The search-worker shim that Material's offline plugin would otherwise load from a CDN."""


class SqmsPlugin(BasePlugin[SqmsConfig]):
    """Publish the quality plan and its indicators in the manual."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.results_json = ""
        self.language = "en"
        self.shim = False

    @event_priority(50)  # before Material's offline plugin, which adds a CDN script otherwise
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load the project and compute the indicators, once per build."""
        if not self.config.enabled:
            return config
        self._serve_shim_locally(config)
        theme_language = config.theme.get("language") if config.theme else None
        self.language = normalise_language(self.config.language or theme_language)
        with use_language(self.language):
            self._compute(self._root(config))
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages and the results JSON as virtual files."""
        if not self.config.enabled:
            return files
        for page in self.pages:
            files.append(File.generated(config, page.path, content=page.markdown))
        files.append(File.generated(config, RESULTS_FILE, content=self.results_json))
        if self.shim:
            files.append(
                File.generated(
                    config, IFRAME_WORKER, abs_src_path=str(ASSETS / "iframe-worker-shim.js")
                )
            )
        return files

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild the preview when a data file or a definition changes."""
        if self.config.enabled:
            server.watch(str(self._root(config) / self.config.data_dir))
        return server

    def _serve_shim_locally(self, config: MkDocsConfig) -> None:
        """With offline search on, serve its worker shim from the site itself, never from a CDN."""
        names = {name.split("/")[-1] for name in config.plugins}
        self.shim = "offline" in names
        polyfills = config.extra.get("polyfills") or []
        if self.shim and not any("iframe-worker" in str(url) for url in polyfills):
            config.extra["polyfills"] = [*polyfills, IFRAME_WORKER]

    def _root(self, config: MkDocsConfig) -> Path:
        """The project folder: where ``mkdocs.yml`` lives."""
        return Path(config.config_file_path or ".").resolve().parent

    def _compute(self, root: Path) -> None:
        """Load, check and compute; turn project errors into one ``PluginError``."""
        project = load_project(root, self.config.data_dir)
        for warning in project.report.warnings:
            log.warning(warning.format())
        try:
            results = compute_results(project)
        except ProjectError as exc:
            raise PluginError("sqms: the project has errors:\n" + str(exc)) from exc
        assert project.plan is not None
        self.pages = generated_pages(project.plan, results)
        self.results_json = results_json(project.plan, results)
