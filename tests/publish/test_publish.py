"""Publishing for machines, read back the way machines read it: every feed through feedparser
(no bozo, items checked), each page's structured data through extruct, the JSON API against
its own published JSON Schemas (jsonschema), the news sitemap and MkDocs' sitemap as XML,
the redirect pages of renamed briefs. On the sample site's one session build, and on small
sites for hostile text, pagination, the settings that turn outputs off and a site without
``site_url``.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import extruct
import feedparser
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from generator.build.pipeline import generate
from generator.errors import BriefsError
from generator.publish import api
from generator.publish.head import _flow, add_front_matter, split_front_matter
from generator.render.outputs import yaml_string
from generator.settings import load_site
from support import (
    REPO,
    SiteFactory,
    brief_yaml,
    briefs_in_process,
    pagefind_records,
    with_site_url,
)

SITE_URL = "https://briefs.example.org/"
SEED = "briefs/ford-xiaomi-ev-talks/"
FEED_FILES = ("rss.xml", "atom.xml", "feed.json")
XML_FEEDS = ("rss.xml", "atom.xml")

JSON_FEED_1_1 = {
    # JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), what the spec requires of a feed
    # and its items; feedparser 6.0 reads RSS and Atom only.
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string", "format": "uri"},
        "feed_url": {"type": "string", "format": "uri"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "items": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id"],
                "anyOf": [{"required": ["content_text"]}, {"required": ["content_html"]}],
                "properties": {
                    "id": {"type": "string", "minLength": 1},
                    "url": {"type": "string", "format": "uri"},
                    "title": {"type": "string"},
                    "summary": {"type": "string"},
                    "content_text": {"type": "string"},
                    "date_published": {"type": "string", "format": "date-time"},
                    "date_modified": {"type": "string", "format": "date-time"},
                    "authors": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "name": {"type": "string"},
                                "url": {"type": "string", "format": "uri"},
                            },
                        },
                    },
                    "tags": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}


def _html(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text("utf-8")


def _soup(site: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup(_html(site, url_path), "html.parser")


def _brief_pages(site: Path) -> set[str]:
    return {
        p.parent.name
        for p in (site / "briefs").glob("*/index.html")
        if "<title>Redirecting" not in p.read_text("utf-8")
    }


def _feeds(site: Path, names: tuple[str, ...] = FEED_FILES) -> list[Path]:
    return sorted(p for name in names for p in site.rglob(name))


def _json_feed(path: Path) -> dict[str, Any]:
    """A JSON Feed, checked against the spec's rules; feedparser-like access is not needed."""
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    validator = Draft202012Validator(
        JSON_FEED_1_1, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    _valid(validator, document)
    return document


# ---------------------------------------------------------------------------------------------
# Feeds.


@pytest.mark.e2e
def test_every_feed_parses_without_bozo_and_has_items(sample_site: Path) -> None:
    feeds = _feeds(sample_site)
    where = {p.parent.relative_to(sample_site).as_posix() for p in feeds}
    # the site, each category, ticker and story
    assert {
        ".",
        "categories/stock-markets",
        "tickers/f",
        "stories/ford-china-partnerships",
    } <= where
    assert not any(w.startswith(("tags/", "entities/", "archive/")) for w in where)
    for path in _feeds(sample_site, XML_FEEDS):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path
        assert parsed.feed.title.startswith("Market Briefs"), path
    for path in _feeds(sample_site, ("feed.json",)):
        document = _json_feed(path)
        assert document["items"] and document["title"].startswith("Market Briefs"), path
    assert len(feeds) == 3 * len(where)


@pytest.mark.e2e
def test_site_feed_items_have_title_link_guid_dates_author_summary_categories(
    sample_site: Path,
) -> None:
    pages = _brief_pages(sample_site)
    for name in XML_FEEDS:
        parsed = feedparser.parse((sample_site / name).read_bytes())
        assert parsed.version in ("rss20", "atom10"), name
        assert len(parsed.entries) == min(20, len(pages))
        for entry in parsed.entries:
            assert entry.link.startswith(SITE_URL + "briefs/")
            assert entry.id == entry.link  # the guid is the brief's URL
            slug = entry.link.removeprefix(SITE_URL + "briefs/").rstrip("/")
            assert slug in pages
            assert entry.title and entry.summary
            assert entry.published_parsed is not None
            assert entry.get("author"), (name, entry.link)
            assert entry.tags, (name, entry.link)
    items = _json_feed(sample_site / "feed.json")["items"]
    assert len(items) == min(20, len(pages))
    for item in items:
        assert item["id"] == item["url"] and item["url"].startswith(SITE_URL + "briefs/")
        assert item["title"] and item["summary"] and item["content_text"] and item["tags"]
        assert item["date_published"] <= item["date_modified"] or item["date_modified"]
        assert item["authors"][0]["url"].startswith(SITE_URL + "authors/")
    ticker = feedparser.parse((sample_site / "tickers/f/rss.xml").read_bytes())
    item = next(e for e in ticker.entries if e.link == SITE_URL + SEED)
    assert item.title.startswith("Ford Rejects Report")
    assert item.author == "Caleb Monroe"
    assert {"Stock Markets", "F", "China"} <= {t.term for t in item.tags}
    assert ticker.feed.title == "Market Briefs: F (Ford Motor Company)"


@pytest.mark.e2e
def test_pages_link_their_feeds_in_the_head_and_visibly(sample_site: Path) -> None:
    page = _soup(sample_site, "categories/stock-markets")
    alternates = {
        (link["type"], link["href"]) for link in page.select('head link[rel="alternate"]')
    }
    assert {
        ("application/rss+xml", "rss.xml"),
        ("application/atom+xml", "atom.xml"),
        ("application/feed+json", "feed.json"),
        ("application/rss+xml", "../../rss.xml"),
    } <= alternates
    for _, href in alternates:
        assert (sample_site / "categories/stock-markets" / href).resolve().is_file(), href
    visible = {a.get_text(): a["href"] for a in page.select(".nb-feeds a")}
    assert visible == {"RSS": "rss.xml", "Atom": "atom.xml", "JSON Feed": "feed.json"}
    for href in visible.values():
        assert (sample_site / "categories/stock-markets" / href).is_file()
    # Material asks for a sitemap.xml beside each alternate link: one is there, of the term's pages
    term_map = ElementTree.parse(sample_site / "categories/stock-markets/sitemap.xml").getroot()
    assert [loc.text for loc in term_map.iter(f"{SM}loc")] == [
        SITE_URL + "categories/stock-markets/"
    ]
    home = _soup(sample_site, "")
    assert {a["href"] for a in home.select(".nb-feeds a")} == set(FEED_FILES)
    assert _soup(sample_site, "tags/china").select(".nb-feeds") == []  # tags have no feeds


# ---------------------------------------------------------------------------------------------
# The head: canonical, Open Graph, Twitter card, JSON-LD.


def _structured(site: Path, url_path: str) -> dict[str, Any]:
    data: dict[str, Any] = extruct.extract(
        _html(site, url_path), base_url=SITE_URL + url_path, syntaxes=["json-ld", "opengraph"]
    )
    return data


@pytest.mark.e2e
def test_brief_page_has_newsarticle_json_ld_with_every_property(sample_site: Path) -> None:
    (article,) = _structured(sample_site, SEED)["json-ld"]
    assert article["@type"] == "NewsArticle"
    assert article["headline"].startswith("Ford Rejects Report")
    assert article["description"].startswith("A weekend report")
    seed = json.loads((sample_site / "api/briefs/ford-xiaomi-ev-talks.json").read_text("utf-8"))
    assert article["datePublished"] == seed["date"] and seed["date"].startswith("2026-01-31")
    assert article["dateModified"] == seed.get("updated", seed["date"])
    assert article["url"] == article["mainEntityOfPage"]["@id"] == SITE_URL + SEED
    assert article["author"] == [
        {"@type": "Person", "name": "Caleb Monroe", "url": SITE_URL + "authors/caleb-monroe/"}
    ]
    assert (sample_site / "authors/caleb-monroe/index.html").is_file()
    assert article["publisher"] == {
        "@type": "NewsMediaOrganization",  # the sample site has policy pages
        "name": "Market Briefs",
        "url": SITE_URL,
        "publishingPrinciples": SITE_URL + "about/standards/",
        "correctionsPolicy": SITE_URL + "about/corrections/",
        "ethicsPolicy": SITE_URL + "about/ethics/",
        "masthead": SITE_URL + "about/masthead/",
    }
    assert article["articleSection"] == "Stock Markets"
    assert {"electric vehicles", "China", "Xiaomi"} <= set(article["keywords"])
    assert article["about"] == [
        {
            "@type": "Corporation",
            "name": "Ford Motor Company",
            "tickerSymbol": "XNYS F",  # the exchange's ISO 10383 MIC, as schema.org asks
            "url": SITE_URL + "tickers/f/",
            # wire: who Ford is elsewhere, from tickers.yaml and entities.yaml (Ford, named in
            # the brief's entities too, is not repeated as an Organization)
            "sameAs": ["https://www.wikidata.org/wiki/Q44294", "https://www.ford.com"],
            "leiCode": "20S05OYHG0MQM4VUIC57",
            "identifier": [
                {"@type": "PropertyValue", "propertyID": "ISIN", "value": "US3453708600"},
                {"@type": "PropertyValue", "propertyID": "FIGI", "value": "BBG000BQPC32"},
            ],
        }
    ]
    assert article["inLanguage"] == "en"


@pytest.mark.e2e
def test_a_dateline_opens_the_lead_and_is_the_articles_dateline(sample_site: Path) -> None:
    url_path = "briefs/ford-leans-into-hybrids-after-writedown/"
    (article,) = _structured(sample_site, url_path)["json-ld"]
    assert article["dateline"] == "DETROIT"
    lead = _soup(sample_site, url_path).select_one("p.nb-lead")
    assert lead is not None and lead.get_text().startswith("DETROIT — ")
    assert "dateline" not in _structured(sample_site, SEED)["json-ld"][0]


@pytest.mark.e2e
def test_every_brief_page_has_json_ld_and_open_graph(sample_site: Path) -> None:
    for slug in sorted(_brief_pages(sample_site)):
        data = _structured(sample_site, f"briefs/{slug}/")
        (article,) = data["json-ld"]
        assert article["@type"].endswith("NewsArticle") and article["headline"], slug
        (og,) = data["opengraph"]
        props = dict(og["properties"])
        assert props["og:type"] == "article" and props["og:url"] == SITE_URL + f"briefs/{slug}/"
        assert props["og:title"] == article["headline"], slug
        soup = _soup(sample_site, f"briefs/{slug}")
        assert soup.select_one('link[rel="canonical"]')["href"] == SITE_URL + f"briefs/{slug}/"
        # every brief has a picture (its image or its social card), shown large
        assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        assert props["og:image"].startswith(SITE_URL) and props["og:image:width"] == "1200"


@pytest.mark.e2e
def test_other_pages_are_websites_without_json_ld(sample_site: Path) -> None:
    data = _structured(sample_site, "tickers/f/")
    assert data["json-ld"] == []
    props = dict(data["opengraph"][0]["properties"])
    assert props["og:type"] == "website" and props["og:url"] == SITE_URL + "tickers/f/"
    assert props["og:title"] == "Ford Motor Company (F)"  # the page title: company, symbol


# ---------------------------------------------------------------------------------------------
# Sitemaps.

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.mark.e2e
def test_mkdocs_sitemap_lists_every_page_with_absolute_urls(sample_site: Path) -> None:
    root = ElementTree.parse(sample_site / "sitemap.xml").getroot()
    locs = {loc.text for loc in root.iter(f"{SM}loc")}
    assert SITE_URL + SEED in locs and SITE_URL + "tickers/f/" in locs
    assert len(locs) == len(list(sample_site.rglob("index.html"))) - 1  # no redirect page
    assert SITE_URL + "briefs/vanguard-trims-fees/" not in locs


@pytest.mark.e2e
def test_the_sample_news_sitemap_is_counted_from_the_build_not_the_newest_brief(
    sample_site: Path,
) -> None:
    """Built as of the clock, months after its newest brief: an empty news sitemap, still a
    urlset (tests/publish/test_news_sitemap.py has the window itself)."""
    root = ElementTree.parse(sample_site / "news-sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    newest = json.loads((sample_site / "api/briefs.json").read_text("utf-8"))["briefs"][0]
    assert newest["date"].startswith("2026-02-13")
    assert root.findall(f"{SM}url") == []


# ---------------------------------------------------------------------------------------------
# The JSON API.


def _validator(site: Path, name: str) -> Draft202012Validator:
    schema = json.loads((site / f"api/schema/{name}.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _valid(validator: Draft202012Validator, document: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors


@pytest.mark.e2e
def test_api_validates_against_its_published_schemas(sample_site: Path) -> None:
    listing = json.loads((sample_site / "api/briefs.json").read_text("utf-8"))
    _valid(_validator(sample_site, "briefs"), listing)
    assert listing["count"] == len(listing["briefs"]) == len(_brief_pages(sample_site))
    assert listing["next"] is None and listing["pages"] == 1
    brief_schema = _validator(sample_site, "brief")
    for entry in listing["briefs"]:
        assert entry["url"].startswith(SITE_URL)
        document = json.loads(
            (sample_site / entry["api"].removeprefix(SITE_URL)).read_text("utf-8")
        )
        _valid(brief_schema, document)
        assert document["slug"] == entry["slug"] and document["title"] == entry["title"]
        assert "source" not in document and "positions" not in document
    seed = json.loads((sample_site / "api/briefs/ford-xiaomi-ev-talks.json").read_text("utf-8"))
    assert seed["key_points"] and seed["quotes"][0]["by"] == "John Moolenaar"
    tickers = json.loads((sample_site / "api/tickers.json").read_text("utf-8"))
    _valid(_validator(sample_site, "tickers"), tickers)
    ford = next(t for t in tickers["tickers"] if t["symbol"] == "F")
    assert ford["name"] == "Ford Motor Company" and ford["exchange"] == "NYSE"
    assert ford["url"] == SITE_URL + "tickers/f/"


def test_api_is_paginated_with_next_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "PAGE_SIZE", 2)
    site = SiteFactory(tmp_path).create(
        {f"b{n}.yaml": brief_yaml(title=f"Brief {n}", date=f"2026-01-0{n}") for n in range(1, 6)}
    )
    settings = load_site(site / "mkdocs.yml").settings
    files = generate(settings).files
    first = json.loads(files["api/briefs.json"])
    assert (first["page"], first["pages"], first["count"]) == (1, 3, 5)
    assert [b["slug"] for b in first["briefs"]] == ["b5", "b4"]
    # without site_url, addresses are relative to the site's root
    assert first["next"] == "api/briefs/page/2.json" and first["previous"] is None
    last = json.loads(files["api/briefs/page/3.json"])
    assert [b["slug"] for b in last["briefs"]] == ["b1"] and last["next"] is None
    assert last["previous"] == "api/briefs/page/2.json"
    schema = json.loads(files["api/schema/briefs.json"])
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for page in ("api/briefs.json", "api/briefs/page/2.json", "api/briefs/page/3.json"):
        _valid(validator, json.loads(files[page]))


# ---------------------------------------------------------------------------------------------
# Redirects for renamed briefs.


@pytest.mark.e2e
def test_an_alias_is_a_redirect_page_to_the_brief(sample_site: Path) -> None:
    page = _soup(sample_site, "briefs/vanguard-trims-fees")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == (
        "0; url=../vanguard-cuts-fees-on-53-funds/"
    )
    assert page.select_one('link[rel="canonical"]')["href"] == (
        SITE_URL + "briefs/vanguard-cuts-fees-on-53-funds/"
    )
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    target = (
        sample_site / "briefs/vanguard-trims-fees" / "../vanguard-cuts-fees-on-53-funds/index.html"
    )
    assert target.resolve().is_file()
    urls = [record["url"] for record in pagefind_records(sample_site)]
    assert "/briefs/vanguard-cuts-fees-on-53-funds/" in urls
    assert not [url for url in urls if "vanguard-trims-fees" in url]


def test_alias_collisions_are_positioned_errors(tmp_path: Path) -> None:
    site = SiteFactory(tmp_path).create(
        {
            "a.yaml": brief_yaml(aliases=["b", "old"]),
            "b.yaml": brief_yaml(title="B", aliases=["old", "b"]),
        }
    )
    result = briefs_in_process(site, "check")
    assert result.returncode == 1
    out = result.stdout + result.stderr
    assert (
        "briefs/a.yaml:8:3: aliases[0]: 'b' is the slug of briefs/b.yaml; an alias is an old address that no brief uses any more"
        in out
    )
    assert (
        "briefs/b.yaml:8:3: aliases[0]: 'old' is also an alias of briefs/a.yaml; an old address can lead to one brief only"
        in out
    )
    assert (
        "briefs/b.yaml:9:3: aliases[1]: 'b' is this brief's own slug; an alias is an old address that no brief uses any more"
        in out
    )
    assert "3 errors" in out and "Traceback" not in out


def test_an_alias_that_displaces_a_site_page_is_an_error(tmp_path: Path) -> None:
    site = SiteFactory(tmp_path).create({"a.yaml": brief_yaml(aliases=["old"])})
    (site / "docs/briefs").mkdir()
    (site / "docs/briefs/old.md").write_text("# Mine\n", "utf-8")
    with pytest.raises(BriefsError) as caught:
        generate(load_site(site / "mkdocs.yml").settings)
    assert "briefs/old/index.html" in caught.value.report()


# ---------------------------------------------------------------------------------------------
# Hostile brief text stays data; settings turn each output off; a site without site_url.

HOSTILE = 'Acme </script><!-- <b>bold</b> & "quoted" \u2028'


@pytest.mark.e2e
def test_hostile_brief_text_stays_data_in_feeds_and_json_ld(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBRIEFS_NOW", "2026-01-06T12:00:00+00:00")  # the news sitemap's too
    factory = SiteFactory(tmp_path)
    root = factory.create(
        {
            "a.yaml": brief_yaml(
                title=HOSTILE, dek=HOSTILE, byline=HOSTILE, tickers=["F"], tags=[HOSTILE]
            )
        }
    )
    with_site_url(root, SITE_URL)
    result = factory.mkdocs_build()
    assert result.returncode == 0, result.stderr
    site = root / "site"
    expected = HOSTILE.replace("\u2028", "").strip()
    html = _html(site, "briefs/a")
    (article,) = _structured(site, "briefs/a/")["json-ld"]
    assert article["headline"] == expected and article["description"] == expected
    assert article["author"][0]["name"] == expected
    soup = BeautifulSoup(html, "html.parser")
    assert len(soup.find_all("script", type="application/ld+json")) == 1
    assert soup.find("b") is None  # the headline's <b> nowhere as an element
    og = dict(_structured(site, "briefs/a/")["opengraph"][0]["properties"])
    assert og["og:title"] == expected
    for name in XML_FEEDS:
        parsed = feedparser.parse((site / name).read_bytes())
        assert not parsed.bozo, name
        (entry,) = parsed.entries
        assert entry.title == expected, name
        # the summary is HTML to a reader: the brief's <b> arrives as text, not markup
        assert "<b>" not in entry.summary and "&lt;b&gt;" in entry.summary, name
        assert entry.author == expected, name
    document = _json_feed(site / "feed.json")
    assert document["items"][0]["summary"] == expected
    assert document["items"][0]["title"] == expected
    assert json.loads((site / "api/briefs/a.json").read_text("utf-8"))["title"] == expected
    news = ElementTree.parse(site / "news-sitemap.xml").getroot()
    assert news.findtext(f"{SM}url/{NEWS}news/{NEWS}title") == expected


def test_outputs_turn_off_one_by_one(tmp_path: Path) -> None:
    root = SiteFactory(tmp_path).create(
        {"a.yaml": brief_yaml(tickers=["F"])},
        options="feeds: false\nstructured_data: false\nnews_sitemap: false\napi: false",
    )
    with_site_url(root, SITE_URL)
    files = generate(load_site(root / "mkdocs.yml").settings).files
    assert not [p for p in files if p.endswith(FEED_FILES) or p.startswith("api/")]
    assert "news-sitemap.xml" not in files
    assert "Follow:" not in str(files["index.md"])
    assert "og:" not in str(files["briefs/a.md"]) and "jsonld" not in str(files["briefs/a.md"])


def test_without_site_url_only_the_api_and_redirects_are_made(tmp_path: Path) -> None:
    root = SiteFactory(tmp_path).create({"a.yaml": brief_yaml(aliases=["old-a"])})
    files = generate(load_site(root / "mkdocs.yml").settings).files
    assert not [p for p in files if p.endswith(FEED_FILES)]
    assert "news-sitemap.xml" not in files
    assert "newsbriefs:" not in str(files["briefs/a.md"])
    assert json.loads(files["api/briefs.json"])["briefs"][0]["url"] == "briefs/a/"
    assert "url=../a/" in str(files["briefs/old-a/index.html"])


def test_without_directory_urls_the_old_page_file_redirects(tmp_path: Path) -> None:
    root = SiteFactory(tmp_path).create({"a.yaml": brief_yaml(aliases=["old-a"])})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "use_directory_urls: false\n", "utf-8")
    files = generate(load_site(config).settings).files
    assert "url=a.html" in str(files["briefs/old-a.html"])
    assert not [p for p in files if p.startswith("briefs/old-a/")]


def test_the_sample_site_sets_what_machines_need() -> None:
    settings = load_site(REPO / "mkdocs.yml").settings
    assert settings.site_url == SITE_URL
    assert settings.site_name == "Market Briefs" and settings.language == "en"


# ---------------------------------------------------------------------------------------------
# Corrections: the item's updated date and text change, its guid never does.

CORRECTED = "briefs/december-jobs-report-cools-rate-bets/"


@pytest.mark.e2e
def test_a_corrected_brief_is_updated_in_its_feeds_and_json_ld(sample_site: Path) -> None:
    url = SITE_URL + CORRECTED
    (item,) = [
        i
        for i in _json_feed(sample_site / "categories/economy/feed.json")["items"]
        if i["url"] == url
    ]
    assert item["id"] == url
    assert item["date_published"].startswith("2026-01-09")
    # its latest note is an update (2026-01-12), which dates its last change too
    assert item["date_modified"].startswith("2026-01-12")
    assert (
        "Correction, January 10, 2026: An earlier version said manufacturing payrolls"
        in item["content_text"]
    )
    assert "Update, January 12, 2026: Adds the reaction" in item["content_text"]
    atom = feedparser.parse((sample_site / "categories/economy/atom.xml").read_bytes())
    (entry,) = [e for e in atom.entries if e.link == url]
    assert entry.id == url and entry.updated.startswith("2026-01-12")
    assert "Correction, January 10, 2026" in entry.summary
    assert "Update, January 12, 2026" in entry.summary
    (article,) = _structured(sample_site, CORRECTED)["json-ld"]
    assert article["dateModified"] == "2026-01-12"  # only the correction is a correction:
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": "2026-01-10",
            "text": "An earlier version said manufacturing payrolls fell in December; they were roughly flat.",
        }
    ]


def test_a_correction_keeps_the_items_guid(tmp_path: Path) -> None:
    root = SiteFactory(tmp_path).create({"a.yaml": brief_yaml()})
    with_site_url(root, SITE_URL)
    before = json.loads(str(generate(load_site(root / "mkdocs.yml").settings).files["feed.json"]))
    (root / "briefs/a.yaml").write_text(
        brief_yaml(
            summary="Acme beat forecasts by a wider margin.",
            corrections=[{"date": "2026-01-06", "text": "The margin was misstated."}],
        ),
        "utf-8",
    )
    after = json.loads(str(generate(load_site(root / "mkdocs.yml").settings).files["feed.json"]))
    (old,), (new,) = before["items"], after["items"]
    assert old["id"] == new["id"] == old["url"] == new["url"]
    assert old["date_modified"] < new["date_modified"]
    assert "The margin was misstated." in new["content_text"]


def test_a_withdrawn_brief_leaves_feeds_and_api_but_keeps_its_old_addresses(
    tmp_path: Path,
) -> None:
    root = SiteFactory(tmp_path).create(
        {
            "a.yaml": brief_yaml(title="Kept"),
            "gone.yaml": brief_yaml(
                title="Gone",
                aliases=["gone-old"],
                status="withdrawn",
                corrections=[{"date": "2026-01-07", "text": "Withdrawn: the source retracted."}],
            ),
        }
    )
    with_site_url(root, SITE_URL)
    files = generate(load_site(root / "mkdocs.yml").settings).files
    assert [i["title"] for i in json.loads(str(files["feed.json"]))["items"]] == ["Kept"]
    assert [b["slug"] for b in json.loads(str(files["api/briefs.json"]))["briefs"]] == ["a"]
    assert "api/briefs/gone.json" not in files
    assert "url=../gone/" in str(files["briefs/gone-old/index.html"])
    assert "jsonld" not in str(files["briefs/gone.md"])  # its page is the notice, no article


@given(st.text())
def test_head_data_strings_read_back_from_front_matter_as_written(text: str) -> None:
    """The fast YAML string of the head data is render's rule, and every engine's YAML
    reader gives back the text (a lone surrogate, which no brief holds, becomes U+FFFD)."""
    assert _flow(text) == yaml_string(text)
    expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)
    page = add_front_matter("---\ntitle: x\n---\n\n# x\n", {"t": text})
    meta, _ = split_front_matter(page)
    assert meta == {"title": "x", "newsbriefs": {"t": expected}}


@pytest.mark.e2e
def test_the_api_says_a_corrected_briefs_status_and_corrections(sample_site: Path) -> None:
    document = json.loads(
        (sample_site / "api/briefs/december-jobs-report-cools-rate-bets.json").read_text("utf-8")
    )
    assert document["status"] == "corrected"
    assert document["corrections"][0]["date"] == "2026-01-10"
    seed = json.loads((sample_site / "api/briefs/ford-xiaomi-ev-talks.json").read_text("utf-8"))
    assert seed["status"] == "published"


def test_the_news_sitemap_names_the_publication_in_the_themes_language(tmp_path: Path) -> None:
    root = SiteFactory(tmp_path).create({"a.yaml": brief_yaml()})
    with_site_url(root, SITE_URL)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  font: false\n", "  font: false\n  language: de\n"),
        "utf-8",
    )
    settings = load_site(config).settings
    news_time = datetime(2026, 1, 6, tzinfo=ZoneInfo("UTC"))  # the day after the brief's date
    news = ElementTree.fromstring(str(generate(settings, now=news_time).files["news-sitemap.xml"]))
    publication = f"{SM}url/{NEWS}news/{NEWS}publication/"
    assert news.findtext(f"{publication}{NEWS}name") == "Test Briefs"
    assert news.findtext(f"{publication}{NEWS}language") == "de"
