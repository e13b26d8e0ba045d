"""The GitHub Actions workflow users get (.github/workflows/briefs.yml): valid workflow syntax
(SchemaStore's workflow schema; actionlint too, where it is installed), the README's
commands in the right order, Pages deployment from main only, a scheduled run, and every
`briefs` command it runs exists with the options it passes."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft7Validator

from support import FIXTURES, REPO, briefs_in_process

WORKFLOW = REPO / ".github" / "workflows" / "briefs.yml"
SCHEMA = FIXTURES / "schemas" / "github-workflow.json"


def _workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    return data


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _syntax_errors(data: dict[Any, Any]) -> list[str]:
    data = {("on" if key is True else key): value for key, value in data.items()}
    # (YAML 1.1 reads the key `on` as true; GitHub reads it as "on")
    validator = Draft7Validator(json.loads(SCHEMA.read_text("utf-8")))
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_the_workflow_is_valid_workflow_syntax() -> None:
    assert _syntax_errors(_workflow()) == []


def test_the_syntax_check_finds_a_misspelt_key() -> None:
    data = _workflow()
    data["jobs"]["build"]["step"] = data["jobs"]["build"].pop("steps")
    assert _syntax_errors(data)


@pytest.mark.skipif(shutil.which("actionlint") is None, reason="actionlint is not installed")
def test_actionlint_finds_nothing() -> None:
    result = subprocess.run(
        ["actionlint", "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120
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


def test_every_command_it_runs_is_one_the_readme_documents_and_exists() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    for command in _runs(_workflow()["jobs"]["build"]):
        words = shlex.split(command)
        if words[0] != "briefs":
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
