"""The build boundary (generator/build/request.py): the request ``briefs build`` hands its
engine in one variable, the plain run's request made from the user's variables, and the
outcome that comes back."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.build.request import (
    DRAFTS_ENV,
    EPOCH_ENV,
    NOW_ENV,
    REQUEST_ENV,
    TIMINGS_ENV,
    BuildOutcome,
    BuildRequest,
    RequestError,
    engine_request,
    parse_request,
)
from generator.graph.schedule import BadTime
from support import SiteFactory, brief_yaml

NEW_YORK_MORNING = datetime(2026, 3, 2, 9, 30, tzinfo=timezone(timedelta(hours=-5)))


def _request(**fields: object) -> BuildRequest:
    values: dict[str, object] = {
        "config_file": Path("/site/mkdocs.yml"),
        "site_dir": Path("/site/site"),
        "now": NEW_YORK_MORNING,
        **fields,
    }
    return BuildRequest(**values)  # type: ignore[arg-type]


def _plain(environ: dict[str, str]) -> BuildRequest:
    return engine_request(
        environ, config_file=Path("/site/mkdocs.yml"), site_dir=Path("/site/site"), strict=False
    )


def test_the_engine_gets_the_request_the_command_made_field_for_field() -> None:
    asked = _request(
        strict=True,
        drafts=True,
        incremental=True,
        state_dir=Path("/site/.newsbriefs"),
        handoff=Path("/site/.newsbriefs/tmp/build-1-0123abcd"),
        timings=True,
    )
    environ = {**asked.environment(), NOW_ENV: "2030-01-01T00:00:00Z", DRAFTS_ENV: "0"}
    got = _plain(environ)
    assert got == asked  # the request wins over every other variable
    assert got.now.utcoffset() == timedelta(hours=-5)  # the instant keeps its offset
    assert got.memo_file == Path("/site/.newsbriefs/pages.memo")
    assert got.outcome_file == Path("/site/.newsbriefs/tmp/build-1-0123abcd/outcome.json")


def test_a_plain_engine_run_takes_the_users_variables() -> None:
    request = _plain({NOW_ENV: "2026-03-02T09:30:00-05:00", DRAFTS_ENV: "1", TIMINGS_ENV: "1"})
    assert (request.now, request.drafts, request.timings) == (NEW_YORK_MORNING, True, True)
    assert request.state_dir is None and request.handoff is None and not request.incremental
    assert request.memo_file is None and request.outcome_file is None
    epoch = _plain({EPOCH_ENV: str(int(NEW_YORK_MORNING.timestamp())), DRAFTS_ENV: "yes"})
    assert epoch.now == NEW_YORK_MORNING and not epoch.drafts and not epoch.timings
    before = datetime.now(UTC)
    assert before <= _plain({}).now <= datetime.now(UTC)
    with pytest.raises(BadTime, match=r"^SOURCE_DATE_EPOCH: expected whole seconds"):
        _plain({EPOCH_ENV: "soon"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Invalid JSON"),
        ("[]", "request: Input should be an object"),
        ('{"format": 2}', "format: Input should be 1"),
        ('{"jobs": 3}', "jobs: Extra inputs are not permitted"),
        ('{"shard": {"index": 4, "count": 3}}', "shard: Value error, shard: expected K/N"),
        (
            '{"shard": {"index": 1, "count": 2}, "incremental": true, "state_dir": "/s/.n"}',
            "shard: a share of the site is always built cold",
        ),
        ('{"now": "2026-03-02T09:30:00"}', "now: Value error, now: expected a date and time"),
        ('{"strict": "yes"}', "strict: Input should be a valid boolean"),
        ('{"incremental": true}', "a build reuses outputs only with a state folder"),
    ],
)
def test_a_request_that_cannot_be_followed_says_what_is_wrong_in_one_line(
    text: str, message: str
) -> None:
    if text.startswith("{"):
        base = json.loads(_request().model_dump_json())
        text = json.dumps({**base, **json.loads(text)})
    with pytest.raises(RequestError) as caught:
        parse_request(text)
    assert str(caught.value).startswith(f"{REQUEST_ENV}: ")
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_mkdocs_given_a_broken_request_stops_in_one_line_and_builds_nothing(
    site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.create({"a.yaml": brief_yaml()})
    monkeypatch.setenv(REQUEST_ENV, '{"format": 1, "site_dir": "x"}')
    result = site.mkdocs_build()
    assert result.returncode == 1
    assert "briefs plugin: NEWSBRIEFS_REQUEST: config_file: Field required" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site.root / "site").exists()


def test_briefs_build_leaves_no_request_behind(site: SiteFactory) -> None:
    """The request travels with the engine's process and its handoff folder goes with the
    build: nothing of it is left for a later plain ``mkdocs build`` to pick up."""
    site.create({"a.yaml": brief_yaml()})
    result = site.briefs("build", "--drafts")
    assert result.returncode == 0, result.stderr
    assert REQUEST_ENV not in os.environ
    assert list((site.root / ".newsbriefs" / "tmp").iterdir()) == []


def test_an_outcome_reads_back_and_a_missing_or_foreign_one_is_none(tmp_path: Path) -> None:
    outcome = BuildOutcome(failed=True, summary="1 error in briefs/", errors=1, warnings=0)
    path = tmp_path / "outcome.json"
    outcome.save(path)
    assert BuildOutcome.load(path) == outcome
    assert outcome.counts() == {"warnings": 0}
    assert BuildOutcome(briefs=2, pages=9, warnings=1).counts() == {
        "briefs": 2,
        "pages": 9,
        "warnings": 1,
    }
    assert BuildOutcome.load(tmp_path / "none.json") is None
    path.write_text('{"failed": "maybe"}', "utf-8")
    assert BuildOutcome.load(path) is None
    path.write_text('{"failed": false, "from_a_newer_version": 1}', "utf-8")
    assert BuildOutcome.load(path) is None
