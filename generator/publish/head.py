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
from generator.publish.common import (
    absolute,
    authors_of,
    description,
    iso,
    modified,
    site_root,
)
from generator.publish.feeds import FeedLink, feeds_of
from generator.render.outputs import Output, to_json, yaml_string
from generator.render.pages import listing_paths
from generator.settings import POLICY_PROPERTIES, Settings
from generator.source.markup import plain_text
from generator.source.model import Brief

KEY = "newsbriefs"
"""The front matter key the head partial reads."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def with_head(pages: list[Output], index: SiteIndex, settings: Settings) -> list[Output]:
    """The pages, each Markdown page with its head data in its front matter."""
    briefs = {urls.brief(brief.slug): brief for brief in index.briefs}
    terms = dict(_term_pages(index, settings))
    site_feeds = feeds_of(settings)
    result = []
    for page in pages:
        if page.kind != "markdown" or not isinstance(page.content, str):
            result.append(page)
            continue
        meta, _ = split_front_matter(page.content)
        term = terms.get(page.path)
        own = feeds_of(settings, term) if term is not None else []
        data = head_data(
            settings,
            index,
            page.path,
            title=html.unescape(str(meta.get("title") or settings.site_name)),
            summary=html.unescape(str(meta["description"])) if meta.get("description") else None,
            brief=briefs.get(page.path),
            feeds=own + site_feeds,
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


def head_data(
    settings: Settings,
    index: SiteIndex,
    path: str,
    *,
    title: str,
    summary: str | None,
    brief: Brief | None,
    feeds: list[FeedLink],
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
    meta += [
        {"name": "twitter:card", "content": "summary"},
        {"name": "twitter:title", "content": title},
    ]
    if summary:
        meta.append({"name": "twitter:description", "content": summary})
    data["meta"] = meta
    if brief is not None:
        data["jsonld"] = to_json(news_article(settings, index, brief))
    return data


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
    look for; its companies are ``about`` as Corporations with their
    ``tickerSymbol`` ("NYSE: F") when the ticker registry knows the exchange."""
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
    if companies := [
        _company(settings, index, taxonomy, symbol)
        for taxonomy in TAXONOMIES.values()
        if taxonomy.symbols
        for symbol in taxonomy.names(brief)
    ]:
        article["about"] = companies
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
        "tickerSymbol": f"{entry.exchange}: {symbol}" if entry is not None else symbol,
    }
    term = index.term_named(symbols.name, symbol)
    if term is not None:
        company["url"] = absolute(settings, urls.term(term.taxonomy, term.slug))
    return company


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
