"""The morning briefing's feed: RSS, Atom and JSON Feed with one item per digest day, so
RSS-to-e-mail services and feed readers can take the briefing as it is.

An item's guid is the day's page URL: a brief added to the day later updates the item
rather than making a new one. Its text lists the day's headlines by section; its date is the
newest brief's. Written with the site feeds' writer (generator/publish/feeds.py's choice,
feedgenerator), brief text HTML-escaped before feedgenerator XML-escapes it.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from generator.graph import urls
from generator.graph.digest import DigestDay
from generator.graph.index import SiteIndex
from generator.publish.common import absolute, instant, iso
from generator.render.filters import long_date
from generator.render.outputs import Output, to_json
from generator.render.pages import days_of
from generator.settings import Settings
from generator.source.markup import plain_text


def outputs(index: SiteIndex, settings: Settings) -> Iterator[Output]:
    """The three digest feeds (``digest/rss.xml``, ``atom.xml``, ``feed.json``), the newest
    ``feed_items`` days; none when the site has no digest day."""
    days = days_of(index, settings)[: settings.feed_items]
    if not days:
        return
    title = f"{settings.site_name}: {settings.digest.title}"
    about = f"{settings.digest.title} of {settings.site_name}: each day's briefs by section"
    home = absolute(settings, urls.DIGEST_INDEX)
    items = [_item(day, settings) for day in days]
    for kind, writer in (("rss", Rss201rev2Feed), ("atom", Atom1Feed)):
        path = urls.digest_feed(kind)  # type: ignore[arg-type]
        feed: SyndicationFeed = writer(
            title=title,
            link=home,
            description=about,
            language=settings.language,
            feed_url=absolute(settings, path),
        )
        for item in items:
            feed.add_item(
                title=item.title,
                link=item.url,
                description=item.html,
                unique_id=item.url,
                unique_id_is_permalink=True,
                pubdate=item.published,
            )
        yield Output(path, "xml", feed.writeString("utf-8"))
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": home,
        "feed_url": absolute(settings, urls.digest_feed("json")),
        "description": about,
        "language": settings.language,
        "items": [
            {
                "id": item.url,
                "url": item.url,
                "title": item.title,
                "content_html": item.html,
                "content_text": item.text,
                "date_published": iso(item.published),
            }
            for item in items
        ],
    }
    yield Output(urls.digest_feed("json"), "json", to_json(document))


@dataclass(frozen=True)
class DayItem:
    """One digest day as a feed item."""

    title: str
    url: str
    html: str
    """The day's headlines by section, brief text escaped."""
    text: str
    published: datetime
    """The newest brief's time."""


def _item(day: DigestDay, settings: Settings) -> DayItem:
    """One day as a feed item: its title, page, its headlines as HTML and as text."""
    zone = settings.zone
    parts: list[str] = []
    lines: list[str] = []
    for category, briefs in day.sections:
        name = plain_text(category.name)
        parts.append(f"<h2>{html.escape(name)}</h2><ul>")
        lines.append(name)
        for brief in briefs:
            title = plain_text(brief.title)
            link = html.escape(absolute(settings, urls.brief(brief.slug)))
            parts.append(f'<li><a href="{link}">{html.escape(title)}</a></li>')
            lines.append(f"- {title}")
        parts.append("</ul>")
    newest = max(instant(brief.date, zone) for brief in day.briefs)
    return DayItem(
        title=f"{settings.digest.title}, {long_date(day.day)}",
        url=absolute(settings, urls.digest(day.day)),
        html="".join(parts),
        text="\n".join(lines),
        published=newest,
    )
