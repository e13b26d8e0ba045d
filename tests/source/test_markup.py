"""Brief text is data: what `markup.inline` makes of hostile text, rendered by Python-Markdown
with the extensions MkDocs Material sites (and Zensical by default) enable."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from properdocs.utils.meta import get_data as properdocs_get_data

from corpus.markdown_union import render_html
from generator.build.pipeline import generate
from generator.errors import BriefsError, Position, Problem
from generator.graph import urls
from generator.render.outputs import front_matter
from generator.settings import Settings
from generator.source.loader import parse_brief_text
from generator.source.markup import (
    MAX_BRACKET_DEPTH,
    MAX_MARKER_RUN,
    Markdown,
    external_link,
    inline,
    paragraphs,
    plain_text,
    syntax_problem,
)
from generator.source.model import MAX_DEK, MAX_ITEMS, MAX_LONG, MAX_SHORT, MAX_TOTAL, parse_brief
from support import REPO, SiteFactory, brief_yaml
from support.hostile import CONTEXTS, HOSTILE, assert_inert, assert_only_text_in


def render(md: str) -> BeautifulSoup:
    """As a site with every extension would render it (the toc's ¶ permalinks left out)."""
    soup = render_html(md, typography=False)
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    return soup


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_text_in_every_context(text: str) -> None:
    """Each payload of the one corpus (tests/support/hostile.py) in each context a template
    puts a field in, rendered with every extension a site may enable: nothing runs, nothing
    is dropped, and the text adds no element but a link to a web page."""
    for context in CONTEXTS:
        soup = render_html(context.format(paragraphs(text, 4)))
        assert_inert(soup, (text, context))
        assert_only_text_in(soup, context, (text, context))


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("{{ 7*7 }}", "{{ 7*7 }}"),
        ("# Not a heading", "# Not a heading"),
        ("1. Not a list", "1. Not a list"),
        ("AT&T & P&G", "AT&T & P&G"),
        ("[click](javascript:alert(1))", "[click](javascript:alert(1))"),
        ("`code`", "`code`"),
        ("[TOC]", "[TOC]"),
        ("==a== ^^b^^ ~~c~~ ++d++ $e$", "==a== ^^b^^ ~~c~~ ++d++ $e$"),
        ("{: autofocus onfocus=alert(1) }", "{: autofocus onfocus=alert(1) }"),
        (":smile: at 10:30", ":smile: at 10:30"),
        ("@someone #12", "@someone #12"),
        (r"a \[b\] c\\", r"a \[b\] c\\"),
        ("a. not a list", "a. not a list"),
        ('--8<-- "README.md"', '--8<-- "README.md"'),
    ],
)
def test_syntax_of_any_extension_is_shown_exactly_as_written(text: str, shown: str) -> None:
    """Only typography (smarty, smartsymbols) may change how text reads."""
    soup = render(inline(text))
    assert soup.get_text() == shown
    assert soup.find("a") is None


def test_emphasis_and_safe_links_still_work() -> None:
    soup = render(inline("*Ford* said **no**; see [the filing](https://sec.gov/x?a=1&b=2)."))
    assert soup.find("em").get_text() == "Ford"
    assert soup.find("strong").get_text() == "no"
    assert soup.find("a")["href"] == "https://sec.gov/x?a=1&b=2"


def test_bold_at_the_start_of_a_list_item_is_not_mistaken_for_a_list() -> None:
    soup = render("- " + inline("**Ford** denied it"))
    assert soup.find("li").find("strong").get_text() == "Ford"


def test_link_text_mode_cannot_close_or_nest_our_link() -> None:
    soup = render(f"[{inline('A] (x) [b](https://e.com)', link_text=True)}](page.md)")
    anchors = soup.find_all("a")
    assert len(anchors) == 1 and anchors[0]["href"] == "page.md"
    assert anchors[0].get_text() == "A] (x) b"  # the author's link shows as its text


def test_text_becomes_one_line() -> None:
    assert inline("a\n\nb\n  c") == "a b c"


def test_paragraphs_keep_blank_line_breaks_inside_lists_and_quotes() -> None:
    assert paragraphs("one\n\ntwo", indent=4) == "one\n\n    two"
    assert paragraphs("one\n\n\ntwo", quoted=True) == "one\n>\n> two"


def test_external_link_encodes_characters_markdown_would_trip_on() -> None:
    link = external_link("https://e.com/a (b)", "T")
    assert link == "[T](https://e.com/a%20%28b%29)"
    assert isinstance(link, Markdown)


@pytest.mark.parametrize("title", ["C:\\", "\\"])
def test_a_title_ending_in_a_backslash_is_still_a_heading(title: str) -> None:
    soup = render(f"# {inline(title)}\n")
    assert soup.h1 is not None and soup.h1.get_text() == title


# ---------------------------------------------------------------------------------------------
# Brief text hardening (issue #12): brief text never reaches Markdown or HTML as syntax,
# whatever extensions the engine enables; front matter always parses; hostile characters and
# runaway input are refused at load with a position; printed messages cannot be forged;
# relative links are checked before the build.
#
# Most checks run in-process (the pipeline, then Python-Markdown with the union of the
# extensions Material sites and Zensical enable, parsed with BeautifulSoup); one real
# ``mkdocs build --strict`` proves relative links work where the pages show them.


# ---------------------------------------------------------------------------------------------
# 1. Brief text that runs as code.

# Every payload of the one corpus in every context: test_hostile_text_is_inert_text_in_every_context above.


def test_nested_link_is_text_around_the_inner_safe_link() -> None:
    soup = render_html(inline("[[x](https://ok.example)](javascript:alert(1))"))
    assert [a["href"] for a in soup.find_all("a")] == ["https://ok.example"]


def test_markdown_punctuation_becomes_numeric_references_never_backslash_escapes() -> None:
    out = inline("a[b]c*d_e{f}g|h#i$j+k=l^m~n@o!p\\q`r")
    assert "\\" not in out
    assert out == (
        "a&#91;b&#93;c&#42;d&#95;e&#123;f&#125;g&#124;h&#35;i&#36;j&#43;k&#61;l&#94;m"
        "&#126;n&#64;o&#33;p&#92;q&#96;r"
    )


def test_ordinary_punctuation_stays_readable() -> None:
    text = 'Ford\'s "plan", at 10:30 (ET); 5% up? Yes. A/B - done: ok'
    assert inline(text) == text.replace("10:30", "10&#58;30")


def test_emphasis_and_links_still_work_and_destinations_are_literal() -> None:
    text = "**Ford** and _GM_: see [the *filing*](https://sec.gov/a_b*c?x=1&y=2) and [p](../p.md#s)"
    soup = render_html(inline(text))
    assert soup.find("strong").get_text() == "Ford"
    assert soup.find("em").get_text() == "GM"
    hrefs = [a["href"] for a in soup.find_all("a") if "headerlink" not in (a.get("class") or [])]
    assert hrefs == ["https://sec.gov/a_b*c?x=1&y=2", "../p.md#s"]


def test_a_destination_that_decodes_to_a_scheme_is_not_a_link() -> None:
    for text in ["[x](javascript%3Aalert(1))", "[x](&#106;avascript:alert(1))", "[x](a:b)"]:
        assert "](" not in inline(text), text


# ---------------------------------------------------------------------------------------------
# 1b. The dek that ran script in Chromium, through the pipeline and the union of extensions.


def _site_settings(
    tmp_path: Path, briefs: dict[str, str], docs: dict[str, str] | None = None
) -> Settings:
    (tmp_path / "briefs").mkdir(exist_ok=True)
    for name, text in briefs.items():
        (tmp_path / "briefs" / name).write_text(text, "utf-8")
    (tmp_path / "docs").mkdir(exist_ok=True)
    for name, text in (docs or {}).items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, "utf-8")
    return Settings(root=tmp_path, docs_dir=tmp_path / "docs")


def _hostile_briefs() -> dict[str, str]:
    briefs = {}
    for i, text in enumerate(t for t in HOSTILE if syntax_problem(t) is None):
        title = text.replace("\n", " ")[:MAX_SHORT]
        briefs[f"b{i}.yaml"] = brief_yaml(
            title=title,
            dek=title,
            category=f"{title} {i}",
            byline=[f"{title} {i}"],  # bylines, tags and sectors are terms: one page each
            tags=[f"{title} {i}"],
            key_points=[text],
            summary=text,
            details=[text],
            quotes=[{"text": text, "by": title, "role": title}],
            notes=[{"title": title, "text": text}],
            risks=[{"title": title, "text": text, "sectors": [f"{title} {i}"]}],
            sources=[{"title": title, "url": "https://example.com/a(b)"}],
        )
    return briefs


def test_every_generated_page_is_inert_and_its_front_matter_parses(tmp_path: Path) -> None:
    settings = _site_settings(tmp_path, _hostile_briefs())
    pages = {p: t for p, t in generate(settings).files.items() if p.endswith(".md")}
    assert len(pages) > len(HOSTILE)
    for path, text in pages.items():
        body, meta = get_data(text)
        # Title and description (brief text); the theme's own settings, never brief text.
        # The front page has no title: its tab reads the site's name alone.
        wanted = {"description"} if path == urls.HOME else {"title", "description"}
        assert wanted <= set(meta) <= {"title", "description", "hide", "search"}, path
        assert meta.get("hide", []) in ([], ["toc"]), path
        assert meta.get("search", {}) in ({}, {"boost": 4}, {"exclude": True}), path
        assert not body.lstrip().startswith("---"), path
        assert text.split("\n---\n", 1)[0].isascii(), path
        assert_inert(render_html(body), path, own_charts=int(path == urls.RISKS))


# ---------------------------------------------------------------------------------------------
# Property: adversarial Markdown-ish text is refused by the limits or renders inert.

FRAGMENTS = st.sampled_from(
    [
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "*",
        "**",
        "_",
        "__",
        "`",
        "\\",
        "<",
        ">",
        "&",
        "#",
        "{",
        "}",
        ":",
        "=",
        "^",
        "~",
        "+",
        "-",
        "$",
        "@",
        "!",
        "|",
        '"',
        "'",
        " ",
        "\n",
        "\n\n",
        "javascript:",
        "JavaScript:",
        "data:",
        "&#106;",
        "&#x6A;",
        "%6A",
        "%3A",
        "http://a.example",
        "https://",
        "//",
        "mailto:",
        "[TOC]",
        "--8<--",
        "{:",
        "onclick=",
        "autofocus",
        "onfocus=alert(1)",
        ":smile:",
        "<script>",
        "<img src=x onerror=y>",
        "{++",
        "++}",
        "{--",
        "==",
        "^^",
        "~~",
        "$$",
        "1.",
        "a.",
        "!!!",
        "???",
        "///",
        ":::",
        "[^1]",
        "*[",
        "]:",
        "a",
        "b",
        "x y",
        "0",
    ]
)
ADVERSARIAL = st.lists(FRAGMENTS, max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ADVERSARIAL, context=st.sampled_from(CONTEXTS))
def test_adversarial_text_is_refused_or_renders_inert(text: str, context: str) -> None:
    if syntax_problem(text) is not None:
        return  # refused at load: see test_limits_are_enforced_at_load
    soup = render_html(context.format(paragraphs(text, 4)))
    assert_inert(soup, (text, context))


@settings(max_examples=200, deadline=None)
@given(text=ADVERSARIAL)
def test_adversarial_text_shows_as_written(text: str) -> None:
    """With Python-Markdown alone, readers see exactly the text without its Markdown."""
    if syntax_problem(text) is not None or not text.strip():
        return
    shown = BeautifulSoup(markdown.markdown(inline(text)), "html.parser").get_text()
    assert shown == plain_text(text).strip()


@settings(max_examples=100, deadline=None)
@given(run=st.integers(MAX_MARKER_RUN + 1, 5000), marker=st.sampled_from("*_"))
def test_limits_are_enforced_at_load(run: int, marker: str) -> None:
    brief, problems = _validate(brief_yaml(summary=f"a {marker * run} b"))
    assert brief is None
    assert problems == [
        f"b.yaml:6:10: summary: has a run of {run:,} {marker!r} characters; "
        f"at most {MAX_MARKER_RUN} in a row (emphasis is *one* or **two**)"
    ]


def _validate(text: str) -> tuple[object, list[str]]:
    raw, problems = parse_brief_text(Path("b.yaml"), text)
    assert raw is not None, problems
    brief, brief_problems = parse_brief(raw)
    return brief, [p.format() for p in problems + brief_problems]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"summary": "[" * 20_000},
            f"summary: nests brackets more than {MAX_BRACKET_DEPTH} deep ([[[[...); refused",
        ),
        (
            {"summary": "x" * (MAX_LONG + 1)},
            f"summary: is {MAX_LONG + 1:,} characters long; a text has at most {MAX_LONG:,}",
        ),
        (
            {"dek": "x" * (MAX_DEK + 1)},
            f"dek: is {MAX_DEK + 1:,} characters long; a dek has at most {MAX_DEK:,}",
        ),
        (
            {"category": "x" * (MAX_SHORT + 1)},
            f"category: is {MAX_SHORT + 1:,} characters long; a name or title has at most {MAX_SHORT:,}",
        ),
        (
            {"key_points": ["x"] * (MAX_ITEMS + 1)},
            f"key_points: has {MAX_ITEMS + 1} items; at most {MAX_ITEMS} are allowed",
        ),
        (
            {"details": ["x" * MAX_LONG] * (MAX_TOTAL // MAX_LONG + 1)},
            f"characters in all; a brief has at most {MAX_TOTAL:,}",
        ),
        (
            {"title": "x" * 301},
            "title: is 301 characters long; a headline has at most 300",
        ),
    ],
)
def test_each_limit_is_named_in_a_positioned_error(
    fields: dict[str, object], expected: str
) -> None:
    brief, problems = _validate(brief_yaml(**fields))
    assert brief is None
    assert len(problems) == 1 and re.match(r"b\.yaml:\d+:\d+: ", problems[0])
    assert problems[0].endswith(expected)


# ---------------------------------------------------------------------------------------------
# 2. Quadratic Markdown: what used to take minutes is refused or linear.


def test_twenty_thousand_brackets_are_refused_and_unnested_ones_never_reach_markdown_raw() -> None:
    assert syntax_problem("[" * 20_000) is not None
    text = "[a](" * 2_500  # 10,000 characters, nesting depth 1
    assert syntax_problem(text) is None
    assert "[" not in inline(text) and "(" in inline(text)


# ---------------------------------------------------------------------------------------------
# Front matter: MkDocs' own reader parses it for any input.

SPECIAL = st.sampled_from(
    [
        "\x85",
        "\x00",
        "\x1b",
        "\x7f",
        "\ufffe",
        "\uffff",
        "\ud800",
        "\udfff",
        "\u2028",
        "\ufeff",
        "---",
        "...",
        "\n---\n",
        '"',
        "\\",
        "'",
        ": ",
        "#",
        "&",
        "<",
        "\t",
        "\r\n",
        "\U0001fffe",
    ]
)
ANY_TEXT = st.lists(
    st.text(st.characters(exclude_categories=()), max_size=5) | SPECIAL, max_size=12
).map("".join)


def _shown(text: str) -> str:
    """What the front matter says: plain, HTML-escaped, a lone surrogate as U+FFFD."""
    return re.sub("[\ud800-\udfff]", "\ufffd", html.escape(plain_text(text)))


@settings(max_examples=300, deadline=None)
@given(title=ANY_TEXT, description=ANY_TEXT)
def test_mkdocs_and_properdocs_read_front_matter_of_any_text(title: str, description: str) -> None:
    block = front_matter(title=title, description=description)
    assert block.isascii()
    for reader in (get_data, properdocs_get_data):
        body, meta = reader(block + "\n\n# Body\n")
        assert meta == {"title": _shown(title), "description": _shown(description)}
        assert body.strip() == "# Body"


# ---------------------------------------------------------------------------------------------
# Text normalised at load: characters no text may hold are refused with a position.


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (
            'title: "A\\x85B"\n',
            ["b.yaml:1:8: title: character U+0085 (a control character) is not allowed; remove it"],
        ),
        (
            'title: "A\\uFFFE"\n',
            [
                "b.yaml:1:8: title: character U+FFFE (a Unicode non-character) is not allowed; remove it"
            ],
        ),
        (
            'title: "A\\uFDD0"\n',
            [
                "b.yaml:1:8: title: character U+FDD0 (a Unicode non-character) is not allowed; remove it"
            ],
        ),
        (
            'title: "A\\U0010FFFF"\n',
            [
                "b.yaml:1:8: title: character U+10FFFF (a Unicode non-character) is not allowed; remove it"
            ],
        ),
        (
            'title: "A\\x1b[31m"\n',
            ["b.yaml:1:8: title: character U+001B (a control character) is not allowed; remove it"],
        ),
        (
            'key_points: ["\\x07"]\n',
            [
                "b.yaml:1:14: key_points[0]: character U+0007 (a control character) is not allowed; remove it"
            ],
        ),
        (
            '"ti\\x9btle": A\n',
            [
                "b.yaml:1:1: ti\\u009btle: character U+009B (a control character) is not allowed; remove it"
            ],
        ),
        (
            "title: Shares \u202egnp.exe rise\n",  # a right-to-left override, typed raw
            [
                "b.yaml:1:8: title: character U+202E (a bidirectional control, which makes "
                "text display in another order) is not allowed; remove it"
            ],
        ),
        (
            'tags: ["\\u2066x\\u2069"]\n',
            [
                "b.yaml:1:8: tags[0]: character U+2066 (a bidirectional control, which makes "
                "text display in another order) is not allowed; remove it",
                "b.yaml:1:8: tags[0]: character U+2069 (a bidirectional control, which makes "
                "text display in another order) is not allowed; remove it",
            ],
        ),
        (
            'title: "A\\ud800"\n',
            [
                "b.yaml:1:12: YAML syntax: while parsing a quoted scalar, found invalid Unicode character escape code"
            ],
        ),
    ],
)
def test_forbidden_characters_are_refused_with_a_position(
    yaml_text: str, expected: list[str]
) -> None:
    _, problems = parse_brief_text(Path("b.yaml"), yaml_text)
    assert [p.format() for p in problems] == expected


def test_right_to_left_marks_are_text() -> None:
    """U+200F (and U+200E) are what right-to-left text needs; only the controls that
    reorder text are refused."""
    raw, problems = parse_brief_text(Path("b.yaml"), "title: \u05e9\u05dc\u05d5\u05dd\u200f F\n")
    assert problems == [] and raw is not None
    assert raw.data["title"] == "\u05e9\u05dc\u05d5\u05dd\u200f F"


def test_tab_and_newline_are_text() -> None:
    raw, problems = parse_brief_text(Path("b.yaml"), 'summary: "a\\tb\\nc"\n')
    assert problems == [] and raw is not None


# ---------------------------------------------------------------------------------------------
# 3. Messages that cannot be forged.


def test_a_problem_is_always_one_line_whatever_its_parts_hold() -> None:
    problem = Problem(
        Path("a\n::error file=x::forged.yaml"),
        "unknown field 'x\r\n::warning ::y' \x85 \u2028 \u202e",
        Position(1, 1),
        "k\n::error ::z",
    )
    for line in (problem.format(), problem.format_github(), problem.format_github(strict=True)):
        assert "\n" not in line and "\r" not in line
        assert not re.search(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202e]", line), line
    assert problem.format() == (
        "a\\n::error file=x::forged.yaml:1:1: k\\n::error ::z: unknown field "
        "'x\\r\\n::warning ::y' \\u0085 \\u2028 \\u202e"
    )


def test_under_github_actions_a_hostile_key_and_file_name_print_no_command_of_their_own(
    site: SiteFactory,
) -> None:
    hostile_key = '"x\\n::error file=forged.yaml::forged": 1\n'
    root = site.create({"a\n::error file=evil::forged.yaml": brief_yaml() + hostile_key})
    assert root.is_dir()
    result = site.briefs("check", actions=True)
    assert result.returncode == 1, result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    commands = [line for line in lines if line.startswith("::")]
    assert commands, result.stdout
    assert all(line.startswith("::error file=briefs/a\\n%3A%3Aerror") for line in commands), lines


# ---------------------------------------------------------------------------------------------
# Relative links are checked by the pipeline, at the brief's field.


def test_relative_link_to_a_missing_file_is_a_positioned_problem(tmp_path: Path) -> None:
    settings = _site_settings(
        tmp_path, {"a.yaml": brief_yaml(summary="See [the filing](filing.pdf).")}
    )
    with pytest.raises(BriefsError) as caught:
        generate(settings)
    assert [p.format() for p in caught.value.problems] == [
        f"{tmp_path}/briefs/a.yaml:6:10: summary: link 'filing.pdf' leads to briefs/filing.pdf, "
        "which is not a page or file of the site (links resolve from the brief's page, "
        "briefs/a.md); link to a file in the docs folder or use a full https:// address"
    ]


def test_relative_link_out_of_the_site_is_a_problem(tmp_path: Path) -> None:
    settings = _site_settings(tmp_path, {"a.yaml": brief_yaml(details=["[x](../../etc/passwd)"])})
    with pytest.raises(BriefsError) as caught:
        generate(settings)
    (problem,) = caught.value.problems
    assert problem.field == "details" and "leads outside the site" in problem.message


def test_relative_links_to_docs_files_and_other_briefs_pass(tmp_path: Path) -> None:
    settings = _site_settings(
        tmp_path,
        {
            "a.yaml": brief_yaml(summary="See [the filing](../filing.pdf) and [b](b.md#top)."),
            "b.yaml": brief_yaml(
                dek="Back to [a](a.md), [home](../index.md)", summary="[x](#frag)"
            ),
        },
        {"filing.pdf": "%PDF", "about.md": "# About\n"},
    )
    files = generate(settings).files
    assert "[the filing](../filing.pdf)" in files["briefs/a.md"]


def test_listings_show_brief_text_without_its_links(tmp_path: Path) -> None:
    settings = _site_settings(
        tmp_path,
        {"a.yaml": brief_yaml(dek="Read [the filing](../filing.pdf)")},
        {"filing.pdf": "%PDF"},
    )
    files = generate(settings).files
    assert "[the filing](../filing.pdf)" in files["briefs/a.md"]
    for listing in ("index.md", "categories/stock-markets/index.md"):
        assert "Read the filing" in files[listing]
        assert "filing.pdf" not in files[listing]


@pytest.mark.e2e
def test_relative_links_build_strict_with_mkdocs(site: SiteFactory) -> None:
    root = site.create(
        {
            "a.yaml": brief_yaml(
                dek="Read [the filing](../filing.pdf)", summary="And [about](../about.md)."
            )
        },
        docs={"about.md": "# About\n", "filing.pdf": "%PDF"},
    )
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "briefs" / "a" / "index.html").read_text("utf-8")
    assert 'href="../../filing.pdf"' in page


# ---------------------------------------------------------------------------------------------
# BAD_INPUT.md documents every case above.

DOCUMENTED = [
    "attribute list with an event handler",
    "nested link",
    "backslash escapes",
    "`[TOC]`",
    "C1 control or non-character",
    "runaway brackets or emphasis markers",
    "text over its length limit",
    "a newline in a file name or field",
    "relative link to a missing file",
]


def test_bad_input_documents_the_text_cases() -> None:
    text = (REPO / "BAD_INPUT.md").read_text("utf-8")
    missing = [name for name in DOCUMENTED if f"| {name} |" not in text]
    assert not missing, f"document these in BAD_INPUT.md: {missing}"


# ---------------------------------------------------------------------------------------------
# Found by a second attack (each failed before its fix).


def test_a_link_to_a_hidden_docs_file_is_a_problem_since_mkdocs_does_not_publish_it(
    tmp_path: Path,
) -> None:
    settings = _site_settings(
        tmp_path,
        {"a.yaml": brief_yaml(summary="See [x](../.secret.txt) and [t](../templates/t.html).")},
        {".secret.txt": "x", "templates/t.html": "x"},
    )
    with pytest.raises(BriefsError) as caught:
        generate(settings)
    messages = [p.message for p in caught.value.problems]
    assert len(messages) == 2 and all("not a page or file of the site" in m for m in messages)


def test_a_source_url_with_quotes_keeps_its_address_and_gets_no_title() -> None:
    from generator.source.markup import external_link

    html_out = markdown.markdown(external_link("https://example.org/?a=1&c='d'", "ok"))
    link = BeautifulSoup(html_out, "html.parser").a
    assert link is not None and "title" not in link.attrs
    assert link["href"] == "https://example.org/?a=1&c=%27d%27"


@pytest.mark.e2e
def test_a_brief_file_name_cannot_put_attributes_into_the_edit_link(site: SiteFactory) -> None:
    """Themes print the edit URL into an attribute as it is; the file name is input."""
    name = 'x" onmouseover="alert(1)" autofocus onfocus="alert(2)" a=".yaml'
    root = site.create({name: brief_yaml(slug="edit-link")})
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  font: false\n",
            "  font: false\n  features: [content.action.edit, content.action.view]\n",
        )
        + "repo_url: https://github.com/o/r\n",
        "utf-8",
    )
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup(
        (root / "site" / "briefs" / "edit-link" / "index.html").read_text("utf-8"), "html.parser"
    )
    edits = soup.select('a[title="Edit this page"], a[title="View source of this page"]')
    assert edits, "the theme shows edit links"
    for link in edits:
        assert not {"onmouseover", "onfocus", "autofocus"} & set(link.attrs), link
        assert "%22%20onmouseover%3D%22alert%281%29%22" in link["href"]
