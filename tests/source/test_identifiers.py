"""Identifiers in the registries (generator/source/identifiers.py): each one's check digits
as its standard computes them, valid and mistyped examples, and the positioned message a
mistyped one gets in tickers.yaml or entities.yaml."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from stdnum.iso7064 import mod_97_10

from generator.build.pipeline import check
from generator.source.identifiers import (
    check_figi,
    check_https,
    check_isin,
    check_lei,
    check_mic,
    check_wikidata,
    mic_of_exchange,
)
from generator.source.registry import load_registry
from support import REPO, brief_yaml, briefs_settings

# Published identifiers: the issuers' own filings and the LEI, ISIN and FIGI registries.
VALID = [
    (check_isin, "US3453708600"),  # Ford Motor Company
    (check_isin, "US0378331005"),  # Apple
    (check_isin, "US37045V1008"),  # General Motors (a letter inside: V = 31)
    (check_lei, "20S05OYHG0MQM4VUIC57"),  # Ford Motor Company
    (check_lei, "HWUPKR0MPOU8FGXBT394"),  # Apple
    (check_figi, "BBG000B9XRY4"),  # Apple, common stock
    (check_mic, "XNYS"),
    (check_mic, "XNAS"),
    (check_mic, "XXXX"),  # ISO 10383's "no market": shape-valid, not in the small table
    (check_wikidata, "Q44294"),
    (check_https, "https://www.ford.com"),
]


@pytest.mark.parametrize(("check", "value"), VALID)
def test_published_identifiers_pass_their_check(check: object, value: str) -> None:
    assert check(value) == value  # type: ignore[operator]


MISTYPED = [
    (
        check_isin,
        "US3453708601",
        "'US3453708601' is not a valid ISIN: its check digit is '1', but its first 11 "
        "characters call for '0'",
    ),
    (  # two digits swapped: Luhn catches adjacent transpositions
        check_isin,
        "US3435708600",
        "'US3435708600' is not a valid ISIN: its check digit is '0', but its first 11 "
        "characters call for '3'",
    ),
    (
        check_lei,
        "20S05OYHG0MQM4VUIC75",
        "'20S05OYHG0MQM4VUIC75' is not a valid LEI: its check digits are '75', but its first "
        "18 characters call for '57'",
    ),
    (
        check_lei,
        "20S05OYHG0MQM4VUCI57",
        "'20S05OYHG0MQM4VUCI57' is not a valid LEI: its check digits are '57', but its first "
        "18 characters call for ",
    ),
    (
        check_figi,
        "BBG000B9XRY5",
        "'BBG000B9XRY5' is not a valid FIGI: its check digit is '5', but its first 11 "
        "characters call for '4'",
    ),
    (check_figi, "BBG000B9XAY4", "'BBG000B9XAY4' is not a FIGI: 12 characters"),  # a vowel
    (check_figi, "GBG000B9XRY4", "'GBG000B9XRY4' begins with 'GB', which no FIGI may"),
    (check_isin, "us3453708600", "did you mean 'US3453708600'?"),
    (check_isin, "ZZ3453708600", "'ZZ3453708600' is not a valid ISIN"),
    (check_isin, "US345370860", "'US345370860' is not an ISIN (ISO 6166): 2 letters"),
    (
        check_mic,
        "NYSE",
        "'NYSE' is the exchange's name, not its MIC (ISO 10383); did you mean 'XNYS'?",
    ),
    (check_mic, "Nasdaq", "did you mean 'XNAS'?"),
    (check_mic, "xnys", "'xnys' is not a MIC (ISO 10383): 4 capital letters or digits"),
    (check_mic, "XNYSE", "'XNYSE' is not a MIC"),
    (check_wikidata, "https://www.wikidata.org/wiki/Q44294", "write its Q-id alone: 'Q44294'"),
    (check_wikidata, "Q0", "'Q0' is not a Wikidata item id"),
    (check_https, "http://www.ford.com", "'http://www.ford.com' is not an https:// address"),
    (check_https, "javascript:alert(1)", "is not an https:// address"),
]


@pytest.mark.parametrize(("check", "value", "message"), MISTYPED)
def test_a_mistyped_identifier_says_what_was_expected(
    check: object, value: str, message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        check(value)  # type: ignore[operator]
    assert message in str(raised.value)


def test_an_isin_check_digit_that_is_off_is_always_caught() -> None:
    """Every wrong last digit of a real ISIN is refused, and only the right one passes."""
    accepted = []
    for digit in "0123456789":
        with contextlib.suppress(ValueError):
            accepted.append(check_isin("US037833100" + digit))
    assert accepted == ["US0378331005"]


def test_exchange_names_have_their_mic() -> None:
    assert [mic_of_exchange(name) for name in ("NYSE", "Nasdaq", " nasdaq ", "Bourse X")] == [
        "XNYS",
        "XNAS",
        "XNAS",
        None,
    ]


def test_wrong_identifiers_in_the_registries_are_positioned_errors(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {"a.yaml": brief_yaml()},
        {
            "tickers.yaml": (
                "F:\n"
                "  name: Ford Motor Company\n"
                "  exchange: NYSE\n"
                "  mic: NYSE\n"
                "  isin: US3453708601\n"
                "  figi: BBG000B9XRY5\n"
            ),
            "entities.yaml": (
                "Ford:\n"
                "  kind: company\n"
                "  lei: 20S05OYHG0MQM4VUIC75\n"
                "  wikidata: ford\n"
                "  url: http://www.ford.com\n"
            ),
        },
    )
    index, problems = check(settings)
    assert index is None
    data = tmp_path / "briefs" / "_data"
    assert sorted(p.format() for p in problems) == sorted(
        [
            f"{data / 'tickers.yaml'}:4:8: F.mic: 'NYSE' is the exchange's name, not its MIC "
            "(ISO 10383); did you mean 'XNYS'?",
            f"{data / 'tickers.yaml'}:5:9: F.isin: 'US3453708601' is not a valid ISIN: its "
            "check digit is '1', but its first 11 characters call for '0'; check the whole "
            "identifier against its source (the typo may be elsewhere)",
            f"{data / 'tickers.yaml'}:6:9: F.figi: 'BBG000B9XRY5' is not a valid FIGI: its "
            "check digit is '5', but its first 11 characters call for '4'; check the whole "
            "identifier against its source (the typo may be elsewhere)",
            f"{data / 'entities.yaml'}:3:8: Ford.lei: '20S05OYHG0MQM4VUIC75' is not a valid "
            "LEI: its check digits are '75', but its first 18 characters call for '57'; check "
            "the whole identifier against its source (the typo may be elsewhere)",
            f"{data / 'entities.yaml'}:4:13: Ford.wikidata: 'ford' is not a Wikidata item id: "
            "Q and a number, such as Q44294",
            f"{data / 'entities.yaml'}:5:8: Ford.url: 'http://www.ford.com' is not an "
            "https:// address; use https://...",
        ]
    )


def test_an_lei_of_digits_only_is_read_as_written(tmp_path: Path) -> None:
    """YAML reads 20 digits as a number; the identifier is the text written (leading
    zeros kept), checked like any other."""
    lei = "0" * 18 + mod_97_10.calc_check_digits("0" * 18)
    settings = briefs_settings(
        tmp_path,
        {"a.yaml": brief_yaml()},
        {"entities.yaml": f"Ford:\n  kind: company\n  lei: {lei}\n"},
    )
    index, problems = check(settings)
    assert [p.format() for p in problems] == []
    assert index is not None
    assert index.registry.entries("entities.yaml")["Ford"].lei == lei


def test_the_sample_registries_identifiers_are_valid() -> None:
    """Every identifier the sample site ships passes its own check (the registry loads)."""
    registry, problems = load_registry(REPO / "briefs")
    assert [p.format() for p in problems if p.severity == "error"] == []
    tickers = registry.entries("tickers.yaml")
    assert tickers["F"].isin == "US3453708600"
    assert tickers["F"].mic == "XNYS"
    assert registry.entries("entities.yaml")["Ford"].lei == "20S05OYHG0MQM4VUIC57"
