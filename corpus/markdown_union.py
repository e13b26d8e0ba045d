"""The union of the Markdown extensions a site may enable, for tests that check brief text
stays text whatever the engine parses: Material's recommended set, Zensical's defaults
(enabled when mkdocs.yml has no ``markdown_extensions:``), every other pymdownx extension and
Python-Markdown's own that give text a meaning. One list, used by every such test and by
benchmarks/adversarial.py."""

from __future__ import annotations

import functools
from pathlib import Path

import markdown
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parent.parent

EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "smarty",
    "wikilinks",
    "sane_lists",
    "fenced_code",
    "pymdownx.arithmatex",
    "pymdownx.betterem",
    "pymdownx.caret",
    "pymdownx.critic",
    "pymdownx.details",
    "pymdownx.emoji",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.keys",
    "pymdownx.magiclink",
    "pymdownx.mark",
    "pymdownx.smartsymbols",
    "pymdownx.snippets",
    "pymdownx.superfences",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
    "pymdownx.tilde",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.html",
    "pymdownx.blocks.tab",
    "pymdownx.blocks.caption",
    "pymdownx.blocks.definition",
    "pymdownx.bracketspan",
    "pymdownx.fancylists",
    "pymdownx.quotes",
    "pymdownx.progressbar",
    "pymdownx.escapeall",
    "pymdownx.saneheaders",
]
EXTENSION_CONFIGS = {
    "toc": {"permalink": True},
    "pymdownx.arithmatex": {"generic": True},
    "pymdownx.betterem": {"smart_enable": "all"},
    "pymdownx.magiclink": {
        "repo_url_shorthand": True,
        "social_url_shorthand": True,
        "user": "someone",
        "repo": "something",
    },
    "pymdownx.snippets": {"base_path": [str(REPO)]},
    "pymdownx.tabbed": {"alternate_style": True},
}

# Extensions that only change typography (curly quotes, (c) to ©): text, but not as typed.
TYPOGRAPHY = {"smarty", "pymdownx.smartsymbols"}


@functools.cache
def _converter(typography: bool) -> markdown.Markdown:
    extensions = [e for e in EXTENSIONS if typography or e not in TYPOGRAPHY]
    return markdown.Markdown(extensions=extensions, extension_configs=EXTENSION_CONFIGS)


def render_html(md: str, *, typography: bool = True) -> BeautifulSoup:
    """Markdown to HTML with every extension of the union, parsed for inspection."""
    out = _converter(typography).reset().convert(md)
    return BeautifulSoup(out, "html.parser")
