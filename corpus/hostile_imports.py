"""Plain-text briefs made to defeat ``briefs import``'s patterns, at any size.

Each case aims at one or more of the patterns of generator/authoring/importer.py and
quotes.py with the text that made them backtrack (runs of spaces, long capitalised words,
thousands of quotes or parentheses), inside an otherwise valid plain-text brief, and says
what a correct import of it gives. tests/ check (test_import_hardening) those results at a
small size; benchmarks/adversarial.py times every case at 100 KB of hostile text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.authoring.importer import ImportedBrief, LayoutError, as_yaml, parse_plain_text
from generator.source.loader import parse_brief_text

QUOTE = "The plant stays open for years."
"""A quotation long enough to be one (quotes.MIN_QUOTE)."""


def plain_brief(
    *,
    dateline: str = "Autos May 4, 2026",
    headline: str = "Ford Holds Talks",
    byline: str = "By Ann Boyd F",
    lead: str = "Ford held talks.",
    points: str = "- Talks were held.",
    summary: str = "Talks were held on Monday.",
    risks: str = "",
) -> str:
    """A plain-text brief in the importer's layout; each part may be replaced."""
    text = (
        f"{dateline}\n\n{headline}\n\n{byline}\n\n{lead}\n\nKey Points\n\n{points}\n\n"
        f"Summary\n\n{summary}\n"
    )
    return text + (f"\nRisks\n\n{risks}\n" if risks else "")


Outcome = ImportedBrief | LayoutError


@dataclass(frozen=True)
class Case:
    """Hostile text for ``patterns``: ``make(n)`` is a whole plain-text file holding about
    ``n`` characters of it; ``expect(n, outcome)`` asserts what importing it must give."""

    name: str
    patterns: tuple[str, ...]
    make: Callable[[int], str]
    expect: Callable[[int, Outcome], None]


def parse(text: str) -> Outcome:
    """The importer's reading of ``text``: the brief, or the layout error."""
    try:
        return parse_plain_text(Path("hostile.txt"), text)
    except LayoutError as exc:
        return exc


def _fields(outcome: Outcome) -> dict[str, Any]:
    assert isinstance(outcome, ImportedBrief), outcome
    return outcome.fields


def _error(outcome: Outcome, line: int, start: str) -> str:
    assert isinstance(outcome, LayoutError), outcome
    (problem,) = outcome.problems
    assert problem.position is not None and problem.position.line == line, problem
    assert problem.message.startswith(start), problem.message
    assert len(problem.message) < 300, "a message quotes a short excerpt, never a whole line"
    return problem.message


def _risk(outcome: Outcome) -> dict[str, Any]:
    (risk,) = _fields(outcome)["risks"]
    assert isinstance(risk, dict)
    return risk


def _quotes(outcome: Outcome) -> list[dict[str, str]]:
    quotes: list[dict[str, str]] = _fields(outcome).get("quotes", [])
    return quotes


def _words(n: int, word: str) -> str:
    """About ``n`` characters of ``word`` repeated, one space between."""
    return " ".join([word] * max(1, n // (len(word) + 1)))


def _expect_yaml_text(n: int, outcome: Outcome, title: str) -> None:
    text = as_yaml(outcome, None) if isinstance(outcome, ImportedBrief) else ""
    raw, _ = parse_brief_text(Path("hostile.yaml"), text)
    assert raw is not None and raw.data["title"] == title


def _expect_category(n: int, outcome: Outcome) -> None:
    fields = _fields(outcome)
    assert fields["category"] == _words(n, "Aaa") and fields["date"] == date(2026, 5, 4)


def _expect_spaces_in_dateline(n: int, outcome: Outcome) -> None:
    message = _error(outcome, 1, "expected the category and the date")
    assert message.endswith("found 'Autos x'")


def _expect_excerpt(n: int, outcome: Outcome) -> None:
    message = _error(outcome, 1, "expected the category and the date")
    assert f"... ({len(_words(n, 'Hello')):,} characters)" in message


def _expect_ticker_excerpt(n: int, outcome: Outcome) -> None:
    message = _error(outcome, 6, "the tickers 'GM GM GM")
    assert message.endswith("characters) differ from the byline's (F); keep one list")


def _expect_long_byline(n: int, outcome: Outcome) -> None:
    _error(outcome, 5, "expected the byline ('By NAME TICKER') after the headline")


def _expect_points(points: list[str]) -> Callable[[int, Outcome], None]:
    def expect(n: int, outcome: Outcome) -> None:
        assert _fields(outcome)["key_points"] == points

    return expect


def _expect_long_author(n: int, outcome: Outcome) -> None:
    fields = _fields(outcome)
    assert (fields["byline"], fields["tickers"]) == (["A" * n, "Bob"], ["F"])


def _expect_one_point(n: int, outcome: Outcome) -> None:
    (point,) = _fields(outcome)["key_points"]
    assert point == "a " + _words(n, "b")


def _expect_risk(
    title: str, text: str, sectors: list[str] | None
) -> Callable[[int, Outcome], None]:
    def expect(n: int, outcome: Outcome) -> None:
        risk = _risk(outcome)
        assert (risk["title"], risk["text"], risk.get("sectors")) == (title, text, sectors)

    return expect


def _expect_dashes(n: int, outcome: Outcome) -> None:
    risk = _risk(outcome)
    assert risk["title"] == "Oil" and risk["text"] == _words(n, "-") + " x"


def _expect_last_parentheses(n: int, outcome: Outcome) -> None:
    risk = _risk(outcome)
    assert risk["sectors"] == ["energy"]
    # The last parentheses hold the sectors; the others stay in the text.
    opened = _words(n, "(impacts").split()
    assert risk["text"] == "prices fall " + " ".join(opened[:-1]) + "."


def _expect_quote_by(by: str, role: str | None = None) -> Callable[[int, Outcome], None]:
    def expect(n: int, outcome: Outcome) -> None:
        expected = {"text": QUOTE, "by": by.replace("{long}", "A" * n)}
        if role:
            expected["role"] = role
        assert _quotes(outcome) == [expected]

    return expect


def _expect_no_quote(n: int, outcome: Outcome) -> None:
    assert _quotes(outcome) == []


def _expect_paragraphs(n: int, outcome: Outcome) -> None:
    assert _fields(outcome)["lead"] == "\n\n".join(["Ford held talks."] * (n // 18))


CASES = [
    Case(
        "headline: a number YAML would read as one (written quoted)",
        ("TextDumper",),
        lambda n: plain_brief(headline="1" * n + "E10"),
        lambda n, outcome: _expect_yaml_text(n, outcome, "1" * n + "E10"),
    ),
    Case(
        "dateline: a run of spaces",
        ("_DATE_AT_END",),
        lambda n: plain_brief(dateline="Autos" + " " * n + "x"),
        _expect_spaces_in_dateline,
    ),
    Case(
        "dateline: thousands of words before the date",
        ("_DATE_AT_END",),
        lambda n: plain_brief(dateline=_words(n, "Aaa") + " May 4, 2026"),
        _expect_category,
    ),
    Case(
        "dateline: one long line and no date (the message quotes its start)",
        ("_DATE_AT_END",),
        lambda n: plain_brief(dateline=_words(n, "Hello")),
        _expect_excerpt,
    ),
    Case(
        "byline: thousands of names",
        ("_BYLINE", "_AUTHOR_SEPARATOR"),
        lambda n: plain_brief(byline="By " + _words(n, "Ann and")),
        _expect_long_byline,
    ),
    Case(
        "byline: a long name",
        ("_BYLINE", "_AUTHOR_SEPARATOR"),
        lambda n: plain_brief(byline="By " + "A" * n + " and Bob F"),
        _expect_long_author,
    ),
    Case(
        "ticker line: thousands of tickers that differ from the byline's",
        ("_BYLINE", "TICKER_PATTERN"),
        lambda n: plain_brief(byline="By Ann Boyd F\n" + _words(n, "GM")),
        _expect_ticker_excerpt,
    ),
    Case(
        "bullet: one point continued over thousands of lines",
        ("_BULLET", "_MORE_FROM", "_HEADING_END"),
        lambda n: plain_brief(points="- a\n" + _words(n, "b").replace(" ", "\n")),
        _expect_one_point,
    ),
    Case(
        "bullet: spaces before and after the mark",
        ("_BULLET",),
        lambda n: plain_brief(points=" " * (n // 2) + "-" + " " * (n // 2) + "Talks were held."),
        _expect_points(["Talks were held."]),
    ),
    Case(
        "paragraphs: thousands of them",
        ("_MORE_FROM", "_HEADING_END"),
        lambda n: plain_brief(lead="\n\n".join(["Ford held talks."] * (n // 18))),
        _expect_paragraphs,
    ),
    Case(
        "risk: a run of spaces before the dash",
        ("_RISK_DASH",),
        lambda n: plain_brief(risks="- Oil" + " " * n + "- prices fall (impacts energy)."),
        _expect_risk("Oil", "prices fall.", ["energy"]),
    ),
    Case(
        "risk: thousands of dashes",
        ("_RISK_DASH",),
        lambda n: plain_brief(risks="- Oil - " + _words(n, "-") + " x"),
        _expect_dashes,
    ),
    Case(
        "impacts: a run of spaces before the parentheses",
        ("_IMPACTS",),
        lambda n: plain_brief(risks="- Oil - prices fall" + " " * n + "(impacts energy)."),
        _expect_risk("Oil", "prices fall.", ["energy"]),
    ),
    Case(
        "impacts: thousands of opening parentheses",
        ("_IMPACTS",),
        lambda n: plain_brief(risks="- Oil - prices fall " + _words(n, "(impacts") + " energy)"),
        _expect_last_parentheses,
    ),
    Case(
        "impacts: parentheses never closed",
        ("_IMPACTS",),
        lambda n: plain_brief(risks="- Oil - prices fall (impacts a" + " " * n + "b"),
        _expect_risk("Oil", "prices fall (impacts a b", None),
    ),
    Case(
        "sectors: a run of spaces",
        ("_LEADING_ARTICLE", "_SECTOR_WORD", "_SECTOR_SEPARATOR"),
        lambda n: plain_brief(
            risks="- Oil - prices fall (impacts the a" + " " * n + "and b sectors)"
        ),
        _expect_risk("Oil", "prices fall.", ["a", "b"]),
    ),
    Case(
        "sectors: thousands of 'and'",
        ("_LEADING_ARTICLE", "_SECTOR_WORD", "_SECTOR_SEPARATOR"),
        lambda n: plain_brief(
            risks="- Oil - prices fall (impacts the " + _words(n, "a and") + " b sectors)"
        ),
        _expect_risk("Oil", "prices fall.", ["a", "b"]),
    ),
    Case(
        "speaker before: one long capitalised word",
        ("SPEAKER_BEFORE", "QUOTE_MARK"),
        lambda n: plain_brief(lead="A" * n + f' said: "{QUOTE}"'),
        _expect_quote_by("{long}"),
    ),
    Case(
        "speaker before: thousands of capitalised words",
        ("SPEAKER_BEFORE",),
        lambda n: plain_brief(lead=_words(n, "Aa") + f' said: "{QUOTE}"'),
        _expect_quote_by("Aa Aa Aa Aa Aa Aa Aa"),
    ),
    Case(
        "speaker before: thousands of title words",
        ("SPEAKER_BEFORE",),
        lambda n: plain_brief(lead=_words(n, "chief") + f' said: "{QUOTE}"'),
        _expect_no_quote,
    ),
    Case(
        "speaker after: a run of spaces",
        ("SPEAKER_AFTER",),
        lambda n: plain_brief(lead=f'"{QUOTE}"' + " " * n + ", Senator Ann Boyd said."),
        _expect_quote_by("Ann Boyd", "Senator"),
    ),
    Case(
        "speaker after: thousands of capitalised words",
        ("SPEAKER_AFTER",),
        lambda n: plain_brief(lead=f'"{QUOTE}" ' + _words(n, "Aa") + " said."),
        _expect_no_quote,
    ),
    Case(
        "quotes: thousands in one paragraph",
        ("SPEAKER_BEFORE", "SPEAKER_AFTER", "QUOTE_MARK"),
        lambda n: plain_brief(lead=_words(n, f'Ann Boyd said: "{QUOTE}"')),
        _expect_quote_by("Ann Boyd"),
    ),
]
"""Every pattern of the importer is named by a case (tests/ check (test_import_hardening))."""
