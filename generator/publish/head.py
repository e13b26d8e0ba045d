"""What each generated page's ``<head>`` tells machines: Open Graph and Twitter card meta,
its feeds as ``<link rel="alternate">``, and on a brief's page schema.org NewsArticle
JSON-LD.

The data reaches the theme through the page's front matter: one ``newsbriefs`` key, which
MkDocs and Zensical both hand to templates as ``page.meta.newsbriefs``, and which
``theme/overrides/partials/newsbriefs/head.html`` prints (escaping every value itself). So
it is the same on every engine, and a site's own template for a page keeps it: it is added
to whatever front matter the template wrote. The canonical link is the theme's own
(``page.canonical_url``, from ``site_url``).

JSON-LD is made by the JSON encoder and is safe inside ``<script>`` (:func:`to_json`): a
headline with ``</script>`` or ``<!--`` cannot end the block.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import yaml

from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Taxonomy, Term
from generator.publish import identity
from generator.publish.common import (
    absolute,
    authors_of,
    description,
    iso,
    modified,
    site_root,
)
from generator.publish.feeds import FeedLink, feeds_of
from generator.publish.media import Media, Picture
from generator.render.outputs import Output, to_json, yaml_string
from generator.render.pages import listing_paths
from generator.settings import POLICY_PROPERTIES, Settings
from generator.source.markup import plain_text
from generator.source.model import Brief

KEY = "newsbriefs"
"""The front matter key the head partial reads."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def with_head(
    pages: list[Output], index: SiteIndex, settings: Settings, media: Media | None = None
) -> list[Output]:
    """The pages, each Markdown page with its head data in its front matter; with ``media``,
    each with its image (a brief's own, else its social card: generator/publish/media.py)."""
    briefs = {urls.brief(brief.slug): brief for brief in index.briefs}
    terms = dict(_term_pages(index, settings))
    every_term = dict(_every_term_page(index, settings)) if media is not None else {}
    site_feeds = feeds_of(settings)
    result = []
    for page in pages:
        if page.kind != "markdown" or not isinstance(page.content, str):
            result.append(page)
            continue
        meta, _ = split_front_matter(page.content)
        term = terms.get(page.path)
        own = feeds_of(settings, term) if term is not None else []
        title = html.unescape(str(meta.get("title") or settings.site_name))
        brief = briefs.get(page.path)
        data = head_data(
            settings,
            index,
            page.path,
            title=title,
            summary=html.unescape(str(meta["description"])) if meta.get("description") else None,
            brief=brief,
            feeds=own + site_feeds,
            pictures=(
                media.page_picture(title, brief, every_term.get(page.path))
                if media is not None and settings.structured_data
                else None
            ),
        )
        result.append(Output(page.path, page.kind, add_front_matter(page.content, data)))
    return result


def _term_pages(index: SiteIndex, settings: Settings) -> Iterator[tuple[str, Term]]:
    """Every listing page of every term whose taxonomy has feeds -> its term."""
    for taxonomy in TAXONOMIES.values():
        if not taxonomy.feeds:
            continue
        for term in index.terms(taxonomy.name):
            for path in listing_paths(term, settings.per_page):
                yield path, term


def _every_term_page(index: SiteIndex, settings: Settings) -> Iterator[tuple[str, Term]]:
    """media: every listing page of every term -> its term (its card shows the term)."""
    for taxonomy in TAXONOMIES.values():
        for term in index.terms(taxonomy.name):
            for path in listing_paths(term, settings.per_page):
                yield path, term


def head_data(
    settings: Settings,
    index: SiteIndex,
    path: str,
    *,
    title: str,
    summary: str | None,
    brief: Brief | None,
    feeds: list[FeedLink],
    pictures: tuple[Picture, list[Picture]] | None = None,
) -> dict[str, Any]:
    """The ``newsbriefs`` front matter of one page: ``feeds`` (type, title, href), ``meta``
    (Open Graph ``property`` or Twitter ``name``, and ``content``), ``jsonld`` (text)."""
    # Relative, like every link of the page: the site works under any host (a preview too).
    data: dict[str, Any] = {
        "feeds": [
            {
                "type": feed.type,
                "title": feed.title,
                "href": _relative(path, feed.path, settings.use_directory_urls),
            }
            for feed in feeds
        ]
    }
    if not settings.structured_data:
        return data
    url = absolute(settings, path)
    meta: list[dict[str, str]] = [
        {"property": "og:type", "content": "article" if brief else "website"},
        {"property": "og:site_name", "content": settings.site_name},
        {"property": "og:title", "content": title},
        {"property": "og:url", "content": url},
    ]
    if summary:
        meta.append({"property": "og:description", "content": summary})
    if brief is not None:
        meta += [
            {"property": "article:published_time", "content": iso(brief.date)},
            {"property": "article:modified_time", "content": iso(modified(brief, settings.zone))},
            {"property": "article:section", "content": plain_text(brief.category)},
        ]
        meta += [
            {"property": "article:author", "content": author["url"]}
            for author in _authors(settings, index, brief)
        ]
        meta += [{"property": "article:tag", "content": plain_text(tag)} for tag in brief.tags]
    if pictures is not None:
        meta += _picture_meta(pictures[0])
    meta += [
        {"name": "twitter:card", "content": "summary_large_image" if pictures else "summary"},
        {"name": "twitter:title", "content": title},
    ]
    if summary:
        meta.append({"name": "twitter:description", "content": summary})
    if pictures is not None:
        meta += [
            {"name": "twitter:image", "content": pictures[0].url},
            {"name": "twitter:image:alt", "content": pictures[0].alt},
        ]
    data["meta"] = meta
    if brief is not None:
        article = news_article(settings, index, brief)
        if pictures is not None:
            article["image"] = [_image_object(p) for p in pictures[1] or pictures[:1]]
        data["jsonld"] = to_json(article)
    return data


def _picture_meta(picture: Picture) -> list[dict[str, str]]:
    """media: Open Graph's image, with its size, type and alt text where known."""
    meta = [{"property": "og:image", "content": picture.url}]
    if picture.url.startswith("https:"):
        meta.append({"property": "og:image:secure_url", "content": picture.url})
    if picture.media_type:
        meta.append({"property": "og:image:type", "content": picture.media_type})
    if picture.width and picture.height:
        meta += [
            {"property": "og:image:width", "content": str(picture.width)},
            {"property": "og:image:height", "content": str(picture.height)},
        ]
    meta.append({"property": "og:image:alt", "content": picture.alt})
    return meta


def _image_object(picture: Picture) -> dict[str, Any] | str:
    """media: a JSON-LD image: an ImageObject with its size, or the address alone."""
    if not picture.width:
        return picture.url
    return {
        "@type": "ImageObject",
        "url": picture.url,
        "contentUrl": picture.url,
        "width": picture.width,
        "height": picture.height,
    }


@lru_cache(maxsize=65536)
def _relative(page: str, target: str, directory_urls: bool) -> str:
    """Cached: every page of a site links the same few feeds."""
    return urls.published_relative(page, target, directory_urls=directory_urls)


def _authors(settings: Settings, index: SiteIndex, brief: Brief) -> list[dict[str, str]]:
    return [
        {
            "@type": "Person",
            "name": plain_text(term.name),
            "url": absolute(settings, urls.term(term.taxonomy, term.slug)),
        }
        for term in authors_of(index, brief)
    ]


def news_article(settings: Settings, index: SiteIndex, brief: Brief) -> dict[str, Any]:
    """schema.org NewsArticle of a brief (or the Article type of its ``type``: an
    OpinionNewsArticle...), with what Google News and other readers of structured data
    look for; its companies are ``about`` as Corporations with their ``tickerSymbol``
    ("XNYS F", :mod:`.identity`) when the ticker registry knows the exchange, and their
    identifiers (``sameAs``, ``leiCode``, ``identifier``); so are the organisations it names
    whose registry entry gives any of those."""
    url = absolute(settings, urls.brief(brief.slug))
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": settings.types.get(brief.type, "NewsArticle"),
        "@id": url,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "headline": plain_text(brief.title),
        "description": description(brief),
        "datePublished": iso(brief.date),
        "dateModified": iso(modified(brief, settings.zone)),
        "inLanguage": settings.language,
        "isAccessibleForFree": True,
        "articleSection": plain_text(brief.category),
        "publisher": publisher(settings),
    }
    if authors := _authors(settings, index, brief):
        article["author"] = authors
    keywords = list(dict.fromkeys(plain_text(word) for word in [*brief.tags, *brief.entities]))
    if keywords:
        article["keywords"] = keywords
    companies = [
        _company(settings, index, taxonomy, symbol)
        for taxonomy in TAXONOMIES.values()
        if taxonomy.symbols
        for symbol in taxonomy.names(brief)
    ]
    if about := companies + _organisations(settings, index, brief, companies):
        article["about"] = about
    if notes := [note for note in brief.notices if note.kind == "correction"]:
        article["correction"] = [
            {
                "@type": "CorrectionComment",
                "datePublished": iso(note.date),
                "text": plain_text(note.text),
            }
            for note in notes
        ]
    if brief.dateline:
        article["dateline"] = plain_text(brief.dateline)
    article |= _desk_properties(brief)
    return article


# desk: the publisher's policies, what to read aloud, and how the brief was reported.

SPEAKABLE_SELECTORS = [".md-content h1", ".nb-key-points"]
"""The headline and the key points on a brief's page (theme/templates/brief.md.j2), for
assistants that read a news page aloud (schema.org ``speakable``)."""


def publisher(settings: Settings) -> dict[str, Any]:
    """The site as publisher: an Organization, or a NewsMediaOrganization with the absolute
    address of each of its policy pages (``policies``) when it has any, the properties
    schema.org defines on news organisations (``publishingPrinciples`` on every
    Organization)."""
    organization: dict[str, Any] = {
        "@type": "Organization",
        "name": settings.site_name,
        "url": site_root(settings),
    }
    if pages := settings.policies.pages():
        organization["@type"] = "NewsMediaOrganization"
        for name, page in pages:
            organization[POLICY_PROPERTIES[name]] = absolute(settings, page)
    return organization


def _desk_properties(brief: Brief) -> dict[str, Any]:
    """``speakable`` (the headline and key points), and from ``sources`` the ``citation``s
    and a ``backstory`` that says in words what the brief was reported from. Disclaimers
    and disclosures have no schema.org property of an article: they stay on the page."""
    found: dict[str, Any] = {
        "speakable": {"@type": "SpeakableSpecification", "cssSelector": SPEAKABLE_SELECTORS}
    }
    if brief.sources:
        titles = [plain_text(source.title) for source in brief.sources]
        found["backstory"] = "Reported from: " + "; ".join(titles) + "."
        found["citation"] = [
            {"@type": "CreativeWork", "name": title, "url": source.url}
            for title, source in zip(titles, brief.sources, strict=True)
        ]
    return found


def _company(
    settings: Settings, index: SiteIndex, symbols: Taxonomy, symbol: str
) -> dict[str, Any]:
    entries = index.registry.entries(symbols.registry) if symbols.registry else {}
    entry = entries.get(symbol)
    company: dict[str, Any] = {
        "@type": "Corporation",
        "name": plain_text(entry.name) if entry is not None else symbol,
        "tickerSymbol": identity.ticker_symbol(entry, symbol),
    }
    term = index.term_named(symbols.name, symbol)
    if term is not None:
        company["url"] = absolute(settings, urls.term(term.taxonomy, term.slug))
    if entry is not None:
        company |= identity.organisation_jsonld(identity.entity_of(index, entry.entity), entry)
    return company


_ORGANISATION_TYPES = {
    "company": "Corporation",
    "organisation": "Organization",
    "government": "GovernmentOrganization",
}


def _organisations(
    settings: Settings, index: SiteIndex, brief: Brief, listed: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """wire: the organisations a brief names (``entities``) whose registry entry says who
    they are elsewhere (``sameAs``, ``leiCode``), as ``about`` entries; one already there
    as a listed company (the same LEI or links) is not repeated."""
    seen = {str(company.get("leiCode") or company.get("sameAs")) for company in listed}
    found = []
    for term in identity.entity_terms(index, brief):
        entity = term.about
        kind = _ORGANISATION_TYPES.get(getattr(entity, "kind", ""))
        if kind is None or not (ids := identity.organisation_jsonld(entity, None)):
            continue
        if str(ids.get("leiCode") or ids.get("sameAs")) in seen:
            continue
        found.append(
            {
                "@type": kind,
                "name": plain_text(term.name),
                "url": absolute(settings, urls.term(term.taxonomy, term.slug)),
                **ids,
            }
        )
    return found


# ---------------------------------------------------------------------------------------------
# Front matter: read what the template wrote, add ours.


def split_front_matter(content: str) -> tuple[dict[str, Any], str]:
    """The page's front matter as data (empty when it has none or it is not a mapping),
    and the rest of the page."""
    if not content.startswith("---\n"):
        return {}, content
    end = content.find("\n---\n", 3)
    if end < 0:
        return {}, content
    try:
        meta = yaml.load(content[4 : end + 1], Loader=_Loader)
    except yaml.YAMLError:
        meta = None
    return (meta if isinstance(meta, dict) else {}), content[end + 5 :]


def add_front_matter(content: str, data: dict[str, Any]) -> str:
    """``content`` with ``newsbriefs: {...}`` as the last key of its front matter (a block
    is added when the page has none). The value is a YAML flow mapping of printable ASCII
    (render's string rule), which every engine's YAML reader takes."""
    line = f"{KEY}: {_flow(data)}\n"
    if content.startswith("---\n") and (end := content.find("\n---\n", 3)) >= 0:
        return content[: end + 1] + line + content[end + 1 :]
    return f"---\n{line}---\n\n{content}"


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_flow(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return '"' + _NOT_PLAIN.sub(_escaped, str(value)) + '"'


_NOT_PLAIN = re.compile(r'[^\x20-\x7e]|["\\]')


_QUOTES = {'"': '\\"', "\\": "\\\\"}


def _escaped(match: re.Match[str]) -> str:
    """One character as render's YAML string rule writes it (:func:`yaml_string`), found
    by a regular expression: a page's JSON-LD is long, and most of it is plain (or quotes)."""
    return _QUOTES.get(match[0]) or yaml_string(match[0])[1:-1]
