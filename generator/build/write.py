"""Stage 5 (on disk): the Markdown tree, for any engine.

This module writes the generated tree (``briefs build`` then moves whole site folders, in
generator/build/engines.py). It writes a file only when its content changed (so engines
and editors that watch mtimes see real changes only), removes files that an earlier run
generated and this one did not, and keeps a manifest of what it wrote so that it never
deletes or overwrites anything else: not an author's brief, not a hand-written page.

The manifest records each file's content hash. A file is newsbriefs' to replace or remove
only when its bytes still hash to what the manifest records: a stale manifest (copied from
another folder), an edited one, or a page edited by hand since cannot make a run remove or
overwrite what it did not write. A file listed but not matching is left in place and said
in one line (:meth:`WriteReport.left_line`); one to be overwritten stops the run before
anything is written. The manifest is read as every kept file is (generator/build/state.py):
a regular file, capped, its JSON's depth bounded; one that fails is treated as absent.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from generator.build.state import Ignored, parse_json, read_regular

MANIFEST = ".newsbriefs-manifest.json"
MANIFEST_FORMAT = 2
"""Format 2: ``{"format": 2, "files": {path: [content hash, ...]}}``. Format 1 (a list of
paths, no hashes) proves nothing: the files it lists may be overwritten by a run that
generates them (as before), but are never removed."""
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
"""A manifest lists paths and hashes; one larger than this is not ours and is not read."""
MAX_MANIFEST_DEPTH = 4

UNPROVEN = ""
"""The hash of a file a format-1 manifest lists: matches no content."""


class WriteError(Exception):
    """The tree cannot be written without touching files that are not ours."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    """Listed by the manifest, no longer generated, but not as newsbriefs wrote them (or not
    provably so): left in place."""

    def summary(self) -> str:
        return (
            f"{len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.removed)} removed"
        )

    def left_line(self) -> str | None:
        """The one line that names the files left in place; None when there are none."""
        if not self.left:
            return None
        shown = ", ".join(self.left[:5]) + (
            f" and {len(self.left) - 5} more" if len(self.left) > 5 else ""
        )
        return (
            f"{len(self.left)} file{'s' if len(self.left) > 1 else ''} the manifest lists "
            f"{'were' if len(self.left) > 1 else 'was'} left in place, not as newsbriefs wrote "
            f"{'them' if len(self.left) > 1 else 'it'} (edited since, or never written by it): "
            f"{shown}"
        )


Claims = dict[str, set[str]]
"""A manifest: each path -> the content hashes it may have for newsbriefs to call it its own."""


def write_tree(
    files: Mapping[str, str | bytes], out_dir: Path, *, protected: Iterable[Path]
) -> WriteReport:
    """Make ``out_dir`` hold exactly ``files`` among the files this tool generated.

    ``protected`` folders (the briefs folder) are never written into, even when ``out_dir``
    contains them. Raises :class:`WriteError` before writing anything if a file would
    land in a protected folder or replace a file that is not as an earlier run wrote it.
    """
    out_dir = out_dir.resolve()
    guarded = [p.resolve() for p in protected]
    for folder in guarded:
        if out_dir.is_relative_to(folder):
            raise WriteError(f"output folder {out_dir} is inside {folder}; choose another --out")
    previous = read_claims(out_dir)
    contents = {path: _bytes(content) for path, content in files.items()}
    conflicts: list[str] = []
    found: dict[str, str] = {}
    """The hashes of the files in place that this run replaces."""
    for path, data in contents.items():
        _check_relative(path)
        target = out_dir / path
        if _escapes(target, out_dir, guarded):
            conflicts.append(f"{path}: would be written outside {out_dir} or into {guarded[0]}")
            continue
        if not (target.exists() or target.is_symlink()):
            continue
        current = content_hash_of(target)
        if current is None:
            conflicts.append(f"{path}: exists and is not a regular file; not replaced")
        elif current == content_hash(data) or _ours(previous, path, current):
            found[path] = current
        else:
            why = "was edited since newsbriefs wrote it"
            if path not in previous:
                why = "was not generated by newsbriefs"
            conflicts.append(f"{path}: exists and {why}; not replaced")
    if conflicts:
        shown = conflicts[:10] + (
            [f"... and {len(conflicts) - 10} more"] if len(conflicts) > 10 else []
        )
        raise WriteError("nothing was written:\n  " + "\n  ".join(shown))

    # Claim every path before writing any, with the hashes it has now and will have: a
    # run cut short is resumed, not refused.
    claims = {path: hashes - {UNPROVEN} for path, hashes in previous.items()}
    for path, data in contents.items():
        claims.setdefault(path, set()).add(content_hash(data))
        if path in found:
            claims[path].add(found[path])
    _write_manifest(out_dir, claims)
    report = WriteReport()
    for path, data in sorted(contents.items()):
        target = out_dir / path
        if _same_content(target, data):
            report.unchanged.append(path)
            continue
        atomic_write(target, data)
        report.written.append(path)
    for path in sorted(previous.keys() - contents.keys()):
        target = out_dir / path
        if _escapes(target, out_dir, guarded):
            continue
        current = content_hash_of(target)
        if current is not None and current in previous[path]:
            target.unlink()
            report.removed.append(path)
            _prune_empty_parents(target.parent, out_dir)
        elif target.exists() or target.is_symlink():
            report.left.append(path)
    _write_manifest(out_dir, {path: {content_hash(data)} for path, data in contents.items()})
    return report


def _ours(previous: Claims, path: str, current: str) -> bool:
    """Whether the file at ``path``, whose content hashes to ``current``, may be replaced:
    the manifest records that hash for it (a format-1 manifest's listing is enough)."""
    hashes = previous.get(path)
    return hashes is not None and (current in hashes or UNPROVEN in hashes)


def content_hash(data: bytes) -> str:
    """What the manifest records of a file's content."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def content_hash_of(target: Path) -> str | None:
    """The hash of a regular file's content; None when there is none, or not a regular file
    (a FIFO or a link to ``/dev/zero`` is never read)."""
    try:
        data = read_regular(target, MAX_GENERATED_BYTES)
    except Ignored:
        return None
    return None if data is None else content_hash(data)


MAX_GENERATED_BYTES = 1 << 30
"""No generated file is this large: a larger file in its place is not ours."""


def _same_content(target: Path, data: bytes) -> bool | None:
    """Whether ``target`` holds exactly ``data``; None when it is not a regular file (or is
    missing). Only a regular file of the same size is read, so a FIFO or a link to
    ``/dev/zero`` left in the output folder can neither block nor exhaust memory."""
    try:
        info = target.stat()
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    if info.st_size != len(data):
        return False
    try:
        return target.read_bytes() == data
    except OSError:
        return False


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _escapes(target: Path, out_dir: Path, guarded: Sequence[Path]) -> bool:
    """Whether ``target``, symbolic links resolved, lies outside ``out_dir`` or in a
    protected folder (``out/briefs -> ../briefs`` must not lead a write into briefs/)."""
    real = target.parent.resolve() / target.name
    return not real.is_relative_to(out_dir) or any(real.is_relative_to(g) for g in guarded)


def _write_manifest(out_dir: Path, claims: Claims) -> None:
    files = {path: sorted(hashes) for path, hashes in sorted(claims.items())}
    manifest = json.dumps({"format": MANIFEST_FORMAT, "files": files}, indent=0).encode()
    if content_hash_of(out_dir / MANIFEST) != content_hash(manifest):
        atomic_write(out_dir / MANIFEST, manifest)


def _check_relative(path: str) -> None:
    if not _is_inside(path):
        raise WriteError(f"{path!r}: generated paths must stay inside the output folder")


def read_manifest(out_dir: Path) -> set[str]:
    """The paths the manifest in ``out_dir`` lists (empty when none can be read)."""
    return set(read_claims(out_dir))


def read_claims(out_dir: Path) -> Claims:
    """What the manifest in ``out_dir`` records; empty when there is none, or it is not a
    regular file, too large, too deep or not a manifest (nothing is then removed)."""
    try:
        data = read_regular(out_dir / MANIFEST, MAX_MANIFEST_BYTES)
        listed = None if data is None else parse_json(data, MAX_MANIFEST_DEPTH)
    except Ignored:
        return {}
    # A manifest is a file anyone can edit: an entry that leaves the folder is ignored.
    if isinstance(listed, list):  # format 1: paths only, which prove nothing
        return {p: {UNPROVEN} for p in listed if isinstance(p, str) and _is_inside(p)}
    if not isinstance(listed, dict) or listed.get("format") != MANIFEST_FORMAT:
        return {}
    files = listed.get("files")
    if not isinstance(files, dict):
        return {}
    return {
        path: {h for h in hashes if isinstance(h, str) and h != UNPROVEN}
        for path, hashes in files.items()
        if _is_inside(path) and isinstance(hashes, list)
    }


def _is_inside(path: str) -> bool:
    pure = PurePosixPath(path)
    return bool(pure.parts) and not pure.is_absolute() and ".." not in pure.parts


def atomic_write(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader never sees half a file. An OSError
    names ``target`` (not the temporary file beside it), for a message a reader understands."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=target.suffix)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, os.fspath(target)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, os.fspath(target)) from exc
        raise


def _prune_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and folder.is_relative_to(stop):
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        folder = folder.parent
