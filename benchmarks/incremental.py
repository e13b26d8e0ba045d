"""Incremental builds and preview latency, measured through the real commands.

For a site made by corpus/synthetic.py (copied first; the copy drops Material's
``search`` plugin, with which every build is full: generator/build/incremental.py):

1. ``briefs build`` from nothing (full), then again after appending a word to one brief
   (incremental), each with wall and CPU time (the engine's process included) and the
   plugin's own account of where the time went (``NEWSBRIEFS_TIMINGS``);
2. with ``--verify``, ``briefs build --full`` into another folder, compared file by file;
3. ``briefs serve``: the seconds from saving a brief (a new word appended to its summary)
   until its page, fetched over HTTP, shows the word; ``--saves`` times, the median;
4. the pipeline's stages in this process (load+validate, index, render+publish), for the
   share of a rebuild they take.

Run it (about 3 minutes for 1,000 briefs on 2 cores, 12 for 5,000)::

    .venv/bin/python corpus/synthetic.py /tmp/syn1k --count 1000
    PYTHONPATH=. .venv/bin/python benchmarks/incremental.py /tmp/syn1k --verify
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

EPOCH = "1788220800"


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": EPOCH,
        "NEWSBRIEFS_TIMINGS": "1",
    }


def briefs(root: Path, *args: str) -> tuple[float, float, str]:
    """Run ``briefs ARGS`` in ``root``: wall seconds, CPU seconds, its output."""
    cpu, start = _cpu_children(), time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli.console", *args],
        cwd=root,
        env=_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"briefs {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return wall, _cpu_children() - cpu, done.stdout + done.stderr


def files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def lines(output: str, pattern: str) -> list[str]:
    return [m[0].strip() for m in re.finditer(pattern, output, re.MULTILINE)]


def append_word(brief: Path, word: str) -> None:
    text = brief.read_text("utf-8")
    brief.write_text(re.sub(r"^summary: (>-\n  )?", rf"\g<0>{word} ", text, count=1, flags=re.M))


def pick_brief(root: Path) -> tuple[Path, str]:
    """A brief in the middle of the corpus, and its page's address."""
    found = sorted(p for p in (root / "briefs").rglob("*.yaml") if "_data" not in p.parts)
    brief = found[len(found) // 2]
    return brief, f"/briefs/{brief.stem}/"


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def until(url: str, word: str, patience: float = 600.0) -> float:
    """Seconds until the page at ``url`` holds ``word``."""
    start = time.perf_counter()
    while time.perf_counter() - start < patience:
        body = fetch(url)
        if body is not None and word in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise SystemExit(f"{url} never showed {word!r}")


def preview_latency(root: Path, saves: int, command: list[str]) -> tuple[float, list[float], str]:
    """Start the server, wait for the first build; then ``saves`` times append a word to a
    brief and time until its page shows it. Returns (first build, latencies, server log)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    brief, address = pick_brief(root)
    url = f"http://127.0.0.1:{port}{address}"
    with tempfile.TemporaryFile("w+", prefix="incr-serve-") as log:
        server = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        latencies = []
        try:
            first = until(url, "<html")
            time.sleep(2)  # let the watcher settle after the first build
            for n in range(saves):
                word = f"Quokkaword{n}x{int(time.time())}"
                append_word(brief, word)
                latencies.append(until(url, word))
                time.sleep(1)
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        log.seek(0)
        return first, latencies, log.read()


def pipeline_stages(root: Path) -> dict[str, tuple[float, float]]:
    """Wall and CPU seconds of the pipeline's stages, in this process: briefs read cold,
    then again as a preview's rebuild reads them (unchanged files from its cache)."""
    from generator.build import pipeline
    from generator.settings import load_site

    settings = load_site(root / "mkdocs.yml").settings
    reads: pipeline.BriefReads = {}  # what a preview keeps between its rebuilds
    stages: dict[str, tuple[float, float]] = {}
    for name, run in (
        ("load+validate (cold)", lambda: pipeline.load_briefs(settings, reads)),
        ("load+validate (cached)", lambda: pipeline.load_briefs(settings, reads)),
        ("check", lambda: pipeline.check(settings)),
        ("generate", lambda: pipeline.generate(settings)),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        stages[name] = (time.perf_counter() - wall, time.process_time() - cpu)
    return stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site made by corpus/synthetic.py")
    parser.add_argument("--verify", action="store_true", help="compare with a full build")
    parser.add_argument("--saves", type=int, default=3, help="saves timed in the preview")
    parser.add_argument("--no-serve", action="store_true", help="skip the preview")
    parser.add_argument("--serve-only", action="store_true", help="only the preview")
    parser.add_argument(
        "--plain-serve", action="store_true", help="also time 'mkdocs serve' (not dirty)"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="incr-bench-"))
    root = work / "site-project"
    shutil.copytree(args.site, root, ignore=shutil.ignore_patterns("site", ".newsbriefs"))
    config = root / "mkdocs.yml"
    config.write_text(re.sub(r"^\s*- search\s*$\n", "", config.read_text("utf-8"), flags=re.M))
    count = sum(1 for p in (root / "briefs").rglob("*.yaml") if "_data" not in p.parts)
    print(f"# {count} briefs ({args.site}), copy in {root}\n")

    if not args.serve_only:
        full_wall, full_cpu, out = briefs(root, "build")
        print(f"full build: {full_wall:.1f} s wall, {full_cpu:.1f} s CPU")
        print("  " + "\n  ".join(lines(out, r"timings: .*$") + lines(out, r"^(full|incr).*$")))
        brief, _ = pick_brief(root)
        append_word(brief, "Incrementalword")
        inc_wall, inc_cpu, out = briefs(root, "build")
        print(f"incremental build after one edit: {inc_wall:.1f} s wall, {inc_cpu:.1f} s CPU")
        print("  " + "\n  ".join(lines(out, r"timings: .*$") + lines(out, r"^(full|incr).*$")))
        print(f"  ratio: {inc_wall / full_wall:.0%} of the full build's wall time, ")
        print(f"  {inc_cpu / full_cpu:.0%} of its CPU time")
        if args.verify:
            other = work / "full-site"
            briefs(root, "build", "--full", "-d", str(other))
            a = {p.relative_to(root / "site"): p.read_bytes() for p in files(root / "site")}
            b = {p.relative_to(other): p.read_bytes() for p in files(other)}
            differ = sorted(str(k) for k in a.keys() | b.keys() if a.get(k) != b.get(k))
            print(f"verify: {len(a)} files, {len(differ)} differ {differ[:5]}")

        stages = pipeline_stages(root)
        print("\npipeline in one process (wall / CPU seconds):")
        cold, warm, check, generate = stages.values()
        cached = f"cached: {warm[0]:.2f} / {warm[1]:.2f}"
        print(f"  load+validate {cold[0]:.2f} / {cold[1]:.2f} ({cached})")
        print(f"  index and checks {check[0] - warm[0]:.2f} / {check[1] - warm[1]:.2f}")
        print(f"  render+publish {generate[0] - check[0]:.2f} / {generate[1] - check[1]:.2f}")

    if not args.no_serve:
        commands = {
            "briefs serve (dirty)": [sys.executable, "-m", "generator.cli.console", "serve"]
        }
        if args.plain_serve:
            commands["mkdocs serve (clean)"] = [sys.executable, "-m", "mkdocs", "serve"]
        for name, command in commands.items():
            first, latencies, log = preview_latency(root, args.saves, command)
            shown = ", ".join(f"{s:.1f}" for s in latencies)
            print(f"\n{name}: first page after {first:.1f} s; save to page: {shown} s")
            print(f"  median {statistics.median(latencies):.1f} s")
            timings = lines(log, r"timings: .*$")
            for line in timings[-2:]:
                print(f"  rebuild {line}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
