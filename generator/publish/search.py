"""What the site's search finds: one record per brief and per term page, from the model.

Pagefind (generator/build/search_segments.py writes its bundles) takes records directly: an address,
plain text, metadata and filters. They are made here from the index, never by reading the
built pages back (parsing 5,000 built pages took Pagefind 17 s and 0.8 GB; these records
take a fraction: benchmarks/README.md, *Search*).

- A brief's record holds every text a reader may remember it by: first its text (dek, lead,
  key points, summary, details, quotes, notes, risks), then what it is also found by
  (headline, tickers and their companies, byline, entities, tags, risks' sectors, category),
  and says in ``meta`` where the text ends (:data:`TEXT_WORDS`): the search's script makes
  the excerpt from the text alone, so a result reads as the brief, never as "F (Ford Motor
  Company) Caleb Monroe". Listings, term pages and the lists of other briefs on a brief's
  page are not in it, so a word leads to the brief that says it. Its date is a sort key
  (:data:`DATE_SORT`, "Newest first") and its year a filter (:data:`YEAR_FILTER`).
- A term page's record (of each taxonomy with a ``search`` entry in the table: a ticker, a
  company or person, a category, a tag, a sector, an author) holds its name and what its
  registry says (a ticker's company and exchange, an entity's aliases): ``NVDA`` or
  ``Nvidia`` finds the ticker's page too. It is short, so it ranks first for its own name.
- Filters (``Search.filter`` in the table: ticker, category) narrow brief results by the
  brief's terms; a term page of such a taxonomy carries its own name in it.

A symbol or a company's name typed whole is not left to Pagefind's ranking by words (``F``
is a prefix of every "fund"): generator/publish/search_names.py makes the exact names' map
the search looks the query up in first.

Text is data: records carry plain text (Markdown emphasis and links reduced to their
words), never markup, each part as Pagefind 1.5's UI uses it. Content and meta stay plain:
Pagefind's script escapes ``<`` and ``>`` in the content before it marks the words found
(excerpts are HTML), and its UI writes titles and meta as text. Filter values are written
as HTML by that UI (the filter panel sets them with ``innerHTML``), so they are escaped
here: a category ``<img onerror=...>`` is shown as that text, never made an image. The
browser tests check all three with hostile briefs (tests/browser/test_site_in_browser.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from html import escape

from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Search, Taxonomy, Term, primary
from generator.graph.urls import brief as brief_path
from generator.graph.urls import term as term_path
from generator.render.filters import Style, short_date
from generator.settings import Settings
from generator.source.editorial import type_label
from generator.source.markup import plain_text
from generator.source.model import Brief

TEXT_WORDS = "text_words"
"""A brief record's meta: how many words of its content are its text (the rest is what it is
also found by). The search's script reads it for the excerpt and shows it nowhere."""
YEAR_FILTER = "Year"
"""A filter of brief results by the year of their date (the search panel lists it by name)."""
TYPE_FILTER = "Type"
"""A filter of brief results by article type (News, Analysis, Opinion, Explainer, a site's
own), the same label the brief's kicker shows."""
DATE_SORT = "date"
"""The sort key of brief results ("Newest first" in the search)."""
_JS_SPACES = re.compile(
    r"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
)
"""What JavaScript's ``\\s`` matches: the gaps at which Pagefind's script splits words."""


def searched() -> list[tuple[Taxonomy, Search]]:
    """The taxonomies whose term pages are found by name (``Taxonomy.search``), in the order
    the index is given them. Stories (named by their id, ``ford-china-partnerships``) and the
    month archive have none: their names are in no one's query, and would rank above the
    briefs that tell them."""
    found = [(t, t.search) for t in TAXONOMIES.values() if t.search is not None]
    return sorted(found, key=lambda pair: pair[1].order)


@dataclass(frozen=True)
class SearchRecord:
    """One search result: where it leads, the text it is found by, what the result shows."""

    url: str
    """Site-relative, from the root (``/briefs/ford-xiaomi/``); Pagefind's script puts the
    site's base path in front, so a site under ``/newsroom/`` works too."""
    content: str
    """Plain text, never HTML."""
    meta: dict[str, str]
    """``title`` (the result's link text); a brief's ``date`` and ``category``, a term
    page's ``type`` (``Ticker``): Pagefind's UI shows each under the title."""
    filters: dict[str, list[str]] = field(default_factory=dict)
    """Filter name (``Search.filter``: ``Ticker``, ``Category``; the search panel lists each
    by its name) -> the values the result can be narrowed by, as HTML (escaped text:
    Pagefind's UI inserts them as HTML)."""
    sort: dict[str, str] = field(default_factory=dict)
    """Sort key -> value: a brief's ``date`` (ISO 8601, UTC for a time), for "Newest first"."""


def records(index: SiteIndex, settings: Settings) -> list[SearchRecord]:
    """Every record of the site: its briefs (newest first), then its term pages."""
    made = [brief_record(brief, index, settings) for brief in index.briefs]
    return made + term_records(index, settings)


def term_records(index: SiteIndex, settings: Settings) -> list[SearchRecord]:
    """The records of the term pages (of each taxonomy searched), taxonomy by taxonomy."""
    made = []
    for taxonomy, search in searched():
        if taxonomy.name in index.taxonomies:
            made += [term_record(term, search, settings) for term in index.terms(taxonomy.name)]
    return made


def brief_record(brief: Brief, index: SiteIndex, settings: Settings) -> SearchRecord:
    """A brief's record (see the module's docstring for what is in it): its ``meta`` shows
    its terms of the primary taxonomy, under that taxonomy's name (``category``).

    Its content is the brief's own text (dek, lead, key points, summary, details, quotes,
    notes, risks), then the words it is also found by (headline, tickers and companies,
    byline, entities, tags, sectors, category); ``meta`` says how many words the text has
    (:data:`TEXT_WORDS`), so the search's script makes a result's excerpt from the text
    only: "Ford" shows a sentence about Ford, never "F (Ford Motor Company) Caleb Monroe"."""
    main = primary()
    style = Style.of(settings)
    text = _words(_sentences(_text_of(brief)))
    tail = _words(_sentences(_found_by(brief, index)))
    return SearchRecord(
        url=_url(brief_path(brief.slug), settings),
        content=f"{text} {tail}".strip(),
        meta={
            "title": plain_text(brief.title),
            "date": short_date(brief.date, style),
            main.name: ", ".join(term.name for term in index.terms_of(brief, main.name)),
            TEXT_WORDS: str(len(text.split(" ")) if text else 0),
        },
        filters={
            **{
                search.filter: _html([term.name for term in index.terms_of(brief, taxonomy.name)])
                for taxonomy, search in searched()
                if search.filter
            },
            YEAR_FILTER: [str(_day(brief, style).year)],
            TYPE_FILTER: _html([type_label(brief.type)]),
        },
        sort={DATE_SORT: _instant(brief)},
    )


def term_record(term: Term, search: Search, settings: Settings) -> SearchRecord:
    """A term page's record: its name, what its registry says, and what it is
    (``search.label``)."""
    about = term.about
    texts = [term.name]
    for name in ("name", "exchange", "description", "role", "bio"):
        value = getattr(about, name, None)
        if isinstance(value, str):
            texts.append(value)
    texts += getattr(about, "aliases", None) or []
    company = getattr(about, "name", None) if TAXONOMIES[term.taxonomy].symbols else None
    title = f"{term.name}: {company}" if isinstance(company, str) else term.name
    return SearchRecord(
        url=_url(term_path(term.taxonomy, term.slug), settings),
        content=" ".join(_sentences(plain_text(text) for text in texts)),
        meta={"title": title, "type": search.label},
        filters={search.filter: _html([term.name])} if search.filter else {},
    )


def _text_of(brief: Brief) -> Iterator[str]:
    """The brief's own text, as a reader reads it (the headline apart: the result shows it)."""
    if brief.dek:
        yield brief.dek
    if brief.lead:
        yield brief.lead
    yield from brief.key_points
    yield brief.summary
    yield from brief.details
    for quote in brief.quotes:
        yield f"\u201c{quote.text}\u201d {quote.by}" + (f", {quote.role}" if quote.role else "")
    for note in brief.notes:
        yield f"{note.title}: {note.text}"
    for risk in brief.risks:
        yield f"{risk.title}: {risk.text}"


def _found_by(brief: Brief, index: SiteIndex) -> Iterator[str]:
    """What else a reader may remember the brief by: searched, never shown as its excerpt."""
    yield brief.title
    for taxonomy in TAXONOMIES.values():
        if taxonomy.symbols:
            for term in index.terms_of(brief, taxonomy.name):
                company = getattr(term.about, "name", None)
                yield f"{term.name} ({company})" if company else term.name
    yield from brief.byline
    yield from brief.entities
    yield from brief.tags
    for risk in brief.risks:
        yield from risk.sectors
    yield brief.category


def _words(texts: Iterable[str]) -> str:
    """The texts as one line of words, each gap one space: the words Pagefind's script counts
    when it splits the content at white space (JavaScript's ``\\s``), so the count in
    :data:`TEXT_WORDS` is the script's count. A zero-width space is dropped: Pagefind splits a
    content holding one at those instead (for languages written without spaces)."""
    joined = " ".join(texts).replace("\u200b", "")
    return _JS_SPACES.sub(" ", joined).strip()


def _day(brief: Brief, style: Style) -> date:
    """The brief's day where the site is (its year is the Year filter's value)."""
    return style.local(brief.date).date() if isinstance(brief.date, datetime) else brief.date


def _instant(brief: Brief) -> str:
    """The brief's date as text that sorts as time does: a time in UTC, a day as is."""
    when = brief.date
    if isinstance(when, datetime) and when.utcoffset() is not None:
        return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return when.isoformat()


def _sentences(texts: Iterable[str]) -> Iterator[str]:
    """Each text as one line of plain text, ending in a full stop when it has no mark of
    its own: the excerpt of a result then reads as sentences, not a run of words."""
    for text in texts:
        plain = plain_text(text).strip()
        if plain:
            yield plain if plain[-1] in ".!?\u201d)\u2026:;" else f"{plain}."


def _html(values: list[str]) -> list[str]:
    """Filter values as Pagefind's UI wants them: HTML, so text escaped."""
    return [escape(value) for value in values]


def _url(path: str, settings: Settings) -> str:
    return "/" + settings.public_urls.url(path)
