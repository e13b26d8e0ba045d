"""A brief page's lists (generator/graph/lists.py), and the links between names (issue 26).

- Each brief at most once in a page's lists (Story, then Related, then More from), and Related
  and More from leave out the previous/next pair under the brief, each list keeping its length
  while candidates remain; each list newest first. Checked on the index, and on every brief page
  of two real builds: the sample site and a generated site of 160 briefs.
- The previous/next pair: a labelled pair of links under the brief, before the lists.
- An entity's page links its ticker and the ticker's page its entity and its sector.
- The front page's "Most covered" says which days it counts.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from corpus.markdown_union import render_html
from corpus.synthetic import make_site
from generator.build.pipeline import generate
from generator.graph.index import THREAD_WINDOW, SiteIndex, build_index
from generator.graph.lists import brief_lists
from generator.graph.related import COUNT
from generator.settings import Settings
from generator.source.loader import parse_brief_text
from generator.source.markup import syntax_problem
from generator.source.model import MAX_SHORT, Brief, parse_brief
from support import brief_yaml, mkdocs_build_in_process
from support.hostile import HOSTILE, assert_inert

# ---------------------------------------------------------------------------------------------
# On the index: which briefs each list takes.


def _brief(slug: str, **fields: object) -> Brief:
    raw, _ = parse_brief_text(Path(f"{slug}.yaml"), brief_yaml(slug=slug, **fields))
    assert raw is not None
    brief, problems = parse_brief(raw)
    assert brief is not None, problems
    return brief


def _index(briefs: list[Brief]) -> SiteIndex:
    index, problems = build_index(briefs)
    assert not [problem for problem in problems if problem.severity == "error"], problems
    return index


def _day(n: int) -> str:
    return f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}"


def _slugs(briefs: tuple[Brief, ...]) -> list[str]:
    return [brief.slug for brief in briefs]


def test_related_leaves_out_the_story_and_the_neighbours_and_keeps_its_length() -> None:
    # Twelve briefs of one story and ticker, in one category: the newest's story shows the
    # six before it, its previous brief is one of them; twelve others share the ticker.
    story = [_brief(f"story-{n}", date=_day(n), story="saga", tickers=["F"]) for n in range(12)]
    others = [
        _brief(f"other-{n}", date=_day(n), tickers=["F"], category="Energy") for n in range(12)
    ]
    filler = [_brief(f"filler-{n}", date=_day(n), tags=[f"t{n}"]) for n in range(30)]
    index = _index(story + others + filler)
    newest = index.by_slug["story-11"]
    lists = brief_lists(index, newest, more_from=5)

    assert lists.thread is not None
    timeline = set(_slugs(lists.thread.briefs)) - {newest.slug}
    assert len(timeline) == THREAD_WINDOW - 1
    related = _slugs(lists.related)
    assert len(related) == COUNT  # places of briefs shown above taken by the next best
    assert not timeline & set(related)
    assert lists.neighbours[0] is not None and lists.neighbours[0].slug not in related
    # Without the lists' rule the related briefs were the story's: all shown already.
    assert set(_slugs(index.related[newest.slug])) <= timeline


def test_more_from_leaves_out_every_brief_shown_above_and_keeps_its_length() -> None:
    briefs = [_brief(f"b{n}", date=_day(n), story="saga" if n > 14 else None) for n in range(20)]
    index = _index(briefs)
    lists = brief_lists(index, index.by_slug["b19"], more_from=5)
    assert lists.thread is not None
    above = set(_slugs(lists.thread.briefs)) | set(_slugs(lists.related))
    above |= {other.slug for other in lists.neighbours if other is not None}
    more = _slugs(lists.more_from)
    assert len(more) == 5 and not above & set(more)
    assert more == ["b14", "b13", "b12", "b11", "b10"]  # the nearest before, past the story


def test_an_authors_link_is_always_listed_unless_the_story_shows_it() -> None:
    briefs = [
        _brief("a", date="2026-01-01", story="saga"),
        _brief("b", date="2026-01-02", story="saga"),
        _brief("c", date="2026-01-03", category="Energy"),
        _brief("d", date="2026-01-04", related=["a", "c"], story="saga"),
        *[_brief(f"filler-{n}", date=_day(n), tags=[f"t{n}"]) for n in range(10)],
    ]
    index = _index(briefs)
    lists = brief_lists(index, index.by_slug["d"], more_from=5)
    assert "a" not in _slugs(lists.related)  # in the timeline, above
    assert "c" in _slugs(lists.related)


def test_each_list_is_newest_first() -> None:
    briefs = [
        _brief(f"b{n}", date=_day(n), tickers=["F"], tags=["x"] if n % 2 else ["y"])
        for n in range(30)
    ] + [_brief(f"filler-{n}", date=_day(n), tags=[f"t{n}"], category="Energy") for n in range(9)]
    index = _index(briefs)
    for brief in index.briefs:
        lists = brief_lists(index, brief, more_from=5)
        for listed in (lists.related, lists.more_from):
            keys = [other.sort_key for other in listed]
            assert keys == sorted(keys, reverse=True), brief.slug


# ---------------------------------------------------------------------------------------------
# On built pages.


def _brief_href(page_url: str, href: str) -> str | None:
    """The slug of a brief a link leads to, or None."""
    path = urlsplit(urljoin(f"https://x/{page_url}", href)).path.strip("/").split("/")
    return path[1] if len(path) == 2 and path[0] == "briefs" else None


def _page_lists(
    site_dir: Path, url: str
) -> tuple[dict[str, list[tuple[str, str]]], list[str]] | None:
    """A built brief page's lists, heading -> [(brief slug or "", date)], in page order, and
    the slugs of its previous/next pair; None for a redirect (a renamed brief's old address)."""
    soup = BeautifulSoup((site_dir / url / "index.html").read_text("utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        assert soup.select_one('meta[http-equiv="refresh"]') is not None, url
        return None
    lists: dict[str, list[tuple[str, str]]] = {}
    for listing in article.select("ul.nb-list"):
        heading = listing.find_previous_sibling("h2")
        assert isinstance(heading, Tag), url
        rows = []
        for item in listing.find_all("li", recursive=False):
            link, time = item.find("a"), item.find("time")
            if time is None:
                continue  # "Later briefs", "N earlier briefs": the story's page
            slug = _brief_href(url, str(link["href"])) if isinstance(link, Tag) else ""
            rows.append((slug or "", str(time["datetime"])))
        lists[heading.get_text(" ", strip=True).removesuffix("¶").strip()] = rows
    pair = [
        _brief_href(url, str(link["href"])) or ""
        for link in article.select(".nb-pair a.nb-sequence__link")
    ]
    return lists, pair


def _check_brief_pages(site_dir: Path) -> int:
    """Every brief page of a built site: no brief twice in its lists, none of its pair in
    Related or More from, each list newest first; the pair before the lists. Returns how
    many pages listed something, so a test can tell its check ran."""
    pages = sorted(path.parent.name for path in (site_dir / "briefs").glob("*/index.html"))
    assert pages
    checked = 0
    for slug in pages:
        url = f"briefs/{slug}/"
        if (found := _page_lists(site_dir, url)) is None:
            continue
        lists, pair = found
        listed = [row for rows in lists.values() for row in rows if row[0]]
        twice = [s for s, n in Counter(s for s, _ in listed).items() if n > 1]
        assert not twice, f"{url} lists {twice} more than once: {lists}"
        assert slug not in [s for s, _ in listed]
        for heading, rows in lists.items():
            days = [stamp[:10] for _, stamp in rows]
            assert days == sorted(days, reverse=True), f"{url}: {heading} not newest first"
            if not heading.startswith("Story"):
                assert not set(pair) & {s for s, _ in rows}, f"{url}: {heading} repeats {pair}"
        html = (site_dir / url / "index.html").read_text("utf-8")
        if pair and lists:
            assert html.index('class="nb-sequence nb-pair"') < html.index('class="nb-list"'), url
        checked += bool(listed)
    return checked


def test_the_sample_sites_brief_pages_list_no_brief_twice(sample_site: Path) -> None:
    assert _check_brief_pages(sample_site) > 10


@pytest.fixture(scope="module")
def larger_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("larger")
    make_site(root, 160, plugin=True, material_search=False)
    out = root / "site"
    result = mkdocs_build_in_process(root, "-d", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_a_larger_sites_brief_pages_list_no_brief_twice(larger_site: Path) -> None:
    assert _check_brief_pages(larger_site) > 100


def test_previous_and_next_are_a_labelled_pair_under_the_brief(sample_site: Path) -> None:
    url = "briefs/ford-xiaomi-ev-talks/"
    soup = BeautifulSoup((sample_site / url / "index.html").read_text("utf-8"), "html.parser")
    pair = soup.select_one(".nb-pair")
    assert pair is not None and pair.get("aria-label") == "Previous and next brief"
    links = pair.select("a.nb-sequence__link")
    labels = [link.select_one(".nb-sequence__label").get_text() for link in links]  # type: ignore[union-attr]
    assert labels == ["Previous in Stock Markets", "Next in Stock Markets"]
    assert [link["rel"] for link in links] == [["prev"], ["next"]]
    for link in links:
        title = link.select_one(".nb-sequence__title")
        assert title is not None and title.get_text().strip()
        target = _brief_href(url, str(link["href"]))
        assert target and (sample_site / "briefs" / target / "index.html").is_file()


def test_hostile_headlines_stay_text_in_the_pair_and_the_lists(tmp_path: Path) -> None:
    """Each payload of the corpus as a headline, in one category and story: every brief's
    previous/next pair, timeline, related and more-from lists show it as text."""
    texts = [t.replace("\n", " ")[:MAX_SHORT] for t in HOSTILE if syntax_problem(t) is None]
    (tmp_path / "briefs").mkdir()
    for n, text in enumerate(texts):
        brief = brief_yaml(title=text, date=_day(n), story="saga", tickers=["F"], tags=["x"])
        (tmp_path / "briefs" / f"b{n}.yaml").write_text(brief, "utf-8")
    pages = generate(Settings(root=tmp_path)).files
    shown = 0
    for n in range(len(texts)):
        page = pages[f"briefs/b{n}.md"]
        assert isinstance(page, str)
        lists = page[page.index('<p class="nb-sequence nb-pair"') :]
        soup = render_html(lists)
        assert_inert(soup, n)
        titles = [t.get_text() for t in soup.select(".nb-sequence__title")]
        assert all(title.strip() for title in titles), titles  # shown, as text
        shown += len(titles)
    assert shown >= len(texts)


# ---------------------------------------------------------------------------------------------
# Names link to their pages.


def _article_links(site_dir: Path, url: str) -> dict[str, str]:
    """Site path a link of the page's article leads to -> its text."""
    soup = BeautifulSoup((site_dir / url / "index.html").read_text("utf-8"), "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    return {
        urlsplit(urljoin(f"https://x/{url}", str(a["href"]))).path.strip("/"): a.get_text(
            " ", strip=True
        )
        for a in article.select("a[href]")
    }


def test_an_entity_links_its_ticker_and_the_ticker_its_entity(sample_site: Path) -> None:
    entity = _article_links(sample_site, "entities/ford/")
    assert entity.get("tickers/f") == "Ticker F"
    ticker = _article_links(sample_site, "tickers/f/")
    assert ticker.get("entities/ford")
    # Every ticker with a company page is linked from it, and back.
    for path in sorted((sample_site / "tickers").glob("*/index.html")):
        url = f"tickers/{path.parent.name}/"
        companies = [p for p in _article_links(sample_site, url) if p.startswith("entities/")]
        for company in companies[:1]:  # the "Company:" link comes first
            assert url.strip("/") in _article_links(sample_site, company + "/"), (url, company)


def test_a_tickers_sector_links_to_the_sectors_page(sample_site: Path) -> None:
    links = _article_links(sample_site, "tickers/f/")
    sector = [path for path in links if path.startswith("sectors/")]
    assert sector == ["sectors/automotive"], links
    assert (sample_site / "sectors" / "automotive" / "index.html").is_file()


def test_a_risks_sectors_link_to_their_pages(sample_site: Path) -> None:
    found = 0
    for path in sorted((sample_site / "briefs").glob("*/index.html")):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for chip in soup.select(".nb-risks + ul .nb-chip"):
            link = chip.find("a")
            assert isinstance(link, Tag), (path, chip)
            target = urljoin(f"https://x/briefs/{path.parent.name}/", str(link["href"]))
            assert urlsplit(target).path.startswith("/sectors/")
            found += 1
    assert found


def test_the_front_page_says_which_days_most_covered_counts(sample_site: Path) -> None:
    soup = BeautifulSoup((sample_site / "index.html").read_text("utf-8"), "html.parser")
    window = soup.select_one(".nb-window")
    assert window is not None
    text = window.get_text(" ", strip=True)
    assert text.startswith("Briefs in the 28 days to ")
    newest = soup.select("article time")[0]["datetime"]
    assert str(window.find("time")["datetime"]) == newest  # type: ignore[index]
    heading = window.find_previous_sibling("h2")
    assert heading is not None and "Most covered" in heading.get_text()
