"""Building with each engine ``briefs build --engine`` runs, as a user would: the real command."""

from __future__ import annotations

from pathlib import Path

from generator.build import engines
from support.commands import run
from support.paths import BIN

ENGINES = list(engines.ENGINES)


def build(root: Path, engine: str, *extra: str) -> tuple[int, str]:
    """``briefs build --engine ENGINE --strict`` in ``root``, in its own process: the exit
    status, and stdout and stderr together."""
    result = run([str(BIN / "briefs"), "build", "--engine", engine, "--strict", *extra], cwd=root)
    return result.returncode, result.stdout + result.stderr
