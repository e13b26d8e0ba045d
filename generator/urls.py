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
from pathlib import PurePosixPath

from .taxonomies import TAXONOMIES

HOME = "index.md"
ASSETS_DIR = "assets/newsbriefs"
STYLESHEET = f"{ASSETS_DIR}/newsbriefs.css"

BRIEFS_DIR = "briefs"
"""Brief pages: ``briefs/<slug>.md``. The slug alone, so editing a date or a term never
moves a page."""


RISKS = "risks/index.md"
"""The risk overview: every risk by sector, and a sectors x months chart."""


def brief(slug: str) -> str:
    return f"{BRIEFS_DIR}/{slug}.md"


def term(taxonomy: str, slug: str, page: int = 1) -> str:
    """A term's listing: ``<folder>/<slug>/index.md``, its page 2 at ``<folder>/<slug>/page/2.md``;
    each taxonomy's folder is declared in its registry entry (generator/taxonomies.py)."""
    base = f"{TAXONOMIES[taxonomy].folder}/{slug}"
    return f"{base}/index.md" if page == 1 else f"{base}/page/{page}.md"


def taxonomy_index(taxonomy: str) -> str:
    return f"{TAXONOMIES[taxonomy].folder}/index.md"


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
