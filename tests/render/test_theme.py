"""Render makes outputs of several kinds, each with its own escaping, from a theme the
pipeline read: Markdown pages, XML, JSON through an encoder, assets passed through. Every
broken template is reported in one run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build.pipeline import generate, load_briefs
from generator.errors import BriefsError
from generator.graph.index import build_index
from generator.render.outputs import kind_of, to_json
from generator.render.pages import PageSpec
from generator.render.site import render_page, render_site
from generator.render.theme import builtin_dir, load_theme
from generator.settings import Settings
from support import brief_yaml

HOSTILE = '</title><script>alert(1)</script> & <!-- \u2028 "quoted"'


def _site(tmp_path: Path, templates: dict[str, str] | None = None, **fields: object) -> Settings:
    (tmp_path / "briefs").mkdir(exist_ok=True)
    (tmp_path / "briefs" / "a.yaml").write_text(brief_yaml(**fields), "utf-8")
    if templates is not None:
        (tmp_path / "templates").mkdir(exist_ok=True)
        for name, text in templates.items():
            (tmp_path / "templates" / name).write_text(text, "utf-8")
        return Settings(root=tmp_path, templates_dir="templates")
    return Settings(root=tmp_path)


def test_every_broken_template_is_reported_in_one_run_with_its_line(tmp_path: Path) -> None:
    settings = _site(
        tmp_path,
        {
            "home.md.j2": "# Home\n\n{% for x in latest %}\n{{ x.title }\n{% endfor %}\n",
            "brief.md.j2": "# {{ brief.title }}\n\n{{ brief.no_such_field }}\n",
            "categories.md.j2": "{% include 'missing.md.j2' %}\n",
        },
    )
    with pytest.raises(BriefsError) as caught:
        generate(settings)
    report = caught.value.report()
    assert "templates/home.md.j2:4:1: template error: unexpected '}'" in report
    assert "templates/brief.md.j2:3:1: template error:" in report
    assert "no_such_field" in report
    assert "templates/categories.md.j2" in report and "missing.md.j2" in report
    assert "Traceback" not in report


def test_a_template_that_fails_is_reported_once_not_once_per_page(tmp_path: Path) -> None:
    settings = _site(tmp_path, {"brief.md.j2": "{{ brief.nope }}\n"})
    (tmp_path / "briefs" / "b.yaml").write_text(brief_yaml(title="Second"), "utf-8")
    with pytest.raises(BriefsError) as caught:
        generate(settings)
    assert len([p for p in caught.value.problems if "brief.md.j2" in str(p.path)]) == 1


def test_xml_outputs_are_escaped_by_jinja_not_by_the_template_author(tmp_path: Path) -> None:
    settings = _site(
        tmp_path,
        {"feed.xml.j2": "<item><title>{{ brief.title }}</title>{{ brief.date }}</item>\n"},
        title=HOSTILE,
    )
    briefs, _ = load_briefs(settings)
    index, _ = build_index(briefs)
    theme, _ = load_theme(settings.templates_path)
    assert kind_of("feed.xml.j2") == "xml" and kind_of("brief.md.j2") == "markdown"
    spec = PageSpec("feed.xml", "feed.xml.j2", {"brief": index.briefs[0]})
    xml = render_page(spec, settings, theme)
    assert "<script>" not in xml and "</title><script>" not in xml
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!--" in xml
    assert "2026-01-05" in xml


def test_json_is_made_by_the_encoder_and_is_safe_inside_a_script_element() -> None:
    data = {"title": HOSTILE, "n": 3, "when": None}
    text = to_json(data)
    assert json.loads(text) == data
    for unsafe in ("<", ">", "&", "\u2028"):
        assert unsafe not in text
    assert "\\u003c/script\\u003e" in text


def test_assets_pass_through_as_bytes(tmp_path: Path) -> None:
    files = generate(_site(tmp_path)).files
    stylesheet = files["assets/newsbriefs/newsbriefs.css"]
    assert isinstance(stylesheet, bytes)
    assert stylesheet == (builtin_dir() / "assets" / "newsbriefs.css").read_bytes()


def test_render_reads_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline reads the theme; render only computes from it."""
    settings = _site(tmp_path)
    briefs, _ = load_briefs(settings)
    index, _ = build_index(briefs)
    theme, _ = load_theme(None)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("render read a file")

    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr("builtins.open", refuse)
    outputs, problems = render_site(index, settings, theme)
    assert not problems
    assert {o.kind for o in outputs} == {"markdown", "asset"}
    assert any(o.path == "briefs/a.md" for o in outputs)


def test_a_missing_templates_dir_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    settings = _site(tmp_path).model_copy(update={"templates_dir": "nowhere"})
    with pytest.raises(BriefsError) as caught:
        generate(settings)
    assert "nowhere: templates_dir not found" in caught.value.report()
