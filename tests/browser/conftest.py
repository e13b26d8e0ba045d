"""Fixtures for the browser tests: real sites built with MkDocs, served locally, read by Chromium.

One Chromium per session; each test gets a fresh context (own storage, so the palette a test
picks does not leak into the next one). Without Chromium or Playwright the tests are skipped,
unless NEWSBRIEFS_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 1600}


def _browser_unavailable(reason: str) -> None:
    if os.environ.get("NEWSBRIEFS_REQUIRE_BROWSER") == "1":
        pytest.fail(
            f"browser tests are required (NEWSBRIEFS_REQUIRE_BROWSER=1) but {reason}",
            pytrace=False,
        )
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session", autouse=True)
def _require_browser() -> None:
    """Runs before any build, so a machine without a browser skips quickly."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _browser_unavailable("the 'playwright' package is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        _browser_unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")


# ---------------------------------------------------------------------------------------------
# Sites: built with the real `mkdocs build --strict`, served over HTTP on 127.0.0.1.


def mkdocs_build(config_dir: Path, out: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed in {config_dir}:\n{result.stderr}")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(directory))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


class SiteServer:
    """Builds sites with ``mkdocs build --strict`` and serves each until the session ends."""

    def __init__(self, tmp_path_factory: pytest.TempPathFactory, stack: ExitStack) -> None:
        self._tmp = tmp_path_factory
        self._stack = stack

    def __call__(self, config_dir: Path) -> str:
        """Build the site of ``config_dir``/mkdocs.yml; return the base URL it is served at."""
        out = self._tmp.mktemp(f"built-{config_dir.name}")
        mkdocs_build(config_dir, out)
        return self.serve_built(out)

    def serve_built(self, site_dir: Path) -> str:
        """Serve a site built elsewhere; return its base URL."""
        return self._stack.enter_context(contextmanager(serve)(site_dir))


@pytest.fixture(scope="session")
def site_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    with ExitStack() as stack:
        yield SiteServer(tmp_path_factory, stack)


@pytest.fixture(scope="session")
def sample_site_url(site_server: SiteServer, sample_site: Path) -> str:
    """The repository's sample site (mkdocs.yml at the root): the session's one build of it
    (``sample_site`` in tests/conftest.py, which the other tests read too), served."""
    return site_server.serve_built(sample_site)


# ---------------------------------------------------------------------------------------------
# The browser.


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile per test: light colour scheme, 1280x1600, nothing stored."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    context.set_default_timeout(10_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()
