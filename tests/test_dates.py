"""Dates the outputs can show: every date a brief holds is within the years newsbriefs
publishes (generator/source/model.py, ``EARLIEST_YEAR`` to ``LATEST_YEAR``), so no template
ever sees a date it cannot shift to UTC, to the site's zone or by "Most covered" days."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.build.pipeline import check, generate
from generator.settings import Settings
from generator.source.model import EARLIEST_YEAR, LATEST_YEAR
from support import SiteFactory, brief_yaml

RISKS = [{"title": "Tariffs", "text": "Costs rise.", "sectors": ["autos"]}]


def _settings(root: Path, briefs: dict[str, str], **options: object) -> Settings:
    for name, text in briefs.items():
        (root / "briefs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "briefs" / name).write_text(text, "utf-8")
    return Settings(root=root, **options)


def _errors(settings: Settings) -> list[str]:
    _, problems = check(settings)
    return [p.format() for p in problems if p.severity == "error"]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"date": "0001-01-01"}, "date"),
        ({"date": "9999-12-31T23:00:00-05:00"}, "date"),
        ({"date": "0001-01-01T00:00:00+05:00"}, "date"),
        ({"date": "1899-12-31T23:59:59-12:00"}, "date"),
        ({"date": "2201-01-01"}, "date"),
        ({"updated": "9999-12-31T23:00:00-05:00"}, "updated"),
        ({"publish_at": "9999-12-31T23:00:00-05:00"}, "publish_at"),
        (
            {"corrections": [{"date": "9999-12-31T23:00:00-05:00", "text": "Fixed."}]},
            "corrections[0].date",
        ),
    ],
)
def test_a_date_outside_the_years_is_a_positioned_error_naming_the_range(
    tmp_path: Path, fields: dict[str, object], field: str
) -> None:
    settings = _settings(
        tmp_path, {"odd.yaml": brief_yaml(**fields), "fine.yaml": brief_yaml(title="Fine")}
    )
    errors = _errors(settings)
    assert len(errors) == 1, errors
    assert errors[0].startswith("briefs/odd.yaml:") or "/briefs/odd.yaml:" in errors[0]
    assert f": {field}: '" in errors[0]
    assert (
        f"is outside the years a brief may be dated ({EARLIEST_YEAR} to {LATEST_YEAR})" in errors[0]
    )
    assert "template" not in errors[0]


def test_the_same_dates_fail_the_command_with_the_brief_named_never_a_template(
    site: SiteFactory,
) -> None:
    site.create({"odd.yaml": brief_yaml(updated="9999-12-31T23:00:00-05:00")})
    for command in (["check"], ["generate", "--out", "out"]):
        result = site.briefs(*command)
        output = result.stdout + result.stderr
        assert result.returncode == 1, output
        assert "briefs/odd.yaml:" in output and "updated: '9999-12-31T23:00:00-05:00'" in output
        assert "Traceback" not in output and "template error" not in output
    assert not (site.root / "out").exists()


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Etc/GMT+12", "UTC"])
def test_the_first_and_last_instants_of_the_range_build_in_every_zone(
    tmp_path: Path, zone: str
) -> None:
    """The ends of the range, with the widest offsets either way, in the zones furthest from
    UTC: every page renders (archive, feeds, risks chart, corrections, "Most covered")."""
    first = "1900-01-01T00:00:00+14:00"  # 1899-12-31 in UTC
    last = "2200-12-31T23:59:59-12:00"  # 2201-01-01 in UTC
    settings = _settings(
        tmp_path,
        {
            "first.yaml": brief_yaml(
                date=first,
                updated="1900-01-01T00:00:00-12:00",
                tickers=["F"],
                risks=RISKS,
                corrections=[{"date": "1900-01-01", "text": "Fixed."}],
            ),
            "last.yaml": brief_yaml(
                title="Last",
                date=last,
                updated=last,
                tickers=["F"],
                risks=RISKS,
                corrections=[{"date": last, "text": "Fixed."}],
            ),
            "day.yaml": brief_yaml(title="Day", date="1900-01-01"),
        },
        timezone=zone,
        home_trending_days=3_660,  # the largest the option allows
        site_url="https://news.example/",
    )
    built = generate(settings, now=datetime(2201, 1, 2, tzinfo=UTC))
    assert {"briefs/first.md", "briefs/last.md", "briefs/day.md"} <= set(built.files)
    assert "1900" in str(built.files["archive/index.md"])
    assert "2200" in str(built.files["archive/index.md"])
    assert not [p for p in built.warnings if p.severity == "error"]
