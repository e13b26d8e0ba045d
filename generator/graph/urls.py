"""The one place that knows where every generated page lives.

Paths here are Markdown source paths inside the docs tree (``briefs/ford-xiaomi.md``); MkDocs
and Zensical turn them into URLs (``/briefs/ford-xiaomi/`` with directory URLs). Templates
link with paths relative to the page they are on, so a site works under any base URL, and
MkDocs' ``--strict`` link check validates every generated link.

Public URLs are a contract with readers and search engines: change them only with redirects.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import Literal

from generator.graph.taxonomies import TAXONOMIES

HOME = "index.md"
ASSETS_DIR = "assets/newsbriefs"
STYLESHEET = f"{ASSETS_DIR}/newsbriefs.css"

BRIEFS_DIR = "briefs"
"""Brief pages: ``briefs/<slug>.md``. The slug alone, so editing a date or a term never
moves a page."""


RISKS = "risks/index.md"
"""The risk overview: every risk by sector, and a sectors x months chart."""


DIGEST_DIR = "digest"
DIGEST_INDEX = f"{DIGEST_DIR}/index.md"
"""The morning briefing's pages: ``digest/index.md`` lists the days, ``digest/2026/01/31.md``
is one day's (generator/graph/digest.py); its e-mail files sit in that day's folder."""


def digest(day: date) -> str:
    """One day's digest page: ``digest/2026/01/31/index.md`` (``/digest/2026/01/31/``)."""
    return f"{DIGEST_DIR}/{day:%Y/%m/%d}/index.md"


def digest_email(day: date, kind: Literal["html", "txt"]) -> str:
    """A day's e-mail files, beside its page: ``digest/2026/01/31/email.html`` and ``.txt``."""
    return f"{DIGEST_DIR}/{day:%Y/%m/%d}/email.{kind}"


def digest_feed(kind: FeedFormat) -> str:
    """The digest's feeds, one item per day: ``digest/rss.xml``, ``atom.xml``, ``feed.json``."""
    return f"{DIGEST_DIR}/{FEED_FILES[kind]}"


def digest_feeds() -> dict[FeedFormat, str]:
    return {kind: digest_feed(kind) for kind in FEED_FILES}


def brief(slug: str) -> str:
    return f"{BRIEFS_DIR}/{slug}.md"


def term(taxonomy: str, slug: str, page: int | None = None) -> str:
    """A term's listing: its front ``<folder>/<slug>/index.md`` (no ``page``), its numbered
    page 2 at ``<folder>/<slug>/page/2.md``. Numbered pages count from the oldest brief, so an
    address keeps its briefs forever (generator/render/pages.py). Each taxonomy's folder is
    declared in its registry entry (generator/graph/taxonomies.py)."""
    base = f"{TAXONOMIES[taxonomy].folder}/{slug}"
    return f"{base}/index.md" if page is None else f"{base}/page/{page}.md"


def taxonomy_index(taxonomy: str) -> str:
    return f"{TAXONOMIES[taxonomy].folder}/index.md"


# ---------------------------------------------------------------------------------------------
# Files for machines (generator/publish/): feeds, the news sitemap, the JSON API, redirects.

FeedFormat = Literal["rss", "atom", "json"]
FEED_FILES: dict[FeedFormat, str] = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}
"""Each feed's file name, in the folder of the page it belongs to (the site's at the top)."""
FEED_NAMES: dict[FeedFormat, str] = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
FEED_TYPES: dict[FeedFormat, str] = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}


def feed(kind: FeedFormat, taxonomy: str | None = None, slug: str | None = None) -> str:
    """A feed's file: ``rss.xml`` for the site, ``<folder>/<slug>/rss.xml`` for a term, beside
    the term's first listing page."""
    if taxonomy is None or slug is None:
        return FEED_FILES[kind]
    return f"{TAXONOMIES[taxonomy].folder}/{slug}/{FEED_FILES[kind]}"


def feeds(taxonomy: str | None = None, slug: str | None = None) -> dict[FeedFormat, str]:
    """Every feed file of the site (no term) or of a term, by format."""
    return {kind: feed(kind, taxonomy, slug) for kind in FEED_FILES}


def term_sitemap(taxonomy: str, slug: str) -> str:
    """A sitemap of a term's listing pages, beside its feeds (``<folder>/<slug>/sitemap.xml``):
    Material for MkDocs asks for one beside every ``<link rel="alternate">`` it finds."""
    return f"{TAXONOMIES[taxonomy].folder}/{slug}/sitemap.xml"


NEWS_SITEMAP = "news-sitemap.xml"
"""The Google News sitemap (MkDocs writes ``sitemap.xml`` itself)."""

API_DIR = "api"
API_BRIEFS = f"{API_DIR}/briefs.json"
"""The list of briefs, newest first; later pages at :func:`api_briefs_page`."""
API_TICKERS = f"{API_DIR}/tickers.json"
API_SCHEMA_DIR = f"{API_DIR}/schema"


def api_briefs_page(number: int) -> str:
    """Page ``number`` of the list of briefs: ``api/briefs.json``, then ``api/briefs/page/2.json``
    (beside the briefs' own files, which a slug cannot reach: it has no ``/``)."""
    return API_BRIEFS if number == 1 else f"{API_DIR}/briefs/page/{number}.json"


def api_brief(slug: str) -> str:
    return f"{API_DIR}/briefs/{slug}.json"


def api_schema(name: str) -> str:
    """The JSON Schema of one kind of API file: ``api/schema/brief.json``."""
    return f"{API_SCHEMA_DIR}/{name}.json"


def api_ninjs(slug: str) -> str:
    """A brief as an IPTC ninjs 3.x news item, for wire customers (generator/publish/ninjs.py)."""
    return f"{API_DIR}/ninjs/{slug}.json"


def redirect(old_slug: str, *, directory_urls: bool = True) -> str:
    """The file that keeps a renamed brief's old address alive: the page file the engine
    wrote for ``briefs/<old>.md`` (``briefs/<old>/index.html``), as a static redirect page."""
    return PublicUrls(directory_urls).output_path(brief(old_slug))


def relative(from_page: str, to_page: str) -> str:
    """A link from one source page to another, as Markdown wants it: ``../briefs/x.md``.

    ``posixpath.relpath`` for paths inside the docs tree (no ``.``, ``..`` or leading ``/``),
    without its calls to ``abspath``: a site makes this link hundreds of thousands of times.
    """
    here = from_page.split("/")[:-1]
    there = to_page.split("/")
    common = 0
    for mine, theirs in zip(here, there[:-1], strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def published_relative(from_page: str, to_page: str, *, directory_urls: bool = True) -> str:
    """A link from one source page to another as the built site has it (``../sectors/x/``),
    for raw HTML (inline SVG), where the engine does not rewrite ``.md`` links."""
    public = PublicUrls(directory_urls)
    target = public.url(to_page)
    base = posixpath.dirname(public.output_path(from_page)) or "."
    link = posixpath.relpath(target or ".", base)
    return link + "/" if target.endswith("/") and not link.endswith("/") else link


# ---------------------------------------------------------------------------------------------
# Public addresses: where a docs file is published, and its absolute URL.


@dataclass(frozen=True)
class PublicUrls:
    """How the engine publishes a docs path, as MkDocs (and Zensical) do it.

    ``use_directory_urls`` (MkDocs' default): ``a.md`` -> ``a/index.html``, URL ``a/``;
    without it: ``a.md`` -> ``a.html``. ``index.md`` and ``README.md`` are always their
    folder's ``index.html``. Files other than Markdown keep their path.
    """

    directory_urls: bool = True
    site_url: str | None = None
    """The site's public address with a trailing slash, or None when the site sets none."""

    def output_path(self, src: str) -> str:
        """The file the engine writes for ``src`` (``briefs/x.md`` -> ``briefs/x/index.html``)."""
        pure = PurePosixPath(src)
        if pure.suffix != ".md":
            return src
        parent = "" if pure.parent == PurePosixPath(".") else f"{pure.parent.as_posix()}/"
        if pure.stem in ("index", "README"):
            return f"{parent}index.html"
        if self.directory_urls:
            return f"{parent}{pure.stem}/index.html"
        return f"{parent}{pure.stem}.html"

    def url(self, src: str) -> str:
        """The site-relative URL of ``src``: ``briefs/x/`` or ``briefs/x.html``."""
        path = self.output_path(src)
        if self.directory_urls and (path == "index.html" or path.endswith("/index.html")):
            return path.removesuffix("index.html")
        return path

    def absolute(self, src: str) -> str | None:
        """The full URL of ``src`` (feeds, canonical links, sitemaps), or None without
        ``site_url``: outputs that need one are then skipped, with one warning."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + self.url(src)
