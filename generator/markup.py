"""Brief text is data, never code: how author text becomes safe Markdown.

Brief fields are Markdown *inline* text: emphasis and http(s)/mailto links work. Everything
else an author (or a paste from a web page) might put there is made inert *in the Markdown
itself*, so the guarantee holds on every engine that renders our tree (MkDocs, ProperDocs,
Zensical), not only under our plugin:

- raw HTML, comments and autolinks: ``<`` ``>`` ``&`` become entities, shown as text;
- links whose scheme is not http, https or mailto (``javascript:``, ``data:``) lose the
  ``](`` that makes them links; images (``![]()``) are never images;
- attribute lists ``{: onclick=...}``, Jinja ``{{ }}`` / ``{% %}`` and code spans: braces and
  backticks become entities, so no extension (or macro plugin) sees them;
- block syntax cannot start: text is one line, and a leading ``#``, list marker, ``!!!``,
  ``???``, fence or reference definition has its first character written as an entity.

Templates never call these by hand: the Jinja environment's ``finalize`` hook escapes every
plain string that a template prints. Only :class:`Markdown` values (built by our own
helpers) pass through as they are.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LINK_DESTINATION = re.compile(r"\]\(([^)]*)")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f]+")
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# Openings that would start a block (heading, list, horizontal rule, admonition, details,
# fence, blocks extension, reference or footnote or abbreviation definition) at the start
# of a line, which is where list items and paragraphs put field values.
_BLOCK_START = re.compile(
    r"""^(?:
        \#                                  # heading, even without a space
      | [-+*](?:\s|$)                       # bullet list
      | ([-*_])(?:\s*\1){2,}\s*$            # horizontal rule
      | \d+[.)](?:\s|$)                     # ordered list
      | !!!|\?\?\?|~~~|///|:::              # admonition, details, fence, blocks
      | \*?\[[^\]]*\]:                      # reference, footnote, abbreviation definition
      | =+\s*$                              # setext underline
    )""",
    re.VERBOSE,
)


class Markdown(str):
    """Markdown we wrote ourselves (templates' helpers), trusted to be printed as it is."""

    __slots__ = ()


def one_line(text: str) -> str:
    """Text with every run of whitespace (newlines included) made one space."""
    return _WHITESPACE.sub(" ", text).strip()


def inline(text: str, *, link_text: bool = False) -> Markdown:
    """Author text as one line of safe inline Markdown.

    ``link_text`` is for text inside ``[...]`` of a link we make: brackets are escaped too,
    so a title can neither end our link early nor nest a link of its own.
    """
    text = html.escape(one_line(text), quote=False)
    text = text.replace("`", "&#96;").replace("{", "&#123;").replace("}", "&#125;")
    text = text.replace("![", "!&#91;")
    if link_text:
        text = text.replace("[", "&#91;").replace("]", "&#93;")
    else:
        text = _LINK_DESTINATION.sub(_inert_unless_safe, text)
    if _BLOCK_START.match(text):
        text = f"&#{ord(text[0])};{text[1:]}"
    return Markdown(text)


def paragraphs(text: str, indent: int = 0, *, quoted: bool = False) -> Markdown:
    """Author text that may hold several paragraphs (separated by a blank line).

    The template has placed the first paragraph; the others follow it indented by
    ``indent`` (inside a list item or an admonition) or, when ``quoted``, inside the same
    blockquote.
    """
    margin = " " * indent + ("> " if quoted else "")
    separator = f"\n{margin.rstrip()}\n{margin}"
    return Markdown(separator.join(inline(p) for p in split_paragraphs(text)))


def split_paragraphs(text: str) -> list[str]:
    """The paragraphs of author text (separated by a blank line), for templates that style
    each one."""
    return [p for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")


def plain_text(text: str) -> str:
    """Author text without its Markdown, for places that show text only (a page's
    description): links become their text, emphasis markers go."""
    text = _LINK.sub(r"\1", one_line(text))
    return _EMPHASIS.sub(r"\2", text)


def external_link(url: str, text: str) -> Markdown:
    """A link to a validated http(s) address, with the characters Markdown would trip on
    percent-encoded."""
    safe_url = quote(url, safe=":/?#@!$&'*+,;=%~")
    return Markdown(f"[{inline(text, link_text=True)}]({safe_url})")


def link_scheme(destination: str) -> str | None:
    """The scheme a browser would see in a link destination, or None for a relative link."""
    decoded = _INVISIBLE.sub("", html.unescape(html.unescape(destination))).lstrip("<").lower()
    match = _SCHEME.match(decoded)
    return match.group(1) if match else None


def _inert_unless_safe(match: re.Match[str]) -> str:
    scheme = link_scheme(match.group(1))
    if scheme is None or scheme in SAFE_LINK_SCHEMES:
        return match.group(0)
    return "]&#40;" + match.group(1)
