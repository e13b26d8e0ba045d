"""The pipeline in one function: load -> model -> index -> render.

Both adapters (the MkDocs plugin and the ``briefs`` command) call :func:`generate`; neither
has logic of its own beyond where the result goes. Problems of every stage are collected;
the run stops after the first stage that found errors, so later stages only ever see
valid input.
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from generator.build.editorial import missing_policy_pages, unknown_types
from generator.build.links import broken_links, links_to_embargoed, unresolved_page_links
from generator.build.request import build_time
from generator.build.site_docs import clashes
from generator.errors import BriefsError, Problem, errors_only
from generator.graph.index import SiteIndex, build_index
from generator.graph.sanity import warnings as sanity_warnings
from generator.graph.schedule import Release, next_go_live
from generator.graph.withheld import withhold, withhold_registry
from generator.publish import publish
from generator.publish.media import Media, MediaStore
from generator.render.memo import PageMemo
from generator.render.site import render_site
from generator.render.theme import Theme, load_theme
from generator.settings import Settings
from generator.source.images import read_images
from generator.source.loader import MAX_FILE_BYTES, RawBrief, discover, load_brief
from generator.source.model import Brief, check_briefs, intended_slug, parse_brief
from generator.source.registry import DATA_DIR, KINDS, Registry, load_registry


@dataclass(frozen=True)
class Generated:
    """What a run produced: the index (for adapters that need it) and the files."""

    index: SiteIndex
    files: dict[str, str | bytes]
    """Path in the docs tree -> content, for every generated page (text) and asset (bytes)."""
    warnings: list[Problem]
    media: Media | None = None
    """media: the run's images (cards, renditions): which were drawn, which were kept."""


def read_brief(path: Path) -> tuple[Brief | None, RawBrief | None, list[Problem]]:
    """One brief file read and validated on its own: the brief (None when the file has any
    error), what was read of it (None when not even YAML), and every problem."""
    raw, problems = load_brief(path)
    if raw is None:
        return None, None, problems
    brief, brief_problems = parse_brief(raw)
    return (brief if not problems else None), raw, problems + brief_problems


ReadBrief = tuple[Brief | None, RawBrief | None, list[Problem]]

BriefReads = dict[Path, tuple[str, ReadBrief]]
"""Per brief file: the hash of its bytes and what :func:`read_brief` made of them. A preview
(``serve``) runs the pipeline again in the same process on every save and keeps one between
its rebuilds (generator/build/preview.py), so that it reads again only the files whose bytes
changed; one file's result depends on nothing but its path and bytes (what depends on the
others is checked after, every time)."""


def _content_hash(path: Path) -> str | None:
    """The hash of a brief file's bytes; None for anything :func:`load_brief` would refuse
    (not a regular file, too big, unreadable), which is never cached."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
                return None
            return hashlib.blake2b(handle.read(MAX_FILE_BYTES + 1), digest_size=16).hexdigest()
    except OSError:
        return None


def read_brief_cached(path: Path, reads: BriefReads) -> ReadBrief:
    """:func:`read_brief`, from ``reads`` when the file's bytes are the ones read last
    time. Stored only when the bytes did not change while being read."""
    before = _content_hash(path)
    cached = reads.get(path)
    if before is not None and cached is not None and cached[0] == before:
        return cached[1]
    result = read_brief(path)
    if before is not None and _content_hash(path) == before:
        reads[path] = (before, result)
    return result


@dataclass
class Carried:
    """What a preview's rebuild takes from its previous one besides the briefs read, each
    kept with what it was made from and used only when that is the same: the registries
    (by their files' bytes) and the theme (by its templates' and assets' text; the same
    theme object keeps Jinja's compiled templates, which cost a second to compile)."""

    registry: tuple[str, Registry, list[Problem]] | None = None
    theme: Theme | None = None
    theme_problems: list[Problem] = field(default_factory=list)


def _registry_digest(briefs_dir: Path) -> str | None:
    """The registry files as :func:`load_registry` finds them (where each leads, its kind
    and bytes); None when one is not a plain regular file, which is then always read."""
    digest = hashlib.blake2b(digest_size=16)
    for name in KINDS:
        path = briefs_dir / DATA_DIR / name
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            digest.update(f"{name}\0missing\0".encode())
            continue
        except OSError:
            return None
        found = _content_hash(path) if stat.S_ISREG(info.st_mode) else None
        if found is None:
            return None
        where = os.path.realpath(path)
        digest.update(f"{name}\0{found}\0{where}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def registry_of(briefs_dir: Path, carried: Carried | None) -> tuple[Registry, list[Problem]]:
    """:func:`load_registry`, or the registries a preview read last time when their files'
    bytes are the same."""
    if carried is None:
        return load_registry(briefs_dir)
    key = _registry_digest(briefs_dir)
    if key is not None and carried.registry is not None and carried.registry[0] == key:
        return carried.registry[1], list(carried.registry[2])
    registry, problems = load_registry(briefs_dir)
    if key is not None and _registry_digest(briefs_dir) == key:
        carried.registry = (key, registry, list(problems))
    return registry, problems


def theme_of(templates_dir: Path | None, carried: Carried | None) -> tuple[Theme, list[Problem]]:
    """:func:`load_theme`, keeping a preview's previous theme object when the templates and
    assets read now are the same text (the render caches live on that object)."""
    theme, problems = load_theme(templates_dir)
    if carried is None:
        return theme, problems
    before = carried.theme
    if (
        before is not None
        and dict(before.templates) == dict(theme.templates)
        and dict(before.assets) == dict(theme.assets)
        and carried.theme_problems == problems
    ):
        return before, problems
    carried.theme, carried.theme_problems = theme, list(problems)
    return theme, problems


def load_briefs(
    settings: Settings, reads: BriefReads | None = None
) -> tuple[list[Brief], list[Problem]]:
    """Every brief under the briefs folder, validated one by one and as a collection;
    ``reads``: the briefs read by an earlier run in this process (a preview's), reused where
    the file's bytes are the same, and updated."""
    paths, problems = discover(settings.briefs_path)
    loaded: list[tuple[Brief, RawBrief]] = []
    invalid_slugs: set[str] = set()  # briefs with errors still exist for ``related``
    if reads is not None:
        for gone in reads.keys() - set(paths):
            del reads[gone]
    for path in paths:
        read = read_brief_cached(path, reads) if reads is not None else read_brief(path)
        brief, raw, brief_problems = read
        problems += brief_problems
        if brief is not None and raw is not None:
            loaded.append((brief, raw))
        elif raw is not None:
            invalid_slugs.add(intended_slug(raw))
    problems += check_briefs(loaded, also_existing=invalid_slugs)
    return [brief for brief, _ in loaded], problems


def release(
    settings: Settings,
    *,
    drafts: bool | None = None,
    scheduled: bool = False,
    now: datetime | None = None,
) -> Release:
    """What a run publishes: drafts when ``drafts`` (default: the site's ``drafts:``),
    briefs not yet live when ``scheduled`` (previews), as of ``now`` (default:
    :func:`generator.build.request.build_time`)."""
    return Release(
        now=build_time() if now is None else now,
        zone=settings.zone,
        drafts=settings.drafts if drafts is None else drafts,
        scheduled=scheduled,
    )


def next_release(
    settings: Settings, *, now: datetime | None = None
) -> tuple[datetime | None, list[Problem]]:
    """When the published site next changes by itself: the earliest go-live time after
    ``now`` of a brief that is not a draft (``briefs schedule``), in UTC. None when nothing
    is scheduled, or when the briefs have errors (the problems say which)."""
    briefs, problems = load_briefs(settings)
    if errors_only(problems):
        return None, problems
    run = release(settings, now=now)
    return next_go_live(briefs, run.now, run.zone), problems


def check(
    settings: Settings,
    *,
    drafts: bool | None = None,
    scheduled: bool = False,
    now: datetime | None = None,
    reads: BriefReads | None = None,
    carried: Carried | None = None,
) -> tuple[SiteIndex | None, list[Problem]]:
    """Load, validate and index: everything but rendering. Bad input never raises here.

    The valid briefs are indexed even when others have errors, so problems between briefs
    (a category spelt two ways, a likely story typo, a relative link to nothing) show in the
    same run. The index is None when there are errors: nothing may be published from it.
    Embargoed briefs (drafts, briefs not yet live: :func:`release`) are left out of the
    index, unless the run previews them, and so are their names in what is published: a
    published brief's ``related`` slugs and links to them, links in registries
    (generator/graph/withheld.py). So no output can show them. A link to a brief the
    published site does not show yet is a notice in every run (``check`` included).
    """
    briefs, problems = load_briefs(settings, reads)
    briefs, image_problems = read_images(briefs, settings.briefs_path)  # media
    problems += image_problems
    registry, registry_problems = registry_of(settings.briefs_path, carried)
    problems += registry_problems
    run = release(settings, drafts=drafts, scheduled=scheduled, now=now)
    published, embargoes = run.select(briefs)
    held = run.held_back(briefs)
    index, index_problems = build_index(
        withhold(published, held),
        withhold_registry(registry, held),
        embargoes,
        related_include_newer=settings.related_include_newer,
        title_words=settings.title_words,
    )
    problems += index_problems
    vouched = run.vouched(briefs)
    problems += sanity_warnings(vouched, now=run.now)
    publishing = release(settings, now=run.now)  # what the public site shows, as of now
    problems += links_to_embargoed(briefs, vouched, registry, publishing)
    problems += broken_links(index, settings)
    problems += unknown_types(briefs, settings) + missing_policy_pages(settings)
    return (None if errors_only(problems) else index), problems


def generate(
    settings: Settings,
    *,
    drafts: bool | None = None,
    scheduled: bool = False,
    now: datetime | None = None,
    memo: PageMemo | None = None,
    reads: BriefReads | None = None,
    carried: Carried | None = None,
    media_store: MediaStore | None = None,
) -> Generated:
    """Run the whole pipeline; raise :class:`BriefsError` with every error found.

    ``media_store``: the images earlier runs made (generator/build/media_cache.py), reused
    instead of drawn again.

    ``memo``: the pages of the previous run, reused where their inputs are unchanged, and
    updated with this run's (generator/render/memo.py); previews and incremental builds pass one.
    ``reads``: the briefs a preview read on its previous rebuild (:func:`load_briefs`);
    ``carried``: the registries and theme it used (:class:`Carried`).

    The rendered pages get what machines read (generator/publish/: feeds, head data, the
    API...). The files are checked against the site's own pages last: a generated page
    may not displace one (generator/build/site_docs.py).
    """
    now = build_time() if now is None else now  # one instant for the release and the news
    index, problems = check(
        settings, drafts=drafts, scheduled=scheduled, now=now, reads=reads, carried=carried
    )
    if index is None:
        raise BriefsError(problems)
    theme, theme_problems = theme_of(settings.templates_path, carried)
    outputs, render_problems = render_site(index, settings, theme, memo)
    media = Media(settings, media_store)
    outputs = publish(index, settings, outputs, now, media)
    problems += theme_problems + render_problems
    files = {output.path: output.content for output in outputs}
    problems += clashes(files, settings.docs_dir, settings.public_urls)
    problems += unresolved_page_links(files, settings)
    if errors_only(problems):
        raise BriefsError(problems)
    return Generated(index, files, problems, media)
