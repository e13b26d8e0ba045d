"""The one slug rule (generator/source/slugs.py): letters are transliterated or kept, never dropped."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.source.loader import parse_brief_text
from generator.source.model import parse_brief
from generator.source.slugs import RESERVED_SUFFIX, is_latin, slugify, term_slug
from support import brief_yaml


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Øresund", "oresund"),
        ("Straße", "strasse"),
        ("Ærø", "aero"),
        ("Đà Nẵng", "da-nang"),
        ("Énergie & Matières", "energie-matieres"),
        ("Stock Markets", "stock-markets"),
        ("Funds & ETFs", "funds-etfs"),
        ("Moody's", "moody-s"),
        ("AT&amp;T", "at-amp-t"),  # brief text, not HTML
    ],
)
def test_latin_letters_are_transliterated(name: str, slug: str) -> None:
    assert slugify(name) == slug
    assert term_slug(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("市场", "市场"),
        ("Москва", "москва"),
        ("हिन्दी समाचार", "हिन्दी-समाचार"),  # vowel signs and viramas are part of the word
        ("BYD 比亚迪", "byd-比亚迪"),  # mixed: each script's letters, none dropped
        ("Ærø市场", "aero-市场"),
    ],
)
def test_other_scripts_keep_their_own_words_in_term_slugs(name: str, slug: str) -> None:
    assert term_slug(name) == slug
    assert slugify(name) == ""  # a brief slug is [a-z0-9-]: the author sets 'slug:'


def test_a_name_of_symbols_gets_a_stable_short_id() -> None:
    assert term_slug("🚀") == term_slug("🚀") != term_slug("📉")
    assert term_slug("🚀").startswith("t-") and len(term_slug("🚀")) == 10
    assert slugify("🚀") == slugify("..//") == ""


def test_sample_category_addresses_are_unchanged() -> None:
    sample = {"Autos", "Economy", "Energy", "Stock Markets", "Technology"}
    assert {term_slug(name) for name in sample} == {
        "autos",
        "economy",
        "energy",
        "stock-markets",
        "technology",
    }


def test_file_names_transliterate_and_other_scripts_ask_for_a_slug() -> None:
    raw, _ = parse_brief_text(Path("Øresund-bridge-tolls.yaml"), brief_yaml())
    assert raw is not None
    brief, problems = parse_brief(raw)
    assert problems == [] and brief is not None and brief.slug == "oresund-bridge-tolls"
    raw, _ = parse_brief_text(Path("市场-report.yaml"), brief_yaml())
    assert raw is not None
    _, problems = parse_brief(raw)
    assert [p.format() for p in problems] == [
        "市场-report.yaml:1:1: the file name '市场-report.yaml' makes no usable slug "
        "(letters with no Latin spelling: 市场); add a 'slug:' field"
    ]


# ---------------------------------------------------------------------------------------------
# Properties, over any text hypothesis finds, with Latin-heavy text weighted in.

LATIN = st.characters(min_codepoint=0x20, max_codepoint=0x24F)
ANY_TEXT = st.one_of(st.text(LATIN, max_size=30), st.text(max_size=30))


def _letters(text: str) -> list[str]:
    return [c for c in unicodedata.normalize("NFKC", text) if c.isalpha()]


@given(ANY_TEXT)
def test_a_term_slug_is_never_empty_and_is_idempotent(name: str) -> None:
    slug = term_slug(name)
    assert slug and slug == term_slug(slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug


@given(ANY_TEXT)
def test_a_brief_slug_is_ascii_and_idempotent(name: str) -> None:
    slug = slugify(name)
    assert slug == slugify(slug)
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    # A term named like a Windows device publishes at its slug with a suffix; a brief
    # cannot have such a slug at all (the model refuses it, saying why).
    assert slug == "" or slug == term_slug(name) or term_slug(name) == slug + RESERVED_SUFFIX


@given(ANY_TEXT)
def test_every_letter_contributes(name: str) -> None:
    """No letter is dropped: each Latin letter's spelling is in the slug, in order, and the
    slug has at least as many letters and digits as the name has letters."""
    slug = term_slug(name)
    letters = _letters(name)
    if not letters:
        return
    assert sum(c.isalnum() for c in slug) >= len(letters)
    rest = slug
    for letter in letters:
        if is_latin(letter) and (spelt := slugify(letter)):
            assert spelt in rest, (letter, slug)
            rest = rest[rest.index(spelt) + len(spelt) :]


@pytest.mark.parametrize("name", ["\ufdfa" * 10, "ж" * 199, "ß" * 150, "a" * 300])
def test_a_long_name_gets_an_address_a_file_system_can_hold(name: str) -> None:
    slug = term_slug(name)
    assert 0 < len(slug.encode("utf-8")) <= 120
    assert term_slug(name) == slug  # stable
    assert term_slug(name + "x") != slug  # two long names sharing a start stay apart
