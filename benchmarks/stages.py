"""newsbriefs' own work, stage by stage, in this process, beside the floor under it: parsing
the same files with ``yaml.CSafeLoader`` alone (libyaml, no positions, no validation).

The stages are those of ``generator.build.pipeline.generate``, called one by one so each can be
timed: *load + validate* (find and parse the briefs and registries, pydantic models,
collection checks), *index* (terms, related briefs, threads, the warnings of a check),
*render* (templates to Markdown, then what machines read: feeds, the API). Nothing is
written. Templates are recompiled each run, as in a fresh process; imports are not counted.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.build.links import broken_links
from generator.build.pipeline import load_briefs, release
from generator.graph.index import build_index
from generator.graph.sanity import warnings as sanity_warnings
from generator.publish import publish
from generator.render.filters import make_environment
from generator.render.site import render_site
from generator.render.theme import load_theme
from generator.settings import load_site
from generator.source.registry import load_registry

STAGES = ("load_validate", "index", "render")


def _timed(work: Callable[[], Any], into: dict[str, list[float]], key: str) -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    into[key].append(time.perf_counter() - wall)
    into[key + "_cpu"].append(time.process_time() - cpu)
    return result


def measure(config_file: Path, repeat: int) -> dict[str, Any]:
    """Median wall and CPU seconds of each stage and of CSafeLoader over ``repeat`` runs."""
    settings = load_site(config_file).settings
    paths = sorted(settings.briefs_path.rglob("*.yaml"))
    keys = ("yaml_csafeloader", *STAGES)
    runs: dict[str, list[float]] = {k: [] for key in keys for k in (key, key + "_cpu")}

    def yaml_only() -> None:
        for path in paths:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    def load() -> Any:
        # A cold read, as in a fresh process: no preview's briefs read before.
        briefs, problems = load_briefs(settings)
        registry, more = load_registry(settings.briefs_path)
        return briefs, registry, problems + more

    def index(briefs: Any, registry: Any) -> Any:
        run = release(settings)
        published, embargoes = run.select(briefs)
        site_index, problems = build_index(published, registry, embargoes)
        problems += sanity_warnings(run.vouched(briefs), now=run.now)
        problems += broken_links(site_index, settings)
        return site_index

    def render_all(site_index: Any) -> Any:
        make_environment.cache_clear()  # a fresh process compiles the templates too
        theme, _ = load_theme(settings.templates_path)
        outputs, _ = render_site(site_index, settings, theme)
        return publish(site_index, settings, outputs, release(settings).now)

    pages = 0
    for _ in range(repeat):
        _timed(yaml_only, runs, "yaml_csafeloader")
        briefs, registry, _ = _timed(load, runs, "load_validate")
        site_index = _timed(lambda: index(briefs, registry), runs, "index")  # noqa: B023
        outputs = _timed(lambda: render_all(site_index), runs, "render")  # noqa: B023
        pages = sum(1 for output in outputs if output.path.endswith(".md"))
    result: dict[str, Any] = {key: round(statistics.median(v), 4) for key, v in runs.items()}
    result["pipeline"] = round(sum(result[s] for s in STAGES), 4)
    result["pipeline_cpu"] = round(sum(result[s + "_cpu"] for s in STAGES), 4)
    result["ratio_to_yaml"] = round(result["pipeline"] / result["yaml_csafeloader"], 2)
    result["cpu_ratio_to_yaml"] = round(result["pipeline_cpu"] / result["yaml_csafeloader_cpu"], 2)
    result["pages"] = pages
    result["files"] = len(paths)
    return result
