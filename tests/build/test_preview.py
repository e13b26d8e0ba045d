"""What a preview keeps between its rebuilds (generator/build/preview.py) beside the briefs it
read: the registries and the theme, each reused only while their files are the same.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.build import pipeline
from generator.build.pipeline import Carried
from generator.settings import Settings
from support import brief_yaml
from support.sites import briefs_settings

TICKERS = "F:\n  name: Ford Motor Company\n  exchange: NYSE\n"


@pytest.fixture
def site(tmp_path: Path) -> Settings:
    return briefs_settings(
        tmp_path,
        {"2026/01/ford.yaml": brief_yaml(title="Ford", tickers=["F"])},
        {"tickers.yaml": TICKERS},
    )


def _counting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    """Calls of ``pipeline.<name>``, counted, still made."""
    calls: list[Any] = []
    real = getattr(pipeline, name)

    def counted(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(pipeline, name, counted)
    return calls


def test_a_rebuild_reads_the_registries_again_only_when_their_bytes_changed(
    site: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    carried = Carried()
    reads: pipeline.BriefReads = {}
    first, _ = pipeline.check(site, reads=reads, carried=carried)
    loads = _counting(monkeypatch, "load_registry")
    second, _ = pipeline.check(site, reads=reads, carried=carried)
    assert loads == []
    assert first is not None and second is not None
    assert second.registry == first.registry
    tickers = site.briefs_path / "_data" / "tickers.yaml"
    tickers.write_text(TICKERS.replace("Ford Motor Company", "Ford Motor Co."), "utf-8")
    third, _ = pipeline.check(site, reads=reads, carried=carried)
    assert len(loads) == 1
    assert third is not None
    assert third.registry.entries("tickers.yaml")["F"].name == "Ford Motor Co."


def test_a_broken_registry_says_the_same_problem_on_every_rebuild(site: Settings) -> None:
    (site.briefs_path / "_data" / "tickers.yaml").write_text("F: [unclosed\n", "utf-8")
    carried = Carried()
    once = pipeline.check(site, reads={}, carried=carried)[1]
    again = pipeline.check(site, reads={}, carried=carried)[1]
    assert once and [p.format() for p in again] == [p.format() for p in once]


def test_a_rebuild_keeps_its_theme_while_the_templates_are_the_same(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    settings = briefs_settings(tmp_path, {"2026/01/ford.yaml": brief_yaml(title="Ford")})
    settings = settings.model_copy(update={"templates_dir": templates})
    carried = Carried()
    first, _ = pipeline.theme_of(settings.templates_path, carried)
    assert pipeline.theme_of(settings.templates_path, carried)[0] is first
    (templates / "brief.md.j2").write_text("# {{ brief.title }} (site's own)\n", "utf-8")
    changed, _ = pipeline.theme_of(settings.templates_path, carried)
    assert changed is not first
    assert "site's own" in changed.templates["brief.md.j2"].source
    generated = pipeline.generate(settings, reads={}, carried=carried)
    assert "(site's own)" in str(generated.files["briefs/ford.md"])
