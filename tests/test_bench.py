"""``make bench`` at a tiny size: the table it prints has every row, and what ran has figures.

The benchmark runs as ``make bench`` runs it (a process: benchmarks/bench.py), on 12 briefs,
without the browser, the preview server, the incremental rebuild or the builds without
search, so it takes seconds; those rows are still printed (with no figure).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from support import REPO

pytestmark = pytest.mark.e2e

ROWS = (
    "load + validate (in process)",
    "index (in process)",
    "render (in process)",
    "load + validate + index + render",
    "parse the same files with `yaml.CSafeLoader` alone",
    "**(load + validate + index + render) / CSafeLoader**",
    "engine build, search left out",
    "search indexing (",
    "**total: `briefs build --strict`**",
    "floor: engine build, search left out",
    "floor: search indexing (Material)",
    "**floor: total, `mkdocs build --strict` of the plain site**",
    "**total / floor**",
    "peak RSS of the build (MB)",
    "floor: peak RSS (MB)",
    "site size (MB)",
    "site files",
    "floor: site size (MB)",
    "floor: site files",
    "search, first query: KB downloaded",
    "search, first query: KB with gzip",
    "search, second query: KB downloaded",
    "search, first query: time to answer",
    "search, second query: time to answer",
    "floor search, first query: KB downloaded",
    "floor search, second query: KB downloaded",
    "floor search, first query: time to answer",
    "incremental rebuild after one word changed",
    "**incremental rebuild / total**",
    "**live preview: save to page showing the change**",
)
"""Every measure the issue asks for (issue 18), in the table's order."""


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    results = tmp_path_factory.mktemp("bench") / "results.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench.py"), "--sizes", "12",
         "--no-browser", "--no-serve", "--no-incremental", "--no-search-split",
         "--json", str(results)],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout, json.loads(results.read_text("utf-8"))


def test_the_table_has_every_row_in_order(tiny_run: tuple[str, dict]) -> None:
    table, _ = tiny_run
    labels = [line.split(" | ")[0].removeprefix("| ") for line in table.splitlines()[2:]]
    assert len(labels) == len(ROWS), labels
    for label, expected in zip(labels, ROWS, strict=True):
        assert label.startswith(expected), (label, expected)
    assert table.splitlines()[0].startswith("| Measure | 12 briefs | CPU | Target (at 12) |")


def test_what_ran_has_figures(tiny_run: tuple[str, dict]) -> None:
    table, results = tiny_run
    figures = results["sizes"]["12"]
    assert figures["stages"]["load_validate"] > 0
    assert figures["stages"]["yaml_csafeloader"] > 0
    for site in ("ours", "floor"):
        assert figures[site]["build"]["wall"] > 0
        assert figures[site]["build"]["peak_rss"] > 10 * 1024 * 1024
        assert figures[site]["site"]["files"] > 12
    assert figures["ours"]["search_kind"] in table
    rows = {line.split(" | ")[0].removeprefix("| "): line for line in table.splitlines()}
    assert "–" not in rows["**total / floor**"]  # noqa: RUF001
    assert "–" in rows["**live preview: save to page showing the change**"]  # noqa: RUF001
