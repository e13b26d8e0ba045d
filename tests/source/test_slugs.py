"""The one slug rule (generator/source/slugs.py): letters are transliterated or kept, never dropped."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.build.pipeline import check, generate
from generator.graph.mentions import MentionIndex
from generator.graph.taxonomies import Term
from generator.settings import Settings
from generator.source.loader import parse_brief_text
from generator.source.model import parse_brief
from generator.source.slugs import (
    RESERVED_SUFFIX,
    WINDOWS_RESERVED_NAMES,
    address_key,
    is_latin,
    slugify,
    term_slug,
    windows_reserved,
)
from generator.suggest import skeleton
from support import SiteFactory, brief_yaml, briefs_settings


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


# ruff: noqa: RUF001
# ---------------------------------------------------------------------------------------------
# Names and the addresses they make: never a Windows device name, never two addresses one
# case-insensitive file system holds as one, no invisible characters, look-alikes warned of,
# and file names that are not UTF-8 refused where `briefs check` and the build both see them.
#
# Letters of other scripts that look like Latin ones are this file's subject.


def _messages(settings: Settings, severity: str = "error") -> list[str]:
    _, problems = check(settings)
    return [p.format() for p in problems if p.severity == severity]


# ---------------------------------------------------------------------------------------------
# Windows device names.

DEVICE_NAMES = {
    "tickers": ["CON", "PRN", "AUX", "NUL", "COM1", "LPT9"],
    "category": "nul",
    "tags": ["Con", "com0"],
    "entities": ["Aux"],
    "byline": ["PRN"],
    "risks": [{"title": "Power", "text": "Outages.", "sectors": ["lpt9", "LPT1"]}],
}


def test_device_names_publish_with_a_suffix_and_never_as_a_folder(tmp_path: Path) -> None:
    settings = briefs_settings(tmp_path, {"devices.yaml": brief_yaml(**DEVICE_NAMES)})
    files = generate(settings).files
    parts = {part for path in files for part in path.split("/")}
    assert not [part for part in parts if windows_reserved(part)]
    for page in ["tickers/con_/index.md", "tickers/prn_/index.md", "categories/nul_/index.md"]:
        assert page in files
    for page in ["sectors/lpt9_/index.md", "tags/con_/index.md", "authors/prn_/index.md"]:
        assert page in files
    assert '"../../tickers/con_/"' in str(files["briefs/devices.md"])  # a chip, in HTML


def test_a_built_site_has_no_device_name_anywhere(site: SiteFactory) -> None:
    """The engine's own output (HTML, feeds, search files) as well as ours."""
    site.create({"devices.yaml": brief_yaml(**DEVICE_NAMES)})
    result = site.briefs("build")
    assert result.returncode == 0, result.stderr
    found = [
        path
        for path in (site.root / "site").rglob("*")
        if windows_reserved(path.name) or windows_reserved(path.stem)
    ]
    assert found == []
    assert (site.root / "site" / "tickers" / "con_" / "index.html").is_file()


@pytest.mark.parametrize("name", ["Ford", "CONE", "Con Ed", "com10", "lpt", "console", "NULL"])
def test_names_that_are_not_device_names_keep_their_address(name: str) -> None:
    slug = term_slug(name)
    assert not slug.endswith(RESERVED_SUFFIX)
    assert slug == "-".join(slug.split("-"))  # plain words, as before


DEVICE = st.builds(
    lambda word, cases, extension: (
        "".join(c.upper() if up else c for c, up in zip(word, cases, strict=False)) + extension
    ),
    st.sampled_from(sorted(WINDOWS_RESERVED_NAMES)),
    st.lists(st.booleans(), min_size=4, max_size=4),
    st.sampled_from(["", ".txt", ".tar.gz", " ", "."]),
)


@given(st.one_of(DEVICE, st.text(max_size=12)))
def test_no_term_slug_is_a_device_name_and_each_is_idempotent(name: str) -> None:
    slug = term_slug(name)
    assert not windows_reserved(slug)
    assert term_slug(slug) == slug


# ---------------------------------------------------------------------------------------------
# Two addresses that differ only in case or Unicode form.


def test_final_and_medial_sigma_are_an_error_naming_both(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {
            "a.yaml": brief_yaml(tags=["ΟΔΟΣ"]),
            "b.yaml": brief_yaml(title="B", tags=["ΟΔΟΣ"]),
            "c.yaml": brief_yaml(title="C", tags=["οδοσ"]),
        },
    )
    assert term_slug("ΟΔΟΣ") != term_slug("οδοσ")
    assert address_key(term_slug("ΟΔΟΣ")) == address_key(term_slug("οδοσ"))
    (error,) = _messages(settings)
    assert "briefs/c.yaml:" in error and ": tags[0]: 'οδοσ' (tags/οδοσ/) and 'ΟΔΟΣ'" in error
    assert "(tags/οδος/, used by " in error and "/briefs/b.yaml)" in error  # the newest
    assert "differ only in case or Unicode form" in error


def test_registry_names_that_differ_only_in_case_folding_are_an_error(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {"a.yaml": brief_yaml()},
        {"entities.yaml": "οδος: {kind: company}\nοδοσ: {kind: company}\n"},
    )
    (error,) = _messages(settings)
    assert "'οδοσ' and 'οδος' would share one page; keep one entry" in error


def test_a_name_in_two_unicode_forms_is_one_page(tmp_path: Path) -> None:
    composed = "한국 증시"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    settings = briefs_settings(
        tmp_path,
        {
            "a.yaml": brief_yaml(tags=[composed]),
            "b.yaml": brief_yaml(title="B", tags=[decomposed]),
        },
    )
    files = generate(settings).files
    tag_pages = [path for path in files if path.startswith("tags/") and path != "tags/index.md"]
    assert tag_pages == [f"tags/{term_slug(composed)}/index.md"]


# ---------------------------------------------------------------------------------------------
# Invisible format characters.

INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\u200e", "\u180e", "\U000e0041", "\u200d"]


@pytest.mark.parametrize("char", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("category", lambda name: name),
        ("tags", lambda name: [name]),
        ("entities", lambda name: [name]),
        ("byline", lambda name: [name]),
        ("risks", lambda name: [{"title": "R", "text": "T", "sectors": [name]}]),
    ],
)
def test_an_invisible_format_character_in_a_name_is_refused(
    tmp_path: Path, char: str, field: str, value: object
) -> None:
    name = f"Ap{char}ple"
    settings = briefs_settings(tmp_path, {"a.yaml": brief_yaml(**{field: value(name)})})  # type: ignore[operator]
    (error,) = _messages(settings)
    assert f"holds U+{ord(char):04X} (" in error
    assert "an invisible format character; a name may not hold one: remove it" in error


def test_registry_names_and_aliases_refuse_invisible_characters(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {"a.yaml": brief_yaml()},
        {
            "entities.yaml": '"Fo\\u200brd": {kind: company}\n'
            'Tesla: {kind: company, aliases: ["Te\\u00adsla Motors"]}\n',
            "authors.yaml": '"Ana\\u2060 Ruiz": {role: Reporter}\n',
        },
    )
    errors = _messages(settings)
    assert len(errors) == 3, errors
    assert all("an invisible format character" in error for error in errors)


def test_joiners_that_spell_words_are_kept(tmp_path: Path) -> None:
    """Persian writes some words with a zero-width non-joiner; Indic scripts and emoji
    sequences use the joiner."""
    names = ["می\u200cخواهم", "क्\u200dष", "👩\u200d💻"]
    settings = briefs_settings(tmp_path, {"a.yaml": brief_yaml(tags=names)})
    assert _messages(settings) == []


# ---------------------------------------------------------------------------------------------
# Names that look alike.


def test_a_cyrillic_lookalike_is_a_warning_proposing_the_name_most_briefs_use(
    tmp_path: Path,
) -> None:
    settings = briefs_settings(
        tmp_path,
        {
            "a.yaml": brief_yaml(tags=["apple"], entities=["BYD"]),
            "b.yaml": brief_yaml(title="B", tags=["apple"]),
            "c.yaml": brief_yaml(title="C", tags=["\u0430pple"], entities=["\u0412\u0423D"]),
        },
    )
    assert _messages(settings) == []
    warnings = _messages(settings, "warning")
    assert len(warnings) == 2, warnings
    tag = next(w for w in warnings if "tags[0]" in w)
    assert "briefs/c.yaml:" in tag
    assert "looks like 'apple' (U+0430 CYRILLIC SMALL LETTER A)" in tag
    assert tag.endswith("did you mean 'apple'?")
    entity = next(w for w in warnings if "entities[0]" in w)
    assert "did you mean 'BYD'?" in entity


def test_names_that_merely_share_letters_are_not_lookalikes(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {
            "a.yaml": brief_yaml(tags=["Москва", "Mockba"]),  # another word, another look
            "b.yaml": brief_yaml(title="B", tags=["F1", "Fl"]),  # ASCII: left alone
        },
    )
    assert skeleton("Москва") != skeleton("Mockba")
    assert _messages(settings, "warning") == []


def test_skeletons_group_confusables_as_unicode_defines_them() -> None:
    assert skeleton("paypal") == skeleton("\u0440\u0430\u0443\u0440\u0430l")
    assert skeleton("modern") == skeleton("rnodern")
    assert skeleton("Apple") != skeleton("apple")  # case is visible
    assert skeleton("a\u200bb") == skeleton("ab")  # ignorables draw nothing


# ---------------------------------------------------------------------------------------------
# File names that are not UTF-8.


def test_a_file_name_that_is_not_utf8_fails_check_and_build_alike(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()})
    briefs = os.fsencode(site.root / "briefs")
    with open(os.path.join(briefs, b"caf\xe9.yaml"), "w", encoding="utf-8") as handle:
        handle.write(brief_yaml(title="Cafe"))
    os.mkdir(os.path.join(briefs, b"d\xff"))
    with open(os.path.join(briefs, b"d\xff", b"x.yaml"), "w", encoding="utf-8") as handle:
        handle.write(brief_yaml(title="X"))
    file_error = "briefs/caf\\udce9.yaml:1:1: the file name is not valid UTF-8 (byte 0xe9)"
    folder_error = "briefs/d\\udcff: the folder name is not valid UTF-8 (byte 0xff)"
    checked = site.briefs("check")
    assert checked.returncode == 1
    assert file_error in checked.stderr and folder_error in checked.stderr
    generated = site.briefs("generate", "--out", "out")
    assert generated.returncode == 1
    assert file_error in generated.stderr and folder_error in generated.stderr
    assert "surrogates" not in generated.stderr and "template" not in generated.stderr


# ---------------------------------------------------------------------------------------------
# First mentions are names in running text, never parts of an address typed as text.

FORD = Term("entity", "Ford", "ford", ())
MENTIONS = MentionIndex(
    tickers={"F": Term("ticker", "F", "f", ()), "GM": Term("ticker", "GM", "gm", ())},
    names={"Ford": FORD},
)


@pytest.mark.parametrize(
    "text",
    [
        "https://example.com/F",
        "https://example.com/(F)",
        "https://example.com/$F",
        "http://x.example/path?q=(F)&r=$GM",
        "www.ford.com/Ford/news",
        "https://www.ford.com/Ford",
        "example.com/(F)",
        "ir.ford.com/Ford",
        "mailto:Ford@example.com",
        "See <https://example.com/(F)>.",
    ],
)
def test_nothing_inside_a_bare_address_is_a_mention(text: str) -> None:
    assert MENTIONS.find(text) == []


def test_mentions_around_an_address_are_still_found() -> None:
    text = "Ford (F) said so at https://example.com/(F) and www.ford.com/Ford; then (GM)."
    found = [(text[m.start : m.end], m.term.slug) for m in MENTIONS.find(text)]
    assert found == [("Ford", "ford"), ("F", "f"), ("GM", "gm")]


def test_a_built_page_never_links_inside_an_address(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {
            "a.yaml": brief_yaml(
                tickers=["F"],
                entities=["Ford"],
                summary="Filing at https://example.com/(F) and www.ford.com/Ford/ir; Ford (F) rose.",
            )
        },
        {"entities.yaml": "Ford: {kind: company}\n"},
    )
    page = str(generate(settings).files["briefs/a.md"])
    body = next(line for line in page.splitlines() if line.startswith("Filing at"))
    assert body.count("](") == 2
    assert "https&#58;//example.com/(F) and www.ford.com/Ford/ir;" in body
    assert "[Ford](../entities/ford/index.md) ([F](../tickers/f/index.md)) rose." in body
