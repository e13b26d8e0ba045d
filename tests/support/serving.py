"""A real ``mkdocs serve`` in its own process, for the tests of the preview (tests/build/test_error_page.py
and the browser's tests/browser/test_preview_in_browser.py)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from support.paths import BIN

PATIENCE = 90.0
"""Seconds a change may take to show: a bound against a stuck server on a loaded machine,
not a measured time (each check returns as soon as the page is right)."""

ERROR_TITLE = "The briefs have problems"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    """Status and body; a request the server leaves waiting fails the test, it never hangs."""
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@dataclass
class Preview:
    url: str
    process: subprocess.Popen[str]

    def until(self, path: str, ready: Callable[[int, str], bool]) -> str:
        """The page at ``path`` once ``ready(status, body)``; polls while the server rebuilds."""
        deadline = time.monotonic() + PATIENCE
        last: tuple[int, str] = (0, "")
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "mkdocs serve exited"
            try:
                last = fetch(self.url + path)
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass  # not listening yet
            else:
                if ready(*last):
                    return last[1]
            time.sleep(0.2)
        raise AssertionError(f"{path} never became ready; last answer {last[0]}: {last[1][:500]}")


@contextmanager
def mkdocs_serve(
    root: Path, command: str = "mkdocs", *, now: str | None = None
) -> Iterator[Preview]:
    """``mkdocs serve`` (or ``briefs serve``) of ``root``/mkdocs.yml on a free port, in a
    session of its own; stopped afterwards with Ctrl-C, as in a terminal (SIGINT to the
    whole process group). ``Preview.process.returncode`` is then its exit status. ``now``:
    the build time the plugin uses (NEWSBRIEFS_NOW), so that what is scheduled does not
    depend on the day the tests run."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("GITHUB_ACTIONS", None)
    if now is not None:
        env["NEWSBRIEFS_NOW"] = now
    process = subprocess.Popen(
        [str(BIN / command), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
        preexec_fn=_interruptible,
    )
    try:
        yield Preview(f"http://127.0.0.1:{port}", process)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)
        try:
            # A rebuild still running ends first (on a loaded machine, tens of seconds).
            process.wait(timeout=PATIENCE)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _interruptible() -> None:
    """Ctrl-C as in a terminal: a test run started in the background (``nohup``, ``&`` in a
    script, some CI runners) ignores SIGINT, a child inherits that, and Python would then
    never raise KeyboardInterrupt: the server would not stop on the Ctrl-C the tests send."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def is_error_page(status: int, body: str) -> bool:
    return ERROR_TITLE in body


def is_ok(status: int, body: str) -> bool:
    return status == 200 and ERROR_TITLE not in body
