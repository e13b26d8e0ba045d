"""The desk's outputs in real builds, read back as readers and machines read them: article
type labels and the search filter in the HTML, authors' holdings beside the byline, a
brief's disclosures and the site's disclaimer, the footer's policy links, the JSON-LD
(extruct) with the type, the publisher's policies, corrections only of kind correction,
``speakable`` whose selectors find the headline and key points, ``backstory``; feeds and
the API with each note's kind; hostile text in every new field staying text. And the
problems: a type the site does not know at the brief's value, a policy page that does not
exist at its line in mkdocs.yml."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import extruct
import feedparser
import pytest
from bs4 import BeautifulSoup

from generator.build.pipeline import generate
from generator.errors import BriefsError
from generator.settings import load_site
from support import SiteFactory, brief_yaml, with_site_url

SITE_URL = "https://briefs.example.org/"
HOSTILE = 'Acme </script><!-- <b>bold</b> & "quoted" [x](javascript:alert(1)) {: onclick=x }'
SHOWN = HOSTILE
"""The text as machines get it (JSON-LD, feeds): plain, as written."""
ON_PAGE = SHOWN.replace('"quoted"', "\u201cquoted\u201d")
"""The text as a reader sees it: with the site's typographic quotes."""
OPTIONS = f"""\
disclaimer: {json.dumps(HOSTILE)}
article_types: {{review: ReviewNewsArticle}}
policies:
  publishing_principles: about/standards.md
  corrections: about/corrections.md
  ethics: about/ethics.md
  masthead: about/masthead.md
"""
POLICY_PAGES = ("standards", "corrections", "ethics", "masthead")
DOCS = {"about.md": "# About\n\nA test site.\n"}
NOTES = [
    {"date": "2026-01-06", "text": "The margin was misstated."},
    {"date": "2026-01-07", "kind": "clarification", "text": HOSTILE},
    {"date": "2026-01-08", "kind": "update", "text": "Adds the chief executive's reply."},
]
BRIEFS = {
    "op.yaml": brief_yaml(
        title="Acme Should Sell Its Truck Unit",
        type="opinion",
        byline="Ana Ruiz",
        tickers=["F"],
        disclosures=HOSTILE,
        sources=[{"title": HOSTILE, "url": "https://example.com/filing"}],
        corrections=NOTES,
    ),
    "review.yaml": brief_yaml(
        title="A Review of the New Pickup", date="2026-01-04", type="review", tickers=["GM"]
    ),
    "plain.yaml": brief_yaml(title="Acme Shares Rise", date="2026-01-03", byline="Ana Ruiz"),
}
DATA = {
    "tickers.yaml": "F: {name: Ford Motor Company, exchange: NYSE}\n"
    "GM: {name: General Motors Company, exchange: NYSE}\n",
    "authors.yaml": "Ana Ruiz:\n  holdings: [F, GM]\n",
}


def _site(tmp_path: Path, options: str = OPTIONS, briefs: dict[str, str] = BRIEFS) -> Path:
    root = SiteFactory(tmp_path).create(briefs, options=options, docs=DOCS)
    (root / "docs/about").mkdir()
    for name in POLICY_PAGES:
        (root / f"docs/about/{name}.md").write_text(f"# {name.title()}\n\nOurs.\n", "utf-8")
    for name, text in DATA.items():
        (root / "briefs/_data").mkdir(exist_ok=True)
        (root / "briefs/_data" / name).write_text(text, "utf-8")
    with_site_url(root, SITE_URL)
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _site(tmp_path_factory.mktemp("desk"))
    result = SiteFactory(root).mkdocs_build()
    assert result.returncode == 0, result.stderr
    return root / "site"


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def _article(site: Path, path: str) -> dict[str, Any]:
    html = (site / path / "index.html").read_text("utf-8")
    (article,) = extruct.extract(html, base_url=SITE_URL + path, syntaxes=["json-ld"])["json-ld"]
    assert isinstance(article, dict)
    return article


@pytest.mark.e2e
def test_each_type_is_labelled_filtered_and_typed(built: Path) -> None:
    expected = {
        "briefs/op/": ("Opinion", "OpinionNewsArticle"),
        "briefs/review/": ("Review", "ReviewNewsArticle"),
        "briefs/plain/": ("News", "NewsArticle"),
    }
    for path, (label, schema_type) in expected.items():
        kicker = _soup(built, path).select_one("p.nb-brief-kicker")
        assert kicker is not None and kicker["data-pagefind-filter"] == f"type:{label}", path
        shown = kicker.select_one(".nb-type")
        assert (shown.get_text() if shown else "News") == label, path  # news goes unlabelled
        assert _article(built, path)["@type"] == schema_type, path
    listed = {
        item.select_one(".nb-headline").get_text(): item.select_one(".nb-type")
        for item in _soup(built, "categories/stock-markets").select("li")
        if item.select_one(".nb-headline")
    }
    assert listed["Acme Should Sell Its Truck Unit"].get_text() == "Opinion"
    assert listed["A Review of the New Pickup"].get_text() == "Review"
    assert listed["Acme Shares Rise"] is None


@pytest.mark.e2e
def test_holdings_disclosures_and_the_disclaimer_are_shown_as_text(built: Path) -> None:
    page = _soup(built, "briefs/op")
    holdings = page.select_one("p.nb-holdings")
    assert holdings is not None and holdings.get_text() == "Disclosure: Ana Ruiz holds F."
    assert _soup(built, "briefs/plain").select_one("p.nb-holdings") is None  # names no ticker
    assert _soup(built, "briefs/review").select_one("p.nb-holdings") is None  # not her brief
    box = page.select_one(".admonition.nb-disclosures")
    assert box is not None and ON_PAGE in box.get_text()
    for brief in ("op", "review", "plain"):
        (disclaimer,) = _soup(built, f"briefs/{brief}").select("p.nb-disclaimer")
        assert disclaimer.get_text() == ON_PAGE
    for element in page.select(".nb-disclosures, .nb-disclaimer, .nb-correction"):
        assert element.find(["b", "script"]) is None and element.find("a") is None
        assert not any(
            attr.startswith("on") for tag in element.find_all(True) for attr in tag.attrs
        )


@pytest.mark.e2e
def test_the_footer_and_the_publisher_link_every_policy_page(built: Path) -> None:
    links = _soup(built, "briefs/op").select(".nb-footer__policies a")
    assert [a.get_text() for a in links] == [
        "Editorial standards",
        "Corrections",
        "Ethics",
        "Masthead",
    ]
    for link in links:
        assert (built / "briefs/op" / link["href"] / "index.html").resolve().is_file(), link
    publisher = _article(built, "briefs/op/")["publisher"]
    assert publisher == {
        "@type": "NewsMediaOrganization",
        "name": "Test Briefs",
        "url": SITE_URL,
        "publishingPrinciples": SITE_URL + "about/standards/",
        "correctionsPolicy": SITE_URL + "about/corrections/",
        "ethicsPolicy": SITE_URL + "about/ethics/",
        "masthead": SITE_URL + "about/masthead/",
    }
    for key in ("publishingPrinciples", "correctionsPolicy", "ethicsPolicy", "masthead"):
        url = publisher[key]
        assert (built / url.removeprefix(SITE_URL) / "index.html").is_file(), url


@pytest.mark.e2e
def test_notes_are_labelled_by_kind_and_only_corrections_are_corrections(built: Path) -> None:
    page = _soup(built, "briefs/op")
    box = page.select_one(".admonition.nb-correction")
    assert box is not None
    assert box.select_one(".admonition-title").get_text() == "Correction, clarification and update"
    assert [strong.get_text().split(" ")[0] for strong in box.select("strong")] == [
        "Corrected",
        "Clarified",
        "Updated",
    ]
    article = _article(built, "briefs/op/")
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "datePublished": "2026-01-06",
            "text": "The margin was misstated.",
        }
    ]
    assert article["dateModified"] == "2026-01-08"  # the update, as every kind, dates it
    item = next(
        i
        for i in json.loads((built / "feed.json").read_text("utf-8"))["items"]
        if i["url"].endswith("/op/")
    )
    assert "Correction, January 6, 2026: The margin was misstated." in item["content_text"]
    assert f"Clarification, January 7, 2026: {SHOWN}" in item["content_text"]
    assert "Update, January 8, 2026: Adds the chief" in item["content_text"]
    rss = feedparser.parse((built / "rss.xml").read_bytes())
    assert not rss.bozo
    (entry,) = [e for e in rss.entries if e.link.endswith("/op/")]
    assert "Clarification, January 7, 2026" in entry.summary and "<b>" not in entry.summary
    document = json.loads((built / "api/briefs/op.json").read_text("utf-8"))
    assert [note["kind"] for note in document["corrections"]] == [
        "correction",
        "clarification",
        "update",
    ]
    assert document["corrections"][1]["text"] == HOSTILE  # as written: JSON is data
    assert document["type"] == "opinion" and document["disclosures"] == HOSTILE


@pytest.mark.e2e
def test_speakable_selects_the_headline_and_key_points_and_backstory_names_sources(
    built: Path,
) -> None:
    page = _soup(built, "briefs/op")
    article = _article(built, "briefs/op/")
    speakable = article["speakable"]
    assert speakable["@type"] == "SpeakableSpecification"
    headline, points = (page.select(selector) for selector in speakable["cssSelector"])
    assert [h.get_text().strip("¶ ") for h in headline] == ["Acme Should Sell Its Truck Unit"]
    assert len(points) == 1 and "Revenue rose 12%." in points[0].get_text()
    assert article["backstory"] == f"Reported from: {SHOWN}."
    assert article["citation"] == [
        {"@type": "CreativeWork", "name": SHOWN, "url": "https://example.com/filing"}
    ]
    assert "backstory" not in _article(built, "briefs/plain/")  # no sources, no backstory
    assert len(page.find_all("script", type="application/ld+json")) == 1


def test_a_type_the_site_does_not_know_is_an_error_at_the_briefs_value(tmp_path: Path) -> None:
    root = _site(tmp_path, briefs={"a.yaml": brief_yaml(type="reveiw")})
    with pytest.raises(BriefsError) as caught:
        generate(load_site(root / "mkdocs.yml").settings)
    (problem,) = caught.value.problems
    assert problem.format().endswith(
        "briefs/a.yaml:7:7: type: 'reveiw' is not an article type of this site (analysis, "
        "explainer, news, opinion, review); did you mean 'review'?"
    )


def test_a_policy_page_that_does_not_exist_is_an_error_at_its_line_in_mkdocs_yml(
    tmp_path: Path,
) -> None:
    root = _site(tmp_path, options=OPTIONS.replace("about/ethics.md", "about/ethic.md"))
    with pytest.raises(BriefsError) as caught:
        generate(load_site(root / "mkdocs.yml").settings)
    (problem,) = caught.value.problems
    config = (root / "mkdocs.yml").read_text("utf-8").splitlines()
    line = next(n for n, text in enumerate(config, start=1) if "ethics:" in text)
    column = config[line - 1].index("about/ethic.md") + 1
    assert problem.path == (root / "mkdocs.yml").resolve()
    assert problem.position == (line, column) and problem.field == "policies.ethics"
    assert problem.message == (
        "'about/ethic.md' is not a page of the docs folder (docs/about/ethic.md does not exist)"
    )


def test_a_withdrawn_briefs_earlier_notes_keep_their_kinds(tmp_path: Path) -> None:
    notes = [
        {"date": "2026-01-06", "kind": "update", "text": "Adds the reply."},
        {"date": "2026-01-07", "text": "Withdrawn: the source retracted."},
    ]
    gone = brief_yaml(status="withdrawn", corrections=notes)
    root = _site(tmp_path, briefs={"gone.yaml": gone, "kept.yaml": brief_yaml(title="Kept")})
    page = str(generate(load_site(root / "mkdocs.yml").settings).files["briefs/gone.md"])
    assert "## Earlier updates\n" in page
    assert "- **Update, <time" in page and "Adds the reply." in page
