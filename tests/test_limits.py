"""Limits on what one input can cost: options with upper bounds, messages that quote a
short excerpt of a value, pages one brief can create, terms a site can have, a risks page
of bounded size, and registry checks that stay linear."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SiteFactory, brief_yaml

from generator.errors import MAX_MESSAGE
from generator.settings import Settings, SettingsError

# ---------------------------------------------------------------------------------------------
# Options: every one has an upper bound, and a value past it is one line and exit 2.


@pytest.mark.parametrize("name", Settings.option_names())
@pytest.mark.parametrize("huge", [10**30, "x" * 100_000], ids=["number", "text"])
def test_no_option_takes_a_huge_number_or_a_huge_text(name: str, huge: object) -> None:
    """Every option is bounded from above (a number by its declared maximum, a text by its
    length, a choice by its list), and says so in one short line naming it."""
    with pytest.raises(SettingsError) as refused:
        Settings.from_options({name: huge})
    assert str(refused.value).startswith(f"option {name!r} expects ")
    assert len(str(refused.value)) < 300 and "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (
            "home_trending_days: 1000000",
            "'home_trending_days' expects a whole number of at most 3,660, found 1000000",
        ),
        (
            "home_per_section: 100000000000000000000",
            "'home_per_section' expects a whole number of at most 100",
        ),
        ("per_page: 100000000000", "'per_page' expects a whole number of at most 1,000"),
        ("feed_items: 1000000", "'feed_items' expects a whole number of at most 1,000"),
        ("more_from: 101", "'more_from' expects a whole number of at most 100"),
        ("home_latest: 101", "'home_latest' expects a whole number of at most 100"),
        ("home_trending: 101", "'home_trending' expects a whole number of at most 100"),
        (
            f"briefs_dir: {'b' * 5000}",
            "'briefs_dir' expects a folder name of at most 1,000 characters",
        ),
        (
            f"timezone: {'Z' * 100000}",
            "'timezone' expects a time zone name such as 'America/New_York'",
        ),
    ],
)
def test_an_option_past_its_bound_is_one_line_and_exit_2(
    site: SiteFactory, option: str, expected: str
) -> None:
    site.create({"a.yaml": brief_yaml()}, option)
    result = site.briefs("check")
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and expected in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr) < 400


def test_the_plugin_refuses_the_same_option_in_one_line(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()}, "home_trending_days: 1000000")
    result = site.mkdocs_build()
    assert result.returncode == 1
    assert "'home_trending_days': expects a whole number of at most 3,660" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_options_at_their_bounds_build(tmp_path: Path) -> None:
    """The largest value of each option is usable: the bound is where the site still builds."""
    from generator.build.pipeline import generate

    (tmp_path / "briefs").mkdir()
    (tmp_path / "briefs" / "a.yaml").write_text(brief_yaml(tickers=["F"], story="s"), "utf-8")
    (tmp_path / "briefs" / "b.yaml").write_text(brief_yaml(title="B", date="1900-01-02"), "utf-8")
    settings = Settings(
        root=tmp_path,
        per_page=1_000,
        home_latest=100,
        home_per_section=100,
        home_trending=100,
        home_trending_days=3_660,
        more_from=100,
        feed_items=1_000,
        site_url="https://news.example/",
    )
    built = generate(settings)
    assert "briefs/b.md" in built.files


# ---------------------------------------------------------------------------------------------
# Messages quote a short excerpt of a value, never the value whole.

HUGE = 400_000


@pytest.mark.parametrize(
    "fields",
    [
        {"related": ["x" * HUGE]},
        {"sources": [{"title": "Filing", "url": "ftp://" + "x" * HUGE}]},
        {"date": "2026-01-01T10:00" + "x" * HUGE},
        {"date": "x" * HUGE},
        {"tickers": ["X" * HUGE]},
        {"slug": "X" * HUGE},
        {"x" * HUGE: "an unknown field with a long name"},
    ],
    ids=["related", "url", "date-time", "date", "ticker", "slug", "field-name"],
)
def test_a_400_kb_value_is_quoted_as_a_short_excerpt(
    site: SiteFactory, fields: dict[str, object]
) -> None:
    site.create({"long.yaml": brief_yaml(**fields)})
    for actions in (False, True):
        result = site.briefs("check", actions=actions)
        assert result.returncode == 1
        lines = (result.stdout + result.stderr).splitlines()
        assert any("long.yaml" in line for line in lines)
        assert max(len(line) for line in lines) < MAX_MESSAGE + 300, max(map(len, lines))
        assert "characters" in result.stdout + result.stderr


def test_a_400_kb_registry_name_is_quoted_as_a_short_excerpt(site: SiteFactory) -> None:
    long_name = "A" * HUGE
    site.create(
        {
            "a.yaml": brief_yaml(),
            "_data/entities.yaml": f"{long_name}: {{kind: carmaker}}\n",
        }
    )
    result = site.briefs("check")
    assert result.returncode == 1
    lines = (result.stdout + result.stderr).splitlines()
    assert max(len(line) for line in lines) < MAX_MESSAGE + 300
