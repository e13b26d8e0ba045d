"""Brief text is data, never code: how author text becomes safe Markdown.

Brief fields are Markdown *inline* text, and only two things in them are syntax: emphasis
(``*a*``, ``**a**``, ``_a_``, ``__a__``) and links ``[text](destination)`` whose text holds
no brackets and whose destination is http(s), mailto, ``//host`` or a relative path of
plain path characters. A small tokenizer recognises exactly those; every other character
that means something to Python-Markdown or to an extension a site may enable is written
as a numeric character reference (``&#91;`` for ``[``), so it reaches the engine as text
whatever the extension set. Never backslash escapes: pymdownx extensions (caret, tilde,
emoji...) reinterpret those. This holds on every engine that renders our tree (MkDocs,
ProperDocs, Zensical), not only under our plugin, and it also bounds the engine's work:
no raw bracket ever reaches Markdown's (quadratic) link parser.

Ordinary punctuation stays readable in the generated Markdown: ``. , ' " ? % ; / ( ) -``
and ``:`` (unless a word character follows, which could close an emoji shortcode like
``:smile:``, or a ``/``: magiclink would make ``ftp://...`` typed as text a link; a bare
``www.`` address may still become an http link there). A field's first character is
written as a reference when it is punctuation, and so is the first character of a list
number (``1.``, ``b)``, ``iv.``: pymdownx.fancylists numbers lists with letters too), so
no block (heading, list, admonition, definition...) can start where a template puts a
value at a line start.

Templates never call these by hand: the Jinja environment's ``finalize`` hook escapes every
plain string that a template prints. Only :class:`Markdown` values (built by our own
helpers) pass through as they are.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote

_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# ---------------------------------------------------------------------------------------------
# What is syntax: links and emphasis. Every pattern here is linear: a bracketed text or an
# emphasis span cannot contain its own delimiter, so each attempt stops at the next one.

_LINK = re.compile(r"\[([^\[\]]*)\]\(([^\s()\[\]<>\"'`\\]*)\)")
_WEB_DESTINATION = re.compile(r"(?i:https?://|mailto:|//)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]*")
_RELATIVE_DESTINATION = re.compile(r"[A-Za-z0-9._~\-][A-Za-z0-9._~/\-]*(?:#[A-Za-z0-9._\-]*)?")
_BRACKETS = re.compile(r"[\[\]]")
_PAGE_PATH = re.compile(r"[\w.~/\-]+")  # a relative path to a page: letters of any script
_EMPHASIS = re.compile(
    r"(?<![\w*_])(?:"
    r"(\*\*?)([^\s*](?:[^*]*[^\s*])?)\1"
    r"|(__?)([^\s_](?:[^_]*[^\s_])?)\3"
    r")(?![\w*_])"
)

MAX_MARKER_RUN = 3
"""At most this many ``*`` or ``_`` in a row (``***`` is bold italic); longer runs are refused
at load (see :func:`syntax_problem`)."""
_LONG_MARKER_RUN = re.compile(rf"\*{{{MAX_MARKER_RUN + 1},}}|_{{{MAX_MARKER_RUN + 1},}}")
MAX_BRACKET_DEPTH = 3
"""Brackets nested deeper than this are refused at load: no brief needs ``[[[[x]]]]``."""

# Characters that are syntax somewhere in Python-Markdown or a common extension: written as
# references wherever they occur outside our own links and emphasis. ``<>&`` as named
# entities, the rest numerically.
_ENCODE = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]|#$+=^~@!"}
_ENCODE.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"})
_LINK_OR_EMPHASIS = re.compile(r"[\[*_]")
"""What a link (``[``) or emphasis (``*``, ``_``) starts with: text without them is plain."""
_COLON = re.compile(r":(?=[\w+\-/])")  # :smile: shortcodes; scheme:// for magiclink's autolinks
# A list number: 1. and, with pymdownx.fancylists, a. B) iv.
_LIST_NUMBER = re.compile(r"(?:\d+|[A-Za-z]|[IVXLCDMivxlcdm]+)[.)](?:\s|$)")


@dataclass(frozen=True)
class _Emphasis:
    marker: str
    children: tuple[_Node, ...]


@dataclass(frozen=True)
class _Link:
    children: tuple[_Node, ...]
    destination: str


_Node = str | _Emphasis | _Link


class Markdown(str):
    """Markdown we wrote ourselves (templates' helpers), trusted to be printed as it is."""

    __slots__ = ()


def one_line(text: str) -> str:
    """Text with every run of whitespace (newlines included) made one space."""
    return _WHITESPACE.sub(" ", text).strip()


Mentions = Callable[[str], Sequence[tuple[int, int, str]]]
"""Spans of plain text to link, with their destinations: ``(start, end, destination)`` in
order (generator/graph/mentions.py finds first mentions of tickers and entities)."""


def inline(
    text: str,
    *,
    link_text: bool = False,
    mentions: Mentions | None = None,
    smart_quotes: bool = False,
) -> Markdown:
    """Author text as one line of safe inline Markdown.

    ``link_text`` is for text inside ``[...]`` of a link we make, and for places where an
    author's link would not work (listings): the author's links show as their text only.
    ``mentions`` links spans of the author's plain text (never inside the author's own
    links); the span's text is escaped as any text is, so a link can hold nothing but text.
    ``smart_quotes`` makes straight quotes typographic in the text, never in a link's
    destination (see :func:`_smarten`); mentions are still found in the text as typed.
    """
    if mentions is None:
        return _inline(text, link_text, smart_quotes)
    return _inline_uncached(text, link_text, mentions, smart_quotes)


@lru_cache(maxsize=1 << 16)
def _inline(text: str, link_text: bool, smart_quotes: bool) -> Markdown:
    """:func:`inline` without mentions depends on its arguments alone, and templates print the
    same strings on many pages (names, labels, separators, a brief's title and dek)."""
    return _inline_uncached(text, link_text, None, smart_quotes)


def _inline_uncached(
    text: str, link_text: bool, mentions: Mentions | None, smart_quotes: bool
) -> Markdown:
    nodes = _parse(one_line(text))
    if smart_quotes:
        nodes = _smarten(nodes)
        if mentions is not None:
            mentions = _as_typed(mentions)
    writer = _Writer(links=not link_text, mentions=None if link_text else mentions)
    out = "".join(writer.markdown(node) for node in nodes)
    opens_block = out[:1].isascii() and not out[:1].isalnum() and out[:1] not in "[*_& "
    if opens_block or _LIST_NUMBER.match(out):
        out = f"&#{ord(out[0])};{out[1:]}"
    return Markdown(out)


def paragraphs(
    text: str,
    indent: int = 0,
    *,
    quoted: bool = False,
    mentions: Mentions | None = None,
    smart_quotes: bool = False,
) -> Markdown:
    """Author text that may hold several paragraphs (separated by a blank line).

    The template has placed the first paragraph; the others follow it indented by
    ``indent`` (inside a list item or an admonition) or, when ``quoted``, inside the same
    blockquote.
    """
    margin = " " * indent + ("> " if quoted else "")
    separator = f"\n{margin.rstrip()}\n{margin}"
    return Markdown(
        separator.join(
            inline(p, mentions=mentions, smart_quotes=smart_quotes) for p in split_paragraphs(text)
        )
    )


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of author text (separated by a blank line), for templates that style
    each one."""
    return [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


def plain_text(text: str) -> str:
    """Author text without its Markdown, for places that show text only (a page's
    description): links become their text, emphasis markers go."""
    if not _LINK_OR_EMPHASIS.search(text):  # most text (names, tickers, tags): nothing to undo
        return one_line(text)
    return "".join(_plain(node) for node in _parse(one_line(text)))


def links(text: str) -> list[str]:
    """The destinations of the links :func:`inline` makes of ``text``, in order."""
    return [node.destination for node in _walk(_parse(one_line(text))) if isinstance(node, _Link)]


def without_links(text: str, drop: Callable[[str], bool]) -> str:
    """Author text with every link whose destination ``drop`` picks written as its text
    alone (``[the deal](merger.md)`` -> ``the deal``), and nothing else changed.

    Works on the text as written, so paragraph breaks stay; a bracketed span that would
    not become a link (blank text, a link broken by a paragraph break) goes too when
    ``drop`` picks its destination, so its destination is never shown as text either.
    Taking a link's brackets away can make a link of the text around it
    (``[a [b](x.md) c](y.md)``), so the text is read again until nothing is dropped."""
    while "](" in text:
        kept, start = [], 0
        for match in _LINK.finditer(text):
            if drop(match.group(2)):
                kept += [text[start : match.start()], match.group(1)]
                start = match.end()
        if start == 0:
            break
        text = "".join(kept) + text[start:]
    return text


def is_relative(destination: str) -> bool:
    """Whether a link destination is a path inside the site (not http(s), mailto, //host)."""
    return bool(_RELATIVE_DESTINATION.fullmatch(destination))


def external_link(url: str, text: str, *, smart_quotes: bool = False) -> Markdown:
    """A link to a validated http(s) address, with the characters Markdown would trip on
    percent-encoded (quotes and brackets, which would start a link title or end the link)."""
    safe_url = quote(url, safe=":/?#@!$&*+,;=%~")
    return Markdown(f"[{inline(text, link_text=True, smart_quotes=smart_quotes)}]({safe_url})")


def link_scheme(destination: str) -> str | None:
    """The scheme a browser would see in a link destination, or None for a relative link:
    after entity and percent decoding, without the whitespace and controls browsers skip."""
    decoded = html.unescape(html.unescape(destination))
    decoded = _INVISIBLE.sub("", unquote(decoded)).lstrip("<").lower()
    match = _SCHEME.match(decoded)
    return match.group(1) if match else None


def syntax_problem(text: str) -> str | None:
    """Why text is refused as brief text (runaway emphasis markers or bracket nesting), or
    None. Checked at load, so a hostile brief is an error with a position, not slow work."""
    run = _LONG_MARKER_RUN.search(text)
    if run is not None:
        return (
            f"has a run of {len(run.group()):,} {run.group()[0]!r} characters; "
            f"at most {MAX_MARKER_RUN} in a row (emphasis is *one* or **two**)"
        )
    if "[" not in text:
        return None
    depth = deepest = 0
    for char in _BRACKETS.findall(text):
        if char == "[":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_BRACKET_DEPTH:
                return f"nests brackets more than {MAX_BRACKET_DEPTH} deep ([[[[...); refused"
        elif char == "]" and depth:
            depth -= 1
    return None


# ---------------------------------------------------------------------------------------------
# The tokenizer and its two writers.


def _parse(text: str) -> list[_Node]:
    """Links first (their destinations may hold ``*`` and ``_``), then emphasis in the rest."""
    nodes: list[_Node] = []
    start = 0
    for match in _LINK.finditer(text):
        label, destination = match.group(1), match.group(2)
        if not label.strip() or not _safe_destination(destination):
            continue
        nodes += _parse_emphasis(text[start : match.start()], "*_")
        nodes.append(_Link(tuple(_parse_emphasis(label, "*_")), destination))
        start = match.end()
    nodes += _parse_emphasis(text[start:], "*_")
    return nodes


def _parse_emphasis(text: str, markers: str) -> list[_Node]:
    nodes: list[_Node] = []
    start = 0
    for match in _EMPHASIS.finditer(text):
        marker = match.group(1) or match.group(3)
        if marker[0] not in markers:
            continue
        inner = match.group(2) if match.group(1) else match.group(4)
        nodes.append(text[start : match.start()])
        children = _parse_emphasis(inner, markers.replace(marker[0], ""))
        nodes.append(_Emphasis(marker, tuple(children)))
        start = match.end()
    nodes.append(text[start:])
    return [node for node in nodes if node != ""]


# ---------------------------------------------------------------------------------------------
# Typographic quotes, on the text tokens only: a link's destination is never a text token, so
# no address changes. Whether a quote opens or closes depends on the character before it,
# carried across emphasis and link boundaries (``*"Ford"*``: the ``*`` is not a character of
# the text).

_OPENS_AFTER = frozenset(" \t([{<\u2014\u2013-/\u201c\u2018")
"""A quote after one of these (or at the start) opens; after anything else it closes, or is
an apostrophe (``Ford's``)."""
_DECADE = re.compile(r"'(?=\d\d(?:s|\b))")
"""``'90s``, ``'26``: an apostrophe for left-out digits, though it stands where a quote would
open."""


_QUOTE = re.compile("[\"']")
BARE_ADDRESS = re.compile(r"(?i:(?<![a-z0-9+.\-])[a-z][a-z0-9+.\-]*://|mailto:|www\.)\S*")
"""An address typed as text (not a link): its quotes stay as typed, and no first mention
is linked inside it (generator/graph/mentions.py). A scheme starts where a run of scheme
characters starts: tried from every letter of a run, 5,000 letters and a colon took half
a second to search."""


def _smarten(nodes: list[_Node]) -> list[_Node]:
    """The nodes with ``"`` and ``'`` in their text made curly: U+201C/D, U+2018/9."""
    before = ""

    def quote_mark(text: str, n: int) -> str:
        char = text[n]
        if char == "'" and _DECADE.match(text, n):
            return "\u2019"
        opens = before == "" or before in _OPENS_AFTER
        if char == '"':
            return "\u201c" if opens else "\u201d"
        return "\u2018" if opens else "\u2019"

    def walk(node: _Node) -> _Node:
        nonlocal before
        if isinstance(node, str):
            if '"' not in node and "'" not in node:  # most text: nothing to do
                before = node[-1:] or before
                return node
            kept = {n for m in BARE_ADDRESS.finditer(node) for n in range(m.start(), m.end())}
            out = list(node)
            for n in (m.start() for m in _QUOTE.finditer(node)):
                if n not in kept:
                    before = out[n - 1] if n else before
                    out[n] = quote_mark(node, n)
            before = out[-1]
            return "".join(out)
        children = tuple(walk(child) for child in node.children)
        if isinstance(node, _Emphasis):
            return _Emphasis(node.marker, children)
        return _Link(children, node.destination)

    return [walk(node) for node in nodes]


_AS_TYPED = str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''")


def _as_typed(mentions: Mentions) -> Mentions:
    """Mentions found in text whose typographic quotes are read back as typed (one character
    for one, so the spans stay where they were): ``McDonald's`` is still found once its
    apostrophe is curly."""
    return lambda text: mentions(text.translate(_AS_TYPED))


def _safe_destination(destination: str) -> bool:
    if _RELATIVE_DESTINATION.fullmatch(destination):
        return link_scheme(destination) is None
    if _WEB_DESTINATION.fullmatch(destination):
        scheme = link_scheme(destination)
        return scheme in SAFE_LINK_SCHEMES or (scheme is None and destination.startswith("//"))
    return False


def _text(text: str, following: str = "") -> str:
    """Plain text as Markdown that reads as text; ``following`` is the character that will
    come after it (a colon before a word is written as a reference, see the module doc)."""
    out = _COLON.sub("&#58;", text.translate(_ENCODE))
    if out.endswith(":") and _COLON.match(":" + following):
        out = out[:-1] + "&#58;"
    return out


@dataclass(frozen=True)
class _Writer:
    links: bool
    """Write the author's links (else their text only)."""
    mentions: Mentions | None = None

    def markdown(self, node: _Node) -> str:
        if isinstance(node, str):
            return self._text(node)
        if isinstance(node, _Emphasis):
            inner = "".join(self.markdown(child) for child in node.children)
            return f"{node.marker}{inner}{node.marker}"
        label = "".join(_Writer(links=False).markdown(child) for child in node.children)
        return f"[{label}]({node.destination})" if self.links else label

    def _text(self, text: str) -> str:
        spans = self.mentions(text) if self.mentions is not None else ()
        out, start = [], 0
        for begin, end, destination in spans:
            if begin < start or not _PAGE_PATH.fullmatch(destination):
                continue  # overlapping, or more than a path between pages
            out.append(_text(text[start:begin], text[begin]))
            out.append(f"[{_text(text[begin:end])}]({destination})")
            start = end
        out.append(_text(text[start:]))
        return "".join(out)


def _plain(node: _Node) -> str:
    if isinstance(node, str):
        return node
    return "".join(_plain(child) for child in node.children)


def _walk(nodes: list[_Node] | tuple[_Node, ...]) -> Iterator[_Node]:
    for node in nodes:
        yield node
        if not isinstance(node, str):
            yield from _walk(node.children)


# ---------------------------------------------------------------------------------------------
# wire: author text as an HTML fragment, for the ninjs export's HTML body (generator/publish/
# ninjs.py), which a wire customer's system shows outside our site.


def html_inline(text: str) -> str:
    """Author text as inline HTML: every character of the text escaped, emphasis as
    ``<em>``/``<strong>``, and the author's links to web addresses (``https://``,
    ``http://``, ``mailto:``) as links; a link to one of the site's own pages, or to
    ``//host``, is its text alone (it would not resolve where the fragment is shown)."""
    return text_and_html(text)[1]


def text_and_html(text: str) -> tuple[str, str]:
    """:func:`plain_text` and :func:`html_inline` of the same text, read once: an export
    that carries both (ninjs bodies) pays for one parse."""
    nodes = _parse(one_line(text))
    return "".join(_plain(node) for node in nodes), "".join(_html(node) for node in nodes)


def _html(node: _Node) -> str:
    if isinstance(node, str):
        return html.escape(node, quote=False)
    inner = "".join(_html(child) for child in node.children)
    if isinstance(node, _Emphasis):
        tag = "strong" if len(node.marker) == 2 else "em"
        return f"<{tag}>{inner}</{tag}>"
    if link_scheme(node.destination) in SAFE_LINK_SCHEMES:
        return f'<a href="{html.escape(node.destination)}">{inner}</a>'
    return inner
