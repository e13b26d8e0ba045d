"""The site's sitemap within the protocol's limits, read back as a crawler reads it: past
``sitemap_max_urls``, ``sitemap.xml`` is a sitemap index of ``sitemap-N.xml`` files, each
URL in exactly one, at most the limit in each, every address absolute, the index listing
every file and only those, ``sitemap.xml.gz`` the same index; a newer brief lands in the last
file; the same files on every engine. Real builds of a small site, and the split alone."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.build import engines
from generator.build.pipeline import generate
from generator.graph.index import SiteIndex
from generator.publish import sitemaps
from generator.publish.sitemaps import SitemapError, split
from generator.settings import Settings
from support import SiteFactory, brief_yaml, briefs_settings
from support.engines import build

SITE_URL = "https://briefs.example.org/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LIMIT = 7
NOW = "2026-03-01T12:00:00+00:00"


def _briefs(count: int) -> dict[str, str]:
    """``count`` briefs, one a day from 2026-01-01, on two tickers (listings of 3 a page)."""
    return {
        f"b{day:02}.yaml": brief_yaml(
            title=f"Brief number {day}",
            date=f"2026-01-{day:02}",
            tickers=["F"] if day % 2 else ["GM"],
        )
        for day in range(1, count + 1)
    }


def _site(root: Path, briefs: dict[str, str], limit: int | None = LIMIT) -> SiteFactory:
    factory = SiteFactory(root)
    options = "per_page: 3" + (f"\nsitemap_max_urls: {limit}" if limit else "")
    factory.create(briefs, options=options)
    config = root / "mkdocs.yml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("site_dir: site\n", f"site_dir: site\nsite_url: {SITE_URL}\n"))
    return factory


def _locs(path: Path) -> list[str]:
    return [loc.text or "" for loc in ElementTree.parse(path).getroot().iter(f"{SM}loc")]


def _split_files(site: Path) -> dict[str, list[str]]:
    """The index's files, in its order, each with its URLs; checked as a crawler would."""
    index = ElementTree.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{SM}sitemapindex"
    files: dict[str, list[str]] = {}
    for loc in _locs(site / "sitemap.xml"):
        assert loc.startswith(SITE_URL), loc
        name = loc.removeprefix(SITE_URL)
        assert name not in files
        part = ElementTree.parse(site / name).getroot()
        assert part.tag == f"{SM}urlset", name
        files[name] = _locs(site / name)
    on_disk = {path.name for path in site.glob("sitemap-*.xml")}
    assert set(files) == on_disk  # the index lists every file, and only those
    assert list(files) == [f"sitemap-{n}.xml" for n in range(1, len(files) + 1)]
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same 16 briefs built with the limit (``split``), and without (``whole``: MkDocs'
    own sitemap); then a 17th, newer brief added (``added``)."""
    sites: dict[str, Path] = {}
    for name, limit in (("split", LIMIT), ("whole", None)):
        factory = _site(tmp_path_factory.mktemp(name), _briefs(16), limit)
        result = factory.briefs("build", "--now", NOW)
        assert result.returncode == 0, result.stderr
        sites[name] = factory.root / "site"
    added = sites["split"].parent
    (added / "briefs" / "b17.yaml").write_text(
        brief_yaml(title="Brief number 17", date="2026-01-17", tickers=["NEW"]), "utf-8"
    )
    kept = shutil.copytree(sites["split"], added.parent / "split-before")
    result = SiteFactory(added).briefs("build", "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert "incremental build" in result.stderr
    full = added / "site-full"
    result = SiteFactory(added).briefs("build", "--full", "-d", str(full), "--now", NOW)
    assert result.returncode == 0, result.stderr
    sites["added"], sites["split"], sites["full"] = sites["split"], kept, full
    return sites


@pytest.mark.e2e
def test_past_the_limit_sitemap_xml_is_an_index_of_files_within_it(
    built: dict[str, Path],
) -> None:
    files = _split_files(built["split"])
    every = [url for urls in files.values() for url in urls]
    assert len(files) > 2
    assert all(len(urls) <= LIMIT for urls in files.values())
    assert len(every) == len(set(every))  # every URL once
    assert all(url.startswith(SITE_URL) for url in every)
    # The same URLs as MkDocs' own sitemap of the same site, none lost, none added.
    whole = _locs(built["whole"] / "sitemap.xml")
    assert len(whole) > LIMIT
    assert sorted(every) == sorted(whole)
    assert SITE_URL + "briefs/b16/" in every and SITE_URL + "tickers/f/" in every


@pytest.mark.e2e
def test_the_gzipped_sitemap_is_the_index_too(built: dict[str, Path]) -> None:
    site = built["split"]
    assert (
        gzip.decompress((site / "sitemap.xml.gz").read_bytes())
        == (site / "sitemap.xml").read_bytes()
    )


@pytest.mark.e2e
def test_within_the_limit_the_sitemap_is_mkdocs_own(built: dict[str, Path]) -> None:
    site = built["whole"]
    assert ElementTree.parse(site / "sitemap.xml").getroot().tag == f"{SM}urlset"
    assert not list(site.glob("sitemap-*.xml"))


@pytest.mark.e2e
def test_the_oldest_pages_come_first_and_a_newer_brief_lands_in_the_last_file(
    built: dict[str, Path],
) -> None:
    before, after = _split_files(built["split"]), _split_files(built["added"])
    # Oldest first: the first brief's page before the last one's.
    order = [url for urls in before.values() for url in urls]
    assert order.index(SITE_URL + "briefs/b01/") < order.index(SITE_URL + "briefs/b16/")
    # Every file but the last keeps its URLs; the new brief's pages (its own, its ticker's
    # listing) are in the last files, after every URL the site had.
    kept = list(before)[:-1]
    assert len(kept) >= 2
    assert {name: after[name] for name in kept} == {name: before[name] for name in kept}
    now = [url for urls in after.values() for url in urls]
    new = now[len(order) :]
    assert now[: len(order)] == order
    assert SITE_URL + "briefs/b17/" in new and SITE_URL + "tickers/new/" in new


@pytest.mark.e2e
def test_an_incremental_build_splits_as_a_full_one(built: dict[str, Path]) -> None:
    assert _split_files(built["added"]) == _split_files(built["full"])


@pytest.mark.e2e
@pytest.mark.skipif(not engines.ENGINES["zensical"].installed(), reason="zensical missing")
def test_zensical_gets_the_same_files_of_the_same_urls(
    built: dict[str, Path], tmp_path: Path
) -> None:
    """Zensical writes its own sitemap (no lastmod, no .gz); the split is the same."""
    factory = _site(tmp_path, _briefs(16))
    status, output = build(factory.root, "zensical", "--now", NOW)
    assert status == 0, output
    assert _split_files(factory.root / "site") == _split_files(built["split"])
    assert not (factory.root / "site" / "sitemap.xml.gz").exists()


@pytest.mark.e2e
def test_a_docs_file_a_split_sitemap_would_replace_fails_the_build_naming_it(
    tmp_path: Path,
) -> None:
    factory = _site(tmp_path, _briefs(4), limit=2)
    (tmp_path / "docs" / "sitemap-2.xml").write_text("<mine/>", "utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "404.html").write_text("an engine's site", "utf-8")
    (tmp_path / "site" / "index.html").write_text("previous site", "utf-8")
    result = factory.briefs_process("build", "--now", NOW)
    assert result.returncode == 1
    assert "docs/sitemap-2.xml would be replaced by a file of the split sitemap" in result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "site" / "index.html").read_text("utf-8") == "previous site"


# ---------------------------------------------------------------------------------------------
# The split alone.


def _engine_sitemap(count: int, *, times: int = 1) -> bytes:
    entries = "".join(
        f"<url><loc>{SITE_URL}page-{n:03}/</loc><lastmod>2026-01-{1 + n % 9:02}</lastmod></url>"
        for _ in range(times)
        for n in range(count)
    )
    return f'<?xml version="1.0"?><urlset xmlns="{SM[1:-1]}">{entries}</urlset>'.encode()


def _index_and_settings(tmp_path: Path, limit: int) -> tuple[SiteIndex, Settings]:
    settings = briefs_settings(tmp_path, {"a.yaml": brief_yaml()}).model_copy(
        update={"site_url": SITE_URL, "sitemap_max_urls": limit}
    )
    return generate(settings).index, settings


def test_a_file_stays_under_50_mb_whatever_the_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index, settings = _index_and_settings(tmp_path, 50_000)
    engine = _engine_sitemap(40)
    monkeypatch.setattr(sitemaps, "MAX_BYTES", 1_000)
    files = split(engine, index, settings)
    assert files is not None
    parts = {name: text for name, text in files.items() if name != "sitemap.xml"}
    assert len(parts) > 3
    assert all(len(text.encode()) <= 1_000 for text in parts.values())
    locs = [loc for text in parts.values() for loc in _locs_of(text)]
    assert locs == sorted(locs) and len(locs) == 40  # no date known: by address
    # The index's lastmod is the newest of its file's.
    index_xml = ElementTree.fromstring(files["sitemap.xml"])
    newest = [max(_lastmods(text)) for text in parts.values()]
    assert [e.text for e in index_xml.iter(f"{SM}lastmod")] == newest
    assert "2026-01-09" in newest and "2026-01-01" not in newest


def test_the_same_sitemap_splits_the_same_way(tmp_path: Path) -> None:
    index, settings = _index_and_settings(tmp_path, 4)
    engine = _engine_sitemap(10)
    shuffled = engine.replace(b"page-000", b"page-zzz")
    first = split(engine, index, settings)
    assert first == split(engine, index, settings)
    assert first is not None and first != split(shuffled, index, settings)
    assert [len(_locs_of(text)) for name, text in first.items() if name != "sitemap.xml"] == [
        4,
        4,
        2,
    ]


def test_a_repeated_url_is_listed_once(tmp_path: Path) -> None:
    index, settings = _index_and_settings(tmp_path, 2)
    files = split(_engine_sitemap(3, times=2), index, settings)
    assert files is not None
    locs = [loc for name, text in files.items() if name != "sitemap.xml" for loc in _locs_of(text)]
    assert len(locs) == 3 == len(set(locs))


def test_without_site_url_nothing_is_split(tmp_path: Path) -> None:
    index, settings = _index_and_settings(tmp_path, 2)
    no_url = settings.model_copy(update={"site_url": None})
    assert split(_engine_sitemap(5), index, no_url) is None


@pytest.mark.parametrize("text", [b"not xml", b"<sitemapindex/>"])
def test_a_sitemap_that_is_not_a_urlset_is_an_error(tmp_path: Path, text: bytes) -> None:
    index, settings = _index_and_settings(tmp_path, 2)
    with pytest.raises(SitemapError, match=r"sitemap\.xml"):
        split(text, index, settings)


def _locs_of(text: str) -> list[str]:
    return [loc.text or "" for loc in ElementTree.fromstring(text).iter(f"{SM}loc")]


def _lastmods(text: str) -> list[str]:
    return [e.text or "" for e in ElementTree.fromstring(text).iter(f"{SM}lastmod")]
