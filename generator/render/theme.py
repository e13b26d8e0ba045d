"""The theme as data: every template and asset a run uses, read from disk once.

The pipeline reads the theme here; render only computes from it. A site's ``templates_dir``
is layered over the built-in ``theme/templates/``, Pelican-style: a file of the same name
replaces the built-in one, and a new name adds a template. Assets (``theme/assets/``) are
passed through to the site as bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem
from generator.graph import urls

TEMPLATE_SUFFIX = ".j2"


def builtin_dir() -> Path:
    """The built-in theme: beside the package when installed, at the repository top otherwise."""
    installed = Path(__file__).parents[1] / "theme"
    return installed if installed.is_dir() else Path(__file__).parents[2] / "theme"


def overrides_dir() -> Path:
    """Our Material overrides (``main.html`` and ``partials/newsbriefs/``): the plugin layers
    them between a site's ``custom_dir`` and Material; Zensical gets them staged as its
    ``custom_dir`` (generator/build/zensical.py)."""
    return builtin_dir() / "overrides"


def material_fixes_dir() -> Path:
    """Fixes to Material for MkDocs' own partials (an accessible name for its search dialog),
    layered by the plugin under our overrides. Not staged for Zensical, whose partials of the
    same names differ (and need no fix)."""
    return builtin_dir() / "overrides-material"


def zensical_fixes_dir() -> Path:
    """Zensical's own partials with our change (its header, whose site name links home),
    staged for Zensical only, over our overrides (generator/build/zensical.py)."""
    return builtin_dir() / "overrides-zensical"


@dataclass(frozen=True)
class TemplateSource:
    """One template's text and the file it came from (for ``path:line`` in problems)."""

    source: str
    path: Path


@dataclass(frozen=True, eq=False)
class Theme:
    """Templates by name and assets by their path in the docs tree. Compared and hashed by
    identity: one run's theme is one object, and render caches its environments on it."""

    templates: Mapping[str, TemplateSource]
    assets: Mapping[str, bytes]


BUILTIN_ASSETS: dict[str, str] = {urls.STYLESHEET: "assets/newsbriefs.css"}
"""Docs path -> file under the built-in theme folder."""


def load_theme(templates_dir: Path | None) -> tuple[Theme, list[Problem]]:
    """Read the built-in templates, the site's over them, and the assets.

    A site template that cannot be read (or is not UTF-8) is a problem with its path; the
    built-in one of that name is then used, so the run still reports everything else.
    """
    problems: list[Problem] = []
    templates: dict[str, TemplateSource] = {}
    folders = [builtin_dir() / "templates"]
    if templates_dir is not None:
        if templates_dir.is_dir():
            folders.append(templates_dir)
        else:
            problems.append(
                Problem(templates_dir, "templates_dir not found; create it or unset it")
            )
    for folder in folders:
        for path in sorted(folder.rglob(f"*{TEMPLATE_SUFFIX}")):
            if not path.is_file():
                continue
            try:
                source = path.read_text("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(Problem(path, f"cannot read template: {exc}"))
                continue
            templates[path.relative_to(folder).as_posix()] = TemplateSource(source, path)
    assets = {
        target: (builtin_dir() / source).read_bytes() for target, source in BUILTIN_ASSETS.items()
    }
    return Theme(templates, assets), problems
