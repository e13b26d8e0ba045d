"""Plain-text briefs in, YAML briefs out: what ``briefs import`` reads and writes.

The layout is the one newsrooms paste from a published brief page (README.md, "Importing
plain-text briefs")::

    Stock Markets January 31, 2026          category, then the date
    Ford Reportedly Held Talks ...          headline
    Alleged discussions over ...            dek (optional)
    By Caleb Monroe F                       byline, then the tickers
    Ford Reportedly Held Talks ...          (the headline again, and the tickers: skipped)
    F
    Reports emerged that ...                lead (one or more paragraphs)
    Key Points                              bullets (•, -, *), one point each
    Summary                                 paragraphs
    Details                                 paragraphs (optional)
    Contextual note                         an aside: any other short heading, then paragraphs
    Risks                                   "Title - text (impacts ...)" bullets (optional)
    More from Stock Markets                 the site's own list: dropped, with all after it

Every sentence of the body lands in the section it was in; a quotation whose speaker is
clear (``"...," Representative John Moolenaar wrote``) is also listed in ``quotes:``, and
stays in its paragraph, so no word of the original is lost. A layout it does not know is
an error naming the line, never half a brief. Headings are matched whatever their case;
CRLF and CR line ends, a byte-order mark and tabs are accepted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Position, Problem
from generator.source.model import TICKER_PATTERN
from generator.source.slugs import slugify

# ---------------------------------------------------------------------------------------------
# The lines of the layout.

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DATELINE = re.compile(
    r"^(?P<category>.*?)\s*\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$"
)
_BYLINE = re.compile(r"^By\s+(?P<rest>\S.*)$")
_BULLET = re.compile(r"^\s*[\u2022\u00b7\u25aa\u25e6\u25cf\-*\u2013\u2014]\s+(?P<text>.*)$")
_SECTIONS = {
    "key points": "key_points",
    "summary": "summary",
    "details": "details",
    "risks": "risks",
}
_MORE_FROM = re.compile(r"^more from\b", re.IGNORECASE)
_RISK = re.compile(r"^(?P<title>.+?)\s+[-\u2013\u2014]\s+(?P<text>\S.*)$")
_IMPACTS = re.compile(
    r"\s*\((?:impacts?|affects?|affecting|impacting)\s+(?P<what>[^()]+)\)(?P<end>[.!?]?)\s*$",
    re.IGNORECASE,
)
_HEADING_END = re.compile(r"[.!?,;:\"\u201d\u2019')\]]$")


class LayoutError(ValueError):
    """The text is not laid out as a plain-text brief: carries the positioned problems."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.format() for p in problems))
        self.problems = problems


@dataclass
class _Line:
    number: int
    text: str


@dataclass
class _Reader:
    """The file's lines, with the blank ones kept: a blank line ends a paragraph."""

    path: Path
    lines: list[_Line]
    at: int = 0
    problems: list[Problem] = field(default_factory=list)

    def skip_blank(self) -> None:
        while self.at < len(self.lines) and not self.lines[self.at].text.strip():
            self.at += 1

    def peek(self) -> _Line | None:
        """The next non-blank line, without moving."""
        self.skip_blank()
        return self.lines[self.at] if self.at < len(self.lines) else None

    def take(self) -> _Line:
        line = self.peek()
        assert line is not None
        self.at += 1
        return line

    def blank_before(self) -> bool:
        return self.at == 0 or not self.lines[self.at - 1].text.strip()

    def fail(self, line: _Line | None, message: str) -> LayoutError:
        number = line.number if line is not None else (self.lines[-1].number if self.lines else 1)
        return LayoutError([Problem(self.path, message, Position(number, 1))])


def _lines(text: str) -> list[_Line]:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return [
        _Line(n, line.replace("\t", " ").rstrip()) for n, line in enumerate(text.split("\n"), 1)
    ]


def _words(text: str) -> str:
    return " ".join(text.split())


def _section_of(line: str) -> str | None:
    """The field a known heading starts (``Key points:`` -> ``key_points``), or None."""
    return _SECTIONS.get(_words(line).rstrip(":").lower())


def _is_aside_heading(reader: _Reader, line: _Line) -> bool:
    """A heading of the brief's own (``Contextual note``): short, on a line of its own after a
    blank line, not a sentence (no closing punctuation), not a bullet."""
    text = _words(line.text)
    return (
        len(text) <= 60
        and len(text.split()) <= 8
        and text[:1].isupper()
        and not _HEADING_END.search(text)
        and not _BULLET.match(line.text)
        and reader.blank_before()
    )


def _at_heading(reader: _Reader) -> bool:
    line = reader.peek()
    if line is None:
        return True
    reader.skip_blank()
    return bool(
        _section_of(line.text)
        or _MORE_FROM.match(line.text.strip())
        or _is_aside_heading(reader, line)
    )


def _paragraphs(reader: _Reader) -> list[str]:
    """Paragraphs until the next heading (or the end): lines joined, blank lines between."""
    found: list[str] = []
    while not _at_heading(reader):
        lines = [reader.take().text]
        while reader.at < len(reader.lines) and reader.lines[reader.at].text.strip():
            lines.append(reader.lines[reader.at].text)
            reader.at += 1
        found.append(_words(" ".join(lines)))
    return found


def _bullets(reader: _Reader) -> list[tuple[_Line, str]]:
    """Bullet points until the next heading; a line without a bullet right under one
    continues it, a paragraph without one is a point of its own."""
    found: list[tuple[_Line, str]] = []
    while not _at_heading(reader):
        new_paragraph = reader.blank_before()
        line = reader.take()
        bullet = _BULLET.match(line.text)
        if bullet:
            found.append((line, bullet["text"].strip()))
        elif found and not new_paragraph:
            first, text = found[-1]
            found[-1] = (first, f"{text} {line.text.strip()}")
        else:
            found.append((line, line.text.strip()))
    return [(line, _words(text)) for line, text in found]


# ---------------------------------------------------------------------------------------------
# The parts.


def _dateline(reader: _Reader) -> tuple[str, date]:
    line = reader.peek()
    example = "'Stock Markets January 31, 2026'"
    if line is None:
        raise reader.fail(None, f"the file is empty; a plain-text brief starts like {example}")
    match = _DATELINE.match(line.text.strip())
    month = _MONTHS.get(match["month"].lower()) if match else None
    if match is None or month is None or not match["category"]:
        raise reader.fail(
            line, f"expected the category and the date, like {example}; found {line.text!r}"
        )
    try:
        published = date(int(match["year"]), month, int(match["day"]))
    except ValueError as exc:
        raise reader.fail(line, f"{line.text.strip()!r} has no such date ({exc})") from None
    reader.take()
    return match["category"].strip(), published


def _byline(reader: _Reader, headline: str) -> tuple[list[str], list[str], str | None]:
    """(authors, tickers, dek) from the lines after the headline."""
    dek_lines: list[_Line] = []
    while (line := reader.peek()) is not None and not _is_byline(line.text):
        if _section_of(line.text) or (dek_lines and reader.blank_before()):
            where = dek_lines[0] if dek_lines else line
            raise reader.fail(
                where,
                "expected the byline ('By NAME TICKER') after the headline and the dek "
                "(one paragraph under the headline)",
            )
        dek_lines.append(reader.take())
    if line is None:
        raise reader.fail(None, "expected the byline ('By NAME TICKER'); the file ended")
    byline = reader.take()
    words = _BYLINE.match(byline.text.strip())
    assert words is not None
    tokens = words["rest"].replace(",", " ").split()
    trailing: list[str] = []
    while len(tokens) > 1 and _is_ticker(tokens[-1]):
        trailing.insert(0, tokens.pop())
    tickers = trailing
    # The page repeats the headline and the ticker chips under the byline: skipped.
    while (line := reader.peek()) is not None:
        if _words(line.text).lower() == _words(headline).lower():
            reader.take()
        elif all(_is_ticker(t) for t in line.text.replace(",", " ").split()):
            listed = line.text.replace(",", " ").split()
            if trailing and listed != trailing:
                raise reader.fail(
                    line,
                    f"the tickers {' '.join(listed)} differ from the byline's "
                    f"({' '.join(trailing)}); keep one list",
                )
            tickers = listed
            reader.take()
        else:
            break
    authors = [a.strip() for a in re.split(r",\s*|\s+and\s+", " ".join(tokens)) if a.strip()]
    dek = _words(" ".join(line.text for line in dek_lines)) or None
    return authors, tickers, dek


def _is_byline(text: str) -> bool:
    """``By Caleb Monroe F``, not a dek that starts with the word (``By year-end, ...``):
    after "By", names (capitalised words, "and", commas) and tickers only, numeric ones
    (Tokyo's 7203) included."""
    match = _BYLINE.match(text.strip())
    if match is None:
        return False
    tokens = match["rest"].replace(",", " ").split()
    return len(tokens) <= 16 and all(t == "and" or t[:1].isupper() or _is_ticker(t) for t in tokens)


def _is_ticker(token: str) -> bool:
    return bool(TICKER_PATTERN.match(token)) and not token.endswith(".")


def _risk(reader: _Reader, line: _Line, text: str) -> dict[str, Any]:
    match = _RISK.match(text)
    if match is None:
        raise reader.fail(line, "a risk is written 'Title - what could happen (impacts ...)'")
    body = match["text"]
    sectors: list[str] = []
    impacts = _IMPACTS.search(body)
    if impacts is not None:
        body = body[: impacts.start()].rstrip() + (impacts["end"] or ".")
        sectors = _sectors(impacts["what"])
    risk: dict[str, Any] = {"title": match["title"].strip(), "text": body}
    if sectors:
        risk["sectors"] = sectors
    return risk


def _sectors(what: str) -> list[str]:
    """``the automotive and manufacturing sectors`` -> ``[automotive, manufacturing]``."""
    what = re.sub(r"^(?:the|both)\s+", "", what.strip(), flags=re.IGNORECASE)
    what = re.sub(r"\s+(?:sectors?|industr(?:y|ies))$", "", what, flags=re.IGNORECASE)
    names = [n.strip() for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", what) if n.strip()]
    return list(dict.fromkeys(names))


# ---------------------------------------------------------------------------------------------
# Quotes whose speaker is clear.


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_TITLES = _word_set(
    "representative rep. senator sen. governor gov. president vice chairman chairwoman "
    "chair ceo cfo coo chief executive officer minister secretary spokesperson spokesman "
    "spokeswoman analyst director commissioner mayor judge dr. mr. ms. mrs. economist founder"
)
"""Words of a speaker's title: ``Representative John Moolenaar`` is John Moolenaar, in the
role of Representative."""
_NOT_SPEAKERS = _word_set("he she they it we i the this that a an its their")
_VERBS = r"(?:said|says|wrote|writes|told|added|stated|noted|explained|argued|warned)"
_TITLE_WORD = "|".join(re.escape(word) for word in sorted(_TITLES))
_NAME = rf"(?:(?:[A-Z][\w.'\u2019-]*|{_TITLE_WORD})\s+){{0,6}}[A-Z][\w'\u2019-]*"
_SPEAKER_AFTER = re.compile(rf"^\s*,?\s*(?P<who>{_NAME})\s+{_VERBS}\b")
_SPEAKER_BEFORE = re.compile(rf"(?P<who>{_NAME})\s+{_VERBS}(?:\s+\w+)?\s*[,:]\s*$")
_QUOTE_MARK = re.compile('["\u201c\u201d]')
MIN_QUOTE = 20
"""Shorter quoted text is a phrase ("completely false"), not a quotation."""


def quotes_in(paragraphs: list[str]) -> list[dict[str, str]]:
    """Every quotation with a clear speaker: a name (or a title and a name) right before or
    after the quote with a verb of saying. ``he said`` is not clear. Quote marks are paired
    in order, so the text between two quotations is never taken for one."""
    found: list[dict[str, str]] = []
    for paragraph in paragraphs:
        marks = [m.start() for m in _QUOTE_MARK.finditer(paragraph)]
        for opening, closing in zip(marks[::2], marks[1::2], strict=False):
            text = paragraph[opening + 1 : closing]
            if len(text) < MIN_QUOTE:
                continue
            speaker = _SPEAKER_AFTER.match(paragraph[closing + 1 :]) or _SPEAKER_BEFORE.search(
                paragraph[:opening]
            )
            quote = _quote(text, speaker["who"]) if speaker else None
            if quote is not None and quote not in found:
                found.append(quote)
    return found


def _quote(text: str, who: str) -> dict[str, str] | None:
    words = who.split()
    if not words or words[0].lower() in _NOT_SPEAKERS:
        return None
    last_title = max((i for i, w in enumerate(words) if w.lower() in _TITLES), default=-1)
    role, name = words[: last_title + 1], words[last_title + 1 :]
    if not name:
        return None
    text = text.strip().rstrip(",").strip()
    if text[-1:] not in ".!?":
        text += "."
    quote = {"text": text, "by": " ".join(name)}
    if role:
        quote["role"] = " ".join(role)
    return quote


# ---------------------------------------------------------------------------------------------
# The whole brief.


@dataclass(frozen=True)
class ImportedBrief:
    """A plain-text brief read: its fields in the brief format's order."""

    source: Path
    fields: dict[str, Any]

    @property
    def date(self) -> date:
        published: date = self.fields["date"]
        return published


def parse_plain_text(path: Path, text: str) -> ImportedBrief:
    """Read one plain-text brief; raises :class:`LayoutError` naming the line that does not
    fit the layout."""
    reader = _Reader(path, _lines(text))
    category, published = _dateline(reader)
    headline_line = reader.peek()
    if headline_line is None or _BYLINE.match(headline_line.text.strip()):
        raise reader.fail(headline_line, "expected the headline after the category and date")
    headline = _words(reader.take().text)
    authors, tickers, dek = _byline(reader, headline)
    fields: dict[str, Any] = {"title": headline}
    if dek:
        fields["dek"] = dek
    fields |= {"date": published, "category": category}
    if authors:
        fields["byline"] = authors[0] if len(authors) == 1 else authors
    if tickers:
        fields["tickers"] = tickers
    lead = _paragraphs(reader)
    if lead:
        fields["lead"] = "\n\n".join(lead)
    sections = dict(_sections(reader))
    if "key_points" not in sections:
        raise reader.fail(reader.peek(), "expected a 'Key Points' heading after the lead")
    if "summary" not in sections:
        raise reader.fail(reader.peek(), "expected a 'Summary' heading after the key points")
    fields["key_points"] = sections["key_points"]
    fields["summary"] = "\n\n".join(sections["summary"])
    if sections.get("details"):
        fields["details"] = sections["details"]
    quotes = quotes_in([*lead, *sections.get("details", [])])
    if quotes:
        fields["quotes"] = quotes
    if sections.get("notes"):
        fields["notes"] = sections["notes"]
    if sections.get("risks"):
        fields["risks"] = sections["risks"]
    return ImportedBrief(path, fields)


def _sections(reader: _Reader) -> Iterator[tuple[str, Any]]:
    """The sections after the lead, in the order the layout has them."""
    order = ["key_points", "summary", "details"]
    notes: list[dict[str, str]] = []
    risks: list[dict[str, Any]] = []
    seen: set[str] = set()
    while (line := reader.peek()) is not None:
        if _MORE_FROM.match(line.text.strip()):
            break  # the site's own list of other briefs, and anything after it
        section = _section_of(line.text)
        if section is None and not _is_aside_heading(reader, line):
            raise reader.fail(
                line, f"expected a heading (Key Points, Summary...); found {line.text.strip()!r}"
            )
        for required, heading in (("key_points", "Key Points"), ("summary", "Summary")):
            if section == required:
                break
            if required not in seen:
                raise reader.fail(line, f"expected a {heading!r} heading before this one")
        reader.take()
        if section in seen:
            raise reader.fail(line, f"a second {_words(line.text)!r} heading")
        if section in order:
            if any(later in seen for later in order[order.index(section) + 1 :]):
                raise reader.fail(line, f"{_words(line.text)!r} comes after a later section")
            seen.add(section)
            if section == "key_points":
                points = [text for _, text in _bullets(reader)]
                if not points:
                    raise reader.fail(line, "no points under 'Key Points'")
                yield section, points
            else:
                paragraphs = _paragraphs(reader)
                if section == "summary" and not paragraphs:
                    raise reader.fail(line, "no text under 'Summary'")
                yield section, paragraphs
        elif section == "risks":
            seen.add(section)
            risks += [_risk(reader, first, text) for first, text in _bullets(reader)]
        else:
            paragraphs = _paragraphs(reader)
            if not paragraphs:
                raise reader.fail(line, f"no text under {_words(line.text)!r}")
            notes.append({"title": _words(line.text), "text": "\n\n".join(paragraphs)})
    yield "notes", notes
    yield "risks", risks


# ---------------------------------------------------------------------------------------------
# YAML out.


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, quoting every text the YAML 1.2 loader would read as something
    else (``1e3``), and writing text with paragraph breaks as a literal block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """List items indented under their key, as the sample briefs are written."""
        super().increase_indent(flow, False)


_NOT_TEXT_IN_YAML_12 = re.compile(
    r"^(?:true|True|TRUE|false|False|FALSE|~|null|Null|NULL|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)"
    r"|\.(?:nan|NaN|NAN))$"
)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = None
    if _NOT_TEXT_IN_YAML_12.match(value) or not value:
        style = "'"
    elif "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    """Short names (tickers, sectors) on one line, ``[F, GM]``; texts one per line."""
    short = all(isinstance(item, str) and len(item) <= 40 for item in value)
    flow = short and sum(len(item) + 2 for item in value) <= 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)


def slug_of(brief: ImportedBrief) -> str:
    """The file name the brief gets: its headline's slug (generator/source/slugs.py)."""
    return slugify(brief.fields["title"])


def as_yaml(brief: ImportedBrief, modeline: str | None) -> str:
    """The brief as YAML text, the schema modeline first."""
    text = yaml.dump(
        brief.fields,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return (f"{modeline}\n" if modeline else "") + text
