"""The ninjs export (generator/publish/ninjs.py), read back as a wire customer's system
would: every ``api/ninjs/<slug>.json`` validated against IPTC's published ninjs 3.1 JSON
Schema (vendored in tests/fixtures/ninjs/ with its licence), field by field on a brief with
every section, withdrawn briefs as ``canceled``, briefs not yet public in no file, and
hostile text arriving as text in the JSON and in the HTML body."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator, FormatChecker

from generator.build.pipeline import generate
from generator.settings import Settings
from generator.source.markup import plain_text, syntax_problem
from generator.source.model import MAX_SHORT
from support import REPO, RICH, brief_yaml
from support.hostile import HOSTILE

SCHEMA = json.loads((REPO / "tests/fixtures/ninjs/ninjs-schema_3.1.json").read_text("utf-8"))
SITE_URL = "https://wire.example.org/"

FORMATS = FormatChecker(formats=())


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    """RFC 3986 absolute URI: a scheme, and an authority for the web's."""
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and (parts.scheme not in ("http", "https") or bool(parts.netloc))


@FORMATS.checks("date-time")
def _is_date_time(value: object) -> bool:
    """RFC 3339: a date, a time and an offset."""
    if not isinstance(value, str):
        return True
    try:
        return "T" in value and datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FORMATS)


def assert_valid_ninjs(item: dict[str, Any], name: str) -> None:
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(item)
    ]
    assert errors == [], name


def test_the_vendored_schema_is_iptcs_ninjs_3_1_and_catches_a_bad_item() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$id"] == "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
    assert (REPO / "tests/fixtures/ninjs/LICENSE").read_text("utf-8").startswith("MIT License")
    bad = {"uri": "briefs/a/", "type": "text", "pubStatus": "gone", "headline": "x"}
    found = {e.validator for e in VALIDATOR.iter_errors(bad)}
    assert {"format", "enum", "unevaluatedProperties"} <= found


def _site(tmp_path: Path, briefs: dict[str, str], data: dict[str, str] | None = None) -> Settings:
    for name, text in briefs.items():
        (tmp_path / "briefs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "briefs" / name).write_text(text, "utf-8")
    for name, text in (data or {}).items():
        (tmp_path / "briefs" / "_data").mkdir(parents=True, exist_ok=True)
        (tmp_path / "briefs" / "_data" / name).write_text(text, "utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    return Settings(root=tmp_path, docs_dir=tmp_path / "docs", site_url=SITE_URL)


def _items(files: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Slug -> its ninjs item, each validated against IPTC's schema."""
    items = {}
    for path, text in files.items():
        if path.startswith("api/ninjs/"):
            item = json.loads(str(text))
            assert_valid_ninjs(item, path)
            items[path.removeprefix("api/ninjs/").removesuffix(".json")] = item
    return items


REGISTRIES = {
    "tickers.yaml": (
        "F: {name: Ford Motor Company, exchange: NYSE, entity: Ford, isin: US3453708600}\n"
        "ON: {name: ON Semiconductor, exchange: Bourse X, entity: onsemi}\n"
    ),
    "entities.yaml": (
        "Ford: {kind: company, lei: 20S05OYHG0MQM4VUIC57, wikidata: Q44294}\n"
        "onsemi: {kind: company}\n"
        "Federal Reserve: {kind: government, url: https://www.federalreserve.gov}\n"
        "Jim Farley: {kind: person}\n"
    ),
}


def test_a_brief_maps_onto_ninjs_field_for_field(tmp_path: Path) -> None:
    rich = RICH.replace("related:\n- older\n", "") + (
        "dateline: DETROIT\nentities: [Ford, Federal Reserve, Jim Farley, Acme Labs]\n"
        "tags: [electric vehicles]\nstory: ford-china\nupdated: 2026-01-06\n"
    )
    settings = _site(tmp_path, {"a.yaml": rich}, REGISTRIES)
    (item,) = _items(generate(settings).files).values()
    assert item["uri"] == SITE_URL + "briefs/a/"
    assert (item["type"], item["pubStatus"], item["version"]) == ("text", "usable", "2")
    assert item["firstCreated"].startswith("2026-01-05T00:00:00")
    assert item["versionCreated"].startswith("2026-01-06T00:00:00")
    assert item["headlines"] == [
        {"role": "main", "contentType": "text/plain", "value": "Ford Denies Xiaomi Talks"}
    ]
    assert [(d["role"], d["value"]) for d in item["descriptions"]] == [
        ("dek", "A short dek with a link."),
        ("summary", "Summary text."),
    ]
    text, rich_html = item["bodies"]
    assert text["contentType"] == "text/plain" and rich_html["contentType"] == "text/html"
    assert text["value"].startswith("Lead paragraph.\n\nSecond lead paragraph.\n\n- Point one.")
    assert "\u201cA quote.\u201d \u2014 John Moolenaar, House chair" in text["value"]
    assert text["wordCount"] == len(text["value"].split())
    body = BeautifulSoup(rich_html["value"], "html.parser")
    assert [li.get_text() for li in body.select("ul")[0].select("li")] == [
        "Point one.",
        "Point two.",
    ]
    assert body.select_one('a[href="https://example.com/filing"]').get_text() == "Filing"
    assert (item["by"], item["located"]) == ("Caleb Monroe, Ana Ruiz, Lee Park", "DETROIT")
    assert [(s["rel"], s["name"]) for s in item["subjects"]] == [
        ("category", "Stock Markets"),
        ("tag", "Electric Vehicles"),  # the terms' display names (generator/source/display.py)
        ("sector", "Automotive"),
        ("sector", "Manufacturing"),
        ("story", item["subjects"][4]["name"]),
        ("mentions", "Acme Labs"),  # no registry says what it is
    ]
    assert item["subjects"][0]["uri"] == SITE_URL + "categories/stock-markets/"
    assert item["organisations"] == [
        {
            "name": "Ford Motor Company",
            "rel": "about",
            "uri": "https://www.wikidata.org/wiki/Q44294",
            "symbols": [{"symbol": "F", "exchange": "XNYS"}],  # the MIC of NYSE
        },
        {
            "name": "ON Semiconductor",
            "rel": "about",
            "uri": SITE_URL + "tickers/on/",
            "symbols": [{"symbol": "ON", "exchange": "Bourse X"}],  # no MIC known: its name
        },
        # Ford, named in entities too, is the company above; the Fed is an organisation
        {
            "name": "Federal Reserve",
            "rel": "mentions",
            "uri": SITE_URL + "entities/federal-reserve/",
        },
    ]
    assert item["people"] == [
        {"name": "Jim Farley", "rel": "mentions", "uri": SITE_URL + "entities/jim-farley/"}
    ]
    assert item["infoSources"] == [
        {"name": "Filing", "role": "source", "uri": "https://example.com/filing"}
    ]


def test_withdrawn_briefs_are_canceled_and_briefs_not_yet_public_are_in_no_file(
    tmp_path: Path,
) -> None:
    settings = _site(
        tmp_path,
        {
            "kept.yaml": brief_yaml(
                title="Kept",
                corrections=[{"date": "2026-01-06", "text": "The margin was misstated."}],
            ),
            "gone.yaml": brief_yaml(
                title="Gone",
                summary="What the gone brief said.",
                status="withdrawn",
                corrections=[{"date": "2026-01-07", "text": "Withdrawn: the source retracted."}],
            ),
            "zorblax.yaml": brief_yaml(title="zorblax draft", summary="zorblax", draft=True),
            "quimbly.yaml": brief_yaml(
                title="quimbly later", summary="quimbly", publish_at="2026-06-01T09:00:00Z"
            ),
        },
    )
    now = datetime(2026, 1, 10, 12, tzinfo=UTC)
    files = generate(settings, now=now).files
    items = _items(files)
    assert sorted(items) == ["gone", "kept"]
    assert (items["kept"]["pubStatus"], items["kept"]["version"]) == ("usable", "2")
    assert items["kept"]["edNote"] == "Correction: The margin was misstated."
    gone = items["gone"]
    assert gone["pubStatus"] == "canceled"
    assert gone["edNote"] == "Withdrawn: the source retracted."
    assert gone["uri"] == SITE_URL + "briefs/gone/"
    # nothing of what it said, not its headline either: that is on its own page only
    assert not {"bodies", "descriptions", "headlines"} & set(gone)
    assert "Gone" not in json.dumps(gone)
    assert "What the gone brief said" not in json.dumps(gone)
    listed = json.loads(str(files["api/briefs.json"]))["briefs"]
    assert [(b["slug"], b["ninjs"]) for b in listed] == [("kept", SITE_URL + "api/ninjs/kept.json")]
    for path, text in files.items():
        if path.startswith("api/"):
            assert "zorblax" not in str(text) and "quimbly" not in str(text), path

    # A preview that shows scheduled briefs marks the scheduled one withheld until go-live.
    preview = _items(generate(settings, now=now, scheduled=True).files)
    assert preview["quimbly"]["pubStatus"] == "withheld"
    assert preview["quimbly"]["embargoedUntil"].startswith("2026-06-01T09:00:00")


ALLOWED_TAGS = {"p", "ul", "li", "em", "strong", "a", "blockquote", "h2"}


def test_hostile_text_stays_text_in_every_ninjs_field(tmp_path: Path) -> None:
    payloads = [t for t in HOSTILE if syntax_problem(t) is None]
    briefs = {}
    for i, text in enumerate(payloads):
        title = text.replace("\n", " ")[:MAX_SHORT]
        briefs[f"b{i}.yaml"] = brief_yaml(
            title=title,
            dek=title,
            byline=[f"{title} {i}"],
            dateline=title,
            lead=text,
            key_points=[text],
            summary=text,
            quotes=[{"text": text, "by": title}],
            notes=[{"title": title, "text": text}],
            risks=[{"title": title, "text": text}],
            tags=[f"{title} {i}"],
            entities=[f"{title} {i}"],
            sources=[{"title": title, "url": "https://example.com/a(b)"}],
        )
    files = generate(_site(tmp_path, briefs)).files
    items = _items(files)
    assert len(items) == len(payloads)
    for slug, item in items.items():
        brief = json.loads(str(files[f"api/briefs/{slug}.json"]))  # the text as validated
        assert item["headlines"][0]["value"] == plain_text(brief["title"]), slug
        assert item["located"] == plain_text(brief["dateline"]), slug
        text, rich = item["bodies"]
        assert plain_text(brief["key_points"][0]) in text["value"], slug
        body = BeautifulSoup(rich["value"], "html.parser")
        tags = {tag.name for tag in body.find_all(True)}
        assert tags <= ALLOWED_TAGS, (slug, tags - ALLOWED_TAGS)
        for tag in body.find_all(True):
            assert set(tag.attrs) <= ({"href"} if tag.name == "a" else set()), (slug, tag)
            if tag.name == "a":
                assert urlsplit(tag["href"]).scheme in ("http", "https", "mailto"), slug
        # every character the author typed arrives as text, in the body's HTML too
        (point,) = body.select("ul")[0].select("li")
        assert point.get_text() == plain_text(brief["key_points"][0]), slug


@pytest.mark.e2e
def test_every_published_brief_of_the_sample_is_a_valid_ninjs_item(sample_site: Path) -> None:
    listed = json.loads((sample_site / "api/briefs.json").read_text("utf-8"))["briefs"]
    sample_url = "https://briefs.example.org/"
    for entry in listed:
        assert entry["ninjs"] == f"{sample_url}api/ninjs/{entry['slug']}.json"
        item = json.loads((sample_site / f"api/ninjs/{entry['slug']}.json").read_text("utf-8"))
        assert_valid_ninjs(item, entry["slug"])
        assert item["uri"] == entry["url"] and item["pubStatus"] == "usable"
    published = {path.stem for path in (sample_site / "api/ninjs").glob("*.json")}
    assert published >= {entry["slug"] for entry in listed}
    ford = json.loads((sample_site / "api/ninjs/ford-xiaomi-ev-talks.json").read_text("utf-8"))
    assert ford["organisations"][0] == {
        "name": "Ford Motor Company",
        "rel": "about",
        "uri": "https://www.wikidata.org/wiki/Q44294",
        "symbols": [{"symbol": "F", "exchange": "XNYS"}],
    }
    # the API's list of tickers carries the same identifiers
    tickers = json.loads((sample_site / "api/tickers.json").read_text("utf-8"))["tickers"]
    (f,) = [t for t in tickers if t["symbol"] == "F"]
    assert (f["mic"], f["isin"], f["figi"]) == ("XNYS", "US3453708600", "BBG000BQPC32")


def test_article_types_and_note_kinds_reach_ninjs_as_genres_and_ed_notes(
    sample_site: Path,
) -> None:
    """A wire customer files analysis apart from news (IPTC's genre), and reads a note's
    kind as the page labels it, not every note as a correction."""
    items = sample_site / "api/ninjs"
    analysis = json.loads((items / "automaker-stocks-brace-for-earnings.json").read_text("utf-8"))
    assert analysis["genres"] == [
        {
            "name": "Analysis",
            "literal": "analysis",
            "uri": "http://cv.iptc.org/newscodes/genre/Analysis",
        }
    ]
    news = json.loads((items / "ford-xiaomi-ev-talks.json").read_text("utf-8"))
    assert news["genres"] == [{"name": "News", "literal": "news"}]
    jobs = json.loads((items / "december-jobs-report-cools-rate-bets.json").read_text("utf-8"))
    assert jobs["edNote"].startswith("Correction: ") and " Update: " in jobs["edNote"]
