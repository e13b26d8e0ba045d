"""Stage 3: the cross-link graph, computed once from all briefs.

Everything that grows with the number of briefs is built in one pass with dictionaries
keyed by slug or term; nothing compares briefs pairwise. The index groups briefs by every
taxonomy declared in :data:`generator.graph.taxonomies.TAXONOMIES`, knowing none by name.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from generator.errors import Problem
from generator.graph.related import related_briefs
from generator.graph.schedule import Embargo
from generator.graph.taxonomies import TAXONOMIES, Taxonomy, Term, primary
from generator.graph.term_checks import TermValue, term_problems
from generator.source.loader import dotted_field
from generator.source.model import Brief
from generator.source.registry import DATA_DIR, Registry
from generator.suggest import NameIndex, OneEditIndex

THREAD_WINDOW = 7
"""Briefs of a story shown on each of its pages; longer stories link to their page. At most
``THREAD_WINDOW // 2`` of them are later than the brief (more when it is among the story's
first), so a new brief of a story changes the timeline of its last few briefs only."""


@dataclass(frozen=True)
class Thread:
    """A window of a story's timeline, oldest first, around one of its briefs."""

    story: str
    briefs: tuple[Brief, ...]
    current: Brief
    earlier: int
    """Briefs of the story before the window."""
    later: bool
    """Whether the story has briefs after the window: not how many, a number every new brief
    of the story would change on every older brief's page."""
    term: Term | None
    """The story's own page, when a taxonomy of stories makes one."""


@dataclass(frozen=True)
class SiteIndex:
    """All published briefs and how they link to each other."""

    briefs: tuple[Brief, ...]
    """Newest first."""
    by_slug: dict[str, Brief]
    taxonomies: dict[str, dict[str, Term]]
    """Taxonomy name -> term slug -> term, in the taxonomy's ``sort_key`` order."""
    related: dict[str, tuple[Brief, ...]] = field(default_factory=dict)
    """Slug -> briefs it names in ``related`` or that name it (newest first), then the
    briefs that share the most with it (generator/graph/related.py)."""
    registry: Registry = field(default_factory=Registry)
    slug_of: dict[str, Callable[[str], str]] = field(default_factory=dict, repr=False)
    """Taxonomy name -> a brief's value -> its term's slug (aliases resolved), made once."""
    threads: dict[str, tuple[Brief, ...]] = field(default_factory=dict)
    """Story id -> its briefs, oldest first: the timeline shown on each of them."""
    places: dict[str, tuple[int, int]] = field(default_factory=dict, repr=False)
    """Slug -> its position among the briefs of its first primary term and in its story's
    thread (-1 without one): neighbours are found without a scan."""
    withdrawn: tuple[Brief, ...] = ()
    """Withdrawn briefs: each keeps its page (the withdrawal notice) and is in no listing,
    term, related list, timeline or chart; nothing else in the index knows them."""
    embargoes: dict[str, Embargo] = field(default_factory=dict)
    """Slug -> why a brief shown by a preview (``serve``) would not be public yet; empty in
    a production build, which leaves embargoed briefs out (generator/graph/schedule.py)."""
    _terms_of: dict[tuple[str, str], tuple[Term, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def terms(self, taxonomy: str) -> list[Term]:
        """Every term of a taxonomy, in its order."""
        return list(self.taxonomies[taxonomy].values())

    def terms_of(self, brief: Brief, taxonomy: str) -> tuple[Term, ...]:
        """The brief's terms of a taxonomy, in the order the brief names them. Remembered:
        every listing entry of a brief asks for its ticker chips again."""
        key = (brief.slug, taxonomy)
        found = self._terms_of.get(key)
        if found is None:
            spec, terms, slug_of = (
                TAXONOMIES[taxonomy],
                self.taxonomies[taxonomy],
                self._slugger(taxonomy),
            )
            found = tuple(terms[slug] for slug in dict.fromkeys(map(slug_of, spec.names(brief))))
            self._terms_of[key] = found
        return found

    def _slugger(self, taxonomy: str) -> Callable[[str], str]:
        if taxonomy not in self.slug_of:  # a taxonomy added after indexing (tests)
            self.slug_of[taxonomy] = _slugger(TAXONOMIES[taxonomy], self.registry)
        return self.slug_of[taxonomy]

    def term_named(self, taxonomy: str, name: str) -> Term | None:
        """The term a name stands for (``automotive`` in ``risks[0].sectors``, a ticker's
        ``entity`` in its registry), or None when no published brief names it."""
        return self.taxonomies[taxonomy].get(self._slugger(taxonomy)(name))

    def companions(self, term: Term, count: int) -> list[tuple[Term, int]]:
        """The ``count`` terms of the same taxonomy most often named with ``term`` (the
        tickers most often mentioned with ``F``), with how many briefs name both."""
        together: Counter[str] = Counter()
        for brief in term.briefs:
            together.update(other.slug for other in self.terms_of(brief, term.taxonomy))
        del together[term.slug]
        terms = self.taxonomies[term.taxonomy]
        ranked = sorted(together.items(), key=lambda item: (-item[1], terms[item[0]].name))
        return [(terms[slug], shared) for slug, shared in ranked[:count]]

    def most_covered(self, taxonomy: str, days: int, count: int) -> list[tuple[Term, int]]:
        """The ``count`` terms of a taxonomy named by the most briefs of the ``days`` before
        the newest brief (not before the build: the same briefs give the same page), with
        how many; ties A-Z. Stops at the first older brief (briefs are newest first)."""
        if not self.briefs or taxonomy not in self.taxonomies:
            return []
        since = self.briefs[0].published_at - timedelta(days=days)
        named: Counter[str] = Counter()
        for brief in self.briefs:
            if brief.published_at < since:
                break
            named.update(term.slug for term in self.terms_of(brief, taxonomy))
        terms = self.taxonomies[taxonomy]
        ranked = sorted(named.items(), key=lambda item: (-item[1], terms[item[0]].name.casefold()))
        return [(terms[slug], shown) for slug, shown in ranked[:count]]

    def more_from(self, brief: Brief, count: int) -> list[Brief]:
        """The ``count`` briefs of the brief's first term in the primary taxonomy
        (generator/graph/taxonomies.py) published just before it, newest first: the newest
        others when it came out. Not the newest today: a new brief would then change the
        page of every brief of its category."""
        first = self.terms_of(brief, primary().name)[:1]
        if not first or brief.slug not in self.places:
            return []
        place = self.places[brief.slug][0]
        return list(first[0].briefs[place + 1 : place + 1 + count])

    def neighbours(self, brief: Brief) -> tuple[Brief | None, Brief | None]:
        """The briefs just before and just after this one in its first term of the primary
        taxonomy, in time: (earlier, later)."""
        first = self.terms_of(brief, primary().name)[:1]
        if not first or brief.slug not in self.places:
            return None, None
        newest_first, place = first[0].briefs, self.places[brief.slug][0]
        earlier = newest_first[place + 1] if place + 1 < len(newest_first) else None
        return earlier, (newest_first[place - 1] if place > 0 else None)

    def thread(self, brief: Brief, size: int = THREAD_WINDOW) -> Thread | None:
        """The brief's story as a timeline of at most ``size`` briefs around it, or None
        when no other brief shares its story: up to ``size // 2`` later briefs (more near
        the story's start), earlier ones for the rest. Counted from the brief, not from the
        story's end, so the window of a brief followed by enough others never moves."""
        members = self.threads.get(brief.story or "", ())
        if len(members) < 2:
            return None
        place = self.places[brief.slug][1]
        after = min(len(members) - 1 - place, max(size // 2, size - 1 - place))
        start = max(0, place + after - (size - 1))
        shown = members[start : place + after + 1]
        stories = next((t for t in TAXONOMIES.values() if t.threads), None)  # pages, if made
        term = None
        if stories is not None:
            term = self.taxonomies[stories.name].get(stories.fold(brief.story or ""))
        return Thread(
            brief.story or "", shown, brief, start, start + len(shown) < len(members), term
        )


def build_index(
    briefs: Sequence[Brief],
    registry: Registry | None = None,
    embargoes: dict[str, Embargo] | None = None,
    *,
    related_include_newer: bool = False,
    title_words: Sequence[str] = (),
) -> tuple[SiteIndex, list[Problem]]:
    """Group and link the briefs to publish. Problems: terms that collide on one URL;
    warnings: terms their registry does not list. Withdrawn briefs are set aside first:
    they keep a page and join nothing. ``related_include_newer`` and ``title_words``: the
    settings of those names (generator/graph/related.py, generator/source/display.py)."""
    registry = registry or Registry()
    everything = sorted(briefs, key=lambda b: b.sort_key, reverse=True)
    ordered = tuple(brief for brief in everything if not brief.withdrawn)
    withdrawn = tuple(brief for brief in everything if brief.withdrawn)
    by_slug = {brief.slug: brief for brief in ordered}
    problems: list[Problem] = []
    taxonomies = {}
    for spec in TAXONOMIES.values():
        terms, term_problems = _group(spec, ordered, registry, tuple(title_words))
        taxonomies[spec.name] = terms
        problems += term_problems
    threads: dict[str, list[Brief]] = defaultdict(list)
    for brief in reversed(ordered):
        if brief.story:
            threads[brief.story].append(brief)
    in_thread = {brief.slug: n for members in threads.values() for n, brief in enumerate(members)}
    main = primary()
    places = {
        brief.slug: (place, in_thread.get(brief.slug, -1))
        for term in taxonomies[main.name].values()
        for place, brief in enumerate(term.briefs)
        if main.fold(main.names(brief)[0]) == term.slug  # its first term: the one it lists in
    }
    problems += _lonely_story_typos(ordered)
    slug_of = {spec.name: _slugger(spec, registry) for spec in TAXONOMIES.values()}
    index = SiteIndex(
        ordered,
        by_slug,
        taxonomies,
        related_briefs(ordered, slug_of, include_newer=related_include_newer).links,
        registry=registry,
        slug_of=slug_of,
        threads={story: tuple(members) for story, members in threads.items()},
        places=places,
        withdrawn=withdrawn,
        embargoes=dict(embargoes or {}),
    )
    return index, problems


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


def _slugger(spec: Taxonomy, registry: Registry) -> Callable[[str], str]:
    """A term's slug: its folded name, or the folded name of the registry entry it is an
    alias of (``Ford Motor`` -> ``ford``)."""
    entries = registry.entries(spec.registry) if spec.registry else {}
    if not entries:
        return spec.fold
    owners = {
        spec.fold(alias): spec.fold(name)
        for name, entry in entries.items()
        for alias in getattr(entry, "aliases", ())
    }
    return lambda name: owners.get(slug := spec.fold(name), slug)


def _group(
    spec: Taxonomy, ordered: Sequence[Brief], registry: Registry, words: tuple[str, ...] = ()
) -> tuple[dict[str, Term], list[Problem]]:
    """Briefs by term, newest first, each brief once per term. A registry entry names its
    page; otherwise, of spellings that share a page, the one most briefs use wins (the
    earliest seen on a tie), and every value spelt otherwise gets a problem at that value
    (``risks[1].sectors[0]``). Aliases of an entry are not other spellings: they are it.
    Problems name terms as spelt; the terms then take the names pages show
    (:meth:`Taxonomy.display_name`)."""
    slug_of = _slugger(spec, registry)
    entries = registry.entries(spec.registry) if spec.registry else {}
    listed = {spec.fold(name): (name, entry) for name, entry in entries.items()}
    aliases = {
        spec.fold(alias): alias
        for entry in entries.values()
        for alias in getattr(entry, "aliases", ())
    }
    members: dict[str, dict[str, Brief]] = defaultdict(dict)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    found: list[TermValue] = []
    for brief in ordered:
        for loc, name in spec.terms(brief):
            slug = slug_of(name)
            found.append((brief, loc, name, slug))
            members[slug][brief.slug] = brief
        for name in spec.names(brief):
            spellings[slug_of(name)][name] += 1
    canonical = {slug: counts.most_common(1)[0][0] for slug, counts in spellings.items()}
    canonical.update({slug: name for slug, (name, _) in listed.items() if slug in canonical})
    problems = _unlisted(spec, registry, found, listed, aliases)
    for brief, loc, name, slug in found:
        if slug in listed or spec.fold(name) in aliases:
            continue  # the registry decides the spelling of its entries
        if name != canonical[slug]:
            message = (
                f"{name!r} and {canonical[slug]!r} (used by {spellings[slug][canonical[slug]]} "
                f"brief(s)) would share one page; spell the {spec.name} the same way"
            )
            problems.append(
                Problem(brief.source, message, brief.position_of(loc), dotted_field(loc))
            )
    terms = [
        Term(
            spec.name,
            canonical[slug],
            slug,
            tuple(briefs.values()),
            listed.get(slug, ("", None))[1],
        )
        for slug, briefs in members.items()
    ]
    problems += term_problems(spec, terms, found)
    if spec.title_field or spec.title_case:
        terms = [
            replace(term, name=spec.display_name(term.name, term.about, words)) for term in terms
        ]
    return {term.slug: term for term in sorted(terms, key=spec.sort_key)}, problems


def _unlisted(
    spec: Taxonomy,
    registry: Registry,
    found: Sequence[TermValue],
    listed: dict[str, tuple[str, Any]],
    aliases: dict[str, str],
) -> list[Problem]:
    """A warning at each value the taxonomy's registry does not list (when the site has that
    registry): its page is made all the same, without what the registry would say."""
    if not (spec.warn_unlisted and spec.registry and registry.has(spec.registry)):
        return []
    spelt = {slug: name for slug, (name, _) in listed.items()}
    spelt.update(aliases)
    names = NameIndex(sorted(spelt))
    problems = []
    for brief, loc, name, slug in found:
        if slug in listed:
            continue
        near = names.closest(spec.fold(name))
        hint = f"; did you mean {spelt[near]!r}?" if near else ""
        message = (
            f"{name!r} is not in {registry_path(spec.registry)}{hint} "
            "(its page is made without registry details)"
        )
        problems.append(
            Problem(brief.source, message, brief.position_of(loc), dotted_field(loc), "warning")
        )
    return problems


def registry_path(file: str) -> str:
    return f"{DATA_DIR}/{file}"
