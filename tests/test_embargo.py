"""Embargo never leaks: a production build publishes nothing of a draft or of a brief
scheduled for later, in any file of site/ (pages, listings, term pages, related and
more-from lists, feeds, sitemaps, the JSON API, the search index, the risk chart), on every
engine. Each embargoed brief carries unique marker words in every field that reaches an
output; every byte of every file is searched for them (gzip files unpacked).

The same scan finds the markers when drafts are published (``--drafts``) and when the build
is made as of a time after the scheduled brief's (``--now``), so it cannot pass by looking in
the wrong place.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import extruct
import pytest
from bs4 import BeautifulSoup

from generator.build import engines
from support import BIN, SiteFactory, brief_yaml, run, unpacked

SITE_URL = "https://embargo.example.org/"
DRAFT_MARK = "zorblax"
LATER_MARK = "quimbly"


def _embargoed(mark: str, **fields: object) -> str:
    """A brief whose every published field carries ``mark``."""
    return brief_yaml(
        title=f"{mark.title()} Shares Jump on {mark} Merger Talk",
        dek=f"The {mark} deal is not public yet.",
        category=f"{mark.title()} Desk",
        byline=f"{mark.title()} Writer",
        tickers=[mark.upper()[:5]],
        lead=f"Lead about {mark}.",
        key_points=[f"Point about {mark}."],
        summary=f"Summary of {mark}.",
        details=[f"Detail on {mark}."],
        quotes=[{"text": f"Quote on {mark}.", "by": f"{mark.title()} Chief"}],
        notes=[{"title": f"{mark.title()} note", "text": f"Note on {mark}."}],
        risks=[
            {
                "title": f"{mark.title()} risk",
                "text": f"Risk of {mark}.",
                "sectors": [f"{mark} sector"],
            }
        ],
        entities=[f"{mark.title()} Corp", "Acme"],
        tags=[f"{mark} tag", "earnings"],
        story=f"{mark}-story",
        related=["public"],
        sources=[{"title": f"{mark.title()} filing", "url": f"https://example.com/{mark}"}],
        aliases=[f"{mark}-old"],
        slug=f"{mark}-brief",
        **fields,
    )


def _site(root: Path) -> Path:
    briefs = {
        "public.yaml": brief_yaml(
            title="Acme Shares Rise After Earnings Beat",
            tickers=["ACME"],
            entities=["Acme"],
            tags=["earnings"],
            risks=[{"title": "Rates", "text": "Rates may rise.", "sectors": ["banks"]}],
            byline="Ana Ruiz",
            aliases=["public-old"],
        ),
        "draft.yaml": _embargoed(DRAFT_MARK, draft=True, date="2026-01-06"),
    }
    briefs["later.yaml"] = _embargoed(
        LATER_MARK, date="2026-01-04", publish_at="2026-06-01T09:00:00Z"
    )
    root = SiteFactory(root).create(briefs)
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "site_name: Test Briefs\n", f"site_name: Test Briefs\nsite_url: {SITE_URL}\n"
        ),
        "utf-8",
    )
    return root


def _found(site: Path, *marks: str) -> dict[str, list[str]]:
    """Mark -> the files of ``site`` whose bytes (unpacked, when gzip) contain it, in any
    case."""
    found: dict[str, list[str]] = {mark: [] for mark in marks}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        lowered = unpacked(path.read_bytes()).lower()
        for mark in marks:
            if mark.encode() in lowered:
                found[mark].append(path.relative_to(site).as_posix())
    return found


NOW = "2026-01-10T12:00:00Z"
"""The build time: the scheduled brief goes live months later."""


def _build(root: Path, engine: str, *extra: str) -> tuple[int, str]:
    extra = extra or ("--now", NOW)
    result = run([str(BIN / "briefs"), "build", "--engine", engine, "--strict", *extra], cwd=root)
    return result.returncode, result.stdout + result.stderr


@pytest.mark.e2e
def test_embargoed_briefs_leave_no_byte_in_the_site_on_any_engine(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    names = list(engines.ENGINES)
    roots = [_site(tmp_path_factory.mktemp(f"embargo-{name}")) for name in names]
    with ThreadPoolExecutor(max_workers=len(names)) as pool:
        results = list(pool.map(_build, roots, names))
    marks = (DRAFT_MARK, LATER_MARK)
    for name, root, (status, output) in zip(names, roots, results, strict=True):
        assert status == 0, output
        site = root / "site"
        # every output that could leak was made, on every engine: the scan looked at real ones
        for made in (
            "rss.xml",
            "atom.xml",
            "feed.json",
            "tickers/acme/rss.xml",
            "news-sitemap.xml",
            "sitemap.xml",
            "api/briefs.json",
            "api/briefs/public.json",
            "api/tickers.json",
            "api/schema/brief.json",
            "briefs/public-old/index.html",
            "risks/index.html",
        ):
            assert (site / made).is_file(), (name, made)
        # the search index: Pagefind's where the plugin runs (MkDocs, ProperDocs), else
        # Zensical's own
        if engines.ENGINES[name].runs_plugin:
            assert (site / "pagefind/pagefind-entry.json").is_file(), name
        else:
            assert any(site.glob("search*")), name
        html = (site / "briefs/public/index.html").read_text("utf-8")
        page = BeautifulSoup(html, "html.parser")
        (article,) = extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
        assert article["headline"] == "Acme Shares Rise After Earnings Beat", name
        assert page.select('head meta[property="og:title"]'), name
        assert page.select('head link[rel="alternate"][type="application/rss+xml"]'), name
        canonical = page.select_one('head link[rel="canonical"]')
        assert canonical is not None and canonical["href"] == SITE_URL + "briefs/public/", name
        assert _found(site, *marks) == {mark: [] for mark in marks}, name


@pytest.mark.e2e
def test_the_scan_finds_a_draft_that_is_published_and_a_brief_gone_live(tmp_path: Path) -> None:
    root = _site(tmp_path)
    status, output = _build(root, "mkdocs", "--drafts", "--now", "2026-06-02T00:00:00Z")
    assert status == 0, output
    found = _found(root / "site", DRAFT_MARK, LATER_MARK)
    assert f"briefs/{LATER_MARK}-brief/index.html" in found[LATER_MARK]
    assert f"api/briefs/{LATER_MARK}-brief.json" in found[LATER_MARK]
    leaked = found[DRAFT_MARK]
    for expected in (
        "rss.xml",
        "feed.json",
        "news-sitemap.xml",
        "sitemap.xml",
        "sitemap.xml.gz",
        "api/briefs.json",
        f"api/briefs/{DRAFT_MARK}-brief.json",
        "risks/index.html",
        "briefs/public/index.html",
        f"briefs/{DRAFT_MARK}-old/index.html",
    ):
        assert expected in leaked, expected
    # the search index: a fragment of Pagefind's (gzip, unpacked by the scan) holds it
    assert [path for path in leaked if path.startswith("pagefind/fragment/")], leaked
