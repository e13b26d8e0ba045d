"""Did-you-mean suggestions, for messages that propose the fix.

Three tools for three sizes: :func:`did_you_mean` compares against a short list (field
names, options) with difflib; :class:`OneEditIndex` finds names one edit apart among
thousands (story ids) in linear time, by indexing every single-character deletion (the
SymSpell idea) instead of comparing all pairs; :class:`NameIndex` proposes the closest of
thousands of hyphenated names (brief slugs) from a word index, ranking only a few
candidates with difflib, so a run with hundreds of broken links does not compare each
with every slug (a difflib scan costs about 0.6 s per unknown slug at 10,000 briefs).
"""

from __future__ import annotations

import difflib
import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence


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
                for name in names:
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
