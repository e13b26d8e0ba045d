"""Who a brief's companies are, for machines: their ticker as ``MIC SYMBOL`` and the
identifiers the registries give them (generator/source/identifiers.py), shared by the
pages' JSON-LD (:mod:`.head`) and the ninjs export (:mod:`.ninjs`).

schema.org's ``tickerSymbol`` is the exchange's ISO 10383 MIC and the symbol separated by
a space (``XNYS F``); the MIC is the ticker's ``mic``, else the one of its ``exchange`` when
that is a name the identifiers module knows (NYSE, Nasdaq). A ticker of an exchange with no
known MIC keeps the form readers knew before (``Bourse X: FOO``), which no one would take
for a MIC.
"""

from __future__ import annotations

from typing import Any

from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Taxonomy, Term
from generator.source.identifiers import mic_of_exchange, wikidata_url
from generator.source.model import Brief
from generator.source.registry import KINDS, EntityEntry, TickerEntry


def mic(entry: TickerEntry) -> str | None:
    """The MIC of the exchange a ticker is listed on, when it is known."""
    return entry.mic or mic_of_exchange(entry.exchange)


def ticker_symbol(entry: TickerEntry | None, symbol: str) -> str:
    """``XNYS F`` where the exchange's MIC is known, ``Bourse X: FOO`` where only its name
    is, the symbol alone where the registry does not list it."""
    if entry is None:
        return symbol
    code = mic(entry)
    return f"{code} {symbol}" if code else f"{entry.exchange}: {symbol}"


def entity_taxonomy(index: SiteIndex) -> Taxonomy | None:
    """The taxonomy of the site's entities: the one whose registry's entries are
    :class:`EntityEntry` (kind, identifiers), found by that role, not by its name."""
    return next(
        (
            t
            for t in TAXONOMIES.values()
            if t.registry and KINDS.get(t.registry) is EntityEntry and t.name in index.taxonomies
        ),
        None,
    )


def entity_terms(index: SiteIndex, brief: Brief) -> tuple[Term, ...]:
    """The entities a brief names, in its order."""
    taxonomy = entity_taxonomy(index)
    return index.terms_of(brief, taxonomy.name) if taxonomy is not None else ()


def entity_of(index: SiteIndex, name: str | None) -> EntityEntry | None:
    """The entity registry's entry a name (or one of its aliases) stands for."""
    taxonomy = entity_taxonomy(index)
    if name is None or taxonomy is None or taxonomy.registry is None:
        return None
    term = index.term_named(taxonomy.name, name)
    about = term.about if term is not None else None
    if isinstance(about, EntityEntry):
        return about
    found = index.registry.entries(taxonomy.registry).get(name)
    return found if isinstance(found, EntityEntry) else None


def same_as(entity: EntityEntry) -> list[str]:
    """The entity's pages elsewhere: its Wikidata item, its own site."""
    return [
        *([wikidata_url(entity.wikidata)] if entity.wikidata else []),
        *([entity.url] if entity.url else []),
    ]


def security_ids(entry: TickerEntry) -> list[tuple[str, str]]:
    """(scheme, value) of each identifier of the security: ISIN, FIGI."""
    return [
        (scheme, value) for scheme, value in (("ISIN", entry.isin), ("FIGI", entry.figi)) if value
    ]


def organisation_jsonld(entity: EntityEntry | None, ticker: TickerEntry | None) -> dict[str, Any]:
    """schema.org properties of an organisation from its registries: ``sameAs``,
    ``leiCode``, and ``identifier`` as a PropertyValue for each of its security's ISIN and
    FIGI. Empty when the registries say none of them."""
    found: dict[str, Any] = {}
    if entity is not None:
        if links := same_as(entity):
            found["sameAs"] = links
        if entity.lei:
            found["leiCode"] = entity.lei
    if ticker is not None and (ids := security_ids(ticker)):
        found["identifier"] = [
            {"@type": "PropertyValue", "propertyID": scheme, "value": value}
            for scheme, value in ids
        ]
    return found
