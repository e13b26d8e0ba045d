"""Stage 3-4: index and templates. Golden Markdown pins the layout of every page type; the
page set (generator/render/pages.py) and the templates' macros are checked here too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build.links import broken_links
from generator.build.pipeline import generate
from generator.graph import urls
from generator.graph.index import build_index
from generator.render import pages
from generator.render.pages import page_paths, page_specs
from generator.settings import Settings
from generator.source.loader import parse_brief_text
from generator.source.model import parse_brief
from support import FIXTURES, GOLDEN, REPO, brief_yaml


@pytest.fixture(scope="module")
def golden_site() -> dict[str, str]:
    return generate(Settings(root=FIXTURES / "golden-site")).files


@pytest.mark.parametrize(
    ("page", "golden"),
    [
        ("briefs/ford-xiaomi-ev-talks.md", "seed-brief.md"),
        ("categories/autos/index.md", "category-autos.md"),
        ("categories/index.md", "categories.md"),
        ("index.md", "home.md"),
    ],
)
def test_page_matches_golden(
    golden_site: dict[str, str], page: str, golden: str, update_goldens: bool
) -> None:
    path = GOLDEN / golden
    if update_goldens:
        # Rewriting is not testing: a run with the flag never passes, so it cannot stand in
        # for a green run. Review the diff, then run again without the flag.
        old = path.read_text("utf-8") if path.is_file() else None
        path.write_text(golden_site[page], "utf-8")
        pytest.fail(
            f"--update-goldens rewrote {path.relative_to(REPO)} "
            f"({'unchanged' if old == golden_site[page] else 'CHANGED'}); review the diff "
            "(git diff tests/golden) and run pytest again without the flag",
            pytrace=False,
        )
    assert golden_site[page] == path.read_text("utf-8"), (
        f"run pytest --update-goldens and review {path}"
    )


def test_seed_brief_sections_appear_in_the_order_of_the_seed(golden_site: dict[str, str]) -> None:
    page = golden_site["briefs/ford-xiaomi-ev-talks.md"]
    markers = [
        '<p class="nb-kicker nb-brief-kicker" data-pagefind-filter="type:News">',  # raw HTML
        "# Ford Rejects Report",
        "{: .nb-dek }",
        'By <a href="../../authors/caleb-monroe/">Caleb Monroe</a>',  # raw HTML
        "{: .nb-lead }",
        '!!! abstract nb-key-points "Key Points"',
        "## Summary",
        "## Details",
        "> China has already shown",
        '!!! note nb-note "Investor tool mention"',
        '!!! note nb-note "Contextual note"',
        "## Risks",
        '<p class="nb-sequence nb-pair"',  # previous/next under the brief, then its lists
        "## Story: ",
        "## Related briefs",
    ]
    positions = [page.index(marker) for marker in markers]
    assert positions == sorted(positions)


def _site(tmp_path: Path, briefs: dict[str, str], **options: object) -> Settings:
    for name, text in briefs.items():
        (tmp_path / "briefs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "briefs" / name).write_text(text, "utf-8")
    return Settings(root=tmp_path, **options)  # type: ignore[arg-type]


def test_more_from_lists_the_five_newest_others_of_the_category_after_the_previous(
    tmp_path: Path,
) -> None:
    briefs = {f"b{i}.yaml": brief_yaml(date=f"2026-01-{i + 10:02d}") for i in range(8)}
    briefs["other.yaml"] = brief_yaml(date="2026-02-01", category="Energy")
    files = generate(_site(tmp_path, briefs)).files
    page = files["briefs/b7.md"]
    more = page.split("## More from Stock Markets {: .nb-more data-search-exclude }")[1]
    more = more.strip().split("\n\n")[0]  # one raw HTML list, its links as published
    # b6 is the "Previous" just under the brief: the list goes on past it (issue 26).
    assert re.findall(r'<li><time [^>]*>[^<]*</time> · <a href="([^"]+)">', more) == [
        "../b5/",
        "../b4/",
        "../b3/",
        "../b2/",
        "../b1/",
    ]
    assert "other" not in more
    assert "## More from" not in files["briefs/other.md"]  # alone in its category


def test_related_links_go_both_ways(tmp_path: Path) -> None:
    settings = _site(
        tmp_path,
        {  # each in its own category: a brief's previous/next is not listed again as related
            "a.yaml": brief_yaml(related=["b"]),
            "b.yaml": brief_yaml(category="Energy"),
            "c.yaml": brief_yaml(category="Rates"),
        },
    )
    files = generate(settings).files
    assert 'href="../a/"' in files["briefs/b.md"].split("## Related briefs")[1]
    assert 'href="../b/"' in files["briefs/a.md"].split("## Related briefs")[1]
    assert "## Related briefs" not in files["briefs/c.md"]


def test_a_listing_shows_the_newest_on_its_front_and_numbers_pages_from_the_oldest(
    tmp_path: Path,
) -> None:
    briefs = {f"b{i:02d}.yaml": brief_yaml(date=f"2026-01-{i + 1:02d}") for i in range(5)}
    files = generate(_site(tmp_path, briefs, per_page=2)).files
    pages = sorted(p for p in files if p.startswith("categories/stock-markets/"))
    assert pages == [
        "categories/stock-markets/index.md",
        "categories/stock-markets/page/1.md",
        "categories/stock-markets/page/2.md",
    ]

    def listed(path: str) -> list[str]:
        return re.findall(r'href="(?:\.\./)+briefs/(b\d+)/"', files[path])

    front = files["categories/stock-markets/index.md"]
    assert listed("categories/stock-markets/index.md") == ["b04", "b03"]
    assert "[Older briefs →](page/2.md)" in front and "Newer" not in front
    assert listed("categories/stock-markets/page/1.md") == ["b01", "b00"]
    oldest = files["categories/stock-markets/page/1.md"]
    assert "[← Newer briefs](2.md)" in oldest and "Older" not in oldest
    assert listed("categories/stock-markets/page/2.md") == ["b03", "b02"]
    newest = files["categories/stock-markets/page/2.md"]
    assert "[← Newer briefs](../index.md)" in newest and "[Older briefs →](1.md)" in newest
    assert "5 briefs" in front and "briefs" not in newest.split("{: .nb-kicker")[0].split("# ")[-1]


def test_a_new_brief_changes_a_listings_front_and_adds_a_page_once_a_slice_is_full(
    tmp_path: Path,
) -> None:
    listing = "categories/stock-markets/"
    briefs = {f"b{i:02d}.yaml": brief_yaml(date=f"2026-01-{i + 1:02d}") for i in range(4)}
    runs = [generate(_site(tmp_path, briefs, per_page=2)).files]
    for number in (4, 5):
        added = {f"b{number:02d}.yaml": brief_yaml(date=f"2026-01-{number + 1:02d}")}
        runs.append(generate(_site(tmp_path, added, per_page=2)).files)

    def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
        return {p for p in after if p.startswith(listing) and before.get(p) != after[p]}

    # The fifth brief fills no slice: page/2.md (b02, b03) appears, and page/1.md's newer
    # link leads to it instead of the front; page/1.md still lists b01 and b00.
    assert changed(runs[0], runs[1]) == {
        f"{listing}index.md",
        f"{listing}page/1.md",
        f"{listing}page/2.md",
    }
    assert f"{listing}page/2.md" not in runs[0]
    first_before, first_after = runs[0][f"{listing}page/1.md"], runs[1][f"{listing}page/1.md"]
    assert first_before.replace("../index.md", "2.md") == first_after
    # The sixth: only the front changes.
    assert changed(runs[1], runs[2]) == {f"{listing}index.md"}


def test_drafts_are_left_out_unless_asked_for(tmp_path: Path) -> None:
    settings = _site(
        tmp_path, {"a.yaml": brief_yaml(), "d.yaml": brief_yaml(draft=True, related=["a"])}
    )
    assert "briefs/d.md" not in generate(settings).files
    with_drafts = generate(settings, drafts=True).files
    assert '!!! warning nb-embargo "Draft"' in with_drafts["briefs/d.md"]


def test_site_template_overrides_the_built_in_one(tmp_path: Path) -> None:
    settings = _site(tmp_path, {"a.yaml": brief_yaml()}, templates_dir="templates")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "brief.md.j2").write_text("# {{ brief.title }}\n\nCustom layout.\n")
    files = generate(settings).files
    assert files["briefs/a.md"] == "# Acme Shares Rise After Earnings Beat\n\nCustom layout.\n"
    assert "Latest briefs" in files["index.md"]  # other templates stay built-in


def test_overriding_template_cannot_print_unescaped_brief_text(tmp_path: Path) -> None:
    settings = _site(
        tmp_path, {"a.yaml": brief_yaml(title="<script>x</script>")}, templates_dir="t"
    )
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "brief.md.j2").write_text("{{ brief.title }}\n")
    assert generate(settings).files["briefs/a.md"] == "&lt;script&gt;x&lt;/script&gt;\n"


def test_index_orders_newest_first_with_slug_as_tiebreak(tmp_path: Path) -> None:
    settings = _site(
        tmp_path,
        {
            "b.yaml": brief_yaml(),
            "a.yaml": brief_yaml(),
            "c.yaml": brief_yaml(date="2026-01-04T23:00:00-05:00"),
        },
    )
    generated = generate(settings)
    # c is 2026-01-05 04:00 UTC: after the start of Jan 5 UTC, so newest.
    assert [b.slug for b in generated.index.briefs] == ["c", "b", "a"]


def test_category_spellings_that_share_a_page_are_an_error(tmp_path: Path) -> None:
    from generator.errors import BriefsError

    settings = _site(
        tmp_path, {"a.yaml": brief_yaml(), "b.yaml": brief_yaml(category="Stock markets")}
    )
    with pytest.raises(BriefsError) as caught:
        generate(settings)
    message = caught.value.problems[0].message
    assert (
        "'Stock markets'" in message
        and "'Stock Markets'" in message
        and "share one page" in message
    )
    assert caught.value.problems[0].position is not None


def test_build_index_is_empty_safe() -> None:
    index, problems = build_index([])
    assert index.briefs == () and index.terms("category") == [] and problems == []


def test_risk_title_gets_a_full_stop_only_when_it_has_no_punctuation(tmp_path: Path) -> None:
    risks = [{"title": "Will rates rise?", "text": "t"}, {"title": "Scrutiny", "text": "t"}]
    files = generate(_site(tmp_path, {"a.yaml": brief_yaml(risks=risks)})).files
    assert "- **Will rates rise?** t" in files["briefs/a.md"]
    assert "- **Scrutiny.** t" in files["briefs/a.md"]


@pytest.mark.parametrize(
    ("category", "slug"),
    [("Stock Markets", "stock-markets"), ("市场", "市场"), ("الأسواق", "الأسواق"), ("🚀", "t-")],
)
def test_every_category_gets_a_page_whatever_its_script(
    tmp_path: Path, category: str, slug: str
) -> None:
    files = generate(_site(tmp_path, {"a.yaml": brief_yaml(category=category)})).files
    pages = [p for p in files if p.startswith("categories/") and p != "categories/index.md"]
    assert len(pages) == 1 and pages[0].startswith(f"categories/{slug}")
    assert f"# {category}" in files[pages[0]]


def test_a_blank_line_in_a_folded_or_plain_value_starts_a_paragraph(tmp_path: Path) -> None:
    text = (
        "title: T\ndate: 2026-01-05\ncategory: C\nkey_points: [k]\n"
        "summary: >-\n  First folded\n  paragraph.\n\n  Second.\n"
        "lead: |\n  Literal line one\n  line two.\n\n  Literal second.\n"
        "details:\n  - Plain first\n\n    plain second.\n"
    )
    page = generate(_site(tmp_path, {"a.yaml": text})).files["briefs/a.md"]
    assert "First folded paragraph.\n\nSecond." in page
    assert "Literal line one line two.\n{: .nb-lead }\n\nLiteral second.\n{: .nb-lead }" in page
    assert "Plain first\n\nplain second." in page


# ---------------------------------------------------------------------------------------------
# The page set (generator/render/pages.py)


def _withdrawn(**fields: object) -> str:
    notice = {"date": "2026-01-07", "text": "The report was wrong."}
    return brief_yaml(status="withdrawn", corrections=[notice], **fields)


@pytest.mark.parametrize(
    "options",
    [{}, {"per_page": 2}, {"per_page": 1, "home": False}],
    ids=["defaults", "paged", "paged-without-home"],
)
def test_page_paths_are_exactly_the_paths_of_the_page_set(
    tmp_path: Path, options: dict[str, object]
) -> None:
    """The link check asks page_paths; the pages made are page_specs': they must agree on
    withdrawn briefs, listing pages, the risk overview and the home page."""
    risks = [{"title": "Tariffs", "text": "t", "sectors": ["Autos"]}]
    briefs = {f"b{i}.yaml": brief_yaml(date=f"2026-01-{i + 1:02d}", tags=["ev"]) for i in range(5)}
    briefs["r.yaml"] = brief_yaml(risks=risks, tickers=["F"], byline=["Ana Ruiz"])
    briefs["w.yaml"] = _withdrawn()
    settings = _site(tmp_path, briefs, **options)
    index = generate(settings).index
    specs = [spec.path for spec in page_specs(index, settings)]
    assert list(page_paths(index, settings)) == specs
    assert (
        "briefs/w.md" in specs
        and (urls.RISKS in specs)
        and (urls.HOME in specs) == (options.get("home", True))
    )


def test_without_a_sector_named_there_is_no_risk_page_in_either(tmp_path: Path) -> None:
    settings = _site(tmp_path, {"a.yaml": brief_yaml(risks=[{"title": "T", "text": "t"}])})
    index = generate(settings).index
    assert urls.RISKS not in page_paths(index, settings)
    assert urls.RISKS not in [spec.path for spec in page_specs(index, settings)]


def test_the_link_check_builds_no_page_context(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Which paths exist is known without the home page, the risk chart or any listing."""
    risks = [{"title": "Tariffs", "text": "t", "sectors": ["Autos"]}]
    summary = "See [F](../tickers/f/index.md), [risks](../risks/index.md), [x](../nowhere.md)."
    text = brief_yaml(tickers=["F"], risks=risks, summary=summary)
    raw, _ = parse_brief_text(tmp_path / "a.yaml", text)
    assert raw is not None
    brief, _ = parse_brief(raw)
    assert brief is not None
    index, _ = build_index([brief])

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the link check built a page's context")

    for name in ("home_context", "risk_chart", "_listing_pages", "_page_specs"):
        monkeypatch.setattr(pages, name, never)
    (problem,) = broken_links(index, Settings(root=tmp_path))
    assert "'../nowhere.md' leads to nowhere.md" in problem.message


# ---------------------------------------------------------------------------------------------
# Macros (theme/templates/_macros.md.j2)


def test_what_a_macro_or_a_set_block_makes_is_escaped_once(tmp_path: Path) -> None:
    """A macro's output is Markdown its own expressions escaped: printed as it is, never
    escaped a second time (nor left unescaped)."""
    title = "Ford *rallies* <b>[again]</b>"
    settings = _site(tmp_path, {"a.yaml": brief_yaml(title=title)}, templates_dir="t")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "brief.md.j2").write_text(
        "{% macro shout(text) %}**{{ text }}**{% endmacro %}"
        "{% set kept %}{{ brief.title }}{% endset %}"
        "{{ brief.title }}\n{{ shout(brief.title) }}\n{{ kept }}\n"
    )
    direct, shouted, kept = generate(settings).files["briefs/a.md"].splitlines()
    assert direct != title and "<b>" not in direct  # escaped
    assert shouted == f"**{direct}**"
    assert kept == direct


def test_the_chip_and_the_byline_are_written_once_in_the_templates() -> None:
    """Every chip and byline of the built-in pages comes from the macros."""
    templates = REPO / "theme" / "templates"
    paths = sorted(templates.glob("*.j2"))
    assert len(paths) > 5, templates  # the templates were found: the check below ran
    for path in paths:
        if path.name == "_macros.md.j2":
            continue
        text = path.read_text("utf-8")
        assert 'class="nb-sr"' not in text and "nb-byline__" not in text, path.name
