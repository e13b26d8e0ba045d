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

The file is read as briefs are (generator/source/loader.py): only a regular file, opened
without blocking, of at most :data:`~generator.source.loader.MAX_FILE_BYTES`, in UTF-8; a
named pipe, a device (``/dev/zero``) or a larger file is a problem and is never read whole.

Parsing takes time linear in the text, whatever it holds (``benchmarks/adversarial.py``
times every pattern on 100 KB of text made to defeat it). The rules that keep it so: a line's
whitespace is made single spaces (:func:`_words`) before a pattern looks into it, so no
pattern chooses between ways of matching a run of spaces; a pattern either matches at one
place (anchored, each quantifier over characters the next part cannot match) or has a
bounded length (the date at the end of the first line, the dash of a risk); and no text is
searched again for each thing found in it. Messages quote at most the start of a line
(:func:`generator.errors.excerpt`).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.authoring.quotes import quotes_in as quotes_in  # the quotes of a brief
from generator.authoring.yaml_out import TextDumper
from generator.errors import EXCERPT, Position, Problem, excerpt
from generator.source.loader import MAX_FILE_BYTES, file_kind
from generator.source.model import MAX_HEADLINE, TICKER_PATTERN
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
_DATE_AT_END = re.compile(r"(?<!\w)(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2}),? (?P<year>\d{4})$")
"""``January 31, 2026`` ending the first line (whitespace made single spaces): at most 19
characters long, so searching a line for it is linear; the category is what comes before."""
_BYLINE = re.compile(r"^By\s++(?P<rest>\S.*)$")
_BULLET = re.compile(r"^\s*+[\u2022\u00b7\u25aa\u25e6\u25cf\-*\u2013\u2014]\s++(?P<text>.*)$")
_SECTIONS = {
    "key points": "key_points",
    "summary": "summary",
    "details": "details",
    "risks": "risks",
}
_MORE_FROM = re.compile(r"^more from\b", re.IGNORECASE)
_RISK_DASH = re.compile(r" [-\u2013\u2014] (?=\S)")
"""The dash between a risk's title and its text: the first one, found by a search for three
characters, not by trying every length of title."""
_IMPACTS = re.compile(r"(?:impacts?|affects?|affecting|impacting) (?P<what>[^()]+)", re.IGNORECASE)
"""What the last parentheses of a risk hold when they name sectors: ``impacts the automotive
sector``."""
_LEADING_ARTICLE = re.compile(r"^(?:the|both) ", re.IGNORECASE)
_SECTOR_WORD = re.compile(r" (?:sectors?|industr(?:y|ies))$", re.IGNORECASE)
_SECTOR_SEPARATOR = re.compile(r", ?(?:and )?| and ")
_AUTHOR_SEPARATOR = re.compile(r", ?| and ")
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
    """Text with every run of whitespace one space, and none at the ends: what the patterns
    see."""
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
    found: list[tuple[_Line, list[str]]] = []  # each point's lines, joined once at the end
    while not _at_heading(reader):
        new_paragraph = reader.blank_before()
        line = reader.take()
        bullet = _BULLET.match(line.text)
        if bullet:
            found.append((line, [bullet["text"]]))
        elif found and not new_paragraph:
            found[-1][1].append(line.text)
        else:
            found.append((line, [line.text]))
    return [(line, _words(" ".join(parts))) for line, parts in found]


# ---------------------------------------------------------------------------------------------
# The parts.


def _dateline(reader: _Reader) -> tuple[str, date]:
    line = reader.peek()
    example = "'Stock Markets January 31, 2026'"
    if line is None:
        raise reader.fail(None, f"the file is empty; a plain-text brief starts like {example}")
    words = _words(line.text)
    match = _DATE_AT_END.search(words)
    month = _MONTHS.get(match["month"].lower()) if match else None
    category = words[: match.start()].strip() if match else ""
    if match is None or month is None or not category:
        raise reader.fail(
            line, f"expected the category and the date, like {example}; found {excerpt(words)}"
        )
    try:
        published = date(int(match["year"]), month, int(match["day"]))
    except ValueError as exc:
        raise reader.fail(line, f"{excerpt(words)} has no such date ({exc})") from None
    reader.take()
    return category, published


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
                    f"the tickers {_listed(listed)} differ from the byline's "
                    f"({' '.join(trailing)}); keep one list",
                )
            tickers = listed
            reader.take()
        else:
            break
    authors = [a.strip() for a in _AUTHOR_SEPARATOR.split(" ".join(tokens)) if a.strip()]
    dek = _words(" ".join(line.text for line in dek_lines)) or None
    return authors, tickers, dek


def _listed(tickers: list[str]) -> str:
    """Tickers as a message lists them: as written, or an excerpt of a very long line."""
    text = " ".join(tickers)
    return text if len(text) <= EXCERPT else excerpt(text)


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
    text = _words(text)
    dash = _RISK_DASH.search(text, 1)  # a title of one character at least
    if dash is None:
        raise reader.fail(line, "a risk is written 'Title - what could happen (impacts ...)'")
    body, sectors = _impacts(text[dash.end() :])
    risk: dict[str, Any] = {"title": text[: dash.start()].strip(), "text": body}
    if sectors:
        risk["sectors"] = sectors
    return risk


def _impacts(body: str) -> tuple[str, list[str]]:
    """A risk's text without its closing ``(impacts ...)``, and the sectors it names:
    ``Sales fall (impacts the auto sector).`` -> ``Sales fall.``, ``[auto]``. The
    parentheses are the last ones, found from the end, so no text is searched twice."""
    end = body[-1:] if body.endswith((".", "!", "?")) else ""
    rest = body[: len(body) - len(end)]
    opening = rest.rfind("(") if rest.endswith(")") else -1
    impacts = _IMPACTS.fullmatch(rest, opening + 1, len(rest) - 1) if opening >= 0 else None
    if impacts is None:
        return body, []
    return rest[:opening].rstrip() + (end or "."), _sectors(impacts["what"])


def _sectors(what: str) -> list[str]:
    """``the automotive and manufacturing sectors`` -> ``[automotive, manufacturing]``."""
    what = _words(what)
    what = _LEADING_ARTICLE.sub("", what)
    what = _SECTOR_WORD.sub("", what)
    names = [n.strip() for n in _SECTOR_SEPARATOR.split(what) if n.strip()]
    return list(dict.fromkeys(names))


# ---------------------------------------------------------------------------------------------
# The file.


def read_plain_text(path: Path) -> tuple[str | None, list[Problem]]:
    """A plain-text brief's text, or None with the problem that stopped it.

    The rules of brief files (generator/source/loader.py): opened without blocking (a named
    pipe with no writer cannot hang the command), read only when it is a regular file (not
    ``/dev/zero`` nor a link to it), and never past :data:`MAX_FILE_BYTES` (a file that grows
    while it is read is cut there, and refused)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                kind = file_kind(info.st_mode) or "not a plain file"
                message = f"not a regular file ({kind}); only regular files are imported"
                return None, [Problem(path, message)]
            data = b"" if info.st_size > MAX_FILE_BYTES else handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, [Problem(path, f"cannot read file: {exc.strerror or exc}")]
    if info.st_size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        size = f"{info.st_size:,} bytes" if info.st_size > MAX_FILE_BYTES else "growing"
        message = (
            f"file is {size}; a plain-text brief may be at most {MAX_FILE_BYTES:,} bytes, "
            "as a brief may"
        )
        return None, [Problem(path, message, Position(1, 1))]
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        before = body[: exc.start]
        position = Position(before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1)
        bad = body[exc.start : exc.start + 1].hex()
        message = f"byte 0x{bad} is not valid UTF-8; save the file as UTF-8"
        return None, [Problem(path, message, position)]


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
            found = excerpt(line.text.strip())
            raise reader.fail(line, f"expected a heading (Key Points, Summary...); found {found}")
        for required, heading in (("key_points", "Key Points"), ("summary", "Summary")):
            if section == required:
                break
            if required not in seen:
                raise reader.fail(line, f"expected a {heading!r} heading before this one")
        reader.take()
        if section in seen:
            raise reader.fail(line, f"a second {excerpt(_words(line.text))} heading")
        if section in order:
            if any(later in seen for later in order[order.index(section) + 1 :]):
                raise reader.fail(line, f"{excerpt(_words(line.text))} comes after a later section")
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
                raise reader.fail(line, f"no text under {excerpt(_words(line.text))}")
            notes.append({"title": _words(line.text), "text": "\n\n".join(paragraphs)})
    yield "notes", notes
    yield "risks", risks


# ---------------------------------------------------------------------------------------------
# YAML out.


class _Dumper(TextDumper):
    """The text dumper (generator/authoring/yaml_out.py), writing text with paragraph breaks
    as a literal block."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """List items indented under their key, as the sample briefs are written."""
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.Node:
    """Short names (tickers, sectors) on one line, ``[F, GM]``; texts one per line."""
    short = all(isinstance(item, str) and len(item) <= 40 for item in value)
    flow = short and sum(len(item) + 2 for item in value) <= 60
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(list, _represent_list)


def slug_of(brief: ImportedBrief) -> str:
    """The file name the brief gets: its headline's slug (generator/source/slugs.py). A
    headline past the model's limit is refused anyway, so only its start is read: a 100 KB
    headline costs no more than the longest valid one."""
    return slugify(brief.fields["title"][: MAX_HEADLINE + 1])


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
