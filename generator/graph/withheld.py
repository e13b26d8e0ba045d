"""What published text may say of the briefs a run holds back: nothing.

A run publishes some briefs and holds back the others (drafts, briefs not yet live:
generator/graph/schedule.py). A published brief may still name a held-back one, in
``related`` or in a link in its text (``[the merger](acme-merger.md)``), and a registry's
text may link to one. Before anything is indexed, the published briefs and the registries
are handed on without those names: ``related`` slugs of held-back briefs are dropped, and
links to them are written as their text alone. No output (pages, listings, feeds, the JSON
API, search, head data) is ever handed a held-back brief's slug, so none can publish it.
Story threads, previous/next, more-from and related lists are made of published briefs
only (generator/graph/index.py); an ``aliases`` entry may not name another brief at all
(generator/source/model.py).

When the held-back brief goes live, the next build links it: nothing here is kept.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any

from pydantic import BaseModel

from generator.graph import urls
from generator.source.loader import KeyPath
from generator.source.markup import links, without_links
from generator.source.model import FIELD_NAMES, Brief, per_brief
from generator.source.registry import Registry

_FIELDS: set[str] = set(FIELD_NAMES)
"""What the author wrote (not positions nor the file): where a link can be."""

Link = tuple[KeyPath, str, str]
"""A link that names a brief: where it is (``("quotes", 0, "text")``), its destination as
written, and the slug of the brief it names."""


def brief_named_from_brief(destination: str) -> str | None:
    """The slug of the brief whose page a link in brief text leads to, or None. Links in
    brief text resolve from the brief's page, ``briefs/<slug>.md`` (generator/build/links.py
    checks the others)."""
    path = destination.split("#", 1)[0]
    target = posixpath.normpath(posixpath.join(urls.BRIEFS_DIR, path))
    folder, _, name = target.rpartition("/")
    if folder != urls.BRIEFS_DIR or not name.endswith(".md"):
        return None
    return name.removesuffix(".md")


def brief_named_from_registry(destination: str) -> str | None:
    """The slug a link in registry text names, or None. Registry text is shown on several
    pages (a ticker's name on its page, the home page, the list of tickers), so a link in it
    is judged by what it names, not where it leads from one page: its last path segment,
    without ``.md``, ``.html`` or ``/index.md``  (``../../briefs/acme-merger.md``,
    ``/briefs/acme-merger/``)."""
    path = destination.split("#", 1)[0].rstrip("/")
    for ending in ("/index.md", "/index.html"):
        path = path.removesuffix(ending)
    name = path.rpartition("/")[2]
    for suffix in (".md", ".html"):
        name = name.removesuffix(suffix)
    return name or None


@per_brief
def brief_links(brief: Brief, _: object = None) -> list[Link]:
    """Every link in a brief's text that leads to a brief's page."""
    return [
        (loc, destination, slug)
        for name in FIELD_NAMES
        for loc, text in _texts(getattr(brief, name), (name,))
        for destination in links(text)
        if (slug := brief_named_from_brief(destination)) is not None
    ]


def registry_links(registry: Registry) -> Iterator[tuple[str, Link]]:
    """Every link in a registry's text that names a brief, with the registry's file name;
    the location starts with the entry's name (``("ACME", "name")``)."""
    for file, entries in registry.files.items():
        for name, entry in entries.items():
            for loc, text in _texts(entry, (name,)):
                for destination in links(text):
                    if (slug := brief_named_from_registry(destination)) is not None:
                        yield file, (loc, destination, slug)


def withhold(briefs: Sequence[Brief], held: frozenset[str]) -> list[Brief]:
    """The published briefs as the run hands them on: each one that names a held-back
    brief, without that name (see the module's docstring); the others as they were."""
    if not held:
        return list(briefs)
    return [_without(brief, held) for brief in briefs]


@per_brief
def _without(brief: Brief, held: frozenset[str]) -> Brief:
    """Remembered per brief object and held-back set: a preview runs again on every save,
    and an unchanged brief then stays the same object (what depends on it is remembered)."""
    named = any(slug in held for slug in brief.related)
    if not named and b"](" not in brief.__pydantic_serializer__.to_json(brief, include=_FIELDS):
        return brief  # most briefs: no link (one look in pydantic-core: half the time of a walk)
    drop = _dropping(brief_named_from_brief, held)
    changes: dict[str, Any] = {
        name: new
        for name in FIELD_NAMES
        if (new := _rewritten(old := getattr(brief, name), drop)) is not old
    }
    if named:
        changes["related"] = [slug for slug in brief.related if slug not in held]
    return brief.model_copy(update=changes) if changes else brief


def withhold_registry(registry: Registry, held: frozenset[str]) -> Registry:
    """The registries without links to held-back briefs (written as their text); the same
    object when they have none."""
    if not held:
        return registry
    drop = _dropping(brief_named_from_registry, held)
    files = {
        file: {name: _rewritten(entry, drop) for name, entry in entries.items()}
        for file, entries in registry.files.items()
    }
    changed = any(
        files[file][name] is not entry
        for file, entries in registry.files.items()
        for name, entry in entries.items()
    )
    return Registry(files, registry.sources) if changed else registry


def _dropping(named: Callable[[str], str | None], held: Collection[str]) -> Callable[[str], bool]:
    return lambda destination: named(destination) in held


def _texts(value: object, loc: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    """Every text in a field's value that may hold a link, with where it is."""
    if isinstance(value, str):
        if "](" in value:
            yield loc, value
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _texts(item, (*loc, i))
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name), (*loc, name))


def _rewritten(value: Any, drop: Callable[[str], bool]) -> Any:
    """``value`` with the links ``drop`` picks written as text; the same object when it had
    none."""
    if isinstance(value, str):
        return without_links(value, drop) if "](" in value else value
    if isinstance(value, list):
        items = [_rewritten(item, drop) for item in value]
        return value if all(new is old for new, old in zip(items, value, strict=True)) else items
    if isinstance(value, BaseModel):
        changes = {
            name: new
            for name in type(value).model_fields
            if (new := _rewritten(old := getattr(value, name), drop)) is not old
        }
        return value.model_copy(update=changes) if changes else value
    return value
