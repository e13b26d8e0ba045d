"""Did-you-mean (generator/suggest.py): the word index proposes what a difflib scan would."""

from __future__ import annotations

import difflib
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corpus.slug_typos import TYPOS, known_slugs, unknown_slugs
from generator.suggest import NameIndex, OneEditIndex, _best_match, did_you_mean

SLUGS = [
    "oil-climbs-on-supply-worries",
    "oil-majors-slip-as-crude-eases",
    "ford-xiaomi-ev-talks",
    "ford-shares-steady-after-xiaomi-denial",
    "january-payrolls-beat-expectations",
    "fed-holds-rates-steady-2026-01-28",
    "fed-holds-rates-steady-2025-12-10",
    "vanguard-cuts-fees-on-53-funds",
]


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("ford-xiaomi-ev-tals", "ford-xiaomi-ev-talks"),  # a dropped letter
        ("ford-xiaomii-ev-talks", "ford-xiaomi-ev-talks"),  # an extra letter
        ("ford-xiaomi-ev-tlaks", "ford-xiaomi-ev-talks"),  # swapped letters
        ("fordxiaomi-ev-talks", "ford-xiaomi-ev-talks"),  # a lost hyphen
        ("january-payrolls-beat", "january-payrolls-beat-expectations"),  # words left off
        ("ford-xiaomi-talks", "ford-xiaomi-ev-talks"),  # a missing word
        ("oil-climbs", "oil-climbs-on-supply-worries"),  # too short for difflib alone
        ("fed-holds-rates-steady-2026-01-29", "fed-holds-rates-steady-2026-01-28"),  # date
        ("vanguard-cuts-fees-on-35-funds", "vanguard-cuts-fees-on-53-funds"),
    ],
)
def test_realistic_typos_find_the_slug_meant(typo: str, meant: str) -> None:
    assert NameIndex(SLUGS).did_you_mean(typo) == f"; did you mean {meant!r}?"


def test_nothing_close_proposes_nothing() -> None:
    index = NameIndex(SLUGS)
    assert index.did_you_mean("quarterly-dividend-news") == ""
    assert index.did_you_mean("x") == ""
    assert NameIndex([]).did_you_mean("oil") == ""


def test_the_index_agrees_with_a_difflib_scan_on_synthetic_slugs() -> None:
    """300 synthetic slugs, 100 typos of each kind in turn: the same answer as the scan
    over every slug whenever the scan has one (it cannot match a word left off the end)."""
    known = known_slugs(300, seed=1)
    index = NameIndex(known)
    cases = unknown_slugs(random.Random(1), known, 100)
    assert {kind for kind, _, _ in cases} == set(TYPOS)
    differ = [
        (typo, scan, found)
        for _, typo, _ in cases
        if (scan := did_you_mean(typo, known)) and (found := index.did_you_mean(typo)) != scan
    ]
    assert differ == []


def test_one_edit_index_keeps_numbered_threads_apart() -> None:
    threads = OneEditIndex(["fed-policy-2026", "ford-china"])
    assert threads.near("fed-policy-2027") == []
    assert threads.near("ford-chna") == ["ford-china"]
    assert threads.within_one_edit("fed-policy-2027") == {"fed-policy-2026"}


WORDS = st.text(alphabet="abcde-", min_size=1, max_size=8)


@given(WORDS, st.lists(WORDS, max_size=12))
def test_best_match_is_what_get_close_matches_returns(word: str, names: list[str]) -> None:
    expected = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    assert _best_match(word, names, cutoff=0.6) == (expected[0] if expected else None)
