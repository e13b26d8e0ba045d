"""The site's own pages in docs_dir, and the rule that generated pages never displace them.

A clash is a problem like any other, found by the pipeline before anything is built: two
files that publish at one URL (``docs/categories.md`` and the generated
``categories/index.md`` are both ``/categories/``) would silently lose one of them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from generator.build.write import MANIFEST
from generator.errors import Position, Problem
from generator.graph.urls import PublicUrls


def published(path: str) -> bool:
    """Whether MkDocs publishes a docs file by default: not a hidden file or folder
    (``.secret.txt``), not under the top-level ``templates/`` (its ``exclude_docs``)."""
    parts = path.split("/")
    return not any(part.startswith(".") for part in parts) and parts[0] != "templates"


def own_files(docs_dir: Path | None) -> dict[str, Path]:
    """The site's files in docs_dir by their path inside it (posix), sorted."""
    if docs_dir is None or not docs_dir.is_dir():
        return {}
    return {
        p.relative_to(docs_dir).as_posix(): p for p in sorted(docs_dir.rglob("*")) if p.is_file()
    }


def clashes(generated: Iterable[str], docs_dir: Path | None, public: PublicUrls) -> list[Problem]:
    """A problem for each of the site's files that a generated page would displace: both
    would be written to one file of the built site (urls.py knows which)."""
    if docs_dir is not None and (docs_dir / MANIFEST).is_file():
        message = (
            "docs_dir holds a tree written by 'briefs generate'; the briefs plugin and "
            "'briefs build' generate those pages themselves: delete the files this manifest "
            "lists (and it), or generate into another folder"
        )
        return [Problem(docs_dir / MANIFEST, message, Position(1, 1))]
    mine = {public.output_path(path): path for path in generated}
    problems = []
    for path, file in own_files(docs_dir).items():
        theirs = mine.get(public.output_path(path))
        if theirs is None:
            continue
        hint = " (or set 'home: false' to keep your own home page)" if theirs == "index.md" else ""
        message = (
            f"publishes at /{public.url(path)}, where newsbriefs generates {theirs}; "
            f"rename or move this file{hint}"
        )
        problems.append(Problem(file, message, Position(1, 1)))
    return problems
