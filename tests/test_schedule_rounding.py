"""`briefs schedule` never tells a workflow to build before the go-live instant: the wait
and the printed time round up, never down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import SiteFactory, brief_yaml

from generator.graph.schedule import iso_utc, seconds_until

LIVE = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("before", "seconds"),
    [
        (timedelta(seconds=1800), 1800),
        (timedelta(seconds=1799, microseconds=300_000), 1800),  # main said 1799
        (timedelta(microseconds=1), 1),
        (timedelta(days=2, seconds=5, microseconds=999_999), 2 * 86_400 + 6),
        (timedelta(0), 0),
        (-timedelta(seconds=5), 0),
    ],
)
def test_seconds_until_rounds_up(before: timedelta, seconds: int) -> None:
    assert seconds_until(LIVE, LIVE - before) == seconds
    if before >= timedelta(0):  # a job that waits that long starts at go-live or after
        assert LIVE - before + timedelta(seconds=seconds) >= LIVE


def test_a_go_live_time_with_a_fraction_of_a_second_prints_the_next_second() -> None:
    assert iso_utc(LIVE) == "2026-03-02T10:00:00Z"
    assert iso_utc(LIVE + timedelta(microseconds=1)) == "2026-03-02T10:00:01Z"
    assert iso_utc(LIVE - timedelta(microseconds=1)) == "2026-03-02T10:00:00Z"


def test_the_step_outputs_never_wait_too_little(
    site: SiteFactory, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    site.create({"later.yaml": brief_yaml(publish_at="2026-03-02T10:00:00.250Z")})
    outputs = tmp_path / "github-output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(outputs))
    result = site.briefs("schedule", "--format", "github", "--now", "2026-03-02T09:30:00.700Z")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2026-03-02T10:00:01Z\n"
    assert outputs.read_text() == "next=2026-03-02T10:00:01Z\nseconds=1800\n"
