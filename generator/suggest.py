"""Did-you-mean suggestions, for messages that propose the fix.

Two tools for two sizes: :func:`did_you_mean` compares against a short list (field names,
options) with difflib; :class:`OneEditIndex` finds names one edit apart among thousands
(slugs, story ids) in linear time, by indexing every single-character deletion
(the SymSpell idea) instead of comparing all pairs.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence


def did_you_mean(word: str, choices: Sequence[str]) -> str:
    """``"; did you mean 'key_points'?"`` or ``""`` when nothing is close."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


class OneEditIndex:
    """Names at most one insertion, deletion or substitution away from a given word."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_variant: dict[str, set[str]] = defaultdict(set)
        for name in names:
            for variant in _variants(name):
                self._by_variant[variant].add(name)

    def near(self, word: str) -> list[str]:
        found: set[str] = set()
        for variant in _variants(word):
            found |= self._by_variant.get(variant, set())
        found.discard(word)
        return sorted(name for name in found if not _differs_only_in_a_number(word, name))


def _variants(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _differs_only_in_a_number(a: str, b: str) -> bool:
    """``fed-policy-2026`` and ``fed-policy-2027`` are different threads, not a typo."""
    if len(a) != len(b):
        return False
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return len(diffs) == 1 and diffs[0][0].isdigit() and diffs[0][1].isdigit()
