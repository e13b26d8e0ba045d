"""Social cards: the 1200x630 PNG a link to a page shows on social networks and in chat,
drawn with Pillow from what the page is (site name and mark, its kind, its headline, tickers,
date), in light colours, with Source Sans Pro (OFL 1.1, from the ``font-source-sans-pro``
package: no network, no system fonts, no Cairo).

Pure: :func:`draw` turns a :class:`Card` into PNG bytes. A card's file name is the hash of what
it shows, of the font and of this module's code (:meth:`Card.key`), so an unchanged page
names the same card and the build reuses the one it drew before
(generator/publish/media.py, generator/build/media_cache.py). Text is drawn as text, never
parsed: a hostile headline is only letters on the card. It is wrapped on words, a word too
long for a line broken by letters, and cut with an ellipsis where it would run over.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import font_source_sans_pro
import PIL
from PIL import Image, ImageDraw, ImageFont

from generator.graph import urls

WIDTH, HEIGHT = 1200, 630
"""Open Graph's and X's large-image size (1.91:1)."""
FOLDER = f"{urls.ASSETS_DIR}/cards"

BACKGROUND = (248, 249, 251)
INK = (24, 32, 44)
MUTED = (88, 98, 112)
ACCENT = (38, 84, 160)
CHIP = (228, 234, 244)
WHITE = (255, 255, 255)

MARGIN = 72
HEADLINE_SIZES = (68, 58, 50)
"""The headline's sizes, largest first: the first at which it fits in
:data:`HEADLINE_LINES` lines is used; else the smallest, ellipsized."""
HEADLINE_LINES = 3
MAX_TICKERS = 6


@dataclass(frozen=True)
class Card:
    """What one card shows, all plain text."""

    site: str
    kind: str
    """The category of a brief, or the kind of page (``Tickers``, ``Archive``)."""
    headline: str
    tickers: tuple[str, ...] = ()
    date: str = ""

    def key(self) -> str:
        """The card's name: the hash of what it shows, the font and the drawing code."""
        digest = hashlib.blake2b(digest_size=16)
        for part in (_code_version(), self.site, self.kind, self.headline, *self.tickers):
            digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
        digest.update(f"{len(self.tickers)}\0{self.date}".encode())
        return digest.hexdigest()

    @property
    def path(self) -> str:
        """Its file in the docs tree."""
        return f"{FOLDER}/{self.key()}.png"


def draw(card: Card) -> bytes:
    """The card as PNG bytes, the same bytes for the same card with the same Pillow."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, HEIGHT - 14, WIDTH, HEIGHT), fill=ACCENT)
    _mark(pen, card.site)
    name = _font("Semibold", 34)
    pen.text((MARGIN + 76, MARGIN + 8), _fit(card.site, name, WIDTH - 2 * MARGIN - 76), INK, name)
    top = MARGIN + 112
    if card.kind:
        kind = _font("Bold", 28)
        label = _fit(card.kind.upper(), kind, WIDTH - 2 * MARGIN)
        pen.text((MARGIN, top), label, ACCENT, kind)
        top += 52
    size, lines = _headline(card.headline)
    headline = _font("Bold", size)
    for line in lines:
        pen.text((MARGIN, top), line, INK, headline)
        top += round(size * 1.15)
    _footer(pen, card)
    out = io.BytesIO()
    # A card holds a few colours and the blends of their edges: mapped onto a palette of
    # those (:func:`_palette`), it keeps its looks at a third of the bytes of full colour,
    # and saves four times faster; a palette made per card would cost ten times more.
    image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(out, "PNG")
    return out.getvalue()


_BLENDS = (
    (INK, BACKGROUND),
    (MUTED, BACKGROUND),
    (ACCENT, BACKGROUND),
    (WHITE, ACCENT),
    (ACCENT, CHIP),
    (CHIP, BACKGROUND),
)


@cache
def _palette() -> Image.Image:
    """Every colour a card is drawn in, and 41 steps between each pair that meet at an edge
    (a letter's antialiased outline, a rounded corner): 246 colours."""
    flat: list[int] = []
    for front, back in _BLENDS:
        for step in range(41):
            flat += [round(b + (f - b) * step / 40) for f, b in zip(front, back, strict=True)]
    palette = Image.new("P", (1, 1))
    palette.putpalette(flat + [0] * (768 - len(flat)))
    return palette


def _mark(pen: ImageDraw.ImageDraw, site: str) -> None:
    """The site's mark: its initial on a square of the accent colour (the site's SVG logo
    would need Cairo to draw)."""
    pen.rounded_rectangle((MARGIN, MARGIN, MARGIN + 56, MARGIN + 56), 12, fill=ACCENT)
    initial = next((char for char in site if char.isalnum()), "N").upper()
    pen.text((MARGIN + 28, MARGIN + 29), initial, WHITE, _font("Bold", 38), anchor="mm")


def _footer(pen: ImageDraw.ImageDraw, card: Card) -> None:
    baseline = HEIGHT - MARGIN - 10
    x: float = MARGIN
    chip = _font("Semibold", 28)
    date = _font("Regular", 28)
    date_width = pen.textlength(card.date, font=date) if card.date else 0
    room = WIDTH - MARGIN - date_width - 32
    for ticker in card.tickers[:MAX_TICKERS]:
        text = _fit(ticker, chip, 240)
        width = pen.textlength(text, font=chip) + 28
        if x + width > room:
            break
        pen.rounded_rectangle((x, baseline - 40, x + width, baseline + 6), 8, fill=CHIP)
        pen.text((x + 14, baseline - 17), text, ACCENT, chip, anchor="lm")
        x += width + 12
    if card.date:
        pen.text((WIDTH - MARGIN, baseline - 17), card.date, MUTED, date, anchor="rm")


def _headline(text: str) -> tuple[int, list[str]]:
    """The headline's size and lines: the largest size at which it fits, else the smallest
    with its last line ellipsized."""
    width = WIDTH - 2 * MARGIN
    for size in HEADLINE_SIZES:
        lines = wrap(text, _font("Bold", size), width)
        if len(lines) <= HEADLINE_LINES:
            return size, lines
    font = _font("Bold", HEADLINE_SIZES[-1])
    lines = wrap(text, font, width)
    kept = lines[:HEADLINE_LINES]
    kept[-1] = _fit(kept[-1] + " " + lines[HEADLINE_LINES], font, width, force=True)
    return HEADLINE_SIZES[-1], kept


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``: broken between words, and a word wider
    than a line broken between letters."""
    lines: list[str] = []
    line = ""
    for word in " ".join(text.split()).split(" "):
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        while font.getlength(word) > width:
            cut = _longest_prefix(word, font, width)
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line or not lines:
        lines.append(line)
    return lines


def _longest_prefix(word: str, font: ImageFont.FreeTypeFont, width: float) -> int:
    cut = len(word)
    while cut > 1 and font.getlength(word[:cut]) > width:
        cut -= 1
    return cut


def _fit(text: str, font: ImageFont.FreeTypeFont, width: float, *, force: bool = False) -> str:
    """``text`` on one line of ``width``, cut with an ellipsis when it is wider (always
    ended with one when ``force``: more text followed)."""
    if not force and font.getlength(text) <= width:
        return text
    cut = len(text)
    while cut > 0 and font.getlength(text[:cut].rstrip() + "…") > width:
        cut -= 1
    return text[:cut].rstrip() + "…"


@cache
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(weight)), size, layout_engine=ImageFont.Layout.BASIC)


def font_path(weight: str) -> Path:
    """A weight of Source Sans Pro as the package ships it."""
    return Path(font_source_sans_pro.font_directory) / f"SourceSansPro-{weight}.ttf"


@cache
def _code_version() -> str:
    """What makes a card look as it does besides its text: this module, the fonts, Pillow."""
    digest = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16)
    for weight in ("Regular", "Semibold", "Bold"):
        digest.update(font_path(weight).read_bytes())
    digest.update(PIL.__version__.encode())
    return digest.hexdigest()
