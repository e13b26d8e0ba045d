"""Publish, after render: what machines read. Takes the index, the settings and the rendered
pages; gives those pages with their head data, and the files that feed readers, search
engines, news aggregators and other programs read.

Pure, like render: every function here returns outputs and writes nothing. Each output is
a module of its own, and each can be turned off in the settings (generator/settings.py):

- :mod:`.feeds`: RSS 2.0 and Atom (feedgenerator) and JSON Feed 1.1, for the site and for
  each category, ticker and story (``Taxonomy.feeds``);
- :mod:`.digest_feed`: the morning briefing's feeds, one item per day (``digest.enabled``);
- :mod:`.head`: what each generated page's ``<head>`` says to machines (Open Graph, Twitter
  card, feed links, NewsArticle JSON-LD), handed to the theme's
  ``partials/newsbriefs/head.html`` in the page's front matter;
- :mod:`.news_sitemap`: the Google News sitemap;
- :mod:`.sitemaps`: the engine's ``sitemap.xml`` split into an index past 50,000 URLs;
- :mod:`.api`: the static JSON API and its JSON Schemas;
- :mod:`.ninjs`: each brief as an IPTC ninjs 3.x news item, for wire customers (with the
  API, where the site has a ``site_url``); :mod:`.identity`: the companies' identifiers
  that it and the JSON-LD share;
- :mod:`.redirects`: static redirect pages for renamed briefs' old addresses (``aliases``);
- :mod:`.media`: the images pages show machines (a brief's renditions, social cards);
- :mod:`.search`: the search records, made from the model, which build hands to Pagefind
  (generator/build/search_index.py); :mod:`.common`: what these outputs share.

Absolute addresses need ``site_url``: without it the feeds, the news sitemap and the head
data and ninjs are not made (a feed or a sitemap of relative links is not valid), while the API
(whose ``url`` fields are then relative to the site's root) and the redirects still are.
"""

from __future__ import annotations

from datetime import datetime

from generator.graph.index import SiteIndex
from generator.publish import api, digest_feed, feeds, head, news_sitemap, ninjs, redirects
from generator.publish.media import Media
from generator.render.outputs import Output
from generator.settings import Settings


def publish(
    index: SiteIndex,
    settings: Settings,
    pages: list[Output],
    now: datetime,
    media: Media | None = None,
) -> list[Output]:
    """The rendered outputs with each page's head data added, followed by the machine
    outputs the settings ask for, as of the build time ``now`` (the news sitemap's window),
    and the images pages show: renditions of briefs' images, social cards (:mod:`.media`;
    ``media`` keeps what they made for the next run)."""
    absolute = settings.site_url is not None
    media = Media(settings) if media is None else media
    made: list[Output] = []
    if settings.publishes_feeds:
        made += feeds.outputs(index, settings, media)
        made += digest_feed.outputs(index, settings)
    if settings.news_sitemap and absolute:
        made += news_sitemap.outputs(index, settings, now)
    if settings.api:
        made += api.outputs(index, settings)
        if absolute:  # every ninjs item's uri is absolute
            made += ninjs.outputs(index, settings)
    made += redirects.outputs(index, settings)
    if absolute:
        pages = head.with_head(pages, index, settings, media)
    for brief in index.briefs:  # the figures pages show, with or without site_url
        media.local_renditions(brief)
    return pages + made + media.outputs()
