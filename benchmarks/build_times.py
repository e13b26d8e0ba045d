"""How much the ``briefs`` plugin costs a build, and how build time grows with the briefs.

One run, in throwaway folders:

1. **plugin build**: a site of N synthetic briefs with the ``briefs`` plugin,
   built with ``mkdocs build --strict``;
2. **plain build**: the same pages as Markdown (``briefs generate --out``) in the docs/ of a
   plain site (no ``briefs`` plugin; same theme, extensions and extra_css; an explicit
   ``nav:`` equal to the one the plugin builds), built with ``mkdocs build --strict``;
3. **generator**: ``briefs generate --out`` as a whole process, and its stages in this
   process (load + validate, index, render, write).

Builds are separate processes timed with ``time.perf_counter`` (wall time, Python start-up
included); plugin and plain builds alternate, and each figure is the median of
``--repeat`` runs; CPU seconds (user + system, from ``getrusage``) are reported beside wall
time, as they suffer less from other work on the machine. ``--scaling`` adds one plugin
build at each of 250, 500, 1000 and 2000 briefs (``--scaling-plain``: and of the plain site);
``--profile`` adds one plugin build under cProfile and lists the hot spots in generator/.
Results are printed as Markdown tables and written to benchmarks/results/latest.json.

    .venv/bin/python benchmarks/build_times.py --count 1000 --repeat 3 --scaling

Engines (``--engines mkdocs,properdocs,zensical``): :func:`build_command` says how each
builds a site, with the declarations of :mod:`generator.engines`. MkDocs and ProperDocs run
the plugin; Zensical runs no plugins, so its build from the briefs is ``briefs build --engine
zensical --strict`` (generate the tree, stage it, ``zensical build --strict``), and its plain
build is ``zensical build --strict`` of the plain site. Every timed build starts cold
(Zensical's cache and staged tree are removed first); one more Zensical build of each site
with its cache kept is reported as the warm rebuild.
"""

from __future__ import annotations

import argparse
import filecmp
import itertools
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path.insert(0, str(REPO))  # the generator package, also when it is not installed
sys.path.insert(0, str(BENCH_DIR))

from synthetic import make_site  # noqa: E402

from generator import engines as engine_specs  # noqa: E402
from generator import render  # noqa: E402
from generator.index import build_index  # noqa: E402
from generator.nav import default_nav  # noqa: E402
from generator.pipeline import Generated, load_briefs  # noqa: E402
from generator.related import related_briefs  # noqa: E402
from generator.settings import load_site, read_site_config  # noqa: E402
from generator.theme import load_theme  # noqa: E402
from generator.write import MANIFEST, write_tree  # noqa: E402

DEFAULT_JSON = BENCH_DIR / "results" / "latest.json"
SCALING_SIZES = (250, 500, 1000, 2000)
TARGET_RATIO = 1.3
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


# ---------------------------------------------------------------------------------------------
# Engines.


@dataclass(frozen=True)
class Engine:
    name: str
    runs_plugins: bool
    """False for engines that run no MkDocs plugins (Zensical): only the plain build applies."""


ENGINES: dict[str, Engine] = {
    engine.name: engine
    for engine in (
        Engine("mkdocs", runs_plugins=True),
        Engine("properdocs", runs_plugins=True),
        Engine("zensical", runs_plugins=False),
    )
}


def build_command(engine: str, config_file: Path, site_dir: Path) -> list[str]:
    """The command that builds the site of ``config_file`` into ``site_dir``, failing on
    warnings. Run from the site's folder with :data:`ENV`."""
    if engine == "mkdocs":
        # python -m mkdocs: the MkDocs of the interpreter running this script (the venv's).
        return [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(config_file),
            "--site-dir",
            str(site_dir),
        ]
    if engine == "properdocs":
        # ProperDocs (the MkDocs 1.x fork) runs our plugin unchanged; same options as MkDocs.
        spec = engine_specs.ENGINES["properdocs"]
        return spec.build_command(config_file, site_dir, strict=True)
    if engine == "zensical":
        if has_briefs_plugin(config_file):
            # Zensical runs no plugins: `briefs build` generates the tree, stages it with a
            # derived config (generator.engines.stage_for_zensical), runs `zensical build
            # --strict` and moves the site into site_dir.
            return [
                *briefs_head(),
                "--config-file",
                str(config_file),
                "build",
                "--engine",
                "zensical",
                "--strict",
                "--site-dir",
                str(site_dir),
            ]
        # A plain site holds the tree already. Zensical has no site_dir option and wants the
        # folder inside the config's own, so a config that inherits this one names it.
        derived = zensical_config(config_file, site_dir)
        return engine_specs.ENGINES["zensical"].build_command(derived, site_dir, strict=True)
    raise ValueError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}")


def has_briefs_plugin(config_file: Path) -> bool:
    plugins = read_site_config(config_file).get("plugins") or []
    names = (
        plugins.keys()
        if isinstance(plugins, dict)
        else [next(iter(p)) if isinstance(p, dict) else p for p in plugins]
    )
    return "briefs" in names


def zensical_config(config_file: Path, site_dir: Path) -> Path:
    """A config beside ``config_file`` that inherits it and sets site_dir (which Zensical
    requires inside the config's folder)."""
    folder = config_file.resolve().parent
    if not site_dir.resolve().is_relative_to(folder):
        raise ValueError(f"zensical builds only into a folder inside {folder}: {site_dir}")
    derived = folder / f".zensical-{site_dir.name}.yml"
    relative = site_dir.resolve().relative_to(folder).as_posix()
    derived.write_text(f"INHERIT: {config_file.name}\nsite_dir: {relative}\n", "utf-8")
    return derived


def reset_engine_state(engine: str, config_file: Path) -> None:
    """Start cold: remove Zensical's cache and staged tree (MkDocs keeps no state)."""
    if engine == "zensical":
        folder = config_file.parent
        shutil.rmtree(folder / ".cache", ignore_errors=True)
        shutil.rmtree(folder / engine_specs.STATE_DIR, ignore_errors=True)


def briefs_head() -> list[str]:
    """The ``briefs`` console script beside this interpreter, or the module."""
    script = Path(sys.executable).with_name("briefs")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "generator.cli"]


def briefs_command(config_file: Path, out_dir: Path) -> list[str]:
    """``briefs generate``: the console script beside this interpreter, or the module."""
    return [*briefs_head(), "--config-file", str(config_file), "generate", "--out", str(out_dir)]


# ---------------------------------------------------------------------------------------------
# Timing.


class BenchError(Exception):
    """A build failed: the benchmark would compare nothing."""


@dataclass(frozen=True)
class Run:
    wall: float
    """Wall-clock seconds (time.perf_counter)."""
    cpu: float
    """User + system CPU seconds of the process and its children: less sensitive than wall
    time to other work on the machine."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(command: Sequence[str], cwd: Path) -> Run:
    """Time one command; raises :class:`BenchError` if it fails."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu_before
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).splitlines()[-20:])
        raise BenchError(f"{' '.join(command)} exited with {proc.returncode}:\n{tail}")
    return Run(elapsed, cpu)


@dataclass
class Timing:
    runs: list[float]
    cpu_runs: list[float] | None = None

    @classmethod
    def of(cls, runs: Sequence[Run]) -> Timing:
        return cls([r.wall for r in runs], [r.cpu for r in runs])

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def cpu_median(self) -> float | None:
        return statistics.median(self.cpu_runs) if self.cpu_runs else None

    def as_json(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "median_s": round(self.median, 4),
            "runs_s": [round(r, 4) for r in self.runs],
        }
        if self.cpu_runs:
            result["cpu_median_s"] = round(statistics.median(self.cpu_runs), 4)
            result["cpu_runs_s"] = [round(r, 4) for r in self.cpu_runs]
        return result


# ---------------------------------------------------------------------------------------------
# Sites.


def plugin_nav(config_file: Path, generated_dir: Path) -> list[Any]:
    """The nav the plugin builds for a site without ``nav:``: Home, Categories (their index,
    then each category), then the site's own top-level pages.

    ``generated_dir`` is the tree ``briefs generate`` wrote for this site (its manifest lists
    the generated paths), so nothing is rendered twice.
    """
    settings = load_site(config_file).settings
    briefs, _ = load_briefs(settings)
    index, _ = build_index([b for b in briefs if settings.drafts or not b.draft])
    paths = json.loads((generated_dir / MANIFEST).read_text("utf-8"))
    generated = Generated(index, dict.fromkeys(paths, ""), [])
    return default_nav(generated, settings)  # the plugin's own function


@dataclass
class Sites:
    plugin_config: Path
    plain_config: Path
    pages: int
    """Markdown pages the generator makes (plus docs/about.md in each site)."""


def prepare_sites(work: Path, count: int, seed: int) -> Sites:
    """The plugin site with ``count`` briefs, and the equivalent plain site."""
    plugin_config = make_site(work / "plugin", count, plugin=True, seed=seed)
    generated = work / "generated"
    run_timed(briefs_command(plugin_config, generated), cwd=plugin_config.parent)
    nav = plugin_nav(plugin_config, generated)
    plain_config = make_site(work / "plain", 0, plugin=False, nav=nav)
    shutil.copytree(
        generated,
        plain_config.parent / "docs",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(MANIFEST),
    )
    pages = sum(1 for _ in generated.rglob("*.md"))
    return Sites(plugin_config, plain_config, pages)


def compare_sites(a: Path, b: Path) -> dict[str, Any]:
    """Do the two builds hold the same files, byte for byte? (sitemap.xml.gz is stamped.)"""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    common = sorted(files_a & files_b - {"sitemap.xml.gz"})
    _, mismatch, errors = filecmp.cmpfiles(a, b, common, shallow=False)
    reordered = [f for f in mismatch if f.endswith(".json") and _same_json_entries(a / f, b / f)]
    mismatch = [f for f in mismatch if f not in reordered]
    return {
        "html_pages": sum(1 for f in files_a if f.endswith(".html")),
        "only_in_plugin_build": sorted(files_a - files_b)[:10],
        "only_in_plain_build": sorted(files_b - files_a)[:10],
        "differing_files": len(mismatch) + len(errors),
        "differing_examples": sorted(mismatch + errors)[:5],
        "same_content_other_order": reordered,
    }


def _same_json_entries(a: Path, b: Path) -> bool:
    """The search index lists pages in the order the engine found them: the plugin's pages
    come after docs/ files, the plain site's are in folder order. Same entries, same index."""

    def entries(path: Path) -> tuple[Any, list[str]]:
        data = json.loads(path.read_text("utf-8"))
        docs = data.pop("docs", []) if isinstance(data, dict) else []
        return data, sorted(json.dumps(d, sort_keys=True) for d in docs)

    return entries(a) == entries(b)


# ---------------------------------------------------------------------------------------------
# The generator on its own, in this process.


def stage_times(config_file: Path, out_dir: Path) -> dict[str, float]:
    """Seconds per pipeline stage, as ``briefs generate`` runs them, templates uncompiled."""
    settings = load_site(config_file).settings
    render.make_environment.cache_clear()  # a fresh process compiles the templates too
    t0 = time.perf_counter()
    briefs, _ = load_briefs(settings)
    t1 = time.perf_counter()
    index, _ = build_index([b for b in briefs if not b.draft])
    t2 = time.perf_counter()
    theme, _ = load_theme(settings.templates_path)
    outputs, _ = render.render_site(index, settings, theme)
    t3 = time.perf_counter()
    files = {output.path: output.content for output in outputs}
    write_tree(files, out_dir, protected=[settings.briefs_path])
    t4 = time.perf_counter()
    return {"load_validate": t1 - t0, "index": t2 - t1, "render": t3 - t2, "write": t4 - t3}


def pipeline_times(
    work: Path, count: int, seed: int, repeat: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """newsbriefs' own work on ``count`` briefs (load + index + render, nothing written)
    beside the floor under it: parsing the same files with ``yaml.CSafeLoader`` alone. One
    process, the same files, median of ``repeat``; the related-briefs scoring is also timed
    on its own, with the candidate pairs it examined."""
    log(f"pipeline: writing {count} synthetic briefs")
    settings = load_site(make_site(work, count, plugin=True, seed=seed)).settings
    paths = sorted(settings.briefs_path.rglob("*.yaml"))

    def yaml_only() -> None:
        for path in paths:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    runs: dict[str, list[float]] = {
        "yaml_csafeloader": [],
        "load_validate": [],
        "index": [],
        "render": [],
        "related": [],
    }
    pairs = pages = 0
    for number in range(repeat):
        log(f"pipeline: run {number + 1} of {repeat}")
        t0 = time.perf_counter()
        yaml_only()
        t1 = time.perf_counter()
        render.make_environment.cache_clear()
        briefs, _ = load_briefs(settings)
        t2 = time.perf_counter()
        published = [b for b in briefs if not b.draft]
        index, _ = build_index(published)
        t3 = time.perf_counter()
        theme, _ = load_theme(settings.templates_path)
        outputs, _ = render.render_site(index, settings, theme)
        t4 = time.perf_counter()
        pages = sum(1 for output in outputs if output.kind == "markdown")
        pairs = related_briefs(index.briefs).pairs_examined
        t5 = time.perf_counter()
        for key, seconds in zip(runs, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            runs[key].append(seconds)
    medians = {key: statistics.median(values) for key, values in runs.items()}
    total = medians["load_validate"] + medians["index"] + medians["render"]
    return {
        "count": count,
        "repeat": repeat,
        "median_s": {key: round(value, 4) for key, value in medians.items()},
        "load_index_render_s": round(total, 4),
        "ratio_to_yaml_only": round(total / medians["yaml_csafeloader"], 2),
        "pages": pages,
        "related_pairs_examined": pairs,
        "related_pairs_all": count * (count - 1),
    }


# ---------------------------------------------------------------------------------------------
# Runs.


def compare(
    work: Path,
    count: int,
    repeat: int,
    engines: Sequence[str],
    seed: int,
    log: Callable[[str], None],
) -> dict[str, Any]:
    log(f"writing {count} synthetic briefs and the two sites in {work}")
    sites = prepare_sites(work, count, seed)
    result: dict[str, Any] = {"count": count, "repeat": repeat, "generated_pages": sites.pages}

    cli: list[Run] = []
    stages: dict[str, list[float]] = {}
    for i in range(repeat):
        out = work / f"generate-{i}"
        cli.append(run_timed(briefs_command(sites.plugin_config, out), sites.plugin_config.parent))
        for stage, seconds in stage_times(sites.plugin_config, work / f"stages-{i}").items():
            stages.setdefault(stage, []).append(seconds)
    log(f"briefs generate: {Timing.of(cli).median:.2f} s")
    result["generator"] = {
        "cli_generate": Timing.of(cli).as_json(),
        "stages": {name: Timing(runs).as_json() for name, runs in stages.items()},
    }

    result["engines"] = {}
    for engine in engines:
        plugin_runs: list[Run] = []
        plain_runs: list[Run] = []
        plugin_site = work / f"site-{engine}-plugin"
        plain_site = work / f"site-{engine}-plain"
        if engine == "zensical":  # it builds only into a folder inside its config's folder
            plain_site = sites.plain_config.parent / f"site-{engine}"
        for i in range(repeat):  # alternate, so drifting machine load hits both alike
            # Every engine builds from the briefs: the plugin, or (Zensical) `briefs build`.
            reset_engine_state(engine, sites.plugin_config)
            command = build_command(engine, sites.plugin_config, plugin_site)
            plugin_runs.append(run_timed(command, sites.plugin_config.parent))
            log(f"{engine} build from the briefs {i + 1}/{repeat}: {plugin_runs[-1].wall:.2f} s")
            reset_engine_state(engine, sites.plain_config)
            command = build_command(engine, sites.plain_config, plain_site)
            plain_runs.append(run_timed(command, sites.plain_config.parent))
            log(f"{engine} plain build {i + 1}/{repeat}: {plain_runs[-1].wall:.2f} s")
        plain = Timing.of(plain_runs)
        entry: dict[str, Any] = {"plain_build": plain.as_json()}
        if plugin_runs:
            plugin = Timing.of(plugin_runs)
            entry["plugin_build"] = plugin.as_json()
            entry["ratio_plugin_to_plain"] = round(plugin.median / plain.median, 3)
            entry["cpu_ratio_plugin_to_plain"] = round(
                statistics.median(plugin.cpu_runs or [0])
                / statistics.median(plain.cpu_runs or [1]),
                3,
            )
            entry["same_output"] = compare_sites(plugin_site, plain_site)
        if engine == "zensical":  # once more each, cache and staged tree kept
            for key, config, site in (
                ("warm_rebuild_from_briefs", sites.plugin_config, plugin_site),
                ("warm_rebuild_plain", sites.plain_config, plain_site),
            ):
                warm = run_timed(build_command(engine, config, site), config.parent)
                entry[key] = Timing.of([warm]).as_json()
                log(f"{engine} {key.replace('_', ' ')}: {warm.wall:.2f} s")
        result["engines"][engine] = entry
    return result


def scaling(
    work: Path,
    sizes: Sequence[int],
    engine: str,
    seed: int,
    log: Callable[[str], None],
    *,
    plain: bool = False,
) -> list[dict[str, Any]]:
    """One plugin build per size (and, with ``plain``, one build of the equivalent plain
    site): seconds per brief stays flat when build time grows linearly."""
    rows: list[dict[str, Any]] = []
    for size in sizes:
        folder = work / f"scale-{size}"
        if plain:
            sites = prepare_sites(folder, size, seed)
            config = sites.plugin_config
        else:
            config = make_site(folder / "plugin", size, plugin=True, seed=seed)
        site_dir = folder / "site-plugin"
        run = run_timed(build_command(engine, config, site_dir), config.parent)
        row: dict[str, Any] = {
            "briefs": size,
            "html_pages": sum(1 for _ in site_dir.rglob("*.html")),
            "seconds": round(run.wall, 3),
            "cpu_seconds": round(run.cpu, 3),
            "ms_per_brief": round(1000 * run.wall / size, 2),
            "cpu_ms_per_brief": round(1000 * run.cpu / size, 2),
        }
        log(f"{engine} plugin build, {size} briefs: {run.wall:.2f} s ({run.cpu:.2f} s CPU)")
        if plain:
            command = build_command(engine, sites.plain_config, folder / "site-plain")
            plain_run = run_timed(command, sites.plain_config.parent)
            row["plain_seconds"] = round(plain_run.wall, 3)
            row["plain_cpu_seconds"] = round(plain_run.cpu, 3)
            row["plain_cpu_ms_per_brief"] = round(1000 * plain_run.cpu / size, 2)
            log(f"{engine} plain build, {size} briefs: {plain_run.wall:.2f} s")
        rows.append(row)
        shutil.rmtree(folder)
    for before, row in itertools.pairwise(rows):
        added = row["briefs"] - before["briefs"]
        row["marginal_ms_per_brief"] = round(1000 * (row["seconds"] - before["seconds"]) / added, 2)
        row["cpu_marginal_ms_per_brief"] = round(
            1000 * (row["cpu_seconds"] - before["cpu_seconds"]) / added, 2
        )
    return rows


def profile_plugin_build(
    work: Path, count: int, seed: int, top: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """One plugin build under cProfile: the time in the plugin's hooks and the hottest
    functions of generator/ (cumulative and own time)."""
    config = make_site(work / "profile", count, plugin=True, seed=seed)
    stats_file = work / "plugin-build.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(stats_file)]
    command += build_command("mkdocs", config, config.parent / "site")[1:]
    log(f"profiling one plugin build of {count} briefs")
    run_timed(command, config.parent)
    stats = pstats.Stats(str(stats_file))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = max(ct for _, _, _, ct, _ in raw.values())
    generator_dir = str(REPO / "generator")

    def rows(key: int) -> list[dict[str, Any]]:
        found = [
            (func, v)
            for func, v in raw.items()
            if func[0].startswith(generator_dir) and v[key] > 0.001
        ]
        found.sort(key=lambda item: item[1][key], reverse=True)
        return [
            {
                "function": f"{Path(func[0]).relative_to(REPO).as_posix()}:{func[1]}({func[2]})",
                "calls": v[1],
                "own_s": round(v[2], 3),
                "cumulative_s": round(v[3], 3),
            }
            for func, v in found[:top]
        ]

    hooks = {
        name: round(v[3], 3)
        for (path, _, name), v in raw.items()
        if path.endswith("generator/plugin.py") and name.startswith("on_")
    }
    return {
        "total_s": round(total, 3),
        "plugin_hooks_s": hooks,
        "by_cumulative": rows(3),
        "by_own_time": rows(2),
    }


# ---------------------------------------------------------------------------------------------
# Report.


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    versions = {}
    for package in (
        "mkdocs",
        "properdocs",
        "zensical",
        "mkdocs-material",
        "markdown",
        "jinja2",
        "pydantic",
        "pyyaml",
    ):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpu": cpu,
        "cpus": usable,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
    }


def _git(*args: str) -> str | None:
    try:
        proc = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return proc.stdout.strip()


def git_commit() -> dict[str, Any]:
    """The commit measured, and whether generator/ or theme/ differed from it."""
    status = _git("status", "--porcelain", "--", "generator", "theme")
    return {
        "commit": _git("rev-parse", "--short", "HEAD") or None,
        "uncommitted_changes": None if status is None else bool(status),
    }


def markdown_report(results: dict[str, Any]) -> str:
    lines: list[str] = []
    comparison = results.get("comparison")
    if comparison:
        n, repeat = comparison["count"], comparison["repeat"]
        lines += [
            f"### {n} briefs ({comparison['generated_pages']} generated pages), "
            f"median of {repeat} (wall time, {results['machine']['cpus']} CPUs)",
            "",
            "| What | Wall, median (s) | Wall, runs (s) | CPU, median (s) |",
            "| --- | ---: | --- | ---: |",
        ]

        def row(label: str, timing: dict[str, Any], digits: int = 2) -> None:
            runs = ", ".join(f"{r:.{digits}f}" for r in timing["runs_s"])
            cpu = timing.get("cpu_median_s")
            cpu_text = "" if cpu is None else f"{cpu:.{digits}f}"
            lines.append(f"| {label} | {timing['median_s']:.{digits}f} | {runs} | {cpu_text} |")

        for engine, entry in comparison["engines"].items():
            if "plugin_build" in entry and ENGINES[engine].runs_plugins:
                row(f"`{engine} build --strict`, briefs plugin", entry["plugin_build"])
            elif "plugin_build" in entry:
                row(
                    f"`briefs build --engine {engine} --strict` (generate, stage, build)",
                    entry["plugin_build"],
                )
            row(
                f"`{engine} build --strict`, plain site (Markdown from `briefs generate`)",
                entry["plain_build"],
            )
            if "ratio_plugin_to_plain" in entry and not ENGINES[engine].runs_plugins:
                lines.append(
                    f"| from the briefs / plain ({engine}) | {entry['ratio_plugin_to_plain']:.2f} "
                    f"| no plugin: the generator runs as its own step | "
                    f"{entry['cpu_ratio_plugin_to_plain']:.2f} |"
                )
            elif "ratio_plugin_to_plain" in entry:
                ratio = entry["ratio_plugin_to_plain"]
                verdict = "ok" if ratio <= TARGET_RATIO else "OVER TARGET"
                lines.append(
                    f"| **plugin / plain ({engine})** | **{ratio:.2f}** | "
                    f"target <= {TARGET_RATIO}: {verdict} | "
                    f"{entry['cpu_ratio_plugin_to_plain']:.2f} |"
                )
            for key in ("warm_rebuild_from_briefs", "warm_rebuild_plain"):
                if key in entry:
                    row(f"{engine}: {key.replace('_', ' ')} (cache kept)", entry[key])
        generator = comparison["generator"]
        row("`briefs generate --out` (whole process)", generator["cli_generate"])
        for stage, timing in generator["stages"].items():
            row(f"in-process: {stage.replace('_', ' + ')}", timing, 3)
        lines.append("")
    if results.get("pipeline"):
        p = results["pipeline"]
        m = p["median_s"]
        lines += [
            f"### newsbriefs alone on {p['count']} briefs, one process, median of {p['repeat']}",
            "",
            "| What | Seconds |",
            "| --- | ---: |",
            f"| parse every file with `yaml.CSafeLoader` alone | {m['yaml_csafeloader']:.2f} |",
            f"| load + validate (libyaml with positions, pydantic) | {m['load_validate']:.2f} |",
            f"| index (terms, related, threads) | {m['index']:.2f} |",
            f"| of which related-briefs scoring | {m['related']:.2f} |",
            f"| render (every page) | {m['render']:.2f} |",
            f"| **load + index + render** | **{p['load_index_render_s']:.2f}** |",
            f"| ratio to YAML alone | {p['ratio_to_yaml_only']:.2f} |",
            "",
            f"Pages generated: {p.get('pages', 0):,}. "
            f"Related briefs: {p['related_pairs_examined']:,} candidate pairs examined "
            f"(all pairs: {p['related_pairs_all']:,}).",
            "",
        ]
    if results.get("scaling"):
        lines += [
            "### Scaling: one plugin build per size",
            "",
            "| Briefs | HTML pages | Wall (s) | Wall ms / brief | Marginal wall ms / brief "
            "| CPU (s) | CPU ms / brief | Marginal CPU ms / brief |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]

        def ms(value: float | None) -> str:
            return "" if value is None else f"{value:.1f}"

        with_plain = any("plain_seconds" in r for r in results["scaling"])
        if with_plain:
            lines[-2] += " Plain wall (s) | Plain CPU ms / brief |"
            lines[-1] += " ---: | ---: |"
        for r in results["scaling"]:
            line = (
                f"| {r['briefs']} | {r['html_pages']} | {r['seconds']:.2f} | "
                f"{ms(r['ms_per_brief'])} | {ms(r.get('marginal_ms_per_brief'))} | "
                f"{r['cpu_seconds']:.2f} | {ms(r['cpu_ms_per_brief'])} | "
                f"{ms(r.get('cpu_marginal_ms_per_brief'))} |"
            )
            if with_plain:
                line += f" {r['plain_seconds']:.2f} | {ms(r['plain_cpu_ms_per_brief'])} |"
            lines.append(line)
        lines.append("")
    if results.get("profile"):
        profile = results["profile"]
        hooks = ", ".join(f"{k} {v:.2f} s" for k, v in profile["plugin_hooks_s"].items())
        lines += [
            f"### Profile of one plugin build (cProfile, {profile['total_s']:.1f} s in all)",
            "",
            f"Plugin hooks: {hooks}",
            "",
            "| generator/ function | calls | own (s) | cumulative (s) |",
            "| --- | ---: | ---: | ---: |",
        ]
        for r in profile["by_cumulative"]:
            lines.append(
                f"| `{r['function']}` | {r['calls']} | {r['own_s']:.3f} | {r['cumulative_s']:.3f} |"
            )
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Command line.


def _engines(value: str) -> list[str]:
    names = [name.strip() for name in value.split(",") if name.strip()]
    for name in names:
        if name not in ENGINES:
            raise argparse.ArgumentTypeError(
                f"unknown engine {name!r}; known: {', '.join(ENGINES)}"
            )
        spec = engine_specs.ENGINES[name]
        if not spec.installed():
            raise argparse.ArgumentTypeError(
                f"engine {name!r} is not installed: pip install '{spec.package}'"
            )
    return names


def _sizes(value: str) -> list[int]:
    try:
        sizes = [int(part) for part in value.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 250,500: {value!r}") from None
    if any(size < 1 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time site builds with the briefs plugin against a plain site."
    )
    parser.add_argument("--count", type=int, default=1000, help="briefs (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument(
        "--engines", type=_engines, default=["mkdocs"], help="comma-separated (default mkdocs)"
    )
    parser.add_argument("--seed", type=int, default=0, help="synthetic briefs seed (default 0)")
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="also build with the plugin once at each of --sizes briefs",
    )
    parser.add_argument(
        "--sizes", type=_sizes, default=list(SCALING_SIZES), help="default 250,500,1000,2000"
    )
    parser.add_argument(
        "--scaling-plain",
        action="store_true",
        help="with --scaling, also build the equivalent plain site at each size",
    )
    parser.add_argument(
        "--no-compare", action="store_true", help="skip the plugin/plain comparison"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also profile one plugin build (cProfile) and list generator/ hot spots",
    )
    parser.add_argument(
        "--pipeline",
        type=int,
        metavar="N",
        help="also time load + index + render of N synthetic briefs in this process, beside "
        "parsing the same files with yaml.CSafeLoader alone",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    if args.count < 1 or args.repeat < 1:
        parser.error("--count and --repeat must be at least 1")

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        **git_commit(),
        "machine": machine(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "seed": args.seed,
    }
    with tempfile.TemporaryDirectory(prefix="newsbriefs-bench-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        try:
            if not args.no_compare:
                results["comparison"] = compare(
                    work / "compare", args.count, args.repeat, args.engines, args.seed, log
                )
            if args.scaling:
                engine = next((e for e in args.engines if ENGINES[e].runs_plugins), None)
                if engine is None:
                    parser.error("--scaling needs an engine that runs plugins")
                results["scaling"] = scaling(
                    work / "scaling", args.sizes, engine, args.seed, log, plain=args.scaling_plain
                )
            if args.pipeline:
                results["pipeline"] = pipeline_times(
                    work / "pipeline", args.pipeline, args.seed, args.repeat, log
                )
            if args.profile:
                results["profile"] = profile_plugin_build(
                    work / "profile", args.count, args.seed, 15, log
                )
        except BenchError as exc:
            print(f"build_times: {exc}", file=sys.stderr)
            return 1
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]

    print(markdown_report(results))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    log(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
