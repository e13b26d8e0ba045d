"""The taxonomy registry: every way of grouping briefs, each declared once.

A taxonomy (Pelican's idea: categories, tags and authors are one thing with a URL pattern
per kind) is one :class:`Taxonomy` entry in :data:`TAXONOMIES`: its name, how its terms are
read off a brief, how spellings fold into one term, how terms sort, the folder its pages
live in, its templates and whether the nav lists it, and the part its terms play elsewhere:
what related scoring weighs, which terms are chips and bylines, which body text links, what
search labels and filters, what the API lists. The index groups briefs by every entry,
urls.py places the pages, render makes them, publish describes them to machines and nav.py
lists them, all by reading this table; none of them names a taxonomy. Adding a taxonomy
(tickers, sectors, authors, the month archive) is one entry here and one template in
``theme/templates/``; what a site knows about a taxonomy's terms (a ticker's company) is in
its registry file (generator/source/registry.py), named by the entry's ``registry``.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.source.display import title_case
from generator.source.loader import KeyPath
from generator.source.model import Brief, per_brief
from generator.source.slugs import term_slug

TermReader = Callable[[Brief], Iterable[tuple[KeyPath, str]]]
"""Reads a brief's terms of one taxonomy, each with where it is (``("risks", 1, "sectors",
0)``) so that a problem with one term points at exactly that value."""


def at(path: str) -> TermReader:
    """Terms at a field path: ``"category"`` (one value), ``"tags[]"`` (each item of a
    list), ``"risks[].sectors[]"`` (each sector of each risk). Empty and unset values are
    skipped."""
    steps = [(part.removesuffix("[]"), part.endswith("[]")) for part in path.split(".")]

    def read(brief: Brief) -> list[tuple[KeyPath, str]]:
        found: list[tuple[KeyPath, Any]] = [((), brief)]
        for name, each in steps:
            found = [
                step
                for loc, value in found
                if (inner := getattr(value, name, None)) is not None
                for step in (
                    [((*loc, name, i), item) for i, item in enumerate(inner)]
                    if each
                    else [((*loc, name), inner)]
                )
            ]
        return [(loc, value) for loc, value in found if isinstance(value, str) and value]

    return read


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy (the category "Stock Markets") and its briefs, newest first."""

    taxonomy: str
    name: str
    slug: str
    briefs: tuple[Brief, ...] = field(repr=False)  # a repr of thousands of briefs helps no one
    about: Any = None
    """Its entry in the taxonomy's registry (generator/source/registry.py), or None if unlisted."""


def by_name(term: Term) -> Any:
    """Alphabetical, ignoring case: the order of a list of names."""
    return term.name.casefold()


def by_order(term: Term) -> Any:
    """The registry's ``order`` first, lowest first; terms without one follow A-Z."""
    order = getattr(term.about, "order", None)
    return (order is None, order or 0, term.name.casefold())


def newest_first(term: Term) -> Any:
    """Archive terms (``2026``, ``2026/01``): newest year first, each followed by its months,
    newest first."""
    return tuple(-int(part) for part in term.slug.split("/"))


def bylines(brief: Brief) -> list[tuple[KeyPath, str]]:
    """Authors as named in ``byline``, without a "By " the author typed."""
    return [
        (loc, re.sub(r"^by\s+", "", name, flags=re.IGNORECASE))
        for loc, name in at("byline[]")(brief)
    ]


def story(brief: Brief) -> list[tuple[KeyPath, str]]:
    """The story id (``ford-china-partnerships``): its slug is the id itself, and its name
    is stories.yaml's ``title`` or the id in title case (:attr:`Taxonomy.title_field`)."""
    return [(("story",), brief.story)] if brief.story else []


def archives(brief: Brief) -> list[tuple[KeyPath, str]]:
    """The year (``2026``) and the month (``January 2026``) of the brief's date, as written
    (a time keeps the date of its own offset)."""
    year, month = brief.date.year, brief.date.month
    return [(("date",), str(year)), (("date",), f"{calendar.month_name[month]} {year}")]


_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


def archive_slug(name: str) -> str:
    """``2026`` -> ``2026``, ``January 2026`` -> ``2026/01``: a month's page lives inside its
    year's folder (``archive/2026/01/``)."""
    month, _, year = name.rpartition(" ")
    return f"{year}/{_MONTHS[month]:02d}" if month else year


@dataclass(frozen=True)
class Search:
    """How a taxonomy's terms are found in the site's search (generator/publish/search.py)."""

    label: str
    """What a result for one of its term pages says it is ("Company or person")."""
    order: int
    """Term pages and filters go to the search index in this order, lowest first (the index
    is built in the order it is given)."""
    filter: str | None = None
    """Brief results can be narrowed by its terms under this filter name ("Ticker"), and its
    term pages carry their own name in it; None: no filter."""


@dataclass(frozen=True)
class Taxonomy:
    """One way of grouping briefs, and everything the pipeline needs to know about it."""

    name: str
    """Singular, as messages say it ("spell the category the same way")."""
    title: str
    """The heading of its index page and its nav section."""
    terms: TermReader
    """How a brief's terms are read: :func:`at` a field path, or any function."""
    folder: str
    """Its pages: ``<folder>/index.md``, ``<folder>/<term slug>/index.md``, ``.../page/<n>.md``."""
    description: str = ""
    """One sentence about its index page (the page's description for search and sharing)."""
    term_template: str = "term.md.j2"
    """One page of a term's listing (context: taxonomy, term, briefs, number, count, newer,
    older)."""
    index_template: str = "terms.md.j2"
    """The taxonomy's index page (context: taxonomy, terms)."""
    fold: Callable[[str], str] = term_slug
    """Spellings that fold to the same text are one term, and that text is its page's slug."""
    sort_key: Callable[[Term], Any] = by_name
    """The order of its terms on pages and in the nav."""
    primary: bool = False
    """The taxonomy of a brief's kicker and its "More from ..." list; exactly one is."""
    nav: Literal["terms", "index", "none"] = "terms"
    """In the default nav: its index and each term, only its index, or not at all."""
    registry: str | None = None
    """Its registry file in ``briefs/_data/`` (generator/source/registry.py): each term's entry is
    ``term.about``, and an entry's ``aliases`` are spellings of its one page."""
    warn_unlisted: bool = False
    """Warn at each value its registry (when the site has one) does not list."""
    feeds: bool = False
    """Each term gets RSS, Atom and JSON feeds beside its page (generator/publish/feeds.py)."""
    front_page: Literal["most_covered", "archive", "none"] = "none"
    """On the front page: in "Most covered lately" (the terms most named lately), as the link
    to the full archive (its index), or not at all."""
    related_weight: float = 0.0
    """What one term two briefs share adds to how related they are, times the term's rarity
    (generator/graph/related.py); 0: sharing its terms does not relate briefs."""
    chip: str | None = None
    """Its terms show as chips beside a brief (its byline, its listing entries), each
    introduced to screen readers by this word ("Ticker"); None: no chips."""
    byline: bool = False
    """Its terms are a brief's authors: the byline of its page, the author of its feed items
    and of its JSON-LD."""
    symbols: bool = False
    """Its terms are market symbols and its registry entries their companies: body text links
    ``$F`` and ``(NYSE: F)`` to their pages (generator/graph/mentions.py), the API lists them
    (``api/tickers.json``) and a brief's JSON-LD is ``about`` their companies."""
    named_in_text: bool = False
    """Body text links the first mention of a name or alias its registry lists (``Ford
    Motor``) to the term's page (generator/graph/mentions.py)."""
    risk_sectors: bool = False
    """Its terms are the sectors risks bear on: the risk overview spells them as their pages
    do, and its chart's cells lead to those pages (generator/graph/risks.py)."""
    threads: bool = False
    """Its terms are story threads (a brief's ``story``): a brief's timeline links to its
    page."""
    title_field: str | None = None
    """The field of its registry's entries that names a term wherever the term is shown
    (its page's heading and tab, chips, headings, feeds, JSON-LD): stories.yaml's
    ``title``, sectors.yaml's ``name``. A term without one is named by :attr:`title_case`."""
    title_case: bool = False
    """A term its registry does not name is shown in title case (``us-labor-market-2026``
    -> ``US Labor Market 2026``, ``real estate`` -> ``Real Estate``: generator/source/
    display.py); off: as the briefs spell it (a category, a person, a ticker)."""
    search: Search | None = None
    """How its terms are found in the site's search; None: its pages are not in search
    records (story ids and months are in no one's query, and would rank above the briefs)."""
    api_field: str | None = None
    """Its key in each entry of the API's list of briefs, in :func:`at`'s notation:
    ``"tickers[]"`` a list of the brief's terms as spelt, ``"category"`` the first alone; None:
    not there (generator/publish/api.py)."""

    def names(self, brief: Brief) -> list[str]:
        """The brief's terms as spelt, each once."""
        return _names(brief, self)

    def display_name(self, name: str, entry: Any = None, words: Iterable[str] = ()) -> str:
        """What a term spelt ``name`` is called on every page: its registry entry's
        :attr:`title_field`, else the title-case rule when :attr:`title_case` (``words``:
        the site's own spellings, the ``title_words`` setting), else ``name`` itself."""
        given = getattr(entry, self.title_field, None) if self.title_field else None
        if given:
            return str(given)
        return title_case(name, words) if self.title_case else name


@per_brief
def _names(brief: Brief, taxonomy: Taxonomy) -> list[str]:
    return list(dict.fromkeys(name for _, name in taxonomy.terms(brief)))


TAXONOMIES: dict[str, Taxonomy] = {
    taxonomy.name: taxonomy
    for taxonomy in [
        Taxonomy(
            "category",
            "Categories",
            at("category"),
            description="Every category of the briefs, with its latest brief.",
            folder="categories",
            term_template="category.md.j2",
            index_template="categories.md.j2",
            primary=True,
            registry="categories.yaml",
            sort_key=by_order,
            warn_unlisted=True,  # a typo would make a new category, nav entry and all
            feeds=True,
            search=Search("Category", order=3, filter="Category"),
            api_field="category",
        ),
        Taxonomy(
            "ticker",
            "Tickers",
            at("tickers[]"),
            description="Every ticker symbol the briefs cover, A to Z, with its count of briefs.",
            folder="tickers",
            term_template="ticker.md.j2",
            nav="index",
            registry="tickers.yaml",
            warn_unlisted=True,
            feeds=True,
            front_page="most_covered",
            related_weight=3.0,
            chip="Ticker",
            symbols=True,
            search=Search("Ticker", order=1, filter="Ticker"),
            api_field="tickers[]",
        ),
        Taxonomy(
            "entity",
            "Entities",
            at("entities[]"),
            description="The companies, people and institutions the briefs mention, A to Z.",
            folder="entities",
            term_template="entity.md.j2",
            nav="index",
            registry="entities.yaml",
            warn_unlisted=True,
            related_weight=2.0,
            named_in_text=True,
            search=Search("Company or person", order=2),
        ),
        Taxonomy(
            "tag",
            "Tags",
            at("tags[]"),
            description="The themes the briefs are tagged with, A to Z.",
            folder="tags",
            nav="index",
            title_case=True,
            related_weight=1.0,
            search=Search("Tag", order=4),
        ),
        Taxonomy(
            "sector",
            "Sectors",
            at("risks[].sectors[]"),
            description="The sectors that the risks in the briefs bear on, with their briefs.",
            folder="sectors",
            term_template="sector.md.j2",
            nav="index",
            registry="sectors.yaml",
            title_field="name",
            title_case=True,
            risk_sectors=True,
            search=Search("Sector", order=5),
        ),
        Taxonomy(
            "author",
            "Authors",
            bylines,
            description="Everyone who writes the briefs, with their latest work.",
            folder="authors",
            term_template="author.md.j2",
            nav="index",
            registry="authors.yaml",
            warn_unlisted=True,  # a misspelt byline would split an author over two pages
            byline=True,
            search=Search("Author", order=6),
        ),
        Taxonomy(
            "story",
            "Stories",
            story,
            description="Stories followed over several briefs, each with its timeline.",
            folder="stories",
            term_template="story.md.j2",
            nav="index",
            registry="stories.yaml",
            title_field="title",
            title_case=True,
            feeds=True,
            front_page="most_covered",
            related_weight=4.0,
            threads=True,
        ),
        Taxonomy(
            "archive",
            "Archive",
            archives,
            description="Every brief by year and month, newest first.",
            folder="archive",
            term_template="archive.md.j2",
            fold=archive_slug,
            sort_key=newest_first,
            nav="index",
            front_page="archive",
        ),
    ]
}
"""Every taxonomy, in the order of the nav and of the generated pages."""


def page_title(term: Term) -> str:
    """The title of a term's page (its browser tab, its nav entry, how it is shared): its
    name, and for a market symbol its company's first, as readers look for it (``Ford Motor
    Company (F)``)."""
    company = getattr(term.about, "name", None)
    spec = TAXONOMIES.get(term.taxonomy)
    if spec is not None and spec.symbols and company:
        return f"{company} ({term.name})"
    return term.name


def primary() -> Taxonomy:
    """The one taxonomy marked ``primary``."""
    (found,) = [taxonomy for taxonomy in TAXONOMIES.values() if taxonomy.primary]
    return found
