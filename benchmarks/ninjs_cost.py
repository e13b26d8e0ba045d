"""What the ninjs export (generator/publish/ninjs.py) costs beside the JSON API, in process.

Both are made on every build (the API's files and the ninjs items are machine outputs, not
memoised pages), so their CPU time is paid by each incremental build and preview save too.
This script makes a synthetic site of ``--briefs`` briefs in a temporary folder, loads and
indexes it once, then makes the API's outputs and the ninjs items three times each and
prints the fastest CPU time, the number of files and their size:

    PYTHONPATH=. .venv/bin/python benchmarks/ninjs_cost.py --briefs 5000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sites import our_site

from generator.build.pipeline import load_briefs
from generator.graph.index import build_index
from generator.publish import api, ninjs
from generator.settings import load_site
from generator.source.registry import load_registry


def _fastest(work: Callable[[], list[Any]], runs: int = 3) -> tuple[float, list[Any]]:
    best, made = float("inf"), []
    for _ in range(runs):
        started = time.process_time()
        made = work()
        best = min(best, time.process_time() - started)
    return best, made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--briefs", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        settings = load_site(our_site(Path(folder), args.briefs, 1)).settings
        if settings.site_url is None:
            settings = settings.model_copy(update={"site_url": "https://bench.example.org/"})
        briefs, _ = load_briefs(settings)
        registry, _ = load_registry(settings.briefs_path)
        index, _ = build_index(briefs, registry)
        for name, make in (("api", api.outputs), ("ninjs", ninjs.outputs)):
            seconds, made = _fastest(lambda make=make: list(make(index, settings)))
            size = sum(len(str(output.content).encode("utf-8")) for output in made)
            print(
                f"{args.briefs:,} briefs: {name}: {seconds:.2f} s CPU, "
                f"{len(made):,} files, {size / 1e6:.1f} MB"
            )


if __name__ == "__main__":
    main()
