"""The search in segments (generator/build/search_segments.py): a bundle for the newest month,
one per run of earlier months, one for the term and own pages, listed for the search's script; a publish re-indexes only
the segment of the brief it changed; a kept bundle that is forged, damaged, tampered with, a
link or of another segment is ignored in one line, and the site is the one a fresh build makes.
The search as readers use it, across segments: tests/browser/test_search_in_browser.py."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.build import search_segments, site_folder, state
from generator.build.search_segments import BUNDLE_KIND, KEPT_DIR, Segment, load_bundle
from generator.publish.search import SearchRecord
from support import BIN, SiteFactory, brief_yaml
from support.reading import EPOCH, assert_same_site, pagefind_records, tree, unpacked

KEPT = f"{site_folder.STATE_DIR}/{KEPT_DIR}"
BRIEFS = {
    "2024/06/old.yaml": brief_yaml(
        title="Zeppelin Output Falls", date="2024-06-03", details=["Quixotic zeppelins."]
    ),
    "2025/11/older.yaml": brief_yaml(title="Yarrow Crop Grows", date="2025-11-03"),
    "2026/01/a.yaml": brief_yaml(tickers=["ACME"]),
    "2026/02/b.yaml": brief_yaml(title="Beta Falls", date="2026-02-06", tags=["beta"]),
}
OLD = "2024-06-to-2026-01"
SEGMENTS = ["site", "2026-02", OLD]
LINE = re.compile(r"search: \d+ records in (\d+) segments \((\d+) reused; indexed anew: ([^)]*)\)")


def _briefs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [str(BIN / "briefs"), *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )


def _indexed_anew(output: str) -> list[str]:
    """The segments the build's search line says Pagefind indexed (the others were reused)."""
    (found,) = LINE.findall(output)
    return [] if found[2] == "none" else found[2].split(", ")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of briefs over three years, built once with ``briefs build`` (kept state made):
    the newest month is a segment, the earlier months (four briefs, far below the cap) one run;
    a pristine copy, which :func:`project` puts back where it was built."""
    base = tmp_path_factory.mktemp("segments")
    root = base / "project"
    SiteFactory(root).create(BRIEFS)
    result = _briefs(root, "build")
    assert result.returncode == 0, result.stderr
    assert _indexed_anew(result.stderr) == SEGMENTS
    shutil.copytree(root, base / "pristine", symlinks=True)
    return base / "pristine"


@pytest.fixture
def project(built: Path) -> Iterator[Path]:
    root = built.parent / "project"
    shutil.rmtree(root)
    shutil.copytree(built, root, symlinks=True)
    yield root


def _urls(folder: Path) -> set[str]:
    """The addresses of the records in one bundle folder (not its subfolders)."""
    return {
        json.loads(unpacked(path.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
        for path in (folder / "fragment").glob("*.pf_fragment")
    }


def test_each_period_is_a_bundle_merged_into_the_primary_one(built: Path) -> None:
    site = built / "site"
    bundle = site / "pagefind"
    assert json.loads((bundle / "segments.json").read_text("utf-8")) == SEGMENTS[1:]
    assert _urls(bundle / OLD) == {"/briefs/old/", "/briefs/older/", "/briefs/a/"}
    assert _urls(bundle / "2026-02") == {"/briefs/b/"}
    primary = _urls(bundle)
    assert "/tickers/acme/" in primary and "/about/" in primary
    assert not [url for url in primary if url.startswith("/briefs/")]
    # The scripts and WebAssembly once, in the primary bundle; a segment holds its index.
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.en.pagefind").is_file()
    for name in SEGMENTS[1:]:
        files = {p.relative_to(bundle / name).as_posix() for p in (bundle / name).rglob("*")}
        assert "pagefind-entry.json" in files
        assert not [f for f in files if f.endswith((".js", ".css", ".pagefind"))], files
    # The search's script finds the list beside the primary bundle it loads.
    home = (site / "index.html").read_text("utf-8")
    assert 'data-bundle="pagefind/"' in home and '"segments.json"' in home
    assert len(pagefind_records(site)) == len(BRIEFS) + len(primary)


def _same_as_a_fresh_build(project: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns(".newsbriefs", "site"))
    assert _briefs(fresh, "build").returncode == 0
    assert_same_site(project / "site", fresh / "site")


@pytest.mark.parametrize(
    ("brief", "segment"), [("2026/02/b.yaml", "2026-02"), ("2024/06/old.yaml", OLD)]
)
def test_an_edit_re_indexes_only_the_segment_of_the_brief_it_changed(
    built: Path, project: Path, tmp_path: Path, brief: str, segment: str
) -> None:
    path = project / "briefs" / brief
    path.write_text(path.read_text("utf-8").replace("Acme beat", "Acme crushed"), "utf-8")
    result = _briefs(project, "build")
    assert result.returncode == 0, result.stderr
    assert _indexed_anew(result.stderr) == [segment]
    assert any("Acme crushed" in r["content"] for r in pagefind_records(project / "site"))
    _same_as_a_fresh_build(project, tmp_path)


def test_a_new_month_is_a_segment_and_the_month_before_joins_the_earlier_run(
    built: Path, project: Path, tmp_path: Path
) -> None:
    new = project / "briefs" / "2026" / "03" / "c.yaml"
    new.parent.mkdir()
    new.write_text(brief_yaml(title="Gamma Rises", date="2026-03-02"), "utf-8")
    result = _briefs(project, "build")
    assert result.returncode == 0, result.stderr
    assert _indexed_anew(result.stderr) == ["2026-03", "2024-06-to-2026-02"]
    site = project / "site" / "pagefind"
    assert json.loads((site / "segments.json").read_text("utf-8")) == [
        "2026-03",
        "2024-06-to-2026-02",
    ]
    # The bundles of segments the site no longer has are not kept.
    kept = sorted(path.name for path in (project / KEPT).iterdir())
    assert kept == ["2024-06-to-2026-02.bundle", "2026-03.bundle", "site.bundle"]
    _same_as_a_fresh_build(project, tmp_path)


def test_kept_bundles_left_alone_are_all_reused(built: Path, project: Path) -> None:
    result = _briefs(project, "build")
    assert result.returncode == 0, result.stderr
    assert _indexed_anew(result.stderr) == []
    assert not [line for line in result.stderr.splitlines() if line.startswith("newsbriefs: ")]
    assert_same_site(project / "site", built / "site")


# ---------------------------------------------------------------------------------------------
# Kept bundles that are not what a build kept: ignored in one line, the segment indexed anew.


def _parts(data: bytes) -> tuple[dict[str, object], bytes]:
    head, _, rest = data.partition(b"\n")
    length = int(head.split(b" ")[3])
    return json.loads(rest[:length]), rest[length:]


def _resign(path: Path, change: Callable[[dict[str, object], bytes], bytes]) -> None:
    """Rewrite a kept bundle changed by ``change`` and signed with this machine's key: what
    a writer holding the key (an older newsbriefs, a bug) could leave."""
    document, blob = _parts(path.read_bytes())
    blob = change(document, blob)
    state.save(path, BUNDLE_KIND, document, blob)


INJECTED = b"<script>INJECTED()</script>"


def _flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF
    path.write_bytes(bytes(data))


def _bytes_unlike_their_hash(path: Path) -> None:
    def change(document: dict[str, object], blob: bytes) -> bytes:
        return blob[: -len(INJECTED)] + INJECTED

    _resign(path, change)


def _a_file_outside_the_bundle(path: Path) -> None:
    def change(document: dict[str, object], blob: bytes) -> bytes:
        files = document["files"]
        assert isinstance(files, list)
        files.append(["../../index.html", len(INJECTED), hashlib.sha256(INJECTED).hexdigest()])
        return blob + INJECTED

    _resign(path, change)


def _another_segments_bundle(path: Path) -> None:
    shutil.copyfile(path.with_name(f"{OLD}.bundle"), path)


def _a_link(path: Path) -> None:
    target = path.with_name("elsewhere")
    path.rename(target)
    path.symlink_to(target.name)


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "forged": (_flip_a_byte, "not signed with this machine's state key"),
    "tampered": (_bytes_unlike_their_hash, "its bytes do not match its hash"),
    "escaping": (_a_file_outside_the_bundle, "names a file '../../index.html'"),
    "swapped": (_another_segments_bundle, f"holds segment '{OLD}'"),
    "link": (_a_link, "a symbolic link, not a regular file"),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[:-100]), "truncated"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_kept_bundle_is_ignored_in_one_line_and_the_site_is_a_fresh_builds(
    built: Path, project: Path, case: str
) -> None:
    corrupt, reason = CASES[case]
    corrupt(project / KEPT / "2026-02.bundle")
    result = _briefs(project, "build")
    assert result.returncode == 0, result.stderr
    said = [line for line in result.stderr.splitlines() if line.startswith("newsbriefs: ")]
    assert len(said) == 1, said
    assert said[0].startswith(f"newsbriefs: {KEPT}/2026-02.bundle: "), said
    assert reason in said[0] and said[0].endswith("ignored, that search segment is indexed anew")
    assert _indexed_anew(result.stderr) == ["2026-02"]
    assert_same_site(project / "site", built / "site")
    assert not [name for name, data in tree(project / "site").items() if INJECTED in data]
    # Kept anew, for the next build.
    assert state.read(project / KEPT / "2026-02.bundle", BUNDLE_KIND) is not None


def test_a_kept_folder_that_is_a_link_is_neither_read_nor_written(
    built: Path, project: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (project / KEPT).rename(elsewhere)
    (project / KEPT).symlink_to(elsewhere)
    before = sorted(p.name for p in elsewhere.iterdir())
    result = _briefs(project, "build")
    assert result.returncode == 0, result.stderr
    assert f"newsbriefs: {KEPT}: a symbolic link; ignored" in result.stderr
    assert _indexed_anew(result.stderr) == SEGMENTS
    assert sorted(p.name for p in elsewhere.iterdir()) == before
    assert_same_site(project / "site", built / "site")


# ---------------------------------------------------------------------------------------------
# The plan, without Pagefind.


def test_the_newest_month_is_alone_and_earlier_months_are_runs_from_the_oldest() -> None:
    counts = {"2024-06": 2, "2025-01": 2, "2025-02": 1, "2025-03": 4, "2025-04": 1, "2025-05": 9}
    assert search_segments.runs(counts, most=5) == [
        ("2024-06-to-2025-02", ["2024-06", "2025-01", "2025-02"]),
        ("2025-03-to-2025-04", ["2025-03", "2025-04"]),
        ("2025-05", ["2025-05"]),
    ]
    # A month above the cap is a run alone; the runs before a new month do not move.
    counts |= {"2025-04": 7, "2025-06": 1}
    assert search_segments.runs(counts, most=5) == [
        ("2024-06-to-2025-02", ["2024-06", "2025-01", "2025-02"]),
        ("2025-03", ["2025-03"]),
        ("2025-04", ["2025-04"]),
        ("2025-05", ["2025-05"]),
        ("2025-06", ["2025-06"]),
    ]
    assert search_segments.runs({}) == []


def test_a_segments_digest_follows_its_records_and_only_them() -> None:
    one = SearchRecord(url="/briefs/a/", content="Acme rose.", meta={"title": "A"})
    two = SearchRecord(url="/briefs/a/", content="Acme fell.", meta={"title": "A"})
    assert Segment("2026-01", (one,)).digest("en") == Segment("2026-01", (one,)).digest("en")
    assert Segment("2026-01", (one,)).digest("en") != Segment("2026-01", (two,)).digest("en")
    assert Segment("2026-01", (one,)).digest("en") != Segment("2026-01", (one,)).digest("fr")


def test_a_kept_bundle_of_other_records_is_not_reused_and_not_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "2026-01.bundle"
    search_segments.keep_bundle(path, "2026-01", "a" * 64, {"index/en_1.pf_index": b"x"})
    assert load_bundle(path, "2026-01", "a" * 64) == {"index/en_1.pf_index": b"x"}
    assert load_bundle(path, "2026-01", "b" * 64) is None
    assert capsys.readouterr().err == ""
