"""The publishing engines, and a build that never leaves a half-written site.

One small declaration per engine in :data:`ENGINES`. MkDocs and ProperDocs (the MkDocs 1.x
fork) run the ``briefs`` plugin, which adds the pages in memory. Zensical runs no MkDocs
plugins, so for it the pipeline's Markdown tree is *staged* on disk first, beside a config
derived from the site's own (:func:`stage_for_zensical`).

Every engine builds into a fresh folder; only a build that succeeds is swapped into site_dir
(:func:`swap_in`), so a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import ctypes
import errno
import importlib.util
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.build import guard, incremental, policy
from generator.build.pipeline import Generated
from generator.build.site_docs import own_files
from generator.build.state import Ignored, read_regular
from generator.build.write import atomic_write, write_tree
from generator.render.theme import overrides_dir
from generator.settings import DRAFTS_ENV, Settings

if sys.platform != "win32":
    import fcntl

ZENSICAL_VERSION = "0.0.73"
"""Pinned: the newest Zensical that installs from the package index we build with (0.0.74
and later need ``zensical-ui``, which is not published there). Zensical is pre-1.0 and
changes between releases; move the pin on purpose, with `make test`."""

REQUIRED_MARKDOWN_EXTENSIONS: tuple[str, ...] = ("admonition", "attr_list", "toc")
"""Every Markdown extension the generated pages use: ``!!!`` boxes, ``{: .class }`` and
heading ids. Each engine renders these (Zensical enables them by default); the templates
must use no other extension's syntax (tests/test_engines.py checks both)."""

STATE_DIR = ".newsbriefs"
"""Hidden folder beside the config: what a build keeps between runs (git-ignored)."""
TEMP_DIR = f"{STATE_DIR}/tmp"
"""Build folders and old sites on their way out: removed when a build ends, however it ends,
and by the next build when a killed one left them (:meth:`Scratch.remove_leftovers`)."""
MEMO_FILE = f"{STATE_DIR}/pages.memo"
"""The rendered pages of the last ``briefs build``, reused by the next where their inputs are
unchanged (generator/render/memo.py); deleting it only makes the next build render every page."""
LOCK_FILE = "build.lock"
"""In :data:`STATE_DIR`: held by the build running (:func:`build_lock`)."""
ZENSICAL_DIR = f"{STATE_DIR}/zensical"
"""Zensical's staged project: ``mkdocs.yml`` (derived), ``docs/`` and its output ``site/``.
Zensical wants docs_dir and site_dir inside the config's folder, hence one folder for all."""
ZENSICAL_CACHE = ".cache"
"""In :data:`ZENSICAL_DIR`: Zensical's cache of rendered pages. Nothing can check what it
holds (a poisoned one is published as it is), so every build clears it first, as it writes
the staged tree anew (generator/build/state.py says what kept state may be trusted)."""


@dataclass(frozen=True)
class Engine:
    """How to run one engine: ``python -m <name> build -f CONFIG [--strict] ...``."""

    name: str
    """The engine's command and Python module."""
    package: str
    """What to ``pip install`` when it is missing."""
    runs_plugin: bool
    """Runs MkDocs plugins (ours adds the pages); otherwise the tree is staged on disk."""
    site_dir_option: str | None
    """The option that sets the output folder, or None when only the config can."""

    def installed(self) -> bool:
        return importlib.util.find_spec(self.name) is not None

    def serve_command(self, config_file: Path, dev_addr: str | None) -> list[str]:
        """The command that previews ``config_file`` with live reload (engines that run
        our plugin: it shows drafts and scheduled briefs, and problems as a page). Dirty:
        a save re-renders only the pages whose content changed (generator/build/incremental.py)."""
        command = [
            *(sys.executable, "-m", self.name, "serve", "--dirty"),
            *("--config-file", str(config_file)),
        ]
        return command + (["--dev-addr", dev_addr] if dev_addr else [])

    def build_command(
        self, config_file: Path, site_dir: Path, *, strict: bool, dirty: bool = False
    ) -> list[str]:
        """The command that builds ``config_file`` into ``site_dir``. For an engine without
        ``site_dir_option``, ``site_dir`` must be the one its config names. ``dirty``: only
        files whose ``is_modified()`` is true are rendered (generator/build/incremental.py)."""
        command = [sys.executable, "-m", self.name, "build", "--config-file", str(config_file)]
        if strict:
            command.append("--strict")  # never with -q: MkDocs would then hide the warnings
        if dirty:
            command.append("--dirty")
        if self.site_dir_option:
            command += [self.site_dir_option, str(site_dir)]
        return command


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", "mkdocs", runs_plugin=True, site_dir_option="--site-dir"),
        Engine("properdocs", "properdocs", runs_plugin=True, site_dir_option="--site-dir"),
        Engine(
            "zensical", f"zensical=={ZENSICAL_VERSION}", runs_plugin=False, site_dir_option=None
        ),
    )
}
DEFAULT_ENGINE = "mkdocs"


# ---------------------------------------------------------------------------------------------
# The site's config, as far as a build needs it.


def custom_dir_of(config: Mapping[str, Any]) -> str | None:
    """The theme's ``custom_dir`` as the config writes it (relative to the config's folder)."""
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        return str(theme["custom_dir"])
    return None


def extension_names(config: Mapping[str, Any]) -> set[str] | None:
    """The names in ``markdown_extensions``, or None when the config has no such key."""
    if "markdown_extensions" not in config:
        return None
    value = config["markdown_extensions"] or []
    entries = value.items() if isinstance(value, dict) else value
    names: set[str] = set()
    for entry in entries:
        if isinstance(entry, str):
            names.add(entry)
        elif isinstance(entry, tuple | dict) and entry:
            name = entry[0] if isinstance(entry, tuple) else next(iter(entry))
            if name == "pymdownx" and isinstance(value, dict):
                names |= {f"pymdownx.{sub}" for sub in value["pymdownx"] or {}}
            names.add(str(name))
    return {name.removeprefix("markdown.extensions.") for name in names}


def missing_extensions(engine: Engine, config: Mapping[str, Any]) -> list[str]:
    """The required extensions this engine would not load with this config.

    With no ``markdown_extensions`` key MkDocs loads none of them, and Zensical loads its
    defaults (which include them); with the key, both load only what it lists (and toc).
    """
    listed = extension_names(config)
    if listed is None:
        return (
            []
            if not engine.runs_plugin
            else [name for name in REQUIRED_MARKDOWN_EXTENSIONS if name != "toc"]
        )
    return [name for name in REQUIRED_MARKDOWN_EXTENSIONS if name not in listed | {"toc"}]


# ---------------------------------------------------------------------------------------------
# What a build writes, checked before anything is written (generator/build/guard.py).


def check_outputs(engine: Engine, site_dir: Path, project: guard.Project) -> Path:
    """Refuse (:class:`~generator.build.guard.UnsafeOutput`) any folder a build of this project
    would write into or remove; returns ``site_dir`` absolute."""
    site = guard.check_output(
        site_dir,
        project,
        role="site_dir",
        advice="choose another folder with -d, or another site_dir in the config",
        replaced=True,
    )
    state_dir = guard.shown(project.root / STATE_DIR)
    state = f"remove {state_dir} (newsbriefs makes it again) and build again"
    guard.check_output(
        project.root / TEMP_DIR, project, role="temporary folder", advice=state, replaced=False
    )
    if engine.runs_plugin:
        guard.check_output(
            project.root / STATE_DIR / incremental.MANIFEST_DIR,
            project,
            role="folder of build manifests",
            advice=state,
            replaced=False,
        )
    if not engine.runs_plugin:
        stage = project.root / ZENSICAL_DIR
        guard.check_tree(stage / "docs", project, role="Zensical's staged tree", advice=state)
        guard.check_output(
            stage / "site", project, role="Zensical's output", advice=state, replaced=False
        )
        guard.check_output(  # Zensical writes its cache there
            stage / ZENSICAL_CACHE, project, role="Zensical's cache", advice=state, replaced=False
        )
    return site


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


# ---------------------------------------------------------------------------------------------
# Building into a fresh folder, and swapping it in.

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


def run_engine(
    engine: Engine,
    config_file: Path,
    out_dir: Path,
    *,
    strict: bool,
    drafts: bool,
    env: Mapping[str, str] | None = None,
    on_line: Callable[[str], None] | None = None,
    dirty: bool = False,
) -> int:
    """Run one build; the engine's output goes straight to ours, or line by line to
    ``on_line`` (a progress display shows it). Returns its exit status.

    The engine runs in its own process group, so Ctrl-C in a terminal reaches only us: we
    end it and say so in one line, instead of two programs printing their own tracebacks.
    It also ends when we do, even killed (:func:`_ends_with_parent`).
    ``env``: variables added to ours for the engine (and the plugin it runs).
    """
    child_env = {**os.environ, **(env or {})}
    # Material's end-of-life notice on every build: README's "Choosing an engine" covers it.
    child_env.setdefault("NO_MKDOCS_2_WARNING", "1")
    if drafts:
        child_env[DRAFTS_ENV] = "1"
    command = engine.build_command(config_file, out_dir, strict=strict, dirty=dirty)
    piped = subprocess.PIPE if on_line is not None else None
    with subprocess.Popen(
        command,
        cwd=config_file.parent,
        env=child_env,
        process_group=0 if os.name == "posix" else None,
        preexec_fn=_ends_with_parent(),
        stdout=piped,
        stderr=subprocess.STDOUT if piped else None,
        text=True,
        errors="replace",
    ) as child:
        try:
            if on_line is not None and child.stdout is not None:
                for line in child.stdout:
                    on_line(line.rstrip("\n"))
            return child.wait()
        except BaseException:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
            raise


def run_preview(engine: Engine, config_file: Path, dev_addr: str | None) -> int:
    """Run the engine's live-reload server until it ends; its exit status.

    Unlike a build, the server shares our process group: Ctrl-C is how a preview ends, and
    the server shuts down by itself on it (removing its temporary site). Stopped any other
    way, we ask it to shut down the same way.
    """
    env = {**os.environ}
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = engine.serve_command(config_file, dev_addr)
    with subprocess.Popen(
        command, cwd=config_file.parent, env=env, preexec_fn=_ends_with_parent()
    ) as child:
        try:
            return child.wait()
        except BaseException as stop:
            if not isinstance(stop, KeyboardInterrupt):  # Ctrl-C reached it too
                child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
            raise


_PR_SET_PDEATHSIG = 1


def _ends_with_parent() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has Linux send the child SIGTERM when this process dies, even
    by SIGKILL (``prctl(PR_SET_PDEATHSIG)``). None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def preexec() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before prctl took effect
            os._exit(143)

    return preexec


def build_site(
    engine: Engine,
    config_file: Path,
    site_dir: Path,
    *,
    root: Path,
    strict: bool,
    drafts: bool,
    staged: Path | None = None,
    env: Mapping[str, str] | None = None,
    on_line: Callable[[str], None] | None = None,
    reuse: bool = False,
) -> int:
    """Build into a fresh folder and swap it into ``site_dir`` on success; on failure, or
    when interrupted, remove it and leave ``site_dir`` as it was. ``root`` is the project
    folder (temporary folders go to its :data:`TEMP_DIR`); ``staged`` is the derived config
    of an engine without our plugin (:func:`stage_for_zensical`). Call it holding
    :func:`build_lock`. Returns the engine's exit status.

    With our plugin, the build leaves a manifest of what it generated
    (:func:`~generator.build.incremental.manifest_path`); with ``reuse`` and a manifest of the
    site in place, the engine runs dirty and the plugin reuses the outputs of that site
    whose inputs did not change (generator/build/incremental.py)."""
    scratch = Scratch.for_site(site_dir, root)
    manifest = incremental.manifest_path(root / STATE_DIR, site_dir)
    env = dict(env or {})
    dirty = False
    if engine.runs_plugin:
        # Beside the manifest (one file system), named as a build's leftovers are.
        new_manifest = Scratch(root / TEMP_DIR, "").path("build")
        env[incremental.MANIFEST_OUT_ENV] = str(new_manifest)
        # Whatever is there, the plugin reads it as kept state (generator/build/state.py):
        # a manifest that is not a regular file is ignored there, with one line.
        if reuse and os.path.lexists(manifest) and site_dir.is_dir():
            env[incremental.REUSE_ENV] = json.dumps(
                {"site": str(site_dir.resolve()), "manifest": str(manifest)}
            )
            dirty = True
        out = scratch.make("build")
        run_config = config_file.resolve()
    else:
        assert staged is not None, f"{engine.name} builds a staged tree"
        run_config = staged
        out = staged.parent / "site"
        remove(out)
        remove(staged.parent / ZENSICAL_CACHE)  # unsigned state: cleared, never reused
        manifest.unlink(missing_ok=True)  # the next site is not one the plugin built
    try:
        status = run_engine(
            engine,
            run_config,
            out,
            strict=strict,
            drafts=drafts,
            env=env,
            on_line=on_line,
            dirty=dirty,
        )
        if status == 0 and not out.is_dir():
            print(f"briefs: {engine.name} reported success but wrote no site", file=sys.stderr)
            status = 1
        if status == 0:
            guard.mark_site(out)
            manifest.unlink(missing_ok=True)  # describes the site swapped out next
            swap_in(out, site_dir, scratch)
            if engine.runs_plugin and new_manifest.is_file():
                manifest.parent.mkdir(exist_ok=True)
                os.replace(new_manifest, manifest)
        return status
    finally:
        remove(out)
        if engine.runs_plugin:
            remove(new_manifest)


# ---------------------------------------------------------------------------------------------
# Zensical: the tree on disk, and a config that points at it.


def stage_for_zensical(
    config_file: Path, config: Mapping[str, Any], settings: Settings, generated: Generated
) -> Path:
    """Write the docs tree Zensical builds, and a config that inherits the site's own;
    return that config's path.

    The tree holds the site's docs_dir files and the generated pages
    (:func:`~generator.build.write.write_tree`), written anew on every build: what a previous
    build staged sits in the state folder, where anyone who writes it could have changed a
    page keeping its size and time, and Zensical's cache is cleared anyway
    (:data:`ZENSICAL_CACHE`). The derived config changes only docs_dir, site_dir, and what
    the plugin would add: the default nav and the stylesheet.
    """
    root = config_file.resolve().parent
    stage = root / ZENSICAL_DIR
    docs = stage / "docs"
    own = own_files(settings.docs_dir)  # clashes with generated pages were refused by the pipeline
    remove(docs)  # ours (guard.check_tree said so): never reused
    write_tree(generated.files, docs, protected=[settings.briefs_path])
    _copy_all(own, docs)

    derived: dict[str, Any] = {
        "INHERIT": posixpath.relpath(config_file.resolve().as_posix(), stage.as_posix()),
        "docs_dir": "docs",
        "site_dir": "site",
    }
    custom_dir = custom_dir_of(config)
    _stage_overrides(stage / "overrides", root / custom_dir if custom_dir is not None else None)
    derived["theme"] = {"custom_dir": "overrides"}
    nav = policy.nav_to_set(generated, settings, config.get("nav"))
    if nav is not None:
        derived["nav"] = nav
    stylesheets = policy.stylesheets_to_add(config.get("extra_css") or [])
    if stylesheets:
        derived["extra_css"] = stylesheets  # lists are appended to the inherited ones
    text = (
        "# Written by `briefs build --engine zensical` on every build; edit "
        f"{config_file.name} instead.\n"
        "# Preview: zensical serve -f "
        + (Path(ZENSICAL_DIR) / "mkdocs.yml").as_posix()
        + "\n"
        + yaml.safe_dump(derived, sort_keys=False, allow_unicode=True)
    )
    derived_file = stage / "mkdocs.yml"
    try:  # whatever is there (a named pipe, a huge file) is read as state is: never blocks
        current = read_regular(derived_file, len(text.encode("utf-8")))
    except Ignored:
        current = None
    if current != text.encode("utf-8"):
        atomic_write(derived_file, text.encode("utf-8"))  # replaces a link, never follows it
    return derived_file


def _stage_overrides(target: Path, site_custom_dir: Path | None) -> None:
    """Zensical takes one ``custom_dir`` and runs no plugin to layer ours: stage our overrides
    with the site's own custom_dir copied over them, so its files win as they do on MkDocs."""
    layers = [overrides_dir()] + ([site_custom_dir] if site_custom_dir is not None else [])
    wanted: dict[str, Path] = {}
    for layer in layers:
        if layer.is_dir():
            wanted.update(own_files(layer))
    remove(target)  # in the state folder: written anew, never reused
    _copy_all(wanted, target)


def _copy_all(own: Mapping[str, Path], target: Path) -> None:
    """Copy the site's own files into the staged tree (with their times)."""
    target.mkdir(parents=True, exist_ok=True)
    for relative, src in own.items():
        dst = target / relative
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)
