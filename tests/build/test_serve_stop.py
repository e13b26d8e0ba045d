"""Ctrl-C stops ``briefs serve`` at once, however the signal arrives: a real server process.

``briefs serve`` runs the engine's server as a child. A terminal's Ctrl-C signals the whole
foreground group; a process manager or an editor's task runner signals ``briefs`` alone.
The server used to share our group, so in the second case nobody told it: ``briefs`` waited
its whole grace period (10 s) and then killed it, leaving the server's temporary site
behind (generator/build/engines.py, ``run_preview``). Now it is told once, either way, and
shuts down cleanly: exit status 130, nothing left in the temporary folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
from pathlib import Path

import pytest

from support import SiteFactory, brief_yaml
from support.paths import BIN
from support.serving import PATIENCE, _free_port, _interruptible, fetch

STOP_BOUND = 5.0
"""Seconds from the signal to the end of ``briefs``: a generous bound for a loaded machine
(it takes about one: MkDocs' server stops polling within 0.25 s, then removes its temporary
site); the grace period that was spent before is 10."""


def _start(root: Path, temp: Path) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    env.pop("GITHUB_ACTIONS", None)
    process = subprocess.Popen(
        [str(BIN / "briefs"), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a terminal gives a command
        preexec_fn=_interruptible,
    )
    return process, f"http://127.0.0.1:{port}"


def _serving(process: subprocess.Popen[str], url: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        assert process.poll() is None, "briefs serve exited"
        try:
            if fetch(url + "/briefs/x/")[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass  # not listening yet
        time.sleep(0.2)
    raise AssertionError("briefs serve never served the brief")


@pytest.mark.e2e
@pytest.mark.parametrize(
    "whom", ["group", "process"], ids=["ctrl-c-in-a-terminal", "sigint-to-briefs"]
)
def test_briefs_serve_stops_promptly_and_cleanly_on_sigint(
    site: SiteFactory, tmp_path: Path, whom: str
) -> None:
    site.create({"x.yaml": brief_yaml(title="Acme Rises")})
    temp = tmp_path / "temp"
    temp.mkdir()
    process, url = _start(site.root, temp)
    try:
        _serving(process, url)
        assert any(temp.iterdir())  # the server's temporary site, which it must remove
        sent = time.monotonic()
        (os.killpg if whom == "group" else os.kill)(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=PATIENCE)
        took = time.monotonic() - sent
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode == 130, stderr
    assert stderr.rstrip().endswith("briefs: interrupted"), stderr
    assert "Traceback" not in stderr
    assert took < STOP_BOUND, f"stopped {took:.1f} s after SIGINT"
    assert sorted(path.name for path in temp.iterdir()) == []  # shut down, not killed
    with pytest.raises((urllib.error.URLError, ConnectionError)):
        fetch(url + "/")
