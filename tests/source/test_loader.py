"""Stage 1: YAML files to raw mappings, with positions; every broken file gives a position."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.source.loader import MAX_FILE_BYTES, discover, load_brief, parse_brief_text


def parse(text: str) -> tuple[dict[str, object] | None, list[str]]:
    raw, problems = parse_brief_text(Path("b.yaml"), text)
    return (raw.data if raw else None), [p.format() for p in problems]


def test_unquoted_ON_NO_Y_OFF_tickers_stay_strings() -> None:
    data, problems = parse("tickers: [ON, NO, Y, OFF, yes, n]\n")
    assert problems == []
    assert data == {"tickers": ["ON", "NO", "Y", "OFF", "yes", "n"]}


def test_only_true_and_false_are_booleans() -> None:
    data, _ = parse("a: true\nb: False\nc: on\n")
    assert data == {"a": True, "b": False, "c": "on"}


def test_no_sexagesimal_numbers_and_no_implicit_dates() -> None:
    data, _ = parse("a: 1:20\nb: 2026-01-31\nc: 0x1F\nd: 1e3\ne: 012\n")
    assert data == {"a": "1:20", "b": "2026-01-31", "c": 31, "d": 1000.0, "e": 12}


def test_duplicate_key_is_an_error_at_the_second_key() -> None:
    _, problems = parse("title: A\nsummary: x\ntitle: B\n")
    assert problems == ["b.yaml:3:1: title: duplicate field; already set on line 1 (remove one)"]


def test_duplicate_key_inside_a_list_item_names_the_nested_field() -> None:
    _, problems = parse("risks:\n  - title: a\n    title: b\n")
    assert problems == [
        "b.yaml:3:5: risks[0].title: duplicate field; already set on line 2 (remove one)"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "title: [a,\n",
            "b.yaml:2:1: YAML syntax: while parsing a flow node, did not find expected node content",
        ),
        (
            "title: a: b\n",
            "b.yaml:1:9: YAML syntax: mapping values are not allowed in this context (a value that contains ': ' must be in quotes: title: \"Ford: the return\")",
        ),
        (
            "title: a\n\tsummary: b\n",
            "b.yaml:2:1: YAML syntax: found a tab character; YAML indents with spaces, not tabs",
        ),
        (
            "title: a\n---\ntitle: b\n",
            "b.yaml:2:1: YAML syntax: a brief file holds one document; found a second one (remove the '---' line)",
        ),
        (
            "- title: a\n",
            "b.yaml:1:1: a brief is a mapping of fields (title: ..., date: ...), but this file holds a list",
        ),
        (
            "just words\n",
            "b.yaml:1:1: a brief is a mapping of fields (title: ..., date: ...), but this file holds a single value",
        ),
        (
            "",
            "b.yaml:1:1: file is empty; a brief needs at least title, date, category, key_points and summary",
        ),
        (
            "# only a comment\n",
            "b.yaml:1:1: file is empty; a brief needs at least title, date, category, key_points and summary",
        ),
        (
            "title: !!binary aGk=\n",
            "b.yaml:1:8: title: unsupported YAML tag 'tag:yaml.org,2002:binary'; write the value without a tag",
        ),
    ],
)
def test_broken_yaml_gives_one_positioned_problem(text: str, expected: str) -> None:
    _, problems = parse(text)
    assert problems == [expected]


def test_a_file_of_only_a_document_marker_is_empty() -> None:
    _, problems = parse("---\n")
    assert problems == [
        "b.yaml:1:1: file is empty; a brief needs at least title, date, category, key_points and summary"
    ]


def test_utf16_without_byte_order_mark_is_named(tmp_path: Path) -> None:
    path = tmp_path / "u16.yaml"
    path.write_bytes("title: A\n".encode("utf-16-le"))
    raw, problems = load_brief(path)
    assert raw is None
    assert (
        problems[0]
        .format()
        .endswith("1:1: file looks like UTF-16 without a byte-order mark; save it as UTF-8")
    )


def test_utf16_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "u16.yaml"
    path.write_bytes("title: A\r\n".encode("utf-16"))
    raw, problems = load_brief(path)
    assert problems == [] and raw is not None and raw.data == {"title": "A"}


def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcde", "bcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    data, problems = parse("\n".join(lines) + "\n")
    assert data is None
    assert len(problems) == 1 and "more than 20,000 values" in problems[0]


def test_recursive_alias_is_refused_not_a_hang() -> None:
    data, problems = parse("a: &x [*x]\n")
    assert data is None and "nesting is deeper" in problems[0]


def test_deep_nesting_is_refused() -> None:
    data, problems = parse("a: " + "[" * 100 + "]" * 100 + "\n")
    assert data is None and problems[0].startswith("b.yaml:1:") and "nesting" in problems[0]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: A\n")
    raw, problems = load_brief(path)
    assert problems == [] and raw is not None and raw.data == {"title": "A"}


def test_non_utf8_bytes_give_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"title: A\nsummary: caf\xe9\n")
    raw, problems = load_brief(path)
    assert raw is None
    assert problems[0].position is not None
    assert (problems[0].position.line, problems[0].position.col) == (2, 13)
    assert "not valid UTF-8" in problems[0].message


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("title: " + "x" * (MAX_FILE_BYTES + 1) + "\n")
    raw, problems = load_brief(path)
    assert raw is None and "a brief may be at most" in problems[0].message


def test_positions_point_at_values_and_keys() -> None:
    raw, _ = parse_brief_text(
        Path("b.yaml"), "title: A\nrisks:\n  - title: R\n    sectors: [x, y]\n"
    )
    assert raw is not None
    assert raw.position_of(("risks", 0, "sectors", 1)).line == 4
    assert raw.position_of(("risks", 0, "sectors", 1)).col == 18
    assert raw.position_of(("risks", 0, "nonexistent")).line == 3  # nearest enclosing value
    assert raw.position_of(("title",), key=True).col == 1


def test_discover_skips_underscore_and_dot_entries_and_other_suffixes(tmp_path: Path) -> None:
    for rel in [
        "a.yaml",
        "b.yml",
        "_data/tickers.yaml",
        ".hidden/c.yaml",
        "_draft.yaml",
        "notes.txt",
        "sub/d.yaml",
    ]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("title: x\n")
    found, problems = discover(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["a.yaml", "b.yml", "sub/d.yaml"]
    assert problems == []


def test_symlink_out_of_the_briefs_folder_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("title: secret\n")
    briefs = tmp_path / "briefs"
    briefs.mkdir()
    (briefs / "link.yaml").symlink_to(outside)
    found, problems = discover(briefs)
    assert found == []
    assert "leads outside the briefs folder" in problems[0].message


def test_missing_briefs_folder_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    found, problems = discover(tmp_path / "nope")
    assert found == [] and "briefs folder not found" in problems[0].message


def test_symlinked_folder_inside_briefs_is_followed_once_and_one_outside_is_reported(
    tmp_path: Path,
) -> None:
    briefs = tmp_path / "briefs"
    (briefs / "2026").mkdir(parents=True)
    (briefs / "2026" / "a.yaml").write_text("title: a\n")
    (briefs / "latest").symlink_to(briefs / "2026")  # same folder twice: read once
    (briefs / "loop").symlink_to(briefs)  # a cycle
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.yaml").write_text("title: b\n")
    (briefs / "outside").symlink_to(tmp_path / "elsewhere")
    found, problems = discover(briefs)
    assert len(found) == 1 and found[0].name == "a.yaml"
    assert [p.format().split(": ", 1)[1] for p in problems] == [
        "symbolic link leads outside the briefs folder; not followed"
    ]
