"""How long the registries take to check when thousands of tickers name unknown entities.

A ticker's ``entity`` that entities.yaml does not list is a warning with a suggestion
(generator/source/registry.py). The suggestion used to be a difflib scan over every entity
per ticker: 4,800 such tickers against 9,000 entities made every check, build and preview
save take minutes. It now asks one ``NameIndex`` (generator/suggest.py), as the briefs'
suggestions do. This script builds that registry in a temporary folder, names drawn from a
vocabulary of 20 words (the worst case for a word index: every word is common), and prints
CPU seconds for the whole registry load, for the load without the entity check, and for
the old scan on a sample, scaled up:

    .venv/bin/python benchmarks/registry.py
    .venv/bin/python benchmarks/registry.py --entities 9000 --tickers 4800 --scan-sample 50
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.source import registry
from generator.suggest import did_you_mean

WORDS = [
    "north",
    "south",
    "global",
    "energy",
    "motors",
    "bank",
    "capital",
    "tech",
    "foods",
    "steel",
    "air",
    "pharma",
    "retail",
    "media",
    "mining",
    "power",
    "water",
    "logistics",
    "insurance",
    "realty",
]


def symbol(number: int) -> str:
    """A, B, ..., Z, AA, AB, ...: distinct ticker symbols."""
    letters, number = "", number + 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def write_registries(folder: Path, entities: int, tickers: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    data = folder / "_data"
    data.mkdir(parents=True)
    with (data / "entities.yaml").open("w", encoding="utf-8") as out:
        for n in range(entities):
            name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {n}"
            out.write(f"{name}: {{kind: company}}\n")
    with (data / "tickers.yaml").open("w", encoding="utf-8") as out:
        for n in range(tickers):
            unknown = f"Unknown {rng.choice(WORDS).title()} {n}"
            out.write(f"{symbol(n)}: {{name: Firm {n}, exchange: NYSE, entity: {unknown}}}\n")


def cpu(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entities", type=int, default=9_000)
    parser.add_argument("--tickers", type=int, default=4_800)
    parser.add_argument("--scan-sample", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        briefs = Path(tmp)
        write_registries(briefs, args.entities, args.tickers)
        found: list[object] = []
        whole = cpu(lambda: found.append(registry.load_registry(briefs)))
        loaded, problems = found[0]  # type: ignore[misc]
        check = registry._unknown_companies
        registry._unknown_companies = lambda raw, files: []  # type: ignore[assignment]
        try:
            without = cpu(lambda: registry.load_registry(briefs))
        finally:
            registry._unknown_companies = check  # type: ignore[assignment]
        names = list(loaded.entries("entities.yaml"))
        sample = list(loaded.entries("tickers.yaml").values())[: args.scan_sample]
        scan = cpu(lambda: [did_you_mean(t.entity, names) for t in sample])
    warned = sum(1 for p in problems if "is not in entities.yaml" in p.message)
    print(f"{args.entities:,} entities, {args.tickers:,} tickers naming unknown entities")
    print(f"registry load, all checks:          {whole:8.2f} s CPU ({warned:,} warnings)")
    print(f"of which the unknown-entity check:  {whole - without:8.2f} s CPU (NameIndex)")
    if sample:
        scaled = scan / len(sample) * args.tickers
        print(f"the old difflib scan, scaled up:    {scaled:8.1f} s CPU (timed on {len(sample)})")


if __name__ == "__main__":
    main()
