"""A brief's local image, read and checked: the file its ``image.src`` names under the briefs
folder must be there, inside that folder, a PNG, JPEG or WebP that decodes whole, and large
enough for the renditions search engines ask for (:data:`MIN_WIDTH` x :data:`MIN_HEIGHT`).

Each problem is positioned at ``image.src`` and all are reported in one run. What is read is
kept on the brief (``Brief.image_file``: the hash of the bytes and the size), so the pages
that show it are rendered again when the file changes, and its renditions are named by it
(generator/render/renditions.py). Images live under the briefs folder, not ``docs/``: the
engine copies ``docs/`` as it is, and an embargoed brief's image must not be published; only
the renditions of published briefs are.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import warnings
from collections.abc import Sequence
from pathlib import Path

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from generator.errors import Problem, excerpt
from generator.source.model import Brief, ImageFile

MIN_WIDTH = 1200
"""Google Discover's minimum width; the renditions are this wide."""
MIN_HEIGHT = 675
"""A 16x9 rendition of :data:`MIN_WIDTH` needs this many rows."""
MAX_BYTES = 20 * 2**20
"""Larger files are refused before they are read."""
MAX_PIXELS = 40_000_000
"""Larger images are refused before they are decoded (a small file can declare a huge size)."""
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}

_FIELD = ("image", "src")


def read_images(briefs: Sequence[Brief], briefs_dir: Path) -> tuple[list[Brief], list[Problem]]:
    """The briefs, each with a local image given its ``image_file``; a problem for every
    image that cannot be used. Files read once per run, by path."""
    problems: list[Problem] = []
    result: list[Brief] = []
    read: dict[str, ImageFile | str] = {}
    root = briefs_dir.resolve()
    for brief in briefs:
        image = brief.image
        if image is None or not image.local:
            result.append(brief)
            continue
        found = read.get(image.src)
        if found is None:
            found = read[image.src] = _read(root, image.src)
        if isinstance(found, str):
            where = brief.position_of(_FIELD)
            problems.append(Problem(brief.source, found, where, "image.src"))
            result.append(brief)
        else:
            result.append(brief.model_copy(update={"image_file": found}))
    return result, problems


def _read(root: Path, src: str) -> ImageFile | str:
    """What a file holds, or why it cannot be used."""
    path = root / src
    shown = excerpt(src)
    try:
        real = path.resolve()
        info = os.stat(real)
    except (OSError, RuntimeError):
        return f"{shown}: no such file under the briefs folder"
    if not real.is_relative_to(root):
        return f"{shown} leads outside the briefs folder"
    if not stat.S_ISREG(info.st_mode):
        return f"{shown} is not a regular file"
    if info.st_size > MAX_BYTES:
        return f"{shown} is larger than {MAX_BYTES // 2**20} MB"
    try:
        data = real.read_bytes()[: MAX_BYTES + 1]
    except OSError as exc:
        return f"{shown} cannot be read ({exc.strerror})"
    return check_image(data, shown)


def check_image(data: bytes, shown: str) -> ImageFile | str:
    """The digest and size of an image's bytes, or why they are not a usable image."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as image:
                if image.format not in FORMATS:
                    return f"{shown} is a {image.format} image, not PNG, JPEG or WebP"
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return f"{shown} claims {width}x{height} pixels, more than {MAX_PIXELS:,}"
                image.load()  # decodes it whole: a truncated file fails here
    except (PILImage.DecompressionBombWarning, PILImage.DecompressionBombError):
        return f"{shown} claims more than {MAX_PIXELS:,} pixels (a decompression bomb?)"
    except UnidentifiedImageError:
        return f"{shown} is not an image Pillow can read (PNG, JPEG or WebP)"
    except (OSError, ValueError, SyntaxError) as exc:
        return f"{shown} is broken: {excerpt(str(exc))}"
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return (
            f"{shown} is {width}x{height} pixels; an image needs at least "
            f"{MIN_WIDTH}x{MIN_HEIGHT} (search engines show images 1200 pixels wide)"
        )
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return ImageFile(digest=digest, width=width, height=height)
