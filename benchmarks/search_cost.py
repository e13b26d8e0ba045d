"""What a site's search costs: writing the index at build time, and a reader's first queries.

Two measurements, each its own sub-command (see benchmarks/README.md, *Search*):

``index CONFIG --out DIR``
    Load, validate and index the briefs of CONFIG's site, then write the search's segments
    into DIR/pagefind/ with ``generator.build.search_segments.write_search_index`` (kept in
    DIR/kept/): wall and CPU time of the writing (this process and Pagefind's), Pagefind's
    peak memory (its largest segment: they are indexed one at a time), the bundles' size;
    then one brief of the newest segment changed and the segments written again (the others
    reused from DIR/kept/): what a publish waits for the search.

``names CONFIG``
    The exact names' map (generator/publish/search_names.py), in parts by a name's first
    character (``pagefind/names/66.json``: a query fetches one): the bytes of the largest,
    the median and F's part, raw and gzipped, and of the map as one file. It grows with the
    terms (tickers, entities), not with the archive.

``browser LABEL=SITE_DIR ... --query WORD --query WORD``
    Serve each built site, open its home page in Chromium, open the search and type each
    query in turn: the bytes the page downloads for each query (response bodies as sent,
    uncompressed, and as gzip would send the text files a host compresses), and the time
    from the last keystroke to the first result shown. A site built with ``search:
    pagefind`` is searched through its header button; one built with Material's search
    plugin through Material's search box.

Timings on a shared 2-core machine are noisy: compare figures of one run.

    .venv/bin/python corpus/synthetic.py /tmp/syn5k --count 5000
    .venv/bin/python benchmarks/search_cost.py index /tmp/syn5k/mkdocs.yml --out /tmp/syn5k/pf
    .venv/bin/python benchmarks/search_cost.py browser pagefind=/tmp/syn5k/site \\
        material=/tmp/syn5k-material/site --query refinery --query guidance
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import resource
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

COMPRESSED_BY_HOSTS = (".js", ".css", ".json", ".html")
"""What a web host gzips on the fly; Pagefind's index files are gzipped already."""


def cpu_seconds() -> tuple[float, float]:
    """CPU time of this process and of its finished children (Pagefind's binary)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    them = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, them.ru_utime + them.ru_stime


def measure_index(config: Path, out: Path) -> dict[str, Any]:
    from dataclasses import replace

    from generator.build.pipeline import check
    from generator.build.search_segments import plan, write_search_index, write_segments
    from generator.publish.search import records
    from generator.settings import load_site

    site = load_site(config)
    started = time.perf_counter()
    index, problems = check(site.settings)
    assert index is not None, [p.format() for p in problems][:5]
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    made = records(index, site.settings)
    recorded = time.perf_counter() - started
    own_cpu, child_cpu = cpu_seconds()
    started = time.perf_counter()
    stats = write_search_index(index, site.settings, out, kept_dir=out / "kept")
    wall = time.perf_counter() - started
    own_after, child_after = cpu_seconds()
    segments = plan(index, site.settings)
    newest = segments[1]  # after the site's own: the newest period
    edited = replace(newest.records[0], content=newest.records[0].content + " Edited.")
    segments[1] = replace(newest, records=(edited, *newest.records[1:]))
    started = time.perf_counter()
    # Into a fresh folder, as a build writes its site (removing the first costs more).
    again = write_segments(segments, out / "again", site.settings.language, out / "kept")
    one_change = time.perf_counter() - started
    return {
        "briefs": len(index.briefs),
        "records": stats.records,
        "load_validate_index_s": round(loaded, 2),
        "records_s": round(recorded, 2),
        "record_text_mb": round(sum(len(r.content) for r in made) / 1e6, 1),
        "write_index_wall_s": round(wall, 2),
        "write_index_cpu_s": {
            "python": round(own_after - own_cpu, 2),
            "pagefind": round(child_after - child_cpu, 2),
        },
        "pagefind_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
        "python_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "bundle_files": stats.files,
        "bundle_mb": round(stats.bytes / 1e6, 1),
        "segments": {s.name: len(s.records) + len(s.pages) for s in segments},
        "one_change_wall_s": round(one_change, 2),
        "one_change_indexed": again.indexed,
    }


def measure_names(config: Path) -> dict[str, Any]:
    from generator.build.pipeline import check
    from generator.publish.search_names import names_files, names_map, normalized, part_of
    from generator.settings import load_site

    site = load_site(config)
    index, problems = check(site.settings)
    assert index is not None, [p.format() for p in problems][:5]
    whole = names_map(index, site.settings)
    parts = names_files(index, site.settings)
    parts.pop("names.json")  # the list of parts: fetched when the search opens
    sizes = sorted((len(data), len(gzip.compress(data, mtime=0))) for data in parts.values())
    one = json.dumps(whole, ensure_ascii=False, separators=(",", ":")).encode()
    ford = parts.get(f"names/{part_of(normalized('F'))}.json", b"")
    return {
        "briefs": len(index.briefs),
        "names": len(whole["names"]),
        "pages": len(whole["pages"]),
        "as_one_file": {"bytes": len(one), "gzip_bytes": len(gzip.compress(one, mtime=0))},
        "parts": len(parts),
        "largest_part": {"bytes": sizes[-1][0], "gzip_bytes": max(g for _, g in sizes)},
        "median_part": {"bytes": sizes[len(sizes) // 2][0]},
        "part_of_F": {"bytes": len(ford), "gzip_bytes": len(gzip.compress(ford, mtime=0))},
    }


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def measure_browser(label: str, site: Path, queries: list[str]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    result: dict[str, Any] = {"site": label, "queries": []}
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        bodies: dict[str, bytes] = {}

        def seen(response: Any) -> None:
            try:
                bodies[response.url] = response.body()
            except Exception:  # a redirect or an aborted request has no body
                bodies.setdefault(response.url, b"")

        context.on("response", seen)  # on the context: a worker's requests are seen too
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("networkidle")
        result["page_bytes"] = sum(len(body) for body in bodies.values())
        bodies.clear()
        pagefind = page.locator(".nb-search__open").count() > 0
        # The first query counts what opening the search loads (Pagefind's UI and engine).
        if pagefind:
            page.locator(".nb-search__open").click()
            box = page.locator("#nb-search-ui input.pagefind-ui__search-input")
            results = page.locator(".pagefind-ui__result")
        else:
            box = page.locator("input.md-search__input")
            box.click()
            results = page.locator(".md-search-result__item")
        result["search"] = "pagefind" if pagefind else "material"
        box.wait_for()
        for number, query in enumerate(queries):
            if number:
                box.fill("")
                page.wait_for_timeout(300)
                page.wait_for_load_state("networkidle")
                bodies.clear()
            box.press_sequentially(query[:-1], delay=40)
            started = time.perf_counter()
            box.press_sequentially(query[-1])
            results.first.wait_for(timeout=120_000)
            page.wait_for_function(
                "q => document.body.innerText.toLowerCase().includes(q)", arg=query.lower()
            )
            answered = time.perf_counter() - started
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            sent = sum(len(body) for body in bodies.values())
            gzipped = sum(
                len(gzip.compress(body, 6)) if _compressed(address) else len(body)
                for address, body in bodies.items()
            )
            result["queries"].append(
                {
                    "query": query,
                    "answer_ms": round(answered * 1000),
                    "kb": round(sent / 1024),
                    "kb_gzip": round(gzipped / 1024),
                    "requests": len(bodies),
                    "largest": sorted(
                        ((len(b) // 1024, a.replace(url, "")) for a, b in bodies.items()),
                        reverse=True,
                    )[:4],
                }
            )
        browser.close()
    return result


def _compressed(address: str) -> bool:
    path = address.split("?")[0]
    return path.endswith(COMPRESSED_BY_HOSTS) or path.endswith("/")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    index = commands.add_parser("index", help="time and memory of writing the Pagefind index")
    index.add_argument("config", type=Path)
    index.add_argument("--out", type=Path, required=True)
    names = commands.add_parser("names", help="bytes of the exact names' map")
    names.add_argument("config", type=Path)
    browse = commands.add_parser("browser", help="bytes and time of a reader's queries")
    browse.add_argument("sites", nargs="+", help="LABEL=SITE_DIR")
    browse.add_argument("--query", action="append", required=True)
    args = parser.parse_args()
    if args.command == "index":
        print(json.dumps(measure_index(args.config, args.out), indent=2))
        return
    if args.command == "names":
        print(json.dumps(measure_names(args.config), indent=2))
        return
    for item in args.sites:
        label, _, folder = item.partition("=")
        print(json.dumps(measure_browser(label, Path(folder), args.query), indent=2), flush=True)


if __name__ == "__main__":
    main()
