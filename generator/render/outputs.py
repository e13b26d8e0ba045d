"""The kinds of output and the escaping each one gets, chosen by the output and never by the
template author:

- ``markdown`` pages (``*.md.j2``): every plain string a template prints is escaped by
  :func:`generator.source.markup.inline` through the environment's ``finalize`` hook
  (generator/render/filters.py), so a template cannot forget to escape brief text; their
  front matter is written by :func:`front_matter`, in YAML strings of :func:`yaml_string`;
- ``xml`` (``*.xml.j2``: feeds, sitemaps): Jinja's autoescaping, and a ``tojson`` filter;
- ``json`` (API, JSON-LD): never a template, always :func:`to_json` over plain data;
- ``html``: whole pages outside the engine's theme (redirects), every value HTML-escaped;
- ``text``: plain text for people (the digest's ``email.txt``), written as it is;
- ``asset``: the theme's files, passed through as bytes.

Render makes the pages (generator/render/site.py); the outputs for machines (feeds, the news
sitemap, the API, redirects, head data) are made with these by generator/publish/.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from generator.source.markup import Markdown, plain_text

OutputKind = Literal["markdown", "xml", "json", "html", "text", "asset"]


@dataclass(frozen=True)
class Output:
    """One generated file: its path in the docs tree, its kind, and its content."""

    path: str
    kind: OutputKind
    content: str | bytes


def kind_of(template: str) -> OutputKind:
    """The output kind a template makes, from its name: ``feed.xml.j2`` makes XML."""
    return "xml" if template.endswith(".xml.j2") else "markdown"


def to_json(data: Any) -> str:
    """JSON through the encoder, never a template; safe inside an HTML ``<script>`` too:
    ``<``, ``>``, ``&`` and the line separators are written as ``\\u`` escapes, so text like
    ``</script>`` or ``<!--`` cannot end or comment out the block it is in."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=_json_default)
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    raise TypeError(f"{type(value).__name__} is not JSON data")


def front_matter(**fields: Any) -> Markdown:
    """A YAML front matter block (title, description) of plain text.

    Themes print these values into ``<title>`` and ``<meta>`` without escaping them (MkDocs,
    Material and Zensical alike), so they are HTML-escaped here. The block is printable
    ASCII, so no character can make an engine's YAML reader reject the block, which would
    then be rendered as Markdown.
    """
    lines = [f"{key}: {_yaml_value(value)}" for key, value in fields.items() if value is not None]
    return Markdown("---\n" + "\n".join(lines) + "\n---")


_WORD = re.compile(r"[a-z][a-z_]*")


def _yaml_value(value: Any) -> str:
    """Text as a YAML string; the theme's settings (``hide: [toc]``, ``search: {boost: 2}``)
    as YAML flow collections of plain words, numbers and booleans, which is all a template
    passes there (anything else is a template error, never brief text in YAML syntax)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_yaml_word(item) for item in value) + "]"
    if isinstance(value, dict):
        items = (f"{_yaml_word(key)}: {_yaml_value(item)}" for key, item in value.items())
        return "{" + ", ".join(items) + "}"
    return yaml_string(html.escape(plain_text(str(value))))


def _yaml_word(value: Any) -> str:
    if not isinstance(value, str) or not _WORD.fullmatch(value):
        raise ValueError(f"front_matter: {value!r} is not a plain lowercase word")
    return value


def yaml_string(text: str) -> str:
    """A YAML double-quoted string in printable ASCII: ``\\uXXXX`` and ``\\UXXXXXXXX``
    escapes for the rest (not JSON's surrogate pairs, which YAML reads as two lone
    surrogates, and libyaml refuses). A lone surrogate, which no brief can hold, becomes
    U+FFFD. The head data added to a page's front matter (generator/publish/head.py) is
    written the same way."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= code < 0x7F:
            out.append(char)
        elif code > 0xFFFF:
            out.append(f"\\U{code:08x}")
        else:
            out.append(f"\\u{0xFFFD if 0xD800 <= code <= 0xDFFF else code:04x}")
    return '"' + "".join(out) + '"'
