"""Stage 3: the cross-link graph, computed once from all briefs.

Everything that grows with the number of briefs is built in one pass with dictionaries
keyed by slug or term; nothing compares briefs pairwise. A taxonomy (category today;
tickers, entities, tags, sectors later) is declared in :data:`TAXONOMIES` by how it reads
its terms off a brief, and given a folder in :data:`generator.urls.TAXONOMY_DIRS`; the
index then groups it like any other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .errors import Problem
from .model import Brief
from .slugs import term_slug
from .suggest import OneEditIndex


@dataclass(frozen=True)
class TaxonomySpec:
    """How to read one taxonomy's terms off a brief, and how to name it on pages."""

    name: str
    title: str
    terms_of: Callable[[Brief], Iterable[str]]


TAXONOMIES: dict[str, TaxonomySpec] = {
    spec.name: spec
    for spec in [
        TaxonomySpec("category", "Categories", lambda brief: [brief.category]),
    ]
}


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy (the category "Stock Markets") and its briefs, newest first."""

    taxonomy: str
    name: str
    slug: str
    briefs: tuple[Brief, ...] = field(repr=False)  # a repr of thousands of briefs helps no one


@dataclass(frozen=True)
class SiteIndex:
    """All published briefs and how they link to each other."""

    briefs: tuple[Brief, ...]
    """Newest first."""
    by_slug: dict[str, Brief]
    taxonomies: dict[str, dict[str, Term]]
    """Taxonomy name -> term slug -> term, terms sorted by name."""
    related: dict[str, tuple[Brief, ...]] = field(default_factory=dict)
    """Slug -> briefs it names in ``related`` or that name it, newest first."""

    @property
    def categories(self) -> list[Term]:
        return list(self.taxonomies["category"].values())

    def category_of(self, brief: Brief) -> Term:
        return self.taxonomies["category"][term_slug(brief.category)]

    def more_from(self, brief: Brief, count: int) -> list[Brief]:
        """The ``count`` newest other briefs of the brief's category."""
        newest = self.category_of(brief).briefs[: count + 1]
        return [other for other in newest if other.slug != brief.slug][:count]


def build_index(briefs: Sequence[Brief]) -> tuple[SiteIndex, list[Problem]]:
    """Group and link the briefs to publish. Problems: terms that collide on one URL."""
    ordered = tuple(sorted(briefs, key=lambda b: b.sort_key, reverse=True))
    by_slug = {brief.slug: brief for brief in ordered}
    problems: list[Problem] = []
    taxonomies = {}
    for spec in TAXONOMIES.values():
        terms, term_problems = _group(spec, ordered)
        taxonomies[spec.name] = terms
        problems += term_problems
    links: dict[str, dict[str, Brief]] = defaultdict(dict)
    for brief in ordered:
        for slug in brief.related:
            if (other := by_slug.get(slug)) is not None:  # a draft left out of this build
                links[brief.slug][slug] = other
                links[slug][brief.slug] = brief
    related_sorted = {
        slug: tuple(sorted(linked.values(), key=lambda b: b.sort_key, reverse=True))
        for slug, linked in links.items()
    }
    problems += _lonely_story_typos(ordered)
    return SiteIndex(ordered, by_slug, taxonomies, related_sorted), problems


def _lonely_story_typos(briefs: Sequence[Brief]) -> list[Problem]:
    """A story id used by one brief and one edit away from a thread is most likely a typo."""
    members: dict[str, int] = defaultdict(int)
    for brief in briefs:
        if brief.story:
            members[brief.story] += 1
    threads = OneEditIndex(story for story, count in members.items() if count > 1)
    problems = []
    for brief in briefs:
        if brief.story and members[brief.story] == 1 and (near := threads.near(brief.story)):
            message = (
                f"no other brief is in story {brief.story!r}; did you mean {near[0]!r}? "
                "(a new thread is fine: this warning ends when a second brief joins it)"
            )
            problems.append(
                Problem(brief.source, message, brief.position_of(("story",)), "story", "warning")
            )
    return problems


def _group(spec: TaxonomySpec, ordered: Sequence[Brief]) -> tuple[dict[str, Term], list[Problem]]:
    """Briefs by term, newest first. Spellings that share a page: the most used one wins
    (the earliest seen on a tie), and each brief spelt otherwise gets a problem."""
    members: dict[str, list[Brief]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    problems: list[Problem] = []
    for brief in ordered:
        for name in spec.terms_of(brief):
            slug = term_slug(name)
            spellings[slug][name] += 1
            members[slug].append(brief)
    canonical = {slug: counts.most_common(1)[0][0] for slug, counts in spellings.items()}
    for slug, briefs in members.items():
        if len(spellings[slug]) == 1:
            continue
        for brief in briefs:
            name = next(n for n in spec.terms_of(brief) if term_slug(n) == slug)
            if name != canonical[slug]:
                message = (
                    f"{name!r} and {canonical[slug]!r} (used by {spellings[slug][canonical[slug]]} "
                    f"brief(s)) would share one page; spell the {spec.name} the same way"
                )
                problems.append(_problem(brief, spec.name, message))
    terms = {
        slug: Term(spec.name, canonical[slug], slug, tuple(members[slug]))
        for slug in sorted(members, key=lambda s: canonical[s].casefold())
    }
    return terms, problems


def _problem(brief: Brief, field_name: str, message: str) -> Problem:
    return Problem(brief.source, message, brief.position_of((field_name,)), field_name)
