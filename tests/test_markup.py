"""Brief text is data: what `markup.inline` makes of hostile text, rendered by Python-Markdown
with the extensions MkDocs Material sites (and Zensical by default) enable."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from corpus.markdown_union import render_html
from generator.source.markup import Markdown, external_link, inline, paragraphs
from support.hostile import CONTEXTS, HOSTILE, assert_inert, assert_only_text_in


def render(md: str) -> BeautifulSoup:
    """As a site with every extension would render it (the toc's ¶ permalinks left out)."""
    soup = render_html(md, typography=False)
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    return soup


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_text_in_every_context(text: str) -> None:
    """Each payload of the one corpus (tests/support/hostile.py) in each context a template
    puts a field in, rendered with every extension a site may enable: nothing runs, nothing
    is dropped, and the text adds no element but a link to a web page."""
    for context in CONTEXTS:
        soup = render_html(context.format(paragraphs(text, 4)))
        assert_inert(soup, (text, context))
        assert_only_text_in(soup, context, (text, context))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("{{ 7*7 }}", "{{ 7*7 }}"),
        ("# Not a heading", "# Not a heading"),
        ("1. Not a list", "1. Not a list"),
        ("AT&T & P&G", "AT&T & P&G"),
        ("[click](javascript:alert(1))", "[click](javascript:alert(1))"),
        ("`code`", "`code`"),
        ("[TOC]", "[TOC]"),
        ("==a== ^^b^^ ~~c~~ ++d++ $e$", "==a== ^^b^^ ~~c~~ ++d++ $e$"),
        ("{: autofocus onfocus=alert(1) }", "{: autofocus onfocus=alert(1) }"),
        (":smile: at 10:30", ":smile: at 10:30"),
        ("@someone #12", "@someone #12"),
        (r"a \[b\] c\\", r"a \[b\] c\\"),
        ("a. not a list", "a. not a list"),
        ('--8<-- "README.md"', '--8<-- "README.md"'),
    ],
)
def test_syntax_of_any_extension_is_shown_exactly_as_written(text: str, shown: str) -> None:
    """Only typography (smarty, smartsymbols) may change how text reads."""
    soup = render(inline(text))
    assert soup.get_text() == shown
    assert soup.find("a") is None


def test_emphasis_and_safe_links_still_work() -> None:
    soup = render(inline("*Ford* said **no**; see [the filing](https://sec.gov/x?a=1&b=2)."))
    assert soup.find("em").get_text() == "Ford"
    assert soup.find("strong").get_text() == "no"
    assert soup.find("a")["href"] == "https://sec.gov/x?a=1&b=2"


def test_bold_at_the_start_of_a_list_item_is_not_mistaken_for_a_list() -> None:
    soup = render("- " + inline("**Ford** denied it"))
    assert soup.find("li").find("strong").get_text() == "Ford"


def test_link_text_mode_cannot_close_or_nest_our_link() -> None:
    soup = render(f"[{inline('A] (x) [b](https://e.com)', link_text=True)}](page.md)")
    anchors = soup.find_all("a")
    assert len(anchors) == 1 and anchors[0]["href"] == "page.md"
    assert anchors[0].get_text() == "A] (x) b"  # the author's link shows as its text


def test_text_becomes_one_line() -> None:
    assert inline("a\n\nb\n  c") == "a b c"


def test_paragraphs_keep_blank_line_breaks_inside_lists_and_quotes() -> None:
    assert paragraphs("one\n\ntwo", indent=4) == "one\n\n    two"
    assert paragraphs("one\n\n\ntwo", quoted=True) == "one\n>\n> two"


def test_external_link_encodes_characters_markdown_would_trip_on() -> None:
    link = external_link("https://e.com/a (b)", "T")
    assert link == "[T](https://e.com/a%20%28b%29)"
    assert isinstance(link, Markdown)


@pytest.mark.parametrize("title", ["C:\\", "\\"])
def test_a_title_ending_in_a_backslash_is_still_a_heading(title: str) -> None:
    soup = render(f"# {inline(title)}\n")
    assert soup.h1 is not None and soup.h1.get_text() == title
