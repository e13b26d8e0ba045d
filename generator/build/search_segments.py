"""The search index in segments: one Pagefind bundle per period of briefs, kept between builds.

Pagefind indexes a whole site at once: at 5,000 briefs that is 9.9 s on every publish and a
process of 1.1 GB (4 GB at 20,000), though a publish changes one brief. So the records are
split (:func:`plan`), each part indexed into a bundle of its own, and a reader's browser
merges them (Pagefind's ``mergeIndex``, theme/overrides/partials/newsbriefs/search.html):

- the newest brief's month, a segment of its own (``2026-02``): a publish touches it, so it
  re-indexes a month's briefs, not the archive;
- the earlier months, packed from the oldest into runs of whole months of at most
  :data:`MAX_SEGMENT_BRIEFS` briefs (``2025-03-to-2025-12``; a month above it alone): an
  older run never changes when a brief is published (only the newest run grows, once a
  month, when the month before the newest joins it), and a segment's size, with it
  Pagefind's memory, stays bounded;
- the term pages and the site's own pages, the segment :data:`SITE_SEGMENT`: they do not
  change when a brief is edited (a term's record is its name and its registry entry), and
  kept apart they rank as before (a ticker's page is short beside briefs' records: ``NVDA``
  finds the ticker's page first). It is the *primary* bundle, in ``site/pagefind/`` itself,
  with Pagefind's scripts and WebAssembly; every other segment is ``site/pagefind/<name>/``
  with only its index (the browser searches merged indexes with the primary's WebAssembly),
  and ``site/pagefind/segments.json`` lists them for the search's script. Beside the
  primary's index, not indexed and made on every build: the exact names' map
  (``names.json``, ``names/<part>.json``: generator/publish/search_names.py).

Why runs of months, not a segment per month or per year: each merged segment costs a
reader's first query its own entry, meta, filters and at least one ~20 KB chunk of its word
index (benchmarks/search_cost.py), so the number of segments decides much of what a first
query downloads: twelve monthly segments at 5,000 briefs made it 523 KB (gzip), the newest
month and one run 289 KB. The run's cap bounds Pagefind's memory (952 MB for a run of
4,610 briefs). Pagefind's meta and filter files grow with the records whatever the split,
so at 20,000 briefs a first query is well above 300 KB even in one bundle (README, Search).

Which month is current comes from the briefs (the newest one's), never from the clock: the
same briefs give the same segments, and an incremental build equals a full one.

Segments are indexed one after the other (one Pagefind process at a time): memory is
bounded by the largest segment, not the archive.

Kept between builds (``.newsbriefs/search/<segment>.bundle``): each segment's bundle as one
kept file of generator/build/state.py, signed and checked like all kept state: a manifest
(the segment, the digest of what made it, each file's path, size and SHA-256) and the files'
bytes after it. A segment is reused only when the digest of its records, of Pagefind's version
and of this module's format and language is the kept one's, and every file's size and hash
match the manifest, checked on the bytes that are then written into the site (no file is
opened twice). A manifest path is one of Pagefind's names (``index/en_3f2a.pf_index``): no
folder above, no link, nothing that is not in the manifest ever reaches the site. A kept
bundle that fails a check is ignored with one line and the segment indexed anew.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from generator.build import state
from generator.build.search_index import (
    BUNDLE_DIR,
    HtmlPage,
    SearchIndexer,
    SearchIndexError,
    executable,
)
from generator.graph.index import SiteIndex
from generator.publish.search import SearchRecord, brief_record, term_records
from generator.publish.search_names import names_files
from generator.settings import Settings

SITE_SEGMENT = "site"
"""The segment of the term pages and the site's own pages: the primary bundle."""
MAX_SEGMENT_BRIEFS = 5000
"""The most briefs in a run of earlier months: Pagefind's memory grows with a segment (1.1 GB
at 5,000 briefs), a first query's bytes with the number of segments."""
SEGMENTS_FILE = "segments.json"
"""In ``site/pagefind/``: the folders of the merged segments, newest first, for the script."""
KEPT_DIR = "search"
"""In the state folder (``.newsbriefs/``): one kept bundle per segment."""
FORMAT = 3
"""Bumped when what a kept bundle holds, or how records are split, changes."""
INDEX_FILES = re.compile(
    r"^(?:pagefind-entry\.json|pagefind\.[\w-]+\.pf_meta|(?:index|fragment|filter)/[\w-]+\.pf_\w+)$"
)
"""What a merged segment needs in the site (its entry, meta, word index, fragments and
filters); the primary keeps every file Pagefind writes (its scripts, styles, WebAssembly)."""
KEPT_NAME = re.compile(r"^(?:(?:index|fragment|filter)/)?[A-Za-z0-9][\w.-]*$")
"""A path a kept manifest may name: one of Pagefind's own names, in its folder or in one of
three subfolders; never ``..``, never absolute, never deeper."""
BUNDLE_KIND = state.Kind(
    "search-bundle",
    FORMAT,
    "that search segment is indexed anew",
    max_bytes=2**30,  # a month of a busy desk is a few MB; a year of 4,000 briefs about 10
    max_depth=4,  # {"files": [[path, size, sha256]]}: 3
)


@dataclass(frozen=True)
class Segment:
    """What one bundle indexes: a period's briefs, or the site's other pages."""

    name: str
    records: tuple[SearchRecord, ...]
    pages: tuple[HtmlPage, ...] = ()
    beside: tuple[tuple[str, bytes], ...] = ()
    """Files written into its folder as they are, not indexed (the primary's exact names,
    generator/publish/search_names.py): made anew on every build, never kept."""

    @property
    def primary(self) -> bool:
        return self.name == SITE_SEGMENT

    @property
    def folder(self) -> str:
        """Its folder under ``site/``: ``pagefind`` for the primary, else ``pagefind/<name>``."""
        return BUNDLE_DIR if self.primary else f"{BUNDLE_DIR}/{self.name}"

    def digest(self, language: str) -> str:
        """What the bundle is made from: every record and page, the language, Pagefind's
        version and :data:`FORMAT`. Equal digests, equal indexes."""
        made = hashlib.sha256()
        head = {"format": FORMAT, "pagefind": pagefind_version(), "language": language}
        made.update(json.dumps(head, sort_keys=True).encode())
        for record in self.records:
            row = [record.url, record.content, record.meta, record.filters, record.sort]
            made.update(b"\n" + json.dumps(row, sort_keys=True).encode())
        for page in self.pages:
            made.update(b"\n" + json.dumps([page.url, page.title, page.html]).encode())
        return made.hexdigest()


def plan(index: SiteIndex, settings: Settings, pages: Iterable[HtmlPage] = ()) -> list[Segment]:
    """The site's segments: :data:`SITE_SEGMENT` first, then the briefs', newest first."""
    by_month: dict[str, list[SearchRecord]] = defaultdict(list)
    for brief in index.briefs:
        by_month[f"{brief.date.year:04d}-{brief.date.month:02d}"].append(
            brief_record(brief, index, settings)
        )
    counts = {month: len(made) for month, made in by_month.items()}
    periods = [
        Segment(name, tuple(record for month in months for record in by_month[month]))
        for name, months in reversed(runs(counts))
    ]
    site = Segment(
        SITE_SEGMENT,
        tuple(term_records(index, settings)),
        tuple(pages),
        tuple(names_files(index, settings).items()),
    )
    return [site, *periods]


def runs(counts: dict[str, int], most: int | None = None) -> list[tuple[str, list[str]]]:
    """The briefs' segments, oldest first, as (name, months): the earlier months (``counts``:
    month -> briefs) packed from the oldest into runs of at most ``most`` briefs
    (:data:`MAX_SEGMENT_BRIEFS`), then the newest month alone."""
    most = MAX_SEGMENT_BRIEFS if most is None else most
    months = sorted(counts)
    packed: list[list[str]] = []
    total = 0
    for month in months[:-1]:
        if packed and total + counts[month] <= most:
            packed[-1].append(month)
            total += counts[month]
        else:
            packed.append([month])
            total = counts[month]
    packed += [months[-1:]] if months else []
    return [(_run_name(run), run) for run in packed]


def _run_name(months: list[str]) -> str:
    return months[0] if len(months) == 1 else f"{months[0]}-to-{months[-1]}"


@cache
def pagefind_version() -> str:
    """Pagefind's version (``pagefind 1.5.2``): a kept bundle of another is not reused."""
    try:
        done = subprocess.run(
            [str(executable()), "--version"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchIndexError(f"search: cannot run Pagefind: {exc}") from None
    return done.stdout.strip() or "unknown"


# ---------------------------------------------------------------------------------------------
# Writing the segments.


@dataclass
class SegmentsStats:
    """What was written: for the build's log and the benchmarks."""

    records: int = 0
    files: int = 0
    bytes: int = 0
    indexed: list[str] = field(default_factory=list)
    """Segments indexed by Pagefind in this build (new or changed)."""
    reused: list[str] = field(default_factory=list)
    """Segments copied from the kept bundles."""
    seconds: float = 0.0
    waited: float = 0.0
    """How long :meth:`SegmentsWriter.write` kept its caller waiting."""

    def summary(self) -> str:
        """One line for the build's log."""
        anew = ", ".join(self.indexed) or "none"
        return (
            f"search: {self.records} records in {len(self.indexed) + len(self.reused)} "
            f"segments ({len(self.reused)} reused; indexed anew: {anew}), {self.files} files, "
            f"{self.bytes / 1e6:.1f} MB in {BUNDLE_DIR}/ ({self.waited:.1f} s after the pages)"
        )


def write_segments(
    segments: Sequence[Segment],
    site_dir: Path,
    language: str,
    kept_dir: Path | None = None,
    stop: threading.Event | None = None,
) -> SegmentsStats:
    """Write every segment's bundle under ``site_dir/pagefind/`` (replacing what was there),
    reusing the bundles kept in ``kept_dir`` whose digest is unchanged, and keeping those
    indexed anew there for the next build. ``stop`` set: stop before the next segment."""
    started = time.perf_counter()
    stats = SegmentsStats()
    out = site_dir / BUNDLE_DIR
    kept_dir = _usable(kept_dir)
    shutil.rmtree(out, ignore_errors=True)
    for segment in segments:
        if stop is not None and stop.is_set():
            raise SearchIndexError("search: stopped before every segment was written")
        digest = segment.digest(language)
        kept = kept_dir / f"{segment.name}.bundle" if kept_dir is not None else None
        files = load_bundle(kept, segment.name, digest) if kept is not None else None
        if files is None:
            files = index_segment(segment, language)
            stats.indexed.append(segment.name)
            if kept is not None:
                keep_bundle(kept, segment.name, digest, files)
        else:
            stats.reused.append(segment.name)
        stats.records += len(segment.records) + len(segment.pages)
        _write_files(site_dir / segment.folder, {**files, **dict(segment.beside)})
        stats.files += len(files) + len(segment.beside)
        stats.bytes += sum(len(data) for data in files.values())
        stats.bytes += sum(len(data) for _, data in segment.beside)
    merged = [segment.name for segment in segments if not segment.primary]
    (out / SEGMENTS_FILE).write_text(json.dumps(merged), "utf-8")
    if kept_dir is not None:
        _forget_others(kept_dir, {segment.name for segment in segments})
    stats.seconds = time.perf_counter() - started
    return stats


def index_segment(segment: Segment, language: str) -> dict[str, bytes]:
    """The files of the bundle Pagefind makes of ``segment`` (a merged segment's index files
    only), handed over by Pagefind's service without a detour through the disk."""
    with SearchIndexer.start(language) as indexer:
        indexer.add(segment.records)
        indexer.add_pages(segment.pages)
        made = indexer.files()
    return {name: made[name] for name in sorted(made) if segment.primary or INDEX_FILES.match(name)}


def _usable(kept_dir: Path | None) -> Path | None:
    """``kept_dir`` if it is a folder or nothing yet; None (one line) when it is a link or
    another kind of file: nothing is kept or reused through it."""
    if kept_dir is None or not os.path.lexists(kept_dir):
        return kept_dir
    if kept_dir.is_symlink() or not kept_dir.is_dir():
        what = "a symbolic link" if kept_dir.is_symlink() else "not a folder"
        state.say_ignored(kept_dir, what, "search segments are indexed anew and not kept")
        return None
    return kept_dir


def _forget_others(kept_dir: Path, names: set[str]) -> None:
    """Remove the kept bundles of segments the site no longer has (a month folded into its
    year when the year ended): the folder holds what the next build may reuse, no more."""
    for path in kept_dir.glob("*.bundle"):
        if path.name.removesuffix(".bundle") not in names:
            with contextlib.suppress(OSError):  # a folder of that name: left alone, never read
                path.unlink()


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


class SegmentsWriter:
    """Writes the segments in a thread, beside the engine's rendering; :meth:`write` waits
    for it. One Pagefind process at a time."""

    def __init__(
        self, segments: Sequence[Segment], site_dir: Path, language: str, kept_dir: Path | None
    ) -> None:
        self._result: SegmentsStats | None = None
        self._error: BaseException | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run,
            args=(segments, site_dir, language, kept_dir),
            name="pagefind-segments",
            daemon=True,
        )
        self._thread.start()

    def _run(
        self, segments: Sequence[Segment], site_dir: Path, language: str, kept_dir: Path | None
    ) -> None:
        try:
            self._result = write_segments(segments, site_dir, language, kept_dir, self._stop)
        except BaseException as exc:  # handed to write(), in the caller's thread
            self._error = exc

    def write(self) -> SegmentsStats:
        """Wait for every segment; raises :class:`SearchIndexError` when one failed."""
        asked = time.perf_counter()
        self._thread.join()
        if self._error is not None:
            if isinstance(self._error, SearchIndexError):
                raise self._error
            raise SearchIndexError(f"search: the index was not written: {self._error}")
        assert self._result is not None
        self._result.waited = time.perf_counter() - asked
        return self._result

    def close(self) -> None:
        """Stop after the segment being indexed (a failed build: what was written goes with
        the site; bundles kept meanwhile are whole and signed)."""
        self._stop.set()
        self._thread.join()


# ---------------------------------------------------------------------------------------------
# Kept bundles.


def keep_bundle(path: Path, name: str, digest: str, files: dict[str, bytes]) -> None:
    """Keep ``files`` for the next build, signed, with their manifest."""
    listed = [[file, len(data), hashlib.sha256(data).hexdigest()] for file, data in files.items()]
    document = {"segment": name, "digest": digest, "files": listed}
    state.save(path, BUNDLE_KIND, document, b"".join(files.values()))


def load_bundle(path: Path, name: str, digest: str) -> dict[str, bytes] | None:
    """The kept files of segment ``name`` if they were made from ``digest`` and pass every
    check (state.py's, then each file's name, size and hash); None otherwise (one line on
    stderr when the file is damaged, forged or of another kind)."""
    found = state.load(path, BUNDLE_KIND, lambda document, blob: _parse(document, blob, name))
    if found is None or found[0] != digest:
        return None
    return found[1]


def _parse(document: Any, blob: memoryview, name: str) -> tuple[str, dict[str, bytes]]:
    """The digest and files of a kept bundle; ValueError (the file is "damaged") when its
    manifest is not one this module writes or its bytes do not match it."""
    if document["segment"] != name:
        raise ValueError(f"holds segment {str(document['segment'])[:40]!r}")
    digest = document["digest"]
    if not isinstance(digest, str):
        raise TypeError("digest")
    files: dict[str, bytes] = {}
    at = 0
    for file, size, sha in document["files"]:
        if not (isinstance(file, str) and KEPT_NAME.match(file)) or file in files:
            raise ValueError(f"names a file {str(file)[:60]!r}")
        if not isinstance(size, int) or size < 0 or at + size > len(blob):
            raise ValueError(f"{file}: size {size!r} beyond the kept bytes")
        data = bytes(blob[at : at + size])
        if not isinstance(sha, str) or hashlib.sha256(data).hexdigest() != sha:
            raise ValueError(f"{file}: its bytes do not match its hash")
        files[file] = data
        at += size
    if at != len(blob):
        raise ValueError("bytes beyond those the manifest lists")
    return digest, files


def write_search_index(
    index: SiteIndex,
    settings: Settings,
    site_dir: Path,
    pages: Iterable[HtmlPage] = (),
    kept_dir: Path | None = None,
) -> SegmentsStats:
    """Write the segments of ``index`` (and the site's own ``pages``) into
    ``site_dir/pagefind/``, replacing what an earlier build left there (benchmarks, tests)."""
    segments = plan(index, settings, pages)
    return write_segments(segments, site_dir, settings.language, kept_dir)
