"""The one place that knows where every generated page lives.

Paths here are Markdown source paths inside the docs tree (``briefs/ford-xiaomi.md``); MkDocs
and Zensical turn them into URLs (``/briefs/ford-xiaomi/`` with directory URLs). Templates
link with paths relative to the page they are on, so a site works under any base URL, and
MkDocs' ``--strict`` link check validates every generated link.

Public URLs are a contract with readers and search engines: change them only with redirects.
"""

from __future__ import annotations

import posixpath

from .taxonomies import TAXONOMIES

HOME = "index.md"
ASSETS_DIR = "assets/newsbriefs"
STYLESHEET = f"{ASSETS_DIR}/newsbriefs.css"

BRIEFS_DIR = "briefs"
"""Brief pages: ``briefs/<slug>.md``. The slug alone, so editing a date or a term never
moves a page."""


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
    """A link from one source page to another, as Markdown wants it: ``../briefs/x.md``."""
    return posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
