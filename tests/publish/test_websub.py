"""WebSub: with ``websub_hub`` set, every feed names the hub (RSS ``<atom:link rel="hub">``,
Atom ``<link rel="hub">``, JSON Feed ``hubs``), ``briefs websub`` lists the hub and exactly
the feeds the build wrote, and the workflow's step tells the hub of each feed
(generator/publish/feeds.py, generator/cli/websub.py, .github/workflows/briefs.yml)."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest

from generator.publish.feeds import HubAtomFeed, HubRssFeed
from generator.settings import Settings, SettingsError
from support import SiteFactory, brief_yaml, with_site_url
from support.hostile import HOSTILE

SITE_URL = "https://briefs.example.org/"
HUB = "https://hub.example.org/publish?topic=all&v=2"
FEED_NAMES = ("rss.xml", "atom.xml", "feed.json")
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"


def _site(factory: SiteFactory, hub: str | None) -> Path:
    root = factory.create(
        {
            "a.yaml": brief_yaml(title="Acme Rises", tickers=["F"], story="acme-results"),
            "b.yaml": brief_yaml(title="Oil Slips", category="Energy", date="2026-01-06"),
            "draft.yaml": brief_yaml(title="Draft", category="Draft Only", draft=True),
        },
        options=f"websub_hub: '{hub}'" if hub else "",
    )
    with_site_url(root, SITE_URL)
    return root


def _feed_files(site_dir: Path) -> set[str]:
    """The addresses of the briefs' feeds the build wrote (not the digest's: it has none)."""
    return {
        SITE_URL + path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.name in FEED_NAMES
        and not path.relative_to(site_dir).as_posix().startswith("digest/")
    }


@pytest.mark.e2e
def test_every_feed_names_the_hub_and_briefs_websub_lists_every_feed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBRIEFS_NOW", "2026-01-07T12:00:00Z")
    site = SiteFactory(tmp_path)
    root = _site(site, HUB)
    built = site.briefs("build")
    assert built.returncode == 0, built.stderr
    feeds = _feed_files(root / "site")
    assert SITE_URL + "tickers/f/rss.xml" in feeds and SITE_URL + "feed.json" in feeds
    for url in feeds:
        path = root / "site" / url.removeprefix(SITE_URL)
        if path.suffix == ".json":
            assert json.loads(path.read_text("utf-8"))["hubs"] == [{"type": "WebSub", "url": HUB}]
            continue
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (url, parsed.bozo_exception)
        links = {(link.rel, link.href) for link in parsed.feed.links}
        assert ("hub", HUB) in links and ("self", url) in links, url

    listed = site.briefs("websub")
    assert listed.returncode == 0, listed.stderr
    hub, *urls = listed.stdout.splitlines()
    assert hub == HUB
    assert len(urls) == len(set(urls)) and set(urls) == feeds
    assert not any("draft-only" in url for url in urls)  # an embargoed term has no feed


@pytest.mark.e2e
def test_without_a_hub_no_feed_names_one_and_websub_says_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBRIEFS_NOW", "2026-01-07T12:00:00Z")
    site = SiteFactory(tmp_path)
    root = _site(site, None)
    assert site.briefs("build").returncode == 0
    parsed = feedparser.parse((root / "site" / "rss.xml").read_bytes())
    assert parsed.feed.links and all(link.rel != "hub" for link in parsed.feed.links)
    assert "hubs" not in json.loads((root / "site" / "feed.json").read_text("utf-8"))
    listed = site.briefs("websub")
    assert (listed.returncode, listed.stdout) == (0, "")
    outputs = tmp_path / "outputs"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    assert site.briefs("websub", "--format", "github").returncode == 0
    assert outputs.read_text("utf-8") == "hub=\nfeeds=\n"


def test_the_github_format_writes_the_hub_and_the_feeds_as_step_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSBRIEFS_NOW", "2026-01-07T12:00:00Z")
    site = SiteFactory(tmp_path)
    _site(site, HUB)
    outputs = tmp_path / "outputs"
    outputs.write_text("earlier=1\n", "utf-8")
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    result = site.briefs("websub", "--format", "github")
    assert result.returncode == 0, result.stderr
    earlier, hub, feeds = outputs.read_text("utf-8").splitlines()
    assert earlier == "earlier=1" and hub == f"hub={HUB}"
    assert feeds.startswith(f"feeds={SITE_URL}rss.xml {SITE_URL}atom.xml {SITE_URL}feed.json ")
    assert feeds.removeprefix("feeds=").split(" ") == result.stdout.splitlines()[1:]
    monkeypatch.delenv("GITHUB_OUTPUT")
    assert site.briefs("websub", "--format", "github").returncode == 2


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("http://hub.example.org/", "not https"),
        ("hub.example.org", "no scheme"),
        ("https://", "no host"),
        ("https://user:secret@hub.example.org/", "a password in the address"),
        ("https://hub.example.org/\nhub=https://evil.example/", "a line break: a second output"),
        ("https://hub.example.org/ x", "a space"),
        ('https://hub.example.org/"><script>', "markup"),
        ("https://hub.example.org/`id`", "a shell's backquotes"),
        ("https://[::1/", "an unclosed bracket"),
        ("https://hub.example.org:99999/", "a port out of range"),
        ("https://hub.example.org/" + "a" * 2_000, "too long"),
        (7, "a number"),
    ],
)
def test_a_hub_that_is_not_an_https_address_is_one_line_naming_the_option(
    value: object, why: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.check_option("websub_hub", value)
    message = str(caught.value)
    assert message.startswith("option 'websub_hub' expects an https address such as "), why
    assert "\n" not in message


def test_a_bad_hub_stops_the_command_with_status_2(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()}, options="websub_hub: http://hub.example.org/")
    result = site.briefs("check")
    assert result.returncode == 2
    assert "option 'websub_hub' expects an https address" in result.stderr


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("writer", [HubRssFeed, HubAtomFeed], ids=["rss", "atom"])
def test_the_hub_is_an_attribute_value_whatever_it_holds(
    payload: str, writer: type[HubRssFeed]
) -> None:
    """The setting refuses markup; the writers escape whatever they are given anyway."""
    hub = "https://hub.example.org/?q=" + payload
    feed = writer(
        title="T", link=SITE_URL, description="D", feed_url=SITE_URL + "rss.xml", websub_hub=hub
    )
    root = ElementTree.fromstring(feed.writeString("utf-8"))
    links = [element for element in root.iter() if element.get("rel") == "hub"]
    assert [link.get("href") for link in links] == [hub]
    assert all(element.tag in ("link", ATOM_LINK) for element in links)
    assert not any(element.tag.endswith("script") for element in root.iter())
