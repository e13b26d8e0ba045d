"""The morning briefing's days: the published briefs grouped by the newsroom's day.

A digest day ends at the desk's cut-off hour in the site's time zone: with ``cutoff_hour``
18, the digest of January 31 holds the briefs from January 30, 18:00 to January 31, 18:00;
with 24 (the default) it is the calendar day. A brief dated without a time counts at the
start of its day. Only the briefs the index publishes are grouped (embargoed, draft and
withdrawn briefs never reach the index in a production build, generator/graph/schedule.py);
those a preview shows marked as embargoed are left out too, so a digest never names a brief
that is not public. A day without briefs has no digest.

Callers hand in the zone, the cut-off and the sections (the settings sit above this stage).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Term, primary
from generator.source.model import Brief


@dataclass(frozen=True)
class DigestDay:
    """One day's briefing: its briefs by section (the primary taxonomy's terms, in the
    site's order), the terms most named that day (tickers), and its neighbours in time."""

    day: date
    sections: tuple[tuple[Term, tuple[Brief, ...]], ...]
    most_covered: tuple[tuple[Term, int], ...]
    earlier: date | None
    """The previous day that has a digest."""
    later: date | None
    """The next day that has a digest."""

    @property
    def briefs(self) -> tuple[Brief, ...]:
        """Every brief of the day, section by section."""
        return tuple(brief for _, briefs in self.sections for brief in briefs)


def local_instant(brief: Brief, zone: ZoneInfo) -> datetime:
    """When a brief is dated, in the site's zone; a date alone is the start of that day."""
    value = brief.date
    if isinstance(value, datetime):
        return value.astimezone(zone)
    return datetime.combine(value, time(0, 0), tzinfo=zone)


def digest_day(brief: Brief, zone: ZoneInfo, cutoff_hour: int) -> date:
    """The day whose digest holds ``brief``: the day that ends at ``cutoff_hour`` (1 to 24)
    after the brief's time. A brief at 19:00 with a cut-off of 18 is in the next day's."""
    return (local_instant(brief, zone) + timedelta(hours=24 - cutoff_hour)).date()


def window(day: date, zone: ZoneInfo, cutoff_hour: int) -> tuple[datetime, datetime]:
    """The instants a day's digest covers: [start, end), in the site's zone."""
    end = datetime.combine(day, time(0, 0), tzinfo=zone) + timedelta(hours=cutoff_hour)
    return end - timedelta(days=1), end


def latest_closed_day(now: datetime, zone: ZoneInfo, cutoff_hour: int) -> date:
    """The newest day whose window has ended by ``now``: the day a morning send mails."""
    local = now.astimezone(zone)
    day = local.date()
    while window(day, zone, cutoff_hour)[1] > local:
        day -= timedelta(days=1)
    return day


def digest_days(
    index: SiteIndex,
    zone: ZoneInfo,
    cutoff_hour: int,
    sections: Sequence[str] = (),
    most_covered: int = 5,
) -> list[DigestDay]:
    """Every day that has published briefs, newest first. ``sections``: the names of the
    primary taxonomy's terms shown (empty: all), in the site's order whatever the order
    given; ``most_covered``: how many of the day's most named chip terms (tickers) to list."""
    main = primary()
    wanted = {main.fold(name) for name in sections}
    shown_terms = [t for t in index.terms(main.name) if not wanted or t.slug in wanted]
    order = {term.slug: place for place, term in enumerate(shown_terms)}
    by_day: dict[date, dict[str, list[Brief]]] = defaultdict(lambda: defaultdict(list))
    for brief in index.briefs:  # newest first
        if brief.slug in index.embargoes:
            continue  # a preview shows it marked; it is not public, so no digest names it
        first = index.terms_of(brief, main.name)[:1]
        if first and first[0].slug in order:
            by_day[digest_day(brief, zone, cutoff_hour)][first[0].slug].append(brief)
    days = sorted(by_day, reverse=True)
    chip_taxonomies = [t.name for t in TAXONOMIES.values() if t.chip and t.name in index.taxonomies]
    made: list[DigestDay] = []
    for place, day in enumerate(days):
        grouped = by_day[day]
        ordered = sorted(grouped, key=order.__getitem__)
        day_sections = tuple((shown_terms[order[slug]], tuple(grouped[slug])) for slug in ordered)
        made.append(
            DigestDay(
                day,
                day_sections,
                _most_covered(index, day_sections, chip_taxonomies, most_covered),
                earlier=days[place + 1] if place + 1 < len(days) else None,
                later=days[place - 1] if place > 0 else None,
            )
        )
    return made


def _most_covered(
    index: SiteIndex,
    sections: tuple[tuple[Term, tuple[Brief, ...]], ...],
    taxonomies: list[str],
    count: int,
) -> tuple[tuple[Term, int], ...]:
    """The chip terms (tickers) named by the most briefs of the day, with how many; ties A-Z."""
    named: Counter[tuple[str, str]] = Counter()
    terms: dict[tuple[str, str], Term] = {}
    for _, briefs in sections:
        for brief in briefs:
            for taxonomy in taxonomies:
                for term in index.terms_of(brief, taxonomy):
                    terms[(taxonomy, term.slug)] = term
                    named[(taxonomy, term.slug)] += 1
    ranked = sorted(
        named,
        key=lambda key: (-named[key], terms[key].name.casefold()),
    )
    return tuple((terms[key], named[key]) for key in ranked[:count])
