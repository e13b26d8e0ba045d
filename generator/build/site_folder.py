"""The site folder on disk: built aside, swapped in whole, one build of a project at a time.

Every engine builds into a fresh folder (:meth:`Scratch.make`); only a build that succeeds
is swapped into site_dir (:func:`swap_in`), so a failed build leaves the previous site
exactly as it was. Builds of one project take turns (:func:`build_lock`), and the temporary
folders of a build that was killed are cleaned by the next (:func:`remove_leftovers`).
What a build keeps between runs lives in the project's :data:`STATE_DIR`.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.build import guard

if sys.platform != "win32":
    import fcntl

STATE_DIR = ".newsbriefs"
"""Hidden folder beside the config: what a build keeps between runs (git-ignored)."""
TEMP_DIR = f"{STATE_DIR}/tmp"
"""Build folders and old sites on their way out: removed when a build ends, however it ends,
and by the next build when a killed one left them (:meth:`Scratch.remove_leftovers`)."""
LOCK_FILE = "build.lock"
"""In :data:`STATE_DIR`: held by the build running (:func:`build_lock`)."""


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock: builds of one project run one after the other, since
    they share Zensical's staged tree and replace the same site_dir."""
    state = root / STATE_DIR
    state.mkdir(exist_ok=True)
    if sys.platform == "win32":  # no flock: builds are not serialised there
        yield
        return
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    fd = os.open(state / LOCK_FILE, flags, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                "briefs: waiting for another build of this project to finish...",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


_TEMP_NAME = r"(?:build|old|new)-(?:(?P<pid>\d+)-[0-9a-f]{8}|[0-9a-z_]{8})"
"""A temporary folder's name: kind, the process id of the build that made it, a random part.
(Builds before process ids were in the name used 8 random characters; those are debris too.)"""


@dataclass(frozen=True)
class Scratch:
    """Where one build keeps its temporary folders: in :data:`TEMP_DIR` when that is on
    site_dir's file system (so that the swap is a rename), else beside site_dir."""

    folder: Path
    prefix: str
    """Before each name: none in :data:`TEMP_DIR`, ``.site.`` beside ``site/``."""

    @classmethod
    def beside(cls, site_dir: Path) -> Scratch:
        return cls(site_dir.parent, f".{site_dir.name}.")

    @classmethod
    def for_site(cls, site_dir: Path, root: Path) -> Scratch:
        temp = root / TEMP_DIR
        temp.mkdir(parents=True, exist_ok=True)
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        if os.stat(temp).st_dev == os.stat(site_dir.parent).st_dev:
            return cls(temp, "")
        return cls.beside(site_dir)

    def path(self, kind: str) -> Path:
        """A new name for a temporary folder of this process."""
        return self.folder / f"{self.prefix}{kind}-{os.getpid()}-{uuid.uuid4().hex[:8]}"

    def make(self, kind: str) -> Path:
        folder = self.path(kind)
        folder.mkdir(parents=True)  # mode 0o777 less the umask: a site is published
        return folder

    def remove_leftovers(self, site_dir: Path) -> None:
        """Remove the temporary folders of builds that were killed (their process is gone).

        Debris is ours to clear, never to publish from: whoever can write the state folder
        (a restored CI cache) can make a folder named like it, so nothing in one goes back
        into a site. Only a previous site moved aside (``old-*``) by a build killed between
        the two renames of :func:`swap_in` may hold what is not ours (a gh-pages checkout's
        ``.git``, which :func:`_carry_hidden` would have carried): such a folder is left
        where it is, and one line says so."""
        pattern = re.compile(re.escape(self.prefix) + _TEMP_NAME)
        try:
            names = sorted(os.listdir(self.folder))
        except OSError:
            return
        for name in names:
            match = pattern.fullmatch(name)
            if not match or _alive(match["pid"]):
                continue
            leftover = self.folder / name
            hidden = _hidden_entries(leftover) if name.startswith(f"{self.prefix}old-") else []
            if hidden:
                print(
                    f"briefs: {guard.shown(leftover)}: a site moved aside by a build that was "
                    f"killed, holding {', '.join(hidden[:3])}; not published: move out what "
                    "you need, then delete it",
                    file=sys.stderr,
                )
                continue
            remove(leftover)


def remove_leftovers(site_dir: Path, root: Path) -> None:
    """What killed builds left, in :data:`TEMP_DIR` and beside ``site_dir``."""
    Scratch(root / TEMP_DIR, "").remove_leftovers(site_dir)
    Scratch.beside(site_dir).remove_leftovers(site_dir)


def _hidden_entries(folder: Path) -> list[str]:
    """The hidden top-level entries of a folder that a build did not write itself."""
    try:
        names = sorted(os.listdir(folder)) if folder.is_dir() and not folder.is_symlink() else []
    except OSError:
        return []
    return [name for name in names if name.startswith(".") and name != guard.SITE_MARKER]


def _carry_hidden(old: Path, site_dir: Path) -> None:
    """Move the old site's hidden top-level entries that the new site lacks into it.

    ``mkdocs build`` never removes hidden entries of site_dir (a gh-pages checkout's
    ``.git``, a ``.nojekyll``), so neither does ``briefs build``: the new build's own hidden
    files (its marker) win, the others are carried over. Only from the site that was in
    site_dir (:func:`swap_in`), never from a folder found in the state folder."""
    for name in sorted(os.listdir(old)):
        if not name.startswith(".") or name.startswith(guard.HELD_PREFIX):
            continue
        target = site_dir / name
        if not target.exists() and not target.is_symlink():
            os.rename(old / name, target)


def _alive(pid: str | None) -> bool:
    if pid is None:
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def remove(path: Path) -> None:
    """Remove a file, a link (never what it points to) or a folder tree, if it is there."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink(missing_ok=True)
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)


def fresh_folder(site_dir: Path, scratch: Scratch | None = None) -> Path:
    """An empty folder on site_dir's file system, so the swap is a rename."""
    return (scratch or Scratch.beside(site_dir)).make("build")


def swap_in(new: Path, site_dir: Path, scratch: Scratch | None = None) -> None:
    """Make the built folder ``new`` the site: rename the old site aside, rename the new one
    in, then delete the old one. A reader sees the old site or the new one, never a mix of
    the two (for the instant between the two renames, no site at all).

    A site_dir that is a mount point cannot be renamed: its contents are replaced instead
    (:func:`_replace_contents`)."""
    scratch = scratch or Scratch.beside(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    if os.path.ismount(site_dir):
        _replace_contents(new, site_dir)
        return
    if os.stat(new).st_dev != os.stat(scratch.folder).st_dev:
        beside = scratch.path("new")
        shutil.copytree(new, beside, symlinks=True)  # another file system: copy once
        remove(new)
        new = beside
    aside = scratch.path("old")
    old: Path | None = aside
    try:
        os.rename(site_dir, aside)
    except FileNotFoundError:
        old = None  # no site yet, or another process removed it
    except OSError as exc:
        if exc.errno not in (errno.EBUSY, errno.EXDEV):
            raise
        _replace_contents(new, site_dir)
        return
    try:
        os.rename(new, site_dir)
    except BaseException:
        if old is not None:
            os.rename(old, site_dir)
        raise
    if old is not None:
        _carry_hidden(old, site_dir)
        remove(old)


def _replace_contents(new: Path, site_dir: Path) -> None:
    """Replace what ``site_dir`` holds with what ``new`` holds, keeping the folder itself (a
    mount point). The old contents wait in a hidden folder inside it until the new ones are
    all in, and go back if moving them in fails (a full disk)."""
    held = site_dir / f"{guard.HELD_PREFIX}{os.getpid()}-{uuid.uuid4().hex[:8]}"
    kept = {held.name, guard.LOST_FOUND}  # the volume's own
    moved_in: list[str] = []
    held.mkdir()
    try:
        for name in os.listdir(site_dir):
            hidden_and_kept = name.startswith(".") and not (new / name).exists()
            if name not in kept and not hidden_and_kept:  # hidden entries stay (_carry_hidden)
                os.rename(site_dir / name, held / name)
        for name in os.listdir(new):
            moved_in.append(name)  # before the move: one cut short is removed too
            shutil.move(new / name, site_dir / name)
    except BaseException:
        for name in moved_in:
            remove(site_dir / name)  # the hidden entries that were kept stay
        for name in os.listdir(held):
            os.rename(held / name, site_dir / name)
        held.rmdir()
        raise
    remove(held)
