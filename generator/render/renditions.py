"""A brief's local image in the three shapes Google's Article guidance asks for (16x9, 4x3 and
1x1), each 1200 pixels wide: cropped about the centre, resized with Lanczos, saved as JPEG.

Pure: :func:`make` turns the source bytes into one rendition's bytes. A rendition's file name
is the hash of the source's bytes (``Brief.image_file.digest``), of its shape and of this
code (:func:`path`), so pages and feeds name it before it is made, and the build makes it
once and keeps it (generator/build/media_cache.py).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import PIL
from PIL import Image, ImageOps

from generator.graph import urls

FOLDER = f"{urls.ASSETS_DIR}/media"
WIDTH = 1200
QUALITY = 85


@dataclass(frozen=True)
class Shape:
    name: str
    width: int
    height: int


SHAPES = (Shape("16x9", WIDTH, 675), Shape("4x3", WIDTH, 900), Shape("1x1", WIDTH, WIDTH))
"""Widest first: the first is the one pages, Open Graph and feeds show."""
WIDE = SHAPES[0]


def path(digest: str, shape: Shape) -> str:
    """The rendition's file in the docs tree."""
    key = hashlib.blake2b(f"{_code_version()}\0{digest}\0{shape.name}".encode(), digest_size=16)
    return f"{FOLDER}/{key.hexdigest()}-{shape.name}.jpg"


def make(source: bytes, shape: Shape) -> bytes:
    """One rendition of an image's bytes (checked already: generator/source/images.py)."""
    with Image.open(io.BytesIO(source)) as opened:
        upright: Image.Image = ImageOps.exif_transpose(opened)
        if upright.mode in ("RGBA", "LA", "P"):
            rgba = upright.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
        else:
            flat = upright.convert("RGB")
        fitted = ImageOps.fit(flat, (shape.width, shape.height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    fitted.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue()


@cache
def _code_version() -> str:
    digest = hashlib.blake2b(Path(__file__).read_bytes(), digest_size=16)
    digest.update(PIL.__version__.encode())
    return digest.hexdigest()
