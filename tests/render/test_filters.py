"""The template helpers that write raw HTML (generator/render/filters.py): links as the engine
publishes them, brief text as the engine would render it, and safe whatever the text."""

from __future__ import annotations

import itertools

import markdown
import pytest
from mkdocs.structure.files import File

from corpus.markdown_union import render_html
from generator.render.filters import as_html, published_href, unlinked
from support.hostile import HOSTILE, assert_inert, assert_only_text_in

PAGES = [
    "index.md",
    "about.md",
    "briefs/a.md",
    "briefs/b.md",
    "tags/index.md",
    "tags/oil/index.md",
    "tags/oil/page/2.md",
    "tags/gas/page/12.md",
    "archive/2026/01/index.md",
    "archive/2026/01/page/3.md",
    "risks/index.md",
    "docs/guide/README.md",
    "tickers/ß-ü/index.md",
]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_published_links_are_the_links_mkdocs_writes(directory_urls: bool) -> None:
    """From every kind of page to every other (itself included), both URL styles: what
    MkDocs makes of a Markdown link between the two (``File.url_relative_to``)."""
    files = {path: File(path, "docs", "site", directory_urls) for path in PAGES}
    for page, target in itertools.product(PAGES, PAGES):
        expected = files[target].url_relative_to(files[page])
        assert published_href(page, target, directory_urls) == expected, (page, target)


@pytest.mark.parametrize(
    "text",
    [
        "Plain words, 3.5% and $1.6 billion",
        "An *emphasised* and a **strong** word, ***both*** and _underscored_ __too__",
        "A [linked](https://example.com) word shows as text",
        "Fish & chips <b>not bold</b> `not code`",
        *HOSTILE,
    ],
)
def test_brief_text_as_html_is_what_markdown_makes_of_it(text: str) -> None:
    """``as_html`` (brief text in a raw HTML block) shows what the same text showed as
    Markdown in a paragraph (``unlinked``, rendered by Python-Markdown): same elements, same
    text."""
    from_markdown = markdown.markdown(unlinked(text))
    assert f"<p>{as_html(text)}</p>" == from_markdown


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_in_a_raw_html_block_is_inert_text(text: str) -> None:
    """Each payload of the corpus (tests/support/hostile.py) as a listing prints it in raw
    HTML, rendered with every extension a site may enable: nothing runs, nothing is
    dropped, the text adds no element."""
    context = '<ul>\n<li>\n<p class="nb-dek">{}</p>\n</li>\n</ul>'
    soup = render_html(context.format(as_html(text)))
    assert_inert(soup, text)
    assert_only_text_in(soup, context, text)


def test_a_link_address_cannot_leave_its_attribute() -> None:
    """Percent-encoded as MkDocs' ``File.url`` is, so nothing HTML reads is left."""
    assert published_href("tags/a/index.md", 'tags/x"&<y/index.md') == "../x%22%26%3Cy/"
