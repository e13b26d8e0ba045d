"""The Google News sitemap, ``news-sitemap.xml``: the briefs published in the two days
before the newest one (Google News reads only the last two days), at most 1,000, each with
the publication's name (``site_name``) and language (the theme's ``language``).

A static site has no "now" that stays true after the build, so the window ends at the
newest brief. MkDocs' own ``sitemap.xml`` lists every page; this one adds what news
aggregators need. Written with ElementTree, which escapes every text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from xml.etree import ElementTree

from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.publish.common import absolute, instant, iso
from generator.render.outputs import Output
from generator.settings import Settings
from generator.source.markup import plain_text

WINDOW = timedelta(days=2)
MAX_URLS = 1000
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def outputs(index: SiteIndex, settings: Settings) -> Iterator[Output]:
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("news", NEWS_NS)
    root = ElementTree.Element(f"{{{SITEMAP_NS}}}urlset")
    briefs = index.briefs
    if briefs:
        zone = settings.zone
        start = instant(briefs[0].date, zone) - WINDOW
        for brief in briefs[:MAX_URLS]:
            if instant(brief.date, zone) < start:
                break  # newest first: the rest are older still
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
