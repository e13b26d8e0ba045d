"""End to end: real `mkdocs build --strict` of small sites, checked in the HTML readers get."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from support import RICH, SiteFactory, brief_yaml, tree_digest

pytestmark = pytest.mark.e2e


def html(site_dir: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url_path / "index.html").read_text("utf-8"), "html.parser")


SEED_MORE_FROM = [
    "../stocks-end-january-mixed/",
    "../vanguard-opens-year-with-fee-cuts/",
    "../ev-stocks-slide-on-china-price-war/",
]
"""The sample seed brief's "More from Stock Markets": the three before it in its category."""


def article(site_dir: Path, url_path: str) -> BeautifulSoup:
    found = html(site_dir, url_path).select_one("article.md-content__inner")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project folder of a site of ten briefs, built once for this module."""
    briefs = {
        "2026/01/rich.yaml": RICH,
        "2026/01/older.yaml": brief_yaml(date="2026-01-02", title="Older"),
    }
    for i in range(6):
        briefs[f"2026/01/m{i}.yaml"] = brief_yaml(date=f"2026-01-{10 + i}", title=f"Market {i}")
    briefs["2026/02/energy.yaml"] = brief_yaml(
        date="2026-02-01", category="Energy", title="Oil", byline=["Ana Ruiz", "Lee Park"]
    )
    factory = SiteFactory(tmp_path_factory.mktemp("built"))
    factory.create(briefs)
    result = factory.mkdocs_build()
    assert result.returncode == 0, result.stderr
    return factory.root


@pytest.fixture
def built(site: SiteFactory, built_once: Path) -> Path:
    """That site, built, copied into this test's ``site`` folder (a test may change it)."""
    shutil.copytree(built_once, site.root, symlinks=True, dirs_exist_ok=True)
    return site.root / "site"


def test_brief_page_has_every_section_in_order(built: Path) -> None:
    page = article(built, "briefs/rich")
    text = page.get_text(" ")
    kicker = page.select_one("p.nb-kicker")
    assert (
        kicker is not None
        and kicker.a is not None
        and kicker.a["href"] == "../../categories/stock-markets/"
    )
    assert page.h1 is not None and page.h1.em is not None and page.h1.em.get_text() == "Xiaomi"
    assert page.select_one("p.nb-dek").get_text() == "A short dek with a link."
    description = html(built, "briefs/rich").find("meta", attrs={"name": "description"})
    assert description["content"] == "A short dek with a link."
    byline = page.select_one("p.nb-byline")
    # The separators are the template's words, kept with their spaces (not "MonroeandRuiz").
    authors = byline.select_one(".nb-byline__authors").get_text()
    assert authors == "By Caleb Monroe, Ana Ruiz and Lee Park"
    # Each symbol's link says what it is to a screen reader ("Ticker F"); the eye sees "F".
    assert [s.get_text() for s in byline.select("span.nb-ticker a")] == ["Ticker F", "Ticker ON"]
    assert [s.get_text() for s in byline.select("span.nb-ticker a .nb-sr")] == ["Ticker "] * 2
    assert byline.select_one(".nb-byline__time time")["datetime"] == "2026-01-05"
    leads = [p.get_text() for p in page.select("p.nb-lead")]
    assert leads == ["Lead paragraph.", "Second lead paragraph."]
    box = page.select_one("div.admonition.abstract")
    assert box.select_one(".admonition-title").get_text() == "Key Points"
    assert [li.get_text() for li in box.select("li")] == ["Point one.", "Point two."]
    assert (
        page.blockquote is not None and "John Moolenaar, House chair" in page.blockquote.get_text()
    )
    assert page.select_one("div.admonition.note .admonition-title").get_text() == "Contextual note"
    chips = [c.get_text() for c in page.select("#risks + ul span.nb-chip")]
    assert chips == ["Automotive", "Manufacturing"]  # sectors no registry names: title case
    assert page.find("a", string="Filing")["href"] == "https://example.com/filing"
    order = [
        "Key Points",
        "Summary",
        "Detail one.",
        "A quote.",
        "Contextual note",
        "Risks",
        "Sources",
        "Related briefs",
        "More from Stock Markets",
    ]
    assert [text.index(marker) for marker in order] == sorted(
        text.index(marker) for marker in order
    )


def test_home_lead_byline_keeps_the_spaces_around_and(built: Path) -> None:
    lead_authors = html(built, "").select_one(".nb-byline__authors")
    assert lead_authors is not None and lead_authors.get_text() == "By Ana Ruiz and Lee Park"


def test_more_from_lists_the_five_before_it_and_links_resolve(built: Path) -> None:
    page = article(built, "briefs/m5")
    heading = page.find("h2", id="more-from-stock-markets")
    links = heading.find_next("ul").find_all("a")
    assert [a.get_text() for a in links] == [
        "Market 4",
        "Market 3",
        "Market 2",
        "Market 1",
        "Market 0",
    ]
    for a in links:
        target = urljoin("/briefs/m5/", a["href"])
        assert (built / target.lstrip("/") / "index.html").is_file(), target
    # Only briefs published before it: the newer markets briefs never change its page.
    rich = article(built, "briefs/rich").find("h2", id="more-from-stock-markets")
    assert [a.get_text() for a in rich.find_next("ul").find_all("a")] == ["Older"]


def test_related_briefs_link_both_ways(built: Path) -> None:
    older = article(built, "briefs/older")
    assert older.find("h2", id="related-briefs").find_next("ul").a["href"] == "../rich/"


def test_category_pages_list_newest_first_and_home_lists_latest(built: Path) -> None:
    category = article(built, "categories/stock-markets")
    titles = [a.get_text() for a in category.select("ul a")]
    assert titles[:3] == ["Market 5", "Market 4", "Market 3"] and titles[-1] == "Older"
    home = article(built, "")
    assert home.select_one("h2.nb-lead-headline a").get_text() == "Oil"  # the lead
    assert [a.get_text() for a in home.select(".nb-headline a")][:2] == ["Market 5", "Market 4"]


def test_nav_is_bounded_brief_pages_are_not_in_it(built: Path) -> None:
    nav = html(built, "briefs/rich").select_one("nav.md-nav--primary")
    hrefs = {a["href"] for a in nav.find_all("a", href=True)}
    assert not any("briefs/" in href for href in hrefs)
    labels = {a.get_text(strip=True) for a in nav.find_all("a")}
    assert {"Home", "Stock Markets", "Energy", "About"} <= labels


def test_every_internal_link_on_every_page_resolves(built: Path) -> None:
    checked = 0
    for page in built.rglob("index.html"):
        url = "/" + page.parent.relative_to(built).as_posix() + "/"
        for a in BeautifulSoup(page.read_text("utf-8"), "html.parser").select("article a[href]"):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith("#"):
                continue
            target = urlsplit(urljoin(url, href)).path.lstrip("/")
            assert (built / target).is_file() or (built / target / "index.html").is_file(), (
                url,
                href,
            )
            checked += 1
    assert checked > 50


def test_a_new_brief_appears_on_rebuild_with_listing_and_more_from(
    site: SiteFactory, built: Path
) -> None:
    (site.root / "briefs" / "2026" / "03").mkdir(parents=True)
    (site.root / "briefs" / "2026" / "03" / "fresh.yaml").write_text(
        brief_yaml(date="2026-03-01", title="Fresh News"), "utf-8"
    )
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    assert article(built, "briefs/fresh").h1.get_text().startswith("Fresh News")
    assert article(built, "categories/stock-markets").select("ul a")[0].get_text() == "Fresh News"
    more = article(built, "briefs/fresh").find("h2", id="more-from-stock-markets").find_next("ul")
    assert more.a.get_text() == "Market 5"
    older = article(built, "briefs/m5").find("h2", id="more-from-stock-markets").find_next("ul")
    assert "Fresh News" not in older.get_text()  # a new brief leaves older pages as they were


def test_broken_brief_fails_with_positions_and_leaves_the_site_untouched(
    site: SiteFactory, built: Path
) -> None:
    before = tree_digest(built)
    (site.root / "briefs" / "bad.yaml").write_text(
        "title: X\ndate: 2026-13-01\nkey_ponts: [a]\n", "utf-8"
    )
    (site.root / "briefs" / "worse.yaml").write_text("title: [unclosed\n", "utf-8")
    result = site.mkdocs_build()
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "briefs/bad.yaml:2:7: date: '2026-13-01' is not a real calendar date" in result.stderr
    assert (
        "briefs/bad.yaml:3:1: key_ponts: unknown field; did you mean 'key_points'?" in result.stderr
    )
    assert "briefs/worse.yaml:2:1: YAML syntax:" in result.stderr
    assert tree_digest(built) == before


def test_docs_page_that_a_generated_page_would_displace_fails_before_site_is_touched(
    site: SiteFactory,
) -> None:
    site.create({"a.yaml": brief_yaml()})
    assert site.mkdocs_build().returncode == 0
    before = tree_digest(site.root / "site")
    (site.root / "docs" / "index.md").write_text("# My own home\n")
    (site.root / "docs" / "categories.md").write_text("# My categories\n")
    result = site.mkdocs_build()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "docs/index.md:1:1: publishes at /, where newsbriefs generates index.md; rename or move "
        "this file (or set 'home: false' to keep your own home page)" in result.stderr
    )
    assert (
        "docs/categories.md:1:1: publishes at /categories/, where newsbriefs generates categories/index.md"
        in result.stderr
    )
    assert tree_digest(site.root / "site") == before
    check = site.briefs("check")
    assert (
        check.returncode == 1
        and "docs/categories.md:1:1: publishes at /categories/" in check.stderr
    )


def test_home_false_lets_the_site_keep_its_own_home_page(site: SiteFactory) -> None:
    site.create(
        {"a.yaml": brief_yaml()}, options="home: false", docs={"index.md": "# My own home\n"}
    )
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    assert article(site.root / "site", "").h1.get_text().startswith("My own home")


def test_bad_plugin_option_is_a_config_error(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()}, options="per_page: many")
    result = site.mkdocs_build()
    assert (
        result.returncode == 1 and "per_page" in result.stderr and "Traceback" not in result.stderr
    )


def test_sample_site_builds_strict_with_the_seed_brief(sample_site: Path) -> None:
    page = article(sample_site, "briefs/ford-xiaomi-ev-talks")
    assert page.select_one("p.nb-kicker a").get_text() == "Stock Markets"
    more = page.find("h2", id="more-from-stock-markets").find_next("ul").find_all("a")
    assert [a["href"] for a in more] == SEED_MORE_FROM
    assert (sample_site / "pagefind" / "pagefind-entry.json").is_file()
    scheme_toggles = html(sample_site, "").select("form[data-md-component=palette] input")
    assert len(scheme_toggles) == 2


def test_hostile_category_is_text_in_the_nav_of_every_page(site: SiteFactory) -> None:
    hostile = '<img src=x onerror="alert(1)"> Markets'
    site.create({"a.yaml": brief_yaml(category=hostile)})
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    for page in ("", "about", "briefs/a", "categories/img-src-x-onerror-alert-1-markets"):
        soup = html(site.root / "site", page)
        assert soup.select("img") == [], page
        assert not any(tag.has_attr("onerror") for tag in soup.find_all(True)), page
    nav = html(site.root / "site", "about").select_one("nav.md-nav--primary")
    assert hostile in nav.get_text()


def test_emoji_and_quotes_in_a_title_reach_the_page_title(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml(title='Stocks 🚀 soar on "AI" & <b>chips</b>', dek="Dek 📈")})
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    soup = html(site.root / "site", "briefs/a")
    assert soup.title.get_text().startswith('Stocks 🚀 soar on "AI" & <b>chips</b>')
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Dek 📈"
    assert "title:" not in article(site.root / "site", "briefs/a").get_text()


def test_broken_override_template_names_the_template_line_without_traceback(
    site: SiteFactory,
) -> None:
    site.create({"a.yaml": brief_yaml()}, options="templates_dir: templates")
    (site.root / "templates").mkdir()
    (site.root / "templates" / "brief.md.j2").write_text(
        "# {{ brief.title }}\n{{ brief.headline }}\n"
    )
    result = site.mkdocs_build()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "templates/brief.md.j2:2:1: template error:" in result.stderr
    assert "'headline'" in result.stderr


def test_out_of_range_plugin_option_is_an_error_not_a_traceback(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()}, options="per_page: 0")
    result = site.mkdocs_build()
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "option 'per_page': expects a whole number of at least 1, found 0" in result.stderr


def test_with_home_false_the_sites_own_home_leads_the_nav(site: SiteFactory) -> None:
    site.create(
        {"a.yaml": brief_yaml()},
        options="home: false",
        docs={"index.md": "# Mine\n", "about.md": "# About\n"},
    )
    assert site.mkdocs_build().returncode == 0
    nav = html(site.root / "site", "about").select_one("nav.md-nav--primary > ul")
    labels = [a.get_text(strip=True) for a in nav.find_all("a", recursive=True)]
    assert labels[0] == "Home" and labels[-1] == "About"
