"""`briefs import`: plain-text briefs laid out as published pages become YAML briefs that
pass `briefs check`, with every sentence of the body in its section of the built page."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from hypothesis import given
from hypothesis import strategies as st

from corpus.hostile_imports import CASES, Case, parse, plain_brief
from generator.authoring import importer, quotes
from generator.authoring.importer import ImportedBrief, as_yaml, parse_plain_text, quotes_in
from generator.source.loader import MAX_FILE_BYTES, parse_brief_text
from support import SiteFactory, paths
from support.files import unblock_after

EXAMPLE = Path("/work/shared/examples/seed-brief-ford-xiaomi.txt")
FIXTURES = paths.FIXTURES / "import"
IMPACTS = re.compile(r" \(impacts [^)]*\)")
SECTION_HEADINGS = ("key points", "summary", "details", "risks", "more from")


def _import(site: SiteFactory, *files: Path) -> list[Path]:
    result = site.briefs("import", *map(str, files))
    assert result.returncode == 0, result.stderr
    return [site.root / line for line in result.stdout.splitlines()]


def _fields(path: Path) -> dict[str, object]:
    raw, problems = parse_brief_text(path, path.read_text("utf-8"))
    assert raw is not None and not problems
    return raw.data


# ---------------------------------------------------------------------------------------------
# The example: every sentence of the body is on the built page, in its section.


def _source_sections(text: str) -> dict[str, list[str]]:
    """The example's body by section, read independently of the importer: the lead (after
    the repeated ticker line), then each heading's paragraphs and bullets."""
    lines = text.replace("\r\n", "\n").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("By ")) + 3
    sections: dict[str, list[str]] = {"lead": []}
    current = "lead"
    for line in lines[start:]:
        words = " ".join(line.split()).strip("• ")
        heading = words.lower()
        if heading.startswith("more from"):
            break
        if heading in SECTION_HEADINGS or heading in ("investor tool mention", "contextual note"):
            current = heading
            sections[current] = []
        elif words:
            sections[current].append(words)
    return sections


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])[\"”]?\s+(?=[\"“A-Z])", text) if s.strip()]


def _page_sections(html: str) -> dict[str, str]:
    soup = BeautifulSoup(html, "html.parser")
    article = soup.find("article") or soup

    def text(nodes: list[Tag]) -> str:
        # The page shows typographic quotes (smart_quotes); the source has straight ones.
        shown = " ".join(" ".join(node.get_text("").split()) for node in nodes)
        return shown.translate(str.maketrans("\u201c\u201d\u2018\u2019", "\"\"''"))

    def after_heading(name: str) -> str:
        heading = next(h for h in article.find_all("h2") if h.get_text().startswith(name))
        nodes = []
        for node in heading.find_next_siblings():
            if node.name == "h2" or "nb-note" in (node.get("class") or []):
                break
            nodes.append(node)
        return text(nodes)

    notes = {
        " ".join(note.find(class_="admonition-title").get_text().split()).lower(): text([note])
        for note in article.select(".nb-note")
    }
    return {
        "lead": text(article.select(".nb-lead")),
        "key points": text(article.select(".nb-key-points")),
        "summary": after_heading("Summary"),
        "details": after_heading("Details"),
        "risks": after_heading("Risks"),
        **notes,
    }


@pytest.mark.skipif(not EXAMPLE.is_file(), reason="the shared example is not on this machine")
def test_the_example_publishes_every_sentence_in_its_section(site: SiteFactory) -> None:
    site.create({})
    (path,) = _import(site, EXAMPLE)
    assert path.relative_to(site.root).parts[:3] == ("briefs", "2026", "01")
    check = site.briefs("check", "--strict")
    assert check.returncode == 0, check.stderr
    build = site.mkdocs_build()
    assert build.returncode == 0, build.stderr
    html = (site.root / "site" / "briefs" / path.stem / "index.html").read_text("utf-8")
    page = _page_sections(html)
    source = _source_sections(EXAMPLE.read_text("utf-8"))
    assert set(source) == {
        "lead",
        *SECTION_HEADINGS[:4],
        "investor tool mention",
        "contextual note",
    }
    for section, paragraphs in source.items():
        for paragraph in paragraphs:
            if section == "risks":  # "Title - text (impacts ...)": title and text, sectors apart
                title, _, rest = paragraph.partition(" - ")
                paragraph = f"{title}. {IMPACTS.sub('', rest)}"
            for sentence in _sentences(paragraph):
                assert sentence in page[section], (section, sentence)
    # The quotation with a clear speaker is also a quote.
    data = _fields(path)
    assert data["quotes"] == [
        {
            "text": "China has already shown in recent months that it will weaponize the auto "
            "supply chain. This is a serious vulnerability and it would only get worse if Ford "
            "enters into a new partnership with BYD.",
            "by": "John Moolenaar",
            "role": "Representative",
        }
    ]
    assert data["tickers"] == ["F"] and data["byline"] == "Caleb Monroe"
    assert data["risks"][0]["sectors"] == ["automotive", "manufacturing"]  # type: ignore[index]
    assert "Vanguard" not in path.read_text("utf-8")  # the "More from" list is dropped


# ---------------------------------------------------------------------------------------------
# Variants of the layout.


def test_several_tickers_a_dek_upper_case_headings_and_risks(site: SiteFactory) -> None:
    site.create({})
    (path,) = _import(site, FIXTURES / "refiners-several-tickers.txt")
    assert path.relative_to(site.root).as_posix() == (
        "briefs/2026/02/refiners-slip-as-fuel-margins-narrow-again.yaml"
    )
    data = _fields(path)
    assert data["byline"] == "Dana Whitfield" and data["tickers"] == ["VLO", "MPC", "PSX"]
    assert data["dek"].startswith("Crack spreads fell")  # type: ignore[union-attr]
    assert data["lead"] == (
        "Shares of the biggest U.S. refiners eased on Wednesday as the gap between crude costs "
        "and fuel prices shrank again. Traders pointed to mild weather and full inventories."
        "\n\nAnalysts said the pullback looked seasonal rather than structural."
    )
    assert len(data["key_points"]) == 2  # type: ignore[arg-type]
    assert data["risks"] == [
        {
            "title": "Demand slowdown",
            "text": "A weaker economy could cut fuel use faster than refiners can adjust runs.",
            "sectors": ["refining", "transportation"],
        },
        {
            "title": "Policy changes",
            "text": "New blending rules could raise compliance costs for smaller plants.",
        },
    ]
    assert data["quotes"] == [
        {
            "text": "We expect margins to recover once the spring maintenance season takes "
            "capacity offline.",
            "by": "Lane Riggs",
            "role": "Valero chief executive",
        }
    ]
    assert site.briefs("check", "--strict", str(path)).returncode == 0


def test_crlf_no_dek_no_risks_and_an_aside(site: SiteFactory) -> None:
    site.create({})
    crlf = site.root / "chips.txt"
    crlf.write_bytes((FIXTURES / "chips-no-dek-no-risks.txt").read_bytes().replace(b"\n", b"\r\n"))
    (path,) = _import(site, crlf)
    data = _fields(path)
    assert "dek" not in data and "risks" not in data and "quotes" not in data
    assert data["date"] == "2026-03-09" and data["category"] == "Technology"
    assert data["key_points"] == [
        "Orders for new accelerators are ahead of supply.",
        "Gross margin guidance was raised by a point.",
    ]
    assert data["notes"] == [
        {
            "title": "Contextual note",
            "text": "The figures were given on a call with analysts and have not been filed "
            "with regulators.",
        }
    ]
    assert "\r" not in path.read_text("utf-8")
    assert site.briefs("check", str(path)).returncode == 0


def test_out_writes_into_a_folder_with_a_modeline_that_finds_the_schema(site: SiteFactory) -> None:
    site.create({})
    result = site.briefs("import", "--out", "incoming", str(FIXTURES / "chips-no-dek-no-risks.txt"))
    assert result.returncode == 0, result.stderr
    path = site.root / result.stdout.strip()
    assert path.parent == site.root / "incoming"
    first = path.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/brief.schema.json"


# ---------------------------------------------------------------------------------------------
# Failures: the line, nothing written, nothing replaced.


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "bad-risk.txt",
            "bad-risk.txt:19:1: a risk is written 'Title - what could happen (impacts ...)'",
        ),
        (
            "no-summary.txt",
            "no-summary.txt:13:1: expected a 'Summary' heading before this one",
        ),
    ],
)
def test_a_layout_it_does_not_know_names_the_line_and_writes_nothing(
    site: SiteFactory, fixture: str, expected: str
) -> None:
    site.create({})
    good = FIXTURES / "refiners-several-tickers.txt"
    result = site.briefs("import", str(good), str(FIXTURES / fixture))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert any(line.endswith(expected) for line in result.stderr.splitlines()), result.stderr
    assert result.stderr.splitlines()[-1] == "1 problem; nothing was written"
    assert not (site.root / "briefs").exists() or not list((site.root / "briefs").rglob("*"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hello there\n", "1:1: expected the category and the date"),
        ("Autos April 31, 2026\n\nTitle\n", "1:1: 'Autos April 31, 2026' has no such date"),
        (
            "Autos April 2, 2026\n\nTitle\n\nA dek\n\nAnother paragraph\n",
            "5:1: expected the byline",
        ),
        (
            "Autos April 2, 2026\n\nTitle\n\nBy Ann Boyd F\n\nLead.\n\nSummary\n\nText.\n",
            "9:1: expected a 'Key Points' heading before this one",
        ),
        (
            "Autos April 2, 2026\n\nTitle\n\nBy Ann Boyd F\nTitle\nGM\n",
            "7:1: the tickers GM differ from the byline's (F)",
        ),
    ],
)
def test_layout_errors(text: str, expected: str) -> None:
    with pytest.raises(ValueError, match=re.escape(expected)):
        parse_plain_text(Path("x.txt"), text)


def test_import_never_replaces_a_file(site: SiteFactory) -> None:
    site.create({})
    (path,) = _import(site, FIXTURES / "chips-no-dek-no-risks.txt")
    path.write_text("mine\n", "utf-8")
    again = site.briefs("import", str(FIXTURES / "chips-no-dek-no-risks.txt"))
    assert again.returncode == 2 and "already exists; nothing was written" in again.stderr
    assert path.read_text("utf-8") == "mine\n"


def test_import_needs_a_file(site: SiteFactory) -> None:
    site.create({})
    assert site.briefs("import").returncode == 2
    assert site.briefs("import", "missing.txt").returncode == 2


# ---------------------------------------------------------------------------------------------
# Quotes and YAML.


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            '"We will keep building here for decades," Ford said.',
            [{"text": "We will keep building here for decades.", "by": "Ford"}],
        ),
        (
            'Jim Farley said: "The plant stays open and the jobs stay here."',
            [{"text": "The plant stays open and the jobs stay here.", "by": "Jim Farley"}],
        ),
        ('"We will keep building here for decades," he said.', []),
        ('It called the report "completely false," and moved on.', []),
        ('Both said "nothing to add" while "the talks went on for some time" continued.', []),
    ],
)
def test_only_quotes_with_a_clear_speaker(paragraph: str, expected: list[dict[str, str]]) -> None:
    assert quotes_in([paragraph]) == expected


_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn"]),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() == s and "\n" not in s)


@given(title=_TEXT, summary=_TEXT, point=_TEXT)
def test_any_text_round_trips_through_the_yaml_it_writes(
    title: str, summary: str, point: str
) -> None:
    fields = {
        "title": title,
        "date": "2026-01-05",
        "category": "Autos",
        "key_points": [point, "1e3", "true"],
        "summary": f"{summary}\n\n{summary}",
    }
    text = as_yaml(ImportedBrief(Path("x.txt"), fields), None)
    raw, problems = parse_brief_text(Path("x.yaml"), text)
    assert raw is not None and not problems, text
    assert raw.data == fields
    assert yaml.safe_load(text)["title"] == title


@pytest.mark.parametrize("out", ["docs", "site", "."])
def test_import_never_writes_into_docs_site_or_the_project_folder(
    site: SiteFactory, out: str
) -> None:
    site.create({})
    result = site.briefs("import", "--out", out, str(FIXTURES / "chips-no-dek-no-risks.txt"))
    assert result.returncode == 2 and result.stderr.startswith("briefs: refusing --out")
    assert not list(site.root.rglob("*.yaml"))


def test_a_dek_that_starts_with_by_is_not_a_byline() -> None:
    text = (
        "Markets May 4, 2026\n\nFunds Cut Fees Again\n\n"
        "By year-end, most index funds may cost less than a tenth of a percent\n\n"
        "By Ann Boyd VTI\n\nFund fees fell again.\n\nKey Points\n\n- Fees fell.\n\n"
        "Summary\n\nFees fell for the third year.\n"
    )
    fields = parse_plain_text(Path("x.txt"), text).fields
    assert fields["dek"].startswith("By year-end")
    assert fields["byline"] == "Ann Boyd" and fields["tickers"] == ["VTI"]


def test_a_byline_with_numeric_tickers_is_a_byline() -> None:
    """Tokyo's 7203 and Hong Kong's 0700 are tickers the brief format takes; a byline that
    ends with one was not recognised, and the error pointed at the byline itself."""
    text = (
        "Autos May 4, 2026\n\nToyota and Tencent Sign a Car Software Deal\n\n"
        "By 2027, the software will ship in most new Toyota models\n\n"
        "By Ann Boyd 7203 0700\n\nThe two companies signed a deal.\n\nKey Points\n\n"
        "- A deal was signed.\n\nSummary\n\nA deal was signed on Monday.\n"
    )
    fields = parse_plain_text(Path("x.txt"), text).fields
    assert fields["dek"].startswith("By 2027, the software")
    assert fields["byline"] == "Ann Boyd" and fields["tickers"] == ["7203", "0700"]


# ---------------------------------------------------------------------------------------------
# `briefs import` with hostile input: text made to defeat its patterns gives the right
# result (benchmarks/adversarial.py times the same cases at 100 KB), files that are not
# plain text files are refused as briefs are, and messages quote a short excerpt.


SMALL = 2_000
"""Characters of hostile text in each case: enough to hit every path of the patterns."""


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_text_imports_correctly(case: Case) -> None:
    case.expect(SMALL, parse(case.make(SMALL)))


def test_every_pattern_of_the_importer_has_a_hostile_case() -> None:
    """A pattern added without a case would escape the benchmark."""
    patterns = {
        name
        for module in (importer, quotes)
        for name, value in vars(module).items()
        if isinstance(value, re.Pattern)
    }
    covered = {pattern for case in CASES for pattern in case.patterns}
    assert patterns <= covered, patterns - covered


def test_the_hostile_cases_parse_the_same_text_at_every_size() -> None:
    """The benchmark's sizes give the results the test checks (the cases scale)."""
    for case in CASES:
        case.expect(3 * SMALL, parse(case.make(3 * SMALL)))


# ---------------------------------------------------------------------------------------------
# Files: the rules `briefs check` applies to briefs.


def _import_status(site: SiteFactory, *files: str) -> tuple[int, str]:
    result = site.briefs("import", *files)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def _nothing_written(site: SiteFactory) -> bool:
    briefs = site.root / "briefs"
    return not briefs.exists() or not list(briefs.rglob("*.yaml"))


def test_a_named_pipe_is_refused_without_waiting(site: SiteFactory) -> None:
    site.create({})
    os.mkfifo(site.root / "pipe.txt")
    # Reading the pipe would block (as main did): a writer that comes later ends the test.
    timer = unblock_after(site.root / "pipe.txt", 20)
    try:
        status, stderr = _import_status(site, "pipe.txt")
    finally:
        timer.cancel()
    assert status == 1 and _nothing_written(site)
    assert stderr.startswith(
        "pipe.txt: not a regular file (a named pipe); only regular files are imported\n"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_dev_zero_and_a_link_to_it_are_refused_unread(site: SiteFactory) -> None:
    site.create({})
    (site.root / "zero.txt").symlink_to("/dev/zero")
    status, stderr = _import_status(site, "/dev/zero", "zero.txt")
    assert status == 1 and _nothing_written(site)
    lines = stderr.splitlines()
    assert (
        "/dev/zero: not a regular file (a character device); only regular files are imported"
        in lines
    )
    assert (
        "zero.txt: not a regular file (a character device); only regular files are imported"
        in lines
    )


def test_a_file_over_the_brief_size_limit_is_refused(site: SiteFactory) -> None:
    site.create({})
    text = plain_brief(lead="Ford held talks. " * (MAX_FILE_BYTES // 17 + 1))
    (site.root / "big.txt").write_text(text, "utf-8")
    status, stderr = _import_status(site, "big.txt")
    assert status == 1 and _nothing_written(site)
    size = len(text.encode("utf-8"))
    assert stderr.startswith(
        f"big.txt:1:1: file is {size:,} bytes; a plain-text brief may be at most "
        f"{MAX_FILE_BYTES:,} bytes, as a brief may\n"
    )


def test_a_file_at_the_limit_is_read(site: SiteFactory) -> None:
    site.create({})
    text = plain_brief()
    padded = text + " " * (MAX_FILE_BYTES - len(text.encode("utf-8")))
    (site.root / "full.txt").write_text(padded, "utf-8")
    status, stderr = _import_status(site, "full.txt")
    assert status == 0, stderr


def test_bytes_that_are_not_utf8_are_positioned(site: SiteFactory) -> None:
    site.create({})
    (site.root / "latin.txt").write_bytes(b"\xef\xbb\xbfAutos May 4, 2026\n\nCaf\xe9 Talks\n")
    status, stderr = _import_status(site, "latin.txt")
    assert status == 1 and _nothing_written(site)
    assert stderr.startswith("latin.txt:3:4: byte 0xe9 is not valid UTF-8; save the file as UTF-8")


def test_a_40000_character_line_is_quoted_by_its_start(site: SiteFactory) -> None:
    site.create({})
    line = "Hello " * 6_667
    (site.root / "long.txt").write_text(plain_brief(dateline=line), "utf-8")
    status, stderr = _import_status(site, "long.txt")
    assert status == 1
    (first, summary) = stderr.splitlines()
    assert first.startswith("long.txt:1:1: expected the category and the date, like ")
    assert first.endswith(f"found {line.strip()[:60]!r}... (40,001 characters)")
    assert summary == "1 problem; nothing was written"
