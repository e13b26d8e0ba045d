"""Did-you-mean suggestions, for messages that propose the fix.

Three tools for three sizes, and one for names that look alike: :func:`did_you_mean`
compares against a short list (field names, options) with difflib; :class:`OneEditIndex`
finds names one edit apart among thousands (story ids) in linear time, by indexing every
single-character deletion (the SymSpell idea) instead of comparing all pairs;
:class:`NameIndex` proposes the closest of thousands of hyphenated names (brief slugs) from
a word index, ranking only a few candidates with difflib, so a run with hundreds of broken
links does not compare each with every slug (a difflib scan costs about 0.6 s per unknown
slug at 10,000 briefs). :func:`skeleton` is what a name looks like (Unicode's UTS #39), so
names that look the same (``apple``, and ``apple`` with a Cyrillic ``a``, U+0430) are
found by grouping, never by comparing pairs.
"""

from __future__ import annotations

import difflib
import heapq
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """``"; did you mean 'key_points'?"`` or ``""`` when nothing is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class OneEditIndex:
    """Names at most one insertion, deletion or substitution (or a swap of two neighbouring
    letters) away from a given word."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_variant: dict[str, set[str]] = defaultdict(set)
        for name in names:
            for variant in _variants(name):
                self._by_variant[variant].add(name)

    def near(self, word: str) -> list[str]:
        """Other names one edit away; two numbers that differ (``fed-policy-2026`` and
        ``fed-policy-2027``) are not taken for a typo of each other."""
        found = self.within_one_edit(word)
        found.discard(word)
        return sorted(name for name in found if not _differs_only_in_a_number(word, name))

    def within_one_edit(self, word: str) -> set[str]:
        """Every name one edit away or equal, numbers included."""
        found: set[str] = set()
        for variant in _variants(word):
            found |= self._by_variant.get(variant, set())
        return found


class NameIndex:
    """The closest of many hyphenated names (brief slugs) to a word that is not one of them.

    Built once in one pass: each name's words (``ford``, ``xiaomi``, ``ev``, ``talks``), and
    a :class:`OneEditIndex` of the words themselves, so a typo inside a word (a dropped,
    extra, wrong or swapped letter) still finds it. The candidates for a word are the names
    that share the most *rare* words with it (each shared word weighs log(N / names with
    it), so ``ford`` counts and ``the`` hardly does); only the best :attr:`LIMIT` of them are
    compared with difflib, with the ratio and cutoff of :func:`did_you_mean`. A word that
    is a name with its last words left off (``oil-climbs`` for
    ``oil-climbs-on-supply-worries``), which difflib scores too low, is proposed too.
    """

    RAREST = 3
    """Words of the unknown name whose lists of names are walked for candidates."""
    LIMIT = 20
    """Candidates compared with difflib per word: enough for near-identical names (the
    same headline on another day, ``-2`` suffixes) to be compared together."""
    WALK = 500
    """Names taken from one word's list to bring candidates in. A list longer than this
    belongs to a word too common to tell names apart (``company`` in 9,000 entity names):
    walking it whole for every unknown word made a look-up cost as much as a scan, and
    thousands of look-ups quadratic. So a look-up costs at most ``RAREST * WALK`` scores,
    however many names share its words."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names: dict[str, frozenset[str]] = {name: frozenset(_words(name)) for name in names}
        self._by_word: dict[str, list[str]] = defaultdict(list)
        for name, words in self._names.items():
            for word in words:
                self._by_word[word].append(name)
        self._vocabulary = OneEditIndex(self._by_word)

    def did_you_mean(self, word: str) -> str:
        """``"; did you mean 'oil-climbs-on-supply-worries'?"`` or ``""``."""
        found = self.closest(word)
        return f"; did you mean {found!r}?" if found else ""

    def closest(self, word: str) -> str | None:
        candidates = [name for name in self.candidates(word) if name != word]
        if (best := _best_match(word, candidates, cutoff=0.6)) is not None:
            return best
        longer = [name for name in candidates if name.startswith(f"{word}-")]
        return min(longer, key=len) if longer else None

    def candidates(self, word: str) -> list[str]:
        """The names most worth comparing with ``word``, at most :attr:`LIMIT`.

        The :attr:`RAREST` rarest of its words bring candidates in: a typo changes one word
        (a letter, a date, a word left out), so the name meant shares at least one of
        them. Commoner words (``the``, ``2026``) only rank those candidates: walking their
        lists of names would cost as much as a scan.
        """
        matched = {
            known
            for part in _words(word)
            for known in (
                [part] if part in self._by_word else self._vocabulary.within_one_edit(part)
            )
        }
        total = len(self._names) + 1
        scores: dict[str, float] = {}
        for rank, known in enumerate(sorted(matched, key=lambda w: (len(self._by_word[w]), w))):
            names = self._by_word[known]
            weight = math.log(total / len(names))
            if rank < self.RAREST or len(names) <= self.LIMIT:
                for name in names[: self.WALK]:
                    scores[name] = scores.get(name, 0.0) + weight
            elif len(names) < len(scores):
                for name in names:
                    if name in scores:
                        scores[name] += weight
            else:
                for name in scores:
                    if known in self._names[name]:
                        scores[name] += weight
        return heapq.nlargest(self.LIMIT, scores, key=scores.__getitem__)


def _best_match(word: str, names: Iterable[str], cutoff: float) -> str | None:
    """``difflib.get_close_matches(word, names, n=1, cutoff)[0]``, with fewer full
    comparisons: ``quick_ratio`` bounds ``ratio`` from above, so names are compared in
    the order of their bound and the search stops when no bound can beat the best."""
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    bounded: list[tuple[float, str]] = []
    for name in names:
        matcher.set_seq1(name)
        if matcher.real_quick_ratio() >= cutoff and (bound := matcher.quick_ratio()) >= cutoff:
            bounded.append((bound, name))
    best: tuple[float, str] | None = None
    for bound, name in sorted(bounded, reverse=True):
        if best is not None and bound < best[0]:
            break
        matcher.set_seq1(name)
        if (ratio := matcher.ratio()) >= cutoff and (best is None or (ratio, name) > best):
            best = (ratio, name)
    return best[1] if best else None


def _words(name: str) -> list[str]:
    return [word for word in re.split(r"[-_.\s]+", name) if word]


def _variants(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _differs_only_in_a_number(a: str, b: str) -> bool:
    """``fed-policy-2026`` and ``fed-policy-2027`` are different threads, not a typo."""
    if len(a) != len(b):
        return False
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diffs) == 1 and diffs[0][0].isdigit() and diffs[0][1].isdigit()


# ---------------------------------------------------------------------------------------------
# Names that look alike: UTS #39 skeletons.


def skeleton(name: str) -> str:
    """What ``name`` looks like, as Unicode's *skeleton* (UTS #39, section 4): two names
    with one skeleton can be taken for each other (``apple``, and ``apple`` with a Cyrillic
    ``a``, U+0430; ``BYD``, and ``BYD`` in Cyrillic capitals). Case is kept: ``Apple`` and ``apple``
    do not look alike (and are one term anyway: generator/source/slugs.py).

    The algorithm: NFD, drop default-ignorable characters, replace each character by its
    prototype in Unicode's confusables data, NFD again. The data comes from the
    ``confusable_homoglyphs`` package (see :func:`_prototypes`)."""
    prototypes = _prototypes()
    text = unicodedata.normalize("NFD", name)
    mapped = "".join(prototypes.get(char, char) for char in _IGNORABLE.sub("", text))
    return unicodedata.normalize("NFD", mapped)


_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
"""Unicode's default-ignorable code points (DerivedCoreProperties.txt): they draw nothing,
so UTS #39 leaves them out of a skeleton."""


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Character -> the prototype it is confusable with, from Unicode's confusables.txt as
    the maintained ``confusable_homoglyphs`` package ships it (read on first use: 900 KB).

    That package keeps each line of the file (a character and its prototype) in both
    directions, for its own per-character checks. A character maps to one prototype, and
    a prototype is never mapped, so the characters that share a prototype are a star: a
    single-character star is found as a connected group and mapped to one member of it
    (any member would do: a skeleton is only compared with other skeletons); a prototype
    of several characters (``m`` -> ``rn``) is kept as it is. The data wraps
    right-to-left characters in U+200E marks for display; they are removed."""
    from confusable_homoglyphs.confusables import confusables_data

    unwrap = str.maketrans("", "", "\u200e\u200f")
    parent: dict[str, str] = {}

    def root(char: str) -> str:
        while parent.setdefault(char, char) != char:
            parent[char] = parent[parent[char]]
            char = parent[char]
        return char

    longer: dict[str, str] = {}
    for key, entries in confusables_data.items():
        first = key.translate(unwrap)
        for entry in entries:
            other = str(entry["c"]).translate(unwrap)
            if len(first) == 1 and len(other) == 1:
                parent[root(first)] = root(other)
            elif len(first) == 1 and other:
                longer[first] = other
            elif len(other) == 1 and first:
                longer[other] = first
    groups: dict[str, list[str]] = defaultdict(list)
    for char in list(parent):
        groups[root(char)].append(char)
    table = {
        char: min(members, key=_plainest)
        for members in groups.values()
        for char in members
        if len(members) > 1
    }
    table.update(longer)
    return {char: shown for char, shown in table.items() if char != shown}


def _plainest(char: str) -> tuple[bool, bool, int]:
    """The member a group of look-alikes is shown as: one NFD leaves as it is, ASCII first."""
    return (unicodedata.normalize("NFD", char) != char, not char.isascii(), ord(char))
