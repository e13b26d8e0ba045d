"""Did-you-mean for unknown ``related`` slugs: a difflib scan against the word index.

One run, in this process: 10,000 brief slugs (the synthetic briefs' slugs; a quarter of
them with a date suffix, ``...-2025-08-03``, as many sites name files), and 200 unknown
slugs made from known ones by the typos authors make: a dropped, an extra or two swapped
letters, a word left out, a wrong date suffix. Both ways are timed on the same 200:

- *before*: ``did_you_mean(slug, all_slugs)``, difflib over every slug (what
  ``model.check_briefs`` did);
- *after*: ``NameIndex(all_slugs)`` built once, then ``did_you_mean(slug)`` for each
  (what it does now); the build is included in the time.

It also prints how often each way proposes the slug the typo was made from, and how often
the two agree. The scan is timed on the first ``--scan-sample`` (default 20) unknown slugs
and scaled up to 200; ``--scan-sample 0`` scans for all 200 (about five minutes). Times
are wall and CPU seconds of this process; on a busy machine trust the CPU figures.

    .venv/bin/python benchmarks/suggest.py
    .venv/bin/python benchmarks/suggest.py --scan-sample 0   # the scan for all 200 too
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus.slug_typos import TYPOS, known_slugs, unknown_slugs
from generator.suggest import NameIndex, did_you_mean


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="known slugs (default 10000)")
    parser.add_argument("--unknown", type=int, default=200, help="unknown slugs (default 200)")
    parser.add_argument(
        "--scan-sample",
        type=int,
        default=20,
        help="time the scan on the first N unknown slugs and scale up (default 20; 0: all)",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    known = known_slugs(args.count, args.seed)
    cases = unknown_slugs(random.Random(args.seed), known, args.unknown)
    scanned = cases[: args.scan_sample] if args.scan_sample else cases

    start, cpu = time.perf_counter(), time.process_time()
    before = [did_you_mean(typo, known) for _, typo, _ in scanned]
    scan_seconds = (time.perf_counter() - start) * len(cases) / len(scanned)
    scan_cpu = (time.process_time() - cpu) * len(cases) / len(scanned)

    start, cpu = time.perf_counter(), time.process_time()
    index = NameIndex(known)
    built = time.perf_counter()
    after = [index.did_you_mean(typo) for _, typo, _ in cases]
    done, index_cpu = time.perf_counter(), time.process_time() - cpu

    print(f"{len(known):,} known slugs, {len(cases)} unknown ({', '.join(TYPOS)}, in turn)")
    scaled = f" (timed on {len(scanned)}, scaled up)" if len(scanned) < len(cases) else ""
    print(f"before, difflib scan:    {scan_seconds:8.3f} s wall, {scan_cpu:8.3f} s CPU{scaled}")
    print(
        f"after, NameIndex:        {done - start:8.3f} s wall, {index_cpu:8.3f} s CPU "
        f"(build {built - start:.3f} s, {len(cases)} look-ups {done - built:.3f} s)"
    )
    print(
        f"speed-up:                {scan_seconds / (done - start):8.0f} x wall, "
        f"{scan_cpu / index_cpu:8.0f} x CPU"
    )
    print()
    print("proposes the slug the typo was made from (before | after), by kind:")
    hits: dict[str, Counter[str]] = {kind: Counter() for kind in TYPOS}
    for i, (kind, _, source) in enumerate(cases):
        hits[kind]["cases"] += 1
        hits[kind]["after"] += after[i] == f"; did you mean {source!r}?"
        if i < len(scanned):
            hits[kind]["scanned"] += 1
            hits[kind]["before"] += before[i] == f"; did you mean {source!r}?"
            hits[kind]["same"] += before[i] == after[i]
    for kind, counts in hits.items():
        print(
            f"  {kind:18} {counts['before']:3}/{counts['scanned']:<3} | "
            f"{counts['after']:3}/{counts['cases']:<3}  (same answer: {counts['same']})"
        )
    total = {key: sum(c[key] for c in hits.values()) for key in ("before", "after", "same")}
    print(
        f"  {'all':18} {total['before']:3}/{len(scanned):<3} | {total['after']:3}/{len(cases):<3}"
        f"  (same answer: {total['same']})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
