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
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # corpus/, generator/

from corpus.markdown_union import render_html
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


def _convert(md: str) -> str:
    """With every extension a site may enable (corpus/markdown_union.py), typography too."""
    return str(render_html(md))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--raw", action="store_true", help="also convert the raw hostile text")
    args = parser.parse_args()

    plain = _time(lambda: _convert(paragraphs(PLAIN)), args.repeat)
    print(f"plain brief text ({len(PLAIN):,} characters): {plain * 1000:.1f} ms = 1.0")
    for name, text in HOSTILE.items():
        assert len(text) <= MAX_LONG and syntax_problem(text) is None, name
        seconds = _time(lambda text=text: _convert(paragraphs(text)), args.repeat)
        print(f"{name:<26} {len(text):>6,} chars: {seconds / plain:5.2f} x plain")
    fields = MAX_TOTAL // MAX_LONG
    worst = HOSTILE["[[[x]]] nested 3"]
    whole = _time(lambda: [_convert(paragraphs(worst)) for _ in range(fields)], 1)
    print(
        f"worst whole brief ({fields} texts of {MAX_LONG:,}, the {MAX_TOTAL:,} limit): "
        f"{whole:.2f} s, {whole / (plain * fields):.2f} x a plain one"
    )
    print(f"refused at load: {'[' * 20_000!r:.12}... -> {syntax_problem('[' * 20_000)}")
    if args.raw:
        print("raw (unescaped) '[' text, as main let it through:")
        for count in (1000, 2000, 4000):
            text = "[" * count
            seconds = _time(lambda text=text: _convert(text), 1)
            escaped = _time(lambda text=text: _convert(paragraphs(text)), 1)
            raw_ms, escaped_ms = seconds * 1000, escaped * 1000
            print(f"  {len(text):>6,} chars: raw {raw_ms:8.1f} ms, escaped {escaped_ms:6.1f} ms")


if __name__ == "__main__":
    main()
