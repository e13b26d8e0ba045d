"""What the terms of one taxonomy must not be, checked once the index has grouped them.

- **Too many.** Each term is a page (and feeds): one brief names at most
  :data:`MAX_TERMS_PER_BRIEF` terms of a taxonomy, and a site has at most
  :data:`MAX_TERMS_PER_TAXONOMY`, so no input can multiply pages without end (50 risks of
  one brief, each naming 50 other sectors, made 2,500 sector pages from 30 KB).
- **One folder twice.** Two addresses that differ only in case or Unicode form are one
  folder where file names ignore case (Windows, macOS).
- **Look-alikes.** Two names readers cannot tell apart (``apple``, and ``apple`` with a
  Cyrillic ``a``) are two pages: a warning with the name most briefs use.

Each check groups values in dictionaries in one pass; none compares pairs of terms.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from generator.errors import Position, Problem, display_path, excerpt
from generator.graph.taxonomies import Taxonomy, Term
from generator.source.loader import KeyPath, dotted_field
from generator.source.model import Brief
from generator.source.slugs import address_key
from generator.suggest import skeleton

TermValue = tuple[Brief, KeyPath, str, str]
"""One value a brief gives a taxonomy: the brief, where (``("risks", 1, "sectors", 0)``),
the name as written, and its term's slug."""

MAX_TERMS_PER_BRIEF = 50
"""Terms of one taxonomy one brief may name: every list of a brief holds at most 50 items
(generator/source/model.py), and the sectors of all its risks together count once each.
So one brief makes at most 255 pages: its own, and one for each term it is the first to
name (a category, 50 tickers, 50 entities, 50 tags, 50 sectors, 50 authors, a story, a
year and a month), each with its feeds where the taxonomy has them; a term it joins
whose listing is full gets one more listing page."""

MAX_TERMS_PER_TAXONOMY = 50_000
"""Terms of one taxonomy in a site. Each is a page, with feeds and a sitemap for some:
past this, a site is more index than news (newsrooms' sites name a few thousand
companies); the terms named last are refused."""


def term_problems(
    spec: Taxonomy, terms: Sequence[Term], found: Sequence[TermValue]
) -> list[Problem]:
    """Every problem with one taxonomy's terms (module docstring)."""
    clashes = _address_clashes(spec, terms, found)
    reported = {problem.position for problem in clashes}
    return (
        _too_many_in_a_brief(spec, found)
        + _too_many_in_the_site(spec, terms, found)
        + clashes
        + _lookalikes(spec, terms, found, reported)
    )


def _too_many_in_a_brief(spec: Taxonomy, found: Sequence[TermValue]) -> list[Problem]:
    """An error at the first value of a brief past :data:`MAX_TERMS_PER_BRIEF` of this
    taxonomy (one per brief: the rest are past it too)."""
    named: dict[str, set[str]] = defaultdict(set)
    problems = []
    for brief, loc, name, slug in found:
        terms = named[brief.slug]
        if len(terms) > MAX_TERMS_PER_BRIEF or slug in terms:
            continue
        terms.add(slug)
        if len(terms) > MAX_TERMS_PER_BRIEF:
            message = (
                f"{excerpt(name)} would be this brief's {_ordinal(len(terms))} {spec.name}; "
                f"a brief names at most {MAX_TERMS_PER_BRIEF} {spec.title.lower()} "
                "(each is a page)"
            )
            problems.append(
                Problem(brief.source, message, brief.position_of(loc), dotted_field(loc))
            )
    return problems


def _too_many_in_the_site(
    spec: Taxonomy, terms: Sequence[Term], found: Sequence[TermValue]
) -> list[Problem]:
    """One error when the site has more than :data:`MAX_TERMS_PER_TAXONOMY` terms of this
    taxonomy, at the first value of the first term past the cap, in the order the terms
    were first named (by their oldest brief)."""
    if len(terms) <= MAX_TERMS_PER_TAXONOMY:
        return []
    by_age = sorted(terms, key=lambda term: (term.briefs[-1].sort_key, term.slug))
    late = by_age[MAX_TERMS_PER_TAXONOMY]
    brief, loc, name, _ = next(
        value for value in found if value[3] == late.slug and value[0] is late.briefs[-1]
    )
    message = (
        f"{excerpt(name)} would be the site's {_ordinal(MAX_TERMS_PER_TAXONOMY + 1)} "
        f"{spec.name}: "
        f"the briefs name {len(terms):,} {spec.title.lower()}, and a site has at most "
        f"{MAX_TERMS_PER_TAXONOMY:,} (each is a page); merge or remove the rarest"
    )
    return [Problem(brief.source, message, brief.position_of(loc), dotted_field(loc))]


def _ordinal(number: int) -> str:
    """``51st``, ``50,001st``, ``52nd``, ``111th``."""
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number:,}{suffix}"


def _address_clashes(
    spec: Taxonomy, terms: Sequence[Term], found: Sequence[TermValue]
) -> list[Problem]:
    """Terms whose addresses differ only in case or Unicode form (``οδος`` and ``οδοσ``,
    final and medial sigma) would be one folder where file names ignore case (Windows,
    macOS): an error at every value of the term fewer briefs name, naming the other.
    Grouped by :func:`~generator.source.slugs.address_key`, one pass."""
    by_key: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        by_key[address_key(term.slug)].append(term)
    kept: dict[str, Term] = {}
    for group in by_key.values():
        if len(group) > 1:
            most, *others = sorted(group, key=_most_named)
            kept.update((other.slug, most) for other in others)
    problems = []
    for brief, loc, name, slug in found:
        if (first := kept.get(slug)) is not None:
            message = (
                f"{excerpt(name)} ({spec.folder}/{slug}/) and {excerpt(first.name)} "
                f"({spec.folder}/{first.slug}/, used by {display_path(first.briefs[0].source)}) "
                "differ only in case or Unicode form, and would be one folder where file names "
                f"ignore case (Windows, macOS); spell the {spec.name} the same way"
            )
            problems.append(
                Problem(brief.source, message, brief.position_of(loc), dotted_field(loc))
            )
    return problems


def _lookalikes(
    spec: Taxonomy,
    terms: Sequence[Term],
    found: Sequence[TermValue],
    reported: set[Position | None],
) -> list[Problem]:
    """Names that look alike (one UTS #39 skeleton, generator/suggest.py: ``apple``, and
    ``apple`` with a Cyrillic ``a``, U+0430) but are two terms, so two pages readers cannot tell
    apart: a warning at every value of the term fewer briefs name, proposing the other.
    Names all in ASCII are left alone (``F1`` and ``Fl`` are a font's problem, and a site
    of ASCII names never reads the confusables data). A skeleton per spelling, grouped."""
    slug_of = {name: slug for _, _, name, slug in found}
    if all(name.isascii() for name in slug_of):
        return []
    by_slug = {term.slug: term for term in terms}
    looks: dict[str, set[str]] = defaultdict(set)
    for name in slug_of:
        looks[skeleton(name)].add(name)
    meant: dict[str, Term] = {}
    for alike in looks.values():
        slugs = {slug_of[name] for name in alike}
        if len(slugs) > 1 and not all(name.isascii() for name in alike):
            most, *others = sorted((by_slug[slug] for slug in slugs), key=_most_named)
            meant.update((other.slug, most) for other in others)
    problems = []
    for brief, loc, name, slug in found:
        position = brief.position_of(loc)
        if (first := meant.get(slug)) is not None and position not in reported:
            message = (
                f"{excerpt(name)} looks like {excerpt(first.name)} ({_differs(name, first.name)})"
                f" but is another {spec.name}, with a page of its own; did you mean "
                f"{excerpt(first.name)}?"
            )
            problems.append(Problem(brief.source, message, position, dotted_field(loc), "warning"))
    return problems


def _most_named(term: Term) -> tuple[int, str]:
    """The term of a group that stands for it: named by the most briefs, then A-Z."""
    return (-len(term.briefs), term.slug)


def _differs(name: str, other: str) -> str:
    """The characters of ``name`` that ``other`` does not have, named (at most three):
    ``U+0430 CYRILLIC SMALL LETTER A``."""
    odd = [char for char in dict.fromkeys(name) if char not in other][:3]
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in odd) or (
        "the same letters in another order or form"
    )
