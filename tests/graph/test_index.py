"""The cross-linked news graph: registries in briefs/_data/ and a page for every ticker,
entity, tag, sector, author, story and month, each linked from its briefs and back.

Most tests run the pipeline in process (:func:`generate`); a few read real builds: a small
site through ``mkdocs build --strict``, the session's sample build, and one new brief built
with each engine.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from generator.build.nav import default_nav
from generator.build.pipeline import check, generate
from generator.graph import urls
from generator.graph.taxonomies import TAXONOMIES
from generator.settings import Settings
from support import REPO, SiteFactory, brief_yaml, briefs_settings
from support.reading import article_links

SEED = "briefs/ford-xiaomi-ev-talks"

TICKERS = """\
F:
  name: Ford Motor Company
  exchange: NYSE
  sector: automotive
  entity: Ford
NVDA: {name: NVIDIA Corporation, exchange: Nasdaq}
"""
ENTITIES = """\
Ford:
  kind: company
  description: Detroit carmaker.
  aliases: [Ford Motor, Ford Motor Company]
Jim Farley: {kind: person, description: Chief executive of Ford.}
"""


# ---------------------------------------------------------------------------------------------
# Every kind of page, in process.


@pytest.fixture(scope="module")
def sample() -> dict[str, str | bytes]:
    """The sample site's generated pages (its own registries included)."""
    return generate(Settings(root=REPO)).files


def _text(files: dict[str, str | bytes], path: str) -> str:
    content = files[path]
    assert isinstance(content, str)
    return content


def test_every_taxonomy_has_an_index_and_term_pages(sample: dict[str, str | bytes]) -> None:
    for page in [
        "tickers/index.md",
        "tickers/f/index.md",
        "entities/index.md",
        "entities/jim-farley/index.md",
        "tags/index.md",
        "tags/electric-vehicles/index.md",
        "sectors/index.md",
        "sectors/automotive/index.md",
        "authors/index.md",
        "authors/caleb-monroe/index.md",
        "stories/index.md",
        "stories/ford-china-partnerships/index.md",
        "archive/index.md",
        "archive/2026/index.md",
        "archive/2026/01/index.md",
        "archive/2026/02/index.md",
    ]:
        assert page in sample, page
    # Made only for terms with briefs: the registries list nothing the briefs do not use,
    # and a month with no brief has no page.
    assert "archive/2026/03/index.md" not in sample


def test_term_pages_show_what_the_registries_say(sample: dict[str, str | bytes]) -> None:
    ticker = _text(sample, "tickers/f/index.md")
    assert "# F · Ford Motor Company" in ticker
    assert (
        "Listed on NYSE · Sector: Automotive · Company: [Ford](../../entities/ford/index.md)"
        in ticker
    )
    # The tickers most often mentioned with F, with how many briefs name both.
    assert (
        'Often mentioned with: <span class="nb-ticker"><a href="../gm/">GM</a></span> (4)' in ticker
    )
    entity = _text(sample, "entities/jim-farley/index.md")
    assert "Person" in entity and "Chief executive of Ford." in entity
    author = _text(sample, "authors/caleb-monroe/index.md")
    assert "Autos correspondent" in author and "politics of electric vehicles" in author
    category = _text(sample, "categories/autos/index.md")
    assert "Carmakers, electric vehicles and the policy around them." in category
    story = _text(sample, "stories/ford-china-partnerships/index.md")
    assert "# Ford and Chinese Carmakers" in story  # stories.yaml's title, its description
    assert "Reports of Ford ventures with Chinese electric-vehicle makers" in story
    assert 'Story since <time datetime="2026-01-28">Jan 28, 2026</time>' in story  # 1st brief
    assert 'Story since <time datetime="2025-12-15">' in _text(
        sample, "stories/ford-ev-reset/index.md"
    )  # its registry's ``started``
    assert "# Briefs of January 2026" in _text(sample, "archive/2026/01/index.md")
    sector = _text(sample, "sectors/automotive/index.md")
    assert "# Automotive" in sector and "Carmakers and their suppliers" in sector


def test_listings_are_newest_first_and_indexes_count(sample: dict[str, str | bytes]) -> None:
    month = _text(sample, "archive/2026/01/index.md")
    dates = [line.split('datetime="')[1][:10] for line in month.splitlines() if "datetime=" in line]
    assert dates == sorted(dates, reverse=True) and len(dates) == 10
    tickers = _text(sample, "tickers/index.md")
    listed = re.findall(r'<p class="nb-term"><a href="[^"]+">([^<]+)</a>', tickers)
    assert len(listed) > 5 and listed == sorted(listed)
    assert '<p class="nb-term"><a href="f/">F</a> · Ford Motor Company · 6 briefs</p>' in tickers
    archive = _text(sample, "archive/index.md")
    assert (
        archive.index('<a href="2026/">2026</a>')
        < archive.index(">February 2026</a>")
        < archive.index(">January 2026</a>")
    )


def test_categories_follow_the_registry_order(sample: dict[str, str | bytes]) -> None:
    page = _text(sample, "categories/index.md")
    order = ["Stock Markets", "Economy", "Technology", "Autos", "Energy"]  # categories.yaml
    assert [page.index(f">{name}</a>") for name in order] == sorted(
        page.index(f">{n}</a>") for n in order
    )


def test_nav_lists_the_indexes_of_big_taxonomies_never_their_terms() -> None:
    generated = generate(Settings(root=REPO))
    nav = default_nav(generated, Settings(root=REPO))
    sections = {
        key: value for entry in nav if isinstance(entry, dict) for key, value in entry.items()
    }
    for taxonomy in TAXONOMIES.values():
        if taxonomy.nav == "index":
            assert sections[taxonomy.title] == [urls.taxonomy_index(taxonomy.name)]
    assert len(sections["Categories"]) == 6  # the index and five categories


def test_term_pages_paginate_like_categories(tmp_path: Path) -> None:
    briefs = {f"b{i}.yaml": brief_yaml(date=f"2026-01-0{i}", tickers=["F"]) for i in range(1, 4)}
    briefs_settings(tmp_path, {f"b{i}.yaml": text for i, (_, text) in enumerate(briefs.items(), 1)})
    settings = Settings(root=tmp_path, per_page=2)
    files = generate(settings).files
    first, oldest = _text(files, "tickers/f/index.md"), _text(files, "tickers/f/page/1.md")
    assert "3 briefs" in first and "[Older briefs →](page/1.md)" in first
    assert "briefs/b3/" in first and "briefs/b1/" not in first
    assert "briefs/b1/" in oldest and "briefs/b2/" in oldest and "briefs/b3/" not in oldest
    assert "tickers/f/page/2.md" not in files


# ---------------------------------------------------------------------------------------------
# Registries: errors, warnings, aliases.


def test_registry_errors_are_positioned_like_brief_errors(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {"a.yaml": brief_yaml()},
        {
            "tickers.yaml": "F:\n  name: Ford\n  exchnge: NYSE\nford: {name: x, exchange: y}\n",
            "entities.yaml": "Ford:\n  kind: carmaker\n",
            "authors.yaml": "Ana Ruiz:\n  bio: [a, b]\n",
        },
    )
    index, problems = check(settings)
    assert index is None
    data = tmp_path / "briefs" / "_data"
    assert sorted(p.format() for p in problems) == sorted(
        [
            f"{data / 'authors.yaml'}:2:8: Ana Ruiz.bio: input should be a valid string",
            f"{data / 'entities.yaml'}:2:9: Ford.kind: expected one of 'person', 'company', "
            "'organisation' or 'government', found 'carmaker'",
            f"{data / 'tickers.yaml'}:2:3: F.exchange: required field is missing",
            f"{data / 'tickers.yaml'}:3:3: F.exchnge: unknown field; did you mean 'exchange'?",
            f"{data / 'tickers.yaml'}:4:1: ford: 'ford' is not a ticker symbol: capital "
            "letters, digits, '.' or '-'; did you mean 'FORD'?",
        ]
    )


def test_an_empty_registry_lists_nothing_and_a_list_is_an_error(tmp_path: Path) -> None:
    data = {"authors.yaml": "# none yet\n", "tickers.yaml": "- F\n- GM\n"}
    _, problems = check(briefs_settings(tmp_path, {"a.yaml": brief_yaml()}, data))
    assert [p.format() for p in problems] == [
        f"{tmp_path / 'briefs' / '_data' / 'tickers.yaml'}:1:1: a registry is a mapping of "
        "names to their fields (F: {name: ..., exchange: ...}), but this file holds a list"
    ]


def test_an_alias_shared_by_two_entities_is_an_error(tmp_path: Path) -> None:
    entities = (
        "Ford: {kind: company, aliases: [FoMoCo]}\nFiat: {kind: company, aliases: [fomoco]}\n"
    )
    settings = briefs_settings(tmp_path, {"a.yaml": brief_yaml()}, {"entities.yaml": entities})
    _, problems = check(settings)
    assert [p.format() for p in problems] == [
        f"{tmp_path / 'briefs' / '_data' / 'entities.yaml'}:2:33: Fiat.aliases[0]: 'fomoco' "
        "already names 'Ford'; an alias may name one entry only"
    ]


def test_an_unlisted_ticker_or_entity_gets_a_page_and_a_warning_with_a_suggestion(
    tmp_path: Path,
) -> None:
    text = brief_yaml(tickers=["F", "NVDAA"], entities=["Jim Farly", "Mary Barra"])
    settings = briefs_settings(
        tmp_path, {"a.yaml": text}, {"tickers.yaml": TICKERS, "entities.yaml": ENTITIES}
    )
    generated = generate(settings)  # warnings never stop a build
    brief = tmp_path / "briefs" / "a.yaml"
    assert sorted(w.format() for w in generated.warnings) == [
        f"{brief}:11:3: warning: entities[0]: 'Jim Farly' is not in _data/entities.yaml; did you "
        "mean 'Jim Farley'? (its page is made without registry details)",
        f"{brief}:12:3: warning: entities[1]: 'Mary Barra' is not in _data/entities.yaml "
        "(its page is made without registry details)",
        f"{brief}:9:3: warning: tickers[1]: 'NVDAA' is not in _data/tickers.yaml; did you "
        "mean 'NVDA'? (its page is made without registry details)",
    ]
    assert "# NVDAA" in _text(generated.files, "tickers/nvdaa/index.md")
    assert "entities/mary-barra/index.md" in generated.files
    # A site without registries is not warned about every term it names.
    (tmp_path / "briefs" / "_data" / "tickers.yaml").unlink()
    (tmp_path / "briefs" / "_data" / "entities.yaml").unlink()
    assert generate(settings).warnings == []


def test_a_category_categories_yaml_does_not_list_is_a_warning_with_a_suggestion(
    tmp_path: Path,
) -> None:
    """A typo'd category silently made a new category, with its own page and nav entry,
    though `briefs new --help` says the category is "as listed in categories.yaml"."""
    categories = "Economy: {order: 1}\nStock Markets: {order: 2}\n"
    settings = briefs_settings(
        tmp_path,
        {"a.yaml": brief_yaml(category="Econmy"), "b.yaml": brief_yaml(category="Economy")},
        {"categories.yaml": categories},
    )
    generated = generate(settings)  # a warning, as for tickers: the page is still made
    assert [w.format() for w in generated.warnings] == [
        f"{tmp_path / 'briefs' / 'a.yaml'}:3:11: warning: category: 'Econmy' is not in "
        "_data/categories.yaml; did you mean 'Economy'? (its page is made without registry "
        "details)"
    ]
    assert "categories/econmy/index.md" in generated.files


def test_a_byline_authors_yaml_does_not_list_is_a_warning_with_a_suggestion(
    tmp_path: Path,
) -> None:
    authors = "Caleb Monroe: {role: Autos correspondent}\n"
    settings = briefs_settings(
        tmp_path,
        {"a.yaml": brief_yaml(byline="Caleb Monro"), "b.yaml": brief_yaml(byline="Caleb Monroe")},
        {"authors.yaml": authors},
    )
    warnings = [w.format() for w in generate(settings).warnings]
    assert len(warnings) == 1, warnings
    expected = "byline[0]: 'Caleb Monro' is not in _data/authors.yaml; did you mean 'Caleb Monroe'?"
    assert "a.yaml:" in warnings[0] and expected in warnings[0]


def test_entity_aliases_lead_to_one_page(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {
            "a.yaml": brief_yaml(entities=["Ford Motor", "Jim Farley"]),
            "b.yaml": brief_yaml(date="2026-01-06", entities=["ford"]),
            "c.yaml": brief_yaml(date="2026-01-07", entities=["Ford", "Ford Motor Company"]),
        },
        {"entities.yaml": ENTITIES},
    )
    generated = generate(settings)
    assert generated.warnings == []  # aliases and other casings are not spelling clashes
    assert not [p for p in generated.files if p.startswith("entities/ford-motor")]
    ford = _text(generated.files, "entities/ford/index.md")
    assert all(f"briefs/{slug}/" in ford for slug in "abc") and "Also: Ford Motor" in ford
    brief = _text(generated.files, "briefs/a.md")
    assert '<a href="../../entities/ford/">Ford</a>' in brief  # shown by its registry name
    assert _text(generated.files, "briefs/c.md").count('"../../entities/ford/"') == 1


# ---------------------------------------------------------------------------------------------
# Addresses.


def test_names_get_clean_readable_distinct_addresses(tmp_path: Path) -> None:
    names = ["Société Générale", "C++ & <b>markup</b>", "AT&T", "S&P 500", "3M"]
    generated = generate(
        briefs_settings(tmp_path, {"a.yaml": brief_yaml(tags=names, entities=names)})
    )
    for folder in ("tags", "entities"):
        assert {p for p in generated.files if p.startswith(f"{folder}/")} == {
            f"{folder}/{slug}/index.md"
            for slug in ("societe-generale", "c-b-markup-b", "at-t", "s-p-500", "3m")
        } | {f"{folder}/index.md"}
    page = _text(generated.files, "tags/c-b-markup-b/index.md")
    assert "<b>" not in page and "&lt;b&gt;" in page  # a name is text, never markup


def test_two_names_with_one_address_are_a_problem_naming_both(tmp_path: Path) -> None:
    settings = briefs_settings(
        tmp_path,
        {"a.yaml": brief_yaml(tags=["AT&T"]), "b.yaml": brief_yaml(tags=["AT T"])},
    )
    _, problems = check(settings)
    assert len(problems) == 1 and "'AT&T' and 'AT T'" in problems[0].message


# ---------------------------------------------------------------------------------------------
# Real builds: links both ways, validated by mkdocs build --strict.


def test_a_small_site_links_briefs_and_term_pages_both_ways(site: SiteFactory) -> None:
    site.create(
        {
            "2026/01/a.yaml": brief_yaml(
                byline="Ana Ruiz",
                tickers=["BRK.B", "F"],
                entities=["AT&T", "S&P 500"],
                tags=["C++ & <b>markup</b>"],
                risks=[{"title": "R", "text": "t", "sectors": ["Société Générale"]}],
                story="a-thread",
            ),
        }
    )
    (site.root / "briefs" / "_data").mkdir()
    (site.root / "briefs" / "_data" / "authors.yaml").write_text(
        "Ana Ruiz: {role: Editor, bio: Writes.}\n", "utf-8"
    )
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    out = site.root / "site"
    terms = {
        "tickers/brk-b/",
        "tickers/f/",
        "entities/at-t/",
        "entities/s-p-500/",
        "tags/c-b-markup-b/",
        "sectors/societe-generale/",
        "authors/ana-ruiz/",
        "stories/a-thread/",
        "archive/2026/01/",
        "categories/stock-markets/",
    }
    assert terms <= article_links(out, "briefs/a/")
    for term in terms:
        assert "briefs/a/" in article_links(out, term), term


def test_from_the_seed_brief_one_click_reaches_every_term_and_each_links_back(
    sample_site: Path,
) -> None:
    expected = {
        "tickers/f/",
        "categories/stock-markets/",
        "archive/2026/01/",
        "authors/caleb-monroe/",
        "stories/ford-china-partnerships/",
        *(f"tags/{t}/" for t in ("electric-vehicles", "china", "joint-ventures", "supply-chain")),
        *(
            f"entities/{e}/"
            for e in ("ford", "xiaomi", "byd", "catl", "jim-farley", "john-moolenaar")
        ),
        *(
            f"sectors/{s}/"
            for s in ("automotive", "manufacturing", "batteries", "asset-management")
        ),
    }
    found = article_links(sample_site, f"{SEED}/")
    assert expected <= found, sorted(expected - found)
    for term in expected:
        assert f"{SEED}/" in article_links(sample_site, term), term


def test_a_tickers_company_missing_from_entities_is_a_warning_with_a_suggestion(
    tmp_path: Path,
) -> None:
    tickers = (
        "F: {name: Ford Motor, exchange: NYSE, entity: Frod}\n"
        "GM: {name: General Motors, exchange: NYSE, entity: FoMoCo}\n"  # an alias: fine
    )
    entities = "Ford: {kind: company, aliases: [FoMoCo]}\n"
    settings = briefs_settings(
        tmp_path, {"a.yaml": brief_yaml()}, {"tickers.yaml": tickers, "entities.yaml": entities}
    )
    index, problems = check(settings)
    assert index is not None  # a warning: the site still builds, except under --strict
    assert [p.format() for p in problems] == [
        f"{tmp_path / 'briefs' / '_data' / 'tickers.yaml'}:1:47: warning: F.entity: 'Frod' is "
        "not in entities.yaml; did you mean 'Ford'?"
    ]


def test_registry_names_that_share_an_address_are_an_error_naming_both(tmp_path: Path) -> None:
    data = {
        "authors.yaml": "Caleb Monroe: {role: Editor}\nCaleb-Monroe: {role: y}\n",
        "tickers.yaml": "BRK.B: {name: B, exchange: NYSE}\nBRK-B: {name: C, exchange: NYSE}\n",
        "categories.yaml": "Economy: {order: '1'}\n",
    }
    _, problems = check(briefs_settings(tmp_path, {"a.yaml": brief_yaml()}, data))
    where = tmp_path / "briefs" / "_data"
    assert sorted(p.format() for p in problems) == [
        f"{where / 'authors.yaml'}:2:1: 'Caleb-Monroe' and 'Caleb Monroe' would share one "
        "page; keep one entry",
        f"{where / 'categories.yaml'}:1:18: Economy.order: input should be a valid integer",
        f"{where / 'tickers.yaml'}:2:1: 'BRK-B' and 'BRK.B' would share one page; keep one entry",
    ]


def test_a_registry_that_is_no_regular_file_or_leads_outside_is_a_problem(tmp_path: Path) -> None:
    settings = briefs_settings(tmp_path, {"a.yaml": brief_yaml()}, {})
    data = tmp_path / "briefs" / "_data"
    data.mkdir(parents=True, exist_ok=True)
    os.mkfifo(data / "tickers.yaml")
    (tmp_path / "outside.yaml").write_text("Ana Ruiz: {bio: SECRET}\n", "utf-8")
    (data / "authors.yaml").symlink_to(tmp_path / "outside.yaml")
    _, problems = check(settings)
    messages = sorted(p.format() for p in problems)
    assert len(messages) == 2, messages
    assert messages[0].startswith(f"{data / 'authors.yaml'}: symbolic link leads outside")
    assert (
        messages[1].startswith(f"{data / 'tickers.yaml'}") and "not a regular file" in messages[1]
    )


def test_links_in_registry_text_show_as_text(tmp_path: Path) -> None:
    data = {"authors.yaml": "Caleb Monroe: {bio: 'See [filing](missing.pdf) and ![c](c.png)'}\n"}
    settings = briefs_settings(tmp_path, {"a.yaml": brief_yaml(byline="Caleb Monroe")}, data)
    page = _text(generate(settings).files, "authors/caleb-monroe/index.md")
    assert "missing.pdf" not in page and "c.png" not in page
    assert "See filing and" in page
