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


def _media(key: str, *, cpu: bool = True) -> Callable[[Figures], Cell]:
    """media: a figure of media_cost.py."""
    return lambda f: (_get(f, "media", key), _get(f, "media", key + "_cpu") if cpu else None)


def _renditions(f: Figures) -> Cell:
    """media: the renditions' cold time, and (in the CPU column) their kept time."""
    return _get(f, "media", "renditions", "cold"), _get(f, "media", "renditions", "kept")


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
_OURS_TOTAL = _run("ours", "build")
_FLOOR_TOTAL = _run("floor", "build")


def _ratio(top: Getter, bottom: Getter) -> Getter:
    def cell(f: Figures) -> Cell:
        (a, a_cpu), (b, b_cpu) = top(f), bottom(f)
        if a is None or not b:
            return None, None
        return a / b, (a_cpu / b_cpu if a_cpu is not None and b_cpu else None)

    return cell


@dataclass(frozen=True)
class Target:
    """One target of a row, checked against the figures of one size or of every size."""

    bound: float
    """In the cell's own unit (bytes, MB, a fraction for %)."""
    text: str
    """The bound as the table says it (``1 GB``)."""
    at: int | None = None
    """The size it applies at; None: the largest size of the run."""
    every_size: bool = False
    """Checked at every size of the run instead."""
    at_least: bool = False
    """A floor (≥) rather than a ceiling (≤)."""

    def holds(self, value: float) -> bool:
        return value >= self.bound if self.at_least else value <= self.bound

    def verdict(self, values: dict[int, float | None], note: str = "") -> str:
        """``≤ 5 s at 5,000: met``; ``missed at 1,000``; ``not measured`` when the size is
        not in the run or has no figure (with the note saying why, if any)."""
        sign = "≥" if self.at_least else "≤"
        where = " at every size" if self.every_size else (f" at {self.at:,}" if self.at else "")
        head = f"{sign} {self.text}{where}"
        sizes = list(values) if self.every_size else [self.at or max(values)]
        measured = {n: values.get(n) for n in sizes}
        if not values or any(v is None for v in measured.values()):
            return f"{head}: not measured" + (f" ({note})" if note else "")
        missed = [n for n, v in measured.items() if v is not None and not self.holds(v)]
        if not missed:
            return f"{head}: met"
        if self.every_size:
            return f"{head}: **missed** at " + ", ".join(f"{n:,}" for n in missed)
        return f"{head}: **missed**"


@dataclass(frozen=True)
class Row:
    label: str
    cell: Callable[[Figures], Cell]
    unit: str = "s"
    """s, ms, ratio, %, MB, KB, count."""
    targets: tuple[Target, ...] = ()
    grows: bool = True
    """Whether the growth column applies (times and sizes; not ratios)."""
    note: Callable[[Figures], str | None] | None = None
    """Why a size has no figure (shown with a target not measured)."""
    across: Callable[[Figures, Figures], Cell] | None = None
    """A figure of the smallest and the largest size together (a growth with a target):
    shown in the largest size's column only; ``cell`` is then not used."""


def _pages(site: str) -> Getter:
    return _value(site, "build", "pages")


def _ms_per_page(*build: str) -> Getter:
    """Milliseconds of a whole build (``figures[build...]``: wall, CPU) per HTML page of
    the site it wrote (its ``pages``)."""

    def cell(f: Figures) -> Cell:
        run = _get(f, *build)
        pages = _get(f, *build, "pages")
        if not run or not pages:
            return None, None
        return 1000 * run["wall"] / pages, 1000 * run["cpu"] / pages

    return cell


def _peers_note(f: Figures) -> str | None:
    note = _get(f, "peers_note")
    return None if note is None else str(note)


_BLOG_TOTAL = _run("blog", "build")
_HUGO_TOTAL = _run("hugo", "build")
PEER_ROWS: tuple[Row, ...] = (
    Row("our site: HTML pages", _pages("ours"), "count"),
    Row("our site: ms per page (total / pages)", _ms_per_page("ours", "build"), "ms"),
    Row("floor: HTML pages", _pages("floor"), "count"),
    Row("floor: ms per page", _ms_per_page("floor", "build"), "ms"),
    Row(
        "peer: Material blog + tags plugins, `mkdocs build --strict`", _BLOG_TOTAL, note=_peers_note
    ),
    Row("peer: Material blog: HTML pages", _pages("blog"), "count"),
    Row("peer: Material blog: ms per page", _ms_per_page("blog", "build"), "ms"),
    Row("peer: Material blog: peak RSS (MB)", _mb(_run("blog", "build", "peak_rss")), "MB"),
    Row("peer: Hugo, `hugo` (no search)", _HUGO_TOTAL, note=_peers_note),
    Row("peer: Hugo: HTML pages", _pages("hugo"), "count"),
    Row("peer: Hugo: ms per page", _ms_per_page("hugo", "build"), "ms"),
    Row("peer: Hugo: peak RSS (MB)", _mb(_run("hugo", "build", "peak_rss")), "MB"),
    Row(
        "**whole site: ours / Material blog**",
        _ratio(_OURS_TOTAL, _BLOG_TOTAL),
        "ratio",
        (Target(0.5, "0.5", every_size=True),),
        grows=False,
        note=_peers_note,
    ),
    Row(
        "**cost per page: ours / floor**",
        _ratio(_ms_per_page("ours", "build"), _ms_per_page("floor", "build")),
        "ratio",
        (Target(1.5, "1.5", every_size=True),),
        grows=False,
    ),
    Row(
        "whole site: ours / Hugo (for the record)",
        _ratio(_OURS_TOTAL, _HUGO_TOTAL),
        "ratio",
        grows=False,
    ),
)

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
        (Target(2.0, "2"),),
        grows=False,
    ),
    # media: the cards' and renditions' cost (media_cost.py), in process with a site_url.
    Row("social cards, cold: head data with cards minus without", _media("cold_added")),
    Row("social cards, kept state: the same, every card reused", _media("kept_added")),
    Row("social cards: how many (pages share their term's)", _media("cards", cpu=False), "count"),
    Row("one image's three renditions: cold, then kept", _renditions),
    Row("engine build, search left out", _run("ours", "build_no_search")),
    Row("search indexing ({search}): build minus build without search", _search_split("ours")),
    Row("**total: `briefs build --strict`**", _OURS_TOTAL),
    Row("floor: engine build, search left out", _run("floor", "build_no_search")),
    Row("floor: search indexing (Material)", _search_split("floor")),
    Row("**floor: total, `mkdocs build --strict` of the plain site**", _FLOOR_TOTAL),
    Row(
        "**total / floor**",
        _ratio(_OURS_TOTAL, _FLOOR_TOTAL),
        "ratio",
        (Target(1.15, "1.15"),),
        grows=False,
    ),
    Row(
        "peak RSS of the build (MB)",
        _mb(_run("ours", "build", "peak_rss")),
        "MB",
        (Target(1024, "1 GB"),),
    ),
    Row("floor: peak RSS (MB)", _mb(_run("floor", "build", "peak_rss")), "MB"),
    Row("site size (MB)", _mb(_value("ours", "site", "bytes")), "MB"),
    Row("site files", _value("ours", "site", "files"), "count"),
    Row("floor: site size (MB)", _mb(_value("floor", "site", "bytes")), "MB"),
    Row("floor: site files", _value("floor", "site", "files"), "count"),
    Row(
        "search, first query: KB downloaded",
        _query("ours", 0, "bytes"),
        "KB",
        (Target(300 * 1024, "300 KB"),),
    ),
    Row("search, first query: KB with gzip", _query("ours", 0, "gzip_bytes"), "KB"),
    Row("search, second query: KB downloaded", _query("ours", 1, "bytes"), "KB"),
    Row(
        "search, first query: time to answer",
        _query("ours", 0, "seconds"),
        "s",
        (Target(0.3, "0.3 s"),),
    ),
    Row("search, second query: time to answer", _query("ours", 1, "seconds")),
    Row("floor search, first query: KB downloaded", _query("floor", 0, "bytes"), "KB"),
    Row("floor search, second query: KB downloaded", _query("floor", 1, "bytes"), "KB"),
    Row("floor search, first query: time to answer", _query("floor", 0, "seconds")),
    Row("incremental rebuild after one word changed", _run("ours", "incremental")),
    Row(
        "**incremental rebuild / total**",
        _ratio(_run("ours", "incremental"), _OURS_TOTAL),
        "%",
        (Target(0.15, "15 %"),),
        grows=False,
    ),
    Row(
        "**live preview: save to page showing the change**",
        _value("preview", "seconds"),
        "s",
        (Target(2.0, "2 s"),),
    ),
    *PEER_ROWS,
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
    if unit in ("MB", "ratio", "ms"):
        return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"
    return f"{value:.3f}" if abs(value) < 1 else f"{value:.2f}"


def _target(row: Row, sizes: list[int], cells: list[Cell], notes: list[str]) -> str:
    values = dict(zip(sizes, (value for value, _ in cells), strict=True))
    note = "; ".join(dict.fromkeys(n for n in notes if n))
    return "; ".join(target.verdict(values, note) for target in row.targets)


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
    """The Markdown table of a run (results as bench.py writes them): every size of
    ``--sizes``, the stages, builds, search and the peers."""
    by_size = {int(n): f for n, f in results["sizes"].items()}
    search = next((f["ours"].get("search_kind") for f in by_size.values() if f.get("ours")), None)
    return _table(ROWS, by_size, search=search or "?")


def publish_table(results: dict[str, Any]) -> str:
    """The Markdown table of the publish measures (publishing.py), one column per
    ``--publish-sizes`` size; empty when none ran."""
    by_size = {int(n): f for n, f in results.get("publish", {}).items()}
    return _table(PUBLISH_ROWS, by_size) if by_size else ""


def _table(rows: tuple[Row, ...], by_size: dict[int, Figures], **labels: str) -> str:
    sizes = sorted(by_size)
    figures = [by_size[n] for n in sizes]
    names = [f"{n:,}" for n in sizes]
    head = ["Measure"]
    for name in names:
        head += [f"{name} briefs", "CPU"]
    grow = f"{names[-1]} / {names[0]}" if len(sizes) > 1 else None
    if grow:
        head.append(grow)
    head.append(f"Target (at {names[-1]} unless said)")
    lines = [
        "| " + " | ".join(head) + " |",
        "|" + " --- |" + " ---: |" * (len(head) - 2) + " --- |",
    ]
    for row in rows:
        if row.across:
            cells: list[Cell] = [(None, None)] * (len(sizes) - 1)
            cells.append(row.across(figures[0], figures[-1]) if len(sizes) > 1 else (None, None))
        else:
            cells = [row.cell(f) for f in figures]
        out = [row.label.format(**labels, first=names[0], last=names[-1])]
        for value, cpu in cells:
            out += [_fmt(value, row.unit), "" if cpu is None else _fmt(cpu, row.unit)]
        if grow:
            out.append("" if row.across else _growth(row, cells[0], cells[-1]))
        notes = [(row.note(f) or "") if row.note else "" for f in figures]
        out.append(_target(row, sizes, cells, notes))
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


# ---------------------------------------------------------------------------------------------
# The publish table (publishing.py): one brief published on an archive of each size.


def _peak_of_every_process(f: Figures) -> Cell:
    """The largest peak of every process the size ran: cold build, publish, preview server
    (each the largest process of its tree)."""
    peaks = [_get(f, key, "peak_rss") for key in ("cold", "publish", "preview", "cold_jobs_1")]
    found = [p for p in peaks if p]
    return (max(found) / MB if found else None), None


def _timed(*keys: str) -> Getter:
    """A run's wall seconds, and its CPU seconds."""
    return lambda f: (_get(f, *keys, "wall"), _get(f, *keys, "cpu"))


def _publish_growth(first: Figures, last: Figures) -> Cell:
    """publish(largest size) / publish(smallest size): wall, and CPU."""
    return (
        _divide(_get(last, "publish", "wall"), _get(first, "publish", "wall")),
        _divide(_get(last, "publish", "cpu"), _get(first, "publish", "cpu")),
    )


def _no_cell(_: Figures) -> Cell:
    return None, None


def _divide(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else a / b


def _written(f: Figures) -> Cell:
    changed, added = _get(f, "publish", "changed"), _get(f, "publish", "added")
    return (None if changed is None else changed + (added or 0)), None


def _preview_note(f: Figures) -> str | None:
    return str(_get(f, "preview", "note") or "") or None


def _jobs_note(f: Figures) -> str | None:
    note = _get(f, "cold_jobs_note")
    return None if note is None else str(note)


PUBLISH_ROWS: tuple[Row, ...] = (
    Row("cold build: `briefs build --strict` from nothing", _timed("cold")),
    Row("cold build: HTML pages", _value("cold", "pages"), "count"),
    Row("cold build: ms per page", _ms_per_page("cold"), "ms"),
    Row("cold build: peak RSS (MB)", _mb(_value("cold", "peak_rss")), "MB"),
    Row(
        "**one new brief published with kept state: `briefs build --strict` again**",
        _timed("publish"),
        targets=(Target(5.0, "5 s", at=5000), Target(10.0, "10 s", at=20000)),
    ),
    Row("publish: HTML pages written anew (changed or added)", _written, "count"),
    Row("publish: peak RSS (MB)", _mb(_value("publish", "peak_rss")), "MB"),
    Row(
        "**publish({last}) / publish({first})**",
        _no_cell,
        "ratio",
        (Target(2.0, "2"),),
        grows=False,
        across=_publish_growth,
    ),
    Row(
        "**live preview: save to page showing the change**",
        _value("preview", "seconds"),
        targets=(Target(1.0, "1 s", at=20000),),
        note=_preview_note,
    ),
    Row("live preview: peak RSS of `briefs serve` (MB)", _mb(_value("preview", "peak_rss")), "MB"),
    Row(
        "**peak memory of every process (MB)**",
        _peak_of_every_process,
        "MB",
        (Target(1024, "1 GB", at=20000),),
    ),
    Row(
        "cold build `--jobs 1`",
        _timed("cold_jobs_1"),
        note=_jobs_note,
    ),
    Row(
        "cold build `--jobs 2`",
        _timed("cold_jobs_2"),
        note=_jobs_note,
    ),
    Row(
        "**cold build: `--jobs 1` / `--jobs 2`**",
        _ratio(_timed("cold_jobs_1"), _timed("cold_jobs_2")),
        "ratio",
        (Target(1.6, "1.6", at_least=True),),
        grows=False,
        note=_jobs_note,
    ),
)
