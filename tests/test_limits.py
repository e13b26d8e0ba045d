"""Limits on what one input can cost: options with upper bounds, messages that quote a
short excerpt of a value, pages one brief can create, terms a site can have, a risks page
of bounded size, and registry checks that stay linear."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from generator import suggest
from generator.build.pipeline import check, generate
from generator.errors import MAX_MESSAGE
from generator.graph import risks, term_checks
from generator.graph.term_checks import MAX_TERMS_PER_BRIEF
from generator.settings import Settings, SettingsError
from generator.source import registry
from support import SiteFactory, brief_yaml

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


# ---------------------------------------------------------------------------------------------
# Pages one brief can make, terms a site can have, and the risks page.


def _write(root: Path, briefs: dict[str, str]) -> Settings:
    for name, text in briefs.items():
        (root / "briefs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "briefs" / name).write_text(text, "utf-8")
    return Settings(root=root)


def _risks(sectors: list[list[str]]) -> list[dict[str, object]]:
    return [
        {"title": f"Risk {n}", "text": "Costs rise.", "sectors": names}
        for n, names in enumerate(sectors)
    ]


def test_fifty_risks_of_fifty_other_sectors_are_one_error_not_2500_pages(tmp_path: Path) -> None:
    grid = [[f"s{risk * 50 + n}" for n in range(50)] for risk in range(50)]
    settings = _write(tmp_path, {"wide.yaml": brief_yaml(risks=_risks(grid))})
    index, problems = check(settings)
    assert index is None
    (error,) = [p.format() for p in problems if p.severity == "error"]
    assert "wide.yaml:" in error
    assert error.endswith(
        ": risks[1].sectors[0]: 's50' would be this brief's 51st sector; "
        f"a brief names at most {MAX_TERMS_PER_BRIEF} sectors (each is a page)"
    )


def test_fifty_risks_that_share_fifty_sectors_are_fine(tmp_path: Path) -> None:
    shared = [f"s{n}" for n in range(50)]
    settings = _write(tmp_path, {"deep.yaml": brief_yaml(risks=_risks([shared] * 50))})
    files = generate(settings).files
    assert len([path for path in files if path.startswith("sectors/")]) == 51  # and the index


def _widest_brief(title: str) -> str:
    """A brief that names as many terms as a brief can: each list at its 50 items."""
    return brief_yaml(
        title=title,
        tickers=[f"T{n}" for n in range(50)],
        entities=[f"Entity {n}" for n in range(50)],
        tags=[f"tag {n}" for n in range(50)],
        byline=[f"Author {n}" for n in range(50)],
        risks=_risks([[f"sector {n}" for n in range(50)]]),
        story="wide-story",
        category="Wide",
        date="2025-12-31",
    )


def test_one_brief_makes_at_most_255_pages(tmp_path: Path) -> None:
    """The cap MAX_TERMS_PER_BRIEF's docstring states: its page and one per new term, at
    most 50 of each taxonomy, in a year and a month no other brief has."""
    settings = _write(tmp_path, {"a.yaml": brief_yaml()})
    before = {path for path in generate(settings).files if path.endswith(".md")}
    (tmp_path / "briefs" / "wide.yaml").write_text(_widest_brief("Wide"), "utf-8")
    after = {path for path in generate(settings).files if path.endswith(".md")}
    added = after - before - {"risks/index.md"}  # the site's first risk: made once per site
    assert len(added) == 255


def test_a_site_past_its_term_cap_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(term_checks, "MAX_TERMS_PER_TAXONOMY", 10)
    briefs = {
        f"b{day}.yaml": brief_yaml(
            title=f"Brief {day}", date=f"2026-01-{day:02d}", tags=[f"tag {day}a", f"tag {day}b"]
        )
        for day in range(1, 7)
    }
    settings = _write(tmp_path, briefs)
    index, problems = check(settings)
    assert index is None
    (error,) = [p.format() for p in problems if p.severity == "error"]
    assert "b6.yaml:" in error  # the newest brief names the terms past the cap
    assert ": tags[0]: 'tag 6a' would be the site's 11th tag: the briefs name 12 tags" in error
    assert "a site has at most 10 (each is a page); merge or remove the rarest" in error


def test_the_risks_page_is_bounded_however_many_sectors_the_briefs_name(
    tmp_path: Path,
) -> None:
    """Ten briefs, each with 50 risks over 50 sectors of its own: 500 sectors. The risks page
    shows the MAX_SECTORS most named, PER_SECTOR risks each, and links the sectors' index."""
    briefs = {
        f"b{n}.yaml": brief_yaml(
            title=f"Brief {n}",
            risks=_risks([[f"s{n}-{k}" for k in range(50)]] * 50),
        )
        for n in range(10)
    }
    files = generate(_write(tmp_path, briefs)).files
    page = str(files["risks/index.md"])
    assert len(page) < 300_000
    assert page.count('<h2 class="nb-risk-sector">') == risks.MAX_SECTORS
    assert page.count("<li><strong>") == risks.MAX_SECTORS * risks.PER_SECTOR
    assert (
        f"The {risks.MAX_SECTORS} sectors most risks name; 460 others are named less often" in page
    )
    assert "[every sector](../sectors/index.md)" in page
    assert len([path for path in files if path.startswith("sectors/")]) == 501


# ---------------------------------------------------------------------------------------------
# Registry suggestions: one index, as for briefs.


def test_unknown_entities_among_thousands_get_suggestions_from_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Thousands of entities sharing a few words, tickers naming ones that do not exist:
    each gets its warning and the closest entity, and difflib never scans the list whole
    (it is only given the index's few candidates)."""
    words = ["North", "Global", "Energy", "Motors", "Bank", "Capital"]
    entities = [f"{words[n % 6]} {words[n // 6 % 6]} {n}" for n in range(3_000)] + ["Ford Motor"]
    data = tmp_path / "briefs" / "_data"
    data.mkdir(parents=True)
    (data / "entities.yaml").write_text(
        "".join(f"{name}: {{kind: company}}\n" for name in entities), "utf-8"
    )
    (data / "tickers.yaml").write_text(
        "F: {name: Ford, exchange: NYSE, entity: Ford Motr}\n"
        + "".join(
            f"X{n}: {{name: X, exchange: NYSE, entity: Unknown Energy {n}}}\n" for n in range(300)
        ),
        "utf-8",
    )
    compared: list[int] = []
    original = suggest._best_match

    def counted(word: str, names: Iterable[str], cutoff: float) -> str | None:
        names = list(names)
        compared.append(len(names))
        return original(word, names, cutoff)

    monkeypatch.setattr(suggest, "_best_match", counted)
    _, problems = registry.load_registry(tmp_path / "briefs")
    warnings = [p.format() for p in problems]
    assert len(warnings) == 301
    assert any(
        "F.entity: 'Ford Motr' is not in entities.yaml; did you mean 'Ford Motor'?" in w
        for w in warnings
    )
    assert max(compared) <= suggest.NameIndex.LIMIT
