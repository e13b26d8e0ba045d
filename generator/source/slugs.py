"""The one slug rule, for brief addresses and term addresses alike.

A slug is the name's words, lowercased and joined by single hyphens. **Latin letters are
transliterated, never dropped** (``Øresund`` -> ``oresund``, ``Straße`` -> ``strasse``,
``Ærø`` -> ``aero``, ``Đà Nẵng`` -> ``da-nang``), through python-slugify with text-unidecode,
the pair Pelican and Django sites use. **Letters of other scripts keep their own form**
(``市场`` -> ``市场``, ``Москва`` -> ``москва``): a transliteration table's reading of them
is often wrong (Japanese kanji read as Mandarin) and a reader of that script can read the
address as it is. A mixed name keeps both, each script's run as a word of its own
(``BYD 比亚迪`` -> ``byd-比亚迪``), so no letter is ever dropped. Anything else (spaces,
punctuation, symbols) separates words.

Brief slugs (from file names, or ``slug:``/``related:``/``story:``) are addresses typed by
authors and must be ``[a-z0-9-]``: :func:`slugify` gives that, or ``""`` when a name has
letters with no Latin spelling (the author then sets ``slug:``; guessing a reading would
be wrong as often as right). Term slugs (:func:`term_slug`) are never empty: a name with
no letters or digits at all (an emoji) gets a short stable id. Nor are they ever a name
Windows keeps for a device: the ticker ``CON`` publishes at ``tickers/con_/``
(:data:`RESERVED_SUFFIX`), so a site can be checked out on any system.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from slugify import slugify as _library_slugify
from text_unidecode import unidecode

_ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """A brief slug, ``[a-z0-9-]``: ``"Stock Markets"`` -> ``stock-markets``; ``""`` when
    ``text`` has no letters or digits, or has letters of a script with no Latin spelling.
    A Windows device name (``con``) is returned as it is: the model refuses it as a slug,
    with a message that says why (generator/source/model.py)."""
    slug = _words(text)
    return slug if _ASCII_SLUG.match(slug) else ""


@lru_cache(maxsize=1 << 16)
def term_slug(name: str) -> str:
    """The address of a term's page (module docstring). A name of symbols alone gets ``t-``
    and a short hash of the name; a Windows device name gets :data:`RESERVED_SUFFIX`
    (``CON`` -> ``con_``).

    Cached: a site names a few thousand terms, each on many briefs and listing entries, and
    transliteration is the costly part of indexing."""
    slug = _words(name)
    if not slug:
        return "t-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return slug + RESERVED_SUFFIX if windows_reserved(slug) else slug


def _words(name: str) -> str:
    """The name's words joined by hyphens, cut to :data:`MAX_SLUG_BYTES`; ``""`` for none."""
    slug = "-".join(word for kind, run in _runs(name) if (word := _word(kind, run)))
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = _shortened(slug, name)
    return slug


WINDOWS_RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{port}{n}" for port in ("com", "lpt") for n in range(10)]
)
"""Names Windows keeps for devices: no file or folder may have one, in any case, with any
extension (``CON``, ``con.txt``, ``Lpt9.tar.gz``). A site with such a folder cannot be
checked out on Windows. ``com0`` and ``lpt0`` are included, as Windows' own lists vary."""

RESERVED_SUFFIX = "_"
"""Added to a term slug that is a Windows device name: the real tickers ``CON`` and ``PRN``
publish at ``tickers/con_/`` and ``tickers/prn_/``. No other name can give that address: a
slug's words are letters and digits joined by hyphens, never an underscore."""


def windows_reserved(name: str) -> bool:
    """Whether ``name`` is a Windows device name, alone or before an extension, any case."""
    return name.split(".", 1)[0].rstrip(" ").casefold() in WINDOWS_RESERVED_NAMES


def address_key(slug: str) -> str:
    """What a file system that ignores case sees of ``slug``: Unicode's caseless match
    (NFKC, case folding, NFKC again). ``οδος`` and ``οδοσ`` (final and medial sigma), which
    macOS and Windows hold as one folder, have one key; two addresses with one key are
    an error (generator/graph/index.py, generator/source/registry.py)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", slug).casefold())


MAX_SLUG_BYTES = 120
"""A slug is a folder name: file systems allow 255 bytes, and a name in another script (or
one that transliterates long, ``ß`` -> ``ss``) takes several bytes a character."""


def _shortened(slug: str, name: str) -> str:
    """A slug cut to fit :data:`MAX_SLUG_BYTES`, at a character, with a short hash of the
    whole name so that two long names sharing a start keep two addresses."""
    suffix = "-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    room = MAX_SLUG_BYTES - len(suffix)
    cut = slug.encode("utf-8")[:room].decode("utf-8", "ignore").rstrip("-")
    return cut + suffix


def is_latin(char: str) -> bool:
    """A Latin letter (``a``, ``Ø``, ``ß``, ``ẵ``): the letters that are transliterated."""
    return unicodedata.name(char, "").startswith("LATIN ")


# ---------------------------------------------------------------------------------------------
# How a name is cut into runs: "latin" runs (Latin letters, ASCII, punctuation, symbols) go
# through python-slugify; "own" runs (letters, marks and numbers of other scripts) are kept.


def _runs(name: str) -> list[tuple[str, str]]:
    runs: list[tuple[str, str]] = []
    for char in unicodedata.normalize("NFKC", name):
        kind = _kind(char, runs[-1][0] if runs else None)
        if runs and runs[-1][0] == kind:
            runs[-1] = (kind, runs[-1][1] + char)
        else:
            runs.append((kind, char))
    return runs


def _kind(char: str, previous: str | None) -> str:
    general = unicodedata.category(char)  # "Lu", "Mn", "Nd", ...
    if general[0] == "M":  # a combining mark belongs to the letter it sits on
        return previous or "latin"
    if general[0] not in "LN" or char.isascii():
        return "latin"
    if is_latin(char) or general == "Nd":
        # Transliterated only when the table has a spelling: a letter is never dropped.
        return "latin" if _spelling(char) else "own"
    return "own"


def _spelling(char: str) -> str:
    return "".join(c for c in unidecode(char) if c.isascii() and c.isalnum())


def _word(kind: str, run: str) -> str:
    if kind == "own":
        return unicodedata.normalize("NFKC", run.lower())
    # python-slugify: text-unidecode transliteration, lowercase, anything but [a-z0-9] is a
    # hyphen. Entities stay text: a brief's "AT&amp;T" is not HTML. The backend is named so
    # that installing Unidecode beside us never changes a published address.
    return _library_slugify(
        run, entities=False, decimal=False, hexadecimal=False, backend="text-unidecode"
    )
