"""What social cards and image renditions cost a build, in this process, cold and with kept
state (generator/publish/media.py, generator/build/media_cache.py).

The synthetic site has no ``site_url`` (its builds make no head data), so its settings are
given one here: then every page's head data names its image, and every brief and term page
gets a card. Timed: the head data of every page made with images, minus the same without
(what the cards add), first with an empty ``.newsbriefs/media/`` (every card drawn), then
again over what that run kept (every card read back, checked, reused). The renditions of one
1600x900 image are timed the same way. Run alone:

    .venv/bin/python benchmarks/media_cost.py 200
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

from generator.build.media_cache import KeptMedia
from generator.build.pipeline import check
from generator.publish import head
from generator.publish.media import Media
from generator.render.site import render_site
from generator.render.theme import load_theme
from generator.settings import load_site
from generator.source.model import ImageFile

SITE_URL = "https://bench.example.org/"


def _timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def measure(config_file: Path, repeat: int = 1) -> dict[str, Any]:
    """Seconds (wall and CPU, the median of ``repeat`` runs) the cards add to a build, cold
    and kept; how many, how large; and the renditions of one image, cold and kept."""
    settings = load_site(config_file).settings.model_copy(update={"site_url": SITE_URL})
    index, _ = check(settings)
    assert index is not None, "the synthetic briefs have errors"
    theme, _ = load_theme(settings.templates_path)
    pages, _ = render_site(index, settings, theme)
    runs: dict[str, list[float]] = {}

    def note(key: str, wall: float, cpu: float) -> None:
        runs.setdefault(key, []).append(wall)
        runs.setdefault(key + "_cpu", []).append(cpu)

    cards = size = 0
    for _ in range(repeat):
        wall, cpu, _ = _timed(lambda: head.with_head(pages, index, settings))
        note("without", wall, cpu)
        with tempfile.TemporaryDirectory() as state:
            kept = KeptMedia(Path(state))
            for phase in ("cold", "kept"):
                media = Media(settings, kept)
                wall, cpu, _ = _timed(lambda m=media: head.with_head(pages, index, settings, m))
                note(phase, wall, cpu)
            cards, size = media.reused, sum(len(data) for data in media.files.values())
    result: dict[str, Any] = {key: round(statistics.median(v), 4) for key, v in runs.items()}
    for phase in ("cold", "kept"):
        for suffix in ("", "_cpu"):
            result[f"{phase}_added{suffix}"] = round(
                result[phase + suffix] - result["without" + suffix], 4
            )
    result["cards"] = cards
    result["card_kb"] = round(size / max(cards, 1) / 1024, 1)
    result["ms_per_card_cold"] = round(1000 * result["cold_added"] / max(cards, 1), 2)
    result["ms_per_card_kept"] = round(1000 * result["kept_added"] / max(cards, 1), 2)
    result["renditions"] = renditions(settings)
    return result


def renditions(settings: Any) -> dict[str, float]:
    """One 1600x900 image made into its three renditions, cold, then from kept state."""
    picture = Image.new("RGB", (1600, 900), (230, 236, 245))
    for x in range(0, 1600, 50):
        picture.paste((40, 90, 160), (x, 900 - x // 2 - 100, x + 30, 900))
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=90)
    with tempfile.TemporaryDirectory() as folder:
        briefs = Path(folder) / "briefs"
        (briefs / "_media").mkdir(parents=True)
        (briefs / "_media/p.jpg").write_bytes(data.getvalue())
        pictured = settings.model_copy(update={"briefs_dir": briefs})
        from generator.source.images import check_image
        from generator.source.model import Brief

        found = check_image(data.getvalue(), "p.jpg")
        assert isinstance(found, ImageFile)
        brief = Brief.model_validate(
            {
                "title": "T",
                "date": "2026-01-01",
                "category": "C",
                "key_points": ["K"],
                "summary": "S",
                "image": {"src": "_media/p.jpg", "alt": "A"},
                "image_file": found.model_dump(),
                "source": Path("t.yaml"),
                "slug": "t",
                "status": "published",
            }
        )
        kept = KeptMedia(Path(folder) / "state")
        cold = _timed(lambda: Media(pictured, kept).local_renditions(brief))
        again = _timed(lambda: Media(pictured, kept).local_renditions(brief))
    return {"cold": round(cold[0], 4), "cold_cpu": round(cold[1], 4), "kept": round(again[0], 4)}


if __name__ == "__main__":
    sys.path[:0] = [str(Path(__file__).resolve().parent)]
    import sites

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    with tempfile.TemporaryDirectory() as work:
        config = sites.our_site(Path(work) / "ours", count, seed=7)
        print(measure(config))
