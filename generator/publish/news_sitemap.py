"""The Google News sitemap, ``news-sitemap.xml``: the briefs published in the two days
before the build time (``--now``; Google News reads only articles of the last two days), at
most 1,000, each with the publication's name (``site_name``) and language (the theme's
``language``).

The window is counted from the build, not from the newest brief: an archive with nothing
recent has an empty (valid) news sitemap, rather than one of briefs months old. The
scheduled rebuilds (the workflow's, every 15 minutes) keep it current. MkDocs' own
``sitemap.xml`` lists every page (generator/publish/sitemaps.py splits it past 50,000);
this one adds what news aggregators need. Written with ElementTree, which escapes every text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from xml.etree import ElementTree

from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.publish.common import absolute, instant, iso
from generator.render.outputs import Output
from generator.settings import Settings
from generator.source.markup import plain_text
from generator.source.model import Brief

WINDOW = timedelta(days=2)
MAX_URLS = 1000
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def recent(index: SiteIndex, settings: Settings, now: datetime) -> list[Brief]:
    """The briefs dated in the :data:`WINDOW` before ``now`` (a preview's briefs dated
    later are not news yet), newest first, at most :data:`MAX_URLS`."""
    zone, start = settings.zone, now - WINDOW
    found: list[Brief] = []
    for brief in index.briefs:
        if brief.published_at < start - _ZONE_SLACK or len(found) == MAX_URLS:
            break  # newest first: the rest are older still
        if start <= instant(brief.date, zone) <= now:
            found.append(brief)
    return found


_ZONE_SLACK = timedelta(days=1)
"""The index orders a date alone as midnight UTC, the window reads it as midnight in the
site's zone (at most 14 hours apart): the scan goes a day further before it stops."""


def outputs(index: SiteIndex, settings: Settings, now: datetime) -> Iterator[Output]:
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("news", NEWS_NS)
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    for brief in recent(index, settings, now):
        url = ElementTree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ElementTree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = absolute(
            settings, urls.brief(brief.slug)
        )
        news = ElementTree.SubElement(url, f"{{{NEWS_NS}}}news")
        publication = ElementTree.SubElement(news, f"{{{NEWS_NS}}}publication")
        ElementTree.SubElement(publication, f"{{{NEWS_NS}}}name").text = settings.site_name
        ElementTree.SubElement(publication, f"{{{NEWS_NS}}}language").text = settings.language
        ElementTree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = iso(brief.date)
        ElementTree.SubElement(news, f"{{{NEWS_NS}}}title").text = plain_text(brief.title)
    ElementTree.indent(root)
    text = ElementTree.tostring(root, encoding="unicode", xml_declaration=False)
    yield Output(urls.NEWS_SITEMAP, "xml", '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n")
