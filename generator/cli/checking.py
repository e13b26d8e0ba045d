"""``briefs check``: which problems a check reports, and its JSON format (the text and
GitHub formats are the ones every run uses: errors.py, policy.py).

A check of some files (``briefs check PATH...``) still runs the whole site, since whether a
``related`` slug exists or a story id is a typo depends on the other briefs, then reports
only the problems of the files asked about. A brief outside the briefs folder (one just
imported, say) is checked on its own: its YAML, its fields and its placeholders, not its
links to other briefs.

The JSON format is a list of problems, each with the same six fields (README.md, "Checking
briefs"); it only ever gains fields, so scripts that read it keep working.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from generator.build.pipeline import read_brief
from generator.errors import Problem, display_path, visible
from generator.graph.sanity import warnings as sanity_warnings
from generator.source.loader import discover

Format = Literal["text", "github", "json"]
FORMATS: tuple[Format, ...] = ("text", "github", "json")


@dataclass(frozen=True)
class Selection:
    """What ``briefs check PATH...`` asked about: paths in the briefs folder (files or
    folders; their problems are picked from the site's check) and brief files outside it
    (checked one by one)."""

    inside: tuple[Path, ...]
    outside: tuple[Path, ...]
    problems: tuple[Problem, ...] = ()
    """Problems finding the files outside (a folder that cannot be read)."""

    @classmethod
    def of(cls, paths: Iterable[Path], briefs_dir: Path) -> Selection:
        root = briefs_dir.resolve()
        inside: list[Path] = []
        outside: list[Path] = []
        problems: list[Problem] = []
        for path in paths:
            real = path.resolve()
            if real == root or real.is_relative_to(root):
                inside.append(real)
            elif path.is_dir():
                found, found_problems = discover(path)
                outside += found
                problems += found_problems
            else:
                outside.append(path)
        return cls(tuple(inside), tuple(outside), tuple(problems))

    def covers(self, problem: Problem) -> bool:
        """Whether ``problem`` is in a file or folder asked about."""
        real = problem.path.resolve()
        return any(real == path or real.is_relative_to(path) for path in self.inside)

    def brief_count(self, sources: Iterable[Path]) -> int:
        """How many of the site's briefs (their source files) were asked about, plus the
        files outside."""
        inside = sum(1 for source in sources if self.covers(Problem(source, "")))
        return inside + len(self.outside)


def check_outside(files: Sequence[Path], *, now: datetime | None = None) -> list[Problem]:
    """Briefs outside the briefs folder, each on its own."""
    problems: list[Problem] = []
    for path in files:
        brief, _, brief_problems = read_brief(path)
        problems += brief_problems
        if brief is not None:
            problems += sanity_warnings([brief], now=now or datetime.now(UTC))
    return problems


def record(problem: Problem) -> dict[str, Any]:
    """One problem in the JSON format: ``file`` (as the other formats print it, relative
    to the working folder when below it), ``line`` and ``column`` (1-based, or null when the
    problem is about the whole file), ``field`` (``risks[0].title``, or null), ``severity``
    (``error`` or ``warning``) and ``message``."""
    position = problem.position
    return {
        "file": visible(display_path(problem.path)),
        "line": position.line if position else None,
        "column": position.col if position else None,
        "field": visible(problem.field) if problem.field else None,
        "severity": problem.severity,
        "message": visible(problem.message),
    }


def as_json(problems: Sequence[Problem]) -> str:
    """Every problem, in file order, as a JSON list of :func:`record` objects."""
    ordered = sorted(problems, key=Problem.sort_key)
    return json.dumps([record(p) for p in ordered], indent=2, ensure_ascii=False)
