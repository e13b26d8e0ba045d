"""A brief page's lists of other briefs, each brief on the page at most once.

A brief page lists other briefs three times (README "Brief pages and the news graph"): its
story's timeline, its related briefs, more from its category. Each is right on its own, and
together they named the same brief two or three times. Here they are decided in one place,
in the order the page shows them, and a brief already shown is skipped and the next candidate
taken, so each list keeps its length where candidates remain:

1. **Story**: the story's timeline around the brief (:meth:`SiteIndex.thread`), whole: a
   timeline with a gap would misread the story.
2. **Related**: the related briefs (generator/graph/related.py) not in the timeline nor the
   previous/next pair under the brief; the author's own links always, then suggestions up to
   ``related_count``, the gaps filled from :attr:`SiteIndex.related_reserve`.
3. **More from** the category: its briefs published before this one, from the nearest back,
   leaving out every brief shown above (the previous brief is always one of them).

Each list is shown newest first. The stable archive holds (tests/render/test_stable_archive.py):
the replacements are chosen as stably as the lists were (the reserve is ranked among the
briefs before the brief, as its related briefs are; More from takes earlier briefs of the
category), and what a new brief changes of what is left out (the timeline of its story's last
briefs, the Next of the brief before it) is on pages it changes anyway. The work per brief is
bounded by the lists' lengths, never by the number of briefs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.graph.index import SiteIndex, Thread
from generator.graph.related import COUNT
from generator.source.model import Brief


@dataclass(frozen=True)
class BriefLists:
    """What a brief page lists of other briefs, each at most once, each newest first."""

    thread: Thread | None
    """The story's timeline (its ``briefs`` oldest first, as the index keeps them)."""
    related: tuple[Brief, ...]
    more_from: tuple[Brief, ...]
    neighbours: tuple[Brief | None, Brief | None]
    """The previous and next brief of its category (earlier, later): the pair under it."""


def brief_lists(
    index: SiteIndex, brief: Brief, more_from: int, related_count: int = COUNT
) -> BriefLists:
    """The lists of ``brief``'s page: ``more_from`` briefs of its category at most,
    ``related_count`` related briefs (more when the author linked more)."""
    thread = index.thread(brief)
    neighbours = index.neighbours(brief)
    shown = {brief.slug} | {other.slug for other in neighbours if other is not None}
    if thread is not None:
        shown |= {other.slug for other in thread.briefs}
    related = _related(index, brief, shown, related_count)
    shown |= {other.slug for other in related}
    more = index.more_from(brief, more_from, leaving_out=shown)
    return BriefLists(thread, newest_first(related), newest_first(more), neighbours)


def _related(index: SiteIndex, brief: Brief, shown: set[str], count: int) -> list[Brief]:
    """The related briefs not ``shown``: every author's link left, then suggestions up to
    ``count`` in all (the reserve after the links, best first)."""
    candidates = (*index.related.get(brief.slug, ()), *index.related_reserve.get(brief.slug, ()))
    left = [other for other in candidates if other.slug not in shown]
    own = sum(1 for other in left if _linked(brief, other))
    return left[: max(count, own)]


def _linked(brief: Brief, other: Brief) -> bool:
    """Whether an author linked the two briefs (``related``, either way)."""
    return other.slug in brief.related or brief.slug in other.related


def newest_first(briefs: Iterable[Brief]) -> tuple[Brief, ...]:
    """Briefs by time, newest first (then by slug, as the index orders them)."""
    return tuple(sorted(briefs, key=lambda other: other.sort_key, reverse=True))
