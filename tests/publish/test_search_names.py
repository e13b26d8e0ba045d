"""The search's exact names (generator/publish/search_names.py): a symbol, a company's name or
an alias leads to its page first, then the pages linked to it, then their newest briefs; what
is in the map is text, and only published briefs are. How the search shows it: tests/browser/
test_search_in_browser.py."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build.pipeline import generate
from generator.graph.index import SiteIndex
from generator.publish.search_names import (
    NEWEST,
    names_files,
    names_map,
    normalized,
    part_of,
)
from generator.settings import Settings
from support import REPO, brief_yaml, briefs_settings
from support.hostile import HOSTILE


@pytest.fixture(scope="module")
def sample() -> tuple[SiteIndex, Settings]:
    settings = Settings(root=REPO)
    return generate(settings).index, settings


def pages_for(data: dict[str, object], query: str) -> list[str]:
    names, pages = data["names"], data["pages"]
    assert isinstance(names, dict) and isinstance(pages, list)
    return [pages[n][0] for n in names.get(normalized(query), [])]


@pytest.mark.parametrize(
    ("query", "first", "then"),
    [
        ("F", "tickers/f/", "entities/ford/"),
        ("ON", "tickers/on/", "entities/onsemi/"),
        ("on", "tickers/on/", "entities/onsemi/"),  # a reader types it in lower case
        ("GM", "tickers/gm/", "entities/general-motors/"),  # a symbol before an alias
        ("NVDA", "tickers/nvda/", "entities/nvidia/"),
        ("NVIDIA", "entities/nvidia/", "tickers/nvda/"),  # an alias
        ("Ford Motor", "entities/ford/", "tickers/f/"),  # an alias
        ("Ford Motor Company", "tickers/f/", "entities/ford/"),  # the ticker's company
        ("  tesla,  INC. ", "tickers/tsla/", "entities/tesla/"),  # spacing and marks aside
    ],
)
def test_an_exact_name_leads_to_its_page_then_the_page_linked_to_it(
    sample: tuple[SiteIndex, Settings], query: str, first: str, then: str
) -> None:
    assert pages_for(names_map(*sample), query) == [first, then]


def test_a_word_that_is_no_ones_name_leads_nowhere(sample: tuple[SiteIndex, Settings]) -> None:
    data = names_map(*sample)
    for query in ("shares", "Ford Motors", "NVD", "", "   "):
        assert pages_for(data, query) == [], query


def test_a_pages_briefs_are_its_newest_and_the_map_lists_briefs_newest_first(
    sample: tuple[SiteIndex, Settings],
) -> None:
    index, settings = sample
    data = names_map(index, settings)
    briefs, pages = data["briefs"], data["pages"]
    assert isinstance(briefs, list) and isinstance(pages, list)
    ford = index.taxonomies["ticker"]["f"]
    (page,) = [p for p in pages if p[0] == "tickers/f/"]
    assert page[1:3] == ["F: Ford Motor Company", "Ticker"]
    assert [briefs[n][0] for n in page[3]] == [
        f"briefs/{brief.slug}/" for brief in ford.briefs[:NEWEST]
    ]
    assert len(ford.briefs) > NEWEST  # so the cut is tested
    order = [brief.slug for brief in index.briefs]
    listed = [order.index(row[0].split("/")[1]) for row in briefs]
    assert listed == sorted(listed)  # a brief's number is its place, newest first
    assert len({row[0] for row in briefs}) == len(briefs)  # each brief once


def test_names_titles_and_aliases_stay_the_text_typed(tmp_path: Path) -> None:
    payloads = HOSTILE[:12]
    entities = {
        "Acme": {"kind": "company", "description": "A maker.", "aliases": payloads},
    }
    tickers = {"ACME": {"name": HOSTILE[1], "exchange": "NYSE", "entity": "Acme"}}
    settings = briefs_settings(
        tmp_path,
        {"a.yaml": brief_yaml(title=f"Acme {HOSTILE[0]}", tickers=["ACME"], entities=["Acme"])},
        {
            "entities.yaml": json.dumps(entities),
            "tickers.yaml": json.dumps(tickers),
        },
    )
    index = generate(settings).index
    data = names_map(index, settings)
    (brief,) = data["briefs"]
    assert brief[1] == f"Acme {HOSTILE[0]}"  # as typed: the script sets it as text
    assert data["pages"][0][1] == f"ACME: {HOSTILE[1]}"
    for alias in payloads:
        key = normalized(alias)
        if key:
            assert "entities/acme/" in pages_for(data, alias), alias


def test_a_brief_not_yet_published_is_in_no_byte_of_the_map(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {
            "now.yaml": brief_yaml(tickers=["F"], date="2026-01-05"),
            "later.yaml": brief_yaml(
                title="Zanzibarquux Plans Leak", tickers=["F"], date="2026-03-01T09:00:00Z"
            ),
            "draft.yaml": brief_yaml(title="Quuxdraft Memo", tickers=["F"], draft=True),
        },
    )
    index = generate(settings, now=datetime(2026, 2, 1, tzinfo=UTC)).index
    written = b"".join(names_files(index, settings).values())
    assert b"briefs/now/" in written
    for mark in (b"later", b"Zanzibarquux", b"draft", b"Quuxdraft"):
        assert mark not in written, mark


def test_each_part_holds_its_names_with_their_pages_and_briefs(
    sample: tuple[SiteIndex, Settings],
) -> None:
    """The script fetches the part of a query's first character: it must lead where the whole
    map does, briefs in the same order, and every name must be in its own part only."""
    whole = names_map(*sample)
    files = {path: json.loads(data) for path, data in names_files(*sample).items()}
    listed = files.pop("names.json")
    parts = files
    assert listed == sorted(p.removeprefix("names/").removesuffix(".json") for p in parts)
    assert "names/66.json" in parts  # "f"
    seen: list[str] = []
    for path, part in parts.items():
        for key in part["names"]:
            assert path == f"names/{part_of(key)}.json", key
            assert pages_for(part, key) == pages_for(whole, key)
            assert _briefs_for(part, key) == _briefs_for(whole, key)
            seen.append(key)
    assert sorted(seen) == sorted(whole["names"])
    assert max(len(json.dumps(part)) for part in parts.values()) < len(
        json.dumps(whole, separators=(",", ":"))
    )


def _briefs_for(data: dict[str, object], key: str) -> list[list[str]]:
    names, pages, briefs = data["names"], data["pages"], data["briefs"]
    assert isinstance(names, dict) and isinstance(pages, list) and isinstance(briefs, list)
    return [[briefs[b] for b in pages[p][3]] for p in names[key]]
