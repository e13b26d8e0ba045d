"""Hostile and broken input, case by case, through `mkdocs build --strict` and `briefs check`.

Each case adds files to a site that built fine, then asserts the exact positioned message,
exit status 1, no traceback, and that the previously built site/ is byte-for-byte untouched.
Every case runs MkDocs (with the plugin) and the command in this process; a few run the real
commands as well.
The catalogue below is also what BAD_INPUT.md documents; a test keeps the two in step.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.source.loader import MAX_DEPTH
from generator.source.model import FIELD_NAMES
from support import PAGEFIND_UNORDERED, REPO, SiteFactory, brief_yaml, tree_digest

pytestmark = pytest.mark.e2e

GOOD = brief_yaml()


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes]
    expected: list[str]


def _bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcde", "bcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    return "\n".join(lines) + "\n"


CASES = [
    Case(
        "YAML syntax error",
        {"bad.yaml": "title: [unclosed\n"},
        [
            "briefs/bad.yaml:2:1: YAML syntax: while parsing a flow sequence, did not find expected ',' or ']'"
        ],
    ),
    Case(
        "tab indentation",
        {"bad.yaml": "title: A\n\tdate: 2026-01-01\n"},
        [
            "briefs/bad.yaml:2:1: YAML syntax: found a tab character; YAML indents with spaces, not tabs"
        ],
    ),
    Case(
        "wrong indentation",
        {"bad.yaml": "title: A\n  date: 2026-01-01\n"},
        [
            "briefs/bad.yaml:2:3: YAML syntax: check the indentation of line 2: it is deeper than the key above (line 1)"
        ],
    ),
    Case(
        "non-UTF-8 bytes",
        {"bad.yaml": b"title: A\nsummary: caf\xe9\n"},
        ["briefs/bad.yaml:2:13: byte 0xe9 is not valid UTF-8; save the file as UTF-8"],
    ),
    Case("empty file", {"bad.yaml": ""}, ["briefs/bad.yaml:1:1: file is empty"]),
    Case(
        "top-level list",
        {"bad.yaml": "- title: A\n"},
        [
            "briefs/bad.yaml:1:1: a brief is a mapping of fields (title: ..., date: ...), but this file holds a list"
        ],
    ),
    Case(
        "top-level scalar",
        {"bad.yaml": "Ford denies talks\n"},
        [
            "briefs/bad.yaml:1:1: a brief is a mapping of fields (title: ..., date: ...), but this file holds a single value"
        ],
    ),
    Case(
        "several documents",
        {"bad.yaml": GOOD + "---\n" + GOOD},
        ["briefs/bad.yaml:7:1: YAML syntax: a brief file holds one document; found a second one"],
    ),
    Case(
        "alias expansion bomb",
        {"bad.yaml": _bomb()},
        [
            "briefs/bad.yaml:1:32: file expands to more than 20,000 values (anchors and aliases?); refused"
        ],
    ),
    Case(
        "very deep nesting",
        {"bad.yaml": "title: " + "[" * 60 + "]" * 60 + "\n"},
        [f"nesting is deeper than {MAX_DEPTH} levels; refused"],
    ),
    Case(
        "file over the size limit",
        {"bad.yaml": "title: " + "x" * 600_000 + "\n"},
        ["briefs/bad.yaml:1:1: file is 600,008 bytes; a brief may be at most 524,288 bytes"],
    ),
    Case(
        "wrong types",
        {"bad.yaml": brief_yaml(title=["a"], tickers="F", draft="no", quotes=[1])},
        [
            "briefs/bad.yaml:2:1: title: expected text, found a list",
            "briefs/bad.yaml:8:10: tickers: expected a list",
            "briefs/bad.yaml:9:8: draft: expected true or false, found the text 'no'",
            "briefs/bad.yaml:11:3: quotes[0]: expected a mapping of fields, found the number 1",
        ],
    ),
    Case(
        "impossible date",
        {"bad.yaml": brief_yaml(date="2026-02-30")},
        [
            "briefs/bad.yaml:2:7: date: '2026-02-30' is not a real calendar date (day is out of range for month)"
        ],
    ),
    Case(
        "time without offset",
        {"bad.yaml": brief_yaml(date="2026-02-03T10:00")},
        ["briefs/bad.yaml:2:7: date: '2026-02-03T10:00' has a time but no UTC offset"],
    ),
    Case(
        "duplicate field",
        {"bad.yaml": "title: A\ntitle: B\n" + GOOD.split("\n", 1)[1]},
        ["briefs/bad.yaml:2:1: title: duplicate field; already set on line 1 (remove one)"],
    ),
    Case(
        "unknown field",
        {"bad.yaml": GOOD + "key_ponts: [x]\n"},
        ["briefs/bad.yaml:7:1: key_ponts: unknown field; did you mean 'key_points'?"],
    ),
    Case(
        "duplicate slugs in two files",
        {"a/same.yaml": GOOD, "b/same.yaml": GOOD},
        ["briefs/b/same.yaml:", "slug: 'same' is also used by briefs/a/same.yaml"],
    ),
    Case(
        "alias that is a brief's slug",
        {"bad.yaml": brief_yaml(aliases=["good-brief"])},
        [
            "briefs/bad.yaml:8:3: aliases[0]: 'good-brief' is the slug of briefs/good-brief.yaml; an alias is an old address that no brief uses any more"
        ],
    ),
    Case(
        "alias of two briefs",
        {"a.yaml": brief_yaml(aliases=["old"]), "b.yaml": brief_yaml(aliases=["old"])},
        [
            "briefs/b.yaml:8:3: aliases[0]: 'old' is also an alias of briefs/a.yaml; an old address can lead to one brief only"
        ],
    ),
    Case(
        "related slug that does not exist",
        {"bad.yaml": brief_yaml(related=["good-brief-typo"])},
        [
            "briefs/bad.yaml:8:3: related[0]: no brief has the slug 'good-brief-typo'; did you mean 'good-brief'?"
        ],
    ),
    Case(
        "story typo",
        {
            "s1.yaml": brief_yaml(story="ford-china"),
            "s2.yaml": brief_yaml(story="ford-china"),
            "s3.yaml": brief_yaml(story="ford-chian"),
        },
        [
            "briefs/s3.yaml:7:8: warning: story: no other brief is in story 'ford-chian'; did you mean 'ford-china'?"
        ],
    ),
    Case(
        "slug with a path in it",
        {"bad.yaml": brief_yaml(slug="../../etc/passwd")},
        [
            "briefs/bad.yaml:7:7: slug: '../../etc/passwd' is not a valid slug: use lowercase letters, digits and single hyphens; did you mean 'etc-passwd'?"
        ],
    ),
    Case(
        "reserved device name",
        {"con.yaml": GOOD},
        [
            "briefs/con.yaml:1:1: the file name 'con.yaml' makes no usable slug (a reserved file name on Windows); add a 'slug:' field"
        ],
    ),
    Case(
        "names equal after Unicode normalisation",
        {"Caf\u00e9.yaml": GOOD, "Cafe\u0301.yaml": GOOD},
        ["slug: 'cafe' is also used by"],
    ),
    Case(
        "names equal but for case",
        {"Ford.yaml": GOOD, "ford.yaml": GOOD},
        ["slug: 'ford' is also used by"],
    ),
    # desk: article types, correction kinds, authors' holdings
    Case(
        "an article type the site does not name",
        {"bad.yaml": brief_yaml(type="opinon")},
        [
            "briefs/bad.yaml:7:7: type: 'opinon' is not an article type of this site "
            "(analysis, explainer, news, opinion); did you mean 'opinion'?"
        ],
    ),
    Case(
        "a correction kind newsrooms do not use",
        {"bad.yaml": brief_yaml(corrections=[{"date": "2026-01-06", "text": "x", "kind": "fix"}])},
        [
            "briefs/bad.yaml:10:9: corrections[0].kind: expected one of 'correction', "
            "'clarification' or 'update', found the text 'fix'"
        ],
    ),
    Case(
        "a holding tickers.yaml does not list",
        {
            "_data/tickers.yaml": "F: {name: Ford Motor Company, exchange: NYSE}\n",
            "_data/authors.yaml": "Ana Ruiz:\n  holdings: [FORD]\n",
        },
        ["briefs/_data/authors.yaml:2:14: Ana Ruiz.holdings[0]: 'FORD' is not in tickers.yaml"],
    ),
    Case(
        "symbolic link out of briefs/",
        {},
        ["briefs/escape.yaml: symbolic link leads outside the briefs folder; not followed"],
    ),
    # names: the display-name registries.
    Case(
        "a story registry entry with a bad date and a misspelt field",
        {"_data/stories.yaml": "ford-ev-reset:\n  titel: Ford's EV Reset\n  started: 2025-12-32\n"},
        [
            "briefs/_data/stories.yaml:2:3: ford-ev-reset.titel: unknown field; did you mean "
            "'title'?",
            "briefs/_data/stories.yaml:3:12: ford-ev-reset.started: '2025-12-32' is not a real "
            "calendar date (day is out of range for month)",
        ],
    ),
    Case(
        "a sector registry entry that is not a mapping of fields",
        {"_data/sectors.yaml": "automotive: Automotive\n"},
        [
            "briefs/_data/sectors.yaml:1:13: automotive: input should be a valid dictionary or "
            "instance of SectorEntry"
        ],
    ),
]


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    factory = SiteFactory(tmp_path_factory.mktemp("good"))
    factory.create({"good-brief.yaml": GOOD})
    result = factory.mkdocs_build()
    assert result.returncode == 0, result.stderr
    return factory.root


def site_with_case(case: Case, good_site: Path, tmp_path: Path) -> SiteFactory:
    """A copy of the good site, built, with the files of ``case`` added to its briefs."""
    root = tmp_path / "site-root"
    shutil.copytree(good_site, root, symlinks=True)
    for relpath, content in case.files.items():
        path = root / "briefs" / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        (path.write_bytes if isinstance(content, bytes) else path.write_text)(content)  # type: ignore[operator]
    if case.name.startswith("symbolic link"):
        (tmp_path / "outside.yaml").write_text(GOOD)
        (root / "briefs" / "escape.yaml").symlink_to(tmp_path / "outside.yaml")
    return SiteFactory(root)


def assert_fails_cleanly(case: Case, site: SiteFactory, *, real_commands: bool) -> None:
    """``mkdocs build --strict`` and ``briefs check --strict`` exit 1 with every expected
    message and no traceback; the site built before is byte-for-byte untouched."""
    assert case.expected and all(case.expected), "a case must expect at least one message"
    build = site.mkdocs_build_process if real_commands else site.mkdocs_build
    briefs = site.briefs_process if real_commands else site.briefs
    root = site.root
    before = tree_digest(root / "site")
    result = build()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for expected in case.expected:
        assert expected in result.stderr, result.stderr
    assert tree_digest(root / "site") == before
    check = briefs("check", "--strict")
    assert check.returncode == 1 and "Traceback" not in check.stderr
    for expected in case.expected:
        assert expected in check.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_fails_the_build_with_a_clear_message_and_keeps_the_site(
    case: Case, good_site: Path, tmp_path: Path
) -> None:
    """The whole catalogue, with MkDocs and the command run in this process (fast)."""
    assert_fails_cleanly(case, site_with_case(case, good_site, tmp_path), real_commands=False)


# A syntax error (one file), a clash between two files, and a warning that strict mode makes
# fatal: the three ways a build fails, through the real `mkdocs` and `briefs` commands.
REAL_COMMAND_CASES = ["YAML syntax error", "duplicate slugs in two files", "story typo"]


@pytest.mark.parametrize("name", REAL_COMMAND_CASES)
def test_bad_input_fails_the_real_commands_too(name: str, good_site: Path, tmp_path: Path) -> None:
    (case,) = [c for c in CASES if c.name == name]
    assert_fails_cleanly(case, site_with_case(case, good_site, tmp_path), real_commands=True)


@pytest.mark.parametrize("field", [f for f in FIELD_NAMES if f != "draft"])
def test_a_mapping_in_any_field_is_a_positioned_error(field: str, site: SiteFactory) -> None:
    site.create({"x.yaml": brief_yaml(**{field: {"oops": 1}})})
    result = site.briefs("check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any(
        line.startswith("briefs/x.yaml:") and f": {field}" in line
        for line in result.stderr.splitlines()
    ), result.stderr


def test_byte_order_mark_is_accepted(site: SiteFactory) -> None:
    site.create({})
    (site.root / "briefs").mkdir()
    (site.root / "briefs" / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    result = site.mkdocs_build()
    assert result.returncode == 0, result.stderr


def test_two_builds_of_the_same_input_are_byte_identical(
    site: SiteFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.create({"a.yaml": GOOD, "b.yaml": brief_yaml(related=["a"], category="Energy")})
    # The build time (generator/graph/schedule.py): after the briefs, which are then live.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788220800")
    # Two real processes, so two hash seeds: any set or dict order in the output would show.
    # They only read the project and write their own folder, so they run side by side.
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(site.mkdocs_build_process, ["-d"] * 2, ["one", "two"]))
    for result in results:
        assert result.returncode == 0, result.stderr
    for page in ("index.html", "briefs/a/index.html", "briefs/b/index.html"):
        assert (site.root / "one" / page).is_file(), page  # a build that wrote nothing fails
    one, two = (tree_digest(site.root / name, skip=PAGEFIND_UNORDERED) for name in ("one", "two"))
    assert one == two
    assert [p.name for p in (site.root / "one/pagefind/fragment").iterdir()]  # it was compared
    assert len(list((site.root / "one/pagefind/filter").iterdir())) == len(
        list((site.root / "two/pagefind/filter").iterdir())
    )


def test_bad_input_document_lists_every_case() -> None:
    text = (REPO / "BAD_INPUT.md").read_text("utf-8")
    missing = [case.name for case in CASES if f"| {case.name} |" not in text]
    assert not missing, f"document these in BAD_INPUT.md: {missing}"
