"""The optional workflow that mails the morning briefing (.github/workflows/briefs-digest.yml):
valid workflow syntax, off until the repository says so, the SMTP settings from secrets
only, a daily schedule, the sent-record kept between runs, and a `briefs digest send` with
options the command has."""

from __future__ import annotations

import json
import shlex
from typing import Any

import yaml
from jsonschema import Draft7Validator

from support import FIXTURES, REPO, briefs_in_process

WORKFLOW = REPO / ".github" / "workflows" / "briefs-digest.yml"
SCHEMA = FIXTURES / "schemas" / "github-workflow.json"


def _workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def test_the_digest_workflow_is_valid_workflow_syntax() -> None:
    validator = Draft7Validator(json.loads(SCHEMA.read_text("utf-8")))
    assert [e.message for e in validator.iter_errors(_workflow())] == []


def test_it_sends_each_morning_only_when_turned_on_with_secrets() -> None:
    data = _workflow()
    assert data["on"]["schedule"][0]["cron"] == "0 12 * * *"
    assert data["permissions"] == {"contents": "read"}
    job = data["jobs"]["send"]
    assert job["if"] == "vars.BRIEFS_DIGEST_SEND == 'true'"
    send = next(step for step in job["steps"] if "digest send" in step.get("run", ""))
    assert send["env"]["BRIEFS_SMTP_URL"] == "${{ secrets.BRIEFS_SMTP_URL }}"
    assert send["env"]["BRIEFS_SMTP_PASSWORD"] == "${{ secrets.BRIEFS_SMTP_PASSWORD }}"
    cache = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".newsbriefs/digest-sent.json"
    words = shlex.split(send["run"])
    assert words[:3] == ["briefs", "digest", "send"]
    result = briefs_in_process(REPO, "digest", "send", "--help")
    assert result.returncode == 0, result.stderr
    for option in ("--date", "--force", "--to"):
        assert option in result.stdout
    assert "--date" in send["run"] and "--force" in send["env"]["DIGEST_FORCE"]
