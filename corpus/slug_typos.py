"""Typos of brief slugs, as authors make them in ``related``: for the did-you-mean check
(generator/suggest.py), timed in benchmarks/suggest.py and checked in tests/test_suggest.py
against a difflib scan, on the synthetic briefs' slugs."""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Sequence

from corpus.synthetic import generate_briefs


def known_slugs(count: int, seed: int) -> list[str]:
    """The synthetic briefs' slugs; every fourth with its date as a suffix."""
    slugs = []
    for i, brief in enumerate(generate_briefs(count, seed)):
        day = str(brief.fields["date"])[:10]
        slugs.append(f"{brief.slug}-{day}" if i % 4 == 0 else brief.slug)
    return sorted(set(slugs))


def _dropped_letter(rng: random.Random, slug: str) -> str:
    i = rng.choice([i for i, c in enumerate(slug) if c.isalpha()])
    return slug[:i] + slug[i + 1 :]


def _extra_letter(rng: random.Random, slug: str) -> str:
    i = rng.randrange(1, len(slug))
    return slug[:i] + rng.choice(string.ascii_lowercase) + slug[i:]


def _swapped_letters(rng: random.Random, slug: str) -> str:
    pairs = [
        i for i in range(len(slug) - 1) if slug[i : i + 2].isalpha() and slug[i] != slug[i + 1]
    ]
    i = rng.choice(pairs)
    return slug[:i] + slug[i + 1] + slug[i] + slug[i + 2 :]


def _missing_word(rng: random.Random, slug: str) -> str:
    words = slug.split("-")
    del words[rng.randrange(1, len(words))]
    return "-".join(words)


def _wrong_date(rng: random.Random, slug: str) -> str:
    day = int(slug[-2:])
    return f"{slug[:-2]}{day + 1 if day < 28 else day - 1:02d}"


TYPOS: dict[str, Callable[[random.Random, str], str]] = {
    "dropped letter": _dropped_letter,
    "extra letter": _extra_letter,
    "swapped letters": _swapped_letters,
    "missing word": _missing_word,
    "wrong date suffix": _wrong_date,
}


def unknown_slugs(
    rng: random.Random, known: Sequence[str], count: int
) -> list[tuple[str, str, str]]:
    """``count`` (typo kind, unknown slug, the slug it was made from), kinds in turn."""
    existing = set(known)
    dated = [slug for slug in known if slug[-10:-8] == "20"]
    out: list[tuple[str, str, str]] = []
    kinds = list(TYPOS)
    while len(out) < count:
        kind = kinds[len(out) % len(kinds)]
        source = rng.choice(dated if kind == "wrong date suffix" else known)
        typo = TYPOS[kind](rng, source)
        if typo not in existing:
            out.append((kind, typo, source))
    return out
