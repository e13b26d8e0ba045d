"""A read-only JSON API as static files, and the JSON Schema of each kind of file, published
beside them (``api/schema/``):

- ``api/briefs.json``: every brief, newest first (slug, title, date, its terms of each
  taxonomy with an ``api_field`` in the table: category, tickers; url, and ``api``: its own
  file; ``ninjs``: it as an IPTC ninjs item, generator/publish/ninjs.py, where the site
  has a ``site_url``), 1,000 to a file; ``next`` (and ``previous``) lead to the
  other pages, ``api/briefs/page/2.json``...;
- ``api/briefs/<slug>.json``: the whole brief, every field an author can write (never its
  source file or positions), with its ``url``; as the run publishes it, so ``related`` and
  links name no brief held back (generator/graph/withheld.py);
- ``api/tickers.json``: every ticker (the taxonomy of ``symbols``) with its company and
  exchange (from the registry; its ``mic``, ``isin`` and ``figi`` where known), how many
  briefs name it, and its page.

A brief's schema is generated from the brief model itself (pydantic), so the published
contract cannot drift from what is validated. ``url`` fields are absolute with ``site_url``,
else relative to the site's root (a schema's ``uri-reference``). Brief text is data: JSON
comes from the encoder only.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Taxonomy
from generator.publish import identity
from generator.render.outputs import Output, to_json
from generator.settings import Settings
from generator.source.model import FIELD_NAMES, Brief, BriefFields

PAGE_SIZE = 1000
"""Briefs in each file of the list."""

JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"


def outputs(index: SiteIndex, settings: Settings) -> Iterator[Output]:
    yield from _brief_list(index, settings)
    for brief in index.briefs:
        yield Output(urls.api_brief(brief.slug), "json", to_json(brief_document(brief, settings)))
    yield Output(urls.API_TICKERS, "json", to_json(tickers_document(index, settings)))
    for name, schema in schemas(settings).items():
        yield Output(urls.api_schema(name), "json", to_json(schema))


def address(settings: Settings, path: str) -> str:
    """A file's URL: absolute with ``site_url``, else relative to the site's root."""
    public = settings.public_urls
    return public.absolute(path) or public.url(path)


def _brief_list(index: SiteIndex, settings: Settings) -> Iterator[Output]:
    briefs = index.briefs
    pages = max(1, math.ceil(len(briefs) / PAGE_SIZE))
    for number in range(1, pages + 1):
        document: dict[str, Any] = {
            "count": len(briefs),
            "page": number,
            "pages": pages,
            "next": address(settings, urls.api_briefs_page(number + 1)) if number < pages else None,
            "previous": address(settings, urls.api_briefs_page(number - 1)) if number > 1 else None,
            "briefs": [
                _entry(brief, settings)
                for brief in briefs[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
            ],
        }
        yield Output(urls.api_briefs_page(number), "json", to_json(document))


def _listed() -> list[tuple[str, bool, Taxonomy]]:
    """The taxonomies in the list of briefs (``Taxonomy.api_field``): each one's key, whether
    it is a list (``tickers[]``) or one value (``category``), and the taxonomy."""
    return [
        (t.api_field.removesuffix("[]"), t.api_field.endswith("[]"), t)
        for t in TAXONOMIES.values()
        if t.api_field
    ]


def _entry(brief: Brief, settings: Settings) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "slug": brief.slug,
        "title": brief.title,
        "date": brief.date.isoformat(),
        "url": address(settings, urls.brief(brief.slug)),
        "api": address(settings, urls.api_brief(brief.slug)),
    }
    if settings.site_url is not None:  # the brief as a ninjs item (generator/publish/ninjs.py)
        entry["ninjs"] = address(settings, urls.api_ninjs(brief.slug))
    for key, many, taxonomy in _listed():
        spelt = taxonomy.names(brief)  # as the author wrote them
        entry[key] = list(spelt) if many else next(iter(spelt), "")
    return entry


def brief_document(brief: Brief, settings: Settings) -> dict[str, Any]:
    """Every field of the brief as the author wrote it (validated), its slug and URL."""
    fields = BriefFields.model_construct(**{name: getattr(brief, name) for name in FIELD_NAMES})
    document: dict[str, Any] = fields.model_dump(mode="json", exclude_none=True)
    document["slug"] = brief.slug
    document["status"] = brief.status  # the effective one: ``corrected`` when it has corrections
    document["url"] = address(settings, urls.brief(brief.slug))
    return document


def tickers_document(index: SiteIndex, settings: Settings) -> dict[str, Any]:
    symbols = [t.name for t in TAXONOMIES.values() if t.symbols and t.name in index.taxonomies]
    tickers = []
    for term in (term for name in symbols for term in index.terms(name)):
        entry = term.about
        ticker: dict[str, Any] = {
            "symbol": term.name,
            "briefs": len(term.briefs),
            "url": address(settings, urls.term(term.taxonomy, term.slug)),
        }
        if entry is not None:
            ticker["name"] = entry.name
            ticker["exchange"] = entry.exchange
            if entry.sector:
                ticker["sector"] = entry.sector
            # wire: the listing's identifiers (generator/publish/identity.py)
            if mic := identity.mic(entry):
                ticker["mic"] = mic
            ticker |= {scheme.lower(): value for scheme, value in identity.security_ids(entry)}
        tickers.append(ticker)
    return {"count": len(tickers), "tickers": tickers}


# ---------------------------------------------------------------------------------------------
# The published contract.

_URL = {"type": "string", "format": "uri-reference"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T.+)?$"}


def schemas(settings: Settings) -> dict[str, dict[str, Any]]:
    """Schema name -> JSON Schema (2020-12): ``briefs``, ``brief``, ``tickers``."""

    def schema(name: str, title: str, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "$schema": JSON_SCHEMA,
            "$id": address(settings, urls.api_schema(name)),
            "title": title,
            **body,
        }

    listed = _listed()
    entry = {
        "type": "object",
        "required": ["slug", "title", "date", *(key for key, _, _ in listed), "url", "api"],
        "additionalProperties": False,
        "properties": {
            "slug": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "title": {"type": "string"},
            "date": _DATE,
            **{
                key: {"type": "array", "items": {"type": "string"}} if many else {"type": "string"}
                for key, many, _ in listed
            },
            "url": _URL,
            "api": _URL,
            "ninjs": _URL,
        },
    }
    nullable_url = {"anyOf": [_URL, {"type": "null"}]}
    brief = BriefFields.model_json_schema(mode="serialization")
    brief["properties"]["slug"] = entry["properties"]["slug"]  # type: ignore[index]
    brief["properties"]["url"] = _URL
    brief["required"] = sorted({*brief.get("required", ()), "slug", "url"})
    brief.pop("title", None)
    return {
        "briefs": schema(
            "briefs",
            "A page of the list of briefs, newest first",
            {
                "type": "object",
                "required": ["count", "page", "pages", "next", "previous", "briefs"],
                "additionalProperties": False,
                "properties": {
                    "count": {"type": "integer", "minimum": 0},
                    "page": {"type": "integer", "minimum": 1},
                    "pages": {"type": "integer", "minimum": 1},
                    "next": nullable_url,
                    "previous": nullable_url,
                    "briefs": {"type": "array", "items": entry},
                },
            },
        ),
        "brief": schema("brief", "One brief, every field", brief),
        "tickers": schema(
            "tickers",
            "Every ticker the briefs name",
            {
                "type": "object",
                "required": ["count", "tickers"],
                "additionalProperties": False,
                "properties": {
                    "count": {"type": "integer", "minimum": 0},
                    "tickers": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["symbol", "briefs", "url"],
                            "additionalProperties": False,
                            "properties": {
                                "symbol": {"type": "string"},
                                "name": {"type": "string"},
                                "exchange": {"type": "string"},
                                "sector": {"type": "string"},
                                "mic": {"type": "string", "pattern": "^[A-Z0-9]{4}$"},
                                "isin": {"type": "string"},
                                "figi": {"type": "string"},
                                "briefs": {"type": "integer", "minimum": 1},
                                "url": _URL,
                            },
                        },
                    },
                },
            },
        ),
    }
