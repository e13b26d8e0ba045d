"""Names a copy desk would pass: stories.yaml and sectors.yaml name stories and sectors, the
title-case rule names the rest, and every page, chip, heading, tab and feed uses that one
name (generator/graph/taxonomies.py ``display_name``, ``page_title``).

Registry problems are checked in process (``check``); what readers see is read from real
``mkdocs build --strict`` output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build.pipeline import check, generate
from generator.settings import Settings, SettingsError
from support import SiteFactory, brief_yaml, briefs_settings
from support.engines import build

STORIES = """\
ford-china-partnerships:
  title: Ford and Chinese Carmakers
  description: Reports of ventures and the scrutiny that followed.
  started: 2025-12-08
"""
SECTORS = """\
automotive: {name: Carmakers, description: Makers of cars and their parts.}
"""
TICKERS = "F: {name: Ford Motor Company, exchange: NYSE, sector: automotive}\n"


def _briefs() -> dict[str, str]:
    risk = {"title": "Tariffs", "text": "Costs rise.", "sectors": ["automotive", "real estate"]}
    return {
        "2026/01/a.yaml": brief_yaml(
            title="Ford Denies Xiaomi Talks",
            date="2026-01-05",
            tickers=["F"],
            tags=["electric vehicles", "ETFs"],
            risks=[risk],
            story="ford-china-partnerships",
        ),
        "2026/01/b.yaml": brief_yaml(
            title="Ford Shares Steady",
            date="2026-01-07",
            tickers=["F"],
            story="ford-china-partnerships",
        ),
        "2026/01/c.yaml": brief_yaml(
            title="Payrolls Beat Forecasts", date="2026-01-09", story="us-labor-market-2026"
        ),
        "2026/01/d.yaml": brief_yaml(
            title="Hiring Slows", date="2026-01-12", story="us-labor-market-2026"
        ),
    }


def _page(files: dict[str, str | bytes], path: str) -> str:
    content = files[path]
    assert isinstance(content, str)
    return content


# ---------------------------------------------------------------------------------------------
# The registries: checked like every registry, every problem at once.


def test_story_and_sector_registry_problems_are_positioned_with_suggestions(
    tmp_path: Path,
) -> None:
    stories = (
        "ford-china-partnerships:\n"
        "  titel: Ford and China\n"
        "  started: 2026-02-30\n"
        "fed-path:\n"
        "  started: 2026-01-05T09:30:00-05:00\n"
        "Fed Path: {title: x}\n"
        "oil-prices: {started: [2026]}\n"
    )
    sectors = "automotive:\n  nmae: Carmakers\n"
    settings = briefs_settings(
        tmp_path, _briefs(), {"stories.yaml": stories, "sectors.yaml": sectors}
    )
    index, problems = check(settings)
    assert index is None
    data = tmp_path / "briefs" / "_data"
    assert sorted(p.format() for p in problems) == sorted(
        [
            f"{data / 'sectors.yaml'}:2:3: automotive.nmae: unknown field; did you mean 'name'?",
            f"{data / 'stories.yaml'}:2:3: ford-china-partnerships.titel: unknown field; did "
            "you mean 'title'?",
            f"{data / 'stories.yaml'}:3:12: ford-china-partnerships.started: '2026-02-30' is "
            "not a real calendar date (day is out of range for month)",
            f"{data / 'stories.yaml'}:5:12: fed-path.started: '2026-01-05T09:30:00-05:00' has "
            "a time; write the day alone (2026-01-31)",
            f"{data / 'stories.yaml'}:6:1: Fed Path: 'Fed Path' is not a valid slug: use "
            "lowercase letters, digits and single hyphens; did you mean "
            "'fed-path'?",
            f"{data / 'stories.yaml'}:7:23: oil-prices.started: expected a date like "
            "2026-01-31, found a list",
        ]
    )


def test_a_site_without_the_new_registries_names_by_the_rule(tmp_path: Path) -> None:
    files = generate(briefs_settings(tmp_path, _briefs())).files
    story = _page(files, "stories/ford-china-partnerships/index.md")
    assert "# Ford China Partnerships" in story
    assert 'Story since <time datetime="2026-01-05">' in story  # its first brief
    assert "# US Labor Market 2026" in _page(files, "stories/us-labor-market-2026/index.md")
    assert "# Real Estate" in _page(files, "sectors/real-estate/index.md")
    assert "# Electric Vehicles" in _page(files, "tags/electric-vehicles/index.md")
    assert "# ETFs" in _page(files, "tags/etfs/index.md")


def test_the_sites_title_words_are_spelt_as_given(tmp_path: Path) -> None:
    briefs = {"a.yaml": brief_yaml(story="lme-metals"), "b.yaml": brief_yaml(story="lme-metals")}
    settings = briefs_settings(tmp_path, briefs)
    assert "# Lme Metals" in _page(generate(settings).files, "stories/lme-metals/index.md")
    words = Settings(root=tmp_path, title_words=["LME"])
    assert "# LME Metals" in _page(generate(words).files, "stories/lme-metals/index.md")


@pytest.mark.parametrize("word", ["two words", True, "x" * 41, "<b>"])
def test_a_title_word_that_is_not_one_word_is_refused_naming_the_option(word: object) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_options({"title_words": ["LNG", word]})
    assert str(refused.value).startswith(
        "option 'title_words.1' expects one word of letters and digits (at most 40 characters), "
        "such as 'LNG' or 'iPhone', found "
    )


# ---------------------------------------------------------------------------------------------
# Real builds: what readers see.


def _with_feeds(root: Path) -> None:
    """Feeds need the site's public address."""
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://example.org/\n" + config.read_text("utf-8"), "utf-8")


def _soup(out: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((out / url / "index.html").read_text("utf-8"), "html.parser")


def _title(out: Path, url: str) -> str:
    title = _soup(out, url).title
    assert title is not None
    return title.get_text()


def _h1(out: Path, url: str) -> str:
    heading = _soup(out, url).select_one("article h1")
    assert heading is not None
    return heading.get_text().removesuffix("¶").strip()


def test_every_page_names_stories_sectors_and_tabs_as_a_copy_desk_would(
    site: SiteFactory,
) -> None:
    _with_feeds(site.create(_briefs()))
    data = site.root / "briefs" / "_data"
    data.mkdir()
    registries = {"stories.yaml": STORIES, "sectors.yaml": SECTORS, "tickers.yaml": TICKERS}
    for name, text in registries.items():
        (data / name).write_text(text, "utf-8")
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    out = site.root / "site"

    # Tabs: "Headline - Site", "Company (SYMBOL) - Site", the front page the site's name.
    assert _title(out, ".") == "Test Briefs"
    assert _title(out, "briefs/a") == "Ford Denies Xiaomi Talks - Test Briefs"
    assert _title(out, "tickers/f") == "Ford Motor Company (F) - Test Briefs"
    assert _title(out, "stories/ford-china-partnerships") == (
        "Ford and Chinese Carmakers - Test Briefs"
    )
    assert _title(out, "stories/us-labor-market-2026") == "US Labor Market 2026 - Test Briefs"
    assert _title(out, "sectors/automotive") == "Carmakers - Test Briefs"
    assert _title(out, "sectors/real-estate") == "Real Estate - Test Briefs"

    # The story page: its title, its description as the dek, since when.
    story = _soup(out, "stories/ford-china-partnerships")
    assert _h1(out, "stories/ford-china-partnerships") == "Ford and Chinese Carmakers"
    dek = story.select_one("article .nb-dek")
    assert dek is not None and dek.get_text() == (
        "Reports of ventures and the scrutiny that followed."
    )
    since = story.select_one("article .nb-story-since")
    assert since is not None and since.get_text(" ", strip=True) == "Story since Dec 8, 2025"
    assert _h1(out, "sectors/automotive") == "Carmakers"

    # The brief: its story chip and timeline heading, its risk's sectors.
    brief = _soup(out, "briefs/a")
    chip = brief.select_one('article a[href$="stories/ford-china-partnerships/"]')
    assert chip is not None and chip.get_text() == "Ford and Chinese Carmakers"
    headings = [h.get_text().removesuffix("¶").strip() for h in brief.select("article h2")]
    assert "Story: Ford and Chinese Carmakers" in headings
    sectors = [a.get_text() for a in brief.select('article a[href*="sectors/"]')]
    assert sectors == ["Carmakers", "Real Estate"]

    # The ticker's sector, the Risks page, the story's feed and the listings.
    assert "Sector: Carmakers" in _soup(out, "tickers/f").get_text()
    risks = _soup(out, "risks").get_text()
    assert "Carmakers" in risks and "automotive" not in risks
    feed = json.loads((out / "stories/ford-china-partnerships/feed.json").read_text("utf-8"))
    assert feed["title"] == "Test Briefs: Ford and Chinese Carmakers"
    listing = _soup(out, "stories").get_text()
    assert "Ford and Chinese Carmakers" in listing and "US Labor Market 2026" in listing
    assert "ford-china" not in listing.lower().replace("/", " ")


def test_registry_text_stays_text_in_every_place_it_is_shown(site: SiteFactory) -> None:
    hostile = "<script>alert(1)</script> *Ford* [x](javascript:alert(1))"
    _with_feeds(site.create(_briefs()))
    data = site.root / "briefs" / "_data"
    data.mkdir()
    (data / "stories.yaml").write_text(
        json.dumps({"ford-china-partnerships": {"title": hostile, "description": hostile}}),
        "utf-8",
    )
    (data / "sectors.yaml").write_text(json.dumps({"automotive": {"name": hostile}}), "utf-8")
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    out = site.root / "site"
    for url in ("stories/ford-china-partnerships", "sectors/automotive", "briefs/a", "risks"):
        page = _soup(out, url)
        assert page.select_one("article script") is None, url
        assert not page.select('a[href^="javascript"]'), url
        # Names go through inline Markdown as every term name does (generator/render/
        # filters.py as_html): emphasis may show, markup and links never.
        assert "<script>alert(1)</script>" in page.select_one("article").get_text(), url
    plain = "<script>alert(1)</script> Ford [x](javascript:alert(1))"  # the tab's plain text
    assert _title(out, "stories/ford-china-partnerships") == f"{plain} - Test Briefs"
    assert _h1(out, "stories/ford-china-partnerships").startswith("<script>alert(1)</script>")
    assert _h1(out, "sectors/automotive").startswith("<script>alert(1)</script>")
    feed = json.loads((out / "stories/ford-china-partnerships/feed.json").read_text("utf-8"))
    assert feed["title"] == f"Test Briefs: {plain}"


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_tab_titles_are_the_same_on_every_engine(site: SiteFactory, engine: str) -> None:
    """Titles reach each engine as the page's front-matter ``title``; the front page has none
    (its tab is the site's name) and the 404 page says what it is, on Zensical too, whose
    pages do not know which is the home page (theme/overrides/main.html)."""
    site.create(_briefs())
    data = site.root / "briefs" / "_data"
    data.mkdir()
    (data / "tickers.yaml").write_text(TICKERS, "utf-8")
    (data / "stories.yaml").write_text(STORIES, "utf-8")
    status, output = build(site.root, engine)
    assert status == 0, output
    out = site.root / "site"
    assert _title(out, ".") == "Test Briefs"
    title = BeautifulSoup((out / "404.html").read_text("utf-8"), "html.parser").title
    assert title is not None and title.get_text() == "Page not found - Test Briefs"
    assert _title(out, "about") == "About - Test Briefs"
    assert _title(out, "briefs/a") == "Ford Denies Xiaomi Talks - Test Briefs"
    assert _title(out, "tickers/f") == "Ford Motor Company (F) - Test Briefs"
    assert _title(out, "stories/ford-china-partnerships") == (
        "Ford and Chinese Carmakers - Test Briefs"
    )
    assert _title(out, "sectors/real-estate") == "Real Estate - Test Briefs"
