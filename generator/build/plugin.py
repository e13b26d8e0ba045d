"""The MkDocs adapter: ``plugins: [briefs]`` runs the pipeline inside ``mkdocs build/serve``.

Thin on purpose: it reacts to MkDocs events and hands the work to :mod:`generator.build.pipeline`.

- ``on_config`` refuses a site_dir that MkDocs must not empty (generator/build/guard.py), then
  runs the whole pipeline, before MkDocs empties site_dir, so a broken brief aborts the
  build and leaves the previous site as it was;
- it also layers our Material overrides (theme/overrides/) under the site's custom_dir;
- ``on_files`` adds the pages with ``File.generated``: nothing is written to docs/;
- with ``search: pagefind`` (the default), ``on_files`` starts Pagefind on the briefs'
  search records and the site's own pages, and it writes the bundle into site/pagefind/
  while MkDocs renders; ``on_post_build`` waits for it (generator/build/search_index.py);
- ``on_post_build`` marks the site as one newsbriefs built (the guard's marker);
- while serving, briefs with problems do not stop the server: the site it serves is one
  page listing them (generator/build/error_page.py), which reloads when a save fixes them;
- ``on_serve`` watches the briefs (and the site's templates) for live reload.

Only MkDocs' public API is imported, so ProperDocs runs this plugin unchanged.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.build import guard, incremental, policy, serve_guard
from generator.build.pipeline import Generated, generate
from generator.build.search_index import BUNDLE_DIR, HtmlPage, SearchIndexer, SearchIndexError
from generator.errors import BriefsError, Problem, visible
from generator.graph import schedule, urls
from generator.publish.search import records
from generator.render.theme import material_fixes_dir, overrides_dir
from generator.settings import DRAFTS_ENV, Settings, SettingsError, plugin_config_scheme

log = get_plugin_logger("newsbriefs")


class GeneratedFile(File):
    """A generated file that knows whether a dirty build may skip it: MkDocs' own
    ``File.is_modified()`` says yes to every file with content in memory."""

    reused = False
    """Its output from the previous build is already in place (generator/build/incremental.py)."""
    hash = ""

    def is_modified(self) -> bool:
        return not self.reused


class _DirtyNotice(logging.Filter):
    """Drop MkDocs' notice that a dirty build "will likely lead to inaccurate navigation":
    it is a warning, which ``--strict`` counts, and our dirty builds reuse only outputs
    that a full build would make the same (generator/build/incremental.py)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (
            message.startswith("A 'dirty' build is being performed")
            or message.startswith("The directory contains stale files")
        )


_DIRTY_NOTICE = _DirtyNotice()


class BriefsPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Publish the YAML briefs of this site as pages."""

    config_scheme = plugin_config_scheme()

    def __init__(self) -> None:
        super().__init__()
        self.command = "build"
        self.settings: Settings | None = None
        self.generated: Generated | None = None
        self.failed: policy.Verdict | None = None
        """Set while serving briefs with problems: the site is the error page."""
        self.search: SearchIndexer | None = None
        """Pagefind indexing this build's records (``search: pagefind``)."""
        self.dirty = False
        self.files: list[GeneratedFile] = []
        self.previous: incremental.Manifest | None = None
        self.nav: Navigation | None = None
        self.full_reason: str | None = "not a dirty build"
        """Why this build reuses no output (None: it reuses what it may)."""
        self.into: Path | None = None
        """The fresh folder that outputs are linked into; None when the build is in place."""
        self.hinted = False
        self.clock = _Clock()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if dirty:
            for name in ("mkdocs.commands.build", "properdocs.commands.build"):
                logging.getLogger(name).addFilter(_DIRTY_NOTICE)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.clock = _Clock()
        self.failed = None  # MkDocs keeps this plugin object across the rebuilds of serve
        config_file = config.config_file_path
        root = Path(config_file).resolve().parent if config_file else Path.cwd()
        try:
            self.settings = settings = Settings.for_site(dict(self.config), config)
        except SettingsError as exc:
            raise PluginError(visible(f"briefs plugin: {exc}")) from None
        project = guard.Project.of(
            settings, Path(config_file or root / "mkdocs.yml"), config.theme.custom_dir
        )
        try:
            guard.check_output(
                Path(config.site_dir),
                project,
                role="site_dir",
                advice="set another site_dir in the config",
                replaced=True,
            )
        except guard.UnsafeOutput as exc:
            raise PluginError(str(exc)) from None
        serving = self.command == "serve"
        try:
            now = schedule.build_time()
        except schedule.BadTime as exc:
            raise PluginError(visible(f"briefs plugin: {exc}")) from None
        memo = policy.page_memo(serving=serving)
        try:
            self.generated = generate(
                settings,
                drafts=policy.include_drafts(settings, serving=serving),
                scheduled=policy.include_scheduled(serving=serving),
                now=now,
                memo=memo,
            )
            problems = self.generated.warnings
            policy.keep_memo(memo)
            self.clock.lap("pipeline")
            if policy.reporting_progress():
                # ``briefs build`` shows this line as the phase of its progress display.
                counted = policy.counts(self.generated)
                log.info(f"{counted['briefs']:,} briefs, {counted['pages']:,} pages generated")
        except BriefsError as exc:
            self.generated, problems = None, exc.problems
        verdict = policy.Verdict(
            problems, strict=bool(config.strict), briefs_dir=settings.briefs_path
        )
        for line in verdict.annotations():
            print(line, flush=True)
        for problem in sorted(problems, key=Problem.sort_key):
            (log.error if problem.severity == "error" else log.warning)(problem.format())
        policy.record_outcome(verdict, self.generated)
        if (verdict.failed or self.generated is None) and serving:
            # A preview shows the problems instead of the site (on_files, on_post_build),
            # and the next save rebuilds it: MkDocs would hang or stop on an error.
            self.generated, self.failed = None, verdict
            config.nav = None
            return config
        if verdict.failed or self.generated is None:
            # Stop here, before MkDocs empties site_dir, rather than at the end of the build.
            raise PluginError(verdict.summary(publishing=True))
        advice = policy.search_advice(settings, config.plugins)
        if advice:
            log.warning(advice)
        config.extra_css.extend(policy.stylesheets_to_add(config.extra_css))
        _layer_overrides(config)
        nav = policy.nav_to_set(self.generated, settings, config.nav)
        if nav is not None:
            config.nav = nav
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        if self.failed is not None:
            # Nothing to render but the theme's own files: every page is the error page.
            return Files([file for file in files if not file.is_documentation_page()])
        assert self.generated is not None and self.settings is not None
        briefs_by_page = {urls.brief(b.slug): b for b in self.generated.index.briefs}
        in_nav = set(_nav_pages(config.nav))
        self.files = []
        for path, content in self.generated.files.items():
            # Pages the nav leaves out on purpose (briefs, later listing pages) are marked so,
            # which keeps MkDocs from listing them as "not included in the nav".
            inclusion = InclusionLevel.INCLUDED if path in in_nav else InclusionLevel.NOT_IN_NAV
            file = GeneratedFile.generated(config, path, content=content, inclusion=inclusion)
            assert isinstance(file, GeneratedFile)
            brief = briefs_by_page.get(path)
            if brief is not None and config.repo_url:
                # "Edit this page" opens the YAML brief, not the generated Markdown.
                # Percent-encoded: themes print the edit URL into an attribute as it is, and a
                # file name is brief input (`x" onfocus="...`).
                file.edit_uri = quote(
                    posixpath.relpath(
                        brief.source.resolve().as_posix(),
                        Path(config.docs_dir).resolve().as_posix(),
                    ),
                    safe="/",
                )
            file.hash = incremental.file_hash(content, file.edit_uri or "", inclusion.name)
            self.files.append(file)
            files.append(file)
        self.clock.lap("MkDocs' files")
        if self.dirty:
            for file in files:
                if file.is_documentation_page() and not isinstance(file, GeneratedFile):
                    # The site's own pages are few: render them every time, as a fresh
                    # folder would, so that their titles (the nav's) and their nav are
                    # never the last build's (MkDocs would compare mtimes in place).
                    file.is_modified = _always  # type: ignore[method-assign]
        self._reuse_outputs(config, in_nav)
        self.clock.lap("hashes and reuse")
        if self.command == "serve" and not self.dirty and not self.hinted:
            self.hinted = True
            log.info(
                f"each save renders all {len(self.files)} generated files again; "
                "'briefs serve' (or 'mkdocs serve --dirty') renders only those that changed"
            )
        self._start_search(files, config)
        return files

    def _start_search(self, files: Files, config: MkDocsConfig) -> None:
        """Index the briefs and the site's own pages for Pagefind, and have it write the
        bundle into site/pagefind/, beside MkDocs' rendering (MkDocs emptied site_dir before
        this event): on 2 cores, the search index costs the build little of its wall time.
        ``on_post_build`` waits for it."""
        assert self.generated is not None and self.settings is not None
        self._stop_search()
        if self.settings.search != "pagefind":
            return
        clash = [file.src_uri for file in files if file.dest_uri.startswith(f"{BUNDLE_DIR}/")]
        if clash:
            raise PluginError(
                f"briefs plugin: docs/{clash[0]} would be replaced by the search index, which "
                f"is written to {BUNDLE_DIR}/; move it, or set 'search: material' or 'none'"
            )
        try:
            self.search = SearchIndexer.start(self.settings.language)
            self.search.add(records(self.generated.index, self.settings))
            self.search.add_pages(_own_pages(files, config))
            self.search.begin_write(Path(config.site_dir))
        except SearchIndexError as exc:
            self._stop_search()
            raise PluginError(str(exc)) from None

    def _stop_search(self) -> None:
        if self.search is not None:
            self.search.close()
            self.search = None

    # -- Incremental builds (generator/build/incremental.py) ----------------------------------

    def _state_key(self, config: MkDocsConfig) -> str:
        return str(Path(config.config_file_path or "mkdocs.yml").resolve())

    def _fingerprint(self, config: MkDocsConfig) -> str:
        return incremental.fingerprint(
            config,
            theme={"name": config.theme.name, **dict(config.theme.items())},
            theme_dirs=config.theme.dirs,
            # A hook (a module in `hooks:`) has no options; a site with one builds in full.
            plugins={
                name: dict(getattr(plugin, "config", None) or {})
                for name, plugin in config.plugins.items()
            },
            extra={"command": self.command, "drafts": os.environ.get(DRAFTS_ENV)},
        )

    def _reuse_outputs(self, config: MkDocsConfig, in_nav: set[str]) -> None:
        """In a dirty build, mark the generated files whose previous output stands as
        reused (and link those outputs into a fresh build folder); the others are rendered.
        A nav page is reused only when the manifest knows its title and metadata (on_nav
        gives them back). Nothing is reused when anything every page depends on changed."""
        self.previous, self.into, self.full_reason = None, None, None
        if not self.dirty:
            self.full_reason = "not a dirty build"
            return
        site_dir = Path(config.site_dir)
        if self.command == "serve":
            state = incremental.SERVE_STATE.get(self._state_key(config))
            base = site_dir
            if state is not None and state.site_dir == config.site_dir:
                self._remove_vanished(site_dir, state.manifest)
                if not state.reusable:
                    self.full_reason = "the previous preview showed the problems"
                    return
                self.previous = state.manifest
        else:
            reuse = _reuse_request()
            if reuse is None:
                self.full_reason = "no previous build to reuse"
                return
            base, manifest = reuse
            self.previous = incremental.Manifest.load(manifest)
            self.into = site_dir
            reason = incremental.full_build_reason(config.plugins.keys())
            if reason is not None:
                self.previous, self.full_reason = None, reason
                return
        if self.previous is None:
            self.full_reason = self.full_reason or "no previous build to reuse"
            return
        if self.previous.fingerprint != self._fingerprint(config):
            self.previous, self.full_reason = None, "the config, theme or code changed"
            return
        if self.previous.nav_config != incremental.nav_digest(config.nav):
            self.previous, self.full_reason = None, "the nav changed"
            return
        for file in self.files:
            before = self.previous.files.get(file.src_uri)
            # A page in the nav is skipped only when its title and metadata are known
            # (on_nav gives them back): the nav on every page shows them.
            known = file.src_uri not in in_nav or file.src_uri in self.previous.titles
            if before is not None and known:
                file.reused = incremental.reuse(before, file.hash, file.dest_uri, base, self.into)

    def _remove_vanished(self, site_dir: Path, previous: incremental.Manifest) -> None:
        """In place (serve, whose site folder is its own temporary one): remove the outputs
        of generated files that are gone or moved, as a build into a clean folder would not
        make them."""
        now = {file.src_uri: file.dest_uri for file in self.files}
        for src, before in previous.files.items():
            if now.get(src) != before.dest:
                (site_dir / before.dest).unlink(missing_ok=True)

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Give the nav pages a dirty build skips the title and metadata they had, as
        reading them would (their content is unchanged)."""
        self.nav = nav
        if self.previous is not None:
            for page in nav.pages:
                file = page.file
                if isinstance(file, GeneratedFile) and file.reused:
                    title, meta = self.previous.titles[file.src_uri]
                    page.title, page.meta = title, meta
        return nav

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Every page is read by now (those a dirty build renders): when the nav's titles
        and metadata are not the previous build's, every page's nav differs, so read the
        skipped pages too and render everything."""
        self.clock.lap("MkDocs: nav and Markdown")
        if self.previous is None or not any(file.reused for file in self.files):
            return env
        if self.previous.nav == self._nav_signature():
            return env
        self.full_reason = "the nav changed"
        for file in self.files:
            if not file.reused:
                continue
            file.reused = False
            if self.into is not None:
                # A link to the live site's file: never write through it.
                (self.into / file.dest_uri).unlink(missing_ok=True)
            if file.page is not None and file.page.markdown is None:
                _read_page(file.page, config, files)
        return env

    def _nav_signature(self) -> str:
        pages = self.nav.pages if self.nav is not None else []
        return incremental.nav_signature((page.url, page.title, page.meta) for page in pages)

    def _record(self, config: MkDocsConfig) -> None:
        """What this build generated, for the next one to reuse."""
        site_dir = Path(config.site_dir)
        manifest = incremental.Manifest(
            self._fingerprint(config), incremental.nav_digest(config.nav), self._nav_signature()
        )
        for file in self.files:
            stat = incremental.output_stat(site_dir / file.dest_uri)
            manifest.files[file.src_uri] = incremental.Output(file.hash, file.dest_uri, stat)
        for page in self.nav.pages if self.nav is not None else []:
            if isinstance(page.file, GeneratedFile):
                manifest.titles[page.file.src_uri] = (page.title, dict(page.meta))
        key = self._state_key(config)
        if self.command == "serve":
            if self.dirty:
                incremental.SERVE_STATE[key] = incremental.ServeState(manifest, config.site_dir)
            return
        target = os.environ.get(incremental.MANIFEST_OUT_ENV)
        if target:
            manifest.save(Path(target))
        reused = sum(1 for file in self.files if file.reused)
        pages = [file for file in self.files if file.is_documentation_page()]
        policy.add_to_outcome(
            {
                "incremental": self.full_reason is None,
                "full_reason": self.full_reason,
                "reused": reused,
                "rendered_pages": sum(1 for file in pages if not file.reused),
            }
        )

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.clock.lap("MkDocs: HTML and assets")
        if self.search is not None:
            indexer, self.search = self.search, None
            try:
                stats = indexer.write(Path(config.site_dir))
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from None
            finally:
                indexer.close()
            log.info(
                f"search: {stats.records} records, {stats.files} files, "
                f"{stats.bytes / 1e6:.1f} MB in pagefind/ ({stats.waited:.1f} s after the pages)"
            )
            self.clock.lap("search index (after the pages)")
        if self.failed is not None:
            state = incremental.SERVE_STATE.get(self._state_key(config))
            if state is not None:
                state.reusable = False  # every page is the error page now
            site_dir = Path(config.site_dir)
            page = self.failed.error_page()
            # index.html for the home page; 404.html, which the server sends for every
            # other address (the pages of the briefs are not built while they have errors).
            for path in [*site_dir.rglob("*.html"), site_dir / "index.html", site_dir / "404.html"]:
                path.write_text(page, "utf-8")
        else:
            self._record(config)
        guard.mark_site(Path(config.site_dir))
        self.clock.lap("manifest")
        if os.environ.get(TIMINGS_ENV):
            reused = sum(1 for file in self.files if file.reused)
            kind = self.full_reason or "incremental"
            log.info(f"timings: {self.clock}; {reused} of {len(self.files)} reused ({kind})")

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_search()

    def on_shutdown(self) -> None:
        self._stop_search()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        serve_guard.install(server)  # no redirect leaves the origin
        server.watch(str(self.settings.briefs_path))
        if self.settings.templates_path is not None:
            server.watch(str(self.settings.templates_path))
        return server


def _always() -> bool:
    return True


TIMINGS_ENV = "NEWSBRIEFS_TIMINGS"
"""Set (to anything): each build logs where its time went, from ``on_config`` to the end."""


class _Clock:
    """Wall and CPU seconds between the plugin's events (benchmarks/incremental.py)."""

    def __init__(self) -> None:
        self.laps: list[tuple[str, float, float]] = []
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self, name: str) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        self.laps.append((name, wall - self.wall, cpu - self.cpu))
        self.wall, self.cpu = wall, cpu

    def __str__(self) -> str:
        return "; ".join(f"{name} {wall:.2f} s (cpu {cpu:.2f})" for name, wall, cpu in self.laps)


def _reuse_request() -> tuple[Path, Path] | None:
    """The live site and its manifest, when ``briefs build`` asked for an incremental build."""
    try:
        request = json.loads(os.environ.get(incremental.REUSE_ENV) or "null")
        return (Path(request["site"]), Path(request["manifest"])) if request else None
    except (ValueError, TypeError, KeyError):
        return None


def _read_page(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Read and render a page MkDocs skipped, as its build loop does (public API only)."""
    page = config.plugins.on_pre_page(page, config=config, files=files)
    page.read_source(config)
    assert page.markdown is not None
    page.markdown = config.plugins.on_page_markdown(
        page.markdown, page=page, config=config, files=files
    )
    page.render(config, files)
    assert page.content is not None
    page.content = config.plugins.on_page_content(
        page.content, page=page, config=config, files=files
    )


def _layer_overrides(config: MkDocsConfig) -> None:
    """Put our Material overrides, then our fixes to Material's partials, after the site's own
    ``custom_dir`` (whose files win) and before the theme's templates, once (``on_config``
    runs again on every serve rebuild)."""
    ours = [str(overrides_dir()), str(material_fixes_dir())]
    if ours[0] not in config.theme.dirs:
        at = 1 if config.theme.custom_dir else 0
        config.theme.dirs[at:at] = ours


def _own_pages(files: Files, config: MkDocsConfig) -> list[HtmlPage]:
    """The site's own Markdown pages (docs/), made HTML with the site's Markdown extensions,
    for the search index: few pages, converted here so that the index can be written while
    MkDocs renders (their links are left as written: only their text is indexed)."""
    import markdown
    from mkdocs.utils.meta import get_data

    pages = []
    for file in files.documentation_pages():
        if file.generated_by is not None:
            continue
        source, meta = get_data(file.content_string)
        converter = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        html = converter.convert(source)
        title = str(meta.get("title") or posixpath.splitext(file.name)[0].replace("-", " "))
        pages.append(HtmlPage("/" + file.url, title, html))
    return pages


def _nav_pages(nav: Any) -> Iterator[str]:
    """The page paths a ``nav:`` setting lists, at any depth."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from _nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from _nav_pages(value)
