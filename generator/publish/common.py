"""What the machine outputs share: absolute addresses, instants, plain text, authors."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import lru_cache
from urllib.parse import quote
from zoneinfo import ZoneInfo

from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Term
from generator.graph.urls import PublicUrls
from generator.settings import Settings
from generator.source.markup import plain_text
from generator.source.model import Brief


def uri(url: str) -> str:
    """An address as a URI (``tickers/市场/`` percent-encoded), as feeds and sitemaps want it;
    the characters URIs reserve stay as they are (feedgenerator's rule, RFC 3987)."""
    return quote(url, safe="/#%[]=:;$&()+,!?*@'~")


def absolute(settings: Settings, path: str) -> str:
    """The absolute URI of a docs path; only called when the site has a ``site_url``."""
    assert settings.site_url is not None, "machine outputs with absolute URLs need site_url"
    return _absolute(settings.site_url, settings.use_directory_urls, path)


@lru_cache(maxsize=65536)
def _absolute(site_url: str, directory_urls: bool, path: str) -> str:
    """Cached: a brief's or an author's address is asked for by many feeds and pages."""
    return uri(PublicUrls(directory_urls, site_url).absolute(path) or "")


def site_root(settings: Settings) -> str:
    assert settings.site_url is not None
    return uri(settings.site_url.rstrip("/") + "/")


def instant(value: date | datetime, zone: ZoneInfo) -> datetime:
    """A brief's date as an instant: a date alone is the start of that day in the
    newsroom's time zone (the ``timezone`` setting)."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0, 0), tzinfo=zone)


def iso(value: date | datetime) -> str:
    return value.isoformat()


def corrections(brief: Brief) -> tuple[tuple[date | datetime, str], ...]:
    """The brief's corrections, oldest first, as (date, text)."""
    return tuple((note.date, note.text) for note in brief.notices)


def modified(brief: Brief, zone: ZoneInfo) -> date | datetime:
    """When the brief last changed: its latest correction, else ``updated``, else ``date``."""
    latest: date | datetime = brief.updated or brief.date
    for when, _ in corrections(brief):
        if instant(when, zone) > instant(latest, zone):
            latest = when
    return latest


def description(brief: Brief) -> str:
    """The brief in a sentence or two, as plain text: its dek, else its summary."""
    return plain_text(brief.dek or brief.summary)


def authors_of(index: SiteIndex, brief: Brief) -> list[Term]:
    """The brief's authors: its terms of the taxonomy of bylines (``Taxonomy.byline``)."""
    return [
        term
        for taxonomy in TAXONOMIES.values()
        if taxonomy.byline
        for term in index.terms_of(brief, taxonomy.name)
    ]
