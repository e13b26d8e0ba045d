"""Zensical: the pipeline's Markdown tree staged on disk, beside a config that points at it.

Zensical runs no MkDocs plugins, so ``briefs build --engine zensical`` runs the pipeline
itself and writes what the ``briefs`` plugin would add in memory: the generated pages, the
site's own docs, newsbriefs' theme overrides under the site's own, and a derived config that
inherits the site's (:func:`stage_for_zensical`). The engine then builds that staged project
like any other (generator/build/engines.py).
"""

from __future__ import annotations

import posixpath
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.build import policy
from generator.build.editorial import policy_links
from generator.build.pipeline import Generated
from generator.build.site_docs import own_files
from generator.build.site_folder import STATE_DIR, remove
from generator.build.state import Ignored, read_regular
from generator.build.write import atomic_write, write_tree
from generator.render.theme import overrides_dir, zensical_fixes_dir
from generator.settings import Settings, custom_dir_of

ZENSICAL_DIR = f"{STATE_DIR}/zensical"
"""Zensical's staged project: ``mkdocs.yml`` (derived), ``docs/`` and its output ``site/``.
Zensical wants docs_dir and site_dir inside the config's folder, hence one folder for all."""
ZENSICAL_CACHE = ".cache"
"""In :data:`ZENSICAL_DIR`: Zensical's cache of rendered pages. Nothing can check what it
holds (a poisoned one is published as it is), so every build clears it first
(generator/build/engines.py), as it writes the staged tree anew (generator/build/state.py
says what kept state may be trusted)."""


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
    files = html_links_from_source(generated.files, settings.use_directory_urls)
    write_tree(files, docs, protected=[settings.briefs_path])
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
    extra = config.get("extra")
    if settings.policies.pages() and not (isinstance(extra, dict) and "policies" in extra):
        derived["extra"] = {"policies": policy_links(settings)}  # the footer's, as the plugin's
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


_HTML_LINK_UP = '<a href="../'


def html_links_from_source(
    files: Mapping[str, str | bytes], directory_urls: bool
) -> dict[str, str | bytes]:
    """The generated pages, with the links they write in raw HTML made relative to the page's
    source file, as Zensical reads them.

    The pages write those links as MkDocs publishes them, relative to the page's address
    (generator/render/filters.py), and MkDocs leaves HTML as it is; Zensical rewrites every
    relative link in a page's HTML as it does Markdown links, from the source file's folder.
    The two differ on a page published a folder deeper than its source (``briefs/x.md`` at
    ``briefs/x/``): each of its links there starts with one ``../`` more, which is taken
    off here (no such page links into its own folder)."""
    if not directory_urls:
        return dict(files)
    staged: dict[str, str | bytes] = {}
    for path, content in files.items():
        name = path.rsplit("/", 1)[-1]
        deeper = path.endswith(".md") and name not in ("index.md", "README.md")
        if deeper and isinstance(content, str) and _HTML_LINK_UP in content:
            content = content.replace(_HTML_LINK_UP, '<a href="')
        staged[path] = content
    return staged


def _stage_overrides(target: Path, site_custom_dir: Path | None) -> None:
    """Zensical takes one ``custom_dir`` and runs no plugin to layer ours: stage our overrides
    (and our fixes to Zensical's own partials) with the site's own custom_dir copied over
    them, so its files win as they do on MkDocs."""
    layers = [overrides_dir(), zensical_fixes_dir()]
    layers += [site_custom_dir] if site_custom_dir is not None else []
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
