"""The ``sqms`` MkDocs plugin.

It loads and computes the project once per build (``on_config``), adds the
generated pages as virtual files (``on_files``: nothing is written into the
manual folder), replaces the ``<!-- sqms:... -->`` report directives and puts
document control on every controlled page (``on_page_markdown``): a document
in review or draft shows its version in force, with the proposed text on a
page beside it (:mod:`sqms.documents.versions`). It watches the data folder when
serving. Untrusted front matter and titles are made
inert before any template prints them (:mod:`sqms.plugin.titles`), and every
page carries a Content-Security-Policy (:mod:`sqms.plugin.csp`). A build that
fails leaves no site behind (``on_build_error``). Problems
found in the project become one ``PluginError`` listing all of them; warnings
go to the ``mkdocs.plugins.sqms`` logger, so ``--strict`` counts them. The
long stages of computing are logged at INFO as they end when someone is
watching (:mod:`sqms.progress`), and the generated pages are kept out of
MkDocs' list of pages missing from ``nav``, so that list names only
hand-written pages.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import posixpath
import re
import sys
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext
from pathspec.gitignore import GitIgnoreSpec

from sqms.diagnostics import ProjectError
from sqms.documents.control import resolve_references
from sqms.documents.manual import Document, Manual
from sqms.documents.versions import (
    InForce,
    document_page,
    proposed_page,
    proposed_pages,
    published_manual,
    versions_in_force,
)
from sqms.engine.review_periods import ReviewPeriod, parse_period
from sqms.evidence.manifest import MANIFEST_FILE, manifest_json, seal
from sqms.i18n import normalise_language, t, use_language
from sqms.io.files import write_atomic
from sqms.io.history import EPOCH_VARIABLE, as_of_epoch
from sqms.plugin.config import SqmsConfig
from sqms.plugin.csp import ThemeScripts, insert_policy, page_base
from sqms.plugin.titles import inert_meta, settle_title
from sqms.progress import current_sink, progress_wanted, reporting, stage
from sqms.project import LoadedData, Project, display_path, load_project
from sqms.publish.fingerprint import Fingerprints, build_fingerprints
from sqms.publish.site import build_site
from sqms.site.embed import EmbedContext, line_offset, render_directives
from sqms.site.pages import Page
from sqms.site.reporting import ReportData
from sqms.site.search import segmenter_problem
from sqms.site.stash import SetAside, set_aside

log = logging.getLogger("mkdocs.plugins.sqms")

ASSETS = Path(__file__).resolve().parent.parent / "site" / "assets"
IFRAME_WORKER = "assets/sqms/iframe-worker-shim.js"
"""The search-worker shim that Material's offline plugin would otherwise load from a CDN."""
IFRAME_WORKER_FRAME = "assets/sqms/iframe-worker-frame.js"
"""The shim's frame set-up, a file of its own so that no inline script is needed."""
SCRIPTS = ("assets/sqms/tablesort.min.js", "assets/sqms/sqms.js")
STYLES = ("assets/sqms/sqms.css", "assets/sqms/reports.css", "assets/sqms/dashboard.css")


_PINNED: dict[str, str] = {}
"""The ``SOURCE_DATE_EPOCH`` an earlier build of this process set, which a later one may change."""


def _config_name(config: MkDocsConfig) -> str:
    """The configuration file's name, relative to the project folder it lives in."""
    return Path(config.config_file_path or "mkdocs.yml").name


def _release_build_date() -> None:
    """Forget the build date an earlier build of this process set (``mkdocs serve``).

    Left in place, it would fix the as-of date of a preview left running for
    days. A ``SOURCE_DATE_EPOCH`` the builder set is never touched.
    """
    pinned = _PINNED.pop(EPOCH_VARIABLE, None)
    if pinned is not None and os.environ.get(EPOCH_VARIABLE) == pinned:
        del os.environ[EPOCH_VARIABLE]


def _pin_build_date(as_of: dt.date) -> None:
    """Date the build by the day it is judged as of, unless ``SOURCE_DATE_EPOCH`` is set.

    MkDocs stamps the sitemap (and its gzip header) with the build date; with
    the as-of day (midnight UTC) instead, two builds of one commit as of one
    day give the same bytes, and a build as of today is the same as one that
    declares today's date: the manifest's ``as_of`` is enough to build it again.
    """
    if not os.environ.get(EPOCH_VARIABLE, "").strip():
        epoch = str(as_of_epoch(as_of))
        os.environ[EPOCH_VARIABLE] = epoch
        _PINNED[EPOCH_VARIABLE] = epoch


def progress_sink() -> Callable[[str], None] | None:
    """The build's progress lines at INFO, if wanted (``SQMS_PROGRESS``, else a terminal, not CI).

    ``mkdocs build --quiet`` hides them, as it hides every INFO line. A
    command that builds the site (``sqms evidence``) reports them its own way.
    """
    return log.info if progress_wanted(None, os.environ, sys.stderr.isatty()) else None


def exact_path_pattern(path: str) -> str:
    """A gitignore pattern that matches ``path`` (relative to the docs folder) and nothing else.

    Anchored with a leading ``/``; wildcards, brackets, ``!``, ``#`` and
    spaces are escaped, so a page named ``a[1].md`` matches only itself.
    """
    return "/" + re.sub(r"([\\*?\[\]!# ])", r"\\\1", path)


def _retitle(meta: MutableMapping[str, Any], in_force: InForce, proposed: bool) -> None:
    """Title the page in force by the title in force, and the proposed page as proposed."""
    if "title" not in meta:
        return
    title = str(meta["title"]) if proposed else in_force.meta.title
    meta["title"] = t("doc.proposed_page_title", title=title) if proposed else title


class SqmsPlugin(BasePlugin[SqmsConfig]):
    """Publish the quality plan and its indicators in the manual."""

    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.files: dict[str, str] = {}
        self.language = "en"
        self.shim = False
        self.project: Project | None = None
        self.report: ReportData | None = None
        self.theme_scripts: ThemeScripts | None = None
        self.site_dir: Path | None = None
        self.manifest: dict[str, Any] | None = None
        self.in_force: dict[str, InForce] = {}
        """The approved version of each document in review or draft, by page path."""
        self.proposed: dict[str, Document] = {}
        """The documents whose proposed version has a page of its own, by that page's path."""
        self.published: Manual | None = None
        self.generated: frozenset[str] = frozenset()
        """The paths of the generated pages of this build."""
        self.aside: dict[str, SetAside] = {}
        """Each generated page's blocks set aside between its Markdown and its indexing."""
        self.serving = False
        """Whether this is ``mkdocs serve``, whose rebuilds may reuse the computed site."""
        self.site_files: Files | None = None
        """The site's files, where the links of set-aside blocks find their pages."""
        self.fingerprints: Fingerprints | None = None
        """The inputs' fingerprints of the computed site held (None: compute on the next build)."""
        self.computed: ReportData | None = None
        """The report as the data alone gave it, used again while the data side is unchanged."""
        self.warnings: list[str] = []
        """The computed site's warnings, logged again when it is used again."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this plugin across the rebuilds of ``mkdocs serve``.

        The computed site is then kept with it, and used again while nothing
        it depends on changed (:meth:`_compute_site`). Only ``serve`` rebuilds:
        a one-off ``build`` never works out the fingerprint it would not use.
        """
        self.serving = command == "serve"

    @event_priority(50)  # before Material's offline plugin, which adds a CDN script otherwise
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load the project and compute the indicators, once per build."""
        if not self.config.enabled:
            return config
        self.site_dir = Path(config.site_dir)
        self.aside = {}  # a failed build may have left some
        self._serve_shim_locally(config)
        _release_build_date()
        config.extra_javascript.extend(SCRIPTS)
        config.extra_css.extend(STYLES)
        theme_language = config.theme.get("language") if config.theme else None
        self.language = normalise_language(self.config.language or theme_language)
        with use_language(self.language):
            self._warn_without_segmenter(config, theme_language)
            self._compute(self._root(config), config)
        if self.project is not None:
            _pin_build_date(self.project.today)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        """Add the generated pages and the results JSON as virtual files."""
        if not self.config.enabled:
            return files
        for page in self.pages:
            files.append(File.generated(config, page.path, content=page.markdown))
        for path, content in self.files.items():
            files.append(File.generated(config, path, content=content))
        for path, document in self.proposed.items():
            source = Path(config.docs_dir) / document.path
            files.append(File.generated(config, path, abs_src_path=str(source)))
        shim = (IFRAME_WORKER, IFRAME_WORKER_FRAME) if self.shim else ()
        for asset in (*SCRIPTS, *STYLES, *shim):
            source = ASSETS / asset.rsplit("/", 1)[-1]
            files.append(File.generated(config, asset, abs_src_path=str(source)))
        self._unlist_generated_pages(config)
        return files

    def _unlist_generated_pages(self, config: MkDocsConfig) -> None:
        """Keep the generated pages out of MkDocs' list of pages missing from ``nav``.

        An indicator, action or review page is reached from the page that
        lists it, not from the navigation; MkDocs would list each one on
        every build and bury the hand-written page someone forgot to add. The
        generated pages' paths join ``not_in_nav`` (after ``exclude_docs`` and
        ``draft_docs``, which still apply). Without a ``nav``, MkDocs lists
        nothing and builds the navigation from every page, generated ones too,
        so nothing is added.
        """
        if config.nav is None:
            return
        paths = [*(page.path for page in self.pages), *self.proposed]
        generated = GitIgnoreSpec.from_lines(exact_path_pattern(path) for path in paths)
        declared = config.not_in_nav
        config.not_in_nav = declared + generated if declared is not None else generated

    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        """A page in steps: report directives, then document control (block, references).

        A generated page's charts and numbers are set aside until its HTML is
        indexed (:mod:`sqms.site.stash`): Markdown and search need not read them.
        """
        if not self.config.enabled:
            return markdown
        result = self._page_markdown(markdown, page, config)
        if result is None or page.file.src_uri not in self.generated:
            return result
        aside = set_aside(result)
        if aside.blocks:
            self.aside[page.file.src_uri] = aside
        return aside.markdown

    @event_priority(-50)  # after search read the page (Material's search: priority 0)
    def on_page_context(
        self, context: TemplateContext, /, *, page: MkDocsPage, config: MkDocsConfig, nav: Any
    ) -> TemplateContext | None:
        """Put a generated page's charts and numbers back, once search has indexed the page."""
        aside = self.aside.pop(page.file.src_uri, None)
        if aside is not None and page.content is not None:
            try:
                page.content = aside.put_back(page.content, self._addresses(page))
            except ValueError as exc:
                raise PluginError(f"sqms: {page.file.src_uri}: {exc}") from exc
        return context

    def _addresses(self, page: MkDocsPage) -> Callable[[str], str]:
        """How a link in a set-aside block (a Markdown file, relative) gets its address.

        As MkDocs gives a Markdown link its address: the file's URL relative
        to the page. Such links are written by SQMS to pages it generates, so
        one that names no file of the site is a fault of SQMS, not of the project.
        """
        folder = posixpath.dirname(page.file.src_uri)

        def address(href: str) -> str:
            path = posixpath.normpath(posixpath.join(folder, unquote(href)))
            target = self.site_files.get_file_from_path(path) if self.site_files else None
            if target is None:
                raise ValueError(f"a generated link names no page of the site: {href}")
            return target.url_relative_to(page.file)

        return address

    def _page_markdown(self, markdown: str, page: MkDocsPage, config: MkDocsConfig) -> str | None:
        """The page's Markdown with its reports embedded and its document control applied."""
        path = page.file.src_uri
        proposed = self.proposed.get(path)
        in_force = self.in_force.get(proposed.path if proposed else path)
        if in_force is not None:
            with use_language(self.language):
                _retitle(page.meta, in_force, proposed is not None)
        # Front matter is untrusted text that templates print as HTML.
        inert_meta(page.meta)
        if self.project is None or self.published is None:
            return markdown
        history = self.project.history
        document = self.project.manual.by_path(path)
        with use_language(self.language):
            if in_force is not None and proposed is None:  # the version in force, as committed
                markdown = self._embed_reports(in_force.body, page, config, in_force.text)
            else:
                markdown = self._embed_reports(markdown, page, config)
            if proposed is not None and in_force is not None:
                return proposed_page(markdown, proposed, in_force, self.published, history)
            # Unknown references were reported, all at once, before any page was built.
            if document is None:
                return resolve_references(markdown, path, path, self.published)[0]
            return document_page(markdown, document, self.published, history, self.in_force)

    def on_page_content(
        self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        """Keep the page's title as escaped text, so no template can un-escape it."""
        if self.config.enabled:
            settle_title(page.meta, page.title, page.is_homepage)
        return html

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Learn the theme's inline scripts, which the Content-Security-Policy allows by hash."""
        if self.config.enabled:
            self.theme_scripts = ThemeScripts(env, config)
            self.site_files = files  # as every plugin left them
        return env

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        """Put the Content-Security-Policy first in the page's ``<head>``."""
        return self._with_policy(output)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The theme's own pages (``404.html``) get the policy too."""
        if not template_name.endswith(".html"):
            return output_content
        return self._with_policy(output_content)

    @event_priority(-1000)  # after every other plugin wrote its files (offline search: -100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Seal the manifest: list and hash every file the site publishes."""
        if not self.config.enabled or self.manifest is None:
            return
        site_dir = Path(config.site_dir)
        text = manifest_json(seal(self.manifest, site_dir))

        def write(path: Path) -> None:
            path.write_text(text, encoding="utf-8")

        write_atomic(site_dir / MANIFEST_FILE, write)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves no site behind that could pass for a complete one."""
        if self.config.enabled and self.site_dir is not None and self.site_dir.is_dir():
            clean_directory(str(self.site_dir))

    def _with_policy(self, output: str) -> str:
        if not self.config.enabled or self.theme_scripts is None:
            return output
        return insert_policy(output, self.theme_scripts.hashes(page_base(output)))

    def _embed_reports(
        self, markdown: str, page: MkDocsPage, config: MkDocsConfig, text: str | None = None
    ) -> str:
        """Replace the ``<!-- sqms:... -->`` directives of a page; bad ones fail the build.

        ``text`` is the page's file as committed when the page shows the version in force.
        """
        if self.report is None:
            return markdown
        root = self._root(config)
        proposed = self.proposed.get(page.file.src_uri)
        src_uri = page.file.src_uri if proposed is None else proposed.path
        display = f"{display_path(Path(config.docs_dir), root)}/{src_uri}"
        source = Path(page.file.abs_src_path or "")
        if text is None and source.is_file():
            text = source.read_text("utf-8-sig")
        first = line_offset(text, markdown) if text is not None else 1
        context = EmbedContext(self.report, page.file.src_uri, display, first)
        markdown, problems = render_directives(markdown, context)
        if problems:
            raise PluginError("sqms: " + "\n".join(problem.format() for problem in problems))
        return markdown

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        """Rebuild the preview when a data file or a definition changes."""
        if self.config.enabled:
            server.watch(str(self._root(config) / self.config.data_dir))
        return server

    def _warn_without_segmenter(self, config: MkDocsConfig, theme_language: object) -> None:
        """A Chinese site built without jieba, whose search misses words in sentences: SQ832."""
        names = [name for name in config.plugins if name.rsplit("/", 1)[-1] == "search"]
        search = config.plugins[names[0]] if names else None
        languages = getattr(search, "config", {}).get("lang") if search is not None else None
        config_file = _config_name(config)
        problem = segmenter_problem(config_file, search is not None, theme_language, languages)
        if problem is not None:
            log.warning(problem.format())

    def _serve_shim_locally(self, config: MkDocsConfig) -> None:
        """With offline search on, serve its worker shim from the site itself, never from a CDN."""
        names = {name.split("/")[-1] for name in config.plugins}
        self.shim = "offline" in names
        polyfills = config.extra.get("polyfills") or []
        if self.shim and not any("iframe-worker" in str(url) for url in polyfills):
            config.extra["polyfills"] = [*polyfills, IFRAME_WORKER]

    def _review_periods(self) -> list[ReviewPeriod]:
        """The ``review_periods`` option, each checked: a bad one fails the build."""
        periods = []
        for text in self.config.review_periods:
            period = parse_period(str(text))
            if period is None:
                raise PluginError("sqms: " + t("evidence.bad_period", period=text))
            periods.append(period)
        return periods

    def _root(self, config: MkDocsConfig) -> Path:
        """The project folder: where ``mkdocs.yml`` lives."""
        return Path(config.config_file_path or ".").resolve().parent

    def _compute(self, root: Path, config: MkDocsConfig) -> None:
        """Load, check and compute, each stage logged at INFO when progress is wanted."""
        with reporting(current_sink() or progress_sink()):
            self._compute_site(root, config)

    def _compute_site(self, root: Path, config: MkDocsConfig) -> None:
        """Load, check and compute, unless nothing it depends on changed since the last build.

        The live preview rebuilds on every save. While the inputs' fingerprints
        (:mod:`sqms.publish.fingerprint`) are those of the last computed site,
        that site is used again and its warnings are logged again; while only
        the data side's is, the loaded datasets and the computed indicators
        are used again and the rest is computed anew.
        """
        manual_dir = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        if not self.serving:
            self._compute_anew(root, config, manual_dir)
            return
        settings = {**dict(self.config), "language": self.language, "docs_dir": manual_dir}
        data_dir = Path(self.config.data_dir).as_posix()
        with stage() as checked:
            fingerprints = build_fingerprints(
                root, [data_dir], [manual_dir], [_config_name(config)], settings
            )
            held = self.fingerprints
            reuse = held == fingerprints and self.project is not None
            same_data = held is not None and held.data == fingerprints.data
            if reuse or same_data:
                checked.done(t("progress.reused") if reuse else t("progress.reused_data"))
        if reuse:
            for warning in self.warnings:
                log.warning(warning)  # as the computing logged them: strict builds count them
            return
        loaded = self.project.loaded if same_data and self.project is not None else None
        computed = self.computed if loaded is not None else None
        self.fingerprints = None
        self._compute_anew(root, config, manual_dir, loaded, computed)
        self.fingerprints = fingerprints

    def _warn(self, warnings: list[str]) -> None:
        """Log warnings, and keep them for a build that uses this computed site again."""
        self.warnings += warnings
        for warning in warnings:
            log.warning(warning)

    def _compute_anew(
        self,
        root: Path,
        config: MkDocsConfig,
        manual_dir: str,
        loaded: LoadedData | None = None,
        computed: ReportData | None = None,
    ) -> None:
        """Load, check and compute; turn project errors into one ``PluginError``.

        ``loaded`` and ``computed`` are the datasets and the data's report of
        the last build, given when the data side has not changed since.
        """
        self.warnings = []
        project = load_project(
            root, self.config.data_dir, manual_dir, self.config.uncontrolled,
            as_of_setting=self.config.as_of, reuse=loaded,
        )  # fmt: skip
        self.project = project
        self._warn([warning.format() for warning in project.report.warnings])
        try:
            inputs = [manual_dir, Path(self.config.data_dir).as_posix()]
            reviews = self._review_periods()
            site = build_site(project, inputs, [_config_name(config)], reviews, computed)
        except ProjectError as exc:
            raise PluginError("sqms: the project has errors:\n" + str(exc)) from exc
        self.report = site.report
        self.computed = site.computed
        self._warn([warning.format() for warning in self.report.diagnostics])
        self.pages = site.pages
        self.generated = frozenset(page.path for page in site.pages)
        self.files = site.files
        self.manifest = site.manifest
        self.in_force = versions_in_force(root, project.manual)
        self.proposed = proposed_pages(project.manual, self.in_force)
        self.published = published_manual(project.manual, self.in_force)
