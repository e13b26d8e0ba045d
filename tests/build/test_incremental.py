"""Incremental builds (generator/build/incremental.py): after each kind of change to the briefs,
``briefs build`` reuses the HTML of the pages whose inputs did not change, and the site it
swaps in is the same, file by file and byte by byte, as a full build's. What every page
depends on (the config, the theme's templates) changing makes a full build, and so does a
plugin that needs every page (Material's search).

One project goes through the changes in order (each build reuses the previous one); the
reference is a plain ``mkdocs build`` of the same sources into another folder.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator.build.incremental import Manifest, Output
from support import SiteFactory, brief_yaml
from support.reading import EPOCH, assert_same_site
from support.serving import is_ok, mkdocs_serve

CONFIG = """\
site_name: Incremental Briefs
site_url: https://briefs.example.org/
repo_url: https://github.com/example/briefs
edit_uri: edit/main/docs/
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
  custom_dir: overrides
plugins:
  - briefs:
      per_page: 4
      more_from: 3
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
"""

CATEGORIES = ["Stock Markets", "Energy", "Technology"]
TICKERS = ["ACME", "OILX", "CHIP", "BANK"]


def corpus() -> dict[str, str]:
    """24 briefs over three categories, with tickers, tags, a story and related links."""
    briefs = {}
    for i in range(24):
        fields: dict[str, object] = {
            "title": f"Brief number {i} moves markets",
            "date": f"2026-0{1 + i % 6}-{10 + i % 15}",
            "category": CATEGORIES[i % 3],
            "tickers": [TICKERS[i % 4]] + ([TICKERS[(i + 1) % 4]] if i % 5 == 0 else []),
            "tags": [f"tag{i % 4}"],
            "summary": f"Summary of brief {i}.",
            "details": [f"Detail of brief {i}."],
        }
        if i % 6 == 0:
            fields["story"] = "long-story"
        if i % 7 == 3:
            fields["related"] = [f"b{i - 1:02d}"]
        briefs[f"2026/b{i:02d}.yaml"] = brief_yaml(**fields)
    return briefs


@pytest.fixture
def project(site: SiteFactory, monkeypatch: pytest.MonkeyPatch) -> SiteFactory:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site.create(corpus(), docs={"about.md": "# About\n\nA test site.\n"})
    (site.root / "mkdocs.yml").write_text(CONFIG, "utf-8")
    (site.root / "overrides").mkdir()
    (site.root / "overrides" / "main.html").write_text('{% extends "base.html" %}\n', "utf-8")
    return site


TECHNOLOGY_NUMBERED_PAGES = [
    "categories/technology/page/1/index.html",
    "categories/technology/page/2/index.html",
]
"""Once full, a numbered listing page never changes (generator/render/pages.py)."""


def build(site: SiteFactory, *args: str) -> str:
    """``briefs build`` and its output; the line that says which kind of build ran."""
    result = site.briefs("build", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    kind = re.search(r"^(incremental build: .*|full build.*)$", result.stderr, re.MULTILINE)
    assert kind is not None, result.stderr
    return kind[1]


def full_reference(site: SiteFactory, name: str) -> Path:
    """The same sources built in full by plain ``mkdocs build``, into another folder."""
    out = site.root.parent / f"{site.root.name}-{name}"
    shutil.rmtree(out, ignore_errors=True)
    result = site.mkdocs_build("-d", str(out))
    assert result.returncode == 0, result.stderr
    return out


def rendered(kind: str) -> tuple[int, int]:
    match = re.fullmatch(r"incremental build: (\d+) of (\d+) pages rendered.*", kind)
    assert match is not None, kind
    return int(match[1]), int(match[2])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_each_kind_of_change_builds_incrementally_the_same_site_as_a_full_build(
    project: SiteFactory,
) -> None:
    briefs = project.root / "briefs" / "2026"
    site_dir = project.root / "site"
    assert build(project) == "full build: no previous build to reuse"

    # Nothing changed: nothing is rendered again (the nav pages keep their titles).
    assert rendered(build(project))[0] == 0
    assert_same_site(site_dir, full_reference(project, "unchanged"))

    changes = {
        "an edit": lambda: edit(briefs / "b05.yaml", "Summary of brief 5.", "Rewritten summary."),
        "an addition": lambda: (briefs / "b99.yaml").write_text(
            brief_yaml(title="A brand new brief", date="2026-06-30", category="Energy"), "utf-8"
        ),
        "a deletion": lambda: (briefs / "b07.yaml").unlink(),
        "a rename": lambda: (briefs / "b08.yaml").rename(briefs / "b08-renamed.yaml"),
        "a category change": lambda: edit(
            briefs / "b10.yaml", "category: Energy", "category: Technology"
        ),
        "a ticker change": lambda: edit(briefs / "b11.yaml", "- BANK", "- NEWT"),
    }
    for change, apply in changes.items():
        apply()
        kind = build(project)
        done, total = rendered(kind)
        assert 0 < done < total, f"after {change}: {kind}"
        assert_same_site(site_dir, full_reference(project, change.replace(" ", "-")))

    # A brief added to a paginated listing between slice boundaries (Technology: 9 briefs,
    # per_page 4, numbered pages 1 and 2 full): its numbered pages stay as they were, byte
    # for byte, and the site is still the full build's.
    kept = {page: (site_dir / page).read_bytes() for page in TECHNOLOGY_NUMBERED_PAGES}
    (briefs / "b98.yaml").write_text(
        brief_yaml(
            title="A newer chip brief",
            date="2026-07-01",
            category="Technology",
            tickers=["CHIP"],
            tags=["tag2"],
            story="long-story",
        ),
        "utf-8",
    )
    done, total = rendered(build(project))
    assert 0 < done < total
    assert_same_site(site_dir, full_reference(project, "paginated-addition"))
    assert {page: (site_dir / page).read_bytes() for page in kept} == kept

    assert not (site_dir / "briefs" / "b07").exists()
    assert not (site_dir / "briefs" / "b08").exists()
    assert (site_dir / "briefs" / "b08-renamed" / "index.html").is_file()
    assert "Rewritten summary." in (site_dir / "briefs" / "b05" / "index.html").read_text()


def test_a_config_or_template_change_or_full_makes_a_full_build_of_the_same_site(
    project: SiteFactory,
) -> None:
    site_dir = project.root / "site"
    build(project)
    config = project.root / "mkdocs.yml"
    edit(config, "site_name: Incremental Briefs", "site_name: Renamed Briefs")
    assert build(project) == "full build: the config, theme or code changed"
    assert_same_site(site_dir, full_reference(project, "config"))

    template = project.root / "overrides" / "main.html"
    template.write_text(
        '{% extends "base.html" %}\n{% block announce %}Hello{% endblock %}\n', "utf-8"
    )
    assert build(project) == "full build: the config, theme or code changed"
    assert_same_site(site_dir, full_reference(project, "template"))
    assert "Hello" in (site_dir / "briefs" / "b01" / "index.html").read_text()

    assert build(project, "--full") == "full build (--full)"
    assert rendered(build(project))[0] == 0  # --full left a manifest: nothing to render


def test_the_search_plugin_makes_every_build_full(project: SiteFactory) -> None:
    config = project.root / "mkdocs.yml"
    edit(config, "plugins:\n", "plugins:\n  - search\n")
    assert build(project) == (
        "full build: the search plugin indexes only the pages a partial build renders"
    )


def test_briefs_serve_renders_a_saved_brief_with_its_listings_and_drops_a_deleted_one(
    project: SiteFactory,
) -> None:
    """``briefs serve`` runs MkDocs dirty: a save re-renders only what changed, and what the
    change touches elsewhere (the story's page) is never stale."""
    briefs = project.root / "briefs" / "2026"
    with mkdocs_serve(project.root, "briefs", now="2026-09-01T00:00:00Z") as preview:
        preview.until("/briefs/b07/", is_ok)
        preview.until("/stories/long-story/", is_ok)
        edit(briefs / "b06.yaml", "Brief number 6 moves markets", "Zanzibar halts trading")
        for address in ("/briefs/b06/", "/stories/long-story/"):
            preview.until(address, lambda status, body: "Zanzibar halts trading" in body)
        (briefs / "b07.yaml").unlink()
        preview.until("/briefs/b07/", lambda status, body: status == 404)


def test_a_rebuild_in_the_same_process_reads_a_brief_again_only_when_its_bytes_changed(
    project: SiteFactory,
) -> None:
    """The preview's cache of read briefs is keyed by content: an edit that keeps the size
    and the modification time is still seen, and an unchanged file is not read again."""
    from generator.build import pipeline
    from generator.settings import load_site

    settings = load_site(project.root / "mkdocs.yml").settings
    brief = project.root / "briefs" / "2026" / "b03.yaml"
    reads: pipeline.BriefReads = {}  # what a preview keeps between its rebuilds
    first, _ = pipeline.load_briefs(settings, reads)
    stat = brief.stat()
    edit(brief, "Brief number 3 moves", "Brief number 3 sinks")  # same length
    os.utime(brief, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second, _ = pipeline.load_briefs(settings, reads)
    titles = {b.slug: b.title for b in second}
    assert titles["b03"] == "Brief number 3 sinks markets"
    unchanged = {b.slug: b for b in first}
    assert all(b is unchanged[b.slug] for b in second if b.slug != "b03")


def test_a_preview_rebuild_hands_its_reads_through_check_and_generate(
    project: SiteFactory,
) -> None:
    """What a preview keeps between rebuilds reaches the loader through the pipeline's entry
    points: after one run the cache holds every brief, and a second run reuses the objects."""
    from generator.build import pipeline
    from generator.settings import load_site

    settings = load_site(project.root / "mkdocs.yml").settings
    reads: pipeline.BriefReads = {}
    first, _ = pipeline.check(settings, reads=reads)
    assert first is not None and len(reads) == len(first.briefs) > 0
    kept = {path: read for path, (_, read) in reads.items()}
    pipeline.generate(settings, reads=reads)
    assert all(reads[path][1] is read for path, read in kept.items())


def test_a_manifest_reads_back_what_it_wrote_and_a_corrupt_one_is_ignored(tmp_path: Path) -> None:
    manifest = Manifest(
        "fingerprint",
        "nav config",
        "nav",
        {"a.md": Output("hash", "a/index.html", (12, 34)), "feed.xml": Output("h", "feed.xml")},
        {"a.md": ("A title", {"icon": "material/star", "status": "new"})},
    )
    path = tmp_path / "state" / "manifest.json"
    manifest.save(path)
    assert Manifest.load(path) == manifest
    path.write_text(path.read_text("utf-8")[:-9], "utf-8")
    assert Manifest.load(path) is None
    assert Manifest.load(tmp_path / "missing.json") is None
