"""`briefs new`: a valid draft from the archetype, dated in the newsroom's time zone, that
never replaces a file and keeps the author's words as text."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import yaml

from generator.authoring import archetype
from generator.settings import Settings
from support import SiteFactory, brief_yaml


def _new_file(site: SiteFactory, stdout: str) -> Path:
    path = site.root / stdout.strip()
    assert path.is_file(), stdout
    return path


def test_new_writes_a_draft_that_passes_check_and_lists_the_placeholders(
    site: SiteFactory,
) -> None:
    site.create({"a.yaml": brief_yaml()})
    result = site.briefs("new", "Ford and Xiaomi talk EVs", "--category", "Autos")
    assert result.returncode == 0, result.stderr
    path = _new_file(site, result.stdout)
    today = archetype.today_in(Settings())  # the site's zone: UTC
    assert path.relative_to(site.root).as_posix() == (
        f"briefs/{today:%Y}/{today:%m}/ford-and-xiaomi-talk-evs.yaml"
    )
    text = path.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/brief.schema.json\n")
    data = yaml.safe_load(text)
    assert data["draft"] is True and data["category"] == "Autos"
    check = site.briefs("check")
    assert check.returncode == 0, check.stderr
    assert "2 briefs OK" in check.stdout
    placeholders = re.findall(r"warning: (\S+): still holds a placeholder", check.stderr)
    assert placeholders == ["lead", "key_points[0]", "key_points[1]", "summary", "details[0]"]
    assert site.briefs("check", "--strict").returncode == 1


def test_a_filled_in_new_brief_publishes_once_the_draft_line_goes(site: SiteFactory) -> None:
    site.create({})
    result = site.briefs(
        "new", "Refiners lag", "--category", "Energy", "--tickers", "VLO, MPC", "--story", "oil"
    )
    path = _new_file(site, result.stdout)
    text = path.read_text("utf-8")
    text = re.sub(r"TODO write [^\n]*", "Margins narrowed for a third week", text)
    text = text.replace("draft: true\n", "")
    path.write_text(text, "utf-8")
    check = site.briefs("check", "--strict")
    assert check.returncode == 0, check.stderr
    generated = site.briefs("generate", "--out", "md")
    assert generated.returncode == 0, generated.stderr
    page = (site.root / "md" / "briefs" / "refiners-lag.md").read_text("utf-8")
    assert "Refiners lag" in page and "Margins narrowed for a third week" in page
    assert (site.root / "md" / "tickers" / "vlo" / "index.md").is_file()


def test_new_keeps_titles_and_tickers_as_text_whatever_they_hold(site: SiteFactory) -> None:
    site.create({})
    title = "Ford: 'ON' #1 [deal] {x} & *more* -- 100%"
    result = site.briefs("new", title, "--category", "Autos: US", "--tickers", "ON,7203,F")
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load(_new_file(site, result.stdout).read_text("utf-8"))
    assert data["title"] == title and data["category"] == "Autos: US"
    assert data["tickers"] == ["ON", "7203", "F"]
    assert site.briefs("check").returncode == 0


def test_new_never_replaces_a_file(site: SiteFactory) -> None:
    site.create({})
    first = site.briefs("new", "Oil climbs", "--category", "Energy")
    path = _new_file(site, first.stdout)
    path.write_text("title: mine\n", "utf-8")
    second = site.briefs("new", "Oil climbs", "--category", "Energy")
    assert second.returncode == 2
    assert second.stderr.endswith("oil-climbs.yaml already exists; not replaced\n")
    assert path.read_text("utf-8") == "title: mine\n"


def test_new_refuses_a_slug_another_brief_has(site: SiteFactory) -> None:
    site.create({"2025/01/oil-climbs.yaml": brief_yaml()})
    result = site.briefs("new", "Oil Climbs", "--category", "Energy")
    assert result.returncode == 2
    assert (
        "briefs/2025/01/oil-climbs.yaml already has the slug 'oil-climbs'; "
        "choose another title or give --slug" in result.stderr
    )
    other = site.briefs("new", "Oil Climbs", "--category", "Energy", "--slug", "oil-climbs-again")
    assert other.returncode == 0 and other.stdout.strip().endswith("/oil-climbs-again.yaml")


def test_new_asks_for_a_slug_when_the_title_gives_none(site: SiteFactory) -> None:
    site.create({})
    result = site.briefs("new", "市场", "--category", "Markets")
    assert result.returncode == 2 and "give one with --slug" in result.stderr
    assert not (site.root / "briefs").exists() or not list((site.root / "briefs").rglob("*"))


@pytest.mark.parametrize("slug", ["../../escaped", "/tmp/escaped", "a/b", "Not A Slug", "index"])
def test_new_refuses_a_slug_that_is_not_one_and_writes_nothing(
    site: SiteFactory, slug: str
) -> None:
    """--slug names the file: a path in it would write outside briefs/YYYY/MM/ (even outside
    the site), and a slug the model refuses would make a brief that fails its own check."""
    site.create({})
    before = set(site.root.parent.rglob("*.yaml"))
    result = site.briefs("new", "Oil climbs", "--category", "Energy", "--slug", slug)
    assert result.returncode == 2, result.stdout
    assert "--slug: " in result.stderr and result.stdout == ""
    assert set(site.root.parent.rglob("*.yaml")) == before


def test_new_rejects_a_bad_ticker_and_writes_nothing(site: SiteFactory) -> None:
    site.create({})
    result = site.briefs("new", "Oil climbs", "--category", "Energy", "--tickers", "f g")
    assert result.returncode == 2
    assert "tickers[0]: 'f g' is not a ticker symbol" in result.stderr
    assert not list((site.root / "briefs").rglob("*.yaml"))


def test_new_requires_a_category(site: SiteFactory) -> None:
    site.create({})
    result = site.briefs("new", "Oil climbs")
    assert result.returncode == 2 and "Missing option '--category'" in result.stderr


def test_a_site_archetype_replaces_the_built_in_one(site: SiteFactory) -> None:
    site.create({}, options="templates_dir: t")
    (site.root / "t" / "archetypes").mkdir(parents=True)
    (site.root / "t" / "archetypes" / "brief.yaml.j2").write_text(
        "title: {{ title }}\ndate: {{ date }}\ncategory: {{ category }}\n"
        "key_points: [House style point]\nsummary: House style.\n",
        "utf-8",
    )
    result = site.briefs("new", "Oil climbs", "--category", "Energy")
    assert result.returncode == 0, result.stderr
    assert "House style point" in _new_file(site, result.stdout).read_text("utf-8")


def test_a_broken_site_archetype_is_reported_and_nothing_written(site: SiteFactory) -> None:
    site.create({}, options="templates_dir: t")
    (site.root / "t" / "archetypes").mkdir(parents=True)
    (site.root / "t" / "archetypes" / "brief.yaml.j2").write_text(
        "title: {{ title }}\n{% if %}\n", "utf-8"
    )
    result = site.briefs("new", "Oil climbs", "--category", "Energy")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "t/archetypes/brief.yaml.j2:2: template error:" in result.stderr
    (site.root / "t" / "archetypes" / "brief.yaml.j2").write_text("title: [\n", "utf-8")
    result = site.briefs("new", "Oil climbs", "--category", "Energy")
    assert result.returncode == 2 and "the new brief would not be valid" in result.stderr
    assert not (site.root / "briefs").exists() or not list((site.root / "briefs").rglob("*.yaml"))


def test_today_is_the_newsrooms_date_not_the_machines() -> None:
    settings = Settings(timezone="America/New_York")
    late_evening_in_new_york = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)
    assert archetype.today_in(settings, late_evening_in_new_york) == date(2026, 2, 28)
    assert archetype.today_in(Settings(), late_evening_in_new_york) == date(2026, 3, 1)
