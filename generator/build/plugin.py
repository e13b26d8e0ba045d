"""The MkDocs adapter: ``plugins: [briefs]`` runs the pipeline inside ``mkdocs build/serve``.

Events only: each hands its work to the build stage, and holds nothing but what MkDocs hands
from one event to the next.

- ``on_startup`` makes the preview's memory when serving (generator/build/preview.py): MkDocs
  keeps this plugin object for a whole ``serve`` session;
- ``on_config`` takes the run's request (generator/build/request.py: the one ``briefs build``
  handed over, else a plain run's), refuses a site_dir that MkDocs must not empty
  (generator/build/guard.py), then runs the whole pipeline, before MkDocs empties site_dir,
  so a broken brief aborts the build and leaves the previous site as it was; the briefs
  come from the preview's memory or the brief cache (generator/build/brief_cache.py) where
  their files' bytes are unchanged;
- it also layers our Material overrides (theme/overrides/) under the site's custom_dir;
- ``on_files`` adds the pages with ``File.generated``: nothing is written to docs/; in a
  dirty build, ``on_files``, ``on_nav``, ``on_env`` and ``on_post_build`` hand the reuse of
  the previous build's outputs to generator/build/reuse.py;
- with ``search: pagefind`` (the default), ``on_files`` starts writing the search's
  segments into site/pagefind/ (Pagefind on the records of the segments that changed, the
  others reused from ``.newsbriefs/search/``) while MkDocs renders; ``on_post_build`` waits
  for it (generator/build/search_segments.py);
- ``on_post_build`` splits MkDocs' sitemap when the site passes the protocol's limits
  (generator/build/sitemap_files.py);
- ``on_post_build`` marks the site as one newsbriefs built (the guard's marker) and tells
  ``briefs build`` how the build went (:class:`~generator.build.request.BuildOutcome`);
- in a shard's build (``--shard K/N``, ``--jobs``), ``on_files``, ``on_env`` and
  ``on_post_build`` hand the share of the pages it renders to generator/build/shards.py;
- while serving, briefs with problems do not stop the server: the site it serves is one
  page listing them (generator/build/error_page.py), which reloads when a save fixes them;
- ``on_env`` has the theme render its navigation once per set of links, not into every page
  (generator/build/nav_cache.py);
- ``on_serve`` watches the briefs (and the site's templates) for live reload.

Only MkDocs' public API is imported, so ProperDocs runs this plugin unchanged.
"""

from __future__ import annotations

import os
import posixpath
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from generator.build import guard, incremental, nav_cache, policy, serve_guard
from generator.build.editorial import policy_links
from generator.build.media_cache import KeptMedia
from generator.build.pipeline import BriefReads, Generated, generate
from generator.build.preview import PreviewState
from generator.build.request import BuildOutcome, BuildRequest, RequestError, engine_request
from generator.build.reuse import GeneratedFile, OutputReuse, quiet_dirty_notices
from generator.build.search_index import BUNDLE_DIR, HtmlPage, SearchIndexError
from generator.build.search_segments import KEPT_DIR, SegmentsWriter, plan
from generator.build.shards import ShardPlan
from generator.build.sitemap_files import SitemapClash, SitemapError, split_sitemap
from generator.errors import BriefsError, Problem, visible
from generator.graph import schedule, urls
from generator.render.theme import material_fixes_dir, overrides_dir
from generator.settings import Settings, SettingsError, plugin_config_scheme

log = get_plugin_logger("newsbriefs")


class BriefsPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Publish the YAML briefs of this site as pages."""

    config_scheme = plugin_config_scheme()

    def __init__(self) -> None:
        super().__init__()
        self.command = "build"
        self.dirty = False
        self.preview: PreviewState | None = None
        """While serving: what the session keeps between its rebuilds."""
        self.request: BuildRequest | None = None
        self.settings: Settings | None = None
        self.generated: Generated | None = None
        self.failed: policy.Verdict | None = None
        """Set while serving briefs with problems: the site is the error page."""
        self.search: SegmentsWriter | None = None
        """The search's segments being written (``search: pagefind``)."""
        self.preview_search: tempfile.TemporaryDirectory[str] | None = None
        """While serving: the search's bundles kept from one rebuild to the next (a save
        re-indexes the segment it changed), removed when the server stops."""
        self.reuse: OutputReuse | None = None
        """This build's reuse of the previous build's outputs (generator/build/reuse.py)."""
        self.shard: ShardPlan | None = None
        """The share of the pages this build renders (generator/build/shards.py)."""
        self.outcome = BuildOutcome()
        self.hinted = False
        self.clock = _Clock()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        self.preview = PreviewState() if command == "serve" else None
        if dirty:
            quiet_dirty_notices()

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
            self.request = request = engine_request(
                os.environ,
                config_file=Path(config_file or root / "mkdocs.yml"),
                site_dir=Path(config.site_dir),
                strict=bool(config.strict),
            )
        except (RequestError, schedule.BadTime) as exc:
            raise PluginError(visible(f"briefs plugin: {exc}")) from None
        preview = self.preview if serving else None
        self.reuse = OutputReuse(
            command=self.command, dirty=self.dirty, request=request, preview=preview
        )
        self.shard = ShardPlan(request) if request.shard is not None and not serving else None
        memo = (
            preview.memo
            if preview is not None
            else policy.page_memo(request.memo_file, fresh=request.full)
        )
        # A preview keeps the briefs it read in memory; a build, in the state folder.
        brief_cache = None if preview is not None else policy.brief_cache_file(request.state_dir)
        kept = policy.kept_briefs(brief_cache, settings.briefs_path, fresh=request.full)
        if preview is not None:
            reads: BriefReads | None = preview.reads
        else:
            reads = kept.reads if brief_cache is not None else None
        kept_media = KeptMedia(request.state_dir) if request.state_dir is not None else None
        try:
            self.generated = generate(
                settings,
                drafts=policy.include_drafts(settings, serving=serving, requested=request.drafts),
                scheduled=policy.include_scheduled(serving=serving),
                now=request.now,
                memo=memo,
                reads=reads,
                carried=preview.carried if preview is not None else None,
                media_store=kept_media,
            )
            problems = self.generated.warnings
            _keep_media(self.generated, kept_media, pruning=preview is None)
            policy.keep_memo(memo, request.memo_to_keep)
            self.clock.lap("pipeline")
            if request.handoff is not None:
                # ``briefs build`` shows this line as the phase of its progress display.
                counted = policy.counts(self.generated)
                log.info(f"{counted['briefs']:,} briefs, {counted['pages']:,} pages generated")
        except BriefsError as exc:
            self.generated, problems = None, exc.problems
        policy.keep_briefs(kept, brief_cache, settings.briefs_path)
        verdict = policy.Verdict(
            problems, strict=bool(config.strict), briefs_dir=settings.briefs_path
        )
        for line in verdict.annotations():
            print(line, flush=True)
        for problem in sorted(problems, key=Problem.sort_key):
            {"error": log.error, "warning": log.warning, "notice": log.info}[problem.severity](
                problem.format()
            )
        self._tell(policy.outcome(verdict, self.generated))
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
        if "policies" not in config.extra:  # the footer's links (a site's own list wins)
            config.extra["policies"] = policy_links(settings)
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
        assert self.reuse is not None
        briefs_by_page = {urls.brief(b.slug): b for b in self.generated.index.briefs}
        in_nav = set(_nav_pages(config.nav))
        generated: list[GeneratedFile] = []
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
            generated.append(file)
            files.append(file)
        self.clock.lap("MkDocs' files")
        self.reuse.plan(files, generated, config, in_nav)
        if self.shard is not None:
            self.shard.plan(files, generated, config, self.reuse.fingerprint(config))
        self.clock.lap("hashes and reuse")
        if self.command == "serve" and not self.dirty and not self.hinted:
            self.hinted = True
            log.info(
                f"each save renders all {len(generated)} generated files again; "
                "'briefs serve' (or 'mkdocs serve --dirty') renders only those that changed"
            )
        self._start_search(files, config)
        return files

    def _start_search(self, files: Files, config: MkDocsConfig) -> None:
        """Write the search's segments into site/pagefind/ (the changed ones indexed by
        Pagefind, the others reused), beside MkDocs' rendering (MkDocs emptied site_dir before
        this event): on 2 cores, the search index costs the build little of its wall time.
        ``on_post_build`` waits for it."""
        assert self.generated is not None and self.settings is not None
        self._stop_search()
        if self.settings.search != "pagefind":
            return
        if self.shard is not None and not self.shard.site_wide:
            return  # the first share writes the site's search index
        clash = [file.src_uri for file in files if file.dest_uri.startswith(f"{BUNDLE_DIR}/")]
        if clash:
            raise PluginError(
                f"briefs plugin: docs/{clash[0]} would be replaced by the search index, which "
                f"is written to {BUNDLE_DIR}/; move it, or set 'search: material' or 'none'"
            )
        assert self.request is not None
        state_dir = self.request.state_dir
        if state_dir is None and self.command == "serve" and self.preview_search is None:
            self.preview_search = tempfile.TemporaryDirectory(prefix="newsbriefs-search-")
        kept = (
            state_dir / KEPT_DIR
            if state_dir is not None
            else Path(self.preview_search.name)
            if self.preview_search is not None
            else None
        )
        try:
            segments = plan(self.generated.index, self.settings, _own_pages(files, config))
            self.search = SegmentsWriter(
                segments, Path(config.site_dir), self.settings.language, kept
            )
        except SearchIndexError as exc:
            self._stop_search()
            raise PluginError(str(exc)) from None

    def _stop_search(self) -> None:
        if self.search is not None:
            self.search.close()
            self.search = None

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.reuse is not None
        self.reuse.restore_titles(nav)
        return nav

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self.clock.lap("MkDocs: nav and Markdown")
        assert self.reuse is not None
        self.reuse.check_nav(config, files)
        if self.shard is not None:
            self.shard.read_nav_pages(self.reuse.nav, config, files)
        if self.failed is None:
            # The navigation, rendered once per set of links rather than into every page.
            nav_cache.install(env)
        return env

    def _tell(self, outcome: BuildOutcome) -> None:
        """Keep how the build went, and tell ``briefs build`` when it waits for it."""
        self.outcome = outcome
        if self.request is not None and self.request.outcome_file is not None:
            outcome.save(self.request.outcome_file)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.clock.lap("MkDocs: HTML and assets")
        if self.search is not None:
            indexer, self.search = self.search, None
            try:
                stats = indexer.write()
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from None
            finally:
                indexer.close()
            log.info(stats.summary())
            self.clock.lap("search index (after the pages)")
        assert self.reuse is not None and self.request is not None
        if self.failed is not None:
            self.reuse.showed_problems()
            site_dir = Path(config.site_dir)
            page = self.failed.error_page()
            # index.html for the home page; 404.html, which the server sends for every
            # other address (the pages of the briefs are not built while they have errors).
            for path in [*site_dir.rglob("*.html"), site_dir / "index.html", site_dir / "404.html"]:
                path.write_text(page, "utf-8")
        else:
            self._split_sitemap(Path(config.site_dir))
            if self.shard is not None:
                self.shard.finish(Path(config.site_dir))
            self._tell(self.reuse.record(config, self.outcome))
        guard.mark_site(Path(config.site_dir))
        self.clock.lap("manifest")
        if self.request.timings:
            reuse = self.reuse
            kind = reuse.full_reason or "incremental"
            log.info(f"timings: {self.clock}; {reuse.reused} of {len(reuse.files)} reused ({kind})")

    def _split_sitemap(self, site_dir: Path) -> None:
        """MkDocs' sitemap as an index of files within the protocol's limits, when the site
        passes them (generator/build/sitemap_files.py); a preview's is left whole."""
        if self.command == "serve" or self.generated is None or self.settings is None:
            return
        try:
            written = split_sitemap(site_dir, self.generated.index, self.settings)
        except (SitemapClash, SitemapError) as exc:
            raise PluginError(f"briefs plugin: {exc}") from None
        if written:
            log.info(f"sitemap.xml: an index of {written} sitemaps")

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_search()

    def on_shutdown(self) -> None:
        self._stop_search()
        if self.preview_search is not None:
            self.preview_search.cleanup()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        assert self.settings is not None
        serve_guard.install(server)  # no redirect leaves the origin
        server.watch(str(self.settings.briefs_path))
        if self.settings.templates_path is not None:
            server.watch(str(self.settings.templates_path))
        return server


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


def _keep_media(generated: Generated, kept: KeptMedia | None, *, pruning: bool) -> None:
    """media: say what the images cost (how many drawn, how many kept), and forget the
    kept images this build no longer shows (not while previewing: a preview shows briefs
    not yet live, whose cards the next build would draw again)."""
    media = generated.media
    if media is None or not media.files:
        return
    log.info(f"images: {media.drawn:,} drawn, {media.reused:,} kept from earlier builds")
    if kept is not None and pruning:
        kept.prune(media.files)


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
