"""``briefs build`` says what the site weighs (``site/: 214 files, 3.2 MB``) before its
closing line, and warns, without failing, past GitHub Pages' 1 GB; counted as the Pages
artifact packs the folder (no ``.git``, links not followed)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.cli import site_size
from generator.cli.site_size import SiteSize, human_bytes, measure
from support import SiteFactory, brief_yaml


def test_measure_counts_every_file_but_git_and_never_follows_a_link(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_bytes(b"x" * 1_000)
    (tmp_path / "404.html").write_bytes(b"y" * 24)
    (tmp_path / ".nojekyll").write_bytes(b"")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "pack").write_bytes(b"z" * 50_000)
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    (outside / "big").write_bytes(b"w" * 90_000)
    os.symlink(outside, tmp_path / "linked")
    found = measure(tmp_path)
    link_size = os.lstat(tmp_path / "linked").st_size
    assert found == SiteSize(files=4, bytes=1_024 + link_size)


@pytest.mark.parametrize(
    ("count", "shown"),
    [
        (0, "0 bytes"),
        (99_999, "99,999 bytes"),
        (3_240_000, "3.2 MB"),
        (412_400_000, "412 MB"),
        (1_234_000_000, "1.23 GB"),
    ],
)
def test_sizes_read_as_hosts_state_their_limits(count: int, shown: str) -> None:
    assert human_bytes(count) == shown


def test_past_1_gb_a_warning_names_the_limit_and_within_it_none() -> None:
    assert SiteSize(10, 1_000_000_000).pages_warning("site/") is None
    warning = SiteSize(10, 1_000_000_001).pages_warning("site/")
    assert warning is not None and "GitHub Pages' limit of 1 GB" in warning
    assert warning.startswith("warning: site/ is 1.00 GB")
    assert SiteSize(1, 5).describe("site/") == "site/: 1 file, 5 bytes"


@pytest.mark.e2e
def test_briefs_build_ends_with_the_sites_files_and_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory = SiteFactory(tmp_path)
    factory.create({"a.yaml": brief_yaml(tickers=["F"])})
    result = factory.briefs("build")
    assert result.returncode == 0, result.stderr
    found = measure(tmp_path / "site")
    assert found.files > 50 and found.bytes > 100_000
    assert f"site/: {found.files:,} files, {human_bytes(found.bytes)}\n" in result.stderr
    assert "GitHub Pages" not in result.stderr
    assert re.search(r"^briefs: built site/ with mkdocs: .* s$", result.stdout, re.MULTILINE)

    monkeypatch.setattr(site_size, "PAGES_LIMIT", 100_000)  # a small site past a small limit
    result = factory.briefs("build")
    assert result.returncode == 0, result.stderr  # a warning, not a failure
    assert "briefs: warning: site/ is " in result.stderr
    assert "past GitHub Pages' limit of 1 GB" in result.stderr
