"""The brief cache (generator/build/brief_cache.py): a build reads and validates only the brief
files whose bytes changed, and what it takes from the cache is exactly what reading the files
gives: the same models, positions and problems, the same lines an author sees. A cache that is
damaged, cut short or not ours is ignored in one line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.build import brief_cache, pipeline, policy, site_folder, state
from generator.build.brief_cache import KeptBriefs
from generator.errors import Problem
from generator.graph.sanity import PLACEHOLDER
from generator.settings import Settings
from support import SiteFactory, brief_yaml
from support.sites import RICH, briefs_settings

CACHE_LINE = "newsbriefs: {}: {}; ignored, every brief is read and checked anew"

BRIEFS = {
    "2026/01/rich.yaml": RICH,
    "2026/01/older.yaml": brief_yaml(
        title="Older",
        date="2026-01-01T09:30:00-05:00",
        updated="2026-01-02T10:00:00+01:00",
        tickers=[700, "BRK.B"],
        status="corrected",
        corrections=[{"date": "2026-01-03", "text": "A figure was wrong."}],
        notes=[{"title": "Note", "text": "Text.", "kind": "tip"}],
        tags=["electric vehicles"],
        story="ford-china",
        draft=False,
    ),
    # A valid model with an error of its own file (a date before the brief's).
    "2026/01/backdated.yaml": brief_yaml(title="Backdated", updated="2025-12-01"),
    # No model at all: never kept, read again, says the same again.
    "2026/01/broken.yaml": "title: [unclosed\n",
    "2026/01/invalid.yaml": brief_yaml(title="Invalid", kee_points=["typo"]),
    # Valid, with warnings the collection's checks add (a placeholder left) and a
    # related slug that points nowhere: both need the positions kept with the brief.
    "2026/02/draft.yaml": brief_yaml(
        title="Draft", summary=f"{PLACEHOLDER}: write the summary", related=["nowhere"]
    ),
}


def _load(settings: Settings, reads: pipeline.BriefReads | None = None) -> tuple[Any, Any]:
    briefs, problems = pipeline.load_briefs(settings, reads)
    return briefs, problems


def _kept(settings: Settings, cache: Path) -> KeptBriefs:
    return policy.kept_briefs(cache, settings.briefs_path)


@pytest.fixture
def site(tmp_path: Path) -> Settings:
    return briefs_settings(tmp_path, BRIEFS)


@pytest.fixture
def cache(site: Settings, tmp_path: Path) -> Path:
    """A cache kept after a cold load of :data:`BRIEFS`."""
    path = tmp_path / ".newsbriefs" / policy.BRIEF_CACHE_NAME
    first = KeptBriefs()
    _load(site, first.reads)
    policy.keep_briefs(first, path, site.briefs_path)
    assert path.is_file()
    return path


def _lines(problems: list[Problem]) -> list[str]:
    return [p.format() for p in sorted(problems, key=Problem.sort_key)]


def test_a_cache_hit_gives_the_briefs_and_problems_a_cold_load_gives(
    site: Settings, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold_briefs, cold_problems = _load(site)
    kept = _kept(site, cache)
    read_again: list[str] = []
    reading = pipeline.read_brief
    monkeypatch.setattr(
        pipeline, "read_brief", lambda path: read_again.append(path.name) or reading(path)
    )
    briefs, problems = _load(site, kept.reads)
    # Only the files with no model were read again; the valid ones came from the cache.
    assert sorted(read_again) == ["broken.yaml", "invalid.yaml"]
    assert briefs == cold_briefs
    for cached, cold in zip(briefs, cold_briefs, strict=True):
        assert dict(cached.positions) == dict(cold.positions)
        assert cached.model_fields_set == cold.model_fields_set
        fields = [name for name in type(cold).model_fields if name != "positions"]
        assert [type(getattr(cached, n)) for n in fields] == [
            type(getattr(cold, n)) for n in fields
        ]
        assert cached.date == cold.date and str(cached.date) == str(cold.date)
    assert problems == cold_problems
    assert _lines(problems) == _lines(cold_problems)
    assert any("backdated.yaml" in line and "updated" in line for line in _lines(problems))
    assert any("related[0]" in line for line in _lines(problems))


def test_warnings_about_a_cached_brief_point_where_a_cold_load_points(
    site: Settings, cache: Path
) -> None:
    from generator.graph.sanity import warnings

    cold_briefs, _ = _load(site)
    briefs, _ = _load(site, _kept(site, cache).reads)
    now = cold_briefs[0].published_at
    cold, cached = warnings(cold_briefs, now=now), warnings(briefs, now=now)
    assert any(PLACEHOLDER in p.message or "placeholder" in p.message for p in cold)
    assert _lines(cached) == _lines(cold)


def test_an_edited_file_is_read_again_and_kept_anew(
    site: Settings, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = site.briefs_path / "2026/01/rich.yaml"
    edited.write_text(RICH.replace("Summary text.", "Summary text, edited."), "utf-8")
    kept = _kept(site, cache)
    read_again: list[str] = []
    reading = pipeline.read_brief
    monkeypatch.setattr(
        pipeline, "read_brief", lambda path: read_again.append(path.name) or reading(path)
    )
    briefs, _ = _load(site, kept.reads)
    assert sorted(read_again) == ["broken.yaml", "invalid.yaml", "rich.yaml"]
    rich = next(b for b in briefs if b.source == edited)
    assert rich.summary == "Summary text, edited."
    before = cache.read_bytes()
    policy.keep_briefs(kept, cache, site.briefs_path)
    assert cache.read_bytes() != before
    again = _kept(site, cache)
    assert again.reads[edited][1][0] == rich
    # Nothing changed since: the file is not written again.
    stamp = cache.stat().st_mtime_ns
    _load(site, again.reads)
    policy.keep_briefs(again, cache, site.briefs_path)
    assert cache.stat().st_mtime_ns == stamp


def test_a_deleted_file_leaves_the_cache(site: Settings, cache: Path) -> None:
    gone = site.briefs_path / "2026/01/older.yaml"
    gone.unlink()
    kept = _kept(site, cache)
    _load(site, kept.reads)
    policy.keep_briefs(kept, cache, site.briefs_path)
    assert gone not in _kept(site, cache).reads


def test_a_renamed_file_is_a_new_brief_with_the_slug_of_its_new_name(
    site: Settings, cache: Path
) -> None:
    old = site.briefs_path / "2026/01/older.yaml"
    new = old.with_name("renamed.yaml")
    old.rename(new)
    briefs, _ = _load(site, _kept(site, cache).reads)
    assert "renamed" in {b.slug for b in briefs} and "older" not in {b.slug for b in briefs}


def _flip_last_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[-1] ^= 1
    path.write_bytes(bytes(data))


def _foreign(path: Path) -> None:
    head, _, rest = path.read_bytes().partition(b"\n")
    path.write_bytes(head[:-64] + b"0" * 64 + b"\n" + rest)


def _other_format(path: Path) -> None:
    head, _, rest = path.read_bytes().partition(b"\n")
    fields = head.split(b" ")
    fields[2] = b"999"
    path.write_bytes(b" ".join(fields) + b"\n" + rest)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_flip_last_byte, "not signed with this machine's state key"),
        (lambda p: p.write_bytes(p.read_bytes()[:-100]), "truncated"),
        (_foreign, "not signed with this machine's state key"),
        (_other_format, "of format '999', not 1 (another version of newsbriefs)"),
        (lambda p: p.write_bytes(b"{}"), "not a newsbriefs state file"),
    ],
    ids=["tampered", "truncated", "foreign", "other-format", "not-ours"],
)
def test_a_damaged_cache_is_ignored_in_one_line_and_every_brief_is_read(
    site: Settings,
    cache: Path,
    capsys: pytest.CaptureFixture[str],
    damage: Any,
    reason: str,
) -> None:
    cold_briefs, cold_problems = _load(site)
    damage(cache)
    kept = _kept(site, cache)
    said = capsys.readouterr().err.splitlines()
    assert len(said) == 1 and said[0].startswith("newsbriefs: ") and reason in said[0]
    assert said[0].endswith("; ignored, every brief is read and checked anew")
    assert kept.reads == {}
    assert _load(site, kept.reads) == (cold_briefs, cold_problems)


def test_a_cache_signed_by_us_with_a_wrong_shape_is_damaged_not_a_crash(
    site: Settings, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document, blob = state.read(cache, policy.BRIEF_CACHE) or ({}, b"")
    document["briefs"][0][2] = 0  # the index says a brief of no bytes
    state.save(cache, policy.BRIEF_CACHE, document, bytes(blob))
    assert _kept(site, cache).reads == {}
    said = capsys.readouterr().err
    assert re.search(r"briefs\.cache: damaged \(ValueError", said), said


def test_a_kept_path_that_leads_out_of_the_briefs_folder_is_refused(
    site: Settings, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document, blob = state.read(cache, policy.BRIEF_CACHE) or ({}, b"")
    document["briefs"][0][0] = "../../elsewhere.yaml"
    state.save(cache, policy.BRIEF_CACHE, document, bytes(blob))
    assert _kept(site, cache).reads == {}
    assert "damaged" in capsys.readouterr().err


def test_a_cache_kept_by_other_code_is_not_used(
    site: Settings, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(brief_cache, "code_digest", lambda: "another version")
    assert _kept(site, cache).reads == {}


def test_briefs_build_keeps_the_cache_and_says_the_same_warnings_on_a_cached_build(
    tmp_path: Path,
) -> None:
    briefs = {
        "2026/01/ford.yaml": RICH.replace("related:\n- older\n", ""),
        # A warning a published brief may have (a placeholder is an error there): a date
        # far ahead.
        "2026/01/todo.yaml": brief_yaml(title="Todo", date="2099-01-05"),
    }
    site = SiteFactory(tmp_path)
    root = site.create(briefs)
    first = site.briefs_process("build")
    assert first.returncode == 0, first.stderr
    cache = root / site_folder.STATE_DIR / policy.BRIEF_CACHE_NAME
    assert state.read(cache, policy.BRIEF_CACHE) is not None
    second = site.briefs_process("build")
    assert second.returncode == 0, second.stderr

    def warned(text: str) -> list[str]:
        return [line for line in text.splitlines() if "todo.yaml" in line]

    assert warned(first.stdout + first.stderr)
    assert warned(second.stdout + second.stderr) == warned(first.stdout + first.stderr)
