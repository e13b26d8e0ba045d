"""What a built site weighs, for the closing lines of ``briefs build``: its files and bytes
(``site/: 12,345 files, 412 MB``), and a warning past GitHub Pages' limit of 1 GB for a
published site (a warning, not a failure: another host may take it).

Counted as GitHub's ``upload-pages-artifact`` packs the folder: every file, links as links,
without ``.git`` and ``.github`` folders (a gh-pages checkout's history is not published).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PAGES_LIMIT = 1_000_000_000
"""GitHub Pages: "Published GitHub Pages sites may be no larger than 1 GB"."""
NOT_PUBLISHED = frozenset({".git", ".github"})
"""Folders ``actions/upload-pages-artifact`` leaves out of the site it uploads."""


@dataclass(frozen=True)
class SiteSize:
    files: int
    bytes: int

    def describe(self, shown: str) -> str:
        """``site/: 12,345 files, 412 MB``."""
        noun = "file" if self.files == 1 else "files"
        return f"{shown}: {self.files:,} {noun}, {human_bytes(self.bytes)}"

    def pages_warning(self, shown: str) -> str | None:
        """One line when the site is past GitHub Pages' limit, else None."""
        if self.bytes <= PAGES_LIMIT:
            return None
        return (
            f"warning: {shown} is {human_bytes(self.bytes)}, past GitHub Pages' limit of 1 GB "
            "for a published site; deploy it elsewhere, or publish less (search: none, "
            "api: false, fewer feeds)"
        )


def measure(site_dir: Path) -> SiteSize:
    """Files and bytes under ``site_dir`` (links counted as themselves, never followed)."""
    files = size = 0
    for folder, subfolders, names in os.walk(site_dir):
        subfolders[:] = [name for name in subfolders if name not in NOT_PUBLISHED]
        links = [name for name in subfolders if os.path.islink(os.path.join(folder, name))]
        subfolders[:] = [name for name in subfolders if name not in links]  # (not walked anyway)
        for name in [*names, *links]:
            try:
                size += os.lstat(os.path.join(folder, name)).st_size
            except OSError:
                continue  # gone since the walk listed it
            files += 1
    return SiteSize(files, size)


def human_bytes(count: int) -> str:
    """``812 bytes``, ``3.2 MB``, ``412 MB``, ``1.23 GB`` (decimal units, as hosts state limits)."""
    if count < 100_000:
        return f"{count:,} bytes"
    if count < 10_000_000:
        return f"{count / 1_000_000:.1f} MB"
    if count < 1_000_000_000:
        return f"{count / 1_000_000:,.0f} MB"
    return f"{count / 1_000_000_000:,.2f} GB"
