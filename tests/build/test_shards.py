"""A site built in shares (generator/build/shards.py, merge.py): three ``briefs build --shard
K/3`` processes, merged by ``briefs merge``, make the site one process makes, file by file and
byte by byte; so does ``briefs build --jobs 2``. ``briefs merge`` refuses shards that do not
make one site (other sources, a share missing or given twice, a file changed since it was
built) and then leaves the old site as it was.

One small project is built once per module: one process, three shards, then each test
merges or builds what it needs.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build.merge import SHARD_FILE, SITE_FOLDER
from support import SiteFactory, brief_yaml
from support.reading import EPOCH, assert_same_site, tree

NOW = "2026-09-01T00:00:00Z"
CONFIG = """\
site_name: Sharded Briefs
site_url: https://briefs.example.org/
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
plugins:
  - briefs:
      per_page: 3
      more_from: 2
markdown_extensions:
  - admonition
  - attr_list
  - toc:
      permalink: true
"""
CATEGORIES = ["Stock Markets", "Energy"]
TICKERS = ["ACME", "OILX", "CHIP"]


def corpus() -> dict[str, str]:
    """Nine briefs over two categories: enough for listings of several pages, a story and
    nav pages (the categories) that every share shows."""
    briefs = {}
    for i in range(9):
        fields: dict[str, object] = {
            "title": f"Brief {i} moves markets",
            "date": f"2026-0{1 + i % 6}-{10 + i}",
            "category": CATEGORIES[i % 2],
            "tickers": [TICKERS[i % 3]],
            "tags": [f"tag{i % 3}"],
            "summary": f"Summary of brief {i}.",
            "details": [f"Detail of brief {i}."],
        }
        if i % 4 == 0:
            fields["story"] = "long-story"
        briefs[f"2026/b{i:02d}.yaml"] = brief_yaml(**fields)
    return briefs


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteFactory]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        site = SiteFactory(tmp_path_factory.mktemp("sharded"))
        site.create(corpus(), docs={"about.md": "# About\n\nA test site.\n"})
        (site.root / "mkdocs.yml").write_text(CONFIG, "utf-8")
        yield site


def ok(result: object) -> str:
    """The output of a command that must have succeeded."""
    code, out, err = (getattr(result, name) for name in ("returncode", "stdout", "stderr"))
    assert code == 0, out + err
    return str(out) + str(err)


@pytest.fixture(scope="module")
def one_process(project: SiteFactory) -> Path:
    """The reference: ``briefs build --jobs 1``, today's single engine run."""
    ok(project.briefs_process("build", "--jobs", "1", "-d", "one", "--now", NOW))
    return project.root / "one"


@pytest.fixture(scope="module")
def shards(project: SiteFactory) -> list[Path]:
    """The three shard folders, each built by its own ``briefs build --shard K/3`` process."""
    folders = []
    for index in (1, 2, 3):
        folder = f"shards/{index}"
        output = ok(
            project.briefs_process("build", "--shard", f"{index}/3", "-d", folder, "--now", NOW)
        )
        assert f"shard {index}/3" in output
        folders.append(project.root / folder)
    return folders


def merge(project: SiteFactory, *folders: Path, into: str = "merged") -> tuple[int, str]:
    result = project.briefs_process("merge", *(str(folder) for folder in folders), "-d", into)
    return result.returncode, result.stdout + result.stderr


def html_pages(folder: Path) -> set[str]:
    return {path for path in tree(folder) if path.endswith(".html")}


def test_three_shards_in_three_processes_merge_into_the_site_one_process_builds(
    project: SiteFactory, one_process: Path, shards: list[Path]
) -> None:
    pages = [html_pages(folder / SITE_FOLDER) for folder in shards]
    assert all(pages), "every share renders some pages"
    assert not (pages[0] & pages[1] or pages[0] & pages[2] or pages[1] & pages[2])
    # The whole site's files are the first share's only.
    for name in ("sitemap.xml", "404.html", "pagefind/pagefind.js"):
        assert (shards[0] / SITE_FOLDER / name).is_file(), name
        assert not (shards[1] / SITE_FOLDER / name).exists(), name
    listed = json.loads((shards[1] / SHARD_FILE).read_text("utf-8"))
    assert (listed["index"], listed["count"]) == (2, 3)
    assert set(listed["files"]) == set(tree(shards[1] / SITE_FOLDER)) - {".newsbriefs-site"}

    status, output = merge(project, *shards)
    assert status == 0, output
    assert "merged 3 shards" in output
    merged = project.root / "merged"
    assert_same_site(merged, one_process)  # sitemap, search index, every page, byte for byte
    # The nav of a page of one share shows the titles of nav pages of the others.
    assert 'href="../../categories/energy/"' in (merged / "briefs/b01/index.html").read_text()


def test_merge_refuses_a_missing_a_duplicated_or_a_changed_shard_and_keeps_the_old_site(
    project: SiteFactory, shards: list[Path]
) -> None:
    status, output = merge(project, *shards, into="kept")
    assert status == 0, output
    before = tree(project.root / "kept")

    status, output = merge(project, shards[0], shards[2], into="kept")
    assert status == 1
    assert "shard 2/3 is missing; kept/ was left as it was" in output

    status, output = merge(project, *shards, shards[1], into="kept")
    assert status == 1
    assert "shard 2/3 is given twice: shards/2 and shards/2" in output

    changed = project.root / "changed"
    shutil.copytree(shards[2], changed)
    page = next(path for path in (changed / SITE_FOLDER).rglob("*.html"))
    page.write_text(page.read_text("utf-8") + "<!-- edited -->", "utf-8")
    status, output = merge(project, shards[0], shards[1], changed, into="kept")
    assert status == 1
    assert "is not as the shard was built" in output

    assert tree(project.root / "kept") == before
    assert len([line for line in output.splitlines() if line.strip()]) == 1, output


def test_merge_refuses_shards_built_from_other_sources(
    project: SiteFactory, shards: list[Path]
) -> None:
    other = ok(
        project.briefs_process(
            "build", "--shard", "2/3", "-d", "other", "--now", "2026-09-02T00:00:00Z"
        )
    )
    assert "shard 2/3" in other
    status, output = merge(project, shards[0], project.root / "other", shards[2], into="mixed")
    assert status == 1
    assert "other was built from other sources, config, code or build time than shards/1" in (
        output
    )
    assert not (project.root / "mixed").exists()


def test_two_jobs_build_the_site_one_job_builds_and_the_next_build_reuses_it(
    project: SiteFactory, one_process: Path
) -> None:
    output = ok(project.briefs_process("build", "--jobs", "2", "-d", "two", "--now", NOW))
    assert "2 processes (--jobs)" in output
    assert_same_site(project.root / "two", one_process)
    again = ok(project.briefs_process("build", "--jobs", "2", "-d", "two", "--now", NOW))
    assert "incremental build: 0 of" in again  # the merged shards left their manifest


def test_shard_is_refused_where_a_share_cannot_be_built(project: SiteFactory) -> None:
    result = project.briefs("build", "--engine", "zensical", "--shard", "1/2")
    assert result.returncode == 2
    assert "--shard: the zensical engine runs no plugins" in result.stderr
    for bad in ("0/2", "3/2", "1", "a/b"):
        result = project.briefs("build", "--shard", bad)
        assert result.returncode == 2, bad
        assert "expected K/N" in result.stderr, bad


def test_merge_refuses_a_path_out_of_the_site_or_a_link_and_never_writes_through_it(
    project: SiteFactory, shards: list[Path]
) -> None:
    escaping = project.root / "escaping"
    shutil.copytree(shards[1], escaping)
    listed = json.loads((escaping / SHARD_FILE).read_text("utf-8"))
    listed["files"]["../outside.html"] = listed["files"].popitem()[1]
    (escaping / SHARD_FILE).write_text(json.dumps(listed), "utf-8")
    status, output = merge(project, shards[0], escaping, shards[2], into="refused")
    assert status == 1
    assert "escaping/shard.json: '../outside.html' is not a path inside the site" in output

    linked = project.root / "linked"
    shutil.copytree(shards[1], linked)
    page = next(path for path in (linked / SITE_FOLDER).rglob("*.html"))
    page.unlink()
    page.symlink_to(project.root / "mkdocs.yml")
    status, output = merge(project, shards[0], linked, shards[2], into="refused")
    assert status == 1
    assert "not a regular file; shards hold files only" in output
    assert not (project.root / "refused").exists()
    assert not (project.root / "outside.html").exists()
