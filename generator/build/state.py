"""Kept state: the one reader and writer of what builds keep between runs in ``.newsbriefs/``.

What a build keeps (the rendered pages of generator/render/memo.py, the manifests of
generator/build/incremental.py) only ever saves time: a build without it makes the same site.
So nothing kept is trusted. Every kept file goes through :func:`save` and :func:`load`, and
anything wrong with one makes :func:`load` print one line (``newsbriefs: .newsbriefs/pages.memo:
not a regular file (a named pipe); ignored, pages are rendered anew``) and give None: the build
goes on without it, never crashes, never hangs, never uses what it could not check.

A kept file is a header line, a JSON document, and optionally a block of raw bytes that the
document indexes (the memo's Markdown: JSON strings of 100 MB take seconds to read and write,
raw bytes a tenth of that)::

    newsbriefs-state <kind> <format> <json bytes> <blob bytes> <signature>\\n<json><blob>

Before anything is parsed, :func:`load` checks, in this order: that the path is a regular
file and not a symbolic link (by ``lstat``, then opened with ``O_NOFOLLOW | O_NONBLOCK`` and
checked again by ``fstat``: a named pipe never blocks, a device is never read), its size
against the kind's cap, the header (the kind, and the format: another version's file is
ignored), the lengths (a truncated file), the signature, and then the JSON's nesting depth,
counted without recursion (:func:`check_depth`), before ``json.loads``. Nothing kept is ever
unpickled or unmarshalled; what the JSON holds is checked by its owner's parser (a type
error there is "damaged").

Threat model
------------
Whoever can write ``.newsbriefs/`` is not trusted to publish. That folder is restored from a
CI cache, unpacked from archives, shared between checkouts, committed by mistake; a forged
page memo used to put a ``<script>`` into a published page while ``briefs check`` said OK.
Against such a writer:

- *Nothing it writes is reused unless we wrote it.* Each file is signed with keyed BLAKE2b
  (a MAC) under a key that lives outside the project: ``NEWSBRIEFS_STATE_KEY`` when set (a
  CI secret, so state cached by one CI run is reused by the next), else a random key made
  once per user at ``$XDG_STATE_HOME/newsbriefs/state.key`` (``~/.local/state/...``; on
  Windows under ``%LOCALAPPDATA%``), readable by that user only. A hash kept beside the
  data would not do: whoever writes the data computes the hash of what they wrote, and the
  inputs a page's digest covers are public. A file with another signature is ignored.
- *Our own old files give only what a build makes now.* Replaying a genuine older file is
  harmless because what is reused is bound to what produced it: a page's Markdown to the
  digest of its inputs, of newsbriefs' code and of the settings and templates (memo.py's
  ``site_key``), and to the hash of the Markdown itself, checked again on reuse; an HTML
  output to its source's hash and the config's fingerprint (incremental.py).
- *It cannot crash, hang or exhaust a build*: the checks above come before any parsing.

Outside the model: whoever can write the sources, the config, the templates, newsbriefs'
code, the user's key or the live site folder can publish what they like anyway. Engines'
caches and build debris (``.newsbriefs/tmp``, Zensical's cache) cannot be signed: they are
cleared, never published from (generator/build/engines.py).

Without the key that signed it (a fresh CI runner without the secret), kept state is ignored
with its one line, and the build renders everything: correct, only slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from generator.errors import display_path, visible
from generator.source.loader import file_kind

MAGIC = b"newsbriefs-state"
"""The first word of every kept file."""
HEADER_MAX = 256
"""A header line is shorter than this; a file without a line break before is not ours."""
KEY_ENV = "NEWSBRIEFS_STATE_KEY"
"""A secret that signs kept state (any long random text); set it in CI, where the state
folder is restored from a cache, for one run to reuse what the last one kept."""
KEY_BYTES = 32

T = TypeVar("T")


@dataclass(frozen=True)
class Kind:
    """One kind of kept file: its name and format (in the header), its caps, and what a
    build does without it (said when one is ignored)."""

    name: str
    format: int
    """Bumped when what the file holds changes: another format is ignored."""
    consequence: str
    """The end of the line said when a file is ignored: ``pages are rendered anew``."""
    max_bytes: int
    """Larger files are not read (a sparse file of a terabyte, a runaway writer)."""
    max_depth: int
    """The JSON may nest at most this deep (ours nests a handful of levels)."""


class Ignored(Exception):
    """Why a kept file is not used: a few words, for the line that says so."""


# ---------------------------------------------------------------------------------------------
# Writing and reading signed state.


def save(path: Path, kind: Kind, document: Any, blob: bytes = b"") -> None:
    """Keep ``document`` (JSON-able) and ``blob`` at ``path``, signed. Written beside it and
    renamed over it, so a reader sees the old file or the new one, never half of one, and
    a link at ``path`` is replaced, never followed."""
    text = json.dumps(document, separators=(",", ":"), allow_nan=False).encode("ascii")
    head = b" ".join(
        (MAGIC, kind.name.encode(), b"%d" % kind.format, b"%d" % len(text), b"%d" % len(blob))
    )
    signature = _sign(head, text, blob).encode("ascii")
    atomic_replace(path, (head + b" " + signature + b"\n", text, blob))


def load(path: Path, kind: Kind, parse: Callable[[Any, memoryview], T]) -> T | None:
    """What ``parse`` makes of the kept file at ``path`` (its JSON document and its blob);
    None when there is none, or when it is ignored, which one line on stderr says. ``parse``
    raises ValueError, TypeError, KeyError, IndexError or AttributeError for a document it
    does not expect."""
    try:
        found = read(path, kind)
        if found is None:
            return None
        document, blob = found
        try:
            return parse(document, blob)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
            raise Ignored(f"damaged ({type(exc).__name__}: {str(exc)[:80]})") from None
    except Ignored as why:
        say_ignored(path, str(why), kind.consequence)
        return None


def read(path: Path, kind: Kind) -> tuple[Any, memoryview] | None:
    """The JSON document and the blob of a kept file (a view of the bytes read: a memo's
    blob is large), every check of the module's docstring passed; None when there is no
    file; :class:`Ignored` for anything else."""
    data = read_regular(path, kind.max_bytes)
    if data is None:
        return None
    newline = data.find(b"\n", 0, HEADER_MAX)
    fields = data[:newline].split(b" ") if newline > 0 else []
    if len(fields) != 6 or fields[0] != MAGIC:
        raise Ignored("not a newsbriefs state file")
    _, name, version, text_length, blob_length, signature = fields
    if name != kind.name.encode():
        raise Ignored(f"holds {_word(name)}, not {kind.name}")
    if version != b"%d" % kind.format:
        raise Ignored(
            f"of format {_word(version)}, not {kind.format} (another version of newsbriefs)"
        )
    if not (text_length.isdigit() and blob_length.isdigit()):
        raise Ignored("not a newsbriefs state file")
    start, size = newline + 1, int(text_length) + int(blob_length)
    if len(data) - start != size:
        raise Ignored("truncated" if len(data) - start < size else "longer than its header says")
    body = memoryview(data)[start:]
    text, blob = body[: int(text_length)], body[int(text_length) :]
    head = data[: newline - len(signature) - 1]
    if not hmac.compare_digest(_sign(head, text, blob).encode("ascii"), bytes(signature)):
        raise Ignored(
            "not signed with this machine's state key (written elsewhere, or not by newsbriefs)"
        )
    return parse_json(bytes(text), kind.max_depth), blob


def read_regular(path: Path, max_bytes: int) -> bytes | None:
    """The bytes of ``path`` if it is a regular file (not a link, a named pipe, a device) of
    at most ``max_bytes``; None when there is nothing there; :class:`Ignored` otherwise.
    The file is examined before it is opened and opened without blocking or following a
    link, then examined again (it may have been replaced in between)."""
    try:
        before = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise Ignored(f"cannot be examined ({exc.strerror})") from None
    _check_kind(before, max_bytes)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise Ignored(f"cannot be opened ({exc.strerror})") from None
    with os.fdopen(fd, "rb") as handle:
        now = os.fstat(handle.fileno())
        _check_kind(now, max_bytes)
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino):
            raise Ignored("replaced while it was being read")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise Ignored(f"larger than {_size(max_bytes)}")
    return data


def _check_kind(info: os.stat_result, max_bytes: int) -> None:
    if stat.S_ISLNK(info.st_mode):
        raise Ignored("a symbolic link, not a regular file")
    if not stat.S_ISREG(info.st_mode):
        raise Ignored(f"not a regular file ({file_kind(info.st_mode) or 'of another kind'})")
    if info.st_size > max_bytes:
        raise Ignored(f"larger than {_size(max_bytes)}")


def parse_json(text: bytes, max_depth: int) -> Any:
    """JSON nested at most ``max_depth`` deep (:func:`check_depth`, before parsing);
    :class:`Ignored` for anything else."""
    check_depth(text, max_depth)
    try:
        return json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: cannot happen after check_depth
        raise Ignored("not valid JSON") from None


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\\?\Z)', re.DOTALL)
"""A JSON string, or an unterminated one up to the end: every attempt matches, so removing
them all is one linear pass, whatever the text (a failing pattern could retry at each ``"``)."""
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")
_INNERMOST = re.compile(rb"\[\]|\{\}")


def check_depth(text: bytes, limit: int) -> None:
    """Raise :class:`Ignored` when JSON ``text`` nests deeper than ``limit`` (or its brackets
    do not match), without recursion: strings are removed, then brackets alone are kept, and
    each pass removes the innermost pairs; ``limit`` passes empty a document of that depth."""
    brackets = _STRING.sub(b"", text).translate(None, _NOT_BRACKETS)
    for _ in range(limit):
        if not brackets:
            return
        brackets = _INNERMOST.sub(b"", brackets)
    if brackets:
        raise Ignored(f"nested more than {limit} levels deep, or its brackets do not match")


def say_ignored(path: Path, reason: str, consequence: str) -> None:
    """The one line that says a kept file was ignored, and what the build does instead."""
    shown = visible(display_path(path))
    print(f"newsbriefs: {shown}: {visible(reason)}; ignored, {consequence}", file=sys.stderr)


def atomic_replace(path: Path, chunks: tuple[bytes, ...]) -> None:
    """Write ``chunks`` to a new file beside ``path`` (created exclusively, never through a
    link), then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(aside, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0), 0o644)
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        os.replace(aside, path)
    except BaseException:
        with contextlib.suppress(OSError):
            aside.unlink()
        raise


def _sign(head: bytes, text: bytes | memoryview, blob: bytes | memoryview) -> str:
    mac = hashlib.blake2b(key=state_key(), digest_size=32)
    for part in (head, b"\n", text, blob):
        mac.update(part)
    return mac.hexdigest()


def _word(field: bytes) -> str:
    return repr(field[:40].decode("ascii", "replace"))


def _size(count: int) -> str:
    return f"{count // 2**20} MB" if count >= 2**20 else f"{count} bytes"


# ---------------------------------------------------------------------------------------------
# The key that signs kept state.


def key_file() -> Path:
    """Where a user's state key is kept when :data:`KEY_ENV` is not set: outside every
    project, so whoever writes a project's state folder cannot write the key too."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    else:
        base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "newsbriefs" / "state.key"


@cache
def state_key() -> bytes:
    """The key that signs and checks kept state (once per process): from :data:`KEY_ENV`,
    else the user's key file, made on first use. When neither can be had, a key for this
    process only: nothing kept by another run is reused (one line says why)."""
    given = os.environ.get(KEY_ENV)
    if given:
        secret = given.encode("utf-8", "surrogateescape")
        return hashlib.blake2b(secret, digest_size=KEY_BYTES, person=b"newsbriefs-key").digest()
    try:
        path = key_file()
    except RuntimeError:  # no home folder
        path = None
    if path is not None:
        try:
            return _users_key(path)
        except (OSError, Ignored) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            print(
                f"newsbriefs: {visible(str(path))}: {visible(str(reason))}; state kept by "
                f"other runs is not reused (set {KEY_ENV} to a long random text instead)",
                file=sys.stderr,
            )
    return secrets.token_bytes(KEY_BYTES)


def _users_key(path: Path) -> bytes:
    """The key in ``path``, made there (readable by the user only) when there is none."""
    data = read_regular(path, 4 * KEY_BYTES)
    if data is None:
        _make_key(path)
        data = read_regular(path, 4 * KEY_BYTES)
    if data is None:
        raise Ignored("could not be made")
    info = os.stat(path)
    if hasattr(os, "geteuid") and (info.st_uid != os.geteuid() or info.st_mode & 0o022):
        raise Ignored("not the user's own, or writable by other users")
    try:
        key = bytes.fromhex(data.decode("ascii").strip())
    except ValueError:
        raise Ignored("not a key newsbriefs made") from None
    if len(key) != KEY_BYTES:
        raise Ignored("not a key newsbriefs made")
    return key


def _make_key(path: Path) -> None:
    """Write a new random key at ``path`` whole: written aside, then linked into place (a
    link fails when another build made one meanwhile: theirs is used)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    aside = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(aside, flags, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(KEY_BYTES) + "\n")
        try:
            os.link(aside, path)
        except FileExistsError:
            pass  # another build made one meanwhile: theirs is used
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(aside, path)
    finally:
        with contextlib.suppress(OSError):
            aside.unlink()
