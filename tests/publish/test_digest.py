"""The morning briefing in a real build: its pages (read as HTML), the index, the links from
the home page and from each brief, the digest feed (read by feedparser), the e-mail files
(absolute links, under Gmail's 102 KB for a day of 40 briefs)."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from generator.build.pipeline import generate
from generator.render.digest_email import CLIP_BYTES
from generator.settings import Settings
from support import SiteFactory, brief_yaml, with_site_url
from support.digest import forty_briefs

SITE_URL = "https://digest.example.org/"
HOSTILE = "<img src=x onerror=alert(1)> Acme & Co [link](javascript:alert(1))"


def _site(root: Path) -> Path:
    briefs = {
        "a.yaml": brief_yaml(title="Acme Rises", date="2026-01-05T09:00:00-05:00", tickers=["F"]),
        "b.yaml": brief_yaml(
            title=HOSTILE, date="2026-01-05T19:00:00-05:00", category="Economy", tickers=["F"]
        ),
        "c.yaml": brief_yaml(title="Older Brief", date="2026-01-02"),
        "d.yaml": brief_yaml(title="Zorblax Draft", date="2026-01-05", draft=True),
    }
    root = SiteFactory(root).create(
        briefs, "timezone: America/New_York\ndigest: {enabled: true, cutoff_hour: 18}\n"
    )
    with_site_url(root, SITE_URL)
    return root


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


@pytest.mark.e2e
def test_digest_pages_feed_and_emails_in_a_real_build(tmp_path: Path) -> None:
    root = _site(tmp_path)
    result = SiteFactory(root).mkdocs_build()
    assert result.returncode == 0, result.stdout + result.stderr
    site = root / "site"
    # 19:00 is after the 18:00 cut-off: the hostile brief is in January 6's digest
    day = _soup(site / "digest/2026/01/05/index.html")
    article = day.select_one("article")
    assert article is not None
    headlines = [a.get_text() for a in article.select("h3 a:not(.headerlink)")]
    assert headlines == ["Acme Rises"]
    assert article.find(string=lambda s: "zorblax" in s.lower()) is None
    sequence = {a.get_text(): a["href"] for a in article.select(".nb-sequence a")}
    assert sequence == {"January 2, 2026": "../02/", "January 6, 2026": "../06/"}
    later = _soup(site / "digest/2026/01/06/index.html").select_one("article")
    assert later is not None
    assert [a.get_text() for a in later.select("h3 a:not(.headerlink)")] == [
        HOSTILE
    ]  # text, not markup
    assert later.select("img") == [] and not later.select('a[href^="javascript"]')
    assert [a.get_text() for a in later.select("h2 a:not(.headerlink)")][:1] == ["Economy"]
    assert not (site / "digest/2026/01/03/index.html").exists()  # no briefs, no page
    index = _soup(site / "digest/index.html").select_one("article")
    assert index is not None
    assert [a.get_text() for a in index.select("li a")] == [
        "January 6, 2026",
        "January 5, 2026",
        "January 2, 2026",
    ]
    home = _soup(site / "index.html")
    assert home.select_one('a[href="digest/2026/01/06/"]') is not None
    brief = _soup(site / "briefs/a/index.html")
    assert brief.select_one('.nb-digest-link a[href="../../digest/2026/01/05/"]') is not None
    # the feed: one item per day, newest first, absolute links
    for name in ("rss.xml", "atom.xml", "feed.json"):
        assert (site / "digest" / name).is_file()
    feed = feedparser.parse((site / "digest/rss.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert [entry.link for entry in feed.entries] == [
        f"{SITE_URL}digest/2026/01/06/",
        f"{SITE_URL}digest/2026/01/05/",
        f"{SITE_URL}digest/2026/01/02/",
    ]
    assert feed.entries[0].title == "Morning briefing, January 6, 2026"
    summary = BeautifulSoup(feed.entries[0].summary, "html.parser")
    assert summary.select("img") == [] and HOSTILE in summary.get_text()
    atom = feedparser.parse((site / "digest/atom.xml").read_bytes())
    assert not atom.bozo and len(atom.entries) == 3
    # the e-mail files, beside the day's page
    mail = _soup(site / "digest/2026/01/05/email.html")
    hrefs = [a["href"] for a in mail.select("a[href]")]
    assert hrefs and all(href.startswith(SITE_URL) for href in hrefs), hrefs
    assert mail.select("[style]")  # the stylesheet inlined
    text = (site / "digest/2026/01/05/email.txt").read_text("utf-8")
    assert "Acme Rises" in text and f"{SITE_URL}briefs/a/" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_a_day_of_forty_briefs_mails_under_gmails_clipping_limit(tmp_path: Path) -> None:
    files = generate(forty_briefs(tmp_path)).files
    html = files["digest/2026/01/05/email.html"]
    assert isinstance(html, str)
    assert BeautifulSoup(html, "html.parser").select("h3 a").__len__() == 40
    assert len(html.encode("utf-8")) < CLIP_BYTES, len(html.encode("utf-8"))


def test_without_the_setting_no_digest_is_made(tmp_path: Path) -> None:
    settings = forty_briefs(tmp_path).model_copy(update={"digest": Settings().digest})
    files = generate(settings).files
    assert not [path for path in files if path.startswith("digest/")]
    assert "nb-digest-link" not in str(files["index.md"])
