"""The template helpers that write raw HTML (generator/render/filters.py): links as the engine
publishes them, brief text as the engine would render it, and safe whatever the text."""

from __future__ import annotations

import itertools
from pathlib import Path

import markdown
import pytest
from mkdocs.structure.files import File

from corpus.markdown_union import render_html
from generator.build.links import unresolved_page_links
from generator.render.filters import as_html, published_href, unlinked
from generator.settings import Settings
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


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_link_written_in_html_to_no_page_is_a_warning(
    tmp_path: Path, directory_urls: bool
) -> None:
    """generator/build/links.py checks the links pages write in raw HTML, as the engine checks
    Markdown links: one warning per page and missing address, none for pages, feeds and the
    site's own files, from pages published a folder deeper than their source too."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("# About\n", "utf-8")
    settings = Settings(
        root=tmp_path, docs_dir=tmp_path / "docs", use_directory_urls=directory_urls
    )  # type: ignore[call-arg]

    def href(page: str, target: str) -> str:
        return f'<a href="{published_href(page, target, directory_urls)}">x</a>'

    files: dict[str, str | bytes] = {
        "index.md": href("index.md", "tags/oil/index.md") + href("index.md", "about.md"),
        "tags/oil/index.md": href("tags/oil/index.md", "tags/oil/rss.xml")
        + href("tags/oil/index.md", "index.md"),
        "tags/oil/rss.xml": "<rss/>",
        "tags/oil/page/2.md": href("tags/oil/page/2.md", "briefs/a.md")
        + href("tags/oil/page/2.md", "briefs/gone.md") * 2,
        "briefs/a.md": href("briefs/a.md", "tags/oil/page/2.md"),
    }
    problems = unresolved_page_links(files, settings)
    assert [(str(p.path), p.severity) for p in problems] == [("tags/oil/page/2.md", "warning")]
    assert "where the site has no page or file" in problems[0].message
