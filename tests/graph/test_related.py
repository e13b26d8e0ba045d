"""The cross-linked news graph (issue #14): related briefs scored from shared terms, the
previous and next brief of a category, story timelines, and the risk overview page with its
inline SVG chart. Fast checks run the pipeline in-process; two real builds check that the
links and the chart survive MkDocs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build.nav import default_nav
from generator.build.pipeline import generate
from generator.graph import urls
from generator.graph.index import THREAD_WINDOW, build_index
from generator.graph.related import COUNT, NEAREST, related_briefs
from generator.graph.taxonomies import TAXONOMIES, Taxonomy, at
from generator.settings import Settings
from generator.source.display import title_case
from generator.source.loader import parse_brief_text
from generator.source.model import Brief, parse_brief
from support import SiteFactory, brief_yaml

SVG = "{http://www.w3.org/2000/svg}"


def _brief(slug: str, **fields: object) -> Brief:
    raw, _ = parse_brief_text(Path(f"{slug}.yaml"), brief_yaml(slug=slug, **fields))
    assert raw is not None
    brief, problems = parse_brief(raw)
    assert brief is not None, problems
    return brief


def _filler(count: int) -> list[Brief]:
    """Briefs that share nothing with anyone: they make the site big enough that a term
    on a handful of briefs is a rare one."""
    return [_brief(f"filler-{n}", tags=[f"only-{n}"]) for n in range(count)]


def _related(briefs: list[Brief], slug: str, *, include_newer: bool = True) -> list[str]:
    """The slugs related to ``slug``. The scoring tests compare a brief with briefs on both
    sides of it in time (``related_include_newer``); the stable default is tested below."""
    index, problems = build_index(briefs, related_include_newer=include_newer)
    assert problems == []
    return [brief.slug for brief in index.related.get(slug, ())]


def _site(root: Path, briefs: dict[str, str], **options: object) -> Settings:
    (root / "briefs").mkdir(parents=True, exist_ok=True)
    for name, text in briefs.items():
        (root / "briefs" / name).write_text(text, "utf-8")
    return Settings(root=root, **options)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Related briefs


def test_related_briefs_rank_by_the_weight_of_what_they_share() -> None:
    briefs = [
        _brief("ford", tickers=["F"], entities=["Ford", "Xiaomi"], tags=["autos"]),
        _brief("ticker-and-entity", tickers=["F"], entities=["Ford"]),
        _brief("entity-only", entities=["Xiaomi"]),
        _brief("tag-only", tags=["autos"]),
        _brief("nothing-shared", tickers=["XOM"], tags=["oil"]),
        *_filler(6),
    ]
    assert _related(briefs, "ford") == ["ticker-and-entity", "entity-only", "tag-only"]


def test_explicit_related_come_first_on_both_briefs() -> None:
    briefs = [
        _brief("ford", tickers=["F"], related=["unrelated"]),
        _brief("same-ticker", tickers=["F"]),
        _brief("unrelated", tags=["weather"]),
        *_filler(4),
    ]
    assert _related(briefs, "ford") == ["unrelated", "same-ticker"]
    assert _related(briefs, "unrelated") == ["ford"]


def test_at_most_five_are_shown_and_the_nearest_in_time_win_a_tie() -> None:
    briefs = [
        _brief("ford", date="2026-03-15", tickers=["F"]),
        *[_brief(f"day-{day}", date=f"2026-03-{day:02d}", tickers=["F"]) for day in range(1, 9)],
        *_filler(20),
    ]
    assert len(_related(briefs, "ford")) == COUNT
    assert _related(briefs, "ford") == ["day-8", "day-7", "day-6", "day-5", "day-4"]


def test_equal_scores_go_to_the_newer_brief_then_to_the_slug() -> None:
    briefs = [
        _brief("middle", date="2026-03-15", tickers=["F"]),
        _brief("before", date="2026-03-14", tickers=["F"]),
        _brief("after", date="2026-03-16", tickers=["F"]),  # as near as "before", and newer
        _brief("b-same-day", date="2026-03-10", tickers=["F"]),
        _brief("a-same-day", date="2026-03-10", tickers=["F"]),
        *_filler(20),
    ]
    assert _related(briefs, "middle") == ["after", "before", "a-same-day", "b-same-day"]


def test_a_term_every_brief_has_relates_nothing_and_costs_nothing() -> None:
    briefs = [
        _brief(f"b{n}", date=f"2026-01-{n % 28 + 1:02d}", tags=["markets"]) for n in range(300)
    ]
    found = related_briefs(briefs)
    assert found.links == {}
    assert found.pairs_examined == 0


def _corpus(count: int) -> list[Brief]:
    """Every brief has a tag all others have, a ticker it shares with one other, and every
    third brief a tag that a third of all briefs carry; newest first, as the index orders them."""
    briefs = [
        _brief(
            f"b{n}",
            date=f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            tickers=[f"T{n // 2}"],
            tags=["markets", *(["common"] if n % 3 == 0 else [])],
        )
        for n in range(count)
    ]
    return sorted(briefs, key=lambda brief: brief.sort_key, reverse=True)


@pytest.mark.parametrize("include_newer", [False, True], ids=["stable", "include-newer"])
def test_pairs_examined_grow_with_briefs_times_their_terms_not_their_square(
    include_newer: bool,
) -> None:
    small, middle, large = (
        related_briefs(_corpus(count), include_newer=include_newer) for count in (300, 600, 900)
    )
    # Per brief: its ticker's two briefs, and at most NEAREST + 1 of the common tag's.
    assert large.pairs_examined <= 900 * 2 + 300 * (NEAREST + 1)
    assert large.pairs_examined < 300 * 300  # the common tag's pairs alone, compared all
    # Linear, not quadratic: each 300 more briefs cost the same (the first NEAREST briefs of
    # a term have fewer before them to meet, so the cost is not quite proportional).
    first_step = middle.pairs_examined - small.pairs_examined
    assert large.pairs_examined - middle.pairs_examined <= 1.05 * first_step
    # b6 (July) and b7 (August) share a ticker.
    b6 = [brief.slug for brief in middle.links["b6"]]
    if include_newer:
        assert b6[0] == "b7" and len(b6) == COUNT  # the shared ticker first, then the tag's
    else:  # only briefs published before: b7 has b6, b6 never b7
        place = {brief.slug: n for n, brief in enumerate(_corpus(600))}  # newest first
        assert all(
            place[other.slug] > place[slug]
            for slug, others in middle.links.items()
            for other in others
        )
        assert middle.links["b7"][0].slug == "b6" and "b7" not in b6


@pytest.mark.parametrize("include_newer", [False, True], ids=["stable", "include-newer"])
def test_a_newer_brief_changes_no_older_briefs_suggestions_unless_asked(
    include_newer: bool,
) -> None:
    briefs = _corpus(300)
    newest = _brief("newest", date="2026-12-31", tickers=["T3", "T40"], tags=["common", "markets"])
    before = related_briefs(briefs, include_newer=include_newer).links
    after = related_briefs([newest, *briefs], include_newer=include_newer).links
    moved = sorted(slug for slug in before if after.get(slug) != before[slug])
    if include_newer:  # the newcomer joins the lists of the briefs it shares a ticker with
        assert {"b6", "b7", "b80", "b81"} <= set(moved)
    else:
        assert moved == []
        assert {"b6", "b7", "b80", "b81"} <= {brief.slug for brief in after["newest"]}


def test_drafts_are_never_related(tmp_path: Path) -> None:
    settings = _site(
        tmp_path,
        {
            "a.yaml": brief_yaml(tickers=["F"]),
            "b.yaml": brief_yaml(tickers=["F"], date="2026-01-06"),
            "draft.yaml": brief_yaml(tickers=["F"], draft=True, story="thread"),
            "c.yaml": brief_yaml(story="thread", date="2026-01-07"),
            **{f"f{n}.yaml": brief_yaml(tags=[f"t{n}"]) for n in range(4)},
        },
    )
    files = generate(settings).files
    assert "draft.md" not in files["briefs/a.md"] and "draft.md" not in files["briefs/b.md"]
    assert "## Story" not in files["briefs/c.md"]  # the draft was its only other brief
    index = generate(settings, drafts=True).index
    assert "draft" in [b.slug for b in index.related["b"]]


# ---------------------------------------------------------------------------------------------
# Previous and next in the category


def test_previous_and_next_follow_the_category_in_time(tmp_path: Path) -> None:
    settings = _site(
        tmp_path,
        {
            "jan.yaml": brief_yaml(title="January", date="2026-01-05"),
            "feb.yaml": brief_yaml(title="February", date="2026-02-05"),
            "mar.yaml": brief_yaml(title="March", date="2026-03-05"),
            "oil.yaml": brief_yaml(title="Oil", date="2026-02-10", category="Energy"),
        },
    )
    files = generate(settings).files
    assert _sequence(files["briefs/feb.md"]) == [
        ("prev", "../jan/", "Previous in Stock Markets", "January"),
        ("next", "../mar/", "Next in Stock Markets", "March"),
    ]
    assert _sequence(files["briefs/jan.md"]) == [
        ("next", "../feb/", "Next in Stock Markets", "February")
    ]
    assert [rel for rel, *_ in _sequence(files["briefs/mar.md"])] == ["prev"]
    assert _sequence(files["briefs/oil.md"]) == [] and "nb-sequence" not in files["briefs/oil.md"]


_SEQUENCE_LINK = re.compile(
    r'<a href="([^"]+)" class="nb-sequence__link[^"]*" rel="(prev|next)">'
    r'<span class="nb-sequence__label">([^<]+)</span> <span class="nb-sequence__title">([^<]+)'
)


def _sequence(page: str) -> list[tuple[str, str, str, str]]:
    """The previous/next pair under a brief: (rel, href, label, headline) of each link."""
    return [(rel, href, label, title) for href, rel, label, title in _SEQUENCE_LINK.findall(page)]


# ---------------------------------------------------------------------------------------------
# Story threads


def _thread_site(root: Path, length: int) -> Settings:
    return _site(
        root,
        {
            f"s{n}.yaml": brief_yaml(title=f"Part {n}", date=f"2026-01-{n + 1:02d}", story="saga")
            for n in range(length)
        },
    )


def _timeline(page: str) -> list[str]:
    """The entries of the story's timeline (a raw HTML list): one line each."""
    section = page.split("## Story: ", 1)[1].split("\n\n", 2)[1]
    return [line for line in section.splitlines() if line.startswith("<li>")]


def test_a_story_shows_its_timeline_newest_first_with_the_current_brief_marked(
    tmp_path: Path,
) -> None:
    files = generate(_thread_site(tmp_path, 3)).files
    lines = _timeline(files["briefs/s1.md"])
    assert len(lines) == 3
    assert '<a href="../s2/">Part 2</a>' in lines[0]
    assert "<strong>Part 1</strong> (this brief)" in lines[1] and "s1/" not in lines[1]
    assert '<a href="../s0/">Part 0</a>' in lines[2]
    assert not any("stories/" in line for line in lines)  # a short thread: no "more" links


def test_a_long_story_shows_a_window_around_the_brief_and_links_its_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = Taxonomy("story", "Stories", at("story"), folder="stories", nav="none", threads=True)
    monkeypatch.setitem(TAXONOMIES, "story", stories)
    files = generate(_thread_site(tmp_path, 20)).files
    lines = _timeline(files["briefs/s10.md"])
    story = '<a href="../../stories/saga/">the whole story</a>'
    assert lines[0] == f"<li>Later briefs: {story}</li>"
    assert lines[-1] == f"<li>7 earlier briefs: {story}</li>"
    shown = lines[1:-1]
    assert len(shown) == THREAD_WINDOW
    assert "<strong>Part 10</strong> (this brief)" in shown[THREAD_WINDOW // 2]
    first = _timeline(files["briefs/s0.md"])
    assert "(this brief)" in first[-1] and first[0].startswith("<li>Later briefs")
    assert "stories/saga/index.md" in files


# ---------------------------------------------------------------------------------------------
# The risk overview page

HOSTILE_SECTORS = ["<script>alert(1)</script>", '"onload=alert(1) x="', "Oil & Gas"]
SHOWN_SECTORS = [title_case(name) for name in HOSTILE_SECTORS]
"""As pages name them: sectors no registry names are set in title case (still text)."""


def _risk(title: str, *sectors: str) -> dict[str, object]:
    return {"title": title, "text": f"{title} could hurt.", "sectors": list(sectors)}


RISK_BRIEFS = {
    "a.yaml": brief_yaml(date="2026-01-05", risks=[_risk("Tariffs", "Autos", *HOSTILE_SECTORS)]),
    "b.yaml": brief_yaml(
        date="2026-01-20", risks=[_risk("Recall", "Autos"), _risk("Chips", "Autos")]
    ),
    "c.yaml": brief_yaml(date="2026-03-02", risks=[_risk("Glut", "Oil & Gas")]),
    "d.yaml": brief_yaml(date="2026-02-01"),
}


def _chart(page: str) -> ET.Element:
    """The page's SVG, parsed as XML: hostile names that were not escaped would fail here."""
    found = re.search(r"<svg .*?</svg>", page, re.DOTALL)
    assert found is not None and "\n\n" not in found.group(0)
    return ET.fromstring(found.group(0))


def _cells(chart: ET.Element) -> dict[str, tuple[int, str]]:
    return {
        link.attrib["aria-label"]: (
            int(link.find(f"{SVG}rect").attrib["data-count"]),
            link.attrib["href"],
        )  # type: ignore[union-attr]
        for link in chart.iter(f"{SVG}a")
    }


def test_the_risk_page_counts_risks_by_sector_and_month(tmp_path: Path) -> None:
    generated = generate(_site(tmp_path, RISK_BRIEFS))
    page = generated.files[urls.RISKS]
    chart = _chart(page)
    months = [t.text for t in chart.iter(f"{SVG}text") if t.attrib.get("y") == "18"]
    assert months == ["Jan 2026", "Feb 2026", "Mar 2026"]  # February has no risk, still a column
    cells = _cells(chart)
    # Each cell leads to its sector's page (the sector taxonomy makes one).
    assert cells["Autos, January 2026: 3 risks"] == (3, "../sectors/autos/")
    assert cells["Oil & Gas, January 2026: 1 risk"] == (1, "../sectors/oil-gas/")
    assert cells["Oil & Gas, March 2026: 1 risk"] == (1, "../sectors/oil-gas/")
    assert len(cells) == 5  # empty cells are drawn, not linked
    assert len(list(chart.iter(f"{SVG}rect"))) == 4 * 3
    for anchor in ("sector-autos", "sector-oil-gas"):  # the groups of the page
        assert f'<li class="nb-risk-group" id="{anchor}">' in page
    # Each group: its newest risks (title, brief, date), then a link onwards to all of them.
    assert '<li><strong>Glut</strong><br><a href="../briefs/c/">Acme Shares' in page
    assert '<a href="../sectors/autos/">All 3 risks to Autos</a>' in page
    assert {"Risks": urls.RISKS} in default_nav(generated, generated_settings(tmp_path))


def generated_settings(root: Path) -> Settings:
    return Settings(root=root)


def test_hostile_sector_names_stay_text_in_the_chart(tmp_path: Path) -> None:
    chart = _chart(generate(_site(tmp_path, RISK_BRIEFS)).files[urls.RISKS])
    labels = [t.text for t in chart.iter(f"{SVG}text")]
    for name in SHOWN_SECTORS:
        assert name in labels
    tags = {element.tag.removeprefix(SVG) for element in chart.iter()}
    assert tags == {"svg", "title", "text", "a", "rect"}
    for element in chart.iter():
        assert not any(name.lower().startswith("on") for name in element.attrib), element.attrib


def test_no_risks_no_risk_page(tmp_path: Path) -> None:
    generated = generate(_site(tmp_path, {"a.yaml": brief_yaml()}))
    assert urls.RISKS not in generated.files
    assert {"Risks": urls.RISKS} not in default_nav(generated, Settings(root=tmp_path))


def test_with_sector_pages_the_cells_lead_to_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs = {"a.yaml": brief_yaml(risks=[_risk("Tariffs", "Autos")])}
    files = generate(_site(tmp_path, briefs)).files
    assert _cells(_chart(files[urls.RISKS])) == {
        "Autos, January 2026: 1 risk": (1, "../sectors/autos/")
    }
    assert "sectors/autos/index.md" in files
    flat = generate(_site(tmp_path, {}, use_directory_urls=False))
    assert _cells(_chart(flat.files[urls.RISKS]))["Autos, January 2026: 1 risk"][1] == (
        "../sectors/autos/index.html"
    )


# ---------------------------------------------------------------------------------------------
# Real builds: what MkDocs makes of it


def _soup(site_dir: Path, url_path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / url_path / "index.html").read_text("utf-8"), "html.parser")


@pytest.mark.e2e
def test_built_site_keeps_the_chart_and_every_new_link_resolves(site: SiteFactory) -> None:
    story = {
        f"s{n}.yaml": brief_yaml(title=f"Part {n}", date=f"2026-02-{n + 1:02d}", story="saga")
        for n in range(3)
    }
    site.create({**RISK_BRIEFS, **story})
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    built = site.root / "site"
    risks = _soup(built, "risks").select_one("article")
    assert risks is not None
    svg = risks.select_one("figure > svg.nb-heatmap")
    assert svg is not None and not risks.find("script")
    links = svg.find_all("a")
    assert len(links) == 5
    for link in links:  # each cell leads to a built sector page
        assert (built / "risks" / link["href"] / "index.html").resolve().is_file(), link["href"]
    assert {t.get_text() for t in svg.find_all("text")} >= set(SHOWN_SECTORS)
    nav = _soup(built, "risks").select_one("nav.md-nav--primary")
    assert nav is not None and "Risks" in nav.get_text()

    page = _soup(built, "briefs/s1").select_one("article")
    assert page is not None
    heading = next(h2 for h2 in page.find_all("h2") if h2.get_text().startswith("Story"))
    timeline = heading.find_next("ul")
    assert [a["href"] for a in timeline.find_all("a")] == ["../s2/", "../s0/"]  # newest first
    assert "(this brief)" in timeline.get_text()
    hrefs = [a["href"] for a in page.select("p a") if a["href"].startswith("../")]
    for href in hrefs + [a["href"] for a in risks.select("li a")]:
        base = built / "briefs" / "s1" if href in hrefs else built / "risks"
        assert (base / href / "index.html").resolve().is_file(), href


@pytest.mark.e2e
def test_built_chart_cells_lead_to_built_sector_pages(
    site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.create(RISK_BRIEFS)
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    built = site.root / "site"
    svg = _soup(built, "risks").select_one("svg.nb-heatmap")
    assert svg is not None
    hrefs = {a["href"] for a in svg.find_all("a")}
    assert "../sectors/autos/" in hrefs
    for href in hrefs:
        assert (built / "risks" / href / "index.html").resolve().is_file(), href
