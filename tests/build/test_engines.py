"""The same briefs on every engine: `briefs build --engine mkdocs|properdocs|zensical`.

The repository's sample site is built once per engine (each in its own copy); the pages,
the seed brief and every article must be the same on all three. Then each copy takes a
brief no test has seen (it must appear) and a broken brief (site/ must not change). Last,
the Markdown contract: the generated pages use only extensions that every engine has.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import textwrap
import tomllib
import uuid
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.build import engines, site_folder, zensical
from generator.cli.main import main
from generator.settings import load_site, read_site_config
from support import (
    REPO,
    RICH,
    SiteFactory,
    brief_yaml,
    briefs_in_process,
    copy_sample,
    tree_digest,
)
from support.engines import ENGINES, build
from support.reading import article_links

SEED = "briefs/ford-xiaomi-ev-talks"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Engine -> the project folder of a copy of the sample site built with that engine."""
    roots = {engine: copy_sample(tmp_path_factory.mktemp(f"sample-{engine}")) for engine in ENGINES}
    # Three independent processes in three folders: run them side by side.
    with ThreadPoolExecutor(max_workers=len(ENGINES)) as pool:
        results = dict(zip(ENGINES, pool.map(build, roots.values(), ENGINES), strict=True))
    briefs = len([p for p in (REPO / "briefs").rglob("*.yaml") if "_data" not in p.parts])
    summaries = {}
    for engine, (status, output) in results.items():
        assert status == 0, output
        # The summary line, the same counts whichever engine; plain text, as in CI logs.
        summary = re.search(
            rf"^briefs: built site/ with {engine}: {briefs} briefs, (\d+) pages, 0 warnings, "
            r"\d+\.\d s$",
            output,
            re.MULTILINE,
        )
        assert summary is not None, output
        summaries[engine] = summary[1]
        assert "\x1b" not in output and "\u280b" not in output  # no colour, no spinner
    assert len(set(summaries.values())) == 1, summaries
    return roots


def html_pages(site_dir: Path) -> set[str]:
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}


def article(site_dir: Path, url_path: str) -> BeautifulSoup:
    soup = BeautifulSoup((site_dir / url_path / "index.html").read_text("utf-8"), "html.parser")
    found = soup.select_one("article.md-content__inner")
    assert found is not None, url_path
    for skip in found.select("a#__skip"):  # Zensical's skip-link target; not content
        skip.decompose()
    # A search pragma (Material's `data-search-exclude`) is read by the engine's search, and
    # Zensical removes it from the page once read; the content around it is the same.
    for pragma in found.select("[data-search-exclude]"):
        del pragma["data-search-exclude"]
    return found


def _as_one_line(found: BeautifulSoup) -> str:
    return " ".join(str(found).split())


@functools.cache
def _article_as_one_line(site_dir: Path, url_path: str) -> str:
    """MkDocs' article, read once for the engines it is compared with."""
    return _as_one_line(article(site_dir, url_path))


# ---------------------------------------------------------------------------------------------
# The sample site on each engine.


@pytest.mark.e2e
def test_every_engine_publishes_the_same_pages(built: dict[str, Path]) -> None:
    pages = {engine: html_pages(root / "site") for engine, root in built.items()}
    expected = {"index.html", "about/index.html", "categories/index.html"}
    expected |= {
        f"briefs/{p.stem}/index.html"
        for p in (REPO / "briefs").rglob("*.yaml")
        if "_data" not in p.parts  # the registries
    }
    expected |= {
        f"categories/{slug}/index.html"
        for slug in ("autos", "economy", "energy", "stock-markets", "technology")
    }
    for engine, found in pages.items():
        assert expected <= found, (engine, sorted(expected - found))
        assert found == pages["mkdocs"], (engine, sorted(found ^ pages["mkdocs"]))


@pytest.mark.e2e
@pytest.mark.parametrize("engine", ENGINES)
def test_seed_brief_on_each_engine(built: dict[str, Path], engine: str) -> None:
    site_dir = built[engine] / "site"
    page = article(site_dir, SEED)
    assert page.h1 is not None and page.h1.get_text().startswith("Ford Rejects Report")
    box = page.select_one("div.admonition.abstract")
    assert box is not None and box.select_one(".admonition-title").get_text() == "Key Points"
    assert len(box.select("li")) >= 3
    assert page.select_one("p.nb-kicker a").get_text() == "Stock Markets"
    heading = page.find("h2", id="more-from-stock-markets")
    assert heading is not None and heading.get_text().startswith("More from Stock Markets")
    # the briefs of its category before it that no list above shows (issue 26)
    assert len(heading.find_next("ul").find_all("a")) == 1
    pair = page.select(".nb-pair a.nb-sequence__link")
    assert [a["rel"] for a in pair] == [["prev"], ["next"]]  # the pair, on every engine
    stylesheets = [link["href"] for link in page.find_parent("html").select("link[rel=stylesheet]")]
    assert "../../assets/newsbriefs/newsbriefs.css" in stylesheets
    assert (site_dir / "assets" / "newsbriefs" / "newsbriefs.css").is_file()
    checked = 0
    for a in page.select("a[href]"):
        href = a["href"]
        if urlsplit(href).scheme or href.startswith("#"):
            continue
        target = urlsplit(urljoin(f"/{SEED}/", href)).path.lstrip("/")
        assert (site_dir / target).is_file() or (site_dir / target / "index.html").is_file(), href
        checked += 1
    assert checked >= 8


@pytest.mark.e2e
@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_article_is_the_same_as_with_mkdocs(built: dict[str, Path], engine: str) -> None:
    """Main content, HTML for HTML: the engines differ in their chrome, not in the briefs."""
    reference = built["mkdocs"] / "site"
    pages = sorted(html_pages(reference) - {"404.html"})
    assert len(pages) > 10, pages  # the comparison below covers the whole sample site
    for page in pages:
        if 'http-equiv="refresh"' in (reference / page).read_text("utf-8") or page.endswith(
            "/email.html"
        ):
            # a renamed brief's redirect, a digest's e-mail: the pipeline's own page, the same
            # file everywhere
            assert (built[engine] / "site" / page).read_bytes() == (reference / page).read_bytes()
            continue
        url_path = page.removesuffix("index.html")
        ours = _as_one_line(article(built[engine] / "site", url_path))
        assert ours == _article_as_one_line(reference, url_path), page


@pytest.mark.e2e
@pytest.mark.parametrize("engine", ENGINES)
def test_nav_lists_categories_and_own_pages_but_no_briefs(
    built: dict[str, Path], engine: str
) -> None:
    soup = BeautifulSoup(
        (built[engine] / "site" / SEED / "index.html").read_text("utf-8"), "html.parser"
    )
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    labels = {a.get_text(strip=True) for a in nav.find_all("a")}
    assert {"Home", "Stock Markets", "Energy", "About"} <= labels
    assert not any("briefs/" in a["href"] for a in nav.find_all("a", href=True))


@pytest.mark.e2e
@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_frames_the_page_as_a_newsroom(built: dict[str, Path], engine: str) -> None:
    """The masthead's logo and site name lead home, and the section bar lists the categories,
    then the other sections, each to a page of the site: the same frame on every engine."""
    site_dir = built[engine] / "site"
    soup = BeautifulSoup((site_dir / SEED / "index.html").read_text("utf-8"), "html.parser")

    def target(a: Any) -> str:
        return urlsplit(urljoin(f"/{SEED}/", a["href"])).path

    name = soup.select_one(".md-header a.nb-masthead__name")
    logo = soup.select_one(".md-header a.md-logo")
    assert name is not None and name.get_text(strip=True) == "Market Briefs"
    assert logo is not None and target(name) == target(logo) == "/"
    bar = soup.select_one("nav.nb-sections")
    assert bar is not None
    labels = [a.get_text(strip=True) for a in bar.select("a")]
    categories = ["Stock Markets", "Economy", "Technology", "Autos", "Energy"]
    assert labels[: len(categories)] == categories, labels
    assert {"Tickers", "Stories", "Archive", "Risks", "About"} <= set(labels), labels
    for a in bar.select("a"):
        path = target(a).lstrip("/")
        assert (site_dir / path / "index.html").is_file(), a["href"]
    assert soup.select_one('meta[name="newsbriefs:toc"]') is None  # no contents unless asked


@pytest.mark.e2e
@pytest.mark.parametrize("engine", ENGINES)
def test_new_brief_appears_and_a_broken_one_leaves_the_site_as_it_was(
    built: dict[str, Path], engine: str, tmp_path: Path
) -> None:
    root = tmp_path / "project"
    shutil.copytree(built[engine], root, symlinks=True)  # built site, staged tree and cache
    token = uuid.uuid4().hex[:10]
    title = f"Unseen Brief {token}"
    new = root / "briefs" / "2026" / "03" / f"unseen-{token}.yaml"
    new.parent.mkdir(parents=True)
    new.write_text(brief_yaml(date="2026-03-02", title=title, category="Energy"), "utf-8")
    linked = _add_a_brief_with_new_terms(root, token)
    status, output = build(root, engine)
    assert status == 0, output
    site_dir = root / "site"
    assert article(site_dir, f"briefs/unseen-{token}").h1.get_text().startswith(title)
    assert article(site_dir, "categories/energy").select("ul a")[0].get_text() == title
    assert title in article(site_dir, "").get_text()
    _assert_linked_both_ways(site_dir, *linked)

    before = tree_digest(site_dir)
    (root / "briefs" / "bad.yaml").write_text("title: X\ndate: 2026-13-01\n", "utf-8")
    status, output = build(root, engine)
    assert status == 1, output
    assert "briefs/bad.yaml:2:7: date: '2026-13-01' is not a real calendar date" in output
    # The briefs are at fault, and the command says so, whichever engine ran them.
    assert "4 errors in briefs/" in output and "build failed" not in output, output
    assert tree_digest(site_dir) == before
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".site.")]
    assert not leftovers and not (root / zensical.ZENSICAL_DIR / "site").exists()


def _add_a_brief_with_new_terms(root: Path, token: str) -> tuple[str, list[str]]:
    """A second unseen brief, with a new ticker and entity (registered, so the strict build
    has no warning to fail on) and the sample's own ticker, tag, story, author: its address
    and the term pages that must list it."""
    ticker, entity = f"Z{token[:6].upper()}", f"Entity {token[:6]}"
    new = root / "briefs" / "2026" / "03" / f"linked-{token}.yaml"
    new.write_text(
        brief_yaml(
            date="2026-03-02",
            title=f"Linked brief {token}",
            byline="Caleb Monroe",
            tickers=[ticker, "F"],
            entities=[entity],
            tags=["China"],
            story="ford-china-partnerships",
        ),
        "utf-8",
    )
    with (root / "briefs" / "_data" / "tickers.yaml").open("a", encoding="utf-8") as f:
        f.write(f"{ticker}: {{name: Unseen Corp, exchange: NYSE}}\n")
    with (root / "briefs" / "_data" / "entities.yaml").open("a", encoding="utf-8") as f:
        f.write(textwrap.dedent(f"{entity}:\n  kind: company\n"))
    pages = [
        f"tickers/{ticker.lower()}/",
        f"entities/entity-{token[:6]}/",
        "tickers/f/",
        "tags/china/",
        "stories/ford-china-partnerships/",
        "authors/caleb-monroe/",
        "archive/2026/03/",
        "categories/stock-markets/",
    ]
    return f"briefs/linked-{token}/", pages


def _assert_linked_both_ways(site_dir: Path, brief: str, pages: list[str]) -> None:
    """A brief no test has seen appears on every matching page, and links each back."""
    for page in pages:
        assert brief in article_links(site_dir, page), page
        assert page in article_links(site_dir, brief), page
    assert brief in article_links(site_dir, "archive/2026/")  # the year lists it


@pytest.fixture(scope="module")
def one_brief_built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Engine -> the project folder of a one-brief site built with that engine."""
    roots = {
        engine: SiteFactory(tmp_path_factory.mktemp(f"one-brief-{engine}")).create(
            {"a.yaml": brief_yaml()}
        )
        for engine in ENGINES
    }
    with ThreadPoolExecutor(max_workers=len(ENGINES)) as pool:
        results = dict(zip(ENGINES, pool.map(build, roots.values(), ENGINES), strict=True))
    for status, output in results.values():
        assert status == 0, output
    return roots


@pytest.mark.e2e
@pytest.mark.parametrize("engine", ENGINES)
def test_a_failing_engine_build_leaves_the_site_as_it_was(
    engine: str, site: SiteFactory, one_brief_built: dict[str, Path]
) -> None:
    """The briefs are fine; the engine fails (a broken link in a page of docs/)."""
    shutil.copytree(one_brief_built[engine], site.root, symlinks=True, dirs_exist_ok=True)
    before = tree_digest(site.root / "site")
    (site.root / "docs" / "about.md").write_text("# About\n\n[gone](missing.md)\n", "utf-8")
    status, output = build(site.root, engine)
    assert status == 1, output
    assert f"briefs: {engine} build failed" in output and "site/ was left as it was" in output
    assert tree_digest(site.root / "site") == before


# ---------------------------------------------------------------------------------------------
# The command.


def test_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    result = briefs_in_process(tmp_path, "build", "--engine", "hugo")
    assert result.returncode == 2 and "'hugo' is not one of 'mkdocs'" in result.stderr


def test_missing_engine_says_what_to_install(
    site: SiteFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site.create({"a.yaml": brief_yaml()})
    monkeypatch.chdir(site.root)
    monkeypatch.setattr(engines.Engine, "installed", lambda self: False)
    assert main(["build", "--engine", "zensical"]) == 2
    assert "pip install 'zensical==0.0.73'" in capsys.readouterr().err
    assert not (site.root / "site").exists()


def test_config_without_the_required_extensions_is_a_usage_error(
    site: SiteFactory, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site.create({"a.yaml": brief_yaml()})
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - attr_list\n", ""), "utf-8")
    monkeypatch.chdir(site.root)
    for engine in ENGINES:
        assert main(["build", "--engine", engine]) == 2
        assert "markdown_extensions must list attr_list" in capsys.readouterr().err


def test_missing_extensions_follows_each_engines_defaults() -> None:
    mkdocs, zensical = engines.ENGINES["mkdocs"], engines.ENGINES["zensical"]
    assert engines.missing_extensions(mkdocs, {}) == ["admonition", "attr_list"]
    assert engines.missing_extensions(zensical, {}) == []  # Zensical's defaults have them
    listed = {"markdown_extensions": ["admonition", {"attr_list": None}]}
    assert engines.missing_extensions(mkdocs, listed) == []
    assert engines.missing_extensions(zensical, {"markdown_extensions": ["admonition"]}) == [
        "attr_list"
    ]


def test_swap_replaces_the_site_in_one_rename(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    (site_dir / "old").mkdir(parents=True)
    new = site_folder.fresh_folder(site_dir)
    (new / "index.html").write_text("new", "utf-8")
    site_folder.swap_in(new, site_dir)
    assert [p.name for p in site_dir.iterdir()] == ["index.html"]
    assert [p.name for p in tmp_path.iterdir()] == ["site"]
    umask = os.umask(0)
    os.umask(umask)
    assert site_dir.stat().st_mode & 0o777 == 0o777 & ~umask  # not mkdtemp's private 0o700


# ---------------------------------------------------------------------------------------------
# The Markdown contract: only extensions that every engine has.

# Syntax of Markdown extensions that the generated pages must not use: each would render on
# one engine and show as literal text (or differently) on another, or depend on a config the
# site may not have. A new template feature that needs one of these must first make every
# engine load it (REQUIRED_MARKDOWN_EXTENSIONS, mkdocs.yml, Zensical's defaults).
FOREIGN_SYNTAX: dict[str, re.Pattern[str]] = {
    "pymdownx.details (??? / ???+)": re.compile(r"^\s*\?\?\?\+?\s", re.M),
    "pymdownx.tabbed (===)": re.compile(r'^\s*===\+?\s+"', re.M),
    "pymdownx.blocks (///)": re.compile(r"^\s*///", re.M),
    "fenced divs / callouts (:::)": re.compile(r"^\s*:::", re.M),
    "footnotes ([^1])": re.compile(r"(?<!\\)\[\^"),
    "abbr (*[HTML]:)": re.compile(r"^\*\[[^\]]+\]:", re.M),
    "def_list (: definition)": re.compile(r"^:\s{1,3}\S", re.M),
    "macros / Jinja ({% %}, {{ }})": re.compile(r"\{%|\{\{"),
    "md_in_html (markdown attribute)": re.compile(r"<\w+[^>]*\smarkdown(=|\s|>)"),
    "HTML blocks (<div>, <details>, <table>)": re.compile(r"<(div|details|table|section)\b"),
    "fenced code (``` or ~~~)": re.compile(r"^\s*(```|~~~)", re.M),
    "pymdownx.tasklist (- [ ])": re.compile(r"^\s*[-*] \[[ xX]\]\s", re.M),
    "pymdownx.mark / caret / tilde (==, ^^, ~~)": re.compile(r"==\S[^=\n]*\S==|\^\^\S|~~\S"),
    "pymdownx.keys (++ctrl++)": re.compile(r"\+\+[a-z0-9]+(\+[a-z0-9]+)*\+\+"),
    "pymdownx.emoji (:shortcode:)": re.compile(r"(?<![\w/]):[a-z][a-z0-9_-]*[a-z0-9]:(?!\d)"),
    "pymdownx.arithmatex ($$)": re.compile(r"\$\$"),
    "pymdownx.snippets (--8<--)": re.compile(r"-{2}8<-{2}"),
    "pymdownx.critic ({++ ++})": re.compile(r"\{(\+\+|--|~~|==|>>)"),
    "tables (| --- |)": re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|", re.M),
}


def foreign_syntax(markdown: str) -> list[str]:
    return [name for name, pattern in FOREIGN_SYNTAX.items() if pattern.search(markdown)]


@pytest.mark.parametrize(
    "sample",
    [
        '??? note "More"\n    text\n',
        '=== "Tab"\n    text\n',
        "/// details\ntext\n///\n",
        "::: warning\n",
        "A claim.[^1]\n",
        "*[SEC]: Securities and Exchange Commission\n",
        "Term\n:   Definition\n",
        "{{ page.title }}\n",
        '<div class="x" markdown>\n**x**\n</div>\n',
        "<details><summary>x</summary></details>\n",
        "```python\nx = 1\n```\n",
        "- [x] done\n",
        "==marked== text\n",
        "Press ++ctrl+c++\n",
        "Up :rocket: today\n",
        "$$x$$\n",
        '--8<-- "file.md"\n',
        "{++added++}\n",
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n",
    ],
)
def test_the_scan_finds_each_foreign_syntax(sample: str) -> None:
    assert foreign_syntax(sample), sample


def test_the_scan_accepts_what_the_templates_write() -> None:
    ours = (
        '---\ntitle: "A: B"\n---\n\n!!! abstract "Key Points"\n\n    - Point.\n\n'
        "[Stock Markets](../categories/stock-markets/index.md) · "
        '<time datetime="2026-01-31T09:30:00-05:00">January 31, 2026</time>\n'
        '{: .nb-kicker }\n\n# Title\n\nBy A <span class="nb-ticker">F</span>\n'
        "\\[^1\\] &#123;&#123; x &#125;&#125; 9:30:00 ratio 1:2\n"
    )
    assert foreign_syntax(ours) == []


def generated_markdown(tmp_path: Path) -> dict[str, str]:
    """Every page the sample site generates (drafts included), and a brief with every field
    and every note kind."""
    from generator.build.pipeline import generate

    settings = load_site(REPO / "mkdocs.yml").settings
    pages = dict(generate(settings, drafts=True).files)
    site = SiteFactory(tmp_path)
    fields = yaml.safe_load(RICH)
    fields["notes"] = [
        {"title": kind.title(), "text": "Text.", "kind": kind}
        for kind in ("note", "info", "tip", "warning")
    ]
    site.create(
        {
            "rich.yaml": yaml.safe_dump(fields, sort_keys=False),
            "older.yaml": brief_yaml(date="2026-01-02", title="Older", draft=True),
        }
    )
    rich = generate(load_site(site.root / "mkdocs.yml").settings, drafts=True).files
    pages |= {f"rich/{path}": text for path, text in rich.items()}
    return {path: text for path, text in pages.items() if path.endswith(".md")}


def test_generated_markdown_uses_only_extensions_every_engine_has(tmp_path: Path) -> None:
    pages = generated_markdown(tmp_path)
    assert len(pages) > 30
    found = {path: foreign_syntax(text) for path, text in pages.items()}
    assert {path: names for path, names in found.items() if names} == {}
    # ...and it does use what it declares, so the list below stays honest.
    every = "\n".join(pages.values())
    assert "!!! abstract" in every and "!!! warning" in every  # admonition
    assert "{: .nb-kicker }" in every  # attr_list


def test_every_engine_loads_the_required_extensions() -> None:
    required = set(engines.REQUIRED_MARKDOWN_EXTENSIONS)
    # (a) the sample site lists them (MkDocs and ProperDocs load only what is listed).
    config = read_site_config(REPO / "mkdocs.yml")
    assert required <= (engines.extension_names(config) or set()) | {"toc"}
    for engine in engines.ENGINES.values():
        assert engines.missing_extensions(engine, config) == [], engine.name
    # (b) Zensical, the version we pin, has them by default (and so also without the key).
    from zensical.config import DEFAULT_MARKDOWN_EXTENSIONS

    assert metadata.version("zensical") == engines.ZENSICAL_VERSION
    assert required <= set(DEFAULT_MARKDOWN_EXTENSIONS)
    # (c) ...and every Python-Markdown the engines use can load them.
    import markdown

    html = markdown.markdown(
        '!!! note "T"\n\n    x\n\nP\n{: .c }\n\n# H\n', extensions=sorted(required)
    )
    assert 'class="admonition note"' in html and 'class="c"' in html and 'id="h"' in html


def test_the_zensical_pin_is_the_same_everywhere() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    extra = pyproject["project"]["optional-dependencies"]["engines"]
    assert f"zensical=={engines.ZENSICAL_VERSION}" in extra
    assert any(dep.startswith("properdocs") for dep in extra)
    assert "newsbriefs[test,engines]" in pyproject["project"]["optional-dependencies"]["dev"]
    assert f"Zensical {engines.ZENSICAL_VERSION}" in (REPO / "README.md").read_text("utf-8")


@pytest.mark.e2e
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_site_custom_dir_layers_over_our_overrides_over_material(
    tmp_path: Path, engine: str
) -> None:
    """Our main.html (theme/overrides) includes partials/newsbriefs/head.html; a site's
    custom_dir replacing only that partial is used, on MkDocs (plugin layering) and on
    Zensical (staged custom_dir), and the site's own copy wins over ours."""
    root = SiteFactory(tmp_path).create({"a.yaml": brief_yaml()})
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  font: false\n", "  font: false\n  custom_dir: mine\n"),
        "utf-8",
    )
    partial = root / "mine" / "partials" / "newsbriefs" / "head.html"
    partial.parent.mkdir(parents=True)
    partial.write_text('<meta name="x-layer" content="site">\n', "utf-8")
    status, output = build(root, engine)
    assert status == 0, output
    page = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert [m["content"] for m in page.select('head meta[name="x-layer"]')] == ["site"]
    assert page.select_one("head link[rel=stylesheet]") is not None  # still Material's base
