"""The theme's navigation, rendered once for all the pages that show the same one.

Material renders the whole navigation into every page, and its nav macros cost more than the
rest of a page's template: a third of what MkDocs spends on one of our pages outside
Markdown. Yet nearly all our pages (briefs, listings past their first page, most terms) are
not in the navigation, and on such a page the navigation differs from another's only by its
links, which are relative to the page: the same links, the same HTML. So the plugin
(``on_env``, MkDocs and ProperDocs; Zensical renders its own) puts a wrapper in place of the
theme's ``partials/nav.html`` that renders the theme's own partial (a site's override of it
included) once per distinct set of links (:func:`nav_key`), and prints the kept HTML on every
other such page. A page in the navigation, whose entry the theme marks as the current one
(with its table of contents), is always rendered.
"""

from __future__ import annotations

from typing import Any

import jinja2
from mkdocs.utils import normalize_url

NAV_TEMPLATE = "partials/nav.html"
"""The theme's navigation partial, which the wrapper replaces."""
THEMES_NAV = "newsbriefs/themes-nav.html"
"""The theme's own navigation partial (or the site's override), under a name of ours."""

WRAPPER = (
    "{%- set nb_key = nb_nav_key(nav, page, config) if nb_nav_key is defined else none -%}"
    "{%- if nb_key is none -%}{% include '" + THEMES_NAV + "' %}"
    "{%- else -%}{%- set nb_html = nb_nav_kept(nb_key) -%}"
    "{%- if nb_html is none -%}{%- set nb_html -%}{% include '" + THEMES_NAV + "' %}"
    "{%- endset -%}{%- set nb_html = nb_nav_keep(nb_key, nb_html) -%}{%- endif -%}"
    "{{ nb_html }}{%- endif -%}"
)
"""``partials/nav.html`` while the plugin runs: the theme's partial, or the HTML it made for
a page with the same links."""


def nav_key(nav: Any, page: Any, config: Any) -> tuple[str, ...] | None:
    """What the navigation's HTML depends on for ``page``: the address of each page of the
    navigation, of the home page and of the logo, relative to it (the ``url`` filter the
    theme prints them with). None for a page in the navigation (rendered every time)."""
    if page is None or nav is None or page in nav.pages:
        return None
    theme = config.theme
    addresses = [item.url for item in nav.pages]
    addresses += [nav.homepage.url if nav.homepage is not None else "", theme.get("logo") or ""]
    return tuple(normalize_url(str(address), page=page) for address in addresses)


class NavCache:
    """The navigation HTML of one build, by :func:`nav_key`."""

    def __init__(self) -> None:
        self.kept: dict[tuple[str, ...], str] = {}
        self.rendered = 0

    def get(self, key: tuple[str, ...]) -> str | None:
        return self.kept.get(key)

    def keep(self, key: tuple[str, ...], html: str) -> str:
        self.rendered += 1
        self.kept[key] = html
        return html


def install(env: jinja2.Environment) -> NavCache | None:
    """Put the wrapper in place of the theme's navigation partial in ``env`` (MkDocs' theme
    environment), and return the cache it fills; None when the theme has no such partial
    (a theme other than Material), whose pages are then rendered as they were."""
    loader = env.loader
    if loader is None:
        return None
    try:
        source, _, _ = loader.get_source(env, NAV_TEMPLATE)
    except jinja2.TemplateNotFound:
        return None
    cache = NavCache()
    env.loader = jinja2.ChoiceLoader(
        [jinja2.DictLoader({NAV_TEMPLATE: WRAPPER, THEMES_NAV: source}), loader]
    )
    env.globals.update(nb_nav_key=nav_key, nb_nav_kept=cache.get, nb_nav_keep=cache.keep)
    return cache
