"""The README's "Architecture" tells the story the tree and the import contracts tell: every
module of generator/ has its row, every module a row names exists, the folders' order is the
contracts' layers; and every source path the documentation names (README.md, BAD_INPUT.md,
benchmarks/README.md) exists, so a module moved or renamed cannot leave the docs behind; and
every link to a section (``#scheduling-a-brief``, ``BAD_INPUT.md#kept-state-in-newsbriefs``)
leads to a heading; and the first commands of "Your first brief" print what it shows."""

from __future__ import annotations

import re
import shlex
import shutil
import tomllib
from pathlib import Path

import pytest

from support.commands import briefs_in_process
from support.paths import REPO
from support.sites import copy_sample

README = REPO / "README.md"
DOCUMENTS = ("README.md", "BAD_INPUT.md", "benchmarks/README.md")

SOURCE_PATH = re.compile(r"\b(?:generator|tests|benchmarks|corpus)/[\w/.-]*\w\.py\b")


def _architecture() -> str:
    text = README.read_text("utf-8")
    start = text.index("\n## Architecture\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def _modules() -> set[str]:
    """Every module of the package, as a path from the repository; an ``__init__.py`` only
    when it holds more than its docstring (the folder's docstring is not a module's job)."""
    found = set()
    for path in (REPO / "generator").rglob("*.py"):
        if path.name == "__init__.py" and "\ndef " not in path.read_text("utf-8"):
            continue
        found.add(path.relative_to(REPO).as_posix())
    return found


def test_every_module_has_its_row_and_every_row_a_module() -> None:
    rows = set(re.findall(r"^\| `(generator/[\w/]+\.py)` \|", _architecture(), re.MULTILINE))
    modules = _modules()
    assert not modules - rows, f"modules the Architecture table lacks: {sorted(modules - rows)}"
    assert not rows - modules, f"rows for modules that do not exist: {sorted(rows - modules)}"


def test_every_stage_folder_is_in_the_stage_table() -> None:
    folders = {
        path.parent.relative_to(REPO).as_posix() + "/"
        for path in (REPO / "generator").glob("*/__init__.py")
    }
    rows = set(re.findall(r"^\| `(generator/\w+/)` \|", _architecture(), re.MULTILINE))
    assert folders == rows


def test_the_order_it_states_is_the_import_contracts_layers() -> None:
    contracts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]
    layers = next(
        contract["layers"]
        for contract in contracts["importlinter"]["contracts"]
        if contract["type"] == "layers"
    )
    expected = [
        sorted(name.strip().removeprefix("generator.") for name in layer.split("|"))
        for layer in layers
    ]
    text = " ".join(_architecture().split())
    sentence = re.search(r"the folders below it: (.*?)\. ", text)
    assert sentence is not None
    stated = [sorted(re.findall(r"`(\w+)`", part)) for part in sentence.group(1).split(" > ")]
    assert stated == expected


def _history(text: str, found: re.Match[str]) -> bool:
    """A file the text names as gone: "the former `benchmarks/build_times.py`", or in a
    ``git log -- PATH`` that finds its history."""
    before = " ".join(text[max(0, found.start() - 20) : found.start()].split())
    return before.endswith(("former `", "git log --"))


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_source_path_it_names_exists(document: str) -> None:
    text = (REPO / document).read_text("utf-8")
    named = {found.group() for found in SOURCE_PATH.finditer(text) if not _history(text, found)}
    assert named, "the pattern finds nothing: the test would pass whatever the text says"
    missing = sorted(path for path in named if not (REPO / path).is_file())
    assert not missing, f"{document} names files that do not exist: {missing}"


def _anchors(document: str) -> set[str]:
    """The anchors GitHub gives a document's headings: lower case, punctuation dropped,
    spaces made hyphens (``Kept state in `.newsbriefs/` `` -> ``kept-state-in-newsbriefs``)."""
    text = (REPO / document).read_text("utf-8")
    return {
        re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        for heading in re.findall(r"^#{1,6} (.+)$", text, re.MULTILINE)
    }


def test_every_link_to_a_section_leads_to_a_heading() -> None:
    text = README.read_text("utf-8")
    links = re.findall(r"\]\(((?:BAD_INPUT\.md)?)#([^)]+)\)", text)
    assert links
    broken = [
        f"{document}#{anchor}"
        for document, anchor in links
        if anchor not in _anchors(document or "README.md")
    ]
    assert not broken, f"README.md links to sections that do not exist: {broken}"


def _section(title: str) -> str:
    text = README.read_text("utf-8")
    start = text.index(f"\n## {title}\n")
    return text[start : text.index("\n## ", start + 1)]


DATED_FOLDER = re.compile(r"\bbriefs/\d{4}/\d{2}/")
"""The year and month folder ``briefs new`` writes in: today's when the test runs."""


def _undated(lines: list[str]) -> list[str]:
    return [DATED_FOLDER.sub("briefs/YYYY/MM/", line) for line in lines]


def test_your_first_brief_prints_what_the_readme_shows(tmp_path: Path) -> None:
    """The README's ``briefs new`` example, run on a fresh copy of the sample site, prints
    the path the README shows; ``briefs check`` of that file prints the README's lines, no
    more and no fewer (a registry or a check that changes what a newcomer sees fails here
    until the README says so)."""
    section = _section("Your first brief")
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL)
    assert block is not None
    command_text, _, shown = block.group(1).replace("\\\n", " ").partition("\n# ")
    new_args = shlex.split(command_text)
    assert new_args[:2] == ["briefs", "new"]
    check_args = re.search(r"`(briefs check briefs/[^`]+)`", section)
    expected = re.search(r"```text\n(.*?)```", section, re.DOTALL)
    assert check_args is not None and expected is not None

    root = copy_sample(tmp_path)
    shutil.copytree(REPO / "schemas", root / "schemas")  # in every clone
    new = briefs_in_process(root, *new_args[1:])
    assert new.returncode == 0, new.stderr
    assert new.stderr == ""
    assert _undated(new.stdout.splitlines()) == _undated([shown.strip()])

    written = new.stdout.strip()
    args = [*shlex.split(check_args.group(1))[1:-1], written]
    check = briefs_in_process(root, *args)
    assert check.returncode == 0, check.stderr
    printed = check.stderr.splitlines() + check.stdout.splitlines()
    shown_lines = [line.strip() for line in expected.group(1).strip().splitlines()]
    assert _undated(printed) == _undated(shown_lines)
