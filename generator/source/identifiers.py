"""Identifiers of listed companies and their securities, checked as the standards define
them, for the registries (generator/source/registry.py): a ticker's ``mic`` (ISO 10383),
``isin`` (ISO 6166) and ``figi`` (OpenFIGI); an entity's ``lei`` (ISO 17442), ``wikidata``
(a Q-id) and ``url``.

A mistyped identifier is worse than none: a wire customer matches a brief to a security by
it, so an ISIN off by one digit files the story under another company. Each of the three
with a check digit is refused when that digit is wrong, and the message says which digit
the rest of the identifier calls for (the mistake is usually elsewhere: a swapped pair).
The check digits are python-stdnum's (maintained, pure Python, each algorithm tested
against the standards' examples); the shapes are checked here first, so a message can say
what the identifier should look like.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from stdnum import figi as stdnum_figi
from stdnum import isin as stdnum_isin
from stdnum.exceptions import InvalidComponent
from stdnum.iso7064 import mod_97_10

from generator.errors import excerpt

# ---------------------------------------------------------------------------------------------
# MIC: ISO 10383 Market Identifier Code.

MIC_PATTERN = re.compile(r"^[A-Z0-9]{4}$")

KNOWN_MICS: dict[str, str] = {
    "XNYS": "New York Stock Exchange",
    "XNAS": "Nasdaq",
    "XASE": "NYSE American",
    "ARCX": "NYSE Arca",
    "BATS": "Cboe BZX",
    "XLON": "London Stock Exchange",
    "XTSE": "Toronto Stock Exchange",
    "XETR": "Xetra",
    "XFRA": "Frankfurt Stock Exchange",
    "XPAR": "Euronext Paris",
    "XAMS": "Euronext Amsterdam",
    "XMIL": "Borsa Italiana",
    "XMAD": "Bolsa de Madrid",
    "XSWX": "SIX Swiss Exchange",
    "XSTO": "Nasdaq Stockholm",
    "XTKS": "Tokyo Stock Exchange",
    "XHKG": "Hong Kong Exchanges",
    "XSHG": "Shanghai Stock Exchange",
    "XSHE": "Shenzhen Stock Exchange",
    "XKRX": "Korea Exchange",
    "XASX": "ASX",
    "XBOM": "BSE (Bombay)",
    "XNSE": "National Stock Exchange of India",
    "XSES": "Singapore Exchange",
    "XJSE": "Johannesburg Stock Exchange",
    "BVMF": "B3 (Brasil Bolsa Balcao)",
}
"""MICs of the exchanges most briefs name; ISO 10383 lists some 2,500 more, which are
accepted by their shape alone (the list changes monthly and is not shipped here)."""

EXCHANGE_MICS: dict[str, str] = {
    "NYSE": "XNYS",
    "NEW YORK STOCK EXCHANGE": "XNYS",
    "NASDAQ": "XNAS",
    "NYSE AMERICAN": "XASE",
    "AMEX": "XASE",
    "NYSE ARCA": "ARCX",
    "LSE": "XLON",
    "LONDON STOCK EXCHANGE": "XLON",
    "TSX": "XTSE",
    "XETRA": "XETR",
    "FWB": "XFRA",
    "EURONEXT PARIS": "XPAR",
    "EURONEXT AMSTERDAM": "XAMS",
    "SIX": "XSWX",
    "TSE": "XTKS",
    "HKEX": "XHKG",
    "SEHK": "XHKG",
    "SSE": "XSHG",
    "SZSE": "XSHE",
    "KRX": "XKRX",
    "ASX": "XASX",
    "BSE": "XBOM",
    "NSE": "XNSE",
    "SGX": "XSES",
    "JSE": "XJSE",
    "B3": "BVMF",
}
"""Exchange names as tickers.yaml's ``exchange`` writes them (compared in capitals) -> the
exchange's MIC: the suggestion when a name is written as a MIC, and the MIC a ticker
without ``mic`` is listed under in structured data."""


def mic_of_exchange(exchange: str) -> str | None:
    """The MIC of an exchange named as people name it (``NYSE``, ``Nasdaq``), if known."""
    return EXCHANGE_MICS.get(exchange.strip().upper())


def check_mic(value: str) -> str:
    known = mic_of_exchange(value)
    if known is not None and value not in KNOWN_MICS:
        raise ValueError(
            f"{excerpt(value)} is the exchange's name, not its MIC (ISO 10383); "
            f"did you mean {known!r}?"
        )
    if not MIC_PATTERN.match(value):
        hint = f"; did you mean {value.upper()!r}?" if MIC_PATTERN.match(value.upper()) else ""
        raise ValueError(
            f"{excerpt(value)} is not a MIC (ISO 10383): 4 capital letters or digits, "
            f"such as XNYS or XNAS{hint}"
        )
    return value


# ---------------------------------------------------------------------------------------------
# ISIN: ISO 6166, Luhn over the letters written as numbers (A=10 ... Z=35).

ISIN_PATTERN = re.compile(r"^[A-Z]{2}[A-Z0-9]{9}[0-9]$")


def check_isin(value: str) -> str:
    if not ISIN_PATTERN.match(value):
        raise ValueError(
            f"{excerpt(value)} is not an ISIN (ISO 6166): 2 letters of a country, "
            "9 capital letters or digits and a check digit, such as US3453708600"
            + _upper_hint(value, ISIN_PATTERN)
        )
    expected = stdnum_isin.calc_check_digit(value[:-1])
    if expected != value[-1]:
        raise ValueError(_check_digit_message(value, value[-1], expected, "ISIN"))
    try:
        stdnum_isin.validate(value)
    except InvalidComponent:
        raise ValueError(
            f"{excerpt(value)} begins with {value[:2]!r}, which is no country code an ISIN uses"
        ) from None
    return value


# ---------------------------------------------------------------------------------------------
# FIGI: OpenFIGI's Financial Instrument Global Identifier.

_CONSONANT = "BCDFGHJKLMNPQRSTVWXYZ"
FIGI_PATTERN = re.compile(rf"^[{_CONSONANT}]{{2}}G[{_CONSONANT}0-9]{{8}}[0-9]$")
_FIGI_BARRED_PREFIXES = ("BS", "BM", "GG", "GB", "GH", "KY", "VG")
"""Prefixes the FIGI standard never issues: they are ISIN country codes, so a FIGI could
be taken for an ISIN."""


def check_figi(value: str) -> str:
    if not FIGI_PATTERN.match(value):
        raise ValueError(
            f"{excerpt(value)} is not a FIGI: 12 characters, two capital consonants, G, "
            "8 capital consonants or digits and a check digit, such as BBG000BQPC32 "
            "(no vowels)" + _upper_hint(value, FIGI_PATTERN)
        )
    if value[:2] in _FIGI_BARRED_PREFIXES:
        raise ValueError(f"{excerpt(value)} begins with {value[:2]!r}, which no FIGI may")
    expected = stdnum_figi.calc_check_digit(value[:-1])
    if expected != value[-1]:
        raise ValueError(_check_digit_message(value, value[-1], expected, "FIGI"))
    return value


# ---------------------------------------------------------------------------------------------
# LEI: ISO 17442, two check digits by ISO 7064 MOD 97-10 (as an IBAN's).

LEI_PATTERN = re.compile(r"^[A-Z0-9]{18}[0-9]{2}$")


def check_lei(value: str) -> str:
    if not LEI_PATTERN.match(value):
        raise ValueError(
            f"{excerpt(value)} is not an LEI (ISO 17442): 20 characters, 18 capital letters "
            "or digits and 2 check digits, such as 20S05OYHG0MQM4VUIC57"
            + _upper_hint(value, LEI_PATTERN)
        )
    expected = mod_97_10.calc_check_digits(value[:18])
    if expected != value[18:]:
        raise ValueError(_check_digit_message(value, value[18:], expected, "LEI"))
    return value


# ---------------------------------------------------------------------------------------------
# Wikidata item and the company's own address.

WIKIDATA_PATTERN = re.compile(r"^Q[1-9][0-9]{0,11}$")
_WIKIDATA_URL = re.compile(r"^https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/(Q[1-9][0-9]*)/?$")


def check_wikidata(value: str) -> str:
    if WIKIDATA_PATTERN.match(value):
        return value
    if found := _WIKIDATA_URL.match(value):
        hint = f"; write its Q-id alone: {found[1]!r}"
    else:
        hint = _upper_hint(value, WIKIDATA_PATTERN)
    raise ValueError(
        f"{excerpt(value)} is not a Wikidata item id: Q and a number, such as Q44294{hint}"
    )


def wikidata_url(item: str) -> str:
    """The item's address, as ``sameAs`` links name it."""
    return f"https://www.wikidata.org/wiki/{item}"


def check_https(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc:
        raise ValueError(f"{excerpt(value)} is not an https:// address; use https://...")
    return value


# ---------------------------------------------------------------------------------------------
# Shared by the checks, and the field types the registries use.


def _check_digit_message(value: str, found: str, expected: str, kind: str) -> str:
    digits = "check digits are" if len(expected) > 1 else "check digit is"
    before = len(value) - len(expected)
    return (
        f"{excerpt(value)} is not a valid {kind}: its {digits} {found!r}, but its first "
        f"{before} characters call for {expected!r}; check the whole identifier against "
        "its source (the typo may be elsewhere)"
    )


def _upper_hint(value: str, pattern: re.Pattern[str]) -> str:
    upper = value.strip().upper()
    return f"; did you mean {upper!r}?" if upper != value and pattern.match(upper) else ""


def _as_written(value: Any) -> Any:
    """An identifier YAML read as a number (an LEI of digits only) is the text written."""
    if isinstance(value, int) and not isinstance(value, bool):
        return getattr(value, "source", str(value))
    return value


def _string(pattern: re.Pattern[str]) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": pattern.pattern})


Mic = Annotated[str, AfterValidator(check_mic), _string(MIC_PATTERN)]
Isin = Annotated[str, AfterValidator(check_isin), _string(ISIN_PATTERN)]
Figi = Annotated[str, AfterValidator(check_figi), _string(FIGI_PATTERN)]
Lei = Annotated[
    str,
    BeforeValidator(_as_written),
    AfterValidator(check_lei),
    WithJsonSchema(
        {"anyOf": [{"type": "string", "pattern": LEI_PATTERN.pattern}, {"type": "integer"}]}
    ),
]
WikidataId = Annotated[str, AfterValidator(check_wikidata), _string(WIKIDATA_PATTERN)]
HttpsUrl = Annotated[
    str, AfterValidator(check_https), WithJsonSchema({"type": "string", "pattern": "^https://"})
]
