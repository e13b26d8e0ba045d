"""Article types, correction kinds and authors' holdings as the source stage reads them: the
labels and schema.org types (generator/source/editorial.py), a brief's ``type`` and
``corrections[].kind`` refused with a positioned message, ``status`` following the kinds,
and ``holdings`` in authors.yaml checked against tickers.yaml at their line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.settings import Settings, SettingsError
from generator.source.editorial import notes_title, site_types, type_label, type_problem
from generator.source.loader import parse_brief_text
from generator.source.model import parse_brief
from generator.source.registry import load_registry
from support import brief_yaml


def _problems(text: str) -> list[str]:
    raw, problems = parse_brief_text(Path("b.yaml"), text)
    assert raw is not None and not problems
    _, problems = parse_brief(raw)
    return [problem.format() for problem in problems]


def test_labels_and_schema_types_of_the_built_in_types() -> None:
    assert site_types({}) == {
        "news": "NewsArticle",
        "analysis": "AnalysisNewsArticle",
        "opinion": "OpinionNewsArticle",
        "explainer": "BackgroundNewsArticle",
    }
    assert site_types({"review": "ReviewNewsArticle"})["review"] == "ReviewNewsArticle"
    assert type_label("opinion") == "Opinion"
    assert type_label("market-wrap") == "Market wrap"


def test_a_sites_own_type_must_be_a_schema_org_article() -> None:
    assert type_problem("review", "ReviewNewsArticle") is None
    assert "did you mean 'ReviewNewsArticle'" in str(type_problem("review", "Review"))
    assert "did you mean 'OpinionNewsArticle'" in str(type_problem("op", "OpinionNewsArticle2"))
    assert "not a lowercase word" in str(type_problem("Review", "ReviewNewsArticle"))
    with pytest.raises(SettingsError, match="'article_types': review: 'Review' is not"):
        Settings.from_options({"article_types": {"review": "Review"}})


def test_notes_titles_count_each_kind() -> None:
    assert notes_title(["correction"]) == "Correction"
    assert notes_title(["correction", "correction"]) == "Corrections"
    assert notes_title(["update", "correction"]) == "Correction and update"
    kinds = ["update", "clarification", "correction", "correction"]
    assert notes_title(kinds) == "Corrections, clarification and update"
    assert notes_title(["update"], plural=True) == "Updates"


def test_type_and_kind_default_and_are_checked_at_their_value() -> None:
    raw, _ = parse_brief_text(Path("b.yaml"), brief_yaml())
    assert raw is not None
    brief, _ = parse_brief(raw)
    assert brief is not None and brief.type == "news" and brief.disclosures is None
    assert _problems(brief_yaml(type="Opinion")) == [
        "b.yaml:7:7: type: 'Opinion' is not an article type: a lowercase word such as "
        "news, analysis, opinion, explainer; did you mean 'opinion'?"
    ]
    bad_kind = brief_yaml(corrections=[{"date": "2026-01-06", "text": "x", "kind": "updat"}])
    (problem,) = _problems(bad_kind)
    assert problem.startswith("b.yaml:10:9: corrections[0].kind: expected one of 'correction', ")
    assert problem.endswith("did you mean 'update'?")


def test_updates_and_clarifications_alone_leave_a_brief_published() -> None:
    def status(*kinds: str, written: str | None = None) -> tuple[str | None, list[str]]:
        notes = [{"date": "2026-01-06", "text": "A note.", "kind": kind} for kind in kinds]
        raw, _ = parse_brief_text(Path("b.yaml"), brief_yaml(corrections=notes, status=written))
        assert raw is not None
        brief, problems = parse_brief(raw)
        return (brief.status if brief else None), [p.message for p in problems]

    assert status("update", "clarification") == ("published", [])
    assert status("update", "correction") == ("corrected", [])
    assert status("update", written="published") == ("published", [])
    _, problems = status("correction", written="published")
    assert problems and problems[0].startswith("a brief with corrections is 'corrected'")


def test_holdings_must_be_tickers_of_tickers_yaml(tmp_path: Path) -> None:
    data = tmp_path / "_data"
    data.mkdir()
    (data / "tickers.yaml").write_text(
        "F: {name: Ford Motor Company, exchange: NYSE}\n"
        "GM: {name: General Motors Company, exchange: NYSE}\n",
        "utf-8",
    )
    (data / "authors.yaml").write_text(
        "Ana Ruiz:\n  holdings: [F, GMM, F]\nLee Park:\n  holdings: [GM]\n", "utf-8"
    )
    registry, problems = load_registry(tmp_path)
    assert [p.format().removeprefix(str(data) + "/") for p in problems] == [
        "authors.yaml:2:17: Ana Ruiz.holdings[1]: 'GMM' is not in tickers.yaml; did you mean 'GM'?",
        "authors.yaml:2:22: Ana Ruiz.holdings[2]: 'F' is listed twice",
    ]
    assert registry.entries("authors.yaml")["Lee Park"].holdings == ["GM"]


@pytest.mark.parametrize("page", ["../x.md", "/etc/x.md", "about/x.html", "a//b.md", "a\\b.md"])
def test_a_policy_is_a_markdown_page_inside_the_docs_folder(page: str) -> None:
    with pytest.raises(SettingsError, match="expects a Markdown page of the docs folder"):
        Settings.from_options({"policies": {"ethics": page}})
    with pytest.raises(SettingsError, match="one of the known policies"):
        Settings.from_options({"policies": {"ethic": "about/ethics.md"}})


def test_the_disclaimer_is_plain_text_on_one_line() -> None:
    settings = Settings.from_options({"disclaimer": "Not\n  investment advice."})
    assert settings.disclaimer == "Not investment advice."
    with pytest.raises(SettingsError, match="expects plain text"):
        Settings.from_options({"disclaimer": "Not\x00 advice"})
