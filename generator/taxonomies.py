"""The taxonomy registry: every way of grouping briefs, each declared once.

A taxonomy (Pelican's idea: categories, tags and authors are one thing with a URL pattern
per kind) is one :class:`Taxonomy` entry in :data:`TAXONOMIES`: its name, how its terms are
read off a brief, how spellings fold into one term, how terms sort, the folder its pages
live in, its templates and whether the nav lists it. The index groups briefs by every
entry, urls.py places the pages, render.py makes them and nav.py lists them, all by reading
this table; none of them names a taxonomy. Adding ticker or sector pages is one entry here
and one template in ``theme/templates/``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .loader import KeyPath
from .model import Brief
from .slugs import term_slug

TermReader = Callable[[Brief], Iterable[tuple[KeyPath, str]]]
"""Reads a brief's terms of one taxonomy, each with where it is (``("risks", 1, "sectors",
0)``) so that a problem with one term points at exactly that value."""


def at(path: str) -> TermReader:
    """Terms at a field path: ``"category"`` (one value), ``"tags[]"`` (each item of a
    list), ``"risks[].sectors[]"`` (each sector of each risk). Empty and unset values are
    skipped."""
    steps = [(part.removesuffix("[]"), part.endswith("[]")) for part in path.split(".")]

    def read(brief: Brief) -> list[tuple[KeyPath, str]]:
        found: list[tuple[KeyPath, Any]] = [((), brief)]
        for name, each in steps:
            found = [
                step
                for loc, value in found
                if (inner := getattr(value, name, None)) is not None
                for step in (
                    [((*loc, name, i), item) for i, item in enumerate(inner)]
                    if each
                    else [((*loc, name), inner)]
                )
            ]
        return [(loc, value) for loc, value in found if isinstance(value, str) and value]

    return read


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy (the category "Stock Markets") and its briefs, newest first."""

    taxonomy: str
    name: str
    slug: str
    briefs: tuple[Brief, ...] = field(repr=False)  # a repr of thousands of briefs helps no one


def by_name(term: Term) -> Any:
    """Alphabetical, ignoring case: the order of a list of names."""
    return term.name.casefold()


@dataclass(frozen=True)
class Taxonomy:
    """One way of grouping briefs, and everything the pipeline needs to know about it."""

    name: str
    """Singular, as messages say it ("spell the category the same way")."""
    title: str
    """The heading of its index page and its nav section."""
    terms: TermReader
    """How a brief's terms are read: :func:`at` a field path, or any function."""
    folder: str
    """Its pages: ``<folder>/index.md``, ``<folder>/<term slug>/index.md``, ``.../page/<n>.md``."""
    term_template: str = "term.md.j2"
    """One page of a term's listing (context: taxonomy, term, briefs, number, count, newer,
    older)."""
    index_template: str = "terms.md.j2"
    """The taxonomy's index page (context: taxonomy, terms)."""
    fold: Callable[[str], str] = term_slug
    """Spellings that fold to the same text are one term, and that text is its page's slug."""
    sort_key: Callable[[Term], Any] = by_name
    """The order of its terms on pages and in the nav."""
    primary: bool = False
    """The taxonomy of a brief's kicker and its "More from ..." list; exactly one is."""
    nav: Literal["terms", "index", "none"] = "terms"
    """In the default nav: its index and each term, only its index, or not at all."""

    def names(self, brief: Brief) -> list[str]:
        """The brief's terms as spelt, each once."""
        return list(dict.fromkeys(name for _, name in self.terms(brief)))


TAXONOMIES: dict[str, Taxonomy] = {
    taxonomy.name: taxonomy
    for taxonomy in [
        Taxonomy(
            "category",
            "Categories",
            at("category"),
            folder="categories",
            term_template="category.md.j2",
            index_template="categories.md.j2",
            primary=True,
        ),
    ]
}
"""Every taxonomy, in the order of the nav and of the generated pages."""


def primary() -> Taxonomy:
    """The one taxonomy marked ``primary``."""
    (found,) = [taxonomy for taxonomy in TAXONOMIES.values() if taxonomy.primary]
    return found
