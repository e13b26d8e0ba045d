"""urls.py owns public addresses: both ``use_directory_urls`` settings, absolute URLs from
``site_url``, and the displaced-page check asks it rather than guessing."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from generator.build.pipeline import generate
from generator.build.site_docs import clashes
from generator.graph import urls
from generator.graph.urls import PublicUrls
from generator.settings import load_site
from support import REPO, SiteFactory, brief_yaml

DIRECTORY = PublicUrls(directory_urls=True, site_url="https://news.example.com/desk/")
FILES = PublicUrls(directory_urls=False, site_url=None)


@pytest.mark.parametrize(
    ("src", "directory", "files"),
    [
        ("index.md", ("index.html", ""), ("index.html", "index.html")),
        ("briefs/ford.md", ("briefs/ford/index.html", "briefs/ford/"), ("briefs/ford.html",) * 2),
        (
            "categories/autos/index.md",
            ("categories/autos/index.html", "categories/autos/"),
            ("categories/autos/index.html",) * 2,
        ),
        ("about/README.md", ("about/index.html", "about/"), ("about/index.html",) * 2),
        ("assets/x.css", ("assets/x.css",) * 2, ("assets/x.css",) * 2),
    ],
)
def test_output_path_and_url_follow_mkdocs(
    src: str, directory: tuple[str, str], files: tuple[str, str]
) -> None:
    assert (DIRECTORY.output_path(src), DIRECTORY.url(src)) == directory
    assert (FILES.output_path(src), FILES.url(src)) == files


def test_absolute_urls_need_site_url() -> None:
    assert DIRECTORY.absolute("briefs/ford.md") == "https://news.example.com/desk/briefs/ford/"
    assert DIRECTORY.absolute("index.md") == "https://news.example.com/desk/"
    assert FILES.absolute("briefs/ford.md") is None


def test_the_sample_site_has_a_site_url_so_its_sitemap_is_filled() -> None:
    settings = load_site(REPO / "mkdocs.yml").settings
    assert settings.site_url and settings.site_url.startswith("https://")
    assert settings.public_urls.absolute("index.md") == settings.site_url


def test_without_directory_urls_a_docs_page_named_like_a_folder_does_not_clash(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "categories.md").write_text("# Mine\n", "utf-8")
    generated = ["categories/index.md", "briefs/a.md"]
    assert clashes(generated, docs, FILES) == []
    (problem,) = clashes(generated, docs, DIRECTORY)
    assert "publishes at /categories/, where newsbriefs generates categories/index.md" in (
        problem.message
    )


@pytest.mark.e2e
def test_a_site_without_directory_urls_builds_strictly_with_working_links(
    site: SiteFactory,
) -> None:
    site.create(
        {
            "a.yaml": brief_yaml(related=["b"]),
            "b.yaml": brief_yaml(title="Oil Slips", category="Energy"),
        },
        docs={"categories.md": "# My own page about categories\n"},
    )
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "use_directory_urls: false\n", "utf-8")
    assert generate(load_site(config).settings).files  # no clash with docs/categories.md
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    built = site.root / "site"
    assert (built / "briefs" / "a.html").is_file()
    assert (built / "categories.html").is_file()
    assert (built / "categories" / "index.html").is_file()
    checked = 0
    for page in built.rglob("*.html"):
        url = page.relative_to(built).as_posix()
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for a in soup.select("article a[href]"):
            href = str(a["href"])
            if urlsplit(href).scheme or href.startswith("#"):
                continue
            target = urlsplit(urljoin(url, href)).path
            assert (built / target).is_file(), (url, href)
            checked += 1
    assert checked >= 6


@pytest.mark.e2e
def test_the_sample_sites_sitemap_lists_brief_pages_by_absolute_url(sample_site: Path) -> None:
    tree = ElementTree.parse(sample_site / "sitemap.xml")
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = {loc.text for loc in tree.iter(f"{namespace}loc")}
    assert "https://briefs.example.org/" in urls
    assert "https://briefs.example.org/briefs/ford-xiaomi-ev-talks/" in urls


_FOLDERS = st.lists(st.sampled_from(["a", "b", "briefs", "tickers", "page", "é"]), max_size=4)
_FILE = st.sampled_from(["index.md", "x.md", "2.md", "a.md"])


@given(_FOLDERS, _FILE, _FOLDERS, _FILE)
def test_relative_is_relpath_for_pages_of_the_docs_tree(
    source: list[str], source_file: str, target: list[str], target_file: str
) -> None:
    from_page, to_page = "/".join([*source, source_file]), "/".join([*target, target_file])
    expected = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    assert urls.relative(from_page, to_page) == expected
