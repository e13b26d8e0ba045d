"""The Markdown tree on disk: nothing outside the output folder or in briefs/ is touched."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path

import pytest

from generator.build import write
from generator.build.write import MANIFEST, WriteError, content_hash, write_tree
from support import SiteFactory, brief_yaml


def test_manifest_entry_leaving_the_folder_is_ignored(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree({"a.md": "a"}, out, protected=[])
    victim = tmp_path / "victim" / "keep.md"
    victim.parent.mkdir()
    victim.write_text("keep")
    (out / MANIFEST).write_text(json.dumps(["a.md", "../victim/keep.md", "/etc/hosts"]))
    report = write_tree({"a.md": "a"}, out, protected=[])
    assert report.removed == []
    assert victim.read_text() == "keep"


def test_symlink_inside_the_output_cannot_lead_a_write_into_briefs(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "briefs").symlink_to(briefs)
    with pytest.raises(WriteError, match="would be written outside"):
        write_tree({"briefs/x.md": "x"}, out, protected=[briefs])
    assert list(briefs.iterdir()) == []


def test_a_run_cut_short_is_resumed_not_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # As if a run of an older version (a manifest of paths only) had claimed its paths and
    # written one page before being killed (tests/build/test_write.py: this version).
    (out / MANIFEST).write_text(json.dumps(["a.md", "b.md"]))
    (out / "a.md").write_text("old a")
    report = write_tree({"a.md": "new a", "b.md": "b"}, out, protected=[])
    assert sorted(report.written) == ["a.md", "b.md"]
    assert sorted(json.loads((out / MANIFEST).read_text())["files"]) == ["a.md", "b.md"]


def test_unchanged_files_are_not_rewritten_and_stale_ones_go(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree({"a.md": "a", "x/b.md": "b"}, out, protected=[])
    before = (out / "a.md").stat().st_mtime_ns
    report = write_tree({"a.md": "a"}, out, protected=[])
    assert report.unchanged == ["a.md"] and report.removed == ["x/b.md"]
    assert (out / "a.md").stat().st_mtime_ns == before
    assert not (out / "x").exists()


# ---------------------------------------------------------------------------------------------
# ``briefs generate --out DIR`` removes or replaces only files it can prove it wrote
# (generator/build/write.py): its manifest records each file's content hash, and a file
# whose bytes no longer match is left in place, said in one line, never removed; one it
# would overwrite stops the run before anything is written.


BRIEFS = {
    "2026/01/a.yaml": brief_yaml(title="Acme Rises", tickers=["ACME"]),
    "2026/01/b.yaml": brief_yaml(title="Beta Falls", date="2026-01-06"),
}
HAND_WRITTEN = "# Notes\n\nWritten by hand.\n"


@pytest.fixture
def generated(site: SiteFactory) -> SiteFactory:
    site.create(BRIEFS)
    result = site.briefs("generate", "--out", "out")
    assert result.returncode == 0, result.stderr
    return site


def _out(site: SiteFactory) -> Path:
    return site.root / "out"


def _manifest(site: SiteFactory) -> dict[str, list[str]]:
    document = json.loads((_out(site) / MANIFEST).read_text("utf-8"))
    assert document["format"] == write.MANIFEST_FORMAT
    files: dict[str, list[str]] = document["files"]
    return files


def _list(site: SiteFactory, extra: dict[str, list[str]]) -> None:
    """Edit the manifest as a stale copy or a person would: more files listed."""
    path = _out(site) / MANIFEST
    document = json.loads(path.read_text("utf-8"))
    document["files"].update(extra)
    path.write_text(json.dumps(document), "utf-8")


def test_the_manifest_records_each_files_content_hash(generated: SiteFactory) -> None:
    files = _manifest(generated)
    assert "briefs/a.md" in files
    for path, hashes in files.items():
        assert hashes == [content_hash((_out(generated) / path).read_bytes())]


def test_a_hand_written_page_a_stale_manifest_lists_is_left_and_said(
    generated: SiteFactory,
) -> None:
    notes = _out(generated) / "notes.md"
    notes.write_text(HAND_WRITTEN, "utf-8")
    _list(generated, {"notes.md": [content_hash(b"what an old run wrote there")]})
    result = generated.briefs("generate", "--out", "out")
    assert result.returncode == 0, result.stderr
    assert notes.read_text("utf-8") == HAND_WRITTEN
    assert result.stderr == (
        f"briefs: out: left in place: notes.md (listed in {MANIFEST}, but not as newsbriefs "
        "wrote them: edited since, or never written by it)\n"
    )
    assert "notes.md" not in _manifest(generated)  # not claimed any more: said once


def test_a_stale_page_is_removed_and_an_edited_one_left(generated: SiteFactory) -> None:
    """Brief b is deleted: its unedited page goes; brief a's page, edited by hand, stays."""
    out = _out(generated)
    (generated.root / "briefs" / "2026/01/b.yaml").unlink()
    (generated.root / "briefs" / "2026/01/a.yaml").unlink()
    (out / "briefs" / "a.md").write_text("# Acme, annotated by hand\n", "utf-8")
    result = generated.briefs("generate", "--out", "out")
    assert result.returncode == 0, result.stderr
    assert not (out / "briefs" / "b.md").exists()
    assert (out / "briefs" / "a.md").read_text("utf-8") == "# Acme, annotated by hand\n"
    assert "left in place: briefs/a.md (" in result.stderr
    assert "removed" in result.stdout and " 0 removed" not in result.stdout


def test_a_generated_page_edited_by_hand_is_not_overwritten(generated: SiteFactory) -> None:
    out = _out(generated)
    page = out / "briefs" / "a.md"
    page.write_text("# Acme, annotated by hand\n", "utf-8")
    (generated.root / "briefs" / "2026/01/b.yaml").unlink()  # something else to do
    result = generated.briefs("generate", "--out", "out")
    assert result.returncode == 2
    assert (
        "briefs/a.md: exists and was edited since newsbriefs wrote it; not replaced"
        in result.stderr
    )
    assert page.read_text("utf-8") == "# Acme, annotated by hand\n"
    assert (out / "briefs" / "b.md").exists()  # nothing was written or removed


def test_a_manifest_of_paths_only_proves_nothing_and_removes_nothing(
    generated: SiteFactory,
) -> None:
    """The format before hashes: what it lists may be regenerated over, never removed."""
    out = _out(generated)
    (out / "notes.md").write_text(HAND_WRITTEN, "utf-8")
    listed = [*_manifest(generated), "notes.md"]
    (out / MANIFEST).write_text(json.dumps(listed), "utf-8")
    (out / "briefs" / "a.md").write_text("an older run's page", "utf-8")
    result = generated.briefs("generate", "--out", "out")
    assert result.returncode == 0, result.stderr
    assert (out / "notes.md").read_text("utf-8") == HAND_WRITTEN
    assert "left in place: notes.md (" in result.stderr
    assert (out / "briefs" / "a.md").read_text("utf-8") != "an older run's page"
    assert set(_manifest(generated)) == set(listed) - {"notes.md"}


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "deep", "huge"])
def test_a_manifest_that_cannot_be_read_removes_nothing(generated: SiteFactory, kind: str) -> None:
    """Read as kept state is (generator/build/state.py): never blocks, never exhausts
    memory, never recurses; treated as absent, so nothing is removed or replaced."""
    out = _out(generated)
    stale = out / "briefs" / "b.md"
    (generated.root / "briefs" / "2026/01/b.yaml").unlink()
    manifest = out / MANIFEST
    manifest.unlink()
    if kind == "fifo":
        os.mkfifo(manifest)
    elif kind == "dev-zero":
        manifest.symlink_to("/dev/zero")
    elif kind == "deep":
        manifest.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    else:
        with open(manifest, "wb") as handle:
            handle.truncate(write.MAX_MANIFEST_BYTES + 1)
    guard = threading.Timer(20, _unblock, [manifest])  # a reader blocked on it ends
    guard.start()
    try:
        result = generated.briefs("generate", "--out", "out")
    finally:
        guard.cancel()
    # As if there were no manifest: the pages that changed are not provably ours.
    assert result.returncode == 2, result.stderr
    assert "briefs/a.md: exists and was not generated by newsbriefs; not replaced" in result.stderr
    assert stale.exists()
    assert "Traceback" not in result.stderr


def _unblock(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def test_a_run_cut_short_is_resumed_with_what_it_claimed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree({"a.md": "old a", "b.md": "old b"}, out, protected=[])
    real = write.atomic_write
    written: list[Path] = []

    def fails_after_one(target: Path, data: bytes) -> None:
        if target.name != MANIFEST and written:
            raise OSError(28, "No space left on device", str(target))
        if target.name != MANIFEST:
            written.append(target)
        real(target, data)

    monkeypatch.setattr(write, "atomic_write", fails_after_one)
    with pytest.raises(OSError):
        write_tree({"a.md": "new a", "b.md": "new b"}, out, protected=[])
    assert (out / "a.md").read_text() == "new a" and (out / "b.md").read_text() == "old b"
    monkeypatch.setattr(write, "atomic_write", real)
    report = write_tree({"a.md": "new a", "b.md": "new b"}, out, protected=[])
    assert report.written == ["b.md"] and report.unchanged == ["a.md"]
    files = json.loads((out / MANIFEST).read_text())["files"]
    assert files == {"a.md": [content_hash(b"new a")], "b.md": [content_hash(b"new b")]}


def test_a_file_not_generated_before_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.md").write_text(HAND_WRITTEN)
    with pytest.raises(WriteError, match=r"a\.md: exists and was not generated by newsbriefs"):
        write_tree({"a.md": "generated"}, out, protected=[])
    assert (out / "a.md").read_text() == HAND_WRITTEN
