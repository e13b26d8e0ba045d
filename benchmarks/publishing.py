"""A newsroom's day at scale: one brief published on an archive of N briefs, with kept state.

For each of ``--publish-sizes`` (default 1,000, 5,000 and 20,000), in a fresh folder:

1. ``briefs build --strict`` from nothing (cold: no site, no ``.newsbriefs/``): the state a
   publish starts from, and the cold build's time, pages and peak memory;
2. one new brief, the newest of the archive (:func:`add_brief`), then ``briefs build
   --strict`` again: the publish, timed, with the HTML pages whose bytes it changed or added
   (every HTML file hashed before and after);
3. ``briefs serve``: save-to-page of one word added to a brief (preview.py), and the peak
   memory of the server's process tree;
4. at the largest size, when ``briefs build`` has ``--jobs`` and cold builds were asked for:
   the first build (1.) runs with ``--jobs 2``, and at the end a cold build with ``--jobs 1``
   (state and site removed first): one cold build more, not two.

Peak memory is ``ru_maxrss`` from ``os.wait4`` in launch.py (measure.py): on Linux the
largest process of the command's tree, its children (MkDocs, Pagefind) included.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import preview
import yaml
from measure import ENV, Run, briefs, log, run

from corpus.synthetic import dump_brief, slugify

NEW_TITLE_PREFIX = "Just In:"
"""The title of the published brief starts so: its slug is new to every synthetic archive."""


def jobs_supported(config: Path) -> bool:
    """Whether ``briefs build`` has ``--jobs`` (another branch adds it)."""
    done = subprocess.run(
        briefs(config, "build", "--help"),
        cwd=config.parent,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    return "--jobs" in done.stdout


def _newest(briefs_dir: Path) -> tuple[Path, dict[str, Any]]:
    """The newest brief of the archive: by its date, among the briefs of the last month's
    folder (briefs/YYYY/MM/; only those are read, so 20,000 briefs cost no more than 1,000)."""
    months = sorted(p.parent for p in briefs_dir.glob("[0-9]*/[0-9]*/*.yaml"))
    found = []
    for path in sorted(months[-1].glob("*.yaml")):
        fields = yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
        found.append((_day(fields["date"]), path, fields))
    _, path, fields = max(found, key=lambda item: item[0])
    return path, fields


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def add_brief(briefs_dir: Path) -> Path:
    """Publish one brief: the newest brief's fields (its category, tickers, tags, story and
    related briefs: the listings a real publish lands on) under a new title, a day after
    it. Returns the new file (a path no synthetic brief has)."""
    _, fields = _newest(briefs_dir)
    day = _day(fields["date"]) + timedelta(days=1)
    fields["title"] = f"{NEW_TITLE_PREFIX} {fields['title']}"
    fields["date"] = day
    fields.pop("updated", None)
    slug = slugify(fields["title"])[:90].strip("-")
    target = briefs_dir / f"{day:%Y}" / f"{day:%m}" / f"{slug}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(dump_brief(fields), "utf-8")
    return target


def html_digests(site_dir: Path) -> dict[str, bytes]:
    """Every HTML page of a built site: its path, the digest of its bytes."""
    return {
        str(path.relative_to(site_dir)): hashlib.blake2b(path.read_bytes()).digest()
        for path in site_dir.rglob("*.html")
        if path.is_file()
    }


def pages_changed(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, int]:
    """HTML pages a build changed: rewritten with other bytes, added, removed."""
    return {
        "changed": sum(1 for page, digest in after.items() if before.get(page, digest) != digest),
        "added": len(after.keys() - before.keys()),
        "removed": len(before.keys() - after.keys()),
    }


def _cold(root: Path) -> None:
    for name in ("site", ".newsbriefs", ".cache"):
        shutil.rmtree(root / name, ignore_errors=True)


def _build(config: Path, *options: str) -> Run:
    return run(briefs(config, "build", "--strict", *options), cwd=config.parent)


def measure_publish(
    config: Path, *, preview_too: bool, cold_jobs: bool, jobs: bool
) -> dict[str, Any]:
    """Every publish figure of the site of ``config`` (a synthetic site, not yet built)."""
    root = config.parent
    site = root / "site"
    count = sum(1 for p in (root / "briefs").rglob("*.yaml") if "_data" not in p.parts)
    figures: dict[str, Any] = {"briefs": count, "jobs_option": jobs}

    both_jobs = cold_jobs and jobs  # the first build is then the --jobs 2 one
    _cold(root)
    cold = _build(config, *(("--jobs", "2") if both_jobs else ()))
    before = html_digests(site)
    figures["cold"] = {**cold.as_json(), "pages": len(before)}
    log(f"{count} briefs: cold build {cold.wall:.2f} s, {len(before):,} pages")

    added = add_brief(root / "briefs")
    publish = _build(config)
    after = html_digests(site)
    figures["publish"] = {**publish.as_json(), "pages": len(after), **pages_changed(before, after)}
    figures["publish"]["brief"] = str(added.relative_to(root))
    changed = figures["publish"]["changed"] + figures["publish"]["added"]
    log(f"{count} briefs: publish {publish.wall:.2f} s, {changed:,} HTML pages written anew")

    if preview_too:
        figures["preview"] = preview.live_preview(
            config, preview.edited_brief(root / "briefs"), patience=max(900.0, count * 0.2)
        )
        log(f"{count} briefs: preview {figures['preview']}")

    if both_jobs:
        figures["cold_jobs_2"] = cold.as_json()
        _cold(root)
        figures["cold_jobs_1"] = _build(config, "--jobs", "1").as_json()
        log(f"{count} briefs: cold build --jobs 1 {figures['cold_jobs_1']['wall']:.2f} s")
    elif cold_jobs:
        figures["cold_jobs_note"] = "briefs build has no --jobs option in this tree"
    return figures
