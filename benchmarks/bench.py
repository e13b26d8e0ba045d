"""``make bench``: how fast the whole site is, at each size, as ratios measured in one run.

For each number of synthetic briefs (default 1,000 and 5,000), in a throwaway folder:

1. write the briefs and registries (corpus/synthetic.py: same seed, same files);
2. time newsbriefs' stages in this process beside ``yaml.CSafeLoader`` alone (stages.py);
2b. social cards and image renditions drawn cold, then reused from kept state (media_cost.py);
3. build the floor's tree (``briefs generate --out``) and its plain site (sites.py);
4. build each site without search, then with it (ours: ``briefs build --strict``; the
   floor: ``mkdocs build --strict``), cold each time: the difference is the search indexing;
5. change one word of one brief and ``briefs build --strict`` again (incremental);
6. search each built site in Chromium: bytes downloaded and time to answer (search_bytes.py);
7. start ``briefs serve``, add a word to a brief, time until its page shows it (preview.py);
8. the peers on the same briefs: Material's blog + tags plugins, and Hugo (peers.py).

Then for each of ``--publish-sizes`` (default 1,000, 5,000 and 20,000), one brief published
on an archive of that size with kept state, the preview, peak memory, and at the largest
size a cold build with ``--jobs 1`` beside ``--jobs 2`` (publishing.py).

Prints two Markdown tables (report.py) and writes every figure to benchmarks/results/.

    .venv/bin/python benchmarks/bench.py            # the defaults (hours: 20,000 included)
    .venv/bin/python benchmarks/bench.py --quick    # 200 and 1,000, to try it
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
sys.path[:0] = [str(BENCH_DIR), str(REPO)]  # these modules, and the generator of this tree

import measure  # noqa: E402
import media_cost  # noqa: E402
import peers  # noqa: E402
import preview  # noqa: E402
import publishing  # noqa: E402
import report  # noqa: E402
import search_bytes  # noqa: E402
import sites  # noqa: E402
import stages  # noqa: E402
from measure import BenchError, Run, briefs, log, python_module, run, site_stats  # noqa: E402

DEFAULT_SIZES = (1000, 5000)
QUICK_SIZES = (200, 1000)
DEFAULT_PUBLISH_SIZES = (1000, 5000, 20000)
QUICK_PUBLISH_SIZES = (200, 1000)
RESULTS = BENCH_DIR / "results"
README = BENCH_DIR / "README.md"
NO_SEARCH = "site-no-search"
TABLE_START = "<!-- bench table: written by benchmarks/bench.py --readme -->"
TABLE_END = "<!-- end of bench table -->"


def _cold(folder: Path, *site_dirs: str) -> None:
    """Remove what a previous build left (its site, newsbriefs' state), so the next is cold."""
    for name in (*site_dirs, ".newsbriefs", ".cache"):
        shutil.rmtree(folder / name, ignore_errors=True)


def _median(runs: Sequence[Run]) -> Run:
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def build_pair(ours: Path, floor: Path, repeat: int, split: bool) -> dict[str, dict[str, Any]]:
    """Both sites built (cold, ``repeat`` times, alternating; the median), first without
    search when ``split``, then as they are."""
    out: dict[str, dict[str, Any]] = {"ours": {}, "floor": {}}

    def ours_build(config: Path, site_dir: str) -> Run:
        _cold(ours.parent, site_dir)
        command = briefs(config, "build", "--strict", "--site-dir", site_dir)
        return run(command, cwd=ours.parent)

    def floor_build(config: Path, site_dir: str) -> Run:
        _cold(floor.parent, site_dir)
        command = python_module("mkdocs", "build", "--strict", "-f", str(config), "-d", site_dir)
        return run(command, cwd=floor.parent)

    variants = [("build", ours, floor, "site")]
    if split:
        variants.insert(
            0,
            ("build_no_search", sites.without_search(ours), sites.without_search(floor), NO_SEARCH),
        )
    for label, ours_config, floor_config, site_dir in variants:
        ours_runs, floor_runs = [], []
        for i in range(repeat):
            ours_runs.append(ours_build(ours_config, site_dir))
            floor_runs.append(floor_build(floor_config, site_dir))
            log(
                f"  {label} {i + 1}/{repeat}: ours {ours_runs[-1].wall:.2f} s, "
                f"floor {floor_runs[-1].wall:.2f} s"
            )
        out["ours"][label] = _median(ours_runs).as_json()
        out["floor"][label] = _median(floor_runs).as_json()
    for name, config in (("ours", ours), ("floor", floor)):
        bare = config.parent / NO_SEARCH
        if bare.exists():  # a search that stays without the search plugin is inside the build
            out[name]["search_inseparable"] = sites.search_kind(bare) != "none"
            shutil.rmtree(bare)
        built = config.parent / "site"
        out[name]["search_kind"] = sites.search_kind(built)
        out[name]["site"] = vars(site_stats(built))
        out[name]["build"]["pages"] = peers.html_pages(built)
    return out


def build_peers(root: Path, count: int, seed: int, repeat: int) -> dict[str, dict[str, Any]]:
    """The peer sites of the same briefs (peers.py), each built cold ``repeat`` times (the
    median): Material's blog + tags plugins, then Hugo."""
    blog, hugo = peers.make_peers(root, count, seed)
    builds = {
        "blog": (blog.parent, "site", peers.blog_build(blog)),
        "hugo": (hugo, "public", peers.hugo_build(hugo)),
    }
    out: dict[str, dict[str, Any]] = {}
    for name, (folder, site_dir, command) in builds.items():
        runs = []
        for _ in range(repeat):
            _cold(folder, site_dir, "resources")
            runs.append(run(command, cwd=folder))
        built = folder / site_dir
        out[name] = {
            "build": {**_median(runs).as_json(), "pages": peers.html_pages(built)},
            "site": vars(site_stats(built)),
        }
        log(f"{count} briefs: peer {name} {out[name]['build']['wall']:.2f} s, "
            f"{out[name]['build']['pages']:,} pages")  # fmt: skip
    return out


def measure_size(work: Path, count: int, args: argparse.Namespace) -> dict[str, Any]:
    """Every figure of the table for ``count`` briefs."""
    log(f"{count} briefs: writing the synthetic site")
    ours = sites.our_site(work / "ours", count, args.seed)
    figures: dict[str, Any] = {"briefs": count}
    log(f"{count} briefs: stages in process (repeat {args.repeat})")
    figures["stages"] = stages.measure(ours, args.repeat)
    log(f"{count} briefs: social cards and renditions, cold and kept (in process)")
    figures["media"] = media_cost.measure(ours, args.repeat)
    log(f"{count} briefs: the floor's Markdown (briefs generate --out)")
    floor = sites.floor_site(ours, work / "floor")
    log(f"{count} briefs: builds (cold; without search, then with it)")
    figures.update(build_pair(ours, floor, args.repeat, split=not args.no_search_split))

    if not args.no_incremental:
        brief = preview.edited_brief(ours.parent / "briefs")
        figures["ours"]["incremental"] = preview.incremental_rebuild(ours, brief).as_json()
        log(f"{count} briefs: incremental rebuild {figures['ours']['incremental']['wall']:.2f} s")
    if not args.no_browser and (why := search_bytes.unavailable()):
        log(f"{count} briefs: search in the browser skipped: {why}")
    elif not args.no_browser:
        figures["search"] = {"queries": search_queries(ours)}
        for name, config in (("ours", ours), ("floor", floor)):
            site_dir = config.parent / "site"
            figures["search"][name] = search_bytes.measure(site_dir, figures["search"]["queries"])
            first = figures["search"][name]["queries"][0]
            log(f"{count} briefs: {name} search: {first['bytes']:,} bytes, {first['seconds']} s")
    if not args.no_serve:
        log(f"{count} briefs: live preview (briefs serve)")
        figures["preview"] = preview.live_preview(
            ours, preview.edited_brief(ours.parent / "briefs")
        )
        log(f"{count} briefs: preview {figures['preview']}")
    if args.no_peers:
        figures["peers_note"] = "peers left out (--no-peers)"
    elif why := peers.hugo_available():
        figures["peers_note"] = why
    else:
        log(f"{count} briefs: the peers (Material blog + tags, Hugo)")
        figures.update(build_peers(work / "peers", count, args.seed, args.repeat))
    if args.profile and count == max(args.sizes):
        figures["profile"] = profile_build(ours, work / f"profile-{count}.prof")
    return figures


def measure_publish(work: Path, count: int, args: argparse.Namespace) -> dict[str, Any]:
    """The publish figures for an archive of ``count`` briefs (publishing.py)."""
    log(f"publish at {count} briefs: writing the synthetic site")
    config = sites.our_site(work / "ours", count, args.seed)
    largest = count == max(args.publish_sizes)
    return publishing.measure_publish(
        config,
        preview_too=not args.no_serve,
        cold_jobs=largest and not args.no_cold,
        jobs=publishing.jobs_supported(config),
    )


def search_queries(config: Path) -> list[str]:
    """What the reader searches for: a company every synthetic site writes about (a word of
    the briefs' text), then a ticker of the brief the benchmark edits."""
    brief = yaml.safe_load(preview.edited_brief(config.parent / "briefs").read_text("utf-8"))
    ticker = next(t for t in map(str, brief["tickers"]) if t != "NVDA")
    return ["Nvidia", ticker]


def profile_build(config: Path, stats_file: Path, top: int = 20) -> dict[str, Any]:
    """One build under cProfile: the engine process with the plugin (what ``briefs build``
    runs), the hottest functions by own time and newsbriefs' by cumulative time."""
    _cold(config.parent, "site-profile")
    command = [sys.executable, "-m", "cProfile", "-o", str(stats_file)]
    command += ["-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", "site-profile"]
    log("profiling one build (cProfile)")
    run(command, cwd=config.parent)
    raw: dict[Any, Any] = pstats.Stats(str(stats_file)).stats  # type: ignore[attr-defined]
    total = max(v[3] for v in raw.values())

    def rows(key: int, only: str | None) -> list[dict[str, Any]]:
        found = [(f, v) for f, v in raw.items() if only is None or only in f[0]]
        found.sort(key=lambda item: item[1][key], reverse=True)
        return [
            {
                "function": f"{_short(f[0])}:{f[1]}({f[2]})",
                "calls": v[1],
                "own_s": round(v[2], 3),
                "cumulative_s": round(v[3], 3),
            }
            for f, v in found[:top]
        ]

    return {
        "total_s": round(total, 3),
        "by_own_time": rows(2, None),
        "generator_by_cumulative": rows(3, f"{os.sep}generator{os.sep}"),
    }


def _short(path: str) -> str:
    for marker in ("site-packages/", f"{REPO}/"):
        if marker in path:
            return path.split(marker, 1)[1]
    return path


def profile_table(profile: dict[str, Any]) -> str:
    lines = [
        f"Profile of one build (cProfile, {profile['total_s']:.1f} s profiled; "
        "profiling roughly doubles times):",
        "",
        "| Function (by own time) | Calls | Own (s) | Cumulative (s) |",
        "| --- | ---: | ---: | ---: |",
    ]
    for key in ("by_own_time", "generator_by_cumulative"):
        if key == "generator_by_cumulative":
            lines += ["", "| newsbriefs (by cumulative time) | Calls | Own (s) | Cumulative (s) |"]
            lines += ["| --- | ---: | ---: | ---: |"]
        for r in profile[key]:
            lines.append(
                f"| `{r['function']}` | {r['calls']} | {r['own_s']:.3f} | {r['cumulative_s']:.3f} |"
            )
    return "\n".join(lines)


def tables(results: dict[str, Any]) -> str:
    """Both tables of a run, as printed and as written into the README."""
    text = report.table(results)
    published = report.publish_table(results)
    if published:
        text += "\n\nOne brief published on an archive of each size, with kept state:\n\n"
        text += published
    return text


def write_readme_table(text: str, readme: Path = README) -> None:
    """Replace the table between the markers in benchmarks/README.md."""
    current = readme.read_text("utf-8")
    before, found, rest = current.partition(TABLE_START)
    _, found_end, after = rest.partition(TABLE_END)
    if not found or not found_end:
        raise BenchError(f"{readme} has no {TABLE_START} ... {TABLE_END} markers")
    readme.write_text(f"{before}{TABLE_START}\n{text}\n{TABLE_END}{after}", "utf-8")


def _sizes(value: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in value.split(",")})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 1000,5000: {value!r}") from None
    if not sizes or sizes[0] < 2:
        raise argparse.ArgumentTypeError("sizes must be at least 2")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=_sizes, default=list(DEFAULT_SIZES),
                        help="numbers of briefs (default 1000,5000)")  # fmt: skip
    parser.add_argument("--quick", action="store_true",
                        help="sizes and publish sizes 200,1000, to try it")  # fmt: skip
    parser.add_argument("--publish-sizes", type=_sizes,
                        help="archive sizes of the publish measures (default "
                        "1000,5000,20000; with --quick 200,1000)")  # fmt: skip
    parser.add_argument("--no-publish", action="store_true", help="skip the publish measures")
    parser.add_argument("--no-peers", action="store_true",
                        help="skip the peers (Material blog + tags, Hugo)")  # fmt: skip
    parser.add_argument("--no-cold", action="store_true",
                        help="skip the cold build with --jobs 1 at the largest publish "
                        "size")  # fmt: skip
    parser.add_argument("--repeat", type=int, default=1, help="runs per build (median)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic briefs seed")
    parser.add_argument("--no-browser", action="store_true", help="skip the search in Chromium")
    parser.add_argument("--no-serve", action="store_true", help="skip the live preview")
    parser.add_argument("--no-incremental", action="store_true", help="skip the rebuild")
    parser.add_argument("--no-search-split", action="store_true",
                        help="skip the builds without search (no search figure)")  # fmt: skip
    parser.add_argument("--profile", action="store_true",
                        help="also profile one build at the largest size (cProfile)")  # fmt: skip
    parser.add_argument("--json", type=Path, help="results file (default results/<date>.json "
                        "and results/latest.json)")  # fmt: skip
    parser.add_argument("--readme", action=argparse.BooleanOptionalAction,
                        help="write the table into benchmarks/README.md (default: only with "
                        "the default sizes)")  # fmt: skip
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = list(QUICK_SIZES)
    if args.publish_sizes is None:
        args.publish_sizes = list(QUICK_PUBLISH_SIZES if args.quick else DEFAULT_PUBLISH_SIZES)
    if args.no_publish:
        args.publish_sizes = []
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    started = time.perf_counter()
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        **measure.git_commit(REPO),
        "machine": measure.machine(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "seed": args.seed,
        "repeat": args.repeat,
        "sizes": {},
        "publish": {},
    }
    with tempfile.TemporaryDirectory(prefix="newsbriefs-bench-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        try:
            for count in args.sizes:
                results["sizes"][str(count)] = measure_size(work / str(count), count, args)
                if args.keep is None:
                    shutil.rmtree(work / str(count))
            for count in args.publish_sizes:
                folder = work / f"publish-{count}"
                results["publish"][str(count)] = measure_publish(folder, count, args)
                if args.keep is None:
                    shutil.rmtree(folder)
        except BenchError as exc:
            print(f"bench: {exc}", file=sys.stderr)
            return 1
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    results["seconds"] = round(time.perf_counter() - started, 1)

    text = tables(results)
    print(text)
    profile_result = results["sizes"][str(args.sizes[-1])].get("profile")
    if profile_result:
        print("\n" + profile_table(profile_result))
    targets = [args.json] if args.json else [RESULTS / "latest.json"]
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    defaults = args.sizes == list(DEFAULT_SIZES)
    defaults = defaults and args.publish_sizes == list(DEFAULT_PUBLISH_SIZES)
    if args.readme or (args.readme is None and defaults):
        write_readme_table(f"{report.context(results)}\n\n{text}")
        log(f"table written into {README}")
    log(f"done in {results['seconds']:.0f} s; results in {', '.join(map(str, targets))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
