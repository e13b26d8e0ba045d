"""The navigation a site gets when its config has no ``nav:``: bounded, never every brief.

One implementation for every engine: the MkDocs/ProperDocs plugin sets it in ``on_config``,
and ``briefs build --engine zensical`` writes it into the config it derives for Zensical
(which runs no plugins).
"""

from __future__ import annotations

import html
from typing import Any

from generator.build.pipeline import Generated
from generator.graph import urls
from generator.graph.taxonomies import TAXONOMIES
from generator.settings import Settings


def default_nav(generated: Generated, settings: Settings) -> list[Any]:
    """Home, then each taxonomy of the registry that asks to be in the nav (its index, then
    each term), then the site's own top-level pages from its docs_dir, in the
    shape of MkDocs' ``nav:`` setting."""
    nav: list[Any] = []
    if settings.home:
        nav.append({"Home": urls.HOME})
    for taxonomy in TAXONOMIES.values():
        if taxonomy.nav == "none":
            continue
        section: list[Any] = [urls.taxonomy_index(taxonomy.name)]
        if taxonomy.nav == "terms":
            # Themes print nav titles as HTML, unescaped: a term is brief text, so escape it.
            section += [
                {html.escape(term.name): urls.term(taxonomy.name, term.slug)}
                for term in generated.index.terms(taxonomy.name)
            ]
        nav.append({taxonomy.title: section})
    if urls.RISKS in generated.files:
        nav.append({"Risks": urls.RISKS})
    docs_dir = settings.docs_dir
    own_pages = (
        sorted(p.name for p in docs_dir.glob("*.md")) if docs_dir and docs_dir.is_dir() else []
    )
    own_pages = [page for page in own_pages if page not in generated.files]
    if urls.HOME in own_pages:  # the site's own home page (home: false) comes first
        own_pages.remove(urls.HOME)
        nav.insert(0, {"Home": urls.HOME})
    return nav + own_pages
