"""The site's search: the Pagefind bundle a real build writes, read back record by record;
what the records hold and leave out; the ``search`` setting and what the plugin says when
the site's plugins disagree with it. The search as readers use it: tests/browser/
test_search_in_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.build import policy
from generator.build.search_index import SearchIndexer, SearchIndexError
from generator.settings import Settings, SettingsError
from support import SiteFactory, brief_yaml, mkdocs_build_in_process, pagefind_records

SEED = "/briefs/ford-xiaomi-ev-talks/"


@pytest.fixture(scope="module")
def records(sample_site: Path) -> dict[str, dict[str, object]]:
    return {record["url"]: record for record in pagefind_records(sample_site)}


@pytest.mark.e2e
def test_the_sample_site_has_a_pagefind_bundle_of_its_briefs_terms_and_own_pages(
    sample_site: Path, records: dict[str, dict[str, object]]
) -> None:
    entries = [
        json.loads(path.read_text("utf-8"))
        for path in (sample_site / "pagefind").glob("**/pagefind-entry.json")
    ]
    briefs = {p.parent.name for p in (sample_site / "briefs").glob("*/index.html")}
    briefs -= {"vanguard-trims-fees"}  # an alias: a redirect page, not a brief
    found = {url.split("/")[2] for url in records if url.startswith("/briefs/")}
    assert found == briefs
    assert sum(entry["languages"]["en"]["page_count"] for entry in entries) == len(records)
    assert "/tickers/nvda/" in records and "/categories/energy/" in records
    assert "/entities/xiaomi/" in records and "/about/" in records
    # No listing of briefs: the front page, the categories' index, months, pages 2.
    assert not [u for u in records if u in ("/", "/categories/") or "/archive/" in u]
    assert not [u for u in records if "/page/" in u]
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "wasm.en.pagefind"):
        assert (sample_site / "pagefind" / name).is_file(), name
    assert not (sample_site / "search" / "search_index.json").exists()


def test_a_briefs_record_holds_its_own_words_and_filters_not_other_briefs(
    records: dict[str, dict[str, object]],
) -> None:
    seed = records[SEED]
    content = str(seed["content"])
    for words in (
        "Ford Rejects Report",  # headline
        "F (Ford Motor Company)",  # the ticker and its company, from the registry
        "Jim Farley",  # an entity
        "electric vehicles",  # a tag
        "Congressional and regulatory pushback",  # a risk's title
    ):
        assert words in content, words
    assert seed["filters"] == {
        "Ticker": ["F"],
        "Category": ["Stock Markets"],
        "Year": ["2026"],
        "Type": ["News"],
    }
    # An analysis is found under its own label in the search's Type filter.
    analysis = records["/briefs/automaker-stocks-brace-for-earnings/"]
    assert analysis["filters"]["Type"] == ["Analysis"]  # type: ignore[index]
    meta = seed["meta"]
    assert isinstance(meta, dict)
    assert meta["category"] == "Stock Markets" and meta["title"].startswith("Ford Rejects")
    # The brief's text first, then what it is also found by: the excerpt comes from the first
    # ``text_words`` words (the search's script cuts it there), never from the metadata.
    words = content.split(" ")
    text = " ".join(words[: int(meta["text_words"])])
    found_by = " ".join(words[int(meta["text_words"]) :])
    assert (
        text.startswith("A weekend report of joint-venture")
        and "Congressional and regulatory" in text
    )
    assert found_by.startswith("Ford Rejects Report") and "F (Ford Motor Company)" in found_by
    for metadata in ("F (Ford Motor Company)", "Caleb Monroe", "Jim Farley."):
        assert metadata not in text, metadata
    # The lists on its page (related briefs, more from the category) are other briefs' words.
    assert "More from" not in content and "Related briefs" not in content
    ticker = records["/tickers/f/"]
    assert ticker["meta"] == {"title": "F: Ford Motor Company", "type": "Ticker"}
    assert ticker["filters"] == {"Ticker": ["F"]}


def test_brief_text_goes_into_the_index_as_text(site: SiteFactory) -> None:
    hostile = '<img src=x onerror="alert(1)"> *really* [bold](https://example.com) </script>'
    site.create(
        {
            "a.yaml": brief_yaml(
                title=f"Acme {hostile}", details=[f"Detail {hostile}"], category="Desk <b>x</b>"
            )
        }
    )
    result = mkdocs_build_in_process(site.root, "-d", str(site.root / "out"))
    assert result.returncode == 0, result.stderr
    (record,) = [r for r in pagefind_records(site.root / "out") if r["url"] == "/briefs/a/"]
    # Markdown reduced to its words; in the text and meta, the characters of HTML kept as the
    # author typed them (Pagefind's script escapes the text before it marks words found, and
    # its UI writes titles and meta as text).
    shown = '<img src=x onerror="alert(1)"> really bold </script>'
    assert record["meta"]["title"] == f"Acme {shown}"
    assert f"Detail {shown}" in record["content"]
    # Filter values are HTML to Pagefind's UI: escaped, so the panel shows them as typed.
    assert record["filters"]["Category"] == ["Desk &lt;b&gt;x&lt;/b&gt;"]


@pytest.mark.e2e
def test_search_material_keeps_materials_search_and_writes_no_pagefind(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()}, options="search: material")
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n"), "utf-8"
    )
    result = mkdocs_build_in_process(site.root, "-d", str(site.root / "out"))
    assert result.returncode == 0, result.stderr
    out = site.root / "out"
    assert (out / "search" / "search_index.json").is_file()
    assert not (out / "pagefind").exists()
    header = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    assert header.select_one(".md-search") is not None
    assert header.select_one(".nb-search") is None


def test_pagefind_with_materials_search_listed_says_which_search_the_site_uses(
    site: SiteFactory,
) -> None:
    site.create({"a.yaml": brief_yaml()})
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n"), "utf-8"
    )
    result = mkdocs_build_in_process(site.root, "-d", str(site.root / "out"))
    # A warning, so --strict stops on it: an index nothing uses, a reader's 31 MB at scale.
    assert result.returncode == 1, result.stderr
    assert (
        "the site searches with Pagefind (the default 'search: pagefind'), so Material's "
        "'search' plugin only builds an index nothing uses; remove '- search' from plugins, or "
        "set 'search: material'"
    ) in result.stderr


def test_search_advice_for_each_combination() -> None:
    pagefind, material, none = (
        Settings(search=value) for value in ("pagefind", "material", "none")
    )  # type: ignore[arg-type]
    assert policy.search_advice(pagefind, ["briefs"]) is None
    assert "Pagefind" in (policy.search_advice(pagefind, ["material/search", "briefs"]) or "")
    assert policy.search_advice(material, ["material/search", "briefs"]) is None
    assert "the site has no search" in (policy.search_advice(material, ["briefs"]) or "")
    assert policy.search_advice(none, ["briefs"]) is None


def test_an_unknown_search_is_an_error_that_names_the_choices() -> None:
    with pytest.raises(SettingsError) as caught:
        Settings.from_options({"search": "lunr"})
    assert str(caught.value) == (
        "option 'search' expects one of 'pagefind', 'material' or 'none', found 'lunr'"
    )


def test_a_docs_folder_named_like_the_search_bundle_is_an_error(site: SiteFactory) -> None:
    site.create({"a.yaml": brief_yaml()})
    (site.root / "docs" / "pagefind").mkdir()
    (site.root / "docs" / "pagefind" / "notes.txt").write_text("mine", "utf-8")
    result = mkdocs_build_in_process(site.root, "-d", str(site.root / "out"))
    assert result.returncode == 1
    assert (
        "docs/pagefind/notes.txt would be replaced by the search index, which is written to "
        "pagefind/; move it, or set 'search: material' or 'none'"
    ) in result.stdout + result.stderr
    assert (site.root / "docs" / "pagefind" / "notes.txt").read_text("utf-8") == "mine"


def test_a_pagefind_that_cannot_run_or_stops_is_a_message_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "missing"))
    with pytest.raises(SearchIndexError, match=r"^search: cannot run Pagefind \("):
        SearchIndexer.start("en")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    with pytest.raises(SearchIndexError, match=r"^search: Pagefind stopped before writing"):
        SearchIndexer.start("en")
