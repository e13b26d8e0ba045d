"""Embargo is a property of every output, proven per output: a draft and a brief scheduled
for later carry unique marker words in every field (and in their file names), published
briefs and every registry name them from every field that can name a brief (``related``, a
shared story, category, ticker, entity and tag, links in every text field, links in
registry text), and every byte of every built file (site/ with the API, feeds, sitemaps and
the search index, gzip unpacked) is scanned for the markers, on every engine.

The same site built as of after the go-live, with drafts, shows the markers where the
names are (the API's ``related``, the linked text, the registry's links): the scan cannot
pass by looking in the wrong place. A link to a brief not yet published is a positioned
notice (never a failure, not even under --strict) from ``briefs check`` as from the build,
and text until the brief is live.
"""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from generator.build import engines
from generator.build.pipeline import generate
from generator.graph.schedule import Release
from generator.graph.withheld import brief_named_from_brief, brief_named_from_registry
from generator.render.memo import PageMemo
from generator.settings import Settings
from generator.source.markup import without_links
from support import (
    BIN,
    SiteFactory,
    brief_yaml,
    briefs_in_process,
    pagefind_records,
    run,
    unpacked,
)

DRAFT = "zorblax"
LATER = "quimbly"
MARKS = (DRAFT, LATER)
NOW = "2026-01-10T12:00:00Z"
NOW_TIME = datetime(2026, 1, 10, 12, tzinfo=UTC)
GO_LIVE = "2026-06-01T09:00:00Z"
AFTER = "2026-06-02T00:00:00Z"
SITE_URL = "https://embargo.example.org/"

# How published text names the embargoed briefs: every form of a relative link to a brief's
# page, a link with no text, and a link whose brackets hold another link.
TO_DRAFT = f"[the {{}} deal]({DRAFT}-brief.md)"
TO_LATER = f"[the {{}} plan](../briefs/{LATER}-brief.md#terms)"
NAMING = (
    f"Watch {TO_DRAFT} and {TO_LATER}, [](./{DRAFT}-brief.md) "
    f"and [outer [inner]({DRAFT}-brief.md) text]({LATER}-brief.md)."
)


def _naming(what: str) -> str:
    """Text in field ``what`` that links to both embargoed briefs."""
    return NAMING.replace("{}", what)


def _embargoed(mark: str, **fields: object) -> str:
    """A brief whose every field carries ``mark``; ``fields`` replace some (shared ones)."""
    values: dict[str, object] = {
        "title": f"{mark.title()} Shares Jump on {mark} Merger Talk",
        "dek": f"The {mark} deal is not public yet.",
        "category": f"{mark.title()} Desk",
        "dateline": f"{mark.upper()} CITY",
        "byline": [f"{mark.title()} Writer"],
        "tickers": ["ACME", mark.upper()[:5]],
        "lead": f"Lead about {mark}.",
        "key_points": [f"Point about {mark}."],
        "summary": f"Summary of {mark}.",
        "details": [f"Detail on {mark}."],
        "quotes": [{"text": f"Quote on {mark}.", "by": f"{mark.title()} Chief", "role": mark}],
        "notes": [{"title": f"{mark.title()} note", "text": f"Note on {mark}."}],
        "risks": [{"title": f"{mark.title()} risk", "text": f"Risk of {mark}.", "sectors": [mark]}],
        "entities": ["Acme", f"{mark.title()} Corp"],
        "tags": ["earnings", f"{mark} tag"],
        "story": f"{mark}-story",
        "related": ["public"],
        "sources": [{"title": f"{mark.title()} filing", "url": f"https://example.com/{mark}"}],
        "slug": f"{mark}-brief",
        "aliases": [f"{mark}-old"],
        "corrections": [{"date": "2026-01-08", "text": f"Corrected {mark}."}],
    }
    return brief_yaml(**{**values, **fields})


def _naming_brief(**fields: object) -> str:
    """A published brief that names both embargoed briefs from every field that can."""
    values: dict[str, object] = {
        "title": _naming("title"),
        "dek": _naming("dek"),
        "dateline": _naming("dateline"),
        "byline": [_naming("byline"), "Ana Ruiz"],
        "lead": _naming("lead"),
        "key_points": [_naming("point")],
        "summary": _naming("summary"),
        "details": [_naming("detail"), f"Second paragraph.\n\n{_naming('paragraph')}"],
        "quotes": [{"text": _naming("quote"), "by": _naming("by"), "role": _naming("role")}],
        "notes": [{"title": _naming("note"), "text": _naming("note text")}],
        "risks": [
            {"title": _naming("risk"), "text": _naming("risk text"), "sectors": [_naming("s")]}
        ],
        "entities": ["Acme", _naming("entity")],
        "tags": ["earnings", _naming("tag")],
        "tickers": ["ACME"],
        "related": [f"{DRAFT}-brief", f"{LATER}-brief"],
        "story": "acme-thread",
        "sources": [{"title": _naming("source"), "url": "https://example.com/acme"}],
        "corrections": [{"date": "2026-01-08", "text": _naming("correction")}],
    }
    return brief_yaml(**{**values, **fields})


REGISTRIES = {
    "_data/tickers.yaml": {
        "ACME": {
            "name": f"Acme [Holdings](../../briefs/{DRAFT}-brief.md) Inc",
            "exchange": f"[NYSE](../briefs/{LATER}-brief/)",
            "sector": f"[Industrials]({DRAFT}-brief.html)",
            "entity": "Acme",
        }
    },
    "_data/entities.yaml": {
        "Acme": {
            "kind": "company",
            "description": f"Maker of [widgets](../../briefs/{LATER}-brief/index.md).",
            "aliases": [f"[Acme Co]({DRAFT}-brief.md)"],
        }
    },
    "_data/categories.yaml": {
        "Stock Markets": {"description": f"Markets, [see](/briefs/{DRAFT}-brief/)."}
    },
    "_data/authors.yaml": {
        "Ana Ruiz": {
            "bio": f"Covers [deals]({LATER}-brief.md).",
            "role": f"[Editor](../../briefs/{DRAFT}-brief.md)",
        }
    },
}


def _site(root: Path) -> Path:
    import yaml

    briefs = {
        # the site's briefs, each one the other's neighbour, related and in one story
        "2026/01/public.yaml": _naming_brief(date="2026-01-03"),
        "2026/01/public-two.yaml": _naming_brief(
            date="2026-01-07", slug="public-two", aliases=["public-old"]
        ),
        "2026/01/withdrawn.yaml": _naming_brief(date="2026-01-02", status="withdrawn"),
        # a draft, every field its own, and a brief scheduled for later that shares the
        # site's category, story, ticker, entity and tag (so it would be listed, related,
        # a neighbour and in the timeline of the published ones if it leaked)
        f"2026/01/{DRAFT}-file.yaml": _embargoed(DRAFT, draft=True, date="2026-01-05"),
        f"2026/01/{LATER}-file.yaml": _embargoed(
            LATER,
            date="2026-01-04",
            publish_at=GO_LIVE,
            category="Stock Markets",
            story="acme-thread",
            related=["public", "public-two"],
        ),
    }
    briefs.update(
        {path: yaml.safe_dump(data, sort_keys=False) for path, data in REGISTRIES.items()}
    )
    root = SiteFactory(root).create(briefs)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8")
        .replace(
            "site_name: Test Briefs\n",
            f"site_name: Test Briefs\nsite_url: {SITE_URL}\n"
            "repo_url: https://github.com/example/briefs\nedit_uri: edit/main/\n",
        )
        .replace(  # the morning briefing on: its pages, feed and e-mails are scanned too
            "  - briefs\n", "  - briefs:\n      digest: {enabled: true, cutoff_hour: 18}\n"
        ),
        "utf-8",
    )
    return root


def _found(site: Path, *marks: str) -> dict[str, list[str]]:
    """Mark -> ``file: ...context...`` for each place of ``site``'s files (gzip unpacked)
    that holds it, in any case."""
    found: dict[str, list[str]] = {mark: [] for mark in marks}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        lowered = unpacked(path.read_bytes()).lower()
        for mark in marks:
            for match in re.finditer(re.escape(mark.encode()), lowered):
                context = lowered[max(0, match.start() - 60) : match.end() + 30]
                found[mark].append(f"{path.relative_to(site).as_posix()}: {context!r}")
    return found


def _build(root: Path, engine: str, *extra: str) -> tuple[int, str]:
    result = run([str(BIN / "briefs"), "build", "--engine", engine, *extra], cwd=root)
    return result.returncode, result.stdout + result.stderr


WARNING = re.compile(
    r"(?P<where>\S+\.yaml):(?P<line>\d+):(?P<col>\d+): notice: (?P<field>[^:]+): "
    r"link '(?P<link>[^']+)' leads to a brief not yet published "
    r"\((?P<when>a draft|goes live 2026-06-01T09:00:00Z)\); shown as text until then$",
    re.MULTILINE,
)


@pytest.mark.e2e
def test_no_byte_of_an_embargoed_brief_in_any_output_of_any_engine(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    names = list(engines.ENGINES)
    roots = [_site(tmp_path_factory.mktemp(f"outputs-{name}")) for name in names]
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        results = list(pool.map(lambda root, name: _build(root, name, "--now", NOW), roots, names))
    # the Markdown tree ``briefs generate`` writes for other tools is an output too
    tree = briefs_in_process(roots[0], "generate", "--out", "tree", "--now", NOW)
    assert tree.returncode == 0, tree.stdout + tree.stderr
    assert (roots[0] / "tree/briefs/public.md").is_file()
    assert _found(roots[0] / "tree", *MARKS) == {mark: [] for mark in MARKS}
    for name, root, (status, output) in zip(names, roots, results, strict=True):
        assert status == 0, output
        site = root / "site"
        # every output that could leak was made: the scan read real ones
        for made in (
            "briefs/public/index.html",
            "briefs/public-two/index.html",
            "briefs/withdrawn/index.html",
            "briefs/public-old/index.html",
            "stories/acme-thread/index.html",
            "tickers/acme/index.html",
            "entities/acme/index.html",
            "categories/stock-markets/index.html",
            "risks/index.html",
            "rss.xml",
            "atom.xml",
            "feed.json",
            "news-sitemap.xml",
            "sitemap.xml",
            "api/briefs.json",
            "api/briefs/public.json",
            "api/tickers.json",
            "digest/index.html",
            "digest/2026/01/03/index.html",
            "digest/2026/01/03/email.html",
            "digest/2026/01/03/email.txt",
            "digest/rss.xml",
            "digest/feed.json",
        ):
            assert (site / made).is_file(), (name, made)
        if engines.ENGINES[name].runs_plugin:
            assert pagefind_records(site), name
        else:
            assert any(site.glob("search*")), name
        assert _found(site, *MARKS) == {mark: [] for mark in MARKS}, name
        # what the API says of the published brief: its related briefs are the published ones
        document = json.loads((site / "api/briefs/public.json").read_text("utf-8"))
        assert document["related"] == [], name
        assert document["summary"].startswith("Watch the summary deal and the summary plan"), name
        # the linked words are there, as text: no link leads to an embargoed page
        page = BeautifulSoup((site / "briefs/public/index.html").read_text("utf-8"), "html.parser")
        assert "Watch the lead deal and the lead plan, and outer inner text." in page.get_text(
            " ", strip=True
        ).replace("  ", " "), name
        # the build says which links wait, at each one (the same as briefs check)
        warned = {(m["field"], m["link"], m["when"]) for m in WARNING.finditer(output)}
        assert ("summary", f"{DRAFT}-brief.md", "a draft") in warned, output
        assert (
            "quotes[0].role",
            f"../briefs/{LATER}-brief.md#terms",
            "goes live 2026-06-01T09:00:00Z",
        ) in warned, output


@pytest.mark.e2e
def test_the_names_show_once_the_briefs_are_live(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The control: the same site with drafts, built after the go-live, publishes the names
    in the very places the embargoed build kept them out of, on every engine."""
    names = list(engines.ENGINES)
    roots = [_site(tmp_path_factory.mktemp(f"control-{name}")) for name in names]
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        results = list(
            pool.map(
                lambda root, name: _build(root, name, "--drafts", "--now", AFTER), roots, names
            )
        )
    for name, root, (status, output) in zip(names, roots, results, strict=True):
        assert status == 0, output
        site = root / "site"
        found = _found(site, *MARKS)
        for mark in MARKS:
            files = {place.split(":", 1)[0] for place in found[mark]}
            assert {"api/briefs/public.json", "briefs/public/index.html", "api/tickers.json"} <= (
                files
            ), (name, files)
            if engines.ENGINES[name].runs_plugin:
                # Pagefind's records and its word index (gzip, unpacked by the scan)
                assert any(re.match(r"pagefind/([\w-]+/)?fragment/", file) for file in files), files
                assert any(re.match(r"pagefind/([\w-]+/)?index/", file) for file in files), files
            else:
                assert "search.json" in files, (name, files)  # Zensical's own index
            if mark == LATER:  # live now: in its day's digest, page, feed and e-mail
                assert {"digest/2026/01/04/email.html", "digest/rss.xml"} <= files, files
        document = json.loads((site / "api/briefs/public.json").read_text("utf-8"))
        assert document["related"] == [f"{DRAFT}-brief", f"{LATER}-brief"], name
        html = (site / "briefs/public/index.html").read_text("utf-8")
        hrefs = {a["href"] for a in BeautifulSoup(html, "html.parser").select("a[href]")}
        for linked in (f"{DRAFT}-brief/", f"{LATER}-brief/#terms"):  # the text links now
            assert any(href.endswith(linked) for href in hrefs), (name, linked, hrefs)


# ---------------------------------------------------------------------------------------------
# A link to a brief not yet published: a notice from check and build alike, text until live.


def _linking_site(root: Path) -> SiteFactory:
    factory = SiteFactory(root)
    factory.create(
        {
            "public.yaml": brief_yaml(
                summary="Read [the merger plan](vexmorrow.md#terms) and [the memo](quillnote.md).",
                related=["vexmorrow", "quillnote"],
            ),
            "vexmorrow.yaml": brief_yaml(
                title="Vexmorrow Brief", date="2026-01-04", publish_at=GO_LIVE
            ),
            "quillnote.yaml": brief_yaml(title="Quillnote Brief", draft=True),
        }
    )
    return factory


def test_check_warns_at_each_link_to_a_brief_not_yet_published(tmp_path: Path) -> None:
    site = _linking_site(tmp_path)
    result = site.briefs("check", "--now", NOW)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.splitlines()[:2] == [
        "briefs/public.yaml:6:10: notice: summary: link 'quillnote.md' leads to a brief not yet "
        "published (a draft); shown as text until then",
        "briefs/public.yaml:6:10: notice: summary: link 'vexmorrow.md#terms' leads to a brief not "
        "yet published (goes live 2026-06-01T09:00:00Z); shown as text until then",
    ]
    # a notice, not a warning: a strict check passes (the newsroom's workflow builds --strict)
    assert site.briefs("check", "--strict", "--now", NOW).returncode == 0
    # once live, the link to the scheduled brief is fine; the draft still waits
    after = site.briefs("check", "--now", AFTER)
    assert "vexmorrow.md" not in after.stderr and "link 'quillnote.md'" in after.stderr, (
        after.stderr
    )


def test_build_writes_the_link_as_text_until_the_brief_is_live(tmp_path: Path) -> None:
    site = _linking_site(tmp_path)
    status, output = _build(site.root, "mkdocs", "--now", NOW)
    assert status == 0, output
    assert len(WARNING.findall(output)) == 2, output
    page = BeautifulSoup(
        (site.root / "site/briefs/public/index.html").read_text("utf-8"), "html.parser"
    )
    summary = next(p for p in page.select("article p") if "Read the merger plan" in p.text)
    assert summary.find("a") is None, summary
    assert _found(site.root / "site", "vexmorrow", "quillnote") == {
        "vexmorrow": [],
        "quillnote": [],
    }
    # a strict build goes on too: the notices never fail a run, and the page is the same
    before = (site.root / "site/briefs/public/index.html").read_bytes()
    status, output = _build(site.root, "mkdocs", "--strict", "--now", NOW)
    assert status == 0 and "shown as text until then" in output, output
    assert (site.root / "site/briefs/public/index.html").read_bytes() == before


def test_the_generated_tree_links_once_the_brief_is_live(tmp_path: Path) -> None:
    site = _linking_site(tmp_path)
    early = site.briefs("generate", "--out", "early", "--now", NOW)
    assert early.returncode == 0, early.stdout + early.stderr
    text = (site.root / "early/briefs/public.md").read_text("utf-8")
    assert "Read the merger plan and the memo." in text and "vexmorrow" not in text
    live = site.briefs("generate", "--out", "live", "--now", AFTER)
    assert live.returncode == 0, live.stdout + live.stderr
    text = (site.root / "live/briefs/public.md").read_text("utf-8")
    assert "[the merger plan](vexmorrow.md#terms)" in text and "quillnote" not in text


def test_an_alias_may_not_name_a_held_back_brief(tmp_path: Path) -> None:
    site = SiteFactory(tmp_path)
    site.create(
        {
            "public.yaml": brief_yaml(aliases=["quillnote"]),
            "quillnote.yaml": brief_yaml(title="Quillnote Brief", draft=True),
        }
    )
    result = site.briefs("check", "--now", NOW)
    assert result.returncode == 1
    assert "aliases[0]: 'quillnote' is the slug of briefs/quillnote.yaml" in result.stderr


# ---------------------------------------------------------------------------------------------
# The pieces: what a link names, how it becomes text, when it waits.


@pytest.mark.parametrize(
    ("destination", "slug"),
    [
        ("later.md", "later"),
        ("./later.md#terms", "later"),
        ("../briefs/later.md", "later"),
        ("../tickers/later.md", None),
        ("later/", None),  # not a page link: broken_links reports it
        ("sub/later.md", None),
        ("../filings/q4.pdf", None),
    ],
)
def test_a_link_in_brief_text_names_the_brief_whose_page_it_leads_to(
    destination: str, slug: str | None
) -> None:
    assert brief_named_from_brief(destination) == slug


@pytest.mark.parametrize(
    "destination",
    ["later.md", "../../briefs/later.md#x", "/briefs/later/", "../later/index.md", "later.html"],
)
def test_a_link_in_registry_text_names_its_last_segment(destination: str) -> None:
    assert brief_named_from_registry(destination) == "later"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See [the plan](x.md) now.", "See the plan now."),
        ("See [the plan](y.md) now.", "See [the plan](y.md) now."),
        ("[a [b](x.md) c](x.md)", "a b c"),  # the outer link appears once the inner goes
        ("[a [b](x.md) c](y.md)", "[a b c](y.md)"),
        ("Blank [](x.md) link", "Blank  link"),
        ("One.\n\n[Two](x.md) *[three](x.md)*", "One.\n\nTwo *three*"),
        ("No link here: x.md", "No link here: x.md"),
    ],
)
def test_without_links_writes_the_dropped_links_as_their_text(text: str, expected: str) -> None:
    assert without_links(text, lambda destination: destination == "x.md") == expected


def test_a_link_waits_for_a_target_that_goes_live_after_the_page_holding_it() -> None:
    from support.sites import parsed_brief

    run = Release(now=datetime(2026, 1, 10, tzinfo=UTC), zone=ZoneInfo("UTC"))
    target = parsed_brief(date="2026-01-04", publish_at="2026-03-01T00:00:00Z")
    live = parsed_brief(date="2026-01-05")
    assert run.unlinked(target, live) is not None
    assert run.unlinked(target) is not None  # registry text: public now
    assert run.unlinked(target, parsed_brief(date="2026-04-01")) is None  # both live by then
    assert run.unlinked(live, target) is None
    draft = parsed_brief(date="2026-01-05", draft=True)
    assert run.unlinked(draft, parsed_brief(date="2026-04-01")) is not None
    assert Release(run.now, run.zone, drafts=True).unlinked(draft, live) is None


def test_a_page_kept_from_the_last_run_links_once_the_brief_is_live(tmp_path: Path) -> None:
    """The rendered pages a preview or an incremental build reuses (generator/render/memo.py)
    never keep the text of a link that has since gone live, nor the link of one withheld."""
    site = _linking_site(tmp_path)
    settings = Settings(root=site.root)  # type: ignore[call-arg]
    memo = PageMemo()
    early = generate(settings, now=NOW_TIME, memo=memo)
    assert "vexmorrow" not in str(early.files["briefs/public.md"])
    live = generate(settings, now=datetime(2026, 6, 2, tzinfo=UTC), memo=memo)
    assert "[the merger plan](vexmorrow.md#terms)" in str(live.files["briefs/public.md"])
    preview = generate(settings, scheduled=True, drafts=True, now=NOW_TIME, memo=memo)
    assert "(quillnote.md)" in str(preview.files["briefs/public.md"])
    for _ in range(2):  # the second run takes its pages from the first's
        again = generate(settings, now=NOW_TIME, memo=memo)
        assert "quillnote" not in str(again.files["briefs/public.md"])
        assert "vexmorrow" not in str(again.files["briefs/public.md"])
    assert memo.reused > 0
