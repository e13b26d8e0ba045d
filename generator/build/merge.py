"""Shard folders, and their merge into one site.

``briefs build --shard K/N`` leaves a shard folder: ``site/``, the outputs of its share of
the pages (the first share also holds what belongs to the whole site: theme assets, search
index, feeds, sitemaps), and ``shard.json``, which names the share, the fingerprint of
everything the shares must agree on (generator/build/shards.py) and every file with its size
and hash. ``briefs merge`` checks the folders before it writes anything: one fingerprint,
one number of shares, each share exactly once, each folder holding exactly the files its
``shard.json`` lists, as they were built (a truncated artifact is refused), no file in two
shares. Then the files go into a fresh folder that is swapped in as every build is
(generator/build/site_folder.py): a refused or failed merge leaves the old site as it was.

A shard folder may come from another machine (a CI artifact): ``shard.json`` is read as
bounded JSON and validated, its paths must stay inside ``site/``, and nothing but regular
files is copied. ``briefs build --jobs N`` uses the same checks on the shards it built
itself, and moves their files instead of copying them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from generator.build import guard
from generator.build.request import Shard
from generator.errors import visible

SHARD_FILE = "shard.json"
"""In a shard folder: its :class:`ShardManifest`."""
SITE_FOLDER = "site"
"""In a shard folder: the share's outputs."""
MAX_MANIFEST_BYTES = 256 * 2**20
"""A manifest lists ~150 bytes a file: far more than a site GitHub Pages takes."""


class MergeError(Exception):
    """Shards that cannot be merged; the message says which and why, in one line."""


class ShardManifest(BaseModel):
    """What ``shard.json`` says of its folder."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    format: Literal[1] = 1
    fingerprint: str = Field(pattern=r"^[0-9a-f]{32}$")
    index: int
    count: int
    files: dict[str, tuple[int, str]]
    """Each output (site-relative, ``/``-separated) -> its size and BLAKE2b digest."""

    @property
    def shard(self) -> Shard:
        return Shard(index=self.index, count=self.count)


@dataclass(frozen=True)
class ShardFolder:
    """A shard's outputs (``site``) and what its manifest says of them."""

    site: Path
    manifest: ShardManifest
    name: str
    """How messages name it: the folder as given."""


def file_digest(path: Path) -> str:
    """A file's content hash as shard manifests record it: the one function both the shard
    that writes a file and the merge that checks it use, so the two always agree."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()


def _listed(site: Path) -> dict[str, tuple[int, str]]:
    """Every file under ``site`` (but the site marker) with its size and digest; raises
    :class:`MergeError` for anything that is not a folder or a regular file."""
    files: dict[str, tuple[int, str]] = {}
    for folder, dirs, names in os.walk(site):
        for name in sorted([*dirs, *names]):
            path = Path(folder, name)
            mode = path.lstat().st_mode
            if stat.S_ISDIR(mode):
                continue
            relative = path.relative_to(site).as_posix()
            if relative == guard.SITE_MARKER:
                continue
            if not stat.S_ISREG(mode):
                raise MergeError(f"{guard.shown(path)}: not a regular file; shards hold files only")
            files[relative] = (path.lstat().st_size, file_digest(path))
    return files


def describe(site: Path, share_file: Path, shard: Shard) -> ShardManifest:
    """The manifest of a share the engine just built into ``site``, from the fingerprint the
    plugin left in ``share_file`` (generator/build/shards.py)."""
    try:
        share = json.loads(share_file.read_text("utf-8"))
        fingerprint, index = share["fingerprint"], share["index"]
    except (OSError, ValueError, TypeError, KeyError):
        raise MergeError(f"the engine left no fingerprint for shard {shard}") from None
    if index != shard.index:
        raise MergeError(f"the engine built shard {index}, not {shard}")
    (site / guard.SITE_MARKER).unlink(missing_ok=True)
    return ShardManifest(
        fingerprint=fingerprint, index=shard.index, count=shard.count, files=_listed(site)
    )


def pack(site: Path, manifest: ShardManifest, into: Path) -> None:
    """Make the empty folder ``into`` a shard folder: ``site`` moved in, ``shard.json``
    beside it, and the marker that lets the next build replace it."""
    os.rename(site, into / SITE_FOLDER)
    (into / SHARD_FILE).write_text(manifest.model_dump_json(indent=1), "utf-8")
    guard.mark_site(into)


def read(folder: Path) -> ShardFolder:
    """The shard folder at ``folder``, its manifest checked; :class:`MergeError` if it is
    not one that ``briefs build --shard`` made."""
    name = guard.shown(folder)
    manifest_file = folder / SHARD_FILE
    not_a_shard = "not a shard folder that 'briefs build --shard' made"
    if not (folder / SITE_FOLDER).is_dir() or (folder / SITE_FOLDER).is_symlink():
        raise MergeError(f"{name}: no {SITE_FOLDER}/ folder; {not_a_shard}")
    try:
        info = manifest_file.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_MANIFEST_BYTES:
            raise MergeError(f"{name}/{SHARD_FILE}: not a regular file of a sane size")
        manifest = ShardManifest.model_validate_json(manifest_file.read_bytes())
    except FileNotFoundError:
        raise MergeError(f"{name}: no {SHARD_FILE}; {not_a_shard}") from None
    except OSError as exc:
        raise MergeError(f"{name}/{SHARD_FILE}: {exc.strerror or exc}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "document"
        raise MergeError(visible(f"{name}/{SHARD_FILE}: {where}: {first['msg']}")) from None
    where = f"{name}/{SHARD_FILE}"
    try:
        manifest.shard  # noqa: B018 (validates the share)
    except ValidationError:
        shard = f"{manifest.index}/{manifest.count}"
        raise MergeError(f"{where}: shard {shard} does not exist") from None
    for path in manifest.files:
        if not _inside(path):
            raise MergeError(visible(f"{where}: {path!r} is not a path inside the site"))
    return ShardFolder(folder / SITE_FOLDER, manifest, name)


def _inside(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return (
        bool(parts)
        and "\\" not in path
        and not PurePosixPath(path).is_absolute()
        and all(part not in ("", ".", "..") for part in parts)
        and path == "/".join(parts)
        and path != guard.SITE_MARKER
    )


def check(shards: list[ShardFolder]) -> None:
    """Refuse shards that do not make one site: another fingerprint or number of shares, a
    share given twice or missing, a file in two shares."""
    if not shards:
        raise MergeError("no shard folders given")
    first = shards[0]
    seen: dict[int, ShardFolder] = {}
    for shard in shards:
        if shard.manifest.count != first.manifest.count:
            raise MergeError(
                f"{shard.name} is one of {shard.manifest.count} shards, "
                f"{first.name} one of {first.manifest.count}; merge the shards of one build"
            )
        if shard.manifest.fingerprint != first.manifest.fingerprint:
            raise MergeError(
                f"{shard.name} was built from other sources, config, code or build time than "
                f"{first.name} (their fingerprints differ); build every shard from the same "
                "commit with the same --now"
            )
        if shard.manifest.index in seen:
            raise MergeError(
                f"shard {shard.manifest.shard} is given twice: "
                f"{seen[shard.manifest.index].name} and {shard.name}"
            )
        seen[shard.manifest.index] = shard
    missing = [index for index in range(1, first.manifest.count + 1) if index not in seen]
    if missing:
        names = ", ".join(f"{index}/{first.manifest.count}" for index in missing)
        verb = "are" if len(missing) > 1 else "is"
        raise MergeError(f"shard{'s' if len(missing) > 1 else ''} {names} {verb} missing")
    owners: dict[str, ShardFolder] = {}
    for shard in shards:
        for path in shard.manifest.files:
            other = owners.setdefault(path, shard)
            if other is not shard:
                raise MergeError(visible(f"{path} is in two shards: {other.name} and {shard.name}"))


def assemble(shards: list[ShardFolder], into: Path, *, move: bool) -> None:
    """Put the files of every shard into the empty folder ``into``, each checked against its
    manifest first (size and digest; nothing else in the folder); ``move`` renames them (the
    shards of ``--jobs``, on one file system), else they are copied."""
    check(shards)
    for shard in shards:
        found = _listed(shard.site)
        if found != shard.manifest.files:
            odd = sorted(found.keys() ^ shard.manifest.files.keys()) or sorted(
                path for path in found if found[path] != shard.manifest.files[path]
            )
            raise MergeError(
                visible(
                    f"{shard.name}: {odd[0]} is not as the shard was built (missing, added or "
                    "changed); build the shard again"
                )
            )
    for shard in shards:
        for path in sorted(shard.manifest.files):
            target = into / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if move:
                os.rename(shard.site / path, target)
            else:
                shutil.copy2(shard.site / path, target, follow_symlinks=False)
