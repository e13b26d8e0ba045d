"""Renamed briefs keep their old addresses: each of a brief's ``aliases`` (old slugs) gets a
static redirect page where the engine published the old page (``briefs/<old>/index.html``).

Made here, as files of the docs tree, rather than by the mkdocs-redirects plugin: one
mechanism for every engine (Zensical runs no MkDocs plugin), no dependency, and the pages
are checked against the site's own files like every generated file (generator/build/site_docs.py).
The page is what mkdocs-redirects writes: a ``<meta http-equiv="refresh">``, a script that
keeps the ``#fragment``, a canonical link to the new address and ``noindex``. The target is
relative, so it works under any base URL; the canonical link is absolute with ``site_url``.
"""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Iterator

from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.render.outputs import Output
from generator.settings import Settings

PAGE = """<!doctype html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<title>Redirecting...</title>
<meta name="robots" content="noindex">
{canonical}<meta http-equiv="refresh" content="0; url={target}">
<script>var a=window.location.hash;window.location.replace({script}+a)</script>
</head>
<body>
<p>This brief has moved to <a href="{target}">{target}</a>.</p>
</body>
</html>
"""


def outputs(index: SiteIndex, settings: Settings) -> Iterator[Output]:
    public = settings.public_urls
    for brief in (*index.briefs, *index.withdrawn):  # a withdrawn brief keeps its page
        target_path = urls.brief(brief.slug)
        for alias in brief.aliases:
            path = urls.redirect(alias, directory_urls=settings.use_directory_urls)
            target = posixpath.relpath(public.url(target_path), posixpath.dirname(path))
            if public.url(target_path).endswith("/") and not target.endswith("/"):
                target += "/"
            canonical = public.absolute(target_path)
            page = PAGE.format(
                language=html.escape(settings.language),
                canonical=f'<link rel="canonical" href="{html.escape(canonical)}">\n'
                if canonical
                else "",
                target=html.escape(target),
                script=json.dumps(target).replace("<", "\\u003c"),
            )
            yield Output(path, "html", page)
