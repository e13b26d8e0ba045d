"""Digest days: the newsroom's day ends at the cut-off hour in the site's zone; a day
without published briefs has no digest; only published briefs are grouped."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.build.pipeline import check
from generator.graph.digest import digest_day, digest_days, latest_closed_day, window
from generator.settings import Settings, SettingsError
from support import brief_yaml, briefs_settings
from support.sites import parsed_brief

NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("when", "cutoff", "day"),
    [
        ("2026-01-30T17:59:00-05:00", 18, date(2026, 1, 30)),
        ("2026-01-30T18:00:00-05:00", 18, date(2026, 1, 31)),  # after the desk's day ended
        ("2026-01-30T23:30:00-05:00", 24, date(2026, 1, 30)),  # the calendar day
        ("2026-01-31T03:00:00Z", 24, date(2026, 1, 30)),  # 22:00 in New York
        ("2026-01-30T05:59:00-05:00", 6, date(2026, 1, 30)),
        ("2026-01-30T06:00:00-05:00", 6, date(2026, 1, 31)),
        ("2026-01-30", 18, date(2026, 1, 30)),  # a date alone: the start of its day
    ],
)
def test_a_brief_belongs_to_the_day_that_ends_at_the_cutoff_after_it(
    when: str, cutoff: int, day: date
) -> None:
    brief = parsed_brief(date=when)
    assert digest_day(brief, NEW_YORK, cutoff) == day
    start, end = window(day, NEW_YORK, cutoff)
    if "T" in when:
        assert start <= datetime.fromisoformat(when) < end


def test_the_latest_closed_day_is_the_one_a_morning_send_mails() -> None:
    seven = datetime(2026, 1, 31, 12, tzinfo=UTC)  # 07:00 in New York
    assert latest_closed_day(seven, NEW_YORK, 24) == date(2026, 1, 30)
    assert latest_closed_day(seven, NEW_YORK, 6) == date(2026, 1, 31)
    assert latest_closed_day(seven, NEW_YORK, 18) == date(2026, 1, 30)


def test_days_hold_published_briefs_by_category_in_site_order(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {
            "a.yaml": brief_yaml(title="Zeta", date="2026-01-05T09:00:00Z", tickers=["F", "GM"]),
            "b.yaml": brief_yaml(
                title="Alpha", date="2026-01-05T10:00:00Z", category="Autos", tickers=["F"]
            ),
            "c.yaml": brief_yaml(title="Hidden", date="2026-01-05", draft=True),
            "d.yaml": brief_yaml(title="Later", date="2026-01-05", publish_at="2026-09-01"),
            "e.yaml": brief_yaml(title="Older", date="2026-01-02"),
        },
    )
    index, problems = check(settings, now=datetime(2026, 1, 6, tzinfo=UTC))
    assert index is not None, problems
    days = digest_days(index, ZoneInfo("UTC"), 24)
    assert [day.day for day in days] == [date(2026, 1, 5), date(2026, 1, 2)]
    newest = days[0]
    assert [(term.name, [b.title for b in briefs]) for term, briefs in newest.sections] == [
        ("Autos", ["Alpha"]),
        ("Stock Markets", ["Zeta"]),
    ]
    assert [(term.name, count) for term, count in newest.most_covered] == [("F", 2), ("GM", 1)]
    assert (newest.earlier, newest.later) == (date(2026, 1, 2), None)
    assert (days[1].earlier, days[1].later) == (None, date(2026, 1, 5))
    only_autos = digest_days(index, ZoneInfo("UTC"), 24, sections=["autos"])
    assert [day.day for day in only_autos] == [date(2026, 1, 5)]
    # a preview shows the draft, marked: still no digest names it
    preview, _ = check(settings, drafts=True, scheduled=True, now=datetime(2026, 1, 6, tzinfo=UTC))
    assert preview is not None
    shown = digest_days(preview, ZoneInfo("UTC"), 24)[0].briefs
    assert {brief.title for brief in shown} == {"Alpha", "Zeta"}


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"cutoff_hour": 0},
            "option 'digest.cutoff_hour' expects a whole number of at least 1, found 0",
        ),
        (
            {"cutoff_hour": 25},
            "option 'digest.cutoff_hour' expects a whole number of at most 24, found 25",
        ),
        ({"title": "A\nBcc: x"}, "option 'digest.title' expects text on one line (no line break)"),
        ({"sender": "nobody"}, "option 'digest.sender' expects an e-mail address"),
        ({"cutof_hour": 6}, "option 'digest.cutof_hour' expects one of the known options"),
        ("yes", "option 'digest' expects a mapping of options"),
    ],
)
def test_bad_digest_settings_are_named(options: object, message: str) -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_options({"digest": options})
    assert message in str(caught.value)
