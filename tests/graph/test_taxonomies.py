"""The taxonomy registry (generator/graph/taxonomies.py): a new taxonomy is one entry and one
template. An "impact" taxonomy read from ``risks[].sectors`` (the site's own sector taxonomy,
redone under another name) is added here, in the tests only, to prove it: its pages, its nav
section and a spelling clash positioned at the nested value.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from generator.build.nav import default_nav
from generator.build.pipeline import check, generate
from generator.errors import BriefsError, Position
from generator.graph import urls
from generator.graph.index import build_index
from generator.graph.taxonomies import TAXONOMIES, Search, Taxonomy, at, primary
from generator.publish.search import records
from generator.settings import Settings
from generator.source.loader import parse_brief_text
from generator.source.model import Brief, parse_brief
from support import REPO, brief_yaml

# --- The whole of adding a taxonomy: this entry ... -------------------------------------------
SECTOR = Taxonomy(
    "impact", "Impacts", at("risks[].sectors[]"), folder="impacts", term_template="impact.md.j2"
)
# --- ... and this template (the index page uses the built-in terms.md.j2). ------------------
SECTOR_TEMPLATE = """\
{{ front_matter(title=term.name, description="Risks to " ~ term.name) }}

# Risks to {{ term.name }}

{% for brief in briefs %}
{% include "_brief_entry.md.j2" %}
{% endfor %}
"""


@pytest.fixture
def with_sectors(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Settings:
    monkeypatch.setitem(TAXONOMIES, SECTOR.name, SECTOR)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "impact.md.j2").write_text(SECTOR_TEMPLATE, "utf-8")
    return Settings(root=tmp_path, templates_dir="templates")


def _write(root: Path, briefs: dict[str, str]) -> None:
    (root / "briefs").mkdir(exist_ok=True)
    for name, text in briefs.items():
        (root / "briefs" / name).write_text(text, "utf-8")


def _risks(*sectors: list[str]) -> list[dict[str, object]]:
    return [{"title": f"Risk {i}", "text": "t", "sectors": s} for i, s in enumerate(sectors)]


def test_a_new_taxonomy_gets_pages_and_a_nav_section(with_sectors: Settings) -> None:
    _write(
        with_sectors.root,
        {
            "a.yaml": brief_yaml(risks=_risks(["Autos", "Banks"], ["Autos"])),
            "b.yaml": brief_yaml(date="2026-01-06", risks=_risks(["Øl & Brød"])),
        },
    )
    generated = generate(with_sectors)
    files = generated.files
    assert {p for p in files if p.startswith("impacts/")} == {
        "impacts/index.md",
        "impacts/autos/index.md",
        "impacts/banks/index.md",
        "impacts/ol-brod/index.md",
    }
    autos = files["impacts/autos/index.md"]
    assert "# Risks to Autos" in autos
    assert autos.count('"../../briefs/a/"') == 1  # named in two risks, listed once
    assert "# Impacts" in files["impacts/index.md"]
    assert 'href="ol-brod/">Øl &amp; Brød</a> · 1 brief' in files["impacts/index.md"]
    # The category pages are untouched by the new entry.
    assert "categories/stock-markets/index.md" in files and "categories/index.md" in files
    nav = default_nav(generated, with_sectors)
    assert nav[1] == {
        "Categories": [
            "categories/index.md",
            {"Stock Markets": "categories/stock-markets/index.md"},
        ]
    }
    assert nav[len(TAXONOMIES)] == {  # the new entry comes last
        "Impacts": [
            "impacts/index.md",
            {"Autos": "impacts/autos/index.md"},
            {"Banks": "impacts/banks/index.md"},
            {"Øl &amp; Brød": "impacts/ol-brod/index.md"},
        ]
    }
    assert nav[2] == {"Tickers": ["tickers/index.md"]}  # big taxonomies: only their index


def test_a_spelling_clash_in_a_nested_term_points_at_the_exact_value(
    with_sectors: Settings,
) -> None:
    _write(
        with_sectors.root,
        {
            "a.yaml": brief_yaml(risks=_risks(["Autos"])),
            "b.yaml": brief_yaml(risks=_risks(["Autos"])),
            "c.yaml": brief_yaml(risks=_risks(["Banks"], ["autos", "Banks "])),
        },
    )
    index, problems = check(with_sectors)
    assert index is None
    text = (with_sectors.root / "briefs" / "c.yaml").read_text("utf-8")
    assert _position_of_line(text, "- autos") == Position(15, 5)
    assert [p.format() for p in problems] == [  # the site's sectors, and the test's impacts
        f"{with_sectors.root / 'briefs' / 'c.yaml'}:15:5: risks[1].sectors[0]: 'autos' and "
        f"'Autos' (used by 2 brief(s)) would share one page; spell the {name} the same way"
        for name in ("sector", "impact")
    ]
    with pytest.raises(BriefsError):
        generate(with_sectors)


def _position_of_line(text: str, line_start: str) -> Position:
    """Where the value of the line that starts (after indentation) with ``line_start`` is."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(line_start):
            return Position(number, len(line) - len(line.lstrip()) + 3)
    raise AssertionError(line_start)


def _brief(text: str) -> Brief:
    raw, _ = parse_brief_text(Path("b.yaml"), text)
    assert raw is not None
    brief, problems = parse_brief(raw)
    assert brief is not None, problems
    return brief


def test_a_brief_keeps_the_positions_of_nested_values() -> None:
    text = brief_yaml(risks=_risks(["Autos"], ["Banks", "Chips"]))
    brief = _brief(text)
    assert brief.position_of(("risks", 1, "sectors", 1)) == _position_of_line(text, "- Chips")
    assert brief.position_of(("title",)).line == 1
    # A path that is not in the file falls back to the closest enclosing value.
    assert brief.position_of(("risks", 1, "sectors", 9)) == brief.position_of(
        ("risks", 1, "sectors")
    )


def test_term_readers_give_each_value_with_its_key_path() -> None:
    brief = _brief(brief_yaml(risks=_risks(["Autos"], [], ["Banks"]), tags=["a", "b"]))
    assert at("risks[].sectors[]")(brief) == [
        (("risks", 0, "sectors", 0), "Autos"),
        (("risks", 2, "sectors", 0), "Banks"),
    ]
    assert at("tags[]")(brief) == [(("tags", 0), "a"), (("tags", 1), "b")]
    assert at("category")(brief) == [(("category",), "Stock Markets")]
    assert at("dek")(brief) == []  # unset


def test_terms_of_and_more_from_are_generic() -> None:
    briefs = [
        _brief(brief_yaml(date=f"2026-01-{day:02d}", slug=f"b{day}")) for day in range(10, 14)
    ]
    index, problems = build_index(briefs)
    assert problems == []
    newest = index.briefs[0]
    (term,) = index.terms_of(newest, primary().name)
    assert term.name == "Stock Markets" and len(term.briefs) == 4
    assert [b.slug for b in index.more_from(newest, 2)] == ["b12", "b11"]


CONTRACT_KEYS = {
    "publish/api.py": {"sector"},  # a field of api/tickers.json, a published contract
    "publish/head.py": {"author"},  # schema.org NewsArticle's field
    "publish/ninjs.py": {"category", "tag", "sector", "story"},  # subjects' rel in ninjs items
    "render/pages.py": {"archive"},  # a front_page value and the home page's context key
    "graph/index.py": {"story"},  # the brief's own field, where a story problem points
}
"""Words that are taxonomy names but are keys of a format or a field of the brief."""


def test_only_the_table_names_a_taxonomy() -> None:
    """Outside the table (and the brief model and registries, which define the fields the
    table reads), no module and no shared template writes a taxonomy's name or registry file
    by hand: related scoring, chips, bylines, mentions, search, the API, the memo read the
    parts a taxonomy plays from its entry. (Folder names are not looked for: they are the
    brief's own field names too, ``tickers``, ``tags``.)"""
    root = REPO
    names = {t.name for t in TAXONOMIES.values()}
    names |= {t.registry for t in TAXONOMIES.values() if t.registry}
    quoted = re.compile(r"""["']([a-z.]+)["']""")
    files = [
        path
        for path in sorted((root / "generator").rglob("*.py"))
        if path.parent.name not in {"source", "authoring"} and path.name != "taxonomies.py"
    ]
    files += [root / "theme" / "templates" / name for name in SHARED_TEMPLATES]
    for path in files:
        module = path.relative_to(path.parents[1]).as_posix()
        allowed = CONTRACT_KEYS.get(module, set())
        found = set(quoted.findall(path.read_text("utf-8"))) & names
        assert found <= allowed, f"{module} names {sorted(found - allowed)}"


SHARED_TEMPLATES = ("home.md.j2", "_brief_entry.md.j2", "_macros.md.j2", "term.md.j2")
"""Templates of no one taxonomy (a taxonomy's own, ticker.md.j2, may name its neighbours)."""


def test_chips_are_the_terms_of_the_taxonomies_the_table_gives_a_chip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(TAXONOMIES, "entity", replace(TAXONOMIES["entity"], chip="Company"))
    _write(tmp_path, {"a.yaml": brief_yaml(tickers=["F"], entities=["Ford"], tags=["autos"])})
    files = generate(Settings(root=tmp_path)).files
    entity_chip = '<span class="nb-sr">Company </span>Ford</a></span>'
    ticker_chip = '<span class="nb-sr">Ticker </span>F</a></span>'
    byline = next(line for line in files["briefs/a.md"].splitlines() if "nb-byline__time" in line)
    assert ticker_chip in byline and entity_chip in byline
    entry = files["tags/autos/index.md"]  # a listing entry
    assert ticker_chip in entry and entity_chip in entry
    # On the entity's own page its chip is not a link to itself.
    assert '<span class="nb-entity">Ford</span>' in files["entities/ford/index.md"]


def test_search_labels_filters_and_the_api_list_come_from_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tag = replace(TAXONOMIES["tag"], search=Search("Theme", 0, filter="Theme"), api_field="tags[]")
    monkeypatch.setitem(TAXONOMIES, "tag", tag)
    _write(tmp_path, {"a.yaml": brief_yaml(tickers=["F"], tags=["EVs", "Autos"])})
    generated = generate(Settings(root=tmp_path))
    made = records(generated.index, Settings(root=tmp_path))
    brief, first_term = made[0], made[1]
    assert brief.filters == {
        "Theme": ["EVs", "Autos"],
        "Ticker": ["F"],
        "Category": ["Stock Markets"],
        "Year": ["2026"],  # not a taxonomy's: the brief's date (publish/search.py)
        "Type": ["News"],  # nor this: the brief's article type, news by default
    }
    assert first_term.meta == {"title": "Autos", "type": "Theme"}  # order 0: first
    assert first_term.filters == {"Theme": ["Autos"]}
    listed = json.loads(generated.files["api/briefs.json"])["briefs"][0]
    assert listed["tags"] == ["EVs", "Autos"] and listed["tickers"] == ["F"]
    schema = json.loads(generated.files["api/schema/briefs.json"])
    assert "tags" in schema["properties"]["briefs"]["items"]["required"]


def test_the_registry_is_consistent() -> None:
    """Exactly one primary taxonomy; each has a folder of its own, apart from the briefs'."""
    assert primary() in TAXONOMIES.values()
    folders = [taxonomy.folder for taxonomy in TAXONOMIES.values()]
    assert len(set(folders)) == len(folders) and urls.BRIEFS_DIR not in folders
    assert all(name == taxonomy.name for name, taxonomy in TAXONOMIES.items())
