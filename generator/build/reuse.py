"""A dirty build's reuse of the previous build's outputs, event by event.

MkDocs' dirty mode (``--dirty``) skips every file whose ``File.is_modified()`` is false. The
``briefs`` plugin adds its pages as :class:`GeneratedFile`, which answers from content hashes,
and hands each MkDocs event to one :class:`OutputReuse` per build:

- ``on_files`` (:meth:`OutputReuse.plan`): compare every generated file with the previous
  build's manifest (generator/build/incremental.py) and mark those whose output stands as
  reused; ``briefs build`` links those outputs from the live site into the fresh folder,
  a preview keeps them in place and removes the outputs of pages that are gone;
- ``on_nav`` (:meth:`OutputReuse.restore_titles`): give the skipped pages in the nav the
  titles and metadata they had, as reading them would;
- ``on_env`` (:meth:`OutputReuse.check_nav`): when the nav every page shows is not the
  previous build's after all, render everything;
- ``on_post_build`` (:meth:`OutputReuse.record`): what this build generated, for the next.

Where the previous build is comes from the build's request (``briefs build``:
generator/build/request.py) or the preview's memory (generator/build/preview.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.build import incremental
from generator.build.preview import PreviewState, ServedSite
from generator.build.request import BuildOutcome, BuildRequest


class GeneratedFile(File):
    """A generated file that knows whether a dirty build may skip it: MkDocs' own
    ``File.is_modified()`` says yes to every file with content in memory."""

    reused = False
    """Its output from the previous build is already in place."""
    hash = ""

    def is_modified(self) -> bool:
        return not self.reused


class _DirtyNotice(logging.Filter):
    """Drop MkDocs' notice that a dirty build "will likely lead to inaccurate navigation":
    it is a warning, which ``--strict`` counts, and our dirty builds reuse only outputs
    that a full build would make the same."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (
            message.startswith("A 'dirty' build is being performed")
            or message.startswith("The directory contains stale files")
        )


_DIRTY_NOTICE = _DirtyNotice()


def quiet_dirty_notices() -> None:
    """Silence MkDocs' (and ProperDocs') warnings about dirty builds, once per process."""
    for name in ("mkdocs.commands.build", "properdocs.commands.build"):
        logging.getLogger(name).addFilter(_DIRTY_NOTICE)


class OutputReuse:
    """One build's reuse of the previous build's outputs (see the module's docstring)."""

    def __init__(
        self,
        *,
        command: str,
        dirty: bool,
        request: BuildRequest,
        preview: PreviewState | None,
    ) -> None:
        self.command = command
        self.dirty = dirty
        self.request = request
        self.preview = preview
        """The preview's memory while serving (None in a build)."""
        self.files: list[GeneratedFile] = []
        self.previous: incremental.Manifest | None = None
        self.nav: Navigation | None = None
        self.full_reason: str | None = "not a dirty build"
        """Why this build reuses no output (None: it reuses what it may)."""
        self.into: Path | None = None
        """The fresh folder that outputs are linked into; None when the build is in place."""

    @property
    def reused(self) -> int:
        return sum(1 for file in self.files if file.reused)

    def fingerprint(self, config: MkDocsConfig) -> str:
        return incremental.fingerprint(
            config,
            theme={"name": config.theme.name, **dict(config.theme.items())},
            theme_dirs=config.theme.dirs,
            # A hook (a module in `hooks:`) has no options; a site with one builds in full.
            plugins={
                name: dict(getattr(plugin, "config", None) or {})
                for name, plugin in config.plugins.items()
            },
            extra={"command": self.command, "drafts": self.request.drafts},
        )

    def plan(
        self, files: Files, generated: list[GeneratedFile], config: MkDocsConfig, in_nav: set[str]
    ) -> None:
        """In a dirty build, mark the generated files whose previous output stands as
        reused (and link those outputs into a fresh build folder); the others are rendered.
        A nav page is reused only when the manifest knows its title and metadata (on_nav
        gives them back). Nothing is reused when anything every page depends on changed."""
        self.files = generated
        self.previous, self.into, self.full_reason = None, None, None
        if not self.dirty:
            self.full_reason = "not a dirty build"
            return
        for file in files:
            if file.is_documentation_page() and not isinstance(file, GeneratedFile):
                # The site's own pages are few: render them every time, as a fresh folder
                # would, so that their titles (the nav's) and their nav are never the last
                # build's (MkDocs would compare mtimes in place).
                file.is_modified = _always  # type: ignore[method-assign]
        site_dir = Path(config.site_dir)
        if self.preview is not None:
            base = site_dir
            served = self.preview.served
            if served is not None and served.site_dir == site_dir:
                self._remove_vanished(site_dir, served.manifest)
                if not served.reusable:
                    self.full_reason = "the previous preview showed the problems"
                    return
                self.previous = served.manifest
        else:
            if not self.request.incremental or self.request.manifest is None:
                self.full_reason = "no previous build to reuse"
                return
            base = self.request.site_dir.resolve()
            self.previous = incremental.Manifest.load(self.request.manifest)
            self.into = site_dir
            reason = incremental.full_build_reason(config.plugins.keys())
            if reason is not None:
                self.previous, self.full_reason = None, reason
                return
        if self.previous is None:
            self.full_reason = self.full_reason or "no previous build to reuse"
            return
        if self.previous.fingerprint != self.fingerprint(config):
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

    def restore_titles(self, nav: Navigation) -> None:
        """Give the nav pages a dirty build skips the title and metadata they had, as
        reading them would (their content is unchanged)."""
        self.nav = nav
        if self.previous is not None:
            for page in nav.pages:
                file = page.file
                if isinstance(file, GeneratedFile) and file.reused:
                    title, meta = self.previous.titles[file.src_uri]
                    page.title, page.meta = title, meta

    def check_nav(self, config: MkDocsConfig, files: Files) -> None:
        """Every page is read by now (those a dirty build renders): when the nav's titles
        and metadata are not the previous build's, every page's nav differs, so read the
        skipped pages too and render everything."""
        if self.previous is None or not any(file.reused for file in self.files):
            return
        if self.previous.nav == self._nav_signature():
            return
        self.full_reason = "the nav changed"
        for file in self.files:
            if not file.reused:
                continue
            file.reused = False
            if self.into is not None:
                # A link to the live site's file: never write through it.
                (self.into / file.dest_uri).unlink(missing_ok=True)
            if file.page is not None and file.page.markdown is None:
                read_page(file.page, config, files)

    def _nav_signature(self) -> str:
        pages = self.nav.pages if self.nav is not None else []
        return incremental.nav_signature((page.url, page.title, page.meta) for page in pages)

    def showed_problems(self) -> None:
        """A preview replaced every page with the error page: nothing it wrote is reusable."""
        if self.preview is not None and self.preview.served is not None:
            self.preview.served.reusable = False

    def record(self, config: MkDocsConfig, outcome: BuildOutcome) -> BuildOutcome:
        """What this build generated, for the next one to reuse: kept by the preview, or
        written for ``briefs build`` (which moves it beside the new site); returns
        ``outcome`` with what was reused."""
        site_dir = Path(config.site_dir)
        manifest = incremental.Manifest(
            self.fingerprint(config), incremental.nav_digest(config.nav), self._nav_signature()
        )
        for file in self.files:
            stat = incremental.output_stat(site_dir / file.dest_uri)
            manifest.files[file.src_uri] = incremental.Output(file.hash, file.dest_uri, stat)
        for page in self.nav.pages if self.nav is not None else []:
            if isinstance(page.file, GeneratedFile):
                manifest.titles[page.file.src_uri] = (page.title, dict(page.meta))
        if self.preview is not None:
            if self.dirty:
                self.preview.served = ServedSite(manifest, site_dir)
            return outcome
        if self.request.new_manifest is not None:
            manifest.save(self.request.new_manifest)
        pages = [file for file in self.files if file.is_documentation_page()]
        return outcome.model_copy(
            update={
                "incremental": self.full_reason is None,
                "full_reason": self.full_reason,
                "reused": self.reused,
                "rendered_pages": sum(1 for file in pages if not file.reused),
            }
        )


def _always() -> bool:
    return True


def read_page(page: Page, config: MkDocsConfig, files: Files) -> None:
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
