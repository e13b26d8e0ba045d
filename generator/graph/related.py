"""Related briefs: the author's ``related`` links first, then briefs that share the most.

Scoring, documented in README.md ("Related briefs"): two briefs are candidates only when
they share a term of a taxonomy with a ``related_weight`` (generator/graph/taxonomies.py: a
story, a ticker, an entity, a tag). Terms are read through the table and folded as term pages
fold them, registry aliases included (``Ford Motor`` is ``Ford``). Each shared term adds its
taxonomy's weight times an IDF-like factor, ``log(N / briefs with the term)``, so a term most briefs
carry adds almost nothing and a term every brief carries adds nothing at all. A candidate
then gains up to :data:`RECENCY` for being close in time (halved every
:data:`HALF_LIFE_DAYS` days apart). Ties go to the newer brief, then to the slug.

A stable archive (the default, ``include_newer`` off): a brief's candidates are the briefs
published before it (in the index's order: time, then slug), and ``N`` and the briefs with the
term are counted as of the brief's own place in that order, so no newer brief can change an
older brief's list. Only the author's ``related`` links go both ways, newer ones included.
With ``include_newer`` on, candidates are found among all briefs and counted over the whole
site: better matches for old briefs, but each new brief can change many old pages.

Cost: candidates come from inverted indexes (term -> briefs, in time order), and the counts
as of a brief are its place in them (prefix counts, no extra pass). Of a common term's briefs,
each brief meets only the :data:`NEAREST` nearest to it in time (the nearest before it, in a
stable archive), and a term every brief carries is skipped, so the pairs examined grow with
the number of briefs times their terms (at most :data:`NEAREST` each), never with the square
of the number of briefs.
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from generator.graph.taxonomies import TAXONOMIES
from generator.source.model import Brief

COUNT = 5
"""Briefs shown per brief; the author's own links are always shown, suggestions fill up."""

RECENCY = 1.0
"""The most closeness in time adds (briefs of the same day)."""
HALF_LIFE_DAYS = 30.0
"""Days apart at which the recency bonus is halved."""
NEAREST = 50
"""Of the briefs that share a term, those compared with a brief: the nearest in time, half
before it and half after (fewer at either end of the term's timeline); without newer briefs,
the nearest before it."""


@dataclass(frozen=True)
class Related:
    """Every brief's related briefs, and what computing them cost."""

    links: dict[str, tuple[Brief, ...]]
    """Slug -> its related briefs: the author's links (both ways, newest first), then the
    best-scored others, up to :data:`COUNT` in all."""
    reserve: dict[str, tuple[Brief, ...]]
    """Slug -> the next best-scored briefs after its ``links`` (up to ``spare``), best first:
    what a brief page shows in place of a related brief it already lists elsewhere (its
    story, its previous and next; generator/graph/lists.py). Chosen by the same rule, so
    as stable as the links."""
    pairs_examined: int
    """Candidate pairs scored (one per brief and posting entry): the work done, for tests
    and benchmarks."""


def related_briefs(
    ordered: Sequence[Brief],
    slug_of: Mapping[str, Callable[[str], str]] | None = None,
    *,
    count: int = COUNT,
    nearest: int = NEAREST,
    include_newer: bool = False,
    spare: int = 0,
) -> Related:
    """The related briefs of every brief in ``ordered`` (the published briefs, newest
    first); links to briefs not in it (drafts left out of the build) are dropped.
    ``slug_of``: taxonomy name -> a value's term slug, registry aliases resolved (the
    index's); a taxonomy without one folds by its own rule. ``include_newer``: suggest
    briefs published after a brief too, weighed over the whole site (the module's
    docstring); off, a brief's suggestions never change once it is published. ``spare``:
    how many more suggestions to rank after them, into :attr:`Related.reserve`."""
    by_slug = {brief.slug: brief for brief in ordered}
    explicit: dict[str, dict[str, Brief]] = defaultdict(dict)
    for brief in ordered:
        for slug in brief.related:
            if (other := by_slug.get(slug)) is not None:
                explicit[brief.slug][slug] = other
                explicit[slug][brief.slug] = brief

    weighed = [taxonomy for taxonomy in TAXONOMIES.values() if taxonomy.related_weight]
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for taxonomy in weighed:
        fold = (slug_of or {}).get(taxonomy.name, taxonomy.fold)
        folded: dict[str, str] = {}  # names repeat across briefs; slugging is the slow part
        for number, brief in enumerate(ordered):
            for value in dict.fromkeys(
                folded.get(name) or folded.setdefault(name, fold(name))
                for name in taxonomy.names(brief)
            ):
                postings[(taxonomy.name, value)].append(number)
    total = len(ordered)
    terms_of: list[list[tuple[str, str]]] = [[] for _ in ordered]
    for key, members in postings.items():
        if len(members) > 1:
            for number in members:
                terms_of[number].append(key)

    stamps = [brief.published_at.timestamp() for brief in ordered]
    links: dict[str, tuple[Brief, ...]] = {}
    reserve: dict[str, tuple[Brief, ...]] = {}
    examined = 0
    for number, brief in enumerate(ordered):
        scores: dict[int, float] = defaultdict(float)
        for key in terms_of[number]:
            members = postings[key]  # ascending: newest first, like ``ordered``
            place = bisect.bisect_left(members, number)
            if include_newer:  # the whole site, and the nearest on both sides
                known, carrying = total, len(members)
                start = max(0, min(place - nearest // 2, len(members) - nearest - 1))
            else:  # as of this brief: it and the briefs before it (later in ``ordered``)
                known, carrying = total - number, len(members) - place
                start = place
            if not 1 < carrying < known:
                continue  # alone so far, or on every brief: it relates nothing
            members = members[start : start + nearest + 1]
            examined += len(members)
            term_weight = TAXONOMIES[key[0]].related_weight * math.log(known / carrying)
            for candidate in members:
                scores[candidate] += term_weight
        scores.pop(number, None)
        own = sorted(explicit.get(brief.slug, {}).values(), key=lambda b: b.sort_key)[::-1]
        taken = {b.slug for b in own} | {brief.slug}
        shown = max(0, count - len(own))
        wanted = shown + spare
        # Recency adds at most RECENCY: a candidate further than that behind enough others
        # (``wanted`` of them, whichever the author's links are) cannot win; skip ranking it.
        best = heapq.nlargest(wanted + len(own), scores.values())
        full = wanted > 0 and len(best) == wanted + len(own)
        floor = best[-1] - RECENCY - 1e-6 if full else -math.inf
        ranked = heapq.nsmallest(
            wanted,
            [
                (
                    -round(score + _recency(stamps[number], stamps[other]), 9),
                    -stamps[other],
                    ordered[other].slug,
                )
                for other, score in scores.items()
                if score >= floor and ordered[other].slug not in taken
            ],
        )
        suggested = [by_slug[slug] for *_, slug in ranked]
        if own or suggested[:shown]:
            links[brief.slug] = tuple(own + suggested[:shown])
        if suggested[shown:]:
            reserve[brief.slug] = tuple(suggested[shown:])
    return Related(links, reserve, examined)


def _recency(stamp: float, other: float) -> float:
    """The bonus for being ``stamp - other`` seconds apart."""
    days = abs(stamp - other) / 86400
    return RECENCY * float(0.5 ** (days / HALF_LIFE_DAYS))
