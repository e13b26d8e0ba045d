"""The page set: every page the site has, its address, its template and its context.

One place decides which pages exist: :func:`page_specs` gives each page with everything its
template reads, and :func:`page_paths` gives the same addresses without building any context
(the link check asks which paths exist before anything is rendered, generator/build/links.py).
A term's listing is split into pages of ``per_page`` briefs, counted in one place
(:func:`listing_page_count`) for the pages, their feeds' sitemaps and their head data.

Listings stay still as briefs arrive: the front (the term's address) shows the newest
``per_page`` briefs, and the numbered pages (``page/1.md``, ``page/2.md``...) hold fixed
slices counted from the oldest brief, made once full. Page N keeps the same briefs forever;
a new brief changes the front, and every ``per_page`` briefs adds one numbered page (and
the newer link of the one before it).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from generator.graph import urls
from generator.graph.digest import DigestDay, digest_day, digest_days
from generator.graph.index import SiteIndex
from generator.graph.lists import brief_lists
from generator.graph.mentions import MentionIndex
from generator.graph.risks import RiskOverview, risk_overview
from generator.graph.taxonomies import TAXONOMIES, Taxonomy, Term, primary
from generator.render.charts import Cell, heatmap
from generator.settings import Settings
from generator.source.markup import Markdown
from generator.source.model import Brief
from generator.source.registry import COMPANY_REGISTRY, TickerEntry


@dataclass(frozen=True)
class PageSpec:
    """One page to render: its path in the docs tree, its template, its context."""

    path: str
    template: str
    context: dict[str, Any]


@dataclass(frozen=True)
class PageRef:
    """A link target that is a page of a paginated listing: its front (``number`` None) or
    a numbered page."""

    term: Term
    number: int | None


def target_path(target: Brief | Term | PageRef | str) -> str:
    """The docs path of anything a template may link to."""
    if isinstance(target, Brief):
        return urls.brief(target.slug)
    if isinstance(target, Term):
        return urls.term(target.taxonomy, target.slug)
    if isinstance(target, PageRef):
        return urls.term(target.term.taxonomy, target.term.slug, target.number)
    return target


def listing_page_count(term: Term, per_page: int) -> int:
    """How many pages a term's listing has, its front included: ``per_page`` briefs each, at
    least one. The numbered pages are one fewer: each full slice of ``per_page`` briefs
    counted from the oldest, once the front no longer shows all of its briefs."""
    return max(1, math.ceil(len(term.briefs) / per_page))


@dataclass(frozen=True)
class ListingPage:
    """One page of a term's listing: the front (``number`` None) or a numbered page."""

    number: int | None
    briefs: tuple[Brief, ...]
    """Newest first, as on every page."""
    newer: PageRef | None
    older: PageRef | None


def listing_pages(term: Term, per_page: int) -> list[ListingPage]:
    """A term's listing pages, the front first, then the numbered pages from the oldest.

    Numbered page ``k`` holds the briefs ``(k - 1) * per_page`` to ``k * per_page - 1``
    counted from the oldest: its briefs, and its older link, never change. The front links
    to the newest numbered page as "older"; each numbered page links to the next one as
    "newer", the newest of them to the front.
    """
    total, numbered = len(term.briefs), listing_page_count(term, per_page) - 1
    front = ListingPage(
        None, term.briefs[:per_page], None, PageRef(term, numbered) if numbered else None
    )
    return [front] + [
        ListingPage(
            number,
            term.briefs[total - number * per_page : total - (number - 1) * per_page],
            PageRef(term, number + 1 if number < numbered else None),
            PageRef(term, number - 1) if number > 1 else None,
        )
        for number in range(1, numbered + 1)
    ]


def listing_paths(term: Term, per_page: int) -> list[str]:
    """The paths of a term's listing pages, the front first (:func:`listing_pages`)."""
    numbered = listing_page_count(term, per_page) - 1
    return [urls.term(term.taxonomy, term.slug)] + [
        urls.term(term.taxonomy, term.slug, number) for number in range(1, numbered + 1)
    ]


def page_paths(index: SiteIndex, settings: Settings) -> Iterator[str]:
    """The path of every page :func:`page_specs` makes, in its order, without building a
    page's context: cheap enough to ask before anything is rendered."""
    for brief in (*index.withdrawn, *index.briefs):
        yield urls.brief(brief.slug)
    for taxonomy in TAXONOMIES.values():
        for term in index.terms(taxonomy.name):
            yield from listing_paths(term, settings.per_page)
        yield urls.taxonomy_index(taxonomy.name)
    if has_risk_page(index):
        yield urls.RISKS
    if settings.home:
        yield urls.HOME
    yield from digest_paths(index, settings)


def has_risk_page(index: SiteIndex) -> bool:
    """The risk overview is made when some risk names a sector (it has a group per sector)."""
    return any(risk.sectors for brief in index.briefs for risk in brief.risks)


def page_specs(index: SiteIndex, settings: Settings) -> Iterator[PageSpec]:
    """Every page the generator makes, with its template and context: one place to look.

    Brief pages, then for each taxonomy of the registry its term pages and its index page,
    then the home page. A brief's context has ``terms`` (taxonomy name -> its terms) and
    ``primary_term``, its term of the primary taxonomy (the kicker and "More from ...").
    Every page's context has ``terms_of(brief, taxonomy)``, a listed brief's terms (the
    ticker chips of a listing entry link to their pages), and ``term_named(taxonomy, name)``,
    the term a name stands for or none (a risk's sector, a ticker's company).
    """
    lookups = {
        "terms_of": index.terms_of,
        "term_named": index.term_named,
        "entries": {},
        "links": {},
    }
    for spec in _page_specs(index, settings):
        term = spec.context.get("term")
        feeds = page_feeds(settings, term) if term is not None or spec.path == urls.HOME else {}
        yield PageSpec(spec.path, spec.template, {**spec.context, **lookups, "feeds": feeds})


def page_feeds(settings: Settings, term: Term | None = None) -> dict[urls.FeedFormat, str]:
    """The feeds of the site (``term`` None: the home page's) or of a term's pages, by format
    (``feeds`` in the templates' context); none when the site makes no feeds or the term's
    taxonomy has none (``Taxonomy.feeds``)."""
    if not settings.publishes_feeds:
        return {}
    if term is None:
        return urls.feeds()
    return urls.feeds(term.taxonomy, term.slug) if TAXONOMIES[term.taxonomy].feeds else {}


def _page_specs(index: SiteIndex, settings: Settings) -> Iterator[PageSpec]:
    main = primary()
    days = days_of(index, settings)
    day_set = {day.day for day in days}
    for brief in index.withdrawn:
        yield PageSpec(
            urls.brief(brief.slug),
            "withdrawn.md.j2",
            {"brief": brief, "embargo": index.embargoes.get(brief.slug)},
        )
    mentions = MentionIndex.of(index)
    for brief in index.briefs:
        terms = {name: index.terms_of(brief, name) for name in TAXONOMIES}
        lists = brief_lists(index, brief, settings.more_from)
        yield PageSpec(
            urls.brief(brief.slug),
            "brief.md.j2",
            {
                "brief": brief,
                "terms": terms,
                "primary_term": next(iter(terms[main.name]), None),
                "more_from": lists.more_from,
                "related": lists.related,
                "neighbours": lists.neighbours,
                "thread": lists.thread,
                "embargo": index.embargoes.get(brief.slug),
                "mentions": mentions,
                "digest": digest_of(brief, settings, day_set),
            },
        )
    symbols = listed_symbols(index)
    for taxonomy in TAXONOMIES.values():
        for term in index.terms(taxonomy.name):
            listed = symbols.get((term.taxonomy, term.slug), [])
            yield from _listing_pages(taxonomy, term, settings.per_page, index, listed)
        yield PageSpec(
            urls.taxonomy_index(taxonomy.name),
            taxonomy.index_template,
            {"taxonomy": taxonomy, "terms": index.terms(taxonomy.name)},
        )
    if has_risk_page(index):
        overview = risk_overview(index)
        chart = risk_chart(overview, index, settings)
        yield PageSpec(urls.RISKS, "risks.md.j2", {"overview": overview, "chart": chart})
    if settings.home:
        newest = urls.digest(days[0].day) if days else None
        yield PageSpec(urls.HOME, "home.md.j2", {**home_context(index, settings), "digest": newest})
    yield from _digest_pages(days, settings)


# ---------------------------------------------------------------------------------------------
# The morning briefing (generator/graph/digest.py): a page per publishing day, and an index.


def days_of(index: SiteIndex, settings: Settings) -> list[DigestDay]:
    """The site's digest days, newest first; none when ``digest.enabled`` is off."""
    options = settings.digest
    if not options.enabled:
        return []
    return digest_days(
        index, settings.zone, options.cutoff_hour, options.sections, options.most_covered
    )


def digest_paths(index: SiteIndex, settings: Settings) -> Iterator[str]:
    days = days_of(index, settings)
    for day in days:
        yield urls.digest(day.day)
    if days:
        yield urls.DIGEST_INDEX


def digest_of(brief: Brief, settings: Settings, days: set[date]) -> str | None:
    """The page of the digest that holds ``brief`` (its brief page links to it), or None."""
    if not days:
        return None
    day = digest_day(brief, settings.zone, settings.digest.cutoff_hour)
    return urls.digest(day) if day in days else None


def _digest_pages(days: list[DigestDay], settings: Settings) -> Iterator[PageSpec]:
    title = settings.digest.title
    feeds = urls.digest_feeds() if settings.publishes_feeds else {}
    for day in days:
        yield PageSpec(
            urls.digest(day.day),
            "digest.md.j2",
            {
                "digest": day,
                "title": title,
                "earlier": urls.digest(day.earlier) if day.earlier else None,
                "later": urls.digest(day.later) if day.later else None,
                "digest_index": urls.DIGEST_INDEX,
                "digest_feeds": feeds,
            },
        )
    if days:
        yield PageSpec(
            urls.DIGEST_INDEX,
            "digests.md.j2",
            {
                "days": [(urls.digest(day.day), day.day, len(day.briefs)) for day in days],
                "title": title,
                "digest_feeds": feeds,
            },
        )


def home_context(index: SiteIndex, settings: Settings) -> dict[str, Any]:
    """The front page: ``lead`` (the newest brief, or None), ``latest`` (the next
    ``home_latest``), ``sections`` (each term of the primary taxonomy with its newest briefs
    not shown above, up to ``home_per_section``), ``most_covered`` (taxonomy name -> the
    terms most named lately, with counts, for each taxonomy whose ``front_page`` asks),
    ``archive`` (the index page of the archive taxonomy, or None), ``taxonomy`` (the primary
    one) and ``terms`` (its terms)."""
    main = primary()
    lead = index.briefs[0] if index.briefs else None
    latest = list(index.briefs[1 : 1 + settings.home_latest])
    shown = {brief.slug for brief in latest} | ({lead.slug} if lead else set())
    per_section = settings.home_per_section
    sections = [
        (term, list(islice((b for b in term.briefs if b.slug not in shown), per_section)))
        for term in (index.terms(main.name) if per_section else [])
    ]
    on_front_page = [t for t in TAXONOMIES.values() if t.name in index.taxonomies]
    most_covered = {
        t.name: index.most_covered(t.name, settings.home_trending_days, settings.home_trending)
        for t in on_front_page
        if t.front_page == "most_covered" and settings.home_trending
    }
    archive = next(
        (urls.taxonomy_index(t.name) for t in on_front_page if t.front_page == "archive"), None
    )
    return {
        "lead": lead,
        "latest": latest,
        "sections": sections,
        "most_covered": most_covered,
        "archive": archive,
        "taxonomy": main,
        "terms": index.terms(main.name),
    }


def risk_chart(overview: RiskOverview, index: SiteIndex, settings: Settings) -> Markdown:
    """The sectors x months heat map of the risk page; each cell leads to the sector's page
    when a taxonomy of sectors makes one (``Taxonomy.risk_sectors``), else to the sector's
    group on the risk page."""
    sectors = next((t.name for t in TAXONOMIES.values() if t.risk_sectors), "")
    sector_pages = sectors in index.taxonomies

    def href(slug: str, anchor: str) -> str:
        if not sector_pages:
            return f"#{anchor}"
        target = urls.term(sectors, slug)
        return urls.published_relative(
            urls.RISKS, target, directory_urls=settings.use_directory_urls
        )

    months = [date(year, month, 1) for year, month in overview.months]
    cells = [
        [
            Cell(
                count := overview.counts.get((sector.slug, (month.year, month.month)), 0),
                href(sector.slug, sector.anchor),
                f"{sector.name}, {month:%B} {month.year}: {count} risk{'s' * (count != 1)}",
            )
            for month in months
        ]
        for sector in overview.sectors
    ]
    return Markdown(
        heatmap(
            "Risks by sector and month",
            [sector.name for sector in overview.sectors],
            [f"{month:%b} {month.year}" for month in months],
            cells,
            chart_id="nb-risk-chart",
        )
    )


COMPANIONS = 5
"""Terms shown as "often named with" on a term's page (the tickers most mentioned with F)."""


def listed_symbols(index: SiteIndex) -> dict[tuple[str, str], list[Term]]:
    """(taxonomy, slug) of an entity -> the ticker pages whose registry entry names it as
    their company (``F: {entity: Ford}``: the entity Ford -> F), A to Z: the entity's page
    links them, as each ticker's page links its entity. Only terms with pages: a ticker no
    brief names, or an entity no brief mentions, has none."""
    found: dict[tuple[str, str], list[Term]] = {}
    companies = [t for t in TAXONOMIES.values() if t.registry == COMPANY_REGISTRY]
    for symbols in (t for t in TAXONOMIES.values() if t.symbols and t.name in index.taxonomies):
        for ticker in index.terms(symbols.name):
            entity = ticker.about.entity if isinstance(ticker.about, TickerEntry) else None
            for company in (index.term_named(t.name, entity) for t in companies if entity):
                if company is not None:
                    found.setdefault((company.taxonomy, company.slug), []).append(ticker)
    return found


def _listing_pages(
    taxonomy: Taxonomy,
    term: Term,
    per_page: int,
    index: SiteIndex,
    symbols: list[Term] | None = None,
) -> Iterator[PageSpec]:
    companions = index.companions(term, COMPANIONS)
    extra = {"symbols": symbols} if symbols else {}
    for page in listing_pages(term, per_page):
        yield PageSpec(
            urls.term(term.taxonomy, term.slug, page.number),
            taxonomy.term_template,
            {
                "taxonomy": taxonomy,
                "term": term,
                "briefs": page.briefs,
                "number": page.number,
                "newer": page.newer,
                "older": page.older,
                "companions": companions if page.number is None else [],
                **extra,
            },
        )
