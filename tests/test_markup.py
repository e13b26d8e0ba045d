"""Brief text is data: what `markup.inline` makes of hostile text, rendered by Python-Markdown
with the extensions MkDocs Material sites (and Zensical by default) enable."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from markdown_union import render_html

from generator.source.markup import Markdown, external_link, inline, link_scheme, paragraphs


def render(md: str) -> BeautifulSoup:
    """As a site with every extension would render it (the toc's ¶ permalinks left out)."""
    soup = render_html(md, typography=False)
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    return soup


# Where templates put field values: a paragraph start, a list item, an admonition body.
CONTEXTS = ["{}", "- {}", '!!! note "T"\n\n    {}', "By {} today"]

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<!-- hidden --> text",
    "<https://example.com>",
    "[click](javascript:alert(1))",
    "[click]( JavaScript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![img](https://example.com/x.png)",
    '[link](https://example.com){: onclick="alert(1)" }',
    "text {: .admonition onclick=alert(1) }",
    "{{ 7*7 }} and {% raw %}",
    "# Not a heading",
    "#hashtag",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "```python",
    "~~~",
    "    indented code",
    '!!! danger "x"',
    "??? note",
    "[ref]: javascript:alert(1)",
    "[^1]: footnote",
    "*[HTML]: abbreviation",
    "---",
    "* * *",
    "| a | b |",
    '--8<-- "/etc/passwd"',
    "`code` and ``more``",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("context", CONTEXTS)
def test_hostile_text_renders_as_inert_text(text: str, context: str) -> None:
    soup = render(context.format(inline(text)))
    assert soup.get_text(strip=True), (text, context)  # rendered as something, not dropped
    allowed = {"p", "ul", "li", "div", "a"}
    tags = {tag.name for tag in soup.find_all(True)}
    assert tags <= allowed, (text, tags)
    for tag in soup.find_all(True):
        extra = set(tag.attrs) - {"class", "href"}
        assert not extra, (text, tag)
        if tag.name == "div":
            assert tag["class"] == ["admonition", "note"]
        if tag.name == "p" and tag.get("class"):
            assert tag["class"] == ["admonition-title"]
    for anchor in soup.find_all("a"):
        assert link_scheme(anchor["href"]) in {"http", "https", None}


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
    ],
)
def test_hostile_text_is_shown_exactly_as_written(text: str, shown: str) -> None:
    assert render(inline(text)).get_text() == shown


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
