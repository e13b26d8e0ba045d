"""The newsroom's look, as the generated pages carry it: the front page, times in the site's
zone, typographic quotes in brief text only, and what search is told (briefs first; listings
and lists of other briefs out of the index)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.build.pipeline import generate
from generator.settings import Settings, SettingsError
from generator.source.markup import inline
from support import SiteFactory, brief_yaml, copy_sample, mkdocs_build_in_process


def _generate(tmp_path: Path, briefs: dict[str, str], **options: object) -> dict[str, str]:
    for name, text in briefs.items():
        (tmp_path / "briefs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "briefs" / name).write_text(text, "utf-8")
    settings = Settings.from_options(options, root=tmp_path)
    return {path: str(content) for path, content in generate(settings).files.items()}


# ---------------------------------------------------------------------------------------------
# The front page.


def test_front_page_leads_with_the_newest_brief_then_latest_then_each_category(
    tmp_path: Path,
) -> None:
    briefs = {
        f"m{n}.yaml": brief_yaml(title=f"Market {n}", date=f"2026-01-{10 + n}", tickers=["F"])
        for n in range(6)
    }
    briefs["oil.yaml"] = brief_yaml(
        title="Oil Jumps", date="2026-01-20", category="Energy", dek="Crude rose.", tickers=["XOM"]
    )
    briefs["old.yaml"] = brief_yaml(title="Old Oil", date="2025-10-01", category="Energy")
    home = _generate(tmp_path, briefs, home_latest=2, home_per_section=2)["index.md"]

    lead = home.split("## [Oil Jumps](briefs/oil.md) {: .nb-lead-headline }")
    assert len(lead) == 2, home  # the newest brief is the lead, with its dek and key points
    assert "Crude rose.\n{: .nb-dek }" in lead[1]
    assert '!!! abstract nb-key-points "Key Points"' in lead[1]
    latest = lead[1].split("## Latest")[1].split("\n## ")[0]
    assert latest.count('<p class="nb-headline">') == 2
    assert "Market 5" in latest and "Market 4" in latest
    # Each category's section leaves out what the lead and Latest already show.
    markets = home.split("## [Stock Markets]")[1].split("\n## ")[0]
    assert re.findall(r'<p class="nb-headline"><a href="[^"]+">([^<]+)</a>', markets) == [
        "Market 3",
        "Market 2",
    ]
    assert "All 6 Stock Markets briefs" in markets
    energy = home.split("## [Energy]")[1].split("\n## ")[0]
    assert "Old Oil" in energy and "Oil Jumps" not in energy
    # Most covered: the 28 days before the newest brief (not before the build), counted.
    covered = home.split("## Most covered lately")[1]
    assert (
        '<a href="tickers/f/"><span class="nb-sr">Ticker </span>F</a></span> · 6 briefs' in covered
    )
    assert '"tickers/xom/"><span class="nb-sr">Ticker </span>XOM</a></span> · 1 brief' in covered
    assert "[The full archive, month by month](archive/index.md)" in home


def test_most_covered_counts_only_the_recent_weeks(tmp_path: Path) -> None:
    briefs = {
        "new.yaml": brief_yaml(date="2026-03-01", tickers=["NEW"]),
        "old.yaml": brief_yaml(title="Old", date="2026-01-01", tickers=["OLD"]),
    }
    home = _generate(tmp_path, briefs, home_trending_days=28)["index.md"]
    covered = home.split("## Most covered lately")[1].split("\n## ")[0]
    assert "tickers/new/" in covered and "tickers/old/" not in covered
    # The window is stated: the ticker's own page counts every brief (issue 26).
    newest = '<time datetime="2026-03-01">Mar 1, 2026</time>'
    assert f"Briefs in the 28 days to {newest} (the newest brief's date)" in covered
    wider = _generate(tmp_path, {}, home_trending_days=90)["index.md"]
    assert "tickers/old/" in wider.split("## Most covered lately")[1].split("\n## ")[0]
    assert f"Briefs in the 90 days to {newest}" in wider
    one = _generate(tmp_path, {}, home_trending_days=1)["index.md"]
    assert f"Briefs in the one day to {newest}" in one


def test_a_site_template_replaces_the_front_page(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "home.md.j2").write_text(
        "# Our front page\n\n{{ link(lead) }}\n", "utf-8"
    )
    home = _generate(tmp_path, {"a.yaml": brief_yaml()}, templates_dir="templates")["index.md"]
    assert home == "# Our front page\n\n[Acme Shares Rise After Earnings Beat](briefs/a.md)\n"


# ---------------------------------------------------------------------------------------------
# Times in the site's zone.


@pytest.mark.parametrize(
    ("options", "shown"),
    [
        ({"timezone": "America/New_York"}, "January 31, 2026, 10:15\u00a0a.m. EST"),
        (
            {"timezone": "America/New_York", "time_label": "ET"},
            "January 31, 2026, 10:15\u00a0a.m. ET",
        ),
        ({}, "January 31, 2026, 3:15\u00a0p.m. UTC"),
        ({"timezone": "Asia/Tokyo"}, "February 1, 2026, 12:15\u00a0a.m. JST"),
    ],
)
def test_a_brief_time_is_shown_in_the_site_zone_with_its_label(
    tmp_path: Path, options: dict[str, str], shown: str
) -> None:
    files = _generate(tmp_path, {"a.yaml": brief_yaml(date="2026-01-31T15:15:00Z")}, **options)
    assert f'<time datetime="2026-01-31T15:15:00+00:00">{shown}</time>' in files["briefs/a.md"]


def test_a_time_on_the_hour_drops_its_minutes_and_a_summer_time_has_its_label(
    tmp_path: Path,
) -> None:
    brief = brief_yaml(date="2026-07-01T14:00:00-04:00")
    files = _generate(tmp_path, {"a.yaml": brief}, timezone="America/New_York")
    assert ">July 1, 2026, 2\u00a0p.m. EDT</time>" in files["briefs/a.md"]
    # Listings show the day in the site's zone: 02:00 UTC on the 2nd is the 1st in New York.
    late = brief_yaml(date="2026-07-02T02:00:00Z")
    files = _generate(tmp_path, {"a.yaml": late}, timezone="America/New_York")
    listing = files["categories/stock-markets/index.md"]
    assert '<time datetime="2026-07-02T02:00:00+00:00">Jul 1, 2026</time>' in listing


def test_time_label_is_short_text() -> None:
    with pytest.raises(SettingsError, match="option 'time_label' expects a short text"):
        Settings.from_options({"time_label": ""})


# ---------------------------------------------------------------------------------------------
# Typographic quotes: in brief text, never in addresses.


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ('He called it "completely false."', "He called it \u201ccompletely false.\u201d"),
        ("Ford's 'big' bet", "Ford\u2019s \u2018big\u2019 bet"),
        ("sales in the '90s", "sales in the \u201990s"),
        ('*"Quoted"* words', "*\u201cQuoted\u201d* words"),
        ("\"'Nested' quote\"", "\u201c\u2018Nested\u2019 quote\u201d"),
        ('An ("aside")', "An (\u201caside\u201d)"),
    ],
)
def test_quotes_and_apostrophes_become_typographic(text: str, shown: str) -> None:
    assert inline(text, smart_quotes=True) == shown
    assert inline(text) == inline(text, smart_quotes=False)  # off: as typed


def test_typographic_quotes_never_touch_a_link_address_or_a_typed_address() -> None:
    out = inline(
        "[Ford's \"filing\"](https://example.com/a?q=it%27s) and https://example.com/it's",
        smart_quotes=True,
    )
    assert out.startswith("[Ford\u2019s \u201cfiling\u201d](https://example.com/a?q=it%27s)")
    assert out.endswith("https&#58;//example.com/it's")


def test_smart_quotes_option_is_on_by_default_and_can_be_turned_off(tmp_path: Path) -> None:
    brief = {"a.yaml": brief_yaml(summary='Ford called it "false."', title="Ford's Bet")}
    on = _generate(tmp_path, brief)
    assert "Ford called it \u201cfalse.\u201d" in on["briefs/a.md"]
    assert "[Ford\u2019s Bet](briefs/a.md)" in on["index.md"]
    off = _generate(tmp_path, {}, smart_quotes=False)
    assert 'Ford called it "false."' in off["briefs/a.md"]


# ---------------------------------------------------------------------------------------------
# Search: what Material's search plugin is told, and the index it writes.


def test_briefs_are_boosted_and_listings_are_kept_out_of_search(tmp_path: Path) -> None:
    files = _generate(tmp_path, {"a.yaml": brief_yaml(tickers=["F"], related=[])})
    page = files["briefs/a.md"]
    assert "\nhide: [toc]\n" in page and "\nsearch: {boost: 4}\n" in page
    for listing in (
        "index.md",
        "categories/index.md",
        "categories/stock-markets/index.md",
        "tickers/f/index.md",
        "archive/2026/01/index.md",
    ):
        assert "\nsearch: {exclude: true}\n" in files[listing], listing
    with_toc = _generate(tmp_path, {}, brief_toc=True)["briefs/a.md"]
    assert "hide: []" in with_toc and "\ntoc: true\n" in with_toc  # the theme shows it
    assert "\ntoc:" not in page


@pytest.fixture(scope="module")
def material_search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with ``search: material`` and Material's search plugin listed: the
    pages are the same; Material indexes them."""
    root = copy_sample(tmp_path_factory.mktemp("material-search"))
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8").replace("  - briefs:\n", "  - search\n  - briefs:\n")
    config.write_text(
        text.replace("      per_page: 20\n", "      per_page: 20\n      search: material\n"),
        "utf-8",
    )
    result = mkdocs_build_in_process(root, "-d", str(root / "site"))
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.mark.e2e
def test_search_index_holds_briefs_not_listings_nor_lists_of_other_briefs(
    material_search_site: Path,
) -> None:
    index = json.loads((material_search_site / "search" / "search_index.json").read_text("utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    pages = {location.split("#")[0] for location in locations}
    assert pages and all(page.startswith(("briefs/", "about/")) for page in pages), sorted(pages)
    assert not [loc for loc in locations if "#related-briefs" in loc or "#more-from" in loc]
    assert not [loc for loc in locations if "#story-" in loc]
    seed = [doc for doc in index["docs"] if doc["location"] == "briefs/ford-xiaomi-ev-talks/"]
    assert seed and seed[0]["boost"] == 4
    # The Previous/Next line is left out too: another brief's title is not this brief's text.
    assert not any("Previous in" in doc["text"] for doc in index["docs"])


def test_brief_page_has_no_toc_and_footer_shows_site_and_copyright(sample_site: Path) -> None:
    soup = BeautifulSoup(
        (sample_site / "briefs" / "ford-xiaomi-ev-talks" / "index.html").read_text("utf-8"),
        "html.parser",
    )
    toc = soup.select_one(".md-sidebar--secondary")
    assert toc is not None and toc.has_attr("hidden")
    footer = soup.select_one("footer.nb-footer")
    assert footer is not None
    assert footer.select_one(".nb-footer__name a").get_text(strip=True) == "Market Briefs"
    assert "not investment advice" in footer.select_one(".nb-footer__copyright").get_text()
    assert "Made with" not in footer.get_text()
    logo = soup.select_one(".md-header__button.md-logo img")
    assert logo is not None and logo["src"].endswith("assets/logo.svg")


def test_mentions_are_found_as_typed_when_quotes_turn_typographic() -> None:
    def mentions(text: str) -> list[tuple[int, int, str]]:
        at = text.find("McDonald's")
        return [(at, at + len("McDonald's"), "../entities/mcdonalds/index.md")] if at >= 0 else []

    out = inline('Shares of McDonald\'s rose, "fast."', mentions=mentions, smart_quotes=True)
    assert out == (
        "Shares of [McDonald\u2019s](../entities/mcdonalds/index.md) rose, \u201cfast.\u201d"
    )


# ---------------------------------------------------------------------------------------------
# The footer's partials: feeds a site (or the plugin) names, and a site's own footer.


def _footer(root: Path, page: str = "briefs/a/index.html") -> Any:
    soup = BeautifulSoup((root / "site" / page).read_text("utf-8"), "html.parser")
    return soup.select_one("footer")


def test_footer_lists_the_feeds_the_config_names(site: SiteFactory) -> None:
    root = site.create({"a.yaml": brief_yaml()})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(
            "extra:\n  feeds:\n"
            "    - {title: RSS, href: rss.xml, type: application/rss+xml}\n"
            "    - {title: JSON Feed, href: feed.json}\n"
        )
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    links = _footer(root).select(".nb-footer__feeds a")
    assert [(a.get_text(), a["href"], a.get("type")) for a in links] == [
        ("RSS", "../../rss.xml", "application/rss+xml"),
        ("JSON Feed", "../../feed.json", None),
    ]


def test_a_site_replaces_one_partial_and_keeps_the_others(site: SiteFactory) -> None:
    root = site.create({"a.yaml": brief_yaml()})
    own = root / "overrides" / "partials" / "newsbriefs"
    own.mkdir(parents=True)
    (own / "footer.html").write_text('<footer class="our-footer">Ours</footer>\n', "utf-8")
    text = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(
        text.replace("  font: false\n", "  font: false\n  custom_dir: overrides\n"), "utf-8"
    )
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    footer = _footer(root)
    assert footer is not None and footer.get("class") == ["our-footer"]
    assert footer.get_text(strip=True) == "Ours" and "Made with" not in footer.get_text()
