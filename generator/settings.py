"""Site settings for the generator, declared once.

The MkDocs plugin derives its ``config_scheme`` from these fields, and the ``briefs`` command
reads the same keys from the ``briefs`` entry of ``plugins:`` in mkdocs.yml, so a site is
configured in one place whichever adapter runs it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_type_hints

import yaml

DRAFTS_ENV = "NEWSBRIEFS_DRAFTS"
"""Set to ``1`` to publish drafts in one build (``briefs build --drafts`` sets it for the
engine it runs), whatever ``drafts:`` says in mkdocs.yml."""


@dataclass(frozen=True)
class Settings:
    briefs_dir: str = "briefs"
    """Folder of YAML briefs, relative to mkdocs.yml."""
    templates_dir: str | None = None
    """Folder of the site's own templates; a file there replaces the built-in one of that name."""
    per_page: int = 20
    """Briefs per category page before paginating."""
    home_latest: int = 10
    """Briefs listed on the home page."""
    more_from: int = 5
    """Entries in the "More from <category>" list at the end of each brief."""
    drafts: bool = False
    """Publish briefs marked ``draft: true`` (``mkdocs serve`` always shows them)."""
    home: bool = True
    """Generate the home page (index.md); turn off to write your own docs/index.md."""
    nav: bool = True
    """When mkdocs.yml has no ``nav:``, build one: home, categories, the site's own pages."""
    root: Path = field(default=Path("."), metadata={"internal": True})
    """Folder of mkdocs.yml; relative paths above are resolved against it."""
    docs_dir: Path | None = field(default=None, metadata={"internal": True})
    """The site's own pages (MkDocs' docs_dir), which generated pages must not displace."""

    @property
    def briefs_path(self) -> Path:
        return self.root / self.briefs_dir

    @property
    def templates_path(self) -> Path | None:
        return self.root / self.templates_dir if self.templates_dir else None

    @classmethod
    def options(cls) -> list[dataclasses.Field[Any]]:
        """The settings a site may set (all but the internal ones)."""
        return [f for f in dataclasses.fields(cls) if not f.metadata.get("internal")]

    @classmethod
    def from_options(
        cls, options: Mapping[str, Any], root: Path, docs_dir: Path | None = None
    ) -> Settings:
        """Settings from a plain mapping (the plugin's entry in mkdocs.yml), type-checked."""
        known = {f.name: f for f in cls.options()}
        errors: list[str] = []
        values: dict[str, Any] = {}
        for key, value in options.items():
            if key not in known:
                errors.append(f"unknown option {key!r}; known options: {', '.join(known)}")
                continue
            expected = _option_type(key)
            if value is not None and not (
                isinstance(value, expected) and not (expected is int and isinstance(value, bool))
            ):
                errors.append(f"option {key!r} expects {expected.__name__}, found {value!r}")
                continue
            values[key] = value
        for key in ("per_page", "home_latest"):
            if key in values and values[key] < 1:
                errors.append(f"option {key!r} must be at least 1, found {values[key]}")
        if errors:
            raise ValueError("; ".join(errors))
        return cls(**values, root=root, docs_dir=docs_dir)


class _SiteConfigLoader(yaml.CSafeLoader):
    """Reads mkdocs.yml as plain data, ignoring tags meant for MkDocs itself (``!ENV``,
    ``!!python/name:`` in Material's emoji settings)."""


_SiteConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_SiteConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
)


def read_site_config(config_file: Path) -> dict[str, Any]:
    """The site config (mkdocs.yml) as plain data, with ``INHERIT`` followed as MkDocs does."""
    try:
        loaded = yaml.load(config_file.read_text("utf-8"), Loader=_SiteConfigLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{config_file}: cannot read the config: {exc}") from None
    if not isinstance(loaded, dict):
        raise ValueError(f"{config_file}: the config must be a mapping")
    parent = loaded.pop("INHERIT", None)
    if isinstance(parent, str):
        return _merge(read_site_config(config_file.parent / parent), loaded)
    return loaded


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        both_maps = isinstance(old, dict) and isinstance(value, dict)
        merged[key] = _merge(old, value) if both_maps else value  # type: ignore[arg-type]
    return merged


def settings_from_config_file(config_file: Path) -> Settings:
    """The settings a site declares in the ``briefs`` entry of ``plugins:`` in mkdocs.yml.

    Without a config file, the defaults apply, relative to the config file's folder.
    """
    if not config_file.is_file():
        return Settings(root=config_file.parent)
    config = read_site_config(config_file)
    plugins = config.get("plugins")
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (
            next(iter(p.items())) if isinstance(p, dict) and p else (p, None)
            for p in (plugins if isinstance(plugins, list) else [])
        )
    )
    options = next((opts or {} for name, opts in entries if name == "briefs"), {})
    if not isinstance(options, dict):
        raise ValueError(f"{config_file}: the briefs plugin's options must be a mapping")
    root = config_file.resolve().parent
    return Settings.from_options(options, root, root / str(config.get("docs_dir") or "docs"))


def _option_type(name: str) -> type:
    """The type a setting's value must have, from the dataclass's own annotation."""
    hint = get_type_hints(Settings)[name]
    return next(t for t in get_args(hint) or (hint,) if t is not type(None))  # type: ignore[no-any-return]
