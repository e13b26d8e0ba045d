"""Incremental builds: reuse the HTML of every generated page whose input did not change.

A build of 5,000 briefs turns ~9,500 generated pages into HTML; after one brief is edited,
only a handful of them (the brief, the listings and term pages it appears on, the feeds)
differ. MkDocs' *dirty* mode skips every file whose ``File.is_modified()`` is false; the
plugin answers it (generator/build/reuse.py) from content hashes kept between builds, here:

- :class:`Manifest`: what the previous build generated, per file: the hash of everything
  its output depends on of its own (:func:`file_hash`) and where the output went (with its
  size and mtime, so an output edited or removed since is never reused); beside it the
  :func:`fingerprint` of everything *every* page depends on (the config, the theme's
  templates, the nav, the versions of the code), and the nav's titles and metadata as the
  pages gave them (:func:`nav_signature`). Any difference there and nothing is reused.
- ``briefs build`` keeps the manifest in :data:`MANIFEST_DIR`, asks the engine for an
  incremental build (generator/build/request.py), and runs it with ``--dirty`` into a fresh
  folder; the plugin links (or copies) the outputs it may reuse from the live site into it
  (generator/build/reuse.py).
  So the fresh folder holds only what the new build owns: a deleted or renamed page's
  output is never carried over. The build is then swapped in as every build is
  (generator/build/site_folder.py), and the manifest replaced only after the swap. It is
  kept as all state is (generator/build/state.py): signed, and checked before use; a manifest
  that fails a check is ignored with one line, and the build is a full one.
- ``serve --dirty`` keeps the same record in memory between its rebuilds
  (generator/build/preview.py).

Only plugins known to make the same output in dirty mode may run (:func:`unsafe_plugins`):
Material's (and MkDocs') ``search`` plugin indexes only the pages a dirty build renders.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.build import state
from generator.render.memo import code_digest
from generator.settings import config_entries

MANIFEST_DIR = "incremental"
"""In the project's state folder (``.newsbriefs/``, generator/build/site_folder.py): what the
last ``briefs build`` into each site folder generated (:class:`Manifest`, :func:`manifest_path`)."""
FORMAT = 2
"""The manifest's format: a manifest of another format is ignored (a full build). Format 2:
kept by generator/build/state.py, signed."""

SAFE_PLUGINS = frozenset({"briefs"})
"""Plugins whose output a dirty build makes exactly as a full one does. Any other plugin
makes ``briefs build`` build in full: it may keep state of every page (as ``search`` does)
or rewrite outputs after the build."""
SEARCH_PLUGINS = frozenset({"search", "material/search"})


def manifest_path(state_dir: Path, site_dir: Path) -> Path:
    """The manifest of the site in ``site_dir`` (``-d`` builds elsewhere have their own)."""
    key = hashlib.blake2b(str(site_dir.resolve()).encode(), digest_size=8).hexdigest()
    return state_dir / MANIFEST_DIR / f"{key}.json"


def unsafe_plugins(names: Iterable[str]) -> list[str]:
    """The plugins of a site that rule out an incremental build, in order."""
    return [name for name in names if name not in SAFE_PLUGINS]


def full_build_reason(plugins: Iterable[str]) -> str | None:
    """Why a site with these plugins must build in full, or None when it may build
    incrementally (``briefs build`` prints the reason)."""
    unsafe = unsafe_plugins(plugins)
    if not unsafe:
        return None
    if any(name in SEARCH_PLUGINS for name in unsafe):
        return "the search plugin indexes only the pages a partial build renders"
    return f"the {', '.join(unsafe)} plugin{'s' if len(unsafe) > 1 else ''} may not support it"


def config_plugin_names(config: Mapping[str, Any]) -> list[str]:
    """The plugin names a raw ``mkdocs.yml`` lists and enables (MkDocs enables ``search``
    when the key is missing)."""
    if "plugins" not in config:
        return ["search"]
    return [
        name
        for name, options in config_entries(config["plugins"])
        if not (isinstance(options, dict) and options.get("enabled") is False)
    ]


def file_hash(content: str | bytes, *extra: str) -> str:
    """The hash of one generated file's content and of whatever else its output depends on
    of its own (its "edit this page" address, whether it is in the nav)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(content.encode("utf-8") if isinstance(content, str) else content)
    for part in extra:
        digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _stable(value: Any) -> Any:
    """A JSON-able form of a config value; objects without one are named by their type
    (never by ``repr``, which may hold a memory address that differs on every run)."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): _stable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_stable(v) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, set | frozenset) else items
    if isinstance(value, Path):
        return value.as_posix()
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    text = str(value)  # a Locale: its language code
    return type(value).__qualname__ if " at 0x" in text else text


def _versions() -> dict[str, str]:
    found = {}
    for name in ("mkdocs", "properdocs", "mkdocs-material", "markdown", "pymdown-extensions"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            found[name] = metadata.version(name)
    return found


def _installed(folder: Path) -> bool:
    """A folder of an installed package (its files change only with its version)."""
    return "site-packages" in folder.parts or "dist-packages" in folder.parts


def tree_digest(folders: Iterable[str | Path]) -> str:
    """The theme's template folders: names and bytes of every file, except in installed
    packages, whose versions stand for them (Material ships thousands of icons)."""
    digest = hashlib.blake2b(digest_size=16)
    for folder in folders:
        root = Path(folder)
        digest.update(b"\1" + root.as_posix().encode())
        if _installed(root.resolve()) or not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                relative = path.relative_to(root).as_posix().encode()
                digest.update(relative + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fingerprint(
    config: Mapping[str, Any],
    *,
    theme: Mapping[str, Any],
    theme_dirs: Iterable[str],
    plugins: Mapping[str, Mapping[str, Any]],
    extra: Any,
) -> str:
    """What every page's HTML depends on but the nav: the whole resolved config but site_dir
    (its Markdown extensions, extra CSS...), the theme's options and templates, the plugins and
    their options, the versions of the engine, of Material and of newsbriefs' code, and
    ``extra`` (what the caller adds: the command)."""
    # `strict` stays in: a strict build must not reuse pages a lenient one let warn.
    ignored = {"site_dir", "config_file_path", "plugins", "theme", "nav", "dev_addr"}
    data = {
        "config": {k: _stable(v) for k, v in config.items() if k not in ignored},
        "theme": _stable(theme),
        "templates": tree_digest(theme_dirs),
        "plugins": _stable(plugins),
        "versions": _versions(),
        "code": code_digest(),
        "python": sys.version,
        "extra": _stable(extra),
    }
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def nav_digest(nav: Any) -> str:
    """The nav setting (ours, or the site's): its structure and explicit titles."""
    text = json.dumps(_stable(nav), sort_keys=True)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def nav_signature(pages: Iterable[tuple[str, str | None, Mapping[str, Any]]]) -> str:
    """The nav as every page shows it: each nav page's address, title and metadata (its
    icon, status, subtitle...), known only once the pages were read."""
    text = json.dumps([[url, title, _stable(meta)] for url, title, meta in pages], sort_keys=True)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


@dataclass(frozen=True)
class Output:
    """What the manifest records of one generated file."""

    hash: str
    dest: str
    """Its output, relative to the site."""
    stat: tuple[int, int] | None = None
    """The output's size and mtime (ns) as the build left it; None when it wrote none."""


@dataclass
class Manifest:
    """What one build generated, enough for the next one to reuse its outputs."""

    fingerprint: str
    nav_config: str = ""
    """:func:`nav_digest` of the nav setting."""
    nav: str = ""
    """:func:`nav_signature` of the pages in the nav."""
    files: dict[str, Output] = field(default_factory=dict)
    """Source path in the docs tree -> its output."""
    titles: dict[str, tuple[str | None, dict[str, Any]]] = field(default_factory=dict)
    """Source path of each generated page in the nav -> its title and metadata, which the
    nav shows on every page: a dirty build that skips the page gives them back to it."""

    def to_document(self) -> dict[str, Any]:
        """The manifest as JSON-able data, for a kept file (generator/build/state.py)."""
        files = {
            src: [out.hash, out.dest, list(out.stat) if out.stat else None]
            for src, out in sorted(self.files.items())
        }
        titles = {src: [title, _stable(meta)] for src, (title, meta) in self.titles.items()}
        return {
            "fingerprint": self.fingerprint,
            "nav_config": self.nav_config,
            "nav": self.nav,
            "files": files,
            "titles": titles,
        }

    @classmethod
    def from_document(cls, data: Any, blob: object = b"") -> Manifest:
        """The manifest :meth:`to_document` gave; TypeError or ValueError for anything else."""
        files = {
            _string(src): Output(_string(h), _string(dest), _stat(st))
            for src, (h, dest, st) in data["files"].items()
        }
        titles = {
            _string(src): (None if title is None else _string(title), _mapping(meta))
            for src, (title, meta) in data["titles"].items()
        }
        fingerprint, nav_config = _string(data["fingerprint"]), _string(data["nav_config"])
        return cls(fingerprint, nav_config, _string(data["nav"]), files, titles)

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        """The manifest at ``path``; None when there is none, or when it fails a check of
        generator/build/state.py (one line says so): anything off only costs a full build."""
        return state.load(path, MANIFEST_KIND, cls.from_document)

    def save(self, path: Path) -> None:
        state.save(path, MANIFEST_KIND, self.to_document())


MANIFEST_KIND = state.Kind(
    "build-manifest",
    FORMAT,
    "the site is built in full",
    max_bytes=512 * 2**20,  # ~150 bytes a generated file
    max_depth=64,  # a page's metadata, as our front matter gives it: a few levels
)


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"not a string: {str(value)[:40]}")
    return value


def _stat(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    size, mtime = value
    if type(size) is not int or type(mtime) is not int:
        raise TypeError("an output's size and time are not numbers")
    return size, mtime


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise TypeError("a page's metadata is not a mapping")
    return value


def output_stat(path: Path) -> tuple[int, int] | None:
    """Size and mtime of an output file; None when there is no regular file there."""
    try:
        stat = path.lstat()
    except OSError:
        return None
    if not path.is_file() or path.is_symlink():
        return None
    return stat.st_size, stat.st_mtime_ns


def reuse(previous: Output, new_hash: str, dest: str, base: Path, out: Path | None) -> bool:
    """Make the previous build's output of a file part of this build, when it may be: the
    same hash and address, and the output still as that build left it. ``out`` is the fresh
    folder it is linked into (a copy across file systems); None when the build is in place
    (``serve``). True when reused."""
    if previous.hash != new_hash or previous.dest != dest or previous.stat is None:
        return False
    source = base / dest
    if output_stat(source) != previous.stat:
        return False
    if out is None:
        return True
    target = out / dest
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)  # MkDocs never writes a file it was told is unmodified
    except OSError:
        try:
            shutil.copy2(source, target)
        except OSError:
            return False
    return True
