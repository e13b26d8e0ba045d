"""The Google News sitemap counts from the build time (``--now``), not from the newest
brief: the briefs dated in the two days before it, each with the publication's name and
language, as XML; an archive with nothing recent gives an empty, valid one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.build.pipeline import generate
from generator.graph import urls
from support import SiteFactory, brief_yaml, briefs_settings, with_site_url

SITE_URL = "https://briefs.example.org/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)

BRIEFS = {
    "fresh.yaml": brief_yaml(title="Fresh Brief", date="2026-06-10T09:00:00Z"),
    "yesterday.yaml": brief_yaml(title="Yesterday Brief", date="2026-06-09"),
    "edge.yaml": brief_yaml(title="Edge Brief", date="2026-06-08T12:00:00Z"),
    "stale.yaml": brief_yaml(title="Stale Brief", date="2026-06-08T11:59:00Z"),
    "old.yaml": brief_yaml(title="Old Brief", date="2026-01-05"),
}


def _news(root: Path, briefs: dict[str, str], now: datetime) -> ElementTree.Element:
    settings = briefs_settings(root, briefs).model_copy(update={"site_url": SITE_URL})
    text = str(generate(settings, now=now).files[urls.NEWS_SITEMAP])
    root_element = ElementTree.fromstring(text.encode("utf-8"))
    assert root_element.tag == f"{SM}urlset"
    return root_element


def _slugs(news: ElementTree.Element) -> list[str]:
    return [(loc.text or "").removeprefix(SITE_URL) for loc in news.iter(f"{SM}loc")]


def test_the_briefs_of_the_two_days_before_now_are_in_newest_first(tmp_path: Path) -> None:
    news = _news(tmp_path, BRIEFS, NOW)
    assert _slugs(news) == ["briefs/fresh/", "briefs/yesterday/", "briefs/edge/"]
    dates = [e.text for e in news.iter(f"{NEWS}publication_date")]
    assert dates == ["2026-06-10T09:00:00+00:00", "2026-06-09", "2026-06-08T12:00:00+00:00"]


def test_an_old_archive_with_nothing_recent_gives_an_empty_valid_news_sitemap(
    tmp_path: Path,
) -> None:
    """The window follows the build, not the newest brief: months later, nothing is news."""
    news = _news(tmp_path, BRIEFS, datetime(2026, 9, 1, tzinfo=UTC))
    assert news.findall(f"{SM}url") == []


def test_a_brief_dated_after_the_build_is_not_news_yet(tmp_path: Path) -> None:
    news = _news(tmp_path, BRIEFS, datetime(2026, 6, 9, 12, 0, tzinfo=UTC))
    assert _slugs(news) == ["briefs/yesterday/", "briefs/edge/", "briefs/stale/"]


def test_a_date_alone_is_midnight_in_the_newsrooms_zone(tmp_path: Path) -> None:
    """2026-06-09 in Tokyo begins at 2026-06-08 15:00 UTC: two days later, at 15:01 UTC, it
    is out, though midnight UTC of that date would still be in."""
    tokyo = {"a.yaml": brief_yaml(title="Tokyo Brief", date="2026-06-09")}
    settings = briefs_settings(tmp_path, tokyo).model_copy(
        update={"site_url": SITE_URL, "timezone": "Asia/Tokyo"}
    )

    def news_at(hour: int, minute: int) -> str:
        now = datetime(2026, 6, 10, hour, minute, tzinfo=UTC)
        return str(generate(settings, now=now).files[urls.NEWS_SITEMAP])

    assert "Tokyo Brief" in news_at(15, 0)
    assert "Tokyo Brief" not in news_at(15, 1)


def test_embargoed_briefs_dated_in_the_window_are_not_in_it(tmp_path: Path) -> None:
    """A draft, and a brief scheduled after the build, both dated the day before: absent,
    while a published brief of the same day is there (the scan would see them)."""
    embargoed = {
        "public.yaml": brief_yaml(title="Public Brief", date="2026-06-09"),
        "draft.yaml": brief_yaml(title="Draft Brief", date="2026-06-09", draft=True),
        "later.yaml": brief_yaml(
            title="Later Brief", date="2026-06-09", publish_at="2026-06-11T09:00:00Z"
        ),
    }
    assert _slugs(_news(tmp_path, embargoed, NOW)) == ["briefs/public/"]


@pytest.mark.e2e
def test_briefs_build_now_publishes_the_recent_brief_in_site_news_sitemap(tmp_path: Path) -> None:
    factory = SiteFactory(tmp_path)
    root = factory.create(BRIEFS, options="timezone: America/New_York")
    with_site_url(root, SITE_URL)
    result = factory.briefs("build", "--now", "2026-06-10T12:00:00+00:00")
    assert result.returncode == 0, result.stderr
    news = ElementTree.parse(root / "site/news-sitemap.xml").getroot()
    entries = news.findall(f"{SM}url")
    assert [e.findtext(f"{NEWS}news/{NEWS}title") for e in entries] == [
        "Fresh Brief",
        "Yesterday Brief",
        "Edge Brief",
    ]
    for entry in entries:
        assert entry.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name") == "Test Briefs"
        assert entry.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language") == "en"
        loc = entry.findtext(f"{SM}loc") or ""
        assert loc.startswith(SITE_URL + "briefs/")
        assert (root / "site" / loc.removeprefix(SITE_URL) / "index.html").is_file()
