"""`briefs check`: its formats (text, github, json), PATH selection, warnings and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.source.loader import parse_brief_text
from support import SiteFactory, brief_yaml

JSON_FIELDS = ["file", "line", "column", "field", "severity", "message"]


def test_json_lists_every_problem_with_its_stable_fields(site: SiteFactory) -> None:
    site.create(
        {
            "a.yaml": "title: A\ntitle: B\n",
            "b.yaml": brief_yaml(story="ford-china"),
            "c.yaml": brief_yaml(story="ford-china"),
            "d.yaml": brief_yaml(story="ford-chian"),
        }
    )
    result = site.briefs("check", "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert all(list(problem) == JSON_FIELDS for problem in problems)
    assert {
        "file": "briefs/a.yaml",
        "line": 2,
        "column": 1,
        "field": "title",
        "severity": "error",
        "message": "duplicate field; already set on line 1 (remove one)",
    } in problems
    typo = next(p for p in problems if p["file"] == "briefs/d.yaml")
    assert typo["severity"] == "warning" and typo["field"] == "story"
    assert "did you mean 'ford-china'?" in typo["message"]
    assert "briefs/a.yaml:2:1" not in result.stderr  # stdout has the report; stderr the count


def test_json_of_a_clean_site_is_an_empty_list_and_exit_0(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()})
    result = site.briefs("check", "--format", "json")
    assert result.returncode == 0 and json.loads(result.stdout) == []
    assert "1 brief OK" in result.stderr


def test_github_format_annotates_warnings_as_warnings_unless_strict(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml(date="2099-01-05")})
    result = site.briefs("check", "--format", "github")
    assert result.returncode == 0
    assert result.stdout.startswith("::warning file=briefs/a.yaml,line=2,col=7::date: 2099-01-05 ")
    strict = site.briefs("check", "--format", "github", "--strict")
    assert strict.returncode == 1
    assert strict.stdout.startswith("::error file=briefs/a.yaml,line=2,col=7::date: ")


def test_a_date_more_than_a_year_ahead_is_a_warning(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml(date="2099-01-05"), "b.yaml": brief_yaml()})
    result = site.briefs("check")
    assert result.returncode == 0 and "2 briefs OK (1 warning)" in result.stdout
    assert (
        "briefs/a.yaml:2:7: warning: date: 2099-01-05 is more than a year from now; "
        "check the year (a brief goes live on its date)"
    ) in result.stderr.splitlines()
    assert site.briefs("check", "--strict").returncode == 1


@pytest.mark.parametrize(
    ("publish_at", "expected"),
    [
        (
            "2026-01-01T09:00:00Z",
            "briefs/a.yaml:7:13: warning: publish_at: is before the brief's date "
            "(2026-01-05): it would go live showing a date still to come",
        ),
        (
            "2062-01-05T09:00:00Z",
            "briefs/a.yaml:7:13: warning: publish_at: 2062-01-05T09:00:00+00:00 is more than a "
            "year from now; check the year (the brief goes live then)",
        ),
    ],
)
def test_a_go_live_time_before_the_date_or_years_ahead_is_a_warning(
    site: SiteFactory, publish_at: str, expected: str
) -> None:
    site.create({"a.yaml": brief_yaml(publish_at=publish_at), "b.yaml": brief_yaml()})
    result = site.briefs("check", "--now", "2026-01-10T00:00:00Z")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [expected]


def test_updated_before_date_is_an_error(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml(updated="2026-01-01")})
    result = site.briefs("check")
    assert result.returncode == 1
    assert "briefs/a.yaml:7:10: updated: is before the brief's date (2026-01-05)" in result.stderr


@pytest.mark.parametrize(
    "contradiction",
    [
        {"updated": "2026-01-01"},
        {"status": "withdrawn"},
        {"corrections": [{"date": "2025-12-01", "text": "A figure was wrong."}]},
    ],
)
def test_fields_that_contradict_each_other_hide_no_other_problem(
    site: SiteFactory, contradiction: dict[str, object]
) -> None:
    """Every problem at once: a brief whose fields disagree (updated before date, withdrawn
    with no notice, a correction before the brief) still has its links, terms and date
    checked in the same run, so its author does not fix one round only to meet the next."""
    site.create(
        {
            "a.yaml": brief_yaml(
                date="2099-01-05",
                related=["ford-talk"],
                tags=["Electric Vehicles"],
                **contradiction,
            ),
            "ford-talks.yaml": brief_yaml(tags=["electric vehicles"]),
        }
    )
    result = site.briefs("check", "--format", "json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    fields = {p["field"] for p in problems if p["file"] == "briefs/a.yaml"}
    assert {"date", "related[0]"} <= fields, result.stdout
    if contradiction.get("status") != "withdrawn":  # a withdrawn brief is on no tag page
        assert any("would share one page" in p["message"] for p in problems), result.stdout
    assert fields & {"updated", "status", "corrections[0].date"}, result.stdout


def test_paths_report_only_their_own_problems(site: SiteFactory) -> None:
    site.create(
        {
            "2026/01/good.yaml": brief_yaml(related=["other"]),
            "2026/01/other.yaml": brief_yaml(),
            "2026/02/bad.yaml": brief_yaml(date="yesterday"),
        }
    )
    only_good = site.briefs("check", "briefs/2026/01/good.yaml")
    assert only_good.returncode == 0, only_good.stderr
    assert "1 brief OK" in only_good.stdout and "bad.yaml" not in only_good.stderr
    january = site.briefs("check", "briefs/2026/01")
    assert january.returncode == 0 and "2 briefs OK" in january.stdout
    february = site.briefs("check", "briefs/2026/02/")
    assert february.returncode == 1
    assert "briefs/2026/02/bad.yaml:2:7: date: 'yesterday' is not an ISO date" in february.stderr


def test_a_path_still_sees_the_other_briefs(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml(related=["b"]), "b.yaml": brief_yaml()})
    assert site.briefs("check", "briefs/a.yaml").returncode == 0  # 'b' exists, though unasked
    (site.root / "briefs" / "b.yaml").unlink()
    result = site.briefs("check", "briefs/a.yaml")
    assert result.returncode == 1 and "related[0]: no brief has the slug 'b'" in result.stderr


def test_a_brief_outside_the_briefs_folder_is_checked_on_its_own(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()})
    (site.root / "incoming").mkdir()
    (site.root / "incoming" / "x.yaml").write_text(brief_yaml(key_ponts=["x"]), "utf-8")
    (site.root / "incoming" / "y.yaml").write_text(brief_yaml(), "utf-8")
    result = site.briefs("check", "incoming")
    assert result.returncode == 1
    assert "incoming/x.yaml:7:1: key_ponts: unknown field; did you mean 'key_points'?" in (
        result.stderr
    )
    assert "y.yaml" not in result.stderr
    assert site.briefs("check", "incoming/y.yaml").returncode == 0


@pytest.mark.parametrize(
    "args",
    [("check", "missing.yaml"), ("check", "--format", "xml"), ("check", "--strict=yes")],
)
def test_usage_errors_exit_2_in_one_line(site: SiteFactory, args: tuple[str, ...]) -> None:
    site.create({"a.yaml": brief_yaml()})
    result = site.briefs(*args)
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("briefs: ") and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: A\n  date: 2026-01-01\n",
            "b.yaml:2:3: YAML syntax: check the indentation of line 2: it is deeper than the key above (line 1)",
        ),
        (
            "risks:\n  - title: x\n   text: y\n",
            "b.yaml:3:4: YAML syntax: check the indentation of line 3: it is shallower than the key above (line 2)",
        ),
        (
            "notes:\n  - title: a\n    text: b\n  kind: note\n",
            "b.yaml:4:3: YAML syntax: check the indentation of line 4: it is shallower than the key above (line 3)",
        ),
        (
            "a:\n  b: 1\n\n  # a comment\n c: 2\n",
            "b.yaml:5:2: YAML syntax: check the indentation of line 5: it is shallower than the key above (line 2)",
        ),
    ],
)
def test_indentation_errors_say_which_line_and_which_way(text: str, expected: str) -> None:
    _, problems = parse_brief_text(Path("b.yaml"), text)
    assert [p.format().rsplit(" (", 1)[0] for p in problems] == [expected]


def test_a_colon_in_a_value_is_still_a_quoting_hint_not_an_indentation_one() -> None:
    for text in ("title: Ford: the return\n", "summary:\n  Ford: the return: x\n"):
        _, problems = parse_brief_text(Path("b.yaml"), text)
        assert "must be in quotes" in problems[0].message, text
        assert "indentation" not in problems[0].message
