"""The publishing engines, and a build that never leaves a half-written site.

One small declaration per engine in :data:`ENGINES`. MkDocs and ProperDocs (the MkDocs 1.x
fork) run the ``briefs`` plugin, which adds the pages in memory. Zensical runs no MkDocs
plugins, so for it the pipeline's Markdown tree is *staged* on disk first, beside a config
derived from the site's own (:func:`stage_for_zensical`).

Every engine builds into a fresh folder; only a build that succeeds is swapped into site_dir
(:func:`swap_in`), so a failed build leaves the previous site exactly as it was.
"""

from __future__ import annotations

import errno
import importlib.util
import os
import posixpath
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import policy
from .pipeline import Generated
from .settings import DRAFTS_ENV, Settings
from .site_docs import own_files
from .write import MANIFEST, read_manifest, write_tree

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
ZENSICAL_DIR = f"{STATE_DIR}/zensical"
"""Zensical's staged project: ``mkdocs.yml`` (derived), ``docs/`` and its output ``site/``.
Zensical wants docs_dir and site_dir inside the config's folder, hence one folder for all."""


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

    def build_command(self, config_file: Path, site_dir: Path, *, strict: bool) -> list[str]:
        """The command that builds ``config_file`` into ``site_dir``. For an engine without
        ``site_dir_option``, ``site_dir`` must be the one its config names."""
        command = [sys.executable, "-m", self.name, "build", "--config-file", str(config_file)]
        if strict:
            command.append("--strict")  # never with -q: MkDocs would then hide the warnings
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


def site_dir_of(config_file: Path, config: Mapping[str, Any]) -> Path:
    """The config's site_dir (MkDocs' default ``site``), relative to the config's folder."""
    value = config.get("site_dir") or "site"
    return (config_file.resolve().parent / str(value)).resolve()


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
# Building into a fresh folder, and swapping it in.


def fresh_folder(site_dir: Path) -> Path:
    """An empty folder beside ``site_dir`` (same file system, so the swap is a rename)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)  # mkdtemp makes it private; a site is published
    return folder


def swap_in(new: Path, site_dir: Path) -> None:
    """Make the built folder ``new`` the site: rename the old site aside, rename the new one
    in, then delete the old one. A reader sees the old site or the new one, never a mix of
    the two (for the instant between the two renames, no site at all)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    if new.resolve().parent != site_dir.resolve().parent:
        beside = site_dir.with_name(f".{site_dir.name}.new-{uuid.uuid4().hex[:8]}")
        try:
            os.rename(new, beside)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            shutil.copytree(new, beside, symlinks=True)  # another file system: copy once
            shutil.rmtree(new)
        new = beside
    old: Path | None = None
    if site_dir.exists() or site_dir.is_symlink():
        old = site_dir.with_name(f".{site_dir.name}.old-{uuid.uuid4().hex[:8]}")
        os.rename(site_dir, old)
    try:
        os.rename(new, site_dir)
    except BaseException:
        if old is not None:
            os.rename(old, site_dir)
        raise
    if old is not None:
        if old.is_symlink() or not old.is_dir():
            old.unlink()
        else:
            shutil.rmtree(old, ignore_errors=True)


def run_engine(
    engine: Engine,
    config_file: Path,
    out_dir: Path,
    *,
    strict: bool,
    drafts: bool,
    env: Mapping[str, str] | None = None,
) -> int:
    """Run one build; the engine's output goes straight to ours. Returns its exit status.
    ``env``: variables added to ours for the engine (and the plugin it runs)."""
    child_env = {**os.environ, **(env or {})}
    # Material's end-of-life notice on every build: README's "Choosing an engine" covers it.
    child_env.setdefault("NO_MKDOCS_2_WARNING", "1")
    if drafts:
        child_env[DRAFTS_ENV] = "1"
    command = engine.build_command(config_file, out_dir, strict=strict)
    return subprocess.run(command, cwd=config_file.parent, env=child_env, check=False).returncode


def build_site(
    engine: Engine,
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool,
    drafts: bool,
    staged: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """Build into a fresh folder and swap it into ``site_dir`` on success; on failure remove
    it and leave ``site_dir`` as it was. ``staged`` is the derived config of an engine without
    our plugin (:func:`stage_for_zensical`). Returns the engine's exit status."""
    if engine.runs_plugin:
        out = fresh_folder(site_dir)
        run_config = config_file.resolve()
    else:
        assert staged is not None, f"{engine.name} builds a staged tree"
        run_config = staged
        out = staged.parent / "site"
        shutil.rmtree(out, ignore_errors=True)
    try:
        status = run_engine(engine, run_config, out, strict=strict, drafts=drafts, env=env)
        if status == 0 and not out.is_dir():
            print(f"briefs: {engine.name} reported success but wrote no site", file=sys.stderr)
            status = 1
        if status == 0:
            swap_in(out, site_dir)
        return status
    finally:
        if out.exists():
            shutil.rmtree(out, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Zensical: the tree on disk, and a config that points at it.


def stage_for_zensical(
    config_file: Path, config: Mapping[str, Any], settings: Settings, generated: Generated
) -> Path:
    """Write the docs tree Zensical builds, and a config that inherits the site's own;
    return that config's path.

    The tree holds the site's docs_dir files (copied when changed) and the generated pages
    (:func:`~generator.write.write_tree`, written only when changed, so Zensical's cache
    stays valid). The derived config changes only docs_dir, site_dir, and what the plugin
    would add: the default nav and the stylesheet.
    """
    root = config_file.resolve().parent
    stage = root / ZENSICAL_DIR
    docs = stage / "docs"
    own = own_files(settings.docs_dir)  # clashes with generated pages were refused by the pipeline
    _remove_unknown(docs, own)
    write_tree(generated.files, docs, protected=[settings.briefs_path])
    _copy_changed(own, docs)

    derived: dict[str, Any] = {
        "INHERIT": posixpath.relpath(config_file.resolve().as_posix(), stage.as_posix()),
        "docs_dir": "docs",
        "site_dir": "site",
    }
    theme = config.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        # Relative paths in the inherited config resolve against this file's folder.
        custom = (root / theme["custom_dir"]).resolve().as_posix()
        derived["theme"] = {"custom_dir": posixpath.relpath(custom, stage.as_posix())}
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
    if not derived_file.is_file() or derived_file.read_text("utf-8") != text:
        derived_file.write_text(text, "utf-8")
    return derived_file


def _remove_unknown(target: Path, own: Mapping[str, Path]) -> None:
    """The staged tree is ours: remove what is neither the site's own file nor listed in the
    manifest of generated files (whose stale entries :func:`write_tree` removes)."""
    target.mkdir(parents=True, exist_ok=True)
    keep = own.keys() | read_manifest(target) | {MANIFEST}
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target).as_posix()
        if (path.is_file() or path.is_symlink()) and relative not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def _copy_changed(own: Mapping[str, Path], target: Path) -> None:
    """Copy the site's own files whose size or mtime differ from the staged copy."""
    for relative, src in own.items():
        dst = target / relative
        stat = src.stat()
        if dst.is_file() and not dst.is_symlink():
            current = dst.stat()
            if current.st_size == stat.st_size and current.st_mtime_ns == stat.st_mtime_ns:
                continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)  # keeps the mtime: unchanged next time
