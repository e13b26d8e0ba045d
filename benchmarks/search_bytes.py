"""What a reader's browser downloads to search the site, and how long an answer takes.

The built site is served by ``http.server`` on 127.0.0.1, which counts every byte it sends
(headers and body, by path: no compression, as a plain static host). Chromium (playwright,
the system's /usr/bin/chromium) opens the home page, types a first query into the site's
search box and waits for a result that names it, then a second query. Reported per query:
the bytes of *search* requests (the index, its worker, its fragments) made from opening the
page until that query's results showed, the same with gzip (what a host that compresses
would send), and the seconds from typing to the first matching result.

The search box is found the way a reader finds it: by role and accessible name ("Search"),
so the same code measures Material's search and a Pagefind UI. What counts as search
traffic and what a result looks like is listed per search engine in :data:`ENGINES`.
"""

from __future__ import annotations

import gzip
import re
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PATIENCE = 60.0
"""Seconds a query may take before it counts as unanswered."""


@dataclass(frozen=True)
class SearchEngine:
    name: str
    traffic: tuple[str, ...]
    """URL paths containing one of these are search requests."""
    result: str
    """CSS selector of one result in the search UI."""


ENGINES = (
    SearchEngine(
        "Material", ("/search/search_index.json", "/workers/search."), ".md-search-result__item"
    ),
    SearchEngine(
        "Pagefind", ("/pagefind/",), ".pagefind-ui__result, [class*='pagefind'][class*='result']"
    ),
)
TRAFFIC = tuple(part for engine in ENGINES for part in engine.traffic)
RESULTS = ", ".join(engine.result for engine in ENGINES)


@dataclass
class Traffic:
    """Every response the server sent: (seconds since start, path, bytes sent, gzip bytes)."""

    root: Path
    sent: list[tuple[float, str, int, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, path: str, sent: int) -> None:
        file = self.root / unquote(urlsplit(path).path).lstrip("/")
        file = file / "index.html" if file.is_dir() else file
        packed = len(gzip.compress(file.read_bytes(), 6)) if file.is_file() else sent
        with self.lock:
            self.sent.append((time.perf_counter(), path, sent, packed))

    def search_bytes(self, since: float, until: float) -> tuple[int, int, list[str]]:
        """Bytes (plain, gzip) and paths of the search requests sent in [since, until]."""
        with self.lock:
            found = [
                (sent, packed, path)
                for at, path, sent, packed in self.sent
                if since <= at <= until and any(part in path for part in TRAFFIC)
            ]
        return sum(f[0] for f in found), sum(f[1] for f in found), [f[2] for f in found]


class _Counting:
    def __init__(self, raw: Any) -> None:
        self.raw, self.count = raw, 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return int(self.raw.write(data))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class _Handler(SimpleHTTPRequestHandler):
    traffic: Traffic

    def setup(self) -> None:
        super().setup()
        self.wfile = _Counting(self.wfile)  # type: ignore[assignment]

    def do_GET(self) -> None:
        before = self.wfile.count  # type: ignore[attr-defined]
        super().do_GET()
        self.traffic.record(self.path, self.wfile.count - before)  # type: ignore[attr-defined]

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site_dir: Path) -> Iterator[tuple[str, Traffic]]:
    """The built site on a free port of 127.0.0.1, counting what it sends."""
    traffic = Traffic(site_dir)
    handler = type("Handler", (_Handler,), {"traffic": traffic})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", traffic
    finally:
        server.shutdown()
        server.server_close()


def search_box(page: Any) -> Any:
    """The visible search input, found by role and name. If there is none, the search hides
    behind a button (a narrow layout, a search dialog that loads its UI when opened): press
    it, then wait for the input."""
    name = re.compile("search", re.I)
    candidates = (
        page.get_by_role("searchbox", name=name),
        page.get_by_role("combobox", name=name),
        page.get_by_role("textbox", name=name),
        page.get_by_placeholder(name),
    )
    opened = False
    deadline = time.perf_counter() + PATIENCE
    while time.perf_counter() < deadline:
        for candidate in candidates:
            for i in range(candidate.count()):
                if candidate.nth(i).is_visible():
                    return candidate.nth(i)
        opener = page.get_by_role("button", name=name)
        if not opened and opener.count():
            opener.first.click()
            opened = True
        time.sleep(0.05)
    raise RuntimeError("no visible search box on the home page")


def _answer(page: Any, before: str | None) -> str | None:
    """The first result's text once there is one other than ``before``; None if none came
    within PATIENCE seconds. (Results are not matched against the query: engines stem
    words and show snippets, so a result need not spell the query.)"""
    deadline = time.perf_counter() + PATIENCE
    results = page.locator(RESULTS)
    while time.perf_counter() < deadline:
        if results.count():
            text = str(results.first.inner_text())
            if text != before:
                return text
        time.sleep(0.01)
    return None


def unavailable() -> str | None:
    """Why the browser cannot run here, or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


def measure(site_dir: Path, queries: Sequence[str]) -> dict[str, Any]:
    """Bytes and seconds of each query in turn, in one fresh browser: ``queries`` must each
    find something, and the first results of one must differ from the one before."""
    from playwright.sync_api import sync_playwright

    measured: list[dict[str, Any]] = []
    with serve(site_dir) as (url, traffic), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
            since = time.perf_counter()
            page.goto(url, wait_until="load")
            box = search_box(page)
            before = None
            for query in queries:
                box.click()
                start = time.perf_counter()
                box.fill(query)  # one input event (Pagefind UI listens to those) ...
                box.press("End")  # ... and a key press (Material's search listens to keyup)
                before = _answer(page, before)
                done = time.perf_counter()
                time.sleep(0.3)  # let requests made for this answer finish and be counted
                plain, packed, paths = traffic.search_bytes(since, time.perf_counter())
                measured.append(
                    {
                        "query": query,
                        "seconds": round(done - start, 3) if before is not None else None,
                        "bytes": plain,
                        "gzip_bytes": packed,
                        "requests": paths[:20],
                    }
                )
                since = time.perf_counter()
                if before is None:
                    break  # the next query's answer could not be told from this one's
        finally:
            browser.close()
    return {"queries": measured}
