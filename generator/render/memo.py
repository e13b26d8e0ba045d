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
after every kind of edit (tests/render/test_memo.py).

Between ``briefs build`` runs the memo is a kept file (``.newsbriefs/pages.memo``, by
generator/build/policy.py through generator/build/state.py, which signs and checks it): a
JSON index of the pages (:meth:`PageMemo.to_parts`) and their Markdown as raw bytes, each
page's given back only when it matches the hash the index records (:class:`KeptPages`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
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

MEMO_FORMAT = 2
"""Bumped when what a memo file holds changes: an older file is then ignored (format 1 was
:mod:`marshal`, which nothing kept may be any more: generator/build/state.py)."""

SITE_WIDE_TEMPLATES = frozenset(
    {"home.md.j2", "risks.md.j2", "withdrawn.md.j2", "digest.md.j2", "digests.md.j2"}
)
"""Pages that show the whole site (or are rare): always rendered, as are the taxonomies'
index pages (``Taxonomy.index_template``)."""

NOT_INPUTS = frozenset({"terms_of", "term_named", "mentions", "entries", "links"})
"""Context entries that are not data: lookups (recorded while rendering, or covered by what a
listed brief counts with), the first-mention index (in ``site_key``), per-run caches."""

Lookup = tuple[str, str, str]
"""A recorded ``term_named(taxonomy, name)`` call and what it gave: (taxonomy, name, slug or
"")."""


Entry = tuple[str, tuple[Lookup, ...], str]
"""A page of a memo: (inputs digest, lookups made, Markdown)."""


@dataclass
class PageMemo:
    """The pages of one run: path -> (inputs digest, lookups made, Markdown)."""

    site_key: str = ""
    pages: Mapping[str, Entry] = field(default_factory=dict)
    reused: int = 0
    """Pages the last run took from here instead of rendering."""

    def to_parts(self) -> tuple[dict[str, Any], bytes]:
        """The memo as plain data for a kept file (generator/build/state.py): a JSON-able
        index, and the pages' Markdown one after the other as bytes, which the index
        gives the length and the hash of (JSON strings of 100 MB take seconds)."""
        index: list[list[Any]] = []
        chunks: list[bytes] = []
        for path, (digest, lookups, markdown) in sorted(self.pages.items()):
            data = markdown.encode("utf-8", "surrogatepass")
            index.append([path, digest, [list(looked) for looked in lookups], _hash(data)])
            index[-1].append(len(data))
            chunks.append(data)
        return {"site_key": self.site_key, "pages": index}, b"".join(chunks)

    @classmethod
    def from_parts(cls, document: Any, blob: bytes | memoryview) -> PageMemo:
        """The memo :meth:`to_parts` gave; ValueError or TypeError when ``document`` is not
        such an index (the caller ignores the file). Each page's Markdown is checked against
        its hash when it is reused (:class:`KeptPages`)."""
        if not isinstance(document, dict) or not isinstance(document.get("site_key"), str):
            raise TypeError("no site key")
        entries = document.get("pages")
        if not isinstance(entries, list):
            raise TypeError("no list of pages")
        pages: dict[str, tuple[str, tuple[Lookup, ...], str, int, int]] = {}
        start = 0
        for entry in entries:
            if not _is_entry(entry):
                raise TypeError(f"not a page: {str(entry)[:40]}")
            path, digest, lookups, markdown_hash, length = entry
            lookups = tuple((looked[0], looked[1], looked[2]) for looked in lookups)
            pages[path] = (digest, lookups, markdown_hash, start, length)
            start += length
        if start != len(blob):
            raise ValueError(f"the pages hold {start} bytes, the file {len(blob)}")
        return cls(document["site_key"], KeptPages(pages, blob))


class KeptPages(Mapping[str, Entry]):
    """The pages of a kept memo, as :attr:`PageMemo.pages`: each page's Markdown is sliced
    from the kept bytes only when asked for, and given only when its hash is the one the
    index records (else the page is missing, and rendered)."""

    def __init__(
        self,
        pages: dict[str, tuple[str, tuple[Lookup, ...], str, int, int]],
        blob: bytes | memoryview,
    ) -> None:
        self._pages, self._blob = pages, memoryview(blob)

    def __getitem__(self, path: str) -> Entry:
        digest, lookups, markdown_hash, start, length = self._pages[path]
        data = self._blob[start : start + length]
        if _hash(data) != markdown_hash:
            raise KeyError(path)
        try:
            markdown = str(data, "utf-8", "surrogatepass")
        except UnicodeDecodeError:
            raise KeyError(path) from None
        return digest, lookups, markdown

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)


def _is_entry(entry: Any) -> bool:
    """[path, inputs digest, lookups, Markdown hash, Markdown length], of those types."""
    return (
        isinstance(entry, list)
        and len(entry) == 5
        and all(isinstance(part, str) for part in entry[:2])
        and isinstance(entry[3], str)
        and type(entry[4]) is int
        and entry[4] >= 0
        and isinstance(entry[2], list)
        and all(
            isinstance(looked, list)
            and len(looked) == 3
            and all(isinstance(part, str) for part in looked)
            for looked in entry[2]
        )
    )


def _hash(data: bytes | memoryview) -> str:
    """The hash of a page's Markdown, as kept with it."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


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
