"""Rendered pages kept from the previous run, reused when nothing a page shows has changed.

Editing one brief changes a few dozen of a large site's pages: the brief's own, the pages
of the briefs that list it (related, timelines, previous/next), and the listing pages of
its terms. Rendering all 10,000 pages of a 5,000-brief site again costs seconds, which a
live preview cannot afford, so render asks this module, page by page, whether the page's
inputs are those of the last run, and then reuses its Markdown.

A page's *inputs* are exactly what its template reads, taken from its context: a brief
shown in full counts with all its fields; a brief that is only listed or linked counts with
what a listing shows of it (slug, title, dek, date, its primary term and its chips, the
taxonomies with a ``chip`` in generator/graph/taxonomies.py); a term with its name, address
and registry entry, and the page's own term also with its briefs.
What a page looks up while rendering (``term_named``) is recorded with the page and looked
up again before reuse. Everything a page may read of the site as a whole (settings, the
templates, newsbriefs' own version, which tickers and entities have pages for first-mention
links) is the memo's ``site_key``: when it changes, no page is reused.

The site-wide pages (home, taxonomy indexes, the risk overview, withdrawn notices) are
always rendered: they depend on every brief, and there are few of them. A site with its own
templates gets no reuse at all: an override may read anything (``term.briefs`` of any
term), which no list of inputs can promise to cover.

Staleness would be a wrong page, so tests compare a run that reuses with one that does not
after every kind of edit (tests/test_memo.py).
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from generator.graph.index import SiteIndex, Thread
from generator.graph.mentions import MentionIndex
from generator.graph.taxonomies import TAXONOMIES, Taxonomy, Term, primary
from generator.render.theme import Theme, builtin_dir
from generator.settings import Settings
from generator.source.model import Brief, per_brief

MEMO_FORMAT = 1
"""Bumped when what a memo file holds changes: an older file is then ignored."""

SITE_WIDE_TEMPLATES = frozenset({"home.md.j2", "risks.md.j2", "withdrawn.md.j2"})
"""Pages that show the whole site (or are rare): always rendered, as are the taxonomies'
index pages (``Taxonomy.index_template``)."""

NOT_INPUTS = frozenset({"terms_of", "term_named", "mentions", "entries", "links"})
"""Context entries that are not data: lookups (recorded while rendering, or covered by what a
listed brief counts with), the first-mention index (in ``site_key``), per-run caches."""

Lookup = tuple[str, str, str]
"""A recorded ``term_named(taxonomy, name)`` call and what it gave: (taxonomy, name, slug or
"")."""


@dataclass
class PageMemo:
    """The pages of one run: path -> (inputs digest, lookups made, Markdown)."""

    site_key: str = ""
    pages: dict[str, tuple[str, tuple[Lookup, ...], str]] = field(default_factory=dict)
    reused: int = 0
    """Pages the last run took from here instead of rendering."""

    def dumps(self) -> bytes:
        """The memo as a file's content: :mod:`marshal` of plain strings and tuples (a tenth
        of a second for the 100 MB of a 5,000-brief site, where JSON takes seconds; reading
        it back makes only strings and tuples, it never runs code)."""
        return marshal.dumps((MEMO_FORMAT, self.site_key, self.pages))

    @classmethod
    def loads(cls, data: bytes) -> PageMemo:
        """A memo from :meth:`dumps`; an empty one for anything else (an older format, a
        damaged file): a memo only ever saves time."""
        try:
            found = marshal.loads(data)
        except (ValueError, EOFError, TypeError):
            return cls()
        if not (isinstance(found, tuple) and len(found) == 3 and found[0] == MEMO_FORMAT):
            return cls()
        _, key, pages = found
        if not isinstance(key, str) or not isinstance(pages, dict):
            return cls()
        if not all(_is_entry(path, entry) for path, entry in pages.items()):
            return cls()
        return cls(key, pages)


def _is_lookup(looked: Any) -> bool:
    strings = isinstance(looked, tuple) and all(isinstance(x, str) for x in looked)
    return strings and len(looked) == 3


def _is_entry(path: Any, entry: Any) -> bool:
    return (
        isinstance(path, str)
        and isinstance(entry, tuple)
        and len(entry) == 3
        and isinstance(entry[0], str)
        and isinstance(entry[2], str)
        and isinstance(entry[1], tuple)
        and all(
            isinstance(looked, tuple)
            and len(looked) == 3
            and all(isinstance(x, str) for x in looked)
            for looked in entry[1]
        )
    )


def site_key(index: SiteIndex, settings: Settings, theme: Theme, mentions: MentionIndex) -> str:
    """What every page may show of the site as a whole; "" when no page may be reused (the
    site overrides templates)."""
    if not all(source.path.is_relative_to(builtin_dir()) for source in theme.templates.values()):
        return ""
    digest = hashlib.blake2b(digest_size=16)
    for part in (
        code_digest(),
        jinja2.__version__,
        settings.model_dump_json(),
        *(f"{name}\0{source.source}" for name, source in sorted(theme.templates.items())),
        *(
            f"{name}\0{term.taxonomy}\0{term.slug}"
            for name, term in sorted(mentions.tickers.items())
        ),
        *(f"{name}\0{term.taxonomy}\0{term.slug}" for name, term in sorted(mentions.names.items())),
        repr(sorted(index.taxonomies)),
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\1")
    return digest.hexdigest()


class PageInputs:
    """Digests of pages' inputs for one run (see the module's docstring)."""

    def __init__(self, index: SiteIndex) -> None:
        self.index = index
        self._listed: dict[str, str] = {}
        self._terms: dict[tuple[str, str], str] = {}
        self.index_templates = {taxonomy.index_template for taxonomy in TAXONOMIES.values()}
        # The taxonomies whose terms a listing entry shows: the primary one, the chips.
        self.shown_in_entries = [primary().name] + [t.name for t in TAXONOMIES.values() if t.chip]

    def digest(self, template: str, context: dict[str, Any]) -> str | None:
        """The digest of a page's inputs, or None when the page is always rendered."""
        if template in SITE_WIDE_TEMPLATES or template in self.index_templates:
            return None
        parts: list[Any] = [template]
        try:
            for key in sorted(context):
                if key in NOT_INPUTS:
                    continue
                value = context[key]
                if key == "brief":
                    parts.append((key, self.full(value)))
                elif key == "term":  # the page's own: how many briefs it has is shown too
                    parts.append((key, self.term(value), len(value.briefs)))
                else:
                    parts.append((key, self.value(value)))
        except TypeError:  # something this module does not know how to compare: render
            return None
        return _short(repr(parts))

    def full(self, brief: Brief) -> str:
        """A brief shown in full: every field."""
        return _every_field(brief)

    def listed(self, brief: Brief) -> str:
        """A brief in a listing or a link: what entries and links show of it."""
        found = self._listed.get(brief.slug)
        if found is None:
            chips = [
                self.term(term)
                for taxonomy in self.shown_in_entries
                if taxonomy in self.index.taxonomies
                for term in self.index.terms_of(brief, taxonomy)
            ]
            found = _short(repr((brief.slug, brief.title, brief.dek, _date(brief.date), chips)))
            self._listed[brief.slug] = found
        return found

    def term(self, term: Term) -> str:
        """A term as pages show it: name, address, registry entry."""
        key = (term.taxonomy, term.slug)
        found = self._terms.get(key)
        if found is None:
            found = self._terms[key] = _short(
                repr((term.taxonomy, term.slug, term.name, repr(term.about)))
            )
        return found

    def value(self, value: Any) -> Any:
        if isinstance(value, Brief):
            return self.listed(value)
        if isinstance(value, Term):
            return self.term(value)
        if isinstance(value, Taxonomy):
            return value.name
        if isinstance(value, Thread):
            return (
                value.story,
                self.value(value.briefs),
                value.current.slug,
                value.earlier,
                value.later,
                None if value.term is None else self.term(value.term),
            )
        if isinstance(value, dict):
            return tuple((self.value(k), self.value(v)) for k, v in value.items())
        if isinstance(value, list | tuple):
            return tuple(self.value(item) for item in value)
        if value is None or isinstance(value, str | int | float | bool):
            return value
        if isinstance(value, date):
            return _date(value)
        # Any other object (a page reference, an embargo) is a frozen dataclass of the above.
        fields = getattr(value, "__dataclass_fields__", None)
        if fields is None:
            raise TypeError(f"no inputs digest for {type(value).__name__}")
        return (type(value).__name__, *(self.value(getattr(value, name)) for name in fields))


TermLookup = Callable[[str, str], Term | None]


def recording(lookup: TermLookup, into: list[Lookup]) -> TermLookup:
    """``term_named`` that also notes what each call gave, so a reused page can be checked."""

    def term_named(taxonomy: str, name: str) -> Term | None:
        term = lookup(taxonomy, name)
        into.append((taxonomy, name, "" if term is None else f"{term.slug}\0{term.name}"))
        return term

    return term_named


def same_lookups(lookup: TermLookup, recorded: Iterable[Lookup]) -> bool:
    """Whether every lookup a page made gives the same term now."""
    for taxonomy, name, was in recorded:
        term = lookup(taxonomy, name)
        if ("" if term is None else f"{term.slug}\0{term.name}") != was:
            return False
    return True


@cache
def code_digest() -> str:
    """newsbriefs' own code, by the bytes of its modules: a change to it (a developer's
    edit, an upgrade) may change any page. Once per process: it is the code that runs.
    Incremental builds fingerprint with it too (generator/build/incremental.py)."""
    digest = hashlib.blake2b(digest_size=16)
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@per_brief
def _every_field(brief: Brief, _: object = None) -> str:
    """The digest of all of a brief's fields: the same brief object, the same digest."""
    return _short(brief.model_dump_json())


def _short(text: str) -> str:
    """A digest of text, short enough to compare and store by the thousand."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _date(value: date) -> str:
    return value.isoformat()
