"""Each brief as an IPTC ninjs 3.x news item, for wire customers: ``api/ninjs/<slug>.json``.

ninjs ("News in JSON", https://iptc.org/standards/ninjs/) is how news agencies hand items to
their customers' systems, and a brief maps onto it almost field for field: the title is the
main headline, the dek and summary are descriptions, the rest is the body (as plain text and
as HTML), category, tags, sectors and story are subjects, tickers are organisations with
their ``symbols`` (the exchange as its ISO 10383 MIC where known, :mod:`.identity`), the
entities are organisations and people, the byline is ``by``, the dateline ``located``, the
sources ``infoSources``.

A published brief is ``pubStatus: usable``; a withdrawn one keeps its file as ``canceled``
with the withdrawal notice as ``edNote`` and no headline or body (its text stays on its own
page only), so a customer who took it learns to pull it by its ``uri``. A brief not yet
public is in no file, as everywhere (a preview, which shows scheduled briefs, marks them
``withheld`` with ``embargoedUntil``). ``version`` counts the brief's versions: one, and one
more for an ``updated`` time and for each correction.

Every item needs an absolute ``uri`` (the brief's address), so the export is made only for
a site with ``site_url``. Text is data: every string goes through the JSON encoder, and the
HTML body escapes every character of the author's text (:func:`~generator.source.markup.
html_inline`). The tests validate each item against IPTC's published schema (tests/
fixtures/ninjs/).
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES
from generator.publish import identity
from generator.publish.common import absolute, instant, modified
from generator.render.outputs import Output, to_json
from generator.settings import Settings
from generator.source.editorial import KIND_LABELS, type_label
from generator.source.identifiers import wikidata_url
from generator.source.markup import plain_text, split_paragraphs, text_and_html
from generator.source.model import Brief
from generator.source.registry import EntityEntry, TickerEntry

NINJS_VERSION = "3.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"

_SUBJECTS = ("category", "tag", "sector", "story")
"""The taxonomies whose terms are an item's subjects, each term's ``rel`` the taxonomy's name:
words of the published format (tests/graph/test_taxonomies.py lists them as such)."""


def outputs(index: SiteIndex, settings: Settings) -> Iterator[Output]:
    """One item per published brief, and one per withdrawn brief (``canceled``)."""
    for brief in index.briefs:
        yield Output(urls.api_ninjs(brief.slug), "json", to_json(news_item(brief, index, settings)))
    for brief in index.withdrawn:
        yield Output(urls.api_ninjs(brief.slug), "json", to_json(canceled_item(brief, settings)))


def _common(brief: Brief, settings: Settings) -> dict[str, Any]:
    zone = settings.zone
    return {
        "uri": absolute(settings, urls.brief(brief.slug)),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "type": "text",
        "version": str(1 + (brief.updated is not None) + len(brief.corrections)),
        "firstCreated": instant(brief.date, zone).isoformat(),
        "versionCreated": instant(modified(brief, zone), zone).isoformat(),
        "language": settings.language,
        "slugline": brief.slug,
    }


def canceled_item(brief: Brief, settings: Settings) -> dict[str, Any]:
    """A withdrawn brief: its uri, and why it went; nothing of what it said, not even its
    headline (a withdrawn brief's text is on its own page only)."""
    item = _common(brief, settings)
    item["pubStatus"] = "canceled"
    if brief.notices:
        item["edNote"] = plain_text(brief.notices[-1].text)
    return item


def news_item(brief: Brief, index: SiteIndex, settings: Settings) -> dict[str, Any]:
    item = _common(brief, settings)
    item["headlines"] = [_text("main", brief.title)]
    item["representationType"] = "full"
    item["pubStatus"] = "usable"
    embargo = index.embargoes.get(brief.slug)
    if embargo is not None:  # only a preview shows a brief that is not public yet
        item["pubStatus"] = "withheld"
        if embargo.until is not None:
            item["embargoedUntil"] = embargo.until.isoformat()
    if brief.byline:
        item["by"] = ", ".join(plain_text(name) for name in brief.byline)
    if brief.dateline:
        item["located"] = plain_text(brief.dateline)
    descriptions = [_text("dek", brief.dek)] if brief.dek else []
    item["descriptions"] = [*descriptions, _text("summary", brief.summary)]
    text, markup = _bodies(brief)
    item["bodies"] = [
        {
            "role": "main",
            "contentType": "text/plain",
            "charCount": len(text),
            "wordCount": len(text.split()),
            "value": text,
        },
        {"role": "richtext", "contentType": "text/html", "value": markup},
    ]
    if brief.notices:
        item["edNote"] = " ".join(
            f"{KIND_LABELS[note.kind][0]}: {plain_text(note.text)}" for note in brief.notices
        )
    item["genres"] = [_genre(brief.type)]
    if subjects := _subjects(brief, index, settings):
        item["subjects"] = subjects
    if organisations := _organisations(brief, index, settings):
        item["organisations"] = organisations
    if people := _people(brief, index, settings):
        item["people"] = people
    if brief.sources:
        item["infoSources"] = [
            {"name": plain_text(source.title), "role": "source", "uri": source.url}
            for source in brief.sources
        ]
    return item


def _text(role: str, value: str) -> dict[str, str]:
    return {"role": role, "contentType": "text/plain", "value": plain_text(value)}


# ---------------------------------------------------------------------------------------------
# The body: what the brief's page says, in its order, as plain text and as HTML.


def _bodies(brief: Brief) -> tuple[str, str]:
    """The body as plain text and as HTML, each piece of author text read once for both
    (:func:`~generator.source.markup.text_and_html`)."""
    text: list[str] = []
    markup: list[str] = []

    def paragraphs(value: str) -> None:
        for paragraph in split_paragraphs(value):
            plain, inline = text_and_html(paragraph)
            text.append(plain)
            markup.append(f"<p>{inline}</p>")

    def items(pairs: list[tuple[str, str]], heading: str = "") -> None:
        """A list: ``- title: text`` lines in the text, ``<li>`` in the HTML (a title in
        ``<strong>`` when there is one)."""
        lines, entries = [], []
        for title, value in pairs:
            plain, inline = text_and_html(value)
            if title:
                title_text, title_html = text_and_html(title)
                plain, inline = f"{title_text}: {plain}", f"<strong>{title_html}</strong>: {inline}"
            lines.append(f"- {plain}")
            entries.append(f"<li>{inline}</li>")
        text.append((f"{heading}:\n" if heading else "") + "\n".join(lines))
        markup.append((f"<h2>{heading}</h2>" if heading else "") + f"<ul>{''.join(entries)}</ul>")

    if brief.lead:
        paragraphs(brief.lead)
    items([("", point) for point in brief.key_points])
    paragraphs(brief.summary)
    for detail in brief.details:
        paragraphs(detail)
    for quote in brief.quotes:
        said, said_html = text_and_html(quote.text)
        by, by_html = text_and_html(quote.by)
        if quote.role:
            role, role_html = text_and_html(quote.role)
            by, by_html = f"{by}, {role}", f"{by_html}, {role_html}"
        text.append(f"\u201c{said}\u201d \u2014 {by}")
        markup.append(f"<blockquote><p>{said_html}</p><p>\u2014 {by_html}</p></blockquote>")
    for note in brief.notes:
        (title, title_html), (body, body_html) = text_and_html(note.title), text_and_html(note.text)
        text.append(f"{title}: {body}")
        markup.append(f"<h2>{title_html}</h2><p>{body_html}</p>")
    if brief.risks:
        items([(risk.title, risk.text) for risk in brief.risks], "Risks")
    if brief.sources:
        sources = "".join(
            f'<li><a href="{html.escape(s.url)}">{html.escape(plain_text(s.title), quote=False)}'
            "</a></li>"
            for s in brief.sources
        )
        markup.append(f"<h2>Sources</h2><ul>{sources}</ul>")
    return "\n\n".join(text), "\n".join(markup)


# ---------------------------------------------------------------------------------------------
# What the brief is about: subjects, organisations (with their symbols), people.


def _subjects(brief: Brief, index: SiteIndex, settings: Settings) -> list[dict[str, Any]]:
    """Its category, tags, sectors and story; and the entities it names that no registry
    says are an organisation or a person."""
    unlisted = [term for term in identity.entity_terms(index, brief) if term.about is None]
    return [
        {"name": plain_text(term.name), "rel": rel, "uri": term_uri(settings, term)}
        for rel in _SUBJECTS
        if rel in index.taxonomies
        for term in index.terms_of(brief, rel)
    ] + [
        {"name": plain_text(term.name), "rel": "mentions", "uri": term_uri(settings, term)}
        for term in unlisted
    ]


def _organisations(brief: Brief, index: SiteIndex, settings: Settings) -> list[dict[str, Any]]:
    """Each ticker's company with its symbol, then each organisation the brief names that is
    not one of those companies."""
    found: list[dict[str, Any]] = []
    companies: set[int] = set()  # the entities (by identity) already listed as a company
    for taxonomy in (t for t in TAXONOMIES.values() if t.symbols and t.name in index.taxonomies):
        entries = index.registry.entries(taxonomy.registry) if taxonomy.registry else {}
        for term in index.terms_of(brief, taxonomy.name):
            entry = entries.get(term.name)
            entity = identity.entity_of(index, entry.entity) if entry is not None else None
            if entity is not None:
                companies.add(id(entity))
            found.append(_company(term.name, entry, entity, term_uri(settings, term)))
            found[-1]["rel"] = "about"
    for term in identity.entity_terms(index, brief):
        entity = term.about
        if entity is None or entity.kind == "person" or id(entity) in companies:
            continue
        found.append(_named(term.name, entity, term_uri(settings, term)))
    return found


def _company(
    symbol: str, entry: TickerEntry | None, entity: EntityEntry | None, page: str
) -> dict[str, Any]:
    company = _named(entry.name if entry is not None else symbol, entity, page)
    listing: dict[str, str] = {"symbol": symbol}
    if entry is not None:
        listing["exchange"] = identity.mic(entry) or plain_text(entry.exchange)
    company["symbols"] = [listing]
    return company


def _named(name: str, entity: Any, page: str) -> dict[str, Any]:
    """An organisation or person the brief mentions: its Wikidata item as ``uri`` when the
    registry gives one (a concept a customer's system can match, as IPTC's examples do),
    else its page on the site. A ticker's company is what the brief is ``about``."""
    wikidata = getattr(entity, "wikidata", None)
    return {
        "name": plain_text(name),
        "rel": "mentions",
        "uri": wikidata_url(wikidata) if wikidata else page,
    }


def _people(brief: Brief, index: SiteIndex, settings: Settings) -> list[dict[str, Any]]:
    return [
        _named(term.name, term.about, term_uri(settings, term))
        for term in identity.entity_terms(index, brief)
        if getattr(term.about, "kind", None) == "person"
    ]


def term_uri(settings: Settings, term: Any) -> str:
    return absolute(settings, urls.term(term.taxonomy, term.slug))


IPTC_GENRES = {"analysis": "Analysis", "opinion": "Opinion", "explainer": "Background"}
"""Article types with a genre in IPTC's NewsCodes (http://cv.iptc.org/newscodes/genre/)."""


def _genre(article_type: str) -> dict[str, str]:
    """The brief's article type as a ninjs genre: its label and name, and IPTC's genre
    where one means the same (a wire customer's system files analysis apart from news)."""
    genre = {"name": type_label(article_type), "literal": article_type}
    if article_type in IPTC_GENRES:
        genre["uri"] = f"http://cv.iptc.org/newscodes/genre/{IPTC_GENRES[article_type]}"
    return genre
