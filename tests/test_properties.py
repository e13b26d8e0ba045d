"""Property tests (hypothesis): whatever authors type, nothing escapes.

1. Random text in every text field of a brief: the rendered page holds no element or
   attribute that came from brief text, other than the emphasis and http(s) links that
   Markdown inline text is documented to allow.
2. Random YAML documents: the loader and model return a brief or positioned problems;
   no other exception escapes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.graph.index import build_index
from generator.graph.urls import brief as brief_path
from generator.render.pages import page_specs
from generator.render.site import render_page
from generator.render.theme import load_theme
from generator.settings import Settings
from generator.source.loader import parse_brief_text
from generator.source.markup import link_scheme
from generator.source.model import Brief, parse_brief

EXTENSIONS = [
    "admonition",
    "attr_list",
    "toc",
    "md_in_html",
    "def_list",
    "footnotes",
    "abbr",
    "pymdownx.details",
    "pymdownx.superfences",
]

# Characters that mean something to HTML, Markdown, its extensions, YAML or Jinja.
SPECIAL = "<>&\"'`*_[](){}!#-+=|:;~^$%\\/.\n\t @?"
text = st.text(
    alphabet=st.sampled_from(SPECIAL) | st.characters(codec="utf-8"), min_size=1, max_size=60
).filter(lambda s: s.strip() != "")

ALLOWED_TAGS = {
    "p",
    "h1",
    "h2",
    "a",
    "em",
    "strong",
    "time",
    "span",
    "div",
    "ul",
    "li",
    "blockquote",
}
ALLOWED_CLASSES = {
    "nb-kicker",
    "nb-dek",
    "nb-byline",
    "nb-lead",
    "nb-ticker",
    "nb-chip",
    "headerlink",
    "nb-key-points",
    "nb-note",
    "nb-attribution",
    "nb-brief-kicker",
    "nb-byline__authors",
    "nb-byline__time",
    "nb-byline__tickers",
    "nb-sr",
    "nb-risks",
    "nb-more",
    "nb-sequence",
    "nb-topics",
    "admonition",
    "admonition-title",
    "abstract",
    "note",
    "info",
    "tip",
    "warning",
    "nb-disclosures",
    "nb-correction",
}
ALLOWED_ATTRIBUTES = {"class", "href", "id", "title", "datetime", "data-pagefind-filter"}


def _brief(values: dict[str, Any]) -> Brief:
    data = {
        "title": values["title"],
        "dek": values["dek"],
        "date": "2026-01-05",
        "category": values["category"],
        "byline": [values["byline"]],
        "lead": values["lead"],
        "key_points": [values["point"]],
        "summary": values["summary"],
        "details": [values["detail"]],
        "quotes": [{"text": values["quote"], "by": values["by"], "role": values["role"]}],
        "notes": [{"title": values["note_title"], "text": values["note"]}],
        "risks": [
            {"title": values["risk_title"], "text": values["risk"], "sectors": [values["sector"]]}
        ],
        "entities": [values["entity"]],
        "tags": [values["tag"]],
        "sources": [{"title": values["source"], "url": "https://example.com/a"}],
        "disclosures": values["disclosure"],
        "corrections": [{"date": "2026-01-06", "kind": "update", "text": values["update"]}],
    }
    raw, problems = parse_brief_text(Path("x.yaml"), yaml.safe_dump(data, allow_unicode=True))
    assert raw is not None, problems
    brief, problems = parse_brief(raw)
    assert brief is not None, problems
    return brief


FIELDS = [
    "title",
    "dek",
    "category",
    "byline",
    "lead",
    "point",
    "summary",
    "detail",
    "quote",
    "by",
    "role",
    "note_title",
    "note",
    "risk_title",
    "risk",
    "sector",
    "entity",
    "tag",
    "source",
    "disclosure",
    "update",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({name: text for name in FIELDS}))
def test_random_text_in_every_field_creates_no_element_or_attribute(values: dict[str, str]) -> None:
    try:
        brief = _brief(values)
    except AssertionError:
        brief = None  # text that cleans to nothing (only control characters) is refused
    assume(brief is not None)
    assert brief is not None
    index, _ = build_index([brief])
    spec = next(spec for spec in page_specs(index, Settings()) if spec.template == "brief.md.j2")
    assert spec.path == brief_path(brief.slug)
    page = render_page(spec, Settings(), load_theme(None)[0]).split("---", 2)[2]
    soup = BeautifulSoup(markdown.markdown(page, extensions=EXTENSIONS), "html.parser")
    # The page rendered (so the loop below has tags to check), with its date and headline.
    assert soup.find("time") is not None, (page, values)
    assert soup.h1 is not None, (page, values)
    for tag in soup.find_all(True):
        assert tag.name in ALLOWED_TAGS, (tag.name, values)
        assert set(tag.attrs) <= ALLOWED_ATTRIBUTES, (tag, values)
        assert set(tag.get("class", [])) <= ALLOWED_CLASSES, (tag, values)
        if tag.name == "a":
            assert link_scheme(tag["href"]) in {None, "http", "https", "mailto"}, (tag, values)
        if tag.name == "time":
            assert tag["datetime"] in ("2026-01-05", "2026-01-06"), (tag, values)  # the update's


TOKENS = [
    *SPECIAL,
    *"titledaeykpsummary0123456789",
    "\n  ",
    ": ",
    "- ",
    "---\n",
    "&a ",
    "*a",
    "!!str ",
    "\ufeff",
    "\x00",
    "title",
    "key_points",
]
yaml_like = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


@settings(max_examples=400, deadline=None)
@given(yaml_like)
def test_any_text_gives_a_brief_or_positioned_problems(source: str) -> None:
    raw, problems = parse_brief_text(Path("f.yaml"), source)
    if raw is not None:
        brief, brief_problems = parse_brief(raw)
        problems = problems + brief_problems
        assert brief is not None or brief_problems
    else:
        assert problems
    for problem in problems:
        assert (
            problem.position is not None
            and problem.position.line >= 1
            and problem.position.col >= 1
        )
        assert problem.format().startswith("f.yaml:")


field_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from([*FIELDS, "title", "text", "by"]), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*list(Brief.model_fields), "key_ponts", "x"]), field_values, max_size=12
    )
)
def test_any_mapping_of_fields_gives_a_brief_or_positioned_problems(data: dict[str, Any]) -> None:
    source = yaml.safe_dump(data, allow_unicode=True)
    raw, problems = parse_brief_text(Path("f.yaml"), source)
    assert raw is not None or problems
    if raw is not None:
        brief, brief_problems = parse_brief(raw)
        assert brief is not None or brief_problems
        for problem in brief_problems:
            assert problem.position is not None
