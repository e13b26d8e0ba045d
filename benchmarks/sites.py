"""The two sites a benchmark run builds from the same synthetic briefs.

- **ours**: the ``briefs`` plugin reads briefs/ (corpus/synthetic.py: make_site), built with
  ``briefs build --strict`` as a user would;
- **the floor**: the pages ours makes, as plain Markdown (``briefs generate --out``), in the
  docs/ of a plain MkDocs + Material site with the same theme settings, Material's search
  plugin and an explicit, bounded ``nav:`` (the one the plugin builds, from
  ``generator.build.nav.default_nav``): what MkDocs + Material cost without newsbriefs.

Each also has a variant without search (the same config, search plugin left out), so the
search indexing can be told apart from the rest of the build.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from measure import briefs, run

from corpus.synthetic import make_site, site_config
from generator.build.nav import default_nav
from generator.build.pipeline import Generated, check
from generator.build.write import MANIFEST, read_manifest
from generator.settings import load_site, plugin_config_scheme

NO_SEARCH = "mkdocs.no-search.yml"


def plugin_searches() -> bool:
    """Whether the briefs plugin has a search of its own (its ``search`` option: Pagefind by
    default); if not, our site searches with Material's search plugin, like the floor."""
    return "search" in dict(plugin_config_scheme())


def our_site(root: Path, count: int, seed: int) -> Path:
    """mkdocs.yml of a site of ``count`` synthetic briefs with the plugin and its default
    search (Material's search plugin listed only when the plugin has no search of its own)."""
    return make_site(root, count, plugin=True, seed=seed, material_search=not plugin_searches())


def floor_site(our_config: Path, root: Path) -> Path:
    """mkdocs.yml of the floor: our pages as Markdown in a plain site, with our nav."""
    generated = root.parent / f"{root.name}-generated"
    run(briefs(our_config, "generate", "--out", str(generated)), cwd=our_config.parent)
    settings = load_site(our_config).settings
    index, problems = check(settings)
    if index is None:
        raise ValueError(f"the synthetic briefs have errors: {problems[:3]}")
    files: dict[str, str | bytes] = dict.fromkeys(read_manifest(generated), "")
    nav = default_nav(Generated(index, files, []), settings)  # the plugin's own nav
    config = make_site(root, 0, plugin=False, nav=nav)
    shutil.copytree(
        generated, root / "docs", dirs_exist_ok=True, ignore=shutil.ignore_patterns(MANIFEST)
    )
    shutil.rmtree(generated)
    shutil.rmtree(root / "briefs", ignore_errors=True)
    return config


def without_search(config_file: Path) -> Path:
    """A config beside ``config_file``: the same site with no search (no Material search
    plugin, and ``search: none`` for a briefs plugin that has a search of its own)."""
    config: dict[str, Any] = yaml.safe_load(config_file.read_text("utf-8"))
    config["plugins"] = [p for p in config.get("plugins", []) if p != "search"]
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "briefs" in plugin and plugin_searches():
            plugin["briefs"]["search"] = "none"
    derived = config_file.with_name(NO_SEARCH)
    derived.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), "utf-8")
    return derived


def search_kind(site_dir: Path) -> str:
    """Which search the built site carries, from the files it holds."""
    kinds = []
    if (site_dir / "pagefind").is_dir():
        kinds.append("Pagefind")
    if (site_dir / "search" / "search_index.json").is_file():
        kinds.append("Material (lunr)")
    return " + ".join(kinds) or "none"


__all__ = ["floor_site", "our_site", "search_kind", "site_config", "without_search"]
