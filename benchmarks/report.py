"""The results of one run as one Markdown table: a row per measure, a column per size.

Each size has a wall-time column and a CPU column (CPU time varies less while other work
shares the machine). The last columns are the growth from the smallest size to the largest
(time(5,000) / time(1,000) for the default sizes) and each target with its verdict at the
largest size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Figures = dict[str, Any]
"""The results of one size (bench.measure_size)."""
Cell = tuple[float | None, float | None]
"""(value, CPU seconds or None)."""

MB = 1024 * 1024
GROWTH_TARGET = 5.5
"""time(5,000) / time(1,000): at most 5.5 for every stage."""


def _get(figures: Figures, *keys: str) -> Any:
    for key in keys:
        if not isinstance(figures, dict) or figures.get(key) is None:
            return None
        figures = figures[key]
    return figures


def _stage(name: str) -> Callable[[Figures], Cell]:
    return lambda f: (_get(f, "stages", name), _get(f, "stages", name + "_cpu"))


def _run(site: str, build: str, key: str = "wall") -> Callable[[Figures], Cell]:
    def cell(f: Figures) -> Cell:
        value = _get(f, site, build, key)
        return (value, _get(f, site, build, "cpu") if key == "wall" else None)

    return cell


def _search_split(site: str) -> Callable[[Figures], Cell]:
    """Full build minus the build without search, when the search could be left out."""

    def cell(f: Figures) -> Cell:
        full, bare = _get(f, site, "build"), _get(f, site, "build_no_search")
        if not full or not bare or _get(f, site, "search_inseparable"):
            return None, None
        return full["wall"] - bare["wall"], full["cpu"] - bare["cpu"]

    return cell


def _mb(getter: Callable[[Figures], Cell]) -> Callable[[Figures], Cell]:
    def cell(f: Figures) -> Cell:
        value = getter(f)[0]
        return (None if value is None else value / MB), None

    return cell


def _value(*keys: str) -> Callable[[Figures], Cell]:
    return lambda f: (_get(f, *keys), None)


def _query(site: str, number: int, key: str) -> Callable[[Figures], Cell]:
    def cell(f: Figures) -> Cell:
        queries = _get(f, "search", site, "queries") or []
        return (queries[number][key] if len(queries) > number else None), None

    return cell


Getter = Callable[[Figures], Cell]


def _ratio(top: Getter, bottom: Getter) -> Getter:
    def cell(f: Figures) -> Cell:
        (a, a_cpu), (b, b_cpu) = top(f), bottom(f)
        if a is None or not b:
            return None, None
        return a / b, (a_cpu / b_cpu if a_cpu is not None and b_cpu else None)

    return cell


@dataclass(frozen=True)
class Row:
    label: str
    cell: Callable[[Figures], Cell]
    unit: str = "s"
    """s, ratio, %, MB, KB, count."""
    target: float | None = None
    """The largest size's value must be at most this (in the cell's own unit: bytes, MB,
    a fraction for %)."""
    bound: str = ""
    """The target as the table says it."""
    grows: bool = True
    """Whether the growth column applies (times and sizes; not ratios)."""


_OURS_TOTAL = _run("ours", "build")
_FLOOR_TOTAL = _run("floor", "build")
ROWS: tuple[Row, ...] = (
    Row("load + validate (in process)", _stage("load_validate")),
    Row("index (in process)", _stage("index")),
    Row("render (in process)", _stage("render")),
    Row("load + validate + index + render", _stage("pipeline")),
    Row("parse the same files with `yaml.CSafeLoader` alone", _stage("yaml_csafeloader")),
    Row(
        "**(load + validate + index + render) / CSafeLoader**",
        _ratio(_stage("pipeline"), _stage("yaml_csafeloader")),
        "ratio",
        2.0,
        "2",
        grows=False,
    ),
    Row("engine build, search left out", _run("ours", "build_no_search")),
    Row("search indexing ({search}): build minus build without search", _search_split("ours")),
    Row("**total: `briefs build --strict`**", _OURS_TOTAL),
    Row("floor: engine build, search left out", _run("floor", "build_no_search")),
    Row("floor: search indexing (Material)", _search_split("floor")),
    Row("**floor: total, `mkdocs build --strict` of the plain site**", _FLOOR_TOTAL),
    Row("**total / floor**", _ratio(_OURS_TOTAL, _FLOOR_TOTAL), "ratio", 1.15, "1.15", grows=False),
    Row("peak RSS of the build (MB)", _mb(_run("ours", "build", "peak_rss")), "MB", 1024, "1 GB"),
    Row("floor: peak RSS (MB)", _mb(_run("floor", "build", "peak_rss")), "MB"),
    Row("site size (MB)", _mb(_value("ours", "site", "bytes")), "MB"),
    Row("site files", _value("ours", "site", "files"), "count"),
    Row("floor: site size (MB)", _mb(_value("floor", "site", "bytes")), "MB"),
    Row("floor: site files", _value("floor", "site", "files"), "count"),
    Row(
        "search, first query: KB downloaded", _query("ours", 0, "bytes"), "KB", 300 * 1024, "300 KB"
    ),
    Row("search, first query: KB with gzip", _query("ours", 0, "gzip_bytes"), "KB"),
    Row("search, second query: KB downloaded", _query("ours", 1, "bytes"), "KB"),
    Row("search, first query: time to answer", _query("ours", 0, "seconds"), "s", 0.3, "0.3 s"),
    Row("search, second query: time to answer", _query("ours", 1, "seconds")),
    Row("floor search, first query: KB downloaded", _query("floor", 0, "bytes"), "KB"),
    Row("floor search, second query: KB downloaded", _query("floor", 1, "bytes"), "KB"),
    Row("floor search, first query: time to answer", _query("floor", 0, "seconds")),
    Row("incremental rebuild after one word changed", _run("ours", "incremental")),
    Row(
        "**incremental rebuild / total**",
        _ratio(_run("ours", "incremental"), _OURS_TOTAL),
        "%",
        0.15,
        "15 %",
        grows=False,
    ),
    Row(
        "**live preview: save to page showing the change**",
        _value("preview", "seconds"),
        "s",
        2.0,
        "2 s",
    ),
)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "–"  # noqa: RUF001 (an en dash: nothing measured)
    if unit == "%":
        return f"{100 * value:.1f} %"
    if unit == "KB":
        return f"{value / 1024:,.1f}"
    if unit == "count":
        return f"{value:,.0f}"
    if unit in ("MB", "ratio"):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return f"{value:.3f}" if abs(value) < 1 else f"{value:.2f}"


def _target(row: Row, value: float | None) -> str:
    if row.target is None:
        return ""
    if value is None:
        return f"≤ {row.bound}"
    return f"≤ {row.bound}: " + ("ok" if value <= row.target else "**missed**")


def _growth(row: Row, first: Cell, last: Cell) -> str:
    """Largest size / smallest size, wall (flagged over GROWTH_TARGET) and CPU."""
    if not row.grows or not first[0] or first[0] < 0 or last[0] is None or last[0] < 0:
        return ""  # nothing measured, or a difference of two noisy builds below zero
    ratio = last[0] / first[0]
    text = f"{ratio:.2f}"
    if row.unit == "s" and ratio > GROWTH_TARGET:
        text += f" (over {GROWTH_TARGET})"
    if first[1] and first[1] > 0 and last[1] is not None and last[1] >= 0:
        text += f"; CPU {last[1] / first[1]:.2f}"
    return text


def table(results: dict[str, Any]) -> str:
    """The Markdown table of a run (results as bench.py writes them)."""
    sizes = sorted(results["sizes"], key=int)
    by_size = [results["sizes"][n] for n in sizes]
    names = [f"{int(n):,}" for n in sizes]
    head = ["Measure"]
    for name in names:
        head += [f"{name} briefs", "CPU"]
    grow = f"{names[-1]} / {names[0]}" if len(sizes) > 1 else None
    if grow:
        head.append(grow)
    head.append(f"Target (at {names[-1]})")
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + " --- |" + " ---: |" * (len(head) - 2) + " --- |",
    ]
    search = next((f["ours"].get("search_kind") for f in by_size if f.get("ours")), None)
    for row in ROWS:
        cells = [row.cell(f) for f in by_size]
        out = [row.label.format(search=search or "?")]
        for value, cpu in cells:
            out += [_fmt(value, row.unit), "" if cpu is None else _fmt(cpu, row.unit)]
        if grow:
            out.append(_growth(row, cells[0], cells[-1]))
        out.append(_target(row, cells[-1][0]))
        lines.append("| " + " | ".join(out) + " |")
    return "\n".join(lines)


def context(results: dict[str, Any]) -> str:
    """Where and when the table was measured, in one paragraph."""
    m = results["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in m["packages"].items() if v)
    commit = results.get("commit") or "?"
    if results.get("uncommitted_changes"):
        commit += " (plus uncommitted changes in generator/ or theme/)"
    queries = next(
        (f["search"]["queries"] for f in results["sizes"].values() if f.get("search")), None
    )
    searched = f" Search queries: {', '.join(map(repr, queries))}." if queries else ""
    before, after = results["load_average_before"][0], results["load_average_after"][0]
    return (
        f"Measured {results['date']} at commit {commit}, on {m['cpu']} ({m['cpus']} CPUs), "
        f"Python {m['python']}, {packages}; load average {before} before, {after} after; "
        f"the run took {results['seconds'] / 60:.1f} minutes, each build run "
        f"{results['repeat']} time(s).{searched}"
    )
