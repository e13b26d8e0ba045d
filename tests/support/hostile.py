"""The hostile-text corpus: text an author (or an attacker) may type into any field, and the
Markdown contexts the templates put field values in. One list, read by every test that
checks brief text stays text: the markup tests render each payload in each context, the
pipeline test builds briefs of them, BAD_INPUT.md's catalogue names the cases.

A payload that is Markdown or HTML syntax of some extension a site may enable
(corpus/markdown_union.py) must come out as the text typed, in every context.
"""

from __future__ import annotations

import functools

from bs4 import BeautifulSoup, Tag

from corpus.markdown_union import render_html
from generator.source.markup import link_scheme

CONTEXTS = [
    "{}",
    "- {}",
    '!!! note "T"\n\n    {}',
    '!!! note nb-note "{}"\n\n    text',
    "> {}",
    'Tags: <span class="nb-chip">{}</span>',
    "By {} today",
    "- [x](a.md)<br>\n  {}",
    "# {}",
]
"""Where templates put field values: a paragraph start, a list item, an admonition body and
title, a quote, a chip, mid-sentence, a continuation line after <br>, a heading."""

HOSTILE = [
    # HTML, and Markdown that would make HTML of it
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<!-- hidden --> text",
    "&lt;script&gt; &#60;script&#62;",
    "{{ 7*7 }} and {% raw %}",
    "{{ 7*7 }} {% raw %}",
    # links and images to unsafe schemes, however spelled
    "<https://example.com>",
    "<mailto:a@b.c>",
    "[click](javascript:alert(1))",
    "[click]( JavaScript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[x](javascript&#58;alert(1)) [x](java&#x73;cript:alert(1))",
    "[x](javascript%3Aalert(1)) [x](%6Aavascript:alert(1))",
    r"[x](javascript\:alert(1)) \[x\](javascript:alert(1))",
    r"[x](java\script:alert(1)) [x]\(javascript:alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x](vbscript:msgbox(1)) [x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "[x](//evil.example/path) [y](///triple)",
    '[x](https://ok "title") [x](https://ok"onmouseover="alert(1))',
    "[[x](https://ok)](javascript:alert(1))",
    "![img](https://example.com/x.png)",
    "[ok](https://ok.example)![img](https://example.com/x.png)",
    "![[x](https://ok)](https://example.com/x.png)",
    "[ref]: javascript:alert(1)",
    "[x][ref]",
    "https://example.com www.example.com javascript:alert(1) ftp://example.com",
    # attribute lists and event handlers
    '[link](https://example.com){: onclick="alert(1)" }',
    "text {: .admonition onclick=alert(1) }",
    '{: autofocus onfocus="alert(1)" tabindex=0 }',
    'A dek {: #x autofocus onfocus="alert(document.domain)" }',
    "[span]{: onclick=alert(1) }",
    # blocks: headings, lists, quotes, code, rules, tables, admonitions
    "# Not a heading",
    "# h1 #",
    "Title ###",
    "#hashtag",
    "- not a list",
    "1. not a list",
    "a. fancy list",
    "iv) roman list",
    "#. auto list",
    "- [ ] task",
    "> not a quote",
    "> [!NOTE]",
    "```python",
    "~~~",
    "    indented code",
    "   indented",
    "`code` and ``more``",
    "`code` ``more``",
    "---",
    "***",
    "___",
    "* * *",
    "| a | b |",
    "| a | b |\n|---|---|",
    '!!! danger "x"',
    "??? note",
    "::: note",
    '=== "Tab"',
    "/// html | div\nhello\n///",
    "/// html | script\nalert(1)\n///",
    "Term\n: definition",
    # the syntax of other extensions: footnotes, abbreviations, snippets, TOC, wiki links,
    # critic, maths, magic links, emoji, keys, marks, progress bars, typography
    "[^1]: footnote",
    "[^1] and [^1]: footnote",
    "*[HTML]: abbreviation",
    "*[HTML]: Hyper Text",
    '--8<-- "/etc/passwd"',
    '--8<-- "README.md"',
    ';--8<-- "README.md"',
    "[TOC]",
    "text [TOC] text",
    "[[wiki]] [[Wiki Link]]",
    "{--deleted--} {++added++} {~~a~>b~~} {==hl==} {>>comment<<}",
    "$x^2$ and $$y$$ and \\(z\\) and \\[w\\]",
    "@someone and someone/something#12 and #12 and !3",
    ":smile: :+1: :heart:",
    "++ctrl+alt+del++",
    "==marked== ^^inserted^^ ~~deleted~~ ^sup^ ~sub~",
    "[=50% progress]",
    "(c) (tm) --> <-- +/- 1st 2nd",
]
"""Every payload once; each is checked in every context of :data:`CONTEXTS`."""

SAFE_SCHEMES = {None, "http", "https", "mailto"}
"""Where a link on a generated page may lead (``None``: a relative address)."""

LINK_SCHEMES = {None, "http", "https"}
"""Where a link made of brief text may lead: Markdown's own links, to web pages."""

TYPOGRAPHY = {"sup"}
"""What typography alone adds (smartsymbols' ordinals: 1<sup>st</sup>)."""


def assert_inert(soup: BeautifulSoup, why: object, *, own_charts: int = 0) -> None:
    """No script, image, table of contents, event handler or link to an unsafe scheme.
    ``own_charts``: the number of SVG charts the page draws itself (generator/render/charts.py;
    the risk page has one), whose contents are checked like the rest."""
    charts = soup.find_all("svg", class_="nb-heatmap")
    assert len(charts) == own_charts, (why, charts)
    for tag in soup.find_all(True):
        if tag in charts:
            continue
        assert tag.name not in {"script", "img", "svg", "iframe", "style", "object"}, (why, tag)
        assert not any(name.lower().startswith("on") for name in tag.attrs), (why, tag)
        assert "autofocus" not in tag.attrs, (why, tag)
        assert "toc" not in (tag.get("class") or []), (why, tag)
        for attr in ("href", "src", "action", "formaction"):
            if attr in tag.attrs:
                assert link_scheme(tag[attr]) in SAFE_SCHEMES, (why, tag)


def _shape(tag: Tag) -> tuple[str, frozenset[str], tuple[str, ...]]:
    """An element as far as its structure goes: its name, its attributes' names, its classes
    (an ``id`` or ``href`` differs with the text; what kind of element it is does not)."""
    return tag.name, frozenset(tag.attrs), tuple(tag.get("class") or ())


@functools.cache
def _context_shapes(
    context: str,
) -> tuple[frozenset[tuple[str, frozenset[str], tuple[str, ...]]], str]:
    """The elements a context makes around a plain word, and its text when the value is empty."""
    shapes = frozenset(_shape(tag) for tag in render_html(context.format("x")).find_all(True))
    return shapes, render_html(context.format("")).get_text(strip=True)


def assert_only_text_in(soup: BeautifulSoup, context: str, why: object) -> None:
    """Brief text in ``context`` is shown (not dropped) and adds no element of its own but a
    link to a web page (``[text](https://...)``, which inline text allows) and typography:
    every other element is one the context makes around any word."""
    shapes, empty = _context_shapes(context)
    assert soup.get_text(strip=True) != empty, (why, "the text was dropped")
    for tag in soup.find_all(True):
        if tag.name == "a":
            assert link_scheme(tag.get("href", "")) in LINK_SCHEMES, (why, tag)
            if set(tag.attrs) <= {"href"}:
                continue
        if tag.name in TYPOGRAPHY and not tag.attrs:
            continue
        assert _shape(tag) in shapes, (why, tag)
