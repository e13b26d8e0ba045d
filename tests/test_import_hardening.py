"""`briefs import` with hostile input: text made to defeat its patterns gives the right
result (benchmarks/adversarial.py times the same cases at 100 KB), files that are not
plain text files are refused as briefs are, and messages quote a short excerpt."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import SiteFactory
from hostile_imports import CASES, Case, parse, plain_brief
from test_hardening_fs import _unblock_after

from generator.authoring import importer, quotes
from generator.source.loader import MAX_FILE_BYTES

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


def _import(site: SiteFactory, *files: str) -> tuple[int, str]:
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
    timer = _unblock_after(site.root / "pipe.txt", 20)
    try:
        status, stderr = _import(site, "pipe.txt")
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
    status, stderr = _import(site, "/dev/zero", "zero.txt")
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
    status, stderr = _import(site, "big.txt")
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
    status, stderr = _import(site, "full.txt")
    assert status == 0, stderr


def test_bytes_that_are_not_utf8_are_positioned(site: SiteFactory) -> None:
    site.create({})
    (site.root / "latin.txt").write_bytes(b"\xef\xbb\xbfAutos May 4, 2026\n\nCaf\xe9 Talks\n")
    status, stderr = _import(site, "latin.txt")
    assert status == 1 and _nothing_written(site)
    assert stderr.startswith("latin.txt:3:4: byte 0xe9 is not valid UTF-8; save the file as UTF-8")


def test_a_40000_character_line_is_quoted_by_its_start(site: SiteFactory) -> None:
    site.create({})
    line = "Hello " * 6_667
    (site.root / "long.txt").write_text(plain_brief(dateline=line), "utf-8")
    status, stderr = _import(site, "long.txt")
    assert status == 1
    (first, summary) = stderr.splitlines()
    assert first.startswith("long.txt:1:1: expected the category and the date, like ")
    assert first.endswith(f"found {line.strip()[:60]!r}... (40,001 characters)")
    assert summary == "1 problem; nothing was written"
