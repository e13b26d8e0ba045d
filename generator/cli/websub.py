"""``briefs websub``: what to tell the site's WebSub hub after a deploy.

A feed that names a hub (``websub_hub``, generator/publish/feeds.py) lets a reader subscribe
there; the hub then fetches the feed when the publisher says it changed (a ``hub.mode=publish``
request naming the feed as ``hub.url``), and passes the new items on at once. The workflow
asks this command for the hub and the feeds after the build and posts to the hub once the
site is live (.github/workflows/briefs.yml). The feeds are those the build as of now
publishes: the site's, and each category's, ticker's and story's with a published brief.
"""

from __future__ import annotations

from typing import Literal

from generator.build.pipeline import check
from generator.build.request import build_time
from generator.cli import terminal
from generator.cli.commands import (
    EXIT_PROBLEMS,
    EXIT_USAGE,
    step_outputs_missing,
    write_step_outputs,
)
from generator.errors import Problem
from generator.graph.schedule import BadTime
from generator.publish.feeds import feed_urls
from generator.settings import Site

WebSubFormat = Literal["text", "github"]


def topics(site: Site, *, output: WebSubFormat) -> int:
    """Print the hub, then every feed's address, one a line; nothing when no hub is set.
    ``github``: also the step outputs ``hub`` and ``feeds`` (the addresses separated by
    spaces; both empty without a hub) in $GITHUB_OUTPUT."""
    if step_outputs_missing(output):
        return EXIT_USAGE
    settings = site.settings
    hub = settings.websub_hub
    feeds: list[str] = []
    if hub is not None:
        try:
            now = build_time()  # the deploy's build as of now: its published briefs
        except BadTime as exc:
            terminal.say(str(exc))
            return EXIT_USAGE
        index, problems = check(settings, drafts=False, now=now)
        terminal.problems(sorted(problems, key=Problem.sort_key))
        if index is None:
            return EXIT_PROBLEMS
        feeds = feed_urls(index, settings)
        if not feeds:
            terminal.say(
                "websub_hub is set, but the site publishes no feeds "
                "(feeds: false, or no site_url); there is nothing to tell the hub"
            )
            hub = None
    if hub is not None:
        terminal.result("\n".join([hub, *feeds]))
    return write_step_outputs(output, {"hub": hub or "", "feeds": " ".join(feeds)})
