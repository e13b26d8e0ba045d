"""Social cards and image renditions kept between builds in ``.newsbriefs/media/``, so a build
draws only what changed (generator/publish/media.py asks here before it draws).

One kept file per image, through generator/build/state.py (signed, size-capped, never
followed through a link). A kept image is data: before it is reused, its bytes must match
the hash its document records and the path it was kept for, and read as the image its name
says (a PNG card of 1200x630 whose every chunk passes its CRC, or a JPEG rendition of its
shape's size, decoded whole); anything off is ignored in one line and the image is made
anew. Files no build of the site used last time are removed
(:meth:`KeptMedia.prune`), so the folder holds about one site's images.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PIL import Image

from generator.build import state
from generator.render import cards, renditions

MEDIA = state.Kind(
    name="media",
    format=1,
    consequence="it is drawn anew",
    max_bytes=8 * 2**20,
    max_depth=2,
)
FOLDER = "media"
SUFFIX = ".kept"


class KeptMedia:
    """The media kept under a state folder (generator/publish/media.py's ``MediaStore``)."""

    def __init__(self, state_dir: Path) -> None:
        self.folder = state_dir / FOLDER

    def get(self, path: str) -> bytes | None:
        def parse(document: Any, blob: memoryview) -> bytes:
            data = bytes(blob)
            if document != {"path": path, "digest": _digest(data)}:
                raise ValueError("not the image kept for this name")
            _check_decodes(path, data)
            return data

        return state.load(self._file(path), MEDIA, parse)

    def put(self, path: str, data: bytes) -> None:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs time
            state.save(self._file(path), MEDIA, {"path": path, "digest": _digest(data)}, data)

    def prune(self, used: Iterable[str]) -> None:
        """Remove the kept files of images this build did not use."""
        keep = {self._file(path).name for path in used}
        if not self.folder.is_dir():
            return
        for kept in self.folder.iterdir():
            if kept.name.endswith(SUFFIX) and kept.name not in keep:
                with contextlib.suppress(OSError):
                    kept.unlink()

    def _file(self, path: str) -> Path:
        return self.folder / (hashlib.blake2b(path.encode(), digest_size=16).hexdigest() + SUFFIX)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=32).hexdigest()


def _check_decodes(path: str, data: bytes) -> None:
    """ValueError unless ``data`` is the image ``path`` names: a PNG card of the card's size,
    or a JPEG rendition of its shape's."""
    expected: tuple[str, tuple[int, int]]
    if path.startswith(cards.FOLDER + "/") and path.endswith(".png"):
        expected = ("PNG", (cards.WIDTH, cards.HEIGHT))
    else:
        shapes = {f"-{shape.name}.jpg": shape for shape in renditions.SHAPES}
        shape = next((s for end, s in shapes.items() if path.endswith(end)), None)
        if shape is None or not path.startswith(renditions.FOLDER + "/"):
            raise ValueError("not a name of a card or a rendition")
        expected = ("JPEG", (shape.width, shape.height))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                found = (str(image.format), image.size)
                if found[0] == "PNG":
                    image.verify()  # every chunk's CRC: a twentieth of decoding the pixels
                else:
                    image.load()  # a JPEG has no checksums: decoded whole
    except Exception as exc:  # Pillow raises many kinds for damaged data
        raise ValueError(f"does not decode ({type(exc).__name__})") from None
    if found != expected:
        raise ValueError(f"a {found[0]} of {found[1]}, not a {expected[0]} of {expected[1]}")
