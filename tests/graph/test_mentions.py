"""First mentions (issue #14): in a brief's body text, the first mention of a known ticker
(``$F``, ``(F)``, ``(NYSE: F)``) or registered entity (name or alias) links to its page;
never inside an author's link, never in a heading, never creating markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from corpus.markdown_union import render_html
from generator.graph.mentions import MentionIndex
from generator.graph.taxonomies import Term
from generator.source.markup import inline
from support import SiteFactory, brief_yaml


def _term(taxonomy: str, name: str, slug: str | None = None) -> Term:
    return Term(taxonomy, name, slug or name.lower().replace(" ", "-"), ())


FORD = _term("entity", "Ford")
EXXON = _term("entity", "Exxon Mobil", "exxon-mobil")
MENTIONS = MentionIndex(
    tickers={s: _term("ticker", s) for s in ["F", "GM", "BRK.B", "0700", "A"]},
    names={
        "Ford": FORD,
        "Ford Motor": FORD,
        "Exxon Mobil": EXXON,
        "Exxon": EXXON,
        "AT&T": _term("entity", "AT&T", "at-t"),
        "S&P 500": _term("entity", "S&P 500", "s-p-500"),
        "3M": _term("entity", "3M", "3m"),
        "C++ & <b>markup</b>": _term("entity", "C++ & <b>markup</b>", "c-markup"),
        "the Fed": _term("entity", "Federal Reserve", "federal-reserve"),
        "Société Générale": _term("entity", "Société Générale", "societe-generale"),
    },
)


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.term.slug) for m in MENTIONS.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shares of $F rose.", [("$F", "f")]),
        ("$F. $GM, and $BRK.B!", [("$F", "f"), ("$GM", "gm"), ("$BRK.B", "brk.b")]),
        ("Ford Motor (NYSE: F) fell", [("Ford Motor", "ford"), ("F", "f")]),
        ("Tencent (HKEX:0700) and (Nasdaq: GM)", [("0700", "0700"), ("GM", "gm")]),
        ("Ford (F) and (GM)", [("Ford", "ford"), ("F", "f"), ("GM", "gm")]),
        # Money, unknown symbols, lower case, glued text: no mention.
        ("It cost $100, or $0700.", []),
        ("(NYSE: XYZ) and $XYZ and (f) and $f and US$F and $FORD", []),
        ("Fordham and Fords and ExxonMobil2", []),
        # A name inside a possessive, longest name first, symbols in names.
        ("Ford's plan", [("Ford", "ford")]),
        ("Exxon Mobil Corp and Exxon", [("Exxon Mobil", "exxon-mobil"), ("Exxon", "exxon-mobil")]),
        ("AT&T and AT&Tx and S&P 500s and S&P 500.", [("AT&T", "at-t"), ("S&P 500", "s-p-500")]),
        ("3M and 3MX", [("3M", "3m")]),
        ("the Fed said", [("the Fed", "federal-reserve")]),
        ("Société Générale rose", [("Société Générale", "societe-generale")]),
        ("C++ & <b>markup</b> shipped", [("C++ & <b>markup</b>", "c-markup")]),
    ],
)
def test_what_counts_as_a_mention(text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text) == expected


def _linked(text: str, finder: object | None = None) -> str:
    find = finder or MENTIONS.finder()

    def spans(plain: str) -> list[tuple[int, int, str]]:
        return [(m.start, m.end, f"../{m.term.slug}/") for m in find(plain)]  # type: ignore[operator]

    return inline(text, mentions=spans)


def test_only_the_first_mention_on_a_page_links() -> None:
    finder = MENTIONS.finder()
    assert _linked("Ford (F) said Ford Motor and $F", finder) == (
        "[Ford](../ford/) ([F](../f/)) said Ford Motor and &#36;F"
    )
    assert _linked("Later, Ford again.", finder) == "Later, Ford again."
    assert _linked("Ford on a new page", MENTIONS.finder()) == "[Ford](../ford/) on a new page"


def test_never_inside_an_authors_link_but_inside_emphasis() -> None:
    finder = MENTIONS.finder()
    assert _linked("[Ford news](https://example.com/f) then *Ford* rose", finder) == (
        "[Ford news](https://example.com/f) then *[Ford](../ford/)* rose"
    )


def test_link_text_is_escaped_so_a_mention_cannot_make_markup() -> None:
    out = _linked("C++ & <b>markup</b> shipped; $F: up")
    assert out == (
        "[C&#43;&#43; &amp; &lt;b&gt;markup&lt;/b&gt;](../c-markup/) shipped; [&#36;F](../f/): up"
    )
    soup = render_html(out)  # every extension a site may enable
    assert soup.find("b") is None
    assert [a.get_text() for a in soup.find_all("a")] == ["C++ & <b>markup</b>", "$F"]


def test_a_colon_before_a_mention_stays_text() -> None:
    """``x:`` followed by a link could read as an emoji shortcode or scheme otherwise."""
    out = _linked("note:Ford")
    assert out == "note&#58;[Ford](../ford/)"


def test_a_destination_that_is_more_than_a_path_is_not_linked() -> None:
    def hostile(plain: str) -> list[tuple[int, int, str]]:
        return [(0, 4, "javascript:alert(1)"), (5, 9, "x) [y](z")]

    assert inline("Ford Ford", mentions=hostile) == "Ford Ford"


# ---------------------------------------------------------------------------------------------
# In a real build


ENTITIES = """\
Ford:
  kind: company
  aliases: [Ford Motor]
Jim Farley:
  kind: person
Nobody Named:
  kind: person
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mentions")
    lead = "Ford Motor (NYSE: F) said on Monday that [Ford](https://example.com) rose."
    SiteFactory(root).create(
        {
            "ford.yaml": brief_yaml(
                slug="ford-plan",
                title="Ford and $F in a Headline",
                lead=lead,
                summary="Jim Farley, Ford's chief, and Nobody Named spoke; $F rose.",
                tickers=["F"],
                entities=["Ford", "Jim Farley"],
            ),
            "other.yaml": brief_yaml(slug="other", summary="Ford (F) appears here too."),
            "_data/entities.yaml": ENTITIES,
        }
    )
    result = SiteFactory(root).mkdocs_build()
    assert result.returncode == 0, result.stderr
    return root / "site"


def _article(site: Path, slug: str) -> BeautifulSoup:
    page = BeautifulSoup((site / "briefs" / slug / "index.html").read_text("utf-8"), "html.parser")
    found = page.select_one("article")
    assert found is not None
    return found


def test_first_mentions_link_to_their_pages_in_a_built_site(built: Path) -> None:
    article = _article(built, "ford-plan")
    lead = article.select_one(".nb-lead")
    assert lead is not None
    links = [(a.get_text(), a["href"]) for a in lead.find_all("a")]
    assert links == [
        ("Ford Motor", "../../entities/ford/"),
        ("F", "../../tickers/f/"),
        ("Ford", "https://example.com"),  # the author's link, left as it was
    ]
    summary = article.select_one("h2#summary")
    assert summary is not None
    paragraph = summary.find_next("p")
    assert paragraph is not None
    # Jim Farley is new here; Ford and $F were linked above; Nobody Named has no page
    # (no brief names the entity), so it stays text.
    assert [(a.get_text(), a["href"]) for a in paragraph.find_all("a")] == [
        ("Jim Farley", "../../entities/jim-farley/")
    ]
    assert article.select("h1 a:not(.headerlink)") == []  # never in the headline


def test_a_brief_that_does_not_name_the_term_still_links_its_mentions(built: Path) -> None:
    """Mentions come from the site's registries and tickers, not from the brief's own
    fields; and each page starts afresh."""
    summary = _article(built, "other").select_one("h2#summary")
    assert summary is not None
    paragraph = summary.find_next("p")
    assert paragraph is not None
    assert [(a.get_text(), a["href"]) for a in paragraph.find_all("a")] == [
        ("Ford", "../../entities/ford/"),
        ("F", "../../tickers/f/"),
    ]


def test_the_seed_brief_links_its_people_and_companies(sample_site: Path) -> None:
    article = _article(sample_site, "ford-xiaomi-ev-talks")
    hrefs = {a["href"] for a in article.select("p a, li a")}
    assert {"../../entities/jim-farley/", "../../entities/catl/", "../../tickers/f/"} <= hrefs
