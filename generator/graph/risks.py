"""The risk overview: every risk of every brief, grouped by sector and counted by month.

Built in one pass over the briefs and their risks. Sectors fold the way terms do
(generator/source/slugs.py), so ``Autos`` and ``autos`` are one group; when a taxonomy of sectors
exists, its spelling of each sector is used, so this page and the sector pages agree.

The page is bounded whatever the briefs say: the :data:`MAX_SECTORS` sectors most risks
name, :data:`PER_SECTOR` risks each, :data:`MAX_MONTHS` months in the chart; the other
sectors are counted, and the sectors' index page lists them all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.graph import urls
from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Term
from generator.source.model import Brief, Risk
from generator.source.slugs import term_slug

PER_SECTOR = 3
"""Risks listed under each sector on the overview: the newest, as an editor's page shows them,
with a link onwards to the sector's page, which lists all its briefs. An overview of every
risk would grow without end (20,000 entries at 5,000 briefs)."""

MAX_MONTHS = 24
"""Months in the chart: the latest ones with risks; older risks are still listed."""

MAX_SECTORS = 40
"""Sectors on the overview, in the chart and the lists: those most risks name (ties A-Z).
With :data:`PER_SECTOR` risks each (a title and a short excerpt), the page stays under a
few hundred KB however many sectors the briefs name (2,500 sectors made a 16 MB page)."""


@dataclass(frozen=True)
class SectorRisks:
    """One sector's risks, newest brief first."""

    name: str
    slug: str
    entries: tuple[tuple[Brief, Risk], ...]
    """The newest :data:`PER_SECTOR`."""
    total: int
    """How many risks name the sector in all."""
    term: Term | None = None
    """The sector's page, when a taxonomy of sectors makes one: its name (``name``) may be
    sectors.yaml's, which need not spell the sector as risks do."""

    @property
    def anchor(self) -> str:
        """The id of this sector's group on the risk page."""
        return f"sector-{self.slug}"


@dataclass(frozen=True)
class RiskOverview:
    sectors: tuple[SectorRisks, ...]
    """The :data:`MAX_SECTORS` most named, alphabetical, ignoring case."""
    months: tuple[tuple[int, int], ...]
    """(year, month), oldest first: every month from the first to the last with a risk,
    at most :data:`MAX_MONTHS`."""
    counts: dict[tuple[str, tuple[int, int]], int]
    """(sector slug, month) -> risks naming that sector in briefs of that month."""
    more: int = 0
    """Sectors named by risks but left off the overview (past :data:`MAX_SECTORS`)."""
    index_page: str | None = None
    """The docs path of the sectors' index page, which lists every sector, when a taxonomy
    of sectors makes one."""


def risk_overview(index: SiteIndex) -> RiskOverview:
    taxonomy = next((t.name for t in TAXONOMIES.values() if t.risk_sectors), "")
    known = index.taxonomies.get(taxonomy, {})  # the sector pages' spellings, if made
    names: dict[str, str] = {}
    entries: dict[str, list[tuple[Brief, Risk]]] = defaultdict(list)
    counts: dict[tuple[str, tuple[int, int]], int] = defaultdict(int)
    for brief in index.briefs:
        month = (brief.date.year, brief.date.month)
        for risk in brief.risks:
            for sector in risk.sectors:
                slug = term_slug(sector)
                names.setdefault(slug, known[slug].name if slug in known else sector)
                if not entries[slug] or entries[slug][-1][1] is not risk:
                    entries[slug].append((brief, risk))
                counts[(slug, month)] += 1
    every = [
        SectorRisks(names[slug], slug, tuple(found[:PER_SECTOR]), len(found), known.get(slug))
        for slug, found in entries.items()
    ]
    most = sorted(every, key=lambda s: (-s.total, s.name.casefold(), s.slug))[:MAX_SECTORS]
    shown = {sector.slug for sector in most}
    sectors = sorted(most, key=lambda sector: (sector.name.casefold(), sector.slug))
    kept = {key: count for key, count in counts.items() if key[0] in shown}
    return RiskOverview(
        tuple(sectors),
        _months({month for _, month in kept}),
        kept,
        more=len(every) - len(sectors),
        index_page=urls.taxonomy_index(taxonomy) if taxonomy in index.taxonomies else None,
    )


def _months(found: set[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    if not found:
        return ()
    (first_year, first_month), (last_year, last_month) = min(found), max(found)
    first = max(first_year * 12 + first_month - 1, last_year * 12 + last_month - MAX_MONTHS)
    last = last_year * 12 + last_month - 1
    return tuple((n // 12, n % 12 + 1) for n in range(first, last + 1))
