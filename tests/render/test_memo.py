"""Pages reused from the previous run (generator/render/memo.py) are exactly the pages a run without
the memo renders, after every kind of edit an author makes; and reuse really happens.

Each test copies the sample site's briefs, runs the pipeline once to fill a memo, makes one
edit, then runs again with the memo and once more without one: the two must give the same
files, byte for byte.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build.pipeline import generate
from generator.render.memo import PageMemo
from generator.settings import Settings
from support import REPO

NOW = datetime(2026, 12, 1, tzinfo=UTC)
FED = "2026/02/january-inflation-runs-hotter-than-forecast.yaml"
UNLINKED = "2026/02/stocks-edge-higher-ahead-of-inflation-data.yaml"
"""A brief no other names in ``related``: deleting or renaming it breaks no link."""


@pytest.fixture
def sample_copy(tmp_path: Path) -> Settings:
    """The settings of a copy of the sample site's briefs (the conftest's ``site`` is a
    project folder to build; this is the pipeline's input only)."""
    shutil.copytree(REPO / "briefs", tmp_path / "briefs")
    return Settings(root=tmp_path)


def _edit(settings: Settings, relative: str, old: str, new: str) -> None:
    path = settings.briefs_path / relative
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def _rerun(settings: Settings, edit: Callable[[Settings], object]) -> tuple[PageMemo, bool]:
    """Fill a memo, edit, run with and without it: (the memo after, whether equal)."""
    memo = PageMemo()
    generate(settings, now=NOW, memo=memo)
    edit(settings)
    reused = generate(settings, now=NOW, memo=memo).files
    fresh = generate(settings, now=NOW).files
    differing = sorted(
        path for path in fresh.keys() | reused.keys() if fresh.get(path) != reused.get(path)
    )
    assert differing == []
    return memo, True


EDITS: dict[str, Callable[[Settings], object]] = {
    "a word of the details": lambda s: _edit(s, FED, "relatively stable", "mostly steady"),
    "the headline, listed on other pages": lambda s: _edit(
        s, FED, "title: January Inflation Runs Hotter", "title: January Prices Run Hotter"
    ),
    "the date, which reorders listings": lambda s: _edit(
        s, FED, "date: 2026-02-12", "date: 2026-01-02"
    ),
    "the category": lambda s: _edit(s, FED, "category: Economy", "category: Stock Markets"),
    "a new tag, a new page": lambda s: _edit(
        s, FED, "tags: [inflation,", "tags: [prices, inflation,"
    ),
    "a sector of a risk": lambda s: _edit(s, FED, "sectors: [real estate,", "sectors: [retail,"),
    "an entity": lambda s: _edit(
        s, FED, "entities: [Federal Reserve,", "entities: [Federal Reserve, Acme Corp,"
    ),
    "the story": lambda s: _edit(s, FED, "story: fed-policy-2026", "story: inflation-watch"),
    "a deletion": lambda s: (s.briefs_path / UNLINKED).unlink(),
    "a rename (a new slug)": lambda s: (s.briefs_path / UNLINKED).rename(
        s.briefs_path / UNLINKED.replace("stocks-edge", "shares-edge")
    ),
    "an addition": lambda s: (s.briefs_path / "2026/02/copy-of-inflation.yaml").write_text(
        (s.briefs_path / FED)
        .read_text("utf-8")
        .replace("title: January", "title: Copy of January"),
        "utf-8",
    ),
    "an addition older than every brief": lambda s: (
        s.briefs_path / "2026/02/old-inflation.yaml"
    ).write_text(
        (s.briefs_path / FED)
        .read_text("utf-8")
        .replace("title: January", "title: Old January")
        .replace("date: 2026-02-12", "date: 2025-06-02"),
        "utf-8",
    ),
    "a registry entry": lambda s: _edit(s, "_data/tickers.yaml", "NYSE", "NYSE American"),
    # names: a story's or a sector's name is shown on every brief that names it.
    "a story's title": lambda s: _edit(
        s, "_data/stories.yaml", "title: The Fed's Path on Rates", "title: Rates Watch"
    ),
    "a sector's name": lambda s: _edit(s, "_data/sectors.yaml", "name: Banks", "name: Lenders"),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=list(EDITS))
def test_reused_pages_are_the_pages_a_fresh_run_renders(
    sample_copy: Settings, edit: Callable[[Settings], object]
) -> None:
    _rerun(sample_copy, edit)


def test_an_edit_to_the_body_rerenders_few_pages(sample_copy: Settings) -> None:
    """Without reuse the memo would be pointless: a word in one brief's details changes its
    page only, so every other page that can be reused is."""
    memo, _ = _rerun(sample_copy, EDITS["a word of the details"])
    pages = len(memo.pages)
    assert pages > 100
    assert memo.reused == pages - 1


def test_a_new_setting_or_template_reuses_nothing(sample_copy: Settings, tmp_path: Path) -> None:
    memo = PageMemo()
    generate(sample_copy, now=NOW, memo=memo)
    generate(sample_copy.model_copy(update={"per_page": 5}), now=NOW, memo=memo)
    assert memo.reused == 0
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "story.md.j2").write_text(
        (REPO / "theme/templates/story.md.j2").read_text("utf-8"), "utf-8"
    )
    with_templates = sample_copy.model_copy(update={"templates_dir": "templates"})
    generate(with_templates, now=NOW, memo=memo)
    generate(with_templates, now=NOW, memo=memo)
    assert memo.reused == 0, "a site's own templates may read anything: no reuse"


def test_a_memo_reads_back_its_pages_and_a_page_not_matching_its_hash_is_missing() -> None:
    """The kept form (generator/build/state.py keeps it signed; tests/build/test_state.py damages
    the file): the Markdown of a page is given only when it hashes to what the index says."""
    memo = PageMemo(
        "key",
        {"a.md": ("d", (("ticker", "F", "f\0F"),), "# A"), "b.md": ("e", (), "# Bé\n")},
    )
    index, blob = memo.to_parts()
    assert dict(PageMemo.from_parts(index, blob).pages) == memo.pages
    swapped = blob.replace(b"# A", b"<s>")  # same length, another page
    kept = PageMemo.from_parts(index, swapped).pages
    assert kept.get("a.md") is None and kept.get("b.md") == memo.pages["b.md"]
    for damaged in ({"pages": []}, {"site_key": "k", "pages": [["a.md", "d", [], "h", -1]]}):
        with pytest.raises((TypeError, ValueError)):
            PageMemo.from_parts(damaged, b"")
    with pytest.raises(ValueError):
        PageMemo.from_parts(index, blob + b"x")


@pytest.mark.parametrize(
    "edit",
    ["an addition older than every brief", "a deletion", "the date, which reorders listings"],
)
def test_paginated_listings_are_never_stale(sample_copy: Settings, edit: str) -> None:
    """Two briefs a page: a brief added far back changes the count every page of its terms
    shows, also where the page's own briefs stay the same."""
    _rerun(sample_copy.model_copy(update={"per_page": 2}), EDITS[edit])
