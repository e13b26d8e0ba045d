"""What an author waits for after saving one brief, measured from outside (black box):

- *incremental rebuild*: ``briefs build --strict`` again after one word of one brief changed,
  whatever ``briefs build`` does to be quick about it;
- *live preview*: ``briefs serve`` running, one word added to a brief's details; seconds
  from the save until that brief's page, polled over HTTP, shows the word.
"""

from __future__ import annotations

import os
import re
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from measure import ENV, Run, briefs, launched, read_run, run

from generator.graph import urls

SERVE_PATIENCE = 900.0
"""Seconds ``briefs serve`` may take to answer at all (its first build) before we give up."""
CHANGE_PATIENCE = 600.0
"""Seconds a change may take to show before it counts as never shown (a preview that
rebuilds the whole site takes as long as a build)."""
POLL = 0.05


def edited_brief(briefs_dir: Path) -> Path:
    """The brief every run edits: the middle one in path order (same seed, same brief)."""
    paths = sorted(p for p in briefs_dir.rglob("*.yaml") if "_data" not in p.parts)
    return paths[len(paths) // 2]


def _in_details(text: str, replace: str) -> str:
    """``text`` with the first word of five letters or more in ``details:`` replaced by
    ``replace`` (``\\g<0>`` stands for the word)."""
    start = text.index("\ndetails:") + len("\ndetails:")
    return text[:start] + re.sub(r"\b[a-z]{5,}\b", replace, text[start:], count=1)


def incremental_rebuild(config_file: Path, brief: Path) -> Run:
    """Change one word of ``brief`` and time ``briefs build --strict`` once more."""
    text = brief.read_text("utf-8")
    brief.write_text(_in_details(text, "revised"), "utf-8")
    return run(briefs(config_file, "build", "--strict"), cwd=config_file.parent)


def page_url(brief: Path) -> str:
    """The brief's page, from its file name (the synthetic briefs have no ``slug:``)."""
    return urls.brief(brief.stem).removesuffix(".md") + "/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def _until(url: str, ready: str | None, patience: float, server: subprocess.Popen[bytes]) -> bool:
    """Poll ``url`` until it answers 200 (and holds ``ready``); False after ``patience`` s."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"briefs serve exited with {server.returncode}")
        status, body = _get(url)
        if status == 200 and (ready is None or ready in body):
            return True
        time.sleep(POLL)
    return False


def live_preview(
    config_file: Path, brief: Path, patience: float = SERVE_PATIENCE
) -> dict[str, float | str | None]:
    """Seconds from saving ``brief`` (a new word in its details) until ``briefs serve``
    shows the word on the brief's page; None if it never did within CHANGE_PATIENCE.
    ``patience``: seconds the server may take to answer at all. Also the peak memory of
    the server's process tree (``peak_rss``, bytes), once it has stopped."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryFile() as output, tempfile.TemporaryDirectory() as tmp:
        figures = Path(tmp) / "serve.json"
        server = subprocess.Popen(
            launched(briefs(config_file, "serve", "-a", f"127.0.0.1:{port}"), figures),
            cwd=config_file.parent,
            env=ENV,
            stdout=output,
            stderr=output,
            start_new_session=True,  # its own process group, stopped as one below
        )
        result: dict[str, float | str | None] = {}
        try:
            started = time.perf_counter()
            if not _until(base + page_url(brief), None, patience, server):
                result = {"seconds": None, "note": "briefs serve never answered"}
                return result
            first_answer = time.perf_counter() - started
            word = "zq" + "".join(secrets.choice("bcdfghjklmnpqrstvwxz") for _ in range(8))
            text = brief.read_text("utf-8")
            brief.write_text(_in_details(text, rf"\g<0> {word}"), "utf-8")
            saved = time.perf_counter()
            shown = _until(base + page_url(brief), word, CHANGE_PATIENCE, server)
            seconds = time.perf_counter() - saved
            result = {
                "seconds": round(seconds, 3) if shown else None,
                "first_answer_s": round(first_answer, 3),
                "note": "" if shown else f"not shown within {CHANGE_PATIENCE:.0f} s",
            }
            return result
        finally:
            _stop(server)
            # The launcher outlives Ctrl-C and writes the server tree's figures; not if it
            # was killed.
            if figures.is_file():
                result["peak_rss"] = read_run(figures).peak_rss


def _stop(server: subprocess.Popen[bytes]) -> None:
    """Ctrl-C to the server's process group, as in a terminal; then SIGTERM if it lingers
    (the launcher outlives both and still writes the figures), SIGKILL as a last resort."""
    for stop, patience in ((signal.SIGINT, 60), (signal.SIGTERM, 30)):
        if server.poll() is not None:
            return
        os.killpg(server.pid, stop)
        try:
            server.wait(timeout=patience)
        except subprocess.TimeoutExpired:
            continue
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
