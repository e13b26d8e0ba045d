"""The site's sitemap within the protocol's limits: at most 50,000 URLs and 50 MB a file
(sitemaps.org). The engine writes ``sitemap.xml`` of every page (MkDocs, Zensical: each its
own way); past ``sitemap_max_urls`` URLs, :func:`split` turns it into a sitemap index,
``sitemap.xml``, of files ``sitemap-1.xml``, ``sitemap-2.xml``... each within the limits.

The order is the pages' *birth*: when each came to exist, as the index says (a brief's page
with its publication, a listing page with the brief that opened it, a term with its first
brief), the oldest first, and by address among equals; pages the index does not make (the
site's own, the home page, the taxonomies' index pages) count as the oldest. A publish that
adds a brief adds its pages at the end: the last file and the index change, the others keep
their URLs. (A page removed, a brief dated back or a page of the site's own added moves the
URLs after it by one.) The engine's own entries are kept as it wrote them (MkDocs adds a
``lastmod``); only their order and files are ours.

Pure: the engine's text in, files out (generator/build/sitemap_files.py writes them).
Parsed with ElementTree: the text is the engine's, made from our pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import unquote
from xml.etree import ElementTree

from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES
from generator.publish.common import absolute, site_root
from generator.render.pages import listing_paths
from generator.settings import Settings

SITEMAP = "sitemap.xml"
"""The engine's sitemap; the index, when split."""
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_BYTES = 50 * 1024 * 1024
"""The protocol's limit of a sitemap file, uncompressed (50 MB, 52,428,800 bytes)."""
HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
OLDEST = datetime.min.replace(tzinfo=UTC)
"""The birth of a page the index does not date: older than every brief."""


class SitemapError(ValueError):
    """An engine's sitemap that is not a ``urlset`` of ``url`` entries."""


def part_name(number: int) -> str:
    """The file of the ``number``-th share of the URLs (from 1)."""
    return f"sitemap-{number}.xml"


@dataclass(frozen=True)
class Entry:
    """One ``<url>`` of the engine's sitemap: its address and its element, as written."""

    loc: str
    xml: str
    lastmod: str | None


def entries(text: bytes) -> list[Entry]:
    """The engine's entries, each address once (the first kept), in the engine's order."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as exc:
        raise SitemapError(f"{SITEMAP}: not XML ({exc})") from None
    if root.tag != f"{{{SITEMAP_NS}}}urlset":
        raise SitemapError(f"{SITEMAP}: a urlset was expected, found {root.tag}")
    ElementTree.register_namespace("", SITEMAP_NS)
    found: dict[str, Entry] = {}
    for url in root.iter(f"{{{SITEMAP_NS}}}url"):
        loc = (url.findtext(f"{{{SITEMAP_NS}}}loc") or "").strip()
        if not loc or loc in found:
            continue
        url.text = url.tail = None  # the engine's indentation: one entry a line here
        for child in url:
            child.tail = None
        xml = ElementTree.tostring(url, encoding="unicode", xml_declaration=False)
        # ElementTree repeats the namespace on each element written alone: the file has it once.
        xml = xml.replace(f' xmlns="{SITEMAP_NS}"', "", 1)
        found[loc] = Entry(loc, xml, url.findtext(f"{{{SITEMAP_NS}}}lastmod"))
    return list(found.values())


def births(index: SiteIndex, settings: Settings) -> dict[str, datetime]:
    """When each page the index makes came to exist, by its absolute address (unquoted, so
    that the engine's spelling of an address and ours meet): a brief's page with the brief;
    the ``n``-th page of a listing of ``per_page`` briefs with its ``(n-1)*per_page+1``-th
    brief, oldest first (the one whose arrival made the listing need that page), whichever
    way the listing's pages are filled."""
    born: dict[str, datetime] = {}
    for brief in (*index.withdrawn, *index.briefs):
        born[_key(absolute(settings, urls.brief(brief.slug)))] = brief.published_at
    for taxonomy in TAXONOMIES.values():
        for term in index.terms(taxonomy.name):
            oldest_first = term.briefs[::-1]
            if not oldest_first:
                continue
            for number, path in enumerate(listing_paths(term, settings.per_page)):
                opener = oldest_first[min(number * settings.per_page, len(oldest_first) - 1)]
                born[_key(absolute(settings, path))] = opener.published_at
    return born


def _key(url: str) -> str:
    return unquote(url)


def split(
    engine_sitemap: bytes,
    index: SiteIndex,
    settings: Settings,
    max_urls: int | None = None,
) -> dict[str, str] | None:
    """The sitemap index and its files (name -> text), or None when the engine's sitemap is
    within the limits (it is then left as the engine wrote it) or the site has no
    ``site_url`` (a sitemap index needs absolute addresses)."""
    limit = settings.sitemap_max_urls if max_urls is None else max_urls
    if settings.site_url is None:
        return None
    found = entries(engine_sitemap)
    if len(found) <= limit and len(engine_sitemap) <= MAX_BYTES:
        return None
    born = births(index, settings)
    ordered = sorted(found, key=lambda entry: (born.get(_key(entry.loc), OLDEST), entry.loc))
    files: dict[str, str] = {}
    shares = list(_shares(ordered, limit))
    for number, share in enumerate(shares, start=1):
        files[part_name(number)] = _urlset(share)
    files[SITEMAP] = _index(
        {part_name(n): _latest(share) for n, share in enumerate(shares, start=1)}, settings
    )
    return files


def _shares(ordered: list[Entry], limit: int) -> Iterator[list[Entry]]:
    """Consecutive runs of at most ``limit`` entries and :data:`MAX_BYTES` each, in order."""
    empty = len(_urlset([]).encode("utf-8"))
    share: list[Entry] = []
    size = empty
    for entry in ordered:
        cost = len(_line(entry).encode("utf-8"))
        if share and (len(share) >= limit or size + cost > MAX_BYTES):
            yield share
            share, size = [], empty
        share.append(entry)
        size += cost
    if share:
        yield share


def _line(entry: Entry) -> str:
    return f"  {entry.xml}\n"


def _urlset(share: list[Entry]) -> str:
    body = "".join(map(_line, share))
    return f'{HEADER}<urlset xmlns="{SITEMAP_NS}">\n{body}</urlset>\n'


def _latest(share: list[Entry]) -> str | None:
    """The newest ``lastmod`` of a file's entries (W3C dates compare as text within one
    site's format), or None when the engine wrote none."""
    dates = [entry.lastmod.strip() for entry in share if entry.lastmod]
    return max(dates) if dates else None


def _index(parts: Mapping[str, str | None], settings: Settings) -> str:
    root = site_root(settings)
    index = ElementTree.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for name, lastmod in parts.items():
        sitemap = ElementTree.SubElement(index, f"{{{SITEMAP_NS}}}sitemap")
        ElementTree.SubElement(sitemap, f"{{{SITEMAP_NS}}}loc").text = root + name
        if lastmod:
            ElementTree.SubElement(sitemap, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    ElementTree.indent(index)
    return HEADER + ElementTree.tostring(index, encoding="unicode") + "\n"
