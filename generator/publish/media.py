"""The images pages show to machines, and the files behind them, for one run: a brief's own
image (its renditions, generator/render/renditions.py, or its https address) and the social
card of every other page (generator/render/cards.py).

Every file is named by what it shows, so head data and feeds name it before it is made;
:class:`Media` makes each at most once per run, and asks a :class:`MediaStore` (the build's
kept files, generator/build/media_cache.py) before it draws: a build of an unchanged site
draws nothing. Pure apart from reading a local image's bytes under the briefs folder, which
are checked against the hash the source stage read (generator/source/images.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from generator.errors import BriefsError, Problem
from generator.graph.taxonomies import TAXONOMIES, Term
from generator.publish.common import absolute
from generator.render import cards, renditions
from generator.render.filters import long_date
from generator.render.outputs import Output
from generator.render.renditions import Shape
from generator.settings import Settings
from generator.source.markup import plain_text
from generator.source.model import Brief


class MediaStore(Protocol):
    """Files made by earlier runs, by their path in the docs tree (content-addressed)."""

    def get(self, path: str) -> bytes | None:
        """The bytes kept for ``path``, checked; None when there are none to trust."""

    def put(self, path: str, data: bytes) -> None:
        """Keep ``data`` for ``path``."""


JPEG = "image/jpeg"


@dataclass(frozen=True)
class Picture:
    """One image as a page's head data, JSON-LD and feeds name it."""

    url: str
    """Absolute."""
    alt: str
    width: int | None = None
    height: int | None = None
    media_type: str | None = None
    length: int | None = None
    """Its bytes, when it is one of the site's files (an RSS enclosure says it)."""


@dataclass
class Media:
    """The media of one run (see the module's docstring)."""

    settings: Settings
    store: MediaStore | None = None
    files: dict[str, bytes] = field(default_factory=dict)
    drawn: int = 0
    """Files made by this run (cards drawn, renditions resized)."""
    reused: int = 0
    """Files taken from the store."""

    def outputs(self) -> list[Output]:
        """Every file made or reused, for the site."""
        return [Output(path, "asset", data) for path, data in sorted(self.files.items())]

    def renditions(self, brief: Brief) -> list[Picture]:
        """A brief's image in every shape (widest first), or its https address; [] when
        it has none."""
        image = brief.image
        if image is None:
            return []
        alt = plain_text(image.alt)
        if not image.local:
            return [Picture(image.src, alt)]
        return [
            Picture(absolute(self.settings, path), alt, shape.width, shape.height, JPEG, len(data))
            for shape, path, data in self.local_renditions(brief)
        ]

    def local_renditions(self, brief: Brief) -> list[tuple[Shape, str, bytes]]:
        """The renditions of a brief's local image: (shape, path, bytes), made unless kept."""
        found = brief.image_file
        if found is None:
            return []
        source: list[bytes] = []

        def make(shape: Shape) -> Callable[[], bytes]:
            def run() -> bytes:
                if not source:
                    source.append(self._source(brief))
                return renditions.make(source[0], shape)

            return run

        made = []
        for shape in renditions.SHAPES:
            path = renditions.path(found.digest, shape)
            made.append((shape, path, self._file(path, make(shape))))
        return made

    def card(self, card: cards.Card) -> Picture:
        """A card, drawn unless kept."""
        data = self._file(card.path, lambda: cards.draw(card))
        url = absolute(self.settings, card.path)
        alt = f"{card.kind}: {card.headline}" if card.kind else card.headline
        return Picture(url, alt, cards.WIDTH, cards.HEIGHT, "image/png", len(data))

    def page_picture(
        self, title: str, brief: Brief | None, term: Term | None
    ) -> tuple[Picture, list[Picture]] | None:
        """What a page shows as its image (its ``og:image``) and the images of its JSON-LD:
        a brief's own image, else the page's card (None when ``social_cards`` is off)."""
        if brief is not None and (own := self.renditions(brief)):
            return own[0], own
        if not self.settings.social_cards:
            return None
        if brief is not None:
            return self.card(brief_card(self.settings, brief)), []
        return self.card(page_card(self.settings, title, term)), []

    def _file(self, path: str, make: Callable[[], bytes]) -> bytes:
        found = self.files.get(path)
        if found is not None:
            return found
        found = self.store.get(path) if self.store is not None else None
        if found is None:
            found = make()
            self.drawn += 1
            if self.store is not None:
                self.store.put(path, found)
        else:
            self.reused += 1
        self.files[path] = found
        return found

    def _source(self, brief: Brief) -> bytes:
        """A local image's bytes, as the source stage read them."""
        assert brief.image is not None and brief.image_file is not None
        path = self.settings.briefs_path / brief.image.src
        data = path.read_bytes()
        if hashlib.blake2b(data, digest_size=16).hexdigest() != brief.image_file.digest:
            message = f"{brief.image.src} changed while the site was being built; build again"
            where = brief.position_of(("image", "src"))
            raise BriefsError([Problem(brief.source, message, where, "image.src")])
        return data


def brief_card(settings: Settings, brief: Brief) -> cards.Card:
    """A brief's card: its category, headline, tickers and date."""
    return cards.Card(
        site=settings.site_name,
        kind=plain_text(brief.category),
        headline=plain_text(brief.title),
        tickers=tuple(brief.tickers),
        date=long_date(brief.date),
    )


def page_card(settings: Settings, title: str, term: Term | None) -> cards.Card:
    """A term's or a listing page's card: its kind and name, what stays as briefs come and
    go (never a count), so every page of a term's listing shares one card."""
    if term is not None:
        taxonomy = TAXONOMIES.get(term.taxonomy)
        kind = taxonomy.title if taxonomy is not None else term.taxonomy
        about = getattr(term.about, "name", None)  # a ticker's company
        name = plain_text(term.name) + (f" · {plain_text(about)}" if about else "")
        return cards.Card(site=settings.site_name, kind=kind, headline=name)
    return cards.Card(site=settings.site_name, kind="", headline=plain_text(title))
