"""Stage 2: the model. Every bad field gives `path:line:col: field: message`."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from generator.build.pipeline import check, generate
from generator.settings import Settings
from generator.source.loader import parse_brief_text
from generator.source.model import EARLIEST_YEAR, LATEST_YEAR, Brief, check_briefs, parse_brief
from generator.source.slugs import slugify
from support import SiteFactory, brief_yaml


def validate(text: str, name: str = "b.yaml") -> tuple[Brief | None, list[str]]:
    raw, problems = parse_brief_text(Path(name), text)
    assert raw is not None, problems
    brief, brief_problems = parse_brief(raw)
    return brief, [p.format() for p in problems + brief_problems]


def test_minimal_brief_is_valid_and_slug_comes_from_file_name() -> None:
    brief, problems = validate(brief_yaml(), "acme-earnings.yaml")
    assert problems == []
    assert brief is not None and brief.slug == "acme-earnings"
    assert brief.date == date(2026, 1, 5)


def test_unknown_field_suggests_the_known_one() -> None:
    text = "title: A\ndate: 2026-01-05\ncategory: C\nsummary: s\nkey_ponts: [a]\n"
    _, problems = validate(text)
    assert "b.yaml:5:1: key_ponts: unknown field; did you mean 'key_points'?" in problems
    assert "b.yaml:1:1: key_points: required field is missing" in problems


def test_unknown_nested_field_suggests_within_its_own_mapping() -> None:
    _, problems = validate(brief_yaml(risks=[{"title": "R", "txt": "t"}]))
    assert any("risks[0].txt: unknown field; did you mean 'text'?" in p for p in problems)


def test_every_missing_required_field_is_reported_at_once() -> None:
    _, problems = validate("dek: only a dek\n")
    fields = sorted(p.split(": ")[1] for p in problems)
    assert fields == ["category", "date", "key_points", "summary", "title"]


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"date": "2026-02-30"}, "date: '2026-02-30' is not a real calendar date"),
        (
            {"date": "31/01/2026"},
            "date: '31/01/2026' is not an ISO date: write YYYY-MM-DD (2026-01-31)",
        ),
        (
            {"date": "2026-1-5"},
            "date: '2026-1-5' is not an ISO date: write YYYY-MM-DD (2026-01-31), or a time with its UTC offset (2026-01-31T09:30:00-05:00); did you mean 2026-01-05?",
        ),
        ({"date": "2026-W05-6"}, "date: '2026-W05-6' is not an ISO date"),
        ({"tickers": [True]}, "tickers[0]: YAML read this ticker as true/false; put it in quotes"),
        ({"tickers": ["A" * 20]}, "is 20 characters long; a ticker has at most 12"),
        (
            {"slug": "index"},
            "slug: 'index' is reserved: briefs/index.md would be published as the /briefs/ folder page",
        ),
        ({"title": "T" * 301}, "title: is 301 characters long; a headline has at most 300"),
        (
            {"entities": ["A"], "risks": [{"title": "R", "text": "t", "tags": ["x"]}]},
            "risks[0].tags: unknown field here; 'tags' is a top-level field: check its indentation",
        ),
        ({"date": 20260131}, "date: expected a date like 2026-01-31, found the number 20260131"),
        ({"date": "2026-01-31T09:30:00"}, "has a time but no UTC offset"),
        ({"key_points": []}, "key_points: needs at least one item"),
        ({"title": ""}, "title: must not be empty"),
        ({"title": 42}, "title: expected text, found the number 42"),
        ({"tags": "electric vehicles"}, "tags: expected a list"),
        ({"tags": ["AI", "AI"]}, "tags: 'AI' is listed twice"),
        (
            {"tickers": ["f"]},
            "tickers[0]: 'f' is not a ticker symbol: capital letters, digits, '.' or '-'; did you mean 'F'?",
        ),
        (
            {"slug": "Ford Xiaomi"},
            "slug: 'Ford Xiaomi' is not a valid slug: use lowercase letters, digits and single hyphens; did you mean 'ford-xiaomi'?",
        ),
        ({"story": "ford--china"}, "story: 'ford--china' is not a valid slug"),
        ({"story": "con"}, "story: 'con' is a reserved file name on Windows; choose another slug"),
        ({"draft": "yes"}, "draft: expected true or false, found the text 'yes'"),
        (
            {"notes": [{"title": "T", "text": "x", "kind": "danger"}]},
            "notes[0].kind: expected one of 'note', 'info', 'tip' or 'warning'",
        ),
        (
            {"sources": [{"title": "T", "url": "javascript:alert(1)"}]},
            "sources[0].url: 'javascript:alert(1)' is not a web address",
        ),
        ({"updated": "2026-01-01"}, "updated: is before the brief's date (2026-01-05)"),
        ({"risks": "none"}, "risks: expected a list"),
        ({"quotes": [{"text": "q"}]}, "quotes[0].by: required field is missing"),
    ],
)
def test_bad_field_gives_field_and_message(override: dict[str, object], expected: str) -> None:
    brief, problems = validate(brief_yaml(**override))
    # Fields that contradict each other leave the brief, for the checks between briefs.
    assert brief is None or "updated" in override
    assert any(expected in p for p in problems), problems


def test_problem_points_at_the_bad_list_item() -> None:
    text = "title: A\ndate: 2026-01-05\ncategory: C\nsummary: s\nkey_points: [a]\ntickers:\n  - F\n  - gm\n"
    _, problems = validate(text)
    assert problems[0].startswith("b.yaml:8:5: tickers[1]: 'gm'")


def test_empty_value_of_a_required_field_says_it_has_no_value() -> None:
    _, problems = validate("title:\ndate: 2026-01-05\ncategory: C\nsummary: s\nkey_points: [a]\n")
    assert problems == ["b.yaml:1:7: title: has no value; expected text"]


def test_date_only_update_on_the_same_day_as_a_timed_brief_is_fine() -> None:
    brief, problems = validate(brief_yaml(date="2026-03-05T10:00:00Z", updated="2026-03-05"))
    assert problems == [] and brief is not None


def test_byline_accepts_one_name_or_a_list() -> None:
    one, _ = validate(brief_yaml(byline="Caleb Monroe"))
    many, _ = validate(brief_yaml(byline=["A B", "C D"]))
    assert one is not None and one.byline == ["Caleb Monroe"]
    assert many is not None and many.byline == ["A B", "C D"]


def test_numeric_ticker_keeps_its_leading_zero() -> None:
    brief, problems = validate(
        "title: A\ndate: 2026-01-05\ncategory: C\nsummary: s\nkey_points: [a]\ntickers: [0700, 0005]\n"
    )
    assert problems == [] and brief is not None and brief.tickers == ["0700", "0005"]


def test_compact_date_gets_the_expected_form_not_a_time_zone_hint() -> None:
    _, problems = validate(brief_yaml(date="20260105"))
    assert problems == [
        "b.yaml:2:7: date: '20260105' is not an ISO date: write YYYY-MM-DD (2026-01-31), or a time with its UTC offset (2026-01-31T09:30:00-05:00)"
    ]


def test_numeric_ticker_is_kept_as_a_symbol() -> None:
    brief, problems = validate(
        "title: A\ndate: 2026-01-05\ncategory: C\nsummary: s\nkey_points: [a]\ntickers: [7203, ON]\n"
    )
    assert problems == [] and brief is not None and brief.tickers == ["7203", "ON"]


def test_datetime_with_offset_is_kept_with_its_offset() -> None:
    brief, problems = validate(brief_yaml(date="2026-01-31T09:30:00-05:00"))
    assert problems == []
    assert brief is not None and isinstance(brief.date, datetime)
    assert brief is not None and brief.date.utcoffset() == timedelta(hours=-5)


def test_text_is_normalised_and_invisible_paste_characters_dropped() -> None:
    brief, problems = validate(brief_yaml(title="  Cafe\u0301 \ufeffnews\u2028  "))
    assert problems == [] and brief is not None and brief.title == "Café news"


def test_control_characters_are_refused_not_dropped() -> None:
    _, problems = validate(brief_yaml(title="Cafe \x07news"))
    assert problems == [
        "b.yaml:1:8: title: character U+0007 (a control character) is not allowed; remove it"
    ]


def test_file_name_that_cannot_make_a_slug_asks_for_one() -> None:
    _, problems = validate(brief_yaml(), "!!!.yaml")
    assert problems == [
        "!!!.yaml:1:1: the file name '!!!.yaml' makes no usable slug (no letters or digits); add a 'slug:' field"
    ]


def _briefs(*specs: tuple[str, str]) -> list[tuple[Brief, object]]:
    out = []
    for name, text in specs:
        raw, _ = parse_brief_text(Path(name), text)
        assert raw is not None
        brief, problems = parse_brief(raw)
        assert brief is not None, problems
        out.append((brief, raw))
    return out


def test_duplicate_slug_names_both_files() -> None:
    pairs = _briefs(("a/x.yaml", brief_yaml()), ("b/y.yaml", brief_yaml(slug="x")))
    problems = [p.format() for p in check_briefs(pairs)]  # type: ignore[arg-type]
    assert problems == [
        "b/y.yaml:7:7: slug: 'x' is also used by a/x.yaml; rename one file or set a different 'slug:'"
    ]


def test_related_slug_that_does_not_exist_suggests_a_close_one() -> None:
    pairs = _briefs(
        ("acme-earnings.yaml", brief_yaml()), ("other.yaml", brief_yaml(related=["acme-earning"]))
    )
    problems = [p.format() for p in check_briefs(pairs)]  # type: ignore[arg-type]
    assert problems == [
        "other.yaml:8:3: related[0]: no brief has the slug 'acme-earning'; did you mean 'acme-earnings'?"
    ]


def test_related_to_itself_is_an_error() -> None:
    pairs = _briefs(("self.yaml", brief_yaml(related=["self"])))
    assert "cannot be related to itself" in check_briefs(pairs)[0].message  # type: ignore[arg-type]


def test_slugify() -> None:
    assert slugify("Stock Markets") == "stock-markets"
    assert slugify("Énergie & Matières") == "energie-matieres"
    assert slugify("..//") == ""


@pytest.mark.parametrize("story", ["index", "readme"])
def test_a_story_may_be_called_what_a_brief_file_may_not(story: str) -> None:
    """A story's page is stories/<id>/, never a file beside the briefs' pages."""
    brief, problems = validate(brief_yaml(story=story))
    assert problems == [] and brief is not None and brief.story == story


# ---------------------------------------------------------------------------------------------
# Dates the outputs can show: every date a brief holds is within the years newsbriefs
# publishes (generator/source/model.py, ``EARLIEST_YEAR`` to ``LATEST_YEAR``), so no template
# ever sees a date it cannot shift to UTC, to the site's zone or by "Most covered" days.


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
