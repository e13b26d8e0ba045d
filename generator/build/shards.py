"""A shard's build, inside the engine: render one share of the pages, skip the others.

``briefs build --shard K/N`` (and each process of ``briefs build --jobs N``) runs MkDocs dirty
with a request naming its share (generator/build/request.py). The ``briefs`` plugin hands
its events here:

- ``on_files`` (:meth:`ShardPlan.plan`): every file gets one owner: the pages are dealt out
  by :func:`balanced_shares` (by the size of their Markdown, which is what the engine's time
  follows, the same in every share), anything else (theme assets, feeds, the API, the site's
  own files) goes to the first share, which also writes the search index, sitemaps and 404
  page. Files of other shares are marked unmodified, so MkDocs' dirty mode neither renders
  nor copies them;
- ``on_env`` (:meth:`ShardPlan.read_nav_pages`): the nav pages of other shares are read
  (not written), since every page's nav shows their titles;
- ``on_post_build`` (:meth:`ShardPlan.finish`): outputs that are not this share's are removed
  (a theme's 404 page or sitemap, which every run writes), and the share's fingerprint is
  left for ``briefs build`` (:data:`~generator.build.request.SHARE_NAME`).

The fingerprint covers what every share must agree on: the config, theme, plugins and
code (generator/build/incremental.py), the generated files' hashes (so the briefs and the
build time), the site's own files and the number of shares; ``briefs merge``
(generator/build/merge.py) refuses shares whose fingerprints differ.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from generator.build.merge import file_digest
from generator.build.request import BuildRequest, Shard
from generator.build.reuse import GeneratedFile, read_page


def balanced_shares(pages: Mapping[str, int], count: int) -> dict[str, int]:
    """Each page (source path -> size of its Markdown) -> its share, from 1: the largest
    pages first, each to the share with the fewest bytes so far (ties: the lower share, then
    the path), so shares take about the same time. Every share computes the same answer
    from the same pages (the fingerprint checks they had the same)."""
    totals = [(0, index) for index in range(1, count + 1)]
    heapq.heapify(totals)
    shares = {}
    for path, size in sorted(pages.items(), key=lambda page: (-page[1], page[0])):
        total, index = heapq.heappop(totals)
        shares[path] = index
        heapq.heappush(totals, (total + size, index))
    return shares


def _size(file: File) -> int:
    if file.generated_by is not None or not file.abs_src_path:
        return len(file.content_bytes)
    return os.path.getsize(file.abs_src_path)


def _never() -> bool:
    return False


class ShardPlan:
    """One shard's share of the files of one build (see the module's docstring)."""

    def __init__(self, request: BuildRequest) -> None:
        assert request.shard is not None
        self.request = request
        self.shard: Shard = request.shard
        self.owners: dict[str, int] = {}
        """Every file's output (site-relative) -> the share that writes it."""
        self.fingerprint = ""

    def plan(
        self, files: Files, generated: Sequence[GeneratedFile], config: MkDocsConfig, base: str
    ) -> None:
        """Mark every file of another share unmodified (MkDocs' dirty mode skips it) and
        compute the fingerprint; ``base`` is the fingerprint of the config, theme and code."""
        count = self.shard.count
        docs_dir = Path(config.docs_dir).resolve()
        pages = {file.src_uri: _size(file) for file in files.documentation_pages()}
        shares = balanced_shares(pages, count)
        own: list[tuple[str, str]] = []
        for file in files:
            share = shares.get(file.src_uri, 1)  # what is not a page: the first share's
            self.owners[file.dest_uri] = share
            if share != self.shard.index:
                if isinstance(file, GeneratedFile):
                    file.reused = True
                else:
                    file.is_modified = _never  # type: ignore[method-assign]
            if file.generated_by is None and file.abs_src_path:
                source = Path(file.abs_src_path).resolve()
                if source.is_relative_to(docs_dir):
                    own.append((file.src_uri, file_digest(source)))
        document = {
            "base": base,
            "count": count,
            "now": self.request.now.isoformat(),
            "drafts": self.request.drafts,
            "generated": sorted((file.src_uri, file.hash) for file in generated),
            "own": sorted(own),
        }
        text = json.dumps(document, sort_keys=True).encode("utf-8")
        self.fingerprint = hashlib.blake2b(text, digest_size=16).hexdigest()

    @property
    def site_wide(self) -> bool:
        """This share writes what belongs to the whole site (the search index too)."""
        return self.shard.first

    def read_nav_pages(self, nav: Navigation | None, config: MkDocsConfig, files: Files) -> None:
        """Read the nav pages of other shares, as a full build would: every page shows their
        titles (and their metadata's icons) in its nav. They are not written."""
        for page in nav.pages if nav is not None else []:
            if page.markdown is None and not page.file.is_modified():
                read_page(page, config, files)

    def finish(self, site_dir: Path) -> None:
        """Remove what another share writes (the first share keeps what no file claims: the
        theme's 404 page and sitemaps, the search index), then leave the fingerprint."""
        for folder, _, names in os.walk(site_dir):
            for name in names:
                path = Path(folder, name)
                dest = path.relative_to(site_dir).as_posix()
                share = self.owners.get(dest)
                if share is None and self.shard.first:
                    continue
                if share != self.shard.index:
                    path.unlink()
        if self.request.share_file is not None:
            document = {"fingerprint": self.fingerprint, "index": self.shard.index}
            self.request.share_file.write_text(json.dumps(document), "utf-8")
