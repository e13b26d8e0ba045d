"""How long one hostile brief takes to become HTML, against a plain brief of the same size.

Python-Markdown's link parsing is quadratic in unmatched brackets: on main, a summary of
20,000 ``[`` took 141 s to build. Brief text now reaches Markdown with every bracket but
those of its own safe links written as ``&#91;``, and nesting and marker runs are bounded at
load, so a hostile brief should convert about as fast as a plain one. This script prints
ratios (hostile / plain), not absolute times, so it reads the same on any machine:

    .venv/bin/python benchmarks/adversarial.py            # defaults: 3 runs, median
    .venv/bin/python benchmarks/adversarial.py --raw      # also the raw text, unescaped

``--raw`` also converts the hostile text as it is (what main let through) at a few sizes,
to show the quadratic growth the escaping removes; it takes a few seconds.

``briefs import`` is timed the same way: every case of corpus/hostile_imports.py (text made
to defeat each pattern of the importer: runs of spaces, long capitalised words, thousands of
quotes or parentheses) at 50 KB and 100 KB of hostile text, read and converted to YAML as
the command does. Linear parsing doubles the time when the text doubles ("x2" near 2); on
main, four patterns were quadratic (80 KB: 118 s). ``--before`` times those patterns as
they were, at 5 and 10 KB, to show the growth (x4 and more); ``--import-only`` skips the
Markdown part:

    .venv/bin/python benchmarks/adversarial.py --import-only --before
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # corpus/, generator/
import re

from corpus.hostile_imports import CASES, parse
from corpus.markdown_union import render_html
from generator.authoring import archetype, importer
from generator.source.markup import paragraphs, syntax_problem
from generator.source.model import MAX_LONG, MAX_TOTAL

# Hostile text that passes the load-time limits: every pattern at most MAX_LONG characters,
# brackets nested at most 3 deep, marker runs at most 3 long.
HOSTILE = {
    "[a] without (": "[a] " * (MAX_LONG // 4),
    "unmatched ]": "a] " * (MAX_LONG // 3),
    "[a]( without )": "[a](" * (MAX_LONG // 4),
    "[[[x]]] nested 3": "[[[x]]] " * (MAX_LONG // 8),
    "*a _b emphasis openers": "*a _b " * (MAX_LONG // 6),
    "*** runs": "*** x " * (MAX_LONG // 6),
    "links, valid": "[a](https://e.com/x) " * (MAX_LONG // 21),
}
PLAIN = "Ford shares rose on Tuesday. " * (MAX_LONG // 29)


def _time(convert: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        convert()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def _best(run: Callable[[], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs: on a shared machine, the others include waiting."""
    return min(_time(run, 1) for _ in range(repeat))


def _convert(md: str) -> str:
    """With every extension a site may enable (corpus/markdown_union.py), typography too."""
    return str(render_html(md))


IMPORT_SIZES = (50_000, 100_000)
"""Characters of hostile text in each plain-text brief: the issue's 80 KB, and more."""

BEFORE = {
    "dateline": (
        r"^(?P<category>.*?)\s*\b(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$",
        "match",
        lambda n: "a" + " " * n + "x",
    ),
    "risk": (
        r"^(?P<title>.+?)\s+[-\u2013\u2014]\s+(?P<text>\S.*)$",
        "match",
        lambda n: "a" + " " * n + "x",
    ),
    "impacts": (
        r"\s*\((?:impacts?|affects?|affecting|impacting)\s+(?P<what>[^()]+)\)(?P<end>[.!?]?)\s*$",
        "search",
        lambda n: "(impacts a" + " " * n + "x",
    ),
    "speaker before": (
        r"(?P<who>(?:(?:[A-Z][\w.'\u2019-]*|chief)\s+){0,6}[A-Z][\w'\u2019-]*)\s+said(?:\s+\w+)?\s*[,:]\s*$",
        "search",
        lambda n: "A" * n,
    ),
    "speaker after": (
        r"^\s*,?\s*(?P<who>(?:(?:[A-Z][\w.'\u2019-]*|chief)\s+){0,6}[A-Z][\w'\u2019-]*)\s+said\b",
        "match",
        lambda n: " " * n,
    ),
}
"""The importer's quadratic patterns as main had them (speakers with one title word and one
verb: enough to show the growth), each with the text that defeats it."""


def _import(text: str) -> None:
    """What ``briefs import`` does with one file's text: parse, name, write YAML, check it."""
    outcome = parse(text)
    if isinstance(outcome, importer.ImportedBrief):
        importer.slug_of(outcome)
        yaml_text = importer.as_yaml(outcome, None)
        archetype.problems_of(Path("hostile.yaml"), yaml_text)


def bench_import(repeat: int, before: bool) -> None:
    small, large = IMPORT_SIZES
    print(f"briefs import, hostile text of {small:,} and {large:,} characters (best of {repeat}):")
    worst = 0.0
    for case in CASES:
        texts = [case.make(size) for size in IMPORT_SIZES]
        times = [_best(lambda text=text: _import(text), repeat) for text in texts]
        worst = max(worst, times[1])
        # Below some 50 ms, the growth is the machine's noise, not the parser's.
        growth = f"x{times[1] / times[0]:4.1f}" if times[1] > 0.05 else "    -"
        print(f"  {case.name:<66} {times[1] * 1000:8.1f} ms  {growth}")
    print(f"  slowest case at {large:,} characters: {worst * 1000:.0f} ms")
    if before:
        print("the quadratic patterns as main had them (x4 per doubling is quadratic):")
        for name, (pattern, how, make) in BEFORE.items():
            compiled = re.compile(pattern)
            run = compiled.match if how == "match" else compiled.search
            texts = [make(n) for n in (5_000, 10_000)]
            times = [_time(functools.partial(run, text), 1) for text in texts]
            growth = times[1] / max(times[0], 1e-9)
            print(f"  {name:<16} 10,000 chars: {times[1] * 1000:9.1f} ms  x{growth:4.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--raw", action="store_true", help="also convert the raw hostile text")
    parser.add_argument("--before", action="store_true", help="also time main's import patterns")
    parser.add_argument("--import-only", action="store_true", help="only time briefs import")
    args = parser.parse_args()
    if not args.import_only:
        bench_markdown(args.repeat, args.raw)
    bench_import(args.repeat, args.before)


def bench_markdown(repeat: int, raw: bool) -> None:
    plain = _time(lambda: _convert(paragraphs(PLAIN)), repeat)
    print(f"plain brief text ({len(PLAIN):,} characters): {plain * 1000:.1f} ms = 1.0")
    for name, text in HOSTILE.items():
        assert len(text) <= MAX_LONG and syntax_problem(text) is None, name
        seconds = _time(lambda text=text: _convert(paragraphs(text)), repeat)
        print(f"{name:<26} {len(text):>6,} chars: {seconds / plain:5.2f} x plain")
    fields = MAX_TOTAL // MAX_LONG
    worst = HOSTILE["[[[x]]] nested 3"]
    whole = _time(lambda: [_convert(paragraphs(worst)) for _ in range(fields)], 1)
    print(
        f"worst whole brief ({fields} texts of {MAX_LONG:,}, the {MAX_TOTAL:,} limit): "
        f"{whole:.2f} s, {whole / (plain * fields):.2f} x a plain one"
    )
    print(f"refused at load: {'[' * 20_000!r:.12}... -> {syntax_problem('[' * 20_000)}")
    if raw:
        print("raw (unescaped) '[' text, as main let it through:")
        for count in (1000, 2000, 4000):
            text = "[" * count
            seconds = _time(lambda text=text: _convert(text), 1)
            escaped = _time(lambda text=text: _convert(paragraphs(text)), 1)
            raw_ms, escaped_ms = seconds * 1000, escaped * 1000
            print(f"  {len(text):>6,} chars: raw {raw_ms:8.1f} ms, escaped {escaped_ms:6.1f} ms")


if __name__ == "__main__":
    main()
