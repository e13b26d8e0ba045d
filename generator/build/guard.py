"""Where a command may write or remove, decided once, before anything is written or removed.

A build replaces its whole output folder, and MkDocs empties site_dir; ``briefs generate``
writes a tree into ``--out``. A wrong folder there (``-d briefs``, ``site_dir: .``, a link
committed at ``.newsbriefs/zensical/docs``) would destroy sources, so every adapter (the
``briefs`` command, the MkDocs plugin, Zensical's staging) asks :func:`check_output` first.

An output folder may not be, contain, or lie inside the site's sources (briefs, docs_dir,
templates, the theme's custom_dir), may not be or contain the project folder (the folder of
mkdocs.yml) or its config file, may not be ``/``, and may not be reached through a symbolic
link inside the project. A folder that is replaced whole must also be empty, or one that
newsbriefs made (it holds :data:`SITE_MARKER`, written into every site built), or one that
looks like an engine's build, so a site built before newsbriefs wrote markers still rebuilds.

Commands that add files to the author's folders (``briefs new``, ``briefs import``) create
each one with :func:`create_file`: below the folder they were asked to write in, no
symbolic link is followed (a month folder linked elsewhere would take the brief out of
``briefs/``), and no file is ever replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath

from generator.build.write import MANIFEST
from generator.errors import visible
from generator.settings import Settings
from generator.source.loader import file_kind

SITE_MARKER = ".newsbriefs-site"
"""Written into every site newsbriefs builds: this folder may be replaced by the next build."""
_MARKER_TEXT = (
    "This site was built by newsbriefs (briefs build, or mkdocs build with the briefs plugin).\n"
    "The next build replaces this whole folder.\n"
)

HELD_PREFIX = ".newsbriefs-old-"
"""A site's old contents wait in a hidden folder of this name while a mount point's contents
are replaced; one left by a killed build marks the folder as newsbriefs' too."""

_SITE_SIGNS = ("sitemap.xml", "404.html", "search/search_index.json")
"""Files every MkDocs or Zensical theme we know writes at the top of a site."""
_SOURCE_SUFFIXES = (".md", ".yml", ".yaml", ".toml", ".py", ".cfg", ".ini", ".j2")
"""Top-level files a built site does not hold, but a project does."""


LOST_FOUND = "lost+found"
"""What a freshly formatted volume holds: a mount point with only this counts as empty."""


class UnsafeOutput(Exception):
    """The output folder may not be written or replaced; the message is one line saying why
    and what to do."""


@dataclass(frozen=True)
class Project:
    """What an output folder must keep away from: the project folder, its config file and
    its sources (label -> path; labels appear in messages)."""

    root: Path
    config_file: Path
    sources: Mapping[str, Path]

    @classmethod
    def of(cls, settings: Settings, config_file: Path, custom_dir: str | None) -> Project:
        """The project of a site: its settings, config file and theme ``custom_dir``."""
        root = _real(settings.root)
        sources = {"the briefs folder": settings.briefs_path}
        if settings.docs_dir is not None:
            sources["docs_dir"] = settings.docs_dir
        if settings.templates_path is not None:
            sources["the templates folder"] = settings.templates_path
        if custom_dir:
            sources["the theme's custom_dir"] = root / custom_dir
        return cls(root, Path(os.path.abspath(config_file)), sources)


def check_output(path: Path, project: Project, *, role: str, advice: str, replaced: bool) -> Path:
    """Raise :class:`UnsafeOutput` unless ``path`` may be written (``replaced``: removed and
    replaced whole). Returns it absolute, symbolic links not resolved (there are none).

    ``role`` names the folder in the message (``site_dir``, ``--out``); ``advice`` says what
    to do instead. Nothing is created: a folder that does not exist yet is fine.
    """
    out = Path(os.path.abspath(path))

    def refuse(reason: str) -> UnsafeOutput:
        return UnsafeOutput(f"refusing {role} {shown(out)}: it {reason}; {advice}")

    link = _link_on_the_way(out, project.root)
    if link is not None:
        where = "is" if link == out else f"is reached through {shown(link)}, which is"
        raise refuse(f"{where} a symbolic link (a build would act on what the link points to)")
    real = _real(out)
    if real == Path(real.anchor):
        raise refuse("is the root of the file system")
    protected = [("the project folder", project.root), ("the config file", project.config_file)]
    protected += list(project.sources.items())
    for label, source in protected:
        source = _real(source)
        if _same(real, source):
            raise refuse(f"is {label}")
        if _within(source, real):
            raise refuse(f"contains {label} ({shown(source)})")
        if label in project.sources and _within(real, source):
            raise refuse(f"is inside {label} ({shown(source)})")
    try:
        mode = os.lstat(out).st_mode
    except FileNotFoundError:
        return out
    except OSError as exc:
        raise refuse(f"cannot be examined ({exc.strerror})") from None
    if not stat.S_ISDIR(mode):
        raise refuse("is a file, not a folder" if stat.S_ISREG(mode) else f"is {_kind(mode)}")
    if replaced:
        try:
            names = [name for name in os.listdir(out) if name != LOST_FOUND]
        except OSError as exc:
            raise refuse(f"cannot be read ({exc.strerror})") from None
        if names and not is_ours(out, names):
            raise UnsafeOutput(
                f"refusing {role} {shown(out)}: it is a folder newsbriefs did not build (it "
                f"has no {SITE_MARKER} and does not look like a built site), and a build "
                f"replaces it whole; empty it yourself if nothing in it is needed, or {advice}"
            )
    return out


def check_tree(path: Path, project: Project, *, role: str, advice: str) -> Path:
    """:func:`check_output` for a folder whose unknown files are removed (Zensical's staged
    tree): beside the usual rules, a non-empty one must hold a tree newsbriefs generated."""
    out = check_output(path, project, role=role, advice=advice, replaced=False)
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise UnsafeOutput(
            f"refusing {role} {shown(out)}: it is a folder newsbriefs did not write (it has no "
            f"{MANIFEST}); {advice}"
        )
    return out


def is_ours(folder: Path, names: Iterable[str]) -> bool:
    """Whether a non-empty folder is a site newsbriefs built (marked), or looks like a site
    an engine built: a sign of a site and no top-level source file (``mkdocs.yml``)."""
    names = set(names)
    if SITE_MARKER in names or any(name.startswith(HELD_PREFIX) for name in names):
        return True
    if not any((folder / sign).is_file() for sign in _SITE_SIGNS):
        return False
    # Hidden entries (a gh-pages checkout's .git) are kept by every build, as MkDocs keeps
    # them (engines._carry_hidden): they do not make a folder a project.
    return not any(name.endswith(_SOURCE_SUFFIXES) and not name.startswith(".") for name in names)


def mark_site(folder: Path) -> None:
    """Mark a built site as newsbriefs' own, so that the next build may replace it."""
    marker = folder / SITE_MARKER
    if marker.is_symlink() or not marker.is_file():
        marker.unlink(missing_ok=True)
        marker.write_text(_MARKER_TEXT, "utf-8")


def shown(path: Path) -> str:
    """A path as messages show it: relative to the working folder when inside it (the
    working folder itself in full), with line breaks and controls made visible."""
    try:
        relative = path.relative_to(Path.cwd())
    except ValueError:
        return visible(path.as_posix())
    return visible(relative.as_posix() if relative.parts else path.as_posix())


def _real(path: Path) -> Path:
    """``path`` with symbolic links resolved; unlike ``Path.resolve`` on Python 3.11, a link
    loop on the way does not raise."""
    return Path(os.path.realpath(path))


def _same(a: Path, b: Path) -> bool:
    """Equal paths, or two names of one folder (another case of its name on a file system
    that ignores case, a bind mount): compared by device and inode when both exist."""
    if a == b:
        return True
    try:
        first, second = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def _within(inner: Path, outer: Path) -> bool:
    """Whether ``inner`` lies inside ``outer`` (resolved paths), by name or by identity."""
    return inner.is_relative_to(outer) or any(_same(parent, outer) for parent in inner.parents)


def _link_on_the_way(out: Path, root: Path) -> Path | None:
    """The first symbolic link among ``out`` and its parents that is an entry of a folder of
    the project (links above the project, such as a linked home folder, are the system's)."""
    for component in [*reversed(out.parents), out][1:]:
        if component.is_symlink() and (
            component == out or _real(component.parent).is_relative_to(root)
        ):
            return component
    return None


def _kind(mode: int) -> str:
    kind = file_kind(mode)
    return f"not a folder but {kind}" if kind else "not a folder"


# ---------------------------------------------------------------------------------------------
# New files in the author's folders.

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
_BY_FOLDER = {os.open, os.mkdir, os.lstat, os.unlink} <= os.supports_dir_fd
"""Whether folders can be walked by descriptor (POSIX): each step then opens the folder it
checked, so a link swapped in between the check and the write is refused too."""


def check_new_file(root: Path, relative: PurePath) -> None:
    """Raise :class:`UnsafeOutput` when ``root/relative`` could not be created by
    :func:`create_file` (a link or a file on the way), :class:`FileExistsError` when it
    exists (as anything, a dangling link included). Creates nothing: a command that
    writes several files checks them all first, and then writes all or none."""
    target = root / _checked_parts(relative)
    where = root
    for name in relative.parts:
        where = where / name
        try:
            mode = os.lstat(where).st_mode
        except FileNotFoundError:
            return
        if where == target:
            raise FileExistsError(errno.EEXIST, "already exists", os.fspath(target))
        if not stat.S_ISDIR(mode):
            raise _not_a_folder(target, where, root, mode)


def create_file(root: Path, relative: PurePath, data: bytes) -> Path:
    """Create ``root/relative`` holding ``data``, making the folders under ``root`` that are
    missing; returns its path. ``root`` is the folder the command was asked to write in,
    followed as it is; below it, a symbolic link or a file where a folder belongs is
    :class:`UnsafeOutput`, and a file that exists (even a dangling link) is
    :class:`FileExistsError`: nothing is written through a link, nothing is replaced."""
    target = root / _checked_parts(relative)
    root.mkdir(parents=True, exist_ok=True)
    if not _BY_FOLDER:
        check_new_file(root, relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_new(os.fspath(target), data, target, None)
        return target
    folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _CLOEXEC)
    try:
        where = root
        for name in relative.parts[:-1]:
            where = where / name
            with contextlib.suppress(FileExistsError):
                os.mkdir(name, dir_fd=folder)
            try:
                inner = os.open(name, _FOLDER_FLAGS, dir_fd=folder)
            except OSError as exc:
                if exc.errno not in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                    raise OSError(exc.errno, exc.strerror, os.fspath(where)) from None
                mode = os.lstat(name, dir_fd=folder).st_mode
                raise _not_a_folder(target, where, root, mode) from None
            os.close(folder)
            folder = inner
        _write_new(relative.parts[-1], data, target, folder)
    finally:
        os.close(folder)
    return target


def _checked_parts(relative: PurePath) -> PurePath:
    """``relative`` when it names a file below a folder: no ``..``, not absolute."""
    if relative.is_absolute() or not relative.parts or ".." in relative.parts:
        raise ValueError(f"not a path below a folder: {relative}")
    return relative


def _write_new(name: str, data: bytes, target: Path, folder: int | None) -> None:
    """Create ``name`` (in the folder open as ``folder``) exclusively, without following a
    link, and write ``data``; a failed write removes the file it created."""
    try:
        fd = os.open(name, _NEW_FILE_FLAGS, 0o666, dir_fd=folder)
    except OSError as exc:
        raise type(exc)(exc.errno, exc.strerror, os.fspath(target)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except BaseException as exc:
        os.unlink(name, dir_fd=folder)
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, os.fspath(target)) from exc
        raise


def _not_a_folder(target: Path, where: Path, root: Path, mode: int) -> UnsafeOutput:
    if stat.S_ISLNK(mode):
        why = (
            f"is a symbolic link; files are written only inside {shown(root)}, never through "
            "a link (it may lead anywhere): make it a folder"
        )
    else:
        why = f"is {file_kind(mode) or 'a file'}, not a folder"
    return UnsafeOutput(f"refusing to write {shown(target)}: {shown(where)} {why}")
