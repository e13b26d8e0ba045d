"""A shard's build, inside the engine: render one share of the pages, skip the others.

``briefs build --shard K/N`` (and each process of ``briefs build --jobs N``) runs MkDocs dirty
with a request naming its share (generator/build/request.py). The ``briefs`` plugin hands
its events here:

- ``on_files`` (:meth:`ShardPlan.plan`): every file gets one owner: a page the share of
  :func:`owner` (a stable hash of its source path, the same on every machine), anything else
  (theme assets, feeds, the API, the site's own files) the first share, which also writes the
  search index, sitemaps and 404 page. Files of other shares are marked unmodified, so
  MkDocs' dirty mode neither renders nor copies them;
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
import json
import os
from collections.abc import Sequence
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from generator.build.request import BuildRequest, Shard
from generator.build.reuse import GeneratedFile, read_page


def owner(src_uri: str, count: int) -> int:
    """The share (from 1) that renders the page at ``src_uri``: a stable hash, so a page
    keeps its share as the archive grows, and shares stay balanced."""
    digest = hashlib.blake2b(src_uri.encode("utf-8", "surrogateescape"), digest_size=8)
    return int.from_bytes(digest.digest(), "big") % count + 1


def file_owner(file: File, count: int) -> int:
    """Pages are spread over the shares; every other file belongs to the first."""
    return owner(file.src_uri, count) if file.is_documentation_page() else 1


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
        own: list[tuple[str, str]] = []
        for file in files:
            share = file_owner(file, count)
            self.owners[file.dest_uri] = share
            if share != self.shard.index:
                if isinstance(file, GeneratedFile):
                    file.reused = True
                else:
                    file.is_modified = _never  # type: ignore[method-assign]
            if file.generated_by is None and file.abs_src_path:
                source = Path(file.abs_src_path).resolve()
                if source.is_relative_to(docs_dir):
                    own.append((file.src_uri, _bytes_digest(source)))
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


def _bytes_digest(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
