"""First mentions: in a brief's body text, the first mention of a known ticker or entity
links to its page.

What counts as a mention, as newsrooms write them:

- a ticker symbol as a cashtag, ``$F``, or in parentheses, ``(F)``, ``(NYSE: F)``, ``(Nasdaq:
  NVDA)``; the symbol must be one that has a page (a published brief names it), compared as
  written (``F``, ``BRK.B``, ``0700``); only the symbol (with its ``$``) becomes the link;
- a registered entity's name or one of its aliases (briefs/_data/entities.yaml), as a whole
  phrase (``Ford`` in "Ford's", never in "Fordham"), matched as written, longest first (``Exxon
  Mobil`` before ``Exxon``), when the entity has a page.

Each term is linked once per page, at its first mention in reading order (the template calls
the finder field by field, top to bottom). Nothing inside an address typed as text is a
mention (``https://example.com/F``, ``www.ford.com/Ford``, ``example.com/(F)``): a link
there would cut the address in two. This module only finds spans; generator/source/markup.py
decides where a span may become a link (never inside an author's link, never in a heading or a
title, which templates do not pass through the finder) and writes the link text escaped like
any other brief text, so a mention can never turn text into markup.

Cost: one regular-expression pass per text, built once per site as a trie of the names, so it
grows with the text, not with the number of entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generator.graph.index import SiteIndex
from generator.graph.taxonomies import TAXONOMIES, Term
from generator.source.markup import BARE_ADDRESS

_SYMBOL = r"[A-Z0-9]*(?:[.\-][A-Z0-9]+)*"  # after the first character: BRK.B, 0700, RDS-A
_TICKER = re.compile(
    rf"(?<![\w$])\$(?P<cashtag>[A-Z]{_SYMBOL})(?![\w$])"  # $F: a letter first ($100 is money)
    rf"|\((?:[A-Z][A-Za-z]{{1,9}}:\s?)?(?P<quoted>[A-Z0-9]{_SYMBOL})\)"  # (F), (NYSE: F)
)
# Around a name: not inside a longer word, nor glued to the symbols company names use.
_BEFORE, _AFTER = r"(?<![\w&+@])", r"(?![\w&+])"
_ADDRESS = re.compile(rf"{BARE_ADDRESS.pattern}|(?<![\w.@-])[\w-]+(?:\.[\w-]+)+/\S*")
"""An address typed as text: with a scheme or ``www.`` (as the Markdown side reads one),
or a host name with a path (``example.com/F``), up to the next space."""


@dataclass(frozen=True)
class Mention:
    """A span of text that names ``term``."""

    start: int
    end: int
    term: Term


@dataclass(frozen=True)
class MentionIndex:
    """What body text can mention on this site: tickers by symbol, entities by name."""

    tickers: Mapping[str, Term]
    names: Mapping[str, Term]
    _names: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern = _trie_pattern(self.names) if self.names else None
        regex = re.compile(f"{_BEFORE}(?:{pattern}){_AFTER}") if pattern else None
        object.__setattr__(self, "_names", regex)

    @classmethod
    def of(cls, index: SiteIndex) -> MentionIndex:
        """The symbols and the registered names (and aliases) that have a page here, of the
        taxonomies whose terms body text names (``Taxonomy.symbols``, ``named_in_text``)."""
        tickers: dict[str, Term] = {}
        names: dict[str, Term] = {}
        for taxonomy in TAXONOMIES.values():
            if taxonomy.name not in index.taxonomies:
                continue
            if taxonomy.symbols:
                tickers |= {term.name: term for term in index.terms(taxonomy.name)}
            if taxonomy.named_in_text and taxonomy.registry:
                for name, entry in index.registry.entries(taxonomy.registry).items():
                    term = index.term_named(taxonomy.name, name)
                    if term is not None:
                        for spelling in (name, *getattr(entry, "aliases", ())):
                            names.setdefault(spelling, term)
        return cls(tickers, names)

    def finder(self) -> MentionFinder:
        """A finder for one page: it links each term once."""
        return MentionFinder(self)

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, in order, none overlapping another."""
        found = [
            # A cashtag's link takes its dollar sign; a quoted symbol's, only the symbol.
            Mention(match.start(group) - (group == "cashtag"), match.end(group), term)
            for match in _TICKER.finditer(text)
            for group in ("cashtag", "quoted")
            if match.group(group) and (term := self.tickers.get(match.group(group)))
        ]
        if self._names is not None:
            found += [
                Mention(match.start(), match.end(), self.names[match.group()])
                for match in self._names.finditer(text)
            ]
        found.sort(key=lambda mention: (mention.start, -mention.end))
        kept: list[Mention] = []
        for mention in _outside_addresses(found, text):
            if not kept or mention.start >= kept[-1].end:
                kept.append(mention)
        return kept


def _outside_addresses(found: list[Mention], text: str) -> list[Mention]:
    """The mentions (in order) that overlap no address typed as text; one pass over both."""
    if "/" not in text and ":" not in text and "www." not in text.lower():
        return found  # most text: no address at all
    addresses = [(match.start(), match.end()) for match in _ADDRESS.finditer(text)]
    kept, n = [], 0
    for mention in found:
        while n < len(addresses) and addresses[n][1] <= mention.start:
            n += 1
        if n == len(addresses) or mention.end <= addresses[n][0]:
            kept.append(mention)
    return kept


@dataclass
class MentionFinder:
    """The first mention of each term on one page, found text by text in reading order."""

    index: MentionIndex
    linked: set[tuple[str, str]] = field(default_factory=set)

    def __call__(self, text: str) -> list[Mention]:
        first = []
        for mention in self.index.find(text):
            key = (mention.term.taxonomy, mention.term.slug)
            if key not in self.linked:
                self.linked.add(key)
                first.append(mention)
        return first


_Trie = dict[str, "_Trie"]


def _trie_pattern(words: Iterable[str]) -> str:
    """One regular expression matching any of ``words``, longest first, as a trie: the
    engine follows one branch per character instead of trying every word in turn."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Trie) -> str:
        branches = [re.escape(c) + pattern(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(trie)
