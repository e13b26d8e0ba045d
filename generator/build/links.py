"""Relative links in brief text lead somewhere, checked before anything is built.

An author may link to a page or file of the site (``[the filing](../filings/q4.pdf)``). The
link is written into the brief's page, ``briefs/<slug>.md``, so it resolves from there; a
link to nothing would otherwise pass ``briefs check`` and fail the engine's strict build
with a warning that names the generated Markdown instead of the brief. Listings show brief
text without its links (``unlinked`` in the templates), so only the brief page counts.

A link to a brief the published site holds back (a draft, a brief not yet live) is no
error: until that brief is public the link is written as its text alone
(generator/graph/withheld.py), and a notice says so, from ``briefs check`` as from every
build (:func:`links_to_embargoed`): never a failure, not even under ``--strict``, since
linking ahead to a scheduled brief is a newsroom's normal work.

The pages' own links in raw HTML (listings, chips, link lists: generator/render/filters.py
writes them as the engine publishes them, and the engine neither rewrites nor checks them)
are checked here too, once the pages are rendered (:func:`unresolved_page_links`), as the
engine checks Markdown links: a warning, which ``--strict`` makes fatal.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import unquote

from generator.build.site_docs import own_files, published
from generator.errors import Position, Problem
from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.graph.schedule import Embargo, Release, iso_utc
from generator.graph.urls import PublicUrls
from generator.graph.withheld import brief_links, registry_links
from generator.render.pages import page_paths
from generator.settings import Settings
from generator.source.loader import KeyPath, dotted_field
from generator.source.markup import is_relative, links
from generator.source.model import Brief, per_brief, text_fields
from generator.source.registry import DATA_DIR, Registry


def broken_links(index: SiteIndex, settings: Settings) -> list[Problem]:
    """A problem for each relative link in brief text whose target will not exist: not a
    generated page, not one of the site's files in docs_dir.

    Most briefs link nowhere inside the site: only text with a ``](`` is parsed, and the
    pages and files that will exist are listed only when some relative link needs them."""
    relative = [
        (brief, name, destination)
        for brief in (*index.briefs, *index.withdrawn)  # a withdrawn page shows its notices
        for name, destination in _relative_links(brief)
    ]
    if not relative:
        return []
    existing = set(page_paths(index, settings)) | {urls.STYLESHEET}
    existing |= {path for path in own_files(settings.docs_dir) if published(path)}
    problems = []
    for brief, name, destination in relative:
        page = urls.brief(brief.slug)
        path = destination.split("#", 1)[0]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if target == ".." or target.startswith("../"):
            where = "outside the site"
        elif target not in existing:
            where = f"to {target}, which is not a page or file of the site"
        else:
            continue
        message = (
            f"link {destination!r} leads {where} (links resolve from the brief's page, "
            f"{page}); link to a file in the docs folder or use a full https:// address"
        )
        problems.append(Problem(brief.source, message, brief.position_of((name,)), name))
    return problems


@per_brief
def _relative_links(brief: Brief, _: object = None) -> list[tuple[str, str]]:
    """The field and destination of each link in a brief's text to a path inside the site."""
    return [
        (name, destination)
        for name, text in text_fields(brief)
        if "](" in text
        for destination in links(text)
        if is_relative(destination) and destination.split("#", 1)[0]
    ]


def links_to_embargoed(
    briefs: Sequence[Brief], vouched: Sequence[Brief], registry: Registry, publishing: Release
) -> list[Problem]:
    """A notice at each link, in the text of a brief the run answers for (``vouched``) or
    of a registry, to one of ``briefs`` that the published site (``publishing``: the site's
    own drafts setting, nothing early) will not show when the page holding the link is
    public: it is shown as text until then.

    The same in every run, whatever it previews, so ``briefs check`` and ``briefs build``
    agree; the run's own output links or unlinks by what it publishes."""
    by_slug = {brief.slug: brief for brief in briefs}
    problems = []
    for brief in vouched:
        for loc, destination, slug in brief_links(brief):
            target = by_slug.get(slug)
            embargo = None if target is None else publishing.unlinked(target, brief)
            if embargo is not None:
                problems.append(
                    _unlinked(brief.source, brief.position_of(loc), loc, destination, embargo)
                )
    for file, (loc, destination, slug) in registry_links(registry):
        target = by_slug.get(slug)
        embargo = None if target is None else publishing.unlinked(target)
        if embargo is not None:
            raw = registry.sources.get(file)
            path = raw.path if raw is not None else Path(DATA_DIR, file)
            found = raw.position_of(loc) if raw is not None else None
            problems.append(_unlinked(path, found, loc, destination, embargo))
    return list(dict.fromkeys(problems))  # a text that links to one brief twice: one warning


def _unlinked(
    path: Path, where: Position | None, loc: KeyPath, destination: str, embargo: Embargo
) -> Problem:
    when = "a draft" if embargo.until is None else f"goes live {iso_utc(embargo.until)}"
    message = (
        f"link {destination!r} leads to a brief not yet published ({when}); "
        "shown as text until then"
    )
    return Problem(path, message, where, dotted_field(loc), "notice")


_HREF = re.compile(r'<a href="([^"#:?]*)[#?"]')
"""A relative link our templates wrote in raw HTML (no scheme: ``https:``, ``mailto:``)."""


def unresolved_page_links(files: Mapping[str, str | bytes], settings: Settings) -> list[Problem]:
    """A warning for each generated page that links, in raw HTML, to an address where the
    site will have no page or file (a template, a site's own, linking to a page that is not
    made): one per page and address.

    Links are resolved once per folder of the page's address: pages of one folder share
    nearly all their links."""
    public = PublicUrls(settings.use_directory_urls)
    addresses = {public.url(path) for path in files}
    addresses |= {public.url(path) for path in own_files(settings.docs_dir) if published(path)}
    resolved: dict[tuple[str, str], bool] = {}
    problems = []
    for path, content in files.items():
        if not isinstance(content, str) or not path.endswith(".md") or "<a href" not in content:
            continue
        folder = posixpath.dirname("/" + public.output_path(path))
        for href in dict.fromkeys(_HREF.findall(content)):
            key = (folder, href)
            found = resolved.get(key)
            if found is None:
                plain = unquote(html.unescape(href))
                target = posixpath.normpath(posixpath.join(folder, plain or ".")).lstrip("/")
                url = f"{target}/" if target and (plain.endswith("/") or not plain) else target
                found = resolved[key] = url in addresses
            if not found:
                message = (
                    f"links to {href!r}, where the site has no page or file (a link a "
                    "template writes in HTML: give link_html() or url() a page the site makes)"
                )
                problems.append(Problem(Path(path), message, severity="warning"))
    return problems
