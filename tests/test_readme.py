"""The README's "Architecture" tells the story the tree and the import contracts tell: every
module of generator/ has its row, every module a row names exists, the folders' order is the
contracts' layers; and every source path the documentation names (README.md, BAD_INPUT.md,
benchmarks/README.md) exists, so a module moved or renamed cannot leave the docs behind; and
every link to a section (``#scheduling-a-brief``, ``BAD_INPUT.md#kept-state-in-newsbriefs``)
leads to a heading."""

from __future__ import annotations

import re
import tomllib

import pytest

from support.paths import REPO

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
