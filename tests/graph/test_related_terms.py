"""Related briefs (generator/graph/related.py) read a brief's terms through the taxonomy table
(generator/graph/taxonomies.py): what is weighed is each taxonomy's ``related_weight``, and a
value is folded as that taxonomy's pages fold it, registry aliases included. Real builds: the
related list is checked on the generated brief page.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from generator.build.pipeline import generate
from generator.graph.taxonomies import TAXONOMIES
from generator.settings import Settings
from support import brief_yaml

FORD = "Ford:\n  kind: company\n  aliases: [Ford Motor]\n"
"""entities.yaml: ``Ford Motor`` is another spelling of Ford, whose one page it leads to."""


def _site(
    root: Path, entities: str, related_include_newer: bool = False, **briefs: str
) -> Settings:
    """A site of ``briefs`` (slug -> YAML) and six others that share nothing weighed, so a
    term two briefs share is a rare one."""
    data = root / "briefs" / "_data"
    data.mkdir(parents=True)
    (data / "entities.yaml").write_text(entities, "utf-8")
    fillers = {f"filler-{n}": brief_yaml(slug=f"filler-{n}", tags=[f"only-{n}"]) for n in range(6)}
    for slug, text in {**briefs, **fillers}.items():
        (root / "briefs" / f"{slug}.yaml").write_text(text, "utf-8")
    return Settings(root=root, related_include_newer=related_include_newer)


def _related_on_page(files: dict[str, str | bytes], slug: str) -> list[str]:
    """The briefs the page of ``slug`` lists under "Related briefs"."""
    page = files[f"briefs/{slug}.md"]
    assert isinstance(page, str)
    if "## Related briefs" not in page:
        return []
    section = page.split("## Related briefs", 1)[1].split("\n\n", 2)[1]
    # a raw HTML list: <li><time ...>...</time> · <a href="../slug/">
    return re.findall(r'<li><time [^>]*>[^<]*</time> · <a href="\.\./([^"/]+)/">', section)


def _ford_briefs() -> dict[str, str]:
    return {
        "ford-motor-recall": brief_yaml(slug="ford-motor-recall", entities=["Ford Motor"]),
        "ford-earnings": brief_yaml(
            slug="ford-earnings", date="2026-01-06", entities=["Ford"], category="Autos"
        ),
    }


def test_an_alias_and_its_entity_are_one_term_to_related_scoring(tmp_path: Path) -> None:
    files = generate(_site(tmp_path, FORD, **_ford_briefs())).files
    assert _related_on_page(files, "ford-earnings") == ["ford-motor-recall"]
    assert _related_on_page(files, "ford-motor-recall") == []  # suggestions come from before
    both_ways = _site(tmp_path / "both", FORD, **_ford_briefs(), related_include_newer=True)
    assert _related_on_page(generate(both_ways).files, "ford-motor-recall") == ["ford-earnings"]
    assert "entities/ford/index.md" in files and "entities/ford-motor/index.md" not in files


def test_without_the_alias_two_spellings_are_two_entities_and_relate_nothing(
    tmp_path: Path,
) -> None:
    """The control: the registry's alias, nothing else, makes the two briefs related."""
    site = _site(tmp_path, "Ford:\n  kind: company\n", **_ford_briefs())
    files = generate(site).files
    assert _related_on_page(files, "ford-motor-recall") == []
    assert _related_on_page(files, "ford-earnings") == []


def test_what_is_weighed_is_the_tables_related_weight(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    briefs = {
        "a": brief_yaml(slug="a", tags=["recalls"]),
        "b": brief_yaml(slug="b", date="2026-01-06", tags=["recalls"], category="Autos"),
    }
    files = generate(_site(tmp_path / "weighed", FORD, **briefs)).files
    assert _related_on_page(files, "b") == ["a"]

    unweighed = dataclasses.replace(TAXONOMIES["tag"], related_weight=0.0)
    monkeypatch.setitem(TAXONOMIES, "tag", unweighed)
    files = generate(_site(tmp_path / "unweighed", FORD, **briefs)).files
    assert _related_on_page(files, "b") == []
