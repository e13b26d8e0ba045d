"""Relative links in brief text lead somewhere, checked before anything is built.

An author may link to a page or file of the site (``[the filing](../filings/q4.pdf)``). The
link is written into the brief's page, ``briefs/<slug>.md``, so it resolves from there; a
link to nothing would otherwise pass ``briefs check`` and fail the engine's strict build
with a warning that names the generated Markdown instead of the brief. Listings show brief
text without its links (``unlinked`` in the templates), so only the brief page counts.
"""

from __future__ import annotations

import posixpath

from generator.build.site_docs import own_files, published
from generator.errors import Problem
from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.render.pages import page_paths
from generator.settings import Settings
from generator.source.markup import is_relative, links
from generator.source.model import Brief, per_brief, text_fields


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
