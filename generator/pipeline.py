"""The pipeline in one function: load -> model -> index -> render.

Both adapters (the MkDocs plugin and the ``briefs`` command) call :func:`generate`; neither
has logic of its own beyond where the result goes. Problems of every stage are collected;
the run stops after the first stage that found errors, so later stages only ever see
valid input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from .errors import BriefsError, Problem, errors_only
from .index import SiteIndex, build_index
from .links import broken_links
from .loader import RawBrief, discover, load_brief
from .model import Brief, check_briefs, intended_slug, parse_brief
from .registry import load_registry
from .render import render_site
from .sanity import warnings as sanity_warnings
from .settings import Settings
from .site_docs import clashes
from .theme import load_theme


@dataclass(frozen=True)
class Generated:
    """What a run produced: the index (for adapters that need it) and the files."""

    index: SiteIndex
    files: dict[str, str | bytes]
    """Path in the docs tree -> content, for every generated page (text) and asset (bytes)."""
    warnings: list[Problem]


def load_briefs(settings: Settings) -> tuple[list[Brief], list[Problem]]:
    """Every brief under the briefs folder, validated one by one and as a collection."""
    paths, problems = discover(settings.briefs_path)
    loaded: list[tuple[Brief, RawBrief]] = []
    invalid_slugs: set[str] = set()  # briefs with errors still exist for ``related``
    for path in paths:
        raw, load_problems = load_brief(path)
        problems += load_problems
        if raw is None:
            continue
        brief, brief_problems = parse_brief(raw)
        problems += brief_problems
        if brief is not None and not load_problems:
            loaded.append((brief, raw))
        else:
            invalid_slugs.add(intended_slug(raw))
    problems += check_briefs(loaded, also_existing=invalid_slugs)
    return [brief for brief, _ in loaded], problems


def check(
    settings: Settings, *, drafts: bool | None = None
) -> tuple[SiteIndex | None, list[Problem]]:
    """Load, validate and index: everything but rendering. Bad input never raises here.

    The valid briefs are indexed even when others have errors, so problems between briefs
    (a category spelt two ways, a likely story typo, a relative link to nothing) show in the
    same run. The index is None when there are errors: nothing may be published from it.
    """
    briefs, problems = load_briefs(settings)
    registry, registry_problems = load_registry(settings.briefs_path)
    problems += registry_problems
    include_drafts = settings.drafts if drafts is None else drafts
    published = [b for b in briefs if include_drafts or not b.draft]
    index, index_problems = build_index(published, registry)
    problems += index_problems
    problems += sanity_warnings(published, now=datetime.now(UTC))
    problems += broken_links(index, settings)
    return (None if errors_only(problems) else index), problems


def generate(settings: Settings, *, drafts: bool | None = None) -> Generated:
    """Run the whole pipeline; raise :class:`BriefsError` with every error found.

    The rendered files are checked against the site's own pages last: a generated page
    may not displace one (generator/site_docs.py).
    """
    index, problems = check(settings, drafts=drafts)
    if index is None:
        raise BriefsError(problems)
    theme, theme_problems = load_theme(settings.templates_path)
    outputs, render_problems = render_site(index, settings, theme)
    problems += theme_problems + render_problems
    files = {output.path: output.content for output in outputs}
    problems += clashes(files, settings.docs_dir, settings.public_urls)
    if errors_only(problems):
        raise BriefsError(problems)
    return Generated(index, files, problems)
