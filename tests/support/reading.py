"""Reading what a build wrote: gzip files, Pagefind's records, a folder's digest."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

PAGEFIND_UNORDERED = re.compile(r"pagefind/(?:[\w-]+/)?(?:filter/|pagefind\.|pagefind-entry\.json)")
"""Pagefind 1.5 writes each filter's values in a hash map's order, which changes from run to
run, and names the filter files and the meta file that lists them by their content: these
differ between two builds of the same site (the pages, records and word index do not), in
the primary bundle (``pagefind/``) and in each segment's (``pagefind/2026-02/``)."""


def unpacked(data: bytes) -> bytes:
    """A file's bytes, opened when gzip (sitemap.xml.gz, and Pagefind's index files, whose
    names do not say so)."""
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def pagefind_records(site_dir: Path) -> list[dict[str, Any]]:
    """Every record of a built site's Pagefind index, read back from its fragments (gzip,
    then ``pagefind_dcd`` and the record as JSON): url, content, meta, filters."""
    found = []
    for path in sorted((site_dir / "pagefind").glob("**/fragment/*.pf_fragment")):
        data = unpacked(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        found.append(json.loads(data.removeprefix(b"pagefind_dcd")))
    return found


def tree_digest(folder: Path, *, skip: tuple[str, ...] | re.Pattern[str] = ()) -> str:
    """Names and bytes of every file under ``folder``, which must exist (a missing folder
    would digest the same as any other missing folder, and "unchanged" would prove nothing),
    but those whose path starts with one of ``skip`` (or matches it, a pattern)."""
    assert folder.is_dir(), f"{folder} does not exist"
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        skipped = skip.match(name) if isinstance(skip, re.Pattern) else name.startswith(skip)
        if path.is_file() and not skipped:
            digest.update(path.relative_to(folder).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def article_links(site_dir: Path, url: str) -> set[str]:
    """The site-relative URLs the article of the built page at ``url`` links to (not the
    theme's navigation, not other sites, not anchors on the page)."""
    page = BeautifulSoup((site_dir / url / "index.html").read_text("utf-8"), "html.parser")
    article = page.select_one("article.md-content__inner")
    assert article is not None, url
    found = set()
    for a in article.select("a[href]"):
        href = str(a["href"])
        if urlsplit(href).scheme or href.startswith("#"):
            continue
        found.add(urlsplit(urljoin(f"https://x/{url}", href)).path.lstrip("/"))
    return found


EPOCH = "1788220800"
"""2026-09-01 as SOURCE_DATE_EPOCH: every stamp a build writes (sitemap, feeds, gzip
header) the same, so two builds compare byte for byte."""


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (which must exist), by its path there: its bytes."""
    assert folder.is_dir(), f"{folder} does not exist"
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def assert_same_site(incremental: Path, full: Path) -> None:
    """Every file of both sites, compared byte by byte (sitemap.xml.gz too: its gzip stamp
    is the build date, fixed by SOURCE_DATE_EPOCH), but Pagefind's filter files and the two
    that name them, which differ between any two builds (``PAGEFIND_UNORDERED``): of those,
    the same number."""
    a, b = tree(incremental), tree(full)
    unordered = [
        sorted(name for name in files if PAGEFIND_UNORDERED.match(name)) for files in (a, b)
    ]
    assert len(unordered[0]) == len(unordered[1]) > 0, unordered
    for files, names in zip((a, b), unordered, strict=True):
        for name in names:
            del files[name]
    assert sorted(a.keys() - b.keys()) == [], "only in the incremental build"
    assert sorted(b.keys() - a.keys()) == [], "missing from the incremental build"
    assert sorted(name for name in a if a[name] != b[name]) == [], "files that differ"
