"""The Markdown tree on disk: nothing outside the output folder or in briefs/ is touched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build.write import MANIFEST, WriteError, write_tree


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
    # written one page before being killed (tests/test_generate_manifest.py: this version).
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
