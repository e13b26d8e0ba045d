"""Feeds: RSS 2.0 and Atom through feedgenerator (Pelican's maintained feed writer), JSON
Feed 1.1 through the JSON encoder; for the whole site and for each term of a taxonomy that
declares ``feeds`` (categories, tickers, stories: generator/graph/taxonomies.py).

An item's guid is the brief's URL, which depends only on its slug: editing or correcting a
brief never makes it a new item. A correction moves the item's updated date and adds its
note to the item's text. Brief text is data: RSS and Atom readers read an item's summary as
HTML, so the plain text is HTML-escaped before feedgenerator XML-escapes it; JSON Feed's
``summary`` and ``content_text`` are plain text by definition.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from xml.etree import ElementTree

from feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, SyndicationFeed

from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Term
from generator.publish.common import (
    absolute,
    authors_of,
    description,
    instant,
    iso,
    modified,
)
from generator.publish.media import Media, Picture
from generator.publish.news_sitemap import SITEMAP_NS
from generator.render.filters import long_date, names
from generator.render.outputs import Output, to_json
from generator.render.pages import listing_paths, page_feeds
from generator.settings import Settings
from generator.source.editorial import KIND_LABELS
from generator.source.markup import plain_text
from generator.source.model import Brief


@dataclass(frozen=True)
class FeedLink:
    """One feed of a page, as its ``<link rel="alternate">`` and its visible link show it."""

    kind: urls.FeedFormat
    path: str
    """The feed's file in the docs tree."""
    title: str

    @property
    def type(self) -> str:
        return urls.FEED_TYPES[self.kind]


def feeds_of(settings: Settings, term: Term | None = None) -> list[FeedLink]:
    """The feeds of the site (``term`` None) or of a term's page (render's rule, which the
    pages' visible feed links follow too)."""
    title = feed_title(settings, term)
    return [
        FeedLink(kind, path, f"{title} ({urls.FEED_NAMES[kind]})")
        for kind, path in page_feeds(settings, term).items()
    ]


def feed_title(settings: Settings, term: Term | None) -> str:
    if term is None:
        return settings.site_name
    name = plain_text(term.name)
    about = getattr(term.about, "name", None)  # a ticker's company
    return f"{settings.site_name}: {name}" + (f" ({plain_text(about)})" if about else "")


def outputs(index: SiteIndex, settings: Settings, media: Media | None = None) -> Iterator[Output]:
    """Every feed file of the site. A brief is in several feeds (the site's, its category's,
    its tickers'...): its item is made once; with ``media``, with the brief's image."""
    made: dict[str, Item] = {}

    def item(brief: Brief) -> Item:
        if brief.slug not in made:
            found = _item(index, settings, brief)
            if media is not None:
                found = replace(found, pictures=tuple(media.renditions(brief)[:1]))
            made[brief.slug] = found
        return made[brief.slug]

    yield from _feed(settings, None, index.briefs, item)
    for taxonomy in TAXONOMIES.values():
        if taxonomy.feeds:
            for term in index.terms(taxonomy.name):
                yield from _feed(settings, term, term.briefs, item)
                yield _term_sitemap(settings, term)


def _term_sitemap(settings: Settings, term: Term) -> Output:
    """The sitemap beside a term's feeds, of the term's listing pages. Material for MkDocs
    (not Zensical) takes every ``<link rel="alternate">`` for a language version of the page
    and fetches the ``sitemap.xml`` beside it: with this one there, a term's page loads
    without a failed request. A sitemap may list the addresses below its own folder, as
    this one does (sitemaps.org)."""
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for path in listing_paths(term, settings.per_page):
        url = ElementTree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        loc = ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc")
        loc.text = absolute(settings, path)
    ElementTree.register_namespace("", SITEMAP_NS)
    text = ElementTree.tostring(root, encoding="unicode")
    return Output(
        urls.term_sitemap(term.taxonomy, term.slug),
        "xml",
        f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n',
    )


def _feed(
    settings: Settings,
    term: Term | None,
    briefs: Sequence[Brief],
    item_of: Callable[[Brief], Item],
) -> Iterator[Output]:
    newest = briefs[: settings.feed_items]  # newest first, as the index keeps them
    page = urls.HOME if term is None else urls.term(term.taxonomy, term.slug)
    about = (
        settings.site_description or f"The latest briefs of {settings.site_name}"
        if term is None
        else f"The latest briefs in {plain_text(term.name)}"
    )
    items = [item_of(brief) for brief in newest]
    links = {link.kind: link for link in feeds_of(settings, term)}
    for kind, writer in (("rss", _RssWithMedia), ("atom", HubAtomFeed)):
        link = links[kind]  # type: ignore[index]
        feed: SyndicationFeed = writer(
            title=feed_title(settings, term),
            link=absolute(settings, page),
            description=about,
            language=settings.language,
            feed_url=absolute(settings, link.path),
            websub_hub=settings.websub_hub,
        )
        for item in items:
            feed.add_item(**item.feedgenerator())
        yield Output(link.path, "xml", feed.writeString("utf-8"))
    json_link = links["json"]
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed_title(settings, term),
        "home_page_url": absolute(settings, page),
        "feed_url": absolute(settings, json_link.path),
        "description": about,
        "language": settings.language,
        "items": [item.json_feed() for item in items],
    }
    if settings.websub_hub is not None:
        document["hubs"] = [{"type": "WebSub", "url": settings.websub_hub}]
    yield Output(json_link.path, "json", to_json(document))


# newcomer: WebSub (https://www.w3.org/TR/websub/). A feed names its hub beside its own
# address (``rel="self"``, which feedgenerator writes): a reader subscribes at the hub and
# hears of a new brief when the workflow tells the hub (``briefs websub``), not on its next
# poll. JSON Feed 1.1 names it in ``hubs``.


class HubRssFeed(Rss201rev2Feed):  # type: ignore[misc]  # feedgenerator is untyped
    """RSS 2.0 with ``<atom:link rel="hub">`` when the feed is given ``websub_hub``."""

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        if self.feed.get("websub_hub"):
            handler.addQuickElement(
                "atom:link", None, {"rel": "hub", "href": self.feed["websub_hub"]}
            )


class HubAtomFeed(Atom1Feed):  # type: ignore[misc]  # feedgenerator is untyped
    """Atom with ``<link rel="hub">`` when the feed is given ``websub_hub``."""

    def add_root_elements(self, handler: Any) -> None:
        super().add_root_elements(handler)
        if self.feed.get("websub_hub"):
            handler.addQuickElement("link", "", {"rel": "hub", "href": self.feed["websub_hub"]})


def feed_urls(index: SiteIndex, settings: Settings) -> list[str]:
    """The address of every feed :func:`outputs` writes (the site's, then each term's), the
    topics a WebSub hub is told of after a deploy; none when the site makes no feeds."""
    if not settings.publishes_feeds:
        return []
    terms: list[Term | None] = [None]
    for taxonomy in TAXONOMIES.values():
        if taxonomy.feeds:
            terms += index.terms(taxonomy.name)
    return [absolute(settings, link.path) for term in terms for link in feeds_of(settings, term)]


@dataclass(frozen=True)
class Item:
    """One brief as a feed item, for every format."""

    brief: Brief
    url: str
    title: str
    summary: str
    text: str
    """The summary and any correction notes, plain text."""
    authors: tuple[tuple[str, str], ...]
    """(name, author page URL)."""
    categories: tuple[str, ...]
    published: datetime
    updated: datetime
    pictures: tuple[Picture, ...] = ()
    """media: the brief's image (its widest rendition, or its https address)."""

    def feedgenerator(self) -> dict[str, object]:
        return {
            "enclosures": [
                Enclosure(p.url, str(p.length or 0), p.media_type or "image/jpeg")
                for p in self.pictures
            ],
            "pictures": self.pictures,
            "title": self.title,
            "link": self.url,
            "description": html.escape(self.text, quote=False),
            "unique_id": self.url,
            "unique_id_is_permalink": True,
            "pubdate": self.published,
            "updateddate": self.updated,
            "author_name": names([name for name, _ in self.authors]) if self.authors else None,
            "author_link": self.authors[0][1] if len(self.authors) == 1 else None,
            "categories": list(self.categories),
        }

    def json_feed(self) -> dict[str, object]:
        item: dict[str, object] = {
            "id": self.url,
            "url": self.url,
            "title": self.title,
            "summary": self.summary,
            "content_text": self.text,
            "date_published": iso(self.published),
            "date_modified": iso(self.updated),
            "tags": list(self.categories),
        }
        if self.authors:
            item["authors"] = [{"name": name, "url": url} for name, url in self.authors]
        if self.pictures:
            item["image"] = self.pictures[0].url
        return item


MEDIA_NS = "http://search.yahoo.com/mrss/"


class _RssWithMedia(HubRssFeed):
    """media: RSS 2.0 (naming its WebSub hub, when given one) with Media RSS's
    ``media:content`` beside the ``enclosure``, which readers that show an item's picture
    look for."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        for picture in item.get("pictures", ()):
            attrs = {"url": picture.url, "medium": "image"}
            if picture.media_type:
                attrs["type"] = picture.media_type
            if picture.width and picture.height:
                attrs["width"], attrs["height"] = str(picture.width), str(picture.height)
            handler.startElement("media:content", attrs)
            handler.addQuickElement("media:description", picture.alt, {"type": "plain"})
            handler.endElement("media:content")


def _item(index: SiteIndex, settings: Settings, brief: Brief) -> Item:
    zone = settings.zone
    notes = [
        f"{KIND_LABELS[note.kind][0]}, {long_date(note.date)}: {plain_text(note.text)}"
        for note in brief.notices
    ]
    summary = description(brief)
    bylines = tuple(
        (plain_text(term.name), absolute(settings, urls.term(term.taxonomy, term.slug)))
        for term in authors_of(index, brief)
    )
    categories = [brief.category, *brief.tickers, *brief.tags]
    return Item(
        brief=brief,
        url=absolute(settings, urls.brief(brief.slug)),
        title=plain_text(brief.title),
        summary=summary,
        text="\n\n".join([summary, *notes]),
        authors=bylines,
        categories=tuple(plain_text(c) for c in dict.fromkeys(categories)),
        published=instant(brief.date, zone),
        updated=instant(modified(brief, zone), zone),
    )
