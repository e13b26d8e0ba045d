"""The GitHub Actions workflow users get (.github/workflows/briefs.yml): valid workflow syntax
(SchemaStore's workflow schema; actionlint too, where it is installed), the README's
commands in the right order, Pages deployment from main only, a scheduled run, and every
`briefs` command it runs exists with the options it passes."""

from __future__ import annotations

import http.server
import json
import os
import shlex
import shutil
import subprocess
import threading
import urllib.parse
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from jsonschema import Draft7Validator

from support import FIXTURES, REPO, briefs_in_process

WORKFLOW = REPO / ".github" / "workflows" / "briefs.yml"
SHARDED = REPO / ".github" / "workflows" / "briefs-sharded.yml"
"""The same site built on several machines: shards as jobs, merged, then deployed."""
WORKFLOWS = [WORKFLOW, SHARDED]
SCHEMA = FIXTURES / "schemas" / "github-workflow.json"


def _workflow(path: Path = WORKFLOW) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text("utf-8"))
    return data


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _syntax_errors(data: dict[Any, Any]) -> list[str]:
    data = {("on" if key is True else key): value for key, value in data.items()}
    # (YAML 1.1 reads the key `on` as true; GitHub reads it as "on")
    validator = Draft7Validator(json.loads(SCHEMA.read_text("utf-8")))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_the_workflow_is_valid_workflow_syntax(path: Path) -> None:
    assert _syntax_errors(_workflow(path)) == []


def test_the_syntax_check_finds_a_misspelt_key() -> None:
    data = _workflow()
    data["jobs"]["build"]["step"] = data["jobs"]["build"].pop("steps")
    assert _syntax_errors(data)


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed")
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actionlint_finds_nothing(path: Path) -> None:
    result = subprocess.run(
        ["actionlint", "-no-color", str(path)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_it_checks_then_builds_on_push_and_pull_request_and_deploys_main() -> None:
    data = _workflow()
    triggers = data[True]
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    assert triggers["schedule"][0]["cron"] == "*/15 * * * *"
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    runs = _runs(build)
    assert runs.index("briefs check --format github") < runs.index("briefs build --strict")
    upload = next(
        s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact")
    )
    assert upload["with"]["path"] == "site/"
    on_main = "github.ref == 'refs/heads/main' && github.event_name != 'pull_request'"
    assert upload["if"] == deploy["if"] == on_main
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert data["permissions"] == {"contents": "read"}


def test_the_sharded_workflow_builds_every_share_as_of_one_time_merges_and_deploys_main() -> None:
    data = _workflow(SHARDED)
    plan, shard, merge, deploy = (
        data["jobs"][name] for name in ("plan", "shard", "merge", "deploy")
    )
    shares = shard["strategy"]["matrix"]["shard"]
    assert shares == list(range(1, int(data["env"]["SHARDS"]) + 1))
    build = next(run for run in _runs(shard) if run.startswith("briefs build"))
    assert '--shard "${{ matrix.shard }}/$SHARDS"' in build and '--now "$NOW"' in build
    assert shard["env"]["NOW"] == "${{ needs.plan.outputs.now }}"
    assert "SOURCE_DATE_EPOCH" in shard["env"] and "now" in plan["outputs"]
    upload = next(s for s in shard["steps"] if s.get("uses", "").startswith("actions/upload-art"))
    download = next(s for s in merge["steps"] if s.get("uses", "").startswith("actions/download"))
    assert upload["with"]["name"] == "shard-${{ matrix.shard }}"
    assert download["with"]["pattern"] == "shard-*"
    assert f"briefs merge {download['with']['path']}/shard-*" in _runs(merge)
    assert merge["needs"] == "shard" and deploy["needs"] == "merge"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert data["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_command_it_runs_is_one_the_readme_documents_and_exists(path: Path) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    runs = [run for job in _workflow(path)["jobs"].values() for run in _runs(job)]
    for command in (line for run in runs for line in run.replace("\\\n", " ").splitlines()):
        words = shlex.split(command)
        if not words or words[0] != "briefs":
            continue
        assert f"`briefs {words[1]}" in readme, command
        options = [w for w in words[2:] if w.startswith("--")]
        result = briefs_in_process(REPO, words[1], "--help")
        assert result.returncode == 0, (command, result.stderr)
        for option in options:
            assert option in result.stdout, (command, option)


def _step(job: dict[str, Any], uses: str) -> tuple[int, dict[str, Any]]:
    return next(
        (at, step)
        for at, step in enumerate(job["steps"])
        if step.get("uses", "").startswith(uses + "@")
    )


def test_the_kept_state_is_cached_between_runs_and_the_newest_restored() -> None:
    """``.newsbriefs/`` restored before the build and saved after it, under a key of its own
    each run (a cache entry is never replaced), restored by a prefix of that key (the newest
    entry wins); pinned to a major version, as the other actions are."""
    build = _workflow()["jobs"]["build"]
    at, cache = _step(build, "actions/cache")
    assert cache["uses"] == "actions/cache@v4"
    assert cache["with"]["path"] == ".newsbriefs/"
    key, prefix = cache["with"]["key"], cache["with"]["restore-keys"]
    assert "${{ github.run_id }}" in key and "${{ github.run_attempt }}" in key
    assert isinstance(prefix, str) and key.startswith(prefix) and prefix.endswith("-")
    assert "github.run_id" not in prefix
    runs = [step.get("run") for step in build["steps"]]
    assert at < runs.index("briefs build --strict")
    assert "if" not in cache  # every event: pull requests restore main's state too


def test_the_build_signs_state_with_the_secret_and_nothing_else_sees_it() -> None:
    build = _workflow()["jobs"]["build"]
    (step,) = [s for s in build["steps"] if s.get("run") == "briefs build --strict"]
    assert step["env"] == {"NEWSBRIEFS_STATE_KEY": "${{ secrets.NEWSBRIEFS_STATE_KEY }}"}
    text = WORKFLOW.read_text("utf-8")
    assert text.count("secrets.") == 1  # only the build step has it
    assert "NEWSBRIEFS_STATE_KEY" in (REPO / "README.md").read_text("utf-8")


def test_an_empty_secret_is_no_key_the_runners_own_key_signs_instead(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without the secret, GitHub gives the step an empty variable: the build then signs with
    the runner's own key (the restored state is ignored in one line, generator/build/state.py),
    never with a key made of nothing."""
    from generator.build import state

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setenv(state.KEY_ENV, "")
    state.state_key.cache_clear()
    try:
        runners = state.state_key()
        assert (tmp_path / "newsbriefs" / "state.key").is_file()
        monkeypatch.setenv(state.KEY_ENV, "a long random secret")
        state.state_key.cache_clear()
        assert state.state_key() != runners
    finally:
        state.state_key.cache_clear()


def test_on_main_the_build_lists_the_websub_feeds_for_the_deploy() -> None:
    """``briefs websub --format github`` after the build, on the runs that deploy; its step
    outputs become the build job's, which the deploy job reads."""
    data = _workflow()
    build = data["jobs"]["build"]
    (step,) = [s for s in build["steps"] if s.get("id") == "websub"]
    assert step["run"] == "briefs websub --format github"
    assert step["if"] == data["jobs"]["deploy"]["if"]
    runs = [s.get("run") for s in build["steps"]]
    assert runs.index("briefs build --strict") < runs.index(step["run"])
    assert build["outputs"] == {
        "websub_hub": "${{ steps.websub.outputs.hub }}",
        "websub_feeds": "${{ steps.websub.outputs.feeds }}",
    }


def _ping_step() -> dict[str, Any]:
    deploy = _workflow()["jobs"]["deploy"]
    at, _ = _step(deploy, "actions/deploy-pages")
    (step,) = [s for s in deploy["steps"][at + 1 :] if "WebSub" in s.get("name", "")]
    return step


def test_after_the_deploy_the_hub_is_told_only_when_one_is_set() -> None:
    step = _ping_step()
    assert step["if"] == "needs.build.outputs.websub_hub != ''"
    assert step["env"] == {
        "HUB": "${{ needs.build.outputs.websub_hub }}",
        "FEEDS": "${{ needs.build.outputs.websub_feeds }}",
    }
    assert "${{" not in step["run"]  # outputs reach the shell as variables, never as code


class _Hub(http.server.BaseHTTPRequestHandler):
    """A hub that records each publish request and refuses topics with "refused" in them."""

    received: ClassVar[list[dict[str, list[str]]]] = []

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("ascii"))
        assert self.headers.get("Content-Type") == "application/x-www-form-urlencoded"
        self.received.append(form)
        refused = any("refused" in url for url in form.get("hub.url", []))
        self.send_response(400 if refused else 204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.mark.skipif(shutil.which("curl") is None or shutil.which("bash") is None, reason="curl")
def test_the_ping_step_posts_hub_mode_publish_and_hub_url_per_feed() -> None:
    """The step's own script, run by bash as the runner does, against a hub on this machine:
    one form-encoded request per feed (an address with ``&`` or ``?`` stays one value), and
    a hub that refuses one is a warning, not a failed deploy."""
    feeds = [
        "https://briefs.example.org/rss.xml",
        "https://briefs.example.org/tickers/f/atom.xml?a=1&b=2",
        "https://briefs.example.org/refused/feed.json",
    ]
    _Hub.received = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {
            "PATH": os.environ["PATH"],
            "HUB": f"http://127.0.0.1:{server.server_address[1]}/",
            "FEEDS": " ".join(feeds),
        }
        result = subprocess.run(
            ["bash", "-e", "-c", _ping_step()["run"]],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert _Hub.received == [{"hub.mode": ["publish"], "hub.url": [feed]} for feed in feeds]
    assert result.stdout.splitlines()[-1] == f"::warning::the WebSub hub did not take {feeds[2]}"
