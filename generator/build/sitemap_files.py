"""The engine's ``sitemap.xml`` split on disk when the site passes the sitemaps protocol's
limits (generator/publish/sitemaps.py decides the files): ``sitemap.xml`` becomes the index,
``sitemap-1.xml``... are written beside it, and ``sitemap.xml.gz``, where the engine wrote
one (MkDocs does, Zensical does not), is made again from the index, keeping the gzip time the
engine gave it. The same on every engine: the plugin calls it after MkDocs' build, and
``briefs build --engine zensical`` on Zensical's output, before the site is swapped in.
"""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

from generator.graph.index import SiteIndex
from generator.publish.sitemaps import SITEMAP, SitemapError, split
from generator.settings import Settings

GZIPPED = f"{SITEMAP}.gz"


class SitemapClash(ValueError):
    """A file of the site's own docs that a split sitemap would replace."""


def split_sitemap(site_dir: Path, index: SiteIndex, settings: Settings) -> int:
    """Split ``site_dir``'s sitemap when it is past the limits; the number of sitemap files
    written (0 when the engine's is left as it is). Raises :class:`SitemapClash` when one of
    them would replace a file of the site's docs_dir, and
    :class:`~generator.publish.sitemaps.SitemapError` for a sitemap that cannot be read."""
    engine_sitemap = site_dir / SITEMAP
    if engine_sitemap.is_symlink() or not engine_sitemap.is_file():
        return 0  # no sitemap (a theme without one), nothing to split
    files = split(engine_sitemap.read_bytes(), index, settings)
    if files is None:
        return 0
    docs = settings.docs_dir
    for name in files:
        if name != SITEMAP and docs is not None and (docs / name).exists():
            raise SitemapClash(
                f"{docs.name}/{name} would be replaced by a file of the split sitemap "
                f"(the site has more than {settings.sitemap_max_urls:,} pages); rename it"
            )
    for name, text in files.items():
        (site_dir / name).write_text(text, "utf-8")
    gzipped = site_dir / GZIPPED
    if gzipped.is_file() and not gzipped.is_symlink():
        _gzip(gzipped, files[SITEMAP].encode("utf-8"))
    return len(files) - 1


def _gzip(path: Path, content: bytes) -> None:
    """``path`` made again from ``content``, with the time its header had (MkDocs gives the
    build's, ``SOURCE_DATE_EPOCH`` when set): the same sources give the same bytes."""
    with path.open("rb") as engine_made:
        header = engine_made.read(8)
    mtime = struct.unpack("<I", header[4:8])[0] if len(header) == 8 else 0
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, filename=path.name, mode="wb", mtime=mtime) as packed,
    ):
        packed.write(content)


__all__ = ["GZIPPED", "SitemapClash", "SitemapError", "split_sitemap"]
