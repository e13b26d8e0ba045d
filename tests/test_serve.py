"""The preview server with briefs that break and get fixed: a real ``mkdocs serve`` process.

MkDocs alone stops at a plugin error in the first build and, in a rebuild, holds every
request until a build succeeds. With the plugin, the browser gets a page listing every
problem instead, and the site again once a save fixes them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator

import pytest
from bs4 import BeautifulSoup

from tests.conftest import BIN, SiteFactory, brief_yaml

PATIENCE = 90.0
"""Seconds a change may take to show: a bound against a stuck server on a loaded machine,
not a measured time (each check returns as soon as the page is right)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> tuple[int, str]:
    """Status and body; a request the server leaves waiting fails the test, it never hangs."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _until(url: str, ready: Callable[[int, str], bool], server: subprocess.Popen[str]) -> str:
    """The page at ``url`` once ``ready(status, body)``; polls while the server rebuilds."""
    deadline = time.monotonic() + PATIENCE
    last: tuple[int, str] = (0, "")
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve exited"
        try:
            last = _fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet
        else:
            if ready(*last):
                return last[1]
        time.sleep(0.2)
    raise AssertionError(f"{url} never became ready; last answer {last[0]}: {last[1][:500]}")


@pytest.fixture
def serving(site: SiteFactory) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``mkdocs serve`` of a one-brief site whose brief starts broken; stopped afterwards."""
    site.create({"a.yaml": brief_yaml(date="<b>soon</b>", title="Acme Rises")})
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{port}", server
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.communicate()


def _is_error_page(status: int, body: str) -> bool:
    return "The briefs have problems" in body


def _is_brief(status: int, body: str) -> bool:
    return status == 200 and "Acme Rises" in body and "The briefs have problems" not in body


def test_serve_shows_the_problems_and_recovers_on_save(
    site: SiteFactory, serving: tuple[str, subprocess.Popen[str]]
) -> None:
    url, server = serving
    brief = site.root / "briefs" / "a.yaml"

    # Broken from the start: the server runs and every address shows the problems, escaped.
    for address in (f"{url}/", f"{url}/briefs/a/"):
        page = BeautifulSoup(_until(address, _is_error_page, server), "html.parser")
        problems = [li.get_text() for li in page.select("#nb-problems li")]
        assert problems == [
            "briefs/a.yaml:2:7: date: '<b>soon</b>' is not an ISO date: write YYYY-MM-DD "
            "(2026-01-31), or a time with its UTC offset (2026-01-31T09:30:00-05:00)"
        ]
        assert not page.select("main b")  # the value is text, not markup
        assert "1 error in briefs/" in page.select_one("#nb-summary").get_text()

    # A save that fixes it brings the site back...
    brief.write_text(brief_yaml(title="Acme Rises"), "utf-8")
    _until(f"{url}/briefs/a/", _is_brief, server)

    # ...and a save that breaks it again shows the problems instead of a request that waits.
    brief.write_text(brief_yaml(title="Acme Rises", corrections=[{"date": "2026-01-01"}]), "utf-8")
    page = BeautifulSoup(_until(f"{url}/briefs/a/", _is_error_page, server), "html.parser")
    assert [li.get_text() for li in page.select("#nb-problems li")] == [
        "briefs/a.yaml:8:3: corrections[0].text: required field is missing"
    ]
    brief.write_text(brief_yaml(title="Acme Rises"), "utf-8")
    _until(f"{url}/briefs/a/", _is_brief, server)
