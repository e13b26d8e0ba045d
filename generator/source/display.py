"""The one title-case rule: a name made from an id, or written in lower case, as a copy desk
would set it.

A story id (``us-labor-market-2026``) or a sector written as briefs write it (``real
estate``) names a page, a chip, a feed and a tab when no registry names it
(``stories.yaml``, ``sectors.yaml``): :func:`title_case` makes that name ``US Labor Market
2026`` and ``Real Estate``. Every word is capitalised but the short words inside a name
(``and``, ``of``, ``the``, ``in``...); a word the rule knows is spelt its own way (``AI``,
``US``, ``ETF``, ``Fed``, ``BoJ``), plurals of acronyms too (``ETFs``); a word the author
wrote with a capital letter (``iPhone``, ``ETFs``, ``China``) is kept as written. A site adds
words of its own with the ``title_words`` setting (generator/settings.py).

The rule cannot know a hyphen from a space in an id (``f-150`` reads ``F 150``): a story
or sector that needs one is named in its registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

KNOWN_WORDS = [
    *("AI", "AGI", "API", "ASEAN", "BoE", "BoJ", "CEO", "CFO", "COO", "CPI", "CPU", "CTO"),
    *("DOJ", "ECB", "EPA", "EPS", "ESG", "ETF", "EU", "EV", "FAA", "FCC", "FDA", "Fed"),
    *("FOMC", "FTC", "GDP", "GPU", "HR", "IEA", "IMF", "IPO", "IRS", "LLC", "LLM", "LNG"),
    *("M&A", "NATO", "NYSE", "OECD", "OPEC", "OPEC+", "PBoC", "PCE", "PMI", "PPI", "REIT"),
    *("SEC", "SNB", "SPAC", "UAE", "UAW", "UK", "UN", "US", "USA", "VC", "WTI", "WTO"),
]
"""Words spelt their own way in any name the rule makes: acronyms and institutions' short
names. ``Nasdaq`` needs no entry (it is a plain capitalised word)."""

SMALL_WORDS = frozenset(
    [
        *("a", "an", "and", "as", "at", "but", "by", "for", "in", "nor", "of", "on", "or"),
        *("per", "the", "to", "via", "vs"),
    ]
)
"""Articles, conjunctions and prepositions of three letters or fewer (AP's rule, the one the
briefs' headlines follow: ``Ford Leans Into Hybrids``): lower case inside a name,
capitalised first and last (``Oil and Gas``, ``What It Comes Down To``)."""

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")
"""An id (``ford-china-partnerships``): its hyphens are the spaces between words."""
_NUMBERED = re.compile(r"(?:[qh][1-4]|\d+[a-z])")
"""``q1`` (a quarter), ``h2`` (a half), ``5g``, ``3d``: set in capitals."""


def title_case(text: str, words: Iterable[str] = ()) -> str:
    """``ai-chip-demand`` -> ``AI Chip Demand``; ``ford-china-partnerships`` -> ``Ford
    China Partnerships``; ``real estate`` -> ``Real Estate``; ``oil-and-gas`` -> ``Oil and
    Gas``. ``words``: the site's own spellings, added to :data:`KNOWN_WORDS` (``["LNG",
    "iPhone"]``). A name already in title case is returned as it is."""
    return _title_case(text, tuple(words))


@lru_cache(maxsize=1 << 14)
def _title_case(text: str, words: tuple[str, ...]) -> str:
    known = _known(words)
    names = [
        name.split("-") for name in (text.split("-") if _ID.fullmatch(text) else text.split(" "))
    ]
    first, last = (0, 0), (len(names) - 1, len(names[-1]) - 1)
    return " ".join(
        "-".join(_word(part, known, edge=(i, j) in (first, last)) for j, part in enumerate(parts))
        for i, parts in enumerate(names)
    )


@lru_cache(maxsize=64)
def _known(words: tuple[str, ...]) -> dict[str, str]:
    return {word.casefold(): word for word in (*KNOWN_WORDS, *words)}


def _word(word: str, known: dict[str, str], *, edge: bool) -> str:
    """One word: as the site spells it, kept when written with a capital, the acronym's
    plural, a short word inside the name in lower case, otherwise capitalised."""
    folded = word.casefold()
    if folded in known:
        return known[folded]
    if word != word.lower():
        return word  # the author's capitals (ETFs, iPhone, China) are meant
    if folded.endswith("s") and (single := known.get(folded[:-1])) and single.isupper():
        return single + "s"  # ETFs, EVs, IPOs
    if _NUMBERED.fullmatch(word):
        return word.upper()
    if not edge and word in SMALL_WORDS:
        return word
    return word[:1].upper() + word[1:]
