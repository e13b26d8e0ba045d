"""The search's exact names: a ticker symbol, a company's name or an alias -> its page first.

Pagefind ranks by words, and a short word is a poor one: ``F`` is also a fund's letter, ``ON``
a word of every brief. So the search's script (theme/overrides/partials/newsbriefs/search.html)
first looks the whole query up in this small map, made at build time from the registries,
and shows what it names above Pagefind's results (which then leave those pages out): the
page of the term named (a ticker's page for ``F`` or ``Ford Motor Company``, an entity's for
``Ford Motor``), the page of the term it is linked to (a ticker's ``entity``), then their
newest briefs, newest first.

Names come from the taxonomies whose terms a reader names exactly: those of ticker symbols
(the symbol, the listed company's ``name``) and those whose terms are named in the briefs'
text (an entity's name and its ``aliases``). A name given to several terms leads to each, a
symbol before a company's name before an entity's name before an alias (``GM``: the ticker,
then the entity General Motors whose alias it is).

Its size grows with the terms, not the archive: each page lists at most :data:`NEWEST` of its
briefs (its own page lists them all), each brief once in the file. Only briefs of the index
are in it (a production build's index has no embargoed brief; a preview's embargoed briefs
are left out too). Names, titles and dates are text, read as text by the script.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Taxonomy, Term
from generator.graph.urls import brief as brief_path
from generator.graph.urls import term as term_path
from generator.publish.search import searched
from generator.render.filters import Style, short_date
from generator.settings import Settings
from generator.source.markup import plain_text
from generator.source.model import Brief
from generator.source.registry import TickerEntry

PARTS_FILE = "names.json"
"""In ``site/pagefind/``: the parts there are (``["46", "66"]``), fetched when the search opens:
a query whose first character starts no name asks for nothing more."""
NAMES_DIR = "names"
"""In ``site/pagefind/``: the map's parts (``names/66.json``), one fetched per query's first
character, once."""
NEWEST = 5
"""Briefs listed under each page named: the newest; its page lists every one."""
_NOT_NAME = re.compile(r"[\W_]+")

SYMBOL, COMPANY, NAME, ALIAS = range(4)
"""How a name names its term, the strongest first: the order of the pages it leads to."""


def normalized(name: str) -> str:
    """A name as the script compares it with a query: compatibility forms folded, lower case,
    every run of what is not a letter or digit one space (``Tesla, Inc.`` -> ``tesla inc``).
    The script does the same (``normalized`` in search.html)."""
    folded = unicodedata.normalize("NFKC", name).lower()
    return _NOT_NAME.sub(" ", folded).strip()


@dataclass(frozen=True)
class _Named:
    strength: int
    order: int
    page: int


def names_map(index: SiteIndex, settings: Settings) -> dict[str, object]:
    """The map (see the module's docstring) as JSON-ready data:

    - ``pages``: ``[address, title, label, [brief numbers]]``: a term's page (address from
      the site's root, no leading slash), what it is ("Ticker") and its newest briefs;
    - ``briefs``: ``[address, headline, date]``, newest first: a brief's number is its
      place, so the script orders a name's briefs by number alone;
    - ``names``: normalized name -> the numbers of the pages it leads to, in order.
    """
    style = Style.of(settings)
    withheld = set(index.embargoes)
    terms = [
        (term, search)
        for taxonomy, search in searched()
        if _named_exactly(taxonomy) and taxonomy.name in index.taxonomies
        for term in index.terms(taxonomy.name)
    ]
    newest = {(term.taxonomy, term.slug): _newest(term, withheld) for term, _ in terms}
    wanted = {brief.slug for found in newest.values() for brief in found}
    listed = [brief for brief in index.briefs if brief.slug in wanted]
    number = {brief.slug: n for n, brief in enumerate(listed)}
    page_of = {(term.taxonomy, term.slug): n for n, (term, _) in enumerate(terms)}
    named: dict[str, list[_Named]] = {}
    for term, search in terms:
        page = page_of[(term.taxonomy, term.slug)]
        for strength, name in _names(term, TAXONOMIES[term.taxonomy]):
            if key := normalized(name):
                named.setdefault(key, []).append(_Named(strength, search.order, page))
    links = _links(index, [term for term, _ in terms], page_of)
    return {
        "pages": [
            [
                _address(term_path(term.taxonomy, term.slug), settings),
                _title(term),
                search.label,
                [number[brief.slug] for brief in newest[(term.taxonomy, term.slug)]],
            ]
            for term, search in terms
        ],
        "briefs": [_brief_row(brief, settings, style) for brief in listed],
        "names": {key: _leads_to(found, links) for key, found in sorted(named.items())},
    }


def names_files(index: SiteIndex, settings: Settings) -> dict[str, bytes]:
    """The map in parts, by the first character of a name (:func:`part_of`): path under
    ``site/pagefind/`` -> compact UTF-8 JSON, each part shaped as :func:`names_map` but holding
    only its names, the pages they lead to and those pages' briefs. The search fetches the one
    part a query needs (a few KB), not the whole map (660 KB at 5,000 briefs and 2,000 terms:
    benchmarks/search_cost.py ``names``)."""
    whole = names_map(index, settings)
    names = whole["names"]
    assert isinstance(names, dict)
    parts: dict[str, list[str]] = {}
    for key in names:
        parts.setdefault(part_of(key), []).append(key)
    files = {
        f"{NAMES_DIR}/{part}.json": _compact(_part(whole, keys))
        for part, keys in sorted(parts.items())
    }
    return {PARTS_FILE: _compact(sorted(parts)), **files}


def part_of(key: str) -> str:
    """The part a normalized name is in: its first character's code point in hexadecimal
    (``f`` -> ``66``), as the script finds it (``key.codePointAt(0).toString(16)``)."""
    return f"{ord(key[0]):x}"


def _part(whole: dict[str, Any], keys: list[str]) -> dict[str, object]:
    """The names ``keys`` of the whole map, with their pages and briefs renumbered (in the
    whole map's order: the briefs stay newest first)."""
    pages = sorted({page for key in keys for page in whole["names"][key]})
    page_number = {page: n for n, page in enumerate(pages)}
    briefs = sorted({brief for page in pages for brief in whole["pages"][page][3]})
    brief_number = {brief: n for n, brief in enumerate(briefs)}
    return {
        "pages": [
            [*whole["pages"][page][:3], [brief_number[b] for b in whole["pages"][page][3]]]
            for page in pages
        ],
        "briefs": [whole["briefs"][brief] for brief in briefs],
        "names": {key: [page_number[page] for page in whole["names"][key]] for key in keys},
    }


def _compact(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _named_exactly(taxonomy: Taxonomy) -> bool:
    return taxonomy.symbols or taxonomy.named_in_text


def _names(term: Term, taxonomy: Taxonomy) -> Iterator[tuple[int, str]]:
    about = term.about
    yield (SYMBOL if taxonomy.symbols else NAME), term.name
    company = getattr(about, "name", None)
    if taxonomy.symbols and isinstance(company, str):
        yield COMPANY, company
    for alias in getattr(about, "aliases", None) or []:
        yield ALIAS, str(alias)


def _newest(term: Term, withheld: set[str]) -> list[Brief]:
    return [brief for brief in term.briefs if brief.slug not in withheld][:NEWEST]


def _address(path: str, settings: Settings) -> str:
    """A page's address from the site's root, as its links have it (no leading slash): the
    script resolves it against the site's root, so a site under ``/newsroom/`` works too."""
    return settings.public_urls.url(path)


def _brief_row(brief: Brief, settings: Settings, style: Style) -> list[str]:
    return [
        _address(brief_path(brief.slug), settings),
        plain_text(brief.title),
        short_date(brief.date, style),
    ]


def _title(term: Term) -> str:
    company = getattr(term.about, "name", None)
    if TAXONOMIES[term.taxonomy].symbols and isinstance(company, str):
        return f"{term.name}: {plain_text(company)}"
    return plain_text(term.name)


def _links(
    index: SiteIndex, terms: list[Term], page_of: dict[tuple[str, str], int]
) -> dict[int, list[int]]:
    """Page -> the pages it is linked to: a ticker's ``entity`` (its name or an alias, as the
    index resolves a brief's), and back."""
    links: dict[int, list[int]] = {}
    entity_taxonomies = [t.name for t in TAXONOMIES.values() if t.named_in_text]
    for term in terms:
        about = term.about
        entity = about.entity if isinstance(about, TickerEntry) else None
        if not (TAXONOMIES[term.taxonomy].symbols and entity):
            continue
        page = page_of[(term.taxonomy, term.slug)]
        for taxonomy in entity_taxonomies:
            named = index.term_named(taxonomy, entity) if taxonomy in index.taxonomies else None
            other = page_of.get((taxonomy, named.slug)) if named is not None else None
            if other is not None:
                links.setdefault(page, []).append(other)
                links.setdefault(other, []).append(page)
    return links


def _leads_to(found: list[_Named], links: dict[int, list[int]]) -> list[int]:
    """The pages a name leads to: those it names, strongest first, then those linked to them."""
    pages: list[int] = []
    for named in sorted(found, key=lambda n: (n.strength, n.order, n.page)):
        if named.page not in pages:
            pages.append(named.page)
    for page in list(pages):
        pages += [linked for linked in links.get(page, []) if linked not in pages]
    return pages
